"""Request families of the ELEVENTH blind marketer set: ten conditional and ordering sentence structures. ``render``
turns condition leaves (``blind11_leaves.Leaf``) of one shape (leaf, and, or, and_not, not, and_or) into a
request; ``decline`` writes one about data the shop does not hold."""

from __future__ import annotations

import random

from blind11_leaves import Leaf, conj

FAMILIES = ["nobody_unless", "as_long_as_tail", "only_if_repeated", "whenever_check", "yes_no_procedure",
            "include_drop_rules", "two_groups_pick_one", "two_sentence_must", "if_qualifying_means", "inverted_should"]


class W:
    """Word choices for one request."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def c(self, options: list[str]) -> str:
        return self.r.choice(options)

    def vp(self, leaf: Leaf, form: str = "pl") -> str:
        return conj(self.r.choice(leaf.vp), form)

    def neg(self, leaf: Leaf, form: str = "pl") -> str:
        return conj(self.r.choice(leaf.neg), form)

    def who(self, leaf: Leaf) -> str:
        """What follows 'customers': a relative clause or the leaf's modifier."""
        return "who " + self.vp(leaf) if self.r.random() < 0.6 or not leaf.mod else self.r.choice(leaf.mod)

    def both(self, parts: list[str]) -> str:
        if len(parts) == 2:
            return f"{parts[0]}{self.c([' and ', ' and also ', ', and '])}{parts[1]}"
        return f"{parts[0]}, {parts[1]}{self.c([' and ', ', and ', ' and also '])}{parts[2]}"

    def either(self, a: str, b: str) -> str:
        return self.c([f"either {a} or {b}", f"{a} or {b}", f"either {a} or else {b}"])

    def either2(self, a: str, b: str) -> str:
        """An 'or' inside an 'and': always with 'either', so its scope is plain."""
        return self.c([f"either {a} or {b}", f"either {a} or else {b}"])


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def render(rng: random.Random, family: str, shape: str, leaves: list[Leaf]) -> str:  # noqa: PLR0911, PLR0912
    w = W(rng)
    L = leaves
    if family == "nobody_unless":
        intro = w.c(["No customer goes on this list unless", "Nobody makes it into the segment unless",
                     "Leave every customer off the list unless", "Don't include a single shopper unless",
                     "No one should end up in this audience unless"])
        if shape == "leaf":
            return f"{intro} they {w.vp(L[0])}."
        if shape == "and":
            if len(L) == 2 and rng.random() < 0.4:
                return f"{intro} they {w.vp(L[0])} — and even then, only if they also {w.vp(L[1])}."
            return f"{intro} they {w.both([w.vp(x) for x in L])}."
        if shape == "or":
            return f"{intro} they {w.either(w.vp(L[0]), w.vp(L[1]))}."
        if shape == "and_not":
            if rng.random() < 0.5:
                return f"{intro} they {w.vp(L[0])}; even then, leave them off if they {w.vp(L[1])}."
            return f"{intro} they {w.vp(L[0])} and {w.neg(L[1])}."
        if shape == "not":
            return f"{intro} they {w.neg(L[0])}."
        return f"{intro} they {w.vp(L[0])} and, on top of that, either {w.vp(L[1])} or {w.vp(L[2])}."

    if family == "as_long_as_tail":
        opener = w.c(["Any customer is fine for this mailing", "I'll take any shopper at all", "Every customer can go on the list",
                      "Any of our customers can be in this audience", "All customers are welcome in this segment"])
        conn = w.c(["as long as", "so long as", "provided that", "on condition that", "provided"])
        if shape == "leaf":
            return f"{opener}, {conn} they {w.vp(L[0])}."
        if shape == "and":
            return f"{opener}, {conn} they {w.both([w.vp(x) for x in L])}."
        if shape == "or":
            tail = w.c(["", " (either one is enough)", " — one of the two will do"])
            return f"{opener}, {conn} they {w.either(w.vp(L[0]), w.vp(L[1]))}{tail}."
        if shape == "and_not":
            if rng.random() < 0.5:
                return f"{opener}, {conn} they {w.vp(L[0])} — but not if they {w.vp(L[1])}."
            return f"{opener}, {conn} they {w.vp(L[0])} and {w.neg(L[1])}."
        if shape == "not":
            return f"{opener}, {conn} they {w.neg(L[0])}."
        return f"{opener}, {conn} they {w.vp(L[0])} and also {w.either2(w.vp(L[1]), w.vp(L[2]))}."

    if family == "only_if_repeated":
        head = w.c(["Customers for the next newsletter", "I'd like a list of shoppers", "Give me our customers",
                    "Customers for a follow-up email, please", "Get me a customer list"])
        if shape == "leaf":
            return f"{head} — but only if they {w.vp(L[0])}."
        if shape == "and":
            parts = [f"only if they {w.vp(x)}" for x in L]
            return f"{head} — but {', and '.join(parts)}."
        if shape == "or":
            return f"{head} — but only if they {w.vp(L[0])}, or if they {w.vp(L[1])}."
        if shape == "and_not":
            return f"{head} — but only if they {w.vp(L[0])}, and not if they {w.vp(L[1])}."
        if shape == "not":
            if rng.random() < 0.5:
                return f"{head} — but not if they {w.vp(L[0])}."
            return f"{head} — but only if they {w.neg(L[0])}."
        return f"{head} — but only if they {w.vp(L[0])}, and only if they also {w.either2(w.vp(L[1]), w.vp(L[2]))}."

    if family == "whenever_check":
        when = w.c(["Whenever you come across a customer who", "Every time you find a customer who", "Each time you hit a shopper who"])
        add = w.c(["add them to the list", "put them in the audience", "include them"])
        rest = w.c(["", " Nobody else goes in.", " Skip everyone else."])
        if shape == "leaf":
            return f"{when} {w.vp(L[0], 'sg')}, {add}.{rest}"
        if shape == "and":
            test = w.both([w.vp(x) for x in L[1:]]) if len(L) == 3 else w.vp(L[1])
            return f"{when} {w.vp(L[0], 'sg')}, check whether they {test}: if they do, {add}; if not, skip them.{rest}"
        if shape == "or":
            return f"{when} {w.vp(L[0], 'sg')}, {add}. Do the same whenever a customer {w.vp(L[1], 'sg')}.{rest}"
        if shape == "and_not":
            return f"{when} {w.vp(L[0], 'sg')}, check whether they {w.vp(L[1])}: if they do, skip them; if not, {add}.{rest}"
        if shape == "not":
            return f"{when} {w.vp(L[0], 'sg')}, skip them; {add.replace('them', 'every other customer')}."
        return (f"{when} {w.vp(L[0], 'sg')}, check whether they {w.vp(L[1])} or whether they {w.vp(L[2])}: "
                f"if either is true, {add}.{rest}")

    if family == "yes_no_procedure":
        def q(leaf: Leaf) -> str:
            return w.c([f"is it true that they {w.vp(leaf)}?", f"is it the case that the customer {w.vp(leaf, 'sg')}?"])
        go = w.c(["For each customer, ask", "Go through the customers and ask of each one", "Run every customer through"])
        if shape == "leaf":
            return f"{go} a single question: {q(L[0])} Keep the ones where the answer is yes."
        if shape == "not":
            return f"{go} a single question: {q(L[0])} Keep the ones where the answer is no."
        n = len(L)
        qs = " ".join(f"({i}) {_cap(q(x))}" for i, x in enumerate(L, 1))
        lead = f"{go} {['', '', 'two', 'three'][n]} questions: {qs}"
        if shape == "and":
            key = w.c(["Keep only those who get a yes to every question.", "Keep a customer only if " + ("both answers are yes." if n == 2 else "all three answers are yes.")])
        elif shape == "or":
            key = w.c(["Keep anyone who gets at least one yes.", "A yes to either question is enough to keep them."])
        elif shape == "and_not":
            key = w.c(["Keep the customers who answer yes to (1) and no to (2).", "Keep them when (1) is a yes and (2) is a no."])
        else:
            key = "Keep a customer when (1) is a yes and at least one of (2) and (3) is a yes too."
        return f"{lead} {key}"

    if family == "include_drop_rules":
        inc, drop = w.c([("Include", "Drop"), ("Keep", "Remove"), ("In", "Out"), ("Include", "Exclude")])
        noun = w.c(["customers", "shoppers"])
        pre = w.c(["", "Segment rules — ", "Rules for this audience: "])
        if shape == "leaf":
            return f"{pre}{inc}: {noun} {w.who(L[0])}. {drop}: everyone else."
        if shape == "and":
            return f"{pre}{inc}: {noun} who {w.both([w.vp(x) for x in L])}. {drop}: everybody else."
        if shape == "or":
            return f"{pre}{inc}: {noun} {w.who(L[0])}. Also {inc.lower()}: {noun} {w.who(L[1])}. {drop}: everyone else."
        if shape == "and_not":
            return f"{pre}{inc}: {noun} {w.who(L[0])}. {drop}: any of them who {w.vp(L[1])}."
        if shape == "not":
            return f"{pre}{inc}: every customer. {drop}: those who {w.vp(L[0])}."
        return f"{pre}{inc}: {noun} who {w.vp(L[0])} and also {w.either2(w.vp(L[1]), w.vp(L[2]))}. {drop}: the rest."

    if family == "two_groups_pick_one":
        split = w.c(["Split our customers into two groups", "Think of our customers as two camps", "Divide the customer base in two"])
        if shape in ("leaf", "not"):
            first = f"those {w.who(L[0])}"
            if shape == "leaf":
                pick = w.c(["I only want the first group.", "Only the first group interests me.", "Give me the first of the two."])
            else:
                pick = w.c(["I only want the second group.", "Give me everyone else.", "Only the second of the two interests me."])
            return f"{split}: {first}, and everyone else. {pick}"
        if shape == "and":
            take = f"Take the customers who {w.both([w.vp(x) for x in L[:-1]])}" if len(L) == 3 else f"Take the customers {w.who(L[0])}"
            take += "," if len(L) == 3 else ""
            return (f"{take} and divide them in two: those who {w.vp(L[-1])}, and the rest of them. "
                    f"{w.c(['Only the first of those groups interests me.', 'I want the first group.'])}")
        if shape == "and_not":
            return (f"Take the customers {w.who(L[0])} and divide them in two: those who {w.vp(L[1])}, and the rest of them. "
                    f"{w.c(['Only the rest interest me.', 'I want that second group.'])}")
        if shape == "or":
            return (f"{split}: customers who {w.either(w.vp(L[0]), w.vp(L[1]))}, and customers who meet neither condition. "
                    f"{w.c(['I want the former.', 'Give me the first group only.'])}")
        return (f"Take the customers {w.who(L[0])}. Among them, some {w.either(w.vp(L[1]), w.vp(L[2]))}, and some meet "
                f"neither condition. {w.c(['I want the first lot.', 'Give me the first lot only.'])}")

    if family == "two_sentence_must":
        open_ = w.c(["I'm building a customer segment.", "I need an audience for a campaign.", "We're putting together a mailing list of customers.",
                     "Here's the group I'm after."])
        subj = w.c(["Everyone in it", "Each person on it", "Every member"]) if not open_.startswith("Here") else "Each customer in it"
        if shape == "leaf":
            return f"{open_} {subj} must {w.vp(L[0], 'base')}."
        if shape == "and":
            s = f"{open_} {subj} must {w.vp(L[0], 'base')}. They must also {w.vp(L[1], 'base')}."
            return s + (f" And they must {w.vp(L[2], 'base')} too." if len(L) == 3 else "")
        if shape == "or":
            return f"{open_} {subj} must {w.either(w.vp(L[0], 'base'), w.vp(L[1], 'base'))}."
        if shape == "and_not":
            return f"{open_} {subj} must {w.vp(L[0], 'base')}. They must not {w.vp(L[1], 'base')}."
        if shape == "not":
            return f"{open_} Nobody in it may {w.vp(L[0], 'base')}."
        return f"{open_} {subj} must {w.vp(L[0], 'base')}. They must also {w.either2(w.vp(L[1], 'base'), w.vp(L[2], 'base'))}."

    if family == "if_qualifying_means":
        label, ask = w.c([("a qualifying customer is one", "which customers qualify?"), ("an eligible customer is one", "who is eligible?"),
                          ("a match is any customer", "who are the matches?"), ("a customer in scope is one", "which customers are in scope?")])
        if shape == "leaf":
            body = f"who {w.vp(L[0], 'sg')}"
        elif shape == "and":
            body = "who " + w.both([w.vp(x, 'sg') for x in L])
        elif shape == "or":
            body = "who " + w.either(w.vp(L[0], 'sg'), w.vp(L[1], 'sg'))
        elif shape == "and_not":
            body = f"who {w.vp(L[0], 'sg')} but {w.neg(L[1], 'sg')}"
        elif shape == "not":
            body = f"who {w.neg(L[0], 'sg')}"
        else:
            body = f"who {w.vp(L[0], 'sg')} and also {w.either2(w.vp(L[1], 'sg'), w.vp(L[2], 'sg'))}"
        return f"If {label} {body}, {ask}"

    if family == "inverted_should":
        put = w.c(["put them on the list", "include them", "add them to the audience"])
        tail = w.c(["", " Nobody else.", " No one else belongs on it."]) if "list" in put else w.c(["", " Nobody else."])
        if shape == "leaf":
            return f"Should a customer {w.vp(L[0], 'base')}, {put}.{tail}"
        if shape == "and":
            return f"Should a customer {w.both([w.vp(x, 'base') for x in L])}, {put}.{tail}"
        if shape == "or":
            return f"Should a customer {w.vp(L[0], 'base')}, or should they {w.vp(L[1], 'base')}, {put}.{tail}"
        if shape == "and_not":
            return f"Should a customer {w.vp(L[0], 'base')}, {put}; should they also {w.vp(L[1], 'base')}, leave them out.{tail}"
        if shape == "not":
            return f"Should a customer {w.vp(L[0], 'base')}, leave them out; every other customer goes on the list."
        return (f"Should a customer {w.vp(L[0], 'base')} and, in addition, {w.either2(w.vp(L[1], 'base'), w.vp(L[2], 'base'))}, "
                f"{put}.{tail}")
    raise ValueError(family)


def decline(rng: random.Random, family: str, beside: Leaf | None, what: tuple[str, str], field_ask: bool) -> tuple[str, str]:
    """A request the shop's data cannot answer: a condition on data it does not hold (alone or beside an answerable
    one), or an answerable audience asked for with a field the shop does not hold."""
    vp, field_name = what
    if field_ask:
        q = render(rng, family, "leaf", [beside])
        extra = rng.choice([f" For each of them, I also need their {field_name}.", f" Please add their {field_name} as a column.",
                            f" Include their {field_name} too."])
        return field_name, q + extra
    fake = Leaf("unheld", {}, None, [vp], ["who " + conj(vp, "pl")])
    if beside is None:
        return conj(vp, "pl"), render(rng, family, "leaf", [fake])
    pair = [beside, fake] if rng.random() < 0.5 else [fake, beside]
    return conj(vp, "pl"), render(rng, family, "and", pair)

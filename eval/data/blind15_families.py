"""Request families of the fifteenth blind marketer set, all in a nominal, noun-heavy corporate register: conditions
said as nouns, possessives, compounds and reduced relatives; requests shaped as noun phrases rather than verb clauses.
``render(rng, family, shape, leaves)`` words one request; ``decline(...)`` one about data a shop does not hold."""

from __future__ import annotations

import random
import re

from blind15_leaves import Leaf

FAMILIES = ["nominalized_action", "genitive_owner", "premodifier_stack", "with_without_chain", "partitive_among",
            "attribute_of_value", "characterised_by", "count_as_roles", "restricted_to", "ones_substitution"]

SUBORD = (" with ", " whose ", " without ", " in ", " since ", "(", " during ", " within ", " outside ", " averaging ",
          " first ", " under ", " above ", " below ", " over ", " net ", " per ")
HEADS = ["customers", "accounts", "customer accounts", "customer records", "customer profiles"]


class _W:
    """Word pickers over leaves for one request."""

    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def H(self) -> str:
        return self.r.choice(HEADS)

    def P(self, leaf: Leaf) -> str:
        return self.r.choice(leaf.post)

    def N(self, leaf: Leaf) -> str:
        if leaf.noun and self.r.random() < 0.7:
            return self.r.choice(leaf.noun)
        return f"{self.H()} {self.P(leaf)}"

    def G(self, leaf: Leaf, rest: list[str]) -> str:
        """The group of ``leaf`` narrowed by the post-head modifiers ``rest`` (joined with 'and' where needed)."""
        nouns = [n for n in leaf.noun if not rest or not any(t in n for t in SUBORD)]
        if nouns and self.r.random() < 0.7:
            return f"{self.r.choice(nouns)} {self.both(rest)}" if rest else self.r.choice(nouns)
        return f"{self.H()} {self.both([self.P(leaf)] + rest)}"

    def PR(self, leaf: Leaf) -> str:
        return self.r.choice(leaf.prop) if leaf.prop else self.P(leaf)

    def AT(self, leaf: Leaf) -> str:
        return self.r.choice(leaf.attr) if leaf.attr and self.r.random() < 0.8 else self.PR(leaf)

    def NP(self, leaf: Leaf) -> str:
        return self.r.choice(leaf.neg_post)

    def NPR(self, leaf: Leaf) -> str:
        return self.r.choice(leaf.neg_prop) if leaf.neg_prop else self.NP(leaf)

    def NN(self, leaf: Leaf) -> str:
        if leaf.neg_noun and self.r.random() < 0.5:
            return self.r.choice(leaf.neg_noun)
        return f"{self.H()} {self.NP(leaf)}"

    def both(self, items: list[str], comma: bool = False) -> str:
        if len(items) == 1:
            return items[0]
        if len(items) == 2:
            return f"{items[0]}{',' if comma else ''} and {items[1]}"
        return f"{', '.join(items[:-1])}{self.r.choice([',', ''])} and {items[-1]}"

    def either(self, a: str, b: str) -> str:
        return self.r.choice([f"either {a} or {b}", f"{a} or {b} (or both)", f"either {a} or {b} (or both)"])


def cap(text: str) -> str:
    return text[0].upper() + text[1:]


def end(rng: random.Random, text: str) -> str:
    return cap(text) + rng.choice([".", ".", "", ", please."]) if not text.endswith(")") else cap(text) + rng.choice([".", ""])


# ---- the ten families ----------------------------------------------------------------------------------------------

def nominalized_action(w: _W, shape: str, L: list[Leaf]) -> str:
    """A deverbal action noun as the whole request: '<Action> of <group>'."""
    r = w.r
    act = r.choice(["Identification", "Extraction", "Retrieval", "Compilation", "Isolation", "Enumeration", "Selection"])
    tail = r.choice(["", "", " — for the campaign file", ", as a customer list", " — output: customer IDs"])
    if shape == "leaf":
        g = r.choice([f"all {w.N(L[0])}", f"all {w.H()} {w.P(L[0])}"])
    elif shape == "and":
        g = "all " + w.G(L[0], [w.P(x) for x in L[1:]])
    elif shape == "or":
        g = r.choice([f"all {w.H()} {w.either(w.P(L[0]), w.P(L[1]))}",
                      f"all {w.N(L[0])} together with all {w.N(L[1])}, merged into a single list"])
    elif shape == "and_not":
        g = r.choice([f"all {w.N(L[0])} {w.NP(L[1])}",
                      f"all {w.N(L[0])}, with the exclusion of any {w.H()} {w.P(L[1])}"])
    elif shape == "not":
        g = f"all {w.NN(L[0])}"
    else:
        g = f"all {w.N(L[0])} {w.either(w.P(L[1]), w.P(L[2]))}"
    return end(r, f"{act} of {g}{tail}")


def genitive_owner(w: _W, shape: str, L: list[Leaf]) -> str:
    """The group as the possession of the shop's records: '<owner>'s <group>'."""
    r = w.r
    own = r.choice(["The shop's", "Our customer base's", "The CRM's", "Our database's", "The store's"])
    if shape == "leaf":
        g = w.N(L[0])
    elif shape == "and":
        g = w.G(L[0], [w.P(x) for x in L[1:]])
    elif shape == "or":
        g = r.choice([f"{w.H()} {w.either(w.P(L[0]), w.P(L[1]))}",
                      f"{w.N(L[0])}, plus its {w.N(L[1])}, as one combined list"])
    elif shape == "and_not":
        g = r.choice([f"{w.N(L[0])} {w.NP(L[1])}", f"{w.N(L[0])}, minus its {w.N(L[1])}"])
    elif shape == "not":
        g = w.NN(L[0])
    else:
        g = f"{w.N(L[0])} {w.either(w.P(L[1]), w.P(L[2]))}"
    return end(r, f"{own} {g}{r.choice(['', '', ' — full roster', ' — the complete set'])}")


def premodifier_stack(w: _W, shape: str, L: list[Leaf]) -> str:
    """Conditions compressed into pre-head compounds, the rest trailing the head noun."""
    r = w.r

    def group(leaves: list[Leaf], extra: tuple = ()) -> str:
        pres = [r.choice(x.pre) for x in leaves if x.pre]
        rest = [x for x in leaves if not x.pre]
        if not rest:
            return f"{', '.join(pres)} {w.H()}" + (f" {w.both(list(extra))}" if extra else "")
        head = rest[0]
        nouns = [n for n in head.noun if " " not in n.split(" (")[0] or n.split(" ")[-1] in ("buyers", "purchasers", "reviewers", "returners")]
        core = r.choice(nouns) if nouns and r.random() < 0.6 else f"{w.H()} {w.P(head)}"
        tail = [w.P(x) for x in rest[1:]] + list(extra)
        if core.startswith(tuple(HEADS)) and tail:
            core = f"{w.H()} {w.both([w.P(head)] + tail)}"
        elif tail:
            core = f"{core} {w.both(tail)}"
        return f"{', '.join(pres) + ' ' if pres else ''}{core}"

    if shape in ("leaf", "and"):
        g = group(L)
    elif shape == "or":
        g = f"{group([L[0]])}, plus {group([L[1]])} (membership of either group qualifies)"
    elif shape == "and_not":
        g = group([L[0]], (w.NP(L[1]),))
    elif shape == "not":
        g = w.NN(L[0])
    else:
        g = group([L[0]], (w.either(w.P(L[1]), w.P(L[2])),))
    return end(r, r.choice(["", "", "Audience: ", "Extract: "]) + g)


def with_without_chain(w: _W, shape: str, L: list[Leaf]) -> str:
    """A bare head noun followed by a chain of prepositional property phrases."""
    r = w.r
    h = cap(w.H())
    if shape == "leaf":
        t = f"{h} with {w.PR(L[0])}"
    elif shape == "and":
        t = f"{h} with " + w.both([w.PR(x) for x in L])
    elif shape == "or":
        t = f"{h} with {w.either(w.PR(L[0]), w.PR(L[1]))}"
    elif shape == "and_not":
        t = f"{h} with {w.PR(L[0])} but with {w.NPR(L[1])}"
    elif shape == "not":
        t = f"{h} with {w.NPR(L[0])}"
    else:
        t = f"{h} with {w.PR(L[0])} and, in addition, {w.either(w.PR(L[1]), w.PR(L[2]))}"
    return end(r, t + r.choice(["", "", " — list required", " (full list)"]))


def partitive_among(w: _W, shape: str, L: list[Leaf]) -> str:
    """A subgroup picked out of a larger group: '<subgroup> among <group>'."""
    r = w.r
    among = r.choice(["among", "within", "from among"])
    if shape == "leaf":
        t = f"the {w.N(L[0])} {among} our entire customer base"
    elif shape == "and":
        inner = f"the {w.H()} {w.both([w.P(x) for x in L[1:]])}"
        t = f"{inner} {among} our {w.N(L[0])}"
    elif shape == "or":
        t = f"all {w.H()} {w.either(w.P(L[0]), w.P(L[1]))}, {among} the whole customer base"
    elif shape == "and_not":
        t = r.choice([f"the {w.NN(L[1])} {among} our {w.N(L[0])}", f"the ones {w.NP(L[1])} {among} our {w.N(L[0])}"])
    elif shape == "not":
        t = f"the {w.NN(L[0])} {among} the full customer base"
    else:
        t = f"the {w.H()} {w.either(w.P(L[1]), w.P(L[2]))}, {among} our {w.N(L[0])}"
    return end(r, t)


def attribute_of_value(w: _W, shape: str, L: list[Leaf]) -> str:
    """Conditions as attribute-value nouns held by the head: '<head> having <attribute> of <value>'."""
    r = w.r
    verb = r.choice(["having", "showing", "with"])
    h = cap(w.H())
    if shape == "leaf":
        t = f"{h} {verb} {w.AT(L[0])}"
    elif shape == "and":
        t = f"{h} {verb} {w.both([w.AT(x) for x in L])}"
    elif shape == "or":
        t = f"{h} {verb} {w.either(w.AT(L[0]), w.AT(L[1]))}"
    elif shape == "and_not":
        t = f"{h} {verb} {w.AT(L[0])}, but {w.NP(L[1])}"
    elif shape == "not":
        t = f"{h} {w.NP(L[0])}"
    else:
        t = f"{h} {verb} {w.AT(L[0])} and also {w.either(w.AT(L[1]), w.AT(L[2]))}"
    return end(r, t)


def characterised_by(w: _W, shape: str, L: list[Leaf]) -> str:
    """The head plus a participle of characterisation and abstract property nouns; negation as absence."""
    r = w.r
    by = r.choice(["characterised by", "marked by", "defined by", "distinguished by"])

    def absent(x: Leaf) -> str:
        t = w.NPR(x)
        return "the absence of any " + t[3:] if t.startswith("no ") else t
    h = cap(w.H())
    if shape == "leaf":
        t = f"{h} {by} {w.PR(L[0])}"
    elif shape == "and":
        t = f"{h} {by} {w.both([w.PR(x) for x in L])}"
    elif shape == "or":
        t = f"{h} {by} {w.either(w.PR(L[0]), w.PR(L[1]))}"
    elif shape == "and_not":
        t = f"{h} {by} {w.PR(L[0])} combined with {absent(L[1])}"
    elif shape == "not":
        t = f"{h} {by} {absent(L[0])}"
    else:
        t = f"{h} {by} {w.PR(L[0])}, in combination with {w.either(w.PR(L[1]), w.PR(L[2]))}"
    return end(r, t)


def count_as_roles(w: _W, shape: str, L: list[Leaf]) -> str:
    """Conditions as role nouns the customer qualifies as: '<head> counting as both <role> and <role>'."""
    r = w.r
    qual = r.choice(["counting as", "qualifying as", "classed as", "falling under"])
    h = cap(w.H())

    def role(x: Leaf) -> str:
        plain = [n for n in x.noun if " and " not in n and " or " not in n and " but " not in n]
        posts = [p for p in x.post if " and " not in p and " or " not in p and " but " not in p] or x.post
        n = r.choice(plain) if plain and r.random() < 0.7 else f"{w.H()} {r.choice(posts)}"
        return n if qual != "falling under" else f"the segment of {n}"

    if shape == "leaf":
        t = f"{h} {qual} {role(L[0])}"
    elif shape == "and":
        roles = [role(x) for x in L]
        t = f"{h} {qual} " + (f"both {roles[0]} and {roles[1]}" if len(roles) == 2 else f"all of: {'; '.join(roles)}")
    elif shape == "or":
        t = f"{h} {qual} {w.either(role(L[0]), role(L[1]))}"
    elif shape == "and_not":
        t = f"{h} {qual} {role(L[0])} but not {qual.split()[0] if qual != 'classed as' else 'classed'}" \
            f"{' as' if qual != 'falling under' else ' under'} {role(L[1])}"
    elif shape == "not":
        t = f"{h} not {qual} {role(L[0])}"
    else:
        t = f"{h} {qual} {role(L[0])} and also {w.either(role(L[1]), role(L[2]))}"
    return end(r, t)


def restricted_to(w: _W, shape: str, L: list[Leaf]) -> str:
    """A broad noun phrase narrowed by a nominal restriction: '<group>, limited to those <restriction>'."""
    r = w.r
    lim = r.choice(["limited to those", "restricted to those", "confined to those", "narrowed to those"])
    if shape == "leaf":
        t = f"all customer accounts, {lim} {w.P(L[0])}"
    elif shape == "and":
        t = f"all {w.N(L[0])}, {lim} {w.both([w.P(x) for x in L[1:]])}"
    elif shape == "or":
        t = f"the full customer base, {lim} {w.either(w.P(L[0]), w.P(L[1]))}"
    elif shape == "and_not":
        t = f"all {w.N(L[0])}, {lim} {w.NP(L[1])}"
    elif shape == "not":
        t = f"the full customer base, {lim} {w.NP(L[0])}"
    else:
        t = f"all {w.N(L[0])}, {lim} {w.either(w.P(L[1]), w.P(L[2]))}"
    return end(r, t)


def ones_substitution(w: _W, shape: str, L: list[Leaf]) -> str:
    """A first group, then a narrowing or widening said with the pro-form 'ones'."""
    r = w.r
    spec = r.choice(["specifically the ones", "more precisely, only the ones", "but only the ones", "and, of those, only the ones"])
    if shape == "leaf":
        t = f"{w.H()} — {spec} {w.P(L[0])}"
    elif shape == "and":
        t = f"{w.N(L[0])} — {spec} {w.both([w.P(x) for x in L[1:]])}"
    elif shape == "or":
        t = f"{w.N(L[0])}, as well as the ones {w.P(L[1])} (anyone in either group)"
    elif shape == "and_not":
        t = f"{w.N(L[0])} — {spec} {w.NP(L[1])}"
    elif shape == "not":
        t = f"{w.H()} — {spec} {w.NP(L[0])}"
    else:
        t = f"{w.N(L[0])} — {spec} {w.either(w.P(L[1]), w.P(L[2]))}"
    return end(r, t)


_FUNCS = {f.__name__: f for f in (nominalized_action, genitive_owner, premodifier_stack, with_without_chain,
                                  partitive_among, attribute_of_value, characterised_by, count_as_roles, restricted_to,
                                  ones_substitution)}


def articles(text: str) -> str:
    """'a' / 'an' by the sound of the next word."""
    def fix(m: re.Match) -> str:
        art, word = m.group(1), m.group(2)
        word = word.lstrip('"') or word
        vowel = word[0].lower() in "aeiou" and not word.startswith(("US", "UK", "one", "Uni", "uni", "use", "Eur"))
        want = "an" if vowel or word.startswith(("8", "11", "18")) else "a"
        return (want.capitalize() if art[0].isupper() else want) + " " + m.group(2)
    return re.sub(r"\b([Aa]n?) ([\w€\"]+)", fix, text)


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    return articles(_FUNCS[family](_W(rng), shape, leaves))


def decline(rng: random.Random, family: str, beside, unheld: tuple, field_ask: bool = False) -> tuple[str, str]:
    """A request that needs data the shop does not hold: alone, beside an answerable condition, or as a field."""
    key, post, pre, prop, fieldname = unheld
    fake = Leaf("unheld", {}, None, post=[post], noun=[f"{pre} customers"], pre=[pre], prop=[prop], attr=[prop])
    if beside is None:
        return key, render(rng, family, "leaf", [fake])
    if not field_ask:
        return key, render(rng, family, "and", [beside, fake])
    q = render(rng, family, "leaf", [beside]).rstrip(".")
    if q.endswith(", please"):
        q = q[: -len(", please")]
    extra = rng.choice([f", with each one's {fieldname}", f" — output fields: customer ID and {fieldname}",
                        f", plus {fieldname} per customer", f", together with their {fieldname}"])
    return key, q + extra + "."

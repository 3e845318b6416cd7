"""Ninth blind marketer set: ten request families in written / document / business registers. ``render`` words a
shape ("leaf", "and", "or", "and_not", "not", "and_or") over its leaves; ``decline`` words a request that needs
data the shop does not hold. Written independently of the earlier sets."""

from __future__ import annotations

import random
import re

from blind9_leaves import Leaf

FAMILIES = ["finding_action", "given_when_then", "defined_term", "screener", "form_answers", "headline", "okr_baseline",
            "methods_inclusion", "shall_requirement", "table_caption"]

PL = {"have": "have", "are": "are", "s": "", "do": "do", "their": "their"}
SG = {"have": "has", "are": "is", "s": "s", "do": "does", "their": "their"}


_NUM = r"((?:€|EUR )?[\w.,-]+(?: (?:stars?|euros|EUR))?)"


def _plain(text: str, avoid: tuple[str, ...]) -> str:
    """Rewrite '5 or more' as 'at least 5' (inside an or-list) and 'between 3 and 4' as 'from 3 to 4' (inside an
    and-list), so that a part never carries the connective of the list it sits in."""
    if " or " in avoid:
        text = re.sub(_NUM + r" or (?:more|higher|above)", r"at least \1", text)
        text = re.sub(_NUM + r" or (?:fewer|lower|below|less)", r"at most \1", text)
    if " and " in avoid:
        text = re.sub(r"between (.+?) and (.+?) inclusive", r"from \1 to \2 inclusive", text)
    return text


_AVOID: tuple[str, ...] = ()


def _pick(rng: random.Random, forms: list[str], avoid: tuple[str, ...]) -> str:
    avoid = tuple(avoid) + _AVOID
    forms = [_plain(f, avoid) for f in forms]
    ok = [f for f in forms if not any(a in f for a in avoid)]
    return rng.choice(ok or forms)


def P(rng, leaf: Leaf, sg=False, avoid=()) -> str:
    return _pick(rng, leaf.vp, avoid).format(**(SG if sg else PL))


def N(rng, leaf: Leaf, sg=False, avoid=()) -> str:
    return _pick(rng, leaf.neg, avoid).format(**(SG if sg else PL))


def W(rng, leaf: Leaf, sg=False, avoid=()) -> str:
    """A post-modifier: 'who <predicate>' or the leaf's own modifier."""
    if leaf.mod and rng.random() < 0.4:
        return _pick(rng, leaf.mod, avoid).format(**(SG if sg else PL))
    return "who " + P(rng, leaf, sg, avoid)


def who_and(rng, leaves, sg=False) -> str:
    """'who A and B' / 'who A, who B and who C' (no inner 'and' inside the parts)."""
    av = (" and ",)
    if len(leaves) == 2:
        a, b = P(rng, leaves[0], sg, av), P(rng, leaves[1], sg, av)
        return rng.choice([f"who {a} and {b}", f"who {a} and who {b}", f"who {a} and who also {b}"])
    a, b, c = (P(rng, x, sg, av) for x in leaves)
    return rng.choice([f"who {a}, who {b} and who {c}", f"who {a}, {b}, and {c}", f"who {a}, who {b}, and who also {c}"])


def either(rng, b: Leaf, c: Leaf, sg=False) -> str:
    av = (" or ",)
    return f"either {P(rng, b, sg, av)} or {P(rng, c, sg, av)}"


def _excl(rng, leaf: Leaf, sg_anyone=True) -> str:
    return "who " + P(rng, leaf, sg_anyone)


# ---------------------------------------------------------------------------------------------------------------
def finding_action(rng, shape, L) -> str:
    rep = rng.choice(["Q3 customer review", "autumn trading report", "customer base audit", "CRM health check",
                      "half-year insights deck"])
    head = rng.choice([f"Finding {rng.randint(2, 9)} of the {rep}", f"The {rep} (finding {rng.randint(2, 9)})"])
    verb = rng.choice(["concerns", "singles out", "is about"])
    if shape == "leaf":
        grp = f"the customers {W(rng, L[0])}"
    elif shape == "and":
        grp = f"the customers {who_and(rng, L)}"
    elif shape == "or":
        grp = rng.choice([f"the customers who {P(rng, L[0], avoid=(' or ',))} together with the customers who {P(rng, L[1], avoid=(' or ',))}; meeting either condition is enough",
                          f"two overlapping groups taken together: customers who {P(rng, L[0])}, and customers who {P(rng, L[1])} (anyone in either group counts)"])
    elif shape == "and_not":
        grp = rng.choice([f"the customers {W(rng, L[0])}, leaving out any who {P(rng, L[1])}",
                          f"the customers who {P(rng, L[0], avoid=(' and ',))} and {N(rng, L[1], avoid=(' and ',))}"])
    elif shape == "not":
        grp = rng.choice([f"every customer who {N(rng, L[0])}", f"all customers apart from those who {P(rng, L[0])}"])
    else:
        grp = f"the customers who {P(rng, L[0], avoid=(' and ',))} and who, in addition, {either(rng, L[1], L[2])}"
    act = rng.choice(["Action: extract that group in full.", "Action item: compile the complete list of these customers.",
                      "Next step: produce the customer list for this group."])
    return f"{head} {verb} {grp}. {act}"


def given_when_then(rng, shape, L) -> str:
    pre = rng.choice(["Acceptance criteria:", "AC1 -", "Scenario: build the campaign audience."])
    given = rng.choice(["Given the complete customer base,", "Given all customers in the shop,"])
    when = rng.choice(["when the audience is generated,", "when the segment is built,", "when the list is exported,"])
    if shape == "leaf":
        then = f"then it contains every customer {W(rng, L[0], sg=True)} and no other customer"
    elif shape == "and":
        then = f"then it contains every customer {who_and(rng, L, sg=True)}, and no other customer"
    elif shape == "or":
        then = (f"then it contains every customer who {P(rng, L[0], True)} and also every customer who {P(rng, L[1], True)}"
                f" (a customer matching either rule is in), and nobody else")
    elif shape == "and_not":
        then = f"then it contains every customer {W(rng, L[0], sg=True)}, and it contains no customer who {P(rng, L[1], True)}"
    elif shape == "not":
        then = rng.choice([f"then it contains every customer except those who {P(rng, L[0])}",
                           f"then it contains every customer who {N(rng, L[0], True)}, and nobody else"])
    else:
        then = f"then it contains exactly the customers who {P(rng, L[0], avoid=(' and ',))} and who also {either(rng, L[1], L[2])}"
    return f"{pre} {given} {when} {then}."


def defined_term(rng, shape, L) -> str:
    term = rng.choice(["Qualifying Customer", "Eligible Customer", "Selected Customer", "Participating Customer"])
    lead = rng.choice([f'For the purposes of this campaign, "{term}" means', f'Definition. "{term}" means', f'In this brief, a "{term}" is'])
    if shape == "leaf":
        body = f"any customer {W(rng, L[0], sg=True)}"
    elif shape == "and":
        body = f"any customer {who_and(rng, L, sg=True)}"
    elif shape == "or":
        body = f"any customer who {P(rng, L[0], True, (' or ',))} or who {P(rng, L[1], True, (' or ',))}, or both"
    elif shape == "and_not":
        body = rng.choice([f"any customer {W(rng, L[0], sg=True)}, but does not include a customer who {P(rng, L[1], True)}",
                           f"any customer who {P(rng, L[0], True, (' and ',))} and who {N(rng, L[1], True, (' and ',))}"])
    elif shape == "not":
        body = rng.choice([f"any customer other than a customer who {P(rng, L[0], True)}", f"any customer who {N(rng, L[0], True)}"])
    else:
        body = f"any customer who {P(rng, L[0], True, (' and ',))} and who, in addition, {either(rng, L[1], L[2], True)}"
    if lead.endswith(" is"):
        lead = lead[:-3] + " means"
    if term[0] in "AEIOU":
        lead = lead.replace(' a "', ' an "')
    close = rng.choice([f"Please list every {term}.", f"All {term}s are to be identified and listed.", f"Return each {term}."])
    return f"{lead} {body}. {close}"


def screener(rng, shape, L) -> str:
    q, also, out = rng.choice([("QUALIFY:", "ALSO REQUIRED:", "SCREEN OUT:"), ("Qualify if:", "And must:", "Terminate if:"),
                                ("Include:", "Must also:", "Screen out:")])
    head = rng.choice(["Screener for the customer panel.", "Panel screener (draft 2).", "Recruitment screener."])
    tail = rng.choice(["Pull every customer who passes the screener.", "List all customers who would pass.",
                       "We need every passing customer from the database."])
    if shape == "leaf":
        body = f"{q} customers {W(rng, L[0])}."
    elif shape == "and":
        body = f"{q} customers who {P(rng, L[0])}. {also} " + "; ".join(f"they {P(rng, x)}" for x in L[1:]) + "."
    elif shape == "or":
        body = f"{q} (either route is enough) customers who {P(rng, L[0])}; customers who {P(rng, L[1])}."
    elif shape == "and_not":
        body = f"{q} customers {W(rng, L[0])}. {out} anyone who {P(rng, L[1], True)}."
    elif shape == "not":
        body = f"{q} any customer. {out} anyone who {P(rng, L[0], True)}."
    else:
        body = f"{q} customers who {P(rng, L[0])}. {also} at least one of the following: they {P(rng, L[1])}; they {P(rng, L[2])}."
    return f"{head} {body} {tail}"


def form_answers(rng, shape, L) -> str:
    sep = rng.choice(["\n", " / "])
    head = rng.choice(["Data request form", "Analytics request - form answers", "Audience request (form)"])
    q1 = rng.choice(["Q1. Which customers do you need?", "Q1. Population requested:"])
    parts = [head, q1]
    if shape == "not":
        parts.append("A1. All customers.")
    elif shape == "leaf":
        parts.append(f"A1. Customers {W(rng, L[0])}.")
    else:
        parts.append(f"A1. Customers who {P(rng, L[0])}.")
    if shape == "and":
        rest = " and ".join(P(rng, x, avoid=(" and ",)) for x in L[1:])
        parts += ["Q2. Should this be narrowed further?", f"A2. Yes - keep only those who also {rest}."]
    elif shape == "or":
        parts += ["Q2. Should any other customers be added?", f"A2. Yes - add everyone who {P(rng, L[1], True)} as well."]
    elif shape == "and_or":
        parts += ["Q2. Should this be narrowed further?", f"A2. Yes - keep only those who also {either(rng, L[1], L[2])}."]
    exclusion = L[1] if shape == "and_not" else L[0] if shape == "not" else None
    parts.append(rng.choice(["Q3. Any exclusions?", "Q3. Should anyone be excluded?"]) if len(parts) > 3 else
                 rng.choice(["Q2. Any exclusions?", "Q2. Should anyone be excluded?"]))
    num = parts[-1][:2].replace("Q", "A")
    parts.append(f"{num}. Yes - remove anyone who {P(rng, exclusion, True)}." if exclusion else f"{num}. None.")
    return sep.join(parts)


def headline(rng, shape, L) -> str:
    head = rng.choice(["Winter mailing audience", "Target list for the November push", "In focus this month",
                       "Campaign audience, Q4", "Wanted for the next newsletter"])
    if shape == "leaf":
        body = f"customers {W(rng, L[0])}"
    elif shape == "and":
        body = f"customers {who_and(rng, L)}"
    elif shape == "or":
        body = f"customers who {P(rng, L[0])}, plus all those who {P(rng, L[1])}"
    elif shape == "and_not":
        body = rng.choice([f"customers {W(rng, L[0])}, minus anyone who {P(rng, L[1], True)}",
                           f"customers {W(rng, L[0])} (but not those who {P(rng, L[1])})"])
    elif shape == "not":
        body = f"every customer except those who {P(rng, L[0])}"
    else:
        body = f"customers who {P(rng, L[0])} - and of those, only the ones who {either(rng, L[1], L[2])}"
    tail = rng.choice([" - full list wanted", " (list required)", ". Send the complete list."])
    if body.endswith(")"):
        tail = rng.choice([" - full list wanted", ". Send the complete list."])
    return f"{head}: {body}{tail}"


def okr_baseline(rng, shape, L) -> str:
    o, k = rng.randint(1, 4), rng.randint(1, 3)
    head = rng.choice([f"O{o} / KR{k}", f"Objective {o}, Key Result {k}", f"OKR {o}.{k}"])
    verb = rng.choice(["is measured against", "uses as its baseline population", "is tracked on"])
    if shape == "leaf":
        pop = f"the customers {W(rng, L[0])}"
    elif shape == "and":
        pop = f"the customers {who_and(rng, L)}"
    elif shape == "or":
        pop = f"the combined population of customers who {P(rng, L[0])} and customers who {P(rng, L[1])} (everyone in either group)"
    elif shape == "and_not":
        pop = f"the customers {W(rng, L[0])}, with every customer who {P(rng, L[1], True)} taken out"
    elif shape == "not":
        pop = f"all customers other than those who {P(rng, L[0])}"
    else:
        pop = f"the customers who {P(rng, L[0], avoid=(' and ',))} and who also {either(rng, L[1], L[2])}"
    tail = rng.choice(["Please supply that population.", "We need that customer list to set the baseline.",
                       "The full list of those customers is needed."])
    return f"{head} {verb} {pop}. {tail}"


def methods_inclusion(rng, shape, L) -> str:
    grp = rng.choice(["study group", "analysis cohort", "research cohort"])
    if shape == "leaf":
        body = f"The {grp} comprises all customers {W(rng, L[0])}."
    elif shape == "and":
        body = f"A customer is included in the {grp} if they " + " and ".join(P(rng, x, avoid=(" and ",)) for x in L[:-1]) + \
            f" and they {P(rng, L[-1], avoid=(' and ',))}."
    elif shape == "or":
        body = f"A customer is included in the {grp} if they {P(rng, L[0])} or if they {P(rng, L[1])}; satisfying either criterion suffices."
    elif shape == "and_not":
        body = f"A customer is included in the {grp} if they {P(rng, L[0])}. Customers who {P(rng, L[1])} are excluded."
    elif shape == "not":
        body = f"All customers are included in the {grp} except those who {P(rng, L[0])}, who are excluded."
    else:
        body = f"A customer is included in the {grp} if they {P(rng, L[0], avoid=(' and ',))} and, in addition, {either(rng, L[1], L[2])}."
    tail = rng.choice([f"Please provide every customer in the {grp} (all of them, not a random subset).",
                       f"Supply the complete {grp}."])
    return f"Methods. {body} {tail}"


def shall_requirement(rng, shape, L) -> str:
    n = rng.randint(3, 40)
    subj = rng.choice(["The exported audience", "The segment", "The customer list"])
    if shape == "leaf":
        return f"REQ-{n}: {subj} shall contain every customer {W(rng, L[0], sg=True)}."
    if shape == "and":
        return f"REQ-{n}: {subj} shall contain every customer {who_and(rng, L, sg=True)}."
    if shape == "or":
        return f"REQ-{n}: {subj} shall contain every customer who {P(rng, L[0], True)} as well as every customer who {P(rng, L[1], True)}."
    if shape == "and_not":
        return (f"REQ-{n}: {subj} shall contain every customer {W(rng, L[0], sg=True)}. "
                f"REQ-{n + 1}: {subj} shall not contain any customer who {P(rng, L[1], True)}.")
    if shape == "not":
        return f"REQ-{n}: {subj} shall contain every customer except any customer who {P(rng, L[0], True)}."
    return (f"REQ-{n}: {subj} shall contain every customer who {P(rng, L[0], True)}, subject to REQ-{n + 1}. "
            f"REQ-{n + 1}: A customer shall be retained only if they {either(rng, L[1], L[2])}.")


def table_caption(rng, shape, L) -> str:
    n = rng.randint(2, 12)
    lab = rng.choice([f"Table {n}.", f"Table {n}:", f"Tab. {n} -"])
    if shape == "leaf":
        cap = f"Customers {W(rng, L[0])}"
    elif shape == "and":
        cap = f"Customers {who_and(rng, L)}"
    elif shape == "or":
        cap = f"Customers who {P(rng, L[0], avoid=(' or ',))} or who {P(rng, L[1], avoid=(' or ',))} (a customer appears if either applies)"
    elif shape == "and_not":
        cap = f"Customers {W(rng, L[0])}, excluding those who {P(rng, L[1])}"
    elif shape == "not":
        cap = f"All customers except those who {P(rng, L[0])}"
    else:
        cap = f"Customers who {P(rng, L[0], avoid=(' and ',))} and who also {either(rng, L[1], L[2])}"
    note = rng.choice(["[rows to be filled with the matching customers]", "Please populate this table with every matching customer.",
                       "(data to follow - please pull the customers)"])
    return f"{lab} {cap}. {note}"


_R = {f: globals()[f] for f in FAMILIES}
FIELD = {
    "finding_action": "The extract must also show {f}.",
    "given_when_then": "And each row shows {f}.",
    "defined_term": "For each one, state {f}.",
    "screener": "Record {f} for each of them.",
    "form_answers": "Q9. Which fields? A9. Customer ID and {f}.",
    "headline": "Include {f}.",
    "okr_baseline": "Report {f} alongside each customer.",
    "methods_inclusion": "For each customer, please provide {f}.",
    "shall_requirement": "REQ-99: Each row shall include {f}.",
    "table_caption": "Columns: customer, {f}.",
}


def render(rng: random.Random, family: str, shape: str, leaves: list[Leaf]) -> str:
    global _AVOID
    _AVOID = {"or": (" or ",), "and": (" and ",), "and_not": (" and ",), "and_or": (" or ", " and ")}.get(shape, ())
    try:
        return _R[family](rng, shape, leaves)
    finally:
        _AVOID = ()


def decline(rng: random.Random, family: str, beside: Leaf | None, unheld: tuple, field_ask: bool) -> tuple[str, str]:
    name, cond, fld = unheld
    fake = Leaf("decline", {}, None, [cond], [], [])
    if beside is None:
        return name, render(rng, family, "leaf", [fake])
    if field_ask:
        text = render(rng, family, "leaf", [beside])
        sep = ("\n" if "\n" in text else " / ") if family == "form_answers" else " " if text[-1] in ".)]" else ". "
        return name, text + sep + FIELD[family].format(f=fld)
    return name, render(rng, family, "and", [beside, fake])

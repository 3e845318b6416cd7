"""Request families of the THIRTEENTH blind marketer set: ten sentence shapes in non-native international English
(calques from French, German, Spanish, Portuguese, Italian, Dutch, Polish, Hindi and Chinese), and the wording of
and / or / not between conditions."""

from __future__ import annotations

import random

FAMILIES = ["participle_chain", "dislocated_resumptive", "revert_with", "like_that_you", "interest_me", "pseudo_cleft_it",
            "it_is_about", "help_me_verb", "should_come_in", "we_take_present"]

NOUNS = ["clients", "customers", "the clients", "the customers", "all the clients", "all customers", "shoppers", "the persons", "users"]
OCCASIONS = ["the newsletter of next week", "the autumn mailing", "the retargeting campaign", "the Black Friday action",
             "our loyalty action", "the SMS push", "the winter promo", "the survey"]


def _who(rng: random.Random, clause: str) -> str:
    """Non-native writers often put 'which' or 'that' for people."""
    if clause.startswith("who ") and rng.random() < 0.3:
        return rng.choice(["which ", "that "]) + clause[4:]
    return clause


def _rel(rng: random.Random, leaf, negated: bool = False, alone: bool = False, swap: bool = True) -> str:
    """A relative clause of the leaf; those marked '~' (a bare 'from X', a 'but' inside) only when it stands alone."""
    opts = leaf.neg if negated else leaf.rel
    plain = [o for o in opts if not o.startswith("~")]
    text = rng.choice(opts if alone else plain or opts).lstrip("~")
    return _who(rng, text) if swap else text


def _part(rng: random.Random, leaf, negated: bool = False) -> str:
    p = rng.choice(leaf.part)
    return "not " + p if negated else p


def _crit(rng: random.Random, shape: str, leaves: list, part: bool) -> str:
    one = (lambda lf, neg=False: _part(rng, lf, neg)) if part else (lambda lf, neg=False: _rel(rng, lf, neg))  # noqa: E731
    if shape == "leaf" and not part:
        return _rel(rng, leaves[0], alone=True)
    if shape == "leaf":
        return one(leaves[0])
    if shape == "not":
        return one(leaves[0], True)
    if shape == "and":
        a = [one(x) for x in leaves]
        if len(a) == 3:
            return rng.choice([f"{a[0]}, {a[1]} and {a[2]}", f"{a[0]}, {a[1]} and also {a[2]}",
                               f"{a[0]} and {a[1]} and {a[2]}, all three together"])
        return rng.choice([f"{a[0]} and {a[1]}", f"{a[0]} and also {a[1]}", f"{a[0]} and in the same time {a[1]}",
                           f"{a[0]}, and additionally {a[1]}"])
    if shape == "or":
        a = [one(x) for x in leaves]
        return rng.choice([f"{a[0]} or {a[1]}", f"{a[0]}, or else {a[1]}", f"{a[0]} or {a[1]} (one of the two is enough)",
                           f"either {a[0]} or {a[1]} (or both)"])
    if shape == "and_not":
        a, b = one(leaves[0]), one(leaves[1], True)
        if " but " in a:
            return rng.choice([f"{a}; and at the same time {b}", f"{a}, and besides {b}"])
        return rng.choice([f"{a} but {b}", f"{a}, however {b}", f"{a} and at the same time {b}"])
    if shape == "and_or":
        a = one(leaves[0])
        b, c = ((_part(rng, x) for x in leaves[1:]) if part else (_rel(rng, x, swap=False) for x in leaves[1:]))
        return rng.choice([f"{a}, and on top of that either {b}, or {c} (one of these two is enough)",
                           f"{a}; from these, only the ones {b}, or the ones {c} (at least one of both)"])
    raise ValueError(shape)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def frame(rng: random.Random, family: str, crit: str, tail: str = "") -> str:  # noqa: PLR0911
    n = rng.choice(NOUNS)
    bare = n.replace("the ", "").replace("all ", "")
    if family == "participle_chain":
        return rng.choice([f"{_cap(n)} {crit}{tail}, please.", f"{_cap(bare)} {crit}{tail} — for our next newsletter, please.",
                           f"Please: {bare} {crit}{tail}.", f"{_cap(n)} {crit}{tail}, as list please."])
    if family == "dislocated_resumptive":
        return rng.choice([f"The {bare} {crit}{tail}, them I need in a list.",
                           f"The {bare} {crit}{tail} — those ones I want to extract.",
                           f"The {bare} {crit}{tail}, these we would like to contact next week, can you give them?"])
    if family == "revert_with":
        return rng.choice([f"Kindly revert with the list of {bare} {crit}{tail}.", f"Please revert me with all {bare} {crit}{tail}.",
                           f"Kindly do the needful and revert with {bare} {crit}{tail}.",
                           f"Request you to revert back with list of {bare} {crit}{tail}."])
    if family == "like_that_you":
        return rng.choice([f"I would like that you extract me the {bare} {crit}{tail}.",
                           f"I would like that you prepare us the list of {bare} {crit}{tail}.",
                           f"We would wish that you send us the {bare} {crit}{tail}.",
                           f"I would like that you find the {bare} {crit}{tail}."])
    if family == "interest_me":
        return rng.choice([f"Interest me the {bare} {crit}{tail}.", f"For the campaign interest us only the {bare} {crit}{tail}.",
                           f"To us interest the {bare} {crit}{tail} — can you list them?",
                           f"Interest me all the {bare} {crit}{tail}, please."])
    if family == "pseudo_cleft_it":
        return rng.choice([f"What I need, it is the {bare} {crit}{tail}.", f"What we look for, it is all {bare} {crit}{tail}.",
                           f"What the team want, it's the {bare} {crit}{tail}.",
                           f"what i need it is {bare} {crit}{tail}"])
    if family == "it_is_about":
        return rng.choice([f"It is about the {bare} {crit}{tail}: can you extract them?",
                           f"It concerns the {bare} {crit}{tail} — please give them to me.",
                           f"It's about {bare} {crit}{tail}. Please extract them all."])
    if family == "help_me_verb":
        return rng.choice([f"Help me find out the {bare} {crit}{tail}.", f"Please help me look for {bare} {crit}{tail}.",
                           f"Help me pull out all the {bare} {crit}{tail}, thanks.", f"help me to find {bare} {crit}{tail} pls"])
    if family == "should_come_in":
        return rng.choice([f"In the list should come the {bare} {crit}{tail}.",
                           f"{_cap(bare)} {crit}{tail} should come in the list.",
                           f"Into the target group should enter the {bare} {crit}{tail}."])
    if family == "we_take_present":
        occ = rng.choice(OCCASIONS)
        return rng.choice([f"For {occ} we take the {bare} {crit}{tail}.", f"We take for {occ} all {bare} {crit}{tail}.",
                           f"This time we take the {bare} {crit}{tail}, nobody else.",
                           f"For {occ} we take {bare} {crit}{tail} — can you give them?"])
    raise ValueError(family)


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    crit = _crit(rng, shape, leaves, part=family == "participle_chain")
    return frame(rng, family, crit)


def decline(rng: random.Random, family: str, beside, unheld: tuple, field_ask: bool) -> tuple[str, str]:
    """A request on data the shop does not hold: alone, as a condition beside an answerable one, or as a field asked for."""
    what, as_cond, as_field = unheld
    if beside is None:
        return what, frame(rng, family, as_cond)
    own = _part(rng, beside) if family == "participle_chain" else _rel(rng, beside)
    if field_ask:
        return what, frame(rng, family, own, rng.choice([f", together with {as_field}", f", and with {as_field} for each",
                                                         f" (plus {as_field})"]))
    if family == "participle_chain":
        return what, frame(rng, family, f"{own}, and also {as_cond}")
    return what, frame(rng, family, rng.choice([f"{own} and {as_cond}", f"{as_cond} and {own}"]))

"""The ten request families of the fourteenth blind marketer set (quantity- and time-rich business English), each a
different sentence structure around the same coordinated conditions, and the declines (data the shop does not hold,
asked alone, as a condition beside a real one, or as a field to hand over)."""

from __future__ import annotations

import random

from blind14_leaves import fill

FAMILIES = ["in_scope_inversion", "for_to_infinitival", "whose_history_shows", "embedded_find_out",
            "member_constraint", "that_clause_criteria", "partitive_which_ones", "any_chance_of",
            "copular_would_be", "counterfactual_recipients"]
RELATIVE = {"in_scope_inversion", "any_chance_of", "copular_would_be", "counterfactual_recipients"}
SINGULAR = {"embedded_find_out", "member_constraint"}


def _pick(rng: random.Random, phrases: list[str], avoid_or: bool) -> str:
    clean = [p for p in phrases if " or " not in p and " either " not in p]
    return rng.choice(clean if avoid_or and clean else phrases)


def _note(text: str, note: str) -> str:
    """A parenthetical note at the end, or a comma-led one where the text already ends in a bracket."""
    return f"{text}, {note}" if text.endswith(")") else f"{text} ({note})"


def _vp(rng, leaf, sing, avoid_or=False, neg=False) -> str:
    return fill(_pick(rng, leaf.neg if neg else leaf.vp, avoid_or), sing)


def clause(rng: random.Random, shape: str, leaves: list, sing: bool, they: bool = False, rel: bool = False) -> str:
    """The coordinated verb phrases after a subject ('who ...' or, with ``they``, 'that they ...' clauses)."""
    if they:
        return _that_clauses(rng, shape, leaves)
    if shape == "leaf":
        return _vp(rng, leaves[0], sing)
    if shape == "not":
        return _vp(rng, leaves[0], sing, neg=True)
    if shape == "and":
        v = [_vp(rng, x, sing) for x in leaves]
        if len(v) == 2:
            return rng.choice([f"{v[0]} and {v[1]}", f"{v[0]}, and also {v[1]}", f"both {v[0]} and {v[1]}" if "," not in v[0] else f"{v[0]} and {v[1]}",
                               f"{v[0]} and, at the same time, {v[1]}"])
        return rng.choice([f"{v[0]}, {v[1]} and {v[2]}", f"{v[0]}, {v[1]}, and also {v[2]}",
                           _note(f"{v[0]}; {v[1]}; and {v[2]}", "all three must hold")])
    if shape == "or":
        a, b = (_vp(rng, x, sing, avoid_or=True) for x in leaves)
        return rng.choice([_note(f"{a} or {b}", "or both"), f"either {a} or {b}, at least one of the two",
                           _note(f"{a}, or else {b}", "meeting one of the two is enough")])
    if shape == "and_not":
        a, b = _vp(rng, leaves[0], sing), _vp(rng, leaves[1], sing, neg=True)
        return rng.choice([f"{a} but {b}", f"{a}, yet {b}", f"{a} and {b}", f"{a}, and yet {b}"])
    a = _vp(rng, leaves[0], sing)
    b, c = (_vp(rng, x, sing, avoid_or=True) for x in leaves[1:])
    return rng.choice([_note(f"{a} and, on top of that, either {b} or {c}", "one or both"),
                       _note(f"{a}, and in addition {b} or {c}", "at least one of those two"),
                       f"{a} and who also {b} or {c}, either one being enough" if rel else
                       _note(f"{a} and, besides, either {b} or {c}", "or both")])


def _that_clauses(rng: random.Random, shape: str, leaves: list) -> str:
    def t(x, neg=False, avoid_or=False):
        return "they " + _vp(rng, x, False, avoid_or=avoid_or, neg=neg)
    if shape == "leaf":
        return f"that {t(leaves[0])}"
    if shape == "not":
        return f"that {t(leaves[0], neg=True)}"
    if shape == "and":
        parts = [f"that {t(x)}" for x in leaves]
        return ", ".join(parts[:-1]) + ", and " + parts[-1] if len(parts) == 3 else f"{parts[0]} and {parts[1]}"
    if shape == "or":
        a, b = (t(x, avoid_or=True) for x in leaves)
        return rng.choice([_note(f"that either {a} or {b}", "or both"),
                           _note(f"that {a}, or alternatively that {b}", "one of the two suffices")])
    if shape == "and_not":
        return f"that {t(leaves[0])}, but that {t(leaves[1], neg=True)}"
    a = t(leaves[0])
    b, c = (t(x, avoid_or=True) for x in leaves[1:])
    return _note(f"that {a}, and also that either {b} or {c}", "or both")


def _frame(rng: random.Random, family: str, c: str, ask: str = "") -> str:  # noqa: PLR0911
    """The sentence shape of a family around the coordinated conditions ``c`` (plural 'who' VPs, singular 'who' VPs,
    or 'that they' clauses for that_clause_criteria); ``ask`` is an extra field requested."""
    if family == "in_scope_inversion":
        return rng.choice([f"In scope are the customers who {c}{ask}; nobody else.",
                           f"Included in this pull are all customers who {c}{ask}.",
                           f"On the list go the customers who {c}{ask} — no one else."])
    if family == "for_to_infinitival":
        return rng.choice([f"For a customer to make this list, the data has to show that they {c}. Who makes it?{ask}",
                           f"For someone to qualify here, our records must show that they {c}. Which customers qualify?{ask}",
                           f"For a customer to be counted, it has to be true that they {c}. Who gets counted?{ask}"])
    if family == "whose_history_shows":
        return rng.choice([f"Whose account history shows that they {c}?{ask}",
                           f"Which customers' records show that they {c}?{ask}",
                           f"Whose data tells us they {c}? I need the names.{ask}"])
    if family == "embedded_find_out":
        return rng.choice([f"Could you find out who {c}?{ask}",
                           f"Can you work out who among our customers {c}?{ask}",
                           f"I'd like to know who {c} — can you find out?{ask}"])
    if family == "member_constraint":
        return rng.choice([f"I need a list in which every customer {c}.{ask}",
                           f"Build me a list where each person on it {c}.{ask}",
                           f"Put together a customer list such that everyone on it {c}.{ask}"])
    if family == "that_clause_criteria":
        return rng.choice([f"Pull the customers on condition {c}.{ask}",
                           f"Include a customer on the stipulation {c}.{ask}",
                           f"I want customers selected on the basis {c}.{ask}"])
    if family == "partitive_which_ones":
        return rng.choice([f"Out of our whole customer base, which ones {c}?{ask}",
                           f"Of all the customers we have, which {c}?{ask}",
                           f"Across everybody on file, which customers {c}?{ask}"])
    if family == "any_chance_of":
        return rng.choice([f"Any chance of a list of the customers who {c}?{ask}",
                           f"Any chance you could get me the customers who {c}?{ask}",
                           f"Is there any chance of pulling the customers who {c}?{ask}"])
    if family == "copular_would_be":
        return rng.choice([f"The right audience here would be customers who {c}. Can you build it?{ask}",
                           f"My target group would be the customers who {c} — could you pull that together?{ask}",
                           f"The ideal segment would be the customers who {c}. Please put it together.{ask}"])
    return rng.choice([f"If we mailed an offer only to customers who {c}, who would receive it?{ask}",
                       f"Suppose a voucher went out just to the customers who {c} — who gets one?{ask}",
                       f"Were we to target only customers who {c}, which customers would that be?{ask}"])


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    they = family == "that_clause_criteria"
    return _frame(rng, family, clause(rng, shape, leaves, family in SINGULAR, they, family in RELATIVE))


def _ask_tail(rng: random.Random, family: str, what: str) -> str:
    if family in ("for_to_infinitival", "whose_history_shows", "embedded_find_out", "partitive_which_ones",
                  "any_chance_of", "copular_would_be", "counterfactual_recipients"):
        return rng.choice([f" Please include {what} next to each name.", f" I also need {what} for each of them."])
    return rng.choice([f", with {what} alongside each name", f", showing {what} for each one"])


def decline(rng: random.Random, family: str, beside, unheld: tuple, field_ask: bool) -> tuple[str, str]:
    what, vp, field = unheld
    sing = family in SINGULAR
    they = family == "that_clause_criteria"
    dvp = fill(vp, sing if not they else False)
    if beside is None:
        c = f"that they {dvp}" if they else dvp
        return what, _frame(rng, family, c)
    if field_ask:
        c = clause(rng, "leaf", [beside], sing, they)
        return what, _frame(rng, family, c, _ask_tail(rng, family, field))
    b = fill(rng.choice(beside.vp), sing if not they else False)
    if they:
        c = f"that they {b} and that they {dvp}"
    else:
        c = rng.choice([f"{b} and {dvp}", f"both {b} and {dvp}" if "," not in b else f"{b}, and also {dvp}"])
    return what, _frame(rng, family, c)

"""Request families of the sixteenth blind marketer set: ten sentence shapes in a CRM / marketing-ops register
(segment definitions, pulls, include/exclude specs, stacked nouns, filter expressions, quick questions, set
arithmetic, bullet criteria, if-rules, telegraphic lists). ``render`` writes one request from a shape ('leaf', 'and',
'or', 'and_not', 'not', 'and_or') and its leaves (the last one negated for 'and_not' / 'not'); ``decline`` writes a
request that needs data a shop does not hold."""

from __future__ import annotations

import random
import re

FAMILIES = ["seg_def", "pull_ask", "incl_excl", "noun_stack", "where_clause", "who_q", "set_math", "bullets", "if_rule",
            "telegraphic"]

PLURAL = {"{have}": "have", "{are}": "are", "{s}": "", "{were}": "were", "{their}": "their", "{do}": "do"}
SINGULAR = {"{have}": "has", "{are}": "is", "{s}": "s", "{were}": "was", "{their}": "their", "{do}": "does"}


def _fill(text: str, plural: bool = True) -> str:
    for k, v in (PLURAL if plural else SINGULAR).items():
        text = text.replace(k, v)
    return text


def _p(rng: random.Random, xs: list[str], plural: bool = True) -> str:
    return _fill(rng.choice(xs), plural)


def _amp_ok(*texts: str) -> bool:
    return not any("&" in t for t in texts)


def _and(rng: random.Random, parts: list[str], upper: bool = False) -> str:
    if upper:
        j = rng.choice([" AND ", " AND ", " & "]) if _amp_ok(*parts) else " AND "
        return j.join(parts)
    if len(parts) == 2:
        return f"{parts[0]} and {parts[1]}"
    return f"{parts[0]}, {parts[1]} and {parts[2]}"


def _paren(e: str) -> str:
    return f"({e})" if " and " in e.lower() or " or " in e.lower() else e


def _seg_def(rng, shape, lv):
    head = rng.choice(["seg def:", "audience def:", "new segment =", "build seg:", "segment logic:", "audience logic ->"])
    t = [_p(rng, x.tag) for x in lv]
    if shape == "leaf":
        body = t[0]
    elif shape == "and":
        body = _and(rng, t, upper=True)
    elif shape == "or":
        body = f"{t[0]} OR {t[1]}"
    elif shape == "and_not":
        body = rng.choice([f"{t[0]} AND NOT ({t[1]})", f"{t[0]} AND NOT {t[1]}", f"{t[0]} EXCEPT {t[1]}"])
    elif shape == "not":
        body = rng.choice([f"ALL customers AND NOT ({t[0]})", f"everyone EXCEPT {t[0]}", f"NOT ({t[0]})"])
    else:
        body = f"{t[0]} AND ({t[1]} OR {t[2]})"
    return f"{head} {body}"


def _pull_ask(rng, shape, lv):
    ask, end = rng.choice([("can you pull all customers who", "?"), ("pls pull custs who", ""), ("could u pull a list of customers who", "?"),
                           ("need a pull of customers who", " pls"), ("can I get all customers who", "?"), ("pull me all customers who", ", thx")])
    v = [_p(rng, x.vp) for x in lv]
    if shape == "leaf":
        body = v[0]
    elif shape == "and":
        body = _and(rng, v)
    elif shape == "or":
        body = f"either {v[0]} or {v[1]}"
    elif shape == "and_not":
        body = f"{v[0]} but {_p(rng, lv[1].neg)}"
    elif shape == "not":
        body = _p(rng, lv[0].neg)
    else:
        body = f"{v[0]} and who either {v[1]} or {v[2]}"
    return f"{ask} {body}{end}"


def _incl_excl(rng, shape, lv):
    inc = rng.choice(["include:", "incl:", "INCLUDE:", "in:"])
    exc = rng.choice(["exclude:", "excl:", "EXCLUDE:", "suppress:"])
    sep = rng.choice([" | ", " / ", " // "])
    t = [_p(rng, x.tag) for x in lv]
    if shape == "leaf":
        return f"{inc} {t[0]}{sep}{exc} nobody"
    if shape == "and":
        return f"{inc} must match all of: {'; '.join(t)}{sep}{exc} nobody"
    if shape == "or":
        return f"{inc} anyone matching either {t[0]} or {t[1]}{sep}{exc} nobody"
    if shape == "and_not":
        return f"{inc} {t[0]}{sep}{exc} {t[1]}"
    if shape == "not":
        return f"{inc} all customers{sep}{exc} {t[0]}"
    return f"{inc} {t[0]}, who must also match at least one of: {t[1]}; {t[2]}{sep}{exc} nobody"


def _noun_stack(rng, shape, lv):
    tail = rng.choice([" pls", ", asap", " - for the CRM push", "", " - thx", " - for Monday's send"])
    n = [_p(rng, x.noun) for x in lv]
    w = [_p(rng, x.wtag) for x in lv]
    if shape == "leaf":
        return rng.choice([f"list of {n[0]}{tail}", f"{n[0]}{tail}", f"all {n[0]}{tail}"]).replace("all all", "all")
    if shape == "and":
        rest = w[1] if len(lv) == 2 else f"{w[1]} and {w[2]}"
        return f"{n[0]} w/ {rest}{tail}"
    if shape == "or":
        return f"{n[0]} or {n[1]} (either one counts){tail}"
    if shape == "and_not":
        return f"{n[0]} w/o {_p(rng, lv[1].wo)}{tail}"
    if shape == "not":
        return f"{rng.choice(['all customers', 'everyone in the base', 'whole customer base'])} w/o {_p(rng, lv[0].wo)}{tail}"
    return f"{n[0]} w/ either {w[1]} or {w[2]}{tail}"


def _where_clause(rng, shape, lv):
    head = rng.choice(["customers where", "custs where", "select customers WHERE", "users WHERE", "query: customers where"])
    up = "WHERE" in head
    A, O, N = (" AND ", " OR ", "NOT ") if up else (" and ", " or ", "not ")
    e = [_paren(_p(rng, x.expr)) for x in lv]
    if shape == "leaf":
        body = e[0]
    elif shape == "and":
        body = A.join(e)
    elif shape == "or":
        body = O.join(e)
    elif shape == "and_not":
        body = e[0] + A + rng.choice([f"{N}({_p(rng, lv[1].expr)})", _paren(_p(rng, lv[1].nexpr))])
    elif shape == "not":
        body = rng.choice([f"{N}({_p(rng, lv[0].expr)})", _paren(_p(rng, lv[0].nexpr))])
    else:
        body = f"{e[0]}{A}({e[1]}{O}{e[2]})"
    return f"{head} {body}"


def _who_q(rng, shape, lv):
    who, plural = rng.choice([("which customers", True), ("who", False), ("any customers who", True), ("which of our custs", True),
                              ("do we have people who", True), ("got anyone who", False)])
    v = [_p(rng, x.vp, plural) for x in lv]
    if shape == "leaf":
        body = v[0]
    elif shape == "and":
        body = _and(rng, v)
    elif shape == "or":
        body = f"{v[0]} or {v[1]}"
    elif shape == "and_not":
        body = f"{v[0]} but {_p(rng, lv[1].neg, plural)}"
    elif shape == "not":
        body = _p(rng, lv[0].neg, plural)
    else:
        body = f"{v[0]} and also either {v[1]} or {v[2]}"
    return f"{who} {body}?"


def _set_math(rng, shape, lv):
    n = [_p(rng, x.noun) for x in lv]
    if shape == "leaf":
        return rng.choice([f"full list: {n[0]}", f"just {n[0]}, no other filters", f"audience = {n[0]}"])
    if shape == "and":
        body = f"{n[0]} and {n[1]}" if len(n) == 2 else f"{n[0]}, {n[1]} and {n[2]}"
        return rng.choice([f"overlap of {body}", f"intersection of {body} (in all of them)", f"people in both {body}" if len(n) == 2
                           else f"people in all three: {body}"])
    if shape == "or":
        return rng.choice([f"{n[0]} plus {n[1]}, merged and deduped (either group)", f"union of {n[0]} and {n[1]}",
                           f"combine {n[0]} with {n[1]} (anyone in either list)"])
    if shape == "and_not":
        return rng.choice([f"{n[0]} minus {n[1]}", f"{n[0]}, minus anyone who is among {n[1]}", f"take {n[0]} and remove {n[1]}"])
    if shape == "not":
        return rng.choice([f"whole base minus {n[0]}", f"all customers minus {n[0]}", f"everyone, then remove {n[0]}"])
    return rng.choice([f"overlap of {n[0]} with the union of {n[1]} and {n[2]}",
                       f"{n[0]} intersected with ({n[1]} or {n[2]}, either list)"])


def _bullets(rng, shape, lv):
    b = rng.choice([" • ", " - ", " * "])
    t = [_p(rng, x.tag) for x in lv]
    if shape == "leaf":
        return f"{rng.choice(['audience criteria:', 'criteria:', 'target:'])}{b}{t[0]}"
    if shape == "and":
        return rng.choice(["audience criteria (all must apply):", "criteria, ALL of:", "target must meet all:"]) + "".join(b + x for x in t)
    if shape == "or":
        return rng.choice(["audience criteria (ANY of):", "target, any one of:", "criteria (either is enough):"]) + b + t[0] + b + t[1]
    if shape == "and_not":
        neg = rng.choice([f"NOT {t[1]}", f"excl. {t[1]}", _p(rng, lv[1].negtag)])
        return rng.choice(["criteria (all must apply):", "target must meet all:"]) + b + t[0] + b + neg
    if shape == "not":
        return rng.choice(["criteria:", "target:"]) + b + "all customers" + b + rng.choice([f"excl. {t[0]}", f"NOT {t[0]}"])
    return rng.choice(["criteria (all must apply):", "target must meet all:"]) + b + t[0] + b + f"{t[1]} OR {t[2]}"


def _if_rule(rng, shape, lv):
    subj = rng.choice(["IF cust", "if customer", "rule: IF customer", "IF a customer"])
    then = rng.choice(["→ include", "-> add to audience", "THEN in the segment", "=> in"])
    v = [_p(rng, x.vp, plural=False) for x in lv]
    if shape == "leaf":
        body = v[0]
    elif shape == "and":
        body = " AND ".join(v)
    elif shape == "or":
        body = f"{v[0]} OR {v[1]}"
    elif shape == "and_not":
        body = f"{v[0]} AND {_p(rng, lv[1].neg, plural=False)}"
    elif shape == "not":
        body = _p(rng, lv[0].neg, plural=False)
    else:
        body = f"{v[0]} AND ({v[1]} OR {v[2]})"
    return f"{subj} {body} {then}"


def _telegraphic(rng, shape, lv):
    tail = rng.choice([" → export pls", " -> list pls", ", need the csv", " - count + list", ", csv by EOD"])
    t = [_p(rng, x.tag) for x in lv]
    if shape == "leaf":
        return f"{t[0]}{tail}"
    if shape == "and":
        return ", ".join(t) + tail
    if shape == "or":
        return f"{t[0]} or {t[1]} (either){tail}"
    if shape == "and_not":
        return rng.choice([f"{t[0]}, excl. {t[1]}", f"{t[0]}, {_p(rng, lv[1].negtag)}"]) + tail
    if shape == "not":
        return rng.choice([f"everyone excl. {t[0]}", f"all custs, {_p(rng, lv[0].negtag)}"]) + tail
    return f"{t[0]}, and also either {t[1]} or {t[2]}{tail}"


RENDER = {"seg_def": _seg_def, "pull_ask": _pull_ask, "incl_excl": _incl_excl, "noun_stack": _noun_stack,
          "where_clause": _where_clause, "who_q": _who_q, "set_math": _set_math, "bullets": _bullets, "if_rule": _if_rule,
          "telegraphic": _telegraphic}


def _tidy(text: str) -> str:
    text = " ".join(text.split())
    return re.sub(r"\b([aA]) (?!one\b|one-|uni|use)([AEIOaeio])", r"\1n \2", text)


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    return _tidy(RENDER[family](rng, shape, leaves))


class _Unheld:
    """Words for a condition on data the shop does not hold, in the forms the families use."""

    def __init__(self, vps: list[str], tags: list[str], exprs: list[str]) -> None:
        self.vp, self.tag, self.expr = vps, tags, exprs
        self.noun = [f"customers who {_fill(v)}" for v in vps]
        self.wtag = tags


FIELD_ASK = {
    "seg_def": ["{q}; output cols: customer id + {f}", "{q} (need {f} as a column)"],
    "pull_ask": ["{q} - and add their {f}", "{q}, incl. their {f}"],
    "incl_excl": ["{q} | fields: id, {f}", "{q} | attach {f}"],
    "noun_stack": ["{q} + their {f}", "{q} w/ {f} in the export"],
    "where_clause": ["{q}; return id, {f}", "{q} -- select id, {f}"],
    "who_q": ["{q} and what are their {f}?", "{q} need their {f} too"],
    "set_math": ["{q}; export with {f}", "{q}, then append {f}"],
    "bullets": ["{q} • export fields: {f}", "{q} • add column: {f}"],
    "if_rule": ["{q}; export their {f}", "{q} & pull {f}"],
    "telegraphic": ["{q}, w/ {f}", "{q} + {f} col"],
}


def decline(rng: random.Random, family: str, beside, unheld, field_ask: bool = False) -> tuple[str, str]:
    """A request in the family's shape that needs data a shop does not hold: alone, as a condition beside an answerable
    one, or as a field asked for beside an answerable audience."""
    what, vps, tags, exprs, fields = unheld
    missing = _Unheld(vps, tags, exprs)
    if beside is None:
        q = RENDER[family](rng, "leaf", [missing])
    elif not field_ask:
        pair = [beside, missing] if rng.random() < 0.6 else [missing, beside]
        q = RENDER[family](rng, "and", pair)
    else:
        q = RENDER[family](rng, "leaf", [beside])
        q = rng.choice(FIELD_ASK[family]).format(q=q, f=rng.choice(fields))
    return what, _tidy(q)

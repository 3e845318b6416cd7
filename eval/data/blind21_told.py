"""Blind set 21, the five written families: a query-language line, an old segment retold, a grid of condition rows,
filter chips, a flow's entry rules retold (each renders every shape)."""

from __future__ import annotations

from blind21_common import _cap, _g, _line, _t
from blind21_words import BI, CRM, ESP, NAMES, RECREATE, STORE

def _wrapped(s: str) -> bool:
    """Whether the whole of ``s`` is one parenthesised group."""
    if not s.startswith("("):
        return False
    depth = 0
    for i, ch in enumerate(s):
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            return i == len(s) - 1
    return False


def _neg_expr(e: str) -> str:
    call = e.split("(")[0].isidentifier() and _wrapped(e[len(e.split("(")[0]):])
    return f"NOT {e}" if _wrapped(e) or call else f"NOT ({e})"


def segment_query_line(rng, shape, L, cols=None):
    e = [x.expr(rng) for x in L]
    par = lambda s: s if _wrapped(s) else (f"({s})" if (" AND " in s or " OR " in s) else s)  # noqa: E731
    if shape == "leaf":
        body = e[0]
    elif shape == "and":
        body = " AND ".join(par(x) for x in e)
    elif shape == "or":
        body = " OR ".join(par(x) for x in e)
    elif shape == "and_not":
        body = f"{par(e[0])} AND {_neg_expr(e[1])}"
    elif shape == "not":
        body = _neg_expr(e[0])
    else:
        body = f"{par(e[0])} AND ({par(e[1])} OR {par(e[2])})"
    src = rng.choice(STORE + CRM)
    name = rng.choice(NAMES).replace(" ", "_").replace("#", "").replace("-", "_")
    form = rng.random()
    if form < 0.4:
        code = f"segment {name}: {body}"
    elif form < 0.7:
        code = f"customers where {body}" if not cols else f"customers where {body}\nreturn customer_id, {cols['key']}"
    else:
        code = body
    if cols and "return customer_id" not in code:
        code += f"\n-- output columns: customer_id, {cols['key']}"
    pre = rng.choice([f"{src} used a query language for customer segments; ours was:", f"The segment query from {src}:",
                      f"Old segment (query syntax from {src}):", f"This line is what defined the audience in {src}:"])
    post = rng.choice(RECREATE)
    fence = rng.random() < 0.5
    block = f"```\n{code}\n```" if fence else "\n".join("    " + ln for ln in code.split("\n"))
    return f"{_g(rng)}{_cap(pre)}\n\n{block}\n\n{post}{_t(rng)}"


# ===================================================================================== 7. a plain retelling of what the old segment did
def old_segment_retold(rng, shape, L, cols=None):
    tool = rng.choice(ESP + CRM)
    name = rng.choice(NAMES)
    opener = rng.choice([f"In {tool} the “{name}” segment was", f"Back in {tool}, our “{name}” list was", f"The audience we used in {tool} ({name}) was basically",
                         f"So in {tool} this segmnet was"])
    head = rng.choice(["the customers who", "all the people who", "the shoppers who"])
    s = lambda x: x.say(rng)  # noqa: E731
    if shape == "leaf":
        body = f"{head} {s(L[0])}."
    elif shape == "and":
        if len(L) == 2:
            body = f"{head} {s(L[0])} and {rng.choice(['also ', ''])}{s(L[1])}."
        else:
            body = f"{head} {s(L[0])}, {s(L[1])}, and {s(L[2])} — all three had to be true."
    elif shape == "or":
        body = f"{head} either {s(L[0])} or {s(L[1])} — meeting one of the two was enough."
    elif shape == "and_not":
        if rng.random() < 0.5:
            body = f"{head} {s(L[0])}, minus {rng.choice(['all those', 'the people', 'any customers'])} who {L[1].clause(rng)}."
        else:
            body = f"{head} {s(L[0])} but {s(L[1])}."
    elif shape == "not":
        body = f"{head} {s(L[0])}." + rng.choice(["", " Nothing else to it."])
    else:
        body = f"{head} {s(L[0])} and who also either {s(L[1])} or {s(L[2])} (either of those two was fine)."
    ask = rng.choice(["Can you rebuild it here?", "Could I get that same group out of our data?", "Please pull the equivalent list.",
                      "I need to recreate it before the contract ends.", "what would that be here?"])
    if cols:
        ask += rng.choice([f" With their {cols['col']} in a column, like the old export had.", f" I also need each one's {cols['col']}."])
    return f"{_g(rng)}{_cap(opener)} {body} {ask}{_t(rng)}"


# ===================================================================================== 8. numbered rows with a logic line
def condition_rows_grid(rng, shape, L, cols=None):
    src = rng.choice(CRM + BI)
    rows, logic = [], ""
    if shape == "leaf":
        rows, logic = [L[0].row(rng)], "1"
    elif shape == "and":
        rows, logic = [x.row(rng) for x in L], " AND ".join(str(i + 1) for i in range(len(L)))
    elif shape == "or":
        rows, logic = [x.row(rng) for x in L], "1 OR 2"
    elif shape == "and_not":
        if rng.random() < 0.5:
            rows, logic = [L[0].row(rng), L[1].row(rng)], "1 AND NOT 2"
        else:
            rows, logic = [L[0].row(rng), L[1].nrow(rng)], "1 AND 2"
    elif shape == "not":
        if rng.random() < 0.5:
            rows, logic = [L[0].row(rng)], "NOT 1"
        else:
            rows, logic = [L[0].nrow(rng)], "1"
    else:
        rows, logic = [x.row(rng) for x in L], "1 AND (2 OR 3)"
    style = rng.choice(["md", "tsv", "plain"])
    hdr = ["#", "Field", "Operator", "Value", "Timeframe / note"]
    cells = [[str(i + 1), r[0], r[1], r[2] or "—", r[3] or "—"] for i, r in enumerate(rows)]
    if style == "md":
        table = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)] + ["| " + " | ".join(c) + " |" for c in cells]
    elif style == "tsv":
        table = ["\t".join(hdr)] + ["\t".join(c) for c in cells]
    else:
        table = [f"{c[0]}) {c[1]} / {c[2]} / {c[3]} / {c[4]}" for c in cells]
    lg = rng.choice(["Logic: ", "Filter logic: ", "Combine as: ", "Advanced logic: "]) + logic
    pre = rng.choice([f"Filter rows from the list view in {src}, exported:", f"These are the list filters we had in {src}:",
                      f"The filter panel in {src}, copied row by row:"])
    extra = f"\nColumns: customer ID, {cols['col']}" if cols else ""
    return f"{_g(rng)}{_cap(pre)}\n\n" + "\n".join(table) + f"\n{lg}{extra}\n\n{rng.choice(RECREATE)}{_t(rng)}"


# ===================================================================================== 9. filter chips along a CRM list view, with prose
def _chip(r):
    f, o, v, w = r
    body = " ".join(x for x in (f, o, v) if x)
    return f"[{body}{' · ' + w if w else ''}]"


def filter_chip_strip(rng, shape, L, cols=None):
    crm = rng.choice(CRM + STORE)
    name = rng.choice(NAMES)
    pre = rng.choice([f"Our list “{name}” in {crm} had these filter chips across the top:", f"In {crm} the “{name}” view was filtered by",
                      f"Copying the chips off the filter bar in {crm} for “{name}”:"])
    if shape in ("leaf", "and"):
        mid = " ".join(_chip(x.row(rng)) for x in L) + (rng.choice([" — set to match all", " (match: all)", ", all of them applied together"]) if len(L) > 1 else "")
        note = "" if len(L) > 1 else rng.choice([" — just that one filter.", " and nothing else.", ""])
        mid += note
    elif shape == "or":
        mid = " ".join(_chip(x.row(rng)) for x in L) + rng.choice([" — set to match ANY", " (match: any — either chip is enough)"])
    elif shape == "and_not":
        mid = f"{_chip(L[0].row(rng))} " + rng.choice([f"and a red exclusion chip {_chip(L[1].row(rng))} (red = people matching it are taken out)",
                                                       f"plus {_chip(('NOT', '', _line(L[1].row(rng), rng), ''))}"])
    elif shape == "not":
        mid = rng.choice([f"just one chip, an exclusion: {_chip(('NOT', '', _line(L[0].row(rng), rng), ''))} — everyone else in the database was on the list",
                          f"a single red exclusion chip {_chip(L[0].row(rng))}; everybody not matching it was in the list"])
    else:
        mid = f"{_chip(L[0].row(rng))} AND ( {_chip(L[1].row(rng))} OR {_chip(L[2].row(rng))} )"
    ask = rng.choice(["Can you get me that list?", "I'd like the same people here.", "How do I get those customers in Portrait? Just the list is fine.",
                      "Could you pull it?"])
    if cols:
        ask += rng.choice([f" The old view also showed a column with their {cols['col']}, I need that too.", f" Include their {cols['col']} please."])
    return f"{_g(rng)}{_cap(pre)} {mid}\n{ask}{_t(rng)}"


# ===================================================================================== 10. an automation flow's entry rules retold
def flow_entry_retold(rng, shape, L, cols=None):
    esp = rng.choice(ESP)
    flow = rng.choice(["Tuesday", "“Flow 3”", "autumn", "Flow 7", "journey #4", "second"])
    name = rng.choice(NAMES)
    pre = rng.choice([f"Our {flow} flow in {esp} (“{name}”)", f"The {flow} automation we ran in {esp}", f"In {esp}, the {flow} journey"])
    s = lambda x: x.say(rng)  # noqa: E731
    if shape == "leaf":
        body = rng.choice([f"had a single entry rule: people who {s(L[0])}.", f"let in the people who {s(L[0])}, no other filter."])
    elif shape == "and":
        parts = "; ".join(f"they {s(x)}" for x in L)
        body = rng.choice([f"only let people in if they met every entry rule — {parts}.", f"required all of these before someone entered: {parts}."])
    elif shape == "or":
        body = rng.choice([f"had two entry triggers and either one was enough: people who {s(L[0])}, or people who {s(L[1])}.",
                           f"admitted people through two doors — those who {s(L[0])}, and also those who {s(L[1])} (one door was enough)."])
    elif shape == "and_not":
        body = rng.choice([f"let people in if they {s(L[0])}, but a flow filter skipped all those who {L[1].clause(rng)}.",
                           f"entered people who {s(L[0])}, unless they {L[1].clause(rng)} — those were filtered out."])
    elif shape == "not":
        body = rng.choice([f"had no entry rule except a filter that skipped the people who {L[0].clause(rng)}; every other customer went in.",
                           f"took every customer except those who {L[0].clause(rng)}."])
    else:
        body = f"let people in if they {s(L[0])} and, on top of that, met at least one of two extra rules: they {s(L[1])}, or they {s(L[2])}."
    ask = rng.choice(["I want that audience as a list here.", "Can you give me who would be in it right now?",
                      "Need the same people as a static segment.", "Please rebuild the audience (just the list of people is fine)."])
    if cols:
        ask = rng.choice([f"I want that audience as a list here, with their {cols['col']} so I can load it into the new tool.",
                          f"Can you give me who would be in it right now, plus each one's {cols['col']}?"])
    return f"{_g(rng)}{_cap(pre)} {body} {ask}{_t(rng)}"

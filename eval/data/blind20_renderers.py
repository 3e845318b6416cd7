"""Twentieth blind set: the ten families' renderers, each writing a request and, about half the time, its revision."""

from __future__ import annotations

import random
import re

from blind20_leaves import occurs
from blind20_words import CAMPAIGNS, MISSING, NAMES
from blind20_plans import (HEADS, P_REVISE, REVISED, _Missing, _cap, _say, body, _texts, _swappable, RELATED, _near, _spare, plan, _base, _also, _q)  # noqa: F401


# ---------------------------------------------------------------------------------------------------------------
# 1. a trailing sentence replaces a value written earlier in the message


def f_swap_tail(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap"], 0.6)
    opener = rng.choice(["Hi! Can you pull ", "Need a list of ", "Could I get ", "Please build me an audience of ",
                         "hey, looking for ", "Morning. I'm after "])
    H = rng.choice(HEADS)
    if pl is None:
        text = opener + body(rng, shape, _say(leaves), len(leaves), H) + "."
        if out:
            text += f" Include their {out} in the export."
        return text + " " + rng.choice(["Thanks!", "Cheers.", "No rush, end of day is fine.",
                                        f"It's for {rng.choice(CAMPAIGNS)}.", "Ta."])
    i = pl["i"]
    lf = leaves[i]
    text = opener + body(rng, shape, _say(leaves, {"i": i, "fmt": "{alt}"}), len(leaves), H) + "."
    if out:
        text += f" Include their {out} in the export."
    tail = rng.choice(["Make that {val} instead of {alt}.", "Wait, {alt} should read {val}.",
                       "Change {alt} to {val} before you run it.", "On second thought, go with {val} rather than {alt}.",
                       "Sorry, typo above: I meant {val}, not {alt}.", "({alt} → {val}, my mistake.)"])
    return text + " " + tail.format(val=lf.val, alt=lf.alt)


# ---------------------------------------------------------------------------------------------------------------
# 2. markdown strike-through inside the request


def f_tilde_strike(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike"], 0.6)
    H = rng.choice(HEADS)
    if pl is None:
        text = rng.choice(["**Audience:** ", "Segment for this week: ", "Audience pls: "]) + \
            body(rng, shape, _say(leaves), len(leaves), H) + "."
        return text + (f" Columns: id + {out}." if out else "")
    hint = rng.choice(["(struck-through bits are out)\n", "Edited below, ignore anything crossed out:\n", "", ""])
    if pl["type"] == "swap":
        text = _cap(body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": "~~{alt}~~ {val}"}), len(leaves), H)) + "."
    else:
        text = _cap(body(rng, shape, _say(leaves), len(leaves), H)) + ". ~~" + _also(pl["spare"], rng) + "~~"
    return hint + text + (f" Columns: id + {out}." if out else "")


# ---------------------------------------------------------------------------------------------------------------
# 3. two complete drafts and a choice between them


def _alt_body(rng, shape, leaves, pl, H) -> str:
    if pl["type"] == "swap":
        return body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": "{alt}"}), len(leaves), H) + "."
    if pl["type"] == "strike":
        return body(rng, shape, _say(leaves), len(leaves), H) + ". " + _also(pl["spare"], rng)
    bshape, bleaves, _ = _base(shape, leaves)
    return body(rng, bshape, _say(bleaves), len(bleaves), H) + "."


def f_version_pick(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike", "narrow", "widen"], 0.6)
    H = rng.choice(HEADS)
    seed = rng.random()
    final = _cap(body(random.Random(seed), shape, _say(leaves), len(leaves), H)) + "."
    col = f" Add a column with their {out}." if out else ""
    col_after = f"\nEither way, include a column with their {out}." if out else ""
    if pl is None:
        return rng.choice(["Final draft: ", "Settled on this one: ", "Audience, final wording: "]) + final + col + \
            rng.choice([" Good to go.", " Thanks!", ""])
    other = _cap(_alt_body(random.Random(seed), shape, leaves, pl, H))
    a, b = rng.choice([("v1", "v2"), ("Draft 1", "Draft 2"), ("Option A", "Option B"), ("Version A", "Version B")])
    pick_first = rng.random() < 0.5
    first, second = (final, other) if pick_first else (other, final)
    chosen = a if pick_first else b
    pick = rng.choice([f"Let's go with {chosen}.", f"{chosen} is the one I want.",
                       f"Please use {chosen}; the other one was my first pass.", f"Run {chosen}, ignore the other."])
    if rng.random() < 0.5:
        return f"Two drafts of the audience.\n{a}: {first}\n{b}: {second}\n{pick}{col_after}"
    return f"{pick} Drafts:\n{a}: {first}\n{b}: {second}{col_after}"


# ---------------------------------------------------------------------------------------------------------------
# 4. a colleague's request quoted, then edited


def f_quoted_ask_edit(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike", "narrow", "widen"], 0.55)
    name = rng.choice(NAMES)
    H = rng.choice(HEADS)
    ask = rng.choice(["Can we get {b}?", "Pull {b} please.", "I need {b} for the next send."])
    intro = rng.choice([f"{name} asked for this in the channel:", f"Forwarding {name}'s ask:", f"From {name} this morning:"])
    col = f" And add their {out} as a column." if out else ""
    if pl is None:
        b = body(rng, shape, _say(leaves), len(leaves), H)
        return f"{intro}\n> {ask.format(b=b)}\n" + rng.choice(["Run it exactly as written, please.",
                                                               "No changes from me, just run it.",
                                                               "Can you run that as-is?"]) + col
    t = pl["type"]
    if t == "swap":
        lf = leaves[pl["i"]]
        b = body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": "{alt}"}), len(leaves), H)
        edit = rng.choice([f"Same, but with {lf.val} where it says {lf.alt}.", f"Run it with {lf.alt} replaced by {lf.val}.",
                           f"Use that, except {lf.alt} should be {lf.val}."])
        return f"{intro}\n> {ask.format(b=b)}\n{edit}{col}"
    if t == "strike":
        b = body(rng, shape, _say(leaves), len(leaves), H)
        q = ask.format(b=b) + " " + _also(pl["spare"], rng)
        edit = rng.choice([f"Same, but remove the {_q(pl['spare'])} requirement, we're not filtering on that.",
                           f"Run it without the {_q(pl['spare'])} condition; everything else stays."])
        return f"{intro}\n> {q}\n{edit}{col}"
    bshape, bleaves, added = _base(shape, leaves)
    b = body(rng, bshape, _say(bleaves), len(bleaves), H)
    if t == "narrow":
        edit = rng.choice([f"Same, but only the ones who also {added.vp}.",
                           f"Same, narrowed down to those who also {added.vp}."])
        if shape == "and_not" and rng.random() < 0.5:
            edit = f"Same, but drop anyone who {added.pos}."
    else:
        edit = rng.choice([f"Same, but also include {H} who {added.vp} (either group qualifies).",
                           f"Same, and widen it: {H} who {added.vp} count too, even if they don't match the original ask."])
    return f"{intro}\n> {ask.format(b=b)}\n{edit}{col}"


# ---------------------------------------------------------------------------------------------------------------
# 5. 'scratch the ... part' after the request


def f_scratch_bit(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["strike", "swap"], 0.55)
    H = rng.choice(HEADS)
    lead = rng.choice(["For the list: ", "Right, audience time. ", "Quick one: ", ""])
    col = f" I'll also need their {out} in the file." if out else ""
    if pl is None:
        return lead + _cap(body(rng, shape, _say(leaves), len(leaves), H)) + "." + col + \
            rng.choice(["", " Thanks.", " Nothing else to filter on."])
    if pl["type"] == "strike":
        text = lead + _cap(body(rng, shape, _say(leaves), len(leaves), H)) + ". " + _also(pl["spare"], rng)
        scratch = rng.choice([" Scratch that last condition, it's not needed.",
                              f" Scratch the {_q(pl['spare'])} part.",
                              f" Hmm, scratch the bit about {_q(pl['spare'])}."])
        return text + col + scratch
    lf = leaves[pl["i"]]
    text = lead + _cap(body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": "{alt}"}), len(leaves), H)) + "."
    scratch = rng.choice([f" Scratch {lf.alt}, put {lf.val} there instead.", f" Scratch the {lf.alt} part: it's {lf.val}."])
    return text + col + scratch


# ---------------------------------------------------------------------------------------------------------------
# 6. a second line opening with 'actually'


def f_actually_line(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "narrow", "widen", "strike"], 0.55)
    H = rng.choice(HEADS)
    need = rng.choice(["need ", "can i get ", "pls pull ", "looking for "])
    col = f" + their {out}" if out else ""
    if pl is None:
        line = need + body(rng, shape, _say(leaves), len(leaves), H) + col
        return line + rng.choice(["", "\nfor " + rng.choice(CAMPAIGNS), "\nthanks!"])
    t = pl["type"]
    if t == "swap":
        lf = leaves[pl["i"]]
        line = need + body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": "{alt}"}), len(leaves), H) + col
        second = rng.choice([f"actually make it {lf.val}, not {lf.alt}", f"actually, {lf.val} instead of {lf.alt}",
                             f"Actually {lf.alt} is wrong, should be {lf.val}"])
    elif t == "strike":
        line = need + body(rng, shape, _say(leaves), len(leaves), H) + ". " + _also(pl["spare"], rng) + col
        second = rng.choice([f"actually forget the {_q(pl['spare'])} condition, it doesn't matter",
                             f"Actually drop the requirement that they {pl['spare']}"])
    else:
        bshape, bleaves, added = _base(shape, leaves)
        line = need + body(rng, bshape, _say(bleaves), len(bleaves), H) + col
        if t == "narrow":
            second = rng.choice([f"actually only the ones who also {added.vp}",
                                 f"Actually, narrow it to those who also {added.vp}"])
        else:
            second = rng.choice([f"actually also add {H} who {added.vp}, either group is fine",
                                 f"Actually widen it: {H} who {added.vp} should be in there too"])
    return line + "\n" + second


# ---------------------------------------------------------------------------------------------------------------
# 7. editor's notes in square brackets, placed where they apply


def f_bracket_note(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike", "narrow", "widen"], 0.55)
    H = rng.choice(HEADS)
    tag = rng.choice(["edit", "EDIT", "update", "correction"])
    col = f" Output: customer id, {out}." if out else ""
    if pl is None:
        text = _cap(body(rng, shape, _say(leaves), len(leaves), H)) + "."
        return text + col + rng.choice(["", f" [for {rng.choice(CAMPAIGNS)}]", " [no deadline]"])
    t = pl["type"]
    if t == "swap":
        fmt = rng.choice(["{alt} [%s: should be {val}]", "{alt} [%s: {val}, not {alt}]"]) % tag
        return _cap(body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": fmt}), len(leaves), H)) + "." + col
    if t == "strike":
        return _cap(body(rng, shape, _say(leaves), len(leaves), H)) + ". " + _also(pl["spare"], rng) + \
            rng.choice([f" [{tag}: drop this last condition]", f" [{tag}: remove the condition just before this note]"]) + col
    bshape, bleaves, added = _base(shape, leaves)
    text = _cap(body(rng, bshape, _say(bleaves), len(bleaves), H)) + "."
    if t == "narrow":
        note = f" [{tag}: only the ones who also {added.vp}]"
    else:
        note = f" [{tag}: also include any {H} who {added.vp}; either group qualifies]"
    return text + note + col


# ---------------------------------------------------------------------------------------------------------------
# 8. last time's audience and a list of changes


def f_changelog_delta(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike", "narrow", "widen"], 0.55)
    H = rng.choice(HEADS)
    when = rng.choice(["last week", "last month", "the October run", "yesterday"])
    col = f"\n• new column: their {out}" if out else ""
    if pl is None:
        text = rng.choice([f"Rerun {when}'s audience, no changes: ", f"Same audience as {when}, nothing changed: "])
        b = body(rng, shape, _say(leaves), len(leaves), H) + "."
        return text + b + (f" Plus a column with their {out}." if out else "")
    t = pl["type"]
    head = rng.choice([f"{_cap(when)}'s audience was: ", f"Starting from {when}'s list: "])
    if t == "swap":
        lf = leaves[pl["i"]]
        b = body(rng, shape, _say(leaves, {"i": pl["i"], "fmt": "{alt}"}), len(leaves), H) + "."
        change = rng.choice([f"• {lf.alt} → {lf.val}", f"• changed: {lf.alt} is now {lf.val}"])
    elif t == "strike":
        b = body(rng, shape, _say(leaves), len(leaves), H) + ". " + _also(pl["spare"], rng)
        change = f"• removed: the {_q(pl['spare'])} condition"
    else:
        bshape, bleaves, added = _base(shape, leaves)
        b = body(rng, bshape, _say(bleaves), len(bleaves), H) + "."
        if t == "narrow":
            change = f"• added: only those who also {added.vp}"
        else:
            change = f"• added: {H} who {added.vp} now qualify too (either way is enough)"
    rest = rng.choice(["\n• everything else unchanged", "\n• rest as before", ""])
    return f"{head}{b}\nChanges this time:\n{change}{col}{rest}"


# ---------------------------------------------------------------------------------------------------------------
# 9. numbered conditions, a logic line, and edits that point at numbers


def _all(n: int) -> str:
    refs = [f"({k})" for k in range(1, n + 1)]
    return (", ".join(refs[:-1]) + " and " + refs[-1]) if n > 1 else refs[0]


def _logic(shape: str, n: int, extra: int | None) -> str:
    if shape in ("leaf", "not"):
        return "just (1)" if extra is None else f"(1) and ({extra}), both required"
    if shape == "and":
        return f"{_all(n)}, all required" if extra is None else f"{_all(extra)}, all required"
    if shape == "or":
        core = "(1) or (2), either is enough"
    elif shape == "and_not":
        core = "(1) and (2) together"
    else:
        core = "(1), plus at least one of (2) and (3)"
    return core if extra is None else core + f"; and also ({extra})"


def f_numbered_refs(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike", "logic"], 0.55)
    n = len(leaves)
    items = [lf.vp for lf in leaves]
    positive = [False] * n
    if shape == "and_not" and rng.random() < 0.5:
        items[1], positive[1] = leaves[1].pos, True
        logic = "(1) but not (2)"
    elif shape == "not" and rng.random() < 0.5:
        items[0], positive[0] = leaves[0].pos, True
        logic = "everyone who does NOT match (1)"
    else:
        logic = None
    H = rng.choice(HEADS)
    lead = rng.choice([f"{_cap(H)} matching:", f"Criteria for the {rng.choice(['list', 'segment', 'audience'])}:",
                       f"Who I want ({H}):"])
    edit = ""
    extra = None
    if pl and pl["type"] == "swap":
        i = pl["i"]
        lf = leaves[i]
        items[i] = lf.draft(positive=positive[i])
        edit = rng.choice([f"Edit to ({i + 1}): {lf.val} instead of {lf.alt}.", f"Correction on ({i + 1}): {lf.alt} → {lf.val}."])
    elif pl and pl["type"] == "strike":
        items.append(pl["spare"])
        extra = len(items)
        edit = rng.choice([f"Edit: delete ({extra}).", f"Correction: ({extra}) is out, ignore it."])
    logic_line = logic if logic and extra is None else (logic + f"; and also ({extra})" if logic else _logic(shape, n, extra))
    if pl and pl["type"] == "logic":
        if shape == "or":
            logic_line = "(1) and (2), both required"
            edit = rng.choice(["Edit: not both, either (1) or (2) is enough.", "Correction: make it (1) OR (2), one of them is enough."])
        else:
            logic_line = "(1) or (2), either is enough"
            edit = rng.choice(["Edit: they need both (1) and (2), not just one.", "Correction: (1) AND (2), both required."])
    lines = [lead] + [f"({k}) {t}" for k, t in enumerate(items, 1)] + [f"Logic: {logic_line}"]
    if out:
        lines.append(f"Output: id and {out}")
    if edit:
        lines.append(edit)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# 10. a checklist where only ticked boxes apply


def f_tick_boxes(rng, shape, leaves, out=None):
    pl = plan(rng, shape, leaves, ["swap", "strike"], 0.55)
    on, off = rng.choice([("[x]", "[ ]"), ("☑", "☐")])
    groups: list[tuple[str, list[tuple[bool, str]]]]
    if shape in ("leaf", "and"):
        groups = [("Must match all ticked:", [(True, lf.vp) for lf in leaves])]
    elif shape == "or":
        groups = [("Any one ticked line is enough:", [(True, lf.vp) for lf in leaves])]
    elif shape == "and_not":
        if rng.random() < 0.5:
            groups = [("Must match:", [(True, leaves[0].vp)]), ("Must NOT match:", [(True, leaves[1].pos)])]
        else:
            groups = [("Must match all ticked:", [(True, leaves[0].vp), (True, leaves[1].vp)])]
    elif shape == "not":
        if rng.random() < 0.5:
            groups = [("Must NOT match:", [(True, leaves[0].pos)])]
        else:
            groups = [("Must match:", [(True, leaves[0].vp)])]
    else:
        groups = [("Must match:", [(True, leaves[0].vp)]), ("And at least one of:", [(True, leaves[1].vp), (True, leaves[2].vp)])]
    if pl and pl["type"] == "swap":
        lf = leaves[pl["i"]]
        for _, rows in groups:
            for k, (_, txt) in enumerate(rows):
                if txt in (lf.vp, lf.pos):
                    positive = txt == lf.pos and txt != lf.vp
                    draft = (False, lf.draft(positive=positive))
                    rows.insert(k + (1 if rng.random() < 0.5 else 0), draft)
                    break
            else:
                continue
            break
    elif pl and pl["type"] == "strike":
        rows = groups[0][1]
        if groups[0][0].startswith("Must NOT"):
            groups.append(("Must match:", [(False, pl["spare"])]))
        else:
            rows.insert(rng.randrange(len(rows) + 1), (False, pl["spare"]))
    rule = rng.choice(["Only ticked boxes count.", "Unticked lines don't apply.", "(only the ticked ones)"])
    lines = [rule] if pl or rng.random() < 0.5 else []
    lines.append(rng.choice(["Audience checklist:", "Segment:", "Filters:"]))
    for title, rows in groups:
        lines.append(title)
        lines += [f"{on if ticked else off} {txt}" for ticked, txt in rows]
    if out:
        lines.append(f"Export columns: id, {out}")
    return "\n".join(lines)

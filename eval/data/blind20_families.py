"""Twentieth blind marketer set: ten request structures in one register, revisions made inside one message before
it is sent. About half the requests revise themselves (a value replaced, a condition struck, the group narrowed or
widened, one of two drafts chosen, the logic switched); the rest are plain requests in the same working style.
The audience meant is always what is left after the revisions, and only that is the gold."""

from __future__ import annotations

import random
import re

from blind20_leaves import occurs
from blind20_words import CAMPAIGNS, MISSING, NAMES
from blind20_plans import (HEADS, P_REVISE, REVISED, _Missing, _cap, _say, body, _texts, _swappable, RELATED, _near, _spare, plan, _base, _also, _q)  # noqa: F401
from blind20_renderers import (f_swap_tail, f_tilde_strike, _alt_body, f_version_pick, f_quoted_ask_edit, f_scratch_bit, f_actually_line, f_bracket_note, f_changelog_delta, _all, _logic, f_numbered_refs, f_tick_boxes)  # noqa: F401

FAMILIES = ["swap_tail", "tilde_strike", "version_pick", "quoted_ask_edit", "scratch_bit", "actually_line",
            "bracket_note", "changelog_delta", "numbered_refs", "tick_boxes"]

RENDER = {"swap_tail": f_swap_tail, "tilde_strike": f_tilde_strike, "version_pick": f_version_pick,
          "quoted_ask_edit": f_quoted_ask_edit, "scratch_bit": f_scratch_bit, "actually_line": f_actually_line,
          "bracket_note": f_bracket_note, "changelog_delta": f_changelog_delta, "numbered_refs": f_numbered_refs,
          "tick_boxes": f_tick_boxes}


def _tidy(text: str) -> str:
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", re.sub(r"[ \t]+", " ", text)).strip()


def render(rng: random.Random, family: str, shape: str, leaves) -> str:
    return _tidy(RENDER[family](rng, shape, list(leaves)))


def decline(rng: random.Random, family: str, beside, what: str, field_ask: bool) -> tuple[str, str]:
    conds, fields = MISSING[what]
    if field_ask and beside is not None:
        return what, _tidy(RENDER[family](rng, "leaf", [beside], out=rng.choice(fields)))
    missing = _Missing(rng.choice(conds))
    if beside is None:
        return what, _tidy(RENDER[family](rng, "leaf", [missing]))
    pair = [beside, missing] if rng.random() < 0.5 else [missing, beside]
    return what, _tidy(RENDER[family](rng, "and", pair))

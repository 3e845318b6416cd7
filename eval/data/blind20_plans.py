"""Twentieth blind set: the shared pieces: the request's body, the plan of a revision (which value is swapped, which
condition struck, narrowed or widened) and the phrasing helpers."""

from __future__ import annotations

import random
import re

from blind20_leaves import occurs
from blind20_words import CAMPAIGNS, MISSING, NAMES


HEADS = ["customers", "people", "shoppers"]
P_REVISE = 0.55
REVISED: dict[str, int] = {}  # how many requests took each kind of revision (for the writer's own check)


class _Missing:
    """A condition on data the shop does not hold, shaped like a leaf so the families can write it."""

    def __init__(self, text: str) -> None:
        self.kind, self.slot, self.alt, self.spares, self.negated = "missing", None, None, [], False
        self.vp = self.pos = text


# ---------------------------------------------------------------------------------------------------------------
# the condition tree in words


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _say(leaves, mark: dict | None = None):
    """Text of leaf i (negation phrasing when it comes negated, unless positive=True); the leaf named in
    mark["i"] is written with its slot rendered by mark["fmt"]."""

    def say(i: int, positive: bool = False) -> str:
        lf = leaves[i]
        if mark is not None and mark["i"] == i:
            return lf.marked(mark["fmt"], positive=positive)
        return lf.pos if positive else lf.vp

    return say


def body(rng: random.Random, shape: str, say, n: int, H: str | None = None) -> str:
    """The audience in words from the first noun on (no final full stop)."""
    H = H or rng.choice(HEADS)
    t = [say(i) for i in range(n)]
    if shape == "leaf":
        return f"{H} who {t[0]}"
    if shape == "and":
        if n == 2:
            return rng.choice([f"{H} who {t[0]} and who {t[1]}", f"{H} who {t[0]} and who also {t[1]}",
                               f"{H} who {t[0]}, and who {t[1]} as well"])
        return rng.choice([f"{H} who {t[0]}, who {t[1]}, and who {t[2]}",
                           f"{H} who {t[0]}, who also {t[1]}, and who {t[2]} on top of that"])
    if shape == "or":
        return rng.choice([f"{H} who either {t[0]} or {t[1]} (one of the two is enough)",
                           f"{H} who {t[0]}, plus any {H} who {t[1]}",
                           f"{H} who {t[0]} or who {t[1]}, either one qualifies"])
    if shape == "and_not":
        return rng.choice([f"{H} who {t[0]} but {t[1]}", f"{H} who {t[0]} and who {t[1]}",
                           f"{H} who {t[0]}, excluding any who {say(1, True)}"])
    if shape == "not":
        return rng.choice([f"{H} who {t[0]}", f"all customers except those who {say(0, True)}",
                           f"everyone apart from the people who {say(0, True)}"])
    # and_or
    return rng.choice([f"{H} who {t[0]} and who also either {t[1]} or {t[2]}",
                       f"{H} who {t[0]}; of those, only the ones who {t[1]} or who {t[2]}",
                       f"{H} who {t[0]} and, on top of that, either {t[1]} or {t[2]}"])


# ---------------------------------------------------------------------------------------------------------------
# revision plans


def _texts(leaves) -> list[str]:
    out = []
    for lf in leaves:
        out += [lf.vp, lf.pos]
    return out


def _swappable(leaves) -> list[int]:
    """Leaves whose draft value can be named unambiguously (it occurs nowhere else in the request)."""
    ok = []
    for i, lf in enumerate(leaves):
        if not lf.slot:
            continue
        others = [t for j, o in enumerate(leaves) if j != i for t in (o.vp, o.pos)]
        if any(occurs(t, lf.alt) for t in others + [lf.val]) or any(occurs(t, lf.val) for t in [lf.alt]):
            continue
        if occurs(lf.vp, lf.alt) or occurs(lf.pos, lf.alt):
            continue
        ok.append(i)
    return ok


RELATED = [{"country", "country_not"}, {"bought_category", "bought_category_within", "viewed_not_bought"},
           {"bought_brand", "bought_brand_within"}, {"last_purchase_within", "last_purchase_more"},
           {"returns_count", "returned"}, {"reviews_count", "reviewed"},
           {"rating_min", "rating_max", "rating_average", "rating_latest"}, {"net_spend_over", "net_spend_under"}]


def _near(kinds: set[str]) -> set[str]:
    out = set(kinds)
    for group in RELATED:
        if group & kinds:
            out |= group
    return out


def _spare(rng: random.Random, leaves) -> str | None:
    kinds = _near({lf.kind for lf in leaves})
    pool = [t for lf in leaves for k, t in lf.spares if k not in kinds]
    pool = [t for t in pool if not any(occurs(t, lf.alt) for lf in leaves if lf.slot)]
    return rng.choice(pool) if pool else None


def plan(rng: random.Random, shape: str, leaves, allowed: list[str], p: float = P_REVISE) -> dict | None:
    if rng.random() >= p:
        return None
    options = []
    if "swap" in allowed and _swappable(leaves):
        options += ["swap"] * 3
    if "strike" in allowed and _spare(rng, leaves):
        options += ["strike"] * 2
    if "narrow" in allowed and shape in ("and", "and_not", "and_or"):
        options += ["narrow"] * 3
    if "widen" in allowed and shape == "or":
        options += ["widen"] * 3
    if "logic" in allowed and shape in ("and", "or") and len(leaves) == 2:
        options += ["logic"] * 3
    if not options:
        return None
    kind = rng.choice(options)
    REVISED[kind] = REVISED.get(kind, 0) + 1
    if kind == "swap":
        return {"type": "swap", "i": rng.choice(_swappable(leaves))}
    if kind == "strike":
        return {"type": "strike", "spare": _spare(rng, leaves)}
    return {"type": kind}


def _base(shape: str, leaves):
    """For narrow / widen: (shape of the group first written, its leaves, the leaf added, how it is added)."""
    if shape == "and":
        return ("leaf" if len(leaves) == 2 else "and"), leaves[:-1], leaves[-1]
    if shape == "and_not":
        return "leaf", leaves[:1], leaves[1]
    if shape == "and_or":
        return "or", leaves[1:], leaves[0]
    return "leaf", leaves[:1], leaves[1]  # or: widen


def _also(spare: str, rng: random.Random) -> str:
    return rng.choice([f"Also only those who {spare}.", f"On top of that, only those who {spare}.",
                       f"And only the ones who {spare}."])


def _q(text: str) -> str:
    return f"“{text}”" if "“" not in text else f"'{text}'"


# ---------------------------------------------------------------------------------------------------------------
# 1. a trailing sentence replaces a value written earlier in the message

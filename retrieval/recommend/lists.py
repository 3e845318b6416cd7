"""From scores to a list worth showing: the top items, with near-duplicates collapsed (one item per
title family and category, no two near-identical product vectors), nothing that substitutes for what
was just bought, and no category taking more than half the list while others are on offer."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np

from retrieval.recommend.data import Catalog, UserContext

NEAR_DUPLICATE_COSINE = 0.92
_HEAD = re.compile(r"\s*(?:,|\(|\[| - | \| |:)")
_WORD = re.compile(r"[a-z]+")


def title_family(title: str) -> str:
    """The head noun of a title: the last word before its first comma, bracket or dash, singular
    ("Chew-Proof Bamboo Cat Tree" -> "tree", "Travel Journal, Blue" -> "journal")."""
    words = _WORD.findall(_HEAD.split(title.lower(), maxsplit=1)[0])
    if not words:
        return ""
    word = words[-1]
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _top(scores: np.ndarray, count: int) -> list[int]:
    finite = np.flatnonzero(np.isfinite(scores))
    if len(finite) > count:
        finite = finite[np.argpartition(-scores[finite], count)[:count]]
    return [int(i) for i in finite[np.argsort(-scores[finite], kind="stable")]]


def pick(scores: np.ndarray, catalog: Catalog, context: UserContext, k: int, diversify: bool = True) -> list[int]:
    """Positions of the k items to show, best first."""
    candidates = _top(scores, k if not diversify else 20 * k + 50)
    if not diversify:
        return candidates[:k]
    last_ts = context.history[-1].ts if context.history else None
    just_bought = [s.item for s in context.history if s.ts == last_ts]
    key = lambda i: (title_family(catalog.titles[i]), catalog.categories[i])  # noqa: E731
    taken_families = {key(i) for i in just_bought}
    cap = max(1, math.ceil(k / 2))
    chosen: list[int] = []
    per_category: Counter[str] = Counter()
    over_cap: list[int] = []
    duplicates: list[int] = []
    for item in candidates:
        if len(chosen) == k:
            break
        family = key(item)
        near = chosen + just_bought
        if family in taken_families or (near and float(np.max(catalog.vectors[near] @ catalog.vectors[item])) >= NEAR_DUPLICATE_COSINE):
            duplicates.append(item)
        elif per_category[catalog.categories[item]] >= cap:
            over_cap.append(item)
        else:
            chosen.append(item)
            taken_families.add(family)
            per_category[catalog.categories[item]] += 1
    for item in over_cap + duplicates:  # a short catalogue still fills the list, best first
        if len(chosen) == k:
            break
        chosen.append(item)
    return chosen

"""Ranking metrics of the recommendation harness. Ties count half: an item tied with the held-out
one is ranked above it half the time, so a constant score never looks good."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def rank_among(positive: float, others: np.ndarray) -> int:
    """0-based rank of the positive's score among the others' scores (ties split evenly)."""
    others = np.asarray(others, dtype=np.float64)
    return int((others > positive).sum()) + int((others == positive).sum()) // 2


def hit_at(rank: int, k: int = 10) -> float:
    return 1.0 if rank < k else 0.0


def ndcg_at(rank: int, k: int = 10) -> float:
    """One relevant item: 1 / log2(rank + 2) inside the top k."""
    return 1.0 / math.log2(rank + 2) if rank < k else 0.0


def recall_at(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    return len(set(ranked[:k]) & relevant) / len(relevant) if relevant else 0.0


def ndcg_set_at(ranked: Sequence[str], relevant: set[str], k: int = 10) -> float:
    """NDCG@k with several relevant items (binary gains)."""
    if not relevant:
        return 0.0
    gain = sum(1.0 / math.log2(n + 2) for n, item in enumerate(ranked[:k]) if item in relevant)
    ideal = sum(1.0 / math.log2(n + 2) for n in range(min(k, len(relevant))))
    return gain / ideal


def intra_list_similarity(vectors: np.ndarray) -> float:
    """Mean pairwise cosine of a list's (unit) item vectors."""
    if len(vectors) < 2:
        return float("nan")
    sims = vectors @ vectors.T
    upper = np.triu_indices(len(vectors), 1)
    return float(sims[upper].mean())

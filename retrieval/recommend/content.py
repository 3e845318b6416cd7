"""Content-based suggestions: the user's interest vector (a recency-weighted mean of the text vectors
of their items, ``half_life`` items; 0 = plain mean) against every product's text vector."""

from __future__ import annotations

import numpy as np

from retrieval.recommend.base import Reason, Recommender
from retrieval.recommend.data import Catalog, UserContext


def recency_weights(count: int, half_life: float) -> np.ndarray:
    """Weight of each of ``count`` items in time order: the newest 1, halving every ``half_life``."""
    if count == 0:
        return np.zeros(0)
    if half_life <= 0:
        return np.ones(count)
    return 0.5 ** (np.arange(count - 1, -1, -1) / half_life)


def interest_vector(catalog: Catalog, items: list[int], half_life: float) -> np.ndarray:
    """Unit interest vector of a history (zeros when empty)."""
    if not items:
        return np.zeros(catalog.vectors.shape[1], dtype=np.float32)
    vector = recency_weights(len(items), half_life) @ catalog.vectors[items]
    norm = float(np.linalg.norm(vector))
    return (vector / norm if norm > 0 else vector).astype(np.float32)


class ContentRecommender(Recommender):
    name = "content"
    grid = {"half_life": [0.0, 1.0, 3.0, 10.0]}

    def user_vector(self, context: UserContext) -> np.ndarray:
        return interest_vector(self.fitted.catalog, context.items, float(self.params["half_life"]))

    def _scores(self, context: UserContext) -> np.ndarray:
        return (self.fitted.catalog.vectors @ self.user_vector(context)).astype(np.float64)

    def scores_for(self, contexts: list[UserContext]) -> np.ndarray:
        users = np.stack([self.user_vector(c) for c in contexts])
        return (users @ self.fitted.catalog.vectors.T).astype(np.float64)

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        """The history item that adds most to the score (recency weight x text similarity)."""
        catalog = self.fitted.catalog
        if not context.history:
            return [Reason("no history to compare with")]
        weights = recency_weights(len(context.history), float(self.params["half_life"]))
        shares = weights * (catalog.vectors[context.items] @ catalog.vectors[item])
        best = context.history[int(np.argmax(shares))]
        return [Reason(f"close to {catalog.titles[best.item]}, which you bought", [best.event_id])]

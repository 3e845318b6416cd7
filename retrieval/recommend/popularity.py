"""Baseline: the most bought items, the same list for everyone."""

from __future__ import annotations

import numpy as np

from retrieval.recommend.base import Reason, Recommender
from retrieval.recommend.data import UserContext


class PopularityRecommender(Recommender):
    name = "popularity"

    def _scores(self, context: UserContext) -> np.ndarray:
        return self.fitted.counts.astype(np.float64)

    def scores_for(self, contexts: list[UserContext]) -> np.ndarray:
        return np.tile(self.fitted.counts.astype(np.float64), (len(contexts), 1))

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        return [Reason(f"popular: {int(self.fitted.counts[item])} customers bought it")]

"""Baseline: implicit-feedback matrix factorisation (ALS from the ``implicit`` package, CPU)."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from retrieval.recommend.base import Reason, Recommender
from retrieval.recommend.data import UserContext


class ALSRecommender(Recommender):
    name = "als"
    grid = {"factors": [64], "regularization": [0.05, 0.5], "alpha": [1.0, 10.0], "iterations": [15]}

    def _fit(self, valid: object) -> None:
        from implicit.cpu.als import AlternatingLeastSquares
        from threadpoolctl import threadpool_limits

        with threadpool_limits(1, "blas"):  # implicit's own advice: its threads, not BLAS's
            self.model = AlternatingLeastSquares(
                factors=int(self.params["factors"]), regularization=float(self.params["regularization"]),
                alpha=float(self.params["alpha"]), iterations=int(self.params["iterations"]), random_state=0,
            )
            self.model.fit(self.fitted.matrix, show_progress=False)

    def _user_factors(self, contexts: list[UserContext]) -> np.ndarray:
        """Factors solved exactly from each context's items (the fitted item factors held fixed),
        so a history that grew after fitting is used as it is now."""
        rows = sparse.vstack([self.fitted.row(c.items) for c in contexts]).tocsr()
        return np.asarray(self.model.recalculate_user(np.arange(len(contexts)), rows))

    def _scores(self, context: UserContext) -> np.ndarray:
        return self.scores_for([context])[0]

    def scores_for(self, contexts: list[UserContext]) -> np.ndarray:
        users = self._user_factors(list(contexts)).reshape(len(contexts), -1)
        return (users @ self.model.item_factors.T).astype(np.float64)

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        catalog = self.fitted.catalog
        if not context.history:
            return [Reason("no history to compare with")]
        factors = self.model.item_factors
        best = max(context.history, key=lambda s: float(factors[s.item] @ factors[item]))
        return [Reason(f"bought by shoppers with tastes like yours, closest to {catalog.titles[best.item]}", [best.event_id])]

"""Baseline: EASE (Steck 2019), a closed-form item-item linear model with L2 weight ``l2`` (picked on
the dev split by the harness): B = I - P / diag(P), P = (X'X + l2 I)^-1, diagonal forced to zero."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from retrieval.recommend.base import Reason, Recommender
from retrieval.recommend.data import UserContext


class EASERecommender(Recommender):
    name = "ease"
    grid = {"l2": [250.0, 50.0, 1000.0, 4000.0]}

    def _fit(self, valid: object) -> None:
        gram = (self.fitted.matrix.T @ self.fitted.matrix).toarray().astype(np.float64)
        gram[np.diag_indices_from(gram)] += float(self.params["l2"])
        inverse = np.linalg.inv(gram)
        weights = -inverse / np.diag(inverse)
        np.fill_diagonal(weights, 0.0)
        self.weights = weights.astype(np.float32)

    def _scores(self, context: UserContext) -> np.ndarray:
        items = sorted(set(context.items))
        return self.weights[items].sum(axis=0).astype(np.float64)

    def scores_for(self, contexts: list[UserContext]) -> np.ndarray:
        rows = sparse.vstack([self.fitted.row(c.items) for c in contexts]).tocsr()
        return np.asarray(rows @ self.weights, dtype=np.float64)

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        data = self.fitted
        owned = {s.item: s for s in context.history}
        best = max(owned, key=lambda i: self.weights[i, item]) if owned else None
        if best is None or self.weights[best, item] <= 0:
            return [Reason("predicted from your purchases as a whole; no single item stands out")]
        together = int(data.cooccurrence[best, item])
        title = data.catalog.titles[best]
        if together == 0:
            return [Reason(f"you bought {title}; its buyers buy what this item's buyers buy", [owned[best].event_id])]
        return [Reason(f"you bought {title}; {together} shoppers bought both", [owned[best].event_id])]

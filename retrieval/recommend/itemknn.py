"""Baseline: item-kNN. Item-item cosine over co-purchases, each item keeping its ``neighbours`` most
similar; a user's score for an item is the sum of its similarities to the items they have."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from retrieval.recommend.base import Reason, Recommender
from retrieval.recommend.data import UserContext


def cosine_neighbours(matrix: sparse.csr_matrix, neighbours: int, chunk: int = 1024) -> sparse.csr_matrix:
    """Items x items cosine of co-occurrence, zero diagonal, top ``neighbours`` per row."""
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    norms = np.sqrt(np.maximum(counts, 1.0))
    cooc = (matrix.T @ matrix).tocsr()
    n_items = cooc.shape[0]
    rows, cols, vals = [], [], []
    for start in range(0, n_items, chunk):
        block = cooc[start : start + chunk].toarray() / norms[start : start + chunk, None] / norms[None, :]
        block[np.arange(len(block)), np.arange(start, start + len(block))] = 0.0
        keep = min(neighbours, n_items - 1)
        top = np.argpartition(-block, keep, axis=1)[:, :keep] if keep < n_items else np.tile(np.arange(n_items), (len(block), 1))
        for r in range(len(block)):
            chosen = top[r][block[r, top[r]] > 0]
            rows.extend([start + r] * len(chosen))
            cols.extend(chosen.tolist())
            vals.extend(block[r, chosen].tolist())
    return sparse.csr_matrix((np.array(vals, dtype=np.float32), (rows, cols)), shape=(n_items, n_items))


class ItemKNNRecommender(Recommender):
    name = "itemknn"
    grid = {"neighbours": [100, 20, 50, 400]}

    def _fit(self, valid: object) -> None:
        self.similarity = cosine_neighbours(self.fitted.matrix, int(self.params["neighbours"]))
        self.similarity_t = self.similarity.T.tocsr()

    def _scores(self, context: UserContext) -> np.ndarray:
        return (self.fitted.row(context.items) @ self.similarity).toarray().ravel().astype(np.float64)

    def scores_for(self, contexts: list[UserContext]) -> np.ndarray:
        rows = sparse.vstack([self.fitted.row(c.items) for c in contexts]).tocsr()
        return np.asarray((rows @ self.similarity).todense(), dtype=np.float64)

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        """The history item that adds most to this item's score, and how many bought both."""
        data = self.fitted
        owned = {s.item: s for s in context.history}
        weights = {i: float(self.similarity[i, item]) for i in owned}
        best = max(weights, key=weights.get) if weights else None
        if best is None or weights[best] <= 0:
            return [Reason("no co-purchase with your items; shown to fill the list")]
        together = int(data.cooccurrence[best, item])
        return [Reason(f"you bought {data.catalog.titles[best]}; {together} shoppers bought both", [owned[best].event_id])]

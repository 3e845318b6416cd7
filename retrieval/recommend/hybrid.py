"""Portrait's own recommender: candidates from the interest vector, item-to-item co-occurrence,
neighbouring profiles' purchases, the sequence model and the user's search queries, ranked by a
small gradient-boosted ranker fitted on the dev split (held-out next items against items drawn from
those the user does not have). Besides the components' scores (each z-scored per user) the ranker
sees what was selling in the 30, 90 and 365 days before the user's latest event and how new each
item was then: a shop's range changes, and what sold when the customer last shopped is what they
were offered.

Reasons come from the ranker itself: a signal is cited when putting it back to the user's average
lowers this item's score, most lowering first, with that signal's own evidence."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from retrieval.recommend.base import Reason, Recommender, Suggestion
from retrieval.recommend.content import ContentRecommender
from retrieval.recommend.data import Interaction, UserContext
from retrieval.recommend.registry import create

COMPONENTS = ("sequence", "ease", "itemknn", "content")
CANDIDATE_SOURCES = ("sequence", "itemknn", "content", "neighbours", "query")
FEATURES = ("sequence", "ease", "itemknn", "content", "neighbours", "query", "last_together", "last_text", "popularity",
            "selling_30d", "selling_90d", "selling_365d", "item_age", "history")
# calendar windows ending at the user's latest event: what was selling when the user last shopped
SELLING_DAYS = {"selling_30d": 30, "selling_90d": 90, "selling_365d": 365}
# a neighbour source: (context, its interest vector) -> [(user id, similarity)]
NeighbourSource = Callable[[UserContext, np.ndarray], list[tuple[str, float]]]


_ONE_THREAD_ROWS = 50_000


@lru_cache(maxsize=1)
def _openmp() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _z(scores: np.ndarray) -> np.ndarray:
    finite = np.where(np.isfinite(scores), scores, 0.0)
    spread = finite.std(axis=1, keepdims=True)
    return (finite - finite.mean(axis=1, keepdims=True)) / np.where(spread > 0, spread, 1.0)


class HybridRecommender(Recommender):
    name = "hybrid"
    grid = {"components": [None], "fitted_components": [None], "ranker": [None], "neighbours": [50], "candidates": [200], "negatives": [20], "rank_all": [50_000]}

    def _fit(self, valid: Sequence[Interaction] | None) -> None:
        data = self.fitted
        rows = [Interaction(u, data.catalog.item_ids[s.item], s.ts, s.event_id) for u, h in data.histories.items() for s in h]
        queries = [q for qs in data.queries.values() for q in qs]
        given = self.params["fitted_components"] or {}
        chosen = self.params["components"] or {}
        self.components: dict[str, Recommender] = {
            name: given.get(name) or create(name, **chosen.get(name, {})).fit(rows, data.catalog, queries, data.groups, valid=valid)
            for name in COMPONENTS
        }
        content = self.components["content"]
        self.user_vectors = np.stack([content.user_vector(data.context(u)) for u in data.user_ids]) if data.user_ids else np.zeros((0, 1))
        self.neighbour_source: NeighbourSource | None = None
        self.ranker = self.params["ranker"]
        if self.ranker is None:
            if not valid:
                raise ValueError("hybrid: the ranker is fitted on held-out interactions; pass valid= or use fit_all()")
            self.ranker = self._fit_ranker(valid)

    def refit_params(self) -> dict[str, Any]:
        chosen = {name: model.refit_params() for name, model in self.components.items()}
        return {**self.params, "components": chosen, "fitted_components": None, "ranker": self.ranker}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["neighbour_source"] = None  # a live store is not part of the model
        state["_explaining"] = None
        state["params"] = {**self.params, "fitted_components": None}
        return state

    # --- signals --------------------------------------------------------------------------------

    def _neighbours(self, contexts: Sequence[UserContext], vectors: np.ndarray) -> sparse.csr_matrix:
        """Users x fitted users: similarity to each context's nearest profiles (itself left out)."""
        data = self.fitted
        k = int(self.params["neighbours"])
        rows, cols, vals = [], [], []
        if self.neighbour_source is not None:
            for n, (context, vector) in enumerate(zip(contexts, vectors)):
                for user, similarity in self.neighbour_source(context, vector):
                    if user != context.user_id and user in data.user_index and similarity > 0:
                        rows.append(n), cols.append(data.user_index[user]), vals.append(similarity)
        elif len(self.user_vectors) > 1:
            sims = vectors @ self.user_vectors.T
            for n, context in enumerate(contexts):
                if context.user_id in data.user_index:
                    sims[n, data.user_index[context.user_id]] = -np.inf
            keep = min(k, sims.shape[1] - 1)
            top = np.argpartition(-sims, keep, axis=1)[:, :keep]
            for n in range(len(contexts)):
                good = top[n][sims[n, top[n]] > 0]
                rows.extend([n] * len(good)), cols.extend(good.tolist()), vals.extend(sims[n, good].tolist())
        return sparse.csr_matrix((vals, (rows, cols)), shape=(len(contexts), len(data.user_ids)))

    def _signals(self, contexts: Sequence[UserContext]) -> tuple[np.ndarray, sparse.csr_matrix]:
        """Users x items x FEATURES, and the neighbour weights behind the ``neighbours`` signal."""
        data = self.fitted
        catalog = data.catalog
        parts = {name: _z(self.components[name].scores_for(contexts)) for name in COMPONENTS}
        content: ContentRecommender = self.components["content"]  # type: ignore[assignment]
        vectors = np.stack([content.user_vector(c) for c in contexts])
        weights = self._neighbours(contexts, vectors)
        parts["neighbours"] = _z(np.asarray((weights @ data.matrix).todense(), dtype=np.float64))
        query = np.zeros((len(contexts), len(catalog)))
        for n, context in enumerate(contexts):
            if context.queries:
                query[n] = (catalog.vectors @ np.stack([q.vector for q in context.queries]).T).max(axis=1)
        parts["query"] = query
        last = [c.items[-1] if c.items else 0 for c in contexts]
        has = np.array([bool(c.items) for c in contexts], dtype=np.float64)[:, None]
        norms = np.sqrt(np.maximum(data.counts, 1.0))
        together = np.asarray(data.cooccurrence[last].todense(), dtype=np.float64) / norms[last][:, None] / norms[None, :]
        parts["last_together"] = together * has
        parts["last_text"] = (catalog.vectors[last] @ catalog.vectors.T) * has
        parts["popularity"] = np.tile(np.log1p(data.counts), (len(contexts), 1))
        latest = [c.history[-1].ts if c.history else data.end for c in contexts]
        for name, days in SELLING_DAYS.items():
            parts[name] = np.log1p(np.stack([data.window_counts(t, days) for t in latest]))
        age = np.stack([data.age_days(t) for t in latest])
        parts["item_age"] = np.where(np.isfinite(age), age, -1.0)  # -1: nobody had it yet
        parts["history"] = np.tile(np.log1p([len(c.items) for c in contexts])[:, None], (1, len(catalog)))
        return np.stack([parts[f] for f in FEATURES], axis=2), weights

    # --- the ranker -----------------------------------------------------------------------------

    def _fit_ranker(self, valid: Sequence[Interaction]) -> Any:
        """A classifier of held-out items against items drawn uniformly from those the user does not
        have, ``negatives`` per held-out item (hard negatives mined from the components taught it to
        distrust exactly the signals that found the right items: dev HR@10 fell from 0.62 to 0.47 on
        Office). A user with several held-out items (a whole basket) has its signals computed once."""
        from sklearn.ensemble import HistGradientBoostingClassifier

        data = self.fitted
        held: dict[str, list[int]] = {}
        for v in valid:
            if v.item_id in data.catalog.index and v.user_id in data.histories:
                held.setdefault(v.user_id, []).append(data.catalog.index[v.item_id])
        # repeat purchases are left out: suggestions never offer owned items, so the ranker must
        # learn what brings a new item, not what brings a customer back to an old one
        targets = []
        for user, items in held.items():
            context = data.context(user)
            owned = set(context.items)
            fresh = list(dict.fromkeys(i for i in items if i not in owned))
            if fresh:
                targets.append((context, fresh))
        rng = np.random.default_rng(0)
        negatives = int(self.params["negatives"])
        features, labels = [], []
        for start in range(0, len(targets), 256):
            chunk = targets[start : start + 256]
            signals, _ = self._signals([c for c, _ in chunk])
            for n, (context, positives) in enumerate(chunk):
                allowed = np.ones(signals.shape[1], dtype=bool)
                allowed[context.items + positives] = False
                pool = np.flatnonzero(allowed)
                drawn = rng.choice(pool, size=min(negatives * len(positives), len(pool)), replace=False)
                features.append(signals[n, np.concatenate([positives, drawn]).astype(int)])
                labels.extend([1] * len(positives) + [0] * len(drawn))
        ranker = HistGradientBoostingClassifier(max_iter=300, learning_rate=0.05, early_stopping=True, validation_fraction=0.1, random_state=0)
        return ranker.fit(np.concatenate(features), np.array(labels))

    def is_current(self) -> bool:
        return getattr(self.ranker, "n_features_in_", len(FEATURES)) == len(FEATURES)

    def _rank(self, signals: np.ndarray) -> np.ndarray:
        users, items, width = signals.shape
        return self._decide(signals.reshape(-1, width)).reshape(users, items)

    def _decide(self, rows: np.ndarray) -> np.ndarray:
        """Ranker scores; one request's few thousand rows run on one thread (OpenMP threads spinning on
        busy cores made each tree ~10 ms slower)."""
        if len(rows) > _ONE_THREAD_ROWS:
            return self.ranker.decision_function(rows)
        with _openmp().limit(limits=1, user_api="openmp"):
            return self.ranker.decision_function(rows)

    def scores_for(self, contexts: Sequence[UserContext]) -> np.ndarray:
        """Ranker scores of every item (see ``_limit_to_candidates`` for large catalogues)."""
        out = []
        for start in range(0, len(contexts), 128):
            signals, _ = self._signals(contexts[start : start + 128])
            out.append(self._limit_to_candidates(signals, self._rank(signals)))
        return np.concatenate(out) if out else np.zeros((0, len(self.fitted.catalog)))

    def _limit_to_candidates(self, signals: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """Candidate retrieval is what keeps a request cheap in a large catalogue: there, items none of
        the sources retrieved sit below every retrieved one. A catalogue of up to ``rank_all`` items
        is ranked whole (the ranker costs well under a millisecond per thousand items, and a cut-off
        only demotes good items below retrieved poor ones)."""
        if signals.shape[1] <= int(self.params["rank_all"]):
            return scores
        return np.where(self._retrieved(signals), scores, scores - 1e6)

    def _retrieved(self, signals: np.ndarray) -> np.ndarray:
        """Candidate generation: the top ``candidates`` items of each retrieval signal."""
        count = min(int(self.params["candidates"]), signals.shape[1] - 1)
        retrieved = np.zeros(signals.shape[:2], dtype=bool)
        for name in CANDIDATE_SOURCES:
            column = signals[:, :, FEATURES.index(name)]
            top = np.argpartition(-column, count, axis=1)[:, :count]
            np.put_along_axis(retrieved, top, True, axis=1)
        return retrieved

    def _scores(self, context: UserContext) -> np.ndarray:
        signals, _ = self._one(context)
        return self._limit_to_candidates(signals, self._rank(signals))[0]

    # --- reasons --------------------------------------------------------------------------------

    def _one(self, context: UserContext) -> tuple[np.ndarray, sparse.csr_matrix]:
        """One context's signals, kept while the same list is being explained."""
        key = (context.user_id, tuple(context.items), tuple(q.event_id for q in context.queries))
        cached = getattr(self, "_explaining", None)
        if cached is None or cached[0] != key:
            self._explaining = (key, *self._signals([context]))
        return self._explaining[1], self._explaining[2]

    def recommend_context(self, context: UserContext, k: int = 10, exclude_bought: bool = True, diversify: bool = True) -> list[Suggestion]:
        self._explaining = None  # each request computes its signals afresh (live neighbours included)
        try:
            return super().recommend_context(context, k, exclude_bought, diversify)
        finally:
            self._explaining = None

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        return self._reasons_many(context, [item])[0]

    def _reasons_many(self, context: UserContext, items: list[int]) -> list[list[Reason]]:
        """Each item's reasons: the signals whose return to the user's average lowers its score most
        (two at most), all items' ablations in one ranker call."""
        signals, weights = self._one(context)
        all_drops = self._drops(signals[0], items)
        out = []
        for item, drops in zip(items, all_drops):
            order = [int(f) for f in np.argsort(-drops) if drops[f] > 0 and FEATURES[f] != "history"]
            reasons = [self._reason(FEATURES[f], context, item, weights) for f in order[:2]]
            out.append([r for r in reasons if r is not None] or [Reason("ranked by the blend of your history's signals")])
        return out

    def _drops(self, signals: np.ndarray, items: list[int]) -> np.ndarray:
        """items x FEATURES: score minus the score with that signal at the user's average."""
        width = len(FEATURES)
        mean = signals.mean(axis=0)
        rows = np.repeat(signals[items], width + 1, axis=0).reshape(len(items), width + 1, width)
        rows[:, np.arange(1, width + 1), np.arange(width)] = mean
        scores = self._decide(rows.reshape(-1, width)).reshape(len(items), width + 1)
        return scores[:, :1] - scores[:, 1:]

    def signal_drops(self, context: UserContext, item: int) -> dict[str, float]:
        """How much the ranker's score falls when each signal is put back to the user's average."""
        signals, _ = self._one(context)
        return dict(zip(FEATURES, self._drops(signals[0], [item])[0].tolist()))

    def _reason(self, feature: str, context: UserContext, item: int, weights: sparse.csr_matrix) -> Reason | None:
        data = self.fitted
        if feature in COMPONENTS:
            return self.components[feature]._reasons(context, item)[0]
        if feature == "neighbours":
            buyers = data.matrix[:, item].nonzero()[0]
            similar = [data.user_ids[u] for u in weights[0].indices if u in set(buyers)]
            if not similar:
                return None
            return Reason(f"{len(similar)} customers with tastes like yours bought it", similar[:5])
        if feature == "query" and context.queries:
            best = max(context.queries, key=lambda q: float(data.catalog.vectors[item] @ q.vector))
            return Reason(f'matches your search "{best.text}"', [best.event_id])
        if feature in ("last_together", "last_text") and context.history:
            step = context.history[-1]
            together = int(data.cooccurrence[step.item, item])
            title = data.catalog.titles[step.item]
            if feature == "last_together" and together > 0:
                return Reason(f"you bought {title}; {together} shoppers bought both", [step.event_id])
            return Reason(f"goes with {title}, your latest purchase", [step.event_id])
        if feature == "popularity":
            return Reason(f"popular: {int(data.counts[item])} customers bought it")
        if feature in SELLING_DAYS and context.history:
            days = SELLING_DAYS[feature]
            sold = int(data.window_counts(context.history[-1].ts, days)[item])
            if sold > 0:
                return Reason(f"selling well: bought {sold} times in the {days} days before your last order", [context.history[-1].event_id])
        if feature == "item_age" and context.history and np.isfinite(data.first_seen[item]):
            days = int(data.age_days(context.history[-1].ts)[item])
            if 0 <= days <= 90:
                return Reason(f"new: first bought {days} days before your last order", [context.history[-1].event_id])
        return None

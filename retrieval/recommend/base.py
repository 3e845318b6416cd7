"""What every recommender returns (suggestions that carry their reasons and the evidence behind them)
and the shared interface: ``fit(interactions, items)``, ``score(user_id, item_ids)``,
``recommend(user_id, k, exclude_bought=True)``, ``save(path)`` / ``load(path)``.

A recommender implements ``_fit`` (learn from ``self.data``), ``_scores`` (one user's score for every
catalogue item) and ``_reasons`` (why one item scored as it did, from the same quantities). The base
class does the rest the same way for all of them: cold-start paths, leaving out what the user has,
collapsing near-duplicates and substitutes, building the suggestions.
"""

from __future__ import annotations

import pickle
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from retrieval.recommend.data import Catalog, Indexed, Interaction, Query, UserContext


@dataclass(frozen=True)
class Reason:
    """One plain-words reason, with the ids of the user's events (or other customers) it rests on."""

    text: str
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    item_id: str
    title: str
    score: float
    category: str = ""
    reasons: list[Reason] = field(default_factory=list)
    path: str = "history"
    """How the list was made: history, or a cold-start path (popular, searches, one-event neighbours)."""


HISTORY = "history"
POPULAR = "popular"
SEARCHES = "searches"
ONE_EVENT = "one-event neighbours"


class NotFittedError(RuntimeError):
    """The recommender was asked for scores before ``fit`` or ``load``."""


class Recommender(ABC):
    """The shared interface. ``grid`` lists the choices the harness tries on the dev split."""

    name: ClassVar[str] = "base"
    grid: ClassVar[dict[str, list[Any]]] = {}

    def __init__(self, **params: Any) -> None:
        unknown = set(params) - set(self.defaults())
        if unknown:
            raise ValueError(f"{self.name}: unknown parameter(s) {', '.join(sorted(unknown))}")
        self.params: dict[str, Any] = {**self.defaults(), **params}
        self.data: Indexed | None = None

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {key: values[0] for key, values in cls.grid.items()}

    # --- learning -------------------------------------------------------------------------------

    def fit(
        self,
        interactions: Sequence[Interaction],
        items: Catalog,
        queries: Sequence[Query] = (),
        groups: dict[str, str] | None = None,
        valid: Sequence[Interaction] | None = None,
    ) -> Recommender:
        """Learn from interactions (and searches); ``valid`` (held-out next items) is only used by
        models that stop early; ``groups`` maps users to a country or segment for cold starts."""
        self.data = Indexed(interactions, items, queries, groups)
        self._fit(valid)
        return self

    def _fit(self, valid: Sequence[Interaction] | None) -> None:  # noqa: B027 - most models need nothing more
        """Learn the model's own state from ``self.data``."""

    def refit_params(self) -> dict[str, Any]:
        """Parameters for refitting on more data (train + dev) with the choices made on dev."""
        return dict(self.params)

    def fit_all(self, interactions: Sequence[Interaction], items: Catalog, queries: Sequence[Query] = (), groups: dict[str, str] | None = None) -> Recommender:
        """Fit without a dev split at hand (a home's event log): each user's last interaction is held
        out for the choices that need one, then the model is refitted on everything."""
        from retrieval.recommend.splits import leave_last_out

        train, dev = leave_last_out(interactions)
        if not dev or not train:
            return self.fit(interactions, items, queries, groups)
        first = type(self)(**self.params).fit(train, items, queries, groups, valid=dev)
        params = first.refit_params()
        self.params = params
        return self.fit(interactions, items, queries, groups)

    @abstractmethod
    def _scores(self, context: UserContext) -> np.ndarray:
        """One score per catalogue item (higher is better) for this user's history."""

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        return [Reason(f"ranked high by the {self.name} model")]

    # --- reading --------------------------------------------------------------------------------

    @property
    def fitted(self) -> Indexed:
        if self.data is None:
            raise NotFittedError(f"{self.name}: call fit() or load() first")
        return self.data

    def context(self, user_id: str) -> UserContext:
        return self.fitted.context(user_id)

    def scores_for(self, contexts: Sequence[UserContext]) -> np.ndarray:
        """Scores of many users at once (users x items); models override it with a matrix product."""
        return np.stack([self._scores(c) for c in contexts]) if contexts else np.zeros((0, len(self.fitted.catalog)))

    def score(self, user_id: str, item_ids: Sequence[str]) -> np.ndarray:
        """Scores of the given items for one user (an item outside the catalogue gets -inf)."""
        scores = self._scores(self.context(user_id))
        index = self.fitted.catalog.index
        return np.array([scores[index[i]] if i in index else -np.inf for i in item_ids], dtype=np.float64)

    def recommend(self, user_id: str, k: int = 10, exclude_bought: bool = True) -> list[Suggestion]:
        return self.recommend_context(self.context(user_id), k, exclude_bought)

    def recommend_context(self, context: UserContext, k: int = 10, exclude_bought: bool = True, diversify: bool = True) -> list[Suggestion]:
        """Top-k suggestions for a user context (the home passes the live one), each with its path
        and reasons; near-duplicates and substitutes of the last purchase are collapsed."""
        from retrieval.recommend import coldstart, lists

        data = self.fitted
        path = coldstart.path_of(context)
        if path == HISTORY:
            scores = np.asarray(self._scores(context), dtype=np.float64).copy()
        else:
            scores = coldstart.scores(data, context, path)
        if exclude_bought:
            scores[context.items] = -np.inf
        picked = lists.pick(scores, data.catalog, context, k, diversify=diversify)
        if path == HISTORY:
            reasons = self._reasons_many(context, picked)
        else:
            reasons = [coldstart.reasons(data, context, path, i) for i in picked]
        catalog = data.catalog
        return [
            Suggestion(item_id=catalog.item_ids[i], title=catalog.titles[i], score=round(float(scores[i]), 6),
                       category=catalog.categories[i], reasons=why, path=path)
            for i, why in zip(picked, reasons)
        ]

    def _reasons_many(self, context: UserContext, items: list[int]) -> list[list[Reason]]:
        return [self._reasons(context, i) for i in items]

    # --- persistence ----------------------------------------------------------------------------

    def save(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as out:
            pickle.dump(self, out, protocol=pickle.HIGHEST_PROTOCOL)
        return path

    def is_current(self) -> bool:
        """Whether this (loaded) model matches the code that loaded it; a model saved by an older
        version that reads other signals is refitted rather than used."""
        return True

    @classmethod
    def load(cls, path: Path) -> Recommender:
        """A recommender written by ``save`` (our own file: pickle, never a downloaded one)."""
        with Path(path).open("rb") as source:
            model = pickle.load(source)  # noqa: S301 - files this process family wrote itself
        if not isinstance(model, cls):
            raise TypeError(f"{path} holds a {type(model).__name__}, not a {cls.__name__}")
        return model

"""What recommenders learn from: interactions, search queries and the catalogue, and the indexed form
(item positions, per-user histories in time order, a user x item matrix) every recommender shares."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy import sparse

SECONDS_PER_DAY = 86_400.0


@dataclass(frozen=True)
class Interaction:
    """One user-item event (a purchase, a 5-core review); ``event_id`` is what reasons cite."""

    user_id: str
    item_id: str
    ts: float
    event_id: str = ""


@dataclass(frozen=True)
class Query:
    """One search the user typed, already embedded (unit vector) by whoever built it."""

    user_id: str
    text: str
    ts: float
    event_id: str
    vector: np.ndarray


@dataclass
class Catalog:
    """The items a recommender may suggest, with unit text vectors (MiniLM) in the same order."""

    item_ids: list[str]
    titles: list[str]
    categories: list[str]
    vectors: np.ndarray

    def __post_init__(self) -> None:
        if len(self.item_ids) != len(self.vectors) or len(self.titles) != len(self.item_ids):
            raise ValueError("catalog: item_ids, titles and vectors must have the same length")
        if len(set(self.item_ids)) != len(self.item_ids):
            raise ValueError("catalog: item ids must be unique")
        self.index = {item: n for n, item in enumerate(self.item_ids)}
        self.vectors = np.asarray(self.vectors, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.item_ids)


@dataclass(frozen=True)
class Step:
    """One item in a user's history: catalogue position, time, and the event that holds it."""

    item: int
    ts: float
    event_id: str


@dataclass
class UserContext:
    """Everything a recommender needs about one user at request time: the history in time order,
    the searches, and a group key (country or segment) for the cold-start popularity path."""

    user_id: str
    history: list[Step] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    group: str = ""

    @property
    def items(self) -> list[int]:
        return [s.item for s in self.history]


class Indexed:
    """Interactions turned into catalogue positions: histories per user (stable time order, so a
    data set's own order breaks ties) and a binary user x item matrix."""

    def __init__(self, interactions: Sequence[Interaction], catalog: Catalog, queries: Sequence[Query] = (), groups: dict[str, str] | None = None) -> None:
        self.catalog = catalog
        histories: dict[str, list[Step]] = defaultdict(list)
        unknown = 0
        for row in interactions:
            position = catalog.index.get(row.item_id)
            if position is None:
                unknown += 1
                continue
            histories[row.user_id].append(Step(position, float(row.ts), row.event_id))
        self.unknown_items = unknown
        self.histories = {u: sorted(h, key=lambda s: s.ts) for u, h in histories.items()}
        searches: dict[str, list[Query]] = defaultdict(list)
        for query in queries:
            searches[query.user_id].append(query)
        self.queries = {u: sorted(q, key=lambda x: x.ts) for u, q in searches.items()}
        self.groups = dict(groups or {})
        self.user_ids = sorted(set(self.histories) | set(self.queries))
        self.user_index = {u: n for n, u in enumerate(self.user_ids)}
        self.matrix = self._matrix()
        self.counts = np.asarray(self.matrix.sum(axis=0)).ravel()

    def _matrix(self) -> sparse.csr_matrix:
        rows, cols = [], []
        for user, steps in self.histories.items():
            for step in steps:
                rows.append(self.user_index[user])
                cols.append(step.item)
        data = np.ones(len(rows), dtype=np.float32)
        matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(self.user_ids), len(self.catalog)))
        matrix.data[:] = 1.0  # repeated purchases count once
        return matrix

    @cached_property
    def cooccurrence(self) -> sparse.csr_matrix:
        """Items x items: how many users have both (the diagonal: how many have the item)."""
        return (self.matrix.T @ self.matrix).tocsr()

    @cached_property
    def timeline(self) -> tuple[np.ndarray, np.ndarray]:
        """Every interaction as (times, items), sorted by time: for popularity over a time window."""
        steps = sorted((s.ts, s.item) for h in self.histories.values() for s in h)
        times = np.array([t for t, _ in steps], dtype=np.float64)
        return times, np.array([i for _, i in steps], dtype=np.int64)

    @cached_property
    def first_seen(self) -> np.ndarray:
        """Per item: the time of its first interaction (inf for items nobody has had)."""
        first = np.full(len(self.catalog), np.inf)
        times, items = self.timeline
        np.minimum.at(first, items, times)
        return first

    def window_counts(self, until: float, days: float) -> np.ndarray:
        """Per item: interactions in the ``days`` before ``until`` (what was selling at that time)."""
        times, items = self.timeline
        low, high = np.searchsorted(times, until - days * SECONDS_PER_DAY), np.searchsorted(times, until, side="right")
        return np.bincount(items[low:high], minlength=len(self.catalog)).astype(np.float64)

    def age_days(self, until: float) -> np.ndarray:
        """Per item: days from its first interaction to ``until`` (inf for items nobody has had)."""
        return (until - self.first_seen) / SECONDS_PER_DAY

    @property
    def end(self) -> float:
        """The time of the latest interaction (0 with none)."""
        times, _ = self.timeline
        return float(times[-1]) if len(times) else 0.0

    def group_counts(self, group: str) -> np.ndarray | None:
        """Per-item buyer counts among users of one group (country or segment), None if unknown."""
        cache = self.__dict__.setdefault("_group_counts", {})
        if group not in cache:
            rows = [self.user_index[u] for u, g in self.groups.items() if g == group and u in self.user_index]
            cache[group] = np.asarray(self.matrix[rows].sum(axis=0)).ravel() if rows else None
        return cache[group]

    def context(self, user_id: str) -> UserContext:
        return UserContext(user_id, list(self.histories.get(user_id, [])), list(self.queries.get(user_id, [])), self.groups.get(user_id, ""))

    def row(self, items: Sequence[int]) -> sparse.csr_matrix:
        """One user's binary row from a list of item positions."""
        unique = sorted(set(items))
        return sparse.csr_matrix((np.ones(len(unique), dtype=np.float32), ([0] * len(unique), unique)), shape=(1, len(self.catalog)))

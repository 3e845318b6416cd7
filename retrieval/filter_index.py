"""Exact filtered nearest-neighbour search over a Chroma collection's vectors, held in memory.

Chroma answers a ``where``-filtered query by first collecting every matching id from its SQLite
metadata tables; at 100,000 profiles its filtered top-10 took 125-230 ms here (the SQL alone 10-130
ms), while its unfiltered HNSW query took ~3 ms. This index keeps a columnar copy of the collection's filter fields and
vectors (~1.6 KB a profile), evaluates the same ``where`` grammar with numpy masks and scores the
matching rows exactly, so a filtered query costs a few milliseconds and misses nothing.

The filter fields may come from another source with the same ids: the vector store's indexes read them
from the fact store (``FactFields``), which every profile write refreshes.

Chroma stays the store of record. The copy is loaded from it on first use and kept current through
the FactStore's change sequence: every profile write ends by stamping the changed customers with a
new number (after the Chroma upsert), and each query first re-reads the customers changed since the
last number it saw, whichever store object wrote them.

Filter semantics follow Chroma's ``where``: ``{"field": value}``, ``{"field": {"$op": value}}`` with
``$eq $ne $gt $gte $lt $lte $in $nin``, and ``{"$and": [...]}`` / ``{"$or": [...]}``. Two deliberate
differences: numbers compare by value whether stored as int or float (Chroma compares ints only with
ints), and a record without the field matches ``$ne``/``$nin`` (the negation of ``$eq``/``$in``).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from retrieval.fact_store import FactStore

Where = dict[str, Any]
_LOAD_PAGE = 10_000
_COMPARISONS = {"$gt": np.greater, "$gte": np.greater_equal, "$lt": np.less, "$lte": np.less_equal}


class FilterError(ValueError):
    """A ``where`` filter the index cannot evaluate; the message names the part and the reason."""


class _Column:
    """One metadata field over all rows: numbers as float64 (NaN where absent or not a number) and
    strings as codes into a vocabulary (-1 where absent or not a string)."""

    def __init__(self, capacity: int) -> None:
        self.numbers = np.full(capacity, np.nan)
        self.codes = np.full(capacity, -1, dtype=np.int32)
        self.vocabulary: dict[str, int] = {}

    def grow(self, capacity: int) -> None:
        self.numbers = np.concatenate([self.numbers, np.full(capacity - len(self.numbers), np.nan)])
        self.codes = np.concatenate([self.codes, np.full(capacity - len(self.codes), -1, dtype=np.int32)])

    def assign(self, rows: np.ndarray, values: Sequence[Any]) -> None:
        numbers = np.full(len(rows), np.nan)
        codes = np.full(len(rows), -1, dtype=np.int32)
        for n, value in enumerate(values):
            if isinstance(value, str):
                codes[n] = self.vocabulary.setdefault(value, len(self.vocabulary))
            elif isinstance(value, (int, float)):  # bool is an int: True == 1
                numbers[n] = float(value)
        self.numbers[rows], self.codes[rows] = numbers, codes

    def equals(self, value: Any, rows: int) -> np.ndarray:
        if isinstance(value, str):
            code = self.vocabulary.get(value)
            return np.zeros(rows, dtype=bool) if code is None else self.codes[:rows] == code
        if isinstance(value, (int, float)):
            return self.numbers[:rows] == float(value)
        raise FilterError(f"cannot compare with {value!r}: values are strings, numbers or booleans")


class FilterIndex:
    """Filtered top-k search over a Chroma collection's vectors, in memory. The filter fields come
    from the same collection's metadata, or from ``fields``, another collection with the same ids."""

    def __init__(self, collection: Any, facts: FactStore, fields: Any = None) -> None:
        self.collection = collection
        self.fields = fields if fields is not None else collection
        self.facts = facts
        self._lock = threading.Lock()
        self._seq: int | None = None
        self._epoch: int | None = None
        self._ids: list[str] = []
        self._row: dict[str, int] = {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        self._columns: dict[str, _Column] = {}

    def __len__(self) -> int:
        return len(self._ids)

    @property
    def nbytes(self) -> int:
        return self._vectors.nbytes + sum(c.numbers.nbytes + c.codes.nbytes for c in self._columns.values())

    def search(self, vector: Sequence[float] | np.ndarray, k: int, where: Where) -> list[tuple[str, float]]:
        """The k nearest rows matching ``where`` as (id, cosine distance), nearest first."""
        query = np.asarray(vector, dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        with self._lock:
            self._refresh()
            total = len(self._ids)
            mask = self._mask(where, total)
            rows = np.flatnonzero(mask)
            if rows.size == 0 or k <= 0:
                return []
            k = min(k, rows.size)
            if rows.size < total // 8:
                # Few matches: gather them and score just those.
                scores = self._vectors[rows] @ query
            else:
                # Many matches: gathering costs more than scoring every row (one BLAS pass).
                scores = np.where(mask, self._vectors[:total] @ query, -np.inf)
                rows = np.arange(total)
            best = np.argpartition(-scores, k - 1)[:k]
            best = best[np.argsort(-scores[best], kind="stable")]
            return [(self._ids[rows[i]], float(1.0 - scores[i])) for i in best]

    def refresh(self) -> None:
        with self._lock:
            self._refresh()

    def _refresh(self) -> None:
        latest = self.facts.latest_seq()
        epoch = self.facts.erasure_epoch()
        if self._seq is None or epoch != self._epoch:  # first use, or customers were erased
            self._load_all()
            self._epoch = epoch
        elif latest > self._seq:
            changed = self.facts.changed_since(self._seq)
            if len(changed) > len(self._ids) // 2:
                self._load_all()
            else:
                for start in range(0, len(changed), _LOAD_PAGE):
                    self._put(*self._fetch(ids=changed[start : start + _LOAD_PAGE]))
        self._seq = latest

    def _load_all(self) -> None:
        self._ids, self._row, self._columns = [], {}, {}
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        total = self.collection.count()
        for offset in range(0, total, _LOAD_PAGE):
            self._put(*self._fetch(limit=_LOAD_PAGE, offset=offset))

    def _fetch(self, **query: Any) -> tuple[list[str], Any, list[dict[str, Any]]]:
        """(ids, vectors, filter fields) of the records a Chroma ``get`` selects."""
        if self.fields is self.collection:
            got = self.collection.get(**query, include=["embeddings", "metadatas"])
            return got["ids"], got["embeddings"], [m or {} for m in got["metadatas"] or []]
        got = self.collection.get(**query, include=["embeddings"])
        if not got["ids"]:
            return [], [], []
        fields = self.fields.get(ids=got["ids"], include=["metadatas"])
        by_id = dict(zip(fields["ids"], fields["metadatas"] or []))
        return got["ids"], got["embeddings"], [by_id.get(i) or {} for i in got["ids"]]

    def _put(self, ids: list[str], embeddings: Any, metadatas: list[dict[str, Any]]) -> None:
        if not ids:
            return
        vectors = np.asarray(embeddings, dtype=np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        new = [i for i in dict.fromkeys(ids) if i not in self._row]
        self._reserve(len(self._ids) + len(new), vectors.shape[1])
        for user_id in new:
            self._row[user_id] = len(self._ids)
            self._ids.append(user_id)
        rows = np.array([self._row[i] for i in ids])
        self._vectors[rows] = vectors
        for key in {k for m in metadatas for k in m}.difference(self._columns):
            self._columns[key] = _Column(len(self._vectors))
        for key, column in self._columns.items():  # absent keys too: a rewrite may drop a field
            column.assign(rows, [m.get(key) for m in metadatas])

    def _reserve(self, rows: int, dim: int) -> None:
        """Room for ``rows`` rows, doubling so that a stream of new customers costs amortised O(1)."""
        if rows <= len(self._vectors):
            return
        capacity = max(rows, 2 * len(self._vectors), 1024)
        grown = np.zeros((capacity, dim), dtype=np.float32)
        if self._ids:
            grown[: len(self._ids)] = self._vectors[: len(self._ids)]
        self._vectors = grown
        for column in self._columns.values():
            column.grow(capacity)

    def _mask(self, where: Where, rows: int) -> np.ndarray:
        if not isinstance(where, dict) or not where:
            raise FilterError(f"a filter is a non-empty dict, got {where!r}")
        masks = [self._clause(key, value, rows) for key, value in where.items()]
        return np.logical_and.reduce(masks) if len(masks) > 1 else masks[0]

    def _clause(self, key: str, value: Any, rows: int) -> np.ndarray:
        if key in ("$and", "$or"):
            if not isinstance(value, list) or not value:
                raise FilterError(f"{key} takes a non-empty list of filters, got {value!r}")
            masks = [self._mask(part, rows) for part in value]
            return (np.logical_and if key == "$and" else np.logical_or).reduce(masks)
        if key.startswith("$"):
            raise FilterError(f"unknown filter operator {key!r} at the top level (use $and or $or)")
        column = self._columns.get(key)
        if isinstance(value, dict):
            if len(value) != 1:
                raise FilterError(f"field {key!r}: exactly one operator per field, got {value!r}")
            ((op, operand),) = value.items()
        else:
            op, operand = "$eq", value
        return self._compare(key, column, op, operand, rows)

    def _compare(self, key: str, column: _Column | None, op: str, operand: Any, rows: int) -> np.ndarray:
        if op in ("$eq", "$ne"):
            found = column.equals(operand, rows) if column else np.zeros(rows, dtype=bool)
            return found if op == "$eq" else ~found
        if op in ("$in", "$nin"):
            if not isinstance(operand, list) or not operand:
                raise FilterError(f"field {key!r}: {op} takes a non-empty list, got {operand!r}")
            found = np.zeros(rows, dtype=bool)
            for item in operand:
                found |= column.equals(item, rows) if column else False
            return found if op == "$in" else ~found
        if op in _COMPARISONS:
            if isinstance(operand, bool) or not isinstance(operand, (int, float)):
                raise FilterError(f"field {key!r}: {op} compares numbers, got {operand!r}")
            if column is None:
                return np.zeros(rows, dtype=bool)
            with np.errstate(invalid="ignore"):
                return _COMPARISONS[op](column.numbers[:rows], float(operand))
        raise FilterError(f"field {key!r}: unknown operator {op!r} (use $eq $ne $gt $gte $lt $lte $in $nin)")

"""Customers' text vectors: the vector of each profile's summary text, stored once per distinct text.

A profile's text vector is the embedding of ``Profile.summary_text`` (favourite categories and price band),
and many customers share one summary. Chroma holds one record per distinct summary (the
``profile_summaries`` collection: id from the text, the text as document); the fact store keeps each
customer's summary beside their facts. A customer's text vector is therefore current as soon as their facts
are stored, and a changed summary costs one Chroma write only the first time anyone has it. (One Chroma
record per customer meant an HNSW update for ~3 in 4 profile writes under live traffic, ~2 ms each, and an
index full of identical vectors.)

``ProfileTexts`` reads like the Chroma collection it replaces, per customer (``get``, ``query``, ``count``,
``delete``), so the filter index and search use it unchanged. Summaries are never deleted: a summary text
names no one, and every reader may cache them.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from encoders.embedder import Embedder
from retrieval.fact_store import FactStore


def summary_id(summary: str) -> str:
    return hashlib.sha256(summary.encode("utf-8")).hexdigest()[:32]


class ProfileTexts:
    """Per-customer text vectors over ``collection`` (one record per summary) and the fact store's summaries."""

    def __init__(self, collection: Any, facts: FactStore, embedder: Embedder) -> None:
        self.collection = collection
        self.facts = facts
        self.embedder = embedder
        self.written = 0
        """Summary records written to Chroma since this object was made."""
        self._vectors: dict[str, np.ndarray] = {}  # summaries known to be in Chroma (never deleted, so never stale)
        self._lock = threading.Lock()

    def ensure(self, summaries: Sequence[str]) -> dict[str, np.ndarray]:
        """The vector of each summary text, embedding and storing those Chroma does not hold yet."""
        wanted = list(dict.fromkeys(summaries))
        self._load([s for s in wanted if s not in self._vectors])
        new = [s for s in wanted if s not in self._vectors]
        if new:
            vectors = self.embedder.encode(new, show_progress=False)
            self.collection.upsert(ids=[summary_id(s) for s in new], embeddings=vectors, documents=new)
            with self._lock:
                self._vectors.update(zip(new, np.asarray(vectors, dtype=np.float32)))
            self.written += len(new)
        return {s: self._vectors[s] for s in wanted}

    def known(self, summaries: Sequence[str]) -> set[str]:
        """Those of these summary texts that have a vector in Chroma."""
        self._load([s for s in dict.fromkeys(summaries) if s not in self._vectors])
        return {s for s in summaries if s in self._vectors}

    def _load(self, summaries: Sequence[str]) -> None:
        """Cache the vectors Chroma already holds for these summaries (another process may have written them)."""
        for start in range(0, len(summaries), 2000):
            chunk = summaries[start : start + 2000]
            got = self.collection.get(ids=[summary_id(s) for s in chunk], include=["embeddings", "documents"])
            with self._lock:
                for document, vector in zip(got["documents"] or [], _rows(got)):
                    self._vectors[document] = np.asarray(vector, dtype=np.float32)

    def _known(self, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The (customer, summary) rows whose summary has a vector in Chroma."""
        self._load(list({s for _, s in rows if s is not None and s not in self._vectors}))
        return [(u, s) for u, s in rows if s in self._vectors]

    # --- read like a Chroma collection of one record per customer ---------------------------------------

    def count(self) -> int:
        return self.facts.count()

    def get(self, ids: Sequence[str] | None = None, limit: int | None = None, offset: int | None = None,
            include: Sequence[str] = ("documents",)) -> dict[str, Any]:
        """Customers' text vectors (``include``: embeddings, documents: the summary text; metadatas: empty)."""
        if ids is not None:
            summaries = self.facts.summaries(ids)
            rows = [(u, summaries[u]) for u in dict.fromkeys(ids) if u in summaries]
        else:
            rows = self.facts.summary_page(limit, offset or 0)
        rows = self._known(rows)
        return {
            "ids": [u for u, _ in rows],
            "embeddings": np.asarray([self._vectors[s] for _, s in rows]) if "embeddings" in include else None,
            "documents": [s for _, s in rows] if "documents" in include else None,
            "metadatas": [{} for _ in rows] if "metadatas" in include else None,
        }

    def query(self, query_embeddings: Sequence[Any], n_results: int = 10,
              include: Sequence[str] = ("distances",)) -> dict[str, Any]:
        """The ``n_results`` customers nearest to the (one) query by text vector, nearest first (ties: by id)."""
        query = np.asarray(query_embeddings[0], dtype=np.float32)
        stored = self.collection.count()
        wanted = n_results
        while True:
            got = self.collection.query(query_embeddings=[query], n_results=min(wanted, stored), include=["distances", "documents"]) \
                if stored else {"documents": [[]], "distances": [[]]}
            distance = dict(zip(got["documents"][0], got["distances"][0]))
            customers = sorted(self.facts.with_summaries(list(distance)), key=lambda row: (distance[row[1]], row[0]))
            # A summary nobody has any more holds no customer: look further until there are enough.
            if len(customers) >= n_results or wanted >= stored:
                break
            wanted *= 4
        customers = customers[:n_results]
        return {"ids": [[u for u, _ in customers]], "distances": [[float(distance[s]) for _, s in customers]]}

    def delete(self, ids: Sequence[str]) -> None:
        """Nothing to do: a customer's summary goes with their facts (FactStore.erase); summaries name no one."""


def _rows(got: dict[str, Any]) -> list[Any]:
    embeddings = got.get("embeddings")
    return [] if embeddings is None else list(embeddings)

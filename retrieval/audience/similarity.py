"""Cosine similarity of every customer's interest vector to a text, for "likely to buy X".

The interest vectors are read from Chroma once and kept until the fact store's change number moves
(every profile write stamps one), so a ranking costs one embedding and one matrix-vector product."""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import pandas as pd

_CACHE: dict[str, tuple[int, list[str], np.ndarray]] = {}
_LOCK = threading.Lock()


def _vectors(home: Any) -> tuple[list[str], np.ndarray]:
    key = str(home.settings.home)
    seq = home.facts.latest_seq()
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is None or cached[0] != seq:
            got = home.vectors.profiles.get(include=["embeddings"])
            matrix = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(got["ids"]), -1)
            norms = np.linalg.norm(matrix, axis=1, keepdims=True)
            _CACHE[key] = (seq, list(got["ids"]), matrix / np.where(norms > 0, norms, 1.0))
        return _CACHE[key][1], _CACHE[key][2]


def interest_similarity(home: Any):  # -> Callable[[str], pd.Series]
    """A function text -> similarity per customer id, over the home's stored interest vectors."""

    def similarity(text: str) -> pd.Series:
        ids, matrix = _vectors(home)
        if not ids:
            return pd.Series(dtype=float)
        query = np.asarray(home.embedder.encode_one(text), dtype=np.float32)
        query = query / (np.linalg.norm(query) or 1.0)
        return pd.Series(matrix @ query, index=ids, dtype=float)

    return similarity

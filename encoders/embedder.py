"""Sentence embeddings from a model shipped on PyPI, cached by text hash."""

from __future__ import annotations

import hashlib
import logging
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from encoders.settings import Settings
from encoders.threads import torch_threads

EMBEDDING_DIM = 384
# A handful of texts is faster on one thread: spinning OpenMP threads collapse on shared cores
# (measured on 2 busy cores: one short sentence took ~480 ms on 2 threads, ~20 ms on 1).
SMALL_BATCH = 8
_MODELS: dict[str, object] = {}
_MODELS_LOCK = threading.Lock()


def _backend(setting: str, model_path: Path) -> str:
    """The runtime ``setting`` names (auto: onnx where it is installed and reproduces the model, else torch)."""
    if setting != "auto":
        return setting
    from encoders import onnx_embed

    return "onnx" if onnx_embed.available() and onnx_embed.supported(model_path) else "torch"


def text_key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\x00{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors keyed by (model, text) hash in SQLite, so no text is ever embedded twice."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # a lost cache write only costs a re-embedding
        self._db.execute("PRAGMA secure_delete=ON")
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(keys), 900):
                chunk = list(keys[start : start + 900])
                marks = ",".join("?" * len(chunk))
                for key, blob in self._db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)",
                ((k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()),
            )

    def delete_many(self, keys: Sequence[str]) -> int:
        with self._lock, self._db:
            return sum(self._db.execute("DELETE FROM vectors WHERE key = ?", (key,)).rowcount for key in keys)

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0])


class Embedder:
    """all-MiniLM-L6-v2 (or any sentence-transformers folder), L2-normalised float32 vectors.

    The model loads on first use, not at construction, so commands that never embed stay fast.
    """

    def __init__(self, settings: Settings, cache: EmbeddingCache | None = None) -> None:
        self.model_path = settings.embedding_model_path()
        self.batch_size = settings.embed_batch_size
        self.show_progress = settings.show_progress
        self.cache = cache if cache is not None else EmbeddingCache(settings.embedding_cache)
        self._model_id = self.model_path.resolve().as_posix()
        self.backend = _backend(settings.embedding_backend, self.model_path)
        self._onnx_dir = settings.embedding_onnx_dir or settings.home / "models"
        self.encoded_texts = 0

    @property
    def dim(self) -> int:
        return EMBEDDING_DIM

    def _load(self):  # noqa: ANN202 - SentenceTransformer is imported lazily
        """One model instance per process, path and backend, however many Embedders share it."""
        with _MODELS_LOCK:
            key = f"{self.backend}:{self._model_id}"
            if key not in _MODELS:
                if self.backend == "onnx":
                    from encoders.onnx_embed import load

                    try:
                        _MODELS[key] = load(self.model_path, self._onnx_dir)
                    except Exception as error:  # noqa: BLE001 - the export leans on torch's exporter: torch still works
                        logging.getLogger(__name__).warning("ONNX export of %s failed (%s); embedding with torch", self.model_path, error)
                        from sentence_transformers import SentenceTransformer

                        _MODELS[key] = SentenceTransformer(str(self.model_path), device="cpu")
                else:
                    from sentence_transformers import SentenceTransformer

                    _MODELS[key] = SentenceTransformer(str(self.model_path), device="cpu")
            return _MODELS[key]

    def encode(self, texts: Sequence[str], show_progress: bool | None = None) -> np.ndarray:
        """Embed texts in batches; cached texts are not recomputed. Returns shape (len(texts), dim)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        keys = [text_key(self._model_id, t) for t in texts]
        cached = self.cache.get_many(list(dict.fromkeys(keys)))
        missing = {k: t for k, t in zip(keys, texts) if k not in cached}
        if missing:
            progress = self.show_progress if show_progress is None else show_progress
            with torch_threads(1 if len(missing) <= SMALL_BATCH else None):
                vectors = self._load().encode(
                    list(missing.values()),
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=progress and len(missing) > self.batch_size,
                ).astype(np.float32)
            fresh = dict(zip(missing.keys(), vectors))
            self.cache.put_many(fresh)
            cached.update(fresh)
            self.encoded_texts += len(missing)
        return np.stack([cached[k] for k in keys])

    def text_key(self, text: str) -> str:
        """The embedding cache's key of ``text`` for this model."""
        return text_key(self._model_id, text)

    def forget_texts(self, texts: Sequence[str]) -> int:
        """Drop these texts' cached vectors (a customer's own texts, on erasure)."""
        return self.cache.delete_many([text_key(self._model_id, t) for t in texts])

    def encode_one(self, text: str) -> np.ndarray:
        return self.encode([text], show_progress=False)[0]

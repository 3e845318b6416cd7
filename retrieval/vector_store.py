"""The vector store: Chroma collections for products, interest vectors and summary texts (whose vectors are
the customers' text vectors, retrieval/profile_texts.py), always with Portrait's own embedding function,
plus profile search (through the filter index when filtered).

Chroma's default embedding function downloads a model, so every collection here is created with
``PortraitEmbeddingFunction`` and telemetry is off.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import chromadb
import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from encoders.embedder import Embedder
from encoders.profile.model import Profile
from encoders.data.schema import Product
from encoders.settings import Settings
from retrieval.fact_store import FactFields, FactStore
from retrieval.filter_index import FilterIndex, Where
from retrieval.profile_texts import ProfileTexts, summary_id

PRODUCTS = "products"
PROFILES = "profiles"  # embedding: the interest vector
PROFILE_TEXTS = "profile_texts"  # homes written before summaries were shared: one text record per customer
SUMMARIES = "profile_summaries"  # embedding: a summary text's vector, one record per distinct text
_UPSERT_BATCH = 2000
_FROM_CONFIG: dict[str, "PortraitEmbeddingFunction"] = {}


@register_embedding_function
class PortraitEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapts Portrait's cached sentence-transformers embedder to Chroma's interface."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, input: Documents) -> Embeddings:  # noqa: A002 - Chroma's parameter name
        return list(self.embedder.encode(list(input), show_progress=False))

    @staticmethod
    def name() -> str:
        return "portrait-sentence-transformers"

    def get_config(self) -> dict[str, Any]:
        return {"model_path": str(self.embedder.model_path)}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> PortraitEmbeddingFunction:
        # Chroma rebuilds the function from its stored config on many calls: build each model's once.
        path = config["model_path"]
        if path not in _FROM_CONFIG:
            _FROM_CONFIG[path] = PortraitEmbeddingFunction(Embedder(Settings(embedding_model=path)))
        return _FROM_CONFIG[path]

    def default_space(self) -> str:
        return "cosine"


@dataclass(frozen=True)
class Hit:
    id: str
    distance: float
    document: str
    metadata: dict[str, Any]


def chroma_client(settings: Settings) -> chromadb.ClientAPI:
    """The home's local Chroma folder (one process), or a Chroma server when ``chroma_url`` is set."""
    if settings.chroma_url:
        url = urlsplit(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "127.0.0.1", port=url.port or 8000, ssl=url.scheme == "https",
            settings=ChromaSettings(anonymized_telemetry=False),
        )
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(
        path=str(settings.chroma_dir),
        settings=ChromaSettings(anonymized_telemetry=False, allow_reset=True),
    )


class VectorStore:
    """Products and profiles in one Chroma database; the profiles' facts, summaries and filter fields go to the
    FactStore beside it (``facts``), stamped after each Chroma write so the filter index sees the change."""

    def __init__(self, settings: Settings, embedder: Embedder, facts: FactStore) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = chroma_client(settings)
        self.facts = facts
        self._filter_indexes: dict[str, FilterIndex] = {}
        function = PortraitEmbeddingFunction(embedder)
        self.products = self.client.get_or_create_collection(
            PRODUCTS, embedding_function=function, configuration={"hnsw": {"space": "cosine"}}
        )
        # A new home's profile index is built lighter than the default (see Settings.profile_hnsw_max_neighbors);
        # an existing collection keeps the configuration it was made with.
        profile_hnsw = {"space": "cosine", "max_neighbors": settings.profile_hnsw_max_neighbors,
                        "ef_construction": settings.profile_hnsw_ef_construction}
        self.profiles = self.client.get_or_create_collection(
            PROFILES, embedding_function=function, configuration={"hnsw": profile_hnsw}
        )
        summaries = self.client.get_or_create_collection(
            SUMMARIES, embedding_function=function, configuration={"hnsw": {"space": "cosine"}}
        )
        self.profile_texts = ProfileTexts(summaries, facts, embedder)
        """Each customer's text vector, read like a Chroma collection of one record per customer."""
        self._move_old_texts()

    @property
    def text_rewrites(self) -> int:
        """Text-vector records written to Chroma since this store opened (new summary texts)."""
        return self.profile_texts.written

    def _move_old_texts(self) -> None:
        """A home from before summaries were shared: its per-customer text records become one per summary."""
        if PROFILE_TEXTS not in {c if isinstance(c, str) else c.name for c in self.client.list_collections()}:
            return
        old = self.client.get_collection(PROFILE_TEXTS, embedding_function=PortraitEmbeddingFunction(self.embedder))
        got = old.get(include=["embeddings", "documents"])
        distinct = {d: e for d, e in zip(got["documents"] or [], _embeddings(got)) if d}
        if distinct:
            self.profile_texts.collection.upsert(ids=[summary_id(d) for d in distinct], embeddings=list(distinct.values()),
                                                 documents=list(distinct))
        self.client.delete_collection(PROFILE_TEXTS)

    def upsert_products(self, products: Sequence[Product]) -> None:
        if not products:
            return
        vectors = self.embedder.encode([p.text for p in products])
        for start in range(0, len(products), _UPSERT_BATCH):
            chunk = products[start : start + _UPSERT_BATCH]
            self.products.upsert(
                ids=[p.item_id for p in chunk],
                embeddings=vectors[start : start + len(chunk)],
                documents=[p.text for p in chunk],
                metadatas=[
                    {"title": p.title, "category": p.category, "brand": p.brand, "price": p.price if p.price is not None else -1.0}
                    for p in chunk
                ],
            )

    def upsert_profiles(self, profiles: Sequence[Profile]) -> int:
        """Store each profile by its interest vector (a profile with none uses its text vector) with
        all filterable fields, and by the text vector of its short description with the descriptive
        fields. The text side is written only where the description or those fields changed. The
        facts go last: their change sequence tells readers (the filter index) that Chroma is done."""
        if not profiles:
            return 0
        self._write_vectors(profiles)
        self.facts.put(profiles)
        return len(profiles)

    def upsert_profile_vectors(self, profiles: Sequence[Profile]) -> int:
        """The Chroma half of ``upsert_profiles``, for profiles whose facts are already stored (the
        collector's applier writes facts first): then the facts are stamped, so readers see the change."""
        if not profiles:
            return 0
        self._write_vectors(profiles)
        self.facts.stamp([p.user_id for p in profiles])
        return len(profiles)

    def write_vectors(self, user_ids: Sequence[str], interest: Sequence[np.ndarray | list[float] | None],
                      summaries: Sequence[str], lap: Callable[[str], None] | None = None) -> int:
        """``upsert_profile_vectors`` from the parts of stored builds (the collector's vectors process reads
        them from the fact store): interest vectors (None: the profile has none) and summary texts.
        ``lap``: called with "chroma" after the Chroma write and "stamp" after the facts' stamp (timings)."""
        if not user_ids:
            return 0
        self._write(user_ids, interest, summaries)
        if lap is not None:
            lap("chroma")
        self.facts.stamp(user_ids)
        if lap is not None:
            lap("stamp")
        return len(user_ids)

    def _write_vectors(self, profiles: Sequence[Profile]) -> None:
        self._write([p.user_id for p in profiles], [p.interest_vector for p in profiles], [p.summary_text() for p in profiles])

    def _write(self, user_ids: Sequence[str], interest: Sequence[np.ndarray | list[float] | None], summaries: Sequence[str]) -> None:
        """Interest vectors to Chroma (a profile with none uses its text vector); text vectors need only their
        summary texts there (new ones are added)."""
        text_vectors = self.profile_texts.ensure(summaries)
        vectors = np.stack([np.asarray(v, dtype=np.float32) if v is not None else text_vectors[s] for v, s in zip(interest, summaries)])
        for start in range(0, len(user_ids), _UPSERT_BATCH):
            end = start + _UPSERT_BATCH
            self.profiles.upsert(ids=list(user_ids[start:end]), embeddings=vectors[start:end])

    def get_profile(self, user_id: str) -> Profile | None:
        got = self.profiles.get(ids=[user_id], include=["embeddings"])
        stored = self.facts.get([user_id]).get(user_id)
        if not got["ids"] or stored is None:
            return None
        return stored.model_copy(update={"interest_vector": [float(x) for x in got["embeddings"][0]]})

    def user_ids(self) -> list[str]:
        return sorted(self.profiles.get(include=[])["ids"])

    def search_profiles(self, query: str, k: int = 10, where: Where | None = None, by: str = "interest") -> list[Hit]:
        """Profiles closest to a query, by interest vector (what they engage with) or by text vector
        (how their taste description reads). Either way every filter field applies."""
        return self.nearest_profiles(self.embedder.encode_one(query), k=k, where=where, by=by)

    def nearest_profiles(self, vector: Sequence[float] | np.ndarray, k: int = 10, where: Where | None = None, by: str = "interest") -> list[Hit]:
        """Profiles nearest to a vector, each hit with all filter fields (and, searching by text, the
        taste description as its document). Unfiltered queries go to Chroma's HNSW index, filtered
        ones to the in-memory filter index (exact, and far faster than Chroma's metadata pre-filter)."""
        if by not in ("interest", "text"):
            raise ValueError(f"by must be 'interest' or 'text', got {by!r}")
        if where:
            nearest = self.filter_index(by).search(vector, k, where)
        else:
            collection = self.profiles if by == "interest" else self.profile_texts
            got = collection.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, include=["distances"])
            nearest = list(zip(got["ids"][0], got["distances"][0]))
        if not nearest:
            return []
        ids = [i for i, _ in nearest]
        fields = self.facts.fields(ids)
        texts = dict(zip(*_columns(self.profile_texts.get(ids=ids, include=["documents"]), "documents"))) if by == "text" else {}
        return [Hit(id=i, distance=float(d), document=texts.get(i) or "", metadata=dict(fields.get(i) or {})) for i, d in nearest]

    def nearest_profile_ids(self, vector: Sequence[float] | np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the profiles nearest by interest vector: the HNSW search alone,
        no fields read (what the recommender's neighbour signal needs, on every request)."""
        got = self.profiles.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0])]

    def filter_index(self, by: str = "interest") -> FilterIndex:
        """The in-memory filter index over one vector kind, built on first use. Both kinds filter on
        the fields kept with the facts (FactFields), which every profile write refreshes."""
        if by not in self._filter_indexes:
            vectors = self.profiles if by == "interest" else self.profile_texts
            self._filter_indexes[by] = FilterIndex(vectors, self.facts, fields=FactFields(self.facts))
        return self._filter_indexes[by]

    def nearest_products(self, vector: Sequence[float] | np.ndarray, k: int) -> list[Hit]:
        """Products nearest to a vector (HNSW), each with its title, category, brand and price."""
        got = self.products.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k)
        return [
            Hit(id=i, distance=float(d), document=doc or "", metadata=dict(m or {}))
            for i, d, doc, m in zip(got["ids"][0], got["distances"][0], got["documents"][0], got["metadatas"][0])
        ]

    def all_profiles(self) -> list[Profile]:
        got = self.profiles.get(include=["embeddings"])
        stored = self.facts.get(got["ids"])
        return [
            stored[i].model_copy(update={"interest_vector": [float(x) for x in e]})
            for i, e in zip(got["ids"], got["embeddings"])
            if i in stored
        ]


def _embeddings(got: dict[str, Any]) -> list[Any]:
    return [] if got.get("embeddings") is None else list(got["embeddings"])


def _columns(got: dict[str, Any], field: str) -> tuple[list[str], list[Any]]:
    """(ids, values) of a Chroma get result."""
    return got["ids"], got[field] or [None] * len(got["ids"])

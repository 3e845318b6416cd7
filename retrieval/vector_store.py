"""The vector store: Chroma collections for products, interest vectors and text vectors, always with
Portrait's own embedding function, plus profile search (through the filter index when filtered).

Chroma's default embedding function downloads a model, so every collection here is created with
``PortraitEmbeddingFunction`` and telemetry is off.
"""

from __future__ import annotations

from collections.abc import Sequence
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
from retrieval.fact_store import FactStore
from retrieval.filter_index import FilterIndex, Where

PRODUCTS = "products"
PROFILES = "profiles"  # embedding: the interest vector
PROFILE_TEXTS = "profile_texts"  # embedding: the profile description's text vector
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


def text_metadata(profile: Profile) -> dict[str, Any]:
    """Filter fields of the text-vector collection: the descriptive ones, which change about as
    rarely as the description itself (so an unchanged description needs no write)."""
    categories = profile.fact_value("top_categories") or []
    segment = profile.fact_value("segment") or {}
    return {
        "country": profile.fact_value("country") or "",
        "top_category": categories[0]["category"] if categories else "",
        "price_band": profile.fact_value("price_band") or "",
        "segment": int(segment.get("id", -1)),
    }


def profile_metadata(profile: Profile) -> dict[str, Any]:
    """Flat, filterable fields of the interest-vector collection. Every field costs time on every
    upsert, so only filters live here; the full facts are in the FactStore, and time-relative
    filters use ``last_seen_ts`` (a stored "days ago" would go stale)."""
    categories = profile.fact_value("top_categories") or []
    segment = profile.fact_value("segment") or {}
    return {
        "last_seen_ts": int(profile.as_of.timestamp()),
        "frequency": int(profile.fact_value("frequency", 0)),
        "monetary": float(profile.fact_value("monetary", 0.0)),
        "top_category": categories[0]["category"] if categories else "",
        "country": profile.fact_value("country") or "",
        "stage": profile.fact_value("lifecycle_stage") or "",
        "price_band": profile.fact_value("price_band") or "",
        "spend_band": profile.fact_value("spend_band") or "",
        "segment": int(segment.get("id", -1)),
    }


class VectorStore:
    """Products and profiles in one Chroma database; the profiles' facts go to the FactStore beside it
    (``facts``), stamped after each Chroma write so the filter index sees the change."""

    def __init__(self, settings: Settings, embedder: Embedder, facts: FactStore) -> None:
        self.settings = settings
        self.embedder = embedder
        self.client = chroma_client(settings)
        self.facts = facts
        self._filter_indexes: dict[str, FilterIndex] = {}
        self.text_rewrites = 0  # text-vector records written since this store opened
        function = PortraitEmbeddingFunction(embedder)
        self.products = self.client.get_or_create_collection(
            PRODUCTS, embedding_function=function, configuration={"hnsw": {"space": "cosine"}}
        )
        self.profiles = self.client.get_or_create_collection(
            PROFILES, embedding_function=function, configuration={"hnsw": {"space": "cosine"}}
        )
        self.profile_texts = self.client.get_or_create_collection(
            PROFILE_TEXTS, embedding_function=function, configuration={"hnsw": {"space": "cosine"}}
        )

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

    def _write_vectors(self, profiles: Sequence[Profile]) -> None:
        summaries = [p.summary_text() for p in profiles]
        text_vectors = self.embedder.encode(summaries, show_progress=False)
        interest = [p.interest_vector if p.interest_vector is not None else t.tolist() for p, t in zip(profiles, text_vectors)]
        for start in range(0, len(profiles), _UPSERT_BATCH):
            end = start + _UPSERT_BATCH
            chunk = profiles[start:end]
            self.profiles.upsert(
                ids=[p.user_id for p in chunk],
                embeddings=interest[start:end],
                metadatas=[profile_metadata(p) for p in chunk],
            )
            changed = self._changed_texts(chunk, summaries[start:end])
            if changed:
                self.text_rewrites += len(changed)
                self.profile_texts.upsert(
                    ids=[chunk[i].user_id for i in changed],
                    embeddings=[text_vectors[start + i] for i in changed],
                    documents=[summaries[start + i] for i in changed],
                    metadatas=[text_metadata(chunk[i]) for i in changed],
                )

    def _changed_texts(self, profiles: Sequence[Profile], summaries: Sequence[str]) -> list[int]:
        stored = self.profile_texts.get(ids=[p.user_id for p in profiles], include=["documents", "metadatas"])
        known = {i: (d, m) for i, d, m in zip(stored["ids"], stored["documents"], stored["metadatas"])}
        return [
            n for n, (profile, summary) in enumerate(zip(profiles, summaries))
            if known.get(profile.user_id) != (summary, text_metadata(profile))
        ]

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
        fields: dict[str, Any] | None = None
        if where:
            nearest = self.filter_index(by).search(vector, k, where)
        elif by == "interest":  # the query itself returns the filter fields
            got = self.profiles.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, include=["distances", "metadatas"])
            nearest = list(zip(got["ids"][0], got["distances"][0]))
            fields = dict(zip(got["ids"][0], got["metadatas"][0]))
        else:
            got = self.profile_texts.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, include=["distances"])
            nearest = list(zip(got["ids"][0], got["distances"][0]))
        if not nearest:
            return []
        ids = [i for i, _ in nearest]
        if fields is None:
            fields = dict(zip(*_columns(self.profiles.get(ids=ids, include=["metadatas"]), "metadatas")))
        texts = dict(zip(*_columns(self.profile_texts.get(ids=ids, include=["documents"]), "documents"))) if by == "text" else {}
        return [Hit(id=i, distance=float(d), document=texts.get(i) or "", metadata=dict(fields.get(i) or {})) for i, d in nearest]

    def nearest_profile_ids(self, vector: Sequence[float] | np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        """(id, cosine similarity) of the profiles nearest by interest vector: the HNSW search alone,
        no fields read (what the recommender's neighbour signal needs, on every request)."""
        got = self.profiles.query(query_embeddings=[np.asarray(vector, dtype=np.float32)], n_results=k, include=["distances"])
        return [(i, 1.0 - float(d)) for i, d in zip(got["ids"][0], got["distances"][0])]

    def filter_index(self, by: str = "interest") -> FilterIndex:
        """The in-memory filter index over one vector kind, built on first use. Both kinds filter on
        the interest collection's fields, which are always current."""
        if by not in self._filter_indexes:
            vectors = self.profiles if by == "interest" else self.profile_texts
            self._filter_indexes[by] = FilterIndex(vectors, self.facts, fields=self.profiles)
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


def _columns(got: dict[str, Any], field: str) -> tuple[list[str], list[Any]]:
    """(ids, values) of a Chroma get result."""
    return got["ids"], got[field] or [None] * len(got["ids"])

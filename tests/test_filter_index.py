"""The in-memory filter index against a real Chroma: same matches as Chroma's own `where`, exact
nearest neighbours, and fresh after writes made through another store on the same home."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import numpy as np
import pytest

from encoders.profile.builder import ProfileBuilder
from encoders.profile.model import Fact, Profile
from retrieval.fact_store import profile_metadata
from retrieval.filter_index import FilterError, FilterIndex
from retrieval.home import open_home
from retrieval.vector_store import VectorStore
from tests.test_store import PRODUCTS, T0, _purchases

COUNTRIES = ["France", "Germany", "Spain", "United Kingdom"]
STAGES = ["new", "active", "at risk", "lapsed"]
FILTERS = [
    {"country": "France"},
    {"segment": 3},
    {"stage": {"$ne": "active"}},
    {"country": {"$in": ["Spain", "Germany"]}},
    {"stage": {"$nin": ["new", "lapsed"]}},
    {"$and": [{"stage": "active"}, {"monetary": {"$gt": 150.0}}]},
    {"$or": [{"segment": 1}, {"last_seen_ts": {"$gte": 1_700_500_000}}]},
    {"$and": [{"monetary": {"$lte": 90.0}}, {"$or": [{"country": "Spain"}, {"segment": {"$lt": 2}}]}]},
    {"country": "Atlantis"},
]


@pytest.fixture
def filled(settings) -> tuple[VectorStore, np.ndarray, list[str]]:
    """400 random records written straight into the profiles collection (with these fields as metadata, for
    Chroma's own ``where``), and profiles with the same filter fields in the fact store (what the store's
    searches filter on)."""
    rng = np.random.default_rng(5)
    store = open_home(settings).vectors
    vectors = rng.normal(size=(400, 384)).astype(np.float32)
    ids = [f"R{i:03d}" for i in range(400)]
    fields = [
        {"country": COUNTRIES[i % 4], "stage": STAGES[(i // 4) % 4], "segment": int(rng.integers(6)),
         "monetary": float(rng.uniform(0, 300)), "last_seen_ts": int(1_700_000_000 + rng.integers(0, 1_000_000))}
        for i in range(400)
    ]
    store.profiles.add(ids=ids, embeddings=vectors, metadatas=fields)
    store.facts.put([_profile(user_id, f) for user_id, f in zip(ids, fields)])
    return store, vectors, ids


def _profile(user_id: str, fields: dict) -> Profile:
    """A profile whose filter fields (profile_metadata) are ``fields``."""
    facts = {"country": Fact(value=fields["country"]), "lifecycle_stage": Fact(value=fields["stage"]),
             "segment": Fact(value={"id": fields["segment"]}), "monetary": Fact(value=fields["monetary"])}
    profile = Profile(user_id=user_id, as_of=datetime.fromtimestamp(fields["last_seen_ts"], tz=timezone.utc), n_events=1, facts=facts)
    assert {k: v for k, v in profile_metadata(profile).items() if k in fields} == fields
    return profile


@pytest.mark.parametrize("where", FILTERS, ids=[str(w) for w in FILTERS])
def test_matches_and_order_agree_with_chroma_and_brute_force(filled, where) -> None:
    store, vectors, ids = filled
    index = FilterIndex(store.profiles, store.facts)
    query = np.random.default_rng(len(str(where))).normal(size=384).astype(np.float32)

    everything = index.search(query, k=len(ids), where=where)
    assert {i for i, _ in everything} == set(store.profiles.get(where=where, include=[])["ids"])

    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    distances = 1 - unit @ (query / np.linalg.norm(query))
    matching = [ids.index(i) for i, _ in everything]
    expected = [ids[n] for n in sorted(matching, key=lambda n: distances[n])[:10]]
    top = index.search(query, k=10, where=where)
    assert [i for i, _ in top] == expected
    assert np.allclose([d for _, d in top], [distances[ids.index(i)] for i in expected], atol=1e-5)


def test_search_profiles_with_a_filter_returns_the_records_and_their_fields(filled) -> None:
    store, vectors, _ = filled
    hits = store.nearest_profiles(vectors[7], k=3, where={"country": COUNTRIES[7 % 4]})
    assert hits[0].id == "R007" and hits[0].distance == pytest.approx(0.0, abs=1e-5)
    assert all(h.metadata["country"] == COUNTRIES[3] for h in hits) and len(hits) == 3


def test_index_sees_profiles_written_by_another_store(settings) -> None:
    reader = open_home(settings).vectors
    writer = open_home(settings).vectors
    builder = ProfileBuilder(settings, writer.embedder, {p.item_id: p for p in PRODUCTS})
    at = T0 + timedelta(days=30)
    writer.upsert_profiles(builder.build_many({"cook": _purchases("cook", ["K1", "K2"], "Germany")}, at))
    assert [h.id for h in reader.search_profiles("kitchen knives", k=5, where={"country": "Germany"})] == ["cook"]

    # The cook moves to France and a gardener arrives: the reader's next query sees both changes.
    writer.upsert_profiles(builder.build_many({
        "cook": _purchases("cook", ["K1", "K2"], "France"),
        "gardener": _purchases("gardener", ["G1", "G2"], "France"),
    }, at))
    assert reader.search_profiles("kitchen knives", k=5, where={"country": "Germany"}) == []
    hits = reader.search_profiles("kitchen knives", k=5, where={"country": "France"})
    assert [h.id for h in hits] == ["cook", "gardener"]
    assert len(reader.filter_index()) == 2


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ({"stage": {"$gt": "active"}}, "'stage': $gt compares numbers"),
        ({"$xor": [{"stage": "new"}]}, "unknown filter operator '$xor'"),
        ({"monetary": {"$gt": 1.0, "$lt": 9.0}}, "exactly one operator per field"),
        ({"stage": {"$like": "act%"}}, "unknown operator '$like'"),
        ({"country": {"$in": []}}, "$in takes a non-empty list"),
        ({}, "non-empty dict"),
    ],
)
def test_bad_filters_say_what_is_wrong(filled, where, message) -> None:
    store, vectors, _ = filled
    with pytest.raises(FilterError, match=message.replace("$", r"\$")):
        store.filter_index().search(vectors[0], k=3, where=where)


def test_text_vector_search_filters_on_every_profile_field(settings) -> None:
    from tests.test_store import _store_with_two_shoppers

    store = _store_with_two_shoppers(settings)
    gardener, cook = store.get_profile("gardener"), store.get_profile("cook")
    assert gardener.fact_value("frequency") != cook.fact_value("frequency")
    # "frequency" and "stage" live only in the interest collection's fields; text search filters on them too.
    where = {"$and": [{"frequency": gardener.fact_value("frequency")}, {"stage": gardener.fact_value("lifecycle_stage")}]}
    hits = store.search_profiles("pans and knives", k=2, where=where, by="text")
    assert [h.id for h in hits] == ["gardener"]
    assert hits[0].metadata["frequency"] == gardener.fact_value("frequency")
    assert hits[0].document == gardener.summary_text()

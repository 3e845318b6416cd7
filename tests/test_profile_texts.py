"""Text vectors stored once per distinct summary text (retrieval/profile_texts.py): each customer reads as if
they had a record of their own, a summary nobody has any more does not hide customers from a text search, and
a home written with one text record per customer (and facts without summaries or filter fields) is moved over
on open, with the same vectors."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import numpy as np

from encoders.embedder import Embedder
from encoders.profile.builder import ProfileBuilder
from retrieval.home import open_home
from retrieval.vector_store import PROFILE_TEXTS, SUMMARIES
from tests.test_store import PRODUCTS, T0, _purchases, _store_with_two_shoppers


def test_each_customer_reads_their_summarys_vector(settings) -> None:
    store = _store_with_two_shoppers(settings)
    got = store.profile_texts.get(include=["embeddings", "documents"])
    assert got["ids"] == ["cook", "gardener"] and store.profile_texts.count() == 2
    for user_id, document, vector in zip(got["ids"], got["documents"], got["embeddings"]):
        assert document == store.facts.get([user_id])[user_id].summary_text()
        assert np.allclose(vector, store.embedder.encode_one(document), atol=1e-6)
    assert store.profile_texts.collection.count() == 2  # one record per distinct summary


def test_customers_sharing_a_summary_share_one_record(settings) -> None:
    embedder = Embedder(settings)
    store = open_home(settings, embedder).vectors
    builder = ProfileBuilder(settings, embedder, {p.item_id: p for p in PRODUCTS})
    events = {f"cook{n}": _purchases(f"cook{n}", ["K1", "K2"], "Germany") for n in range(5)}
    store.upsert_profiles(builder.build_many(events, T0 + timedelta(days=30)))
    assert store.profile_texts.count() == 5 and store.profile_texts.collection.count() == 1
    assert store.text_rewrites == 1


def test_a_summary_nobody_has_any_more_hides_no_one(settings) -> None:
    store = _store_with_two_shoppers(settings)
    old = store.facts.get(["gardener"])["gardener"].summary_text()
    embedder = store.embedder
    builder = ProfileBuilder(settings, embedder, {p.item_id: p for p in PRODUCTS})
    # The gardener turns cook: their old summary stays in Chroma with no customer behind it.
    events = _purchases("gardener", ["K1", "K2", "K1", "K2", "K1"], "France")
    store.upsert_profiles(builder.build_many({"gardener": events}, T0 + timedelta(days=30)))
    assert store.facts.get(["gardener"])["gardener"].summary_text() != old
    hits = store.nearest_profiles(embedder.encode_one(old), k=2, by="text")
    assert sorted(h.id for h in hits) == ["cook", "gardener"]


def test_a_home_with_one_text_record_per_customer_is_moved_over(settings) -> None:
    store = _store_with_two_shoppers(settings)
    texts = store.profile_texts.get(include=["embeddings", "documents"])
    expected = dict(zip(texts["ids"], np.asarray(texts["embeddings"])))
    bodies = {user_id: profile.model_dump_json(exclude={"interest_vector"}) for user_id, profile in store.facts.get(texts["ids"]).items()}
    client = store.client
    client.delete_collection(SUMMARIES)
    del store

    # What such a home held: one text record per customer in Chroma, facts without summaries or fields.
    old = client.get_or_create_collection(PROFILE_TEXTS, embedding_function=None, configuration={"hnsw": {"space": "cosine"}})
    old.add(ids=texts["ids"], embeddings=[expected[i] for i in texts["ids"]], documents=texts["documents"],
            metadatas=[{"country": "x"} for _ in texts["ids"]])
    with sqlite3.connect(settings.fact_db) as db:
        db.execute("DROP TABLE profiles")
        db.execute("CREATE TABLE profiles (user_id TEXT PRIMARY KEY, body TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0)")
        db.executemany("INSERT INTO profiles (user_id, body, seq) VALUES (?, ?, 1)", list(bodies.items()))
    del client, old

    reopened = open_home(settings).vectors
    assert PROFILE_TEXTS not in {c if isinstance(c, str) else c.name for c in reopened.client.list_collections()}
    got = reopened.profile_texts.get(ids=["gardener", "cook"], include=["embeddings"])
    for user_id, vector in zip(got["ids"], got["embeddings"]):
        assert np.allclose(vector, expected[user_id], atol=1e-6)
    assert reopened.facts.fields(["cook"])["cook"]["country"] == "Germany"
    assert [h.id for h in reopened.search_profiles("garden", k=2, where={"country": "Germany"}, by="text")] == ["cook"]

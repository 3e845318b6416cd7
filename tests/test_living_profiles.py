"""Living profiles: incremental updates equal rebuilds, idempotence, unknown items, segments, follow."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st

from encoders.embedder import Embedder, EmbeddingCache
from encoders.data.schema import Event, Product
from encoders.settings import Settings
from retrieval.follow import follow
from retrieval.home import open_home
from retrieval.living_profiles import LivingProfiles

T0 = datetime(2026, 6, 1, tzinfo=timezone.utc)
REFERENCE = T0 + timedelta(days=120)
CATALOGUE = [
    Product(item_id="G1", title="Copper Garden Lantern", category="garden decor", brand="Lumen", price=25.0),
    Product(item_id="G2", title="Solar Fairy Lights", category="garden decor", brand="Lumen", price=12.0),
    Product(item_id="K1", title="Chef Knife", category="kitchen", brand="Forge", price=60.0),
    Product(item_id="K2", title="Cast Iron Pan", category="kitchen", brand="Forge", price=35.0),
]


def _events() -> list[Event]:
    rows = [
        ("U1", 0, "view", {"item_id": "G1"}),
        ("U1", 1, "purchase", {"item_id": "G1", "quantity": 2, "price": 25.0, "attrs": {"order_id": "O1"}}),
        ("U1", 3, "search", {"text": "garden lights for the patio"}),
        ("U1", 40, "review", {"item_id": "G1", "rating": 5, "text": "Lovely warm light."}),
        ("U1", 80, "return", {"item_id": "G1", "quantity": 1, "price": 25.0}),
        ("U1", 81, "support_message", {"text": "Where is my refund for the lantern?"}),
        ("U2", 5, "view", {"item_id": "K1"}),
        ("U2", 5, "cart", {"item_id": "K1"}),
        ("U2", 6, "purchase", {"item_id": "K2", "quantity": 1, "price": 35.0, "attrs": {"order_id": "O2"}}),
        ("U2", 50, "review", {"item_id": "K2", "text": "It cracked after a week, very disappointed."}),
        ("U2", 90, "view", {"item_id": "X9"}),
        ("U3", 100, "view", {"item_id": "G2"}),
        ("U3", 101, "purchase", {"item_id": "G2", "quantity": 3, "price": 12.0, "attrs": {"order_id": "O3"}}),
    ]
    return [Event(event_id=f"E{i:02d}", user_id=u, ts=T0 + timedelta(days=d, hours=i % 7), type=t, **f)
            for i, (u, d, t, f) in enumerate(rows)]


def _store(home: Path, cache: Path) -> LivingProfiles:
    settings = Settings(home=home, show_progress=False)
    store = open_home(settings, Embedder(settings, EmbeddingCache(cache))).profiles
    store.add_products(CATALOGUE)
    return store


def _snapshot(store: LivingProfiles) -> dict[str, tuple[dict, np.ndarray, np.ndarray]]:
    texts = store.vectors.profile_texts.get(include=["embeddings"])
    text_vectors = dict(zip(texts["ids"], np.asarray(texts["embeddings"])))
    return {
        p.user_id: ({k: v.model_dump() for k, v in p.facts.items()}, np.array(p.interest_vector), text_vectors[p.user_id])
        for p in store.vectors.all_profiles()
    }


@hypothesis_settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(order=st.permutations(list(range(13))), cuts=st.lists(st.integers(1, 12), max_size=4))
def test_incremental_batches_equal_a_full_rebuild(tmp_path_factory, shared_cache, order, cuts) -> None:
    events = _events()
    shuffled = [events[i] for i in order]  # out-of-order timestamps across and within batches
    bounds = [0, *sorted(set(cuts)), len(shuffled)]

    incremental = _store(tmp_path_factory.mktemp("incremental"), shared_cache)
    for start, end in zip(bounds, bounds[1:]):
        incremental.apply(shuffled[start:end], reference_time=REFERENCE)
    rebuilt = _store(tmp_path_factory.mktemp("rebuilt"), shared_cache)
    rebuilt.log.add_events(events)
    rebuilt.rebuild(reference_time=REFERENCE)

    left, right = _snapshot(incremental), _snapshot(rebuilt)
    assert left.keys() == right.keys() == {"U1", "U2", "U3"}
    for user in left:
        assert left[user][0] == right[user][0], user
        assert np.allclose(left[user][1], right[user][1], atol=1e-6)
        assert np.allclose(left[user][2], right[user][2], atol=1e-6)


def test_reapplying_known_events_changes_nothing(tmp_path, shared_cache) -> None:
    store = _store(tmp_path / "home", shared_cache)
    first = store.apply(_events(), reference_time=REFERENCE)
    before = _snapshot(store)
    again = store.apply(_events(), reference_time=REFERENCE)
    assert first.new_events == 13 and again.new_events == 0 and again.touched_users == []
    after = _snapshot(store)
    assert before.keys() == after.keys()
    for user in before:
        assert before[user][0] == after[user][0]
    assert store.log.count_events() == 13


def test_rich_facts_and_unknown_products(tmp_path, shared_cache) -> None:
    store = _store(tmp_path / "home", shared_cache)
    store.apply(_events(), reference_time=REFERENCE)
    u1, u2 = store.vectors.get_profile("U1"), store.vectors.get_profile("U2")
    assert u1.fact_value("return_rate") == 0.5 and u1.facts["return_rate"].evidence
    assert u1.fact_value("avg_basket") == 50.0
    assert u1.fact_value("review_sentiment")["label"] == "positive"
    assert u1.fact_value("top_brands")[0]["brand"] == "Lumen"
    assert u1.fact_value("lifecycle_stage") == "active"
    # U2 reviewed without a rating: the text signal decides the sentiment.
    assert u2.fact_value("review_sentiment")["label"] == "negative"
    assert u2.facts["unknown_items"].value == ["X9"]
    assert u2.facts["unknown_items"].evidence == ["E10"]
    assert store.log.events_by_id(["E10"])["E10"].item_id == "X9"  # kept, not dropped
    assert u2.fact_value("purchase_intent") is None or all(i["category"] != "kitchen" for i in u2.fact_value("purchase_intent"))


def test_segments_on_a_small_shop(built_settings, small_shop) -> None:
    from encoders.data.synthetic import load_personas

    store = open_home(built_settings).profiles
    model = store.fit_segments()
    assert 3 <= len(model.segments) <= 12
    assert sum(s.size for s in model.segments) == len(store.vectors.user_ids())
    assert all(s.name and s.description for s in model.segments)
    profiles = store.vectors.all_profiles()
    assert all("segment" in p.facts and "spend_band" in p.facts for p in profiles)
    # Members of a segment mostly share their favourite category.
    personas = load_personas(small_shop.personas)
    by_segment: dict[int, list[str]] = {}
    for profile in profiles:
        by_segment.setdefault(profile.fact_value("segment")["id"], []).append(personas[profile.user_id].favourite_categories[0])
    purity = sum(max(map(members.count, members)) for members in by_segment.values()) / len(profiles)
    assert purity >= 0.6, purity
    hits = store.vectors.search_profiles("anything", k=5, where={"segment": profiles[0].fact_value("segment")["id"]})
    assert hits and all(h.metadata["segment"] == profiles[0].fact_value("segment")["id"] for h in hits)
    plot = model and __import__("retrieval.segments", fromlist=["plot_segments"]).plot_segments(profiles, model, built_settings.reports_dir / "segments.png")
    assert plot.stat().st_size > 10_000
    # Every part of every name holds for at least 90% of the segment's members, checked from the
    # members' own facts; parts that would not hold are left out of the name.
    from retrieval.segments import NAME_SUPPORT, name_support

    support = name_support(profiles, model)
    for segment in model.segments:
        parts = [p for p in segment.name.split(" · ") if not p.startswith("group ")]
        assert set(support[segment.name]) == ({*parts} - {"Mixed interests"}), (segment.name, support[segment.name])
        assert all(share >= NAME_SUPPORT for share in support[segment.name].values()), (segment.name, support[segment.name])


def test_follow_applies_appended_lines(tmp_path, shared_cache) -> None:
    store = _store(tmp_path / "home", shared_cache)
    feed = tmp_path / "feed.jsonl"
    events = _events()
    feed.write_text("".join(e.model_dump_json() + "\n" for e in events[:6]))

    def append_later() -> None:
        time.sleep(1.0)
        with feed.open("a") as sink:
            sink.write(events[6].model_dump_json() + "\n")
            sink.write('{"event_id": "bad", "user_id": "U9", "ts": "yesterday", "type": "view", "item_id": "G1"}\n')
            sink.write(events[7].model_dump_json())  # no newline yet: must wait
        time.sleep(1.0)
        with feed.open("a") as sink:
            sink.write("\n")

    writer = threading.Thread(target=append_later)
    writer.start()
    stats = follow(store, feed, poll_s=0.1, idle_exit_s=2.0)
    writer.join()
    assert stats.lines == 9 and stats.applied == 8 and stats.rejected == 1
    assert stats.touched == {"U1", "U2"}
    assert store.vectors.get_profile("U2").n_events == 2
    rejects = [json.loads(line) for line in feed.with_name("feed.jsonl.rejects.jsonl").read_text().splitlines()]
    assert rejects[0]["row"] == 8 and rejects[0]["field"] == "ts"

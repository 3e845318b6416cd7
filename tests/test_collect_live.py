"""The collector's profile applier (retrieval/live.py) in-process, on real components: whatever the order in
which requests, facts passes and vectors passes interleave (bounded passes, vectors behind facts, an applier
restarted with stale vectors, stitching moving history), once nothing is pending the stored profiles (facts,
interest vectors, text vectors) equal a rebuild over the same events."""

from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from encoders.embedder import Embedder, EmbeddingCache
from encoders.settings import Settings
from retrieval.home import open_home
from retrieval.intake import Intake
from retrieval.live import Applier
from ui.collect.app import Collector

END = datetime(2026, 11, 30, 12, tzinfo=timezone.utc)


def _message(n: int, kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "messageId": f"m{n:04d}", **fields}


def _stream(seed: int) -> list[list[dict[str, Any]]]:
    """Requests of a few shoppers: views, searches, carts, orders, anonymous browsing, a sign-in (identify) and
    an alias. The first request holds the newest events, so the data clock (the reference of time-relative
    facts) is the same for every pass and for the rebuild."""
    rng = random.Random(seed)
    n = 0
    first = [_message(0, "track", userId="U0", event="Product Viewed", timestamp=END.isoformat(),
                      properties={"product_id": "P0", "name": "Lamp 0", "category": "Lamps", "brand": "Lumen", "price": 20}),
             _message(1, "track", userId="U1", event="Product Viewed", timestamp=(END - timedelta(minutes=5)).isoformat(),
                      properties={"product_id": "P1", "name": "Mug 1", "category": "Kitchen", "brand": "Forge", "price": 8})]
    n = 2
    requests = [first]
    for r in range(12):
        batch = []
        for _ in range(rng.randint(2, 7)):
            ts = (END - timedelta(days=rng.uniform(1, 60))).isoformat()
            who = rng.choice([{"userId": f"U{rng.randrange(5)}"}, {"anonymousId": f"device-{rng.randrange(3)}"}])
            product = rng.randrange(6)
            props = {"product_id": f"P{product}", "name": f"Item {product}", "category": ["Lamps", "Kitchen", "Garden"][product % 3],
                     "brand": ["Lumen", "Forge"][product % 2], "price": 5 + 7 * product}
            kind = rng.choice(["Product Viewed", "Product Added", "Products Searched", "Order Completed"])
            if kind == "Products Searched":
                props = {"query": rng.choice(["desk lamp", "garden light", "big mug"])}
            elif kind == "Order Completed":
                props = {"order_id": f"O{n}", "currency": "EUR", "products": [{**props, "quantity": 1 + product % 2}]}
            batch.append(_message(n, "track", event=kind, timestamp=ts, properties=props, **who))
            n += 1
        if r == 5:  # device-0 signs in as U2; device-1 is aliased to U3
            batch.append(_message(n, "identify", userId="U2", anonymousId="device-0", traits={"country": "DE"},
                                  timestamp=(END - timedelta(days=2)).isoformat()))
            batch.append(_message(n + 1, "alias", previousId="device-1", userId="U3", timestamp=(END - timedelta(days=2)).isoformat()))
            n += 2
        requests.append(batch)
    return requests


def _snapshot(home) -> dict[str, tuple[dict, np.ndarray, str, np.ndarray]]:  # noqa: ANN001
    vectors = home.vectors
    texts = vectors.profile_texts.get(include=["embeddings", "documents"])
    text = {i: (d, np.asarray(e)) for i, d, e in zip(texts["ids"], texts["documents"], texts["embeddings"])}
    return {p.user_id: ({k: v.model_dump() for k, v in p.facts.items()}, np.asarray(p.interest_vector), *text[p.user_id])
            for p in vectors.all_profiles()}


def _pending(applier) -> int:  # noqa: ANN001
    """Customers still waiting for their facts or their vectors."""
    return applier.db.execute("SELECT (SELECT COUNT(*) FROM pending) + (SELECT COUNT(*) FROM vectors_pending)").fetchone()[0]


def _assert_equal_to_a_rebuild(live: dict, settings: Settings, tmp_path: Path, shared_cache: Path) -> None:
    """``live`` (a ``_snapshot``) equals the profiles and vectors rebuilt from a copy of the same event log."""
    rebuilt_settings = Settings(home=tmp_path / "rebuilt", show_progress=False)
    rebuilt_settings.home.mkdir(parents=True)
    with sqlite3.connect(settings.event_db) as source, sqlite3.connect(rebuilt_settings.event_db) as copy:
        source.backup(copy)  # the same events, stitches and traits (the WAL's transactions included)
    with open_home(rebuilt_settings, Embedder(rebuilt_settings, EmbeddingCache(shared_cache))) as home:
        home.profiles.rebuild(home.log.user_ids())
        rebuilt = _snapshot(home)
    assert live.keys() == rebuilt.keys()
    for user in live:
        assert live[user][0] == rebuilt[user][0], user
        assert np.allclose(live[user][1], rebuilt[user][1], atol=1e-6), user
        assert live[user][2] == rebuilt[user][2], user
        assert np.allclose(live[user][3], rebuilt[user][3], atol=1e-6), user


@pytest.mark.parametrize("seed", [1, 2])
def test_interleaved_facts_and_vectors_passes_equal_a_rebuild(tmp_path: Path, shared_cache: Path, seed: int) -> None:
    settings = Settings(home=tmp_path / "live", show_progress=False)
    collector = Collector(settings, {"k": "web"}, Intake(settings))
    rng = random.Random(seed)
    with open_home(settings, Embedder(settings, EmbeddingCache(shared_cache))) as home:
        applier = Applier(home)
        for number, request in enumerate(_stream(seed)):
            answer = collector.handle(json.dumps({"batch": request, "writeKey": "k"}).encode(), None, None, None)
            assert answer.status_code == 200 and not json.loads(answer.body)["rejected"]
            applier.facts_pass(limit=rng.randint(1, 3))  # bounded: some customers wait for a later pass
            if rng.random() < 0.5:
                applier.vectors_pass(None, limit=rng.randint(1, 2))  # vectors behind facts
            if number == 6:  # a new applier (after a crash): stale vectors have no profile in memory
                assert applier.db.execute("SELECT COUNT(*) FROM vectors_pending").fetchone()[0] > 0
                applier.close()
                applier = Applier(home)
        while applier.step():
            pass
        assert applier.db.execute("SELECT (SELECT COUNT(*) FROM pending) + (SELECT COUNT(*) FROM vectors_pending)").fetchone()[0] == 0
        applier.close()
        live = _snapshot(home)
    collector.intake.close()

    assert "U2" in live and "anon:device-0" not in live and "anon:device-1" not in live  # stitched away
    assert live["U2"][0]["merged_ids"]["value"] == ["device-0"] and live["U2"][0]["country"]["value"] == "DE"
    _assert_equal_to_a_rebuild(live, settings, tmp_path, shared_cache)

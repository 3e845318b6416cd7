"""`portrait forget`: a customer erased from every store of a real home, and `portrait status` over it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from encoders.data.schema import EventType
from encoders.data.sources import SourceFormat
from encoders.embedder import text_key
from encoders.settings import Settings
from retrieval.home import open_home
from tests.test_cli import run


def _writer_of_texts(home) -> str:  # noqa: ANN001 - Home
    """A customer who wrote searches and reviews (their own texts are cached embeddings)."""
    for user_id, events in home.log.events_by_user().items():
        kinds = {e.type for e in events if e.text}
        if {EventType.search, EventType.review} <= kinds:
            return user_id
    raise AssertionError("the small shop has nobody with searches and reviews")


def test_forget_removes_the_customer_everywhere(tmp_path: Path, small_shop) -> None:
    settings = Settings(home=tmp_path / "home", show_progress=False)
    home = open_home(settings)
    home.ingest(small_shop.products, SourceFormat.products)
    home.ingest(small_shop.events, SourceFormat.events)
    home.build()
    user_id = _writer_of_texts(home)
    own_texts = sorted({e.text for e in home.log.events_by_user([user_id])[user_id]
                        if e.text and e.type in (EventType.search, EventType.review)})
    vector = np.array(home.vectors.get_profile(user_id).interest_vector)
    country = home.vectors.get_profile(user_id).fact_value("country")
    # A bad row of theirs in an ingest report, and a summary of theirs beside someone else's.
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"event_id": "x1", "user_id": user_id, "ts": "never", "type": "view", "item_id": "P"}) + "\n")
    home.ingest(bad, SourceFormat.events)
    summaries = settings.reports_dir / "summaries.jsonl"
    other = next(u for u in home.user_ids() if u != user_id)
    summaries.write_text("".join(json.dumps({"user_id": u, "summary": f"about {u}"}) + "\n" for u in (user_id, other)))
    assert home.recommend(other, k=3)  # fits and saves the recommender, which learnt from everyone
    assert home.recommender_path.exists()
    # Warm the filter index so erasure has to reach an index that is already in memory.
    assert user_id in [h.id for h in home.vectors.nearest_profiles(vector, k=3, where={"country": country})]
    model_id = home.embedder._model_id
    assert len(home.embedder.cache.get_many([text_key(model_id, t) for t in own_texts])) == len(own_texts)

    report = home.forget(user_id)

    assert report.models_dropped == ["models/recommender.pkl"] and not home.recommender_path.exists()
    assert report.events > 0 and report.profiles == 1 and report.vectors == 2 and report.cached_texts == len(own_texts)
    assert home.log.events_by_user([user_id]) == {}
    assert home.facts.get([user_id]) == {}
    assert home.vectors.profiles.get(ids=[user_id])["ids"] == []
    assert home.vectors.profile_texts.get(ids=[user_id])["ids"] == []
    for where in (None, {"country": country}):
        assert user_id not in [h.id for h in home.vectors.nearest_profiles(vector, k=10, where=where)]
        assert user_id not in [h.id for h in home.vectors.nearest_profiles(vector, k=10, where=where, by="text")]
    assert user_id not in home.user_ids() and user_id not in home.log.user_ids()
    assert home.embedder.cache.get_many([text_key(model_id, t) for t in own_texts]) == {}
    assert [json.loads(line)["user_id"] for line in summaries.read_text().splitlines()] == [other]
    for rejects in settings.reports_dir.glob("*.rejects.jsonl"):
        assert user_id not in rejects.read_text()
    home.close()
    # Nothing left in the bytes of our own stores either (secure delete, checkpointed WAL).
    for store in (settings.event_db, settings.fact_db):
        for path in store.parent.glob(store.name + "*"):
            assert user_id.encode() not in path.read_bytes(), path
    # A fresh process sees the same; segments and neighbours come from the stores above.
    again = open_home(settings)
    assert again.vectors.get_profile(user_id) is None and user_id not in again.user_ids()
    assert all(user_id not in [h.id for h in again.vectors.search_profiles(q, k=20)] for q in own_texts[:3])


def test_status_reports_what_a_home_holds(tmp_path: Path, built_settings, small_shop) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_settings.home, home)
    result = run(home, "status", "--json", "--llm", "local")
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    events = [json.loads(line) for line in small_shop.events.read_text().splitlines()]
    products = small_shop.products.read_text().splitlines()
    assert status["events"] == len(events) and status["customers"] == len({e["user_id"] for e in events})
    assert status["profiles"] == status["profile_vectors"] == status["customers"]
    assert status["products"] == status["catalogue_products"] == len(products)
    assert status["data_clock"][:19] == max(e["ts"] for e in events)[:19]
    assert status["chroma"]["mode"] == "local" and status["llm"]["backend"] == "local"
    assert status["segments"] > 0 and status["embedding_model"]

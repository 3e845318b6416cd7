from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta, timezone

import numpy as np

from encoders.embedder import Embedder
from encoders.profile.builder import ProfileBuilder
from encoders.data.schema import Event, Product
from retrieval.event_log import EventLog

T0 = datetime(2026, 6, 1, tzinfo=timezone.utc)
CATALOGUE = {
    "G1": Product(item_id="G1", title="Copper Garden Lantern", category="garden decor", price=25.0),
    "K1": Product(item_id="K1", title="Stainless Steel Chef Knife", category="kitchen", price=40.0),
}


def ev(i: int, kind: str, **fields) -> Event:
    return Event(event_id=f"E{i}", user_id="U1", ts=T0 + timedelta(days=i), type=kind, **fields)


EVENTS = [
    ev(0, "view", item_id="G1"),
    ev(1, "purchase", item_id="G1", quantity=2, price=25.0, attrs={"order_id": "O1"}),
    ev(2, "search", text="garden lights"),
    ev(3, "purchase", item_id="K1", quantity=1, price=40.0, attrs={"order_id": "O2"}),
    ev(4, "return", item_id="K1", quantity=1, price=40.0),
    ev(5, "support_message", text="Where is my refund?"),
]


def test_facts_carry_values_and_evidence(settings) -> None:
    builder = ProfileBuilder(settings, Embedder(settings), CATALOGUE)
    profile = builder.build("U1", EVENTS, reference_time=T0 + timedelta(days=15))
    facts = profile.facts
    assert facts["first_seen"].value == "2026-06-01" and facts["first_seen"].evidence == ["E0"]
    assert facts["last_seen"].value == "2026-06-06" and facts["last_seen"].evidence == ["E5"]
    assert facts["recency_days"].value == 10
    assert facts["frequency"].value == 2 and facts["frequency"].evidence == ["E1", "E3"]
    assert facts["monetary"].value == 50.0 and set(facts["monetary"].evidence) == {"E1", "E3", "E4"}
    assert facts["returns"].value == 1
    top = facts["top_categories"].value
    assert top[0]["category"] == "garden decor" and abs(sum(c["share"] for c in top) - 1.0) < 1e-6
    assert [i["item_id"] for i in facts["last_items"].value] == ["K1", "G1"]
    assert profile.n_events == 6 and profile.as_of == EVENTS[-1].ts


def test_interest_vector_decays_towards_recent_events(settings) -> None:
    embedder = Embedder(settings)
    builder = ProfileBuilder(settings, embedder, CATALOGUE)
    garden_then_kitchen = [ev(0, "purchase", item_id="G1", quantity=1, price=25.0),
                           ev(90, "purchase", item_id="K1", quantity=1, price=40.0)]
    vector = np.array(builder.build("U1", garden_then_kitchen, T0 + timedelta(days=91)).interest_vector)
    garden, kitchen = embedder.encode([CATALOGUE["G1"].text, CATALOGUE["K1"].text])
    assert abs(np.linalg.norm(vector) - 1.0) < 1e-5
    assert vector @ kitchen > vector @ garden


def test_profile_ignores_event_order_and_reingest(settings) -> None:
    builder = ProfileBuilder(settings, Embedder(settings), CATALOGUE)
    forward = builder.build("U1", EVENTS, T0 + timedelta(days=15))
    shuffled = builder.build("U1", list(reversed(EVENTS)), T0 + timedelta(days=15))
    assert forward.facts == shuffled.facts
    assert np.allclose(forward.interest_vector, shuffled.interest_vector, atol=1e-6)

    log = EventLog(settings.event_db)
    assert len(log.add_events(EVENTS)) == len(EVENTS)
    assert log.add_events(EVENTS) == []
    assert log.count_events() == len(EVENTS)


def test_profiles_recover_the_hidden_personas(built_settings, small_shop) -> None:
    from encoders.data.synthetic import load_personas
    from retrieval.home import open_home

    personas = load_personas(small_shop.personas)
    store = open_home(built_settings).vectors
    hits = Counter()
    for user_id, persona in personas.items():
        profile = store.get_profile(user_id)
        assert profile is not None, f"no profile for {user_id}"
        hits[profile.fact_value("top_categories")[0]["category"] == persona.favourite_categories[0]] += 1
    accuracy = hits[True] / len(personas)
    assert accuracy >= 0.9, f"top-category accuracy {accuracy:.2f}"

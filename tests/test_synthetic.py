"""The synthetic shop: schema-valid, deterministic, and carrying a recoverable persona signal."""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from encoders.data.schema import Event, EventType, Product
from encoders.data.synthetic import (
    CATEGORIES,
    INJECTION_TEXTS,
    INTENTS,
    PRICE_BANDS,
    Persona,
    ShopFiles,
    generate_shop,
    load_personas,
    price_tier,
    tier_cutoffs,
)

END = datetime(2026, 11, 1, tzinfo=timezone.utc)
SMALL = {"n_products": 60, "n_users": 60}


class Shop:
    def __init__(self, files: ShopFiles) -> None:
        self.files = files
        self.products = [Product.model_validate_json(line) for line in _lines(files.products)]
        self.events = [Event.model_validate_json(line) for line in _lines(files.events)]
        self.personas = load_personas(files.personas)
        self.catalogue = {p.item_id: p for p in self.products}
        self.by_user: dict[str, list[Event]] = defaultdict(list)
        for event in self.events:
            self.by_user[event.user_id].append(event)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Shop:
    return Shop(generate_shop(tmp_path_factory.mktemp("shop"), seed=7, end=END, **SMALL))


def test_files_are_written_where_promised(shop: Shop) -> None:
    folder = shop.files.products.parent
    assert shop.files == ShopFiles(folder / "products.jsonl", folder / "events.jsonl", folder / "personas.json")


def test_every_line_validates_against_the_schema(shop: Shop) -> None:
    assert len(shop.products) == SMALL["n_products"] == len(_lines(shop.files.products))
    assert len(shop.events) == len(_lines(shop.files.events))
    assert len(shop.personas) == SMALL["n_users"]


def test_ids_are_well_formed_and_consistent(shop: Shop) -> None:
    assert [p.item_id for p in shop.products] == [f"P{i:04d}" for i in range(1, SMALL["n_products"] + 1)]
    assert [e.event_id for e in shop.events] == [f"E{i:06d}" for i in range(1, len(shop.events) + 1)]
    assert sorted(shop.personas) == [f"U{i:04d}" for i in range(1, SMALL["n_users"] + 1)]
    assert {e.user_id for e in shop.events} == set(shop.personas)
    assert all(e.item_id in shop.catalogue for e in shop.events if e.item_id is not None)


def test_events_are_sorted_and_inside_the_window(shop: Shop) -> None:
    stamps = [e.ts for e in shop.events]
    assert stamps == sorted(stamps)
    assert END - timedelta(days=120) <= stamps[0] and stamps[-1] < END
    assert all(s.tzinfo is not None for s in stamps)
    raw = json.loads(_lines(shop.files.events)[0])["ts"]
    assert datetime.fromisoformat(raw).tzinfo is not None


def test_every_event_type_appears(shop: Shop) -> None:
    assert {e.type for e in shop.events} == set(EventType)


def test_event_fields_fit_their_type(shop: Shop) -> None:
    for event in shop.events:
        if event.type in (EventType.purchase, EventType.return_, EventType.cart):
            assert event.quantity and event.quantity >= 1
            assert event.price == shop.catalogue[event.item_id].price
        if event.type is EventType.review:
            assert event.rating in (1.0, 2.0, 3.0, 4.0, 5.0) and event.text


def test_review_sentiment_follows_rating(shop: Shop) -> None:
    reviews = [e for e in shop.events if e.type is EventType.review and e.text not in INJECTION_TEXTS]
    praise = ("love", "Five stars", "Fantastic", "impressed", "loved it")
    complaints = ("broken", "waste", "Terrible", "Disappointed", "flimsy", "unhappy", "falling apart")
    assert reviews
    for review in reviews:
        if review.rating and review.rating <= 2:
            assert not any(word in review.text for word in praise), review.text
        if review.rating and review.rating >= 4:
            assert not any(word in review.text for word in complaints), review.text


def test_products_look_real(shop: Shop) -> None:
    assert {p.category for p in shop.products} == set(CATEGORIES)
    assert len({p.title for p in shop.products}) == len(shop.products)
    for product in shop.products:
        assert product.brand and product.description.endswith(".") and len(product.title.split()) >= 3
    tiers = Counter((p.category, price_tier(p.category, p.price)) for p in shop.products)
    assert set(tiers) == {(c, band) for c in CATEGORIES for band in PRICE_BANDS}


def test_price_tier_cuts_each_range_in_three() -> None:
    low, high = tier_cutoffs("kitchen")
    assert 6.0 < low < high < 250.0
    assert [price_tier("kitchen", p) for p in (6.0, low - 0.01, low, high - 0.01, high, 250.0)] == [
        "budget", "budget", "mid", "mid", "premium", "premium"
    ]
    with pytest.raises(ValueError):
        tier_cutoffs("groceries")


def test_users_have_between_20_and_150_events(shop: Shop) -> None:
    counts = [len(events) for events in shop.by_user.values()]
    assert min(counts) >= 20 and max(counts) <= 150


def test_personas_are_plausible(shop: Shop) -> None:
    personas = list(shop.personas.values())
    assert all(isinstance(p, Persona) for p in personas)
    assert all(p.email.endswith("@example.com") and " " in p.name for p in personas)
    assert len({p.email for p in personas}) == len(personas)
    assert 3 <= len({p.country for p in personas}) <= 6
    assert all(1 <= len(p.favourite_categories) <= 2 for p in personas)
    assert all(set(p.favourite_categories) <= set(CATEGORIES) for p in personas)
    assert {p.intent for p in personas} == set(INTENTS)
    assert any(p.churned for p in personas) and not all(p.churned for p in personas)


def test_top_favourite_is_the_argmax_category(shop: Shop) -> None:
    hits = 0
    for user_id, persona in shop.personas.items():
        counts = Counter(
            shop.catalogue[e.item_id].category
            for e in shop.by_user[user_id]
            if e.type in (EventType.view, EventType.purchase)
        )
        hits += counts.most_common(1)[0][0] == persona.favourite_categories[0]
    assert hits >= 0.95 * len(shop.personas)


def test_favourites_carry_most_item_events(shop: Shop) -> None:
    shares = []
    for user_id, persona in shop.personas.items():
        items = [e for e in shop.by_user[user_id] if e.item_id]
        in_favourites = sum(shop.catalogue[e.item_id].category in persona.favourite_categories for e in items)
        shares.append(in_favourites / len(items))
    assert 0.65 <= statistics.mean(shares) <= 0.85


def test_price_band_follows_the_median_price_tier(shop: Shop) -> None:
    hits = 0
    for user_id, persona in shop.personas.items():
        tiers = [
            PRICE_BANDS.index(price_tier(shop.catalogue[e.item_id].category, e.price))
            for e in shop.by_user[user_id]
            if e.type in (EventType.view, EventType.purchase)
        ]
        hits += PRICE_BANDS[statistics.median_low(tiers)] == persona.price_band
    assert hits >= 0.9 * len(shop.personas)


def _per_intent(shop: Shop) -> dict[str, Counter[EventType]]:
    mix: dict[str, Counter[EventType]] = defaultdict(Counter)
    for user_id, persona in shop.personas.items():
        mix[persona.intent].update(e.type for e in shop.by_user[user_id])
    return mix


def test_intents_leave_distinct_signatures(shop: Shop) -> None:
    mix = _per_intent(shop)

    def rate(intent: str, top: EventType, bottom: EventType) -> float:
        return mix[intent][top] / max(1, mix[intent][bottom])

    rest: Counter[EventType] = sum((mix[i] for i in INTENTS if i != "returner"), Counter())
    returner_rate = rate("returner", EventType.return_, EventType.purchase)
    assert returner_rate >= 0.2
    assert returner_rate > 2 * rest[EventType.return_] / rest[EventType.purchase]
    buy_per_view = {i: rate(i, EventType.purchase, EventType.view) for i in INTENTS}
    assert min(buy_per_view, key=buy_per_view.get) == "researcher"
    assert max(buy_per_view, key=buy_per_view.get) == "loyal regular"
    gift_searches = [
        e.text for u, p in shop.personas.items() if p.intent == "gift buyer"
        for e in shop.by_user[u] if e.type is EventType.search
    ]
    assert sum("gift" in t or "present" in t for t in gift_searches) >= 0.4 * len(gift_searches)


def test_bargain_hunters_shop_budget(shop: Shop) -> None:
    for user_id, persona in shop.personas.items():
        if persona.intent == "bargain hunter":
            assert persona.price_band == "budget"


def test_churned_shoppers_are_silent_for_the_last_60_days(shop: Shop) -> None:
    cutoff = END - timedelta(days=60)
    churned = [u for u, p in shop.personas.items() if p.churned]
    active = [u for u, p in shop.personas.items() if not p.churned]
    assert churned
    assert all(e.ts < cutoff for u in churned for e in shop.by_user[u])
    recent = sum(any(e.ts >= cutoff for e in shop.by_user[u]) for u in active)
    assert recent >= 0.9 * len(active)


def test_a_few_texts_are_prompt_injections(shop: Shop) -> None:
    injected = [e for e in shop.events if e.text in INJECTION_TEXTS]
    assert 2 <= len(injected) <= 3
    assert {e.type for e in injected} <= {EventType.review, EventType.support_message}
    assert any("Ignore all previous instructions" in e.text for e in injected)


def test_searches_and_support_messages_read_like_shoppers(shop: Shop) -> None:
    searches = [e.text for e in shop.events if e.type is EventType.search]
    support = [e.text for e in shop.events if e.type is EventType.support_message]
    assert len(set(searches)) > 20 and all(1 <= len(q.split()) <= 8 for q in searches)
    assert any("order #" in t for t in support) and any("refund" in t for t in support)


def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    first = generate_shop(tmp_path / "a", seed=11, **SMALL)
    again = generate_shop(tmp_path / "b", seed=11, **SMALL)
    other = generate_shop(tmp_path / "c", seed=12, **SMALL)
    for name in ("products", "events", "personas"):
        assert getattr(first, name).read_bytes() == getattr(again, name).read_bytes()
        assert getattr(first, name).read_bytes() != getattr(other, name).read_bytes()


def test_personas_round_trip(shop: Shop) -> None:
    raw = json.loads(shop.files.personas.read_text(encoding="utf-8"))
    assert set(raw) == set(shop.personas)
    persona = shop.personas["U0001"]
    assert raw["U0001"]["favourite_categories"] == persona.favourite_categories
    assert persona.price_band in PRICE_BANDS and persona.intent in INTENTS


@pytest.mark.parametrize(
    "kwargs", [{"n_products": 20}, {"n_users": 0}, {"days": 30}],
)
def test_rejects_sizes_it_cannot_honour(tmp_path: Path, kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        generate_shop(tmp_path, **kwargs)

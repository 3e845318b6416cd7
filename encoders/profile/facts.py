"""The one registry of profile facts: every fact a profile can hold, in the order people see them.

Most facts are small functions of one shopper's :class:`History`: each returns a :class:`Fact` (a
value plus the ids of the events that support it) or ``None`` when the data has nothing to say;
register one with ``@fact(name, description)``. A few facts are assigned after the build by a model
of the whole population (``segment``, ``spend_band`` by the segment model): they are declared here
with :func:`assigned_fact` so the card, the prompts and the assistant know them too.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from encoders.data.schema import Event, EventType, Product
from encoders.profile import support
from encoders.profile.model import Fact

# How much one event says about what a shopper likes, by type.
INTEREST_WEIGHTS: dict[EventType, float] = {
    EventType.view: 0.3,
    EventType.search: 0.5,
    EventType.cart: 0.6,
    EventType.purchase: 1.0,
    EventType.review: 0.8,
}
PRICE_BANDS = ("budget", "mid", "premium")


@dataclass(frozen=True)
class FactRules:
    """Thresholds for time-relative facts; one place, filled from Settings."""

    top_n: int = 3
    last_items: int = 5
    intent_window_days: int = 30
    new_days: int = 30
    at_risk_days: int = 60
    lapsed_days: int = 180


@dataclass
class History:
    """One shopper's events (time-ordered) with what the facts need to read them."""

    user_id: str
    events: Sequence[Event]
    products: Mapping[str, Product]
    reference_time: datetime
    rules: FactRules
    price_tiers: Mapping[str, str] = field(default_factory=dict)
    review_text_sentiment: Mapping[str, float] = field(default_factory=dict)
    intents: Mapping[str, tuple[str, float]] | None = None
    """The intent head's (label, prob) of each support message by event id; None without a head."""

    def of_type(self, *types: EventType) -> list[Event]:
        return [e for e in self.events if e.type in types]

    @cached_property
    def purchases(self) -> list[Event]:
        return self.of_type(EventType.purchase)

    @cached_property
    def returns(self) -> list[Event]:
        return self.of_type(EventType.return_)

    def product(self, event: Event) -> Product | None:
        return self.products.get(event.item_id) if event.item_id else None

    def category(self, event: Event) -> str:
        product = self.product(event)
        return product.category if product else ""


FactFn = Callable[[History], Fact | None]
FACTS: dict[str, tuple[str, FactFn | None]] = {}
"""name -> (description, function of the history, or None for a fact assigned after the build)."""


def fact(name: str, description: str) -> Callable[[FactFn], FactFn]:
    def register(fn: FactFn) -> FactFn:
        FACTS[name] = (description, fn)
        return fn

    return register


def assigned_fact(name: str, description: str) -> None:
    """Declare a fact that a population model sets on built profiles (see SegmentModel.assign)."""
    FACTS[name] = (description, None)


def fact_descriptions() -> dict[str, str]:
    return {name: description for name, (description, _) in FACTS.items()}


def compute_facts(history: History) -> dict[str, Fact]:
    facts = {}
    for _name, (_, fn) in FACTS.items():
        if fn is not None and (value := fn(history)) is not None:
            facts[_name] = value
    return facts


def _shares(weights: Counter[str], evidence: Mapping[str, list[str]], top_n: int, key: str) -> Fact | None:
    total = sum(weights.values())
    if total <= 0:
        return None
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]
    return Fact(
        value=[{key: name, "share": round(w / total, 3)} for name, w in top],
        evidence=[eid for name, _ in top for eid in evidence[name]],
    )


# --- lifecycle -------------------------------------------------------------------------------


@fact("first_seen", "date of the customer's first recorded event")
def first_seen(h: History) -> Fact:
    return Fact(value=h.events[0].ts.date().isoformat(), evidence=[h.events[0].event_id])


@fact("last_seen", "date of the customer's most recent event")
def last_seen(h: History) -> Fact:
    return Fact(value=h.events[-1].ts.date().isoformat(), evidence=[h.events[-1].event_id])


@fact("recency_days", "days since the customer was last seen")
def recency_days(h: History) -> Fact:
    return Fact(value=max(0, (h.reference_time - h.events[-1].ts).days), evidence=[h.events[-1].event_id])


def _order_key(event: Event) -> str:
    for key in ("order_id", "invoice"):
        if key in event.attrs:
            return str(event.attrs[key])
    return event.ts.date().isoformat()


@fact("frequency", "number of orders the customer placed")
def frequency(h: History) -> Fact:
    return Fact(value=len({_order_key(e) for e in h.purchases}), evidence=[e.event_id for e in h.purchases])


@fact("monetary", "net amount the customer spent (purchases minus returns)")
def monetary(h: History) -> Fact:
    net = sum(e.amount for e in h.purchases) - sum(e.amount for e in h.returns)
    return Fact(value=round(net, 2), evidence=[e.event_id for e in h.purchases + h.returns])


@fact("avg_basket", "average amount spent per order")
def avg_basket(h: History) -> Fact | None:
    orders = {_order_key(e) for e in h.purchases}
    if not orders:
        return None
    return Fact(value=round(sum(e.amount for e in h.purchases) / len(orders), 2), evidence=[e.event_id for e in h.purchases])


@fact("returns", "number of items the customer returned")
def returns(h: History) -> Fact:
    return Fact(value=int(sum(e.quantity or 1 for e in h.returns)), evidence=[e.event_id for e in h.returns])


@fact("return_rate", "share of bought items that were returned")
def return_rate(h: History) -> Fact | None:
    bought = sum(e.quantity or 1 for e in h.purchases)
    if bought <= 0:
        return None
    returned = sum(e.quantity or 1 for e in h.returns)
    return Fact(value=round(min(1.0, returned / bought), 3), evidence=[e.event_id for e in h.purchases + h.returns])


@fact("lifecycle_stage", "where the customer is in their lifecycle: new, active, at risk or lapsed")
def lifecycle_stage(h: History) -> Fact:
    recency = (h.reference_time - h.events[-1].ts).days
    tenure = (h.reference_time - h.events[0].ts).days
    if recency > h.rules.lapsed_days:
        stage = "lapsed"
    elif recency > h.rules.at_risk_days:
        stage = "at risk"
    elif tenure <= h.rules.new_days:
        stage = "new"
    else:
        stage = "active"
    return Fact(value=stage, evidence=[h.events[0].event_id, h.events[-1].event_id])


# --- interests -------------------------------------------------------------------------------


def _weighted(h: History, key: Callable[[Event], str | None]) -> tuple[Counter[str], dict[str, list[str]]]:
    """Interest weight and supporting events per key (category, brand, price tier) over item events."""
    weight: Counter[str] = Counter()
    evidence: dict[str, list[str]] = defaultdict(list)
    for event in h.events:
        name = key(event) if event.type in INTEREST_WEIGHTS else None
        if name:
            weight[name] += INTEREST_WEIGHTS[event.type]
            evidence[name].append(event.event_id)
    return weight, evidence


@fact("top_categories", "what the customer likes: product categories they are most interested in, with shares")
def top_categories(h: History) -> Fact | None:
    return _shares(*_weighted(h, h.category), h.rules.top_n, "category")


@fact("top_brands", "brands the customer is most interested in, with shares")
def top_brands(h: History) -> Fact | None:
    return _shares(*_weighted(h, lambda e: p.brand if (p := h.product(e)) else None), h.rules.top_n, "brand")


@fact("price_band", "price band the customer usually shops in: budget, mid or premium")
def price_band(h: History) -> Fact | None:
    weight, evidence = _weighted(h, lambda e: h.price_tiers.get(e.item_id or ""))
    if not weight:
        return None
    band = max(PRICE_BANDS, key=lambda b: (weight[b], -PRICE_BANDS.index(b)))
    return Fact(value=band, evidence=evidence[band])


@fact("purchase_intent", "categories the customer viewed or carted recently without buying")
def purchase_intent(h: History) -> Fact | None:
    since = h.events[-1].ts - timedelta(days=h.rules.intent_window_days)
    recent = [e for e in h.events if e.ts >= since]
    bought = {h.category(e) for e in recent if e.type is EventType.purchase}
    interest: Counter[str] = Counter()
    evidence: dict[str, list[str]] = defaultdict(list)
    for event in recent:
        category = h.category(event)
        if category and category not in bought and event.type in (EventType.view, EventType.cart):
            interest[category] += INTEREST_WEIGHTS[event.type]
            evidence[category].append(event.event_id)
    if not interest:
        return None
    top = sorted(interest.items(), key=lambda kv: (-kv[1], kv[0]))[: h.rules.top_n]
    return Fact(
        value=[{"category": c, "carted": any(e.type is EventType.cart and h.category(e) == c for e in recent)} for c, _ in top],
        evidence=[eid for c, _ in top for eid in evidence[c]],
    )


@fact("last_items", "products the customer bought or looked at most recently")
def last_items(h: History) -> Fact | None:
    seen: dict[str, str] = {}
    for event in reversed(h.events):
        if event.item_id and event.type in (EventType.purchase, EventType.cart, EventType.view) and event.item_id not in seen:
            seen[event.item_id] = event.event_id
            if len(seen) == h.rules.last_items:
                break
    if not seen:
        return None
    items = [{"item_id": i, "title": p.title if (p := h.products.get(i)) else f"unknown product {i}"} for i in seen]
    return Fact(value=items, evidence=list(seen.values()))


@fact("unknown_items", "items in the customer's events that are not in the catalogue")
def unknown_items(h: History) -> Fact | None:
    unknown = [e for e in h.events if e.item_id and e.item_id not in h.products]
    if not unknown:
        return None
    return Fact(value=sorted({e.item_id for e in unknown if e.item_id}), evidence=[e.event_id for e in unknown])


# --- habits and voice ------------------------------------------------------------------------


def _daypart(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    return "evening" if 17 <= hour < 22 else "night"


@fact("preferred_time", "when the customer usually shops: part of day and weekday or weekend")
def preferred_time(h: History) -> Fact | None:
    active = [e for e in h.events if e.type in INTEREST_WEIGHTS]
    if len(active) < 3:
        return None
    parts = Counter(_daypart(e.ts.hour) for e in active)
    daypart = max(parts, key=lambda p: (parts[p], p))
    weekend = sum(e.ts.weekday() >= 5 for e in active) / len(active)
    days = "weekends" if weekend > 0.5 else "weekdays"
    return Fact(
        value={"daypart": daypart, "days": days, "weekend_share": round(weekend, 3)},
        evidence=[e.event_id for e in active if _daypart(e.ts.hour) == daypart],
    )


def _most_common_attr(h: History, key: str) -> Fact | None:
    """The most frequent value of an event attribute (ties: alphabetical), with its events."""
    tagged = [e for e in h.events if e.attrs.get(key)]
    if not tagged:
        return None
    counts = Counter(str(e.attrs[key]) for e in tagged)
    best = max(counts, key=lambda c: (counts[c], c))
    return Fact(value=best, evidence=[e.event_id for e in tagged if str(e.attrs[key]) == best])


@fact("channel", "channel the customer uses most")
def channel(h: History) -> Fact | None:
    return _most_common_attr(h, "channel")


@fact("country", "country the customer orders from")
def country(h: History) -> Fact | None:
    return _most_common_attr(h, "country")


def _sentiment_label(score: float) -> str:
    return "positive" if score > 0.25 else "negative" if score < -0.25 else "mixed"


@fact("review_sentiment", "tone of the customer's product reviews and ratings: positive, mixed or negative")
def review_sentiment(h: History) -> Fact | None:
    reviews = h.of_type(EventType.review)
    if not reviews:
        return None
    scores = []
    for review in reviews:
        if review.rating is not None:
            scores.append((review.rating - 3.0) / 2.0)
        elif review.event_id in h.review_text_sentiment:
            scores.append(h.review_text_sentiment[review.event_id])
    if not scores:
        return None
    ratings = [r.rating for r in reviews if r.rating is not None]
    score = sum(scores) / len(scores)
    value: dict[str, Any] = {"label": _sentiment_label(score), "score": round(score, 3), "reviews": len(reviews)}
    if ratings:
        value["avg_rating"] = round(sum(ratings) / len(ratings), 2)
    return Fact(value=value, evidence=[r.event_id for r in reviews])


# --- customer service (needs the intent head) ------------------------------------------------


@fact("intent_mix", "what the customer contacts customer service about: share of each intent over their support messages")
def intent_mix(h: History) -> Fact | None:
    return None if h.intents is None else support.intent_mix(h.events, h.intents)


@fact("open_problems", "recent support requests about a problem (refund, complaint, cancellation, late order, payment) "
                       "with no later message saying it was resolved")
def open_problems(h: History) -> Fact | None:
    return None if h.intents is None else support.open_problems(h.events, h.intents, reference_time=h.reference_time)


# --- assigned from the whole population --------------------------------------------------------

assigned_fact("segment", "the customer segment (cluster of similar interests and spending) the customer belongs to")
assigned_fact("spend_band", "how much the customer spends relative to all customers: low, medium or high spend")
assigned_fact("merged_ids", "anonymous ids (browsers, devices) joined to this customer by identity stitching (retrieval/identity.py)")


def price_tiers(products: Mapping[str, Product]) -> dict[str, str]:
    """Each priced product's tier: budget, mid or premium by tercile of its category's prices
    (of all prices when the category has too few priced products)."""
    by_category: dict[str, list[float]] = defaultdict(list)
    for product in products.values():
        if product.price is not None and product.price > 0:
            by_category[product.category].append(product.price)
    everything = sorted(p for prices in by_category.values() for p in prices)
    cuts: dict[str, tuple[float, float]] = {}
    for category, prices in by_category.items():
        pool = sorted(prices) if len(prices) >= 6 else everything
        cuts[category] = (_quantile(pool, 1 / 3), _quantile(pool, 2 / 3))
    tiers = {}
    for item_id, product in products.items():
        if product.price is not None and product.price > 0:
            low, high = cuts[product.category]
            tiers[item_id] = "budget" if product.price <= low else "mid" if product.price <= high else "premium"
    return tiers


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    position = q * (len(sorted_values) - 1)
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)

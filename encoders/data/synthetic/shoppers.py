"""The synthetic shoppers: hidden personas, how each shopping intent behaves, and one shopper's simulated history.

Steps 2-5 of the story in :mod:`encoders.data.synthetic.shop`: personas, sessions in categories that
follow the persona's shares, numbers set by the intent's :class:`Style`, and the aftermath of purchases.
The tables (countries, styles, calendar, texts) live in ``tables/shoppers.toml`` and ``tables/texts.toml``.
"""

from __future__ import annotations

import math
import random
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from itertools import accumulate
from typing import Any, Literal

from encoders.data.schema import EventType
from encoders.data.synthetic.world import (
    CATEGORIES,
    PRICE_BANDS,
    SPECS,
    Catalogue,
    Item,
    PriceBand,
    load_table,
    tier_cutoffs,
)

Intent = Literal["gift buyer", "bargain hunter", "loyal regular", "researcher", "returner"]
INTENTS: tuple[Intent, ...] = ("gift buyer", "bargain hunter", "loyal regular", "researcher", "returner")
MIN_EVENTS_PER_USER = 20
CHURN_GAP_DAYS = (62.0, 100.0)

Message = tuple[str, str]  # a support-message template and the intent it expresses


@dataclass(frozen=True)
class Persona:
    """The hidden truth about one shopper; profiles are scored against it."""

    user_id: str
    name: str
    email: str
    country: str
    favourite_categories: list[str]
    price_band: PriceBand
    intent: Intent
    churned: bool


@dataclass(frozen=True)
class Style:
    """How an intent shows in behaviour (the fields are described in ``tables/shoppers.toml``)."""

    weight: float
    churn_rate: float
    band_weights: tuple[float, float, float]
    in_band: float
    target_events: tuple[int, int]
    views: tuple[int, int]
    p_search: float
    max_searches: int
    query_styles: tuple[str, ...]
    p_cart: float
    p_buy: float
    quantity_weights: tuple[float, float, float]
    return_rate: float
    review_rate: float
    p_order_question: float
    p_refund_message: float
    question_kind: str
    p_question: float
    rating_weights: tuple[float, float, float, float, float]
    timing: Literal["uniform", "regular", "bursts"]
    p_staple: float = 0.0
    p_gift_wrap: float = 0.0


def _messages(rows: list[list[str]]) -> tuple[Message, ...]:
    return tuple((template, intent) for template, intent in rows)


_SHOPPERS = load_table("shoppers")
_TEXTS = load_table("texts")
STYLES: dict[str, Style] = {
    intent: Style(**{k: tuple(v) if isinstance(v, list) else v for k, v in row.items()})
    for intent, row in _SHOPPERS["styles"].items()
}
if set(STYLES) != set(INTENTS):
    raise ValueError(f"tables/shoppers.toml: styles {sorted(STYLES)} do not match the intents {sorted(INTENTS)}")
_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    country: (tuple(row["first_names"]), tuple(row["last_names"])) for country, row in _SHOPPERS["countries"].items()
}
_COUNTRY_WEIGHTS: tuple[float, ...] = tuple(row["weight"] for row in _SHOPPERS["countries"].values())
_HOLIDAYS: tuple[tuple[int, int], ...] = tuple((month, day) for month, day in _SHOPPERS["calendar"]["holidays"])
_HOUR_CUM: tuple[float, ...] = tuple(accumulate(_SHOPPERS["calendar"]["hour_weights"]))

_REVIEWS: dict[int, tuple[str, ...]] = {int(stars): tuple(texts) for stars, texts in _TEXTS["reviews"].items()}
_GIFT_REVIEWS: dict[int, str] = {int(stars): text for stars, text in _TEXTS["gift_reviews"].items()}
_RESEARCH_PREFIX: str = _TEXTS["research_prefix"]
RETURN_REASONS: dict[str, Message] = {reason: (t, i) for reason, (t, i) in _TEXTS["return_reasons"].items()}
ORDER_MESSAGES: tuple[Message, ...] = _messages(_TEXTS["messages"]["order"])
GIFT_MESSAGES: tuple[Message, ...] = _messages(_TEXTS["messages"]["gift"])
QUESTIONS: dict[str, tuple[Message, ...]] = {k: _messages(v) for k, v in _TEXTS["messages"]["questions"].items()}

_RETURNED_RATING_WEIGHTS = (0.5, 0.35, 0.15, 0.0, 0.0)
_OFF_BAND_WEIGHTS: dict[PriceBand, tuple[float, float, float]] = {
    "budget": (0.0, 0.75, 0.25), "mid": (0.5, 0.0, 0.5), "premium": (0.25, 0.75, 0.0),
}
_FAVOURITE_SHARES = {1: (0.76,), 2: (0.52, 0.24)}
_OTHER = "__other__"


def draw_persona(index: int, rng: random.Random) -> Persona:
    """The hidden persona of shopper number ``index``."""
    country = rng.choices(list(_NAMES), weights=_COUNTRY_WEIGHTS)[0]
    first_names, last_names = _NAMES[country]
    first, last = rng.choice(first_names), rng.choice(last_names)
    intent = rng.choices(INTENTS, weights=[STYLES[i].weight for i in INTENTS])[0]
    style = STYLES[intent]
    band = rng.choices(PRICE_BANDS, weights=style.band_weights)[0]
    n_favourites = 2 if rng.random() < 0.65 else 1
    return Persona(
        user_id=f"U{index:04d}",
        name=f"{first} {last}",
        email=f"{_ascii_slug(first)}.{_ascii_slug(last)}{index}@example.com",
        country=country,
        favourite_categories=rng.sample(CATEGORIES, n_favourites),
        price_band=band,
        intent=intent,
        churned=rng.random() < style.churn_rate,
    )


def _ascii_slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return "".join(ch for ch in folded.lower() if ch.isalnum())


@dataclass
class Draft:
    """An event before its final timestamp order and id are known."""

    ts: datetime
    user_id: str
    type: EventType
    item_id: str | None = None
    text: str | None = None
    quantity: float | None = None
    price: float | None = None
    rating: float | None = None
    attrs: dict[str, Any] = field(default_factory=dict)
    intent: str | None = None  # ground truth of a support message; never part of the event


@dataclass
class _Planned:
    """An event placed relative to the start of its session."""

    offset: timedelta
    type: EventType
    fields: dict[str, Any]


class _CategoryQuota:
    """Hands out session categories so that running view counts per category track the target shares."""

    def __init__(self, favourites: list[str], rng: random.Random) -> None:
        shares = _FAVOURITE_SHARES[len(favourites)]
        self._slots = [*favourites, _OTHER]
        self._shares = [*shares, 1.0 - sum(shares)]
        self._counts = [0] * len(self._slots)
        self._others = [c for c in CATEGORIES if c not in favourites]
        self._rng = rng

    def next(self, views: int) -> str:
        n = sum(self._counts) + views
        deficits = [s * n - c + 0.6 * views * self._rng.random() for s, c in zip(self._shares, self._counts)]
        slot = deficits.index(max(deficits))
        self._counts[slot] += views
        category = self._slots[slot]
        return self._rng.choice(self._others) if category == _OTHER else category


class Shopper:
    """Simulates one persona's event history inside its active window."""

    def __init__(
        self, persona: Persona, index: int, catalogue: Catalogue, end: datetime, days: int, rng: random.Random
    ) -> None:
        self.persona = persona
        self.style = STYLES[persona.intent]
        self.catalogue = catalogue
        self.rng = rng
        self.index = index
        self.orders = 0
        self.staples: dict[str, list[Item]] = {}
        window_start = end - timedelta(days=days)
        if persona.churned:
            gap = rng.uniform(CHURN_GAP_DAYS[0], min(CHURN_GAP_DAYS[1], days - 14.0))
            self.active_end = end - timedelta(days=gap)
            self.join = window_start + timedelta(days=rng.uniform(0.0, 3.0))
        else:
            self.active_end = end
            self.join = window_start + timedelta(days=rng.uniform(0.0, 0.25) * days)
        self.quota = _CategoryQuota(persona.favourite_categories, rng)

    def simulate(self) -> list[Draft]:
        target = self.rng.randint(*self.style.target_events)
        sessions: list[list[_Planned]] = []
        while sum(len(s) for s in sessions) < target:
            sessions.append(self._session(self.rng.randint(*self.style.views)))
        drafts = self._realise(sessions, self._session_starts(len(sessions)))
        while len(drafts) < MIN_EVENTS_PER_USER:
            extra = [self._browse(self.rng.randint(2, 5))]
            drafts += self._realise(extra, self._session_starts(1, timing="uniform"))
        return drafts

    def _session(self, views: int) -> list[_Planned]:
        rng, style = self.rng, self.style
        category = self.quota.next(views)
        items = [self._pick_item(category) for _ in range(views)]
        plan: list[_Planned] = []
        clock = timedelta(0)
        if rng.random() < style.p_search:
            for _ in range(rng.randint(1, style.max_searches)):
                clock += timedelta(seconds=rng.uniform(5, 90))
                plan.append(_Planned(clock, EventType.search, {"text": self._query(rng.choice(items))}))
        for item in items:
            clock += timedelta(seconds=rng.uniform(20, 240))
            plan.append(_Planned(clock, EventType.view, {"item_id": item.product.item_id, "price": item.product.price}))
        if rng.random() < style.p_question:
            clock += timedelta(seconds=rng.uniform(30, 300))
            plan.append(_Planned(clock, EventType.support_message, self._question(items[-1])))
        if rng.random() < style.p_cart:
            plan += self._checkout(items[-1], clock)
        return plan

    def _browse(self, views: int) -> list[_Planned]:
        category = self.quota.next(views)
        clock, plan = timedelta(0), []
        for _ in range(views):
            item = self._pick_item(category)
            clock += timedelta(seconds=self.rng.uniform(20, 240))
            plan.append(_Planned(clock, EventType.view, {"item_id": item.product.item_id, "price": item.product.price}))
        return plan

    def _checkout(self, item: Item, clock: timedelta) -> list[_Planned]:
        rng, style = self.rng, self.style
        product = item.product
        quantity = float(rng.choices((1, 2, 3), weights=style.quantity_weights)[0])
        product_fields = {"item_id": product.item_id, "quantity": quantity, "price": product.price}
        clock += timedelta(seconds=rng.uniform(10, 120))
        plan = [_Planned(clock, EventType.cart, dict(product_fields))]
        if rng.random() >= style.p_buy:
            return plan
        self.orders += 1
        order = f"{100000 + self.index * 100 + self.orders}"
        attrs: dict[str, Any] = {"order_id": order, "country": self.persona.country}
        if rng.random() < style.p_gift_wrap:
            attrs["gift_wrap"] = True
        clock += timedelta(seconds=rng.uniform(60, 600))
        plan.append(_Planned(clock, EventType.purchase, {**product_fields, "attrs": attrs}))
        return plan + self._aftermath(item, product_fields, order, clock, gift="gift_wrap" in attrs)

    def _aftermath(
        self, item: Item, product_fields: dict[str, Any], order: str, bought: timedelta, gift: bool
    ) -> list[_Planned]:
        rng, style = self.rng, self.style
        plan: list[_Planned] = []
        review_at = bought + timedelta(days=rng.uniform(5, 30))
        returned = rng.random() < style.return_rate
        if returned:
            reason = rng.choice(list(RETURN_REASONS))
            returned_at = bought + timedelta(days=rng.uniform(3, 20))
            attrs = {"order_id": order, "reason": reason}
            plan.append(_Planned(returned_at, EventType.return_, {**product_fields, "attrs": attrs}))
            if rng.random() < style.p_refund_message:
                template, intent = RETURN_REASONS[reason]
                at = returned_at + timedelta(hours=rng.uniform(1, 72))
                text = template.format(noun=item.noun, order=order)
                plan.append(_Planned(at, EventType.support_message, self._support(text, item, order, intent)))
            review_at = returned_at + timedelta(days=rng.uniform(0.2, 3))
        if rng.random() < (0.6 if returned else style.review_rate):
            plan.append(_Planned(review_at, EventType.review, self._review(item, returned, gift)))
        if rng.random() < style.p_order_question:
            template, intent = rng.choice(ORDER_MESSAGES)
            at = bought + timedelta(days=rng.uniform(2, 10))
            text = template.format(order=order)
            plan.append(_Planned(at, EventType.support_message, self._support(text, item, order, intent)))
        if gift and rng.random() < 0.3:
            template, intent = rng.choice(GIFT_MESSAGES)
            at = bought + timedelta(minutes=rng.uniform(5, 120))
            text = template.format(order=order)
            plan.append(_Planned(at, EventType.support_message, self._support(text, item, order, intent)))
        return plan

    def _pick_item(self, category: str) -> Item:
        rng, style = self.rng, self.style
        staples = self.staples.get(category)
        if staples and rng.random() < style.p_staple:
            return rng.choice(staples)
        band = self.persona.price_band
        tier = band if rng.random() < style.in_band else rng.choices(PRICE_BANDS, weights=_OFF_BAND_WEIGHTS[band])[0]
        item = self.catalogue.pick(category, tier, rng)
        if style.p_staple and tier == band and len(self.staples.setdefault(category, [])) < 3:
            self.staples[category].append(item)
        return item

    # texts

    def _query(self, item: Item) -> str:
        rng = self.rng
        spec = SPECS[item.product.category]
        style = rng.choice(self.style.query_styles)
        noun = item.noun
        options = {
            "plain": (f"{item.material} {noun}", noun, f"{rng.choice(spec.adjectives).lower()} {noun}"),
            "brand": (f"{item.product.brand.lower()} {noun}", f"{item.material} {noun}"),
            "gift": (f"gift for {spec.recipient}", f"{noun} gift", f"present for {spec.recipient}",
                     f"gift ideas for {spec.recipient}"),
            "bargain": (f"cheap {noun}", f"{noun} sale", f"{noun} under {math.ceil(tier_cutoffs(spec.name)[0])}",
                        f"{noun} discount code"),
            "research": (f"best {noun} 2026", f"{noun} reviews",
                         f"{item.material} vs {rng.choice(spec.materials).lower()} {noun}",
                         f"{item.product.brand.lower()} {noun} review"),
        }[style]
        return rng.choice(options)

    def _question(self, item: Item) -> dict[str, Any]:
        kind = self.style.question_kind if self.rng.random() < 0.8 else "general"
        template, intent = self.rng.choice(QUESTIONS[kind])
        p = item.product
        text = template.format(title=p.title, brand=p.brand, noun=item.noun)
        fields = {"text": text, "intent": intent}
        return fields if kind == "general" else {**fields, "item_id": p.item_id}

    def _support(self, text: str, item: Item, order: str, intent: str) -> dict[str, Any]:
        return {"text": text, "item_id": item.product.item_id, "attrs": {"order_id": order}, "intent": intent}

    def _review(self, item: Item, returned: bool, gift: bool) -> dict[str, Any]:
        rng = self.rng
        weights = _RETURNED_RATING_WEIGHTS if returned else self.style.rating_weights
        rating = rng.choices((1, 2, 3, 4, 5), weights=weights)[0]
        text = _GIFT_REVIEWS[rating] if gift and rng.random() < 0.6 else rng.choice(_REVIEWS[rating])
        if self.persona.intent == "researcher" and rng.random() < 0.5:
            text = _RESEARCH_PREFIX + text
        return {"item_id": item.product.item_id, "rating": float(rating), "text": text.format(noun=item.noun)}

    # time

    def _session_starts(self, count: int, timing: str | None = None) -> list[datetime]:
        timing = timing or self.style.timing
        span = (self.active_end - self.join).total_seconds() / 86400.0
        if timing == "regular":
            step = span / count
            days = [(k + 0.5 + self.rng.uniform(-0.3, 0.3)) * step for k in range(count)]
        elif timing == "bursts":
            days = self._burst_days(count, span)
        else:
            days = [self.rng.uniform(0.0, span) for _ in range(count)]
        return [self._at_hour(day) for day in days]

    def _burst_days(self, count: int, span: float) -> list[float]:
        occasions = [d for d in self._holiday_days(span) if d > 5.0]
        occasions += [self.rng.uniform(min(10.0, span / 2), span) for _ in range(self.rng.randint(1, 2))]
        days = []
        for _ in range(count):
            if self.rng.random() < 0.75:
                days.append(max(0.0, self.rng.choice(occasions) - self.rng.uniform(0.3, 12.0)))
            else:
                days.append(self.rng.uniform(0.0, span))
        return days

    def _holiday_days(self, span: float) -> list[float]:
        days = []
        for year in range(self.join.year, self.active_end.year + 1):
            for month, day in _HOLIDAYS:
                offset = (datetime(year, month, day, tzinfo=timezone.utc) - self.join).total_seconds() / 86400.0
                if 0.0 <= offset <= span:
                    days.append(offset)
        return days

    def _at_hour(self, day: float) -> datetime:
        midnight = (self.join + timedelta(days=day)).replace(hour=0, minute=0, second=0, microsecond=0)
        hour = bisect_right(_HOUR_CUM, self.rng.random() * _HOUR_CUM[-1])
        start = midnight + timedelta(hours=hour, seconds=self.rng.uniform(0, 3600))
        latest = self.active_end - timedelta(hours=self.rng.uniform(1.0, 6.0))
        return max(self.join, min(start, latest))

    def _realise(self, sessions: list[list[_Planned]], starts: list[datetime]) -> list[Draft]:
        drafts = []
        for plan, start in zip(sessions, starts):
            for planned in plan:
                ts = (start + planned.offset).replace(microsecond=0)
                if ts < self.active_end:
                    drafts.append(Draft(ts=ts, user_id=self.persona.user_id, type=planned.type, **planned.fields))
        return drafts

"""Profiles: structured facts with evidence, plus an interest vector, built from a user's events.

A profile is a pure function of the user's events, the catalogue and the reference time, so a
rebuild and an incremental update over the same events agree.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from tqdm.auto import tqdm

from encoders.embedder import Embedder
from encoders.schema import Event, EventType, Product
from encoders.settings import Settings

# How much one event says about what a shopper likes, by type (returns and support messages: nothing).
INTEREST_WEIGHTS: dict[EventType, float] = {
    EventType.view: 0.3,
    EventType.search: 0.5,
    EventType.cart: 0.6,
    EventType.purchase: 1.0,
    EventType.review: 0.8,
}

FACT_DESCRIPTIONS: dict[str, str] = {
    "first_seen": "date of the customer's first recorded event",
    "last_seen": "date of the customer's most recent event",
    "recency_days": "days since the customer was last seen",
    "frequency": "number of orders the customer placed",
    "monetary": "net amount the customer spent (purchases minus returns)",
    "returns": "number of items the customer returned",
    "top_categories": "product categories the customer is most interested in, with shares",
    "last_items": "products the customer bought or looked at most recently",
    "country": "country the customer orders from",
}


class Fact(BaseModel):
    value: Any
    evidence: list[str] = Field(default_factory=list, description="ids of the events that support the value")


class Profile(BaseModel):
    user_id: str
    as_of: datetime = Field(description="timestamp of the last event the profile includes")
    n_events: int
    facts: dict[str, Fact]
    interest_vector: list[float] | None = None

    def fact_value(self, name: str, default: Any = None) -> Any:
        fact = self.facts.get(name)
        return default if fact is None else fact.value

    def describe(self) -> str:
        """A short plain-text description: the profile's document in the store and its summary vector."""
        parts = [f"Customer {self.user_id}."]
        if (country := self.fact_value("country")):
            parts.append(f"Orders from {country}.")
        parts.append(f"{self.fact_value('frequency', 0)} orders, net spend {self.fact_value('monetary', 0.0):.2f}.")
        categories = self.fact_value("top_categories") or []
        if categories:
            shares = ", ".join(f"{c['category']} ({c['share']:.0%})" for c in categories)
            parts.append(f"Interested in {shares}.")
        items = self.fact_value("last_items") or []
        if items:
            parts.append("Recently: " + "; ".join(i["title"] for i in items[:3]) + ".")
        parts.append(f"Last seen {self.fact_value('last_seen')}.")
        return " ".join(parts)


def _order_key(event: Event) -> str:
    for key in ("order_id", "invoice"):
        if key in event.attrs:
            return str(event.attrs[key])
    return event.ts.date().isoformat()


class ProfileBuilder:
    """Turns each user's events into a Profile; embeds product and query texts through the cache."""

    def __init__(self, settings: Settings, embedder: Embedder, products: Mapping[str, Product]) -> None:
        self.settings = settings
        self.embedder = embedder
        self.products = products
        self._item_vectors: dict[str, np.ndarray] = {}
        self._text_vectors: dict[str, np.ndarray] = {}

    def build_many(self, events_by_user: Mapping[str, Sequence[Event]], reference_time: datetime) -> list[Profile]:
        self._embed_items({e.item_id for events in events_by_user.values() for e in events if e.item_id})
        self._embed_texts([e.text for events in events_by_user.values() for e in events if e.type is EventType.search and e.text])
        users = tqdm(events_by_user.items(), desc="profiles", unit="user", disable=not self.settings.show_progress)
        return [self.build(user_id, events, reference_time) for user_id, events in users if events]

    def build(self, user_id: str, events: Sequence[Event], reference_time: datetime) -> Profile:
        ordered = sorted(events, key=lambda e: (e.ts, e.event_id))
        last = ordered[-1]
        facts = {
            "first_seen": Fact(value=ordered[0].ts.date().isoformat(), evidence=[ordered[0].event_id]),
            "last_seen": Fact(value=last.ts.date().isoformat(), evidence=[last.event_id]),
            "recency_days": Fact(value=max(0, (reference_time - last.ts).days), evidence=[last.event_id]),
            **self._money_facts(ordered),
            "top_categories": self._top_categories(ordered),
            "last_items": self._last_items(ordered),
        }
        if (country := self._country(ordered)) is not None:
            facts["country"] = country
        return Profile(
            user_id=user_id,
            as_of=last.ts,
            n_events=len(ordered),
            facts=facts,
            interest_vector=self._interest_vector(ordered),
        )

    def _money_facts(self, events: Sequence[Event]) -> dict[str, Fact]:
        purchases = [e for e in events if e.type is EventType.purchase]
        returns = [e for e in events if e.type is EventType.return_]
        net = sum(e.amount for e in purchases) - sum(e.amount for e in returns)
        return {
            "frequency": Fact(value=len({_order_key(e) for e in purchases}), evidence=[e.event_id for e in purchases]),
            "monetary": Fact(value=round(net, 2), evidence=[e.event_id for e in purchases + returns]),
            "returns": Fact(value=int(sum(e.quantity or 1 for e in returns)), evidence=[e.event_id for e in returns]),
        }

    def _top_categories(self, events: Sequence[Event]) -> Fact:
        weight: Counter[str] = Counter()
        evidence: dict[str, list[str]] = defaultdict(list)
        for event in events:
            product = self.products.get(event.item_id or "")
            if product is None or not product.category or event.type not in INTEREST_WEIGHTS:
                continue
            weight[product.category] += INTEREST_WEIGHTS[event.type]
            evidence[product.category].append(event.event_id)
        total = sum(weight.values())
        top = sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[: self.settings.top_categories]
        return Fact(
            value=[{"category": c, "share": round(w / total, 3)} for c, w in top],
            evidence=[eid for c, _ in top for eid in evidence[c]],
        )

    def _last_items(self, events: Sequence[Event]) -> Fact:
        seen: dict[str, str] = {}
        for event in reversed(events):
            if event.item_id and event.type in (EventType.purchase, EventType.cart, EventType.view) and event.item_id not in seen:
                seen[event.item_id] = event.event_id
                if len(seen) == self.settings.last_items:
                    break
        items = [{"item_id": i, "title": self._title(i)} for i in seen]
        return Fact(value=items, evidence=list(seen.values()))

    def _country(self, events: Sequence[Event]) -> Fact | None:
        tagged = [e for e in events if e.attrs.get("country")]
        if not tagged:
            return None
        country = Counter(str(e.attrs["country"]) for e in tagged).most_common(1)[0][0]
        return Fact(value=country, evidence=[e.event_id for e in tagged if str(e.attrs["country"]) == country])

    def _title(self, item_id: str) -> str:
        product = self.products.get(item_id)
        return product.title if product else f"unknown product {item_id}"

    def _interest_vector(self, events: Sequence[Event]) -> list[float] | None:
        """Time-decayed weighted mean of item and search-query embeddings, relative to the last event."""
        as_of = events[-1].ts
        total = np.zeros(self.embedder.dim, dtype=np.float64)
        weight_sum = 0.0
        for event in events:
            base = INTEREST_WEIGHTS.get(event.type)
            vector = self._event_vector(event) if base else None
            if vector is None:
                continue
            age_days = (as_of - event.ts).total_seconds() / 86400.0
            weight = base * 0.5 ** (age_days / self.settings.decay_half_life_days)
            total += weight * vector
            weight_sum += weight
        if weight_sum == 0.0:
            return None
        norm = np.linalg.norm(total)
        return (total / norm).astype(np.float32).tolist() if norm > 0 else None

    def _event_vector(self, event: Event) -> np.ndarray | None:
        if event.type is EventType.search and event.text:
            self._embed_texts([event.text])
            return self._text_vectors[event.text]
        if event.item_id and event.item_id in self.products:
            self._embed_items({event.item_id})
            return self._item_vectors[event.item_id]
        return None

    def _embed_items(self, item_ids: Iterable[str]) -> None:
        todo = sorted(i for i in item_ids if i not in self._item_vectors and i in self.products)
        if todo:
            vectors = self.embedder.encode([self.products[i].text for i in todo])
            self._item_vectors.update(zip(todo, vectors))

    def _embed_texts(self, texts: Iterable[str]) -> None:
        todo = sorted({t for t in texts if t not in self._text_vectors})
        if todo:
            self._text_vectors.update(zip(todo, self.embedder.encode(todo, show_progress=False)))

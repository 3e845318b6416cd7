"""Profiles: structured facts with evidence, plus an interest vector, built from a user's events.

A profile is a pure function of the user's events, the catalogue and the reference time, so a
rebuild and an incremental update over the same events agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from tqdm.auto import tqdm

from encoders.embedder import Embedder
from encoders.facts import Fact, FactRules, History, compute_facts, fact_descriptions, price_tiers
from encoders.intent_profile import INTENT_FACT_DESCRIPTIONS, intent_facts
from encoders.schema import Event, EventType, Product
from encoders.settings import Settings

__all__ = ["FACT_DESCRIPTIONS", "Fact", "Profile", "ProfileBuilder", "VECTOR_WEIGHTS"]

FACT_DESCRIPTIONS: dict[str, str] = {**fact_descriptions(), **INTENT_FACT_DESCRIPTIONS}

# Weight of each signal in the interest vector: items by event type, and shopper-written texts.
VECTOR_WEIGHTS: dict[str, float] = {
    "view": 0.3,
    "cart": 0.6,
    "purchase": 1.0,
    "review_liked": 0.8,
    "review_disliked": 0.1,
    "search_text": 0.5,
    "review_text": 0.3,
}
# Review text without a rating gets a sentiment score: how much closer it sits to the liked anchors
# than to the disliked ones (mean cosine difference, scaled to about -1..1).
LIKED_ANCHORS = (
    "I love this product, excellent quality, highly recommend.",
    "Great value, works perfectly, very happy with it.",
    "Beautiful and well made, exactly what I wanted.",
)
DISLIKED_ANCHORS = (
    "Terrible product, very disappointed.",
    "It broke quickly, poor quality, waste of money.",
    "Arrived damaged and does not work, I want a refund.",
)
SENTIMENT_SCALE = 5.0


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
        """A plain-text description for people: who the customer is, what they are into, what they
        are browsing and bought lately."""
        parts = [f"Customer {self.user_id}."]
        if (country := self.fact_value("country")):
            parts.append(f"Orders from {country}.")
        stage = self.fact_value("lifecycle_stage")
        parts.append(f"{(stage or 'unknown').capitalize()} customer with {self.fact_value('frequency', 0)} orders, "
                     f"net spend {self.fact_value('monetary', 0.0):.2f}.")
        parts.append(self.summary_text())
        if (brands := self.fact_value("top_brands")):
            parts.append("Brands: " + ", ".join(b["brand"] for b in brands) + ".")
        if (intent := self.fact_value("purchase_intent")):
            parts.append("Browsing " + ", ".join(i["category"] for i in intent) + ".")
        if (items := self.fact_value("last_items")):
            parts.append("Recently: " + "; ".join(i["title"] for i in items[:2]) + ".")
        if (problems := self.fact_value("open_problems")):
            parts.append("Open problems: " + ", ".join(p["intent"].replace("_", " ") for p in problems) + ".")
        parts.append(f"Last seen {self.fact_value('last_seen')}.")
        return " ".join(parts)

    def summary_text(self) -> str:
        """The short description whose embedding is the profile's text vector: the shopper's taste
        (favourite categories, as a set, and price band). Counts, amounts, brands, browsing and
        single recent items are left out on purpose: they change with most events, and every change
        means a new embedding and a second Chroma write; the interest vector already follows them.
        A taste description also recurs across shoppers, so its embedding is usually cached."""
        parts = []
        if (categories := self.fact_value("top_categories")):
            parts.append("Likes " + ", ".join(sorted(c["category"] for c in categories)) + ".")
        if (band := self.fact_value("price_band")):
            parts.append(f"Shops {band}.")
        return " ".join(parts) or "No activity yet."


class ProfileBuilder:
    """Turns each user's events into a Profile; embeds product and shopper texts through the cache."""

    def __init__(
        self, settings: Settings, embedder: Embedder, products: Mapping[str, Product], intent_classifier: Any = None
    ) -> None:
        """``intent_classifier``: an :class:`encoders.intent.IntentClassifier`; with it, every support
        message gets an intent and profiles gain the ``intent_mix`` and ``open_problems`` facts."""
        self.settings = settings
        self.intent_classifier = intent_classifier
        self._intents: dict[str, tuple[str, float]] = {}
        self.embedder = embedder
        self.products = products
        self.rules = FactRules(
            top_n=settings.top_categories,
            last_items=settings.last_items,
            at_risk_days=settings.at_risk_days,
            lapsed_days=settings.lapsed_days,
        )
        self.price_tiers = price_tiers(products)
        self._item_vectors: dict[str, np.ndarray] = {}
        self._text_vectors: dict[str, np.ndarray] = {}
        self._anchors: np.ndarray | None = None

    def build_many(self, events_by_user: Mapping[str, Sequence[Event]], reference_time: datetime) -> list[Profile]:
        everything = [e for events in events_by_user.values() for e in events]
        self._embed_items({e.item_id for e in everything if e.item_id})
        self._embed_texts([e.text for e in everything if e.text and e.type in (EventType.search, EventType.review)])
        self._classify_intents(everything)
        quiet = not self.settings.show_progress or len(events_by_user) < 100
        users = tqdm(events_by_user.items(), desc="profiles", unit="user", disable=quiet)
        return [self.build(user_id, events, reference_time) for user_id, events in users if events]

    def build(self, user_id: str, events: Sequence[Event], reference_time: datetime) -> Profile:
        ordered = sorted(events, key=lambda e: (e.ts, e.event_id))
        self._embed_items({e.item_id for e in ordered if e.item_id})
        self._embed_texts([e.text for e in ordered if e.text and e.type in (EventType.search, EventType.review)])
        history = History(
            user_id=user_id,
            events=ordered,
            products=self.products,
            reference_time=reference_time,
            rules=self.rules,
            price_tiers=self.price_tiers,
            review_text_sentiment=self._review_sentiment(ordered),
        )
        facts = compute_facts(history)
        if self.intent_classifier is not None:
            self._classify_intents(ordered)
            by_event = {e.event_id: self._intents[e.text] for e in ordered if e.type is EventType.support_message and e.text}
            facts.update(intent_facts(ordered, by_event, reference_time=reference_time))
        return Profile(
            user_id=user_id,
            as_of=ordered[-1].ts,
            n_events=len(ordered),
            facts=facts,
            interest_vector=self._interest_vector(ordered),
        )

    def _classify_intents(self, events: Iterable[Event]) -> None:
        if self.intent_classifier is None:
            return
        todo = sorted({e.text for e in events if e.type is EventType.support_message and e.text} - set(self._intents))
        if todo:
            self._intents.update(zip(todo, self.intent_classifier.predict(todo, batch_size=self.settings.intent_batch_size)))

    def _review_sentiment(self, events: Sequence[Event]) -> dict[str, float]:
        scores = {}
        for event in events:
            if event.type is EventType.review and event.rating is None and event.text:
                if self._anchors is None:
                    liked = self.embedder.encode(list(LIKED_ANCHORS), show_progress=False).mean(0)
                    disliked = self.embedder.encode(list(DISLIKED_ANCHORS), show_progress=False).mean(0)
                    self._anchors = liked - disliked
                score = float(self._anchors @ self._text_vectors[event.text]) * SENTIMENT_SCALE
                scores[event.event_id] = float(np.clip(score, -1.0, 1.0))
        return scores

    def _signals(self, event: Event) -> list[tuple[float, np.ndarray]]:
        """(weight, vector) pairs one event adds to the interest vector."""
        signals = []
        if event.type is EventType.search and event.text:
            signals.append((VECTOR_WEIGHTS["search_text"], self._text_vectors[event.text]))
        if event.type is EventType.review and event.text:
            signals.append((VECTOR_WEIGHTS["review_text"], self._text_vectors[event.text]))
        item = self._item_vectors.get(event.item_id or "")
        if item is not None:
            if event.type is EventType.review:
                liked = event.rating is None or event.rating >= 3
                signals.append((VECTOR_WEIGHTS["review_liked" if liked else "review_disliked"], item))
            elif event.type.value in VECTOR_WEIGHTS:
                signals.append((VECTOR_WEIGHTS[event.type.value], item))
        return signals

    def _interest_vector(self, events: Sequence[Event]) -> list[float] | None:
        """Time-decayed weighted mean of item and text embeddings, relative to the last event."""
        as_of = events[-1].ts
        total = np.zeros(self.embedder.dim, dtype=np.float64)
        weight_sum = 0.0
        for event in events:
            decay = 0.5 ** ((as_of - event.ts).total_seconds() / 86400.0 / self.settings.decay_half_life_days)
            for weight, vector in self._signals(event):
                total += weight * decay * vector
                weight_sum += weight * decay
        norm = np.linalg.norm(total)
        if weight_sum == 0.0 or norm == 0.0:
            return None
        return (total / norm).astype(np.float32).tolist()

    def _embed_items(self, item_ids: Iterable[str]) -> None:
        todo = sorted(i for i in item_ids if i not in self._item_vectors and i in self.products)
        if todo:
            vectors = self.embedder.encode([self.products[i].text for i in todo])
            self._item_vectors.update(zip(todo, vectors))

    def _embed_texts(self, texts: Iterable[str]) -> None:
        todo = sorted({t for t in texts if t not in self._text_vectors})
        if todo:
            self._text_vectors.update(zip(todo, self.embedder.encode(todo, show_progress=False)))

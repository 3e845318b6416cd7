"""The profile builder: each user's events become facts with evidence (the registry in facts.py) and
an interest vector.

A profile is a pure function of the user's events, the catalogue and the reference time, so a
rebuild and an incremental update over the same events agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from encoders.data.schema import Event, EventType, Product
from encoders.embedder import Embedder
from encoders.profile.facts import INTEREST_WEIGHTS, FactRules, History, compute_facts, price_tiers
from encoders.profile.model import Profile
from encoders.settings import Settings

# Interest-vector weights beyond INTEREST_WEIGHTS (which weigh items by event type and search texts):
# an item the shopper rated below 3, and the text of a review.
DISLIKED_REVIEW_WEIGHT = 0.1
REVIEW_TEXT_WEIGHT = 0.3
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


class ProfileBuilder:
    """Turns each user's events into a Profile; embeds product and shopper texts through the cache."""

    def __init__(
        self, settings: Settings, embedder: Embedder, products: Mapping[str, Product], intent_classifier: Any = None
    ) -> None:
        """``intent_classifier``: an :class:`encoders.intent.classifier.IntentClassifier`; with it, every support
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
            intents=self._intents_of(ordered),
        )
        # Built from values of the right types, so not validated again (~10 us a profile for the vector alone).
        return Profile.model_construct(
            user_id=user_id,
            as_of=ordered[-1].ts,
            n_events=len(ordered),
            facts=compute_facts(history),
            interest_vector=self._interest_vector(ordered),
        )

    def _intents_of(self, events: Sequence[Event]) -> dict[str, tuple[str, float]] | None:
        """Each support message's intent by event id; None when there is no intent head."""
        if self.intent_classifier is None:
            return None
        self._classify_intents(events)
        return {e.event_id: self._intents[e.text] for e in events if e.type is EventType.support_message and e.text}

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
            signals.append((INTEREST_WEIGHTS[EventType.search], self._text_vectors[event.text]))
        if event.type is EventType.review and event.text:
            signals.append((REVIEW_TEXT_WEIGHT, self._text_vectors[event.text]))
        item = self._item_vectors.get(event.item_id or "")
        if item is not None:
            if event.type is EventType.review:
                liked = event.rating is None or event.rating >= 3
                signals.append((INTEREST_WEIGHTS[EventType.review] if liked else DISLIKED_REVIEW_WEIGHT, item))
            elif event.type in (EventType.view, EventType.cart, EventType.purchase):
                signals.append((INTEREST_WEIGHTS[event.type], item))
        return signals

    def _interest_vector(self, events: Sequence[Event]) -> list[float] | None:
        """Time-decayed weighted mean of item and text embeddings, relative to the last event."""
        as_of = events[-1].ts
        weights: list[float] = []
        vectors: list[np.ndarray] = []
        for event in events:
            signals = self._signals(event)
            if signals:
                decay = 0.5 ** ((as_of - event.ts).total_seconds() / 86400.0 / self.settings.decay_half_life_days)
                for weight, vector in signals:
                    weights.append(weight * decay)
                    vectors.append(vector)
        if not weights or sum(weights) == 0.0:
            return None
        total = np.asarray(weights) @ np.asarray(vectors, dtype=np.float64)  # one product, not a numpy call per event
        norm = np.linalg.norm(total)
        if norm == 0.0:
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

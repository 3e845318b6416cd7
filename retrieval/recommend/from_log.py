"""A home's event log in the recommenders' terms, and the home's fitted recommender: purchases become
interactions, searches become embedded queries, each customer's most common country is their group,
and the catalogue is the log's products with their text vectors."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from encoders.data.schema import Event, EventType, Product
from encoders.embedder import Embedder
from retrieval.recommend.base import Recommender
from retrieval.recommend.data import Catalog, Interaction, Query, Step, UserContext
from retrieval.recommend.registry import create
from retrieval.recommend.splits import leave_last_out

# Below this many held-out next purchases the hybrid's ranker has too little to learn from.
MIN_HELD_OUT_FOR_HYBRID = 20


def catalog_of(products: Iterable[Product], embedder: Embedder) -> Catalog:
    ordered = sorted(products, key=lambda p: p.item_id)
    vectors = embedder.encode([p.text for p in ordered], show_progress=False)
    return Catalog([p.item_id for p in ordered], [p.title for p in ordered], [p.category for p in ordered], vectors)


def interactions_of(events: Iterable[Event]) -> list[Interaction]:
    return [
        Interaction(e.user_id, e.item_id, e.ts.timestamp(), e.event_id)
        for e in events if e.type == EventType.purchase and e.item_id
    ]


def queries_of(events: Sequence[Event], embedder: Embedder) -> list[Query]:
    searches = [e for e in events if e.type == EventType.search and e.text and e.text.strip()]
    vectors = embedder.encode([e.text.strip() for e in searches], show_progress=False) if searches else []
    return [Query(e.user_id, e.text.strip(), e.ts.timestamp(), e.event_id, v) for e, v in zip(searches, vectors)]


def groups_of(events_by_user: dict[str, list[Event]]) -> dict[str, str]:
    """Each customer's most common ``country`` attribute (customers without one have no group)."""
    groups = {}
    for user, events in events_by_user.items():
        countries = Counter(str(e.attrs["country"]) for e in events if e.attrs.get("country"))
        if countries:
            groups[user] = countries.most_common(1)[0][0]
    return groups


def fit_from_log(events_by_user: dict[str, list[Event]], products: Iterable[Product], embedder: Embedder) -> Recommender:
    """Portrait's hybrid fitted on the whole log (its ranker on each customer's last purchase, held
    out first); item-kNN when too few customers have a next purchase to learn the ranker from."""
    events = [e for user_events in events_by_user.values() for e in user_events]
    interactions = interactions_of(events)
    catalog = catalog_of(products, embedder)
    queries = queries_of(events, embedder)
    groups = groups_of(events_by_user)
    _train, held = leave_last_out([i for i in interactions if i.item_id in catalog.index])
    name = "hybrid" if len(held) >= MIN_HELD_OUT_FOR_HYBRID else "itemknn"
    return create(name).fit_all(interactions, catalog, queries, groups)


def live_context(model: Recommender, user_id: str, events: Sequence[Event], embedder: Embedder, group: str = "") -> UserContext:
    """A customer's context from their events as they are now (events after the fit included;
    items the model's catalogue does not know are left out)."""
    index = model.fitted.catalog.index
    history = [Step(index[e.item_id], e.ts.timestamp(), e.event_id) for e in events if e.type == EventType.purchase and e.item_id in index]
    history.sort(key=lambda s: s.ts)
    return UserContext(user_id, history, queries_of(list(events), embedder), group)


def load_or_none(path: Path) -> Recommender | None:
    """The saved recommender, or None when there is none or it was fitted by an older version (the
    home then refits it from the log)."""
    if not path.exists():
        return None
    model = Recommender.load(path)
    if not model.is_current():
        logging.getLogger(__name__).warning("%s was fitted by an older version of Portrait; refitting it from the event log", path)
        return None
    return model

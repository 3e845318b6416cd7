"""Exact answers about one customer, computed from the event log (never by a model).

Each answer is a :class:`Finding`: a value, its readable text and the ids of the events it rests on.
Orders and net spend are keyed ``frequency`` and ``monetary``, the profile registry's names for them.
The meanings staff rely on (documented in the README):

- orders: distinct ``order_id`` of purchase events (a purchase without one is its own order), returned or not;
- net spend: price x quantity of purchases minus price x quantity of returns, rounded to 2 decimals;
- country: the most common country over their orders (ties: the most recent order's);
- last purchase: UTC date of the newest purchase, and the title of the product it bought;
- returns: the number of return events;
- latest review: the rating of the newest review;
- support: the number of support messages and the newest one's text;
- most-bought category: the category with the most purchased units; every tied category is named;
- last search: the text of the newest search.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from encoders.data.schema import Event, EventType, Product


@dataclass(frozen=True)
class Finding:
    """One exact fact about a customer: the value, how it reads, the events behind it."""

    key: str
    value: Any
    text: str
    evidence: list[str] = field(default_factory=list)


def _date(ts: datetime) -> str:
    return ts.date().isoformat()


def _order_id(event: Event) -> str:
    return str(event.attrs.get("order_id") or f"event:{event.event_id}")


def _money(value: float) -> str:
    return f"{value:.2f}"


def _of(events: Sequence[Event], kind: EventType) -> list[Event]:
    return [e for e in events if e.type is kind]


def _title(products: Mapping[str, Product], item_id: str | None) -> str:
    product = products.get(item_id or "")
    return product.title if product else (item_id or "an unknown item")


def orders(events: Sequence[Event]) -> Finding:
    purchases = _of(events, EventType.purchase)
    count = len({_order_id(e) for e in purchases})
    return Finding("frequency", count, str(count), [e.event_id for e in purchases])


def net_spend(events: Sequence[Event]) -> Finding:
    moved = [e for e in events if e.type in (EventType.purchase, EventType.return_)]
    total = sum(e.amount if e.type is EventType.purchase else -e.amount for e in moved)
    total = round(total + 0.0, 2)
    return Finding("monetary", total, _money(total), [e.event_id for e in moved])


def country(events: Sequence[Event]) -> Finding | None:
    per_order: dict[str, tuple[str, datetime, str]] = {}
    for event in _of(events, EventType.purchase):
        if event.attrs.get("country"):
            per_order[_order_id(event)] = (str(event.attrs["country"]), event.ts, event.event_id)
    if not per_order:
        return None
    counts = Counter(c for c, _, _ in per_order.values())
    best = max(counts.values())
    latest = max((ts, c) for c, ts, _ in per_order.values() if counts[c] == best)[1]
    evidence = [eid for c, _, eid in per_order.values() if c == latest]
    return Finding("country", latest, latest, evidence)


def last_purchase(events: Sequence[Event], products: Mapping[str, Product]) -> tuple[Finding, Finding] | None:
    purchases = _of(events, EventType.purchase)
    if not purchases:
        return None
    newest = purchases[-1]  # events come in time order, ties by event id
    title = _title(products, newest.item_id)
    return (
        Finding("last_purchase_date", _date(newest.ts), _date(newest.ts), [newest.event_id]),
        Finding("last_product", title, title, [newest.event_id]),
    )


def returns(events: Sequence[Event]) -> Finding:
    found = _of(events, EventType.return_)
    return Finding("returns", len(found), str(len(found)), [e.event_id for e in found])


def latest_review(events: Sequence[Event], products: Mapping[str, Product]) -> Finding | None:
    reviews = _of(events, EventType.review)
    if not reviews:
        return None
    newest = reviews[-1]
    rating = None if newest.rating is None else round(float(newest.rating), 1)
    text = "no rating" if rating is None else f"{rating:g}"
    return Finding("latest_review", rating, text, [newest.event_id])


def support(events: Sequence[Event]) -> tuple[Finding, Finding | None]:
    messages = _of(events, EventType.support_message)
    count = Finding("support_messages", len(messages), str(len(messages)), [e.event_id for e in messages])
    if not messages:
        return count, None
    newest = messages[-1]
    text = " ".join((newest.text or "").split())
    return count, Finding("latest_support", text, text, [newest.event_id])


def top_bought_categories(events: Sequence[Event], products: Mapping[str, Product]) -> Finding | None:
    units: Counter[str] = Counter()
    evidence: dict[str, list[str]] = {}
    for event in _of(events, EventType.purchase):
        product = products.get(event.item_id or "")
        if product is None or not product.category:
            continue
        units[product.category] += event.quantity or 1.0
        evidence.setdefault(product.category, []).append(event.event_id)
    if not units:
        return None
    best = max(units.values())
    tied = sorted(c for c, n in units.items() if n == best)
    return Finding("top_bought_categories", tied, " and ".join(tied), [eid for c in tied for eid in evidence[c]])


def last_search(events: Sequence[Event]) -> Finding | None:
    searches = _of(events, EventType.search)
    if not searches:
        return None
    newest = searches[-1]
    text = " ".join((newest.text or "").split())
    return Finding("last_search", text, text, [newest.event_id])


def activity_span(events: Sequence[Event]) -> tuple[Finding, Finding]:
    return (
        Finding("first_seen", _date(events[0].ts), _date(events[0].ts), [events[0].event_id]),
        Finding("last_seen", _date(events[-1].ts), _date(events[-1].ts), [events[-1].event_id]),
    )


def customer_findings(events: Sequence[Event], products: Mapping[str, Product]) -> dict[str, Finding]:
    """Every exact finding for one customer's time-ordered events, by key (absent when the data has none)."""
    if not events:
        return {}
    found: list[Finding | None] = [orders(events), net_spend(events), country(events), returns(events)]
    found += list(last_purchase(events, products) or ())
    found += [latest_review(events, products), *support(events), top_bought_categories(events, products), last_search(events)]
    found += list(activity_span(events))
    found.append(Finding("events", len(events), str(len(events)), []))
    return {f.key: f for f in found if f is not None}


def timeline(
    events: Sequence[Event],
    products: Mapping[str, Product],
    types: Sequence[EventType] = (),
    since: datetime | None = None,
    until: datetime | None = None,
    category: str | None = None,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """A customer's events, newest first, filtered by type, time window and product category."""
    rows = []
    for event in reversed(events):
        product = products.get(event.item_id or "")
        if types and event.type not in types:
            continue
        if (since and event.ts < since) or (until and event.ts > until):
            continue
        if category and (product is None or product.category.lower() != category.lower()):
            continue
        rows.append({
            "event_id": event.event_id, "date": _date(event.ts), "type": event.type.value,
            "item": product.title if product else event.item_id, "category": product.category if product else None,
            "text": event.text, "quantity": event.quantity, "price": event.price, "rating": event.rating,
        })
        if len(rows) >= limit:
            break
    return rows

"""A generated stream of Tracking API calls for the collector's tests and benchmark, and an independent
pandas reference of who each event belongs to after identity stitching.

The stream has what real shops send: anonymous browsing that later signs in (``identify`` with both ids,
or ``alias``), logged-in shopping, shoppers who never sign in, shared devices (one anonymous id, two
userIds), junk ids (``null``, ``anonymous``, ``0``, ``-1``, empty), an alias between two userIds (must never
merge), and one shopper with more devices in a week than the limit. Calls are (method, kwargs) pairs for
the Segment / RudderStack Python clients (``client.track(**kwargs)``...), in the order they are sent.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

import pandas as pd

JUNK_IDS = ("null", "anonymous", "0", "-1", "")
CATEGORIES = ("Kitchen", "Garden", "Toys", "Books", "Audio")
WEEK = timedelta(days=7)


@dataclass
class Stream:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    """(client method, keyword arguments) in sending order; every call has a ``message_id``."""

    def add(self, method: str, **kwargs: Any) -> None:
        kwargs.setdefault("message_id", str(uuid.UUID(int=random.getrandbits(128))))
        self.calls.append((method, kwargs))


def _product(rng: random.Random) -> dict[str, Any]:
    n = rng.randrange(60)
    return {"product_id": f"P{n:03d}", "name": f"Product {n}", "category": CATEGORIES[n % len(CATEGORIES)],
            "brand": f"Brand {n % 7}", "price": round(5 + n * 1.5, 2)}


def session_stream(seed: int = 3, users: int = 40, anonymous_only: int = 15, start: datetime | None = None,
                   max_anonymous_per_week: int = 10) -> Stream:
    """A deterministic stream (random.seed drives the messageIds too)."""
    rng = random.Random(seed)
    random.seed(seed)
    stream = Stream()
    clock = start or datetime.now(timezone.utc) - timedelta(days=20)

    def tick() -> datetime:
        nonlocal clock
        clock += timedelta(minutes=rng.randrange(1, 30))
        return clock

    def browse(ids: dict[str, str], n: int) -> None:
        for _ in range(n):
            kind = rng.random()
            if kind < 0.5:
                stream.add("track", event="Product Viewed", properties=_product(rng), timestamp=tick(), **ids)
            elif kind < 0.7:
                stream.add("track", event="Products Searched", properties={"query": rng.choice(["mug", "lamp", "novel", "speaker"])},
                           timestamp=tick(), **ids)
            elif kind < 0.85:
                stream.add("track", event="Product Added", properties={**_product(rng), "quantity": 1}, timestamp=tick(), **ids)
            elif kind < 0.93:
                stream.add("page", name="Home", timestamp=tick(), **ids)
            else:
                stream.add("track", event="Newsletter Opened", timestamp=tick(), **ids)

    for u in range(users):
        user = f"U{u:03d}"
        devices = [f"dev-{u:03d}-{d}" for d in range(rng.randint(1, 3))]
        for device in devices:
            browse({"anonymous_id": device}, rng.randint(1, 4))
            if rng.random() < 0.5:
                stream.add("identify", user_id=user, anonymous_id=device, traits={"country": rng.choice(["DE", "FR", "UK"]),
                           "email": f"{user.lower()}@example.com"}, timestamp=tick())
            else:
                stream.add("alias", previous_id=device, user_id=user, timestamp=tick())
            browse({"user_id": user, "anonymous_id": device}, rng.randint(1, 3))
            stream.add("track", event="Order Completed", user_id=user, anonymous_id=device, timestamp=tick(),
                       properties={"order_id": f"O-{user}-{device}", "currency": "EUR", "products": [
                           {**_product(rng), "quantity": rng.randint(1, 3)} for _ in range(rng.randint(1, 3))]})
        if u % 5 == 1:  # a shared device: the next shopper signs in on this one's device
            other = f"U{(u + 1) % users:03d}"
            stream.add("identify", user_id=other, anonymous_id=devices[0], timestamp=tick())
            browse({"user_id": other, "anonymous_id": devices[0]}, 1)
            browse({"anonymous_id": devices[0]}, 1)  # logged out again: stays with the first shopper
        if u % 7 == 2:  # junk ids beside a real one
            stream.add("track", event="Product Viewed", user_id=user, anonymous_id=rng.choice(JUNK_IDS),
                       properties=_product(rng), timestamp=tick())
            stream.add("track", event="Product Viewed", user_id=rng.choice(JUNK_IDS), anonymous_id=devices[0],
                       properties=_product(rng), timestamp=tick())
            stream.add("identify", user_id=rng.choice(JUNK_IDS[1:]), anonymous_id=f"junk-{u}", timestamp=tick())
        if u % 9 == 4 and u > 0:  # an alias between two userIds: never merged
            stream.add("alias", previous_id=f"U{u - 1:03d}", user_id=user, timestamp=tick())
    for a in range(anonymous_only):
        browse({"anonymous_id": f"anon-only-{a}"}, rng.randint(1, 5))
    many = f"U{users:03d}"  # more devices in one week than the limit
    for d in range(max_anonymous_per_week + 3):
        device = f"dev-many-{d}"
        browse({"anonymous_id": device}, 1)
        stream.add("identify", user_id=many, anonymous_id=device, timestamp=tick())
    return stream


def reference_owners(stream: Stream, blocked: tuple[str, ...] = JUNK_IDS, max_anonymous_per_week: int = 10) -> pd.DataFrame:
    """Who each behavioural track belongs to after stitching, computed with pandas apart from the
    collector's code: one row per (message_id, owner) for tracks of the e-commerce spec."""
    rows = []
    for method, kw in stream.calls:
        rows.append({"method": method, "message_id": kw["message_id"], "ts": kw["timestamp"],
                     "user": _clean(kw.get("user_id"), blocked), "anon": _clean(kw.get("anonymous_id"), blocked),
                     "previous": _clean(kw.get("previous_id"), blocked), "event": kw.get("event")})
    frame = pd.DataFrame(rows)
    for column in ("user", "anon", "previous", "event"):
        frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    links: dict[str, tuple[str, datetime]] = {}
    users: set[str] = set()
    for row in frame.itertuples():
        if row.user is None and row.anon is None:
            continue  # rejected
        if row.method == "alias" and row.previous and row.user and row.previous != row.user:
            users.add(row.user)
            if row.previous not in users:
                _link(links, row.previous, row.user, row.ts, max_anonymous_per_week)
            continue
        if row.user:
            users.add(row.user)
            if row.anon:
                _link(links, row.anon, row.user, row.ts, max_anonymous_per_week)
    spec = frame[(frame.method == "track") & frame.event.isin(["Product Viewed", "Products Searched", "Product Added", "Order Completed"])]
    spec = spec[spec.user.notna() | spec.anon.notna()].copy()
    owner_of_anon = {a: u for a, (u, _) in links.items()}
    spec["owner"] = [u if u else owner_of_anon.get(a, f"anon:{a}") for u, a in zip(spec.user, spec.anon, strict=True)]
    return spec[["message_id", "owner", "user", "anon"]].reset_index(drop=True)


def _link(links: dict[str, tuple[str, datetime]], anon: str, user: str, ts: datetime, limit: int) -> None:
    if anon in links:
        return  # first userId wins; a second one is refused
    recent = sum(1 for u, t in links.values() if u == user and ts - WEEK < t <= ts)
    if recent < limit:
        links[anon] = (user, ts)


def _clean(value: Any, blocked: tuple[str, ...]) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return None if text.lower() in blocked else text


def send(client: Any, stream: Stream) -> None:
    """Replay the stream through a Segment or RudderStack client (their own batching and retries)."""
    for method, kwargs in stream.calls:
        getattr(client, method)(**kwargs)

"""Identity stitching: an ``anonymousId`` and a ``userId`` seen together join one customer.

Shoppers browse anonymously before they sign in. An anonymous id is a customer of its own
(``anon:<anonymousId>``) until a message joins it to a ``userId`` (an ``identify``, an ``alias`` whose
``previousId`` is not a known userId, or any message carrying both ids); then its events move to the
known customer, whose profile is rebuilt, and the anonymous profile goes. The rules, in the order they
are checked, each refusal logged with its reason:

1. junk ids (``null``, ``anonymous``, ``0``, ``-1``, empty...: ``settings.identity_blocked_ids``) never
   reach this module (the adapter drops them);
2. a ``userId`` never merges with another ``userId`` (an alias between two known userIds is refused);
3. an anonymous id belongs to the first userId it was seen with: on a shared device a second userId's
   messages carrying it go to that userId as given, and later anonymous-only messages stay with the first;
4. a pair that was split (``portrait identity split``) is not joined again;
5. a customer absorbs at most ``identity_max_anonymous_per_week`` anonymous ids within 7 days of the
   message's time; past it, new anonymous ids stay separate customers.

Every decision is a row of the edge log (``identity_edges``), so a merge can be undone
(:func:`split`) and read back (``portrait identity show``). The tables live in the event log's
SQLite file, and every function here runs inside the caller's transaction, so a stitch and the
messages that caused it are stored together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from encoders.data.adapters.segment import ANONYMOUS_PREFIX
from encoders.profile.model import Fact, Profile

SCHEMA = """
CREATE TABLE IF NOT EXISTS identity_users (user_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS identity_links (
    anonymous_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    ts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS identity_links_user ON identity_links (user_id, ts);
CREATE TABLE IF NOT EXISTS identity_edges (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    anonymous_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    message_id TEXT,
    ts TEXT NOT NULL,
    outcome TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS identity_edges_user ON identity_edges (user_id);
CREATE INDEX IF NOT EXISTS identity_edges_anon ON identity_edges (anonymous_id);
CREATE TABLE IF NOT EXISTS identity_traits (
    customer_id TEXT PRIMARY KEY,
    country TEXT NOT NULL,
    message_id TEXT NOT NULL,
    ts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS intake_touch (user_id TEXT PRIMARY KEY, seq INTEGER NOT NULL);
"""
WEEK = timedelta(days=7)
MERGED, REFUSED, SPLIT = "merged", "refused", "split"


class IdentityError(LookupError):
    """A split or look-up names an id the edge log does not know."""


@dataclass(frozen=True)
class Rules:
    max_anonymous_per_week: int = 10


def anonymous_customer(anonymous_id: str) -> str:
    return f"{ANONYMOUS_PREFIX}{anonymous_id}"


def ensure_schema(db: sqlite3.Connection) -> None:
    db.executescript(SCHEMA)


def touch(db: sqlite3.Connection, user_ids: Sequence[str], seq: int) -> None:
    """Mark customers pending (their profile is older than their events) and remember at which intake
    sequence, so the profile applier clears only marks it has seen (see retrieval/live.py)."""
    rows = [(u,) for u in dict.fromkeys(user_ids)]
    db.executemany("INSERT OR IGNORE INTO pending (user_id) VALUES (?)", rows)
    db.executemany("INSERT INTO intake_touch (user_id, seq) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET seq = excluded.seq",
                   [(u, seq) for (u,) in rows])


def linked_user(db: sqlite3.Connection, anonymous_id: str) -> str | None:
    row = db.execute("SELECT user_id FROM identity_links WHERE anonymous_id = ?", (anonymous_id,)).fetchone()
    return row[0] if row else None


def customer_of(db: sqlite3.Connection, user_id: str | None, anonymous_id: str | None) -> str:
    """Whose events these are: the userId when given, else the userId the anonymous id is joined to,
    else the anonymous customer."""
    if user_id:
        return user_id
    assert anonymous_id is not None
    return linked_user(db, anonymous_id) or anonymous_customer(anonymous_id)


def note_user(db: sqlite3.Connection, user_id: str) -> None:
    db.execute("INSERT OR IGNORE INTO identity_users (user_id) VALUES (?)", (user_id,))


def is_user(db: sqlite3.Connection, user_id: str) -> bool:
    return db.execute("SELECT 1 FROM identity_users WHERE user_id = ?", (user_id,)).fetchone() is not None


def _edge(db: sqlite3.Connection, anonymous_id: str, user_id: str, message_id: str | None, ts: datetime,
          outcome: str, reason: str = "") -> None:
    db.execute("INSERT INTO identity_edges (anonymous_id, user_id, message_id, ts, outcome, reason) VALUES (?, ?, ?, ?, ?, ?)",
               (anonymous_id, user_id, message_id, ts.isoformat(), outcome, reason))


def _move_events(db: sqlite3.Connection, source: str, target: str, anonymous_id: str | None = None) -> int:
    """Re-own events (the body carries the customer id too); with ``anonymous_id``, only the events that
    came in under that anonymous id alone (what a split gives back)."""
    query = "UPDATE events SET user_id = ?, body = json_set(body, '$.user_id', ?) WHERE user_id = ?"
    params: tuple[Any, ...] = (target, target, source)
    if anonymous_id is not None:
        query += " AND json_extract(body, '$.attrs.anonymous_id') = ?"
        params += (anonymous_id,)
    return db.execute(query, params).rowcount


def link(db: sqlite3.Connection, anonymous_id: str, user_id: str, message_id: str | None, ts: datetime,
         rules: Rules, seq: int) -> str:
    """Join an anonymous id to a userId under the guard rails; returns the edge's outcome."""
    current = linked_user(db, anonymous_id)
    if current == user_id:
        return MERGED
    if current is not None:
        _edge(db, anonymous_id, user_id, message_id, ts, REFUSED, f"anonymous id already joined to {current}")
        return REFUSED
    if db.execute("SELECT 1 FROM identity_edges WHERE anonymous_id = ? AND user_id = ? AND outcome = ?",
                  (anonymous_id, user_id, SPLIT)).fetchone():
        _edge(db, anonymous_id, user_id, message_id, ts, REFUSED, "split earlier")
        return REFUSED
    recent = db.execute("SELECT COUNT(*) FROM identity_links WHERE user_id = ? AND ts > ? AND ts <= ?",
                        (user_id, (ts - WEEK).isoformat(), ts.isoformat())).fetchone()[0]
    if recent >= rules.max_anonymous_per_week:
        _edge(db, anonymous_id, user_id, message_id, ts, REFUSED,
              f"weekly limit: {recent} anonymous ids joined to {user_id} in the 7 days before")
        return REFUSED
    db.execute("INSERT INTO identity_links (anonymous_id, user_id, message_id, ts) VALUES (?, ?, ?, ?)",
               (anonymous_id, user_id, message_id or "", ts.isoformat()))
    _edge(db, anonymous_id, user_id, message_id, ts, MERGED)
    anonymous = anonymous_customer(anonymous_id)
    _move_events(db, anonymous, user_id)
    _move_trait(db, anonymous, user_id)
    touch(db, [user_id, anonymous], seq)
    return MERGED


def refuse(db: sqlite3.Connection, anonymous_id: str, user_id: str, message_id: str | None, ts: datetime, reason: str) -> None:
    _edge(db, anonymous_id, user_id, message_id, ts, REFUSED, reason)


def _move_trait(db: sqlite3.Connection, source: str, target: str) -> None:
    """The anonymous customer's declared country goes with them unless the known customer has a newer one."""
    row = db.execute("SELECT country, message_id, ts FROM identity_traits WHERE customer_id = ?", (source,)).fetchone()
    if row is None:
        return
    db.execute("DELETE FROM identity_traits WHERE customer_id = ?", (source,))
    set_country(db, target, row[0], row[1], datetime.fromisoformat(row[2]))


def set_country(db: sqlite3.Connection, customer_id: str, country: str, message_id: str, ts: datetime) -> None:
    """An identify's country trait: the newest one (by the message's time) is the customer's."""
    db.execute(
        "INSERT INTO identity_traits (customer_id, country, message_id, ts) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(customer_id) DO UPDATE SET country = excluded.country, message_id = excluded.message_id, ts = excluded.ts "
        "WHERE excluded.ts >= identity_traits.ts",
        (customer_id, country, message_id, ts.isoformat()),
    )


def split(db: sqlite3.Connection, anonymous_id: str, seq: int) -> str:
    """Undo a merge: the events that came in under the anonymous id alone go back to its own customer,
    and the pair is not joined again. Returns the userId it was joined to."""
    user_id = linked_user(db, anonymous_id)
    if user_id is None:
        raise IdentityError(f"anonymous id {anonymous_id!r} is not joined to any customer")
    db.execute("DELETE FROM identity_links WHERE anonymous_id = ?", (anonymous_id,))
    _edge(db, anonymous_id, user_id, None, datetime.now().astimezone(), SPLIT, "portrait identity split")
    anonymous = anonymous_customer(anonymous_id)
    _move_events(db, user_id, anonymous, anonymous_id)
    touch(db, [user_id, anonymous], seq)
    return user_id


def linked_ids(db: sqlite3.Connection, user_id: str) -> list[str]:
    """The anonymous ids now joined to a customer."""
    return [r[0] for r in db.execute("SELECT anonymous_id FROM identity_links WHERE user_id = ? ORDER BY anonymous_id", (user_id,))]


def edges(db: sqlite3.Connection, some_id: str) -> list[dict[str, Any]]:
    """The edge log of an id (a userId, an anonymous id, or an ``anon:`` customer id), oldest first."""
    anonymous = some_id.removeprefix(ANONYMOUS_PREFIX)
    rows = db.execute("SELECT seq, anonymous_id, user_id, message_id, ts, outcome, reason FROM identity_edges "
                      "WHERE user_id = ? OR anonymous_id = ? ORDER BY seq", (some_id, anonymous))
    keys = ("seq", "anonymous_id", "user_id", "message_id", "ts", "outcome", "reason")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def erase(db: sqlite3.Connection, user_id: str) -> list[str]:
    """Forget a customer's identity rows (links, edges, traits, the userId) and return the anonymous
    ids they had, whose own records the caller erases too."""
    anonymous_ids = linked_ids(db, user_id)
    customers = [user_id, *(anonymous_customer(a) for a in anonymous_ids)]
    db.execute("DELETE FROM identity_links WHERE user_id = ?", (user_id,))
    db.execute("DELETE FROM identity_edges WHERE user_id = ?", (user_id,))
    db.execute("DELETE FROM identity_users WHERE user_id = ?", (user_id,))
    db.executemany("DELETE FROM identity_edges WHERE anonymous_id = ?", [(a,) for a in anonymous_ids])
    db.executemany("DELETE FROM identity_traits WHERE customer_id = ?", [(c,) for c in customers])
    db.executemany("DELETE FROM intake_touch WHERE user_id = ?", [(c,) for c in customers])
    return anonymous_ids


class IdentityFacts:
    """Adds what stitching knows to built profiles: the ``merged_ids`` fact (the anonymous ids joined to the
    customer, with the stitching messages' ids as evidence) and an identify's ``country``. Applied in every
    build, so an incremental update and a rebuild agree."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._db: sqlite3.Connection | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._db is None:
            self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
            ensure_schema(self._db)
        return self._db

    def decorate(self, profiles: list[Profile]) -> list[Profile]:
        if not profiles:
            return profiles
        db = self._connection()
        links: dict[str, list[tuple[str, str]]] = {}
        traits: dict[str, tuple[str, str]] = {}
        ids = [p.user_id for p in profiles]
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            marks = ",".join("?" * len(chunk))
            for anonymous_id, user_id, message_id in db.execute(
                    f"SELECT anonymous_id, user_id, message_id FROM identity_links WHERE user_id IN ({marks}) "
                    "ORDER BY anonymous_id", chunk):
                links.setdefault(user_id, []).append((anonymous_id, message_id))
            traits.update((c, (country, m)) for c, country, m in db.execute(
                f"SELECT customer_id, country, message_id FROM identity_traits WHERE customer_id IN ({marks})", chunk))
        out = []
        for profile in profiles:
            facts = dict(profile.facts)
            if profile.user_id in links:
                joined = links[profile.user_id]
                facts["merged_ids"] = Fact(value=[a for a, _ in joined], evidence=sorted({m for _, m in joined if m}))
            if profile.user_id in traits:
                country, message_id = traits[profile.user_id]
                facts["country"] = Fact(value=country, evidence=[message_id])
            out.append(profile.model_copy(update={"facts": facts}) if facts != profile.facts else profile)
        return out

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

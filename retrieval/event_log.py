"""The event log: every accepted event and product, in SQLite, deduplicated by id.

Profiles are derived from it, so it is the source of truth for rebuilds and evidence look-ups.
"""

from __future__ import annotations

import sqlite3
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from pathlib import Path

from encoders.data.schema import Event, EventType, Product

_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    event_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_user ON events (user_id, ts);
CREATE INDEX IF NOT EXISTS events_ts ON events (ts);
CREATE TABLE IF NOT EXISTS pending (user_id TEXT PRIMARY KEY);
CREATE TABLE IF NOT EXISTS products (
    item_id TEXT PRIMARY KEY,
    body TEXT NOT NULL
);
"""


def _decode(body: str) -> Event:
    """Rows were validated on the way in, so they are rebuilt without validating again (~3x faster
    on a 400k-event rebuild)."""
    data = json.loads(body)
    data["ts"] = datetime.fromisoformat(data["ts"])
    data["type"] = EventType(data["type"])
    return Event.model_construct(**data)


class EventLog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path, check_same_thread=False)
        # WAL with NORMAL sync: commits survive a crash of the process, and a commit costs no fsync.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA secure_delete=ON")  # erased events are overwritten, not left in free pages
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def add_events(self, events: Iterable[Event]) -> list[Event]:
        """Store events whose id is new; returns just those (a known event id changes nothing).

        In the same transaction their customers are marked pending: their stored profile is older than
        their events until a profile write clears the mark, so a crash between the two is repaired by
        the next update instead of leaving a stale profile behind."""
        fresh: dict[str, Event] = {}
        for event in events:
            fresh.setdefault(event.event_id, event)
        for known in self._existing_ids(list(fresh)):
            del fresh[known]
        with self._db:
            self._db.executemany(
                "INSERT INTO events (event_id, user_id, ts, body) VALUES (?, ?, ?, ?)",
                ((e.event_id, e.user_id, e.ts.isoformat(), e.model_dump_json()) for e in fresh.values()),
            )
            self._db.executemany("INSERT OR IGNORE INTO pending (user_id) VALUES (?)", ((u,) for u in {e.user_id for e in fresh.values()}))
        return list(fresh.values())

    def pending_users(self) -> list[str]:
        """Customers with events newer than their stored profile."""
        return [row[0] for row in self._db.execute("SELECT user_id FROM pending ORDER BY user_id")]

    def clear_pending(self, user_ids: Sequence[str] | None = None) -> None:
        """Their profiles are written: all customers', or just these."""
        with self._db:
            if user_ids is None:
                self._db.execute("DELETE FROM pending")
            else:
                self._db.executemany("DELETE FROM pending WHERE user_id = ?", ((u,) for u in user_ids))

    def conflicting(self, events: Sequence[Event]) -> list[Event]:
        """Events whose id is already stored with other content (a re-import of the same id that
        changed: it is not applied, so the caller reports it)."""
        by_id = {e.event_id: e for e in events}
        stored = self._select_in("SELECT event_id, body FROM events WHERE event_id IN ({})", list(by_id))
        return [by_id[eid] for eid, body in stored if _decode(body) != by_id[eid]]

    def _existing_ids(self, event_ids: Sequence[str]) -> set[str]:
        return {row[0] for row in self._select_in("SELECT event_id FROM events WHERE event_id IN ({})", event_ids)}

    def add_products(self, products: Iterable[Product]) -> int:
        rows = [(p.item_id, p.model_dump_json()) for p in products]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO products (item_id, body) VALUES (?, ?)", rows)
        return len(rows)

    def events_by_user(self, user_ids: Sequence[str] | None = None,
                       decoded: dict[str, Event] | None = None) -> dict[str, list[Event]]:
        """Events grouped by user, each list in time order (ties broken by event id). ``decoded``: events
        already decoded, keyed by their stored row (a changed row, e.g. one moved by identity stitching,
        is another key), used and filled: a caller rebuilding the same customers again and again (the
        collector's applier) decodes each row once."""
        grouped: dict[str, list[Event]] = defaultdict(list)
        for user_id, body in self._select_events(user_ids):
            event = decoded.get(body) if decoded is not None else None
            if event is None:
                event = _decode(body)
                if decoded is not None:
                    decoded[body] = event
            grouped[user_id].append(event)
        return dict(grouped)

    def _select_events(self, user_ids: Sequence[str] | None) -> Iterable[tuple[str, str]]:
        order = "ORDER BY user_id, ts, event_id"
        if user_ids is None:
            yield from self._db.execute(f"SELECT user_id, body FROM events {order}")
            return
        yield from self._select_in("SELECT user_id, body FROM events WHERE user_id IN ({}) " + order, user_ids)

    def _select_in(self, query: str, keys: Sequence[str]) -> Iterable[tuple[str, ...]]:
        """Rows of `query` (with one `{}` for the placeholders) for keys, in chunks SQLite accepts."""
        unique = list(dict.fromkeys(keys))
        for start in range(0, len(unique), 900):
            chunk = unique[start : start + 900]
            yield from self._db.execute(query.format(",".join("?" * len(chunk))), chunk)

    def events_by_id(self, event_ids: Sequence[str]) -> dict[str, Event]:
        return {eid: _decode(body) for eid, body in self._select_in("SELECT event_id, body FROM events WHERE event_id IN ({})", event_ids)}

    def products(self) -> dict[str, Product]:
        return {item_id: Product.model_validate_json(body) for item_id, body in self._db.execute("SELECT item_id, body FROM products")}

    def user_ids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT DISTINCT user_id FROM events ORDER BY user_id")]

    def erase_user(self, user_id: str) -> list[Event]:
        """Delete every event of one customer (erasure); returns them, so caches of their texts can go too."""
        events = self.events_by_user([user_id]).get(user_id, [])
        with self._db:
            self._db.execute("DELETE FROM events WHERE user_id = ?", (user_id,))
            self._db.execute("DELETE FROM pending WHERE user_id = ?", (user_id,))
        self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return events

    def count_events(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM events").fetchone()[0])

    def data_clock(self, support_days: float = 7.0, scan: int = 2000) -> str | None:
        """The data's own "now": the newest event time that another customer's activity backs up,
        i.e. the newest event with an event of a different customer at most ``support_days``
        before it. One row (a mistyped year, a bot) cannot move it; a shop with one customer uses
        their newest event. Reads only the newest ``scan`` events through the ts index."""
        for limit in (64, scan):  # the newest few events almost always settle it
            rows = self._db.execute("SELECT ts, user_id FROM events ORDER BY ts DESC LIMIT ?", (limit,)).fetchall()
            if not rows:
                return None
            stamps = [datetime.fromisoformat(ts) for ts, _ in rows]
            for i, (ts, user_id) in enumerate(rows):
                for j in range(i + 1, len(rows)):
                    if stamps[i] - stamps[j] > timedelta(days=support_days):
                        break
                    if rows[j][1] != user_id:
                        return ts
            if len(rows) < limit:
                break
        return rows[0][0]

    def latest_ts(self) -> str | None:
        return self._db.execute("SELECT MAX(ts) FROM events").fetchone()[0]

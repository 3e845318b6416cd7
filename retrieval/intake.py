"""The collector's durable write: a request's messages, their events, products, identity edges and pending
marks go into the event log's SQLite file in ONE transaction, before the collector answers 200.

So an acknowledged message survives the collector being killed at any moment (WAL: a committed
transaction is in the file even when the process dies right after), and a client retrying a message it
never got an answer for is stored once: the raw log (``intake_messages``) is keyed by ``messageId``.
The raw log keeps every accepted message (contact fields redacted), mapped or not, until the customer
is erased, so messageIds are remembered for as long as the messages (far longer than the 7 days clients
retry within).

One writer at a time (a lock): SQLite allows one anyway, and the count of requests waiting for it is how
the collector knows it is behind (429).
"""

from __future__ import annotations

import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson

from encoders.data.adapters.segment import ANONYMOUS_PREFIX, Translated
from encoders.settings import Settings
from retrieval import identity
from retrieval.event_log import EventLog

SCHEMA = """
CREATE TABLE IF NOT EXISTS intake_messages (
    message_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    mapped INTEGER NOT NULL,
    events INTEGER NOT NULL,
    user_id TEXT,
    anonymous_id TEXT,
    customer_id TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS intake_messages_customer ON intake_messages (customer_id);
CREATE TABLE IF NOT EXISTS intake_clock (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
-- customers whose stored facts are newer than their vectors in Chroma (the applier's, retrieval/live.py;
-- rowid order: oldest mark first)
-- (version: the fact store's change number of the build to write; a newer build raises it in place)
CREATE TABLE IF NOT EXISTS vectors_pending (user_id TEXT PRIMARY KEY, version INTEGER NOT NULL DEFAULT 0);
INSERT OR IGNORE INTO intake_clock (id, seq) VALUES (1, 0);
"""


CHECKPOINT_S = 1.0


class WriterBusyError(RuntimeError):
    """Too many requests are already waiting for the event log's writer: the client should retry later."""


@dataclass
class StoreResult:
    accepted: int = 0
    duplicates: int = 0
    events: int = 0
    customers: list[str] = field(default_factory=list)
    refused_links: list[dict[str, str]] = field(default_factory=list)


def connect(path: Path) -> sqlite3.Connection:
    """A connection to the event log's file with the intake tables (the event log's own schema is kept)."""
    EventLog(path).close()  # the log's own tables and indexes, as every other writer sees them
    db = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA secure_delete=ON")
    columns = {row[1] for row in db.execute("PRAGMA table_info(vectors_pending)")}
    if columns and "version" not in columns:  # a home written before versions
        db.execute("ALTER TABLE vectors_pending ADD COLUMN version INTEGER NOT NULL DEFAULT 0")
    db.executescript(SCHEMA)
    identity.ensure_schema(db)
    return db


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT (ROLLBACK on any error): the writer lock is taken up front, so a
    transaction never fails half-way for a lock another process holds."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def checkpoint_loop(path: Path, closing: threading.Event, interval_s: float = CHECKPOINT_S) -> None:
    """Copy ``path``'s WAL into the database file every ``interval_s`` on a connection of its own (PASSIVE: it
    never waits for the writer or readers) until ``closing``, so that writers which turned their automatic
    checkpoints off (``PRAGMA wal_autocheckpoint=0``) never wait in a COMMIT for a checkpoint's writes and fsync."""
    db = sqlite3.connect(path, check_same_thread=False, timeout=30, isolation_level=None)
    try:
        while not closing.wait(interval_s):
            try:
                db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            except sqlite3.Error:
                pass  # busy or a transient disk error: the next round tries again
    finally:
        db.close()


def next_seq(db: sqlite3.Connection) -> int:
    db.execute("UPDATE intake_clock SET seq = seq + 1 WHERE id = 1")
    return int(db.execute("SELECT seq FROM intake_clock WHERE id = 1").fetchone()[0])


class Intake:
    """Stores translated messages. Thread-safe; ``max_waiting`` bounds the requests queued for the writer."""

    def __init__(self, settings: Settings, max_waiting: int | None = None) -> None:
        self.settings = settings
        self.rules = identity.Rules(max_anonymous_per_week=settings.identity_max_anonymous_per_week)
        self._db = connect(settings.event_db)
        self._db.execute("PRAGMA wal_autocheckpoint=0")  # checkpoints run beside the requests (_checkpoints), not in one
        self._lock = threading.Lock()
        self._waiting = 0
        self._waiting_lock = threading.Lock()
        self.max_waiting = settings.collect_max_waiting_writes if max_waiting is None else max_waiting
        self._catalogue = {r[0] for r in self._db.execute("SELECT item_id FROM products")}
        """Products already in the catalogue (it only grows: a product seen again is not written again)."""
        self._closing = threading.Event()
        self._checkpointer = threading.Thread(target=self._checkpoints, name="intake-checkpoint", daemon=True)
        self._checkpointer.start()

    def close(self) -> None:
        self._closing.set()
        self._checkpointer.join(5)
        self._db.close()

    def _checkpoints(self) -> None:
        checkpoint_loop(self.settings.event_db, self._closing)

    @contextmanager
    def _writer(self) -> Iterator[None]:
        with self._waiting_lock:
            if self._waiting >= self.max_waiting:
                raise WriterBusyError(f"{self._waiting} requests are already waiting to be written")
            self._waiting += 1
        try:
            with self._lock:
                yield
        finally:
            with self._waiting_lock:
                self._waiting -= 1

    def store(self, items: Sequence[Translated], received_at: datetime, source: str) -> StoreResult:
        """Store every non-rejected message of one request in one transaction (raises WriterBusyError
        when the writer is behind, sqlite3 errors when the disk fails: nothing is then stored).

        Messages are resolved in order (a stitch moves the events stored before it, so event rows are
        written before any message that may stitch); the raw log rows go in one statement at the end."""
        result = StoreResult()
        usable = [i for i in items if i.reject is None]
        with self._writer(), transaction(self._db) as db:
            seq = next_seq(db)
            known = self._known_messages(db, [i.message_id for i in usable])
            touched: list[str] = []
            event_rows: list[tuple[str, str, str, str]] = []
            message_rows: list[tuple[Any, ...]] = []
            product_rows: dict[str, str] = {}
            users: dict[str, None] = {}  # userIds to note as known, written in one statement like the event rows
            for item in usable:
                if item.message_id in known:
                    result.duplicates += 1
                    continue
                known.add(item.message_id)
                if item.kind == "alias" or (item.user_id and item.anonymous_id):
                    result.events += self._insert_events(db, event_rows)  # a stitch moves what is stored
                    self._note_users(db, users)  # and an alias asks which ids are userIds
                customer = self._resolve(db, item, seq, result, users)
                for e in item.events:
                    body = (e if e.user_id == customer else e.model_copy(update={"user_id": customer})).model_dump_json()
                    event_rows.append((e.event_id, customer, e.ts.isoformat(), body))
                if item.events:
                    touched.append(customer)
                for product in item.products:
                    if product.item_id not in self._catalogue:
                        product_rows.setdefault(product.item_id, product.model_dump_json())
                if item.country and item.ts:
                    identity.set_country(db, customer, item.country, item.message_id, item.ts)
                    touched.append(customer)
                message_rows.append((item.message_id, seq, received_at.isoformat(), source, item.kind, int(item.mapped),
                                     len(item.events), item.user_id, item.anonymous_id, customer,
                                     orjson.dumps(item.raw, default=str).decode()))
                result.accepted += 1
            result.events += self._insert_events(db, event_rows)
            self._note_users(db, users)
            if product_rows:
                db.executemany("INSERT OR IGNORE INTO products (item_id, body) VALUES (?, ?)", list(product_rows.items()))
            db.executemany(
                "INSERT INTO intake_messages (message_id, seq, received_at, source, kind, mapped, events, user_id, "
                "anonymous_id, customer_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", message_rows)
            identity.touch(db, touched, seq)
            result.customers = list(dict.fromkeys(touched))
        self._catalogue.update(product_rows)  # only once committed
        return result

    @staticmethod
    def _insert_events(db: sqlite3.Connection, rows: list[tuple[str, str, str, str]]) -> int:
        """Write the queued event rows (a known event id keeps the stored event) and empty the queue."""
        if not rows:
            return 0
        before = db.total_changes
        db.executemany("INSERT OR IGNORE INTO events (event_id, user_id, ts, body) VALUES (?, ?, ?, ?)", rows)
        rows.clear()
        return db.total_changes - before

    @staticmethod
    def _note_users(db: sqlite3.Connection, users: dict[str, None]) -> None:
        if users:
            db.executemany("INSERT OR IGNORE INTO identity_users (user_id) VALUES (?)", [(u,) for u in users])
            users.clear()

    @staticmethod
    def _known_messages(db: sqlite3.Connection, message_ids: list[str]) -> set[str]:
        known: set[str] = set()
        unique = list(dict.fromkeys(message_ids))
        for start in range(0, len(unique), 900):
            chunk = unique[start:start + 900]
            known.update(r[0] for r in db.execute(
                f"SELECT message_id FROM intake_messages WHERE message_id IN ({','.join('?' * len(chunk))})", chunk))
        return known

    def _resolve(self, db: sqlite3.Connection, item: Translated, seq: int, result: StoreResult, users: dict[str, None]) -> str:
        """The customer a message belongs to, stitching identities first when it joins two (``users``: userIds
        to note as known, queued by the caller, who writes them before any alias is resolved)."""
        assert item.ts is not None
        if item.kind == "alias" and item.previous_id and item.user_id and item.previous_id != item.user_id:
            identity.note_user(db, item.user_id)
            if identity.is_user(db, item.previous_id):
                identity.refuse(db, item.previous_id, item.user_id, item.message_id, item.ts,
                                "userId never merges with another userId")
                result.refused_links.append({"previousId": item.previous_id, "reason": "userId never merges with another userId"})
            else:
                outcome = identity.link(db, item.previous_id, item.user_id, item.message_id, item.ts, self.rules, seq)
                if outcome != identity.MERGED:
                    result.refused_links.append({"anonymousId": item.previous_id, "reason": outcome})
            return item.user_id
        if item.user_id:
            users[item.user_id] = None
            if item.anonymous_id:
                identity.link(db, item.anonymous_id, item.user_id, item.message_id, item.ts, self.rules, seq)
        return identity.customer_of(db, item.user_id, item.anonymous_id)

    def split(self, anonymous_id: str) -> str:
        """Undo a stitch (see identity.split); the touched profiles update on the applier's next pass."""
        with self._lock, transaction(self._db) as db:
            return identity.split(db, anonymous_id, next_seq(db))


def intake_counts(path: Path) -> dict[str, Any] | None:
    """What the collector took, for ``portrait status``: messages by kind (tracks mapped to behavioural
    events apart from unmapped ones) and identity stitching; None when the home never ran one."""
    if not path.exists():
        return None
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'intake_messages'").fetchone():
            return None
        kinds: Counter[str] = Counter()
        for kind, mapped, n in db.execute("SELECT kind, mapped, COUNT(*) FROM intake_messages GROUP BY kind, mapped"):
            kinds["track_mapped" if kind == "track" and mapped else "track_unmapped" if kind == "track" else kind] += n
        links = db.execute("SELECT COUNT(*) FROM identity_links").fetchone()[0]
        refused = db.execute("SELECT COUNT(*) FROM identity_edges WHERE outcome = 'refused'").fetchone()[0]
        pending = db.execute("SELECT COUNT(*) FROM pending").fetchone()[0]
        stale = db.execute("SELECT COUNT(*) FROM vectors_pending").fetchone()[0] if db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'vectors_pending'").fetchone() else 0
    finally:
        db.close()
    return {"messages": sum(kinds.values()), **{k: kinds.get(k, 0) for k in
            ("track_mapped", "track_unmapped", "identify", "alias", "page", "screen", "group")},
            "stitched_anonymous_ids": links, "refused_stitches": refused, "profiles_pending": pending,
            "vectors_pending": stale}


def erase_customer(path: Path, customer_id: str) -> tuple[int, list[str]]:
    """Erasure (retrieval/erasure.py): delete a customer's raw messages and identity rows; returns the
    messages deleted and the anonymous ids they had, which the caller forgets as customers too."""
    if not path.exists():
        return 0, []
    db = connect(path)
    try:
        with transaction(db):
            anonymous_ids = identity.erase(db, customer_id)
            deleted = db.execute("DELETE FROM intake_messages WHERE customer_id = ? OR user_id = ?", (customer_id, customer_id)).rowcount
            if customer_id.startswith(ANONYMOUS_PREFIX):
                deleted += db.execute("DELETE FROM intake_messages WHERE anonymous_id = ? AND user_id IS NULL",
                                      (customer_id.removeprefix(ANONYMOUS_PREFIX),)).rowcount
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return deleted, anonymous_ids

"""Each profile's full fact set (with evidence) in SQLite, keyed by customer.

Chroma keeps the vectors and the flat filter fields; the facts, whose evidence lists grow with a
customer's history, live here because large metadata strings made every Chroma upsert ~2x slower.

Every write stamps its profiles with the next change sequence number, so a reader in any process
can ask which profiles changed since it last looked (the in-memory filter index does).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

from encoders.profile.model import Profile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (user_id TEXT PRIMARY KEY, body TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS profiles_seq ON profiles (seq);
CREATE TABLE IF NOT EXISTS erasures (epoch INTEGER NOT NULL);
"""


class FactStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly (BEGIN IMMEDIATE) where they matter.
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("PRAGMA secure_delete=ON")  # an erased profile's bytes are overwritten, not left in free pages
        columns = {row[1] for row in self._db.execute("PRAGMA table_info(profiles)")}
        if columns and "seq" not in columns:  # a home written before change sequences existed
            self._db.execute("ALTER TABLE profiles ADD COLUMN seq INTEGER NOT NULL DEFAULT 0")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def put(self, profiles: Sequence[Profile]) -> int:
        """Store profiles under one new change sequence number, which is returned."""
        rows = [(p.user_id, p.model_dump_json(exclude={"interest_vector"})) for p in profiles]
        with self._lock:
            # IMMEDIATE takes the write lock before reading the last number, so two writing
            # processes never hand out the same one.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM profiles").fetchone()[0]
                self._db.executemany(
                    "INSERT OR REPLACE INTO profiles (user_id, body, seq) VALUES (?, ?, ?)",
                    ((user_id, body, seq) for user_id, body in rows),
                )
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return int(seq)

    def stamp(self, user_ids: Sequence[str]) -> int:
        """Give these customers' stored facts a new change sequence number without rewriting them, to
        tell readers (the filter index) that their vectors changed; returns the number."""
        unique = list(dict.fromkeys(user_ids))
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM profiles").fetchone()[0]
                self._db.executemany("UPDATE profiles SET seq = ? WHERE user_id = ?", ((seq, u) for u in unique))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        return int(seq)

    def get(self, user_ids: Sequence[str]) -> dict[str, Profile]:
        found: dict[str, Profile] = {}
        unique = list(dict.fromkeys(user_ids))
        with self._lock:
            for start in range(0, len(unique), 900):
                chunk = unique[start : start + 900]
                marks = ",".join("?" * len(chunk))
                for user_id, body in self._db.execute(f"SELECT user_id, body FROM profiles WHERE user_id IN ({marks})", chunk):
                    found[user_id] = Profile.model_validate_json(body)
        return found

    def latest_seq(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM profiles").fetchone()[0])

    def changed_since(self, seq: int) -> list[str]:
        """Customers whose profile was written after change number ``seq``."""
        with self._lock:
            return [row[0] for row in self._db.execute("SELECT user_id FROM profiles WHERE seq > ?", (seq,))]

    def erase(self, user_ids: Sequence[str]) -> int:
        """Delete these customers' facts and bump the erasure epoch, which tells readers (the filter
        index) to reload rather than patch: a deleted row has no change number to be found by. No id
        is kept anywhere. Returns how many profiles were deleted."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                deleted = sum(
                    self._db.execute("DELETE FROM profiles WHERE user_id = ?", (user_id,)).rowcount for user_id in user_ids
                )
                self._db.execute("INSERT INTO erasures (epoch) VALUES (1)")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return deleted

    def erasure_epoch(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM erasures").fetchone()[0])

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM profiles").fetchone()[0])

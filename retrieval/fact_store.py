"""Each profile's full fact set (with evidence) in SQLite, keyed by customer.

Chroma keeps the vectors and the flat filter fields; the facts, whose evidence lists grow with a
customer's history, live here because large metadata strings made every Chroma upsert ~2x slower.

Every write stamps its profiles with the next change sequence number, so a reader in any process
can ask which profiles changed since it last looked (the in-memory filter index does).

Each row also keeps the profile's summary text (``Profile.summary_text``): a customer's text vector is
the vector of that text, stored once per distinct text (retrieval/profile_texts.py); and its filter fields
(``profile_metadata``), which the filter index and search hits read (``FactFields``). They used to be Chroma
metadata on every interest vector, where they were half the cost of a live vector write.

The collector's facts process also leaves each build's interest vector here (``put(..., built=seq)``), for its
vectors process to write to Chroma (retrieval/live.py): the two halves of one build meet here.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from encoders.profile.model import Profile

_SCHEMA = """
CREATE TABLE IF NOT EXISTS profiles (user_id TEXT PRIMARY KEY, body TEXT NOT NULL, seq INTEGER NOT NULL DEFAULT 0,
                                     summary TEXT, fields TEXT, interest BLOB, built INTEGER);
CREATE INDEX IF NOT EXISTS profiles_seq ON profiles (seq);
CREATE INDEX IF NOT EXISTS profiles_summary ON profiles (summary);
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
        for column, kind in (("summary", "TEXT"), ("fields", "TEXT"), ("interest", "BLOB"), ("built", "INTEGER")):
            if columns and column not in columns:  # a home written before they were kept here (summary, fields: filled below)
                self._db.execute(f"ALTER TABLE profiles ADD COLUMN {column} {kind}")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._fill_columns()

    def _fill_columns(self) -> None:
        rows = self._db.execute("SELECT user_id, body FROM profiles WHERE summary IS NULL OR fields IS NULL").fetchall()
        if rows:
            profiles = [Profile.model_validate_json(body) for _, body in rows]
            with self._lock:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("UPDATE profiles SET summary = ?, fields = ? WHERE user_id = ?",
                                     [(p.summary_text(), _fields_json(p), p.user_id) for p in profiles])
                self._db.execute("COMMIT")

    def checkpoint_elsewhere(self) -> None:
        """This connection's commits stop checkpointing the WAL: a thread of the caller's does it
        (retrieval.intake.checkpoint_loop), so a write never waits for a checkpoint's writes and fsync."""
        self._db.execute("PRAGMA wal_autocheckpoint=0")

    def put(self, profiles: Sequence[Profile], built: int | None = None) -> int:
        """Store profiles under one new change sequence number, which is returned. ``built``: the intake
        sequence number the collector built them at; their interest vectors are kept too (``vectors``)."""
        rows = [(p.user_id, p.model_dump_json(exclude={"interest_vector"}), p.summary_text(), _fields_json(p),
                 None if built is None else _vector_bytes(p.interest_vector), built) for p in profiles]
        with self._lock:
            # IMMEDIATE takes the write lock before reading the last number, so two writing
            # processes never hand out the same one.
            self._db.execute("BEGIN IMMEDIATE")
            try:
                seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM profiles").fetchone()[0]
                self._db.executemany(
                    "INSERT OR REPLACE INTO profiles (user_id, body, seq, summary, fields, interest, built) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    ((row[0], row[1], seq, *row[2:]) for row in rows),
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

    def summaries(self, user_ids: Sequence[str]) -> dict[str, str]:
        """Each stored customer's summary text (customers without a profile are left out)."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(user_ids))
        with self._lock:
            for start in range(0, len(unique), 900):
                chunk = unique[start : start + 900]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(f"SELECT user_id, summary FROM profiles WHERE user_id IN ({marks})", chunk))
        return found

    def vectors(self, user_ids: Sequence[str]) -> dict[str, StoredVectors]:
        """What the vectors of these customers' stored builds need (customers without a profile are left out)."""
        found: dict[str, StoredVectors] = {}
        unique = list(dict.fromkeys(user_ids))
        with self._lock:
            for start in range(0, len(unique), 900):
                chunk = unique[start : start + 900]
                marks = ",".join("?" * len(chunk))
                for user_id, seq, built, summary, interest in self._db.execute(
                        f"SELECT user_id, seq, built, summary, interest FROM profiles WHERE user_id IN ({marks})", chunk):
                    found[user_id] = StoredVectors(seq, built, summary, interest is not None,
                                                   np.frombuffer(interest, dtype=np.float32) if interest else None)
        return found

    def fields(self, user_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Each stored customer's filter fields (``profile_metadata``)."""
        found: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(user_ids))
        with self._lock:
            for start in range(0, len(unique), 900):
                chunk = unique[start : start + 900]
                marks = ",".join("?" * len(chunk))
                for user_id, fields in self._db.execute(f"SELECT user_id, fields FROM profiles WHERE user_id IN ({marks})", chunk):
                    found[user_id] = json.loads(fields)
        return found

    def summary_page(self, limit: int | None = None, offset: int = 0) -> list[tuple[str, str]]:
        """(customer, summary text) in customer order, a page at a time."""
        with self._lock:
            return list(self._db.execute("SELECT user_id, summary FROM profiles ORDER BY user_id LIMIT ? OFFSET ?",
                                         (-1 if limit is None else limit, offset)))

    def with_summaries(self, summaries: Sequence[str]) -> list[tuple[str, str]]:
        """(customer, summary text) of every customer whose summary is one of these."""
        found: list[tuple[str, str]] = []
        unique = list(dict.fromkeys(summaries))
        with self._lock:
            for start in range(0, len(unique), 900):
                chunk = unique[start : start + 900]
                marks = ",".join("?" * len(chunk))
                found.extend(self._db.execute(f"SELECT user_id, summary FROM profiles WHERE summary IN ({marks})", chunk))
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


def profile_metadata(profile: Profile) -> dict[str, Any]:
    """A profile's flat, filterable fields (what ``where`` filters and search hits see); the full facts are
    in the body. Time-relative filters use ``last_seen_ts`` (a stored "days ago" would go stale)."""
    categories = profile.fact_value("top_categories") or []
    segment = profile.fact_value("segment") or {}
    return {
        "last_seen_ts": int(profile.as_of.timestamp()),
        "frequency": int(profile.fact_value("frequency", 0)),
        "monetary": float(profile.fact_value("monetary", 0.0)),
        "top_category": categories[0]["category"] if categories else "",
        "country": profile.fact_value("country") or "",
        "stage": profile.fact_value("lifecycle_stage") or "",
        "price_band": profile.fact_value("price_band") or "",
        "spend_band": profile.fact_value("spend_band") or "",
        "segment": int(segment.get("id", -1)),
    }


@dataclass(frozen=True)
class StoredVectors:
    seq: int
    built: int | None
    """The intake sequence number the collector built the profile at (None: written otherwise)."""
    summary: str
    has_interest: bool
    """Whether the build's interest vector is kept (``put(..., built=...)``); ``interest`` is None also when
    the profile has none."""
    interest: np.ndarray | list[float] | None


def _vector_bytes(vector: list[float] | None) -> bytes:
    return b"" if vector is None else np.asarray(vector, dtype=np.float32).tobytes()


def _fields_json(profile: Profile) -> str:
    return json.dumps(profile_metadata(profile), separators=(",", ":"))


class FactFields:
    """The filter fields of stored profiles, read like a Chroma collection's metadata (``get(ids=...)``), as the
    filter index takes them."""

    def __init__(self, facts: FactStore) -> None:
        self.facts = facts

    def get(self, ids: Sequence[str], include: Sequence[str] = ("metadatas",)) -> dict[str, Any]:
        found = self.facts.fields(ids)
        kept = [i for i in dict.fromkeys(ids) if i in found]
        return {"ids": kept, "metadatas": [found[i] for i in kept]}

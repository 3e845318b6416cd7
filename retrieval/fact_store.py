"""Each profile's full fact set (with evidence) in SQLite, keyed by customer.

Chroma keeps the vectors and the flat filter fields; the facts, whose evidence lists grow with a
customer's history, live here because large metadata strings made every Chroma upsert ~2x slower.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from encoders.profiles import Profile


class FactStore:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS profiles (user_id TEXT PRIMARY KEY, body TEXT NOT NULL)")

    def put(self, profiles: Sequence[Profile]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO profiles (user_id, body) VALUES (?, ?)",
                ((p.user_id, p.model_dump_json(exclude={"interest_vector"})) for p in profiles),
            )

    def get(self, user_ids: Sequence[str]) -> dict[str, Profile]:
        found: dict[str, Profile] = {}
        unique = list(dict.fromkeys(user_ids))
        for start in range(0, len(unique), 900):
            chunk = unique[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for user_id, body in self._db.execute(f"SELECT user_id, body FROM profiles WHERE user_id IN ({marks})", chunk):
                found[user_id] = Profile.model_validate_json(body)
        return found

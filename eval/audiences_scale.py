"""Audiences at scale: an event log holding ``copies`` renamed copies of a built home's customers
(user ``U1`` becomes ``U1~0``, ``U1~1``, ...; every event copied with its time, so the data clock is
unchanged), made with one SQL statement, then the same questions timed on it.

Every condition a question can hold without profile labels is a function of one customer's own
events and the clock, so the expected customers are the renamed copies of the expected ones on the
original shop: accuracy is checked exactly at scale too.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from encoders.settings import Settings

LABEL_KINDS = {"stage", "spend band", "top category", "segment", "price band", "likely"}
_COPY_SQL = """
WITH RECURSIVE copies(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM copies WHERE k + 1 < ?)
INSERT INTO events (event_id, user_id, ts, body)
SELECT e.event_id || '~' || k, e.user_id || '~' || k, e.ts,
       json_set(e.body, '$.event_id', e.event_id || '~' || k, '$.user_id', e.user_id || '~' || k)
FROM copies, src.events AS e ORDER BY k
"""


def copy_home(source: Settings, target: Settings, copies: int) -> dict[str, Any]:
    """A new home whose event log is ``copies`` renamed copies of the source's (no profiles)."""
    from retrieval.event_log import EventLog

    started = time.perf_counter()
    EventLog(target.event_db).close()  # creates the schema
    with sqlite3.connect(target.event_db) as db:
        db.execute("ATTACH DATABASE ? AS src", (f"file:{source.event_db}?mode=ro",))
        db.execute(_COPY_SQL, (copies,))
        db.execute("INSERT INTO products SELECT * FROM src.products")
        db.commit()
        events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        customers = db.execute("SELECT COUNT(DISTINCT user_id) FROM events").fetchone()[0]
    return {"copies": copies, "events": events, "customers": customers, "copy_seconds": round(time.perf_counter() - started, 1)}


def scaled_expectations(questions: list[dict[str, Any]], copies: int, label_kinds: set[str]) -> list[dict[str, Any]]:
    """The questions with expected ids renamed for every copy; label questions are left out (a home
    without profiles has no labels)."""
    scaled = []
    for line in questions:
        if line.get("kind") in label_kinds:
            continue
        line = dict(line)
        if isinstance(line.get("expected_user_ids"), list):
            line["expected_user_ids"] = sorted(f"{u}~{k}" for u in line["expected_user_ids"] for k in range(copies))
        scaled.append(line)
    return scaled


def load_seconds(settings: Settings) -> float:
    """Seconds to load the scaled log into the audience tables (the one-time cost before the first question)."""
    from retrieval.audience.tables import tables_for

    started = time.perf_counter()
    tables_for(settings.event_db, settings.fact_db)
    return round(time.perf_counter() - started, 2)


def run_scale(source: Settings, folder: Path, copies: int, questions: list[dict[str, Any]], label_kinds: set[str]) -> dict[str, Any]:
    from eval.audiences import answer_all, score

    target = Settings(home=folder / "scaled-home", show_progress=False, llm_backend="local")
    made = copy_home(source, target, copies)
    made["load_seconds"] = load_seconds(target)
    lines = scaled_expectations(questions, copies, label_kinds)
    answers = answer_all(target, lines)
    scores = score(lines, answers)
    return {**made, **{k: scores[k] for k in ("exact_set_accuracy", "mean_jaccard", "p50_seconds", "p95_seconds", "scored", "errors")},
            "questions": len(lines), "wrong": scores["wrong"][:20]}

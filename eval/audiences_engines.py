"""SQL over the SQLite event log against pandas masks over columns loaded once: the same three
conditions (bought a category or product, net spend above a value, no purchase in the last 30 days)
answered both ways on one home, timed, and checked to agree. The audience executor uses the faster."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from retrieval.audience.execute import mask
from retrieval.audience.query import Did, Measure, Not, Target, When
from retrieval.audience.tables import load_tables

_TYPE = "json_extract(body, '$.type')"
_AMOUNT = "COALESCE(json_extract(body, '$.quantity'), 1) * COALESCE(json_extract(body, '$.price'), 0)"


def _sql_conditions(db: sqlite3.Connection, item_ids: list[str], spend: float, clock_iso: str) -> dict[str, set[str]]:
    marks = ",".join("?" * len(item_ids))
    bought = {r[0] for r in db.execute(
        f"SELECT DISTINCT user_id FROM events WHERE {_TYPE} = 'purchase' AND json_extract(body, '$.item_id') IN ({marks})", item_ids)}
    spenders = {r[0] for r in db.execute(
        f"SELECT user_id FROM events GROUP BY user_id HAVING ROUND(SUM(CASE {_TYPE} WHEN 'purchase' THEN {_AMOUNT} "
        f"WHEN 'return' THEN -{_AMOUNT} ELSE 0 END), 2) > ?", (spend,))}
    everyone = {r[0] for r in db.execute("SELECT DISTINCT user_id FROM events")}
    recent = {r[0] for r in db.execute(
        f"SELECT DISTINCT user_id FROM events WHERE {_TYPE} = 'purchase' AND ts >= strftime('%Y-%m-%dT%H:%M:%S', ?, '-30 days')", (clock_iso,))}
    return {"bought": bought, "net_spend": spenders, "no_recent_purchase": everyone - recent}


def compare_engines(event_db: Path, fact_db: Path, repeats: int = 3) -> dict[str, Any]:
    started = time.perf_counter()
    tables = load_tables(event_db, fact_db)
    load_seconds = time.perf_counter() - started
    products = tables.products
    category = next((c for c in products["category"] if c), None)
    target = Target(type="category", value=category) if category else Target(type="product", value=str(products["item_id"].iloc[0]))
    item_ids = list(products.loc[products["category"] == category, "item_id"]) if category else [target.value]
    spend = float(tables.customers["net_spend"].median())
    conditions = {
        "bought": Did(action="bought", target=target),
        "net_spend": Measure(measure="net_spend", op=">", value=spend),
        "no_recent_purchase": Not(condition=When(event="last_purchase", relation="within_days", days=30)),
    }
    from retrieval.audience.words import clock_datetime

    clock_iso = clock_datetime(tables.clock).isoformat()
    ids = tables.customers.index
    pandas_times, sql_times, agree = [], [], True
    with sqlite3.connect(f"file:{event_db}?mode=ro", uri=True) as db:
        for _ in range(repeats):
            t0 = time.perf_counter()
            by_pandas = {name: set(ids[mask(c, tables)]) for name, c in conditions.items()}
            t1 = time.perf_counter()
            by_sql = _sql_conditions(db, item_ids, spend, clock_iso)
            t2 = time.perf_counter()
            pandas_times.append((t1 - t0) / len(conditions))
            sql_times.append((t2 - t1) / len(conditions))
            agree &= by_pandas == by_sql
    pandas_s, sql_s = statistics.median(pandas_times), statistics.median(sql_times)
    return {
        "events": len(tables.events), "customers": len(tables.customers),
        "pandas_load_seconds": round(load_seconds, 3),
        "pandas_seconds_per_condition": round(pandas_s, 4), "sql_seconds_per_condition": round(sql_s, 4),
        "sql_over_pandas": round(sql_s / pandas_s, 1) if pandas_s else None, "same_customers": agree,
    }

"""A generated shop's files read with pandas, for the question-set generators (independently of Portrait's code)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd


def read_shop(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    """(events, products, each event's attrs dict): ids as strings, ts as UTC, quantity / price / rating numeric
    (missing: NaN), each event's product title, category and brand (None without a product)."""
    ev = pd.read_json(folder / "events.jsonl", lines=True, dtype=False)
    products = pd.read_json(folder / "products.jsonl", lines=True, dtype=False)
    ev["event_id"] = ev["event_id"].astype(str)
    ev["user_id"] = ev["user_id"].astype(str)
    ev["ts"] = pd.to_datetime(ev["ts"], utc=True, format="ISO8601")
    attrs = ev["attrs"].apply(lambda a: a if isinstance(a, dict) else {}) if "attrs" in ev else pd.Series([{}] * len(ev), index=ev.index)
    for column in ("quantity", "price", "rating"):
        ev[column] = pd.to_numeric(ev[column], errors="coerce") if column in ev else np.nan
    products["item_id"] = products["item_id"].astype(str)
    info = products.set_index("item_id")
    ev["item_id"] = ev["item_id"].where(ev["item_id"].notna(), None) if "item_id" in ev else None
    for column in ("title", "category", "brand"):
        ev[column] = ev["item_id"].map(lambda i, c=column: info[c].get(str(i)) if i is not None else None)
    return ev, products, attrs

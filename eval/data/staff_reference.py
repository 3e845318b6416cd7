"""The independent pandas reference of the staff question set: a generated shop read with pandas, and the
executor of a reference query over one customer's events (the meanings are in make_staff_questions.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from shop_files import read_shop

DAY = pd.Timedelta(days=1)


class Shop:
    def __init__(self, folder: Path) -> None:
        ev, products, attrs = read_shop(folder)
        ev["quantity"] = ev["quantity"].fillna(1.0)
        ev["money"] = ev["price"].fillna(0.0) * ev["quantity"]
        order = attrs.apply(lambda a: a.get("order_id"))
        ev["order"] = [str(o) if o not in (None, "") and not (isinstance(o, float) and math.isnan(o)) else "event:" + e
                       for o, e in zip(order, ev["event_id"])]
        ev["text"] = ev["text"] if "text" in ev else None
        ev["reason"] = [a.get("reason") or t for a, t in zip(attrs, ev["text"])]
        ev["date"] = ev["ts"].dt.strftime("%Y-%m-%d")
        self.ev = ev.sort_values(["user_id", "ts", "event_id"], kind="stable").reset_index(drop=True)
        self.clock = ev["ts"].max()
        self.by_user = {u: g for u, g in self.ev.groupby("user_id")}
        self.users = sorted(self.by_user)
        self.categories = sorted({c for c in products["category"].dropna() if c})
        buys = self.ev[self.ev["type"] == "purchase"]
        self.brands = [b for b in buys["brand"].value_counts().index if b]
        self.months = sorted({(t.year, t.month) for t in buys["ts"]})


@dataclass(frozen=True)
class Query:
    """What of which events: the reference executor's input."""

    measure: str  # count units orders amount net mean min max first last distinct share
    types: tuple[str, ...] = ("purchase",)
    field: str | None = None  # for mean/min/max/first/last/distinct/share(category value)
    category: str | None = None
    brand: str | None = None
    title: str | None = None
    window: tuple | None = None  # ("last", n) ("month", y, m) ("year", y) ("before", d) ("after", d) ("since", d) ("between", a, b)
    rating: tuple[float, float] | None = None
    order: str | None = None  # first / last


def _day(d: str) -> pd.Timestamp:
    return pd.Timestamp(d, tz="UTC")


def in_window(ts: pd.Series, window: tuple | None, clock: pd.Timestamp) -> pd.Series:
    if window is None:
        return pd.Series(True, index=ts.index)
    kind = window[0]
    if kind == "last":
        return ts >= clock - window[1] * DAY
    if kind == "month":
        return (ts.dt.year == window[1]) & (ts.dt.month == window[2])
    if kind == "year":
        return ts.dt.year == window[1]
    if kind == "before":
        return ts < _day(window[1])
    if kind == "after":
        return ts >= _day(window[1]) + DAY
    if kind == "since":
        return ts >= _day(window[1])
    if kind == "between":
        return (ts >= _day(window[1])) & (ts < _day(window[2]) + DAY)
    if kind == "and":  # two windows at once (a follow-up narrowing an earlier window)
        return in_window(ts, window[1], clock) & in_window(ts, window[2], clock)
    raise ValueError(window)


def select(shop: Shop, rows: pd.DataFrame, q: Query, types: tuple[str, ...] | None = None) -> pd.DataFrame:
    types = types or q.types
    if q.order:
        buys = rows[rows["type"] == "purchase"]
        if not len(buys):
            return rows.iloc[0:0]
        key = buys["order"].iloc[0 if q.order == "first" else -1]
        rows = buys[buys["order"] == key]
    rows = rows[rows["type"].isin(types)]
    for column in ("category", "brand", "title"):
        value = getattr(q, column)
        if value is not None:
            rows = rows[rows[column] == value]
    rows = rows[in_window(rows["ts"], q.window, shop.clock)]
    if q.rating is not None:
        rows = rows[(rows["rating"] >= q.rating[0]) & (rows["rating"] <= q.rating[1])]
    return rows


def _num(x: float) -> float | int:
    x = round(float(x), 2)
    return int(x) if x == int(x) else x


def execute(shop: Shop, user: str, q: Query) -> Any:
    """The gold answer, or None when the measure has no value (e.g. no reviews to average)."""
    rows = shop.by_user[user]
    if q.order and not (rows["type"] == "purchase").any():
        return None  # no first / last order to speak of
    sel = select(shop, rows, q)
    m = q.measure
    if m == "count":
        return len(sel)
    if m == "units":
        return _num(sel["quantity"].sum())
    if m == "orders":
        return int(sel["order"].nunique())
    if m == "amount":
        return _num(sel["money"].sum())
    if m == "net":
        back = select(shop, rows, q, types=("return",))
        return _num(sel["money"].sum() - back["money"].sum())
    if m in ("mean", "min", "max"):
        values = sel[q.field].dropna()
        if not len(values):
            return None
        return _num(getattr(values, m)())
    if m in ("first", "last"):
        values = sel[sel[q.field].notna()]
        if not len(values):
            return None
        value = values[q.field].iloc[0 if m == "first" else -1]
        if isinstance(value, str):
            return " ".join(value.split())
        return _num(value)
    if m == "distinct":
        return int(sel[q.field].dropna().nunique())
    if m == "share":
        whole = select(shop, rows, replace(q, category=None))["money"].sum()
        if whole <= 0:
            return None
        return round(100.0 * sel["money"].sum() / whole, 1)
    raise ValueError(m)

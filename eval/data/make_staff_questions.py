"""Write the staff question set (issue 20): questions about ONE customer each, in many sentence shapes,
with gold answers computed here in pandas straight from a shop's ``events.jsonl`` and ``products.jsonl``
(never by Portrait's code).

A line: {"id", "user_id", "question", "expected", "kind", "family", "split", "history"?, "edit"?, "topic"?}

- ``expected``: a number, a ``YYYY-MM-DD`` date or a text that the answer must contain (scored by
  eval/answers_scoring.py), or null: the question asks for data no profile holds and must be declined;
- ``kind``: the measure x filter of the question (e.g. ``spend_category``); ``out_of_data`` for declines;
- ``family``: the sentence shape (template family) it was written in; ``split``: ``dev`` or ``heldout``.
  About a third of the families, drawn by ``random.Random(HELDOUT_SEED)`` over the sorted family names,
  are held out: every question of a held-out family is ``heldout``. Follow-up families are drawn the
  same way among themselves;
- ``history``: earlier questions of the same chat, oldest first (a follow-up); ``edit`` says what the
  follow-up changes (``category``, ``brand``, ``window``, ``narrow_month``). A follow-up edits the last
  query of the chat; in chats of three turns the middle turn made an edit of the same sort (another
  category / brand / window), which the last question replaces — e.g. "Spend on books?" / "What about
  toys?" / "And kitchen?" expects the spend on kitchen. "How many of those were in August?" keeps every
  filter of the last query and adds the month. The kind of a follow-up is the kind of the edited query
  (``+month`` when a month was added).

Meanings (the gold below implements exactly these):

- **data clock** = the newest ``ts`` in events.jsonl (all customers). "in the last N days" =
  ``ts >= clock - N x 24h``. A calendar month ("September 2026") or year = that UTC month / year; a month
  named without a year (only in follow-ups, "in August?") is the latest such month that starts on or
  before the clock. "before D" = ``ts < D 00:00 UTC``; "after D" = ``ts >= (D+1) 00:00``; "since D" =
  ``ts >= D 00:00``; "between A and B" = ``A 00:00 <= ts < (B+1) 00:00`` (both days included).
- **orders** = distinct ``attrs.order_id`` of purchase events (the purchase's event_id when it has none).
  **units / items bought** = sum of ``quantity`` of purchases (missing quantity = 1).
  **spend / amount** = sum of price x quantity of purchases: gross, before returns. **net spend** =
  purchases' amount minus returns' amount (same filters on both). Amounts are rounded to 2 decimals.
- count of events of a type (searches, views, cart adds, returns, reviews, support messages).
- mean / min / max of ``rating`` (review events) or of ``price`` (purchase events, one value per event,
  not weighted by quantity); means are rounded to 2 decimals.
- first / last = the oldest / newest matching event by ``ts``, ties broken by ``event_id`` (string
  order). Fields: date (UTC, ``YYYY-MM-DD``), product title, category, brand, rating, price, text, return
  reason (``attrs.reason`` as written in the data, else the return's text).
- distinct count of categories / brands of purchased products.
- **share of spend in a category** = 100 x amount of purchases in that category / amount of all
  purchases (same window), a PERCENT rounded to 1 decimal place (e.g. ``37.5`` for 37.5 %). The answer
  must contain that number (a fraction 0.375 is not accepted).
- the first / last order = the order of the customer's oldest / newest purchase (ties by event_id);
  "items in the last order" = units (sum of quantity) of that order's purchases; "how much was the first
  order" = its amount.
- "reviews of 3 stars or less" = review events with ``rating <= 3`` (``or more`` = ``>=``).
- products are named by their ``title``; categories and brands by their names in products.jsonl.

Users are drawn so that most answers are non-trivial; some zero answers are mixed in on purpose.

Regenerate (SHOP_DIR = the folder ``portrait generate-demo --out SHOP_DIR`` writes with its defaults):

    .venv/bin/portrait generate-demo --out /tmp/qshop
    .venv/bin/python eval/data/make_staff_questions.py /tmp/qshop eval/data/staff_questions.jsonl

The script prints counts per kind / family / split, the share of follow-ups and declines, and fails if a
scored expected value is missing or NaN.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

import pandas as pd

DAY = pd.Timedelta(days=1)
SEED = 20
HELDOUT_SEED = 2026
PER_KIND = 13

# --------------------------------------------------------------------------------------------------
# the shop, in pandas


class Shop:
    def __init__(self, folder: Path) -> None:
        ev = pd.read_json(folder / "events.jsonl", lines=True, dtype=False)
        products = pd.read_json(folder / "products.jsonl", lines=True, dtype=False)
        ev["event_id"] = ev["event_id"].astype(str)
        ev["user_id"] = ev["user_id"].astype(str)
        ev["ts"] = pd.to_datetime(ev["ts"], utc=True, format="ISO8601")
        attrs = ev["attrs"].apply(lambda a: a if isinstance(a, dict) else {}) if "attrs" in ev else pd.Series([{}] * len(ev))
        for column in ("quantity", "price", "rating"):
            ev[column] = pd.to_numeric(ev[column], errors="coerce") if column in ev else float("nan")
        ev["quantity"] = ev["quantity"].fillna(1.0)
        ev["money"] = ev["price"].fillna(0.0) * ev["quantity"]
        order = attrs.apply(lambda a: a.get("order_id"))
        ev["order"] = [str(o) if o not in (None, "") and not (isinstance(o, float) and math.isnan(o)) else "event:" + e
                       for o, e in zip(order, ev["event_id"])]
        ev["text"] = ev["text"] if "text" in ev else None
        ev["reason"] = [a.get("reason") or t for a, t in zip(attrs, ev["text"])]
        ev["item_id"] = ev["item_id"].where(ev["item_id"].notna(), None) if "item_id" in ev else None
        products["item_id"] = products["item_id"].astype(str)
        info = products.set_index("item_id")
        for column in ("title", "category", "brand"):
            ev[column] = ev["item_id"].map(lambda i, c=column: info[c].get(str(i)) if i is not None else None)
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


# --------------------------------------------------------------------------------------------------
# kinds: a query built from parameters, and the words of each sentence shape


@dataclass
class Kind:
    name: str
    build: Callable[[dict], Query]
    params: tuple[str, ...]
    q: list[str]  # direct question (no "?")
    ind: list[str]  # indirect clause ("how much she has spent on ...")
    np: list[str]  # noun phrase with {P} possessive
    terse: list[str]
    passive: list[str] = field(default_factory=list)  # optional passive / inverted question


P = "purchase"
KINDS: list[Kind] = [
    Kind("spend_category", lambda p: Query("amount", category=p["cat"]), ("cat",),
         ["How much {has} {S} spent on {cat}", "What did {S} spend on {cat} altogether"],
         ["how much {S} {has} spent on {cat}"], ["{P} total spend on {cat}", "{P} {cat} spend"],
         ["spend {cat}", "{cat} spend total"], ["How much money was spent on {cat} by {O}"]),
    Kind("spend_brand", lambda p: Query("amount", brand=p["brand"]), ("brand",),
         ["How much {has} {S} spent on {brand} products", "What {has} {S} paid for {brand} items in total"],
         ["how much {S} {has} spent on {brand}"], ["{P} spend on the {brand} brand", "{P} total for {brand} products"],
         ["{brand} spend", "spent on {brand}"], ["How much has been spent on {brand} by {O}"]),
    Kind("spend_month", lambda p: Query("amount", window=p["month"]), ("month",),
         ["What did {S} spend in {month}", "How much money did {S} spend with us in {month}"],
         ["how much {S} spent in {month}"], ["{P} spend in {month}", "the total of {P} purchases in {month}"],
         ["spend {month}", "{month} spend"], ["In {month}, how much was spent by {O}"]),
    Kind("spend_last_n", lambda p: Query("amount", window=("last", p["n"])), ("n",),
         ["How much {has} {S} spent in the last {n} days", "What {has} {S} spent over the past {n} days"],
         ["how much {S} {has} spent in the last {n} days"], ["{P} spend over the last {n} days"],
         ["spend last {n} days", "spend, past {n}d"], ["Over the past {n} days, how much was spent by {O}"]),
    Kind("spend_between", lambda p: Query("amount", window=("between", p["d1"], p["d2"])), ("d1", "d2"),
         ["How much did {S} spend between {d1} and {d2}"],
         ["how much {S} spent between {d1} and {d2}"], ["{P} spend between {d1} and {d2}"],
         ["spend between {d1} and {d2}", "spend {d1} to {d2} (both days)"]),
    Kind("spend_before", lambda p: Query("amount", window=("before", p["date"])), ("date",),
         ["How much had {S} spent before {date}"], ["how much {S} had spent before {date}"],
         ["{P} spend before {date}"], ["spend before {date}"], ["Before {date}, how much had been spent by {O}"]),
    Kind("gross_total", lambda p: Query("amount"), (),
         ["How much {has} {S} spent in total, before returns", "What is {P} gross spend, before any refunds are taken off"],
         ["how much {S} {has} spent in total before returns"], ["{P} gross spend before returns", "{P} total purchase amount before refunds"],
         ["gross spend (before returns)", "total spend before returns"]),
    Kind("net_total", lambda p: Query("net"), (),
         ["What {has} {S} spent after returns", "How much {has} {S} spent net of refunds"],
         ["what {S} {has} spent once returns are deducted"], ["{P} net spend", "{P} spend minus refunds"],
         ["net spend", "spend after returns"], ["Purchases minus refunds: what does {P} total come to"]),
    Kind("net_category", lambda p: Query("net", category=p["cat"]), ("cat",),
         ["What is {P} net spend on {cat} after returns", "How much {has} {S} spent on {cat} once returns are taken off"],
         ["how much {S} spent on {cat} after returns"], ["{P} net {cat} spend after refunds"],
         ["net {cat} spend", "{cat} net of returns"]),
    Kind("orders_last_n", lambda p: Query("orders", window=("last", p["n"])), ("n",),
         ["How many orders {has} {S} placed in the last {n} days", "How many times {has} {S} ordered in the past {n} days"],
         ["how many orders {S} placed in the last {n} days"], ["the number of orders {S} placed in the last {n} days", "{P} order count for the past {n} days"],
         ["orders last {n} days", "# orders past {n}d"], ["How many orders were placed by {O} in the last {n} days"]),
    Kind("orders_since", lambda p: Query("orders", window=("since", p["date"])), ("date",),
         ["How many orders {has} {S} placed since {date}"], ["how many orders {S} {has} placed since {date}"],
         ["the number of orders {S} placed since {date}", "{P} order count since {date}"], ["orders since {date}"],
         ["Since {date}, how many orders have been placed by {O}"]),
    Kind("orders_category", lambda p: Query("orders", category=p["cat"]), ("cat",),
         ["In how many orders did {S} buy {cat}", "How many of {P} orders included {cat} items"],
         ["how many orders with {cat} in them {S} placed"], ["the number of {P} orders that contained {cat}"],
         ["orders with {cat}", "{cat} orders count"]),
    Kind("orders_category_month", lambda p: Query("orders", category=p["cat"], window=p["month"]), ("cat", "month"),
         ["How many orders with {cat} did {S} place in {month}"], ["how many {cat} orders {S} placed in {month}"],
         ["the number of {cat} orders {S} placed in {month}"], ["{cat} orders in {month}"]),
    Kind("units_brand", lambda p: Query("units", brand=p["brand"]), ("brand",),
         ["How many {brand} items {has} {S} bought", "How many units of {brand} {has} {S} purchased"],
         ["how many {brand} items {S} {has} bought"], ["the number of {brand} units {S} bought"],
         ["{brand} units", "units of {brand} bought"], ["How many {brand} items were bought by {O}"]),
    Kind("units_category", lambda p: Query("units", category=p["cat"]), ("cat",),
         ["How many {cat} items {has} {S} purchased", "How many units from {cat} did {S} buy"],
         ["how many {cat} items {S} {has} bought"], ["the number of {cat} units {S} bought"],
         ["{cat} units", "units bought, {cat}"]),
    Kind("units_product", lambda p: Query("units", title=p["title"]), ("title",),
         ["How many units of {title} {has} {S} bought", "How many {title} did {S} buy"],
         ["how many units of {title} {S} bought"], ["the number of {title} units {S} purchased"],
         ["units of {title}", "qty {title} bought"], ["How many units of {title} were bought by {O}"]),
    Kind("first_purchase_date", lambda p: Query("first", field="date"), (),
         ["When did {S} first buy from us", "When was {P} very first purchase"],
         ["when {S} first bought from us"], ["the date of {P} first purchase"],
         ["first purchase date", "date of first order"], ["On what date was the first purchase made by {O}"]),
    Kind("first_purchase_product", lambda p: Query("first", field="title"), (),
         ["What was the first thing {S} bought from us", "Which product did {S} buy first"],
         ["what {S} bought first"], ["the first product {S} ever bought"],
         ["first product bought", "first item purchased"], ["Which product was bought first by {O}"]),
    Kind("last_purchase_category", lambda p: Query("last", field="category"), (),
         ["Which category was {P} most recent purchase from", "What category did {S} last buy from"],
         ["which category {P} latest purchase was in"], ["the category of {P} last purchase"],
         ["category of last purchase", "last bought category"]),
    Kind("last_purchase_brand", lambda p: Query("last", field="brand"), (),
         ["What brand did {S} buy most recently", "Which brand was {P} last purchase"],
         ["which brand {S} bought last"], ["the brand of {P} most recent purchase"],
         ["brand of last purchase", "last brand bought"], ["Which brand was bought most recently by {O}"]),
    Kind("avg_rating", lambda p: Query("mean", types=("review",), field="rating"), (),
         ["What's {P} average review rating", "On average, how many stars {does} {S} give in reviews"],
         ["what {P} average star rating is across reviews"], ["{P} average rating over all reviews", "the mean star rating of {P} reviews"],
         ["avg rating", "average stars given"]),
    Kind("min_rating", lambda p: Query("min", types=("review",), field="rating"), (),
         ["What's the lowest rating {S} {has} ever given", "What is the worst star rating in {P} reviews"],
         ["what the lowest rating {S} {has} given is"], ["{P} lowest review rating"],
         ["lowest rating", "min stars given"], ["What is the lowest rating ever given by {O}"]),
    Kind("max_price_bought", lambda p: Query("max", field="price"), (),
         ["What's the highest price {S} {has} paid for an item", "How much did the most expensive item {S} bought cost"],
         ["how much the priciest item {S} {has} bought cost"], ["the price of the most expensive item {S} bought"],
         ["max item price bought", "priciest purchase price"]),
    Kind("min_price_bought", lambda p: Query("min", field="price"), (),
         ["What's the cheapest price {S} {has} paid for an item", "How much did the least expensive thing {S} bought cost"],
         ["what the lowest item price {S} paid was"], ["the price of the cheapest item {S} bought"],
         ["min item price bought", "cheapest purchase price"]),
    Kind("last_return_reason", lambda p: Query("last", types=("return",), field="reason"), (),
         ["Why did {S} return {P} last item", "What was the reason for {P} most recent return"],
         ["why {S} returned {P} last item"], ["the reason given for {P} latest return"],
         ["last return reason", "reason, latest return"], ["For what reason was the last item returned by {O}"]),
    Kind("returns_last_n", lambda p: Query("count", types=("return",), window=("last", p["n"])), ("n",),
         ["How many returns {has} {S} made in the last {n} days", "How many items did {S} send back in the past {n} days"],
         ["how many returns {S} made in the last {n} days"], ["the number of returns {S} made over the last {n} days"],
         ["returns last {n} days", "# returns past {n}d"]),
    Kind("last_support_product", lambda p: Query("last", types=("support_message",), field="title"), (),
         ["Which product was {P} last support message about", "What item did {S} last contact support about"],
         ["which product {P} most recent support message was about"], ["the product {P} latest support message concerned"],
         ["product of last support msg", "last support ticket item"]),
    Kind("support_count_month", lambda p: Query("count", types=("support_message",), window=p["month"]), ("month",),
         ["How many support messages did {S} send in {month}", "How often did {S} contact customer service in {month}"],
         ["how many messages {S} sent to support in {month}"], ["the number of support messages {S} sent in {month}"],
         ["support msgs {month}", "{month} support contacts"]),
    Kind("distinct_categories", lambda p: Query("distinct", field="category"), (),
         ["How many different categories {has} {S} bought from", "From how many product categories {has} {S} purchased"],
         ["how many distinct categories {S} {has} bought from"], ["the number of different categories {S} {has} bought in"],
         ["distinct categories bought", "# categories purchased"]),
    Kind("distinct_brands", lambda p: Query("distinct", field="brand"), (),
         ["How many different brands {has} {S} bought", "How many distinct brands does {P} purchase history include"],
         ["how many different brands {S} {has} bought"], ["the number of distinct brands {S} bought"],
         ["distinct brands bought", "# brands purchased"]),
    Kind("search_count", lambda p: Query("count", types=("search",)), (),
         ["How many searches {has} {S} made", "How many times {has} {S} searched the shop"],
         ["how many searches {S} {has} run"], ["the number of searches {S} {has} made"],
         ["search count", "# searches"], ["How many searches have been made by {O}"]),
    Kind("views_category_last_n", lambda p: Query("count", types=("view",), category=p["cat"], window=("last", p["n"])), ("cat", "n"),
         ["How many times {has} {S} viewed {cat} products in the last {n} days"],
         ["how many {cat} product views {S} had in the last {n} days"], ["the number of {cat} views by {O} over the last {n} days"],
         ["{cat} views last {n} days"], ["How many {cat} products were viewed by {O} in the past {n} days"]),
    Kind("share_category", lambda p: Query("share", category=p["cat"]), ("cat",),
         ["What share of {P} spend went to {cat}", "What percentage of {P} spending is on {cat}"],
         ["what percentage of {P} spend was on {cat}"], ["the share of {P} spend that went to {cat}, as a percentage"],
         ["% spend {cat}", "share of spend in {cat}"]),
    Kind("low_review_count", lambda p: Query("count", types=("review",), rating=(0, p["r"])), ("r",),
         ["How many reviews of {r} stars or less {has} {S} left", "How many of {P} reviews were {r} stars or fewer"],
         ["how many reviews rated {r} stars or less {S} {has} written"], ["the number of {P} reviews with {r} stars or less"],
         ["reviews <= {r} stars", "count of reviews at {r} stars or below"]),
    Kind("last_order_units", lambda p: Query("units", order="last"), (),
         ["How many items were in {P} last order", "How many units did {S} buy in {P} most recent order"],
         ["how many items {P} last order had"], ["the number of units in {P} latest order"],
         ["units in last order", "items, last order"]),
    Kind("first_order_amount", lambda p: Query("amount", order="first"), (),
         ["How much was {P} first order", "What did {S} pay for {P} first order"],
         ["how much {P} first order came to"], ["the value of {P} first order"],
         ["first order amount", "value of first order"], ["How much was paid by {O} for the first order"]),
    Kind("first_review_date", lambda p: Query("first", types=("review",), field="date"), (),
         ["When did {S} write {P} first review", "On what date did {S} first leave a review"],
         ["when {S} first reviewed something"], ["the date of {P} first review"],
         ["first review date", "date of first review"]),
    Kind("orders_year", lambda p: Query("orders", window=("year", p["year"])), ("year",),
         ["How many orders did {S} place in {year}", "How many times did {S} order from us during {year}"],
         ["how many orders {S} placed in {year}"], ["{P} order count for {year}", "the number of orders {S} placed in {year}"],
         ["orders in {year}", "{year} order count"], ["In {year}, how many orders were placed by {O}"]),
    Kind("returns_after", lambda p: Query("count", types=("return",), window=("after", p["date"])), ("date",),
         ["How many returns {has} {S} made after {date}", "How many items did {S} send back after {date}"],
         ["how many returns {S} made after {date}"], ["the number of returns {S} made after {date}"],
         ["returns after {date}"], ["How many items were returned by {O} after {date}"]),
    Kind("last_review_text", lambda p: Query("last", types=("review",), field="text"), (),
         ["What did {S} write in {P} latest review", "What does {P} most recent review say"],
         ["what {S} wrote in {P} last review"], ["the text of {P} most recent review"],
         ["last review text", "latest review wording"]),
    Kind("cart_count_last_n", lambda p: Query("count", types=("cart",), window=("last", p["n"])), ("n",),
         ["How many times {has} {S} added something to the cart in the last {n} days"],
         ["how many cart adds {S} made in the last {n} days"], ["the number of cart adds by {O} in the last {n} days"],
         ["cart adds last {n} days", "# add-to-carts, past {n}d"]),
]
KIND = {k.name: k for k in KINDS}

# topics outside the data: the same shapes, expected null
DECLINES: list[Kind] = [
    Kind("phone", None, (), ["What is {P} phone number"], ["what {P} phone number is"], ["{P} phone number"], ["phone no."]),
    Kind("email", None, (), ["What's {P} email address"], ["what email address {S} {has} on file"], ["{P} email address"], ["email addr"]),
    Kind("address", None, (), ["Where {does} {S} live", "What is {P} home address"], ["where {S} live{s}"], ["{P} street address"], ["home address"]),
    Kind("husband_spend", None, (), ["How much has {P} husband spent", "What did {P} husband spend on electronics"],
         ["how much {P} husband has spent with us"], ["{P} husband's total spend"], ["husband spend"]),
    Kind("income", None, (), ["What is {P} annual income", "How much {does} {S} earn"], ["how much {S} earn{s} a year"], ["{P} salary"], ["income"]),
    Kind("pets", None, (), ["{does} {S} have a dog", "What pets {does} {S} own"], ["whether {S} own{s} any pets"], ["{P} pets"], ["pets?"]),
    Kind("job", None, (), ["What {does} {S} do for a living", "Where {does} {S} work"], ["what {P} job is"], ["{P} occupation"], ["job title"]),
    Kind("health", None, (), ["{does} {S} have any allergies", "What medical conditions {does} {S} have"], ["whether {S} {has} any health issues"],
         ["{P} medical history"], ["health conditions"]),
    Kind("weather", None, (), ["What's the weather like where {S} live{s}", "Will it rain in {P} town tomorrow"],
         ["what the weather is where {S} live{s}"], ["the weather forecast for {P} city"], ["weather there"]),
    Kind("family", None, (), ["How many children {does} {S} have", "{is_} {S} married"], ["how many kids {S} {has}"],
         ["{P} family situation"], ["kids / spouse"]),
    Kind("age", None, (), ["How old {is_} {S}", "When is {P} birthday"], ["how old {S} {is_}"], ["{P} date of birth"], ["age"]),
    Kind("kids_orders", None, (), ["How many orders have {P} kids placed", "What did {P} children buy in the last 30 days"],
         ["how much {P} kids have spent on books"], ["{P} children's orders"], ["kids' orders"]),
]

# --------------------------------------------------------------------------------------------------
# sentence shapes (template families)

PRONOUNS = [
    dict(S="this customer", P="this customer's", O="this customer", has="has", does="does", is_="is", s="s"),
    dict(S="they", P="their", O="them", has="have", does="do", is_="are", s=""),
    dict(S="she", P="her", O="her", has="has", does="does", is_="is", s="s"),
    dict(S="he", P="his", O="him", has="has", does="does", is_="is", s="s"),
    dict(S="the shopper", P="the shopper's", O="the shopper", has="has", does="does", is_="is", s="s"),
    dict(S="the customer", P="the customer's", O="the customer", has="has", does="does", is_="is", s="s"),
]


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _np_bare(np: str) -> str:
    """The noun phrase without its possessive (for 'X for this customer' shapes)."""
    for pron in ("{P} ",):
        if np.startswith(pron):
            return "the " + np[len(pron):]
    return np


def _for_them(np: str) -> str:
    """' for her' unless the phrase already names the customer."""
    return "" if any(slot in np for slot in ("{P}", "{S}", "{O}")) else " for {O}"


# each family: (form it needs, function(form text, rng) -> sentence template)
FAMILIES: dict[str, tuple[str, Callable[[str, random.Random], str]]] = {
    "direct": ("q", lambda f, r: f"{_cap(f)}?"),
    "imperative_give": ("np", lambda f, r: f"{r.choice(['Give me', 'Show me', 'Pull up'])} {f}."),
    "imperative_tell": ("ind", lambda f, r: f"Tell me {f}."),
    "terse_note": ("terse", lambda f, r: f"{f}?"),
    "chatty_filler": ("ind", lambda f, r: f"{r.choice(['Hi, quick one', 'Hey there', 'Morning! Sorry to bother you'])} — could you check {f}? Thanks!"),
    "statement_need": ("ind", lambda f, r: f"I need to know {f}."),
    "what_is_np": ("np", lambda f, r: f"What is {f}?"),
    "lookup_for": ("np", lambda f, r: f"Can you look up {_np_bare(f)}{_for_them(_np_bare(f))}?"),
    "context_prefix": ("q", lambda f, r: f"{r.choice(['Looking at this account', 'About the customer on the line', 'Re this profile'])}: {f}?"),
    "topic_first": ("np", lambda f, r: f"{_cap(_np_bare(f))} — what is it{_for_them(_np_bare(f))}?"),
    "polite_would": ("ind", lambda f, r: f"Would you be able to tell me {f}, please?"),
    "wondering": ("ind", lambda f, r: f"I was wondering {f} — do you know?"),
    "ticket_note": ("terse", lambda f, r: f"{r.choice(['ticket', 'call', 'chat'])} note — {f}, pls"),
    "passive_inverted": ("passive", lambda f, r: f"{_cap(f)}?"),
    "lowercase_q": ("q", lambda f, r: f),  # lower-cased after the slots are filled, no question mark
    "customer_asks": ("q", lambda f, r: f"The customer is asking us something and I'd like to be sure first. {_cap(f)}?"),
}

# follow-up shapes: edit -> template with {x}
FOLLOWUPS: dict[str, dict[str, str]] = {
    "fu_what_about": {"category": "What about {x}?", "brand": "What about {x}?", "window": "What about the last {x} days?",
                      "narrow_month": "What about just {x}?"},
    "fu_and": {"category": "And {x}?", "brand": "And for {x}?", "window": "And in the last {x} days?",
               "narrow_month": "And how many of those were in {x}?"},
    "fu_same_for": {"category": "Same question for {x}.", "brand": "Same for {x}, please.", "window": "Same thing for the past {x} days.",
                    "narrow_month": "Same question, but only {x}."},
    "fu_instead": {"category": "{x} instead?", "brand": "{x} instead?", "window": "last {x} days instead?", "narrow_month": "only in {x}?"},
    "fu_now_do": {"category": "Now do {x}.", "brand": "Now do it for {x}.", "window": "Now do the last {x} days.",
                  "narrow_month": "Now narrow that to {x}."},
    "fu_those": {"category": "How about for {x}?", "brand": "How about {x} products?", "window": "How about over {x} days?",
                 "narrow_month": "How many of those were in {x}?"},
}


def _draw_heldout(names: list[str], seed: int) -> set[str]:
    names = sorted(names)
    return set(random.Random(seed).sample(names, round(len(names) / 3)))


HELDOUT = _draw_heldout(list(FAMILIES), HELDOUT_SEED) | _draw_heldout(list(FOLLOWUPS), HELDOUT_SEED + 1)


def split_of(family: str) -> str:
    return "heldout" if family in HELDOUT else "dev"


# --------------------------------------------------------------------------------------------------
# parameters and sentences


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _date_words(d: str, rng: random.Random) -> str:
    t = pd.Timestamp(d)
    return rng.choice([d, f"{t.day} {MONTHS[t.month - 1]} {t.year}", f"{MONTHS[t.month - 1]} {t.day}, {t.year}"])


def _month_words(window: tuple) -> str:
    return f"{MONTHS[window[2] - 1]} {window[1]}"


def draw_params(shop: Shop, kind: Kind, user: str, rng: random.Random, own: bool) -> tuple[dict, dict]:
    """(query parameters, words for the slots). ``own``: prefer values from the user's own purchases."""
    rows = shop.by_user[user]
    buys = rows[rows["type"] == "purchase"]
    params: dict[str, Any] = {}
    words: dict[str, str] = {}
    for name in kind.params:
        if name == "cat":
            pool = sorted(set(buys["category"].dropna())) if own and len(buys) else []
            params["cat"] = words["cat"] = rng.choice(pool or shop.categories)
        elif name == "brand":
            pool = sorted(set(buys["brand"].dropna())) if own and len(buys) else []
            params["brand"] = words["brand"] = rng.choice(pool or shop.brands[:20])
        elif name == "title":
            pool = sorted(set(buys["title"].dropna())) if len(buys) else []
            if not own or not pool:
                pool = sorted(set(shop.ev.loc[shop.ev["type"] == "purchase", "title"].dropna()))
            params["title"] = words["title"] = rng.choice(pool)
        elif name == "n":
            params["n"] = rng.choice([7, 14, 30, 45, 60, 90])
            words["n"] = str(params["n"])
        elif name == "month":
            source = rows if kind.name == "support_count_month" else buys
            pool = sorted({(t.year, t.month) for t in source["ts"]}) if own and len(source) else []
            y, m = rng.choice(pool or shop.months)
            params["month"] = ("month", y, m)
            words["month"] = _month_words(params["month"])
        elif name == "date":
            day = (shop.clock - rng.randint(10, 100) * DAY).strftime("%Y-%m-%d")
            params["date"] = day
            words["date"] = _date_words(day, rng)
        elif name == "d1":
            a = rng.randint(20, 110)
            b = max(0, a - rng.randint(7, 40))
            params["d1"] = (shop.clock - a * DAY).strftime("%Y-%m-%d")
            params["d2"] = (shop.clock - b * DAY).strftime("%Y-%m-%d")
            words["d1"], words["d2"] = _date_words(params["d1"], rng), _date_words(params["d2"], rng)
        elif name == "year":
            source = buys if own and len(buys) else shop.ev
            params["year"] = int(rng.choice(sorted(set(source["ts"].dt.year))))
            words["year"] = str(params["year"])
        elif name == "r":
            params["r"] = rng.choice([2, 3, 3])
            words["r"] = str(params["r"])
    return params, words


def render(kind: Kind, family: str, words: dict, rng: random.Random) -> str | None:
    form, wrap = FAMILIES[family]
    forms = getattr(kind, form)
    if not forms:
        return None
    template = wrap(rng.choice(forms), rng)
    pron = rng.choice(PRONOUNS)
    text = template.format(**pron, **words) if "{" in template else template
    text = text.replace("{O}", pron["O"])
    return _cap(text) if family != "lowercase_q" else text.lower()


def _usable(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _is_zero(value: Any) -> bool:
    return isinstance(value, (int, float)) and value == 0


def pick(shop: Shop, kind: Kind, rng: random.Random, want_zero: bool) -> tuple[str, dict, dict, Any] | None:
    for attempt in range(80):
        user = rng.choice(shop.users)
        params, words = draw_params(shop, kind, user, rng, own=not want_zero or attempt > 60)
        value = execute(shop, user, kind.build(params))
        if not _usable(value) or (value == "" if isinstance(value, str) else False):
            continue
        if _is_zero(value) != want_zero and attempt < 60:
            continue
        return user, params, words, value
    return None


# follow-up edits: (base kind, edit) -> new parameters
ZERO_MEASURES = {"count", "units", "orders", "amount", "net", "distinct"}
FU_PLANS = [
    ("spend_category", "category"), ("units_category", "category"), ("net_category", "category"), ("share_category", "category"),
    ("orders_category", "category"), ("spend_brand", "brand"), ("units_brand", "brand"), ("spend_last_n", "window"),
    ("orders_last_n", "window"), ("returns_last_n", "window"), ("orders_category", "narrow_month"), ("units_category", "narrow_month"),
    ("units_brand", "narrow_month"),
]


def followup(shop: Shop, rng: random.Random, base: Kind, edit: str, family: str) -> dict | None:
    for _ in range(60):
        got = pick(shop, base, rng, want_zero=False)
        if got is None:
            return None
        user, params, words, _ = got
        rows = shop.by_user[user]
        buys = rows[rows["type"] == "purchase"]
        q = base.build(params)
        if edit == "category":
            others = sorted(set(buys["category"].dropna()) - {params["cat"]}) or [c for c in shop.categories if c != params["cat"]]
            x = rng.choice(others)
            new, kind_name = replace(q, category=x), base.name
        elif edit == "brand":
            others = sorted(set(buys["brand"].dropna()) - {params["brand"]}) or [b for b in shop.brands[:20] if b != params["brand"]]
            x = rng.choice(others)
            new, kind_name = replace(q, brand=x), base.name
        elif edit == "window":
            x = rng.choice([n for n in (7, 14, 30, 60, 90, 120) if n != params["n"]])
            new, kind_name = replace(q, window=("last", x)), base.name
        else:  # narrow_month: "how many of those were in August?"
            sel = select(shop, rows, q)
            if not len(sel):
                continue
            t = sel["ts"].iloc[rng.randrange(len(sel))]
            x = MONTHS[t.month - 1]
            latest = max((y, m) for y, m in [(t.year, t.month), (shop.clock.year, t.month)] if (y, m) <= (shop.clock.year, shop.clock.month))
            month = ("month", latest[0], latest[1])
            new = replace(q, window=month if q.window is None else ("and", q.window, month))
            kind_name = base.name + "+month"
        value = execute(shop, user, new)
        if not _usable(value):
            continue
        first = None
        for _ in range(20):
            # the earlier turns are phrased in families of the follow-up's own split (no held-out shape leaks into dev)
            fam = rng.choice([f for f in FAMILIES if FAMILIES[f][0] in ("q", "np", "ind", "terse") and split_of(f) == split_of(family)])
            first = render(base, fam, words, rng)
            if first:
                break
        history = [first]
        if edit in ("category", "brand", "window") and rng.random() < 0.3:
            # a longer chat: an earlier edit of the same sort came first; the question edits the base again
            column = {"category": "category", "brand": "brand", "window": "n"}[edit]
            pool = {"category": shop.categories, "brand": shop.brands[:20], "window": [7, 14, 30, 60, 90, 120]}[edit]
            between = rng.choice([v for v in pool if v != x and v != params.get({"category": "cat", "brand": "brand", "window": "n"}[edit])])
            other = rng.choice([f for f in FOLLOWUPS if f != family and split_of(f) == split_of(family)] or [family])
            history.append(_cap(FOLLOWUPS[other][edit].format(x=between)))
            del column
        text = FOLLOWUPS[family][edit].format(x=x)
        return {"user_id": user, "history": history, "question": _cap(text), "expected": value, "kind": kind_name, "edit": edit}
    return None


def build(shop: Shop, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    families = list(FAMILIES)
    for k, kind in enumerate(KINDS):
        usable = [f for f in families if getattr(kind, FAMILIES[f][0])]
        order = usable[k % len(usable):] + usable[:k % len(usable)]
        rng.shuffle(order)
        # both splits first, then round-robin
        dev = [f for f in order if split_of(f) == "dev"]
        held = [f for f in order if split_of(f) == "heldout"]
        seq = [held[0], dev[0]] + [f for f in order if f not in (held[0], dev[0])]
        for n in range(PER_KIND):
            family = seq[n % len(seq)]
            zero_ok = kind.build({"cat": "", "brand": "", "title": "", "n": 1, "year": 2000, "month": ("month", 1, 1), "date": "2000-01-01",
                                  "d1": "2000-01-01", "d2": "2000-01-01", "r": 1}).measure in ZERO_MEASURES
            got = pick(shop, kind, rng, want_zero=zero_ok and n % 7 == 6)
            if got is None:
                continue
            user, params, words, value = got
            rows.append({"user_id": user, "question": render(kind, family, words, rng), "expected": value,
                         "kind": kind.name, "family": family})
    fu_families = sorted(FOLLOWUPS)
    for n in range(max(1, len(rows) // 7)):
        base_name, edit = FU_PLANS[n % len(FU_PLANS)]
        family = fu_families[n % len(fu_families)]
        line = followup(shop, rng, KIND[base_name], edit, family)
        if line:
            line["family"] = family
            rows.append(line)
    for n in range(3 * len(DECLINES)):
        topic = DECLINES[n % len(DECLINES)]
        usable = [f for f in families if getattr(topic, FAMILIES[f][0])]
        family = usable[(n * 5 + n // len(DECLINES)) % len(usable)]
        rows.append({"user_id": rng.choice(shop.users), "question": render(topic, family, {}, rng), "expected": None,
                     "kind": "out_of_data", "topic": topic.name, "family": family})
    out, seen = [], set()
    for row in rows:
        key = (row["user_id"], row["question"].lower(), tuple(row.get("history", [])))
        if key in seen:
            continue
        seen.add(key)
        row["split"] = split_of(row["family"])
        n = len(out)
        out.append({"id": f"s{n:03d}", **row})
    return out


def check(rows: list[dict]) -> None:
    print(f"{len(rows)} questions; splits: {dict(Counter(r['split'] for r in rows))}")
    fu = sum("history" in r for r in rows)
    dec = sum(r["expected"] is None for r in rows)
    print(f"follow-ups: {fu} ({fu / len(rows):.1%}); declines: {dec} ({dec / len(rows):.1%})")
    kinds = Counter(r["kind"] for r in rows)
    print(f"{len(kinds)} kinds:")
    for kind, count in sorted(kinds.items()):
        splits = Counter(r["split"] for r in rows if r["kind"] == kind)
        zeros = sum(_is_zero(r["expected"]) for r in rows if r["kind"] == kind)
        print(f"  {kind:28s} {count:3d}  dev {splits['dev']:3d}  heldout {splits['heldout']:3d}  zero {zeros}")
    print("families:")
    for family, count in sorted(Counter(r["family"] for r in rows).items()):
        print(f"  {family:20s} {split_of(family):8s} {count}")
    for r in rows:
        if r["kind"] != "out_of_data":
            assert _usable(r["expected"]) and r["expected"] != "", r
        else:
            assert r["expected"] is None, r
        assert r["question"] and "{" not in r["question"], r
    missing = [k for k in kinds if k != "out_of_data" and "+month" not in k and len({r["split"] for r in rows if r["kind"] == k}) < 2]
    print("kinds missing a split:", missing or "none")


def main() -> None:
    shop_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    rows = build(Shop(shop_dir))
    check(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()

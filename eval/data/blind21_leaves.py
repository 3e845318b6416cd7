"""Blind set 21: the single conditions (leaves) of the ported-segment-definition register. Each leaf carries its
condition dict (as ``blind2_check.holds`` reads it), its customers as a pandas mask computed from ``Ref``, and the
pieces the families need to write it in another tool's conventions: a prose clause (positive and negated), a
field/operator/value row (positive and its exact complement), a key-value object, and a query-language term."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import timedelta

import pandas as pd

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]

NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "returned", "reviewed", "support_count", "orders", "returns_count", "reviews_count", "last_purchase_within",
             "last_seen_within"}

CODES = {"France": "FR", "Germany": "DE", "Netherlands": "NL", "Spain": "ES", "United Kingdom": "GB", "United States": "US"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]

# complement of each comparison (the negated count conditions)
FLIP = {"ge": "lt", "gt": "le", "lt": "ge", "le": "gt", "eq": "ne", "between": "outside"}
SYM = {"ge": ">=", "gt": ">", "lt": "<", "le": "<=", "eq": "=", "ne": "!="}
KEY = {"ge": "gte", "gt": "gt", "lt": "lt", "le": "lte", "eq": "eq", "between": "between"}
OPWORDS = {"ge": ["is at least", "is greater than or equal to", "≥"], "gt": ["is greater than", "is more than", ">"],
           "lt": ["is less than", "is under", "<"], "le": ["is at most", "is less than or equal to", "≤"],
           "eq": ["equals", "is exactly", "="], "ne": ["does not equal", "is not", "≠"]}


def num(v: float) -> str:
    return str(int(v)) if float(v) == int(v) else f"{v:g}"


def money(v: float) -> str:
    return f"{int(v):,}" if float(v) == int(v) else f"{v:,.2f}"


def count_words(rng: random.Random, op: str, v, hi, one: str, many: str) -> str:
    """'at least 3 orders', 'fewer than 2 or more than 5 orders', ...: a count compared, in words."""
    noun = lambda n: one if n == 1 else many  # noqa: E731
    if op == "between":
        return rng.choice([f"between {v} and {hi} {many} (both ends included)", f"anywhere from {v} to {hi} {many} inclusive",
                           f"{v} to {hi} {many}, inclusive"])
    if op == "outside":
        return rng.choice([f"fewer than {v} or more than {hi} {many}", f"either under {v} or over {hi} {many}"])
    if op == "eq":
        if v == 0:
            return f"no {many} at all"
        return rng.choice([f"exactly {v} {noun(v)}", f"precisely {v} {noun(v)}"])
    if op == "ne":
        if v == 0:
            return rng.choice([f"at least one {one}", f"one or more {many}"])
        return rng.choice([f"any number of {many} other than exactly {v} (zero included)",
                           f"a number of {many} that is anything but {v} (none at all counts)"])
    if op == "lt":
        extra = rng.choice(["", " (none at all counts)", " (zero included)"]) if v > 1 else ""
        return (f"no {many} at all" if v == 1 else rng.choice([f"fewer than {v} {many}", f"less than {v} {many}"]) + extra)
    if op == "le":
        if v == 0:
            return f"no {many} at all"
        return rng.choice([f"at most {v} {noun(v)}", f"no more than {v} {noun(v)}", f"{v} {noun(v)} or fewer"]) + \
            rng.choice(["", " (zero included)"])
    if op == "gt":
        return rng.choice([f"more than {v} {noun(v)}", f"over {v} {noun(v)}"])
    return rng.choice([f"at least {v} {noun(v)}", f"{v} or more {many}"]) if v != 1 else rng.choice([f"at least one {one}", f"one or more {many}"])


def amount_words(rng: random.Random, op: str, v, hi=None) -> str:
    if op == "between":
        return rng.choice([f"between {money(v)} and {money(hi)} (inclusive)", f"from {money(v)} up to {money(hi)}, both included"])
    return rng.choice({"ge": [f"at least {money(v)}", f"{money(v)} or more"], "gt": [f"more than {money(v)}", f"above {money(v)}", f"over {money(v)}"],
                       "lt": [f"less than {money(v)}", f"below {money(v)}", f"under {money(v)}"],
                       "le": [f"at most {money(v)}", f"{money(v)} or less"], "eq": [f"exactly {money(v)}"]}[op])


def stars_words(rng: random.Random, op: str, v, hi=None) -> str:
    s = lambda x: f"{num(x)} star" + ("" if x == 1 else "s")  # noqa: E731
    if op == "between":
        return rng.choice([f"between {num(v)} and {num(hi)} stars (inclusive)", f"from {num(v)} to {num(hi)} stars, both ends included"])
    return rng.choice({"ge": [f"{s(v)} or more", f"at least {s(v)}"], "gt": [f"more than {s(v)}", f"above {s(v)}"],
                       "lt": [f"below {s(v)}", f"less than {s(v)}"], "le": [f"{s(v)} or fewer", f"at most {s(v)}"],
                       "eq": [f"exactly {s(v)}"]}[op])


def op_value(rng: random.Random, op: str, v, hi, fmt=str) -> tuple[str, str]:
    """(operator words, value text) for a row."""
    if op == "between":
        return rng.choice(["is between", "between"]), f"{fmt(v)} and {fmt(hi)} (inclusive)"
    if op == "outside":
        return rng.choice(["is not between", "is outside"]), f"{fmt(v)} and {fmt(hi)} (i.e. below {fmt(v)} or above {fmt(hi)})"
    return rng.choice(OPWORDS[op]), fmt(v)


def date_words(rng: random.Random, d: pd.Timestamp) -> str:
    return rng.choice([d.strftime("%Y-%m-%d"), f"{d.day} {MONTHS[d.month - 1]} {d.year}", f"{MONTHS[d.month - 1]} {d.day}, {d.year}",
                       f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"])


def an(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


THE = {"United Kingdom", "United States", "Netherlands"}


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


def of_words(rng: random.Random, op: str, v, hi=None, unit="") -> str:
    """'of at least 4 stars', 'below 30', 'between 3 and 4 stars (inclusive)': a compared value after a noun."""
    u = lambda x: f"{x}{unit and (' ' + (unit[:-1] if x == '1' else unit))}"  # noqa: E731
    v, hi = num(v), num(hi) if hi is not None else None
    return rng.choice({"ge": [f"of at least {u(v)}", f"of {u(v)} or more"], "gt": [f"above {u(v)}", f"of more than {u(v)}"],
                       "lt": [f"below {u(v)}", f"of less than {u(v)}"], "le": [f"of {u(v)} or less", f"of at most {u(v)}"],
                       "eq": [f"of exactly {u(v)}"],
                       "between": [f"between {v} and {u(hi)} (inclusive)", f"of {v} to {u(hi)}, both ends included"]}[op])


def hours(text: str) -> str:
    """A one-day window is said in hours ('the last 1 days' reads wrong)."""
    text = re.sub(r"\b1 days ago", "24 hours ago", text)
    return re.sub(r"\b1 days\b", "24 hours", text)


def days_words(rng: random.Random, d: int) -> str:
    return rng.choice([f"the last {d} days", f"the past {d} days", f"the last {d} days"])


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    neg: bool = False
    f: dict = field(default_factory=dict)

    # ---------------------------------------------------------------- prose (plural verb phrase: "people who ...")
    def say(self, rng: random.Random) -> str:
        """The leaf as the request means it: the negated phrasing when the leaf comes negated."""
        return self.nclause(rng) if self.neg else self.clause(rng)

    def clause(self, rng: random.Random) -> str:
        return hours(self._clause(rng))

    def _clause(self, rng: random.Random) -> str:
        k, f = self.kind, self.f
        d = f.get("days")
        if k == "country":
            return rng.choice([f"are based in {place(f['country'])}", f"have {place(f['country'])} as their country",
                               f"are customers in {place(f['country'])}", f"are located in {place(f['country'])}"])
        if k == "country_not":
            c = place(f["country"])
            return rng.choice([f"have a country on file that is not {c}",
                               f"have a known country other than {c} (blank country left out)",
                               f"are in some recorded country besides {c} (people with no country on file don't count)"])
        if k in ("bought_category", "bought_category_within", "bought_brand", "bought_brand_within"):
            what = self._what(rng)
            if d:
                return rng.choice([f"have bought {what} in {days_words(rng, d)}", f"purchased {what} within {days_words(rng, d)}",
                                   f"have ordered {what} at least once in {days_words(rng, d)}"])
            return rng.choice([f"have bought {what} at some point", f"have ever purchased {what}",
                               f"have ordered {what} at any time"])
        if k == "bought_product":
            return rng.choice([f"have bought the “{f['product']}”", f"have purchased “{f['product']}” at some point",
                               f"have ever ordered the product “{f['product']}”"])
        if k == "last_purchase_within":
            return rng.choice([f"have made a purchase in {days_words(rng, d)}", f"have placed an order within {days_words(rng, d)}",
                               f"bought something in {days_words(rng, d)}"])
        if k == "last_purchase_more":
            return rng.choice([f"made their most recent purchase more than {d} days ago", f"last bought something over {d} days ago",
                               f"have purchased before but not in {days_words(rng, d)}"])
        if k == "last_seen_within":
            return rng.choice([f"have been active on the site (any event at all) in {days_words(rng, d)}",
                               f"have shown any activity (visit, search, order, message...) within {days_words(rng, d)}",
                               f"were last seen within {days_words(rng, d)}"])
        if k == "first_seen":
            return self._first(rng)
        if k == "orders":
            v = count_words(rng, f["op"], f["value"], f.get("high"), "order", "orders")
            return rng.choice([f"have placed {v}", f"have {v} on record"]) if not v.startswith("no ") else f"have placed {v}"
        if k == "aov":
            v, hi = money(f["value"]), money(f["high"]) if f.get("high") else None
            a = rng.choice({"ge": [f"of at least {v}", f"of {v} or more"], "gt": [f"above {v}", f"of more than {v}"],
                            "lt": [f"below {v}", f"of less than {v}"], "le": [f"of {v} or less", f"of at most {v}"],
                            "between": [f"between {v} and {hi} (inclusive)", f"of {v} to {hi}, both ends included"]}[f["op"]])
            return f"have an average order value {a}"
        if k == "net_spend_over":
            m = money(f["value"])
            return rng.choice([f"have a net spend (purchases minus returns) greater than {m}", f"have spent more than {m} in total once returns are taken off",
                               f"have a lifetime spend net of returns above {m}"])
        if k == "net_spend_under":
            a = amount_words(rng, "lt", f["value"])
            if f["buyers_only"]:
                return rng.choice([f"have bought at least once but have a net spend (after returns) {a}",
                                   f"are buyers whose spend net of returns is {a}"])
            return rng.choice([f"have a net spend after returns {a} (never-buyers count as 0)",
                               f"have spent {a} in total after returns (never-buyers included, at zero)"])
        if k in ("returns_count", "reviews_count", "support_count"):
            return self._count_clause(rng, f["op"], f["value"], f.get("high"))
        if k == "returned":
            return rng.choice([f"have returned something from the {f['category']} category", f"have sent back at least one {f['category']} item",
                               f"have returned {an(f['category'] + ' product')}"])
        if k == "reviewed":
            return rng.choice([f"have reviewed a product from the {f['category']} category", f"have written a review of {an(f['category'] + ' item')}",
                               f"have left at least one review on a {f['category']} product"])
        if k.startswith("rating_"):
            s = stars_words(rng, f["op"], f["value"], f.get("high"))
            o = of_words(rng, f["op"], f["value"], f.get("high"), "stars")
            return {"rating_min": rng.choice([f"have a lowest review rating {o}", f"gave {s} in their lowest-rated review"]),
                    "rating_max": rng.choice([f"have a highest review rating {o}", f"gave {s} in their highest-rated review"]),
                    "rating_average": rng.choice([f"have an average review rating {o}", f"have an average star rating across their reviews {o}"]),
                    "rating_latest": rng.choice([f"gave {s} in their most recent review", f"have a latest review rating {o}"])}[k]
        if k == "viewed_not_bought":
            c = f["category"]
            if d:
                return rng.choice([f"viewed {c} products in {days_words(rng, d)} without buying anything from {c} in those same {d} days",
                                   f"browsed the {c} category within {days_words(rng, d)} but made no {c} purchase in that window"])
            return rng.choice([f"have viewed {c} products at some point but never bought anything from {c}",
                               f"have browsed {c} but have never purchased from it"])
        raise ValueError(k)

    def nclause(self, rng: random.Random) -> str:
        return hours(self._nclause(rng))

    def _nclause(self, rng: random.Random) -> str:
        k, f = self.kind, self.f
        d = f.get("days")
        if k in ("bought_category", "bought_category_within", "bought_brand", "bought_brand_within"):
            what = self._nwhat(rng)
            if d:
                return rng.choice([f"have not bought {what} in {days_words(rng, d)} (never having bought it counts too)",
                                   f"haven't purchased {what} within {days_words(rng, d)} (whether or not they bought it earlier)"])
            return rng.choice([f"have never bought {what}", f"have not purchased {what} at any point"])
        if k == "bought_product":
            return rng.choice([f"have never bought the “{f['product']}”", f"have not ever purchased “{f['product']}”"])
        if k == "returned":
            return rng.choice([f"have never returned anything from the {f['category']} category",
                               f"have not sent back any {f['category']} item"])
        if k == "reviewed":
            return rng.choice([f"have never reviewed {an(f['category'] + ' product')}", f"have not written any review of {an(f['category'] + ' item')}"])
        if k == "last_purchase_within":
            return rng.choice([f"have not bought anything in {days_words(rng, d)} (people who have never bought included)",
                               f"have made no purchase within {days_words(rng, d)} (never-buyers included)"])
        if k == "last_seen_within":
            return rng.choice([f"have had no activity of any kind in {days_words(rng, d)}",
                               f"were last seen more than {d} days ago"])
        if k in ("orders", "returns_count", "reviews_count", "support_count"):
            op = FLIP[f["op"]]
            v = f["value"]
            if k == "orders":
                return "have placed " + count_words(rng, op, v, f.get("high"), "order", "orders")
            return self._count_clause(rng, op, v, f.get("high"))
        raise ValueError(f"no negation for {k}")

    def _count_clause(self, rng, op, v, hi) -> str:
        k = self.kind
        if (op, v) in (("eq", 0), ("lt", 1), ("le", 0)):
            return rng.choice({"returns_count": ["have never returned anything", "have made no returns at all"],
                               "reviews_count": ["have never written a review", "have posted no reviews at all"],
                               "support_count": ["have never contacted customer service", "have sent customer service no messages at all"]}[k])
        if k == "returns_count":
            return rng.choice(["have made ", "have logged "]) + count_words(rng, op, v, hi, "return", "returns")
        if k == "reviews_count":
            return rng.choice(["have written ", "have posted "]) + count_words(rng, op, v, hi, "review", "reviews")
        if rng.random() < 0.5:
            return "have sent customer service " + count_words(rng, op, v, hi, "message", "messages")
        return "have messaged customer service " + count_words(rng, op, v, hi, "time", "times")

    def _what(self, rng) -> str:
        f = self.f
        if "category" in f:
            return rng.choice([f"from the {f['category']} category", f"something in {f['category']}", an(f"{f['category']} product")])
        return rng.choice([f"from the brand {f['brand']}", f"something by {f['brand']}", an(f"{f['brand']} product")])

    def _nwhat(self, rng) -> str:
        f = self.f
        if "category" in f:
            return rng.choice([f"anything from the {f['category']} category", f"anything in {f['category']}", an(f"{f['category']} product")])
        return rng.choice([f"anything from the brand {f['brand']}", f"anything by {f['brand']}", an(f"{f['brand']} product")])

    def _first(self, rng) -> str:
        f = self.f
        if f["op"] == "within":
            return rng.choice([f"were first seen in {days_words(rng, f['days'])}", f"first showed up (first event of any kind) within {days_words(rng, f['days'])}"])
        dt = date_words(rng, f["date"])
        if f["op"] == "before":
            return rng.choice([f"were first seen before {dt}", f"had their first recorded activity before {dt}"])
        if f["op"] == "after":
            nxt = date_words(rng, f["date"] + timedelta(days=1))
            return rng.choice([f"were first seen after {dt} (so from {nxt} onwards)", f"had their first recorded activity after {dt}, i.e. {nxt} or later"])
        return rng.choice([f"were first seen on or after {dt}", f"had their first recorded activity on {dt} or later"])

    # ---------------------------------------------------------------- rows: (field, operator, value, timeframe/qualifier)
    def row(self, rng: random.Random) -> tuple[str, str, str, str]:
        return tuple(hours(x) for x in self._row(rng))

    def _row(self, rng: random.Random) -> tuple[str, str, str, str]:
        k, f = self.kind, self.f
        d = f.get("days")
        last = lambda: rng.choice([f"in the last {d} days", f"within the last {d} days"]) if d else rng.choice(["all time", "at any time", "ever"])  # noqa: E731
        if k == "country":
            return rng.choice(["Country", "Customer country", "Country (from orders)"]), rng.choice(["is", "equals"]), f["country"], ""
        if k == "country_not":
            return rng.choice(["Country", "Customer country"]), rng.choice(["is known and is not", "is set and does not equal", "is not blank and is not"]), f["country"], ""
        if k in ("bought_category", "bought_category_within"):
            return rng.choice(["Purchased product category", "Bought from category", "Order item category"]), rng.choice(["includes", "contains"]), f["category"], last()
        if k in ("bought_brand", "bought_brand_within"):
            return rng.choice(["Purchased brand", "Bought from brand", "Order item brand"]), rng.choice(["includes", "contains"]), f["brand"], last()
        if k == "bought_product":
            return rng.choice(["Purchased product", "Products bought", "Order item title"]), rng.choice(["includes", "contains"]), f"“{f['product']}”", rng.choice(["all time", "ever", ""])
        if k == "last_purchase_within":
            return rng.choice([("Last purchase date", "is in the last", f"{d} days", ""), ("Placed an order", "at least once", "", f"in the last {d} days")])
        if k == "last_purchase_more":
            return rng.choice(["Last purchase date", "Most recent order date"]), rng.choice(["is more than", "is over"]), f"{d} days ago", ""
        if k == "last_seen_within":
            return rng.choice(["Last seen (any activity)", "Last activity date", "Last active"]), rng.choice(["is in the last", "is within the last"]), f"{d} days", ""
        if k == "first_seen":
            fld = rng.choice(["First seen date", "First activity date", "First seen"])
            if f["op"] == "within":
                return fld, rng.choice(["is in the last", "is within the last"]), f"{f['days']} days", ""
            op = {"before": rng.choice(["is before", "is earlier than"]), "after": rng.choice(["is after", "is later than"]),
                  "since": rng.choice(["is on or after", "is on or later than"])}[f["op"]]
            return fld, op, date_words(rng, f["date"]), ""
        if k == "orders":
            return (rng.choice(["Number of orders", "Order count", "Total orders placed"]), *op_value(rng, f["op"], f["value"], f.get("high")), rng.choice(["lifetime", "all time", ""]))
        if k == "aov":
            return (rng.choice(["Average order value", "AOV (average order value)", "Avg. order value"]), *op_value(rng, f["op"], f["value"], f.get("high"), money), "")
        if k == "net_spend_over":
            return rng.choice(["Net spend after returns", "Lifetime spend, net of returns", "Net revenue (purchases minus returns)"]), rng.choice(OPWORDS["gt"][:2]), money(f["value"]), ""
        if k == "net_spend_under":
            q = rng.choice(["customers with no purchases included, counted as 0", "never-buyers included at 0"]) if not f["buyers_only"] else \
                rng.choice(["only customers with at least one purchase", "buyers only, i.e. one purchase or more"])
            return rng.choice(["Net spend after returns", "Lifetime spend, net of returns"]), rng.choice(OPWORDS["lt"][:2]), money(f["value"]), q
        if k in ("returns_count", "reviews_count", "support_count"):
            return (self._count_field(rng), *op_value(rng, f["op"], f["value"], f.get("high")), "")
        if k == "returned":
            return rng.choice(["Returned item category", "Category of a returned item", "Returns — product category"]), rng.choice(["includes", "contains"]), f["category"], rng.choice(["all time", ""])
        if k == "reviewed":
            return rng.choice(["Reviewed item category", "Category of a reviewed product", "Reviews — product category"]), rng.choice(["includes", "contains"]), f["category"], rng.choice(["all time", ""])
        if k.startswith("rating_"):
            fld = {"rating_min": ["Lowest review rating", "Minimum star rating given"], "rating_max": ["Highest review rating", "Maximum star rating given"],
                   "rating_average": ["Average review rating", "Mean star rating given"], "rating_latest": ["Latest review rating", "Rating in most recent review"]}[k]
            o, v = op_value(rng, f["op"], f["value"], f.get("high"), num)
            return rng.choice(fld), o, (v + (" star" if v == "1" else " stars")) if f["op"] != "between" else v.replace(" (inclusive)", " stars (inclusive)"), ""
        if k == "viewed_not_bought":
            c = f["category"]
            if d:
                return rng.choice(["Viewed but not purchased — category", "Browsed without buying (category)"]), "is", c, \
                    rng.choice([f"viewed in the last {d} days, with no purchase from it in those {d} days", f"last {d} days: viewed in the window, no purchase of it in the same window"])
            return rng.choice(["Viewed but never purchased — category", "Browsed without ever buying (category)"]), "is", c, "all time: viewed at some point, never bought from it"
        raise ValueError(k)

    def nrow(self, rng: random.Random) -> tuple[str, str, str, str]:
        """The exact complement of the leaf as a row of its own (negatable kinds)."""
        return tuple(hours(x) for x in self._nrow(rng))

    def _nrow(self, rng: random.Random) -> tuple[str, str, str, str]:
        k, f = self.kind, self.f
        d = f.get("days")
        last = (rng.choice([f"in the last {d} days", f"within the last {d} days"]) if d else rng.choice(["all time", "ever"]))
        if k in ("bought_category", "bought_category_within", "bought_brand", "bought_brand_within"):
            thing = f.get("category") or f.get("brand")
            fld = rng.choice(["Purchased product category", "Bought from category"]) if "category" in f else rng.choice(["Purchased brand", "Bought from brand"])
            other = f"Orders with {an(thing)} item" if "category" in f else f"Orders with {an(thing)}-brand item"
            return rng.choice([(fld, rng.choice(["does not include", "does not contain"]), thing, last),
                               (other, "count equals", "0", last)])
        if k == "bought_product":
            return rng.choice(["Purchased product", "Products bought"]), rng.choice(["does not include", "does not contain"]), f"“{f['product']}”", rng.choice(["ever", "all time"])
        if k == "returned":
            return rng.choice(["Returned item category", "Returns — product category"]), rng.choice(["does not include", "does not contain"]), f["category"], rng.choice(["all time", "ever"])
        if k == "reviewed":
            return rng.choice(["Reviewed item category", "Reviews — product category"]), rng.choice(["does not include", "does not contain"]), f["category"], rng.choice(["all time", "ever"])
        if k == "last_purchase_within":
            return rng.choice([("Placed an order", "zero times", "", f"in the last {d} days (never-buyers included)"),
                               ("Orders placed", "count equals", "0", f"in the last {d} days")])
        if k == "last_seen_within":
            return rng.choice([("Last seen (any activity)", "is more than", f"{d} days ago", ""), ("Activity of any kind", "count equals", "0", f"in the last {d} days")])
        if k in ("orders", "returns_count", "reviews_count", "support_count"):
            fld = self._count_field(rng) if k != "orders" else rng.choice(["Number of orders", "Order count"])
            return (fld, *op_value(rng, FLIP[f["op"]], f["value"], f.get("high")), "")
        raise ValueError(f"no negation for {k}")

    def _count_field(self, rng) -> str:
        return rng.choice({"returns_count": ["Number of returns", "Returns made", "Return count"],
                           "reviews_count": ["Number of reviews written", "Review count", "Reviews posted"],
                           "support_count": ["Customer-service messages sent", "Support messages (count)", "Number of support contacts"]}[self.kind])

    # ---------------------------------------------------------------- key-value object (JSON / YAML / URL)
    def kv(self, rng: random.Random) -> dict:
        k, f = self.kind, self.f
        d = f.get("days")
        win = (lambda o: {**o, rng.choice(["within_days", "lookback_days"]): d}) if d else (lambda o: {**o, "timeframe": "all_time"} if rng.random() < 0.5 else o)
        if k == "country":
            return {"field": "country", "op": "eq", "value": f["country"] if rng.random() < 0.7 else CODES[f["country"]]}
        if k == "country_not":
            return {"field": "country", "op": "neq", "value": f["country"], "include_blank": False}
        if k in ("bought_category", "bought_category_within"):
            return win({"field": "purchased_category", "op": "contains", "value": f["category"]})
        if k in ("bought_brand", "bought_brand_within"):
            return win({"field": "purchased_brand", "op": "contains", "value": f["brand"]})
        if k == "bought_product":
            return {"field": "purchased_product_title", "op": "contains", "value": f["product"]}
        if k == "last_purchase_within":
            return {"field": "last_order_date", "op": "in_last_days", "value": d}
        if k == "last_purchase_more":
            return {"field": "last_order_date", "op": "more_than_days_ago", "value": d}
        if k == "last_seen_within":
            return {"field": "last_activity_date", "op": "in_last_days", "value": d}
        if k == "first_seen":
            if f["op"] == "within":
                return {"field": "first_seen_date", "op": "in_last_days", "value": f["days"]}
            return {"field": "first_seen_date", "op": {"before": "before", "after": "after", "since": "on_or_after"}[f["op"]],
                    "value": f["date"].strftime("%Y-%m-%d")}
        if k in ("orders", "aov", "returns_count", "reviews_count", "support_count") or k.startswith("rating_"):
            name = {"orders": "order_count", "aov": "avg_order_value", "returns_count": "return_count", "reviews_count": "review_count",
                    "support_count": "support_message_count", "rating_min": "review_rating_min", "rating_max": "review_rating_max",
                    "rating_average": "review_rating_avg", "rating_latest": "review_rating_latest"}[k]
            if f["op"] == "between":
                return {"field": name, "op": "between", "value": [f["value"], f["high"]], "inclusive": True}
            return {"field": name, "op": KEY[f["op"]], "value": f["value"]}
        if k == "net_spend_over":
            return {"field": "net_spend_after_returns", "op": "gt", "value": f["value"]}
        if k == "net_spend_under":
            return {"field": "net_spend_after_returns", "op": "lt", "value": f["value"], "include_customers_without_orders": not f["buyers_only"]}
        if k == "returned":
            return {"field": "returned_item_category", "op": "contains", "value": f["category"]}
        if k == "reviewed":
            return {"field": "reviewed_item_category", "op": "contains", "value": f["category"]}
        if k == "viewed_not_bought":
            if d:
                return {"field": "viewed_but_not_purchased_category", "op": "eq", "value": f["category"], "within_days": d}
            return {"field": "viewed_but_never_purchased_category", "op": "eq", "value": f["category"], "timeframe": "all_time"}
        raise ValueError(k)

    # ---------------------------------------------------------------- one query-language term
    def expr(self, rng: random.Random) -> str:
        k, f = self.kind, self.f
        d = f.get("days")
        q = lambda s: '"' + s + '"'  # noqa: E731
        win = f", within: {d}d" if d else ""
        if k == "country":
            return f"country = {q(f['country'])}"
        if k == "country_not":
            return f"(country IS NOT NULL AND country != {q(f['country'])})"
        if k in ("bought_category", "bought_category_within"):
            return f"purchased(category: {q(f['category'])}{win})"
        if k in ("bought_brand", "bought_brand_within"):
            return f"purchased(brand: {q(f['brand'])}{win})"
        if k == "bought_product":
            return f"purchased(product: {q(f['product'])})"
        if k == "last_purchase_within":
            return rng.choice([f"last_order_at >= now() - {d}d", f"purchased(within: {d}d)"])
        if k == "last_purchase_more":
            return f"last_order_at < now() - {d}d"
        if k == "last_seen_within":
            return f"last_seen_at >= now() - {d}d"
        if k == "first_seen":
            if f["op"] == "within":
                return f"first_seen_at >= now() - {f['days']}d"
            o = {"before": "<", "after": ">", "since": ">="}[f["op"]]
            return f"first_seen_date {o} {f['date'].strftime('%Y-%m-%d')}"
        if k in ("orders", "aov", "returns_count", "reviews_count", "support_count") or k.startswith("rating_"):
            name = {"orders": "order_count", "aov": "avg_order_value", "returns_count": "return_count", "reviews_count": "review_count",
                    "support_count": "support_message_count", "rating_min": "min(review_rating)", "rating_max": "max(review_rating)",
                    "rating_average": "avg(review_rating)", "rating_latest": "latest(review_rating)"}[k]
            if f["op"] == "between":
                return f"{name} BETWEEN {num(f['value'])} AND {num(f['high'])}"
            return f"{name} {SYM[f['op']]} {num(f['value'])}"
        if k == "net_spend_over":
            return f"net_spend_after_returns > {num(f['value'])}"
        if k == "net_spend_under":
            if f["buyers_only"]:
                return f"(order_count >= 1 AND net_spend_after_returns < {num(f['value'])})"
            return f"coalesce(net_spend_after_returns, 0) < {num(f['value'])}"
        if k == "returned":
            return f"returned(category: {q(f['category'])})"
        if k == "reviewed":
            return f"reviewed(category: {q(f['category'])})"
        if k == "viewed_not_bought":
            c = q(f["category"])
            return f"(viewed(category: {c}{win}) AND NOT purchased(category: {c}{win}))"
        raise ValueError(k)


def _share_ok(mask: pd.Series, negated: bool) -> bool:
    n = int(mask.sum())
    lo, hi = 8, 272
    if not lo <= n <= hi:
        return False
    return not negated or len(mask) - n >= lo


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        self.users = pd.Index(ref.users)
        buys = ref.of("purchase")
        self.buys = buys
        # the customer's country: the most frequent order country (ties: alphabetically first); none without purchases
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        cnt = known.groupby(["user_id", "country"]).size().reset_index(name="n")
        cnt = cnt.sort_values(["user_id", "n", "country"], ascending=[True, False, True])
        self.country = cnt.drop_duplicates("user_id").set_index("user_id")["country"].reindex(self.users)
        self.countries = sorted(self.country.dropna().unique())
        self.orders = ref.orders()
        self.net = ref.net_spend()
        self.aov = ref.aov()
        self.counts = {k: ref.count(t) for k, t in (("returns_count", "return"), ("reviews_count", "review"), ("support_count", "support_message"))}
        self.ratings = {w: ref.rating(w) for w in ("min", "max", "average", "latest")}
        self.first = ref.oldest()
        self.last_buy = ref.newest("purchase")
        self.last_any = ref.newest(None)
        self.clock = ref.clock
        self.categories = list(ref.categories)
        self.brands = list(ref.brands)
        self.titles = list(ref.titles)
        self.has_buy = self.orders > 0
        days0 = ev["ts"].dt.normalize()
        self.first_days = sorted(set(days0[(days0 >= self.first.min().normalize() + pd.Timedelta(days=2))
                                          & (days0 <= self.first.max().normalize() - pd.Timedelta(days=5))]))

    def _m(self, s: pd.Series) -> pd.Series:
        return s.reindex(self.users).fillna(False).astype(bool)

    def _cmp(self, x: pd.Series, op: str, v, hi=None) -> pd.Series:
        ok = x.notna()
        r = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v, "between": (x >= v) & (x <= hi)}[op]
        return self._m(ok & r)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(2000):
            leaf = self._draw(kind)
            if leaf is not None and _share_ok(leaf.mask, negated):
                leaf.neg = negated
                return leaf
        raise RuntimeError(f"no sensible leaf for {kind}")

    def _draw(self, kind: str) -> Leaf | None:
        rng, ref = self.rng, self.ref
        if kind in ("country", "country_not"):
            c = rng.choice(self.countries)
            m = self._m(self.country == c) if kind == "country" else self._m(self.country.notna() & (self.country != c))
            return Leaf(kind, {"kind": kind, "country": c}, m, f={"country": c})
        if kind in ("bought_category", "bought_category_within", "bought_brand", "bought_brand_within"):
            col = "category" if "category" in kind else "brand"
            val = rng.choice(self.categories if col == "category" else self.brands[:45])
            days = rng.choice([7, 14, 21, 30, 45, 60, 90]) if kind.endswith("within") else None
            m = ref.who(ref.of("purchase", days=days, **{col: val}))
            cond = {"kind": kind, col: val}
            if days:
                cond["days"] = days
            return Leaf(kind, cond, m, f={col: val, "days": days})
        if kind == "bought_product":
            t = rng.choice(self.titles)
            return Leaf(kind, {"kind": kind, "product": t}, ref.who(ref.of("purchase", title=t)), f={"product": t})
        if kind in ("last_purchase_within", "last_purchase_more"):
            days = rng.choice([3, 5, 7, 10, 14, 21, 30, 45, 60]) if kind == "last_purchase_within" else rng.choice([7, 10, 14, 21, 30, 45, 60, 90])
            cut = ref.cut(days)
            m = self._m(self.last_buy >= cut) if kind == "last_purchase_within" else self._m(self.last_buy < cut)
            return Leaf(kind, {"kind": kind, "days": days}, m, f={"days": days})
        if kind == "last_seen_within":
            days = rng.choice([1, 2, 3, 5, 7, 10, 14])
            return Leaf(kind, {"kind": kind, "days": days}, self._m(self.last_any >= ref.cut(days)), f={"days": days})
        if kind == "first_seen":
            op = rng.choice(["before", "after", "since", "within"])
            if op == "within":
                days = rng.choice([40, 50, 60, 75, 90, 100])
                return Leaf(kind, {"kind": kind, "op": "within", "days": days}, self._m(self.first >= ref.cut(days)), f={"op": op, "days": days})
            day = rng.choice(self.first_days)
            s = day.strftime("%Y-%m-%d")
            m = {"before": self.first < day, "after": self.first >= day + pd.Timedelta(days=1), "since": self.first >= day}[op]
            return Leaf(kind, {"kind": kind, "op": op, "date": s}, self._m(m), f={"op": op, "date": day})
        if kind in ("orders", "returns_count", "reviews_count", "support_count"):
            x = self.orders if kind == "orders" else self.counts[kind]
            op = rng.choice(["ge", "ge", "gt", "lt", "le", "eq", "between"])
            top = {"orders": 14, "returns_count": 3, "reviews_count": 5, "support_count": 5}[kind]
            v = rng.randint(0 if op in ("eq", "le") else 1, top)
            hi = None
            if op == "between":
                v = rng.randint(1, max(1, top - 1))
                hi = v + rng.randint(1, 4)
            m = self._cmp(x, op, v, hi)
            cond = {"kind": kind, "op": op, "value": v}
            if hi is not None:
                cond["high"] = hi
            return Leaf(kind, cond, m, f={"op": op, "value": v, "high": hi})
        if kind == "aov":
            op = rng.choice(["gt", "ge", "lt", "le", "between"])
            v = rng.choice([15, 20, 25, 30, 40, 50, 60, 75, 100, 150, 200])
            hi = None
            if op == "between":
                v, hi = rng.choice([(20, 50), (25, 75), (30, 60), (40, 100), (50, 150), (15, 40)])
            cond = {"kind": kind, "op": op, "value": v}
            if hi is not None:
                cond["high"] = hi
            return Leaf(kind, cond, self._cmp(self.aov, op, v, hi), f={"op": op, "value": v, "high": hi})
        if kind == "net_spend_over":
            v = rng.choice([50, 100, 150, 200, 250, 300, 500, 750, 1000, 1500, 2000])
            return Leaf(kind, {"kind": kind, "value": v}, self._m(self.net > v), f={"value": v})
        if kind == "net_spend_under":
            v = rng.choice([20, 30, 50, 75, 100, 150, 200, 300])
            b = rng.random() < 0.5
            m = self._m(self.net < v) & (self.has_buy if b else True)
            return Leaf(kind, {"kind": kind, "value": v, "buyers_only": b}, self._m(m), f={"value": v, "buyers_only": b})
        if kind in ("returned", "reviewed"):
            c = rng.choice(self.categories)
            m = ref.who(ref.of("return" if kind == "returned" else "review", category=c))
            return Leaf(kind, {"kind": kind, "category": c}, m, f={"category": c})
        if kind.startswith("rating_"):
            which = kind.split("_")[1]
            x = self.ratings[which]
            if which == "average":
                op = rng.choice(["ge", "gt", "lt", "le", "between"])
                v = rng.choice([2, 2.5, 3, 3.5, 4, 4.5])
                hi = None
                if op == "between":
                    v, hi = rng.choice([(2, 4), (3, 4), (2.5, 3.5), (3, 4.5), (1.5, 3)])
            else:
                op = rng.choice(["ge", "le", "eq", "lt", "gt"])
                v = rng.randint(1, 5)
                hi = None
                if (op, v) in (("ge", 1), ("le", 5), ("lt", 1), ("gt", 5)):
                    return None  # true of every reviewer, or of nobody
            cond = {"kind": kind, "op": op, "value": v}
            if hi is not None:
                cond["high"] = hi
            return Leaf(kind, cond, self._cmp(x, op, v, hi), f={"op": op, "value": v, "high": hi})
        if kind == "viewed_not_bought":
            c = rng.choice(self.categories)
            days = rng.choice([7, 14, 30, 30, 60, 90, None])
            seen = ref.who(ref.of("view", days=days, category=c))
            bought = ref.who(ref.of("purchase", days=days, category=c))
            cond = {"kind": kind, "category": c}
            if days:
                cond["days"] = days
            return Leaf(kind, cond, seen & ~bought, f={"category": c, "days": days})
        raise ValueError(kind)

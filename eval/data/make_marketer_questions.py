"""Write the marketer question set (issue 21): audience questions in many sentence shapes, with the
expected customers computed here in pandas straight from a shop's files (never by Portrait's code).

A line: {"id", "question", "expected_user_ids", "kind", "conditions", "family", "split", "topic"?}

- ``expected_user_ids``: the sorted customer ids, or null: the question asks for data the shop does not
  hold (contact details, income, pets, age, social media, family ...) and must be refused;
- ``kind``: the leaf condition kind for one condition, else the combination, e.g.
  ``and(bought_category,country)`` or ``and(country,not(returned_any))``; ``conditions``: its leaf kinds;
  ``refuse`` for refusals;
- ``family``: the sentence shape; ``split``: about a third of the families, drawn by
  ``random.Random(HELDOUT_SEED)`` over the sorted family names, are ``heldout`` (every question of them),
  the rest ``dev``. Every single-condition kind appears in both splits.

Meanings: those documented at the top of retrieval/audience/query.py, re-implemented here from scratch:

- a customer = anyone with at least one event; data clock = the newest event. "in the last N days" =
  ``ts >= clock - N x 24h``; "more than N days ago" = ``ts < clock - N x 24h``; "before D" =
  ``ts < D 00:00 UTC``; "since D" / "on or after D" = ``ts >= D 00:00``.
- country: the most common ``attrs.country`` over the customer's purchases (over all their events when no
  purchase has one); ties go to the alphabetically first.
- first seen = oldest event, last seen = newest event, last purchase = newest purchase (customers without
  purchases match no last-purchase condition; "haven't ordered in N days" = not(last purchase within N
  days) and includes people who never ordered).
- orders = distinct ``attrs.order_id`` of purchases (``invoice``, else the purchase's UTC day, when
  missing); net spend = sum price x quantity (missing quantity = 1) of purchases minus returns ("spent"
  always means net spend); average order value = purchase amount / orders (no orders: matches nothing);
  returns / reviews / support messages = number of events of that type.
- bought / returned / reviewed X = at least one purchase / return / review of a product of category X,
  brand X or the product titled X (optionally within the last N days); browsed X without buying = at
  least one view or cart of X and no purchase of X (both within the window when one is given).
- ratings (latest / lowest / highest / average) are over the customer's review events with a rating;
  customers without a rated review match no rating condition.
- "and" / "or" / "not" combine conditions; "never bought X" = not(bought X).

Thresholds come from the data (quantiles rounded to round numbers). Profile labels, support intents and
"likely to buy" are left out (they need built models).

Regenerate (SHOP_DIR = the folder ``portrait generate-demo --out SHOP_DIR`` writes with its defaults):

    .venv/bin/portrait generate-demo --out /tmp/qshop
    .venv/bin/python eval/data/make_marketer_questions.py /tmp/qshop eval/data/marketer_questions.jsonl

It prints counts per kind / family / split and the share of refusals, and fails on an empty question.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

DAY = pd.Timedelta(days=1)
SEED = 21
HELDOUT_SEED = 2026
PER_LEAF = 7
COMBOS = 115


class Ref:
    def __init__(self, folder: Path) -> None:
        ev = pd.read_json(folder / "events.jsonl", lines=True, dtype=False)
        products = pd.read_json(folder / "products.jsonl", lines=True, dtype=False)
        ev["event_id"] = ev["event_id"].astype(str)
        ev["user_id"] = ev["user_id"].astype(str)
        ev["ts"] = pd.to_datetime(ev["ts"], utc=True, format="ISO8601")
        attrs = ev["attrs"].apply(lambda a: a if isinstance(a, dict) else {}) if "attrs" in ev else pd.Series([{}] * len(ev), index=ev.index)
        ev["order"] = attrs.apply(lambda a: a.get("order_id") or a.get("invoice"))
        ev["country"] = attrs.apply(lambda a: a.get("country") or None)
        for column in ("quantity", "price", "rating"):
            ev[column] = pd.to_numeric(ev[column], errors="coerce") if column in ev else np.nan
        ev["money"] = ev["quantity"].fillna(1) * ev["price"].fillna(0)
        products["item_id"] = products["item_id"].astype(str)
        info = products.set_index("item_id")
        ev["item_id"] = ev["item_id"].where(ev["item_id"].notna(), None)
        for column in ("title", "category", "brand"):
            ev[column] = ev["item_id"].map(lambda i, c=column: info[c].get(str(i)) if i is not None else None)
        self.ev = ev.sort_values(["user_id", "ts", "event_id"], kind="stable")
        self.users = sorted(ev["user_id"].unique())
        self.clock = ev["ts"].max()
        self.categories = sorted({c for c in products["category"].dropna() if c})
        buys = self.of("purchase")
        self.brands = [b for b in buys["brand"].value_counts().index if b]
        titles = buys["title"].value_counts()
        unique_titles = products["title"].value_counts()
        self.titles = [t for t in titles.index if t and unique_titles.get(t, 0) == 1][:40]

    def of(self, kind: str | tuple | None = None, days: int | None = None, **match: str) -> pd.DataFrame:
        rows = self.ev
        if kind is not None:
            rows = rows[rows["type"].isin([kind] if isinstance(kind, str) else list(kind))]
        if days is not None:
            rows = rows[rows["ts"] >= self.clock - days * DAY]
        for column, value in match.items():
            rows = rows[rows[column] == value]
        return rows

    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users, index=self.users).isin(set(rows["user_id"]))

    def series(self, values: pd.Series, fill: Any = np.nan) -> pd.Series:
        return values.reindex(self.users).fillna(fill) if fill is not np.nan else values.reindex(self.users)

    # per-customer values
    def country(self) -> pd.Series:
        out = {}
        for user, rows in self.ev.groupby("user_id"):
            for subset in (rows[rows["type"] == "purchase"], rows):
                known = subset["country"].dropna()
                known = known[known != ""]
                if len(known):
                    counts = known.value_counts()
                    out[user] = sorted(counts[counts == counts.max()].index)[0]
                    break
        return pd.Series(out, dtype=object).reindex(self.users)

    def orders(self) -> pd.Series:
        buys = self.of("purchase")
        key = buys["order"].astype(object).where(buys["order"].notna(), buys["ts"].dt.strftime("%Y-%m-%d")).astype(str)
        return self.series(key.groupby(buys["user_id"]).nunique(), 0)

    def net_spend(self) -> pd.Series:
        buy = self.of("purchase").groupby("user_id")["money"].sum()
        back = self.of("return").groupby("user_id")["money"].sum()
        return (self.series(buy, 0.0) - self.series(back, 0.0)).round(2)

    def aov(self) -> pd.Series:
        spent = self.series(self.of("purchase").groupby("user_id")["money"].sum(), 0.0)
        orders = self.orders()
        return (spent / orders.where(orders > 0)).round(2)

    def count(self, kind: str) -> pd.Series:
        return self.series(self.of(kind).groupby("user_id").size(), 0)

    def rating(self, which: str) -> pd.Series:
        rated = self.of("review")
        rated = rated[rated["rating"].notna()].groupby("user_id")["rating"]
        return self.series({"latest": rated.last(), "min": rated.min(), "max": rated.max(), "average": rated.mean()}[which])

    def newest(self, kind: str | None) -> pd.Series:
        return self.series(self.of(kind).groupby("user_id")["ts"].max())

    def oldest(self) -> pd.Series:
        return self.series(self.ev.groupby("user_id")["ts"].min())

    def cut(self, days: int) -> pd.Timestamp:
        return self.clock - days * DAY


def _round(value: float) -> int:
    step = 10 ** max(0, len(str(int(abs(value)))) - 1) if value >= 10 else 1
    return int(max(step, round(value / step) * step))


def _true(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
ADJ = {"Germany": "German", "United Kingdom": "British", "United States": "American", "France": "French", "Netherlands": "Dutch",
       "Spain": "Spanish", "Italy": "Italian", "Ireland": "Irish", "Poland": "Polish", "Sweden": "Swedish", "Belgium": "Belgian",
       "Austria": "Austrian", "Portugal": "Portuguese", "Denmark": "Danish", "Canada": "Canadian", "Australia": "Australian"}


THE = {"United Kingdom", "United States", "Netherlands", "Czech Republic", "Philippines", "United Arab Emirates", "Channel Islands"}


def place(country: str) -> str:
    """The country as written after 'in' / 'from' ("the Netherlands")."""
    return f"the {country}" if country in THE else country


@dataclass
class Leaf:
    kind: str
    mask: pd.Series
    vp: list[str]  # verb phrases after "who": slots {have} {are} {do} {s} {their}
    mod: list[str]  # noun modifiers after "customers" ("with at least 3 orders", "whose ...")
    neg: list[str]  # negated verb phrases (for not(...)), same slots
    country: str | None = None


class Leaves:
    """Draws one leaf condition of a kind, with its gold mask and its words."""

    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        self.country = ref.country()
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders, self.spend, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.returns, self.reviews, self.support = ref.count("return"), ref.count("review"), ref.count("support_message")

    def _days_ago(self, when: pd.Series, q: float, default: list[int]) -> int:
        """A round number of days back to the q-quantile of a per-customer time (so the answer is not
        everyone or no one), or one of ``default`` when that already splits the customers."""
        n = self.rng.choice(default)
        share = float((when >= self.ref.cut(n)).mean())
        if 0.05 < share < 0.95:
            return n
        days = float((self.ref.clock - when.dropna().quantile(q)) / DAY)
        step = 5 if days < 100 else 10
        return max(step, int(round(days / step) * step))

    def _date(self, days_back: int) -> tuple[pd.Timestamp, str]:
        day = (self.ref.clock - days_back * DAY).normalize()
        words = self.rng.choice([day.strftime("%Y-%m-%d"), f"{day.day} {MONTHS[day.month - 1]} {day.year}",
                                 f"{MONTHS[day.month - 1]} {day.day}, {day.year}"])
        return day, words

    def draw(self, kind: str) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r, ref = self.rng, self.ref
        n = r.choice([7, 14, 30, 45, 60, 90])
        cat = r.choice(ref.categories)
        brand = r.choice(ref.brands[:15])
        if kind == "country":
            code = r.choice(self.countries[:6])
            c = place(code)
            mod = [f"from {c}", f"based in {c}", f"located in {c}"]
            return Leaf(kind, self.country == c, ["{are} based in " + c, "live{s} in " + c, "{are} from " + c, "shop{s} with us from " + c],
                        mod, ["{are} not based in " + c, "live{s} outside " + c], country=code)
        if kind == "country_or":
            a, b = r.sample(self.countries[:6], 2)
            mask = self.country.isin([a, b])
            a, b = place(a), place(b)
            return Leaf(kind, mask, [f"{{are}} based in {a} or {b}", f"live{{s}} in either {a} or {b}"],
                        [f"from {a} or {b}", f"in {a} or {b}"], [])
        if kind == "country_not":
            code = r.choice(self.countries[:4])
            c = place(code)
            return Leaf(kind, self.country != code, [f"{{are}} not based in {c}", f"live{{s}} outside {c}"],
                        [f"outside {c}", f"not located in {c}"], [])
        if kind == "first_seen_within":
            n = self._days_ago(self.first, r.choice([0.6, 0.75, 0.85]), [14, 30, 45, 60])
            return Leaf(kind, _true(self.first >= ref.cut(n)), [f"first showed up in the last {n} days", f"{{have}} joined us within the past {n} days",
                        f"first visited the shop less than {n} days ago"], [f"first seen in the last {n} days", f"new in the past {n} days"], [])
        if kind == "first_seen_before":
            day, words = self._date(self._days_ago(self.first, r.choice([0.3, 0.5, 0.7]), list(range(40, 101))))
            return Leaf(kind, _true(self.first < day), [f"first visited before {words}", f"{{have}} been around since before {words}"],
                        [f"first seen before {words}", f"whose first visit was before {words}"], [])
        if kind == "last_seen_within":
            return Leaf(kind, _true(self.last_any >= ref.cut(n)), [f"{{have}} been active in the last {n} days", f"visited the shop within the past {n} days"],
                        [f"active in the last {n} days", f"seen within the past {n} days"],
                        [f"{{have}} not been active in the last {n} days", f"{{have}}n't visited in {n} days"])
        if kind == "last_purchase_within":
            return Leaf(kind, _true(self.last_buy >= ref.cut(n)), [f"bought something in the last {n} days", f"{{have}} placed an order within the past {n} days",
                        f"made a purchase during the last {n} days"], [f"with a purchase in the last {n} days", f"whose last order was within the past {n} days"],
                        [f"{{have}}n't ordered in the last {n} days", f"{{have}} not bought anything in {n} days", f"{{have}} made no purchase in the past {n} days"])
        if kind == "last_purchase_more":
            n = r.choice([30, 45, 60, 65, 75, 90])
            return Leaf(kind, _true(self.last_buy < ref.cut(n)), [f"made {{their}} last purchase more than {n} days ago", f"last bought something over {n} days ago"],
                        [f"whose latest purchase was more than {n} days ago", f"whose most recent order is over {n} days old"], [])
        if kind == "orders_at_least":
            k = r.choice([2, 3, 4, 5, 8])
            return Leaf(kind, self.orders >= k, [f"{{have}} placed at least {k} orders", f"ordered {k} or more times"],
                        [f"with at least {k} orders", f"with {k}+ orders", f"who have {k} or more orders on record"],
                        [f"{{have}} placed fewer than {k} orders"])
        if kind == "orders_fewer":
            k = r.choice([2, 3, 4])
            return Leaf(kind, self.orders < k, [f"{{have}} placed fewer than {k} orders", f"ordered less than {k} times"],
                        [f"with fewer than {k} orders", f"with under {k} orders"], [])
        if kind == "orders_exactly_one":
            return Leaf(kind, self.orders == 1, ["ordered exactly once", "{have} placed just one order"], ["with exactly one order", "with a single order"], [])
        if kind == "net_spend_over":
            x = _round(float(self.spend[self.spend > 0].quantile(r.choice([0.4, 0.6, 0.75]))))
            return Leaf(kind, self.spend > x, [f"{{have}} spent more than {x}", f"{{have}} spent over €{x:,} after returns"],
                        [f"with a net spend above {x}", f"whose spend after returns is over {x}"], [f"{{have}} spent no more than {x}"])
        if kind == "net_spend_under":
            x = _round(float(self.spend[self.spend > 0].quantile(r.choice([0.25, 0.4]))))
            return Leaf(kind, self.spend < x, [f"{{have}} spent less than {x}", f"{{have}} spent under {x} euros in total"],
                        [f"with net spend below {x}", f"whose total spend is under {x}"], [])
        if kind == "aov_over":
            x = _round(float(self.aov.quantile(r.choice([0.5, 0.7]))))
            return Leaf(kind, _true(self.aov > x), [f"spend{{s}} more than {x} per order on average", f"{{have}} an average order value above {x}"],
                        [f"whose average order value is above {x}", f"with an average basket over {x}"], [])
        if kind == "returns_at_least":
            k = r.choice([1, 1, 2, 3])
            one = "at least one return" if k == 1 else f"at least {k} returns"
            return Leaf(kind, self.returns >= k, [f"{{have}} made {one}", f"sent back {'something' if k == 1 else f'{k} or more items'}"],
                        [f"with {one}", f"with {one} on record"], ["{have} never returned anything", "{have} made no returns"])
        if kind == "reviews_any":
            return Leaf(kind, self.reviews >= 1, ["{have} left us a review", "{have} written at least one review", "reviewed something"],
                        ["with at least one review", "who have reviewed a product"], ["{have} never written a review", "{have} not left any reviews"])
        if kind == "reviews_at_least":
            k = r.choice([2, 3])
            return Leaf(kind, self.reviews >= k, [f"{{have}} written at least {k} reviews", f"reviewed {k} or more products"],
                        [f"with {k}+ reviews", f"with at least {k} reviews"], [])
        if kind == "support_at_least":
            k = r.choice([1, 2, 3])
            many = "a message" if k == 1 else f"at least {k} messages"
            return Leaf(kind, self.support >= k, [f"{{have}} sent {many} to customer service", f"contacted support {k} or more times" if k > 1 else "contacted support"],
                        [f"with {k}+ support messages", f"with at least {k} support contact{'s' if k > 1 else ''}"],
                        ["{have} never contacted support"] if k == 1 else [])
        if kind == "bought_category":
            return Leaf(kind, ref.who(ref.of("purchase", category=cat)), [f"bought {cat}", f"{{have}} ordered something from {cat}", f"{{have}} a {cat} purchase on record"],
                        [f"with a {cat} purchase on record", f"who have bought {cat} before"],
                        [f"{{have}} never bought {cat}", f"{{have}} not purchased any {cat}", f"{{have}} never ordered from {cat}"])
        if kind == "bought_category_within":
            return Leaf(kind, ref.who(ref.of("purchase", n, category=cat)), [f"bought {cat} in the last {n} days", f"{{have}} ordered {cat} within the past {n} days"],
                        [f"with a {cat} purchase in the last {n} days"], [f"{{have}}n't bought {cat} in the last {n} days"])
        if kind == "bought_brand":
            return Leaf(kind, ref.who(ref.of("purchase", brand=brand)), [f"bought {brand} products", f"purchased from {brand}", f"{{have}} ordered anything by {brand}"],
                        [f"with a {brand} purchase", f"who have bought {brand}"], [f"{{have}} never bought {brand}", f"{{have}} never purchased from {brand}"])
        if kind == "bought_product":
            title = r.choice(ref.titles)
            return Leaf(kind, ref.who(ref.of("purchase", title=title)), [f"bought the {title}", f"purchased {title}"],
                        [f"who own a {title} from us", f"with {title} in a past order"], [f"{{have}} never bought the {title}"])
        if kind == "browsed_not_bought":
            within = r.choice([None, None, 30, 60])
            looked = ref.who(ref.of(("view", "cart"), within, category=cat)) & ~ref.who(ref.of("purchase", within, category=cat))
            tail = "" if within is None else f" in the last {within} days"
            return Leaf(kind, looked, [f"looked at {cat} but never bought any{tail}", f"viewed {cat}{tail} without buying", f"browsed {cat}{tail} but didn't purchase"],
                        [f"who browsed {cat}{tail} without buying"], [])
        if kind == "returned_category":
            return Leaf(kind, ref.who(ref.of("return", category=cat)), [f"returned {cat} items", f"sent back something from {cat}"],
                        [f"with a {cat} return", f"who have returned {cat}"], [f"{{have}} never returned {cat}"])
        if kind == "reviewed_category":
            return Leaf(kind, ref.who(ref.of("review", category=cat)), [f"reviewed {cat} products", f"left a review on a {cat} item"],
                        [f"with a {cat} review"], [f"{{have}} never reviewed {cat}"])
        if kind == "reviewed_brand":
            return Leaf(kind, ref.who(ref.of("review", brand=brand)), [f"reviewed {brand}", f"{{have}} written a review of a {brand} product"],
                        [f"with a review of {brand}"], [])
        if kind == "rating_latest_low":
            k = r.choice([2, 3])
            return Leaf(kind, _true(ref.rating("latest") <= k), [f"gave {k} stars or less in {{their}} latest review", f"{{have}} a latest review of {k} stars or below"],
                        [f"whose latest rating is {k} or lower", f"whose most recent review is at most {k} stars"], [])
        if kind == "rating_min_low":
            k = r.choice([1, 2])
            return Leaf(kind, _true(ref.rating("min") <= k), [f"{{have}} ever given {k} star{'s' if k > 1 else ''} or fewer", f"left a {k}-star review or worse"],
                        [f"whose lowest rating is {k} or below"], [])
        if kind == "rating_avg_high":
            x = r.choice([4, 4.5])
            return Leaf(kind, _true(ref.rating("average") >= x), [f"give{{s}} {x} stars or more on average", f"{{have}} an average rating of at least {x}"],
                        [f"whose average rating is at least {x}", f"with an average review score of {x}+"], [])
        if kind == "rating_max_five":
            return Leaf(kind, _true(ref.rating("max") == 5), ["{have} given a 5-star review", "left at least one five-star rating"],
                        ["with a 5-star review", "whose highest rating is 5"], [])
        raise ValueError(kind)


LEAF_KINDS = ["country", "country_or", "country_not", "first_seen_within", "first_seen_before", "last_seen_within", "last_purchase_within",
              "last_purchase_more", "orders_at_least", "orders_fewer", "orders_exactly_one", "net_spend_over", "net_spend_under", "aov_over",
              "returns_at_least", "reviews_any", "reviews_at_least", "support_at_least", "bought_category", "bought_category_within",
              "bought_brand", "bought_product", "browsed_not_bought", "returned_category", "reviewed_category", "reviewed_brand",
              "rating_latest_low", "rating_min_low", "rating_avg_high", "rating_max_five"]
NEGATABLE = ["last_seen_within", "last_purchase_within", "returns_at_least", "reviews_any", "bought_category", "bought_brand", "support_at_least",
             "orders_at_least", "returned_category", "bought_category_within"]

# sentence shapes: {N} noun phrase (plural or singular), {VP} verb phrase (agreeing), {MOD} modifier
FAMILIES: dict[str, dict[str, Any]] = {
    "which_customers": {"number": "pl", "t": "Which {N} {VP}?", "n": ["customers", "shoppers"]},
    "who_sg": {"number": "sg", "t": "Who {VP}?", "n": None},
    "pull_up_every": {"number": "sg", "t": "Pull up every {N} who {VP}.", "n": ["customer", "shopper"]},
    "find_pl": {"number": "pl", "t": "Find {N} who {VP}.", "n": ["customers", "people"]},
    "give_everyone": {"number": "sg", "t": "Give me everyone who {VP}.", "n": None},
    "how_many": {"number": "pl", "t": "How many {N} {VP}?", "n": ["customers", "shoppers"]},
    "terse_list": {"number": "pl", "t": "{N} who {VP}", "n": ["customers", "shoppers"]},
    "i_need_list": {"number": "pl", "t": "I need a list of all {N} who {VP}.", "n": ["shoppers", "customers"]},
    "campaign_segment": {"number": "pl", "t": "For the next promo, build me a segment of {N} who {VP}.", "n": ["customers", "buyers"]},
    "show_people_that": {"number": "pl", "t": "Can you show me the {N} that {VP}?", "n": ["people", "customers"]},
    "anyone_who": {"number": "sg", "t": "Is there anyone who {VP}? List them all.", "n": None},
    "chatty_favour": {"number": "pl", "t": "Hey, quick favour — could you get me the {N} who {VP}? Thanks!", "n": ["shoppers", "customers"]},
    "mod_please": {"number": "mod", "t": "{N} {MOD}, please.", "n": ["Customers", "All shoppers"]},
    "topic_first": {"number": "pl", "t": "{N} that {VP} — who are they?", "n": ["Customers", "Shoppers"]},
    "tell_me_which": {"number": "pl", "t": "Tell me which {N} {VP}.", "n": ["customers", "shoppers"]},
    "mod_list_everyone": {"number": "mod", "t": "List every {N} {MOD}.", "n": ["customer", "account"]},
}
AGREE = {"pl": dict(have="have", are="are", do="do", s="", their="their"), "sg": dict(have="has", are="is", do="does", s="s", their="their")}
# a customer "whose"/"with" phrase used with a singular noun: fix "who have" inside modifiers
SG_MOD_FIX = {"who have ": "who has ", "who own ": "who owns "}


def _draw_heldout(names: list[str], seed: int) -> set[str]:
    names = sorted(names)
    return set(random.Random(seed).sample(names, round(len(names) / 3)))


HELDOUT = _draw_heldout(list(FAMILIES), HELDOUT_SEED)


def split_of(family: str) -> str:
    return "heldout" if family in HELDOUT else "dev"


REFUSE_VP = ["own{s} a dog", "earn{s} more than 50,000 a year", "{are} older than 40", "{have} more than 1,000 Instagram followers",
             "{are} married", "{have} young children", "{are} women under 30", "{have} a university degree", "own{s} a house",
             "vote{s} for the Greens", "{have} a cat", "follow{s} us on TikTok"]
REFUSE_MOD = ["with a salary above 3,000 a month", "with pets", "aged 25 to 35", "with an Instagram account", "with kids at home",
              "with a home address in Berlin"]
CONTACT_TAIL = [" Include their phone numbers.", " And give me their email addresses.", " I need their home addresses too.",
                " Export their emails and phone numbers."]


def phrase(leaves: list[tuple[Leaf, bool]], joiner: str, family: str, rng: random.Random) -> str | None:
    """One sentence for the conjunction / disjunction of leaves (bool = negated) in a family's shape."""
    spec = FAMILIES[family]
    number = spec["number"]
    noun = rng.choice(spec["n"]) if spec["n"] else ""
    country_leaf = next((leaf for leaf, neg in leaves if leaf.kind == "country" and not neg), None)
    parts = list(leaves)
    if country_leaf is not None and spec["n"] and joiner == "and" and len(leaves) > 1 and rng.random() < 0.6:
        parts = [(leaf, neg) for leaf, neg in leaves if leaf is not country_leaf]
        c = country_leaf.country
        if c in ADJ and rng.random() < 0.5 and not noun[0].isupper():
            noun = f"{ADJ[c]} {noun}"
        elif c in ADJ and rng.random() < 0.5:
            noun = f"{noun} {rng.choice(['from', 'in', 'based in'])} {place(c)}"
        else:
            noun = f"{noun} from {place(c)}"
    agree = AGREE["sg" if number == "sg" else "pl"]
    if number == "mod":
        if any(neg or not leaf.mod for leaf, neg in parts):
            return None
        mods = [rng.choice(leaf.mod) for leaf, _ in parts]
        mod = f" {joiner} ".join(mods)
        if noun in ("customer", "account"):
            for a, b in SG_MOD_FIX.items():
                mod = mod.replace(a, b)
        text = spec["t"].format(N=noun, MOD=mod)
    else:
        vps = []
        for leaf, neg in parts:
            options = leaf.neg if neg else leaf.vp
            if not options:
                return None
            vps.append(rng.choice(options).format(**agree))
        vp = f" {joiner} ".join(vps) if len(vps) < 3 else ", ".join(vps[:-1]) + f" {joiner} " + vps[-1]
        text = spec["t"].format(N=noun, VP=vp)
    return text[0].upper() + text[1:] if family != "terse_list" else text


def kind_label(leaves: list[tuple[Leaf, bool]], joiner: str) -> str:
    names = sorted(f"not({leaf.kind})" if neg else leaf.kind for leaf, neg in leaves)
    return names[0] if len(names) == 1 else f"{joiner}({','.join(names)})"


def build(ref: Ref, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    leaves = Leaves(ref, rng)
    families = sorted(FAMILIES)
    dev = [f for f in families if split_of(f) == "dev"]
    held = [f for f in families if split_of(f) == "heldout"]
    rows: list[dict] = []

    def emit(parts: list[tuple[Leaf, bool]], joiner: str, family_pool: list[str]) -> bool:
        for _ in range(30):
            family = rng.choice(family_pool)
            text = phrase(parts, joiner, family, rng)
            if text:
                masks = [~leaf.mask if neg else leaf.mask for leaf, neg in parts]
                mask = masks[0]
                for m in masks[1:]:
                    mask = (mask & m) if joiner == "and" else (mask | m)
                rows.append({"question": text, "expected_user_ids": sorted(mask[mask].index), "kind": kind_label(parts, joiner),
                             "conditions": sorted({leaf.kind for leaf, _ in parts}), "family": family})
                return True
        return False

    for kind in LEAF_KINDS:  # single conditions, both splits
        for n in range(PER_LEAF):
            pool = held if n in (0, 3) else dev
            for _ in range(10):
                leaf = leaves.draw(kind)
                if 0 < leaf.mask.sum() < len(ref.users) and emit([(leaf, False)], "and", pool):
                    break
    # negations alone
    for kind in NEGATABLE:
        for n in range(2):
            for _ in range(10):
                leaf = leaves.draw(kind)
                if 0 < (~leaf.mask).sum() < len(ref.users) and emit([(leaf, True)], "and", held if n == 0 else dev):
                    break
    # combinations
    made = 0
    tries = 0
    while made < COMBOS and tries < COMBOS * 20:
        tries += 1
        size = rng.choice([2, 2, 2, 3])
        kinds = rng.sample(LEAF_KINDS, size)
        if rng.random() < 0.4 and "country" not in kinds:
            kinds[0] = "country"
        if len({k.split("_")[0] for k in kinds}) < size:
            continue
        joiner = "or" if rng.random() < 0.15 else "and"
        parts = []
        for k in kinds:
            negate = joiner == "and" and k in NEGATABLE and rng.random() < 0.3 and not any(neg for _, neg in parts)
            parts.append((leaves.draw(k), negate))
        if joiner == "or" and any(leaf.kind.startswith("country") for leaf, _ in parts):
            continue
        masks = [~leaf.mask if neg else leaf.mask for leaf, neg in parts]
        mask = masks[0]
        for m in masks[1:]:
            mask = (mask & m) if joiner == "and" else (mask | m)
        if not 0 < mask.sum() < len(ref.users):
            continue
        if emit(parts, joiner, held if made % 3 == 0 else dev):
            made += 1
    # refusals
    total = len(rows)
    n_refuse = max(20, round(0.07 * total))
    for n in range(n_refuse):
        family = families[n % len(families)]
        spec = FAMILIES[family]
        agree = AGREE["sg" if spec["number"] == "sg" else "pl"]
        noun = rng.choice(spec["n"]) if spec["n"] else ""
        if n % 4 == 3:  # a real audience, asking for contact details
            for _ in range(30):
                leaf = leaves.draw(rng.choice(["bought_category", "country", "returns_at_least", "orders_at_least", "last_purchase_within"]))
                text = phrase([(leaf, False)], "and", family, rng)
                if text:
                    break
            if not text:
                continue
            text = text.rstrip() + rng.choice(CONTACT_TAIL)
            topic = "contact"
        elif spec["number"] == "mod":
            text = spec["t"].format(N=noun, MOD=rng.choice(REFUSE_MOD))
            topic = "attribute"
        else:
            vp = rng.choice(REFUSE_VP).format(**agree)
            if rng.random() < 0.4:
                leaf = leaves.draw(rng.choice(["bought_category", "country", "orders_at_least"]))
                if leaf.vp:
                    vp = rng.choice(leaf.vp).format(**agree) + " and " + vp
            text = spec["t"].format(N=noun, VP=vp)
            text = text[0].upper() + text[1:] if family != "terse_list" else text
            topic = "attribute"
        rows.append({"question": text, "expected_user_ids": None, "kind": "refuse", "conditions": [], "family": family, "topic": topic})
    out, seen = [], set()
    for row in rows:
        if row["question"].lower() in seen:
            continue
        seen.add(row["question"].lower())
        row["split"] = split_of(row["family"])
        n = len(out)
        out.append({"id": f"m{n:03d}", **row})
    return out


def check(rows: list[dict]) -> None:
    print(f"{len(rows)} questions; splits: {dict(Counter(r['split'] for r in rows))}")
    refuse = sum(r["expected_user_ids"] is None for r in rows)
    print(f"refusals: {refuse} ({refuse / len(rows):.1%})")
    leaf_kinds = Counter(k for r in rows for k in r["conditions"])
    singles = Counter(r["kind"] for r in rows if len(r["conditions"]) == 1)
    combos = Counter(r["kind"] for r in rows if len(r["conditions"]) > 1)
    print(f"{len(leaf_kinds)} condition kinds; {len(singles)} single-condition kinds; {len(combos)} distinct combinations "
          f"({sum(combos.values())} questions)")
    for kind, count in sorted(singles.items()):
        splits = Counter(r["split"] for r in rows if r["kind"] == kind)
        print(f"  {kind:34s} {count:3d}  dev {splits['dev']:3d}  heldout {splits['heldout']:3d}")
    missing = [k for k in LEAF_KINDS if len({r["split"] for r in rows if r["kind"] == k}) < 2]
    print("single kinds missing a split:", missing or "none")
    combo_splits = Counter(r["split"] for r in rows if len(r["conditions"]) > 1)
    print("combination questions per split:", dict(combo_splits))
    print("families:")
    for family, count in sorted(Counter(r["family"] for r in rows).items()):
        print(f"  {family:20s} {split_of(family):8s} {count}")
    sizes = [len(r["expected_user_ids"]) for r in rows if r["expected_user_ids"] is not None]
    print(f"expected set sizes: min {min(sizes)} median {int(np.median(sizes))} max {max(sizes)}")
    for r in rows:
        assert r["question"] and "{" not in r["question"], r
        if r["expected_user_ids"] is not None:
            assert all(isinstance(u, str) for u in r["expected_user_ids"]) and r["expected_user_ids"] == sorted(r["expected_user_ids"]), r


def main() -> None:
    shop_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    rows = build(Ref(shop_dir))
    check(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()

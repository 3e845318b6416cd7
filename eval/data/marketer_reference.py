"""The independent pandas reference of the marketer question set: a generated shop read with pandas
(``Ref``), and every condition kind as a mask over customers with its phrasings (``Leaf``, ``Leaves``)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from shop_files import read_shop

DAY = pd.Timedelta(days=1)


class Ref:
    def __init__(self, folder: Path) -> None:
        ev, products, attrs = read_shop(folder)
        ev["order"] = attrs.apply(lambda a: a.get("order_id") or a.get("invoice"))
        ev["country"] = attrs.apply(lambda a: a.get("country") or None)
        ev["money"] = ev["quantity"].fillna(1) * ev["price"].fillna(0)
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
            return Leaf(kind, self.country == code, ["{are} based in " + c, "live{s} in " + c, "{are} from " + c, "shop{s} with us from " + c],
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
            return Leaf(kind, self.country.notna() & (self.country != code), [f"{{are}} not based in {c}", f"live{{s}} outside {c}"],
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
                        [f"with {one}", f"with {one} on record"],
                        ["{have} never returned anything", "{have} made no returns"] if k == 1
                        else [f"{{have}} made fewer than {k} returns", f"{{have}} returned fewer than {k} items"])
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

"""Sixth blind marketer set: the condition leaves. Each leaf is a condition dict in ``blind2_check``'s format, its
gold mask over customers computed with pandas (``marketer_reference.Ref``), and this set's own phrasings:

* ``vp``  verb phrases after "who" (slots {have} {are} {s} {do} agree with a plural or a singular subject),
* ``mod`` modifiers written right after a noun ("customers ..."),
* ``neg`` verb phrases that say the leaf's exact complement (only for leaves whose complement is unambiguous).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from blind6_phrasings import MONTHS, art, count_words, euro, fill, num, place, rating_words  # noqa: F401
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
# kinds whose drawn leaves can carry an exact negation (``neg``); ``Leaves.good(kind, negated=True)`` insists on one
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "first_seen", "orders", "returns_count", "reviews_count",
             "support_count", "returned", "reviewed"}


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]
    mod: list[str]
    neg: list[str] = field(default_factory=list)

    @property
    def size(self) -> int:
        return int(self.mask.sum())


class Leaves:
    """Per-customer measures of one shop, and leaves drawn from them."""

    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        users = pd.Index(ref.users)
        self.users = users
        ev = ref.ev
        buys = ev[ev["type"] == "purchase"]
        # country: the most frequent country on the customer's purchases (ties: alphabetically first)
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        country = {}
        for user, rows in known.groupby("user_id"):
            counts = rows["country"].value_counts()
            country[user] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(country, dtype=object).reindex(users)
        key = buys["order"].astype(object).where(buys["order"].notna(), buys["ts"].dt.strftime("%Y-%m-%d")).astype(str)
        self.orders = key.groupby(buys["user_id"]).nunique().reindex(users).fillna(0).astype(int)
        gross = buys.groupby("user_id")["money"].sum().reindex(users).fillna(0.0)
        back = ev[ev["type"] == "return"].groupby("user_id")["money"].sum().reindex(users).fillna(0.0)
        self.net = (gross - back).round(2)
        self.aov = (gross / self.orders.where(self.orders > 0)).round(2)
        self.count = {t: ev[ev["type"] == t].groupby("user_id").size().reindex(users).fillna(0).astype(int)
                      for t in ("return", "review", "support_message")}
        rated = ev[(ev["type"] == "review") & ev["rating"].notna()].groupby("user_id")["rating"]
        self.rating = {"rating_min": rated.min().reindex(users), "rating_max": rated.max().reindex(users),
                       "rating_average": rated.mean().reindex(users), "rating_latest": rated.last().reindex(users)}
        self.first = ev.groupby("user_id")["ts"].min().reindex(users)
        self.last_any = ev.groupby("user_id")["ts"].max().reindex(users)
        self.last_buy = buys.groupby("user_id")["ts"].max().reindex(users)
        self.countries = self.country.dropna().value_counts().index.tolist()

    # helpers
    def who(self, kind: str, days: int | None = None, **match: str) -> pd.Series:
        return pd.Series(self.users.isin(set(self.ref.of(kind, days, **match)["user_id"])), index=self.users)

    def cut(self, days: int) -> pd.Timestamp:
        return self.ref.clock - days * DAY

    def good(self, kind: str, negated: bool = False, lo: int = 5, hi: int = 295) -> Leaf:
        for _ in range(500):
            leaf = self.draw(kind)
            if lo <= leaf.size <= hi and (not negated or leaf.neg) and (not negated or lo <= len(self.users) - leaf.size <= hi):
                return leaf
        raise RuntimeError(f"no usable leaf of kind {kind}")

    # the leaves
    def draw(self, kind: str) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r = self.rng
        cat = r.choice(self.ref.categories)
        brand = r.choice(self.ref.brands[:20])
        n = r.choice([7, 14, 21, 30, 45, 60])
        days = num(r, n)

        if kind == "country":
            code = r.choice(self.countries)
            c = place(code)
            vp = [f"{{are}} based in {c}", f"live{{s}} in {c}", f"order{{s}} from {c}", f"{{have}} {c} as {{their}} country",
                  f"{{are}} located in {c}"]
            mod = [f"in {c}", f"from {c}", f"based in {c}", f"who shop from {c}"]
            return Leaf(kind, {"kind": "country", "country": code}, (self.country == code).fillna(False).astype(bool),
                        [x for x in vp], mod)

        if kind == "country_not":
            code = r.choice(self.countries[:4])
            c = place(code)
            mask = self.country.notna() & (self.country != code)
            return Leaf(kind, {"kind": "country_not", "country": code}, mask.astype(bool),
                        [f"{{have}} ordered from a country other than {c}", f"{{are}} based anywhere but {c} (going by the orders)",
                         f"ship{{s}} {{their}} orders somewhere outside {c}"],
                        [f"who order from outside {c}", f"with orders going to a country other than {c}",
                         f"from any country except {c} (by where they order from)"])

        if kind == "bought_category":
            mask = self.who("purchase", category=cat)
            return Leaf(kind, {"kind": "bought_category", "category": cat}, mask,
                        [f"{{have}} bought something from the {cat} category", f"{{have}} ordered {cat} items",
                         f"{{have}} at some point purchased {cat} products", f"picked up anything in {cat} from us"],
                        [f"who have bought {cat}", f"with at least one {cat} purchase", f"with {cat} in their order history"],
                        [f"{{have}} never bought anything in {cat}", f"{{have}}n't ordered a single {cat} item",
                         f"{{have}} no {cat} purchase at all"])

        if kind == "bought_category_within":
            mask = self.who("purchase", n, category=cat)
            return Leaf(kind, {"kind": "bought_category_within", "category": cat, "days": n}, mask,
                        [f"bought {cat} in the past {days} days", f"{{have}} ordered from {cat} within the last {days} days",
                         f"picked up {art(cat)} {cat} item during the last {days} days"],
                        [f"with {art(cat)} {cat} order in the last {days} days", f"who bought {cat} within the past {days} days"],
                        [f"{{have}}n't bought any {cat} in the last {days} days",
                         f"{{have}} not ordered from {cat} during the past {days} days"])

        if kind == "bought_brand":
            mask = self.who("purchase", brand=brand)
            return Leaf(kind, {"kind": "bought_brand", "brand": brand}, mask,
                        [f"{{have}} bought {brand} products", f"{{have}} ordered something made by {brand}",
                         f"{{have}} purchased from the {brand} range", f"{{have}} {brand} in {{their}} order history"],
                        [f"who have bought {brand}", f"with {art(brand)} {brand} purchase on file", f"who own something by {brand} bought from us"],
                        [f"{{have}} never bought {brand}", f"{{have}}n't ever ordered anything from {brand}"])

        if kind == "bought_brand_within":
            mask = self.who("purchase", n, brand=brand)
            return Leaf(kind, {"kind": "bought_brand_within", "brand": brand, "days": n}, mask,
                        [f"bought {brand} within the last {days} days", f"{{have}} ordered {art(brand)} {brand} product in the past {days} days"],
                        [f"with {art(brand)} {brand} purchase in the past {days} days", f"who bought {brand} in the last {days} days"],
                        [f"{{have}}n't bought {brand} in the last {days} days", f"{{have}} not ordered {brand} in the past {days} days"])

        if kind == "bought_product":
            title = r.choice(self.ref.titles[:30])
            mask = self.who("purchase", title=title)
            return Leaf(kind, {"kind": "bought_product", "product": title}, mask,
                        [f'{{have}} bought the "{title}"', f'purchased our "{title}"', f'{{have}} ordered the item "{title}"'],
                        [f'who bought the "{title}"', f'with {art(title)} "{title}" purchase'],
                        [f'{{have}} never bought the "{title}"', f'{{have}}n\'t purchased the "{title}"'])

        if kind == "last_purchase_within":
            n = r.choice([7, 14, 21, 30, 45, 60, 90])
            days = num(r, n)
            mask = (self.last_buy >= self.cut(n)).fillna(False).astype(bool)
            return Leaf(kind, {"kind": "last_purchase_within", "days": n}, mask,
                        [f"{{have}} placed an order in the last {days} days", f"bought anything at all within the past {days} days",
                         f"{{have}} made at least one purchase in the last {days} days"],
                        [f"with an order in the last {days} days", f"who have bought in the past {days} days"],
                        [f"{{have}}n't placed any order in the last {days} days",
                         f"{{have}} made no purchase at all during the past {days} days"])

        if kind == "last_purchase_more":
            n = r.choice([14, 21, 30, 45, 60])
            days = num(r, n)
            mask = (self.last_buy < self.cut(n)).fillna(False).astype(bool)
            return Leaf(kind, {"kind": "last_purchase_more", "days": n}, mask,
                        [f"{{have}} bought before but not in the last {days} days",
                         f"last ordered more than {days} days ago",
                         f"{{have}} an order history but nothing in the last {days} days"],
                        [f"whose most recent order was more than {days} days ago",
                         f"whose last purchase is older than {days} days"])

        if kind == "last_seen_within":
            n = r.choice([7, 14, 21, 90])
            days = num(r, n)
            mask = (self.last_any >= self.cut(n)).fillna(False).astype(bool)
            return Leaf(kind, {"kind": "last_seen_within", "days": n}, mask,
                        [f"{{have}} had any activity with us in the last {days} days",
                         f"{{have}} shown up on the site (any activity) within the past {days} days",
                         f"{{have}} been active in any way during the last {days} days"],
                        [f"with any activity in the last {days} days", f"seen in the shop during the past {days} days"],
                        [f"{{have}} had no activity at all in the last {days} days",
                         f"{{have}}n't been seen in the shop for the last {days} days"])

        if kind == "first_seen":
            op = r.choice(["within", "before", "before", "since", "since"])
            if op == "within":
                n = r.choice([90, 95, 100, 105, 110])
                mask = (self.first >= self.cut(n)).fillna(False).astype(bool)
                return Leaf(kind, {"kind": "first_seen", "op": "within", "days": n}, mask,
                            [f"first came to the shop within the last {n} days", f"{{are}} new to us in the past {n} days",
                             f"{{have}} a first visit no more than {n} days old"],
                            [f"whose first visit was in the last {n} days", f"who first showed up within the past {n} days"],
                            [f"first visited us more than {n} days ago", f"{{have}} been around for over {n} days"])
            day = (self.ref.clock.normalize() - r.randint(70, 118) * DAY).tz_localize(None)
            words = r.choice([f"{MONTHS[day.month - 1]} {day.day}, {day.year}", f"{day.day} {MONTHS[day.month - 1]} {day.year}",
                              day.strftime("%Y-%m-%d"), f"the {day.day}{'th' if day.day in (11, 12, 13) else {1: 'st', 2: 'nd', 3: 'rd'}.get(day.day % 10, 'th')} of {MONTHS[day.month - 1]} {day.year}"])
            start = pd.Timestamp(day, tz="UTC")
            cond = {"kind": "first_seen", "op": op, "date": day.strftime("%Y-%m-%d")}
            before = (self.first < start).fillna(False).astype(bool)
            since = (self.first >= start).fillna(False).astype(bool)
            b = [f"first visited the shop before {words}", f"{{have}} been around since before {words}",
                 f"{{were}} first seen earlier than {words}"]
            s = [f"first visited the shop on {words} or later", f"first appeared on or after {words}",
                 f"{{have}} only been around since {words} (that day included)"]
            bm = [f"whose first visit was before {words}", f"first seen before {words}"]
            sm = [f"whose first visit was on or after {words}", f"first seen on {words} or later"]
            if op == "before":
                return Leaf(kind, cond, before, b, bm, s)
            return Leaf(kind, cond, since, s, sm, b)

        if kind == "orders":
            op, v, *hi = r.choice([("ge", 2), ("ge", 3), ("ge", 5), ("ge", 10), ("gt", 6), ("gt", 12), ("eq", 0), ("eq", 1),
                                   ("eq", 2), ("lt", 3), ("le", 4), ("between", 2, 4), ("between", 5, 9)])
            hi = hi[0] if hi else None
            s = self.orders
            mask = {"ge": s >= v, "gt": s > v, "eq": s == v, "lt": s < v, "le": s <= v,
                    "between": (s >= v) & (s <= (hi or 0))}[op]
            w = num(r, v)
            cond = {"kind": "orders", "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            if op == "eq" and v == 0:
                return Leaf(kind, cond, mask, ["{have} never placed an order", "{have}n't bought anything from us yet"],
                            ["with zero orders", "who have never ordered"],
                            ["{have} placed at least one order", "{have} bought from us at least once"])
            phr = {"ge": ([f"{{have}} placed {w} or more orders", f"ordered at least {w} times"],
                          [f"with at least {w} orders", f"with {v}+ orders"],
                          [f"{{have}} placed fewer than {w} orders", f"{{have}} ordered less than {w} times (or never)"]),
                   "gt": ([f"{{have}} placed more than {w} orders", f"ordered over {w} times"],
                          [f"with more than {w} orders"], [f"{{have}} placed {w} orders or fewer (none counts too)"]),
                   "eq": ([f"{{have}} placed exactly {w} order{'s' if v > 1 else ''}", f"ordered exactly {w} time{'s' if v > 1 else ''}"]
                          + (["{have} only ever ordered once, no more"] if v == 1 else []),
                          [f"with exactly {w} order{'s' if v > 1 else ''}"] + (["with a single order to their name"] if v == 1 else []),
                          []),
                   "lt": ([f"{{have}} placed fewer than {w} orders (including none)", f"ordered less than {w} times, zero included"],
                          [f"with fewer than {w} orders, counting those with none"], [f"{{have}} placed {w} or more orders"]),
                   "le": ([f"{{have}} placed at most {w} orders (zero counts)", f"{{have}} {w} orders or fewer (including none)"],
                          [f"with no more than {w} orders (none included)"], [f"{{have}} placed more than {w} orders"]),
                   "between": ([f"{{have}} placed between {v} and {hi} orders (both ends included)",
                                f"ordered anywhere from {v} to {hi} times (inclusive)"],
                               [f"with {v} to {hi} orders inclusive"], [])}[op]
            return Leaf(kind, cond, mask, *phr)

        if kind == "aov":
            op, v, *hi = r.choice([("gt", 30), ("gt", 50), ("gt", 100), ("ge", 40), ("lt", 20), ("lt", 25), ("between", 30, 80)])
            hi = hi[0] if hi else None
            s = self.aov
            mask = {"gt": s > v, "ge": s >= v, "lt": s < v, "between": (s >= v) & (s <= (hi or 0))}[op].fillna(False).astype(bool)
            cond = {"kind": "aov", "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            style = r.randrange(4)
            e = euro(r, v, style)
            phr = {"gt": ([f"spend{{s}} more than {e} per order on average", f"{{have}} an average order value above {e}"],
                          [f"whose average order is worth more than {e}", f"with an average basket over {e}"]),
                   "ge": ([f"{{have}} an average order value of {e} or more", f"spend{{s}} at least {e} per order on average"],
                          [f"whose average order value is {e} or higher"]),
                   "lt": ([f"{{have}} ordered but average{{s}} less than {e} per order", f"{{have}} an average order value below {e}"],
                          [f"whose average order comes to under {e}", f"with an average basket below {e}"]),
                   "between": ([f"{{have}} an average order value between {e} and {euro(r, hi, style) if hi else ''} (inclusive)"],
                               [f"whose average order value falls in the {v}-{hi} euro range (both ends included)"])}[op]
            return Leaf(kind, cond, mask, *phr)

        if kind == "net_spend_over":
            x = r.choice([50, 100, 200, 300, 500, 1000])
            e = euro(r, x)
            return Leaf(kind, {"kind": "net_spend_over", "value": x}, self.net > x,
                        [f"{{have}} spent more than {e} with us after returns", f"{{have}} a net spend above {e} (refunds deducted)",
                         f"{{have}} spent over {e} in total net of returns"],
                        [f"whose lifetime spend after returns tops {e}", f"with more than {e} in net spend"])

        if kind == "net_spend_under":
            x = r.choice([25, 40, 50, 75, 100])
            e = euro(r, x)
            mask = (self.net < x) & (self.orders > 0)
            return Leaf(kind, {"kind": "net_spend_under", "value": x, "buyers_only": True}, mask.astype(bool),
                        [f"{{have}} ordered from us but spent less than {e} in total after returns",
                         f"{{have}} bought something yet {{have}} a net spend under {e}",
                         f"{{have}} placed orders but {{have}} a net spend below {e} after returns"],
                        [f"who have bought from us but whose net spend is under {e}",
                         f"who have ordered yet spent less than {e} after refunds"])

        if kind in ("returns_count", "reviews_count", "support_count"):
            t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            s = self.count[t]
            specs = {"returns_count": [("ge", 1), ("ge", 2), ("ge", 3), ("eq", 0), ("eq", 1), ("gt", 1)],
                     "reviews_count": [("ge", 1), ("ge", 3), ("ge", 5), ("eq", 0), ("eq", 1), ("gt", 2), ("between", 2, 4)],
                     "support_count": [("ge", 2), ("ge", 4), ("gt", 3), ("eq", 0), ("eq", 1), ("le", 1)]}[kind]
            op, v, *hi = r.choice(specs)
            hi = hi[0] if hi else None
            mask = {"ge": s >= v, "gt": s > v, "eq": s == v, "le": s <= v, "between": (s >= v) & (s <= (hi or 0))}[op]
            cond = {"kind": kind, "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            w = num(r, v)
            return Leaf(kind, cond, mask, *count_words(kind, op, v, w, hi))

        if kind in ("returned", "reviewed"):
            t = "return" if kind == "returned" else "review"
            mask = self.who(t, category=cat)
            if kind == "returned":
                return Leaf(kind, {"kind": "returned", "category": cat}, mask,
                            [f"{{have}} returned something from {cat}", f"sent back {art(cat)} {cat} item", f"{{have}} {art(cat)} {cat} return on record"],
                            [f"who returned {art(cat)} {cat} product", f"with at least one {cat} return"],
                            [f"{{have}} never returned {art(cat)} {cat} item", f"{{have}}n't sent back anything from {cat}"])
            return Leaf(kind, {"kind": "reviewed", "category": cat}, mask,
                        [f"{{have}} reviewed {art(cat)} {cat} product", f"wrote a review of something in {cat}",
                         f"{{have}} left feedback (a review) on {art(cat)} {cat} item"],
                        [f"who reviewed something from {cat}", f"with a review of {art(cat)} {cat} product"],
                        [f"{{have}} never reviewed anything in {cat}", f"{{have}}n't written a single {cat} review"])

        if kind.startswith("rating_"):
            s = self.rating[kind]
            specs = {"rating_min": [("le", 1), ("le", 2), ("ge", 4)],
                     "rating_max": [("eq", 5), ("le", 3), ("le", 2)],
                     "rating_average": [("ge", 4), ("ge", 4.5), ("lt", 3), ("le", 2.5), ("between", 3, 4)],
                     "rating_latest": [("le", 2), ("eq", 5), ("ge", 4), ("le", 1)]}[kind]
            op, v, *hi = r.choice(specs)
            hi = hi[0] if hi else None
            mask = {"ge": s >= v, "gt": s > v, "eq": s == v, "le": s <= v, "lt": s < v,
                    "between": (s >= v) & (s <= (hi or 0))}[op].fillna(False).astype(bool)
            cond = {"kind": kind, "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            return Leaf(kind, cond, mask, *rating_words(kind, op, v, hi))

        if kind == "viewed_not_bought":
            within = r.choice([None, None, 30, 60])
            looked = self.who("view", within, category=cat) & ~self.who("purchase", within, category=cat)
            cond = {"kind": "viewed_not_bought", "category": cat} | ({"days": within} if within else {})
            if within is None:
                vp = [f"{{have}} viewed {cat} products but never bought anything from {cat}",
                      f"looked at items in {cat} without ever buying one",
                      f"browse{{s}} the {cat} pages yet {{have}} never ordered any {cat}"]
                mod = [f"who viewed {cat} but never bought from it", f"who have looked at {cat} products and never purchased one"]
            else:
                d = num(r, within)
                vp = [f"viewed {cat} products in the last {d} days without buying any {cat} in that time",
                      f"{{have}} looked at {cat} within the past {d} days but made no {cat} purchase during those {d} days"]
                mod = [f"who looked at {cat} in the last {d} days and bought no {cat} in the same period"]
            return Leaf(kind, cond, looked, vp, mod)

        raise ValueError(kind)


if __name__ == "__main__":
    import sys

    lv = Leaves(Ref(Path(sys.argv[1])), random.Random(1))
    for k in KINDS:
        sizes = sorted(lv.draw(k).size for _ in range(30))
        print(k, sizes[0], sizes[len(sizes) // 2], sizes[-1])

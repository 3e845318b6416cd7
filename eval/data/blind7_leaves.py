"""Seventh blind marketer set: the condition leaves. A leaf is a condition dict in ``blind2_check``'s format, its
gold mask over customers computed with pandas (over ``marketer_reference.Ref``) and this set's own words:

* ``vp``  verb phrases that follow "who" (slots {have} {are} {s} {do} {were}, see ``blind7_words.fill``),
* ``mod`` modifiers written right after a plural noun ("customers ..."),
* ``neg`` verb phrases that say the leaf's exact complement over all customers (only where that is unambiguous).

Windows are ``ts >= clock - N x 24h`` (the data clock is the newest event); dates compare with the start of the day.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind7_words import ago, art, date_words, days, euro, num, place
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "first_seen", "orders", "returns_count", "reviews_count",
             "support_count", "returned", "reviewed"}
WINDOWS = [7, 14, 21, 28, 30, 42, 45, 60, 90]


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


def _cmp(s: pd.Series, op: str, v: float, hi: float | None = None) -> pd.Series:
    out = {"ge": lambda: s >= v, "gt": lambda: s > v, "lt": lambda: s < v, "le": lambda: s <= v, "eq": lambda: s == v,
           "between": lambda: (s >= v) & (s <= hi)}[op]()
    return out.fillna(False).astype(bool)


def _count_words(r: random.Random, kind: str, op: str, v: int, hi: int | None) -> tuple[list, list, list]:
    """Phrasings of a count of returns / reviews / support messages (events of that type)."""
    w = num(r, v)
    noun, did, many = {"returns_count": ("return", "made", "returns"),
                       "reviews_count": ("review", "written", "reviews"),
                       "support_count": ("message to customer service", "sent", "messages to customer service")}[kind]
    alt = {"returns_count": "returns on record", "reviews_count": "product reviews to their name",
           "support_count": "support messages on file"}[kind]
    if op == "eq" and v == 0:
        vp = {"returns_count": ["{have} never returned anything", "{have} never sent a single thing back"],
              "reviews_count": ["{have} never written a review", "{have}n't reviewed anything at all"],
              "support_count": ["{have} never contacted customer service", "{have}n't sent support a single message"]}[kind]
        mod = {"returns_count": ["with zero returns", "who have never returned anything"],
               "reviews_count": ["with no reviews at all", "who have never reviewed a thing"],
               "support_count": ["who have never messaged support", "with no support messages"]}[kind]
        neg = {"returns_count": ["{have} returned something at least once"],
               "reviews_count": ["{have} written at least one review"],
               "support_count": ["{have} messaged customer service at least once"]}[kind]
        return vp, mod, neg
    if op == "ge" and v == 1:
        vp = {"returns_count": ["{have} returned at least one thing", "{have} sent something back at least once"],
              "reviews_count": ["{have} written at least one review", "{have} reviewed at least one product"],
              "support_count": ["{have} contacted customer service at least once", "{have} messaged support at some point"]}[kind]
        neg = {"returns_count": ["{have} never returned anything"], "reviews_count": ["{have} never written a review"],
               "support_count": ["{have} never contacted customer service"]}[kind]
        return vp, [f"with at least one {noun}"], neg
    if op == "ge":
        return ([f"{{have}} {did} {w} or more {many}", f"{{have}} {did} at least {w} {many}"],
                [f"with {v}+ {alt}", f"with at least {w} {many}"],
                [f"{{have}} {did} fewer than {w} {many} (none at all included)"])
    unit = noun if v == 1 else many
    if op == "gt":
        return ([f"{{have}} {did} more than {w} {unit}"], [f"with more than {w} {unit}"],
                [f"{{have}} {did} {w} {unit} or fewer (zero included)"])
    if op == "eq":
        one = noun if v == 1 else many
        return ([f"{{have}} {did} exactly {w} {one}"], [f"with exactly {w} {one}"], [])
    if op == "le":
        return ([f"{{have}} {did} at most {w} {unit} (zero counts)"],
                [f"with no more than {w} {unit} (zero counts too)"],
                [f"{{have}} {did} more than {w} {unit}"])
    return ([f"{{have}} {did} between {v} and {hi} {many} (both ends included)"],
            [f"with {v} to {hi} {many} (inclusive)"], [])


def _rating_words(r: random.Random, kind: str, op: str, v: float, hi: float | None) -> tuple[list, list]:
    s = f"{v:g}"
    if kind == "rating_min":
        if op == "le":
            return ([f"{{have}} given at least one review of {s} star{'s' if v != 1 else ''} or lower",
                     f"{{have}} left a rating of {s} star{'s' if v != 1 else ''} or less at least once"],
                    [f"whose lowest star rating is {s} or below"])
        return ([f"{{have}} reviewed products and never given fewer than {s} stars",
                     f"{{have}} written reviews but never rated anything lower than {s} stars"],
                [f"whose lowest star rating is {s} or higher"])
    if kind == "rating_max":
        if op == "eq":
            return (["{have} given a five-star rating at least once", "{have} rated something 5 stars"],
                    ["whose best review score is 5 stars", "with at least one five-star review"])
        return ([f"{{have}} reviewed but never rated anything above {s} stars",
                 f"{{have}} left reviews but none higher than {s} stars"],
                [f"whose highest star rating is {s} or less"])
    if kind == "rating_average":
        word = {"ge": f"{s} stars or more", "gt": f"more than {s} stars", "lt": f"under {s} stars",
                "le": f"{s} stars or fewer", "between": f"between {s} and {hi or 0:g} stars (inclusive)"}[op]
        return ([f"{{have}} an average star rating of {word}", f"give{{s}} reviews averaging {word}"],
                [f"whose reviews average {word}", f"with a mean rating of {word}"])
    word = {"le": f"{s} stars or fewer" if v != 1 else "just one star", "ge": f"{s} stars or more",
            "eq": f"exactly {s} stars" if v != 5 else "five stars"}[op]
    return ([f"gave {word} in {{their}} most recent review", f"{{have}} a latest review of {word}"],
            [f"whose most recent rating was {word}", f"whose latest review gave {word}"])


class Leaves:
    """Per-customer measures of one shop, and leaves drawn from them."""

    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        self.users = users = pd.Index(ref.users)
        ev = ref.ev
        buys = ev[ev["type"] == "purchase"]
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        main = {}  # most frequent country on the customer's purchases, ties alphabetically first
        for user, rows in known.groupby("user_id"):
            c = rows["country"].value_counts()
            main[user] = sorted(c[c == c.max()].index)[0]
        self.country = pd.Series(main, dtype=object).reindex(users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders = ref.orders().astype(int)
        self.net = ref.net_spend()
        self.aov = ref.aov()
        self.count = {"returns_count": ref.count("return"), "reviews_count": ref.count("review"),
                      "support_count": ref.count("support_message")}
        self.rating = {f"rating_{w}": ref.rating(w) for w in ("min", "max", "average", "latest")}
        self.first, self.last_any, self.last_buy = ref.oldest(), ref.newest(None), ref.newest("purchase")

    def who(self, kind: str, n: int | None = None, **match: str) -> pd.Series:
        return pd.Series(self.users.isin(set(self.ref.of(kind, n, **match)["user_id"])), index=self.users)

    def since(self, when: pd.Series, n: int) -> pd.Series:
        return (when >= self.ref.cut(n)).fillna(False).astype(bool)

    def good(self, kind: str, negated: bool = False, lo: int = 5, hi: int = 295) -> Leaf:
        for _ in range(500):
            leaf = self.draw(kind)
            if lo <= leaf.size <= hi and (not negated or (leaf.neg and lo <= len(self.users) - leaf.size <= hi)):
                return leaf
        raise RuntimeError(f"no usable leaf of kind {kind}")

    def draw(self, kind: str) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r = self.rng
        cat = r.choice(self.ref.categories)
        a = art(cat)
        brand = r.choice(self.ref.brands[:22])
        n = r.choice(WINDOWS)
        d = days(r, n)

        if kind == "country":
            code = r.choice(self.countries)
            c = place(code)
            return Leaf(kind, {"kind": "country", "country": code}, (self.country == code).fillna(False).astype(bool),
                        [f"{{are}} based in {c}", f"order{{s}} from {c}", f"shop{{s}} with us from {c}"],
                        [f"in {c}", f"ordering from {c}", f"whose orders come from {c}"])
        if kind == "country_not":
            code = r.choice(self.countries[:4])
            c = place(code)
            return Leaf(kind, {"kind": "country_not", "country": code}, (self.country.notna() & (self.country != code)).astype(bool),
                        [f"order{{s}} from some country other than {c}", f"{{have}} {{their}} orders coming from outside {c}"],
                        [f"ordering from anywhere except {c}", f"whose orders come from a country that isn't {c}"])
        if kind == "bought_category":
            return Leaf(kind, {"kind": "bought_category", "category": cat}, self.who("purchase", category=cat),
                        [f"{{have}} bought {cat}", f"{{have}} purchased something in {cat}", f"{{have}} ordered from our {cat} range",
                         f"{{have}} picked up at least one {cat} product from us"],
                        [f"with {a} {cat} purchase", f"who have ordered {cat} products"],
                        [f"{{have}} never bought anything from {cat}", f"{{have}} not once ordered {cat}",
                         f"{{have}} zero {cat} purchases"])
        if kind == "bought_category_within":
            return Leaf(kind, {"kind": "bought_category_within", "category": cat, "days": n}, self.who("purchase", n, category=cat),
                        [f"{{have}} bought {cat} in the last {d}", f"ordered something from {cat} during the past {d}",
                         f"picked up {cat} products within the last {d}"],
                        [f"with {a} {cat} order in the past {d}", f"who bought {cat} in the last {d}"],
                        [f"{{have}}n't bought any {cat} in the last {d}", f"{{have}} not ordered from {cat} in the past {d}"])
        if kind == "bought_brand":
            return Leaf(kind, {"kind": "bought_brand", "brand": brand}, self.who("purchase", brand=brand),
                        [f"{{have}} bought {brand}", f"{{have}} purchased {brand} products",
                         f"{{have}} ordered something made by {brand}", f"got at least one {brand} item from us"],
                        [f"with {art(brand)} {brand} purchase", f"who have bought from the {brand} line"],
                        [f"{{have}} never bought {brand}", f"{{have}} not once ordered {art(brand)} {brand} product"])
        if kind == "bought_brand_within":
            return Leaf(kind, {"kind": "bought_brand_within", "brand": brand, "days": n}, self.who("purchase", n, brand=brand),
                        [f"bought {brand} in the last {d}", f"{{have}} ordered {brand} products within the past {d}",
                         f"purchased something by {brand} during the last {d}"],
                        [f"with {art(brand)} {brand} purchase in the past {d}", f"who bought {brand} within the last {d}"],
                        [f"{{have}}n't bought {brand} in the last {d}", f"{{have}} not ordered anything by {brand} in the past {d}"])
        if kind == "bought_product":
            t = r.choice(self.ref.titles[:30])
            return Leaf(kind, {"kind": "bought_product", "product": t}, self.who("purchase", title=t),
                        [f'{{have}} bought the "{t}"', f'ordered our "{t}"', f'{{have}} purchased the product "{t}"'],
                        [f'who bought the "{t}"', f'with a purchase of the "{t}"'],
                        [f'{{have}} never bought the "{t}"', f'{{have}} not ordered the "{t}"'])
        if kind == "last_purchase_within":
            return Leaf(kind, {"kind": "last_purchase_within", "days": n}, self.since(self.last_buy, n),
                        [f"{{have}} placed an order in the last {d}", f"bought something during the past {d}",
                         f"made a purchase within the last {d}"],
                        [f"with an order in the past {d}", f"who ordered anything in the last {d}"],
                        [f"{{have}}n't ordered anything in the last {d}", f"{{have}} made no purchase in the past {d}"])
        if kind == "last_purchase_more":
            n = r.choice([14, 21, 28, 30, 42, 45, 60])
            g = ago(r, n)
            return Leaf(kind, {"kind": "last_purchase_more", "days": n}, (self.last_buy < self.ref.cut(n)).fillna(False).astype(bool),
                        [f"last ordered more than {g} ago", f"made {{their}} latest purchase over {g} ago",
                         f"{{have}} bought from us before but not in the last {days(r, n)}"],
                        [f"whose last order is more than {g} old", f"whose most recent purchase was over {g} ago"])
        if kind == "last_seen_within":
            n = r.choice([7, 14, 21, 28, 90])
            d = days(r, n)
            return Leaf(kind, {"kind": "last_seen_within", "days": n}, self.since(self.last_any, n),
                        [f"{{have}} been active in any way in the last {d}",
                         f"{{have}} shown any activity at all (a visit, a search, anything) in the past {d}"],
                        [f"with any activity in the past {d}", f"active on the site in some way within the last {d}"],
                        [f"{{have}} had no activity whatsoever in the last {d}", f"{{have}}n't been seen at all in the past {d}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "before", "since", "after"])
            if op == "within":
                n = r.choice([91, 98, 100, 105, 112])
                d = days(r, n) if n not in (91, 98, 105, 112) else r.choice([f"{n} days", f"{n // 7} weeks"])
                return Leaf(kind, {"kind": "first_seen", "op": "within", "days": n}, self.since(self.first, n),
                            [f"first visited us within the last {d}", f"made {{their}} first visit in the past {d}"],
                            [f"whose first visit falls in the last {d}", f"first seen in the past {d}"],
                            [f"first visited us more than {d} ago",
                             f"{{have}} been with us for more than {d}"])
            day = (self.ref.clock.normalize() - r.randint(40, 115) * DAY).tz_localize(None)
            w = date_words(r, day)
            start = pd.Timestamp(day, tz="UTC")
            cond = {"kind": "first_seen", "op": op, "date": day.strftime("%Y-%m-%d")}
            before = (self.first < start).fillna(False).astype(bool)
            if op == "after":
                after = (self.first >= start + DAY).fillna(False).astype(bool)
                return Leaf(kind, cond, after, [f"first visited us after {w} (that day itself not included)"],
                            [f"first seen later than {w}, not counting that day"],
                            [f"first visited us on or before {w}"])
            b = ([f"first visited us before {w}", f"{{were}} already around before {w}"],
                 [f"first seen before {w}", f"whose first visit came before {w}"])
            s = ([f"first visited us on {w} or later", f"first showed up on or after {w}"],
                 [f"first seen on or after {w}", f"whose first visit was {w} or later"])
            if op == "before":
                return Leaf(kind, cond, before, *b, s[0])
            return Leaf(kind, cond, ~before, *s, b[0])
        if kind == "orders":
            op, v, *hi = r.choice([("ge", 2), ("ge", 4), ("ge", 8), ("gt", 5), ("gt", 10), ("eq", 0), ("eq", 1), ("eq", 3),
                                   ("lt", 2), ("lt", 4), ("le", 3), ("between", 3, 6), ("between", 7, 12)])
            hi = hi[0] if hi else None
            cond = {"kind": "orders", "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            mask, w = _cmp(self.orders, op, v, hi), num(r, v)
            if op == "eq" and v == 0:
                return Leaf(kind, cond, mask, ["{have} never placed an order", "{have}n't bought a thing from us so far"],
                            ["with no orders at all", "who have never ordered"],
                            ["{have} ordered from us at least once", "{have} placed one or more orders"])
            times = "once" if v == 1 else f"{w} times"
            phr = {"ge": ([f"{{have}} placed {w} or more orders", f"{{have}} ordered at least {times}"],
                          [f"with {v}+ orders", f"with at least {w} orders"],
                          [f"{{have}} placed fewer than {w} orders (never-ordered included)"]),
                   "gt": ([f"{{have}} placed more than {w} orders", f"{{have}} ordered more than {times}"],
                          [f"with over {w} orders"], [f"{{have}} placed {w} orders or fewer (including none)"]),
                   "eq": ([f"{{have}} placed exactly {w} order{'s' if v != 1 else ''}", f"{{have}} ordered exactly {times}"],
                          [f"with exactly {w} order{'s' if v != 1 else ''}"], []),
                   "lt": ([f"{{have}} placed fewer than {w} orders (counting people with none)"],
                          [f"with under {w} orders (zero included)"], [f"{{have}} placed {w} or more orders"]),
                   "le": ([f"{{have}} placed {w} orders or fewer (zero counts)"], [f"with at most {w} orders (zero counts too)"],
                          [f"{{have}} placed more than {w} orders"]),
                   "between": ([f"{{have}} placed between {v} and {hi} orders (both ends included)"],
                               [f"with {v} to {hi} orders (inclusive)"], [])}[op]
            return Leaf(kind, cond, mask, *phr)
        if kind == "aov":
            op, v, *hi = r.choice([("gt", 40), ("gt", 60), ("gt", 100), ("ge", 50), ("ge", 30), ("lt", 20), ("lt", 30),
                                   ("le", 25), ("between", 40, 100), ("between", 20, 50)])
            hi = hi[0] if hi else None
            cond = {"kind": "aov", "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            style = r.randrange(4)
            e, f = euro(r, v, style), euro(r, hi or 0, style)
            word = {"gt": f"more than {e}", "ge": f"{e} or more", "lt": f"less than {e}", "le": f"{e} or less",
                    "between": f"between {e} and {f} (inclusive)"}[op]
            return Leaf(kind, cond, _cmp(self.aov, op, v, hi),
                        [f"{{have}} an average order value of {word}", f"spend{{s}} {word} per order on average"],
                        [f"whose average order comes to {word}", f"with an average basket of {word}"])
        if kind == "net_spend_over":
            x = r.choice([50, 100, 200, 300, 500, 1000, 1500])
            e = euro(r, x)
            return Leaf(kind, {"kind": "net_spend_over", "value": x}, (self.net > x).astype(bool),
                        [f"{{have}} spent more than {e} in total with us after returns",
                         f"{{have}} a lifetime spend above {e} once refunds are taken off"],
                        [f"whose total spend after refunds is over {e}", f"with net spend greater than {e}"])
        if kind == "net_spend_under":
            x = r.choice([25, 50, 75, 100, 200])
            e = euro(r, x)
            return Leaf(kind, {"kind": "net_spend_under", "value": x, "buyers_only": True},
                        ((self.net < x) & (self.orders > 0)).astype(bool),
                        [f"{{have}} ordered from us but spent less than {e} in total after returns",
                         f"{{have}} bought at least once yet {{have}} a net spend below {e}"],
                        [f"who have placed orders but whose spend after refunds is under {e}"])
        if kind in self.count:
            specs = {"returns_count": [("ge", 1), ("ge", 2), ("gt", 1), ("eq", 0), ("eq", 1), ("le", 1), ("ge", 3)],
                     "reviews_count": [("ge", 1), ("ge", 3), ("ge", 5), ("eq", 0), ("eq", 2), ("gt", 2), ("between", 1, 3), ("le", 2)],
                     "support_count": [("ge", 1), ("ge", 3), ("gt", 2), ("eq", 0), ("eq", 1), ("le", 1), ("between", 2, 4)]}[kind]
            op, v, *hi = r.choice(specs)
            hi = hi[0] if hi else None
            cond = {"kind": kind, "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            return Leaf(kind, cond, _cmp(self.count[kind], op, v, hi), *_count_words(r, kind, op, v, hi))
        if kind == "returned":
            return Leaf(kind, {"kind": "returned", "category": cat}, self.who("return", category=cat),
                        [f"{{have}} returned {a} {cat} item", f"sent back something from {cat}", f"{{have}} {a} {cat} return on file"],
                        [f"who returned something from {cat}", f"with a {cat} return"],
                        [f"{{have}} never returned anything from {cat}", f"{{have}} not sent back a single {cat} item"])
        if kind == "reviewed":
            return Leaf(kind, {"kind": "reviewed", "category": cat}, self.who("review", category=cat),
                        [f"{{have}} reviewed {a} {cat} product", f"left a review on something from {cat}",
                         f"{{have}} rated at least one {cat} item"],
                        [f"with a review of {a} {cat} product", f"who wrote a {cat} review"],
                        [f"{{have}} never reviewed anything in {cat}", f"{{have}} not written a single {cat} review"])
        if kind.startswith("rating_"):
            specs = {"rating_min": [("le", 1), ("le", 2), ("ge", 4), ("ge", 3)],
                     "rating_max": [("eq", 5), ("le", 3), ("le", 2), ("le", 4)],
                     "rating_average": [("ge", 4), ("ge", 4.5), ("lt", 3), ("le", 2.5), ("between", 3, 4), ("gt", 3.5)],
                     "rating_latest": [("le", 2), ("eq", 5), ("ge", 4), ("le", 1), ("eq", 3)]}[kind]
            op, v, *hi = r.choice(specs)
            hi = hi[0] if hi else None
            cond = {"kind": kind, "op": op, "value": v} | ({"high": hi} if hi is not None else {})
            return Leaf(kind, cond, _cmp(self.rating[kind], op, v, hi), *_rating_words(r, kind, op, v, hi))
        if kind == "viewed_not_bought":
            n = r.choice([None, None, 14, 30, 60])
            mask = self.who("view", n, category=cat) & ~self.who("purchase", n, category=cat)
            cond = {"kind": "viewed_not_bought", "category": cat} | ({"days": n} if n else {})
            if n is None:
                return Leaf(kind, cond, mask, [f"looked at {cat} products but never bought any {cat}",
                                               f"{{have}} viewed {cat} items without ever ordering from {cat}"],
                            [f"who viewed {cat} but never purchased from it", f"who have browsed {cat} product pages and never bought {cat}"])
            d = days(r, n)
            return Leaf(kind, cond, mask, [f"viewed {cat} products in the last {d} but bought no {cat} in that time",
                                           f"{{have}} looked at {cat} within the past {d} without buying any {cat} in that period"],
                        [f"who viewed {cat} in the past {d} and bought none of it in that same period"])
        raise ValueError(kind)

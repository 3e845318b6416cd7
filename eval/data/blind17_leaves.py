"""Blind set 17: one condition ("leaf") per kind, as a ``blind2_check`` condition, a pandas mask over the customers
and this set's own wording: plural relative clauses (``pos``, after "customers who") and their negations (``neg``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

import blind17_words as W

KINDS = ['country', 'country_not', 'bought_category', 'bought_category_within', 'bought_brand', 'bought_brand_within',
         'bought_product', 'last_purchase_within', 'last_purchase_more', 'last_seen_within', 'first_seen', 'orders', 'aov',
         'net_spend_over', 'net_spend_under', 'returns_count', 'reviews_count', 'support_count', 'returned', 'reviewed',
         'rating_min', 'rating_max', 'rating_average', 'rating_latest', 'viewed_not_bought']
NEGATABLE = {'bought_category', 'bought_category_within', 'bought_brand', 'bought_brand_within', 'bought_product',
             'returned', 'reviewed', 'support_count', 'orders', 'returns_count', 'reviews_count', 'last_purchase_within',
             'last_seen_within'}
DAY = pd.Timedelta(days=1)
EVER = ["at some point", "at any time", "ever", "before", "in the past"]


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    pos: list[str]  # plural relative clauses: "customers who <pos>"
    neg: list[str] = field(default_factory=list)  # "customers who <neg>" means not(cond)
    negated: bool = False
    redraw: Callable[[], Any] | None = None  # another leaf of the same kind (for the errata family)

    def say(self, rng: random.Random) -> str:
        return rng.choice(self.neg if self.negated else self.pos)

    def say_pos(self, rng: random.Random) -> str:
        return rng.choice(self.pos)


def _ever(rng: random.Random, verb: str, rest: str) -> str:
    """'have ever bought X' / 'bought X at some point' (an explicit 'any time' so no window of a neighbour spreads to it)."""
    e = rng.choice(EVER)
    if e == "ever":
        return f"have ever {verb} {rest}"
    if e == "before":
        return f"have {verb} {rest} before"
    return f"{verb} {rest} {e}"


def _a(word: str) -> str:
    return "an" if word[0].lower() in "aeio" else "a"


def _title(rng: random.Random, t: str) -> str:
    return f'"{t}"' if ("," in t or rng.random() < 0.4) else f"the {t}"


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        self.users = ref.users
        self.buys = ev[ev["type"] == "purchase"]
        known = self.buys[self.buys["country"].notna() & (self.buys["country"] != "")]
        out = {}
        for u, rows in known.groupby("user_id"):
            vc = rows["country"].value_counts()
            out[u] = sorted(vc[vc == vc.max()].index)[0]
        self.country = pd.Series(out, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders, self.spend, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.count = {k: ref.count(t) for k, t in (("returns_count", "return"), ("reviews_count", "review"),
                                                    ("support_count", "support_message"))}
        self.rating = {k: ref.rating(k.split("_")[1]) for k in ("rating_min", "rating_max", "rating_average", "rating_latest")}
        self.brands = ref.brands[:16]
        self.clock = ref.clock

    # ------------------------------------------------------------------ helpers
    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users, index=self.users).isin(set(rows["user_id"]))

    def _b(self, s: pd.Series) -> pd.Series:
        return s.fillna(False).astype(bool)

    def _win(self, n: int, fn: Callable[[pd.Timestamp], pd.Series]) -> str:
        """A window phrase for n days; 'since <day>' only where that reading gives the same customers on this shop."""
        r = self.rng
        exact = fn(self.clock - n * DAY)
        if r.random() < 0.3:
            start = (self.clock - n * DAY).normalize()
            for day in (start, start + DAY):
                if fn(day).equals(exact):
                    return "since " + W.day_words(r, day, year=r.random() < 0.3)
        return W.window(r, n)

    def _days(self) -> int:
        return self.rng.choice([7, 14, 21, 28, 30, 45, 60, 90, 120])

    # ------------------------------------------------------------------ drawing
    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(500):
            leaf = self._draw(kind, negated)
            size = int(leaf.mask.sum())
            if negated:
                size = len(leaf.mask) - size
            if 3 <= size <= 285 and (not negated or leaf.neg):
                leaf.negated = negated
                leaf.redraw = lambda k=kind, n=negated: self.good(k, n)
                return leaf
        raise RuntimeError(f"no good leaf for {kind}")

    def _draw(self, kind: str, negated: bool) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r, ref = self.rng, self.ref
        cat = r.choice(ref.categories)
        brand = r.choice(self.brands)
        if kind == "country":
            c = r.choice(self.countries[:6])
            p = W.place(c)
            return Leaf(kind, {"kind": "country", "country": c}, self.country == c,
                        [f"are based in {p}", f"live in {p}", f"shop with us from {p}", f"order from {p}", f"are located in {p}"])
        if kind == "country_not":
            c = r.choice(self.countries[:6])
            p = W.place(c)
            return Leaf(kind, {"kind": "country_not", "country": c}, self.country.notna() & (self.country != c),
                        [f"are based outside {p}", f"live anywhere except {p}", f"are not located in {p}", f"order from a country other than {p}"])
        if kind == "bought_category":
            m = self.who(self.buys[self.buys["category"] == cat])
            cp = r.choice([f"{cat} items", f"from the {cat} category", f"{cat} products", f"something from the {cat} category", f"an item from the {cat} category"])
            return Leaf(kind, {"kind": "bought_category", "category": cat}, m,
                        [_ever(r, "bought", cp), _ever(r, "ordered", cp), _ever(r, "purchased", cp)],
                        [f"have never bought anything from {cat}", f"have never ordered from the {cat} category", f"have not once purchased {cat} products"])
        if kind == "bought_category_within":
            n = self._days()
            w = self._win(n, lambda cut: self.who(self.buys[(self.buys["category"] == cat) & (self.buys["ts"] >= cut)]))
            m = self.who(self.buys[(self.buys["category"] == cat) & (self.buys["ts"] >= self.clock - n * DAY)])
            return Leaf(kind, {"kind": "bought_category_within", "category": cat, "days": n}, m,
                        [f"bought {cat} {w}", f"have ordered something from {cat} {w}", f"picked up {cat} products {w}", f"made {_a(cat)} {cat} purchase {w}"],
                        [f"have not bought anything from {cat} {w}", f"haven't ordered {cat} {w}", f"made no {cat} purchase {w}"])
        if kind == "bought_brand":
            m = self.who(self.buys[self.buys["brand"] == brand])
            bp = r.choice([brand, f"{brand} products", f"something made by {brand}", f"from {brand}", f"{_a(brand)} {brand} item"])
            return Leaf(kind, {"kind": "bought_brand", "brand": brand}, m,
                        [_ever(r, "bought", bp), _ever(r, "ordered", bp), _ever(r, "purchased", bp)],
                        [f"have never bought {brand}", f"have never ordered {_a(brand)} {brand} product", f"have not once purchased anything from {brand}"])
        if kind == "bought_brand_within":
            n = self._days()
            w = self._win(n, lambda cut: self.who(self.buys[(self.buys["brand"] == brand) & (self.buys["ts"] >= cut)]))
            m = self.who(self.buys[(self.buys["brand"] == brand) & (self.buys["ts"] >= self.clock - n * DAY)])
            return Leaf(kind, {"kind": "bought_brand_within", "brand": brand, "days": n}, m,
                        [f"bought {brand} {w}", f"have ordered {_a(brand)} {brand} product {w}", f"purchased something by {brand} {w}"],
                        [f"haven't bought any {brand} {w}", f"have not ordered from {brand} {w}"])
        if kind == "bought_product":
            t = r.choice(ref.titles)
            tt = _title(r, t)
            return Leaf(kind, {"kind": "bought_product", "product": t}, self.who(self.buys[self.buys["title"] == t]),
                        [f"have bought {tt}", f"ordered {tt} at some point", f"have purchased {tt} from us", f"own {tt} because they bought it from us"],
                        [f"have never bought {tt}", f"have not purchased {tt}"])
        if kind == "last_purchase_within":
            n = self._days()
            w = self._win(n, lambda cut: self._b(self.last_buy >= cut))
            m = self._b(self.last_buy >= self.clock - n * DAY)
            return Leaf(kind, {"kind": "last_purchase_within", "days": n}, m,
                        [f"have placed an order {w}", f"bought something {w}", f"made at least one purchase {w}", f"have ordered from us {w}"],
                        [f"haven't bought anything {w}", f"have placed no orders {w}", f"have not ordered from us {w}"])
        if kind == "last_purchase_more":
            n = r.choice([30, 45, 60, 75, 90, 100, 120])
            m = self._b(self.last_buy < self.clock - n * DAY)
            wk = f"{num_w(r, n // 7)} weeks" if n % 7 == 0 else f"{W.num(r, n)} days"
            return Leaf(kind, {"kind": "last_purchase_more", "days": n}, m,
                        [f"last ordered more than {wk} ago", f"made their most recent purchase over {wk} ago",
                         f"have bought before but not in the last {wk}", f"have an order history, though their latest order is more than {wk} old"])
        if kind == "last_seen_within":
            n = self._days()
            w = self._win(n, lambda cut: self._b(self.last_any >= cut))
            m = self._b(self.last_any >= self.clock - n * DAY)
            return Leaf(kind, {"kind": "last_seen_within", "days": n}, m,
                        [f"have been active {w}", f"have shown any activity at all {w}", f"have interacted with the shop in some way {w}"],
                        [f"have shown no activity at all {w}", f"haven't been active {w}", f"have not interacted with the shop in any way {w}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                n = r.choice([45, 60, 75, 90, 100, 105, 110])
                m = self._b(self.first >= self.clock - n * DAY)
                w = W.window(r, n)
                return Leaf(kind, {"kind": "first_seen", "op": "within", "days": n}, m,
                            [f"first showed up {w}", f"are new customers whose very first visit was {w}",
                             f"had their first ever interaction with us {w}"])
            day = pd.Timestamp(r.choice(pd.date_range("2026-07-08", "2026-08-31"))).tz_localize("UTC")
            dw = W.day_words(r, day, year=r.random() < 0.6)
            if op == "before":
                m = self._b(self.first < day)
                pos = [f"first visited the shop before {dw}", f"have been around since before {dw}", f"were first seen earlier than {dw}"]
            elif op == "after":
                m = self._b(self.first >= day + DAY)
                pos = [f"first visited the shop after {dw}", f"were first seen later than {dw}", f"only appeared after {dw}"]
            else:
                m = self._b(self.first >= day)
                pos = [f"first visited the shop on or after {dw}", f"were first seen on {dw} or later", f"first showed up on {dw} or later"]
            return Leaf(kind, {"kind": "first_seen", "op": op, "date": day.strftime("%Y-%m-%d")}, m, pos)
        if kind == "orders":
            return self._orders(negated)
        if kind == "aov":
            return self._aov()
        if kind == "net_spend_over":
            x = r.choice([50, 100, 150, 200, 300, 400, 500, 750, 1000, 1500])
            mx = W.money(r, x)
            return Leaf(kind, {"kind": "net_spend_over", "value": x}, self.spend > x,
                        [f"have spent more than {mx} with us after returns", f"have a net spend above {mx}",
                         f"are over {mx} in total spend once refunds for returns are taken off", f"have spent over {mx} net of returns"])
        if kind == "net_spend_under":
            x = r.choice([25, 40, 50, 75, 100, 150, 200, 250])
            mx = W.money(r, x)
            if r.random() < 0.6:
                m = (self.spend < x) & (self.orders > 0)
                return Leaf(kind, {"kind": "net_spend_under", "value": x, "buyers_only": True}, m,
                            [f"have bought from us but spent less than {mx} in total after returns",
                             f"have ordered at least once yet have a net spend below {mx}",
                             f"have made purchases but have a net spend below {mx}"])
            return Leaf(kind, {"kind": "net_spend_under", "value": x}, self.spend < x,
                        [f"have a net spend under {mx}, counting people who never bought anything as zero",
                         f"have spent less than {mx} after returns (non-buyers included, at zero)"])
        if kind in ("returns_count", "reviews_count", "support_count"):
            return self._count(kind, negated)
        if kind == "returned":
            m = self.who(ref.of("return", category=cat))
            return Leaf(kind, {"kind": "returned", "category": cat}, m,
                        [f"have returned {cat} items", f"sent back something from {cat} at some point", f"have {_a(cat)} {cat} return on record"],
                        [f"have never returned anything from {cat}", f"have never sent back {_a(cat)} {cat} item"])
        if kind == "reviewed":
            m = self.who(ref.of("review", category=cat))
            return Leaf(kind, {"kind": "reviewed", "category": cat}, m,
                        [f"have reviewed {_a(cat)} {cat} product", f"wrote a review of something in the {cat} category at some point", f"have left a review on {_a(cat)} {cat} item"],
                        [f"have never reviewed anything from {cat}", f"have not written a single {cat} review"])
        if kind.startswith("rating_"):
            return self._rating(kind)
        if kind == "viewed_not_bought":
            n = r.choice([None, None, 14, 30, 45, 60, 90])
            views, buys = ref.of("view", category=cat), self.buys[self.buys["category"] == cat]
            if n is None:
                m = self.who(views) & ~self.who(buys)
                return Leaf(kind, {"kind": "viewed_not_bought", "category": cat}, m,
                            [f"have looked at {cat} products but never bought anything from {cat}",
                             f"viewed {cat} items at some point without ever buying from {cat}",
                             f"have browsed {cat} yet have no {cat} purchase at all"])
            def fn(cut):  # noqa: E306
                return self.who(views[views["ts"] >= cut]) & ~self.who(buys[buys["ts"] >= cut])
            w = self._win(n, fn)
            m = fn(self.clock - n * DAY)
            return Leaf(kind, {"kind": "viewed_not_bought", "category": cat, "days": n}, m,
                        [f"viewed {cat} products {w} but bought nothing from {cat} in that same period",
                         f"looked at {cat} {w} without buying any {cat} during that time"])
        raise ValueError(kind)

    def _orders(self, negated: bool) -> Leaf:
        r, o = self.rng, self.orders
        op = "ge" if negated else r.choice(["ge", "ge", "gt", "eq", "between"])
        n = lambda k: W.num(r, k)  # noqa: E731
        if op == "ge":
            k = r.choice([2, 3, 4, 5, 6, 8, 10])
            return Leaf("orders", {"kind": "orders", "op": "ge", "value": k}, o >= k,
                        [f"have placed at least {n(k)} orders", f"have ordered {n(k)} or more times", f"have {k}+ orders with us"],
                        [f"have not placed {n(k)} or more orders", f"have ordered fewer than {n(k)} times (never-ordered included)"])
        if op == "gt":
            k = r.choice([1, 2, 3, 5, 7, 10])
            return Leaf("orders", {"kind": "orders", "op": "gt", "value": k}, o > k,
                        [f"have placed more than {n(k)} order{'s' if k > 1 else ''}", f"have ordered more than {times(r, k)}"])
        if op == "eq":
            k = r.choice([1, 1, 2, 3])
            return Leaf("orders", {"kind": "orders", "op": "eq", "value": k}, o == k,
                        [f"have placed exactly {n(k)} order{'s' if k > 1 else ''}", f"have ordered precisely {times(r, k)}"])
        lo = r.choice([1, 2, 3])
        hi = lo + r.choice([1, 2, 3, 4])
        return Leaf("orders", {"kind": "orders", "op": "between", "value": lo, "high": hi}, (o >= lo) & (o <= hi),
                    [f"have placed between {n(lo)} and {n(hi)} orders (both ends included)", f"have ordered anywhere from {n(lo)} to {n(hi)} times"])

    def _aov(self) -> Leaf:
        r, a = self.rng, self.aov
        op = r.choice(["ge", "gt", "lt", "le", "between"])
        x = r.choice([20, 25, 30, 40, 50, 60, 75, 100, 150])
        mx = W.money(r, x)
        b = self._b
        if op == "between":
            hi = x * 2
            return Leaf("aov", {"kind": "aov", "op": "between", "value": x, "high": hi}, b((a >= x) & (a <= hi)),
                        [f"have an average order value between {mx} and {W.money(r, hi)}, inclusive",
                         f"spend from {mx} up to {W.money(r, hi)} per order on average"])
        words = {"ge": ([f"have an average order value of at least {mx}", f"spend {mx} or more per order on average"], a >= x),
                 "gt": ([f"have an average order value above {mx}", f"spend more than {mx} per order on average"], a > x),
                 "lt": ([f"have an average order value below {mx}", f"spend less than {mx} per order on average"], a < x),
                 "le": ([f"have an average order value of {mx} or less", f"spend at most {mx} per order on average"], a <= x)}[op]
        return Leaf("aov", {"kind": "aov", "op": op, "value": x}, b(words[1]), words[0])

    def _count(self, kind: str, negated: bool) -> Leaf:
        r, s = self.rng, self.count[kind]
        noun, verb = {"returns_count": (("return", "returns"), "returned something"),
                      "reviews_count": (("review", "reviews"), "written a review"),
                      "support_count": (("message to customer support", "messages to customer support"), "contacted customer support")}[kind]
        op = "ge" if negated else r.choice(["ge", "ge", "gt", "eq", "between"])
        n = lambda k: W.num(r, k)  # noqa: E731
        pl = lambda k: noun[0] if k == 1 else noun[1]  # noqa: E731
        if op == "ge":
            k = 1 if negated and r.random() < 0.7 else r.choice([1, 2, 3, 4])
            if k == 1:
                pos = [f"have {verb} at least once", f"have at least one {noun[0]} on record"]
                neg = [f"have never {verb}", f"have zero {noun[1]} on record"]
            else:
                pos = [f"have at least {n(k)} {noun[1]}", f"have {verb} {n(k)} or more times"]
                neg = [f"have fewer than {n(k)} {noun[1]} (people with none included)", f"have not {verb} {n(k)} or more times"]
            return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, s >= k, pos, neg)
        if op == "gt":
            k = r.choice([1, 2, 3])
            return Leaf(kind, {"kind": kind, "op": "gt", "value": k}, s > k, [f"have more than {n(k)} {pl(k)}", f"have {verb} more than {times(r, k)}"])
        if op == "eq":
            k = r.choice([0, 1, 1, 2])
            if k == 0:
                return Leaf(kind, {"kind": kind, "op": "eq", "value": 0}, s == 0, [f"have never {verb}", f"have no {noun[1]} at all"])
            return Leaf(kind, {"kind": kind, "op": "eq", "value": k}, s == k, [f"have exactly {n(k)} {pl(k)}", f"have {verb} exactly {times(r, k)}"])
        lo = r.choice([1, 2])
        hi = lo + r.choice([1, 2, 3])
        return Leaf(kind, {"kind": kind, "op": "between", "value": lo, "high": hi}, (s >= lo) & (s <= hi),
                    [f"have between {n(lo)} and {n(hi)} {noun[1]}, both included", f"have {verb} anywhere from {n(lo)} to {n(hi)} times"])

    def _rating(self, kind: str) -> Leaf:
        r, v, b = self.rng, self.rating[kind], self._b
        st = lambda k: f"{W.num(r, int(k)) if float(k).is_integer() else k} star{'s' if k != 1 else ''}"  # noqa: E731
        if kind == "rating_min":
            if r.random() < 0.6:
                k = r.choice([1, 2, 3])
                return Leaf(kind, {"kind": kind, "op": "le", "value": k}, b(v <= k),
                            [f"have given a rating of {st(k)} or lower at least once", f"have left at least one review of {st(k)} or fewer",
                             f"have a lowest-ever rating of {st(k)} or below"])
            k = r.choice([3, 4])
            return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, b(v >= k),
                        [f"have written reviews and never rated anything below {st(k)}", f"have a lowest rating of at least {st(k)}",
                         f"have reviewed us, with every rating {st(k)} or higher"])
        if kind == "rating_max":
            if r.random() < 0.5:
                return Leaf(kind, {"kind": kind, "op": "ge", "value": 5}, b(v >= 5),
                            ["have given at least one five-star rating", "have left a 5-star review at some point", "have a best rating of five stars"])
            k = r.choice([2, 3, 4])
            return Leaf(kind, {"kind": kind, "op": "le", "value": k}, b(v <= k),
                        [f"have reviewed us but never given more than {st(k)}", f"have a highest-ever rating of {st(k)} or less",
                         f"have left reviews, none of them above {st(k)}"])
        if kind == "rating_average":
            op = r.choice(["ge", "lt", "le", "gt", "between"])
            if op == "between":
                lo = r.choice([2, 2.5, 3])
                hi = lo + 1
                return Leaf(kind, {"kind": kind, "op": "between", "value": lo, "high": hi}, b((v >= lo) & (v <= hi)),
                            [f"have an average rating between {lo} and {hi} stars, inclusive", f"rate us {lo} to {hi} stars on average (ends included)"])
            k = r.choice([2, 2.5, 3, 3.5, 4, 4.5])
            pos = {"ge": [f"have an average rating of {k} stars or more", f"give us at least {k} stars on average"],
                   "gt": [f"have an average rating above {k} stars", f"rate us higher than {k} stars on average"],
                   "lt": [f"have an average rating below {k} stars", f"give us under {k} stars on average"],
                   "le": [f"have an average rating of {k} stars or less", f"rate us {k} stars or lower on average"]}[op]
            m = {"ge": v >= k, "gt": v > k, "lt": v < k, "le": v <= k}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, b(m), pos)
        op = r.choice(["le", "ge", "eq"])
        k = {"le": r.choice([1, 2, 3]), "ge": r.choice([4, 5]), "eq": r.choice([1, 3, 5])}[op]
        pos = {"le": [f"gave {st(k)} or fewer in their most recent review", f"have a latest rating of {st(k)} or less"],
               "ge": [f"gave {st(k)} or more in their most recent review", f"have a latest rating of at least {st(k)}"],
               "eq": [f"gave exactly {st(k)} in their most recent review", f"have a latest review score of exactly {st(k)}"]}[op]
        m = {"le": v <= k, "ge": v >= k, "eq": v == k}[op]
        return Leaf(kind, {"kind": kind, "op": op, "value": k}, b(m), pos)


def times(r: random.Random, k: int) -> str:
    return W.times(r, k)


def num_w(r: random.Random, k: int) -> str:
    return W.num(r, k, 0.6)

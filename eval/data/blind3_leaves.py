"""Third blind marketer set: one condition (a leaf) drawn from the shop, with its customer mask (pandas through
``marketer_reference.Ref``) and its parameters; only parameters whose plausible readings agree are drawn."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from marketer_reference import DAY, Ref

KINDS = ["country", "country_not", "bought_category", "bought_brand", "bought_product", "bought_category_within",
         "bought_brand_within", "last_purchase_within", "last_purchase_more", "viewed_not_bought", "returned",
         "reviewed", "orders", "returns_count", "reviews_count", "support_count", "net_spend_over", "net_spend_under",
         "aov", "first_seen", "last_seen_within", "rating_min", "rating_max", "rating_average", "rating_latest"]
WINDOWS = [7, 14, 21, 30, 42, 45, 60, 90]
# kinds whose literal complement over all customers is the only plausible reading of "never ..."
NEGATABLE = {"bought_category", "bought_brand", "bought_product", "returned", "reviewed", "last_seen_within"}
# kinds that imply the customer bought something (so "hasn't bought in N days" beside them means a lapsed buyer)
BUYER_KINDS = {"country", "country_not", "bought_category", "bought_brand", "bought_product", "aov"}


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    p: dict = field(default_factory=dict)  # parameters the phrasings use


def _b(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


class World:
    """The shop's per-customer facts and the leaf draws."""

    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.r, self.rng = ref, rng
        self.users = pd.Index(ref.users)
        self.ctry = ref.country()
        self.n_orders = ref.orders()
        self.net = ref.net_spend()
        self.gross = ref.series(ref.of("purchase").groupby("user_id")["money"].sum(), 0.0).round(2)
        self.aov_s = ref.aov()
        self.first = ref.oldest()
        self.last = ref.newest(None)
        self.last_buy = ref.newest("purchase")
        self.counts = {k: ref.count(k) for k in ("return", "review", "support_message")}
        self.ratings = {w: ref.rating(w) for w in ("min", "max", "average", "latest")}
        self.countries = [c for c, n in self.ctry.value_counts().items() if n >= 20]
        buys = ref.of("purchase")
        self.titles = [t for t in ref.titles if buys[buys["title"] == t]["user_id"].nunique() >= 4]
        self.brands = [b for b in ref.brands if 6 <= buys[buys["brand"] == b]["user_id"].nunique() <= 200]
        midnight = ref.clock.normalize()
        self.cut_sets = {n: [ref.clock - n * DAY, midnight - n * DAY, midnight - (n - 1) * DAY] for n in range(1, 120)}
        firsts = set(self.first.dt.normalize())
        span = pd.date_range(ref.ev["ts"].min().normalize(), midnight)
        self.free_dates = [d for d in span if d not in firsts]

    def all(self, v: bool = True) -> pd.Series:
        return pd.Series(v, index=self.users)

    # a window N is usable when the rolling and both calendar-day readings agree
    def window(self, fn: Callable[[pd.Timestamp], pd.Series], n: int) -> bool:
        masks = [_b(fn(c)) for c in self.cut_sets[n]]
        return all(m.equals(masks[0]) for m in masks[1:])

    def bought_since(self, cut: pd.Timestamp, **match: str) -> pd.Series:
        rows = self.r.of("purchase", **match)
        return self.r.who(rows[rows["ts"] >= cut])

    def month_ok(self, fn: Callable[[pd.Timestamp], pd.Series], lengths: range) -> bool:
        masks = [_b(fn(c)) for n in lengths for c in self.cut_sets[n]]
        return all(m.equals(masks[0]) for m in masks[1:])

    # ---- one leaf of a kind -------------------------------------------------------------------------------
    def draw(self, kind: str, lo: int = 3, hi: int = 280, tries: int = 60) -> Leaf:
        for _ in range(tries):
            leaf = getattr(self, "_" + kind)()
            if leaf is not None and lo <= int(leaf.mask.sum()) <= hi:
                return leaf
        raise RuntimeError(f"no usable {kind} leaf")

    def _days(self, fn: Callable[[pd.Timestamp], pd.Series]) -> tuple[int, dict] | None:
        n = self.rng.choice(WINDOWS)
        if not self.window(fn, n):
            return None
        p = {"days": n, "month": n == 30 and self.month_ok(fn, range(28, 32)),
             "quarter": n == 90 and self.month_ok(fn, range(89, 93))}
        return n, p

    def _country(self) -> Leaf:
        c = self.rng.choice(self.countries)
        return Leaf("country", {"kind": "country", "country": c}, _b(self.ctry == c), {"country": c})

    def _country_not(self) -> Leaf:
        c = self.rng.choice(self.countries)
        return Leaf("country_not", {"kind": "country_not", "country": c}, _b(self.ctry.notna() & (self.ctry != c)),
                    {"country": c})

    def _bought_category(self) -> Leaf:
        c = self.rng.choice(self.r.categories)
        return Leaf("bought_category", {"kind": "bought_category", "category": c},
                    self.r.who(self.r.of("purchase", category=c)), {"category": c})

    def _bought_brand(self) -> Leaf:
        b = self.rng.choice(self.brands)
        return Leaf("bought_brand", {"kind": "bought_brand", "brand": b}, self.r.who(self.r.of("purchase", brand=b)),
                    {"brand": b})

    def _bought_product(self) -> Leaf:
        t = self.rng.choice(self.titles)
        return Leaf("bought_product", {"kind": "bought_product", "product": t},
                    self.r.who(self.r.of("purchase", title=t)), {"product": t})

    def _bought_category_within(self) -> Leaf | None:
        c = self.rng.choice(self.r.categories)
        got = self._days(lambda cut: self.bought_since(cut, category=c))
        if got is None:
            return None
        n, p = got
        return Leaf("bought_category_within", {"kind": "bought_category_within", "category": c, "days": n},
                    self.bought_since(self.r.cut(n), category=c), {"category": c, **p})

    def _bought_brand_within(self) -> Leaf | None:
        b = self.rng.choice(self.brands)
        got = self._days(lambda cut: self.bought_since(cut, brand=b))
        if got is None:
            return None
        n, p = got
        return Leaf("bought_brand_within", {"kind": "bought_brand_within", "brand": b, "days": n},
                    self.bought_since(self.r.cut(n), brand=b), {"brand": b, **p})

    def _last_purchase_within(self) -> Leaf | None:
        got = self._days(lambda cut: self.last_buy >= cut)
        if got is None:
            return None
        n, p = got
        return Leaf("last_purchase_within", {"kind": "last_purchase_within", "days": n},
                    _b(self.last_buy >= self.r.cut(n)), p)

    def _last_purchase_more(self) -> Leaf | None:
        got = self._days(lambda cut: self.last_buy < cut)
        if got is None:
            return None
        n, p = got
        return Leaf("last_purchase_more", {"kind": "last_purchase_more", "days": n},
                    _b(self.last_buy < self.r.cut(n)), p)

    def _last_seen_within(self) -> Leaf | None:
        got = self._days(lambda cut: self.last >= cut)
        if got is None:
            return None
        n, p = got
        mask = _b(self.last >= self.r.cut(n))
        visits = self.r.who(self.r.of(("view", "search", "cart"), days=n))
        return Leaf("last_seen_within", {"kind": "last_seen_within", "days": n}, mask, p | {"visit_agrees": mask.equals(visits)})

    def _viewed_not_bought(self) -> Leaf | None:
        c = self.rng.choice(self.r.categories)
        bought_ever = self.r.who(self.r.of("purchase", category=c))
        if self.rng.random() < 0.5:
            views = self.r.who(self.r.of("view", category=c))
            carts = self.r.who(self.r.of(("view", "cart"), category=c))
            if not (views & ~bought_ever).equals(carts & ~bought_ever):
                return None
            return Leaf("viewed_not_bought", {"kind": "viewed_not_bought", "category": c}, views & ~bought_ever,
                        {"category": c})

        def seen(cut: pd.Timestamp, types: Any = "view") -> pd.Series:
            rows = self.r.of(types, category=c)
            return self.r.who(rows[rows["ts"] >= cut])
        got = self._days(lambda cut: seen(cut) & ~self.bought_since(cut, category=c))
        if got is None:
            return None
        n, p = got
        cut = self.r.cut(n)
        mask = seen(cut) & ~self.bought_since(cut, category=c)
        if not (mask.equals(seen(cut) & ~bought_ever) and mask.equals(seen(cut, ("view", "cart")) & ~bought_ever)):
            return None
        if not self.window(lambda k: seen(k) & ~bought_ever, n):
            return None
        return Leaf("viewed_not_bought", {"kind": "viewed_not_bought", "category": c, "days": n}, mask,
                    {"category": c, **p})

    def _returned(self) -> Leaf:
        c = self.rng.choice(self.r.categories)
        return Leaf("returned", {"kind": "returned", "category": c}, self.r.who(self.r.of("return", category=c)),
                    {"category": c})

    def _reviewed(self) -> Leaf:
        c = self.rng.choice(self.r.categories)
        return Leaf("reviewed", {"kind": "reviewed", "category": c}, self.r.who(self.r.of("review", category=c)),
                    {"category": c})

    def _cmp(self, s: pd.Series, op: str, v: float, hi: float | None = None) -> pd.Series:
        return _b({"ge": lambda: s >= v, "gt": lambda: s > v, "le": lambda: s <= v, "lt": lambda: s < v,
                   "eq": lambda: s == v, "between": lambda: (s >= v) & (s <= hi)}[op]())

    def _counted(self, kind: str, s: pd.Series, choices: list[tuple]) -> Leaf:
        op, v, *rest = self.rng.choice(choices)
        hi = rest[0] if rest else None
        cond = {"kind": kind, "op": op, "value": v} | ({"high": hi} if hi is not None else {})
        return Leaf(kind, cond, self._cmp(s, op, v, hi), {"op": op, "value": v, "high": hi})

    def _orders(self) -> Leaf:
        return self._counted("orders", self.n_orders, [("ge", 2), ("ge", 3), ("ge", 5), ("ge", 8), ("ge", 10),
                             ("gt", 4), ("gt", 6), ("eq", 1), ("eq", 2), ("eq", 3), ("between", 1, 2),
                             ("between", 1, 3), ("between", 2, 4), ("le", 1), ("le", 2), ("lt", 3), ("ge", 12)])

    def _returns_count(self) -> Leaf:
        return self._counted("returns_count", self.counts["return"],
                             [("ge", 1), ("ge", 2), ("ge", 3), ("gt", 1), ("eq", 1), ("eq", 0), ("ge", 4)])

    def _reviews_count(self) -> Leaf:
        return self._counted("reviews_count", self.counts["review"],
                             [("ge", 1), ("ge", 2), ("ge", 3), ("ge", 5), ("gt", 3), ("eq", 1), ("eq", 0)])

    def _support_count(self) -> Leaf:
        return self._counted("support_count", self.counts["support_message"],
                             [("ge", 1), ("ge", 2), ("ge", 3), ("ge", 4), ("ge", 5), ("gt", 2), ("eq", 0), ("eq", 1)])

    def _money_ok(self, s: pd.Series, v: float) -> bool:
        return not bool((s.round(2) == v).any())

    def _net_spend_over(self) -> Leaf | None:
        v = self.rng.choice([50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000])
        if not self._money_ok(self.net, v):
            return None
        mask = _b(self.net > v)
        return Leaf("net_spend_over", {"kind": "net_spend_over", "value": v}, mask,
                    {"value": v, "gross_agrees": mask.equals(_b(self.gross > v))})

    def _net_spend_under(self) -> Leaf | None:
        v = self.rng.choice([20, 25, 30, 40, 50, 75, 100, 150])
        if not self._money_ok(self.net, v):
            return None
        buyers = self.n_orders > 0
        mask = _b((self.net < v) & buyers)
        return Leaf("net_spend_under", {"kind": "net_spend_under", "value": v, "buyers_only": True}, mask,
                    {"value": v, "gross_agrees": mask.equals(_b((self.gross < v) & buyers))})

    def _aov(self) -> Leaf | None:
        op, v = self.rng.choice([("gt", 50), ("gt", 75), ("gt", 100), ("gt", 150), ("gt", 200), ("lt", 20),
                                 ("lt", 25), ("lt", 30), ("lt", 40), ("ge", 120), ("lt", 15)])
        if not self._money_ok(self.aov_s.dropna(), v):
            return None
        mask = self._cmp(self.aov_s, op, v)
        net_aov = (self.net / self.n_orders.where(self.n_orders > 0)).round(2)
        return Leaf("aov", {"kind": "aov", "op": op, "value": v}, mask,
                    {"op": op, "value": v, "net_agrees": mask.equals(self._cmp(net_aov, op, v))})

    def _first_seen(self) -> Leaf | None:
        if self.rng.random() < 0.25:
            got = self._days(lambda cut: self.first >= cut)
            if got is None:
                return None
            n, p = got
            return Leaf("first_seen", {"kind": "first_seen", "op": "within", "days": n},
                        _b(self.first >= self.r.cut(n)), {"op": "within", **p})
        d = self.rng.choice(self.free_dates)
        op = self.rng.choice(["before", "after", "since"])
        mask = {"before": self.first < d, "after": self.first >= d + DAY, "since": self.first >= d}[op]
        return Leaf("first_seen", {"kind": "first_seen", "op": op, "date": d.strftime("%Y-%m-%d")}, _b(mask),
                    {"op": op, "date": d})

    def _rating(self, which: str, choices: list[tuple]) -> Leaf:
        return self._counted("rating_" + which, self.ratings[which], choices)

    def _rating_min(self) -> Leaf:
        return self._rating("min", [("le", 1), ("le", 2), ("ge", 4), ("ge", 3), ("lt", 3)])

    def _rating_max(self) -> Leaf:
        return self._rating("max", [("ge", 5), ("le", 2), ("le", 3), ("lt", 4), ("eq", 5)])

    def _rating_average(self) -> Leaf:
        return self._rating("average", [("lt", 3), ("lt", 2.5), ("ge", 4), ("gt", 4), ("lt", 2), ("ge", 4.5)])

    def _rating_latest(self) -> Leaf:
        return self._rating("latest", [("le", 2), ("eq", 5), ("eq", 1), ("ge", 4), ("lt", 3), ("le", 3)])

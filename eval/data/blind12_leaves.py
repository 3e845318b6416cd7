"""Condition leaves of the twelfth blind marketer set: for every condition kind, a draw of the condition (the
``blind2_check`` format), its pandas mask over customers, and plural verb phrases ("who ...") in this set's words,
with negated verb phrases where the negation reads only one way."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind12_words import WORDS, day_words, money, num, place, window
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)
KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
# kinds whose complement an exception ("everyone except those who ...") states without doubt
NEGATABLE = set(KINDS) - {"country_not", "net_spend_under"}


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]
    neg: list[str] = field(default_factory=list)


def _round(v: float) -> int:
    step = 10 ** max(0, len(str(int(abs(v)))) - 1) if v >= 10 else 1
    if step >= 100:
        step //= 2
    return int(max(step, round(v / step) * step))


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        self.users = pd.Index(ref.users)
        self.clock = ref.clock
        buys = ev[ev["type"] == "purchase"]
        self.buys = buys
        c = buys[buys["country"].notna() & (buys["country"] != "")]
        out = {}
        for u, rows in c.groupby("user_id"):
            vc = rows["country"].value_counts()
            out[u] = sorted(vc[vc == vc.max()].index)[0]
        self.country = pd.Series(out, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        key = buys["order"].astype(object).where(buys["order"].notna() & (buys["order"] != ""), buys["ts"].dt.strftime("%Y-%m-%d"))
        self.orders = key.groupby(buys["user_id"]).nunique().reindex(self.users).fillna(0)
        gross = buys.groupby("user_id")["money"].sum().reindex(self.users).fillna(0.0)
        back = ev[ev["type"] == "return"].groupby("user_id")["money"].sum().reindex(self.users).fillna(0.0)
        self.net = (gross - back).round(2)
        self.has_buy = self.orders > 0
        self.aov = (gross / self.orders.where(self.orders > 0)).round(2)
        self.count = {t: ev[ev["type"] == t].groupby("user_id").size().reindex(self.users).fillna(0)
                      for t in ("return", "review", "support_message")}
        rated = ev[(ev["type"] == "review") & ev["rating"].notna()].groupby("user_id")["rating"]
        self.rating = {"min": rated.min().reindex(self.users), "max": rated.max().reindex(self.users),
                       "average": rated.mean().reindex(self.users), "latest": rated.last().reindex(self.users)}
        self.last_buy = buys.groupby("user_id")["ts"].max().reindex(self.users)
        self.last_any = ev.groupby("user_id")["ts"].max().reindex(self.users)
        self.first = ev.groupby("user_id")["ts"].min().reindex(self.users)
        self.cats = ref.categories
        self.brands = ref.brands[:15]
        self.titles = ref.titles

    # helpers
    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users.isin(set(rows["user_id"])), index=self.users)

    def rows(self, types, days=None, cut=None, **match) -> pd.DataFrame:
        r = self.ref.ev
        r = r[r["type"].isin([types] if isinstance(types, str) else types)]
        if days:
            r = r[r["ts"] >= (cut if cut is not None else self.clock - days * DAY)]
        for k, v in match.items():
            r = r[r[k] == v]
        return r

    def since(self, n: int, fn) -> pd.Timestamp | None:
        """The calendar day n days back, when counting from its midnight picks the same customers."""
        day = (self.clock - n * DAY).normalize()
        return day if fn(self.clock - n * DAY).equals(fn(day)) else None

    def win(self, n: int, fn) -> str:
        return window(self.rng, n, self.since(n, fn))

    def cmp(self, x: pd.Series, op: str, v, hi=None) -> pd.Series:
        m = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v}.get(op)
        if op == "between":
            m = (x >= v) & (x <= hi)
        return m.fillna(False).astype(bool)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(200):
            leaf = self.draw(kind)
            if 5 <= int(leaf.mask.sum()) <= 285:
                return leaf
        raise RuntimeError(kind)

    def count_words(self, op, k, hi, one: str, many: str) -> str:
        """'at least three returns' and the like."""
        r = self.rng
        nm = lambda x: one if x == 1 else many  # noqa: E731
        if op == "ge":
            return r.choice([f"at least {num(r, k)} {nm(k)}", f"{num(r, k)} or more {many}", f"no fewer than {num(r, k)} {nm(k)}"])
        if op == "gt":
            return f"more than {num(r, k)} {nm(k)}"
        if op == "le":
            return r.choice([f"at most {num(r, k)} {nm(k)}", f"no more than {num(r, k)} {nm(k)}"])
        if op == "lt":
            return f"fewer than {num(r, k)} {nm(k)}"
        if op == "eq":
            return f"exactly {num(r, k)} {nm(k)}"
        lo_w, hi_w = (WORDS[k], WORDS[hi]) if r.random() < 0.5 else (str(k), str(hi))
        return r.choice([f"anywhere from {lo_w} to {hi_w} {many}", f"between {lo_w} and {hi_w} {many}, both included"])

    def draw(self, kind: str) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r = self.rng
        n = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
        cat, brand = r.choice(self.cats), r.choice(self.brands)
        catw = cat if r.random() < 0.7 else cat.title()
        an = "an" if catw[0].lower() in "aeiou" else "a"
        if kind == "country":
            x = r.choice(self.countries[:6])
            p = place(x)
            return Leaf(kind, {"kind": kind, "country": x}, (self.country == x).fillna(False).astype(bool),
                        [f"are based in {p}", f"shop with us from {p}", f"order from {p}", f"are located in {p}"])
        if kind == "country_not":
            x = r.choice(self.countries[:6])
            p = place(x)
            return Leaf(kind, {"kind": kind, "country": x}, (self.country.notna() & (self.country != x)).astype(bool),
                        [f"are based in a country other than {p}", f"order from somewhere other than {p}",
                         f"are located anywhere but {p}"])
        if kind in ("bought_category", "bought_category_within"):
            days = n if kind.endswith("within") else None
            fn = lambda cut: self.who(self.rows("purchase", days, cut, category=cat))  # noqa: E731
            t = f" {self.win(n, fn)}" if days else ""
            cond = {"kind": kind, "category": cat, **({"days": n} if days else {})}
            vp = [f"have bought {catw}{t}", f"have ordered something from {catw}{t}", f"have purchased {catw} products{t}"]
            neg = [f"have not bought anything from {catw}{t}", f"have not ordered a single {catw} item{t}"] if days else \
                [f"have never bought {catw}", f"have never once ordered from {catw}", f"have not a single {catw} purchase to their name"]
            return Leaf(kind, cond, fn(None), vp, neg)
        if kind in ("bought_brand", "bought_brand_within"):
            days = n if kind.endswith("within") else None
            fn = lambda cut: self.who(self.rows("purchase", days, cut, brand=brand))  # noqa: E731
            t = f" {self.win(n, fn)}" if days else ""
            cond = {"kind": kind, "brand": brand, **({"days": n} if days else {})}
            vp = [f"have bought {brand}{t}", f"have purchased {brand} products{t}", f"have ordered something made by {brand}{t}"]
            neg = [f"have not bought any {brand} products{t}"] if days else [f"have never bought {brand}", f"have never ordered any {brand} product"]
            return Leaf(kind, cond, fn(None), vp, neg)
        if kind == "bought_product":
            t = r.choice(self.titles)
            return Leaf(kind, {"kind": kind, "product": t}, self.who(self.rows("purchase", title=t)),
                        [f"have bought the “{t}”", f"have purchased the product “{t}”"], [f"have never bought the “{t}”"])
        if kind == "last_purchase_within":
            fn = lambda cut: self.cmp(self.last_buy, "ge", cut)  # noqa: E731
            t = self.win(n, fn)
            return Leaf(kind, {"kind": kind, "days": n}, fn(self.clock - n * DAY),
                        [f"have bought something {t}", f"have placed an order {t}", f"have made a purchase {t}"],
                        [f"have not bought anything {t}", f"have not placed a single order {t}"])
        if kind == "last_purchase_more":
            n = r.choice([30, 45, 60, 75, 90])
            return Leaf(kind, {"kind": kind, "days": n}, self.cmp(self.last_buy, "lt", self.clock - n * DAY),
                        [f"made their last purchase more than {num(r, n)} days ago", f"last ordered from us over {n} days ago",
                         f"are past buyers whose latest order is more than {n} days old"])
        if kind == "last_seen_within":
            fn = lambda cut: self.cmp(self.last_any, "ge", cut)  # noqa: E731
            t = self.win(n, fn)
            return Leaf(kind, {"kind": kind, "days": n}, fn(self.clock - n * DAY),
                        [f"have visited the shop {t}", f"have been active {t}", f"have shown any activity at all {t}"],
                        [f"have not been active at all {t}", f"have not visited the shop even once {t}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                n = r.choice([14, 21, 30, 45, 60])
                fn = lambda cut: self.cmp(self.first, "ge", cut)  # noqa: E731
                t = self.win(n, fn)
                return Leaf(kind, {"kind": kind, "op": op, "days": n}, fn(self.clock - n * DAY),
                            [f"first visited the shop {t}", f"came to us for the first time {t}"],
                            [f"were not new to the shop {t}"] if t.startswith("since") else [])
            day = (self.clock - r.randint(30, 100) * DAY).normalize()
            w = day_words(r, day)
            if op == "before":
                return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, self.cmp(self.first, "lt", day),
                            [f"first visited the shop before {w}", f"have been around since before {w}"])
            if op == "after":
                return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, self.cmp(self.first, "ge", day + DAY),
                            [f"first visited the shop after {w}", f"turned up for the first time later than {w}"])
            return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, self.cmp(self.first, "ge", day),
                        [f"first visited the shop on or after {w}", f"were first seen on {w} or later"])
        if kind in ("orders", "returns_count", "reviews_count", "support_count"):
            x = {"orders": self.orders, "returns_count": self.count["return"], "reviews_count": self.count["review"],
                 "support_count": self.count["support_message"]}[kind]
            op = r.choice(["ge", "ge", "le", "eq", "lt", "gt", "between"] + (["eq0", "eq0"] if kind != "orders" else []))
            k = {"orders": r.choice([2, 3, 4, 5, 6]), "returns_count": r.choice([1, 2]), "reviews_count": r.choice([1, 2, 3]),
                 "support_count": r.choice([1, 2, 3, 4])}[kind]
            hi = k + r.choice([1, 2]) if op == "between" else None
            if op == "eq0" or (op == "lt" and k == 1):
                op, k = ("eq", 0) if op == "eq0" else ("lt", 1)
            cond = {"kind": kind, "op": op, "value": k, **({"high": hi} if hi else {})}
            mask = self.cmp(x, op, k, hi)
            if kind == "orders":
                c = self.count_words(op, k, hi, "order", "orders")
                vp = [f"have placed {c}", f"have {c} on record"]
            elif kind == "returns_count":
                c = self.count_words(op, k, hi, "return", "returns")
                vp = [f"have made {c}", f"have {c} to their name"] if k and not (op == "lt" and k == 1) else ["have never returned anything", "have not sent back a single item"]
            elif kind == "reviews_count":
                c = self.count_words(op, k, hi, "review", "reviews")
                vp = [f"have written {c}", f"have left us {c}"] if k and not (op == "lt" and k == 1) else ["have never written a review", "have not left a single review"]
            else:
                c = self.count_words(op, k, hi, "message", "messages")
                vp = [f"have sent customer support {c}", f"have written to our support team {c.replace('messages', 'times').replace('message', 'time')}"] \
                    if k else ["have never contacted customer support", "have not once written to our support team"]
            return Leaf(kind, cond, mask, vp)
        if kind == "aov":
            op = r.choice(["gt", "lt", "ge", "between"])
            x = _round(float(self.aov.quantile(r.choice([0.3, 0.5, 0.7]))))
            hi = x + _round(x * 0.5) if op == "between" else None
            cond = {"kind": kind, "op": op, "value": x, **({"high": hi} if hi else {})}
            m = money(r, x)
            m2 = m.replace(str(x), str(hi)) if hi else ""
            w = {"gt": f"above {m}", "lt": f"below {m}", "ge": f"of {m} or more", "between": f"between {m} and {m2} inclusive"}[op]
            return Leaf(kind, cond, self.cmp(self.aov, op, x, hi), [f"have an average order value {w}", f"spend on average an amount {w} per order"])
        if kind == "net_spend_over":
            x = _round(float(self.net[self.net > 0].quantile(r.choice([0.4, 0.6, 0.75]))))
            m = money(r, x)
            return Leaf(kind, {"kind": kind, "value": x}, self.net > x,
                        [f"have spent more than {m} in total after returns", f"have a net spend above {m}", f"have spent over {m} once refunds are taken off"])
        if kind == "net_spend_under":
            x = _round(float(self.net[self.net > 0].quantile(r.choice([0.25, 0.4]))))
            m = money(r, x)
            if r.random() < 0.6:
                return Leaf(kind, {"kind": kind, "value": x, "buyers_only": True}, (self.net < x) & self.has_buy,
                            [f"are buyers with a net spend under {m} after returns",
                             f"have ordered at least once yet have a net spend under {m}"])
            return Leaf(kind, {"kind": kind, "value": x}, self.net < x,
                        [f"have a net spend below {m} (zero-spenders included)",
                         f"have spent less than {m} after returns (people with no purchases included)"])
        if kind in ("returned", "reviewed"):
            t = "return" if kind == "returned" else "review"
            mask = self.who(self.rows(t, category=cat))
            if kind == "returned":
                return Leaf(kind, {"kind": kind, "category": cat}, mask,
                            [f"have returned {an} {catw} item", f"have sent back something from {catw}"],
                            [f"have never returned anything from {catw}", f"have not once sent back {an} {catw} item"])
            return Leaf(kind, {"kind": kind, "category": cat}, mask,
                        [f"have reviewed {an} {catw} product", f"have written a review of something from {catw}"],
                        [f"have never reviewed {an} {catw} product"])
        if kind.startswith("rating_"):
            which = kind[7:]
            x = self.rating[which]
            if which == "min":
                op, k = r.choice([("le", 1), ("le", 2), ("ge", 4), ("ge", 3)])
                vp = [(f"have given at least one rating of {num(r, k)} stars or lower" if k > 1 else "have given at least one one-star rating"), (f"have left a review of {k} stars or fewer" if k > 1 else "have left a 1-star review")] \
                    if op == "le" else [f"have a lowest rating of {num(r, k)} stars or more", f"have not once rated anything under {k} stars despite leaving reviews"]
            elif which == "max":
                op, k = r.choice([("eq", 5), ("le", 3), ("le", 2)])
                vp = ["have given a five-star rating at least once", "have left a 5-star review"] if op == "eq" else \
                    [f"have a highest rating of {num(r, k)} stars or fewer", f"have left reviews without a single one above {k} stars"]
            elif which == "average":
                op, k = r.choice([("ge", 4), ("ge", 4.5), ("le", 3), ("lt", 3.5)])
                w = {"ge": "or higher", "le": "or lower"}.get(op)
                vp = [f"have an average review rating of {k} stars {w}", f"rate products {k} stars {w} on average"] if w else \
                    [f"have an average review rating below {k} stars", f"rate products under {k} stars on average"]
            else:
                op, k = r.choice([("le", 2), ("le", 3), ("ge", 4), ("eq", 5)])
                w = {"le": "or fewer", "ge": "or more"}.get(op)
                vp = [f"gave {num(r, k)} stars {w} in their most recent review", f"have a latest review of {k} stars {w}"] if w else \
                    ["gave five stars in their most recent review", "have a latest review of 5 stars"]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self.cmp(x, op, k), vp)
        if kind == "viewed_not_bought":
            days = r.choice([None, None, 30, 60])
            cut = self.clock - days * DAY if days else None
            mask = self.who(self.rows("view", days, cut, category=cat)) & ~self.who(self.rows("purchase", days, cut, category=cat))
            cond = {"kind": kind, "category": cat, **({"days": days} if days else {})}
            if days:
                vp = [f"have viewed {catw} products in the last {days} days without buying anything from {catw} in that time",
                      f"looked at items from {catw} over the past {days} days yet bought nothing from that category in those days"]
            else:
                vp = [f"have viewed {catw} products but never bought any", f"have looked at items from {catw} without ever buying from {catw}"]
            return Leaf(kind, cond, mask, vp)
        raise ValueError(kind)

"""Condition leaves of the THIRTEENTH blind marketer set: for each condition kind of ``blind2_check``, the condition,
its pandas mask over customers (computed here from ``marketer_reference.Ref``'s event table), and its own words in a
non-native international English register: relative clauses (``rel``), participle phrases (``part``) and negated
relative clauses (``neg``)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind13_words import day_text, land, money, num, window
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)
KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "orders", "net_spend_over", "returns_count", "reviews_count",
             "support_count", "returned", "reviewed"}
WINDOWS = [7, 14, 21, 28, 30, 42, 45, 56, 60, 90]


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    rel: list[str]  # relative clauses after "customers" ("who ...", "whose ...", "with ..."); "~": alone only
    part: list[str]  # participle phrases ("having bought ...")
    neg: list[str] = field(default_factory=list)  # negated relative clauses


def _round(x: float) -> int:
    if x < 10:
        return max(1, int(round(x)))
    step = 5 if x < 100 else (10 if x < 500 else 50)
    return int(round(x / step) * step)


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        self.users = pd.Index(ref.users)
        buys = ev[ev["type"] == "purchase"]
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        mode = {}
        for user, rows in known.groupby("user_id"):
            counts = rows["country"].value_counts()
            mode[user] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(mode, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders = ref.orders()
        gross = ref.series(buys.groupby("user_id")["money"].sum(), 0.0)
        self.aov = (gross / self.orders.where(self.orders > 0)).round(2)
        self.net = ref.net_spend()
        self.buyer = self.orders > 0
        self.counts = {t: ref.count(t) for t in ("return", "review", "support_message")}
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.rating = {w: ref.rating(w) for w in ("min", "max", "average", "latest")}
        self.categories = ref.categories
        self.brands = ref.brands[:15]
        self.titles = ref.titles

    # helpers
    def _who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users.isin(set(rows["user_id"])), index=self.users)

    def _rows(self, kind, days=None, **match) -> pd.DataFrame:
        return self.ref.of(kind, days, **match)

    def _win(self, days: int, when_cols: list[pd.DataFrame] | None = None) -> str:
        """The window in words; a 'since <date>' only where that date's midnight selects the same events."""
        cut = self.ref.clock - days * DAY
        day = cut.normalize()
        since = None
        if when_cols is not None and all(((r["ts"] >= cut) == (r["ts"] >= day)).all() for r in when_cols):
            since = day_text(self.rng, day)
        return window(self.rng, days, since)

    @staticmethod
    def _cmp(x: pd.Series, op: str, v, hi=None) -> pd.Series:
        out = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v,
               "between": (x >= v) & (x <= (hi if hi is not None else v))}[op]
        return out.fillna(False).astype(bool)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(400):
            leaf = self.draw(kind)
            n = int(leaf.mask.sum())
            if 4 <= n <= 285 and (not negated or leaf.neg):
                return leaf
        raise RuntimeError(kind)

    def draw(self, kind: str) -> Leaf:  # noqa: C901, PLR0911, PLR0912, PLR0915
        r = self.rng
        days = r.choice(WINDOWS)
        cat = r.choice(self.categories)
        brand = r.choice(self.brands)
        if kind == "country":
            code = r.choice(self.countries)
            c = land(r, code)
            return Leaf(kind, {"kind": "country", "country": code}, self.country == code,
                        [f"who are based in {c}", f"who live in {c}", f"who make their orders from {c}",
                         f"which are coming from {c}", f"~from {c}", f"whose orders are from {c}"],
                        [f"being based in {c}", f"living in {c}", f"ordering from {c}"])
        if kind == "country_not":
            code = r.choice(self.countries)
            c = land(r, code)
            return Leaf(kind, {"kind": "country_not", "country": code}, self.country.notna() & (self.country != code),
                        [f"who order from another country than {c}", f"whose orders come from a country different of {c}",
                         f"who buy from outside of {c}"],
                        [f"ordering from a country other than {c}", f"buying from outside {c}"])
        if kind in ("bought_category", "bought_category_within"):
            within = kind.endswith("within")
            rows = self._rows("purchase", days if within else None, category=cat)
            w = " " + self._win(days, [self._rows("purchase", category=cat)]) if within else ""
            cond = {"kind": kind, "category": cat, **({"days": days} if within else {})}
            neg = ([f"who never bought {cat}", f"who did never order anything of {cat}", f"who have no {cat} purchase until now"]
                   if not within else [f"who did not buy {cat}{w}", f"without any {cat} order{w}"])
            return Leaf(kind, cond, self._who(rows),
                        [f"who bought {cat}{w}", f"who buy {cat} articles{w}", f"who made an order in the {cat} category{w}",
                         f"who have bought something of {cat}{w}", f"with a {cat} purchase{w}"],
                        [f"having bought {cat}{w}", f"having ordered some {cat} articles{w}"], neg)
        if kind in ("bought_brand", "bought_brand_within"):
            within = kind.endswith("within")
            rows = self._rows("purchase", days if within else None, brand=brand)
            w = " " + self._win(days, [self._rows("purchase", brand=brand)]) if within else ""
            cond = {"kind": kind, "brand": brand, **({"days": days} if within else {})}
            neg = ([f"who never bought {brand}", f"who never ordered a product of the brand {brand}"]
                   if not within else [f"who did not buy {brand}{w}", f"with no {brand} order{w}"])
            return Leaf(kind, cond, self._who(rows),
                        [f"who bought {brand}{w}", f"who buy products of the brand {brand}{w}", f"who ordered from {brand}{w}",
                         f"with a {brand} purchase{w}"],
                        [f"having bought {brand} products{w}", f"having ordered the brand {brand}{w}"], neg)
        if kind == "bought_product":
            title = r.choice(self.titles)
            q = f"\u201c{title}\u201d" if r.random() < 0.5 else f"\"{title}\""
            return Leaf(kind, {"kind": "bought_product", "product": title}, self._who(self._rows("purchase", title=title)),
                        [f"who bought the {q}", f"who buy the product {q}", f"who have ordered the article {q}"],
                        [f"having bought the {q}", f"having ordered the product {q}"],
                        [f"who never bought the {q}", f"who did not order the article {q} never before".replace(" never before", " so far")])
        if kind == "last_purchase_within":
            w = self._win(days, [self._rows("purchase")])
            return Leaf(kind, {"kind": kind, "days": days}, self._who(self._rows("purchase", days)),
                        [f"who bought something {w}", f"who made an order {w}", f"who place at least one order {w}",
                         f"with a purchase {w}"],
                        [f"having ordered {w}", f"having bought something {w}"],
                        [f"who did not buy anything {w}", f"without any order {w}", f"who have no purchase {w}"])
        if kind == "last_purchase_more":
            n = r.choice([30, 45, 60, 75, 90, 120])
            m = (self.last_buy < self.ref.clock - n * DAY).fillna(False).astype(bool)
            return Leaf(kind, {"kind": kind, "days": n}, m,
                        [f"whose last order is more than {num(r, n)} days ago", f"whose last purchase is older than {n} days",
                         f"~who bought before, but nothing since {n} days", f"who made their last order more than {n} days ago"],
                        [f"having their last order more than {n} days ago", f"having bought last time more than {n} days ago"])
        if kind == "last_seen_within":
            w = self._win(days, [self.ref.ev])
            return Leaf(kind, {"kind": kind, "days": days}, (self.last_any >= self.ref.clock - days * DAY).fillna(False).astype(bool),
                        [f"who were active on the shop {w}", f"who show some activity on our site {w}",
                         f"with any activity (visit, order, anything) {w}"],
                        [f"being active on the shop {w}", f"having some activity on the site {w}"],
                        [f"who are not active since {days} days", f"without any activity on the shop {w}",
                         f"who did not come on the site {w}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                n = r.choice([30, 45, 60, 90, 120, 180])
                w = self._win(n, None)
                return Leaf(kind, {"kind": kind, "op": "within", "days": n}, (self.first >= self.ref.clock - n * DAY).fillna(False),
                            [f"whose first visit on the shop is {w}", f"who came for the first time to our shop {w}",
                             f"who discover our shop {w} (first activity)"],
                            [f"having their first visit {w}", f"being new on the shop {w}"])
            back = int((self.ref.clock - self.first.quantile(r.choice([0.25, 0.4, 0.6, 0.75]))) / DAY)
            d = (self.ref.clock - back * DAY).normalize().tz_localize(None)
            dd = pd.Timestamp(d, tz="UTC")
            words = day_text(r, dd)
            f = self.first
            if op == "before":
                m = f < dd
                rel = [f"whose first visit is before {words}", f"who are known to us since before {words}",
                       f"who came the first time before {words}"]
                part = [f"having their first visit before {words}"]
            elif op == "after":
                m = f >= dd + DAY
                rel = [f"whose first visit is after {words}", f"who came the first time after {words}"]
                part = [f"having their first visit after {words}"]
            else:
                m = f >= dd
                rel = [f"whose first visit is on {words} or later", f"who came the first time on {words} or after"]
                part = [f"having their first visit on {words} or later"]
            return Leaf(kind, {"kind": kind, "op": op, "date": d.strftime("%Y-%m-%d")}, m.fillna(False).astype(bool), rel, part)
        if kind == "orders":
            op = r.choice(["ge", "ge", "gt", "eq", "between"])
            if op == "ge":
                k = r.choice([2, 3, 4, 5, 6])
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.orders, op, k),
                            [f"who made at least {num(r, k)} orders", f"with {k} orders or more", f"who order minimum {num(r, k)} times"],
                            [f"having minimum {num(r, k)} orders", f"having placed {k} or more orders"],
                            [f"who do not have {num(r, k)} orders or more", f"with less than {k} orders (also zero)"])
            if op == "gt":
                k = r.choice([1, 2, 3, 4])
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.orders, op, k),
                            [f"with more than {num(r, k)} order{'s' if k > 1 else ''}", f"who ordered more than {num(r, k)} time{'s' if k > 1 else ''}"],
                            [f"having more than {num(r, k)} order{'s' if k > 1 else ''}"],
                            [f"with not more than {k} order{'s' if k > 1 else ''} (zero included)"])
            if op == "eq":
                k = r.choice([0, 1, 1, 2])
                if k == 0:
                    return Leaf(kind, {"kind": kind, "op": op, "value": 0}, self._cmp(self.orders, op, 0),
                                ["who never bought anything", "who never made any order", "with zero orders"],
                                ["having zero orders", "having never ordered anything"],
                                ["who bought at least one time", "with at least one order"])
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.orders, op, k),
                            [f"with exactly {num(r, k)} order{'s' if k > 1 else ''}", f"who ordered only {'one time' if k == 1 else 'two times'}, not more, not less"],
                            [f"having exactly {num(r, k)} order{'s' if k > 1 else ''}"])
            lo, hi = r.choice([(2, 3), (2, 4), (3, 5), (2, 5)])
            return Leaf(kind, {"kind": kind, "op": op, "value": lo, "high": hi}, self._cmp(self.orders, op, lo, hi),
                        [f"with between {lo} and {hi} orders (both included)", f"who ordered from {lo} to {hi} times"],
                        [f"having {lo} to {hi} orders"])
        if kind == "aov":
            op = r.choice(["gt", "ge", "lt", "between"])
            v = _round(float(self.aov.quantile(r.choice([0.3, 0.5, 0.7]))))
            m_ = money(r, v)
            if op == "between":
                hi = _round(v * 1.6)
                mh = money(r, hi)
                return Leaf(kind, {"kind": kind, "op": op, "value": v, "high": hi}, self._cmp(self.aov, op, v, hi),
                            [f"whose average order value is between {v} and {mh}", f"with an average basket from {m_} until {mh}"],
                            [f"having an average basket between {m_} and {mh}"])
            word = {"gt": "more than", "ge": "at least", "lt": "less than"}[op]
            word2 = {"gt": "above", "ge": "minimum", "lt": "under"}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": v}, self._cmp(self.aov, op, v),
                        [f"who spend in average {word} {m_} per order", f"whose average order value is {word2} {m_}",
                         f"with an average basket of {word} {m_}"],
                        [f"having an average order value {word2} {m_}", f"spending per order in average {word} {m_}"])
        if kind == "net_spend_over":
            v = _round(float(self.net[self.net > 0].quantile(r.choice([0.4, 0.6, 0.8]))))
            m_ = money(r, v)
            return Leaf(kind, {"kind": kind, "value": v}, self.net > v,
                        [f"who spent more than {m_} net (returns deducted)", f"whose net spending after returns is over {m_}",
                         f"with a net turnover (returns subtracted) above {m_}"],
                        [f"having spent more than {m_} net of returns", f"generating more than {m_} net revenue after returns"],
                        [f"whose net spending after returns is not more than {m_} (zero included)"])
        if kind == "net_spend_under":
            v = _round(float(self.net[self.net > 0].quantile(r.choice([0.25, 0.4, 0.5]))))
            m_ = money(r, v)
            return Leaf(kind, {"kind": kind, "value": v, "buyers_only": True}, (self.net < v) & self.buyer,
                        [f"who did buy, but whose net spending (after returns) stays under {m_}",
                         f"who ordered something but for less than {m_} net in total, returns deducted"],
                        [f"having ordered, but for less than {m_} net after returns"])
        if kind in ("returns_count", "reviews_count", "support_count"):
            t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            x = self.counts[t]
            op = r.choice(["ge", "ge", "gt", "eq0", "between"])
            noun = {"return": ("return", "returns"), "review": ("review", "reviews"),
                    "support_message": ("message to support", "messages to support")}[t]
            if op == "eq0":
                rel = {"return": ["who never returned anything", "with no return at all", "who made zero returns"],
                       "review": ["who never wrote a review", "with no review at all", "who wrote zero reviews"],
                       "support_message": ["who never wrote to the customer service", "who never contacted support",
                                           "with zero messages to support"]}[t]
                negs = {"return": ["who returned at least one time"], "review": ["who wrote minimum one review"],
                        "support_message": ["who contacted the support at least one time"]}[t]
                return Leaf(kind, {"kind": kind, "op": "eq", "value": 0}, self._cmp(x, "eq", 0), rel,
                            [f"having zero {noun[1]}", f"having never made any {noun[0]}"], negs)
            if op == "between":
                lo, hi = r.choice([(1, 2), (2, 3), (1, 3), (2, 4)])
                return Leaf(kind, {"kind": kind, "op": op, "value": lo, "high": hi}, self._cmp(x, op, lo, hi),
                            [f"with between {lo} and {hi} {noun[1]} (both included)", f"with from {num(r, lo)} to {num(r, hi)} {noun[1]}"],
                            [f"having {lo} to {hi} {noun[1]}"])
            k = r.choice([1, 2, 3]) if op == "ge" else r.choice([1, 2])
            verb = {"return": "made", "review": "wrote", "support_message": "sent"}[t]
            many = lambda k: noun[0] if k == 1 else noun[1]  # noqa: E731
            if op == "ge":
                neg = ([f"who made no {noun[0]} at all"] if t == "return" and k == 1 else
                       ["who never wrote any review"] if t == "review" and k == 1 else
                       ["who never contacted the support"] if k == 1 else
                       [f"with less than {k} {noun[1]} (also zero)"])
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(x, op, k),
                            [f"who {verb} at least {num(r, k)} {many(k)}", f"with minimum {num(r, k)} {many(k)}",
                             f"with {k} or more {noun[1]}"],
                            [f"having at least {num(r, k)} {many(k)}", f"having {verb} minimum {k} {many(k)}"], neg)
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(x, op, k),
                        [f"who {verb} more than {num(r, k)} {many(k)}", f"with more than {num(r, k)} {many(k)}"],
                        [f"having more than {num(r, k)} {many(k)}"],
                        [f"with not more than {k} {many(k)} (zero included)"])
        if kind == "returned":
            return Leaf(kind, {"kind": kind, "category": cat}, self._who(self._rows("return", category=cat)),
                        [f"who returned an article of {cat}", f"who sent back something from {cat}", f"with a return in {cat}"],
                        [f"having returned some {cat} article", f"having sent back a {cat} product"],
                        [f"who never returned anything of {cat}", f"with no {cat} return"])
        if kind == "reviewed":
            return Leaf(kind, {"kind": kind, "category": cat}, self._who(self._rows("review", category=cat)),
                        [f"who wrote a review about a {cat} product", f"who gave a review on {cat}", f"with a review in {cat}"],
                        [f"having reviewed a {cat} product", f"having written a review on {cat}"],
                        [f"who never reviewed anything of {cat}", f"without any review on {cat}"])
        if kind == "rating_min":
            k = r.choice([1, 2, 3])
            s = "star" if k == 1 else "stars"
            return Leaf(kind, {"kind": kind, "op": "le", "value": k}, self._cmp(self.rating["min"], "le", k),
                        [f"whose worst rating is {num(r, k)} {s} or less", f"who gave at least once a rating of {k} {s} or lower",
                         f"who put minimum one time {k} {s} or less in a review"],
                        [f"having given at least one time {k} {s} or lower"])
        if kind == "rating_max":
            op, k = r.choice([("eq", 5), ("le", 3), ("le", 4)])
            if op == "eq":
                return Leaf(kind, {"kind": kind, "op": op, "value": 5}, self._cmp(self.rating["max"], op, 5),
                            ["who gave at least one time 5 stars", "whose best rating is five stars", "with minimum one 5-star review"],
                            ["having given one time or more 5 stars"])
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.rating["max"], op, k),
                        [f"who wrote reviews but never gave more than {num(r, k)} stars", f"whose best rating is only {k} stars or lower"],
                        [f"having rated, but never more than {k} stars"])
        if kind == "rating_average":
            op, v, hi = r.choice([("ge", 4, None), ("ge", 4.5, None), ("le", 3, None), ("le", 2.5, None), ("between", 3, 4)])
            if op == "between":
                return Leaf(kind, {"kind": kind, "op": op, "value": v, "high": hi}, self._cmp(self.rating["average"], op, v, hi),
                            [f"whose average rating is between {v} and {hi} stars", f"who give in average from {v} to {hi} stars"],
                            [f"having an average rating between {v} and {hi} stars"])
            w = "at least" if op == "ge" else "at most"
            return Leaf(kind, {"kind": kind, "op": op, "value": v}, self._cmp(self.rating["average"], op, v),
                        [f"whose average rating is {w} {v} stars", f"who give in average {w} {v} stars in their reviews",
                         f"with an average note of {v} stars or {'more' if op == 'ge' else 'less'}"],
                        [f"having an average rating of {w} {v} stars"])
        if kind == "rating_latest":
            op, k = r.choice([("le", 2), ("le", 3), ("ge", 4), ("eq", 5)])
            w = {"le": "or less", "ge": "or more", "eq": "exactly"}[op]
            stars = f"exactly {k} stars" if op == "eq" else f"{k} stars {w}"
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.rating["latest"], op, k),
                        [f"whose last review has {stars}", f"whose most recent rating is {stars}", f"who gave {stars} in their newest review"],
                        [f"having {stars} in their latest review"])
        if kind == "viewed_not_bought":
            within = r.choice([None, None, 30, 60, 90, 14])
            views = self._rows("view", within, category=cat)
            bought = self._rows("purchase", within, category=cat)
            m = self._who(views) & ~self._who(bought)
            cond = {"kind": kind, "category": cat, **({"days": within} if within else {})}
            if within is None:
                rel = [f"who looked at {cat} products but never bought any {cat}", f"who visit {cat} pages without to buy anything of {cat} ever",
                       f"who viewed {cat} but have no {cat} purchase"]
                part = [f"having viewed {cat} but never bought any {cat}"]
            else:
                w = self._win(within, [self._rows("view", category=cat), self._rows("purchase", category=cat)])
                rel = [f"who looked at {cat} products {w} but did not buy any {cat} in this same period",
                       f"who viewed {cat} {w} without to buy {cat} in that time"]
                part = [f"having viewed {cat} {w} but not bought {cat} in that same period"]
            return Leaf(kind, cond, m.fillna(False).astype(bool), rel, part)
        raise ValueError(kind)

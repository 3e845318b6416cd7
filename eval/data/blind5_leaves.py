"""Fifth blind marketer set: condition leaves (a condition dict, its pandas mask, relative-clause phrasings)
drawn from a shop read with ``marketer_reference.Ref``; only unambiguous thresholds, windows and dates."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from marketer_reference import ADJ, DAY, Ref, place

KINDS = ["country", "country_not", "bought_category", "bought_brand", "bought_product", "bought_category_within",
         "bought_brand_within", "last_purchase_within", "last_purchase_more", "viewed_not_bought", "returned", "reviewed",
         "orders", "returns_count", "reviews_count", "support_count", "net_spend_over", "net_spend_under", "aov",
         "first_seen", "last_seen_within", "rating_min", "rating_max", "rating_average", "rating_latest"]
# kinds whose complement over all customers reads the same to everyone ("everyone except those who …")
NEGATABLE = {"bought_category", "bought_brand", "bought_product", "returned", "reviewed", "returns_count", "reviews_count",
             "support_count", "orders"}
PURCHASE_IMPLYING = {"bought_category", "bought_brand", "bought_product", "bought_category_within", "bought_brand_within",
                     "last_purchase_within", "returned", "country", "country_not"}
WINDOWS = [7, 14, 21, 42, 10, 20, 30, 45, 60, 90, 120]
SAY_DAYS = {7: ["7 days", "week", "seven days"], 14: ["14 days", "two weeks", "fortnight"], 21: ["21 days", "three weeks"],
            42: ["42 days", "six weeks"]}


@dataclass
class Leaf:
    cond: dict
    mask: pd.Series
    says: list[str] = field(default_factory=list)  # relative clauses: "customers who <say>"


def _b(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.r, self.rng = ref, rng
        self.cty = ref.country()
        self.countries = [c for c, n in self.cty.value_counts().items() if n >= 8]
        self.orders, self.net, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.gross = ref.series(ref.of("purchase").groupby("user_id")["money"].sum(), 0.0)
        self.first, self.last, self.lastbuy = ref.oldest(), ref.newest(None), ref.newest("purchase")
        self.buyer = ref.who(ref.of("purchase"))
        midnight = ref.clock.normalize()
        self.cuts = lambda n: [ref.clock - n * DAY, midnight - n * DAY, midnight - (n - 1) * DAY]

    def _window_ok(self, fn) -> list[int]:
        """Windows whose rolling and calendar readings select the same customers."""
        good = []
        for n in WINDOWS:
            sets = [tuple(fn(c)) for c in self.cuts(n)]
            if all(s == sets[0] for s in sets) and 3 <= int(sets[0].count(True)) <= 280:
                good.append(n)
        return good

    def _in(self, rows: pd.DataFrame, cut) -> pd.Series:
        return self.r.who(rows[rows["ts"] >= cut])

    def _wsay(self, n: int) -> str:
        word = self.rng.choice(SAY_DAYS.get(n, [f"{n} days"]))
        return self.rng.choice([f"the last {word}", f"the past {word}"]) if word in ("week", "fortnight") or " " in word \
            else f"the last {word}"

    def _thresh(self, values: pd.Series, qs: tuple, step: float, tight: bool = True) -> float:
        """A round threshold that no customer sits on (so > and >= agree)."""
        for _ in range(30):
            v = float(values.dropna().quantile(self.rng.choice(qs)))
            v = max(step, round(v / step) * step)
            if not tight or not (values.dropna().round(2) == round(v, 2)).any():
                return v
        return v + step / 2

    def draw(self, kind: str) -> Leaf | None:  # noqa: PLR0911, PLR0912, PLR0915
        r, rng, R = self.r, self.rng, self.rng.choice
        if kind in ("country", "country_not"):
            c = R(self.countries[:8])
            if kind == "country":
                says = [f"are based in {place(c)}", f"buy from {place(c)}", f"order from {place(c)}"]
                if c in ADJ:
                    says.append(f"are {ADJ[c]} customers")
                return Leaf({"kind": kind, "country": c}, _b(self.cty == c), says)
            return Leaf({"kind": kind, "country": c}, _b(self.cty.notna() & (self.cty != c)),
                        [f"bought from somewhere other than {place(c)}", f"are buyers located outside {place(c)}",
                         f"placed their orders from a country that isn't {place(c)}"])
        if kind in ("bought_category", "bought_category_within", "viewed_not_bought", "returned", "reviewed"):
            cat = R(r.categories)
            if kind == "bought_category":
                return Leaf({"kind": kind, "category": cat}, r.who(r.of("purchase", category=cat)),
                            [f"bought {cat}", f"have purchased {cat} products", f"ordered something from {cat}",
                             f"bought from the {cat} category"])
            if kind == "returned":
                return Leaf({"kind": kind, "category": cat}, r.who(r.of("return", category=cat)),
                            [f"returned an item from {cat}", f"sent back something from {cat}", f"have a return in {cat}"])
            if kind == "reviewed":
                return Leaf({"kind": kind, "category": cat}, r.who(r.of("review", category=cat)),
                            [f"reviewed a product from {cat}", f"left a review on something in {cat}", f"wrote a review of a {cat} item"])
            if kind == "viewed_not_bought":
                v = r.who(r.of("view", category=cat)) & ~r.who(r.of("purchase", category=cat))
                vc = r.who(r.of(("view", "cart"), category=cat)) & ~r.who(r.of("purchase", category=cat))
                if not v.equals(vc):
                    return None
                return Leaf({"kind": kind, "category": cat}, v,
                            [f"viewed {cat} but never bought any {cat}", f"looked at {cat} products without ever buying one",
                             f"browsed {cat} and never purchased from it"])
            rows = r.of("purchase", category=cat)
            ok = self._window_ok(lambda c: self._in(rows, c))
            if not ok:
                return None
            n = R(ok)
            w = self._wsay(n)
            return Leaf({"kind": kind, "category": cat, "days": n}, self._in(rows, r.cut(n)),
                        [f"bought {cat} in {w}", f"have purchased {cat} products within {w}", f"ordered {cat} during {w}"])
        if kind in ("bought_brand", "bought_brand_within"):
            b = R(r.brands[:25])
            rows = r.of("purchase", brand=b)
            if kind == "bought_brand":
                return Leaf({"kind": kind, "brand": b}, r.who(rows),
                            [f"bought {b}", f"have purchased {b} products", f"ordered from the {b} brand"])
            ok = self._window_ok(lambda c: self._in(rows, c))
            if not ok:
                return None
            n = R(ok)
            w = self._wsay(n)
            return Leaf({"kind": kind, "brand": b, "days": n}, self._in(rows, r.cut(n)),
                        [f"bought {b} in {w}", f"have ordered {b} products within {w}"])
        if kind == "bought_product":
            t = R(r.titles[:30])
            return Leaf({"kind": kind, "product": t}, r.who(r.of("purchase", title=t)),
                        [f'bought the "{t}"', f"purchased the {t}", f"ordered the product '{t}'"])
        if kind in ("last_purchase_within", "last_purchase_more", "last_seen_within"):
            when = self.last if kind == "last_seen_within" else self.lastbuy
            if kind == "last_purchase_more":
                ok = self._window_ok(lambda c: _b(when < c))
            else:
                ok = self._window_ok(lambda c: _b(when >= c))
            if not ok:
                return None
            n = R(ok)
            w = self._wsay(n)
            if kind == "last_purchase_within":
                return Leaf({"kind": kind, "days": n}, _b(when >= r.cut(n)),
                            [f"made a purchase in {w}", f"have ordered within {w}", f"bought anything at all in {w}"])
            if kind == "last_seen_within":
                return Leaf({"kind": kind, "days": n}, _b(when >= r.cut(n)),
                            [f"have had any activity of any kind with us in {w}", f"were last seen within {w}",
                             f"showed any activity at all (visits, searches, anything) in {w}"])
            return Leaf({"kind": kind, "days": n}, _b(when < r.cut(n)),
                        [f"have bought before but not in {w}", f"made their last purchase more than {n} days ago",
                         f"last ordered over {n} days back"])
        if kind == "orders":
            op = R(["ge", "ge", "eq", "le"])
            if op == "ge":
                v = R([3, 4, 6, 8, 10, 12])
                return Leaf({"kind": kind, "op": op, "value": v}, self.orders >= v,
                            [f"have placed at least {v} orders", f"have {v} or more orders"])
            if op == "eq":
                v = R([1, 2, 3, 5])
                return Leaf({"kind": kind, "op": op, "value": v}, self.orders == v,
                            [f"have placed exactly {v} order{'s' * (v > 1)}", f"have exactly {v} order{'s' * (v > 1)} on record"])
            v = R([2, 3])
            return Leaf({"kind": kind, "op": op, "value": v}, self.orders <= v,
                        [f"have placed {v} orders or fewer (zero counts too)",
                         f"have at most {v} orders, including people with none"])
        if kind in ("returns_count", "reviews_count", "support_count"):
            t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            cnt = r.count(t)
            if kind == "returns_count" and rng.random() < 0.3:
                return Leaf({"kind": kind, "op": "eq", "value": 0}, cnt == 0,
                            ["have never returned anything", "have zero returns", "never sent a single item back"])
            v = R({"returns_count": [2, 3], "reviews_count": [2, 3, 4, 5], "support_count": [2, 3, 4, 5]}[kind])
            noun = {"returns_count": ["returns", "return events"], "reviews_count": ["reviews", "product reviews"],
                    "support_count": ["support messages", "messages to customer support"]}[kind]
            says = [f"have made at least {v} {noun[0]}", f"have {v} or more {R(noun)}"]
            if kind == "support_count":
                says.append(f"contacted support {v} or more times")
            if kind == "reviews_count":
                says.append(f"wrote {v}+ reviews")
            return Leaf({"kind": kind, "op": "ge", "value": v}, cnt >= v, says)
        if kind in ("net_spend_over", "net_spend_under"):
            step = R([50, 100, 250]) if kind == "net_spend_over" else R([25, 50, 100])
            v = self._thresh(self.net, (0.35, 0.5, 0.65, 0.8) if kind == "net_spend_over" else (0.2, 0.3, 0.45), step)
            v = int(v) if v == int(v) else v
            if kind == "net_spend_over":
                return Leaf({"kind": kind, "value": v}, self.net > v,
                            [f"have net spend above {v} (after returns)", f"spent more than {v} net of returns",
                             f"have a lifetime spend after refunds of over {v}"])
            return Leaf({"kind": kind, "value": v, "buyers_only": True}, self.buyer & (self.net < v),
                        [f"have bought but spent less than {v} after returns", f"are buyers with net spend under {v}"])
        if kind == "aov":
            op = R(["ge", "lt"])
            v = self._thresh(self.aov, (0.3, 0.5, 0.7), 10)
            v = int(v)
            m = _b(self.aov >= v) if op == "ge" else _b(self.aov < v)
            says = ([f"have an average order value of {v} or more", f"average at least {v} per order"] if op == "ge" else
                    [f"have an average order value below {v}", f"average under {v} per order"])
            return Leaf({"kind": kind, "op": op, "value": v}, m, says)
        if kind == "first_seen":
            op = R(["before", "after", "since", "within"])
            if op == "within":
                ok = self._window_ok(lambda c: _b(self.first >= c))
                if not ok:
                    return None
                n = R(ok)
                w = self._wsay(n)
                return Leaf({"kind": kind, "op": "within", "days": n}, _b(self.first >= r.cut(n)),
                            [f"first showed up in {w}", f"are new, i.e. first seen within {w}"])
            days = self.first.dt.normalize()
            lo, hi = self.first.quantile(0.02).normalize(), self.first.quantile(0.99).normalize()
            free = [d for d in pd.date_range(lo, hi, freq="D") if not (days == d).any()]
            if not free:
                return None
            d = R(free)
            text = f"{d.day} {d.strftime('%B %Y')}" if rng.random() < 0.5 else f"{d.strftime('%B')} {d.day}, {d.year}"
            iso = d.strftime("%Y-%m-%d")
            if op == "before":
                return Leaf({"kind": kind, "op": op, "date": iso}, _b(self.first < d),
                            [f"first came to us before {text}", f"were first seen before {text}", f"joined before {text}"])
            if op == "after":
                return Leaf({"kind": kind, "op": op, "date": iso}, _b(self.first >= d + DAY),
                            [f"first turned up after {text}", f"were first seen after {text}"])
            return Leaf({"kind": kind, "op": op, "date": iso}, _b(self.first >= d),
                        [f"have been around only since {text} (first seen on or after it)", f"first appeared since {text}"])
        if kind.startswith("rating_"):
            which = kind.split("_")[1]
            vals = r.rating(which)
            if which == "min":
                op, v = R([("le", 2), ("le", 1), ("ge", 4), ("ge", 3)])
                says = ([f"have given a rating of {v} or lower at least once", f"handed out at least one {v}-star-or-worse review"]
                        if op == "le" else [f"only ever rated {v} stars or higher", f"never gave a review under {v} stars (and have rated)"])
            elif which == "max":
                op, v = R([("ge", 5), ("le", 2), ("le", 3)])
                says = ([f"have given at least one {v}-star rating", "gave a five-star review at some point"] if op == "ge" else
                        [f"have reviewed, but never rated anything above {v}", f"top out at {v} stars in every review they wrote"])
            elif which == "average":
                op, v = R([("ge", 4), ("ge", 4.5), ("lt", 2.5), ("lt", 3)])
                says = ([f"have an average rating of {v} or higher", f"average {v}+ stars across their reviews"] if op == "ge" else
                        [f"have an average review score below {v}", f"average under {v} stars"])
            else:
                op, v = R([("le", 2), ("ge", 4), ("eq", 5), ("eq", 1)])
                w = {"le": f"{v} stars or less", "ge": f"{v} stars or more", "eq": f"exactly {v} star{'s' * (v > 1)}"}[op]
                says = [f"gave {w} in their most recent review", f"rated {w} the latest time they reviewed something"]
            m = {"le": vals <= v, "ge": vals >= v, "lt": vals < v, "eq": vals == v}[op]
            return Leaf({"kind": kind, "op": op, "value": v}, _b(m), says)
        raise ValueError(kind)

    def good(self, kind: str, tries: int = 40) -> Leaf:
        for _ in range(tries):
            leaf = self.draw(kind)
            if leaf is not None and 3 <= int(leaf.mask.sum()) <= 285:
                return leaf
        raise RuntimeError(kind)

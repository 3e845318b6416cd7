"""Condition leaves of the ELEVENTH blind marketer set: for each of the 25 condition kinds of ``blind2_check``, a
drawn condition, its pandas mask over the customers (from ``marketer_reference.Ref``'s events) and set 11's own
words for it: verb phrases, noun modifiers and negated verb phrases.

Verb phrases carry slots filled by ``conj``: {have} {are} {s} {dont}, in three forms: plural ("they have"),
singular ("a customer has") and bare ("should a customer have", "they must have")."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind11_words import category, count, day_words, money, place, stars, times, window
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)
KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders",
         "aov", "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned",
         "reviewed", "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
# kinds whose negation a careful reader takes literally ("never bought X", "no activity in the last N days")
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "returned", "reviewed", "returns_count", "reviews_count", "support_count", "last_seen_within"}

FORMS = {
    "pl": {"have": "have", "are": "are", "s": "", "dont": "don't"},
    "sg": {"have": "has", "are": "is", "s": "s", "dont": "doesn't"},
    "base": {"have": "have", "are": "be", "s": "", "dont": "not"},
}


def conj(phrase: str, form: str) -> str:
    return phrase.format(**FORMS[form])


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]
    mod: list[str]
    neg: list[str] = field(default_factory=list)


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        self.users = pd.Index(ref.users)
        self.clock = ref.clock
        buys = ev[ev["type"] == "purchase"]
        # country: the most frequent country on the customer's purchases (ties: alphabetical first)
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        best = {}
        for user, rows in known.groupby("user_id"):
            counts = rows["country"].value_counts()
            best[user] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(best, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders = ref.orders()
        gross = buys.groupby("user_id")["money"].sum().reindex(self.users).fillna(0.0)
        back = ev[ev["type"] == "return"].groupby("user_id")["money"].sum().reindex(self.users).fillna(0.0)
        self.net = (gross - back).round(2)
        self.has_buy = self.orders > 0
        self.aov = (gross / self.orders.where(self.orders > 0)).round(2)
        self.first = ev.groupby("user_id")["ts"].min().reindex(self.users)
        self.last_any = ev.groupby("user_id")["ts"].max().reindex(self.users)
        self.last_buy = buys.groupby("user_id")["ts"].max().reindex(self.users)
        self.n = {t: ev[ev["type"] == t].groupby("user_id").size().reindex(self.users).fillna(0).astype(int)
                  for t in ("return", "review", "support_message")}
        rated = ev[(ev["type"] == "review") & ev["rating"].notna()].sort_values(["ts", "event_id"], kind="stable")
        g = rated.groupby("user_id")["rating"]
        self.rating = {"min": g.min().reindex(self.users), "max": g.max().reindex(self.users),
                       "average": g.mean().reindex(self.users), "latest": g.last().reindex(self.users)}
        self.cats = ref.categories
        self.brands = [b for b in buys["brand"].value_counts().index if b][:18]
        self.titles = ref.titles[:30]

    # helpers
    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users.isin(set(rows["user_id"])), index=self.users)

    def rows(self, types: tuple, days: int | None = None, since: pd.Timestamp | None = None, **match) -> pd.DataFrame:
        ev = self.ref.ev
        out = ev[ev["type"].isin(types)]
        if days is not None:
            out = out[out["ts"] >= self.clock - days * DAY]
        if since is not None:
            out = out[out["ts"] >= since]
        for k, v in match.items():
            out = out[out[k] == v]
        return out

    def span(self, days: int, mask_at) -> list[str]:
        """Ways to say a window of ``days`` back from the shop's clock; 'since <date>' only where counting from
        that calendar day gives exactly the same customers."""
        r = self.rng
        out = [f"in {window(r, days)}", f"within {window(r, days)}", f"during {window(r, days)}"]
        day = (self.clock - days * DAY).normalize()
        if mask_at(None).equals(mask_at(day)):
            out.append(f"since {day_words(r, day)}")
        return out

    @staticmethod
    def cmp(x: pd.Series, op: str, v: float, hi: float | None = None) -> pd.Series:
        m = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v}.get(op)
        if m is None:
            m = (x >= v) & (x <= hi)
        return m.fillna(False).astype(bool)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        """A leaf of the kind whose customers are neither (almost) nobody nor (almost) everybody."""
        for _ in range(400):
            leaf = self.draw(kind, negated)
            n = int(leaf.mask.sum())
            if 4 <= n <= len(self.users) - 4 and (not negated or leaf.neg):
                return leaf
        raise RuntimeError(kind)

    def draw(self, kind: str, negated: bool = False) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r = self.rng
        days = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
        cat = r.choice(self.cats)
        c = category(r, cat)
        brand = r.choice(self.brands)
        if kind in ("country", "country_not"):
            code = r.choice(self.countries[:6])
            p = place(r, code)
            if kind == "country":
                return Leaf(kind, {"kind": kind, "country": code}, (self.country == code).fillna(False).astype(bool),
                            [f"{{are}} based in {p}", f"live{{s}} in {p}", f"order{{s}} from {p}", f"{{are}} located in {p}"],
                            [f"from {p}", f"based in {p}", f"in {p}"])
            return Leaf(kind, {"kind": kind, "country": code}, (self.country.notna() & (self.country != code)),
                        [f"{{are}} based outside {p}", f"live{{s}} somewhere other than {p}", f"order{{s}} from a country other than {p}"],
                        [f"based outside {p}", f"outside {p}", f"from any country except {p}"])
        if kind in ("bought_category", "bought_category_within"):
            if kind == "bought_category":
                m = self.who(self.rows(("purchase",), category=cat))
                return Leaf(kind, {"kind": kind, "category": cat}, m,
                            [f"{{have}} bought something in {c}", f"{{have}} bought from our {c} range", f"{{have}} purchased {c} items",
                             f"{{have}} ordered {c} products at some point"],
                            [f"with a {c} purchase", f"with {c} in their order history"],
                            [f"{{have}} never bought anything in {c}", f"{{have}} never ordered from the {c} category",
                             f"{{have}} not once bought {c} items"])
            sp = self.span(days, lambda since: self.who(self.rows(("purchase",), None if since is not None else days, since, category=cat)))
            m = self.who(self.rows(("purchase",), days, category=cat))
            w = r.choice(sp)
            w2 = r.choice(sp)
            return Leaf(kind, {"kind": kind, "category": cat, "days": days}, m,
                        [f"{{have}} bought {c} items {w}", f"{{have}} ordered something from {c} {w}", f"{{have}} purchased {c} products {w}"],
                        [f"with a {c} purchase {w}", f"with at least one {c} order {w}"],
                        [f"{{have}} not bought any {c} items {w2}", f"{{have}} bought nothing from {c} {w2}"])
        if kind in ("bought_brand", "bought_brand_within"):
            if kind == "bought_brand":
                m = self.who(self.rows(("purchase",), brand=brand))
                return Leaf(kind, {"kind": kind, "brand": brand}, m,
                            [f"{{have}} bought {brand} products", f"{{have}} purchased something from {brand}", f"{{have}} ordered {brand} at least once"],
                            [f"with a {brand} purchase", f"with at least one {brand} item in their orders"],
                            [f"{{have}} never bought anything from {brand}", f"{{have}} never ordered {brand}", f"{{have}} not once purchased a {brand} item"])
            sp = self.span(days, lambda since: self.who(self.rows(("purchase",), None if since is not None else days, since, brand=brand)))
            m = self.who(self.rows(("purchase",), days, brand=brand))
            w, w2 = r.choice(sp), r.choice(sp)
            return Leaf(kind, {"kind": kind, "brand": brand, "days": days}, m,
                        [f"{{have}} bought {brand} {w}", f"{{have}} purchased a {brand} item {w}", f"{{have}} ordered something by {brand} {w}"],
                        [f"with a {brand} purchase {w}"],
                        [f"{{have}} not bought any {brand} items {w2}", f"{{have}} bought nothing from {brand} {w2}"])
        if kind == "bought_product":
            title = r.choice(self.titles)
            m = self.who(self.rows(("purchase",), title=title))
            return Leaf(kind, {"kind": kind, "product": title}, m,
                        [f'{{have}} bought the "{title}"', f'{{have}} ordered the product "{title}"', f'{{have}} purchased "{title}"'],
                        [f'with "{title}" in a past order', f'who own the "{title}" from us'],
                        [f'{{have}} never bought the "{title}"', f'{{have}} never ordered "{title}"'])
        if kind == "last_purchase_within":
            sp = self.span(days, lambda since: self.who(self.rows(("purchase",), None if since is not None else days, since)))
            m = _true(self.last_buy >= self.clock - days * DAY)
            w = r.choice(sp)
            return Leaf(kind, {"kind": kind, "days": days}, m,
                        [f"{{have}} bought something {w}", f"{{have}} placed an order {w}", f"{{have}} made a purchase {w}"],
                        [f"with an order {w}", f"with a purchase {w}"])
        if kind == "last_purchase_more":
            days = r.choice([30, 40, 45, 60, 75, 90])
            m = _true(self.last_buy < self.clock - days * DAY)
            d = r.choice([str(days), count(r, days)])
            return Leaf(kind, {"kind": kind, "days": days}, m,
                        [f"{{have}} gone more than {d} days since their last order", f"{{have}} a most recent purchase that is over {d} days old",
                         f"{{have}} not ordered again in the {d}+ days since their last purchase"],
                        [f"whose last purchase was more than {d} days ago", f"whose most recent order is over {d} days old"])
        if kind == "last_seen_within":
            sp = self.span(days, lambda since: self.who(self.rows(("view", "search", "cart", "purchase", "review", "return", "support_message"),
                                                                  None if since is not None else days, since)))
            m = _true(self.last_any >= self.clock - days * DAY)
            w, w2 = r.choice(sp), r.choice(sp)
            return Leaf(kind, {"kind": kind, "days": days}, m,
                        [f"{{have}} been active on the shop {w}", f"{{have}} visited the site {w}", f"{{have}} shown any activity {w}"],
                        [f"with any activity {w}", f"seen on the site {w}"],
                        [f"{{have}} not been active at all {w2}", f"{{have}} not visited the site {w2}", f"{{have}} shown no activity {w2}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "before", "since", "after"])
            if op == "within":
                days = r.choice([14, 21, 30, 45, 60])
                w = window(r, days)
                m = _true(self.first >= self.clock - days * DAY)
                return Leaf(kind, {"kind": kind, "op": "within", "days": days}, m,
                            [f"{{have}} had their very first visit in {w}", f"first came to the shop in {w}".replace("first came", "{have} first come"),
                             f"{{have}} first visited the shop within {w}"],
                            [f"whose first visit was in {w}", f"first seen in {w}"])
            back = r.randint(25, 100)
            day = (self.clock - back * DAY).normalize()
            dw = day_words(r, day)
            if op == "before":
                m = _true(self.first < day)
                return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, m,
                            [f"{{have}} had their first visit before {dw}", f"{{have}} been visiting since before {dw}"],
                            [f"first seen before {dw}", f"whose first visit predates {dw}"])
            if op == "since":
                m = _true(self.first >= day)
                return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, m,
                            [f"{{have}} had their first visit on or after {dw}", f"first showed up on {dw} or later".replace("first showed", "{have} first shown")],
                            [f"first seen on or after {dw}", f"whose first visit was on {dw} or later"])
            m = _true(self.first >= day + DAY)
            return Leaf(kind, {"kind": kind, "op": "after", "date": day.strftime("%Y-%m-%d")}, m,
                        [f"{{have}} had their first visit after {dw}", f"{{have}} made their first-ever visit after {dw}"],
                        [f"whose first visit came after {dw}", f"first seen after {dw}"])
        if kind in ("orders", "aov", "net_spend_over", "net_spend_under"):
            return self._money(kind)
        if kind in ("returns_count", "reviews_count", "support_count"):
            return self._counted(kind, negated)
        if kind == "returned":
            m = self.who(self.rows(("return",), category=cat))
            return Leaf(kind, {"kind": kind, "category": cat}, m,
                        [f"{{have}} returned something from {c}", f"{{have}} sent back a {c} item", f"{{have}} returned {c} products"],
                        [f"with a {c} return", f"with at least one returned {c} item"],
                        [f"{{have}} never returned anything from {c}", f"{{have}} never sent back a {c} item"])
        if kind == "reviewed":
            m = self.who(self.rows(("review",), category=cat))
            return Leaf(kind, {"kind": kind, "category": cat}, m,
                        [f"{{have}} reviewed a {c} product", f"{{have}} written a review of something in {c}", f"{{have}} left a review on a {c} item"],
                        [f"with a review in {c}", f"with at least one {c} review"],
                        [f"{{have}} never reviewed anything in {c}", f"{{have}} not written a single {c} review"])
        if kind.startswith("rating_"):
            return self._rating(kind)
        if kind == "viewed_not_bought":
            within = r.choice([None, None, 30, 45, 60, 90])
            if within is None:
                m = self.who(self.rows(("view",), category=cat)) & ~self.who(self.rows(("purchase",), category=cat))
                return Leaf(kind, {"kind": kind, "category": cat}, m,
                            [f"{{have}} looked at {c} products but never bought any", f"{{have}} viewed {c} items without ever buying from {c}",
                             f"{{have}} browsed {c} pages yet never ordered anything from {c}"],
                            [f"who viewed {c} but never bought from it"])
            m = self.who(self.rows(("view",), within, category=cat)) & ~self.who(self.rows(("purchase",), within, category=cat))
            w = window(r, within)
            return Leaf(kind, {"kind": kind, "category": cat, "days": within}, m,
                        [f"{{have}} viewed {c} items in {w} without buying any {c} in that time",
                         f"{{have}}, in {w}, looked at {c} products but bought none of them"
                         .replace("bought none of them", "bought nothing from that category")],
                        [f"who viewed {c} in {w} but bought nothing from {c} in that period"])
        raise ValueError(kind)

    def _money(self, kind: str) -> Leaf:
        r = self.rng
        if kind == "orders":
            op = r.choice(["ge", "ge", "gt", "eq", "between"])
            if op == "eq":
                k = r.choice([1, 2])
                m = self.orders == k
                return Leaf(kind, {"kind": kind, "op": "eq", "value": k}, m,
                            [f"{{have}} placed exactly {count(r, k)} order{'s' if k > 1 else ''}", f"{{have}} ordered exactly {times(r, k)}"],
                            [f"with exactly {count(r, k)} order{'s' if k > 1 else ''}"])
            if op == "between":
                lo = r.choice([2, 3])
                hi = lo + r.choice([1, 2])
                m = (self.orders >= lo) & (self.orders <= hi)
                a, b = count(r, lo), count(r, hi)
                return Leaf(kind, {"kind": kind, "op": "between", "value": lo, "high": hi}, m,
                            [f"{{have}} placed between {a} and {b} orders (both included)", f"{{have}} ordered anywhere from {a} to {b} times inclusive"],
                            [f"with {lo} to {hi} orders inclusive", f"with at least {a} but no more than {b} orders"])
            k = r.choice([2, 3, 4, 5]) if op == "ge" else r.choice([1, 2, 3])
            m = self.orders >= k if op == "ge" else self.orders > k
            ks = count(r, k)
            if op == "ge":
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, m,
                            [f"{{have}} placed at least {ks} orders", f"{{have}} ordered {ks} or more times", f"{{have}} {ks} or more orders to their name"],
                            [f"with at least {ks} orders", f"with {k}+ orders", f"with {ks} or more orders"])
            return Leaf(kind, {"kind": kind, "op": "gt", "value": k}, m,
                        [f"{{have}} placed more than {ks} order{'s' if k > 1 else ''}", f"{{have}} ordered more than {times(r, k)}"],
                        [f"with more than {ks} order{'s' if k > 1 else ''}"])
        if kind == "aov":
            op = r.choice(["gt", "gt", "lt"])
            buyers = self.aov.dropna()
            x = _nice(float(buyers.quantile(r.choice([0.55, 0.7]) if op == "gt" else r.choice([0.25, 0.4]))))
            mw = money(r, x)
            if op == "gt":
                return Leaf(kind, {"kind": kind, "op": "gt", "value": x}, _true(self.aov > x),
                            [f"{{have}} an average order value above {mw}", f"spend{{s}} more than {mw} per order on average"],
                            [f"with an average order value over {mw}", f"whose orders average more than {mw}"])
            return Leaf(kind, {"kind": kind, "op": "lt", "value": x}, _true(self.aov < x),
                        [f"{{have}} an average order value below {mw}", f"spend{{s}} less than {mw} per order on average"],
                        [f"with an average order value under {mw}", f"whose orders average less than {mw}"])
        buyers = self.net[self.has_buy & (self.net > 0)]
        if kind == "net_spend_over":
            x = _nice(float(buyers.quantile(r.choice([0.4, 0.6, 0.8]))))
            mw = money(r, x)
            return Leaf(kind, {"kind": kind, "value": x}, self.net > x,
                        [f"{{have}} spent more than {mw} in total after returns", f"{{have}} a net spend above {mw}", f"{{have}} spent over {mw} net of refunds"],
                        [f"with a net spend above {mw}", f"whose spend after returns exceeds {mw}"])
        x = _nice(float(buyers.quantile(r.choice([0.2, 0.35, 0.5]))))
        mw = money(r, x)
        return Leaf(kind, {"kind": kind, "value": x, "buyers_only": True}, (self.net < x) & self.has_buy,
                    [f"{{have}} bought from us but spent less than {mw} in total after returns",
                     f"{{have}} made purchases adding up to under {mw} net of returns"],
                    [f"who have bought from us but whose net spend is below {mw}"])

    def _counted(self, kind: str, negated: bool) -> Leaf:
        r = self.rng
        t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
        x = self.n[t]
        op, k = ("ge", 1) if negated else r.choice([("ge", 1), ("ge", 1), ("ge", 2), ("ge", 3), ("eq", 0), ("between", 1)])
        if op == "between":
            hi = 2
            m = (x >= 1) & (x <= hi)
            words = {"return": ["{have} made one or two returns", "{have} returned something once or twice and no more"],
                     "review": ["{have} written one or two reviews", "{have} reviewed products once or twice and no more"],
                     "support_message": ["{have} contacted support once or twice and no more", "{have} sent one or two messages to customer service"]}[t]
            mod = {"return": ["with one or two returns"], "review": ["with one or two reviews"],
                   "support_message": ["with one or two support messages"]}[t]
            return Leaf(kind, {"kind": kind, "op": "between", "value": 1, "high": 2}, m, words, mod)
        if op == "eq":
            m = x == 0
            words = {"return": ["{have} never returned anything", "{have} made no returns at all"],
                     "review": ["{have} never written a review", "{have} left no reviews at all"],
                     "support_message": ["{have} never contacted customer support", "{have} never once written to support"]}[t]
            mod = {"return": ["with no returns", "with zero returns"], "review": ["with no reviews", "without a single review"],
                   "support_message": ["with no support contacts", "without any support messages"]}[t]
            return Leaf(kind, {"kind": kind, "op": "eq", "value": 0}, m, words, mod)
        m = x >= k
        ks = count(r, k)
        if k == 1:
            words = {"return": ["{have} returned something", "{have} made at least one return", "{have} sent an item back"],
                     "review": ["{have} written a review", "{have} left at least one review", "{have} reviewed a product"],
                     "support_message": ["{have} contacted customer support", "{have} sent at least one message to support"]}[t]
            mod = {"return": ["with at least one return", "with a return on record"], "review": ["with at least one review"],
                   "support_message": ["with at least one support message"]}[t]
            neg = {"return": ["{have} never returned anything", "{have} never sent anything back"],
                   "review": ["{have} never written a review", "{have} not left a single review"],
                   "support_message": ["{have} never contacted support", "{have} never written to customer service"]}[t]
            return Leaf(kind, {"kind": kind, "op": "ge", "value": 1}, m, words, mod, neg)
        words = {"return": [f"{{have}} made at least {ks} returns", f"{{have}} made {ks} or more returns"],
                 "review": [f"{{have}} written at least {ks} reviews", f"{{have}} left {ks} or more reviews"],
                 "support_message": [f"{{have}} contacted support at least {ks} times", f"{{have}} sent {ks} or more messages to customer service"]}[t]
        mod = {"return": [f"with at least {ks} returns", f"with {k}+ returns"], "review": [f"with at least {ks} reviews", f"with {k}+ reviews"],
               "support_message": [f"with at least {ks} support messages", f"with {k}+ support contacts"]}[t]
        return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, m, words, mod)

    def _rating(self, kind: str) -> Leaf:
        r = self.rng
        which = kind.split("_")[1]
        x = self.rating[which]
        if which == "min":
            k = r.choice([1, 2, 3])
            s = stars(r, k)
            return Leaf(kind, {"kind": kind, "op": "le", "value": k}, _true(x <= k),
                        [f"{{have}} given a rating of {s} or lower at least once", f"{{have}} left at least one review of {s} or fewer"],
                        [f"whose lowest rating is {s} or below", f"with at least one review rated {s} or less"])
        if which == "max":
            if r.random() < 0.6:
                return Leaf(kind, {"kind": kind, "op": "eq", "value": 5}, _true(x == 5),
                            ["{have} given at least one 5-star rating", "{have} left a five-star review at some point"],
                            ["with at least one 5-star review", "whose best rating is five stars"])
            k = r.choice([3, 4])
            s = stars(r, k)
            return Leaf(kind, {"kind": kind, "op": "le", "value": k}, _true(x <= k),
                        [f"{{have}} written reviews but never rated anything above {s}", f"{{have}} reviewed products without ever giving more than {s}"],
                        [f"whose highest rating is {s} or lower"])
        if which == "average":
            op = r.choice(["ge", "ge", "le", "between"])
            if op == "ge":
                k = r.choice([4, 4.5])
                s = stars(r, k)
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, _true(x >= k),
                            [f"{{have}} an average rating of {s} or more", f"{{have}} reviews that average at least {s}"],
                            [f"whose average rating is {s} or higher", f"with an average review score of at least {s}"])
            if op == "le":
                k = r.choice([2.5, 3])
                s = stars(r, k)
                return Leaf(kind, {"kind": kind, "op": "le", "value": k}, _true(x <= k),
                            [f"{{have}} an average rating of {s} or less", f"{{have}} reviews that average no more than {s}"],
                            [f"whose average rating is {s} or lower"])
            lo, hi = r.choice([(3, 4), (2, 3.5), (3.5, 4.5)])
            return Leaf(kind, {"kind": kind, "op": "between", "value": lo, "high": hi}, _true((x >= lo) & (x <= hi)),
                        [f"{{have}} an average rating between {lo} and {hi} stars inclusive"],
                        [f"whose average rating lies between {lo} and {hi} stars inclusive"])
        op = r.choice(["le", "ge", "eq"])
        if op == "eq":
            return Leaf(kind, {"kind": kind, "op": "eq", "value": 5}, _true(x == 5),
                        ["{have} given five stars in their most recent review", "{have} a latest review of 5 stars"],
                        ["whose most recent review was 5 stars", "whose latest rating is five stars"])
        k = r.choice([2, 3]) if op == "le" else 4
        s = stars(r, k)
        if op == "le":
            return Leaf(kind, {"kind": kind, "op": "le", "value": k}, _true(x <= k),
                        [f"{{have}} given {s} or fewer in their most recent review", f"{{have}} a latest review of {s} or less"],
                        [f"whose most recent rating is {s} or lower", f"whose latest review gave {s} or fewer"])
        return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, _true(x >= k),
                    [f"{{have}} given {s} or more in their most recent review", f"{{have}} a latest review of {s} or higher"],
                    [f"whose most recent rating is {s} or higher"])


def _true(m: pd.Series) -> pd.Series:
    return m.fillna(False).astype(bool)


def _nice(v: float) -> int:
    if v < 20:
        return max(5, int(round(v)))
    step = 5 if v < 100 else 10 if v < 300 else 25 if v < 1000 else 50
    return int(round(v / step) * step)

"""Tenth blind marketer set: one condition ("leaf") of every kind that ``blind2_check`` knows, drawn at random with
its pandas mask over customers and its words: relative clauses for plural customers ("who ..."), noun modifiers
("customers ...") and negated clauses. Golds follow ``blind2_check``'s meaning of each kind exactly."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind10_words import day_words, money, num, place, span, times, window
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)
KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
# kinds whose negation reads plainly and means the complement over all customers
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "returns_count", "reviews_count", "support_count", "returned",
             "reviewed"}
WINDOWS = [7, 14, 21, 28, 30, 45, 60, 90]


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]  # relative clauses for plural customers, after "who"
    mod: list[str] = field(default_factory=list)  # after "customers"
    neg: list[str] = field(default_factory=list)  # negated relative clauses, after "who"


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        self.users = pd.Index(ref.users)
        ev = ref.ev
        self.ev = ev
        buys = ev[ev["type"] == "purchase"]
        self.buys = buys
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        out = {}
        for user, rows in known.groupby("user_id"):
            counts = rows["country"].value_counts()
            out[user] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(out, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders = ref.orders()
        gross = ref.series(buys.groupby("user_id")["money"].sum(), 0.0)
        self.aov = (gross / self.orders.where(self.orders > 0)).round(2)
        self.net = ref.net_spend()
        self.counts = {t: ref.count(t) for t in ("return", "review", "support_message")}
        self.rating = {w: ref.rating(w) for w in ("min", "max", "average", "latest")}
        self.last_buy = ref.newest("purchase")
        self.last_any = ref.newest(None)
        self.first = ref.oldest()
        self.clock = ref.clock
        self.categories = ref.categories
        self.brands = ref.brands[:14]
        self.titles = ref.titles[:30]

    # helpers
    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users.isin(set(rows["user_id"])), index=self.users)

    def since(self, rows: pd.DataFrame, cut: pd.Timestamp) -> pd.DataFrame:
        return rows[rows["ts"] >= cut]

    def when(self, days: int, mask_at) -> str:
        """Words for a trailing window of ``days``: a span, or 'since <date>' where a calendar day's midnight
        gives exactly the same customers as the exact cut."""
        r = self.rng
        exact = mask_at(self.clock - days * DAY)
        if r.random() < 0.3:
            for day in ((self.clock - days * DAY).normalize(), (self.clock - days * DAY).normalize() + DAY):
                if mask_at(day).equals(exact):
                    words = day_words(r, day, year=r.random() < 0.5)
                    return r.choice([f"since {words}", f"from {words} onwards", f"at any point since {words}"])
        return window(r, days)

    @staticmethod
    def _t(mask: pd.Series) -> pd.Series:
        return mask.fillna(False).astype(bool)

    def _cmp(self, values: pd.Series, op: str, v, hi=None) -> pd.Series:
        x = values
        out = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v,
               "between": (x >= v) & (x <= (hi if hi is not None else v))}[op]
        return self._t(out & x.notna())

    def _count_words(self, what: str, op: str, k: int, hi: int | None) -> list[str]:
        """Relative clauses for the number of returns / reviews / support messages."""
        r = self.rng
        n, h = num(r, k), (num(r, hi) if hi is not None else "")
        noun = {"return": ("return", "returns"), "review": ("review", "reviews"),
                "support_message": ("message to customer support", "messages to customer support")}[what]
        verb = {"return": "returned something", "review": "written a review", "support_message": "contacted customer support"}[what]
        pl = noun[0] if k == 1 else noun[1]
        if op == "ge":
            out = [f"have made at least {n} {pl}" if what == "return" else f"have sent at least {n} {pl}" if what == "support_message"
                   else f"have written at least {n} {pl}", f"have {verb} {times(r, k)} or more"]
            if k == 1:
                out += {"return": ["have returned at least one order item", "have sent something back to us"],
                        "review": ["have reviewed at least one product", "have left us a review"],
                        "support_message": ["have been in touch with customer support at least once", "have messaged our support team"]}[what]
            return out
        if op == "gt":
            return [f"have more than {n} {noun[1]} on record", f"have {verb} more than {times(r, k)}"]
        if op == "eq":
            return [f"have exactly {n} {pl} on record", f"have {verb} exactly {times(r, k)}"]
        return [f"have between {n} and {h} {noun[1]} (inclusive) on record", f"have {verb} anywhere from {n} to {h} times"]

    def _count_neg(self, what: str, k: int) -> list[str]:
        r = self.rng
        if k == 1:
            return {"return": ["have never returned anything", "have not made a single return"],
                    "review": ["have never written a review", "have not reviewed anything"],
                    "support_message": ["have never contacted customer support", "have not once messaged our support team"]}[what]
        noun = {"return": "returns", "review": "reviews", "support_message": "messages to customer support"}[what]
        return [f"have fewer than {num(r, k)} {noun} on record", f"have made fewer than {num(r, k)} {noun}" if what == "return"
                else f"have fewer than {num(r, k)} {noun}"]

    def draw(self, kind: str, negated: bool = False) -> Leaf:  # noqa: PLR0911, PLR0912, PLR0915
        r, ref = self.rng, self.ref
        cat = r.choice(self.categories)
        cat_s = cat if r.random() < 0.8 else cat.title()
        brand = r.choice(self.brands)
        days = r.choice(WINDOWS)
        if kind == "country":
            code = r.choice(self.countries)
            c = place(code)
            return Leaf(kind, {"kind": "country", "country": code}, self._t(self.country == code),
                        [f"are based in {c}", f"order from {c}", f"have their purchases going to {c}", f"shop with us from {c}"],
                        [f"in {c}", f"based in {c}", f"whose orders come from {c}"])
        if kind == "country_not":
            code = r.choice(self.countries[:4])
            c = place(code)
            return Leaf(kind, {"kind": "country_not", "country": code}, self._t(self.country.notna() & (self.country != code)),
                        [f"order from some country other than {c}", f"have a country on record that isn't {c}",
                         f"buy from us from anywhere except {c}"],
                        [f"whose orders come from outside {c}", f"whose recorded country is anything but {c}"])
        if kind == "bought_category":
            m = self.who(self.buys[self.buys["category"] == cat])
            return Leaf(kind, {"kind": "bought_category", "category": cat}, m,
                        [f"have bought from the {cat_s} category", f"have ordered something from {cat_s}", f"have purchased items in {cat_s}",
                         f"have at some point bought products in the {cat_s} category"],
                        [f"with a purchase from the {cat_s} category behind them", f"who have bought in {cat_s}"],
                        [f"have never bought anything from {cat_s}", f"have not purchased anything in {cat_s}", f"have never ordered from {cat_s}"])
        if kind == "bought_category_within":
            rows = self.buys[self.buys["category"] == cat]
            at = lambda cut: self.who(self.since(rows, cut))  # noqa: E731
            w = self.when(days, at)
            return Leaf(kind, {"kind": "bought_category_within", "category": cat, "days": days}, at(self.clock - days * DAY),
                        [f"have bought from the {cat_s} category {w}", f"ordered something from {cat_s} {w}", f"purchased items in {cat_s} {w}"],
                        [f"with a purchase in {cat_s} {w}"],
                        [f"have not bought anything from {cat_s} {w}", f"haven't ordered {cat_s} {w}"])
        if kind == "bought_brand":
            m = self.who(self.buys[self.buys["brand"] == brand])
            return Leaf(kind, {"kind": "bought_brand", "brand": brand}, m,
                        [f"have bought {brand} products", f"have purchased something made by {brand}", f"have ordered from the {brand} range"],
                        [f"with a {brand} purchase on record"],
                        [f"have never bought {brand}", f"have not purchased a single {brand} product"])
        if kind == "bought_brand_within":
            rows = self.buys[self.buys["brand"] == brand]
            at = lambda cut: self.who(self.since(rows, cut))  # noqa: E731
            w = self.when(days, at)
            return Leaf(kind, {"kind": "bought_brand_within", "brand": brand, "days": days}, at(self.clock - days * DAY),
                        [f"bought {brand} products {w}", f"have purchased something by {brand} {w}", f"ordered from {brand} {w}"],
                        [f"with a {brand} purchase {w}"],
                        [f"have not bought any {brand} {w}", f"haven't ordered anything from {brand} {w}"])
        if kind == "bought_product":
            title = r.choice(self.titles)
            m = self.who(self.buys[self.buys["title"] == title])
            return Leaf(kind, {"kind": "bought_product", "product": title}, m,
                        [f'have bought the "{title}"', f'have purchased the "{title}"', f'ordered the "{title}" at some point'],
                        [f'who own a "{title}" bought from us'],
                        [f'have never bought the "{title}"', f'have not ordered the "{title}"'])
        if kind == "last_purchase_within":
            at = lambda cut: self.who(self.since(self.buys, cut))  # noqa: E731
            w = self.when(days, at)
            return Leaf(kind, {"kind": "last_purchase_within", "days": days}, at(self.clock - days * DAY),
                        [f"have bought something {w}", f"placed an order {w}", f"have made at least one purchase {w}"],
                        [f"with an order {w}"],
                        [f"have not bought anything {w}", f"haven't placed a single order {w}", f"have made no purchase {w}"])
        if kind == "last_purchase_more":
            days = r.choice([21, 28, 30, 45, 60, 75, 90])
            at = lambda cut: self._t(self.last_buy < cut)  # noqa: E731
            exact = at(self.clock - days * DAY)
            vp = [f"last bought something more than {span(r, days)} ago", f"have ordered before but not in the last {span(r, days)}",
                  f"made their most recent purchase more than {span(r, days)} ago"]
            for day in ((self.clock - days * DAY).normalize(), (self.clock - days * DAY).normalize() + DAY):
                if at(day).equals(exact) and r.random() < 0.4:
                    vp = [f"made their last purchase before {day_words(r, day)}", f"last bought something before {day_words(r, day)}"]
                    break
            return Leaf(kind, {"kind": "last_purchase_more", "days": days}, exact, vp,
                        [f"whose most recent order is more than {span(r, days)} old"])
        if kind == "last_seen_within":
            at = lambda cut: self._t(self.last_any >= cut)  # noqa: E731
            days = r.choice([7, 14, 21, 28, 30, 45])
            w = self.when(days, at)
            return Leaf(kind, {"kind": "last_seen_within", "days": days}, at(self.clock - days * DAY),
                        [f"have shown any activity at all {w}", f"have interacted with the shop in any way {w}", f"have been active on the site {w}"],
                        [f"with some activity {w}"],
                        [f"have shown no activity of any kind {w}", f"haven't interacted with the shop in any way {w}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                days = r.choice([70, 80, 90, 100, 105, 110, 120])
                m = self._t(self.first >= self.clock - days * DAY)
                s = span(r, days)
                return Leaf(kind, {"kind": "first_seen", "op": "within", "days": days}, m,
                            [f"first turned up less than {s} ago", f"first appeared in our data within the last {s}",
                             f"had their first activity within the last {s}"],
                            [f"whose first activity was within the last {s}"])
            day = (self.clock - r.randint(70, 115) * DAY).normalize()
            dw = day_words(r, day)
            if op == "before":
                m = self._t(self.first < day)
                return Leaf(kind, {"kind": "first_seen", "op": "before", "date": day.strftime("%Y-%m-%d")}, m,
                            [f"first showed up before {dw}", f"were already active before {dw}", f"had their first activity earlier than {dw}"],
                            [f"whose first activity was before {dw}"])
            if op == "after":
                m = self._t(self.first >= day + DAY)
                return Leaf(kind, {"kind": "first_seen", "op": "after", "date": day.strftime("%Y-%m-%d")}, m,
                            [f"first showed up after {dw}", f"only appeared for the first time after {dw}"],
                            [f"whose first activity came after {dw}"])
            m = self._t(self.first >= day)
            return Leaf(kind, {"kind": "first_seen", "op": "since", "date": day.strftime("%Y-%m-%d")}, m,
                        [f"first showed up on or after {dw}", f"had their very first activity on {dw} or later"],
                        [f"whose first activity was on or after {dw}"])
        if kind == "orders":
            op = r.choice(["ge", "ge", "gt", "eq", "between"])
            if op == "eq":
                k = r.choice([1, 1, 2, 3])
                m = self._cmp(self.orders, "eq", k)
                vp = [f"have placed exactly {num(r, k)} order{'s' if k > 1 else ''}", f"have ordered exactly {times(r, k)}"]
                if k == 1:
                    vp += ["have placed a single order and no more", "have ordered from us only once"]
                return Leaf(kind, {"kind": "orders", "op": "eq", "value": k}, m, vp, [f"with exactly {num(r, k)} order{'s' if k > 1 else ''}"])
            if op == "between":
                lo = r.choice([1, 2, 3, 4])
                hi = lo + r.choice([1, 2, 3])
                m = self._cmp(self.orders, "between", lo, hi)
                return Leaf(kind, {"kind": "orders", "op": "between", "value": lo, "high": hi}, m,
                            [f"have placed between {num(r, lo)} and {num(r, hi)} orders, both included", f"have ordered anywhere from {num(r, lo)} to {num(r, hi)} times"],
                            [f"with {lo} to {hi} orders (inclusive)"])
            k = r.choice([2, 3, 4, 5, 6, 8, 10])
            m = self._cmp(self.orders, op, k)
            if op == "ge":
                return Leaf(kind, {"kind": "orders", "op": "ge", "value": k}, m,
                            [f"have placed at least {num(r, k)} orders", f"have ordered {num(r, k)} or more times", f"have {k}+ orders behind them"],
                            [f"with at least {num(r, k)} orders", f"with {k} or more orders"])
            return Leaf(kind, {"kind": "orders", "op": "gt", "value": k}, m,
                        [f"have placed more than {num(r, k)} orders", f"have ordered more than {times(r, k)}"],
                        [f"with more than {num(r, k)} orders"])
        if kind == "aov":
            op = r.choice(["gt", "ge", "lt", "between"])
            if op == "between":
                lo = r.choice([20, 30, 40, 50])
                hi = lo + r.choice([20, 30, 50])
                m = self._cmp(self.aov, "between", lo, hi)
                a, b = money(r, lo), money(r, hi)
                return Leaf(kind, {"kind": "aov", "op": "between", "value": lo, "high": hi}, m,
                            [f"have an average order value between {a} and {b}", f"spend, on average, somewhere from {a} to {b} per order"],
                            [f"whose average order is worth between {a} and {b}"])
            x = r.choice([20, 25, 30, 40, 50, 60, 75, 100, 150])
            m = self._cmp(self.aov, op, x)
            a = money(r, x)
            word = {"gt": ["more than", "above", "over"], "ge": ["at least"], "lt": ["less than", "below", "under"]}[op]
            w1, w2 = r.choice(word), r.choice(word)
            return Leaf(kind, {"kind": "aov", "op": op, "value": x}, m,
                        [f"have an average order value of {w1} {a}", f"spend {w1} {a} per order on average", f"average {w2} {a} an order"],
                        [f"whose average basket is {w2} {a}", f"with an average order value of {w1} {a}"])
        if kind == "net_spend_over":
            x = r.choice([50, 100, 150, 200, 300, 400, 500, 750, 1000, 1500, 2000])
            a = money(r, x)
            return Leaf(kind, {"kind": "net_spend_over", "value": x}, self._t(self.net > x),
                        [f"have spent more than {a} in total once returns are taken off", f"have spent over {a} net of refunds",
                         f"have a lifetime spend above {a} after returns"],
                        [f"whose total spend after returns is over {a}", f"with net spending above {a}"])
        if kind == "net_spend_under":
            x = r.choice([25, 50, 75, 100, 150, 200, 300])
            a = money(r, x)
            buyers = r.random() < 0.75
            if buyers:
                m = self._t((self.net < x) & (self.orders > 0))
                return Leaf(kind, {"kind": "net_spend_under", "value": x, "buyers_only": True}, m,
                            [f"have bought from us but spent less than {a} in total after returns", f"have placed orders yet spent under {a} altogether, net of refunds"],
                            [f"who have ordered but whose spend after returns is below {a}"])
            m = self._t(self.net < x)
            return Leaf(kind, {"kind": "net_spend_under", "value": x}, m,
                        [f"have spent less than {a} in total after returns, counting people who never bought anything",
                         f"have a net spend below {a} (non-buyers included, since they have spent nothing)"],
                        [])
        if kind in ("returns_count", "reviews_count", "support_count"):
            what = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            vals = self.counts[what]
            if negated:
                k = r.choice([1, 1, 2, 3])
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, self._cmp(vals, "ge", k),
                            self._count_words(what, "ge", k, None), [], self._count_neg(what, k))
            op = r.choice(["ge", "ge", "gt", "eq", "between"])
            k = r.choice([1, 2, 3]) if op != "gt" else r.choice([1, 2, 3, 4])
            hi = k + r.choice([1, 2]) if op == "between" else None
            cond = {"kind": kind, "op": op, "value": k} | ({"high": hi} if hi is not None else {})
            return Leaf(kind, cond, self._cmp(vals, op, k, hi), self._count_words(what, op, k, hi), [],
                        self._count_neg(what, k) if op == "ge" else [])
        if kind in ("returned", "reviewed"):
            t = "return" if kind == "returned" else "review"
            rows = self.ev[(self.ev["type"] == t) & (self.ev["category"] == cat)]
            if kind == "returned":
                vp = [f"have returned something from {cat_s}", f"have sent back an item from the {cat_s} category", f"have made a return in the {cat_s} category"]
                neg = [f"have never returned anything from {cat_s}", f"have not sent back a single item from the {cat_s} category"]
            else:
                vp = [f"have reviewed a product from {cat_s}", f"have written a review of something in {cat_s}", f"have left a review on an item from the {cat_s} category"]
                neg = [f"have never reviewed anything in {cat_s}", f"have not written a single review of a product from {cat_s}"]
            return Leaf(kind, {"kind": kind, "category": cat}, self.who(rows), vp, [], neg)
        if kind.startswith("rating_"):
            which = kind.split("_")[1]
            vals = self.rating[which]
            if which == "max":
                op, k = r.choice([("ge", 5), ("le", 3), ("le", 2), ("le", 4)])
                m = self._cmp(vals, op, k)
                if op == "ge":
                    vp = ["have given at least one five-star rating", "have awarded 5 stars in a review at least once"]
                else:
                    vp = [f"have reviewed us but never rated anything above {num(r, k)} stars", f"have a best-ever rating of {k} stars or less"]
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, m, vp,
                            [f"whose highest rating is {'5 stars' if op == 'ge' else f'{k} stars or lower'}"])
            if which == "min":
                op, k = r.choice([("le", 1), ("le", 2), ("ge", 4), ("ge", 3)])
                m = self._cmp(vals, op, k)
                if op == "le":
                    vp = [f"have given at least one review of {k} star{'s' if k > 1 else ''}{' or fewer' if k > 1 else ''}",
                          f"have a lowest rating of {k} star{'s' if k > 1 else ''}{' or less' if k > 1 else ''}"]
                else:
                    vp = [f"have reviewed us and never rated anything below {num(r, k)} stars", f"have a worst rating of {k} stars or better"]
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, m, vp,
                            ["whose lowest rating is a single star" if k == 1 else f"whose lowest rating is {k} stars or {'less' if op == 'le' else 'more'}"])
            if which == "average":
                op, k, hi = r.choice([("ge", 4, None), ("ge", 4.5, None), ("lt", 3, None), ("lt", 2.5, None), ("between", 2, 3.5), ("between", 3, 4)])
                m = self._cmp(vals, op, k, hi)
                if op == "between":
                    vp = [f"have an average star rating between {k} and {hi} (inclusive)", f"rate us, on average, anywhere from {k} to {hi} stars"]
                else:
                    w = "at least" if op == "ge" else "below"
                    vp = [f"have an average review score of {w} {k}", f"give {w} {k} stars on average across their reviews"]
                return Leaf(kind, {"kind": kind, "op": op, "value": k} | ({"high": hi} if hi else {}), m, vp,
                            [f"whose average rating is {'between ' + str(k) + ' and ' + str(hi) if hi else ('at least ' if op == 'ge' else 'below ') + str(k)}"])
            op, k = r.choice([("le", 2), ("le", 1), ("ge", 4), ("eq", 5), ("le", 3)])
            m = self._cmp(vals, op, k)
            s = {"le": f"{k} stars or fewer" if k > 1 else "a single star", "ge": f"{k} stars or more", "eq": "exactly 5 stars"}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, m,
                        [f"gave {s} in their most recent review", f"have a latest review of {s}"],
                        [f"whose newest review is {s}"])
        if kind == "viewed_not_bought":
            within = r.choice([None, None, 30, 60, 90, 14])
            views = self.ev[(self.ev["type"] == "view") & (self.ev["category"] == cat)]
            cb = self.buys[self.buys["category"] == cat]
            if within is None:
                m = self.who(views) & ~self.who(cb)
                return Leaf(kind, {"kind": kind, "category": cat}, m,
                            [f"have looked at products in {cat_s} but never bought anything from {cat_s}", f"have viewed items in the {cat_s} category without ever purchasing from it",
                             f"browsed {cat_s} yet have no purchase from {cat_s} at all"])
            at = lambda cut: self.who(self.since(views, cut)) & ~self.who(self.since(cb, cut))  # noqa: E731
            s = span(r, within)
            return Leaf(kind, {"kind": kind, "category": cat, "days": within}, at(self.clock - within * DAY),
                        [f"viewed products in {cat_s} in the last {s} but bought nothing from {cat_s} in that time",
                         f"have looked at items in the {cat_s} category over the past {s} without buying anything from it during those {s}"])
        raise ValueError(kind)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        """A leaf whose customers are neither nearly none nor nearly all (and, when it is to be negated, with
        negated words)."""
        while True:
            leaf = self.draw(kind, negated)
            n = int(leaf.mask.sum())
            if 4 <= n <= 285 and (not negated or leaf.neg):
                return leaf

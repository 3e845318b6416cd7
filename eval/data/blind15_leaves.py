"""Condition leaves of the fifteenth blind marketer set: for each kind a ``blind2_check`` condition, its pandas mask over
customers, and nominal wording (group nouns, post-head modifiers, pre-head compounds, property nouns, attribute
values, and their negations)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

import blind15_words as w

KINDS = ['country', 'country_not', 'bought_category', 'bought_category_within', 'bought_brand', 'bought_brand_within',
         'bought_product', 'last_purchase_within', 'last_purchase_more', 'last_seen_within', 'first_seen', 'orders', 'aov',
         'net_spend_over', 'net_spend_under', 'returns_count', 'reviews_count', 'support_count', 'returned', 'reviewed',
         'rating_min', 'rating_max', 'rating_average', 'rating_latest', 'viewed_not_bought']
NEGATABLE = {'bought_category', 'bought_category_within', 'bought_brand', 'bought_brand_within', 'bought_product',
             'last_purchase_within', 'last_seen_within', 'orders', 'returns_count', 'reviews_count', 'support_count',
             'returned', 'reviewed'}
DAY = pd.Timedelta(days=1)


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    post: list[str]  # after a head noun: "customers <post>"
    noun: list[str] = field(default_factory=list)  # a plural group noun phrase on its own
    pre: list[str] = field(default_factory=list)  # before a head noun: "<pre> customers"
    prop: list[str] = field(default_factory=list)  # a property noun phrase ("a kitchen purchase")
    attr: list[str] = field(default_factory=list)  # "a/an <attribute> of <value>"
    neg_post: list[str] = field(default_factory=list)
    neg_noun: list[str] = field(default_factory=list)
    neg_prop: list[str] = field(default_factory=list)


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.r = ref, rng
        ev = ref.ev
        self.users = ref.users
        buys = ev[ev["type"] == "purchase"]
        self.buys = buys
        self.buyer = pd.Series(self.users, index=self.users).isin(set(buys["user_id"]))
        out = {}
        for user, rows in buys.groupby("user_id"):
            known = rows["country"].dropna()
            known = known[known != ""]
            if len(known):
                counts = known.value_counts()
                out[user] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(out, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders, self.net, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.counts = {"returns_count": ref.count("return"), "reviews_count": ref.count("review"),
                       "support_count": ref.count("support_message")}
        self.ratings = {k: ref.rating(k.split("_")[1]) for k in ("rating_min", "rating_max", "rating_average", "rating_latest")}
        self.cats = ref.categories
        self.brands = ref.brands[:16]
        self.titles = ref.titles[:30]

    # ---- helpers
    def who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users, index=self.users).isin(set(rows["user_id"]))

    def since(self, rows: pd.DataFrame, cut) -> pd.DataFrame:
        return rows if cut is None else rows[rows["ts"] >= cut]

    def win(self, days: int, mask_at) -> list[str]:
        """Ways to say a trailing window of ``days`` days as an adverbial; a calendar date only where it gives the
        very same customers as the exact cut."""
        r = self.r
        cut = self.ref.clock - days * DAY
        out = [f"{r.choice(['in', 'within', 'during'])} {w.window(r, days)}" for _ in range(3)]
        exact = mask_at(cut)
        for day in (cut.normalize(), cut.normalize() + DAY):
            if mask_at(day).equals(exact):
                out.append(f"since {w.date_words(r, day)}")
                break
        return out

    @staticmethod
    def cmp(x: pd.Series, op: str, v, hi=None) -> pd.Series:
        m = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v,
             "between": (x >= v) & (x <= (hi if hi is not None else v))}[op]
        return m.fillna(False).astype(bool)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(500):
            leaf = self.draw(kind, negated)
            n = int(leaf.mask.sum())
            if 4 <= n <= 292 and (not negated or leaf.neg_post):
                return leaf
        raise RuntimeError(f"no usable leaf for {kind}")

    # ---- the kinds
    def draw(self, kind: str, negated: bool) -> Leaf:  # noqa: C901, PLR0911, PLR0912, PLR0915
        r = self.r
        if kind == "country":
            name = r.choice(self.countries)
            c, p = w.country(r, name, lower=True), w.country_pre(r, name)
            return Leaf(kind, {"kind": "country", "country": name}, (self.country == name).fillna(False).astype(bool),
                        post=[f"based in {c}", f"located in {c}", f"in {c}", f"ordering from {c}"],
                        noun=[f"{p}-based customers", f"{p}-based accounts", f"customers in {c}"],
                        pre=[f"{p}-based"], prop=[f"a {p} location", f"a base in {c}"],
                        attr=[f"a country of record of {c}"])
        if kind == "country_not":
            name = r.choice(self.countries[:4])
            c, p = w.country(r, name), w.country_pre(r, name)
            mask = (self.country.notna() & (self.country != name)).astype(bool)
            return Leaf(kind, {"kind": "country_not", "country": name}, mask,
                        post=[f"based outside {c}", f"located outside {c}", f"ordering from outside {c}"],
                        noun=[f"non-{p} buyers", f"buyers outside {c}", f"purchasers based outside {c}"],
                        pre=[f"non-{p}"], prop=[f"a location outside {c}", f"a base outside {c}"],
                        attr=[f"a country of record other than {c}"])
        if kind in ("bought_category", "bought_category_within", "bought_brand", "bought_brand_within"):
            is_cat = "category" in kind
            thing = r.choice(self.cats) if is_cat else r.choice(self.brands)
            col = "category" if is_cat else "brand"
            rows = self.buys[self.buys[col] == thing]
            cond = {"kind": kind, col: thing}
            x = thing if is_cat else thing
            item = f"{x} item" if is_cat else f"{x} product"
            if kind.endswith("_within"):
                days = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
                cond["days"] = days
                mask_at = lambda cut: self.who(self.since(rows, cut))  # noqa: E731
                mask = mask_at(self.ref.clock - days * DAY)
                ws = self.win(days, mask_at)
                W = lambda: r.choice(ws)  # noqa: E731
                return Leaf(kind, cond, mask,
                            post=[f"with a {x} purchase {W()}", f"with at least one {item} bought {W()}",
                                  f"with a {x} {'item' if is_cat else 'product'} in an order placed {W()}"],
                            noun=[f"{x} purchasers {W()}", f"buyers of {x} {W()}"],
                            prop=[f"a {x} purchase {W()}", f"an order containing a {x} {'item' if is_cat else 'product'} {W()}"],
                            attr=[f"a purchase history including {x} {W()}"],
                            neg_post=[f"with no {x} purchase {W()}", f"without any {x} order {W()}"],
                            neg_prop=[f"the absence of any {x} purchase {W()}", f"no {x} purchase {W()}"])
            mask = self.who(rows)
            simple = " " not in x and "&" not in x
            return Leaf(kind, cond, mask, pre=[f"{x}-buying"] if simple else [],
                        post=[f"with a {x} purchase", f"with a {x} purchase on record", f"with {x} in their purchase history",
                              f"with at least one {item} bought"],
                        noun=[f"{x} purchasers", f"buyers of {x}", f"{x} buyers"] if is_cat or " " not in x
                        else [f"{x} purchasers", f"buyers of {x}"],
                        prop=[f"a {x} purchase", f"a purchase history including {x}", f"at least one {item} bought"],
                        attr=[f"a purchase history including {x}"],
                        neg_post=[f"with no {x} purchase", f"without any {x} purchase on record", f"with zero {x} orders"],
                        neg_noun=[f"non-buyers of {x}"],
                        neg_prop=[f"the absence of any {x} purchase", f"no {x} purchase on record"])
        if kind == "bought_product":
            t = r.choice(self.titles)
            q = f'"{t}"'
            return Leaf(kind, {"kind": kind, "product": t}, self.who(self.buys[self.buys["title"] == t]),
                        post=[f"with a purchase of the {q}", f"with the {q} in their order history", f"with an order for the {q}"],
                        noun=[f"buyers of the {q}", f"purchasers of the {q}"],
                        prop=[f"a purchase of the {q}", f"an order for the {q}"],
                        neg_post=[f"with no purchase of the {q}", f"without any order for the {q}"],
                        neg_noun=[f"non-buyers of the {q}"],
                        neg_prop=[f"no purchase of the {q}", f"the absence of any order for the {q}"])
        if kind == "last_purchase_within":
            days = r.choice([7, 14, 21, 30, 45, 60])
            mask_at = lambda cut: self.who(self.since(self.buys, cut))  # noqa: E731
            mask = mask_at(self.ref.clock - days * DAY)
            ws = self.win(days, mask_at)
            W = lambda: r.choice(ws)  # noqa: E731
            return Leaf(kind, {"kind": kind, "days": days}, mask,
                        post=[f"with a purchase {W()}", f"with at least one order {W()}", f"with an order placed {W()}"],
                        noun=[f"purchasers {W()}", f"buyers with an order {W()}"],
                        prop=[f"a purchase {W()}", f"an order {W()}"], attr=[f"a most recent order date falling {W()}"],
                        neg_post=[f"with no purchase {W()}", f"without a single order {W()}"],
                        neg_prop=[f"no purchase {W()}", f"the absence of any order {W()}"])
        if kind == "last_purchase_more":
            days = r.choice([30, 45, 60, 75, 90])
            n = w.num(r, days)
            mask = (self.last_buy < self.ref.clock - days * DAY).fillna(False).astype(bool)
            return Leaf(kind, {"kind": kind, "days": days}, mask,
                        post=[f"whose most recent order is more than {n} days old", f"with a last purchase over {n} days ago",
                              f"with a last-order date more than {n} days back"],
                        noun=[f"lapsed buyers with no order in the last {n} days", f"buyers whose latest purchase is over {n} days old"],
                        prop=[f"a latest purchase more than {n} days old", f"a last order over {n} days ago"],
                        attr=[f"a last-purchase date more than {n} days in the past"])
        if kind == "last_seen_within":
            days = r.choice([3, 7, 14, 21, 30, 45])
            mask_at = lambda cut: (self.last_any >= cut).fillna(False).astype(bool)  # noqa: E731
            mask = mask_at(self.ref.clock - days * DAY)
            ws = self.win(days, mask_at)
            W = lambda: r.choice(ws)  # noqa: E731
            return Leaf(kind, {"kind": kind, "days": days}, mask,
                        post=[f"with any activity {W()}", f"with a last-seen date {W()}", f"seen on the shop {W()}"],
                        noun=[f"accounts active {W()}", f"customers with activity {W()}"],
                        prop=[f"activity {W()}", f"a visit or other activity {W()}"],
                        attr=[f"a last-seen date {W()}"],
                        neg_post=[f"with no activity of any kind {W()}", f"unseen {W()}"],
                        neg_prop=[f"no activity {W()}", f"a complete absence of activity {W()}"])
        if kind == "first_seen":
            op = r.choice(["before", "before", "after", "since", "within"])
            if op == "within":
                days = r.choice([90, 100, 105, 110, 120])
                mask_at = lambda cut: (self.first >= cut).fillna(False).astype(bool)  # noqa: E731
                mask = mask_at(self.ref.clock - days * DAY)
                ws = self.win(days, mask_at)
                W = lambda: r.choice(ws)  # noqa: E731
                return Leaf(kind, {"kind": kind, "op": "within", "days": days}, mask,
                            post=[f"first seen {W()}", f"with a first visit {W()}"],
                            noun=[f"newcomers first seen {W()}", f"accounts new to the shop {W()}"],
                            prop=[f"a first appearance {W()}"], attr=[f"a first-seen date {W()}"])
            day = pd.Timestamp("2026-07-04", tz="UTC") + r.randint(3, 45) * DAY
            D = w.date_words(r, day)
            cond = {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}
            if op == "before":
                mask = (self.first < day).fillna(False).astype(bool)
                return Leaf(kind, cond, mask,
                            post=[f"first seen before {D}", f"with a first visit before {D}", f"whose first activity predates {D}"],
                            noun=[f"accounts with a first-seen date before {D}", f"customers first seen before {D}"],
                            prop=[f"a first visit before {D}"], attr=[f"a first-seen date earlier than {D}"])
            if op == "after":
                mask = (self.first >= day + DAY).fillna(False).astype(bool)
                return Leaf(kind, cond, mask,
                            post=[f"first seen after {D}", f"with a first visit later than {D}"],
                            noun=[f"accounts first seen after {D}", f"newcomers arriving after {D}"],
                            prop=[f"a first visit after {D}"], attr=[f"a first-seen date later than {D}"])
            mask = (self.first >= day).fillna(False).astype(bool)
            return Leaf(kind, cond, mask,
                        post=[f"first seen on or after {D}", f"with a first visit on {D} or later"],
                        noun=[f"accounts first seen on or after {D}", f"newcomers from {D} onwards"],
                        prop=[f"a first visit on or after {D}"], attr=[f"a first-seen date of {D} or later"])
        if kind == "orders":
            op = "ge" if negated else r.choice(["ge", "ge", "ge", "eq", "between", "lt_buyers"])
            if op == "ge":
                k = r.choice([2, 3, 4, 5, 6, 8, 10])
                n = w.num(r, k)
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, self.orders >= k,
                            post=[f"with {k}+ orders", f"with {n} or more orders", f"with at least {n} orders"],
                            noun=[f"{k}+-order customers", f"holders of {n} or more orders"],
                            pre=[f"{k}+-order"], prop=[f"{n} or more orders", f"an order count of at least {n}"],
                            attr=[f"an order count of {n} or more"],
                            neg_post=[f"with fewer than {n} orders", f"with under {k} orders"],
                            neg_prop=[f"fewer than {n} orders", f"an order count below {n}"])
            if op == "eq":
                return Leaf(kind, {"kind": kind, "op": "eq", "value": 1}, self.orders == 1,
                            post=["with exactly one order", "with a single order to date"],
                            noun=["single-order customers", "one-time buyers (exactly one order)"],
                            pre=["single-order"], prop=["exactly one order"], attr=["an order count of exactly one"])
            if op == "between":
                a = r.choice([2, 3, 4])
                b = a + r.choice([2, 3, 4])
                na, nb = w.num(r, a), w.num(r, b)
                return Leaf(kind, {"kind": kind, "op": "between", "value": a, "high": b},
                            (self.orders >= a) & (self.orders <= b),
                            post=[f"with {na} to {nb} orders inclusive", f"with an order count from {a} to {b} inclusive"],
                            noun=[f"{a}-to-{b}-order customers (inclusive)"], pre=[f"{a}-to-{b}-order (inclusive)"],
                            prop=[f"an order count of {na} to {nb} inclusive"],
                            attr=[f"an order count from {na} to {nb} inclusive"])
            k = r.choice([2, 3])
            return Leaf(kind, {"kind": kind, "op": "between", "value": 1, "high": k - 1}, (self.orders >= 1) & (self.orders < k),
                        post=[f"with at least one order but fewer than {w.num(r, k)}"],
                        noun=[f"buyers with fewer than {w.num(r, k)} orders"],
                        prop=[f"at least one but fewer than {w.num(r, k)} orders"],
                        attr=[f"an order count of at least one and below {k}"])
        if kind == "aov":
            op = r.choice(["gt", "ge", "lt"])
            x = r.choice([25, 30, 40, 50, 60, 75, 100, 150])
            m = w.money(r, x)
            mask = self.cmp(self.aov, op, x)
            cond = {"kind": kind, "op": op, "value": x}
            if op == "gt":
                return Leaf(kind, cond, mask, post=[f"with an average order value above {m}", f"whose average basket exceeds {m}"],
                            noun=[f"buyers averaging more than {m} per order"], prop=[f"an average order value above {m}"],
                            attr=[f"an average order value of more than {m}"])
            if op == "ge":
                return Leaf(kind, cond, mask, post=[f"with an average order value of at least {m}", f"with an AOV of {m} or more"],
                            noun=[f"buyers averaging {m} or more per order"], prop=[f"an average basket of {m} or more"],
                            attr=[f"an average order value of {m} or higher"])
            return Leaf(kind, cond, mask, post=[f"with an average order value below {m} (buyers only)"],
                        noun=[f"buyers with an average order value under {m}", f"buyers averaging less than {m} per order"],
                        prop=[f"an average order value under {m} (buyers only)"],
                        attr=[f"an average order value below {m} (buyers only)"])
        if kind == "net_spend_over":
            x = r.choice([50, 100, 150, 200, 250, 300, 400, 500, 750, 1000])
            m = w.money(r, x)
            return Leaf(kind, {"kind": kind, "value": x}, self.net > x,
                        post=[f"with a net spend above {m}", f"whose spend net of returns exceeds {m}",
                              f"with over {m} in net spend"],
                        noun=[f"net spenders above {m}", f"customers worth more than {m} net of returns"],
                        prop=[f"a net spend over {m}", f"more than {m} in spend after returns"],
                        attr=[f"a net spend (after returns) of more than {m}"])
        if kind == "net_spend_under":
            x = r.choice([20, 30, 50, 75, 100, 150, 200])
            m = w.money(r, x)
            if r.random() < 0.75:
                return Leaf(kind, {"kind": kind, "value": x, "buyers_only": True}, self.buyer & (self.net < x),
                            post=[f"with a net spend below {m} (buyers only)",
                                  f"with a purchase history but under {m} in net spend"],
                            noun=[f"buyers with a net spend below {m}", f"purchasers under {m} net of returns"],
                            prop=[f"at least one purchase yet a net spend under {m}"],
                            attr=[f"a net spend below {m} despite at least one purchase"])
            return Leaf(kind, {"kind": kind, "value": x}, self.net < x,
                        post=[f"with a net spend below {m} (non-buyers included)"],
                        noun=[f"all customers, buyers or not, with a net spend under {m}"],
                        prop=[f"a net spend under {m}, non-buyers included"],
                        attr=[f"a net spend of less than {m}, zero-spend accounts included"])
        if kind in ("returns_count", "reviews_count", "support_count"):
            thing = {"returns_count": ("return", "returns", "returner"), "reviews_count": ("review", "reviews", "reviewer"),
                     "support_count": ("support message", "support messages", None)}[kind]
            one, many, agent = thing
            x = self.counts[kind]
            op = "ge" if negated else r.choice(["ge", "ge", "eq0", "between"])
            if op == "ge":
                k = r.choice([1, 1, 2, 3] if kind != "support_count" else [1, 2, 3, 4, 5])
                n = w.num(r, k)
                noun = [f"accounts with {k}+ {many}"]
                if k == 1 and agent:
                    noun += [f"{agent}s", f"{agent}s (at least one {one})"]
                neg = [f"with no {many}", f"with zero {many}"] if k == 1 else [f"with fewer than {n} {many}"]
                negp = [f"no {many} at all", f"the absence of any {one}"] if k == 1 else [f"fewer than {n} {many}"]
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, x >= k,
                            post=[f"with at least {n} {plural(k, one, many)}", f"with {n} or more {many}"],
                            noun=noun, pre=[f"{k}+-{one.replace(' ', '-')}"],
                            prop=[f"{n} or more {many}", f"at least {n} {plural(k, one, many)} on record"],
                            attr=[f"a {one} count of {n} or more"],
                            neg_post=neg, neg_noun=[f"non-{agent}s"] if k == 1 and agent else [], neg_prop=negp)
            if op == "eq0":
                return Leaf(kind, {"kind": kind, "op": "eq", "value": 0}, x == 0,
                            post=[f"with zero {many}", f"with no {many} on record"],
                            noun=[f"non-{agent}s (zero {many})" if agent else f"accounts with zero {many}"],
                            pre=[f"{one.replace(' ', '-')}-free"], prop=[f"zero {many}", f"no {many} on record"],
                            attr=[f"a {one} count of zero"])
            a = r.choice([1, 2])
            b = a + r.choice([1, 2])
            return Leaf(kind, {"kind": kind, "op": "between", "value": a, "high": b}, (x >= a) & (x <= b),
                        post=[f"with {w.num(r, a)} to {w.num(r, b)} {many} inclusive"],
                        noun=[f"accounts with {a}–{b} {many} (inclusive)"],
                        prop=[f"from {w.num(r, a)} to {w.num(r, b)} {many} inclusive"],
                        attr=[f"a {one} count from {a} to {b} inclusive"])
        if kind in ("returned", "reviewed"):
            cat = r.choice(self.cats)
            t = "return" if kind == "returned" else "review"
            mask = self.who(self.ref.ev[(self.ref.ev["type"] == t) & (self.ref.ev["category"] == cat)])
            pre = [f"{cat}-{'returning' if kind == 'returned' else 'reviewing'}"] if " " not in cat else []
            if kind == "returned":
                return Leaf(kind, {"kind": kind, "category": cat}, mask, pre=pre,
                            post=[f"with a {cat} return", f"with at least one {cat} item sent back", f"with a return in {cat}"],
                            noun=[f"{cat} returners", f"returners of {cat} items"],
                            prop=[f"a {cat} return", f"at least one returned {cat} item"],
                            attr=[f"a return history including {cat}"],
                            neg_post=[f"with no {cat} returns", f"without any {cat} item sent back"],
                            neg_noun=[f"non-returners of {cat}"],
                            neg_prop=[f"no {cat} returns", f"the absence of any {cat} return"])
            return Leaf(kind, {"kind": kind, "category": cat}, mask, pre=pre,
                        post=[f"with a {cat} review", f"with at least one review of a {cat} product", f"with a review in {cat}"],
                        noun=[f"{cat} reviewers", f"reviewers of {cat} products"],
                        prop=[f"a {cat} review", f"at least one review of a {cat} item"],
                        attr=[f"a review history including {cat}"],
                        neg_post=[f"with no {cat} reviews", f"without any review of a {cat} product"],
                        neg_noun=[f"non-reviewers of {cat}"],
                        neg_prop=[f"no {cat} reviews", f"the absence of any {cat} review"])
        if kind == "rating_min":
            op, k = r.choice([("le", 1), ("le", 2), ("ge", 3), ("ge", 4)])
            s = lambda k: f"{w.num(r, k)} star{'s' if k > 1 else ''}"  # noqa: E731
            mask = self.cmp(self.ratings[kind], op, k)
            if op == "le":
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, mask,
                            post=[f"whose lowest rating is {s(k)} or below", f"with at least one review of {s(k)} or fewer"],
                            noun=[f"reviewers with a worst rating of {s(k)} or less"],
                            prop=[f"a lowest rating of {s(k)} or less"], attr=[f"a minimum star rating of {k} or lower"])
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, mask,
                        post=[f"with reviews but none below {s(k)}", f"whose lowest rating is {s(k)} or higher"],
                        noun=[f"reviewers with no rating under {s(k)}"],
                        prop=[f"a lowest rating of {s(k)} or more"], attr=[f"a minimum star rating of {k} or higher"])
        if kind == "rating_max":
            op, k = r.choice([("eq", 5), ("ge", 5), ("le", 2), ("le", 3)])
            mask = self.cmp(self.ratings[kind], op, k)
            if k == 5:
                return Leaf(kind, {"kind": kind, "op": op, "value": k}, mask,
                            post=["with at least one five-star review", "whose best rating is 5 stars"],
                            noun=["five-star reviewers (at least one 5-star rating)", "givers of at least one 5-star review"],
                            pre=["five-star-reviewing"], prop=["a five-star review", "a top rating of 5 stars"],
                            attr=["a highest star rating of 5"])
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, mask,
                        post=[f"with reviews but none above {w.num(r, k)} stars", f"whose highest rating is {k} stars or lower"],
                        noun=[f"reviewers whose best rating is {w.num(r, k)} stars or below"],
                        prop=[f"a highest rating of {k} stars or less"], attr=[f"a maximum star rating of {k} or lower"])
        if kind == "rating_average":
            op, x = r.choice([("ge", 4), ("ge", 4.5), ("lt", 3), ("lt", 2.5), ("le", 2), ("gt", 3.5)])
            mask = self.cmp(self.ratings[kind], op, x)
            say = {"ge": f"{x} or higher", "lt": f"below {x}", "le": f"{x} or lower", "gt": f"above {x}"}[op]
            of = {"ge": f"of {x} or higher", "lt": f"below {x}", "le": f"of {x} or lower", "gt": f"above {x}"}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": x}, mask,
                        post=[f"with an average rating {of}", f"whose mean star rating is {say}"],
                        noun=[f"reviewers averaging {say} stars"], prop=[f"an average star rating {of}"],
                        attr=[f"an average rating {of}"])
        if kind == "rating_latest":
            op, k = r.choice([("le", 2), ("le", 1), ("ge", 4), ("eq", 5), ("le", 3)])
            mask = self.cmp(self.ratings[kind], op, k)
            say = {"le": f"{w.num(r, k)} star{'s' if k > 1 else ''} or lower", "ge": f"{w.num(r, k)} stars or higher",
                   "eq": "exactly 5 stars"}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, mask,
                        post=[f"whose most recent review is rated {say}", f"with a latest rating of {say}"],
                        noun=[f"reviewers whose latest review is rated {say}"],
                        prop=[f"a most recent rating of {say}"], attr=[f"a latest star rating of {say}"])
        if kind == "viewed_not_bought":
            cat = r.choice(self.cats)
            ev = self.ref.ev
            views = ev[(ev["type"] == "view") & (ev["category"] == cat)]
            cbuys = self.buys[self.buys["category"] == cat]
            if r.random() < 0.5:
                mask = self.who(views) & ~self.who(cbuys)
                return Leaf(kind, {"kind": kind, "category": cat}, mask,
                            post=[f"with {cat} product views but no {cat} purchase ever",
                                  f"with views of {cat} items but zero {cat} purchases"],
                            noun=[f"{cat} viewers with no {cat} purchase", f"viewers of {cat} products without any {cat} purchase"],
                            prop=[f"{cat} views without a single {cat} purchase"],
                            attr=[f"a browsing history including {cat} but a purchase history without it"])
            days = r.choice([14, 30, 45, 60])
            mask_at = lambda cut: self.who(self.since(views, cut)) & ~self.who(self.since(cbuys, cut))  # noqa: E731
            mask = mask_at(self.ref.clock - days * DAY)
            W = r.choice(self.win(days, mask_at))
            return Leaf(kind, {"kind": kind, "category": cat, "days": days}, mask,
                        post=[f"with {cat} product views but no {cat} purchase, both {W}"],
                        noun=[f"{cat} viewers {W} with no {cat} purchase in that same period"],
                        prop=[f"{cat} views {W} without a {cat} purchase in the same period"],
                        attr=[f"a {cat} browsing record {W} with no {cat} purchase over the same period"])
        raise ValueError(kind)


def plural(k: int, one: str, many: str) -> str:
    return one if k == 1 else many

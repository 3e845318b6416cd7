"""Condition leaves of the sixteenth blind marketer set: for each condition kind, a condition in ``blind2_check``'s
format, its pandas mask over customers (from ``marketer_reference.Ref``), and its words in a CRM / marketing-ops
register, in several grammatical forms:

- ``tag``: a compact criterion ("2+ orders", "AOV > €50"), ``negtag`` its negation;
- ``vp``: a verb phrase after "who" with slots {have} {are} {s}, ``neg`` its negation;
- ``noun``: the group as a noun phrase ("repeat buyers (2+ orders)");
- ``wtag``: what follows "w/" ("a kitchen order L30D"), ``wo`` what follows "w/o" for the negation;
- ``expr``: a filter expression ("orders >= 3"), ``nexpr`` its negation."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind16_words import date, geo, geo_in, money, num, stars, window, window_short

DAY = pd.Timedelta(days=1)

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "orders", "returns_count", "reviews_count", "support_count",
             "returned", "reviewed"}


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    tag: list[str]
    vp: list[str]
    noun: list[str]
    wtag: list[str]
    expr: list[str]
    negtag: list[str] = field(default_factory=list)
    neg: list[str] = field(default_factory=list)
    wo: list[str] = field(default_factory=list)
    nexpr: list[str] = field(default_factory=list)


def _b(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        users = ref.users
        buys = ref.of("purchase")
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        cc = {}
        for u, rows in known.groupby("user_id"):
            counts = rows["country"].value_counts()
            cc[u] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(cc, dtype=object).reindex(users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders, self.net, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.has_buy = ref.who(buys)
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.counts = {k: ref.count(t) for k, t in (("returns_count", "return"), ("reviews_count", "review"),
                                                    ("support_count", "support_message"))}
        self.rates = {k: ref.rating(k.split("_")[1]) for k in ("rating_min", "rating_max", "rating_average", "rating_latest")}
        self.brands = ref.brands[:14]

    # windows -------------------------------------------------------------------------------------------------
    def _since(self, days: int, mask_at) -> str | None:
        """'since <date>' for a window of ``days`` when it selects the same customers as the window itself."""
        cut = self.ref.cut(days)
        day = cut.normalize()
        if not mask_at(cut).equals(mask_at(day)):
            return None
        return "since " + date(self.rng, day)

    def _w(self, days: int, mask_at, short: bool = False) -> str:
        since = self._since(days, mask_at)
        if since and self.rng.random() < 0.25:
            return since
        return window_short(self.rng, days) if short else window(self.rng, days)

    def _many(self, n: int, make) -> list[str]:
        return [make() for _ in range(n)]

    # one leaf ------------------------------------------------------------------------------------------------
    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(200):
            leaf = self.draw(kind, negated)
            size = int(leaf.mask.sum())
            if 4 <= size <= 280:
                return leaf
        raise RuntimeError(kind)

    def draw(self, kind: str, negated: bool = False) -> Leaf:  # noqa: C901, PLR0911, PLR0912, PLR0915
        r, ref = self.rng, self.ref
        cats = ref.categories
        if kind == "country":
            c = r.choice(self.countries[:6])
            m = _b(self.country == c)
            return Leaf(kind, {"kind": kind, "country": c}, m,
                        tag=self._many(3, lambda: r.choice([f"geo = {geo(r, c, 0.8)}", f"{geo(r, c, 0.8)} only", f"country: {geo(r, c)}",
                                                            f"based in {geo_in(r, c)}"])),
                        vp=self._many(3, lambda: r.choice([f"{{are}} based in {geo_in(r, c)}", f"shop{{s}} from {geo_in(r, c)}",
                                                           f"{{are}} {geo(r, c, 0.9)}-based"])),
                        noun=self._many(3, lambda: r.choice([f"{geo(r, c, 0.9)} customers", f"{geo(r, c, 0.9)} custs",
                                                             f"customers in {geo_in(r, c)}", f"the {geo(r, c, 0.9)} base"])),
                        wtag=self._many(2, lambda: r.choice([f"country = {geo(r, c)}", f"geo {geo(r, c, 0.9)}"])),
                        expr=self._many(2, lambda: f"country = {geo(r, c)}"))
        if kind == "country_not":
            c = r.choice(self.countries[:5])
            m = _b(self.country.notna() & (self.country != c))
            return Leaf(kind, {"kind": kind, "country": c}, m,
                        tag=self._many(3, lambda: r.choice([f"geo != {geo(r, c, 0.9)}", f"non-{geo(r, c, 0.9)}", f"outside {geo_in(r, c)}",
                                                            f"country not {geo(r, c)}"])),
                        vp=self._many(3, lambda: r.choice([f"{{are}} based outside {geo_in(r, c)}", f"{{are}} not {geo(r, c, 0.9)}-based",
                                                           f"order{{s}} from a country other than {geo_in(r, c)}"])),
                        noun=self._many(3, lambda: r.choice([f"non-{geo(r, c, 0.9)} customers", f"customers outside {geo_in(r, c)}",
                                                             f"non-{geo(r, c, 0.9)} custs"])),
                        wtag=self._many(2, lambda: r.choice([f"country != {geo(r, c)}", f"a non-{geo(r, c, 0.9)} country"])),
                        expr=self._many(2, lambda: r.choice([f"country != {geo(r, c)}", f"country <> {geo(r, c)}"])))
        if kind in ("bought_category", "bought_category_within"):
            cat = r.choice(cats)
            C = lambda: r.choice([cat, cat, cat.title()])  # noqa: E731
            if kind == "bought_category":
                m = ref.who(ref.of("purchase", category=cat))
                cond = {"kind": kind, "category": cat}
                return Leaf(kind, cond, m,
                            tag=self._many(3, lambda: r.choice([f"bought {C()} (ever)", f"{C()} purchasers", f"any {C()} purchase",
                                                                f"{C()} buyers, all-time"])),
                            vp=self._many(3, lambda: r.choice([f"{{have}} bought {C()}", f"{{have}} ever ordered from {C()}",
                                                               f"{{have}} a {C()} purchase on record"])),
                            noun=self._many(3, lambda: r.choice([f"{C()} buyers", f"{C()} purchasers (all-time)", f"all-time {C()} buyers"])),
                            wtag=self._many(2, lambda: r.choice([f"a {C()} purchase (any time)", f"at least one {C()} order"])),
                            expr=self._many(2, lambda: r.choice([f"{C()} purchases >= 1", f"bought_category = {C()}"])),
                            negtag=self._many(2, lambda: r.choice([f"never bought {C()}", f"no {C()} purchase ever"])),
                            neg=self._many(3, lambda: r.choice([f"{{have}} never bought {C()}", f"{{have}} never ordered anything from {C()}",
                                                                f"{{have}} no {C()} purchase on record"])),
                            wo=self._many(2, lambda: r.choice([f"any {C()} purchase", f"a single {C()} order ever"])),
                            nexpr=self._many(2, lambda: f"{C()} purchases = 0"))
            n = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
            at = lambda cut: ref.who(ref.of("purchase", category=cat)[lambda d: d["ts"] >= cut])  # noqa: E731
            m = at(ref.cut(n))
            cond = {"kind": kind, "category": cat, "days": n}
            W = lambda short=False: self._w(n, at, short)  # noqa: E731
            return Leaf(kind, cond, m,
                        tag=self._many(3, lambda: r.choice([f"bought {C()} {W(True)}", f"{C()} buyers {W(True)}", f"{C()} purchase {W(True)}"])),
                        vp=self._many(3, lambda: r.choice([f"bought {C()} {W()}", f"ordered something from {C()} {W()}",
                                                           f"{{have}} a {C()} order {W()}"])),
                        noun=self._many(3, lambda: r.choice([f"{C()} buyers {W(True)}", f"{C()} purchasers {W()}"])),
                        wtag=self._many(2, lambda: r.choice([f"a {C()} purchase {W(True)}", f"a {C()} order {W()}"])),
                        expr=self._many(2, lambda: r.choice([f"{C()} purchases {W(True)} >= 1", f"{C()} orders ({W(True)}) > 0"])),
                        negtag=self._many(2, lambda: r.choice([f"no {C()} purchase {W(True)}", f"zero {C()} orders {W(True)}"])),
                        neg=self._many(3, lambda: r.choice([f"{{have}}n't bought {C()} {W()}", f"{{have}} not ordered from {C()} {W()}",
                                                            f"{{have}} no {C()} order {W()}"])),
                        wo=self._many(2, lambda: r.choice([f"a {C()} purchase {W(True)}", f"any {C()} order {W()}"])),
                        nexpr=self._many(2, lambda: f"{C()} purchases {W(True)} = 0"))
        if kind in ("bought_brand", "bought_brand_within"):
            b = r.choice(self.brands)
            if kind == "bought_brand":
                m = ref.who(ref.of("purchase", brand=b))
                return Leaf(kind, {"kind": kind, "brand": b}, m,
                            tag=self._many(3, lambda: r.choice([f"bought {b} (ever)", f"{b} purchasers", f"any {b} purchase",
                                                                f"brand = {b} (all-time buyers)"])),
                            vp=self._many(3, lambda: r.choice([f"{{have}} bought {b}", f"{{have}} ever ordered a {b} product",
                                                               f"{{have}} purchased from the {b} brand"])),
                            noun=self._many(3, lambda: r.choice([f"{b} buyers", f"{b} purchasers (all-time)", f"all-time {b} buyers"])),
                            wtag=self._many(2, lambda: r.choice([f"a {b} purchase (any time)", f"at least one {b} item bought"])),
                            expr=self._many(2, lambda: r.choice([f"{b} purchases >= 1", f"brand_bought = {b}"])),
                            negtag=self._many(2, lambda: r.choice([f"never bought {b}", f"no {b} purchase ever"])),
                            neg=self._many(3, lambda: r.choice([f"{{have}} never bought {b}", f"{{have}} never ordered a {b} product"])),
                            wo=self._many(2, lambda: r.choice([f"any {b} purchase", f"a single {b} item ever bought"])),
                            nexpr=self._many(2, lambda: f"{b} purchases = 0"))
            n = r.choice([14, 21, 28, 30, 45, 60, 90])
            at = lambda cut: ref.who(ref.of("purchase", brand=b)[lambda d: d["ts"] >= cut])  # noqa: E731
            m = at(ref.cut(n))
            W = lambda short=False: self._w(n, at, short)  # noqa: E731
            return Leaf(kind, {"kind": kind, "brand": b, "days": n}, m,
                        tag=self._many(3, lambda: r.choice([f"bought {b} {W(True)}", f"{b} buyers {W(True)}", f"{b} purchase {W(True)}"])),
                        vp=self._many(3, lambda: r.choice([f"bought {b} {W()}", f"ordered a {b} product {W()}", f"{{have}} a {b} purchase {W()}"])),
                        noun=self._many(3, lambda: r.choice([f"{b} buyers {W(True)}", f"{b} purchasers {W()}"])),
                        wtag=self._many(2, lambda: r.choice([f"a {b} purchase {W(True)}", f"a {b} order {W()}"])),
                        expr=self._many(2, lambda: r.choice([f"{b} purchases {W(True)} >= 1", f"{b} orders ({W(True)}) > 0"])),
                        negtag=self._many(2, lambda: r.choice([f"no {b} purchase {W(True)}", f"zero {b} orders {W(True)}"])),
                        neg=self._many(3, lambda: r.choice([f"{{have}}n't bought {b} {W()}", f"{{have}} not ordered any {b} product {W()}"])),
                        wo=self._many(2, lambda: r.choice([f"a {b} purchase {W(True)}", f"any {b} order {W()}"])),
                        nexpr=self._many(2, lambda: f"{b} purchases {W(True)} = 0"))
        if kind == "bought_product":
            t = r.choice(ref.titles[:30])
            q = f'"{t}"'
            m = ref.who(ref.of("purchase", title=t))
            return Leaf(kind, {"kind": kind, "product": t}, m,
                        tag=self._many(3, lambda: r.choice([f"bought the {q}", f"{q} buyers", f"purchased {q}"])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} bought the {q}", f"ordered the {q} at some point", f"purchased {q}"])),
                        noun=self._many(3, lambda: r.choice([f"{q} buyers", f"buyers of the {q}", f"everyone who bought the {q}"])),
                        wtag=self._many(2, lambda: r.choice([f"a {q} purchase", f"the {q} in a past order"])),
                        expr=self._many(2, lambda: r.choice([f"product bought = {q}", f"purchased_product = {q}"])),
                        negtag=self._many(2, lambda: r.choice([f"never bought the {q}", f"no {q} purchase"])),
                        neg=self._many(3, lambda: r.choice([f"{{have}} never bought the {q}", f"{{have}} not purchased the {q}"])),
                        wo=self._many(2, lambda: r.choice([f"a {q} purchase", f"the {q} in any order"])),
                        nexpr=self._many(2, lambda: f"never bought {q}"))
        if kind == "last_purchase_within":
            n = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
            at = lambda cut: _b(self.last_buy >= cut)  # noqa: E731
            W = lambda short=False: self._w(n, at, short)  # noqa: E731
            return Leaf(kind, {"kind": kind, "days": n}, at(ref.cut(n)),
                        tag=self._many(3, lambda: r.choice([f"ordered {W(True)}", f"purchased {W(True)}", f"last order <= {n}d ago",
                                                            f"bought anything {W(True)}"])),
                        vp=self._many(3, lambda: r.choice([f"placed an order {W()}", f"bought something {W()}", f"{{have}} purchased {W()}"])),
                        noun=self._many(3, lambda: r.choice([f"buyers {W(True)}", f"recent purchasers ({W(True)})", f"anyone who ordered {W()}"])),
                        wtag=self._many(2, lambda: r.choice([f"an order {W()}", f"a purchase {W(True)}", f"last order within {n} days"])),
                        expr=self._many(2, lambda: r.choice([f"days since last order <= {n}", f"orders {W(True)} >= 1"])),
                        negtag=self._many(2, lambda: r.choice([f"no order {W(True)}", f"no purchase {W(True)}"])),
                        neg=self._many(3, lambda: r.choice([f"{{have}}n't ordered {W()}", f"{{have}} made no purchase {W()}",
                                                            f"{{have}} not bought anything {W()}"])),
                        wo=self._many(2, lambda: r.choice([f"an order {W()}", f"any purchase {W(True)}"])),
                        nexpr=self._many(2, lambda: r.choice([f"orders {W(True)} = 0", f"no order in last {n} days"])))
        if kind == "last_purchase_more":
            n = r.choice([30, 45, 60, 75, 90])
            m = _b(self.has_buy & (self.last_buy < ref.cut(n)))
            return Leaf(kind, {"kind": kind, "days": n}, m,
                        tag=self._many(3, lambda: r.choice([f"lapsed {n}d+ (last order over {n} days ago)", f"last order > {n}d ago",
                                                            f"bought before but nothing in the last {n} days"])),
                        vp=self._many(3, lambda: r.choice([f"last ordered more than {n} days ago", f"{{have}} bought before but not in the last {n} days",
                                                           f"{{have}} a last purchase older than {n} days"])),
                        noun=self._many(3, lambda: r.choice([f"lapsed buyers (last order > {n}d ago)", f"{n}d+ lapsed customers (bought before, no order in {n} days)",
                                                             f"past buyers whose last order is over {n} days old"])),
                        wtag=self._many(2, lambda: r.choice([f"a last order more than {n} days ago", f"last purchase > {n}d ago"])),
                        expr=self._many(2, lambda: r.choice([f"days since last order > {n}", f"orders >= 1 and days since last order > {n}"])))
        if kind == "last_seen_within":
            n = r.choice([3, 7, 14, 21, 30, 45])
            at = lambda cut: _b(self.last_any >= cut)  # noqa: E731
            W = lambda short=False: self._w(n, at, short)  # noqa: E731
            return Leaf(kind, {"kind": kind, "days": n}, at(ref.cut(n)),
                        tag=self._many(3, lambda: r.choice([f"seen {W(True)}", f"any activity {W(True)}", f"last seen <= {n}d ago"])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} had any activity {W()}", f"{{have}} shown any activity {W()}",
                                                           f"{{were}} last seen no more than {n} days ago"])),
                        noun=self._many(3, lambda: r.choice([f"customers with any activity {W(True)}", f"people seen {W()}",
                                                             f"custs last seen <= {n}d ago"])),
                        wtag=self._many(2, lambda: r.choice([f"activity {W(True)}", f"any activity {W()}"])),
                        expr=self._many(2, lambda: r.choice([f"days since last seen <= {n}", f"last_seen within {n}d"])),
                        negtag=self._many(2, lambda: r.choice([f"not seen {W(True)}", f"no activity {W(True)}"])),
                        neg=self._many(3, lambda: r.choice([f"{{have}} had no activity {W()}", f"{{have}} shown no activity {W()}",
                                                            f"{{have}}n't been seen {W()}"])),
                        wo=self._many(2, lambda: r.choice([f"any activity {W(True)}", f"any activity {W()}"])),
                        nexpr=self._many(2, lambda: f"days since last seen > {n}"))
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                n = r.choice([30, 45, 60, 75, 90, 100])
                m = _b(self.first >= ref.cut(n))
                return Leaf(kind, {"kind": kind, "op": "within", "days": n}, m,
                            tag=self._many(3, lambda: r.choice([f"first seen {window_short(r, n)}", f"new in the last {n} days (first visit)",
                                                                f"first visit <= {n}d ago"])),
                            vp=self._many(3, lambda: r.choice([f"first showed up {window(r, n)}", f"{{have}} a first visit {window(r, n)}",
                                                               f"{{were}} first seen {window(r, n)}"])),
                            noun=self._many(3, lambda: r.choice([f"new visitors (first seen {window_short(r, n)})", f"people first seen {window(r, n)}"])),
                            wtag=self._many(2, lambda: r.choice([f"a first visit {window(r, n)}", f"first seen date {window_short(r, n)}"])),
                            expr=self._many(2, lambda: r.choice([f"days since first seen <= {n}", f"first_seen within last {n}d"])))
            d = (ref.clock - r.randint(68, 112) * DAY).normalize()
            first = self.first
            m = _b({"before": first < d, "after": first >= d + DAY, "since": first >= d}[op])
            D = lambda: date(r, d)  # noqa: E731
            rel = {"before": lambda: f"before {D()}",
                   "after": lambda: f"after {D()}",
                   "since": lambda: r.choice([f"since {D()}", f"on or after {D()}"])}[op]
            sym = {"before": "<", "after": ">", "since": ">="}[op]
            return Leaf(kind, {"kind": kind, "op": op, "date": d.strftime("%Y-%m-%d")}, m,
                        tag=self._many(3, lambda: r.choice([f"first seen {rel()}", f"first visit {rel()}", f"first_seen_date {sym} {d.strftime('%Y-%m-%d')}"])),
                        vp=self._many(3, lambda: r.choice([f"first visited {rel()}", f"{{were}} first seen {rel()}", f"first showed up {rel()}"])),
                        noun=self._many(3, lambda: r.choice([f"people first seen {rel()}", f"the cohort first seen {rel()}"])),
                        wtag=self._many(2, lambda: r.choice([f"a first visit {rel()}", f"first-seen date {rel()}"])),
                        expr=self._many(2, lambda: f"first_seen_date {sym} {d.strftime('%Y-%m-%d')}"))
        if kind == "orders":
            op = "ge" if negated else r.choice(["ge", "ge", "gt", "eq", "between"])
            o = self.orders
            if op == "ge":
                k = r.choice([2, 3, 4, 5, 6, 8, 10])
                m = o >= k
                rep = ["repeat buyers (2+ orders)", "repeaters", "repeat customers (2 or more orders)"] if k == 2 else [f"{k}+ order customers"]
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, m,
                            tag=self._many(3, lambda: r.choice([f"{k}+ orders", f"orders >= {k}", f"at least {num(r, k)} orders"]
                                                               + (["repeaters (2+ orders)"] if k == 2 else []))),
                            vp=self._many(3, lambda: r.choice([f"{{have}} {k}+ orders", f"{{have}} placed at least {num(r, k)} orders",
                                                               f"ordered {num(r, k)} or more times"])),
                            noun=self._many(3, lambda: r.choice(rep + [f"customers w/ {k}+ orders"])),
                            wtag=self._many(2, lambda: r.choice([f"{k}+ orders", f"at least {num(r, k)} orders"])),
                            expr=self._many(2, lambda: r.choice([f"orders >= {k}", f"order_count >= {k}"])),
                            negtag=self._many(2, lambda: r.choice([f"fewer than {k} orders (0 incl.)", f"under {k} orders incl. never-ordered"])),
                            neg=self._many(3, lambda: r.choice([f"{{have}}n't placed {k}+ orders", f"{{have}} fewer than {num(r, k)} orders (zero counts)"])),
                            wo=self._many(2, lambda: r.choice([f"{k}+ orders", f"{num(r, k)} or more orders"])),
                            nexpr=self._many(2, lambda: r.choice([f"orders < {k}", f"order_count < {k}"])))
            if op == "gt":
                k = r.choice([1, 2, 3, 4, 5, 7])
                m = o > k
                return Leaf(kind, {"kind": kind, "op": "gt", "value": k}, m,
                            tag=self._many(3, lambda: r.choice([f"> {k} orders", f"more than {num(r, k)} orders", f"orders > {k}"])),
                            vp=self._many(3, lambda: r.choice([f"{{have}} more than {num(r, k)} orders", f"ordered more than {num(r, k)} times"])),
                            noun=self._many(3, lambda: r.choice([f"customers w/ more than {k} orders", f"buyers with over {num(r, k)} orders"])),
                            wtag=self._many(2, lambda: r.choice([f"more than {num(r, k)} orders", f"> {k} orders"])),
                            expr=self._many(2, lambda: r.choice([f"orders > {k}", f"order_count > {k}"])))
            if op == "eq":
                k = r.choice([1, 1, 2, 3])
                m = o == k
                one = k == 1
                return Leaf(kind, {"kind": kind, "op": "eq", "value": k}, m,
                            tag=self._many(3, lambda: r.choice(["one-time buyers (exactly 1 order)", "exactly 1 order", "single-order custs"] if one
                                                               else [f"exactly {num(r, k)} orders", f"orders = {k}"])),
                            vp=self._many(3, lambda: r.choice(["{have} exactly one order", "ordered exactly once", "{have} only ever placed one order"] if one
                                                              else [f"{{have}} exactly {num(r, k)} orders", f"ordered exactly {num(r, k)} times"])),
                            noun=self._many(3, lambda: r.choice(["one-time buyers", "one-and-done customers (exactly one order)", "single-order customers"] if one
                                                                else [f"customers with exactly {num(r, k)} orders"])),
                            wtag=self._many(2, lambda: r.choice(["exactly one order", "a single order"] if one else [f"exactly {num(r, k)} orders"])),
                            expr=self._many(2, lambda: r.choice([f"orders = {k}", f"order_count == {k}"])))
            lo, hi = r.choice([(2, 4), (2, 3), (3, 5), (1, 3), (4, 8), (5, 10)])
            m = (o >= lo) & (o <= hi)
            return Leaf(kind, {"kind": kind, "op": "between", "value": lo, "high": hi}, m,
                        tag=self._many(3, lambda: r.choice([f"{lo}-{hi} orders", f"{lo} to {hi} orders", f"between {lo} and {hi} orders (inclusive)"])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} {lo}-{hi} orders", f"{{have}} placed between {num(r, lo)} and {num(r, hi)} orders (inclusive)"])),
                        noun=self._many(3, lambda: r.choice([f"{lo}-{hi} order customers", f"customers with {lo} to {hi} orders"])),
                        wtag=self._many(2, lambda: r.choice([f"{lo}-{hi} orders", f"{num(r, lo)} to {num(r, hi)} orders"])),
                        expr=self._many(2, lambda: r.choice([f"orders between {lo} and {hi}", f"{lo} <= orders <= {hi}"])))
        if kind == "aov":
            op = r.choice(["gt", "gt", "ge", "lt", "between"])
            a = self.aov
            if op == "between":
                lo, hi = r.choice([(20, 50), (30, 75), (40, 100), (50, 150), (25, 60)])
                m = _b((a >= lo) & (a <= hi))
                cond = {"kind": kind, "op": op, "value": lo, "high": hi}
                M = lambda: r.choice([f"€{lo}-{hi}", f"{lo}-{hi} EUR", f"between {money(r, lo)} and {money(r, hi)}"])  # noqa: E731
                return Leaf(kind, cond, m,
                            tag=self._many(3, lambda: f"AOV {M()}"),
                            vp=self._many(3, lambda: r.choice([f"{{have}} an AOV {M()}", f"{{have}} an average order value {M()}"])),
                            noun=self._many(3, lambda: f"customers with AOV {M()}"),
                            wtag=self._many(2, lambda: f"AOV {M()}"),
                            expr=self._many(2, lambda: f"AOV between {lo} and {hi}"))
            v = r.choice([20, 25, 30, 40, 50, 60, 75, 100, 150])
            m = _b({"gt": a > v, "ge": a >= v, "lt": a < v}[op])
            word = {"gt": ["over", "above", "more than", ">"], "ge": [">=", "at least", "of at least"], "lt": ["under", "below", "<", "less than"]}[op]
            sym = {"gt": ">", "ge": ">=", "lt": "<"}[op]
            vword = {"gt": ["over", "more than"], "ge": ["at least"], "lt": ["under", "less than"]}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": v}, m,
                        tag=self._many(3, lambda: r.choice([f"AOV {r.choice(word)} {money(r, v)}", f"avg order value {r.choice(word)} {money(r, v)}"])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} an AOV {r.choice(word)} {money(r, v)}",
                                                           f"spend{{s}} {r.choice(vword)} {money(r, v)} per order on average"])),
                        noun=self._many(3, lambda: r.choice([f"customers with AOV {r.choice(word)} {money(r, v)}", f"customers w/ AOV {sym} {v}"])),
                        wtag=self._many(2, lambda: f"AOV {r.choice(word)} {money(r, v)}"),
                        expr=self._many(2, lambda: r.choice([f"AOV {sym} {v}", f"avg_order_value {sym} {v}"])))
        if kind == "net_spend_over":
            v = r.choice([50, 100, 200, 250, 300, 500, 750, 1000, 1500, 2000])
            m = self.net > v
            return Leaf(kind, {"kind": kind, "value": v}, m,
                        tag=self._many(3, lambda: r.choice([f"net spend > {money(r, v)}", f"spent over {money(r, v)} net of returns",
                                                            f"net revenue > {money(r, v)} (after returns)"])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} spent more than {money(r, v)} net of returns",
                                                           f"{{have}} a net spend above {money(r, v)}"])),
                        noun=self._many(3, lambda: r.choice([f"customers with net spend over {money(r, v)}", f"> {money(r, v)} net spenders"])),
                        wtag=self._many(2, lambda: r.choice([f"net spend > {money(r, v)}", f"over {money(r, v)} spent after returns"])),
                        expr=self._many(2, lambda: r.choice([f"net_spend > {v}", f"net spend (after returns) > {v}"])))
        if kind == "net_spend_under":
            v = r.choice([20, 25, 50, 75, 100, 150, 200])
            only = r.random() < 0.6
            m = (self.net < v) & (self.has_buy if only else True)
            cond = {"kind": kind, "value": v, **({"buyers_only": True} if only else {})}
            if only:
                return Leaf(kind, cond, m,
                            tag=self._many(3, lambda: r.choice([f"buyers w/ net spend < {money(r, v)}", f"bought something but net spend under {money(r, v)}"])),
                            vp=self._many(3, lambda: r.choice([f"{{have}} bought but spent less than {money(r, v)} net of returns",
                                                               f"{{have}} purchased yet {{have}} a net spend below {money(r, v)}"])),
                            noun=self._many(3, lambda: r.choice([f"low-value buyers (net spend < {money(r, v)})", f"buyers whose net spend is under {money(r, v)}"])),
                            wtag=self._many(2, lambda: f"at least one purchase but net spend < {money(r, v)}"),
                            expr=self._many(2, lambda: f"orders >= 1 and net_spend < {v}"))
            return Leaf(kind, cond, m,
                        tag=self._many(3, lambda: r.choice([f"net spend < {money(r, v)} (non-buyers incl.)", f"net spend under {money(r, v)}, zero-spend incl."])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} spent less than {money(r, v)} net (never-buyers count as 0)",
                                                           f"{{have}} a net spend under {money(r, v)}, incl. those who never bought"])),
                        noun=self._many(3, lambda: f"everyone with net spend under {money(r, v)} (never-buyers included)"),
                        wtag=self._many(2, lambda: f"net spend < {money(r, v)} (incl. 0)"),
                        expr=self._many(2, lambda: f"net_spend < {v} (0 for non-buyers)"))
        if kind in ("returns_count", "reviews_count", "support_count"):
            cnt = self.counts[kind]
            unit = {"returns_count": ("return", "returns"), "reviews_count": ("review", "reviews"),
                    "support_count": (r.choice(["support ticket", "support message", "CS contact"]), None)}[kind]
            one, many = unit[0], unit[1] or unit[0] + "s"
            op = "ge" if negated else r.choice(["ge", "ge", "ge", "eq", "between"])
            verb = {"returns_count": ("{have} returned", "returned"), "reviews_count": ("{have} written", "wrote"),
                    "support_count": ("{have} contacted support", "contacted CS")}[kind]
            if op == "ge":
                k = r.choice([1, 1, 2, 3]) if kind != "support_count" else r.choice([1, 2, 3, 4])
                m = cnt >= k
                tag = [f"{k}+ {many}", f"{many} >= {k}", f"at least {num(r, k)} {one if k == 1 else many}"]
                if kind == "returns_count":
                    vp = [f"{{have}} made {k}+ returns", f"returned items at least {num(r, k)} times" if k > 1 else "{have} returned something"]
                    neg = ["{have} never returned anything", "{have} zero returns"] if k == 1 else [f"{{have}} fewer than {num(r, k)} returns", f"{{have}}n't made {k}+ returns"]
                    noun = ["returners (1+ returns)", "customers who returned something"] if k == 1 else [f"serial returners ({k}+ returns)", f"customers with {k}+ returns"]
                    wo = ["any returns", "a single return"] if k == 1 else [f"{k}+ returns"]
                elif kind == "reviews_count":
                    vp = [f"{{have}} written {k}+ reviews", f"{{have}} left at least {num(r, k)} reviews"] if k > 1 else ["{have} left a review", "{have} written at least one review"]
                    neg = ["{have} never left a review", "{have} zero reviews"] if k == 1 else [f"{{have}} fewer than {num(r, k)} reviews", f"{{have}}n't written {k}+ reviews"]
                    noun = ["reviewers (1+ review)", "customers who have reviewed"] if k == 1 else [f"active reviewers ({k}+ reviews)", f"customers with {k}+ reviews"]
                    wo = ["any reviews", "a single review"] if k == 1 else [f"{k}+ reviews"]
                else:
                    vp = [f"{{have}} contacted support {k}+ times", f"{{have}} {k}+ {many}", f"{{have}} opened at least {num(r, k)} support tickets"] if k > 1 else \
                        ["{have} contacted support", "{have} at least one CS contact", "{have} sent us a support message"]
                    neg = ["{have} never contacted support", "{have} zero support tickets"] if k == 1 else [f"{{have}} fewer than {num(r, k)} support contacts",
                                                                                                              f"{{have}}n't contacted support {k}+ times"]
                    noun = ["customers who have contacted support", "anyone with a support ticket"] if k == 1 else [f"heavy support users ({k}+ tickets)",
                                                                                                                  f"customers with {k}+ support contacts"]
                    wo = ["any support tickets", "a single CS contact"] if k == 1 else [f"{k}+ support tickets"]
                wt = [f"{k}+ {many}", f"at least {num(r, k)} {one if k == 1 else many}"]
                field_ = {"returns_count": "returns", "reviews_count": "reviews", "support_count": "support_msgs"}[kind]
                return Leaf(kind, {"kind": kind, "op": "ge", "value": k}, m, tag=tag, vp=vp, noun=noun, wtag=wt,
                            expr=[f"{field_} >= {k}", f"{field_} > {k - 1}"],
                            negtag=[f"no {many}" if k == 1 else f"fewer than {k} {many}", f"{field_} = 0" if k == 1 else f"{field_} < {k}"],
                            neg=neg, wo=wo, nexpr=[f"{field_} = 0" if k == 1 else f"{field_} < {k}"])
            field_ = {"returns_count": "returns", "reviews_count": "reviews", "support_count": "support_msgs"}[kind]
            if op == "eq":
                k = r.choice([0, 1, 2]) if kind != "returns_count" else r.choice([1, 2])
                m = cnt == k
                kk = num(r, k)
                return Leaf(kind, {"kind": kind, "op": "eq", "value": k}, m,
                            tag=[f"exactly {kk} {one if k == 1 else many}", f"{field_} = {k}"],
                            vp=[f"{{have}} exactly {kk} {one if k == 1 else many}"] if k else [f"{{have}} zero {many}", f"{{have}} no {many} at all"],
                            noun=[f"customers with exactly {kk} {one if k == 1 else many}"] if k else [f"customers with zero {many}"],
                            wtag=[f"exactly {kk} {one if k == 1 else many}"] if k else [f"zero {many}"],
                            expr=[f"{field_} = {k}", f"{field_} == {k}"])
            lo, hi = r.choice([(1, 2), (1, 3), (2, 4), (2, 3), (3, 5)])
            m = (cnt >= lo) & (cnt <= hi)
            return Leaf(kind, {"kind": kind, "op": "between", "value": lo, "high": hi}, m,
                        tag=[f"{lo}-{hi} {many}", f"between {lo} and {hi} {many}"],
                        vp=[f"{{have}} {lo} to {hi} {many}", f"{{have}} between {num(r, lo)} and {num(r, hi)} {many} (inclusive)"],
                        noun=[f"customers with {lo}-{hi} {many}"], wtag=[f"{lo}-{hi} {many}", f"{num(r, lo)} to {num(r, hi)} {many}"],
                        expr=[f"{field_} between {lo} and {hi}", f"{lo} <= {field_} <= {hi}"])
        if kind in ("returned", "reviewed"):
            cat = r.choice(cats)
            C = lambda: r.choice([cat, cat, cat.title()])  # noqa: E731
            t = "return" if kind == "returned" else "review"
            m = ref.who(ref.of(t, category=cat))
            if kind == "returned":
                return Leaf(kind, {"kind": kind, "category": cat}, m,
                            tag=self._many(3, lambda: r.choice([f"returned a {C()} item", f"{C()} returners", f"any {C()} return"])),
                            vp=self._many(3, lambda: r.choice([f"{{have}} returned a {C()} item", f"sent back something from {C()}",
                                                               f"{{have}} a {C()} return on record"])),
                            noun=self._many(3, lambda: r.choice([f"{C()} returners", f"customers who returned {C()} items"])),
                            wtag=self._many(2, lambda: r.choice([f"a {C()} return", f"at least one {C()} item returned"])),
                            expr=self._many(2, lambda: r.choice([f"{C()} returns >= 1", f"returned_category = {C()}"])),
                            negtag=self._many(2, lambda: r.choice([f"no {C()} returns", f"never returned {C()}"])),
                            neg=self._many(3, lambda: r.choice([f"{{have}} never returned a {C()} item", f"{{have}} no {C()} returns"])),
                            wo=self._many(2, lambda: r.choice([f"any {C()} returns", f"a {C()} return"])),
                            nexpr=self._many(2, lambda: f"{C()} returns = 0"))
            return Leaf(kind, {"kind": kind, "category": cat}, m,
                        tag=self._many(3, lambda: r.choice([f"reviewed {C()}", f"{C()} reviewers", f"left a {C()} review"])),
                        vp=self._many(3, lambda: r.choice([f"{{have}} reviewed a {C()} product", f"left a review on a {C()} item",
                                                           f"{{have}} written a {C()} review"])),
                        noun=self._many(3, lambda: r.choice([f"{C()} reviewers", f"customers who reviewed {C()} products"])),
                        wtag=self._many(2, lambda: r.choice([f"a {C()} review", f"at least one {C()} review"])),
                        expr=self._many(2, lambda: r.choice([f"{C()} reviews >= 1", f"reviewed_category = {C()}"])),
                        negtag=self._many(2, lambda: r.choice([f"no {C()} reviews", f"never reviewed {C()}"])),
                        neg=self._many(3, lambda: r.choice([f"{{have}} never reviewed a {C()} product", f"{{have}} no {C()} reviews"])),
                        wo=self._many(2, lambda: r.choice([f"any {C()} reviews", f"a {C()} review"])),
                        nexpr=self._many(2, lambda: f"{C()} reviews = 0"))
        if kind.startswith("rating_"):
            x = self.rates[kind]
            what = {"rating_min": ("lowest rating", "min rating", "lowest star rating given"),
                    "rating_max": ("highest rating", "max rating", "best star rating given"),
                    "rating_average": ("avg rating", "average rating", "average star rating"),
                    "rating_latest": ("latest rating", "most recent review score", "last review's stars")}[kind]
            opts = {"rating_min": [("le", 1), ("le", 2), ("ge", 4), ("ge", 3)], "rating_max": [("le", 2), ("le", 3), ("eq", 5), ("le", 4)],
                    "rating_average": [("ge", 4), ("ge", 4.5), ("le", 2), ("le", 2.5), ("between", 3)],
                    "rating_latest": [("le", 2), ("le", 1), ("eq", 5), ("ge", 4), ("le", 3)]}[kind]
            op, v = r.choice(opts)
            if op == "between":
                lo, hi = 3, 4
                m = _b((x >= lo) & (x <= hi))
                cond = {"kind": kind, "op": op, "value": lo, "high": hi}
                S = lambda: r.choice([f"between {lo} and {hi} stars", f"{lo}-{hi}★", f"{lo} to {hi} stars (inclusive)"])  # noqa: E731
                return Leaf(kind, cond, m, tag=self._many(3, lambda: f"{r.choice(what)} {S()}"),
                            vp=self._many(3, lambda: f"{{have}} an {r.choice(what[:2])} of {S()}"),
                            noun=self._many(3, lambda: f"reviewers whose {r.choice(what)} is {S()}"),
                            wtag=self._many(2, lambda: f"an {what[1]} of {S()}"), expr=[f"avg_rating between {lo} and {hi}"])
            m = _b({"le": x <= v, "ge": x >= v, "eq": x == v}[op])
            cond = {"kind": kind, "op": op, "value": v}
            sym = {"le": "<=", "ge": ">=", "eq": "="}[op]
            phr = {"le": [f"<= {stars(r, v)}", f"{stars(r, v)} or lower", f"at most {stars(r, v)}"] if v > 1 else [stars(r, 1), f"= {stars(r, 1)}", "exactly 1 star"],
                   "ge": [f">= {stars(r, v)}", f"{stars(r, v)} or higher", f"at least {stars(r, v)}"],
                   "eq": [f"= {stars(r, v)}", f"exactly {stars(r, v)}", f"{stars(r, v)}"]}[op]
            P = lambda: r.choice(phr)  # noqa: E731
            wrd = {"le": [f"{stars(r, v)} or lower", f"at most {stars(r, v)}"] if v > 1 else ["1 star", "exactly 1 star"],
                   "ge": [f"{stars(r, v)} or higher", f"at least {stars(r, v)}"], "eq": [f"exactly {stars(r, v)}", stars(r, v)]}[op]
            Q = lambda: r.choice(wrd)  # noqa: E731
            field_ = {"rating_min": "min_rating", "rating_max": "max_rating", "rating_average": "avg_rating", "rating_latest": "latest_rating"}[kind]
            extra_noun = []
            if kind == "rating_average" and op == "ge":
                extra_noun = [f"promoters (avg rating {v}+ stars)", f"happy reviewers (average {v}★ or more)"]
            if kind == "rating_average" and op == "le":
                extra_noun = [f"detractors (avg rating <= {v}★)", f"unhappy reviewers (average {v} stars or less)"]
            if kind == "rating_min" and op == "le" and v == 1:
                extra_noun = ["anyone who has left a 1-star review"]
            if kind == "rating_max" and op == "eq":
                extra_noun = ["anyone who has given a 5★ review"]
            vps = [f"{{have}} a {r.choice(what[:2])} of {Q()}" for _ in range(3)]
            if kind == "rating_latest":
                vps = [f"gave {Q()} in {{their}} latest review", f"{{have}} a most recent review of {Q()}", f"left {Q()} on {{their}} last review"]
            if kind == "rating_max" and op == "le":
                vps = [f"{{have}} reviewed but never rated above {stars(r, v)}", f"{{have}} a max rating of {Q()}"]
            if kind == "rating_min" and op == "ge":
                vps = [f"{{have}} reviewed and never rated below {stars(r, v)}", f"{{have}} a min rating of {Q()}"]
            return Leaf(kind, cond, m,
                        tag=self._many(3, lambda: f"{r.choice(what)} {P()}"),
                        vp=vps,
                        noun=self._many(2, lambda: f"reviewers with {r.choice(what)} {P()}") + extra_noun,
                        wtag=self._many(2, lambda: f"a {r.choice(what)} of {Q()}"),
                        expr=[f"{field_} {sym} {v}"])
        if kind == "viewed_not_bought":
            cat = r.choice(cats)
            C = lambda: r.choice([cat, cat, cat.title()])  # noqa: E731
            n = r.choice([None, None, 14, 30, 60])
            views, buys = ref.of("view", n, category=cat), ref.of("purchase", n, category=cat)
            m = ref.who(views) & ~ref.who(buys)
            cond = {"kind": kind, "category": cat, **({"days": n} if n else {})}
            if n is None:
                return Leaf(kind, cond, m,
                            tag=self._many(3, lambda: r.choice([f"viewed {C()} but never bought {C()}", f"{C()} viewers w/ no {C()} purchase ever",
                                                                f"browsed {C()}, never purchased from it"])),
                            vp=self._many(3, lambda: r.choice([f"viewed {C()} products but never bought any", f"{{have}} looked at {C()} without ever buying from it"])),
                            noun=self._many(3, lambda: r.choice([f"{C()} browsers who never bought {C()}", f"{C()} window-shoppers (viewed, never purchased)"])),
                            wtag=self._many(2, lambda: f"{C()} views but no {C()} purchase ever"),
                            expr=[f"{cat} views >= 1 and {cat} purchases = 0"])
            w = window_short(r, n)
            return Leaf(kind, cond, m,
                        tag=self._many(3, lambda: r.choice([f"viewed {C()} {w} w/o buying {C()} in that window", f"{C()} viewers {w}, no {C()} purchase in the same {n} days"])),
                        vp=self._many(3, lambda: r.choice([f"viewed {C()} in the last {n} days without buying any {C()} in those {n} days",
                                                           f"browsed {C()} {w} but didn't purchase {C()} during that window"])),
                        noun=self._many(3, lambda: f"{C()} browsers {w} who didn't buy {C()} in that same window"),
                        wtag=self._many(2, lambda: f"{C()} views {w} but no {C()} purchase in that window"),
                        expr=[f"{cat} views {w} >= 1 and {cat} purchases {w} = 0"])
        raise ValueError(kind)

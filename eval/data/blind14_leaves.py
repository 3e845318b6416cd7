"""Condition leaves of the fourteenth blind marketer set: for each condition kind of ``blind2_check``, a condition,
its pandas mask over the customers (computed here from ``marketer_reference.Ref``'s events) and its words: verb
phrases with agreement slots ({have} {are} {do} {s} {their}) for a plural or a singular subject, and negated verb
phrases. Windows said as dates or months are only used when every sensible reading gives the same customers."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind14_words import DAY, count_np, date_words, money, money_cmp, num, place, times_np, window_older, window_within

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders",
         "aov", "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned",
         "reviewed", "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "orders", "returns_count", "reviews_count", "support_count",
             "returned", "reviewed"}

PLURAL = {"beauty": "beauty products", "books": "books", "electronics": "electronics", "fashion": "fashion items",
          "garden decor": "garden decor items", "home office": "home office products", "kitchen": "kitchen items",
          "pet supplies": "pet supplies", "sports & outdoors": "sports & outdoors products", "toys & games": "toys & games"}
WINDOWS = [7, 10, 14, 21, 28, 30, 42, 45, 56, 60, 75, 90]


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]
    neg: list[str] = field(default_factory=list)


def _of(c: str) -> str:
    return f"of {c}" if c.startswith(("more than", "less than", "upwards", "short", "between", "somewhere")) else c


def fill(template: str, singular: bool) -> str:
    slots = {"have": "has", "are": "is", "do": "does", "s": "s", "es": "es", "their": "their"} if singular else \
        {"have": "have", "are": "are", "do": "do", "s": "", "es": "", "their": "their"}
    return template.format(**slots)


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        self.users = pd.Index(ref.users)
        self.clock = ref.clock
        buys = ref.of("purchase")
        known = buys[buys["country"].notna() & (buys["country"] != "")]
        country = {}
        for user, rows in known.groupby("user_id"):
            counts = rows["country"].value_counts()
            country[user] = sorted(counts[counts == counts.max()].index)[0]
        self.country = pd.Series(country, dtype=object).reindex(self.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders = ref.orders()
        gross = ref.series(buys.groupby("user_id")["money"].sum(), 0.0)
        back = ref.series(ref.of("return").groupby("user_id")["money"].sum(), 0.0)
        self.net = (gross - back).round(2)
        self.aov = (gross / self.orders.where(self.orders > 0)).round(2)
        self.aov_net = ((gross - back) / self.orders.where(self.orders > 0)).round(2)
        self.buyer = self.orders > 0
        self.counts = {k: ref.count(t) for k, t in (("returns_count", "return"), ("reviews_count", "review"),
                                                     ("support_count", "support_message"))}
        rated = ev[(ev["type"] == "review") & ev["rating"].notna()].groupby("user_id")["rating"]
        self.ratings = {"rating_min": rated.min(), "rating_max": rated.max(), "rating_average": rated.mean(),
                        "rating_latest": rated.last()}
        self.ratings = {k: v.reindex(self.users) for k, v in self.ratings.items()}
        self.last_buy = ref.newest("purchase")
        self.last_any = ref.newest(None)
        self.first = ref.oldest()
        self.categories = ref.categories
        self.brands = ref.brands[:15]
        self.titles = ref.titles[:30]

    # helpers
    def _who(self, kind, since=None, **match) -> pd.Series:
        rows = self.ref.of(kind, **match)
        if since is not None:
            rows = rows[rows["ts"] >= since]
        return pd.Series(self.users.isin(set(rows["user_id"])), index=self.users)

    def _cut(self, days: int) -> pd.Timestamp:
        return self.clock - days * DAY

    def _window(self, days: int, mask_at, older: bool = False) -> list[str]:
        """The window phrases (for 'within' or, with ``older``, 'more than ... ago') that give the same customers
        under every reading they allow."""
        base = mask_at(self._cut(days))
        opts = (window_older if older else window_within)(self.rng, days, self.clock)
        good = [p for p, alts in opts if all(mask_at(a).equals(base) for a in alts)]
        self.rng.shuffle(good)
        return good

    def _count_leaf(self, kind, values, ops, negated, one, many, vps):
        r = self.rng
        if negated:
            v = r.choice([1, 1, 2, 3])
            cond = {"kind": kind, "op": "ge", "value": v}
            return cond, values >= v, v, "ge", None
        op = r.choice(ops)
        if op == "between":
            v = r.choice([1, 2, 3])
            hi = v + r.choice([1, 2, 3])
            return {"kind": kind, "op": op, "value": v, "high": hi}, (values >= v) & (values <= hi), v, op, hi
        v = r.choice({"ge": [1, 2, 3, 4, 5], "gt": [1, 2, 3], "le": [1, 2], "lt": [2, 3], "eq": [1, 2, 3]}[op])
        m = {"ge": values >= v, "gt": values > v, "le": values <= v, "lt": values < v, "eq": values == v}[op]
        return {"kind": kind, "op": op, "value": v}, m, v, op, None

    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(500):
            leaf = self._draw(kind, negated)
            if leaf is not None and 3 <= int(leaf.mask.sum()) <= 292 and leaf.vp and (leaf.neg or not negated):
                return leaf
        raise RuntimeError(f"no usable {kind} leaf")

    def _draw(self, kind: str, negated: bool) -> Leaf | None:  # noqa: PLR0911, PLR0912, PLR0915
        r = self.rng
        days = r.choice(WINDOWS)
        cat = r.choice(self.categories)
        brand = r.choice(self.brands)
        catw = r.choice([f"the {cat} category", f"our {cat} range", f"the {cat} section"])
        things = PLURAL[cat]
        if kind == "country":
            code = r.choice(self.countries)
            c = place(code)
            return Leaf(kind, {"kind": kind, "country": code}, self.country == code,
                        [f"{{are}} based in {c}", f"order{{s}} from {c}", f"shop{{s}} with us from {c}",
                         f"{{are}} located in {c}"])
        if kind == "country_not":
            code = r.choice(self.countries)
            c = place(code)
            return Leaf(kind, {"kind": kind, "country": code}, self.country.notna() & (self.country != code),
                        [f"{{have}} bought from us from a country other than {c}",
                         f"buy{{s}} from us from anywhere except {c}",
                         f"{{have}} placed orders from outside {c}",
                         f"{{have}} made purchases while based outside {c}"])
        if kind in ("bought_category", "bought_brand"):
            what = cat if kind == "bought_category" else brand
            col = "category" if kind == "bought_category" else "brand"
            m = self._who("purchase", **{col: what})
            if kind == "bought_category":
                vp = [f"{{have}} bought something in {catw}", f"{{have}} at least one purchase from {catw}",
                      f"{{have}} ordered {things} at some point", f"bought from {catw} at least once"]
                neg = [f"{{have}} never bought anything in {catw}", f"{{have}} not once ordered from {catw}",
                       f"{{have}} zero purchases in {catw}"]
            else:
                vp = [f"{{have}} bought {brand}", f"{{have}} purchased at least one {brand} product",
                      f"bought something made by {brand} at least once", f"{{have}} {'an' if brand[0] in 'AEIOU' else 'a'} {brand} item in {{their}} order history"]
                neg = [f"{{have}} never bought a {brand} product", f"{{have}} not purchased a single item from {brand}",
                       f"{{have}} no {brand} purchases at all"]
            return Leaf(kind, {"kind": kind, col: what}, m, vp, neg)
        if kind in ("bought_category_within", "bought_brand_within"):
            col = "category" if kind == "bought_category_within" else "brand"
            what = cat if col == "category" else brand
            mask_at = lambda cut: self._who("purchase", since=cut, **{col: what})  # noqa: E731
            wins = self._window(days, mask_at)
            w1, w2 = wins[0], wins[1 % len(wins)]
            if col == "category":
                vp = [f"{{have}} bought something in {catw} {w1}", f"ordered {things} {w2}",
                      f"{{have}} made at least one purchase in {catw} {w1}"]
                neg = [f"{{have}}n't bought anything in {catw} {w1}", f"{{have}} made no purchase in {catw} {w2}",
                       f"{{have}} not ordered a single item from {catw} {w1}"]
            else:
                vp = [f"{{have}} bought {brand} {w1}", f"purchased at least one {brand} product {w2}",
                      f"ordered something from {brand} {w1}"]
                neg = [f"{{have}}n't bought any {brand} product {w1}", f"{{have}} made no {brand} purchase {w2}"]
            return Leaf(kind, {"kind": kind, col: what, "days": days}, mask_at(self._cut(days)), vp, neg)
        if kind == "bought_product":
            title = r.choice(self.titles)
            return Leaf(kind, {"kind": kind, "product": title}, self._who("purchase", title=title),
                        [f"{{have}} bought the “{title}”", f"purchased the “{title}” at least once",
                         f"{{have}} the “{title}” in {{their}} order history"],
                        [f"{{have}} never bought the “{title}”", f"{{have}} not once purchased the “{title}”"])
        if kind == "last_purchase_within":
            mask_at = lambda cut: (self.last_buy >= cut).fillna(False).astype(bool)  # noqa: E731
            wins = self._window(days, mask_at)
            w1, w2 = wins[0], wins[1 % len(wins)]
            return Leaf(kind, {"kind": kind, "days": days}, mask_at(self._cut(days)),
                        [f"{{have}} bought something {w1}", f"{{have}} placed at least one order {w2}",
                         f"made a purchase {w1}"],
                        [f"{{have}}n't bought anything {w1}", f"{{have}} placed no order {w2}",
                         f"{{have}} not made a single purchase {w1}"])
        if kind == "last_purchase_more":
            days = r.choice([14, 21, 28, 30, 42, 45, 56, 60, 75, 90])
            mask_at = lambda cut: (self.last_buy < cut).fillna(False).astype(bool)  # noqa: E731
            wins = self._window(days, mask_at, older=True)
            w1, w2 = wins[0], wins[1 % len(wins)]
            return Leaf(kind, {"kind": kind, "days": days}, mask_at(self._cut(days)),
                        [f"made {{their}} most recent purchase {w1}", f"last bought from us {w2}",
                         f"{{have}} a latest order dating from {w1}"
                         if w1.startswith("before") else f"placed {{their}} latest order {w1}"])
        if kind == "last_seen_within":
            mask_at = lambda cut: (self.last_any >= cut).fillna(False).astype(bool)  # noqa: E731
            wins = self._window(days, mask_at)
            w1, w2 = wins[0], wins[1 % len(wins)]
            return Leaf(kind, {"kind": kind, "days": days}, mask_at(self._cut(days)),
                        [f"{{have}} shown some activity on the shop {w1}", f"{{have}} been active {w2}",
                         f"{{have}} done anything at all with us (browsing included) {w1}"],
                        [f"{{have}} shown no activity of any kind {w1}", f"{{have}}n't been active at all {w2}",
                         f"{{have}} not interacted with the shop in any way {w1}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                days = r.choice([60, 75, 90, 100, 105, 110, 120])
                mask_at = lambda cut: (self.first >= cut).fillna(False).astype(bool)  # noqa: E731
                wins = self._window(days, mask_at)
                w1, w2 = wins[0], wins[1 % len(wins)]
                return Leaf(kind, {"kind": kind, "op": "within", "days": days}, mask_at(self._cut(days)),
                            [f"first showed up {w1}", f"first visited the shop {w2}",
                             f"made {{their}} first visit {w1}"])
            day = pd.Timestamp(2026, 7, r.randint(6, 31), tz="UTC") if r.random() < 0.8 else \
                pd.Timestamp(2026, 8, r.randint(1, 25), tz="UTC")
            when = date_words(r, day)
            if op == "before":
                m, vp = self.first < day, [f"first visited the shop before {when}", f"{{have}} been around since before {when}",
                                           f"first showed up prior to {when}"]
            elif op == "after":
                m = self.first >= day + DAY
                vp = [f"first visited the shop after {when} (so not on that day itself)",
                      f"first showed up later than {when}, that day not included",
                      f"{{have}} a first visit falling after {when}, not on it"]
            else:
                m = self.first >= day
                vp = [f"first visited the shop on or after {when}", f"first showed up on {when} or later",
                      f"{{have}} a first visit no earlier than {when}"]
            return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, m.fillna(False).astype(bool), vp)
        if kind == "orders":
            if negated:
                v = r.choice([1, 2, 3, 4, 5])
                nps = count_np(r, "ge", v, None, "order", "orders")
                neg = ["{have} never placed an order", "{have} not bought anything from us, ever"] if v == 1 else \
                    [f"{{have}} fewer than {num(r, v)} orders (none at all counts too)",
                     f"{{have}} placed under {num(r, v)} orders, including people with none"]
                return Leaf(kind, {"kind": kind, "op": "ge", "value": v}, self.orders >= v,
                            [f"{{have}} placed {p}" for p in nps], neg)
            op = r.choice(["ge", "ge", "gt", "eq", "between", "between"])
            if op == "between":
                v = r.choice([1, 2, 3, 4, 5])
                hi = v + r.choice([2, 3, 4, 5])
                m = (self.orders >= v) & (self.orders <= hi)
                cond = {"kind": kind, "op": op, "value": v, "high": hi}
            else:
                v = r.choice({"ge": [2, 3, 4, 5, 6, 8, 10, 12], "gt": [1, 2, 3, 5, 8, 12], "eq": [1, 2, 3]}[op])
                m = {"ge": self.orders >= v, "gt": self.orders > v, "eq": self.orders == v}[op]
                cond = {"kind": kind, "op": op, "value": v}
            nps = count_np(r, op, v, cond.get("high"), "order", "orders")
            tps = times_np(r, op, v, cond.get("high"))
            vp = [f"{{have}} placed {p}" for p in nps] + [f"{{have}} {p} on record" for p in nps if "," not in p] + \
                [f"ordered from us {t}" for t in tps if t != "once"]
            return Leaf(kind, cond, m, vp)
        if kind == "aov":
            op = r.choice(["gt", "lt", "between"])
            q = self.aov.dropna()
            ok = self.aov.notna()
            for _ in range(20):
                x = float(round(q.quantile(r.choice([0.3, 0.4, 0.5, 0.6, 0.7, 0.8])) / 5) * 5)
                hi = x + r.choice([20, 30, 50]) if op == "between" else None
                if x > 0 and not (q == x).any() and (hi is None or not (q == hi).any()):
                    break
            else:
                return None
            m = {"gt": self.aov > x, "lt": self.aov < x, "between": (self.aov >= x) & (self.aov <= (hi or 0))}[op]
            m = (m & ok).fillna(False).astype(bool)
            mn = {"gt": self.aov_net > x, "lt": self.aov_net < x,
                  "between": (self.aov_net >= x) & (self.aov_net <= (hi or 0))}[op].fillna(False).astype(bool)
            cmp = money_cmp(r, op, x, hi)
            gross = not m.equals(mn)
            tail = r.choice([" (counted before any returns)", " (gross, before returns)"]) if gross else ""
            vp = [f"{{have}} an average order value {_of(c)}{tail}" for c in cmp] + \
                [f"spend{{s}} on average {c} per order{tail}" for c in cmp]
            return Leaf(kind, {"kind": kind, "op": op, "value": x, **({"high": hi} if hi else {})}, m, vp)
        if kind in ("net_spend_over", "net_spend_under"):
            pos = self.net[self.net > 0]
            for _ in range(20):
                x = float(pos.quantile(r.choice([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])))
                step = 50 if x < 1000 else 500
                x = float(max(step, round(x / step) * step))
                if not (self.net == x).any():
                    break
            else:
                return None
            after = r.choice(["net of returns", "after returns are taken off", "once refunds for returns are deducted",
                              "after subtracting returns"])
            if kind == "net_spend_over":
                cmp = money_cmp(r, "gt", x)
                return Leaf(kind, {"kind": kind, "value": x}, self.net > x,
                            [f"{{have}} spent {c} with us {after}" for c in cmp] +
                            [f"{{have}} a net spend {_of(c)} ({after.replace('net of returns', 'returns deducted')})" for c in cmp])
            buyers = r.random() < 0.7
            cmp = money_cmp(r, "lt", x)
            if buyers:
                vp = [f"{{have}} bought from us but spent {c} in total {after}" for c in cmp] + \
                    [f"{{have}} bought from us, spending {c} in total {after}" for c in cmp]
                return Leaf(kind, {"kind": kind, "value": x, "buyers_only": True}, (self.net < x) & self.buyer, vp)
            vp = [f"{{have}} spent {c} in total {after}, people who never bought anything included" for c in cmp] + \
                [f"{{have}} a net spend {_of(c)} ({after}), counting non-buyers as zero" for c in cmp]
            return Leaf(kind, {"kind": kind, "value": x}, self.net < x, vp)
        if kind in ("returns_count", "reviews_count", "support_count"):
            values = self.counts[kind]
            cond, m, v, op, hi = self._count_leaf(kind, values, ["ge", "ge", "gt", "le", "lt", "eq", "between"],
                                                  negated, *{"returns_count": ("return", "returns"),
                                                             "reviews_count": ("review", "reviews"),
                                                             "support_count": ("support message", "support messages")}[kind], None)
            zero = op in ("le", "lt")
            z = r.choice([" (none at all counts too)", " (zero included)", " (customers with none included)"]) if zero else ""
            if kind == "returns_count":
                nps = count_np(r, op, v, hi, "return", "returns")
                vp = [f"{{have}} made {p}{z}" for p in nps] + [f"{{have}} {p} on record{z}" for p in nps if "," not in p] + \
                    [f"sent something back {t}{z}" for t in times_np(r, op, v, hi)]
                neg = ["{have} never returned anything", "{have} not sent a single item back", "{have} zero returns"] \
                    if v == 1 else [f"{{have}} made fewer than {num(r, v)} returns (none at all counts too)"]
            elif kind == "reviews_count":
                nps = count_np(r, op, v, hi, "review", "reviews")
                vp = [f"{{have}} written {p}{z}" for p in nps] + [f"{{have}} left us {p}{z}" for p in nps] + \
                    [f"reviewed a product {t}{z}" for t in times_np(r, op, v, hi)]
                neg = ["{have} never written a review", "{have} not left a single review"] if v == 1 else \
                    [f"{{have}} written fewer than {num(r, v)} reviews (none at all counts too)"]
            else:
                nps = count_np(r, op, v, hi, "message", "messages")
                vp = [f"{{have}} sent {p} to customer support{z}" for p in nps] + \
                    [f"contacted customer service {t}{z}" for t in times_np(r, op, v, hi)] + \
                    [f"{{have}} {p} to support on file{z}" for p in nps if "," not in p]
                neg = ["{have} never contacted support", "{have} not sent a single message to customer service"] \
                    if v == 1 else [f"{{have}} contacted support fewer than {num(r, v)} times (never counts too)"]
            return Leaf(kind, cond, m, vp, neg)
        if kind in ("returned", "reviewed"):
            t = "return" if kind == "returned" else "review"
            m = self._who(t, category=cat)
            if kind == "returned":
                vp = [f"{{have}} returned something from {catw}", f"sent back at least one item from {catw}",
                      f"{{have}} a return on record for a product in {catw}"]
                neg = [f"{{have}} never returned any {things}", f"{{have}} not sent back anything from {catw}"]
            else:
                vp = [f"{{have}} reviewed a product in {catw}", f"left a review on at least one item from {catw}",
                      f"{{have}} written a review of something from {catw}"]
                neg = [f"{{have}} never reviewed anything in {catw}", f"{{have}} not reviewed a single item from {catw}"]
            return Leaf(kind, {"kind": kind, "category": cat}, m, vp, neg)
        if kind.startswith("rating_"):
            vals = self.ratings[kind]
            has = vals.notna()
            if kind == "rating_average":
                op = r.choice(["ge", "gt", "lt", "le", "between"])
                v = r.choice([2, 2.5, 3, 3.5, 4, 4.5])
                hi = v + r.choice([0.5, 1, 1.5]) if op == "between" else None
                if hi and hi > 5:
                    return None
            else:
                op = r.choice(["ge", "le", "eq", "lt", "gt"])
                v = r.choice([1, 2, 3, 4, 5])
                hi = None
                if (op in ("ge", "le") and v in (1, 5)) or (op == "lt" and v == 1) or (op == "gt" and v == 5):
                    return None
            m = {"ge": vals >= v, "gt": vals > v, "lt": vals < v, "le": vals <= v, "eq": vals == v,
                 "between": (vals >= v) & (vals <= (hi or 0))}[op]
            m = (m & has).fillna(False).astype(bool)
            cond = {"kind": kind, "op": op, "value": v, **({"high": hi} if hi else {})}
            return Leaf(kind, cond, m, self._rating_words(kind, op, v, hi))
        if kind == "viewed_not_bought":
            windowed = r.random() < 0.6
            if windowed:
                mask_at = lambda cut: self._who("view", since=cut, category=cat) & ~self._who("purchase", since=cut, category=cat)  # noqa: E731
                wins = self._window(days, mask_at)
                w1, w2 = wins[0], wins[1 % len(wins)]
                vp = [f"viewed {things} {w1} without buying anything from {catw} in that same period",
                      f"looked at items in {catw} {w2} yet made no purchase in that category over that same stretch"]
                return Leaf(kind, {"kind": kind, "category": cat, "days": days}, mask_at(self._cut(days)), vp)
            m = self._who("view", category=cat) & ~self._who("purchase", category=cat)
            return Leaf(kind, {"kind": kind, "category": cat}, m,
                        [f"{{have}} viewed {things} but never bought anything in {catw}",
                         f"looked at items in {catw} without ever making a purchase there"])
        raise ValueError(kind)

    def _rating_words(self, kind: str, op: str, v: float, hi: float | None) -> list[str]:
        r = self.rng

        def stars(x: float) -> str:
            if x == int(x):
                x = int(x)
                return f"{num(r, x)} star" + ("" if x == 1 else "s")
            return f"{x} stars"
        s = stars(v)
        bound = {"ge": [f"{s} or more", f"at least {s}", f"no fewer than {s}"],
                 "gt": [f"more than {s}", f"strictly above {s}"],
                 "le": [f"{s} or fewer", f"at most {s}", f"no more than {s}"],
                 "lt": [f"fewer than {s}", f"strictly below {s}", f"less than {s}"],
                 "eq": [f"exactly {s}", f"precisely {s}"],
                 "between": [f"between {v} and {hi} stars, both ends included",
                             f"anywhere from {v} to {hi} stars inclusive"]}[op]
        if kind == "rating_average":
            bound = {"ge": [f"{s} or more", f"at least {s}", f"{s} or higher"],
                     "gt": [f"more than {s}", f"strictly above {s}", f"higher than {s}"],
                     "le": [f"{s} or lower", f"at most {s}", f"no higher than {s}"],
                     "lt": [f"below {s}", f"less than {s}", f"strictly under {s}"]}.get(op, bound)
            return [f"{{have}} an average review rating of {b}" for b in bound] + \
                [f"{{have}} reviews averaging {b}" for b in bound]
        if kind == "rating_latest":
            return [f"gave {b} in {{their}} most recent review" for b in bound] + \
                [f"{{have}} a latest review rating of {b}" for b in bound]
        if kind == "rating_min":
            extra = [f"{{have}} given at least one review of {b}" for b in bound] if op in ("le", "lt") else []
            return extra + [f"{{have}} a lowest review rating of {b}" for b in bound] + \
                [f"{{have}} reviews whose harshest rating is {b}" for b in bound]
        extra = [f"{{have}} given at least one review of {b}" for b in bound] if op in ("ge", "gt") else []
        return extra + [f"{{have}} a highest review rating of {b}" for b in bound] + \
            [f"{{have}} reviews whose best rating is {b}" for b in bound]

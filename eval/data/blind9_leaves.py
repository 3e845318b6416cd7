"""Ninth blind marketer set: one condition ("leaf") of each kind that ``blind2_check`` knows, drawn at random with
its pandas mask over customers and its own wording: relative predicates (slots {have} {are} {s} {do}, for plural
or singular subjects), noun post-modifiers, and negated predicates. Written independently of the earlier sets."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind9_words import date_words, money, num, place, span
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders",
         "aov", "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned",
         "reviewed", "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
# kinds whose negation reads plainly ("has never ...")
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "returned", "reviewed", "returns_count", "reviews_count",
             "support_count", "rating_min", "rating_max"}


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]
    mod: list[str] = field(default_factory=list)
    neg: list[str] = field(default_factory=list)


def _true(m: pd.Series) -> pd.Series:
    return m.fillna(False).astype(bool)


def compare_words(rng: random.Random, op: str, v, hi=None, fmt=str) -> str:
    a, b = fmt(v), fmt(hi) if hi is not None else None
    if op == "ge":
        return rng.choice([f"at least {a}", f"{a} or more", f"no fewer than {a}"])
    if op == "gt":
        return rng.choice([f"more than {a}", f"over {a}", f"in excess of {a}"])
    if op == "lt":
        return rng.choice([f"fewer than {a}", f"under {a}"])
    if op == "le":
        return rng.choice([f"at most {a}", f"{a} or fewer", f"no more than {a}"])
    if op == "eq":
        return rng.choice([f"exactly {a}", a])
    return rng.choice([f"from {a} to {b}", f"anywhere from {a} to {b}", f"{a} to {b}"])


def money_words(rng: random.Random, op: str, v, hi=None, after: str = "is") -> str:
    """A money comparison; ``after`` is the word before it ("is", "spent", "of"), which rules out some forms."""
    style = rng.randrange(5)
    f = lambda x: money(random.Random(style), x)  # noqa: E731
    if op == "gt":
        forms = [f"more than {f(v)}", f"over {f(v)}", f"in excess of {f(v)}"] + ([f"above {f(v)}"] if after == "is" else [])
    elif op == "lt":
        forms = [f"less than {f(v)}", f"under {f(v)}"] + ([f"below {f(v)}"] if after == "is" else [])
    elif op == "ge":
        forms = [f"at least {f(v)}", f"{f(v)} or more"]
    elif op == "le":
        forms = [f"at most {f(v)}", f"{f(v)} or less", f"no more than {f(v)}"]
    else:
        forms = [f"between {f(v)} and {f(hi)} inclusive", f"anywhere from {f(v)} to {f(hi)}"]
    return rng.choice(forms)


def stars(rng: random.Random, op: str, v, hi=None) -> str:
    s = lambda x: f"{x:g} star" + ("" if x == 1 else "s")  # noqa: E731
    if op == "le":
        return rng.choice([f"{s(v)} or fewer", f"{s(v)} or lower"])
    if op == "lt":
        return rng.choice([f"fewer than {s(v)}", f"below {s(v)}"])
    if op == "ge":
        return rng.choice([f"{s(v)} or more", f"{s(v)} or higher"])
    if op == "gt":
        return rng.choice([f"more than {s(v)}", f"above {s(v)}"])
    if op == "eq":
        return rng.choice([f"exactly {s(v)}", s(v)])
    return rng.choice([f"between {v:g} and {hi:g} stars inclusive", f"anywhere from {v:g} to {hi:g} stars"])


def _op(x: pd.Series, op: str, v, hi=None) -> pd.Series:
    return _true({"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v,
                  "between": (x >= v) & (x <= (hi if hi is not None else v))}[op])


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        ev = ref.ev
        buys = ev[ev["type"] == "purchase"]
        counts = buys[buys["country"].notna() & (buys["country"] != "")].groupby(["user_id", "country"]).size()
        best = {}
        for (u, c), k in counts.items():
            if u not in best or k > best[u][0] or (k == best[u][0] and c < best[u][1]):
                best[u] = (k, c)
        self.country = pd.Series({u: c for u, (k, c) in best.items()}, dtype=object).reindex(ref.users)
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders, self.spend, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.counts = {t: ref.count(t) for t in ("return", "review", "support_message")}
        self.bought_any = ref.who(ref.of("purchase"))

    # -- time words -------------------------------------------------------------------------------------------
    def _since(self, n: int, mask_at) -> list[str]:
        """Adverbials for "from n days before the clock up to now"; a "since <date>" form only where the calendar
        date's midnight gives the very same customers as the n-day cut."""
        r, clock = self.rng, self.ref.clock
        forms = [f"in {span(r, n)}", f"within {span(r, n)}", f"during {span(r, n)}", f"over {span(r, n)}"]
        base = mask_at(clock - n * DAY)
        for day in ((clock - n * DAY).normalize() + DAY, (clock - n * DAY).normalize()):
            if mask_at(day).equals(base):
                forms += [f"since {date_words(r, day)}"] * 2
                break
        return forms

    def _in_rows(self, t: pd.Timestamp, kind, **match) -> pd.DataFrame:
        rows = self.ref.of(kind, **match)
        return rows[rows["ts"] >= t]

    # -- drawing ----------------------------------------------------------------------------------------------
    def good(self, kind: str, negated: bool = False) -> Leaf:
        n_users = len(self.ref.users)
        for _ in range(500):
            leaf = self.draw(kind, negated)
            k = int(leaf.mask.sum())
            if 3 <= k <= n_users - 10 and (not negated or (leaf.neg and 3 <= n_users - k <= n_users - 10)):
                return leaf
        raise RuntimeError(kind)

    def draw(self, kind: str, negated: bool = False) -> Leaf:  # noqa: C901, PLR0911, PLR0912, PLR0915
        r, ref = self.rng, self.ref
        cat = r.choice(ref.categories)
        brand = r.choice(ref.brands[:16])
        n = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
        catw = lambda: r.choice([cat, cat, cat.title()])  # noqa: E731

        if kind == "country":
            c = r.choice(self.countries[:6])
            p = place(c)
            return Leaf(kind, {"kind": kind, "country": c}, self.country == c,
                        [f"{{are}} based in {p}", f"live{{s}} in {p}", f"order{{s}} from {p}", f"{{are}} located in {p}"],
                        [f"based in {p}", f"located in {p}", f"in {p}", f"whose country is {c}"])
        if kind == "country_not":
            c = r.choice(self.countries[:6])
            p = place(c)
            return Leaf(kind, {"kind": kind, "country": c}, self.country.notna() & (self.country != c),
                        [f"{{are}} based outside {p}", f"{{have}} a recorded country other than {p}",
                         f"{{are}} on record as based somewhere other than {p}"],
                        [f"based outside {p}", f"whose recorded country is anything other than {c}"])
        if kind in ("bought_category", "bought_category_within"):
            within = kind.endswith("within")
            mask_at = lambda t: ref.who(self._in_rows(t, "purchase", category=cat))  # noqa: E731
            if not within:
                c1, c2 = catw(), catw()
                return Leaf(kind, {"kind": kind, "category": cat}, ref.who(ref.of("purchase", category=cat)),
                            [f"{{have}} bought {c1} products", f"{{have}} purchased something from the {c1} category",
                             f"{{have}} ordered at least one {c2} item", f"{{have}} a {c1} purchase on record"],
                            [f"with a {c1} purchase on record", f"who {{have}} bought from {c2}"],
                            [f"{{have}} never bought anything from {c1}", f"{{have}} never purchased a {c2} item",
                             f"{{have}} no {c1} purchase on record"])
            w = r.choice(self._since(n, mask_at))
            return Leaf(kind, {"kind": kind, "category": cat, "days": n}, mask_at(ref.clock - n * DAY),
                        [f"{{have}} bought {catw()} products {w}", f"{{have}} ordered something from the {catw()} category {w}",
                         f"purchased at least one {catw()} item {w}"],
                        [f"with a {catw()} purchase {w}"],
                        [f"{{have}} not bought anything from {catw()} {w}", f"{{have}} made no {catw()} purchase {w}"])
        if kind in ("bought_brand", "bought_brand_within"):
            mask_at = lambda t: ref.who(self._in_rows(t, "purchase", brand=brand))  # noqa: E731
            if kind == "bought_brand":
                return Leaf(kind, {"kind": kind, "brand": brand}, ref.who(ref.of("purchase", brand=brand)),
                            [f"{{have}} bought {brand} products", f"{{have}} purchased at least one item by {brand}",
                             f"{{have}} ordered from the brand {brand}"],
                            [f"with a {brand} purchase on record", f"with at least one {brand} item in {{their}} order history"],
                            [f"{{have}} never bought anything by {brand}", f"{{have}} never ordered a {brand} product"])
            w = r.choice(self._since(n, mask_at))
            return Leaf(kind, {"kind": kind, "brand": brand, "days": n}, mask_at(ref.clock - n * DAY),
                        [f"{{have}} bought {brand} products {w}", f"purchased at least one {brand} item {w}",
                         f"{{have}} ordered from the brand {brand} {w}"],
                        [f"with a {brand} purchase {w}"],
                        [f"{{have}} not bought any {brand} product {w}", f"{{have}} made no {brand} purchase {w}"])
        if kind == "bought_product":
            title = r.choice(ref.titles)
            q = r.choice([f"“{title}”", f'"{title}"'] + ([title] if "," not in title else []))
            return Leaf(kind, {"kind": kind, "product": title}, ref.who(ref.of("purchase", title=title)),
                        [f"{{have}} bought the {q}", f"{{have}} purchased the product {q}", f"{{have}} ordered the {q} at some point"],
                        [f"with the {q} in a past order"],
                        [f"{{have}} never bought the {q}", f"{{have}} never ordered the product {q}"])
        if kind == "last_purchase_within":
            mask_at = lambda t: ref.who(self._in_rows(t, "purchase"))  # noqa: E731
            w = r.choice(self._since(n, mask_at))
            return Leaf(kind, {"kind": kind, "days": n}, mask_at(ref.clock - n * DAY),
                        [f"{{have}} made a purchase {w}", f"{{have}} placed at least one order {w}", f"bought something {w}"],
                        [f"with at least one purchase {w}", f"with an order {w}"],
                        [f"{{have}} made no purchase {w}", f"{{have}} not ordered anything {w}", f"{{have}} not bought anything {w}"])
        if kind == "last_purchase_more":
            n = r.choice([21, 30, 45, 60, 75, 90])
            mask_at = lambda t: _true(self.last_buy < t)  # noqa: E731
            base = mask_at(ref.clock - n * DAY)
            forms = [f"made {{their}} most recent purchase more than {num(r, n)} days ago",
                     f"last ordered over {n} days ago", f"{{have}} bought before but not in {span(r, n)}"]
            mods = [f"whose latest order is more than {n} days old", f"whose last purchase was over {num(r, n)} days ago"]
            for day in ((ref.clock - n * DAY).normalize() + DAY, (ref.clock - n * DAY).normalize()):
                if mask_at(day).equals(base):
                    d = date_words(r, day)
                    forms.append(f"{{have}} bought before but not on or after {d}")
                    mods.append(f"whose most recent purchase is dated before {d}")
                    break
            return Leaf(kind, {"kind": kind, "days": n}, base, forms, mods)
        if kind == "last_seen_within":
            mask_at = lambda t: _true(self.last_any >= t)  # noqa: E731
            w = r.choice(self._since(n, mask_at))
            return Leaf(kind, {"kind": kind, "days": n}, mask_at(ref.clock - n * DAY),
                        [f"{{have}} been active on the shop {w}", f"{{have}} some recorded activity {w}",
                         f"{{have}} interacted with the shop in any way {w}"],
                        [f"active {w}", f"with any recorded activity {w}"],
                        [f"{{have}} shown no activity at all {w}", f"{{have}} not been active on the shop {w}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                n = r.choice([14, 21, 30, 45, 60, 90])
                return Leaf(kind, {"kind": kind, "op": "within", "days": n}, _true(self.first >= ref.clock - n * DAY),
                            [f"first appeared in our data in {span(r, n)}", f"made {{their}} first visit to the shop within {span(r, n)}",
                             f"{{are}} new to the shop in {span(r, n)} (first activity of any kind)"],
                            [f"whose first recorded activity falls in {span(r, n)}", f"first seen within {span(r, n)}"])
            day = (ref.clock - r.randint(20, 115) * DAY).normalize()
            d = date_words(r, day)
            if op == "before":
                m, vp = self.first < day, [f"first visited the shop before {d}", f"{{have}} been around since before {d}"]
                mod = [f"whose first recorded activity predates {d}", f"first seen before {d}"]
            elif op == "after":
                m, vp = self.first >= day + DAY, [f"first visited the shop after {d}", f"made {{their}} first visit later than {d}"]
                mod = [f"whose first recorded activity is after {d}", f"first seen after {d}"]
            else:
                m, vp = self.first >= day, [f"first visited the shop on or after {d}", f"{{have}} been with us only since {d} (first visit on or after that day)"]
                mod = [f"whose first recorded activity is on or after {d}", f"first seen on {d} or later"]
            return Leaf(kind, {"kind": kind, "op": op, "date": day.strftime("%Y-%m-%d")}, _true(m), vp, mod)
        if kind == "orders":
            op, v, hi = r.choice([("ge", r.randint(2, 12), None), ("gt", r.randint(3, 10), None), ("eq", r.choice([1, 1, 2, 3]), None),
                                  ("between", *r.choice([(2, 4), (3, 6), (5, 10), (1, 3), (2, 5)]))])
            words = r.random() < 0.5
            w = compare_words(r, op, v, hi, fmt=lambda x: num(random.Random(0), x) if words else str(x))
            noun = "order" if (op == "eq" and v == 1) else "orders"
            if op == "eq" and v == 1:
                w = r.choice(["exactly one", "just one", "a single"])
            cond = {"kind": kind, "op": op, "value": v, **({"high": hi} if hi is not None else {})}
            return Leaf(kind, cond, _op(self.orders, op, v, hi),
                        [f"{{have}} placed {w} {noun}", f"{{have}} {w} separate {noun} on record"],
                        [f"with {w} {noun}", f"whose order count is {compare_words(r, op, v, hi)}"])
        if kind == "aov":
            op, v, hi = r.choice([("gt", r.choice([20, 25, 30, 40, 50, 75, 100, 150]), None), ("lt", r.choice([15, 20, 25, 30, 40, 60]), None),
                                  ("ge", r.choice([30, 50, 80, 100]), None), ("between", *r.choice([(20, 50), (50, 100), (30, 80)]))])
            w = money_words(r, op, v, hi)
            cond = {"kind": kind, "op": op, "value": v, **({"high": hi} if hi is not None else {})}
            return Leaf(kind, cond, _op(self.aov, op, v, hi),
                        [f"{{have}} an average order value that is {w}", f"spend{{s}} on average {money_words(r, op, v, hi, 'spent')} per order"],
                        [f"whose average order value is {w}", f"with an average order value (AOV) of {w}"])
        if kind == "net_spend_over":
            x = r.choice([50, 100, 150, 200, 250, 300, 500, 750, 1000, 1500, 2000])
            w, wo = money_words(r, "gt", x, after="spent"), money_words(r, "gt", x)
            return Leaf(kind, {"kind": kind, "value": x}, self.spend > x,
                        [f"{{have}} spent {w} in total after returns are deducted", f"{{have}} a net spend (purchases minus returns) that is {wo}",
                         f"{{have}} spent {w} net of refunds for returned items"],
                        [f"whose lifetime spend net of returns is {wo}", f"with net revenue after returns of {w}"])
        if kind == "net_spend_under":
            x = r.choice([25, 50, 100, 150, 200, 300])
            w = money_words(r, "lt", x, after="spent")
            if r.random() < 0.6:
                return Leaf(kind, {"kind": kind, "value": x, "buyers_only": True}, self.bought_any & (self.spend < x),
                            [f"{{have}} bought at least once but spent {w} in total net of returns",
                             f"{{have}} made a purchase yet {{have}} a net spend after returns of {w}"],
                            [f"with at least one purchase and a net spend after returns of {w}"])
            return Leaf(kind, {"kind": kind, "value": x}, self.spend < x,
                        [f"{{have}} a net spend after returns of {w} (people who never bought count as zero)",
                         f"{{have}} spent {w} net of returns (never-buyers included, at zero)"],
                        [f"whose net spend after returns is {w} (non-buyers included at zero)"])
        if kind in ("returns_count", "reviews_count", "support_count"):
            t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            series = self.counts[t]
            if negated:
                op, v, hi = "ge", 1, None
            else:
                op, v, hi = r.choice([("ge", 1, None), ("ge", r.choice([2, 3, 4]), None), ("eq", 0, None), ("eq", 1, None),
                                      ("gt", r.choice([1, 2, 3]), None), ("between", *r.choice([(1, 2), (2, 4), (1, 3)]))])
            cond = {"kind": kind, "op": op, "value": v, **({"high": hi} if hi is not None else {})}
            mask = _op(series, op, v, hi)
            words = r.random() < 0.5
            cw = compare_words(r, op, v, hi, fmt=lambda x: num(random.Random(0), x) if words else str(x))
            one = {"eq": "exactly one", "gt": "more than one", "le": "at most one"}.get(op) if v == 1 else None
            if kind == "returns_count":
                if op == "eq" and v == 0:
                    vp, mod = ["{have} never returned anything", "{have} no returns on record"], ["with zero returns", "without a single return"]
                elif op == "ge" and v == 1:
                    vp, mod = ["{have} returned something at least once", "{have} at least one return on record"], ["with one or more returns"]
                else:
                    vp, mod = ([f"{{have}} {one} return on record", f"{{have}} made {one} return"], [f"with {one} return"]) if one else \
                        ([f"{{have}} {cw} returns on record", f"{{have}} made {cw} returns"], [f"with {cw} returns"])
                neg = ["{have} never returned anything", "{have} no returns on record"]
            elif kind == "reviews_count":
                if op == "eq" and v == 0:
                    vp, mod = ["{have} never written a review", "{have} not reviewed anything"], ["with no reviews"]
                elif op == "ge" and v == 1:
                    vp, mod = ["{have} written at least one review", "{have} reviewed at least one product"], ["with one or more reviews"]
                else:
                    vp, mod = ([f"{{have}} written {one} review", f"{{have}} {one} review to {{their}} name"], [f"with {one} review"]) if one else \
                        ([f"{{have}} written {cw} reviews", f"{{have}} {cw} reviews to {{their}} name"], [f"with {cw} reviews"])
                neg = ["{have} never written a review", "{have} not left a single review"]
            else:
                if op == "eq" and v == 0:
                    vp, mod = ["{have} never contacted customer support", "{have} sent no messages to support"], ["with no support contacts"]
                elif op == "ge" and v == 1:
                    vp, mod = ["{have} contacted customer support at least once", "{have} sent at least one message to support"], ["with at least one support message"]
                else:
                    vp, mod = ([f"{{have}} sent {one} message to customer support"], [f"with {one} support message"]) if one else \
                        ([f"{{have}} sent {cw} messages to customer support", f"{{have}} contacted support {cw} times"], [f"with {cw} support messages"])
                neg = ["{have} never contacted customer support", "{have} not sent a single message to support"]
            return Leaf(kind, cond, mask, vp, mod, neg)
        if kind in ("returned", "reviewed"):
            t = "return" if kind == "returned" else "review"
            c1 = catw()
            mask = ref.who(ref.of(t, category=cat))
            if kind == "returned":
                return Leaf(kind, {"kind": kind, "category": cat}, mask,
                            [f"{{have}} returned a {c1} item", f"{{have}} sent back something from the {c1} category"],
                            [f"with at least one {c1} return"],
                            [f"{{have}} never returned anything from {c1}", f"{{have}} no {c1} returns on record"])
            return Leaf(kind, {"kind": kind, "category": cat}, mask,
                        [f"{{have}} reviewed a {c1} product", f"{{have}} written a review of something in the {c1} category"],
                        [f"with at least one review of a {c1} item"],
                        [f"{{have}} never reviewed anything from {c1}", f"{{have}} written no {c1} reviews"])
        if kind == "rating_min":
            op, v = ("le", r.choice([1, 2])) if negated else r.choice([("le", 1), ("le", 2), ("ge", 4), ("ge", 3)])
            mask = _op(ref.rating("min"), op, v)
            if op == "le":
                st = r.choice(["1 star", "one star"]) if v == 1 else stars(r, "le", v)
                return Leaf(kind, {"kind": kind, "op": op, "value": v}, mask,
                            [f"{{have}} given at least one rating of {st}", f"{{have}} left a review of {st} at some point"],
                            [f"whose lowest review rating is {stars(r, 'le', v)}"],
                            [f"{{have}} never given a rating of {st}", f"{{have}} never left a review of {st}"])
            return Leaf(kind, {"kind": kind, "op": op, "value": v}, mask,
                        [f"{{have}} written reviews and never rated anything below {v} stars",
                         f"{{have}} a lowest review rating of {stars(r, 'ge', v)}"],
                        [f"whose lowest review rating is {stars(r, 'ge', v)}"])
        if kind == "rating_max":
            op, v = r.choice([("eq", 5), ("ge", 4)]) if negated else r.choice([("eq", 5), ("ge", 4), ("le", 3), ("le", 2)])
            mask = _op(ref.rating("max"), op, v)
            if op in ("eq", "ge"):
                st = "5 stars" if op == "eq" else stars(r, "ge", v)
                one = r.choice(["a 5-star review", "a five-star rating", "a top rating of 5 stars"]) if op == "eq" else f"a rating of {st}"
                return Leaf(kind, {"kind": kind, "op": op, "value": v}, mask,
                            [f"{{have}} given {one}", f"{{have}} given {one} at least once"],
                            [f"whose highest review rating is {'5 stars' if op == 'eq' else st}"],
                            [f"{{have}} never given {one}"])
            return Leaf(kind, {"kind": kind, "op": op, "value": v}, mask,
                        [f"{{have}} written reviews but never rated anything above {v} stars",
                         f"{{have}} a highest review rating of {stars(r, 'le', v)}"],
                        [f"whose highest review rating is {stars(r, 'le', v)}"])
        if kind == "rating_average":
            op, v, hi = r.choice([("ge", 4, None), ("ge", 4.5, None), ("le", 2.5, None), ("lt", 3, None), ("le", 2, None),
                                  ("between", 3, 4), ("gt", 3.5, None)])
            w = stars(r, op, v, hi)
            cond = {"kind": kind, "op": op, "value": v, **({"high": hi} if hi is not None else {})}
            return Leaf(kind, cond, _op(ref.rating("average"), op, v, hi),
                        [f"{{have}} an average review rating of {w}", f"rate{{s}} products {w} on average in {{their}} reviews"],
                        [f"whose average review rating is {w}", f"with a mean star rating of {w}"])
        if kind == "rating_latest":
            op, v = r.choice([("le", 2), ("le", 3), ("ge", 4), ("eq", 5), ("eq", 1), ("lt", 3)])
            w = stars(r, op, v)
            return Leaf(kind, {"kind": kind, "op": op, "value": v}, _op(ref.rating("latest"), op, v),
                        [f"gave {w} in {{their}} most recent review", f"{{have}} a latest review rating of {w}"],
                        [f"whose most recent review rating is {w}", f"whose latest review gave {w}"])
        if kind == "viewed_not_bought":
            within = r.choice([None, None, n])

            def mask_at(t):
                seen = ref.who(self._in_rows(t, "view", category=cat)) if t is not None else ref.who(ref.of("view", category=cat))
                got = ref.who(self._in_rows(t, "purchase", category=cat)) if t is not None else ref.who(ref.of("purchase", category=cat))
                return seen & ~got

            c1 = catw()
            cond = {"kind": kind, "category": cat, **({"days": within} if within else {})}
            if within is None:
                return Leaf(kind, cond, mask_at(None),
                            [f"{{have}} viewed {c1} products but never bought any", f"{{have}} looked at {c1} items without ever purchasing one"],
                            [f"who {{have}} viewed {c1} but never bought from it"])
            w = r.choice(self._since(within, mask_at))
            return Leaf(kind, cond, mask_at(ref.clock - within * DAY),
                        [f"{{have}} viewed {c1} products {w} without buying any {c1} item in that period",
                         f"looked at {c1} items {w} but bought nothing from {c1} during that time"],
                        [])
        raise ValueError(kind)

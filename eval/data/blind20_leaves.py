"""Twentieth blind marketer set: the single conditions (leaves). Each leaf carries its condition dict (as
``blind2_check.holds`` reads it), its pandas mask over ``Ref.users`` and its wording as templates with named
fields, one of which is the revisable slot: ``alt`` is a different value for that slot, used only in the draft
text a marketer then revises (the gold always follows the final value). ``spares`` are whole conditions of other
kinds, written only to be struck out again."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import pandas as pd

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]

NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product", "returned",
             "reviewed", "support_count", "orders", "returns_count", "reviews_count", "last_purchase_within",
             "last_seen_within"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
COUNTRY_SAY = {"United States": ["the United States", "the US", "the USA"], "United Kingdom": ["the United Kingdom", "the UK"],
               "Netherlands": ["the Netherlands"], "Germany": ["Germany"], "France": ["France"], "Spain": ["Spain"]}


def _nice(value: float) -> int:
    """A round number near value (two significant digits at most)."""
    if value < 20:
        return max(5, int(round(value / 5.0) * 5))
    step = 10 ** (len(str(int(value))) - 1)
    step = step // 2 if step >= 10 else step
    return int(round(value / step) * step)


def _money(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}"


def _stars(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v)} star" if v == 1 else f"{int(v)} stars"
    return f"{v:g} stars"


class Leaf:
    def __init__(self, kind: str, cond: dict, mask: pd.Series, pos: str, neg: str | None, fields: dict,
                 slot: str | None, alt: str | None, negated: bool) -> None:
        self.kind, self.cond, self.mask, self.negated = kind, cond, mask, negated
        self.pos_tpl, self.neg_tpl, self.fields = pos, neg, fields
        self.slot = slot if slot in fields and alt is not None and alt != fields.get(slot) else None
        self.alt = alt if self.slot else None
        self.spares: list[tuple[str, str]] = []  # (kind, positive wording) of conditions that are only ever struck

    @property
    def tpl(self) -> str:
        return self.neg_tpl if self.negated else self.pos_tpl

    def _fill(self, tpl: str, **over: str) -> str:
        f = dict(self.fields)
        f.update(over)
        return tpl.format(**f)

    @property
    def vp(self) -> str:
        """The final wording after 'who' (the negation when the leaf comes negated)."""
        return self._fill(self.tpl)

    @property
    def pos(self) -> str:
        """The positive wording of the condition (for 'except those who ...' styles)."""
        return self._fill(self.pos_tpl)

    @property
    def val(self) -> str | None:
        return self.fields[self.slot] if self.slot else None

    def draft(self, positive: bool = False) -> str:
        """The wording with the slot holding the value that the message goes on to replace."""
        return self._fill(self.pos_tpl if positive else self.tpl, **{self.slot: self.alt})

    def marked(self, fmt: str, positive: bool = False) -> str:
        """The wording with the slot rendered by fmt (which may name {alt} and {val})."""
        return self._fill(self.pos_tpl if positive else self.tpl, **{self.slot: fmt.format(alt=self.alt, val=self.val)})


def occurs(text: str, piece: str) -> int:
    return len(re.findall(r"(?<![\w.,])" + re.escape(piece) + r"(?![\w]|[.,]\d)", text))


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        self.n = len(ref.users)
        self.idx = pd.Index(ref.users)
        r = ref
        self.s_ctry = r.country()
        self.s_orders = r.orders()
        self.s_net = r.net_spend()
        self.s_aov = r.aov()
        self.s_counts = {k: r.count(k) for k in ("return", "review", "support_message")}
        self.s_rating = {w: r.rating(w) for w in ("min", "max", "average", "latest")}
        self.s_last_buy = r.newest("purchase")
        self.s_last_any = r.newest(None)
        self.s_first = r.oldest()
        self.countries = sorted(c for c in self.s_ctry.dropna().unique() if c)
        buyers = r.of("purchase").groupby("brand")["user_id"].nunique()
        self.brands = [b for b in r.brands if 10 <= buyers.get(b, 0) <= 60]
        self.titles = list(r.titles)
        self.categories = list(r.categories)
        self.clock = r.clock

    # helpers ---------------------------------------------------------------------------------------------------
    def _b(self, m) -> pd.Series:
        return pd.Series(m, index=self.idx).fillna(False).astype(bool) if not isinstance(m, pd.Series) \
            else m.reindex(self.idx).fillna(False).astype(bool)

    def _ok(self, m: pd.Series, lo: float = 0.04, hi: float = 0.8) -> bool:
        s = int(m.sum())
        return lo * self.n <= s <= hi * self.n

    def _days(self, d: int, style: int) -> str:
        if style == 1 and d % 7 == 0 and 14 <= d <= 56:
            return f"{d // 7} weeks"
        return f"{d} days"

    def _cmp(self, x: pd.Series, op: str, v: float, hi: float | None = None) -> pd.Series:
        ok = x.notna()
        res = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v}.get(op)
        if op == "between":
            res = (x >= v) & (x <= hi)
        return self._b(ok & res)

    def _date_text(self, d: date, style: int) -> str:
        if style == 0:
            return f"{d.day} {MONTHS[d.month - 1]}"
        if style == 1:
            return f"{MONTHS[d.month - 1]} {d.day}"
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def _country_say(self, c: str, style: int) -> str:
        options = COUNTRY_SAY.get(c, [c])
        return options[min(style, len(options) - 1)]

    def _bought(self, days: int | None = None, **match) -> pd.Series:
        return self._b(self.ref.who(self.ref.of("purchase", days=days, **match)))

    # the public entry --------------------------------------------------------------------------------------------
    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(400):
            leaf = getattr(self, "_" + kind)()
            if leaf is None:
                continue
            if negated and leaf.neg_tpl is None:
                continue
            if not self._ok(leaf.mask):
                continue
            leaf.negated = negated
            if negated and not self._ok(~leaf.mask, 0.04, 0.96):
                continue
            spare_kinds = [k for k in KINDS if k != kind]
            self.rng.shuffle(spare_kinds)
            for k in spare_kinds[:3]:
                sp = None
                for _ in range(50):
                    sp = getattr(self, "_" + k)()
                    if sp is not None:
                        break
                if sp is not None:
                    leaf.spares.append((k, sp.pos))
            return leaf
        raise RuntimeError(f"no good leaf for {kind}")

    # the kinds ---------------------------------------------------------------------------------------------------
    def _country_leaf(self, negative_kind: bool) -> Leaf:
        rng = self.rng
        c, a = rng.sample(self.countries, 2)
        style = rng.randrange(3)
        if negative_kind:
            m = self._b(self.s_ctry.notna() & (self.s_ctry != c))
            pos = rng.choice(["order from somewhere other than {c}", "have a country other than {c} on their orders",
                              "are based outside {c} (going by the country on their orders)",
                              "ship their orders to a country that isn't {c}"])
            return Leaf("country_not", {"kind": "country_not", "country": c}, m, pos, None,
                        {"c": self._country_say(c, style)}, "c", self._country_say(a, style), False)
        m = self._b(self.s_ctry == c)
        pos = rng.choice(["are based in {c}", "order from {c}", "have {c} as their country",
                          "shop with us from {c}", "are in {c} (by the country on their orders)"])
        return Leaf("country", {"kind": "country", "country": c}, m, pos, None,
                    {"c": self._country_say(c, style)}, "c", self._country_say(a, style), False)

    def _country(self) -> Leaf:
        return self._country_leaf(False)

    def _country_not(self) -> Leaf:
        return self._country_leaf(True)

    def _category_pair(self) -> tuple[str, str]:
        c, a = self.rng.sample(self.categories, 2)
        return c, a

    def _bought_category(self) -> Leaf:
        rng = self.rng
        c, a = self._category_pair()
        m = self._bought(category=c)
        pos = rng.choice(["have bought something from the {cat} category", "have ordered from our {cat} range at some point",
                          "bought at least one item in the {cat} category", "have a {cat} purchase in their history"])
        neg = rng.choice(["have never bought anything from the {cat} category",
                          "have not once ordered from our {cat} range",
                          "have no {cat} purchase anywhere in their history"])
        return Leaf("bought_category", {"kind": "bought_category", "category": c}, m, pos, neg, {"cat": c}, "cat", a, False)

    def _bought_category_within(self) -> Leaf | None:
        rng = self.rng
        c, a = self._category_pair()
        d, d2 = rng.sample([7, 14, 21, 30, 45, 60, 90], 2)
        m = self._bought(days=d, category=c)
        if not self._ok(m, 0.03, 0.6):
            return None
        st = rng.randrange(2)
        pos = rng.choice(["have bought something from the {cat} category in the last {days}",
                          "ordered from our {cat} range within the past {days}",
                          "have a {cat} purchase dated within the last {days}"])
        neg = rng.choice(["haven't bought anything from the {cat} category in the last {days}",
                          "have no {cat} purchase in the past {days} (whether or not they bought it earlier)",
                          "have not ordered from our {cat} range at any point in the last {days}"])
        slot = rng.choice(["cat", "days"])
        alt = a if slot == "cat" else self._days(d2, st)
        return Leaf("bought_category_within", {"kind": "bought_category_within", "category": c, "days": d}, m, pos, neg,
                    {"cat": c, "days": self._days(d, st)}, slot, alt, False)

    def _bought_brand(self) -> Leaf:
        rng = self.rng
        b, a = rng.sample(self.brands, 2)
        m = self._bought(brand=b)
        pos = rng.choice(["have bought from {b}", "have bought something by {b}", "have ordered {b} products before",
                          "bought at least one item from the brand {b}"])
        neg = rng.choice(["have never bought anything from {b}", "have never ordered a single {b} product",
                          "have no purchase from the brand {b} at all"])
        return Leaf("bought_brand", {"kind": "bought_brand", "brand": b}, m, pos, neg, {"b": b}, "b", a, False)

    def _bought_brand_within(self) -> Leaf | None:
        rng = self.rng
        b, a = rng.sample(self.brands, 2)
        d, d2 = rng.sample([14, 21, 30, 45, 60, 90], 2)
        m = self._bought(days=d, brand=b)
        if not self._ok(m, 0.03, 0.6):
            return None
        st = rng.randrange(2)
        pos = rng.choice(["have bought from {b} in the last {days}", "ordered something by {b} within the past {days}",
                          "have a {b} purchase dated within the last {days}"])
        neg = rng.choice(["haven't bought anything from {b} in the last {days}",
                          "have no {b} purchase in the past {days} (earlier ones don't matter)",
                          "have not ordered from the brand {b} at any point in the last {days}"])
        slot = rng.choice(["b", "days"])
        alt = a if slot == "b" else self._days(d2, st)
        return Leaf("bought_brand_within", {"kind": "bought_brand_within", "brand": b, "days": d}, m, pos, neg,
                    {"b": b, "days": self._days(d, st)}, slot, alt, False)

    def _bought_product(self) -> Leaf:
        rng = self.rng
        t, a = rng.sample(self.titles, 2)
        m = self._bought(title=t)
        pos = rng.choice(["bought the {p}", "have ordered the {p} at some point", "have the {p} among their purchases"])
        neg = rng.choice(["have never bought the {p}", "have not ordered the {p} even once"])
        return Leaf("bought_product", {"kind": "bought_product", "product": t}, m, pos, neg, {"p": f"“{t}”"}, "p", f"“{a}”",
                    False)

    def _last_purchase_within(self) -> Leaf | None:
        rng = self.rng
        d, d2 = rng.sample([7, 10, 14, 21, 30, 45, 60, 90], 2)
        m = self._b(self.s_last_buy >= self.ref.cut(d))
        st = rng.randrange(2)
        pos = rng.choice(["have placed an order in the last {days}", "bought something within the past {days}",
                          "have at least one order from the last {days}"])
        neg = rng.choice(["haven't placed any order in the last {days} (people who never ordered count too)",
                          "have no orders in the past {days} (including those who have never ordered at all)",
                          "haven't bought anything in the last {days} (never-buyers included)"])
        return Leaf("last_purchase_within", {"kind": "last_purchase_within", "days": d}, m, pos, neg,
                    {"days": self._days(d, st)}, "days", self._days(d2, st), False)

    def _last_purchase_more(self) -> Leaf | None:
        rng = self.rng
        d, d2 = rng.sample([7, 14, 21, 30, 45, 60, 90], 2)
        m = self._b(self.s_last_buy < self.ref.cut(d))
        st = rng.randrange(2)
        pos = rng.choice(["last ordered more than {days} ago", "have ordered before but not within the last {days}",
                          "have a most recent order that is more than {days} old"])
        return Leaf("last_purchase_more", {"kind": "last_purchase_more", "days": d}, m, pos, None,
                    {"days": self._days(d, st)}, "days", self._days(d2, st), False)

    def _last_seen_within(self) -> Leaf | None:
        rng = self.rng
        d, d2 = rng.sample([3, 5, 7, 10, 14, 21, 30, 60, 90], 2)
        m = self._b(self.s_last_any >= self.ref.cut(d))
        st = rng.randrange(2)
        pos = rng.choice(["have been active on the site in the last {days}",
                          "have done anything at all with us (a visit, a search, an order...) in the past {days}",
                          "show some activity of any kind within the last {days}"])
        neg = rng.choice(["haven't been active on the site at all in the last {days}",
                          "have shown no activity of any kind in the past {days}",
                          "have not visited, searched or done anything else with us in the last {days}"])
        return Leaf("last_seen_within", {"kind": "last_seen_within", "days": d}, m, pos, neg,
                    {"days": self._days(d, st)}, "days", self._days(d2, st), False)

    def _first_seen(self) -> Leaf | None:
        rng = self.rng
        op = rng.choice(["within", "before", "after", "since"])
        if op == "within":
            d, d2 = rng.sample([75, 80, 90, 95, 100, 105, 110], 2)
            m = self._b(self.s_first >= self.ref.cut(d))
            pos = rng.choice(["first showed up in the last {when}", "had their very first activity with us within the past {when}",
                              "are new to us in the last {when} (their first recorded activity falls in that window)"])
            return Leaf("first_seen", {"kind": "first_seen", "op": "within", "days": d}, m, pos, None,
                        {"when": f"{d} days"}, "when", f"{d2} days", False)
        start = date(2026, 7, 6)
        d, d2 = (start + timedelta(days=k) for k in rng.sample(range(0, 45), 2))
        st = rng.randrange(3)
        stamp = pd.Timestamp(d.isoformat(), tz="UTC")
        if op == "before":
            m = self._b(self.s_first < stamp)
            pos = rng.choice(["first showed up before {when}", "had their first recorded activity before {when}",
                              "were already around before {when} (first activity earlier than that day)"])
        elif op == "after":
            m = self._b(self.s_first >= stamp + pd.Timedelta(days=1))
            pos = rng.choice(["first showed up after {when}", "had their first recorded activity after {when}",
                              "first turned up later than {when} (that day itself not included)"])
        else:
            m = self._b(self.s_first >= stamp)
            pos = rng.choice(["first showed up on or after {when}", "had their first recorded activity on {when} or later",
                              "first turned up from {when} onwards (that day included)"])
        return Leaf("first_seen", {"kind": "first_seen", "op": op, "date": d.isoformat()}, m, pos, None,
                    {"when": self._date_text(d, st)}, "when", self._date_text(d2, st), False)

    # counts ------------------------------------------------------------------------------------------------------
    @staticmethod
    def _noun(v: int, one: str, many: str) -> str:
        return f"{v} {one if v == 1 else many}"

    def _count_leaf(self, kind: str, x: pd.Series, one: str, many: str, verb: str, ever_pos: list[str],
                    ever_neg: list[str], values: list[int]) -> Leaf | None:
        rng = self.rng
        op = rng.choice(["ge", "ge", "gt", "eq", "between", "le"])
        v, v2 = rng.sample(values, 2)
        if op == "ge" and v == 1 and ever_pos:
            m = self._cmp(x, "ge", 1)
            return Leaf(kind, {"kind": kind, "op": "ge", "value": 1}, m, rng.choice(ever_pos), rng.choice(ever_neg),
                        {}, None, None, False)
        n = lambda k: self._noun(k, one, many)  # noqa: E731
        if op == "between":
            hi, hi2 = v + rng.choice([1, 2, 3]), v2 + rng.choice([1, 2, 3])
            if (v, hi) == (v2, hi2):
                return None
            m = self._cmp(x, "between", v, hi)
            cond = {"kind": kind, "op": "between", "value": v, "high": hi}
            fields = {"n": f"between {v} and {hi}"}
            alt = f"between {v2} and {hi2}"
            pos = rng.choice([f"{verb} {{n}} {many} (both ends included)", f"{verb} {{n}} {many} (inclusive)"])
            neg = f"do not have {{n}} {many} (counting inclusively)"
            return Leaf(kind, cond, m, pos, neg, fields, "n", alt, False)
        if op == "le" and v == 0:
            return None
        m = self._cmp(x, op, v)
        cond = {"kind": kind, "op": op, "value": v}
        pos = {"ge": rng.choice([f"{verb} at least {{n}}", f"{verb} {{n}} or more"]),
               "gt": f"{verb} more than {{n}}",
               "eq": f"{verb} exactly {{n}}",
               "le": rng.choice([f"{verb} at most {{n}} (zero counts too)", f"{verb} no more than {{n}} (including none at all)"])}[op]
        neg = {"ge": f"{verb} fewer than {{n}} (none at all counts too)",
               "gt": f"{verb} no more than {{n}} (none at all counts too)",
               "eq": f"do not have exactly {{n}}",
               "le": f"{verb} more than {{n}}"}[op]
        return Leaf(kind, cond, m, pos, neg, {"n": n(v)}, "n", n(v2), False)

    def _orders(self) -> Leaf | None:
        return self._count_leaf("orders", self.s_orders, "order", "orders", "have placed", [], [], list(range(2, 13)))

    def _returns_count(self) -> Leaf | None:
        return self._count_leaf("returns_count", self.s_counts["return"], "return", "returns", "have made",
                                ["have returned at least one item", "have sent something back to us at least once"],
                                ["have never returned anything", "have not sent a single item back"], [1, 1, 2, 3])

    def _reviews_count(self) -> Leaf | None:
        return self._count_leaf("reviews_count", self.s_counts["review"], "review", "reviews", "have written",
                                ["have written at least one review", "have left us a review at some point"],
                                ["have never written a review", "have not left a single review"], [1, 1, 2, 3, 4, 5])

    def _support_count(self) -> Leaf | None:
        return self._count_leaf("support_count", self.s_counts["support_message"], "support message", "support messages",
                                "have sent", ["have contacted customer support at least once",
                                              "have written to our support team at some point"],
                                ["have never contacted customer support", "have not written to support even once"],
                                [1, 1, 2, 3, 4, 5])

    # money -------------------------------------------------------------------------------------------------------
    def _aov(self) -> Leaf | None:
        rng = self.rng
        x = self.s_aov
        op = rng.choice(["ge", "gt", "lt", "between"])
        qs = x.dropna().quantile([0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]).tolist()
        v, v2 = (_nice(q) for q in rng.sample(qs, 2))
        if v == v2:
            return None
        if op == "between":
            lo, hi = sorted((v, v2))
            m = self._cmp(x, "between", lo, hi)
            lo2, hi2 = _nice(lo * 0.7), _nice(hi * 1.4)
            if (lo2, hi2) == (lo, hi):
                return None
            pos = rng.choice(["have an average order value {a} (inclusive)", "average {a} per order (ends included)"])
            return Leaf("aov", {"kind": "aov", "op": "between", "value": lo, "high": hi}, m, pos, None,
                        {"a": f"between {_money(lo)} and {_money(hi)}"}, "a", f"between {_money(lo2)} and {_money(hi2)}", False)
        m = self._cmp(x, op, v)
        pos = {"ge": rng.choice(["have an average order value of at least {a}", "average {a} or more per order"]),
               "gt": rng.choice(["have an average order value above {a}", "spend more than {a} per order on average"]),
               "lt": rng.choice(["have an average order value below {a}", "spend less than {a} per order on average"])}[op]
        return Leaf("aov", {"kind": "aov", "op": op, "value": v}, m, pos, None, {"a": _money(v)}, "a", _money(v2), False)

    def _net_spend_over(self) -> Leaf | None:
        rng = self.rng
        qs = self.s_net.quantile([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]).tolist()
        v, v2 = (_nice(q) for q in rng.sample(qs, 2))
        if v == v2 or v <= 0:
            return None
        m = self._b(self.s_net > v)
        pos = rng.choice(["have spent more than {a} in total net of returns",
                          "have a net spend (purchases minus returns) above {a}",
                          "have over {a} of spend left after refunds for returns"])
        return Leaf("net_spend_over", {"kind": "net_spend_over", "value": v}, m, pos, None, {"a": _money(v)}, "a",
                    _money(v2), False)

    def _net_spend_under(self) -> Leaf | None:
        rng = self.rng
        qs = self.s_net[self.s_net > 0].quantile([0.15, 0.25, 0.35, 0.5, 0.6]).tolist()
        v, v2 = (_nice(q) for q in rng.sample(qs, 2))
        if v == v2 or v <= 0:
            return None
        buyers_only = rng.random() < 0.6
        if buyers_only:
            m = self._b((self.s_net < v) & (self.s_orders > 0))
            pos = rng.choice(["have bought something but spent less than {a} net of returns",
                              "are buyers with a net spend (purchases minus returns) under {a}"])
        else:
            m = self._b(self.s_net < v)
            pos = rng.choice(["have a net spend below {a} (people who never bought count too, at zero)",
                              "have spent under {a} net of returns (including those who have spent nothing)"])
        cond = {"kind": "net_spend_under", "value": v}
        if buyers_only:
            cond["buyers_only"] = True
        return Leaf("net_spend_under", cond, m, pos, None, {"a": _money(v)}, "a", _money(v2), False)

    # categories of returns / reviews / views ---------------------------------------------------------------------
    def _returned(self) -> Leaf:
        rng = self.rng
        c, a = self._category_pair()
        m = self._b(self.ref.who(self.ref.of("return", category=c)))
        pos = rng.choice(["have returned something from the {cat} category", "have sent back an item from our {cat} range"])
        neg = rng.choice(["have never returned anything from the {cat} category",
                          "have not sent back a single item from our {cat} range"])
        return Leaf("returned", {"kind": "returned", "category": c}, m, pos, neg, {"cat": c}, "cat", a, False)

    def _reviewed(self) -> Leaf:
        rng = self.rng
        c, a = self._category_pair()
        m = self._b(self.ref.who(self.ref.of("review", category=c)))
        pos = rng.choice(["have reviewed a product from the {cat} category", "have written a review of something in our {cat} range"])
        neg = rng.choice(["have never reviewed anything from the {cat} category",
                          "have not written a single review of a product in our {cat} range"])
        return Leaf("reviewed", {"kind": "reviewed", "category": c}, m, pos, neg, {"cat": c}, "cat", a, False)

    def _viewed_not_bought(self) -> Leaf | None:
        rng = self.rng
        c, a = self._category_pair()
        if rng.random() < 0.5:
            seen = self.ref.who(self.ref.of("view", category=c))
            m = self._b(seen & ~self._bought(category=c))
            pos = rng.choice(["have looked at items in the {cat} category but never bought anything from it",
                              "have viewed products from our {cat} range without ever buying one"])
            return Leaf("viewed_not_bought", {"kind": "viewed_not_bought", "category": c}, m, pos, None, {"cat": c}, "cat",
                        a, False)
        d, d2 = rng.sample([7, 14, 21, 30, 45, 60], 2)
        st = rng.randrange(2)
        seen = self.ref.who(self.ref.of("view", days=d, category=c))
        m = self._b(seen & ~self._bought(days=d, category=c))
        pos = rng.choice(["viewed items in the {cat} category in the last {days} without buying anything from that category in that time",
                          "have browsed our {cat} range within the past {days} but made no purchase from it during that window"])
        slot = rng.choice(["cat", "days"])
        alt = a if slot == "cat" else self._days(d2, st)
        return Leaf("viewed_not_bought", {"kind": "viewed_not_bought", "category": c, "days": d}, m, pos, None,
                    {"cat": c, "days": self._days(d, st)}, slot, alt, False)

    # ratings -----------------------------------------------------------------------------------------------------
    def _rating_leaf(self, kind: str, options: list[tuple[str, float, list[str]]], alts: list[float]) -> Leaf | None:
        rng = self.rng
        op, v, pos_opts = rng.choice(options)
        x = self.s_rating[kind.split("_")[1]]
        m = self._cmp(x, op, v)
        others = [a for a in alts if a != v and abs(a - v) <= 1.5]
        alt = rng.choice(others)
        return Leaf(kind, {"kind": kind, "op": op, "value": v}, m, rng.choice(pos_opts), None, {"s": _stars(v)}, "s",
                    _stars(alt), False)

    def _rating_min(self) -> Leaf | None:
        ge = ["have left ratings and never rated anything below {s}", "have reviewed with every single rating at {s} or above"]
        le = ["have given at least one rating of {s} or lower", "have at least one review rated {s} or less"]
        opts = [("ge", 3, ge), ("ge", 4, ge), ("le", 1, le), ("le", 2, le), ("le", 3, le)]
        return self._rating_leaf("rating_min", opts, [1, 2, 3, 4])

    def _rating_max(self) -> Leaf | None:
        le = ["have left ratings but never higher than {s}", "have left reviews with no rating above {s}"]
        ge = ["have given at least one rating of {s} or higher", "have at least one review rated {s} or more"]
        opts = [("le", 2, le), ("le", 3, le), ("le", 4, le), ("ge", 4, ge)]
        return self._rating_leaf("rating_max", opts, [2, 3, 4, 5])

    def _rating_average(self) -> Leaf | None:
        ge = ["have an average review rating of {s} or more", "rate us {s} or more on average across their reviews"]
        lt = ["have an average review rating below {s}", "average under {s} across their reviews"]
        opts = [("ge", 3.5, ge), ("ge", 4, ge), ("ge", 4.5, ge), ("lt", 2.5, lt), ("lt", 3, lt), ("lt", 3.5, lt)]
        return self._rating_leaf("rating_average", opts, [2, 2.5, 3, 3.5, 4, 4.5])

    def _rating_latest(self) -> Leaf | None:
        ge = ["gave {s} or more in their most recent review", "have a latest review rating of {s} or higher"]
        le = ["gave {s} or less in their most recent review", "have a latest review rating of {s} or lower"]
        eq = ["gave exactly {s} in their most recent review", "have a latest review rating of exactly {s}"]
        opts = [("ge", 4, ge), ("ge", 3, ge), ("le", 2, le), ("le", 3, le), ("eq", 5, eq), ("eq", 1, eq), ("eq", 4, eq)]
        return self._rating_leaf("rating_latest", opts, [1, 2, 3, 4, 5])


"""Eighth blind marketer set: one condition leaf of each kind, its ``blind2_check`` condition, its pandas gold mask
(over ``marketer_reference.Ref``) and this set's own phrasings.

Phrasings are relative-clause verb phrases with person slots: <has> <is> <s> <hasnt> <their> (filled by
``fill``), so one phrase serves 'people who …', 'anyone who …' and 'you …'."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from blind8_words import country_words, day_words, money, num, window
from marketer_reference import Ref

DAY = pd.Timedelta(days=1)

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]
NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "last_purchase_within", "last_seen_within", "returns_count", "reviews_count", "support_count", "returned",
             "reviewed"}

FORMS = {
    "pl": {"<has>": "have", "<is>": "are", "<s>": "", "<hasnt>": "haven't", "<their>": "their"},
    "sg": {"<has>": "has", "<is>": "is", "<s>": "s", "<hasnt>": "hasn't", "<their>": "their"},
    "you": {"<has>": "have", "<is>": "are", "<s>": "", "<hasnt>": "haven't", "<their>": "your"},
}


def fill(text: str, form: str) -> str:
    for slot, word in FORMS[form].items():
        text = text.replace(slot, word)
    return text


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    vp: list[str]
    neg: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # category names that a chat family may misspell


class Leaves:
    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        self.users = pd.Index(ref.users)
        self.country = ref.country()  # only purchases carry a country in these shops
        self.countries = self.country.dropna().value_counts().index.tolist()
        self.orders, self.net, self.aov = ref.orders(), ref.net_spend(), ref.aov()
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.counts = {t: ref.count(t) for t in ("return", "review", "support_message")}
        self.rate = {w: ref.rating(w) for w in ("min", "max", "average", "latest")}

    # helpers
    def _who(self, rows: pd.DataFrame) -> pd.Series:
        return pd.Series(self.users.isin(set(rows["user_id"])), index=self.users)

    def _rows(self, kind, start: pd.Timestamp | None = None, **match) -> pd.DataFrame:
        rows = self.ref.of(kind)
        if start is not None:
            rows = rows[rows["ts"] >= start]
        for col, val in match.items():
            rows = rows[rows[col] == val]
        return rows

    def _cut(self, n: int) -> pd.Timestamp:
        return self.ref.clock - n * DAY

    def _win(self, n: int, mask_from) -> str:
        """Words for a window of n days; 'since <day>' only where that day's midnight gives the same customers."""
        day = (self._cut(n) + DAY).normalize()
        same = mask_from(day).equals(mask_from(self._cut(n)))
        return window(self.rng, n, day if same else None)

    @staticmethod
    def _cmp(x: pd.Series, op: str, v, hi=None) -> pd.Series:
        out = {"ge": lambda: x >= v, "gt": lambda: x > v, "lt": lambda: x < v, "le": lambda: x <= v,
               "eq": lambda: x == v, "between": lambda: (x >= v) & (x <= hi)}[op]()
        return out.fillna(False).astype(bool)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        while True:
            leaf = self.draw(kind)
            n = int(leaf.mask.sum())
            if not 3 <= n <= len(self.users) - 3:
                continue
            if negated and not leaf.neg:
                continue
            return leaf

    def draw(self, kind: str) -> Leaf:  # noqa: C901, PLR0911, PLR0912, PLR0915
        r, ref = self.rng, self.ref
        cat = r.choice(ref.categories)
        brand = r.choice(ref.brands[:14])
        a_cat = "an" if cat[0] in "aeiou" else "a"
        a_brand = "an" if brand[0].lower() in "aeiou" else "a"
        n = r.choice([7, 14, 21, 28, 30, 45, 60, 90])
        if kind == "country":
            c = r.choice(self.countries[:6])
            w = [country_words(r, c) for _ in range(4)]
            return Leaf(kind, {"kind": kind, "country": c}, self.country == c,
                        [f"<is> in {w[0]}", f"<is> based in {w[1]}", f"order<s> from {w[2]}", f"shop<s> with us from {w[3]}"])
        if kind == "country_not":
            c = r.choice(self.countries[:6])
            w = [country_words(r, c) for _ in range(3)]
            return Leaf(kind, {"kind": kind, "country": c}, self.country.notna() & (self.country != c),
                        [f"<is> based outside {w[0]}", f"order<s> from anywhere except {w[1]}",
                         f"shop<s> with us from a country other than {w[2]}"])
        if kind == "bought_category":
            return Leaf(kind, {"kind": kind, "category": cat}, self._who(self._rows("purchase", category=cat)),
                        [f"bought something from {cat}", f"<has> bought {cat} products at some point",
                         f"ordered from the {cat} category", f"<has> ever picked up anything in {cat}"],
                        [f"never bought anything from {cat}", f"<hasnt> ever ordered from {cat}",
                         f"<has> never bought a single {cat} product"], [cat])
        if kind == "bought_category_within":
            m = lambda s: self._who(self._rows("purchase", s, category=cat))  # noqa: E731
            w = [self._win(n, m) for _ in range(4)]
            return Leaf(kind, {"kind": kind, "category": cat, "days": n}, m(self._cut(n)),
                        [f"bought something from {cat} {w[0]}", f"<has> ordered {cat} products {w[1]}"],
                        [f"<hasnt> bought anything from {cat} {w[2]}", f"didn't order any {cat} products {w[3]}"], [cat])
        if kind == "bought_brand":
            return Leaf(kind, {"kind": kind, "brand": brand}, self._who(self._rows("purchase", brand=brand)),
                        [f"bought {brand}", f"<has> bought anything from {brand}", f"ordered {a_brand} {brand} product at some point"],
                        [f"never bought anything from {brand}", f"<hasnt> ever bought {brand}"])
        if kind == "bought_brand_within":
            m = lambda s: self._who(self._rows("purchase", s, brand=brand))  # noqa: E731
            w = [self._win(n, m) for _ in range(4)]
            return Leaf(kind, {"kind": kind, "brand": brand, "days": n}, m(self._cut(n)),
                        [f"bought from {brand} {w[0]}", f"<has> ordered something by {brand} {w[1]}"],
                        [f"<hasnt> bought anything from {brand} {w[2]}", f"didn't order any {brand} {w[3]}"])
        if kind == "bought_product":
            title = r.choice(ref.titles)
            art = "an" if title[0].lower() in "aeiou" else "a"
            t = f'"{title}"' if "," in title or " and " in title.lower() or " or " in title.lower() or r.random() < 0.4 else title
            return Leaf(kind, {"kind": kind, "product": title}, self._who(self._rows("purchase", title=title)),
                        [f"bought the {t}", f"<has> ordered the {t}", f"<has> bought {art} {t} from us"],
                        [f"never bought the {t}", f"<hasnt> ever ordered the {t}"])
        if kind == "last_purchase_within":
            m = lambda s: self._who(self._rows("purchase", s))  # noqa: E731
            w = [self._win(n, m) for _ in range(5)]
            return Leaf(kind, {"kind": kind, "days": n}, m(self._cut(n)),
                        [f"bought something {w[0]}", f"placed an order {w[1]}", f"<has> ordered something {w[2]}"],
                        [f"<hasnt> ordered anything {w[3]}", f"didn't buy a thing {w[4]}"])
        if kind == "last_purchase_more":
            n = r.choice([30, 45, 60, 75, 90])
            return Leaf(kind, {"kind": kind, "days": n}, self._cmp(self.last_buy, "lt", self._cut(n)),
                        [f"made <their> last purchase more than {num(r, n)} days ago",
                         f"last ordered over {n} days ago", f"<has> bought before, but not in the last {num(r, n)} days"]
                        + ([f"last bought something more than {num(r, n // 7, 0.7)} weeks ago"] if n % 7 == 0 else []))
        if kind == "last_seen_within":
            m = lambda s: self._who(self._rows(None, s))  # noqa: E731
            w = [self._win(n, m) for _ in range(4)]
            return Leaf(kind, {"kind": kind, "days": n}, m(self._cut(n)),
                        [f"<has> been active on the site {w[0]}", f"<has> shown any activity at all {w[1]}"],
                        [f"<hasnt> been active on the site {w[2]}", f"<has> shown no activity at all {w[3]}"])
        if kind == "first_seen":
            op = r.choice(["within", "before", "before", "since"])
            if op == "within":
                n = r.choice([80, 90, 100, 105])
                w = [window(r, n) for _ in range(3)]
                return Leaf(kind, {"kind": kind, "op": "within", "days": n}, self._cmp(self.first, "ge", self._cut(n)),
                            [f"first showed up {w[0]}", f"came to the site for the first time {w[1]}",
                             f"<is> new to us {w[2]}"])
            day = pd.Timestamp(2026, 7, r.randint(6, 31), tz="UTC") if r.random() < 0.7 else \
                pd.Timestamp(2026, 8, r.randint(1, 20), tz="UTC")
            d = [day_words(r, day) for _ in range(3)]
            if op == "before":
                return Leaf(kind, {"kind": kind, "op": "before", "date": day.strftime("%Y-%m-%d")}, self._cmp(self.first, "lt", day),
                            [f"first came to the site before {d[0]}", f"<has> been around since before {d[1]}",
                             f"first showed up earlier than {d[2]}"])
            return Leaf(kind, {"kind": kind, "op": "since", "date": day.strftime("%Y-%m-%d")}, self._cmp(self.first, "ge", day),
                        [f"first showed up on or after {d[0]}", f"came to the site for the first time on {d[1]} or later",
                         f"first came to the site from {d[2]} onwards"])
        if kind == "orders":
            op = r.choice(["ge", "ge", "gt", "eq1", "eq0", "between", "lt"])
            if op == "ge":
                k = r.choice([2, 3, 5, 8, 10])
                c, mask = {"op": "ge", "value": k}, self.orders >= k
                vp = [f"placed at least {num(r, k)} orders", f"<has> ordered {num(r, k)} or more times", f"<has> {k}+ orders"]
            elif op == "gt":
                k = r.choice([3, 4, 6])
                c, mask = {"op": "gt", "value": k}, self.orders > k
                vp = [f"placed more than {num(r, k)} orders", f"<has> ordered more than {num(r, k)} times"]
            elif op == "eq1":
                c, mask = {"op": "eq", "value": 1}, self.orders == 1
                vp = ["placed exactly one order", "<has> ordered just once, no more", "<has> only ever placed a single order"]
            elif op == "eq0":
                c, mask = {"op": "eq", "value": 0}, self.orders == 0
                vp = ["never placed an order", "<has> never bought anything at all", "<hasnt> ordered a single thing yet"]
            elif op == "between":
                lo, hi = r.choice([(2, 4), (3, 5), (2, 3), (4, 8)])
                c, mask = {"op": "between", "value": lo, "high": hi}, (self.orders >= lo) & (self.orders <= hi)
                vp = [f"placed anywhere from {lo} to {hi} orders" if r.random() < 0.5 else f"placed anywhere from {num(r, lo, 1)} to {num(r, hi, 1)} orders",
                      f"<has> ordered somewhere between {lo} and {hi} times, both ends included"]
            else:
                k = r.choice([2, 3])
                c, mask = {"op": "lt", "value": k}, self.orders < k
                vp = [f"placed fewer than {num(r, k)} orders, and yes, zero orders counts",
                      f"<has> ordered less than {num(r, k)} times (people who never ordered included)"]
            return Leaf(kind, {"kind": kind, **c}, mask, vp)
        if kind == "aov":
            op = r.choice(["gt", "ge", "lt", "between"])
            x = r.choice([30, 40, 50, 60, 80, 100, 150, 200])
            if op == "between":
                lo, hi = r.choice([(20, 50), (30, 60), (40, 100), (50, 150)])
                c, mask = {"op": "between", "value": lo, "high": hi}, self._cmp(self.aov, "between", lo, hi)
                vp = [f"average<s> between {money(r, lo)} and {money(r, hi)} per order",
                      f"<has> an average order value from {money(r, lo)} to {money(r, hi)} (inclusive)"]
            elif op == "lt":
                x = r.choice([20, 25, 30, 40])
                c, mask = {"op": "lt", "value": x}, self._cmp(self.aov, "lt", x)
                vp = [f"spend<s> less than {money(r, x)} per order on average", f"<has> an average order value under {money(r, x)}"]
            else:
                c, mask = {"op": op, "value": x}, self._cmp(self.aov, op, x)
                word = "more than" if op == "gt" else "at least"
                vp = [f"spend<s> {word} {money(r, x)} per order on average",
                      f"<has> an average order value of {word} {money(r, x)}",
                      f"<has> an average basket {'above' if op == 'gt' else 'of at least'} {money(r, x)} per order"]
            return Leaf(kind, {"kind": kind, **c}, mask, vp)
        if kind == "net_spend_over":
            x = r.choice([100, 200, 300, 500, 1000, 2000])
            return Leaf(kind, {"kind": kind, "value": x}, self.net > x,
                        [f"<has> spent more than {money(r, x)} in total after returns", f"<has> spent over {money(r, x)} net of refunds",
                         f"<is> above {money(r, x)} in net spend (purchases minus returns)"])
        if kind == "net_spend_under":
            x = r.choice([20, 30, 50, 100])
            if r.random() < 0.7:
                return Leaf(kind, {"kind": kind, "value": x, "buyers_only": True}, (self.net < x) & (self.orders > 0),
                            [f"<has> bought from us but spent less than {money(r, x)} in total after returns",
                             f"<has> a net spend under {money(r, x)} despite having ordered at least once",
                             f"<has> ordered at least once and <is> still under {money(r, x)} in net spend"])
            return Leaf(kind, {"kind": kind, "value": x}, self.net < x,
                        [f"<has> spent under {money(r, x)} net in total, and that includes people who never spent anything",
                         f"<has> a net spend below {money(r, x)} (non-buyers with zero included)"])
        if kind in ("returns_count", "reviews_count", "support_count"):
            t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            cnt = self.counts[t]
            op = r.choice(["ge1", "ge1", "gek", "eq0", "range"])
            if op == "ge1":
                c, mask = {"op": "ge", "value": 1}, cnt >= 1
                vp = {"return": ["returned something", "<has> sent at least one item back", "<has> made a return"],
                      "review": ["left a review", "<has> written us at least one review", "<has> reviewed something"],
                      "support_message": ["contacted support", "<has> messaged customer service at least once",
                                          "<has> been in touch with support"]}[t]
                neg = {"return": ["never returned anything", "<hasnt> ever sent anything back"],
                       "review": ["never left a review", "<hasnt> written a single review"],
                       "support_message": ["never contacted support", "<hasnt> ever messaged customer service"]}[t]
            elif op == "gek":
                k = r.choice([2, 3]) if t == "return" else r.choice([2, 3, 4, 5])
                c, mask = {"op": "ge", "value": k}, cnt >= k
                noun = {"return": "returns", "review": "reviews", "support_message": "messages to support"}[t]
                vp = [f"<has> made at least {num(r, k)} {noun}" if t == "return" else
                      f"<has> written at least {num(r, k)} {noun}" if t == "review" else f"<has> sent at least {num(r, k)} {noun}",
                      {"return": f"<has> returned stuff {num(r, k)} or more times",
                       "review": f"<has> reviewed {num(r, k)} or more times",
                       "support_message": f"<has> contacted support {num(r, k)} or more times"}[t]]
                once = {1: "once", 2: "twice"}.get(k - 1, f"{num(r, k - 1)} times")
                neg = [{"return": f"<hasnt> made {num(r, k)} or more returns",
                        "review": f"<hasnt> written {num(r, k)} or more reviews",
                        "support_message": f"<hasnt> contacted support {num(r, k)} or more times"}[t],
                       {"return": f"<has> made at most {num(r, k - 1)} return{'s' if k > 2 else ''}",
                        "review": f"<has> written at most {num(r, k - 1)} review{'s' if k > 2 else ''}",
                        "support_message": f"<has> contacted support at most {once}"}[t]]
            elif op == "eq0":
                c, mask = {"op": "eq", "value": 0}, cnt == 0
                vp = {"return": ["never returned anything", "<has> made zero returns"],
                      "review": ["never left a review", "<has> written zero reviews"],
                      "support_message": ["never contacted support", "<has> never once messaged customer service"]}[t]
                neg = []
            else:
                lo, hi = (1, 2) if t == "return" else r.choice([(1, 2), (2, 4), (1, 3)])
                c, mask = {"op": "between", "value": lo, "high": hi}, (cnt >= lo) & (cnt <= hi)
                noun = {"return": "returns", "review": "reviews", "support_message": "support messages"}[t]
                vp = [f"<has> {num(r, lo, 0.8)} to {num(r, hi, 0.8)} {noun} on record (inclusive)",
                      f"<has> made {num(r, lo, 0.9)} or {num(r, hi, 0.9)} returns" if (t == "return" and hi == lo + 1) else
                      f"<has> anywhere from {lo} to {hi} {noun}"]
                neg = []
            return Leaf(kind, {"kind": kind, **c}, mask, vp, neg)
        if kind == "returned":
            return Leaf(kind, {"kind": kind, "category": cat}, self._who(self._rows("return", category=cat)),
                        [f"returned something from {cat}", f"<has> sent back {a_cat} {cat} item", f"<has> made a return in {cat}"],
                        [f"never returned anything from {cat}", f"<hasnt> ever sent back {a_cat} {cat} item"], [cat])
        if kind == "reviewed":
            return Leaf(kind, {"kind": kind, "category": cat}, self._who(self._rows("review", category=cat)),
                        [f"reviewed something from {cat}", f"<has> left a review on {a_cat} {cat} product", f"<has> written {a_cat} {cat} review"],
                        [f"never reviewed anything in {cat}", f"<hasnt> ever reviewed {a_cat} {cat} product"], [cat])
        if kind == "rating_min":
            op, k = r.choice([("le", 1), ("le", 2), ("ge", 4), ("ge", 3)])
            if op == "le":
                star = "a 1-star" if k == 1 else "a rating of 2 stars or lower"
                vp = [f"<has> given {star} review at some point" if k == 1 else f"<has> given {star} at some point",
                      f"<has> given a rating no higher than {num(r, k)} star{'s' if k > 1 else ''} at some point",
                      f"left at least one review of {num(r, k)} star{'s' if k > 1 else ''}{' or fewer' if k > 1 else ''}"]
            else:
                vp = [f"<has> written reviews but never given fewer than {num(r, k)} stars",
                      f"<has> a lowest-ever rating of at least {num(r, k)} stars",
                      f"<has> reviewed us and never gone below {k} stars in any review"]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.rate["min"], op, k), vp)
        if kind == "rating_max":
            op, k = r.choice([("ge", 5), ("ge", 5), ("le", 3), ("le", 2)])
            vp = ["<has> given at least one 5-star review", "left a five-star rating at some point"] if op == "ge" else \
                [f"<has> left reviews but never more than {num(r, k)} stars", f"<has> a best-ever rating of at most {num(r, k)} stars", f"<has> reviewed, and <their> best rating ever is {k} stars or less"]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.rate["max"], op, k), vp)
        if kind == "rating_average":
            op, k, hi = r.choice([("ge", 4, None), ("ge", 4.5, None), ("lt", 3, None), ("le", 2.5, None), ("between", 3, 4)])
            word = {"ge": "at least", "lt": "below", "le": "at most"}.get(op)
            vp = [f"<has> an average rating {'' if op == 'lt' else 'of '}{word} {k} stars",
                  f"average<s> {word} {k} stars across <their> reviews"] if word else \
                ["<has> an average review score between 3 and 4 stars, inclusive", "average<s> somewhere from 3 to 4 stars, both included",
                 "<has> an average review score from 3 to 4 stars (inclusive)"]
            c = {"kind": kind, "op": op, "value": k, **({"high": hi} if hi else {})}
            return Leaf(kind, c, self._cmp(self.rate["average"], op, k, hi), vp)
        if kind == "rating_latest":
            op, k = r.choice([("le", 2), ("le", 3), ("eq", 5), ("ge", 4)])
            vp = {"le": [f"gave {num(r, k)} stars or fewer in <their> most recent review", f"<has> a latest review of {k} stars or below",
                         f"<has> a most recent rating no higher than {num(r, k)} stars"],
                  "eq": ["gave five stars in <their> latest review", "<has> a most recent review that's a 5-star one"],
                  "ge": ["gave 4 or 5 stars in <their> latest review", "<has> a most recent rating of at least four stars"]}[op]
            return Leaf(kind, {"kind": kind, "op": op, "value": k}, self._cmp(self.rate["latest"], op, k), vp)
        if kind == "viewed_not_bought":
            days = r.choice([None, None, 14, 30, 60])
            m = lambda s: self._who(self._rows("view", s, category=cat)) & ~self._who(self._rows("purchase", s, category=cat))  # noqa: E731
            c = {"kind": kind, "category": cat, **({"days": days} if days else {})}
            if days is None:
                return Leaf(kind, c, m(None), [f"looked at {cat} products but never bought any",
                                              f"viewed {cat} items without ever buying anything from {cat}"], names=[cat])
            w = [self._win(days, m) for _ in range(2)]
            return Leaf(kind, c, m(self._cut(days)),
                        [f"looked at {cat} products {w[0]} but didn't buy anything from {cat} in that time",
                         f"viewed {cat} items {w[1]} without buying any {cat} during that same period"], names=[cat])
        raise ValueError(kind)

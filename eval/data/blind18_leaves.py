"""Eighteenth blind marketer set: the condition leaves. Each leaf holds the exact condition (as ``blind2_check.holds``
reads it), its pandas mask over the customers of ``marketer_reference.Ref`` and its wording in the register of this set
(formal eligibility and policy language): verb-phrase templates carrying agreement markers, so that one template
serves a singular subject ("the customer has ..."), a plural one ("customers who have ...") and a gerund
("conditional upon the customer having ...")."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]

NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "returned", "reviewed", "support_count", "orders", "returns_count", "reviews_count", "last_purchase_within",
             "last_seen_within"}

# agreement markers: {has} {hasnt} {hasnever} {is} {isnt}; forms sg, pl, ger (gerund) and base (after a modal)
FORMS = {
    "sg": {"has": "has", "hasnt": "has not", "hasnever": "has never", "is": "is", "isnt": "is not"},
    "pl": {"has": "have", "hasnt": "have not", "hasnever": "have never", "is": "are", "isnt": "are not"},
    "ger": {"has": "having", "hasnt": "not having", "hasnever": "never having", "is": "being", "isnt": "not being"},
    "base": {"has": "have", "hasnt": "not have", "hasnever": "never have", "is": "be", "isnt": "not be"},
}


def conj(template: str, form: str) -> str:
    return template.format(**FORMS[form])


WORDS = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 11: "eleven", 12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 21: "twenty-one",
         28: "twenty-eight", 30: "thirty", 45: "forty-five", 60: "sixty", 75: "seventy-five", 90: "ninety",
         100: "one hundred"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
THE = {"United States": "the United States", "United Kingdom": "the United Kingdom", "Netherlands": "the Netherlands"}


def num(rng: random.Random, n: int, style: int | None = None) -> str:
    """A whole number the way formal documents write it: 3, three or three (3)."""
    if n not in WORDS:
        return str(n)
    style = rng.choice([0, 1, 2, 2]) if style is None else style
    return [str(n), WORDS[n], f"{WORDS[n]} ({n})"][style]


def plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def money(rng: random.Random, v: float, style: int | None = None) -> str:
    v = int(v) if float(v).is_integer() else v
    style = rng.randrange(5) if style is None else style
    return [f"{v:,}", f"{v:,.2f}", f"{v:,}", f"{v:,} (in the Shop's trading currency)", f"{v:,.2f} in the Shop's currency"][style]


def ordinal(d: int) -> str:
    return f"{d}{'th' if 10 <= d % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(d % 10, 'th')}"


def date_text(rng: random.Random, day: pd.Timestamp) -> str:
    m, d, y = MONTHS[day.month - 1], day.day, day.year
    return rng.choice([f"{d} {m} {y}", f"the {ordinal(d)} day of {m} {y}", f"{m} {d}, {y}", f"{d} {m} {y}",
                       day.strftime("%Y-%m-%d")])


def window(rng: random.Random, days: int) -> str:
    """A period ending now (the data clock), in this register."""
    n = num(rng, days)
    return rng.choice([
        f"within the last {n} days",
        f"during the {n} days immediately preceding the date of extraction",
        f"in the period of {n} days ending on the date on which the list is produced",
        f"within the {n}-day period ending on the date of this list",
        f"in the last {n} days",
        f"within {n} days before the list is drawn",
    ]).replace(f"{n}-day", f"{days}-day")


def cat_text(rng: random.Random, cat: str) -> str:
    title = " ".join(w if w == "&" else w.capitalize() for w in cat.split())
    return rng.choice([f"the “{title}” category", f"the {cat} category", f"the category “{cat}”",
                       f"the {title} product category", f"the “{cat}” range"])


def brand_text(rng: random.Random, brand: str) -> str:
    return rng.choice([f"the {brand} brand", f"the brand “{brand}”", f"the “{brand}” label", f"the {brand} brand"])


def country_text(country: str) -> str:
    return THE.get(country, country)


@dataclass
class Leaf:
    kind: str
    cond: dict
    mask: pd.Series
    pos: list[str]
    neg: list[str] = field(default_factory=list)
    negated: bool = False

    def vp(self, rng: random.Random, form: str, polarity: str | None = None) -> str:
        """The condition as a verb phrase in ``form`` (sg, pl, ger); ``polarity`` pos or neg, by default the leaf's own."""
        pol = polarity or ("neg" if self.negated else "pos")
        return conj(rng.choice(self.pos if pol == "pos" else self.neg), form)


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        self.n = len(ref.users)
        buys = ref.of("purchase")
        self.country = self._countries(buys)
        self.countries = sorted(self.country.dropna().unique())
        self.titles = [t for t in ref.titles if ref.who(buys[buys["title"] == t]).sum() >= 6]
        self.brands = [b for b in ref.brands if ref.who(buys[buys["brand"] == b]).sum() >= 7]

    def _countries(self, buys: pd.DataFrame) -> pd.Series:
        """The country customers most often buy from (ties to the first name), from purchases only; None without."""
        out = {}
        for user, rows in buys.groupby("user_id"):
            known = rows["country"].dropna()
            known = known[known != ""]
            if len(known):
                counts = known.value_counts()
                out[user] = sorted(counts[counts == counts.max()].index)[0]
        return pd.Series(out, dtype=object).reindex(self.ref.users)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        for _ in range(500):
            leaf = getattr(self, "_" + kind)(negated)
            if leaf is None:
                continue
            share = int(leaf.mask.sum())
            lo = 6 if kind == "bought_product" else 10
            if lo <= share <= int(self.n * 0.88):
                leaf.negated = negated
                return leaf
        raise RuntimeError(f"no sensible leaf for {kind}")

    # ---- helpers --------------------------------------------------------------------------------------------------
    def _bool(self, mask: pd.Series) -> pd.Series:
        return mask.reindex(self.ref.users).fillna(False).astype(bool)

    def _cmp(self, values: pd.Series, op: str, v: float, hi: float | None = None) -> pd.Series:
        ok = values.notna()
        x = values.fillna(0)
        m = {"ge": x >= v, "gt": x > v, "lt": x < v, "le": x <= v, "eq": x == v,
             "between": (x >= v) & (x <= (hi if hi is not None else v))}[op]
        return self._bool(ok & m)

    def _count_phrase(self, op: str, v: int, hi: int | None, one: str, many: str) -> str:
        r = self.rng
        if op == "ge" and v == 1:
            return r.choice([f"at least {num(r, 1)} {one}", f"one or more {many}", f"at least one {one}"])
        if op == "ge":
            return r.choice([f"at least {num(r, v)} {plural(v, one, many)}", f"not fewer than {num(r, v)} {plural(v, one, many)}",
                             f"{num(r, v)} or more {many}", f"a minimum of {num(r, v)} {plural(v, one, many)}"])
        if op == "gt":
            return r.choice([f"more than {num(r, v)} {plural(v, one, many)}", f"in excess of {num(r, v)} {plural(v, one, many)}"])
        if op == "eq":
            return r.choice([f"exactly {num(r, v)} {plural(v, one, many)}", f"precisely {num(r, v)} {plural(v, one, many)}",
                             f"{num(r, v)} {plural(v, one, many)} (no more and no fewer)"])
        if op == "between":
            st = r.choice([0, 1, 2])
            a, b = num(r, v, st), num(r, hi, st)
            return r.choice([f"between {a} and {b} {many} (both inclusive)", f"not fewer than {a} and not more than {b} {many}",
                             f"from {a} to {b} {many} inclusive"])
        if op == "le":
            return r.choice([f"no more than {num(r, v)} {plural(v, one, many)} (none at all included)",
                             f"at most {num(r, v)} {plural(v, one, many)}, including none"])
        return r.choice([f"fewer than {num(r, v)} {many} (including none at all)",
                         f"fewer than {num(r, v)} {many}, a customer with none counting as such"])

    def _pick_count(self, negated: bool, ge: list[int], eq: list[int], between: list[tuple[int, int]],
                    lt: list[int] = ()) -> tuple[str, int, int | None]:
        r = self.rng
        ops = ["ge", "ge", "gt"] if negated else ["ge", "ge", "gt", "eq", "between"] + (["lt"] if lt else [])
        op = r.choice(ops)
        if op == "eq":
            return op, r.choice(eq), None
        if op == "between":
            lo, hi = r.choice(between)
            return op, lo, hi
        if op == "lt":
            return op, r.choice(lt), None
        v = r.choice(ge)
        if op == "gt" and v == 1:
            op = "ge"
        return op, (v - 1 if op == "gt" else v), None

    # ---- kinds ----------------------------------------------------------------------------------------------------
    def _country(self, negated: bool) -> Leaf:
        r, c = self.rng, self.rng.choice(self.countries)
        t = country_text(c)
        pos = [f"{{is}} based in {t} (as recorded on their orders)", f"{{has}} placed their orders from {t}",
               f"{{has}} {t} as the country recorded on their orders", f"{{is}} located in {t} (by order country)"]
        return Leaf("country", {"kind": "country", "country": c}, self._bool(self.country == c), pos)

    def _country_not(self, negated: bool) -> Leaf:
        c = self.rng.choice(self.countries)
        t = country_text(c)
        pos = [f"{{is}} based in a country other than {t} (according to their order records)",
               f"{{has}} placed their orders from a country other than {t}",
               f"{{has}} a recorded order country that is not {t}",
               f"{{is}} recorded on their orders as located outside {t}"]
        return Leaf("country_not", {"kind": "country_not", "country": c},
                    self._bool(self.country.notna() & (self.country != c)), pos)

    def _bought_category(self, negated: bool, days: int | None = None) -> Leaf:
        r = self.rng
        cat = r.choice(self.ref.categories)
        rows = self.ref.of("purchase", days=days, category=cat)
        kind = "bought_category_within" if days else "bought_category"
        cond = {"kind": kind, "category": cat, **({"days": days} if days else {})}
        ct = cat_text(r, cat)
        if days:
            w = window(r, days)
            pos = [f"{{has}} purchased at least one item from {ct} {w}", f"{{has}} bought a product in {ct} {w}",
                   f"{{has}} made a purchase in {ct} {w}"]
            neg = [f"{{hasnt}} purchased any item from {ct} {w}", f"{{has}} made no purchase in {ct} {w}",
                   f"{{hasnt}} bought anything in {ct} {w} (whether or not they bought from it earlier)"]
        else:
            pos = [f"{{has}} purchased at least one item from {ct}", f"{{has}} at any time bought a product in {ct}",
                   f"{{has}} made one or more purchases in {ct}"]
            neg = [f"{{hasnever}} purchased any item from {ct}", f"{{hasnt}} at any time bought a product in {ct}",
                   f"{{has}} made no purchase whatsoever in {ct}"]
        return Leaf(kind, cond, self.ref.who(rows), pos, neg)

    def _bought_category_within(self, negated: bool) -> Leaf:
        return self._bought_category(negated, days=self.rng.choice([14, 21, 30, 45, 60, 90]))

    def _bought_brand(self, negated: bool, days: int | None = None) -> Leaf:
        r = self.rng
        brand = r.choice(self.brands)
        rows = self.ref.of("purchase", days=days, brand=brand)
        kind = "bought_brand_within" if days else "bought_brand"
        cond = {"kind": kind, "brand": brand, **({"days": days} if days else {})}
        bt = brand_text(r, brand)
        if days:
            w = window(r, days)
            pos = [f"{{has}} purchased a product of {bt} {w}", f"{{has}} bought at least one item sold under {bt} {w}",
                   f"{{has}} made a purchase of goods of {bt} {w}"]
            neg = [f"{{hasnt}} purchased any product of {bt} {w}", f"{{has}} made no purchase of goods of {bt} {w}"]
        else:
            pos = [f"{{has}} purchased a product of {bt}", f"{{has}} at any time bought an item sold under {bt}",
                   f"{{has}} made at least one purchase of goods of {bt}"]
            neg = [f"{{hasnever}} purchased any product of {bt}", f"{{hasnt}} at any time bought an item sold under {bt}"]
        return Leaf(kind, cond, self.ref.who(rows), pos, neg)

    def _bought_brand_within(self, negated: bool) -> Leaf:
        return self._bought_brand(negated, days=self.rng.choice([30, 45, 60, 90]))

    def _bought_product(self, negated: bool) -> Leaf:
        title = self.rng.choice(self.titles)
        rows = self.ref.of("purchase", title=title)
        pos = [f"{{has}} purchased the product “{title}”", f"{{has}} bought the item listed as “{title}”",
               f"{{has}} at least once purchased “{title}”"]
        neg = [f"{{hasnever}} purchased the product “{title}”", f"{{hasnt}} at any time bought the item listed as “{title}”"]
        return Leaf("bought_product", {"kind": "bought_product", "product": title}, self.ref.who(rows), pos, neg)

    def _last_purchase_within(self, negated: bool) -> Leaf:
        r = self.rng
        days = r.choice([7, 14, 21, 30, 45, 60, 90])
        w = window(r, days)
        pos = [f"{{has}} made at least one purchase {w}", f"{{has}} placed an order {w}", f"{{has}} bought something {w}"]
        neg = [f"{{hasnt}} made any purchase {w} (including customers who have never purchased at all)",
               f"{{has}} made no purchase {w}, whether or not they have ever purchased",
               f"{{hasnt}} placed any order {w}"]
        return Leaf("last_purchase_within", {"kind": "last_purchase_within", "days": days},
                    self.ref.who(self.ref.of("purchase", days=days)), pos, neg)

    def _last_purchase_more(self, negated: bool) -> Leaf:
        r = self.rng
        days = r.choice([14, 30, 45, 60, 90])
        n = num(r, days)
        newest = self.ref.newest("purchase")
        pos = [f"{{has}} purchased before but {{hasnt}} purchased in the last {n} days",
               f"{{has}} a most recent purchase dated more than {n} days before the date of extraction",
               f"{{has}} made a purchase at some time but none in the last {n} days",
               f"{{has}} previously bought from the Shop but made no purchase in the {n} days preceding the list"]
        return Leaf("last_purchase_more", {"kind": "last_purchase_more", "days": days},
                    self._bool(newest.notna() & (newest < self.ref.cut(days))), pos)

    def _last_seen_within(self, negated: bool) -> Leaf:
        r = self.rng
        days = r.choice([3, 7, 14, 21, 30])
        w = window(r, days)
        pos = [f"{{has}} had recorded activity of any kind on the Shop {w}", f"{{has}} interacted with the Shop in any way {w}",
               f"{{has}} been active on the Shop (any recorded event) {w}"]
        neg = [f"{{has}} had no recorded activity of any kind on the Shop {w}",
               f"{{hasnt}} interacted with the Shop in any way {w}"]
        return Leaf("last_seen_within", {"kind": "last_seen_within", "days": days},
                    self.ref.who(self.ref.of(None, days=days)), pos, neg)

    def _first_seen(self, negated: bool) -> Leaf:
        r = self.rng
        first = self.ref.oldest()
        op = r.choice(["within", "before", "after", "since"])
        if op == "within":
            days = r.choice([75, 90, 100])
            w = window(r, days)
            pos = [f"{{has}} a first recorded interaction with the Shop falling {w}",
                   f"{{has}} first interacted with the Shop (by any recorded event) {w}",
                   f"{{has}} an earliest recorded activity on the Shop dated {w}"]
            return Leaf("first_seen", {"kind": "first_seen", "op": "within", "days": days},
                        self._bool(first >= self.ref.cut(days)), pos)
        lo, hi = pd.Timestamp("2026-07-08", tz="UTC"), pd.Timestamp("2026-08-12", tz="UTC")
        day = lo + pd.Timedelta(days=r.randrange((hi - lo).days))
        d = date_text(r, day)
        if op == "before":
            mask = first < day
            pos = [f"{{has}} a first recorded interaction with the Shop dated before {d}",
                   f"{{has}} first interacted with the Shop (by any recorded event) earlier than {d}",
                   f"{{has}} been known to the Shop since a date prior to {d} (judged by their earliest recorded activity)"]
        elif op == "after":
            mask = first >= day + pd.Timedelta(days=1)
            pos = [f"{{has}} a first recorded interaction with the Shop dated after {d}",
                   f"{{has}} first interacted with the Shop (by any recorded event) after the close of {d}",
                   f"{{has}} an earliest recorded activity on the Shop falling after {d}"]
        else:
            mask = first >= day
            pos = [f"{{has}} a first recorded interaction with the Shop dated on or after {d}",
                   f"{{has}} first interacted with the Shop (by any recorded event) no earlier than {d}",
                   f"{{has}} an earliest recorded activity on the Shop falling on or after {d}"]
        return Leaf("first_seen", {"kind": "first_seen", "op": op, "date": day.strftime("%Y-%m-%d")}, self._bool(mask), pos)

    def _orders(self, negated: bool) -> Leaf:
        r = self.rng
        op, v, hi = self._pick_count(negated, [2, 3, 4, 5, 6, 8, 10, 12], [1, 2, 3, 4, 5], [(1, 3), (2, 5), (3, 6), (4, 8), (5, 10)],
                                     [2, 3, 4])
        o = self.ref.orders()
        cond = {"kind": "orders", "op": op, "value": v, **({"high": hi} if hi is not None else {})}
        ph = self._count_phrase(op, v, hi, "order", "orders")
        pos = [f"{{has}} placed {ph}", f"{{has}} {ph} on record with the Shop", f"{{has}} completed {ph}"]
        neg = []
        if negated:
            if op == "ge":
                neg = [f"{{hasnt}} placed {num(r, v)} or more orders", f"{{has}} placed fewer than {num(r, v)} orders, if any",
                       f"{{has}} fewer than {num(r, v)} orders on record (none at all included)"]
            else:
                neg = [f"{{hasnt}} placed more than {num(r, v)} {plural(v, 'order', 'orders')}",
                       f"{{has}} placed no more than {num(r, v)} {plural(v, 'order', 'orders')}, if any"]
        return Leaf("orders", cond, self._cmp(o, op, v, hi), pos, neg)

    def _aov(self, negated: bool) -> Leaf:
        r = self.rng
        op = r.choice(["ge", "ge", "gt", "lt", "between"])
        a = self.ref.aov()
        if op == "between":
            v, hi = r.choice([(20, 50), (30, 80), (40, 100), (50, 150), (25, 60)])
        else:
            v, hi = r.choice([20, 25, 30, 40, 50, 60, 75, 100, 150]), None
        cond = {"kind": "aov", "op": op, "value": v, **({"high": hi} if hi is not None else {})}
        st = r.choice([0, 1])
        amt = (f"of between {money(r, v, st)} and {money(r, hi, st)} inclusive" if op == "between" else
               {"ge": f"of at least {money(r, v)}", "gt": f"exceeding {money(r, v)}", "lt": f"below {money(r, v)}"}[op])
        pos = [f"{{has}} an average order value {amt}", f"{{has}} an average order value (gross spend divided by number of orders) {amt}",
               f"{{has}} placed orders whose average value is {amt.replace('of ', '')}".replace("is exceeding", "exceeds")]
        return Leaf("aov", cond, self._cmp(a, op, v, hi), pos)

    def _net_spend_over(self, negated: bool) -> Leaf:
        r = self.rng
        v = r.choice([50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500])
        m = money(r, v)
        pos = [f"{{has}} a net spend (purchases less refunded returns) of more than {m}",
               f"{{has}} spent, net of returns, more than {m} in total", f"{{has}} net lifetime purchases, after returns, exceeding {m}",
               f"{{has}} a total spend exceeding {m} once returns are deducted"]
        return Leaf("net_spend_over", {"kind": "net_spend_over", "value": v}, self._bool(self.ref.net_spend() > v), pos)

    def _net_spend_under(self, negated: bool) -> Leaf:
        r = self.rng
        v = r.choice([25, 50, 75, 100, 150, 200])
        buyers = r.random() < 0.7
        m = money(r, v)
        net = self.ref.net_spend()
        mask = net < v
        if buyers:
            mask = mask & self.ref.who(self.ref.of("purchase"))
            pos = [f"{{has}} made at least one purchase but {{has}} a net spend (after returns) of less than {m}",
                   f"{{has}} purchased from the Shop yet {{has}} a total spend, net of returns, below {m}",
                   f"{{has}} purchased at least once, with a spend net of returns still below {m}"]
        else:
            pos = [f"{{has}} a net spend (after returns) of less than {m} (customers who have never purchased included)",
                   f"{{has}} spent, net of returns, under {m} in total (including nothing at all)"]
        return Leaf("net_spend_under", {"kind": "net_spend_under", "value": v, "buyers_only": buyers}, self._bool(mask), pos)

    def _event_count(self, negated: bool, kind: str, etype: str, one: str, many: str, verbs: list[str], never: list[str],
                     made: str = "made") -> Leaf:
        r = self.rng
        op, v, hi = self._pick_count(negated, [1, 1, 2, 3, 4], [1, 2, 3], [(1, 2), (1, 3), (2, 4), (2, 5)])
        c = self.ref.count(etype)
        cond = {"kind": kind, "op": op, "value": v, **({"high": hi} if hi is not None else {})}
        ph = self._count_phrase(op, v, hi, one, many)
        pos = [x.format(ph=ph, has="{has}") for x in verbs]
        neg = []
        if negated:
            if op == "ge" and v == 1:
                neg = never
            elif op == "ge":
                neg = [f"{{hasnt}} {made} {num(r, v)} or more {many}", f"{{has}} fewer than {num(r, v)} {many} on record, if any"]
            else:
                neg = [f"{{has}} no more than {num(r, v)} {plural(v, one, many)} on record (including none)",
                       f"{{hasnt}} {made} more than {num(r, v)} {plural(v, one, many)}"]
        return Leaf(kind, cond, self._cmp(c, op, v, hi), pos, neg)

    def _returns_count(self, negated: bool) -> Leaf:
        return self._event_count(negated, "returns_count", "return", "return", "returns",
                                 ["{has} made {ph}", "{has} {ph} recorded against them",
                                  "{has} {ph} to their name"],
                                 ["{hasnever} returned any item", "{hasnt} made a single return",
                                  "{has} no return of any kind on record"])

    def _reviews_count(self, negated: bool) -> Leaf:
        return self._event_count(negated, "reviews_count", "review", "product review", "product reviews",
                                 ["{has} written {ph}", "{has} submitted {ph} to the Shop", "{has} {ph} on record"],
                                 ["{hasnever} written a product review", "{hasnt} submitted any product review",
                                  "{has} no product review on record"], made="written")

    def _support_count(self, negated: bool) -> Leaf:
        return self._event_count(negated, "support_count", "support_message", "message to customer support",
                                 "messages to customer support",
                                 ["{has} sent {ph}", "{has} {ph} on record", "{has} addressed {ph}"],
                                 ["{hasnever} contacted customer support", "{hasnt} sent any message to customer support",
                                  "{has} no customer-support message on record"], made="sent")

    def _returned(self, negated: bool) -> Leaf:
        r = self.rng
        cat = r.choice(self.ref.categories)
        ct = cat_text(r, cat)
        pos = [f"{{has}} returned at least one item from {ct}", f"{{has}} sent back a product in {ct}",
               f"{{has}} a return on record for a product in {ct}"]
        neg = [f"{{hasnever}} returned an item from {ct}", f"{{has}} no return on record for any product in {ct}"]
        return Leaf("returned", {"kind": "returned", "category": cat}, self.ref.who(self.ref.of("return", category=cat)), pos, neg)

    def _reviewed(self, negated: bool) -> Leaf:
        r = self.rng
        cat = r.choice(self.ref.categories)
        ct = cat_text(r, cat)
        pos = [f"{{has}} reviewed at least one product in {ct}", f"{{has}} written a review of an item from {ct}",
               f"{{has}} a product review on record for {ct}"]
        neg = [f"{{hasnever}} reviewed a product in {ct}", f"{{hasnt}} written any review of an item from {ct}"]
        return Leaf("reviewed", {"kind": "reviewed", "category": cat}, self.ref.who(self.ref.of("review", category=cat)), pos, neg)

    def _rating(self, negated: bool, which: str) -> Leaf:
        r = self.rng
        s = self.ref.rating(which)
        stars = lambda v: f"{num(r, int(v)) if float(v).is_integer() else v} {'star' if v == 1 else 'stars'}"  # noqa: E731
        if which == "min":
            op, v = r.choice([("le", 1), ("le", 2), ("ge", 3), ("ge", 4)])
            if op == "le" and v == 1:
                pos = [f"{{has}} given at least one star rating of {stars(1)}", f"{{has}} a lowest review rating of {stars(1)}",
                       f"{{has}} awarded the minimum of {stars(1)} in at least one review"]
            elif op == "le":
                pos = [f"{{has}} given at least one star rating no higher than {stars(v)}",
                       f"{{has}} a lowest review rating of not more than {stars(v)}",
                       f"{{has}} awarded a rating no higher than {stars(v)} in at least one review"]
            else:
                pos = [f"{{has}} left star ratings all of which are at least {stars(v)}",
                       f"{{has}} a lowest review rating of at least {stars(v)}",
                       f"{{has}} rated products but never below {stars(v)}"]
        elif which == "max":
            op, v = r.choice([("ge", 5), ("ge", 4), ("le", 2), ("le", 3)])
            if op == "ge" and v == 5:
                pos = [f"{{has}} given at least one star rating of {stars(5)}", f"{{has}} a highest review rating of {stars(5)}",
                       f"{{has}} awarded the maximum {stars(5)} in at least one review"]
            elif op == "ge":
                pos = [f"{{has}} given a star rating of at least {stars(v)} in at least one review",
                       f"{{has}} a highest review rating of at least {stars(v)}",
                       f"{{has}} awarded at least {stars(v)} in at least one review"]
            else:
                pos = [f"{{has}} left star ratings none of which is above {stars(v)}",
                       f"{{has}} a highest review rating of not more than {stars(v)}",
                       f"{{has}} rated products but never higher than {stars(v)}"]
        elif which == "average":
            op = r.choice(["ge", "ge", "lt", "le", "between"])
            v = r.choice([2, 2.5, 3, 3.5, 4, 4.5])
            hi = None
            if op == "between":
                v, hi = r.choice([(2, 3.5), (3, 4), (2.5, 4), (1, 2.5)])
            text = {"ge": f"of at least {v}", "lt": f"below {v}", "le": f"of no more than {v}",
                    "between": f"between {v} and {hi} inclusive"}[op]
            pos = [f"{{has}} an average star rating, across the reviews they have written, {text}",
                   f"{{has}} awarded ratings averaging {text.replace('of ', '')}",
                   f"{{has}} a mean review score {text} (on the five-star scale)"]
            return Leaf("rating_average", {"kind": "rating_average", "op": op, "value": v, **({"high": hi} if hi else {})},
                        self._cmp(s, op, v, hi), pos)
        else:
            op, v = r.choice([("le", 2), ("le", 1), ("ge", 4), ("eq", 5), ("eq", 3), ("ge", 5)])
            text = {"le": f"of no more than {stars(v)}", "ge": f"of at least {stars(v)}", "eq": f"of exactly {stars(v)}"}[op]
            if (op, v) in (("le", 1), ("ge", 5)):
                text = f"of {stars(v)}"
            pos = [f"{{has}} given their most recent review a star rating {text}",
                   f"{{has}} a latest star rating {text}",
                   f"{{has}} most recently rated a product with a score {text}"]
        return Leaf(f"rating_{which}", {"kind": f"rating_{which}", "op": op, "value": v}, self._cmp(s, op, v), pos)

    def _rating_min(self, negated: bool) -> Leaf:
        return self._rating(negated, "min")

    def _rating_max(self, negated: bool) -> Leaf:
        return self._rating(negated, "max")

    def _rating_average(self, negated: bool) -> Leaf:
        return self._rating(negated, "average")

    def _rating_latest(self, negated: bool) -> Leaf:
        return self._rating(negated, "latest")

    def _viewed_not_bought(self, negated: bool) -> Leaf:
        r = self.rng
        cat = r.choice(self.ref.categories)
        days = r.choice([None, 30, 45, 60])
        ct = cat_text(r, cat)
        seen = self.ref.who(self.ref.of("view", days=days, category=cat))
        bought = self.ref.who(self.ref.of("purchase", days=days, category=cat))
        if days:
            w = window(r, days)
            pos = [f"{{has}} viewed products in {ct} {w} without purchasing anything from that category in that period",
                   f"{{has}}, {w}, looked at items in {ct} but not bought any item from it during that same period",
                   f"{{has}} browsed {ct} {w} without any purchase from that category in that period"]
        else:
            pos = [f"{{has}} viewed products in {ct} but {{hasnever}} purchased anything from that category",
                   f"{{has}} looked at items in {ct} without ever buying from it",
                   f"{{has}} browsed {ct} yet {{hasnt}} at any time made a purchase there"]
        cond = {"kind": "viewed_not_bought", "category": cat, **({"days": days} if days else {})}
        return Leaf("viewed_not_bought", cond, self._bool(seen & ~bought), pos)

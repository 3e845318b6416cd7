"""Fourth blind set: each condition kind drawn over the shop (pandas via ``Ref``), with a safe value, its
``conditions`` leaf, its customer mask and its clauses (plural / singular verb tokens, positive and negated)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

from marketer_reference import DAY, Ref, place

KINDS = ["country", "country_not", "bought_category", "bought_brand", "bought_product", "bought_category_within",
         "bought_brand_within", "last_purchase_within", "last_purchase_more", "viewed_not_bought", "returned", "reviewed",
         "orders", "returns_count", "reviews_count", "support_count", "net_spend_over", "net_spend_under", "aov",
         "first_seen", "last_seen_within", "rating_min", "rating_max", "rating_average", "rating_latest"]
NEGATABLE = {"bought_category", "bought_brand", "bought_product", "returned", "reviewed", "last_seen_within"}
PURCHASE_IMPLYING = {"country", "country_not", "bought_category", "bought_brand", "bought_product", "orders", "aov"}
WINDOWS = {7: ["7 days", "the past week", "the last week"], 14: ["14 days", "two weeks", "the last fortnight"],
           21: ["21 days", "three weeks"], 30: ["30 days"], 42: ["six weeks", "42 days"], 60: ["60 days"],
           90: ["90 days"], 45: ["45 days"], 120: ["120 days"]}


@dataclass
class Leaf:
    """One condition: gold mask, conditions dict, clause (verb phrase with {have} {are} {do} {s} tokens)."""
    cond: dict
    mask: pd.Series
    pos: list[str]
    neg: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def kind(self) -> str:
        return str(self.cond["kind"])


def verb(text: str, singular: bool) -> str:
    """Fill the number tokens of a clause."""
    if singular:
        return text.format(have="has", are="is", do="does", s="s", es="es", were="was")
    return text.format(have="have", are="are", do="do", s="", es="", were="were")


class Draw:
    """Draws leaves with values where the plausible readings select the same customers."""

    def __init__(self, ref: Ref, rng: random.Random) -> None:
        self.r, self.rng = ref, rng
        self.buys = ref.of("purchase")
        self.country = self._country()
        self.countries = [c for c in self.country.dropna().value_counts().index]
        self.midnight = ref.clock.normalize()
        first = ref.oldest().dt.normalize()
        days = pd.date_range(first.min() + DAY, first.max() - DAY, freq="D")
        self.free_days = [d for d in days if not (first == d).any()]

    def _country(self) -> pd.Series:
        out = {}
        for u, rows in self.buys.groupby("user_id"):
            known = rows["country"].dropna()
            known = known[known != ""]
            if len(known):
                counts = known.value_counts()
                out[u] = sorted(counts[counts == counts.max()].index)[0]
        return pd.Series(out, dtype=object).reindex(self.r.users)

    def s(self, values: pd.Series) -> pd.Series:
        return pd.Series(self.r.users, index=self.r.users).isin(set(values))

    def window(self, fn, choices: list[int] | None = None) -> tuple[int, pd.Series] | None:
        """A window N whose rolling and calendar readings agree; fn(cut) -> mask."""
        ns = list(choices or WINDOWS)
        self.rng.shuffle(ns)
        for n in ns:
            cuts = [self.r.clock - n * DAY, self.midnight - n * DAY, self.midnight - (n - 1) * DAY]
            masks = [fn(c) for c in cuts]
            if all(m.equals(masks[0]) for m in masks) and 4 <= masks[0].sum() <= 240:
                return n, masks[0]
        return None

    def span(self, n: int) -> str:
        return self.rng.choice(WINDOWS[n])

    def threshold(self, values: pd.Series, cands: list[float], lo: int = 6, hi: int = 220) -> float | None:
        """A value with no customer exactly on it and a non-trivial side."""
        cands = list(cands)
        self.rng.shuffle(cands)
        for v in cands:
            if (values == v).any():
                continue
            if lo <= (values > v).sum() <= hi and lo <= (values < v).sum():
                return v
        return None

    def draw(self, kind: str) -> Leaf | None:  # noqa: PLR0911, PLR0912, PLR0915
        r, g, b = self.r, self.rng, self.buys
        if kind == "country":
            c = g.choice(self.countries)
            p = place(c)
            return Leaf({"kind": kind, "country": c}, self.country == c,
                        [f"{{are}} in {p}", f"{{have}} ordered from {p}", f"{{are}} based in {p}", f"shop{{s}} with us from {p}"])
        if kind == "country_not":
            c = g.choice(self.countries)
            p = place(c)
            m = self.country.notna() & (self.country != c)
            return Leaf({"kind": kind, "country": c}, m,
                        [f"{{have}} bought from us but {{are}} outside {p}", f"{{have}} placed orders from a country other than {p}",
                         f"{{have}} bought from us from anywhere except {p}"], note=f"buyers only, {p} excluded")
        if kind in ("bought_category", "bought_category_within"):
            c = g.choice(r.categories)
            if kind == "bought_category":
                m = self.s(b[b["category"] == c]["user_id"])
                return Leaf({"kind": kind, "category": c}, m,
                            [f"{{have}} bought {c}", f"{{have}} purchased something from {c}", f"{{have}} ordered {c} products",
                             f"{{have}} bought at least one item in the {c} category"],
                            [f"{{have}} never bought anything from {c}", f"{{have}} never purchased {c}"], note=f"any {c} purchase")
            rows = b[b["category"] == c]
            w = self.window(lambda cut: self.s(rows[rows["ts"] >= cut]["user_id"]))
            if not w:
                return None
            n, m = w
            sp = self.span(n)
            return Leaf({"kind": kind, "category": c, "days": n}, m,
                        [f"{{have}} bought {c} in the last {sp}", f"{{have}} purchased from {c} within the past {sp}"],
                        [f"{{have}}n't bought {c} in the last {sp}"], note=f"{c} order in the last {n} days")
        if kind in ("bought_brand", "bought_brand_within"):
            br = g.choice(r.brands[:35])
            rows = b[b["brand"] == br]
            if kind == "bought_brand":
                return Leaf({"kind": kind, "brand": br}, self.s(rows["user_id"]),
                            [f"{{have}} bought {br}", f"{{have}} purchased anything from the brand {br}", f"{{have}} ordered {br} products"],
                            [f"{{have}} never bought {br}", f"{{have}} never ordered anything by {br}"], note=f"{br} is a brand")
            w = self.window(lambda cut: self.s(rows[rows["ts"] >= cut]["user_id"]))
            if not w:
                return None
            n, m = w
            sp = self.span(n)
            return Leaf({"kind": kind, "brand": br, "days": n}, m,
                        [f"{{have}} bought {br} in the last {sp}", f"{{have}} ordered from the {br} brand within the past {sp}"],
                        [f"{{have}}n't bought {br} in the last {sp}"])
        if kind == "bought_product":
            t = g.choice(r.titles[:30])
            return Leaf({"kind": kind, "product": t}, self.s(b[b["title"] == t]["user_id"]),
                        [f"{{have}} bought the \"{t}\"", f"{{have}} purchased the {t}", f"{{have}} ordered the product '{t}'"],
                        [f"{{have}} never bought the \"{t}\""], note="that exact product")
        if kind == "last_purchase_within":
            w = self.window(lambda cut: self.s(b[b["ts"] >= cut]["user_id"]))
            if not w:
                return None
            n, m = w
            sp = self.span(n)
            return Leaf({"kind": kind, "days": n}, m,
                        [f"{{have}} bought something in the last {sp}", f"{{have}} placed an order within the past {sp}",
                         f"{{have}} made a purchase in the last {sp}"],
                        [f"{{have}}n't bought anything in the last {sp}", f"{{have}}n't ordered in the past {sp}"])
        if kind == "last_purchase_more":
            last = b.groupby("user_id")["ts"].max()
            w = self.window(lambda cut: self.s(last[last < cut].index), [30, 42, 45, 60, 90, 120])
            if not w:
                return None
            n, m = w
            sp = self.span(n)
            return Leaf({"kind": kind, "days": n}, m,
                        [f"{{have}} bought before but not in the last {sp}", f"last ordered more than {sp} ago",
                         f"{{have}} a last purchase older than {sp}"], note="lapsed buyers")
        if kind == "viewed_not_bought":
            c = g.choice(r.categories)
            views = r.of("view", category=c)
            carts = r.of(("view", "cart"), category=c)
            bc = b[b["category"] == c]
            ever = self.s(bc["user_id"])
            base = self.s(views["user_id"]) & ~ever
            if not base.equals(self.s(carts["user_id"]) & ~ever):
                return None
            if g.random() < 0.6:
                if not 4 <= base.sum() <= 240:
                    return None
                return Leaf({"kind": kind, "category": c}, base,
                            [f"{{have}} looked at {c} products but never bought any", f"{{have}} viewed {c} items without ever buying one",
                             f"browse{{s}} {c} but {{have}} never purchased from it"], note="viewed, no purchase")

            def fn(cut: pd.Timestamp) -> pd.Series:
                return self.s(views[views["ts"] >= cut]["user_id"]) & ~self.s(bc[bc["ts"] >= cut]["user_id"])

            def agree(cut: pd.Timestamp) -> bool:
                m1 = self.s(views[views["ts"] >= cut]["user_id"])
                m2 = self.s(carts[carts["ts"] >= cut]["user_id"])
                a = fn(cut)
                return a.equals(m1 & ~ever) and a.equals(m2 & ~self.s(bc[bc["ts"] >= cut]["user_id"]))
            w = self.window(fn, [7, 14, 21, 30, 42])
            if not w or not all(agree(c) for c in (r.clock - w[0] * DAY, self.midnight - w[0] * DAY, self.midnight - (w[0] - 1) * DAY)):
                return None
            n, m = w
            sp = self.span(n)
            return Leaf({"kind": kind, "category": c, "days": n}, m,
                        [f"{{have}} viewed {c} in the last {sp} but never bought any", f"look{{s}} at {c} items in the past {sp} without ever purchasing"])
        if kind in ("returned", "reviewed"):
            t = "return" if kind == "returned" else "review"
            c = g.choice(r.categories)
            m = self.s(r.of(t, category=c)["user_id"])
            if kind == "returned":
                return Leaf({"kind": kind, "category": c}, m, [f"{{have}} returned a {c} item", f"{{have}} sent back something from {c}",
                                                              f"{{have}} returned {c} products"],
                            [f"{{have}} never returned anything from {c}"])
            return Leaf({"kind": kind, "category": c}, m, [f"{{have}} reviewed a {c} product", f"{{have}} written a review of something in {c}",
                                                          f"{{have}} left a review on a {c} item"], [f"{{have}} never reviewed a {c} product"])
        if kind == "orders":
            o = r.orders()
            op = g.choice(["ge", "le", "eq", "ge"])
            v = g.choice([2, 3, 4, 5, 6, 8, 10, 12]) if op != "le" else g.choice([2, 3])
            m = {"ge": o >= v, "le": (o <= v) & (o > 0), "eq": o == v}[op]
            if op == "le":
                txt = [f"{{have}} ordered at least once but no more than {v} times", f"{{have}} between 1 and {v} orders"]
                return Leaf({"kind": kind, "op": "between", "value": 1, "high": v}, m, txt)
            txt = {"ge": [f"{{have}} placed at least {v} orders", f"{{have}} {v} or more orders", f"{{have}} ordered {v}+ times"],
                   "eq": [f"{{have}} placed exactly {v} orders", f"{{have}} exactly {v} orders on record"]}[op]
            return Leaf({"kind": kind, "op": op, "value": v}, m, txt)
        if kind in ("returns_count", "reviews_count", "support_count"):
            t = {"returns_count": "return", "reviews_count": "review", "support_count": "support_message"}[kind]
            cnt = r.count(t)
            noun = {"return": "returns", "review": "reviews", "support_message": "support messages"}[t]
            op = g.choice(["ge", "ge", "eq0", "le"])
            v = g.choice([2, 3, 4, 5]) if op != "le" else g.choice([1, 2])
            if t == "return":
                qty = self.series_sum(r.of("return")["quantity"].fillna(1))
                if op != "eq0" and not ((cnt >= v).equals(qty >= v) and (cnt <= v).equals(qty <= v)):
                    return None
            if op == "eq0":
                return Leaf({"kind": kind, "op": "eq", "value": 0}, cnt == 0,
                            [f"{{have}} no {noun} at all", f"{{have}} zero {noun}"])
            if op == "le":
                return Leaf({"kind": kind, "op": "le", "value": v}, cnt <= v,
                            [f"{{have}} at most {v} {noun}", f"{{have}} no more than {v} {noun if v > 1 else noun[:-1]} (none is fine too)"])
            return Leaf({"kind": kind, "op": "ge", "value": v}, cnt >= v,
                        [f"{{have}} at least {v} {noun}", f"{{have}} {v} or more {noun}", f"{{have}} logged {v}+ {noun}"])
        if kind == "net_spend_over":
            ns = r.net_spend()
            gross = r.series(b.groupby("user_id")["money"].sum(), 0.0)
            v = self.threshold(ns, [50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1500, 2000])
            if v is None:
                return None
            txt = [f"{{have}} a net spend over {v:g}", f"{{have}} spent more than {v:g} after returns",
                   f"{{have}} net spend above {v:g} (returns deducted)"]
            if (ns > v).equals(gross > v) and not (gross == v).any():
                txt += [f"{{have}} spent more than {v:g} in total", f"{{have}} spent over {v:g}"]
            return Leaf({"kind": kind, "value": v}, ns > v, txt)
        if kind == "net_spend_under":
            ns = r.net_spend()
            buyer = self.s(b["user_id"])
            v = self.threshold(ns[buyer], [25, 50, 75, 100, 150, 200, 300])
            if v is None:
                return None
            return Leaf({"kind": kind, "value": v, "buyers_only": True}, buyer & (ns < v),
                        [f"{{have}} bought something but {{have}} a net spend under {v:g}",
                         f"{{have}} ordered, with a spend after returns below {v:g}", f"{{have}} ordered but net spent less than {v:g}"])
        if kind == "aov":
            a = r.aov()
            op = g.choice(["gt", "lt"])
            v = self.threshold(a.dropna(), [20, 25, 30, 40, 50, 60, 75, 100, 150, 200])
            if v is None:
                return None
            m = (a > v) if op == "gt" else (a < v)
            w = "above" if op == "gt" else "below"
            return Leaf({"kind": kind, "op": op, "value": v}, m.fillna(False),
                        [f"{{have}} an average order value {w} {v:g}", f"{{have}} an AOV {w} {v:g}",
                         f"spend{{s}} on average {'more' if op == 'gt' else 'less'} than {v:g} per order"], note="gross per order")
        if kind == "first_seen":
            d = g.choice(self.free_days)
            op = g.choice(["before", "after", "since"])
            first = r.oldest()
            m = {"before": first < d, "after": first >= d + DAY, "since": first >= d}[op]
            ds = g.choice([f"{d:%B} {d.day}, {d:%Y}", f"{d.day} {d:%B} {d:%Y}", f"{d:%Y-%m-%d}", f"{d.day} {d:%b}"])
            txt = {"before": [f"first showed up before {ds}", f"{{were}} first seen before {ds}", f"{{have}} been around since before {ds}"],
                   "after": [f"first showed up after {ds}", f"{{were}} first seen after {ds}", f"joined after {ds}"],
                   "since": [f"first showed up on or after {ds}", f"{{were}} first seen since {ds}", f"{{are}} new since {ds}"]}[op]
            return Leaf({"kind": kind, "op": op, "date": f"{d:%Y-%m-%d}"}, m, txt)
        if kind == "last_seen_within":
            last = r.newest(None)
            w = self.window(lambda cut: last >= cut, [7, 14, 21, 30, 42, 60])
            if not w:
                return None
            n, m = w
            sp = self.span(n)
            return Leaf({"kind": kind, "days": n}, m, [f"{{have}} been active in the last {sp}", f"{{have}} visited in the past {sp}",
                                                      f"{{have}} had any activity within the last {sp}"],
                        [f"{{have}}n't been active in the last {sp}", f"{{have}} shown no activity at all in the past {sp}"])
        if kind.startswith("rating_"):
            which = kind.split("_")[1]
            x = r.rating("min" if which == "min" else which)
            if which == "min":
                v = g.choice([3, 4])
                return Leaf({"kind": kind, "op": "ge", "value": v}, (x >= v).fillna(False),
                            [f"{{have}} never rated anything below {v} stars (and {{have}} rated at least once)",
                             f"{{have}} given only ratings of {v} stars or more"])
            if which == "max":
                v = g.choice([2, 3])
                return Leaf({"kind": kind, "op": "le", "value": v}, (x <= v).fillna(False),
                            [f"{{have}} reviewed but never gave more than {v} stars", f"{{have}} a best rating of {v} stars or lower"])
            if which == "average":
                op, v = g.choice([("lt", 3), ("ge", 4), ("lt", 2.5), ("gt", 4.5), ("ge", 3.5)])
                w = {"lt": "below", "ge": "of at least", "gt": "above"}[op]
                m = {"lt": x < v, "ge": x >= v, "gt": x > v}[op]
                return Leaf({"kind": kind, "op": op, "value": v}, m.fillna(False),
                            [f"{{have}} an average rating {w} {v:g}", f"{{have}} average review scores {w} {v:g} stars"])
            v = g.choice([1, 2, 5, 4])
            return Leaf({"kind": kind, "op": "eq", "value": v}, (x == v).fillna(False),
                        [f"{{have}} a most recent review of {v} star{'s' if v > 1 else ''}", f"gave {v} star{'s' if v > 1 else ''} in their latest review"])
        raise ValueError(kind)

    def series_sum(self, q: pd.Series) -> pd.Series:
        rows = self.r.of("return")
        return self.r.series(q.groupby(rows["user_id"]).sum(), 0)

"""Second blind marketer set: the shop's facts (``World``, built on ``marketer_reference.Ref``) and every
condition kind as a ``Leaf``: its condition dict, its customer mask, and its phrasings in five slots:

- ``np``: a whole noun phrase for the audience ("German customers", "lapsed buyers ...");
- ``vp``: a verb phrase after "customers who" ("bought kitchen items in the last fortnight");
- ``neg``: the negated verb phrase, only where the complement over all customers is the one natural reading;
- ``post``: a post-modifier after "customers" ("based in Spain", "by whom a Saltmill product was bought",
  "whose average order value tops €80");
- ``crit``: a terse criterion for bullet lists and exports ("country: Spain", "AOV > €80").

Windows are only phrased where the rolling and both calendar readings select the same customers, "a month"
only where every 28-31 day window agrees, dates only where nobody was first seen on that day, "spent" only
where gross and net spend agree, "items" for returns only where counting quantities agrees."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from marketer_reference import DAY, Ref

WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
         12: "twelve", 14: "fourteen", 20: "twenty", 21: "twenty-one", 30: "thirty", 42: "forty-two", 45: "forty-five",
         60: "sixty", 90: "ninety"}
CODE = {"Germany": "DE", "United Kingdom": "UK", "United States": "US", "France": "FR", "Netherlands": "NL", "Spain": "ES"}
ADJ = {"Germany": "German", "United Kingdom": "British", "United States": "American", "France": "French",
       "Netherlands": "Dutch", "Spain": "Spanish"}
THE = {"United Kingdom", "United States", "Netherlands"}
CATEGORY_NOUNS = {
    "kitchen": ["kitchen items", "kitchen products", "something from the kitchen range", "kitchenware"],
    "books": ["books", "a book", "something from the books category"],
    "electronics": ["electronics", "an electronics product", "something in electronics"],
    "fashion": ["fashion items", "something from the fashion category", "fashion products"],
    "beauty": ["beauty products", "something from the beauty range", "beauty items"],
    "garden decor": ["garden decor", "garden décor items", "something from the garden decor range"],
    "home office": ["home office products", "home-office gear", "something from the home office category"],
    "pet supplies": ["pet supplies", "pet-supply items", "something from the pet supplies category"],
    "sports & outdoors": ["sports & outdoors gear", "sports and outdoors products", "something from sports & outdoors"],
    "toys & games": ["toys & games", "something from toys and games", "toys-and-games products"],
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


def num(n: int, rng: random.Random, word_ok: bool = True) -> str:
    return WORDS[n] if word_ok and n in WORDS and rng.random() < 0.4 else str(n)


def money(v: float, rng: random.Random) -> str:
    v = int(v)
    s = f"{v:,}" if v >= 1000 and rng.random() < 0.6 else str(v)
    return rng.choice([f"€{s}", f"€{s}", f"{s} euros", f"EUR {s}", f"{s} EUR"])


@dataclass
class Leaf:
    cond: dict
    mask: pd.Series
    np: list = field(default_factory=list)
    vp: list = field(default_factory=list)
    neg: list = field(default_factory=list)
    post: list = field(default_factory=list)
    crit: list = field(default_factory=list)
    buyer: bool = False  # implies a purchase
    solo: bool = False  # only asked on its own
    neg_needs: tuple | None = None  # the negation is only used under a condition like this one (lapsed readings agree)

    @property
    def kind(self) -> str:
        return self.cond["kind"]


class World:
    def __init__(self, folder: Path) -> None:
        r = self.r = Ref(folder)
        self.users, self.clock, self.n = r.users, r.clock, len(r.users)
        self.midnight = self.clock.normalize()
        self.country = r.country()
        self.orders = r.orders()
        self.net = r.net_spend()
        self.gross = r.series(r.of("purchase").groupby("user_id")["money"].sum(), 0.0).round(2)
        self.aov = r.aov()
        self.count = {k: r.count(k) for k in ("return", "review", "support_message")}
        self.return_qty = r.series(r.of("return").groupby("user_id")["quantity"].sum(), 0)
        self.last_buy = r.newest("purchase")
        self.last_seen = r.newest(None)
        self.first = r.oldest()
        self.rating = {w: r.rating(w) for w in ("min", "max", "average", "latest")}
        self.buyers = self.orders > 0
        self.categories = r.categories
        self.brands = r.brands[:30]
        self.titles = [t for t in r.titles if 3 <= r.who(r.of("purchase", title=t)).sum()][:30]

    # --- helpers
    def ok(self, mask: pd.Series) -> bool:
        return 2 <= int(mask.sum()) <= self.n - 10

    def cuts(self, days: int) -> list:
        return [self.clock - days * DAY, self.midnight - days * DAY, self.midnight - (days - 1) * DAY]

    def agrees(self, fn, days: int, spread: tuple = ()) -> bool:
        """fn(cut) -> mask; the same customers for every reading of 'the last `days` days' (and every length in spread)."""
        base = fn(self.clock - days * DAY)
        for d in (days, *spread):
            for c in self.cuts(d):
                if not fn(c).equals(base):
                    return False
        return True

    def bought(self, cut=None, **match) -> pd.Series:
        rows = self.r.of("purchase", **match)
        if cut is not None:
            rows = rows[rows["ts"] >= cut]
        return self.r.who(rows)

    def windows(self, fn) -> list:
        """[(days, phrases, crit)] of windows whose readings agree for fn."""
        out = []
        for days in (7, 14, 21, 30, 42, 45, 60, 90):
            agree = self.agrees(fn, days)
            if not agree and days not in (7, 14, 30):
                continue
            month = days == 30 and self.agrees(fn, 30, tuple(range(28, 32)))
            quarter = days == 90 and self.agrees(fn, 90, tuple(range(89, 93)))
            two_months = days == 60 and self.agrees(fn, 60, tuple(range(59, 63)))
            out.append((days, window_phrases(days, month, quarter, two_months), window_crit(days),
                        {} if agree else {"calendar_agrees": False}))
        return out


def window_phrases(days: int, month: bool, quarter: bool, two_months: bool) -> list:
    w = WORDS.get(days, str(days))
    p = [f"in the last {days} days", f"over the past {days} days", f"within the last {w} days", f"in the past {days} days"]
    p += {7: ["in the last week", "over the past seven days", "in the last 7 days"],
          14: ["in the last two weeks", "over the past fortnight", "in the last fortnight"],
          21: ["in the last three weeks", "over the past 3 weeks"],
          42: ["in the last six weeks", "over the past 6 weeks"]}.get(days, [])
    if month:
        p += ["in the last month", "over the past month", "within the past month"]
    if quarter:
        p += ["in the last three months", "over the past 3 months"]
    if two_months:
        p += ["in the last two months"]
    return p


def window_crit(days: int) -> list:
    return [f"last {days} days", f"last {days}d", f"past {days} days"]


def over_days(days: int) -> list:
    w = WORDS.get(days, str(days))
    return [f"more than {days} days ago", f"over {w} days ago", f"more than {w} days back"] + (
        {14: ["more than two weeks ago", "over a fortnight ago"], 21: ["more than three weeks ago"],
         42: ["more than six weeks ago"], 7: ["more than a week ago"]}.get(days, []))


OPW = {"ge": "at least", "gt": "more than", "lt": "fewer than", "le": "at most", "eq": "exactly"}


def count_phrase(op: str, v: int, noun: str, plural: str, rng: random.Random, hi: int | None = None) -> str:
    """'at least three orders' etc; zero-including ops say so."""
    n = num(v, rng)
    nn = noun if v == 1 else plural
    if op == "ge":
        return rng.choice([f"at least {n} {nn}", f"{v}+ {plural}", f"{n} or more {plural}", f"no fewer than {n} {nn}"])
    if op == "gt":
        return rng.choice([f"more than {n} {nn}", f"over {n} {nn}"])
    if op == "eq":
        if v == 0:
            return f"no {plural} at all"
        return rng.choice([f"exactly {n} {nn}", f"precisely {n} {nn}"])
    if op == "lt":
        return rng.choice([f"fewer than {n} {plural} (none counts)", f"less than {n} {plural} (zero included)"])
    if op == "le":
        return rng.choice([f"at most {n} {nn} (or none)", f"{n} {nn} or fewer (including none)"])
    if op == "between":
        return rng.choice([f"between {num(v, rng)} and {num(hi, rng)} {plural}", f"{v}-{hi} {plural}",
                           f"anywhere from {v} to {hi} {plural}"])
    raise ValueError(op)


def count_crit(op: str, v: int, label: str, hi: int | None = None) -> str:
    sym = {"ge": "≥", "gt": ">", "lt": "<", "le": "≤", "eq": "="}
    if op == "between":
        return f"{label} between {v} and {hi}"
    return f"{label} {sym[op]} {v}"


def count_mask(s: pd.Series, op: str, v: float, hi: float | None = None) -> pd.Series:
    if op == "ge":
        return s >= v
    if op == "gt":
        return s > v
    if op == "lt":
        return s < v
    if op == "le":
        return s <= v
    if op == "eq":
        return s == v
    if op == "between":
        return (s >= v) & (s <= hi)
    raise ValueError(op)


def times(op: str, v: int, rng: random.Random, hi: int | None = None) -> str:
    def t(n: int) -> str:
        return {1: "once", 2: "twice"}.get(n) or f"{num(n, rng)} times"
    if op == "ge":
        return rng.choice([f"at least {t(v)}", f"{t(v)} or more" if v > 1 else "at least once"])
    if op == "gt":
        return f"more than {t(v)}"
    if op == "eq":
        return "never" if v == 0 else rng.choice([f"exactly {t(v)}", f"just {t(v)}" if v == 1 else f"exactly {t(v)}"])
    if op in ("lt", "le"):
        top = v - 1 if op == "lt" else v
        return rng.choice([f"no more than {t(top)} (or never)", f"{t(top)} at most (or never)"])
    if op == "between":
        return rng.choice([f"between {num(v, rng)} and {num(hi, rng)} times", f"{v} to {hi} times"])
    raise ValueError(op)


def cmp_money(op: str, v: float, rng: random.Random, hi: float | None = None) -> str:
    m = money(v, rng)
    return {"gt": rng.choice([f"above {m}", f"over {m}", f"exceeding {m}", f"higher than {m}"]),
            "ge": rng.choice([f"of at least {m}", f"of {m} or more"]),
            "lt": rng.choice([f"below {m}", f"under {m}", f"lower than {m}"]),
            "le": rng.choice([f"of {m} or less", f"no higher than {m}"]),
            "between": cmp_is("between", v, rng, hi) if hi is not None else ""}[op]


def cmp_is(op: str, v: float, rng: random.Random, hi: float | None = None) -> str:
    """After 'is' / before 'per order'."""
    fmt = rng.choice(["€{}", "{} euros", "EUR {}"])
    m, h = fmt.format(int(v)), fmt.format(int(hi)) if hi is not None else ""
    return {"gt": rng.choice([f"above {m}", f"over {m}", f"more than {m}"]), "ge": rng.choice([f"at least {m}", f"{m} or more"]),
            "lt": rng.choice([f"below {m}", f"under {m}", f"less than {m}"]), "le": rng.choice([f"at most {m}", f"{m} or less"]),
            "between": f"between {m} and {h}"}[op]


def an(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def is_singular(noun: str) -> bool:
    return noun.startswith(("a ", "an ", "something")) or noun in {"kitchenware", "garden decor", "home-office gear",
                                                                  "sports & outdoors gear"}


def anything(noun: str) -> str:
    return noun.replace("something", "anything").replace("a book", "any book").replace("an electronics", "any electronics")


def quoted(title: str) -> str:
    return f"“{title}”" if "," in title else f"the {title}"


def build(w: World, rng: random.Random) -> dict:
    """Every usable leaf, by kind."""
    out: dict[str, list[Leaf]] = {}

    def add(leaf: Leaf) -> None:
        if w.ok(leaf.mask):
            out.setdefault(leaf.kind, []).append(leaf)

    # countries
    for c, size in w.country.value_counts().items():
        p, a = place(c), ADJ.get(c, c)
        add(Leaf({"kind": "country", "country": c}, w.country == c,
                 np=[f"{a} customers", f"customers in {p}", f"{a} shoppers", f"our {a} buyers"],
                 vp=[f"are based in {p}", f"order from {p}", f"are located in {p}", f"shop with us from {p}"],
                 post=[f"based in {p}", f"from {p}", f"in {p}", f"located in {p}"],
                 crit=[f"country: {c}", f"market = {CODE.get(c, c)}", f"country = {p}"], buyer=True))
        add(Leaf({"kind": "country_not", "country": c}, w.country.notna() & (w.country != c),
                 np=[f"buyers outside {p}", f"non-{a} buyers", f"customers who have bought from us outside {p}"],
                 vp=[f"have bought from us but are not based in {p}", f"are buyers located outside {p}",
                     f"have placed orders from a country other than {p}"],
                 post=[f"who have ordered from somewhere other than {p}", f"buying from outside {p}"],
                 crit=[f"buyer with country ≠ {c}", f"country: anything but {c} (buyers only)",
                       f"market ≠ {CODE.get(c, c)}, buyers only"], buyer=True))

    for cat in w.categories:
        ns = CATEGORY_NOUNS.get(cat, [f"{cat} products"])
        was = lambda n: "was" if is_singular(n) else "were"  # noqa: E731
        add(Leaf({"kind": "bought_category", "category": cat}, w.bought(category=cat),
                 vp=[f"bought {n}" for n in ns] + [f"have purchased {ns[0]}", f"ordered {ns[-1]}"],
                 neg=[f"have never bought {anything(n)}" for n in ns] + [f"never purchased {anything(ns[0])}"],
                 post=[f"by whom {n} {was(n)} bought" for n in ns] + [f"with {an(cat)} {cat} purchase", f"who have bought {ns[1]}"],
                 crit=[f"bought category: {cat}", f"purchased {cat}", f"category bought = {cat}"], buyer=True))
        add(Leaf({"kind": "returned", "category": cat}, w.r.who(w.r.of("return", category=cat)),
                 vp=[f"returned {n}" for n in ns] + [f"sent back {ns[0]}", f"have made a return in {cat}"],
                 neg=[f"have never returned {anything(n)}" for n in ns],
                 post=[f"by whom {n} {was(n)} returned" for n in ns] + [f"with {an(cat)} {cat} return"],
                 crit=[f"returned category: {cat}", f"return in {cat}"], buyer=False))
        add(Leaf({"kind": "reviewed", "category": cat}, w.r.who(w.r.of("review", category=cat)),
                 vp=[f"reviewed {n}" for n in ns] + [f"left a review on {ns[1]}", f"have written a review of {ns[0]}"],
                 neg=[f"have never reviewed {anything(n)}" for n in ns],
                 post=[f"by whom {n} {was(n)} reviewed" for n in ns] + [f"with {an(cat)} {cat} review"],
                 crit=[f"reviewed category: {cat}", f"wrote {an(cat)} {cat} review"]))
        # viewed but never bought
        viewed = lambda cut, c=cat, kinds=("view",): w.r.who(w.r.of(kinds, category=c)[lambda d: d["ts"] >= cut] if cut is not None else w.r.of(kinds, category=c))  # noqa: E731
        never = ~w.bought(category=cat)
        vnb = viewed(None) & never
        if vnb.equals(viewed(None, kinds=("view", "cart")) & never):
            add(Leaf({"kind": "viewed_not_bought", "category": cat, "days": None}, vnb,
                     vp=[f"viewed {ns[0]} but never bought from that category", f"looked at {ns[0]} without ever buying any",
                         f"browsed {ns[-1] if not is_singular(ns[-1]) else ns[0]} but have never purchased {anything(ns[1])}"],
                     post=[f"who browsed {ns[0]} but never bought any", f"with {cat} views but no {cat} purchase"],
                     crit=[f"viewed {cat}, never bought {cat}", f"{cat}: views but no purchase"]))
        fn = lambda cut, c=cat: viewed(cut, c) & ~w.bought(cut, category=c)  # noqa: E731
        for days, wp, wc, flag in w.windows(fn):
            m = fn(w.clock - days * DAY)
            if not flag and m.equals(viewed(w.clock - days * DAY, cat) & never) and m.equals(
                    viewed(w.clock - days * DAY, cat, ("view", "cart")) & ~w.bought(w.clock - days * DAY, category=cat)):
                add(Leaf({"kind": "viewed_not_bought", "category": cat, "days": days} | flag, m,
                         vp=[f"viewed {ns[0]} {x} but have never bought {anything(ns[1])}" for x in wp[:3]],
                         post=[f"who looked at {ns[0]} {wp[0]} without ever buying from {cat}"],
                         crit=[f"viewed {cat} in the {wc[0]}; never bought {cat}"]))
        fn = lambda cut, c=cat: w.bought(cut, category=c)  # noqa: E731
        for days, wp, wc, flag in w.windows(fn):
            add(Leaf({"kind": "bought_category_within", "category": cat, "days": days} | flag, fn(w.clock - days * DAY),
                     vp=[f"bought {rng.choice(ns)} {x}" for x in wp] + [f"made {an(cat)} {cat} purchase {wp[0]}"],
                     neg=[f"haven't bought {anything(rng.choice(ns))} {x}" for x in wp],
                     post=[f"with {an(cat)} {cat} purchase {x}" for x in wp] + [f"by whom {ns[0]} {was(ns[0])} bought {wp[-1]}"],
                     crit=[f"bought {cat} in the {x}" for x in wc] + [f"{cat} purchase in the {wc[0]}"], buyer=True,
                     neg_needs=("bought_category", cat)))

    for b in w.brands:
        fn = lambda cut, b=b: w.bought(cut, brand=b)  # noqa: E731
        add(Leaf({"kind": "bought_brand", "brand": b}, fn(None),
                 vp=[f"bought from {b}", f"purchased {b} products", f"have ordered anything made by {b}", f"bought {an(b)} {b} item"],
                 neg=[f"have never bought anything from {b}", f"never purchased {an(b)} {b} product", f"have not bought {b} (ever)"],
                 post=[f"by whom {an(b)} {b} product was bought", f"with at least one {b} purchase", f"who have bought {b}"],
                 crit=[f"brand bought: {b}", f"purchased brand = {b}", f"bought {b}"], buyer=True))
        for days, wp, wc, flag in w.windows(fn):
            add(Leaf({"kind": "bought_brand_within", "brand": b, "days": days} | flag, fn(w.clock - days * DAY),
                     vp=[f"bought {b} {x}" for x in wp] + [f"purchased something from {b} {wp[0]}"],
                     neg=[f"haven't bought from {b} {x}" for x in wp],
                     post=[f"with {an(b)} {b} purchase {x}" for x in wp],
                     crit=[f"bought {b} in the {x}" for x in wc], buyer=True, neg_needs=("bought_brand", b)))

    for t in w.titles:
        q = quoted(t)
        add(Leaf({"kind": "bought_product", "product": t}, w.bought(title=t),
                 vp=[f"bought {q}", f"purchased {q}", f"ordered the product “{t}”"],
                 neg=[f"never bought {q}", f"have not purchased {q}"],
                 post=[f"by whom {q} was purchased", f"who bought {q}"],
                 crit=[f"product bought: “{t}”", f"purchased item = “{t}”"], buyer=True))

    fn = lambda cut: w.bought(cut)  # noqa: E731
    for days, wp, wc, flag in w.windows(fn):
        add(Leaf({"kind": "last_purchase_within", "days": days} | flag, fn(w.clock - days * DAY),
                 np=[f"everyone who has ordered {x}" for x in wp[:2]] + [f"recent buyers (a purchase {wp[0]})"],
                 vp=[f"bought something {x}" for x in wp] + [f"placed an order {wp[0]}", f"made a purchase {wp[-1]}"],
                 neg=[f"haven't bought anything {x}" for x in wp] + [f"have not placed an order {wp[0]}"],
                 post=[f"with an order {x}" for x in wp] + [f"whose last purchase was {wp[0]}"],
                 crit=[f"last purchase: {x}" for x in wc] + [f"ordered in the {wc[0]}"], buyer=True,
                 neg_needs=("buyer",)))
    fn = lambda cut: w.buyers & (w.last_buy < cut)  # noqa: E731
    for days, wp, wc, flag in w.windows(fn):
        od = over_days(days)
        add(Leaf({"kind": "last_purchase_more", "days": days} | flag, fn(w.clock - days * DAY),
                 np=[f"lapsed buyers whose last order was {x}" for x in od] + [f"buyers who haven't purchased {wp[0]}"],
                 vp=[f"last bought from us {x}" for x in od] + [f"have bought before but not {x}" for x in wp[:2]]
                 + [f"placed their most recent order {od[0]}"],
                 post=[f"whose most recent purchase was {x}" for x in od] + [f"who have ordered before but not {wp[0]}"],
                 crit=[f"last purchase > {days} days ago", f"lapsed: no order in the {wc[0]} (buyers only)"], buyer=True))
    fn = lambda cut: w.last_seen >= cut  # noqa: E731
    for days, wp, wc, flag in w.windows(fn):
        add(Leaf({"kind": "last_seen_within", "days": days} | flag, fn(w.clock - days * DAY),
                 np=[f"users active {x}" for x in wp[:2]],
                 vp=[f"have been active {x}" for x in wp] + [f"were last seen {wp[0]}", f"had any activity {wp[-1]}",
                                                             f"have interacted with the shop {wp[1]}"],
                 neg=[f"have not been active {x}" for x in wp] + [f"haven't shown any activity {wp[0]}"],
                 post=[f"active {x}" for x in wp] + [f"seen {wp[0]}", f"with any activity {wp[-1]}"],
                 crit=[f"last seen: {x}" for x in wc] + [f"active in the {wc[0]}"]))
    fn = lambda cut: w.first >= cut  # noqa: E731
    for days, wp, wc, flag in w.windows(fn):
        add(Leaf({"kind": "first_seen", "op": "within", "days": days} | flag, fn(w.clock - days * DAY),
                 np=[f"new customers (first seen {x})" for x in wp[:2]],
                 vp=[f"first showed up {x}" for x in wp] + [f"had their very first activity {wp[0]}"],
                 post=[f"first seen {x}" for x in wp] + [f"whose first activity was {wp[-1]}"],
                 crit=[f"first seen: {x}" for x in wc]))
    days_with_first = set(w.first.dt.date)
    day = w.first.min().normalize() + 3 * DAY
    while day < w.clock:
        if day.date() not in days_with_first:
            ds = dates(day)
            iso = day.strftime("%Y-%m-%d")
            before, after = w.first < day, w.first >= day + DAY
            add(Leaf({"kind": "first_seen", "op": "before", "date": iso}, before,
                     vp=[f"were first seen before {d}" for d in ds] + [f"first appeared before {ds[0]}",
                                                                      f"have been around since before {ds[-1]}"],
                     post=[f"first seen before {d}" for d in ds] + [f"whose first activity predates {ds[1]}"],
                     crit=[f"first seen < {iso}", f"first seen before {ds[0]}"]))
            add(Leaf({"kind": "first_seen", "op": "after", "date": iso}, after,
                     vp=[f"were first seen after {d}" for d in ds] + [f"first appeared after {ds[0]}"],
                     post=[f"first seen after {d}" for d in ds] + [f"whose first activity came after {ds[1]}"],
                     crit=[f"first seen > {iso}", f"first seen after {ds[0]}"]))
            add(Leaf({"kind": "first_seen", "op": "since", "date": iso}, w.first >= day,
                     vp=[f"were first seen on or after {d}" for d in ds] + [f"first turned up {ds[0]} or later"],
                     post=[f"first seen since {d}" for d in ds] + [f"whose first activity was on or after {ds[1]}"],
                     crit=[f"first seen ≥ {iso}", f"first seen since {ds[0]}"]))
        day += DAY

    from blind2_measures import counts, money_leaves, ratings

    counts(w, rng, add)
    money_leaves(w, rng, add)
    ratings(w, rng, add)
    return out


def dates(day: pd.Timestamp) -> list:
    d, m, y = day.day, MONTHS[day.month - 1], day.year
    suf = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    out = [f"{d} {m} {y}", f"{m} {d}{suf}", f"{day:%Y-%m-%d}", f"{m[:3]} {d}, {y}", f"the {d}{suf} of {m}"]
    return out + ([f"{d:02d}/{day.month:02d}/{y}", f"{d}.{day.month}.{y}"] if d > 12 else [])


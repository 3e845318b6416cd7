"""Write a BLIND marketer audience question set: plain-English audience questions, phrased without any
knowledge of how Portrait's reader works, each with the exact set of customer ids it should return
(computed here in pandas from a shop folder's ``events.jsonl`` / ``products.jsonl`` through
``marketer_reference.Ref``, never by Portrait's code).

    .venv/bin/portrait generate-demo --out /tmp/bshop
    .venv/bin/python eval/data/make_marketer_questions_blind.py --shop /tmp/bshop \
        --out eval/data/marketer_questions_blind.jsonl

A line: {"id", "question", "expected_user_ids", "kind", "conditions", "family", "split"}

- ``expected_user_ids``: sorted customer ids, or null when the question asks for something the shop does
  not hold (contact details, demographics, household facts, campaign / channel data): it must be declined;
- ``kind``: the leaf condition kind of a one-condition question; ``and`` / ``or`` / ``and_not`` / ``not`` /
  ``and_or`` for combinations (``and_or`` = A and (B or C)); ``decline`` for declines;
- ``conditions``: the condition tree, e.g. {"op": "and", "args": [{"kind": "country", "country": "Germany"},
  {"op": "not", "args": [{"kind": "bought_category", "category": "kitchen"}]}]}; for declines,
  {"decline": what is missing, "with": the answerable part or null};
- ``family``: the sentence shape it was written in; ``split``: ``heldout`` for the families in HELDOUT,
  ``dev`` otherwise.

Meanings (the gold implements exactly these; a phrasing is only used where the plausible readings agree):

- customers = every user_id in events.jsonl. **data clock** = the newest event ``ts`` in the shop.
- "in the last N days" = ``ts >= clock - N x 24h`` (rolling). Windows where the calendar-day readings
  (midnight of the clock's day minus N days, or minus N-1 days) select the same customers are preferred;
  where they don't, the leaf says ``"calendar_agrees": false`` in ``conditions``. "a week" = 7,
  "a fortnight" / "two weeks" = 14, "three weeks" = 21, "six weeks" = 42 days, "a month" / "three months"
  only where every length from 28-31 / 89-92 days selects the same customers.
- "before D" = ``ts < D 00:00 UTC``; "after D" = ``ts >= (D+1) 00:00``; "since D" = ``ts >= D 00:00``; only
  dates on which no customer was first seen are used, so all readings agree.
- **country** = the country on the customer's purchases (``attrs.country``; the most frequent, ties
  alphabetical). Customers who never bought have no country: they are in no country, and "outside X"
  questions are phrased about buyers / orders (buyers whose country is not X).
- **first seen** = oldest event of any type; **last seen / active** = newest event of any type.
- **bought** = a purchase event (whatever was returned later); product / category / brand from products.jsonl.
- **orders** = distinct ``attrs.order_id`` of purchases. **net spend** = purchases' price x quantity minus
  returns' price x quantity. Plain "spent" means net spend too, but is only written where gross and net
  spend select the same customers (else the question says "after returns" / "net"). **average order value**
  = gross purchase amount / orders (returns do not lower it; customers without orders have none).
- **returns / reviews / support messages** = number of return / review / support_message events.
  "returned N+ items" is only written where counting quantities selects the same customers.
- **viewed but never bought X** = a view of X (a cart add counts only where it changes nothing) and no
  purchase of X; with a window, both in the window, only used where "never bought at all" agrees.
- **ratings** = ``rating`` of review events: lowest, highest, mean, latest (by ts). Customers without
  ratings match no rating condition.
- "haven't bought in N days" (not(bought within N days)) is only combined with a condition that implies a
  purchase (so "lapsed buyer" and the literal complement agree). Other negations are complements over all
  customers ("never bought kitchen" includes customers who never bought anything).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from marketer_reference import Ref  # noqa: E402

DAY = pd.Timedelta(days=1)
SEED = 20261101
FAMILIES = ["which_q", "imperative", "noun_phrase", "looking_for", "polite", "segment_label", "purpose_tail",
            "terse", "conversational", "filter_spec"]
HELDOUT = {"looking_for", "segment_label", "terse", "filter_spec"}  # 4 of 10 families
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
       12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 21: "twenty-one", 30: "thirty", 45: "forty-five",
       60: "sixty", 90: "ninety"}
TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}

# surface forms of the shop's countries: (as a place, adjective, code)
COUNTRY = {
    "Germany": (["Germany", "Germany", "Germnay"], ["German"], ["DE", "GER"]),
    "United Kingdom": (["the UK", "the United Kingdom", "Britain", "the U.K."], ["British", "UK"], ["UK", "GB"]),
    "United States": (["the US", "the USA", "the United States", "the States"], ["American", "US"], ["US", "USA"]),
    "France": (["France", "France", "Frnace"], ["French"], ["FR"]),
    "Netherlands": (["the Netherlands", "Holland", "the Netherlands"], ["Dutch"], ["NL"]),
    "Spain": (["Spain", "Spain", "Spian"], ["Spanish"], ["ES"]),
}


def typo(word: str, rng: random.Random, p: float = 0.08) -> str:
    """Now and then a one-letter slip (adjacent swap or dropped letter) inside a longer single word."""
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(word) < 7 or " " in word or "&" in word or rng.random() > p:
        return word
    i = rng.choice(letters[1:-2])
    if rng.random() < 0.5 and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]


def cat_words(cat: str, rng: random.Random) -> str:
    c = cat.replace(" & ", rng.choice([" & ", " and ", " & "]))
    c = typo(c, rng)
    return rng.choice([c, c, c.title() if rng.random() < 0.3 else c])


def brand_words(brand: str, rng: random.Random) -> str:
    b = brand.replace(" & ", rng.choice([" & ", " and ", " & "]))
    return typo(b, rng, 0.1)


def an(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def money(x: int, rng: random.Random) -> str:
    forms = [f"€{x:,}", f"€{x}", f"{x} euros", f"EUR {x}", f"{x}€", f"{x} EUR", f"€{x:,}.00"]
    if x >= 1000 and x % 1000 == 0:
        forms += [f"€{x // 1000}k", f"{x // 1000}k"]
    if x in NUM:
        forms.append(f"{NUM[x]} euros")
    return rng.choice(forms)


def num(k: int, rng: random.Random, words: float = 0.35) -> str:
    return NUM[k] if k in NUM and rng.random() < words else str(k)


def plural(k: int, noun: str) -> str:
    return noun if k == 1 else noun + "s"


@dataclass
class Leaf:
    kind: str
    params: dict[str, Any]
    mask: pd.Series
    vps: list[str]  # plural finite verb phrases: "have bought kitchen items"
    mods: list[str] = field(default_factory=list)  # after the head noun: "from Germany", "with 3+ orders"
    pres: list[str] = field(default_factory=list)  # before the head noun: "German"
    negs: list[str] = field(default_factory=list)  # negated verb phrases: "have never bought kitchen"
    shorts: list[str] = field(default_factory=list)  # terse: "DE", "3+ orders"
    short_negs: list[str] = field(default_factory=list)
    implies_purchase: bool = False
    neg_needs_purchase: bool = False  # its negation only reads unambiguously next to a buyer-only condition

    def cond(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params}


class World:
    """The shop's per-customer facts (via marketer_reference.Ref) and robust leaf draws."""

    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.ref = ref = Ref(folder)
        self.rng = rng
        self.users = ref.users
        self.n = len(ref.users)
        self.clock = ref.clock
        self.country = ref.country()
        self.countries = [c for c in self.country.dropna().value_counts().index if c in COUNTRY]
        self.orders = ref.orders()
        self.spend = ref.net_spend()
        self.gross = ref.series(ref.of("purchase").groupby("user_id")["money"].sum(), 0.0).round(2)
        self.aov = ref.aov()
        self.last_buy, self.last_any, self.first = ref.newest("purchase"), ref.newest(None), ref.oldest()
        self.returns, self.reviews, self.support = ref.count("return"), ref.count("review"), ref.count("support_message")
        rets = ref.of("return")
        self.return_units = ref.series(rets.groupby("user_id")["quantity"].sum(), 0)
        self.buyer = self.orders > 0
        self.categories = ref.categories
        self.brands = [b for b in ref.brands[:30]]
        self.titles = ref.titles
        self.first_days = set(self.first.dt.normalize())

    # --- helpers -------------------------------------------------------------------------------------
    def cuts(self, days: list[int]) -> list[pd.Timestamp]:
        midnight = self.clock.normalize()
        out = []
        for n in days:
            out += [self.clock - n * DAY, midnight - n * DAY, midnight - (n - 1) * DAY]
        return out

    def who(self, rows: pd.DataFrame) -> pd.Series:
        return self.ref.who(rows)

    def rows(self, kind: Any, since: pd.Timestamp | None = None, **match: str) -> pd.DataFrame:
        rows = self.ref.of(kind, **match)
        return rows if since is None else rows[rows["ts"] >= since]

    def ok(self, mask: pd.Series, lo: int = 2) -> bool:
        return lo <= int(mask.sum()) <= self.n - 10

    def window(self, build, options: list[int] | None = None):
        """Pick a day window: returns (days words, terse words, n, mask, calendar_agrees) or None.
        ``build(cut)`` gives the mask for the events since ``cut``. The gold is the rolling reading
        (``ts >= clock - n x 24h``, every equivalent length agreeing); the first tries insist that the
        calendar-day readings agree too, later ones accept a window where they don't (flagged)."""
        r = self.rng
        options = options or [7, 14, 21, 30, 30, 45, 60, 90]
        for attempt in range(10):
            n = r.choice(options)
            phrasings = self.day_words(n)
            r.shuffle(phrasings)
            for words, equivalents, short in phrasings:
                rolling = [build(self.clock - e * DAY) for e in equivalents]
                if not all(m.equals(rolling[0]) for m in rolling) or not self.ok(rolling[0]):
                    continue
                calendar = all(build(c).equals(rolling[0]) for c in self.cuts(equivalents))
                if calendar or attempt >= 5:
                    return words, short, n, rolling[0], calendar
        return None

    def day_words(self, n: int) -> list[tuple[str, list[int], str]]:
        """(words after 'in the last', equivalent lengths, terse) for n days."""
        r = self.rng
        out = [(f"{n} days", [n], f"{n}d"), (f"{num(n, r, 1.0)} days", [n], f"last {n} days")]
        if n == 7:
            out += [("week", [7], "7d"), ("7 days", [7], "past wk")]
        if n == 14:
            out += [("two weeks", [14], "2 wks"), ("fortnight", [14], "14d")]
        if n == 21:
            out += [("three weeks", [21], "3 wks")]
        if n == 42:
            out += [("six weeks", [42], "6 wks")]
        if n == 30:
            out += [("month", [28, 29, 30, 31], "30d"), ("30 days", [30], "L30D")]
        if n == 90:
            out += [("three months", [89, 90, 91, 92], "3 mo"), ("90 days", [90], "L90D")]
        if n == 60:
            out += [("two months", [59, 60, 61, 62], "60d")]
        return out

    def date_words(self, day: pd.Timestamp) -> str:
        r = self.rng
        d, m, y = day.day, day.month, day.year
        mon = MONTHS[m - 1]
        suffix = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
        forms = [day.strftime("%Y-%m-%d"), f"{d} {mon} {y}", f"{mon} {d}, {y}", f"{d}{suffix} {mon[:3]}", f"{mon} {d}{suffix}",
                 f"the {d}{suffix} of {mon}", f"{d} {mon[:3]} {y}", f"{mon[:3]} {d}"]
        if d > 12:
            forms += [f"{d:02d}/{m:02d}/{y}", f"{m}/{d}/{y}", f"{d}.{m:02d}.{y}"]
        return r.choice(forms)

    # --- leaves ----------------------------------------------------------------------------------------
    def draw(self, kind: str) -> Leaf | None:  # noqa: PLR0911, PLR0912, PLR0915
        r = self.rng
        cat = r.choice(self.categories)
        brand = r.choice(self.brands)
        cw, bw = cat_words(cat, r), brand_words(brand, r)
        plural_cat = cat in ("books", "pet supplies", "sports & outdoors", "toys & games")
        item = r.choice(["", "", "products"] if plural_cat else ["items", "products", "stuff", "", "things"])
        cat_np = f"{cw} {item}".strip()
        if kind == "country":
            code = r.choice(self.countries)
            places, adjs, codes = COUNTRY[code]
            p, a, c = r.choice(places), r.choice(adjs), r.choice(codes)
            return Leaf(kind, {"country": code}, _b(self.country == code),
                        [f"are based in {p}", f"live in {p}", f"are from {p}", f"shop with us from {p}", f"order from {p}"],
                        [f"from {p}", f"based in {p}", f"in {p}", f"located in {p}"], [a], [],
                        [c, f"{c} only", f"country={c}", a], implies_purchase=True)
        if kind == "country_not":
            code = r.choice(self.countries[:4])
            places, adjs, codes = COUNTRY[code]
            p, a, c = r.choice(places), r.choice(adjs), r.choice(codes)
            mask = self.buyer & (self.country != code)
            return Leaf(kind, {"country": code}, _b(mask),
                        [f"have ordered from outside {p}", f"buy from us from anywhere but {p}", f"have placed orders from outside {p}"],
                        [f"who buy from outside {p}"], [], [],
                        [f"buyers outside {c}", f"non-{c} buyers", f"buyers ex-{c}"], implies_purchase=True)
        if kind == "bought_category":
            mask = self.who(self.rows("purchase", category=cat))
            return Leaf(kind, {"category": cat}, mask,
                        [f"have bought {cat_np}", f"bought something from {cw}", f"have ordered {cat_np}", f"purchased from the {cw} range",
                         f"have {an(cw)} purchase on record"],
                        [f"with {an(cw)} purchase", f"who've bought {cw}"], [], [f"have never bought {cat_np}", f"have never ordered anything from {cw}"],
                        [f"bought {cw}", f"{cw} buyers", f"{cw} purchasers"], [f"no {cw} purchase", f"never bought {cw}"], implies_purchase=True)
        if kind == "bought_brand":
            mask = self.who(self.rows("purchase", brand=brand))
            return Leaf(kind, {"brand": brand}, mask,
                        [f"have bought {bw}", f"bought {bw} products", f"have purchased anything from {bw}", f"ordered {bw}"],
                        [f"with {an(bw)} purchase", f"who bought {bw}"], [], [f"have never bought {bw}", f"have never purchased anything by {bw}"],
                        [f"{bw} buyers", f"bought {bw}"], [f"no {bw} purchase"], implies_purchase=True)
        if kind == "bought_product":
            title = r.choice(self.titles)
            mask = self.who(self.rows("purchase", title=title))
            t = title if r.random() < 0.7 else title.lower()
            return Leaf(kind, {"product": title}, mask,
                        [f"bought the {t}", f"have purchased \"{t}\"", f"have ordered the {t}", f"bought {t}"],
                        [f"who own a {t} from us", f"with \"{t}\" in a past order"], [], [f"have never bought the {t}"],
                        [f"bought \"{t}\"", f"{t} buyers"], [], implies_purchase=True)
        if kind in ("bought_category_within", "bought_brand_within"):
            match = {"category": cat} if kind == "bought_category_within" else {"brand": brand}
            what = cat_np if "category" in match else f"{bw} products"
            short = cw if "category" in match else bw
            got = self.window(lambda cut: self.who(self.rows("purchase", cut, **match)))
            if got is None:
                return None
            d, sd, n, mask, cal = got
            return Leaf(kind, {**match, "days": n, "calendar_agrees": cal}, mask,
                        [f"bought {what} in the last {d}", f"have ordered {what} within the past {d}", f"picked up {what} in the past {d}"],
                        [f"with {an(short)} purchase in the last {d}"], [], [],
                        [f"{short} buyers {sd}", f"bought {short} last {sd}".replace("last last", "last")], [], implies_purchase=True)
        if kind == "last_purchase_within":
            got = self.window(lambda cut: _b(self.last_buy >= cut))
            if got is None:
                return None
            d, sd, n, mask, cal = got
            return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                        [f"bought something in the last {d}", f"have placed an order within the past {d}", f"made a purchase in the past {d}",
                         f"have ordered in the last {d}"],
                        [f"with an order in the last {d}", f"who purchased in the past {d}"], [],
                        [f"haven't bought anything in the last {d}", f"haven't ordered in the past {d}"],
                        [f"purchased in last {sd}".replace("last last", "last"), f"ordered {sd}", f"bought sth {sd}"],
                        [f"no order {sd}", f"nothing bought {sd}"],
                        implies_purchase=True, neg_needs_purchase=True)
        if kind == "last_purchase_more":
            got = self.window(lambda cut: _b(self.buyer & (self.last_buy < cut)), [30, 45, 60, 60, 90])
            if got is None:
                return None
            d, sd, n, mask, cal = got
            dd = d if d[0].isdigit() or " " in d else f"a {d}"
            return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                        [f"last bought something more than {dd} ago", f"placed their last order over {dd} ago",
                         f"made their most recent purchase more than {dd} ago"],
                        [f"whose last order was more than {dd} ago", f"whose latest purchase is over {dd} old"], [], [],
                        [f"last order > {dd} ago", f"last purchase {dd}+ ago"], [], implies_purchase=True)
        if kind == "viewed_not_bought":
            within = r.choice([None, None, 30, 60, 14])
            target = r.choice(["category", "category", "brand"])
            match = {"category": cat} if target == "category" else {"brand": brand}
            name = cw if target == "category" else bw
            cut = None if within is None else self.clock - within * DAY
            views = self.who(self.rows("view", cut, **match))
            mask = views & ~self.who(self.rows("purchase", cut, **match))
            alts = [self.who(self.rows(("view", "cart"), cut, **match)) & ~self.who(self.rows("purchase", cut, **match)),
                    views & ~self.who(self.rows("purchase", **match))]
            if within is not None:
                alts += [self.who(self.rows("view", c, **match)) & ~self.who(self.rows("purchase", c, **match))
                         for c in self.cuts([within])]
            if not all(a.equals(mask) for a in alts) or not self.ok(mask):
                return None
            tail = "" if within is None else r.choice([f" in the last {within} days", f" over the past {within} days"])
            return Leaf(kind, {**match, "days": within}, mask,
                        [f"looked at {name}{tail} but never bought any", f"viewed {name} products{tail} without buying",
                         f"browsed {name}{tail} but didn't purchase", f"checked out {name}{tail} and never ordered"],
                        [f"who browsed {name}{tail} without buying"], [], [],
                        [f"viewed {name}{tail}, no purchase", f"{name} browsers{tail} w/o purchase"])
        if kind == "returned":
            scope = r.choice(["any", "category", "any_within"])
            if scope == "category":
                mask = self.who(self.rows("return", category=cat))
                return Leaf(kind, {"category": cat}, mask,
                            [f"returned {cat_np}", f"have sent back something from {cw}", f"have returned {an(cw)} order"],
                            [f"with {an(cw)} return"], [], [f"have never returned {cw}"], [f"{cw} returners", f"returned {cw}"])
            if scope == "any_within":
                got = self.window(lambda cut: self.who(self.rows("return", cut)))
                if got is None:
                    return None
                d, sd, n, mask, cal = got
                return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                            [f"returned something in the last {d}", f"have sent something back within the past {d}", f"made a return in the past {d}"],
                            [f"with a return in the last {d}"], [], [f"haven't returned anything in the last {d}"],
                            [f"returned sth {sd}", f"returners {sd}"])
            mask = self.returns >= 1
            return Leaf(kind, {}, mask, ["have returned something", "have sent an item back", "have made a return", "returned an order"],
                        ["with at least one return", "with a return on record"], [],
                        ["have never returned anything", "have never sent anything back"],
                        ["returners", "has returned sth", "1+ returns"], ["no returns", "zero returns"])
        if kind == "reviewed":
            scope = r.choice(["any", "category", "brand"])
            if scope == "any":
                return Leaf(kind, {}, self.reviews >= 1, ["have left a review", "have written at least one review", "reviewed a product"],
                            ["with at least one review"], [], ["have never written a review", "have never left us a review"],
                            ["reviewers", "left a review"], ["no reviews", "never reviewed"])
            match = {"category": cat} if scope == "category" else {"brand": brand}
            name = cw if scope == "category" else bw
            mask = self.who(self.rows("review", **match))
            return Leaf(kind, match, mask, [f"have reviewed {name} products", f"left a review on {an(name)} item", f"wrote a review of something from {name}"],
                        [f"with {an(name)} review"], [], [f"have never reviewed {name}"], [f"reviewed {name}", f"{name} reviewers"])
        if kind == "orders":
            return self.compare_leaf(kind, self.orders, "order", [1, 2, 3, 4, 5, 6, 8, 10, 12], purchase_word=True)
        if kind == "returns_count":
            leaf = self.compare_leaf(kind, self.returns, "return", [2, 3, 4], ops=["ge", "gt"])
            if leaf is None:
                return None
            k = leaf.params["value"]
            units = self.return_units >= k if leaf.params["op"] == "ge" else self.return_units > k
            if units.equals(leaf.mask):  # the item reading agrees: may also say "items"
                leaf.vps.append(f"have returned {'at least ' + str(k) if leaf.params['op'] == 'ge' else 'more than ' + str(k)} items")
            return leaf
        if kind == "reviews_count":
            return self.compare_leaf(kind, self.reviews, "review", [2, 3, 4, 5, 6], ops=["ge", "gt", "ge", "eq", "le"])
        if kind == "support_count":
            return self.compare_leaf(kind, self.support, "support message", [1, 2, 3, 4, 5], ops=["ge", "gt", "ge", "eq"])
        if kind in ("net_spend_over", "net_spend_under"):
            over = kind == "net_spend_over"
            q = r.choice([0.4, 0.6, 0.75, 0.9] if over else [0.2, 0.3, 0.5])
            x = _round(float(self.spend[self.spend > 0].quantile(q)))
            mask = self.spend > x if over else self.spend < x
            if not _b(self.spend >= x if over else self.spend <= x).equals(mask) or not self.ok(mask):
                return None
            gross_ok = (self.gross > x if over else self.gross < x).equals(mask)
            m = money(x, r)
            word = "more than" if over else "less than"
            word2 = r.choice(["over", "above", "more than"]) if over else r.choice(["under", "below", "less than"])
            net_vps = [f"have spent {word2} {m} after returns", f"have a net spend {word2} {m}", f"spent {word} {m} net of refunds"]
            plain = [f"have spent {word2} {m}", f"spent {word} {m} in total", f"have spent {word2} {m} with us"]
            vps = net_vps + (plain if gross_ok else [])
            sym = ">" if over else "<"
            return Leaf(kind, {"value": x, "gross_agrees": gross_ok}, mask, vps,
                        [f"with a net spend {word2} {m}", f"whose spend after returns is {word2} {m}"] + ([f"who've spent {word2} {m}"] if gross_ok else []),
                        [], [], [f"net spend {sym} {m}", f"net {sym}{m}"] + ([f"spend {sym} {m}", f"spent {sym}{m}"] if gross_ok else []),
                        implies_purchase=over)
        if kind == "aov":
            over = r.random() < 0.6
            x = _round(float(self.aov.quantile(r.choice([0.3, 0.5, 0.7, 0.85]))))
            mask = _b(self.aov > x if over else self.aov < x)
            alts = [_b(self.aov >= x if over else self.aov <= x)]
            if not all(a.equals(mask) for a in alts) or not self.ok(mask):
                return None
            m = money(x, r)
            w = r.choice(["above", "over", "more than"]) if over else r.choice(["below", "under", "less than"])
            sym = ">" if over else "<"
            return Leaf(kind, {"op": "gt" if over else "lt", "value": x}, mask,
                        [f"have an average order value {w} {m}", f"spend {w} {m} per order on average", f"have an AOV {w} {m}"],
                        [f"whose average order value is {w} {m}", f"with an average basket {w} {m}", f"with AOV {w} {m}"], [], [],
                        [f"AOV {sym} {m}", f"AOV {sym}{m}", f"avg order {sym} {m}"], implies_purchase=True)
        if kind == "first_seen":
            how = r.choice(["before", "after", "since", "within"])
            if how == "within":
                got = self.window(lambda cut: _b(self.first >= cut), [60, 75, 90, 90, 100, 110])
                if got is None:
                    return None
                d, sd, n, mask, cal = got
                return Leaf(kind, {"op": "within", "days": n, "calendar_agrees": cal}, mask,
                            [f"first showed up in the last {d}", f"are new to the shop in the past {d}", f"first visited us within the last {d}"],
                            [f"first seen in the last {d}", f"new in the past {d}"], [], [],
                            [f"new {sd}", f"first seen {sd}"])
            for _ in range(30):
                day = (self.first.dropna().sample(1, random_state=r.randrange(10**6)).iloc[0]).normalize() + r.choice([-1, 1]) * DAY
                if day in self.first_days:  # nobody first seen on D: every reading of before / after / since agrees
                    continue
                if how == "before":
                    mask = _b(self.first < day)
                elif how == "after":
                    mask = _b(self.first >= day + DAY)
                else:
                    mask = _b(self.first >= day)
                if self.ok(mask):
                    break
            else:
                return None
            dw = self.date_words(day)
            params = {"op": how, "date": day.strftime("%Y-%m-%d")}
            if how == "before":
                return Leaf(kind, params, mask, [f"first visited before {dw}", f"have been around since before {dw}", f"first showed up before {dw}"],
                            [f"first seen before {dw}", f"whose first visit was before {dw}", f"acquired before {dw}"], [], [],
                            [f"first seen < {dw}", f"first seen before {dw}"])
            word = "after" if how == "after" else "since"
            return Leaf(kind, params, mask, [f"first visited {word} {dw}", f"first showed up {word} {dw}", f"are new {word} {dw}"],
                        [f"first seen {word} {dw}", f"whose first visit was {word} {dw}"], [], [],
                        [f"first seen {'>' if how == 'after' else '>='} {dw}", f"new {word} {dw}"])
        if kind == "last_seen_within":
            got = self.window(lambda cut: _b(self.last_any >= cut), [3, 5, 7, 7, 10, 14, 21, 30, 45])
            if got is None:
                return None
            d, sd, n, mask, cal = got
            return Leaf(kind, {"days": n, "calendar_agrees": cal}, mask,
                        [f"have been active in the last {d}", f"visited the site in the past {d}", f"were on the shop within the last {d}"],
                        [f"active in the last {d}", f"seen in the past {d}"], [],
                        [f"haven't been active in the last {d}", f"haven't visited in the past {d}"],
                        [f"active {sd}", f"seen {sd}"], [f"inactive {sd}", f"not seen {sd}"])
        if kind == "rating":
            which = r.choice(["min", "max", "average", "latest"])
            s = self.ref.rating(which)
            if which == "min":
                k = r.choice([1, 2])
                mask, op, vps, mods = _b(s <= k), "le", [f"have ever given a {k}-star review" if k == 1 else f"have ever given {k} stars or fewer",
                                                         f"left a {k}-star review or worse"], [f"whose lowest rating is {k} or below"]
                sh = [f"min rating <= {k}", f"lowest rating {k} or less"]
            elif which == "max":
                k = r.choice([3, 2, 5])
                if k == 5:
                    mask, op, vps, mods = _b(s >= 5), "ge", ["have given a 5-star review", "left at least one five-star rating"], ["with a 5-star review"]
                    sh = ["gave 5*", "5-star reviewers"]
                else:
                    mask, op = _b(s <= k), "le"
                    vps = [f"have never rated anything above {k} stars", f"gave {k} stars at most in every review"]
                    mods = [f"whose best rating is {k} stars or less", f"whose highest review score is at most {k}"]
                    sh = [f"max rating <= {k}", f"best rating {k}* or lower"]
            elif which == "average":
                x = r.choice([2, 2.5, 3, 4, 4.5])
                high = x >= 4
                mask, op = (_b(s >= x), "ge") if high else (_b(s < x), "lt")
                w = "at least" if high else "below"
                vps = [f"have an average rating of {w} {x}", f"give {x} stars or more on average" if high else f"rate us under {x} stars on average"]
                mods = [f"whose average rating is {w} {x}", f"with an average review score {'of ' + str(x) + '+' if high else 'under ' + str(x)}"]
                sh = [f"avg rating {'>=' if high else '<'} {x}", f"avg stars {'>=' if high else '<'} {x}"]
                k = x
            else:
                k = r.choice([1, 2, 3, 5])
                if k == 5:
                    mask, op = _b(s >= 5), "ge"
                    vps = ["gave five stars in their latest review", "left 5 stars on their most recent review"]
                    mods = ["whose latest review is 5 stars", "whose most recent rating was a 5"]
                    sh = ["latest rating = 5", "last review 5*"]
                else:
                    mask, op = _b(s <= k), "le"
                    vps = [f"gave {k} star{'s' if k > 1 else ''} or less in their latest review", f"left {k} star{'s' if k > 1 else ''} or below on their most recent review"]
                    mods = [f"whose latest rating is {k} or lower", f"whose most recent review is at most {k} star{'s' if k > 1 else ''}"]
                    sh = [f"latest rating <= {k}", f"last review {k}* or less"]
            if not self.ok(mask):
                return None
            return Leaf(f"rating_{which}", {"op": op, "value": k}, mask, vps, mods, [], [], sh)
        raise ValueError(kind)

    def compare_leaf(self, kind: str, values: pd.Series, noun: str, ks: list[int], ops: list[str] | None = None,
                     purchase_word: bool = False) -> Leaf | None:
        r = self.rng
        op = r.choice(ops or ["ge", "ge", "gt", "lt", "eq", "between", "le"])
        k = r.choice(ks)
        if op == "lt":
            k = max(k, 2)
        if op == "ge":
            mask = values >= k
        elif op == "gt":
            mask = values > k
        elif op == "lt":
            mask = values < k
        elif op == "le":
            mask = values <= k
        elif op == "eq":
            mask = values == k
        else:
            k2 = k + r.choice([2, 3, 4])
            mask = (values >= k) & (values <= k2)
        if not self.ok(mask):
            return None
        kw = num(k, r)
        nouns = plural(k, noun)
        if noun == "order":
            verb, verbed = "placed", "ordered"
        elif noun == "return":
            verb, verbed = "made", "returned something"
        elif noun == "review":
            verb, verbed = "written", "reviewed"
        else:
            verb, verbed = "sent", "contacted support"
        if noun == "support message":
            alt_noun = r.choice(["support messages", "customer service enquiries", "customer service inquiries", "support tickets",
                                 "messages to support"])
            alt_one = {"customer service enquiries": "customer service enquiry", "customer service inquiries": "customer service inquiry",
                       "support tickets": "support ticket", "messages to support": "message to support"}.get(alt_noun, "support message")
            nouns = alt_noun if k != 1 else alt_one
        params = {"op": op, "value": k}
        if op == "ge":
            vps = [f"have {verb} at least {kw} {nouns}", f"have {verb} {kw} or more {plural(2, noun) if noun != 'support message' else nouns}"]
            if k in TIMES:
                vps.append(f"have {verbed} at least {TIMES[k]}")
            mods = [f"with {k}+ {plural(2, noun)}", f"with at least {kw} {nouns}"]
            sh = [f"{k}+ {plural(2, noun)}", f"{plural(2, noun)} >= {k}", f"{noun}s>={k}".replace(" ", "_")]
        elif op == "gt":
            vps = [f"have {verb} more than {kw} {plural(2, noun) if noun != 'support message' else nouns}"]
            if k in TIMES:
                vps.append(f"have {verbed} more than {TIMES[k]}")
            mods = [f"with more than {kw} {plural(2, noun)}", f"with over {kw} {plural(2, noun)}"]
            sh = [f">{k} {plural(2, noun)}", f"{plural(2, noun)} > {k}"]
        elif op == "lt":
            vps = [f"have {verb} fewer than {kw} {plural(2, noun)}", f"have {verb} less than {kw} {plural(2, noun)}"]
            mods = [f"with fewer than {kw} {plural(2, noun)}", f"with under {kw} {plural(2, noun)}"]
            sh = [f"<{k} {plural(2, noun)}", f"{plural(2, noun)} < {k}"]
        elif op == "le":
            vps = [f"have {verb} no more than {kw} {nouns}", f"have {verb} at most {kw} {nouns}"]
            mods = [f"with {kw} or fewer {plural(2, noun)}", f"with at most {kw} {nouns}"]
            sh = [f"<={k} {plural(2, noun)}", f"{plural(2, noun)} <= {k}"]
        elif op == "eq":
            vps = [f"have {verb} exactly {kw} {nouns}"] + ([f"have {verbed} exactly {TIMES[k]}"] if k in TIMES else [])
            mods = [f"with exactly {kw} {nouns}"] + ([f"with a single {noun}"] if k == 1 else [])
            sh = [f"exactly {k} {nouns}", f"{plural(2, noun)} = {k}"]
        else:
            params = {"op": "between", "value": k, "high": k2}
            vps = [f"have {verb} between {k} and {k2} {plural(2, noun)}", f"have {verb} {k} to {k2} {plural(2, noun)}"]
            mods = [f"with {k}-{k2} {plural(2, noun)}", f"with between {k} and {k2} {plural(2, noun)} (inclusive)"]
            sh = [f"{k}-{k2} {plural(2, noun)}", f"{plural(2, noun)} {k}..{k2}"]
        implies = purchase_word and op in ("ge", "gt", "eq", "between") and k >= 1
        return Leaf(kind, params, _b(mask), vps, mods, [], [], sh, implies_purchase=implies)


def group(kind: str) -> str:
    """Kinds about the same quantity (never two of them in one question)."""
    for prefix, name in (("net_spend", "spend"), ("last_purchase", "last_purchase"), ("return", "returns"), ("review", "reviews")):
        if kind.startswith(prefix):
            return name
    return kind


def _b(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


def _round(value: float) -> int:
    if value < 10:
        return max(1, int(round(value)))
    step = 10 ** (len(str(int(value))) - 1)
    step = step // 2 if value / step < 3 and step >= 10 else step
    return int(max(step, round(value / step) * step))


KINDS = ["country", "country_not", "bought_category", "bought_brand", "bought_product", "bought_category_within",
         "bought_brand_within", "last_purchase_within", "last_purchase_more", "viewed_not_bought", "returned", "reviewed",
         "orders", "returns_count", "reviews_count", "support_count", "net_spend_over", "net_spend_under", "aov",
         "first_seen", "last_seen_within", "rating"]
MOD_KINDS = ["country", "orders", "net_spend_over", "aov", "bought_category", "first_seen", "returned", "reviewed", "support_count"]


# --- rendering ---------------------------------------------------------------------------------------
HEADS = ["customers", "customers", "customers", "shoppers", "buyers", "people", "users", "clients"]


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def head(self, leaves: list[Leaf]) -> str:
        h = self.r.choice(HEADS)
        if h == "buyers" and not any(leaf.implies_purchase for leaf in leaves):
            h = "customers"
        return h

    def np(self, op: str, leaves: list[Leaf]) -> tuple[str, str]:
        """(noun phrase 'German customers who ...', finite clause for 'Which <head> <clause>?' i.e. pre+head+rest)."""
        r = self.r
        h = self.head(leaves)
        rel = r.choice(["who", "who", "that"])
        a = leaves[0]
        if op == "single":
            if a.pres and r.random() < 0.5:
                return f"{r.choice(a.pres)} {h}", ""
            if a.mods and r.random() < 0.4:
                return f"{h} {r.choice(a.mods)}", ""
            return h, f"{r.choice(a.vps)}"
        if op == "not":
            return h, r.choice(a.negs)
        b = leaves[1]
        if op == "and" and len(leaves) == 2:
            shape = r.randrange(4)
            if shape == 0 and a.pres:
                return f"{r.choice(a.pres)} {h}", r.choice(b.vps)
            if shape <= 1 and a.mods:
                return f"{h} {r.choice(a.mods)}", r.choice(b.vps)
            if shape == 2 and a.mods and b.mods and a.kind != b.kind:
                return f"{h} {r.choice(a.mods)} and {r.choice(b.mods)}", ""
            return h, f"{r.choice(a.vps)} and {r.choice(b.vps)}"
        if op == "and":
            c = leaves[2]
            pre = f"{r.choice(a.pres)} {h}" if a.pres and r.random() < 0.5 else (f"{h} {r.choice(a.mods)}" if a.mods else h)
            if pre == h:
                return h, f"{r.choice(a.vps)}, {r.choice(b.vps)} and {r.choice(c.vps)}"
            return pre, f"{r.choice(b.vps)} and {r.choice(c.vps)}"
        if op == "or":
            lead = r.choice(["", "either "])
            return h, f"{lead}{r.choice(a.vps)} or {r.choice(b.vps)}"
        if op == "and_not":
            joint = r.choice([" but ", " but ", " and ", " yet "])
            if a.pres and r.random() < 0.5:
                return f"{r.choice(a.pres)} {h}", r.choice(b.negs)
            if a.mods and r.random() < 0.4:
                return f"{h} {r.choice(a.mods)}", r.choice(b.negs)
            return h, f"{r.choice(a.vps)}{joint}{r.choice(b.negs)}"
        if op == "and_or":
            c = leaves[2]
            if a.pres and r.random() < 0.5:
                pre = f"{r.choice(a.pres)} {h}"
            else:
                pre = f"{h} {r.choice(a.mods)}"
            return pre, f"{r.choice(['', 'either '])}{r.choice(b.vps)} or {r.choice(c.vps)}"
        raise ValueError(op)

    def full_np(self, op: str, leaves: list[Leaf]) -> str:
        noun, clause = self.np(op, leaves)
        if not clause:
            return noun
        return f"{noun} {self.r.choice(['who', 'who', 'that'])} {clause}"

    def terse(self, op: str, leaves: list[Leaf]) -> str:
        r = self.r

        def s(leaf: Leaf) -> str:
            return r.choice(leaf.shorts) if leaf.shorts else r.choice(leaf.mods or leaf.vps)

        def sn(leaf: Leaf) -> str:
            return r.choice(leaf.short_negs) if leaf.short_negs else "NOT " + s(leaf)

        a = leaves[0]
        if op == "single":
            return s(a)
        if op == "not":
            return sn(a)
        if op == "and":
            j = r.choice([" + ", ", ", " & ", " and ", " w/ "])
            return j.join(s(leaf) for leaf in leaves)
        if op == "or":
            return f"{s(a)} {r.choice(['OR', 'or', '/'])} {s(leaves[1])}"
        if op == "and_not":
            return f"{s(a)}{r.choice([', ', ' but ', ' + ', ' & '])}{sn(leaves[1])}"
        if op == "and_or":
            return f"{s(a)} {r.choice(['+', '&', 'and'])} ({s(leaves[1])} {r.choice(['OR', 'or'])} {s(leaves[2])})"
        raise ValueError(op)

    def spec(self, op: str, leaves: list[Leaf]) -> str:
        """filter_spec family: semi-structured lists."""
        r = self.r

        def s(leaf: Leaf) -> str:
            return r.choice(leaf.mods + leaf.vps) if r.random() < 0.5 or not leaf.shorts else r.choice(leaf.shorts)

        def sn(leaf: Leaf) -> str:
            return "exclude anyone who " + r.choice(leaf.vps) if r.random() < 0.5 else "excl. " + s(leaf)

        a = leaves[0]
        opener = r.choice(["Filter:", "Criteria:", "Customers matching ->", "Rules:", "Conditions -"])
        if op == "single":
            return f"{opener} {s(a)}"
        if op == "not":
            return f"{opener} {r.choice(a.negs)}"
        if op == "and":
            return f"{opener} " + r.choice(["; ", " AND ", " | "]).join(s(leaf) for leaf in leaves)
        if op == "or":
            return f"{opener} {s(a)} OR {s(leaves[1])}" + r.choice(["", " (either is fine)", " (any of the two)"])
        if op == "and_not":
            return f"{opener} {s(a)}; {sn(leaves[1])}" if r.random() < 0.5 else f"{opener} {s(a)}; NOT: {r.choice(leaves[1].vps)}"
        if op == "and_or":
            return f"{opener} {s(a)}; plus one of: {s(leaves[1])} / {s(leaves[2])}"
        raise ValueError(op)


TAILS = ["need them for the Xmas mailer", "for the autumn win-back campaign", "for the fall win-back campaign",
         "it's for a personalised offer", "it's for a personalized offer", "going into the Black Friday email",
         "for a retargeting test next week", "want to send them a voucher", "for our loyalty programme pilot",
         "for our loyalty program pilot", "need to hand the list to the CRM team", "for the spring catalogue send-out",
         "thinking of a thank-you note", "for a survey about their favourite products", "for a survey about their favorite products",
         "for an A/B test on the homepage banner"]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def render(family: str, op: str, leaves: list[Leaf], w: Writer) -> str:  # noqa: PLR0911
    r = w.r
    if family == "which_q":
        noun, clause = w.np(op, leaves)
        if clause:
            shape = r.randrange(3)
            if shape == 0:
                return f"Which {noun} {clause}?"
            if shape == 1:
                return f"Who are the {noun} that {clause}?"
            return f"Which of our {noun} {clause}?"
        return r.choice([f"Which {noun} do we have?", f"Who are our {noun}?", f"which {noun} are there?"])
    if family == "imperative":
        verb = r.choice(["List", "Pull", "Show me", "Give me", "Export", "Get me", "Find", "pull up", "list out"])
        return f"{verb} {r.choice(['all ', 'all the ', 'every one of the ', '', 'the '])}{w.full_np(op, leaves)}{r.choice(['.', '', '.', ' please'])}"
    if family == "noun_phrase":
        npx = w.full_np(op, leaves)
        return r.choice([cap(npx), f"All {npx}", npx, f"{cap(npx)}."])
    if family == "looking_for":
        lead = r.choice(["I'm looking for", "I am looking for", "I need", "We want to reach", "Looking for", "I'd like to see",
                         "I'm trying to find"])
        return f"{lead} {r.choice(['', 'all ', 'the '])}{w.full_np(op, leaves)}{r.choice(['.', '', '!'])}"
    if family == "polite":
        lead = r.choice(["Any chance you could pull", "Could you get me", "Can you find", "Would you mind listing", "Could you please pull",
                         "can u grab"])
        tail = r.choice(["?", " please?", "? Thanks!", "? ta", "?"])
        return f"{lead} {r.choice(['the ', 'all ', ''])}{w.full_np(op, leaves)}{tail}"
    if family == "segment_label":
        label = r.choice(["segment:", "Segment -", "Audience:", "Target group:", "SEGMENT:", "audience ->"])
        body = w.terse(op, leaves) if r.random() < 0.3 else w.full_np(op, leaves)
        return f"{label} {body}"
    if family == "purpose_tail":
        sep = r.choice([" — ", " - ", ", ", " -- ", "; "])
        return f"{cap(w.full_np(op, leaves))}{sep}{r.choice(TAILS)}"
    if family == "terse":
        body = w.terse(op, leaves)
        head = r.choice(["", "", "custs ", "ppl ", "customers: "])
        return f"{head}{body}{r.choice(['', '?', ' pls', ''])}"
    if family == "conversational":
        lead = r.choice(["hey, quick one: marketing wants to target", "So for the next campaign we're thinking of",
                         "Hi! My manager asked me for", "ok so I need to figure out who are the", "Quick question - we want to email"])
        tail = r.choice([". Who fits?", " — can you tell me who that is?", ". Can you help?", ", who would that be?", ". Thanks in advance"])
        return f"{lead} {w.full_np(op, leaves)}{tail}"
    if family == "filter_spec":
        return w.spec(op, leaves)
    raise ValueError(family)


# --- declines ----------------------------------------------------------------------------------------
DECLINE_WRAP = [  # (what is missing, template over an answerable noun phrase)
    ("email", "the email addresses of {np}"),
    ("email", "{np} — export with their emails please"),
    ("phone", "phone numbers for {np}"),
    ("phone", "Can I get the mobile numbers of {np}?"),
    ("address", "home addresses of {np}, we want to send a printed catalogue"),
    ("address", "Postal addresses for {np}"),
    ("social", "Instagram handles of {np}"),
    ("social", "the Twitter / X accounts of {np}"),
]
DECLINE_FILTER = [  # (what is missing, head phrase replacing the plain head noun)
    ("age", "customers aged 25-34"), ("age", "over-50s"), ("age", "customers under 30"),
    ("gender", "female customers"), ("gender", "male shoppers"),
    ("income", "high-income customers (household income over €80k)"), ("income", "customers earning more than 50k a year"),
    ("pets", "dog owners"), ("pets", "customers who own a cat"),
    ("children", "parents with kids under 5"), ("children", "customers with children"),
    ("newsletter", "customers who opened last week's newsletter"), ("ads", "customers who clicked our Facebook ad"),
    ("loyalty_tier", "gold-tier loyalty members"), ("channel", "customers who came in through TikTok"),
    ("birthday", "customers with a birthday this month"), ("marital_status", "married customers"),
]


def decline(leaf: Leaf | None, family: str, w: Writer) -> tuple[str, str]:
    r = w.r
    if r.random() < 0.5:
        missing, tmpl = r.choice(DECLINE_WRAP)
        npx = w.full_np("single", [leaf]) if leaf else r.choice(["our customers", "everyone on the list", "all shoppers"])
        q = tmpl.format(np=npx)
        if family in ("imperative", "terse", "filter_spec", "segment_label"):
            q = r.choice(["Give me ", "Pull ", "Export ", "segment + contact: "]) + q if not q[0].isupper() else q
        elif family == "polite":
            q = "Could you get me " + q + "?" if not q[0].isupper() else q
        return missing, cap(q)
    missing, headp = r.choice(DECLINE_FILTER)
    if leaf is None:
        q = r.choice([f"Which {headp} do we have?", f"List {headp}", f"I'm looking for {headp}", f"segment: {headp}"])
    else:
        clause = r.choice(leaf.vps)
        q = r.choice([f"Which {headp} {clause}?", f"{cap(headp)} who {clause}", f"Pull {headp} that {clause}",
                      f"I need {headp} who {clause} — for a targeted promo"])
    return missing, q


# --- main ----------------------------------------------------------------------------------------------
PLAN = [("single", 115), ("and", 62), ("and3", 26), ("or", 24), ("and_not", 26), ("not", 12), ("and_or", 14)]
N_DECLINE = 22


def build(folder: Path, seed: int) -> list[dict[str, Any]]:  # noqa: PLR0912, PLR0915
    rng = random.Random(seed)
    world = World(folder, rng)
    w = Writer(rng)
    fam_cycle = FAMILIES[:]
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    seen_q: set[str] = set()

    def draw(kinds: list[str], pred=lambda leaf: True) -> Leaf:
        for _ in range(200):
            leaf = world.draw(rng.choice(kinds))
            if leaf is not None and pred(leaf):
                return leaf
        raise RuntimeError(f"no leaf from {kinds}")

    def family() -> str:
        return fam_cycle[len(out) % len(fam_cycle)] if rng.random() < 0.6 else rng.choice(FAMILIES)

    def add(op: str, kind: str, leaves: list[Leaf], mask: pd.Series, cond: dict[str, Any]) -> bool:
        key = json.dumps(cond, sort_keys=True)
        if key in seen:
            return False
        fam = family()
        text = render(fam, "and" if op == "and3" else op, leaves, w)
        if text in seen_q:
            return False
        seen.add(key)
        seen_q.add(text)
        ids = sorted(m for m, v in mask.items() if v)
        out.append({"question": text, "expected_user_ids": ids, "kind": kind, "conditions": cond, "family": fam})
        return True

    single_kinds = KINDS + ["rating", "rating", "rating", "last_seen_within", "last_purchase_within", "net_spend_under"]
    for op, n in PLAN:
        made = slot = tries = 0
        while made < n:
            if op == "single":
                kind = single_kinds[slot % len(single_kinds)]  # round robin: retry a kind (up to 40 times) until it yields
                leaf = world.draw(kind)
                tries += 1
                if leaf is not None and add(op, leaf.kind, [leaf], leaf.mask, leaf.cond()):
                    made += 1
                    slot, tries = slot + 1, 0
                elif tries >= 40:
                    slot, tries = slot + 1, 0
                continue
            if op in ("and", "and3", "and_or"):
                a = draw(MOD_KINDS, lambda lf: bool(lf.mods or lf.pres))
                rest = [draw(KINDS, lambda lf, a=a: group(lf.kind) != group(a.kind)) for _ in range(1 if op == "and" else 2)]
                if op != "and" and group(rest[0].kind) == group(rest[1].kind):
                    continue
                leaves = [a, *rest]
                if op == "and_or":
                    bc = rest[0].mask | rest[1].mask
                    mask = a.mask & bc
                    parts = [a.mask, bc, rest[0].mask & a.mask, rest[1].mask & a.mask]
                    cond = {"op": "and", "args": [a.cond(), {"op": "or", "args": [rest[0].cond(), rest[1].cond()]}]}
                else:
                    mask = a.mask.copy()
                    for leaf in rest:
                        mask &= leaf.mask
                    if op == "and":
                        parts = [a.mask, rest[0].mask]
                    else:
                        parts = [a.mask & rest[0].mask, a.mask & rest[1].mask, rest[0].mask & rest[1].mask]
                    cond = {"op": "and", "args": [leaf.cond() for leaf in leaves]}
                if not world.ok(mask, 1) or any(p.equals(mask) for p in parts):
                    continue
                made += add(op, "and" if op == "and3" else op, leaves, mask, cond)
            elif op == "or":
                a, b = draw(KINDS), draw(KINDS)
                if group(a.kind) == group(b.kind):
                    continue
                mask = a.mask | b.mask
                if not world.ok(mask, 1) or mask.equals(a.mask) or mask.equals(b.mask):
                    continue
                made += add(op, op, [a, b], mask, {"op": "or", "args": [a.cond(), b.cond()]})
            elif op == "and_not":
                a = draw(KINDS)
                b = draw(KINDS, lambda lf, a=a: bool(lf.negs) and group(lf.kind) != group(a.kind) and (a.implies_purchase or not lf.neg_needs_purchase))
                mask = a.mask & ~b.mask
                if not world.ok(mask, 1) or mask.equals(a.mask):
                    continue
                made += add(op, op, [a, b], mask, {"op": "and", "args": [a.cond(), {"op": "not", "args": [b.cond()]}]})
            elif op == "not":
                a = draw(KINDS, lambda lf: bool(lf.negs) and not lf.neg_needs_purchase)
                mask = ~a.mask
                if not world.ok(mask, 1) or mask.sum() > 0.85 * world.n:
                    continue
                made += add(op, op, [a], mask, {"op": "not", "args": [a.cond()]})
    # declines
    made = 0
    while made < N_DECLINE:
        leaf = draw(KINDS) if rng.random() < 0.75 else None
        fam = family()
        missing, text = decline(leaf, fam, w)
        if text in seen_q:
            continue
        seen_q.add(text)
        out.append({"question": text, "expected_user_ids": None, "kind": "decline",
                    "conditions": {"decline": missing, "with": leaf.cond() if leaf else None}, "family": fam})
        made += 1
    rng.shuffle(out)
    rows = []
    for i, row in enumerate(out, 1):
        rows.append({"id": f"mb{i:03d}", "question": row["question"], "expected_user_ids": row["expected_user_ids"],
                     "kind": row["kind"], "conditions": row["conditions"], "family": row["family"],
                     "split": "heldout" if row["family"] in HELDOUT else "dev"})
    return rows


def leaf_kinds(cond: dict[str, Any]) -> list[str]:
    if "kind" in cond:
        return [cond["kind"]]
    if "decline" in cond:
        return ["decline"]
    return [k for arg in cond["args"] for k in leaf_kinds(arg)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shop", type=Path, default=Path("/tmp/bshop"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "marketer_questions_blind.jsonl")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    rows = build(args.shop, args.seed)
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} questions -> {args.out}")
    for name, counter in (("kind", Counter(r["kind"] for r in rows)), ("family", Counter(r["family"] for r in rows)),
                          ("split", Counter(r["split"] for r in rows)),
                          ("leaf kind (in any question)", Counter(k for r in rows for k in leaf_kinds(r["conditions"])))):
        print(f"-- per {name}:")
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"   {key:28s} {n}")
    sizes = [len(r["expected_user_ids"]) for r in rows if r["expected_user_ids"] is not None]
    print(f"-- answer sizes: min {min(sizes)}, median {sorted(sizes)[len(sizes) // 2]}, max {max(sizes)}; "
          f"declines {sum(r['expected_user_ids'] is None for r in rows)}")


if __name__ == "__main__":
    main()

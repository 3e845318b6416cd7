"""Single conditions of the NINETEENTH blind marketer set: each kind as a condition dict (read by
``blind2_check.holds``), its customers as a pandas mask over ``marketer_reference.Ref``, and its wording in the
noisy-typing register of this set: as a verb phrase after "who" (typed, text-speak or spoken, with its negation), as
a search-box token and as a spreadsheet-formula argument, with values drawn from the shop's own data and names that
may carry a typing slip a colleague still reads right."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

import pandas as pd

import blind19_words as W

KINDS = ["country", "country_not", "bought_category", "bought_category_within", "bought_brand", "bought_brand_within",
         "bought_product", "last_purchase_within", "last_purchase_more", "last_seen_within", "first_seen", "orders", "aov",
         "net_spend_over", "net_spend_under", "returns_count", "reviews_count", "support_count", "returned", "reviewed",
         "rating_min", "rating_max", "rating_average", "rating_latest", "viewed_not_bought"]

NEGATABLE = {"bought_category", "bought_category_within", "bought_brand", "bought_brand_within", "bought_product",
             "returned", "reviewed", "support_count", "orders", "returns_count", "reviews_count", "last_purchase_within",
             "last_seen_within"}

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
MON3 = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]

# how people write each country (typed); the search/formula token; said aloud
COUNTRY = {
    "United Kingdom": (["the UK", "UK", "the U.K.", "the United Kingdom", "Britain", "great britain"], ["UK", "GB", "uk"],
                       ["the uk", "britain", "the united kingdom"]),
    "United States": (["the US", "the USA", "the U.S.", "the States", "the united states"], ["US", "USA", "us"],
                      ["the us", "the states", "america"]),
    "Germany": (["Germany", "germany"], ["DE", "Germany", "de"], ["germany"]),
    "France": (["France", "france"], ["FR", "France", "fr"], ["france"]),
    "Netherlands": (["the Netherlands", "Holland", "the netherlands", "NL"], ["NL", "Netherlands", "nl"],
                    ["the netherlands", "holland"]),
    "Spain": (["Spain", "spain"], ["ES", "Spain", "es"], ["spain"]),
}
CAT_FORMS = {"toys & games": ["toys & games", "toys and games", "toys n games"],
             "sports & outdoors": ["sports & outdoors", "sports and outdoors", "sports/outdoors"],
             "garden decor": ["garden decor", "garden décor", "garden-decor"],
             "home office": ["home office", "home-office"],
             "pet supplies": ["pet supplies", "pet-supplies"]}

SPANS = {  # days -> (typed forms, spoken forms, token forms)
    2: (["2 days", "48 hrs", "two days"], ["two days", "forty-eight hours"], ["2d", "48h"]),
    3: (["3 days", "72 hours", "three days"], ["three days", "seventy-two hours"], ["3d", "72h"]),
    5: (["5 days", "five days", "5 dys"], ["five days"], ["5d"]),
    7: (["7 days", "a week", "1 wk", "seven days", "7d"], ["seven days", "a week"], ["7d", "1wk"]),
    10: (["10 days", "ten days", "10d"], ["ten days"], ["10d"]),
    14: (["14 days", "2 weeks", "2 wks", "a fortnight", "two weeks", "14d"], ["two weeks", "fourteen days", "a fortnight"],
         ["14d", "2wks"]),
    21: (["21 days", "3 weeks", "3 wks", "three weeks"], ["three weeks", "twenty-one days"], ["21d", "3wks"]),
    28: (["28 days", "4 weeks", "4 wks"], ["four weeks", "twenty-eight days"], ["28d", "4wks"]),
    30: (["30 days", "30d", "thirty days", "30 dys"], ["thirty days"], ["30d"]),
    45: (["45 days", "45d"], ["forty-five days"], ["45d"]),
    60: (["60 days", "60d", "sixty days"], ["sixty days"], ["60d"]),
    84: (["12 weeks", "84 days", "12 wks"], ["twelve weeks"], ["84d", "12wks"]),
    90: (["90 days", "90d", "ninety days"], ["ninety days"], ["90d"]),
    98: (["14 weeks", "98 days"], ["fourteen weeks"], ["98d", "14wks"]),
    100: (["100 days", "100d", "a hundred days"], ["a hundred days", "one hundred days"], ["100d"]),
    105: (["15 weeks", "105 days", "15 wks"], ["fifteen weeks"], ["105d", "15wks"]),
}


def _lev(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def slip(name: str, rng: random.Random, others: list[str]) -> str:
    """One typing slip in one longer word of ``name`` (adjacent letters swapped, a letter dropped or doubled), kept
    only if the result is still far nearer ``name`` than any of ``others``."""
    spots = [m for m in re.finditer(r"[A-Za-z]{6,}", name)]
    if not spots:
        return name
    for _ in range(6):
        m = rng.choice(spots)
        w = m.group(0)
        i = rng.randrange(1, len(w) - 2)
        how = rng.choice(["swap", "drop", "double"])
        if how == "swap":
            if w[i] == w[i + 1]:
                continue
            new = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        elif how == "drop":
            new = w[:i] + w[i + 1:]
        else:
            new = w[:i] + w[i] + w[i:]
        out = name[:m.start()] + new + name[m.end():]
        low = out.lower()
        if low != name.lower() and all(_lev(low, o.lower()) >= 3 for o in others if o.lower() != name.lower()):
            return out
    return name


def _num(n, rng: random.Random, mode: str) -> str:
    spoken = mode == "spoken"
    if isinstance(n, float) and not n.is_integer():
        if spoken:
            whole = W.words(int(n))
            return rng.choice([f"{whole} point five", f"{whole} and a half"]) if abs(n % 1 - 0.5) < 1e-9 else str(n)
        return f"{n:g}"
    n = int(n)
    if spoken:
        return W.words(n)
    return W.words(n) if n <= 10 and rng.random() < 0.15 else str(n)


def _money(m: int, rng: random.Random, mode: str) -> str:
    if mode == "spoken":
        return W.money_words(m, rng) + rng.choice(["", "", " euros"])
    if mode in ("tok", "fx"):
        forms = [f"{m}", f"{m}"] + ([f"{m / 1000:g}k", f"{m / 1000:g}k"] if m >= 1000 else []) + [f"€{m}"]
        return rng.choice(forms)
    if mode == "dict":  # what a phone's dictation writes down
        return rng.choice([f"{m:,}", f"€{m:,}", f"{m:,} euros"])
    if m >= 1000:
        k = f"{m / 1000:g}"
        forms = [f"{m}", f"{m:,}", f"{k}k", f"{k}k", f"€{k}k", f"€{m:,}", f"{m} eur", f"{k}k eur"]
        if m % 100 == 0 and m % 1000 != 0:
            forms.append(W.money_words(m, rng))
    else:
        forms = [f"{m}", f"{m}", f"{m}", f"€{m}", f"{m} eur", f"{m} euros", f"EUR {m}"]
    return rng.choice(forms)


def _span(d: int, rng: random.Random, mode: str, article: bool = False) -> str:
    """A number of days as people write it; without ``article`` it follows "the last" ("the past fortnight")."""
    typed, said, tok = SPANS[d]
    if mode == "dict":
        typed = [t for t in typed if not re.search(r"\d[a-z]\b|\b(wks?|hrs|dys)\b", t)]
    out = rng.choice({"spoken": said, "tok": tok, "fx": tok}.get(mode, typed))
    return out if article or not out.startswith("a ") else out[2:]


def _date(d: date, rng: random.Random, mode: str) -> str:
    month, mon = MONTHS[d.month - 1], MON3[d.month - 1]
    if mode == "spoken":
        return rng.choice([f"{month.lower()} {W.ORDINALS[d.day]}", f"the {W.ORDINALS[d.day]} of {month.lower()}"])
    if mode == "fx":
        return f"DATE({d.year},{d.month},{d.day})"
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(d.day, "th")
    if mode == "dict":
        return rng.choice([f"{month} {d.day}{suffix}", f"the {d.day}{suffix} of {month}", f"{month} {d.day}"])
    if mode == "tok":
        return rng.choice([d.isoformat(), f"{d.day}{mon.lower()}", f"{d.day}-{mon}-{d.year}"] +
                          ([f"{d.day:02d}/{d.month:02d}/{d.year}"] if d.day > 12 else []))
    forms = [d.isoformat(), f"{d.day} {mon}", f"{mon} {d.day}{suffix}", f"{month} {d.day}", f"{d.day}{suffix} {month}",
             f"{d.day} {mon} {d.year}", f"{month} {d.day}, {d.year}"]
    if d.day > 12:  # numeric day/month orders only where the day cannot be a month
        forms += [f"{d.day:02d}/{d.month:02d}/{d.year}", f"{d.month}/{d.day}/{d.year}", f"{d.day}/{d.month}/{str(d.year)[2:]}"]
    return rng.choice(forms)


def _stars(v, rng: random.Random, mode: str) -> str:
    if mode == "spoken":
        return _num(v, rng, mode) + (" star" if v == 1 else " stars")
    n = f"{v:g}"
    if mode == "dict":
        return "1 star" if v == 1 else f"{n} stars"
    return rng.choice([f"{n} stars" if v != 1 else "1 star", f"{n}★", f"{n}*", f"{n} star" if v == 1 else f"{n} stars"])


def _star_adj(v, rng: random.Random, mode: str) -> str:
    """A rating before a noun ("a 5-star review")."""
    if mode == "spoken":
        return _num(v, rng, mode) + " star"
    if mode == "dict":
        return f"{v:g} star"
    return rng.choice([f"{v:g}-star", f"{v:g} star", f"{v:g}★", f"{v:g}*"])


def _cmp(op: str, v, hi, rng: random.Random, mode: str, no_or: bool, fmt=None) -> str:
    """A count or value compared, written so it can stand before the noun ("at least 3", "3+", "2-4")."""
    if fmt is None:
        in_words = mode == "spoken" or (mode in ("rel", "dict") and rng.random() < 0.15 and v <= 10 and (hi or 0) <= 10)
        f = (lambda x: W.words(int(x)) if float(x).is_integer() else _num(x, rng, "spoken")) if in_words else \
            (lambda x: f"{x:g}" if isinstance(x, float) else str(x))
    else:
        f = fmt
    plain = mode in ("spoken", "dict")
    amount = fmt is not None or isinstance(v, float)  # money and averages: "less than", not "fewer than"
    a = f(v)
    b = f(hi) if hi is not None else None
    d = a if fmt else (f"{v:g}" if isinstance(v, float) else str(v))  # digits beside a symbol
    e = (b if fmt else (f"{hi:g}" if isinstance(hi, float) else str(hi))) if hi is not None else None
    opts = {
        "ge": [f"at least {a}", f"{a} or more", f"no less than {a}" if amount else f"no fewer than {a}"] +
              ([] if plain else [f"{d}+", f">= {d}", f">={d}", f"≥{d}"]),
        "gt": [f"more than {a}", f"over {a}"] + ([] if plain else [f"> {d}", f">{d}"]),
        "eq": [f"exactly {a}", f"precisely {a}"],
        "le": [f"at most {a}", f"no more than {a}"] + ([] if plain else [f"<= {d}", f"≤{d}"]),
        "lt": ([f"less than {a}", f"under {a}", f"below {a}"] if amount else [f"fewer than {a}", f"less than {a}"]) +
              ([] if plain else [f"< {d}", f"<{d}"]),
        "between": [f"between {a} and {b}", f"{a} to {b}"] + ([] if plain else [f"{d}-{e}"]),
    }[op]
    if no_or:
        opts = [o for o in opts if " or " not in o] or opts
    return rng.choice(opts)


class Leaf:
    """One condition: ``cond`` (positive), ``mask`` (positive), ``neg`` (whether it is to be said negated) and its
    wording through ``say``."""

    def __init__(self, lv: "Leaves", kind: str, cond: dict, mask: pd.Series, neg: bool, **vals) -> None:
        self.lv, self.kind, self.cond, self.mask, self.neg, self.v = lv, kind, cond, mask, neg, vals

    # -- names ------------------------------------------------------------------------------------------------
    def _name(self, key: str, rng: random.Random, mode: str, slip_rate: float, fix: bool) -> str:
        lv, v = self.lv, self.v
        spoken = mode == "spoken"
        if key == "cat":
            real = v["category"]
            pool = [c for c in lv.ref.categories if c != real]
            form = real if spoken else rng.choice(CAT_FORMS.get(real, [real]))
            others = lv.ref.categories + lv.brands
        elif key == "brand":
            real = v["brand"]
            pool = [b for b in lv.brands if b != real]
            form = real if rng.random() < 0.7 else rng.choice([real.lower(), real.replace("&", "and")])
            others = lv.ref.categories + lv.brands
        elif key == "title":
            real = v["product"]
            pool = []
            form = real if rng.random() < 0.6 else real.lower()
            others = lv.titles_all
        else:  # country
            real = v["country"]
            pool = [c for c in lv.countries if c != real]
            typed, tok, said = COUNTRY[real]
            form = rng.choice({"spoken": said, "tok": tok, "fx": tok}.get(mode, typed))
            others = list(lv.countries) + ["Greece", "Grenada", "Finland", "Ireland", "Poland", "Sweden", "Belgium", "Jordan"]
        if spoken:
            form = form.lower().replace("&", "and")
        elif mode in ("rel", "tok") and rng.random() < slip_rate:
            form = slip(form, rng, others)
        if fix and pool:
            wrong = rng.choice(pool)
            wrong = COUNTRY[wrong][2 if spoken else 0][0] if key == "country" else (wrong.lower() if spoken else wrong)
            form = f"{wrong} " + rng.choice(["sorry I mean", "no wait I mean", "I mean", "scratch that", "no sorry"]) + f" {form}"
        return form

    def say(self, rng: random.Random, mode: str = "rel", no_or: bool = False, noise: float = 0.0,
            slip_rate: float = 0.0, fix: bool = False) -> str:
        """``mode``: rel (a verb phrase after "who", negated when ``neg``), sms (the same in text-speak), spoken
        (words only, no symbols), tok (a search-box token, always positive), fx (a spreadsheet-formula argument,
        always positive). ``no_or``: avoid wordings that contain "or" themselves (the phrase stands in an or)."""
        base = "rel" if mode == "sms" else mode
        tpl = PHRASE[self.kind](self, rng, base, no_or)
        for _ in range(12):
            if mode not in ("spoken", "dict") or "(" not in tpl:
                break
            tpl = PHRASE[self.kind](self, rng, base, no_or)
        if mode == "sms":
            tpl = W.sms(tpl)
        if noise and mode not in ("tok", "fx"):
            tpl = W.typo(tpl, rng, noise)
        for key in ("cat", "brand", "title", "country"):
            while f"§{key}§" in tpl:
                tpl = tpl.replace(f"§{key}§", self._name(key, rng, base, slip_rate, fix and key != "title"), 1)
                fix = False
        return tpl


# ---- the wordings, kind by kind: each returns a template whose names are §cat§ / §brand§ / §title§ / §country§ ----

def _pick(rng: random.Random, opts: list[str], no_or: bool) -> str:
    if no_or:
        opts = [o for o in opts if not re.search(r"\bor\b", o)] or opts
    return rng.choice(opts)


def _country(lf: Leaf, rng, mode, no_or):
    if mode == "tok":
        return rng.choice(["country:§country§", "country=§country§", "loc:§country§"])
    if mode == "fx":
        return 'country="§country§"'
    return _pick(rng, ["are in §country§", "are based in §country§", "live in §country§", "are from §country§",
                       "order from §country§", "are located in §country§"], no_or)


def _country_not(lf: Leaf, rng, mode, no_or):
    if mode == "tok":
        return rng.choice(["country:non-§country§", "outside:§country§", "country!=§country§ (known country)"])
    if mode == "fx":
        return 'AND(country<>"", country<>"§country§")'
    return _pick(rng, ["are based outside §country§", "live outside of §country§", "order from a country other than §country§",
                       "are located anywhere but §country§", "are from outside §country§"], no_or)


def _within(lf: Leaf, rng, mode) -> str:
    s = _span(lf.v["days"], rng, mode)
    return rng.choice([f"in the last {s}", f"in the past {s}", f"within the last {s}", f"over the past {s}", f"in the last {s}"])


def _bought_category(lf: Leaf, rng, mode, no_or):
    win = lf.kind == "bought_category_within"
    if mode == "tok":
        t = rng.choice(['bought:"§cat§"', 'category_bought:"§cat§"', 'purchased:"§cat§"'])
        return t + (f" (last {_span(lf.v['days'], rng, 'tok')})" if win else "")
    if mode == "fx":
        return 'bought("§cat§"' + (f", last {_span(lf.v['days'], rng, 'fx')})" if win else ")")
    w = _within(lf, rng, mode) if win else ""
    if lf.neg:
        if win:
            return _pick(rng, [f"haven't bought anything from §cat§ {w}", f"have bought nothing from §cat§ {w}",
                               f"have not ordered anything in §cat§ {w}"], no_or)
        return _pick(rng, ["have never bought anything from §cat§", "never bought from §cat§",
                           "have never ordered from the §cat§ category", "have not once bought §cat§"], no_or)
    opts = ["bought something from §cat§", "have bought from §cat§", "bought anything in §cat§", "ordered from the §cat§ category",
            "have purchased items from §cat§", "bought stuff from §cat§"]
    return _pick(rng, [f"{o} {w}".strip() for o in opts], no_or)


def _bought_brand(lf: Leaf, rng, mode, no_or):
    win = lf.kind == "bought_brand_within"
    if mode == "tok":
        t = rng.choice(['bought_brand:"§brand§"', 'brand_bought:"§brand§"', 'purchased brand:"§brand§"'])
        return t + (f" (last {_span(lf.v['days'], rng, 'tok')})" if win else "")
    if mode == "fx":
        return 'bought_brand("§brand§"' + (f", last {_span(lf.v['days'], rng, 'fx')})" if win else ")")
    w = _within(lf, rng, mode) if win else ""
    if lf.neg:
        if win:
            return _pick(rng, [f"haven't bought any §brand§ {w}", f"have bought nothing by §brand§ {w}",
                               f"have not ordered any §brand§ product {w}"], no_or)
        return _pick(rng, ["have never bought §brand§", "never bought anything from §brand§",
                           "have never ordered a §brand§ product"], no_or)
    opts = ["bought §brand§", "bought from §brand§", "bought something by §brand§", "have ordered a §brand§ product",
            "purchased the brand §brand§"]
    return _pick(rng, [f"{o} {w}".strip() for o in opts], no_or)


def _bought_product(lf: Leaf, rng, mode, no_or):
    if mode == "tok":
        return rng.choice(['bought:"§title§"', 'product_bought:"§title§"'])
    if mode == "fx":
        return 'bought_product("§title§")'
    q = "the §title§" if mode == "spoken" else rng.choice(["the §title§", "the “§title§”", "the '§title§'", "the §title§"])
    if lf.neg:
        return _pick(rng, [f"have never bought {q}", f"never ordered {q}", f"have not bought {q}, ever"], no_or)
    return _pick(rng, [f"bought {q}", f"have ordered {q}", f"purchased {q}", f"have bought {q} at some point"], no_or)


def _last_purchase_within(lf: Leaf, rng, mode, no_or):
    s = _span(lf.v["days"], rng, mode)
    if mode == "tok":
        return rng.choice([f"last_order<{s} ago", f"ordered:last {s}", f"purchased within {s}"])
    if mode == "fx":
        return f"DAYS_SINCE(last_order)<={lf.v['days']}"
    if lf.neg:
        if mode in ("spoken", "dict"):
            tail = ", including people who never ordered at all"
        else:
            tail = rng.choice([" (people who never ordered count too)", " (incl. those who never ordered at all)",
                               " - never-ordered ones included"] + ([] if no_or else [", whether or not they ordered before"]))
        return _pick(rng, [f"haven't ordered anything in the last {s}{tail}", f"have made no purchase in the past {s}{tail}",
                           f"have had no orders over the last {s}{tail}"], no_or)
    return _pick(rng, [f"ordered in the last {s}", f"bought something in the past {s}", f"have made a purchase within the last {s}",
                       f"placed an order in the last {s}", f"have ordered at least once in the past {s}"], no_or)


def _last_purchase_more(lf: Leaf, rng, mode, no_or):
    s, sa = _span(lf.v["days"], rng, mode), _span(lf.v["days"], rng, mode, article=True)
    if mode == "tok":
        return rng.choice([f"last_order>{s} ago", f"last purchase:>{s} ago"])
    if mode == "fx":
        return f"DAYS_SINCE(last_order)>{lf.v['days']}"
    return _pick(rng, [f"last ordered more than {sa} ago", f"made their last purchase over {sa} ago",
                       f"have bought before but not in the last {s}", f"have ordered in the past, just nothing in the last {s}",
                       f"last bought something more than {sa} back"], no_or)


def _last_seen_within(lf: Leaf, rng, mode, no_or):
    s = _span(lf.v["days"], rng, mode)
    if mode == "tok":
        return rng.choice([f"active:last {s}", f"last_seen<{s}", f"seen within {s}"])
    if mode == "fx":
        return f"DAYS_SINCE(last_seen)<={lf.v['days']}"
    if lf.neg:
        return _pick(rng, [f"haven't been active in the last {s}", f"have shown no activity at all in the past {s}",
                           f"haven't been seen at all in the last {s}"], no_or)
    return _pick(rng, [f"were active in the last {s}", f"have been active in the past {s}",
                       f"have had some activity within the last {s}", f"were last seen within the past {s}"], no_or)


def _first_seen(lf: Leaf, rng, mode, no_or):
    op = lf.v["op"]
    if op == "within":
        s = _span(lf.v["days"], rng, mode)
        if mode == "tok":
            return rng.choice([f"first_seen:last {s}", f"new:<{s}"])
        if mode == "fx":
            return f"DAYS_SINCE(first_seen)<={lf.v['days']}"
        return _pick(rng, [f"first showed up in the last {s}", f"were first seen within the past {s}",
                           f"are new in the last {s} (first activity in that window)"], no_or)
    d = _date(lf.v["date"], rng, mode)
    if mode in ("tok", "fx"):
        sym = {"before": "<", "after": ">", "since": ">="}[op]
        return f"first_seen{sym}{d}"
    return _pick(rng, {
        "before": [f"were first seen before {d}", f"first showed up before {d}", f"had their first visit before {d}"],
        "after": [f"were first seen after {d}", f"first turned up after {d}", f"had their first visit after {d}"],
        "since": [f"were first seen on or after {d}", f"first showed up {d} or later", f"have been around only since {d} (first seen that day or later)"],
    }[op], no_or)


def _count(lf: Leaf, rng, mode, no_or, noun: str, token: str, fx: str, pos_verbs: list, never: list, fewer: list):
    op, n, hi = lf.v["op"], lf.v["value"], lf.v.get("high")
    spoken = mode == "spoken"
    if mode == "tok":
        sym = {"ge": ">=", "gt": ">", "eq": "=", "le": "<=", "lt": "<"}
        if op == "between":
            return f"{token}:{n}-{hi}"
        return rng.choice([f"{token}{sym[op]}{n}"] + ([f"{token}:{n}+"] if op == "ge" else []))
    if mode == "fx":
        if op == "between":
            return f"AND({fx}>={n}, {fx}<={hi})"
        return f"{fx}{ {'ge': '>=', 'gt': '>', 'eq': '=', 'le': '<=', 'lt': '<'}[op]}{n}"
    if lf.neg:  # only ge is negated
        if n == 1:
            return _pick(rng, never, no_or)
        a = _num(n, rng, mode)
        return _pick(rng, [f.format(a=a) for f in fewer], no_or)
    q = _cmp(op, n, hi, rng, mode, no_or)
    one = n == 1 and (op in ("eq", "gt") or (op == "ge" and q.startswith(("at least", "no fewer"))))
    unit = noun[:-1] if one else noun
    return _pick(rng, [v.format(q=q, unit=unit, times="time" if one else "times") for v in pos_verbs], no_or)


def _orders(lf, rng, mode, no_or):
    return _count(lf, rng, mode, no_or, "orders", "orders", "orders",
                  ["have {q} {unit}", "have placed {q} {unit}", "have {q} {unit} in total"],
                  ["have never ordered"],
                  ["have fewer than {a} orders (none at all counts too)", "haven't placed {a} or more orders",
                   "have under {a} orders, zero included"])


def _returns_count(lf, rng, mode, no_or):
    return _count(lf, rng, mode, no_or, "returns", "returns", "COUNT(returns)",
                  ["have {q} {unit}", "have made {q} {unit}", "have {q} {unit} on record"],
                  ["have never returned anything", "have no returns at all", "never sent anything back"],
                  ["have fewer than {a} returns (none counts too)", "have made under {a} returns, zero included"])


def _reviews_count(lf, rng, mode, no_or):
    return _count(lf, rng, mode, no_or, "reviews", "reviews", "COUNT(reviews)",
                  ["have written {q} {unit}", "have left {q} {unit}", "posted {q} {unit}"],
                  ["have never written a review", "never left a single review", "have no reviews"],
                  ["have written fewer than {a} reviews (none counts too)", "have left under {a} reviews, zero included"])


def _support_count(lf, rng, mode, no_or):
    return _count(lf, rng, mode, no_or, "support messages", "support_msgs", "COUNT(support_msgs)",
                  ["have sent {q} {unit}", "have {q} {unit} on file", "wrote to support {q} {times}",
                   "messaged customer service {q} {times}"],
                  ["have never contacted support", "never messaged customer service", "have sent no support messages"],
                  ["have sent fewer than {a} support messages (none counts too)", "wrote to support under {a} times, zero included"])


def _aov(lf, rng, mode, no_or):
    op, m, hi = lf.v["op"], lf.v["value"], lf.v.get("high")
    spoken = mode == "spoken"
    if mode == "tok":
        tok = rng.choice(["aov", "AOV", "avg_order_value"])
        if op == "between":
            return f"{tok}:{_money(m, rng, 'tok')}-{_money(hi, rng, 'tok')}"
        return f"{tok}{ {'ge': '>=', 'gt': '>', 'lt': '<', 'le': '<='}[op]}{_money(m, rng, 'tok')}"
    if mode == "fx":
        if op == "between":
            return f"AND(AOV>={m}, AOV<={hi})"
        return f"AOV{ {'ge': '>=', 'gt': '>', 'lt': '<', 'le': '<='}[op]}{m}"
    q = _cmp(op, m, hi, rng, mode, no_or, fmt=lambda x: _money(x, rng, mode))
    return _pick(rng, [f"have an average order value of {q}", f"have an AOV of {q}" if not spoken else f"have an average spend per order of {q}",
                       f"spend {q} per order on average", f"have an average basket of {q} per order"], no_or)


def _net_over(lf, rng, mode, no_or):
    m = lf.v["value"]
    spoken = mode == "spoken"
    if mode == "tok":
        return rng.choice([f"net_spend>{_money(m, rng, 'tok')}", f"spend(net)>{_money(m, rng, 'tok')}"])
    if mode == "fx":
        return f"net_spend>{m}"
    a = _money(m, rng, mode)
    return _pick(rng, [f"have spent more than {a} net", f"have a net spend over {a}", f"spent over {a} after returns",
                       f"have spent more than {a} once refunds are taken off", f"have net spend above {a}"], no_or)


def _net_under(lf, rng, mode, no_or):
    m, buyers = lf.v["value"], lf.v["buyers_only"]
    spoken = mode == "spoken"
    if mode == "tok":
        return f"net_spend<{_money(m, rng, 'tok')}" + (rng.choice([" (buyers only)", " buyers_only"]) if buyers else
                                                              rng.choice([" (incl. never-bought)", " incl_non_buyers"]))
    if mode == "fx":
        return f"AND(orders>=1, net_spend<{m})" if buyers else f"net_spend<{m}"
    a = _money(m, rng, mode)
    if buyers:
        return _pick(rng, [f"have ordered but spent less than {a} net", f"are buyers with a net spend under {a}",
                           f"bought something yet have spent under {a} after returns"], no_or)
    # the never-bought rider is closed off where it stands, so that nothing after it reads as part of it
    opts = [f"have a net spend under {a} (people who never bought count too)",
            f"have spent less than {a} net (non-buyers included)"]
    if not no_or:
        opts += [f"have net spend below {a}, non-buyers included", f"have spent under {a} net, never-buyers included"]
    return rng.choice(opts)


def _returned(lf, rng, mode, no_or):
    if mode == "tok":
        return rng.choice(['returned:"§cat§"', 'return_in:"§cat§"'])
    if mode == "fx":
        return 'returned("§cat§")'
    if lf.neg:
        return _pick(rng, ["have never returned anything from §cat§", "never sent back an item from §cat§",
                           "have made no returns in §cat§"], no_or)
    return _pick(rng, ["returned something from §cat§", "have sent back an item from §cat§", "made a return in §cat§",
                       "returned a product from the §cat§ category"], no_or)


def _reviewed(lf, rng, mode, no_or):
    if mode == "tok":
        return rng.choice(['reviewed:"§cat§"', 'review_in:"§cat§"'])
    if mode == "fx":
        return 'reviewed("§cat§")'
    if lf.neg:
        return _pick(rng, ["have never reviewed a product from §cat§", "never left a review on anything in §cat§",
                           "have not reviewed anything from the §cat§ category"], no_or)
    return _pick(rng, ["reviewed something in §cat§", "left a review on a product from §cat§", "have reviewed an item in §cat§",
                       "reviewed something from the §cat§ category"], no_or)


def _rating(lf, rng, mode, no_or):
    k, op, v, hi = lf.kind, lf.v["op"], lf.v["value"], lf.v.get("high")
    spoken = mode == "spoken"
    sym = {"ge": ">=", "gt": ">", "eq": "=", "le": "<=", "lt": "<"}
    if mode in ("tok", "fx"):
        name = {"rating_min": ["min_rating", "lowest_rating"], "rating_max": ["max_rating", "highest_rating"],
                "rating_average": ["avg_rating", "average_rating"], "rating_latest": ["latest_rating", "last_review_rating"]}[k]
        fxn = {"rating_min": "MIN(rating)", "rating_max": "MAX(rating)", "rating_average": "AVERAGE(rating)",
               "rating_latest": "LAST(rating)"}[k]
        if op == "between":
            return f"AND({fxn}>={v:g}, {fxn}<={hi:g})" if mode == "fx" else f"{rng.choice(name)}:{v:g}-{hi:g}"
        return f"{fxn}{sym[op]}{v:g}" if mode == "fx" else f"{rng.choice(name)}{sym[op]}{v:g}"
    st = _stars(v, rng, mode)
    if k == "rating_min":
        if op == "le":
            if v == 1:
                adj = _star_adj(v, rng, mode)
                return _pick(rng, [f"gave at least one {adj} rating", f"have given a {adj} review at least once"], no_or)
            return _pick(rng, [f"gave at least one rating of {st} or lower", f"have rated something {st} or below",
                               f"have a lowest rating of {st} or less", f"gave a rating of no more than {st} at least once"], no_or)
        return _pick(rng, [f"have rated, and never below {st}", f"have a lowest rating of {st} or higher",
                           f"gave ratings that are all {st} or more (at least one rating)"], no_or)
    if k == "rating_max":
        if op == "ge":
            if v == 5:
                adj = _star_adj(v, rng, mode)
                return _pick(rng, [f"gave at least one {adj} rating", f"have given a {adj} review at least once",
                                   f"have a top rating of {st}"], no_or)
            return _pick(rng, [f"gave at least one rating of {st} or higher", f"have rated something {st} or above",
                               f"have a highest rating of at least {st}"], no_or)
        return _pick(rng, [f"have rated, but never higher than {st}", f"have a highest rating of {st} or less",
                           f"gave ratings that are all {st} or lower (at least one rating)"], no_or)
    if k == "rating_average":
        if op == "between":
            a, b = _num(float(v), rng, mode), _num(float(hi), rng, mode)
            return _pick(rng, [f"have an average rating between {a} and {b} stars", f"average {a} to {b} stars across their reviews"], no_or)
        q = _cmp(op, float(v), None, rng, mode, no_or, fmt=lambda x: _num(x, rng, mode))
        return _pick(rng, [f"have an average rating of {q} stars", f"average {q} stars across their reviews",
                           f"rate us {q} stars on average"], no_or)
    # latest
    if op == "eq":
        return _pick(rng, [f"gave {st} in their latest review", f"had {st} on their most recent rating",
                           f"last rated us {st}"], no_or)
    tail = {"le": "or lower", "ge": "or higher"}[op]
    bound = {"le": "at most", "ge": "at least"}[op]
    return _pick(rng, [f"gave {st} {tail} in their latest review", f"last rated us {st} {tail}",
                       f"have a most recent rating of {st} {tail}", f"gave {bound} {st} in their latest review",
                       f"have a most recent rating of {bound} {st}"], no_or)


def _viewed_not_bought(lf, rng, mode, no_or):
    s = _span(lf.v["days"], rng, mode)
    if mode == "tok":
        return rng.choice([f'viewed_not_bought:"§cat§" (last {s})', f'viewed:"§cat§" w/o buying it (last {s})'])
    if mode == "fx":
        return f'viewed_not_bought("§cat§", last {s})'
    return _pick(rng, [f"viewed §cat§ in the last {s} without buying any §cat§ in that time",
                       f"looked at §cat§ over the past {s} and bought none of it in that time",
                       f"browsed §cat§ within the last {s} with no §cat§ purchase in that same window"], no_or)


PHRASE = {"country": _country, "country_not": _country_not, "bought_category": _bought_category,
          "bought_category_within": _bought_category, "bought_brand": _bought_brand, "bought_brand_within": _bought_brand,
          "bought_product": _bought_product, "last_purchase_within": _last_purchase_within,
          "last_purchase_more": _last_purchase_more, "last_seen_within": _last_seen_within, "first_seen": _first_seen,
          "orders": _orders, "aov": _aov, "net_spend_over": _net_over, "net_spend_under": _net_under,
          "returns_count": _returns_count, "reviews_count": _reviews_count, "support_count": _support_count,
          "returned": _returned, "reviewed": _reviewed, "rating_min": _rating, "rating_max": _rating,
          "rating_average": _rating, "rating_latest": _rating, "viewed_not_bought": _viewed_not_bought}


# ---- values and masks -----------------------------------------------------------------------------------------

def _compare(s: pd.Series, op: str, v, hi=None) -> pd.Series:
    out = {"ge": s >= v, "gt": s > v, "lt": s < v, "le": s <= v, "eq": s == v,
           "between": (s >= v) & (s <= (hi if hi is not None else v))}[op]
    return out.fillna(False).astype(bool)


class Leaves:
    def __init__(self, ref, rng: random.Random) -> None:
        self.ref, self.rng = ref, rng
        buys = ref.of("purchase")
        # the customer's country: the most frequent on their orders (ties: alphabetical), as the checker reads it
        counts = buys[buys["country"].notna() & (buys["country"] != "")].groupby(["user_id", "country"]).size()
        best = {}
        for (u, c), n in counts.items():
            if u not in best or n > best[u][1] or (n == best[u][1] and c < best[u][0]):
                best[u] = (c, n)
        self.country = pd.Series({u: c for u, (c, _) in best.items()}, dtype=object).reindex(ref.users)
        self.countries = sorted(self.country.dropna().unique())
        brand_buyers = buys.groupby("brand")["user_id"].nunique()
        self.brands = [b for b in ref.brands if brand_buyers.get(b, 0) >= 8]
        self.titles_all = sorted({t for t in ref.ev["title"].dropna()})
        title_buyers = buys.groupby("title")["user_id"].nunique()
        self.titles = [t for t in ref.titles if title_buyers.get(t, 0) >= 6
                       and not any(o != t and (o.startswith(t) or t.startswith(o)) for o in self.titles_all)]
        self.orders = ref.orders()
        self.net = ref.net_spend()
        self.aov = ref.aov()
        self.counts = {k: ref.count(t) for k, t in (("returns_count", "return"), ("reviews_count", "review"),
                                                   ("support_count", "support_message"))}
        self.first = ref.oldest()
        self.has_bought = ref.who(buys)

    def _draw(self, kind: str) -> tuple[dict, pd.Series, dict]:
        r, ref = self.rng, self.ref
        if kind == "country":
            c = r.choice(self.countries)
            return {"kind": kind, "country": c}, (self.country == c).fillna(False).astype(bool), {"country": c}
        if kind == "country_not":
            c = r.choice(self.countries)
            return {"kind": kind, "country": c}, (self.country.notna() & (self.country != c)).astype(bool), {"country": c}
        if kind in ("bought_category", "bought_category_within"):
            c = r.choice(ref.categories)
            if kind == "bought_category":
                return {"kind": kind, "category": c}, ref.who(ref.of("purchase", category=c)), {"category": c}
            d = r.choice([14, 21, 28, 30, 45, 60, 90])
            return ({"kind": kind, "category": c, "days": d}, ref.who(ref.of("purchase", days=d, category=c)),
                    {"category": c, "days": d})
        if kind in ("bought_brand", "bought_brand_within"):
            b = r.choice(self.brands)
            if kind == "bought_brand":
                return {"kind": kind, "brand": b}, ref.who(ref.of("purchase", brand=b)), {"brand": b}
            d = r.choice([30, 45, 60, 90])
            return ({"kind": kind, "brand": b, "days": d}, ref.who(ref.of("purchase", days=d, brand=b)), {"brand": b, "days": d})
        if kind == "bought_product":
            t = r.choice(self.titles)
            return {"kind": kind, "product": t}, ref.who(ref.of("purchase", title=t)), {"product": t}
        if kind == "last_purchase_within":
            d = r.choice([3, 5, 7, 10, 14, 21, 30, 45, 60])
            return {"kind": kind, "days": d}, ref.who(ref.of("purchase", days=d)), {"days": d}
        if kind == "last_purchase_more":
            d = r.choice([7, 14, 21, 28, 30, 45, 60])
            newest = ref.newest("purchase")
            return {"kind": kind, "days": d}, (newest < ref.cut(d)).fillna(False).astype(bool), {"days": d}
        if kind == "last_seen_within":
            d = r.choice([2, 3, 5, 7, 10, 14])
            return {"kind": kind, "days": d}, (ref.newest(None) >= ref.cut(d)).fillna(False).astype(bool), {"days": d}
        if kind == "first_seen":
            op = r.choice(["within", "before", "after", "since"])
            if op == "within":
                d = r.choice([84, 90, 98, 100, 105])
                return {"kind": kind, "op": op, "days": d}, (self.first >= ref.cut(d)).astype(bool), {"op": op, "days": d}
            day = date(2026, 7, 6) + timedelta(days=r.randrange(0, 40))
            ts = pd.Timestamp(day.isoformat(), tz="UTC")
            m = {"before": self.first < ts, "after": self.first >= ts + pd.Timedelta(days=1), "since": self.first >= ts}[op]
            return {"kind": kind, "op": op, "date": day.isoformat()}, m.astype(bool), {"op": op, "date": day}
        if kind == "orders":
            op = r.choice(["ge", "ge", "gt", "eq", "between"])
            if op == "between":
                lo, hi = r.choice([(1, 3), (2, 4), (3, 6), (5, 8), (4, 7), (2, 5)])
                return ({"kind": kind, "op": op, "value": lo, "high": hi}, _compare(self.orders, op, lo, hi),
                        {"op": op, "value": lo, "high": hi})
            n = {"ge": r.randint(2, 10), "gt": r.randint(1, 8), "eq": r.randint(1, 4)}[op]
            return {"kind": kind, "op": op, "value": n}, _compare(self.orders, op, n), {"op": op, "value": n}
        if kind == "aov":
            op = r.choice(["gt", "ge", "lt", "between"])
            if op == "between":
                lo, hi = r.choice([(20, 50), (30, 60), (40, 80), (50, 100), (25, 75)])
                return ({"kind": kind, "op": op, "value": lo, "high": hi}, _compare(self.aov, op, lo, hi),
                        {"op": op, "value": lo, "high": hi})
            v = r.choice([20, 25, 30, 40, 50, 60, 75, 80, 100, 120, 150, 200])
            return {"kind": kind, "op": op, "value": v}, _compare(self.aov, op, v), {"op": op, "value": v}
        if kind == "net_spend_over":
            v = r.choice([50, 100, 150, 200, 250, 300, 400, 500, 750, 1000, 1200, 1500, 2000, 2500, 3000])
            return {"kind": kind, "value": v}, (self.net > v).astype(bool), {"value": v}
        if kind == "net_spend_under":
            v = r.choice([25, 50, 75, 100, 150, 200, 300])
            buyers = r.random() < 0.6
            m = (self.net < v) & (self.has_bought if buyers else True)
            return {"kind": kind, "value": v, "buyers_only": buyers}, m.astype(bool), {"value": v, "buyers_only": buyers}
        if kind in ("returns_count", "reviews_count", "support_count"):
            s = self.counts[kind]
            op = r.choice(["ge", "ge", "gt", "eq", "between"])
            top = {"returns_count": 3, "reviews_count": 5, "support_count": 5}[kind]
            if op == "between":
                lo, hi = r.choice([(1, 2), (2, 4), (1, 3)] + ([(3, 6), (2, 5)] if top == 5 else []))
                return ({"kind": kind, "op": op, "value": lo, "high": hi}, _compare(s, op, lo, hi),
                        {"op": op, "value": lo, "high": hi})
            n = {"ge": r.randint(1, top), "gt": r.randint(1, top - 1), "eq": r.randint(1, 3)}[op]
            return {"kind": kind, "op": op, "value": n}, _compare(s, op, n), {"op": op, "value": n}
        if kind in ("returned", "reviewed"):
            c = r.choice(ref.categories)
            t = "return" if kind == "returned" else "review"
            return {"kind": kind, "category": c}, ref.who(ref.of(t, category=c)), {"category": c}
        if kind.startswith("rating_"):
            s = ref.rating(kind.split("_", 1)[1])
            if kind == "rating_min":
                op, v = r.choice([("le", 1), ("le", 2), ("le", 3), ("ge", 3), ("ge", 4)])
            elif kind == "rating_max":
                op, v = r.choice([("ge", 4), ("ge", 5), ("le", 2), ("le", 3)])
            elif kind == "rating_average":
                op = r.choice(["lt", "ge", "gt", "le", "between"])
                if op == "between":
                    lo, hi = r.choice([(2.0, 3.5), (3.0, 4.0), (2.5, 4.0), (1.5, 3.0)])
                    return ({"kind": kind, "op": op, "value": lo, "high": hi}, _compare(s, op, lo, hi),
                            {"op": op, "value": lo, "high": hi})
                v = r.choice([2.0, 2.5, 3.0, 3.5, 4.0, 4.5])
            else:
                op, v = r.choice([("eq", 5), ("eq", 1), ("eq", 4), ("le", 2), ("ge", 4), ("le", 3)])
            return {"kind": kind, "op": op, "value": v}, _compare(s, op, v), {"op": op, "value": v}
        if kind == "viewed_not_bought":
            c = r.choice(ref.categories)
            d = r.choice([7, 14, 21, 30])
            m = ref.who(ref.of("view", days=d, category=c)) & ~ref.who(ref.of("purchase", days=d, category=c))
            return {"kind": kind, "category": c, "days": d}, m, {"category": c, "days": d}
        raise ValueError(kind)

    def good(self, kind: str, negated: bool = False) -> Leaf:
        n = len(self.ref.users)
        for _ in range(500):
            cond, mask, vals = self._draw(kind)
            if negated and kind in ("orders", "returns_count", "reviews_count", "support_count") and vals.get("op") != "ge":
                continue
            size = int(mask.sum())
            lo, hi = (8, int(0.85 * n)) if negated else (6, int(0.85 * n))
            if lo <= size <= hi:
                return Leaf(self, kind, cond, mask.astype(bool), negated, **vals)
        raise RuntimeError(f"no sensible value for {kind}")

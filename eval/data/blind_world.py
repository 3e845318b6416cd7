"""The shop as the blind marketer set sees it: per-customer facts (via marketer_reference.Ref) and robust draws."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pandas as pd

from blind_leaves import draw_leaf
from blind_words import COUNTRY, DAY, Leaf, MONTHS, TIMES, _b, num, plural
from marketer_reference import Ref


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
    def draw(self, kind: str) -> Leaf | None:
        return draw_leaf(self, kind)

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


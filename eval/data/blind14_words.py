"""Word helpers of the fourteenth blind marketer set (quantity- and time-rich business English): numbers said as
digits or words, counts with plainly stated bounds, money, windows of time and calendar dates, countries, and the
data a shop does not hold (for the declines). Written independently of every earlier set's wording."""

from __future__ import annotations

import random

import pandas as pd

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 10: "tenth", 15: "fifteenth",
                 20: "twentieth"}
THE = {"United Kingdom", "United States", "Netherlands"}
DAY = pd.Timedelta(days=1)


def num(rng: random.Random, n: int) -> str:
    """A whole number as a word (up to twenty) or as digits."""
    return WORDS[n] if n <= 20 and rng.random() < 0.55 else str(n)


def times(rng: random.Random, n: int) -> str:
    """How often: once, twice, three times / 3 times."""
    if n == 1:
        return "once"
    if n == 2:
        return "twice"
    return f"{num(rng, n)} times"


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


def count_np(rng: random.Random, op: str, v: int, hi: int | None, one: str, many: str) -> list[str]:
    """Noun phrases for a count compared with a bound ('at least three orders'); every bound said exactly."""
    def n(x: int) -> str:
        return num(rng, x)

    def noun(x: int) -> str:
        return one if x == 1 else many
    if op == "ge":
        out = [f"at least {n(v)} {noun(v)}", f"{n(v)} or more {many}", f"a minimum of {n(v)} {noun(v)}"]
        if v > 1:
            out += [f"no fewer than {n(v)} {many}", f"{n(v)} {many} or more"]
        if v == 2:
            out.append(f"at least a couple of {many}")
        if v == 12:
            out.append(f"at least a dozen {many}")
        if v == 6:
            out.append(f"at least half a dozen {many}")
        return out
    if op == "gt":
        if v == 1:
            return [f"more than one {one}", f"more than a single {one}"]
        out = [f"more than {n(v)} {many}", f"over {n(v)} {many}", f"in excess of {n(v)} {many}",
               f"strictly more than {n(v)} {many}"]
        if v == 12:
            out.append(f"more than a dozen {many}")
        return out
    if op == "le":
        return [f"at most {n(v)} {noun(v)}", f"no more than {n(v)} {noun(v)}", f"not more than {n(v)} {noun(v)}",
                f"{n(v)} {noun(v)} or fewer", f"a maximum of {n(v)} {noun(v)}"]
    if op == "lt":
        return [f"fewer than {n(v)} {many}", f"under {n(v)} {many}", f"less than {n(v)} {many}"]
    if op == "eq":
        out = [f"exactly {n(v)} {noun(v)}", f"precisely {n(v)} {noun(v)}"]
        if v == 1:
            out += [f"just the one {one}", f"a single {one}, no more"]
        return out
    a, b = n(v), n(hi)
    return [f"between {a} and {b} {many}, both ends included", f"anywhere from {a} to {b} {many} inclusive",
            f"{a} to {b} {many} (inclusive)", f"at least {a} but no more than {b} {many}"]


def times_np(rng: random.Random, op: str, v: int, hi: int | None) -> list[str]:
    """How-often phrases for a count ('at least three times', 'no more than twice')."""
    t = times(rng, v)
    if op == "ge":
        out = [f"at least {t}", f"{t} or more", f"a minimum of {t}"]
        return out + ([f"no fewer than {t}"] if v > 1 else [])
    if op == "gt":
        return [f"more than {t}", f"over {t}", f"strictly more than {t}"]
    if op == "le":
        return [f"at most {t}", f"no more than {t}", f"not more than {t}", f"{t} at the very most"]
    if op == "lt":
        return [f"fewer than {t}"]
    if op == "eq":
        return [f"exactly {t}", f"precisely {t}"] + (["just the once"] if v == 1 else [])
    return [f"between {times(rng, v)} and {times(rng, hi)}, both included",
            f"anywhere from {times(rng, v)} to {times(rng, hi)} inclusive"]


def money(rng: random.Random, x: float) -> str:
    """An amount of euros, said several ways."""
    whole = int(x) == x
    s = f"{int(x):,}" if whole else f"{x:,.2f}"
    opts = [f"€{s}", f"{s} euros", f"EUR {s}", f"€{s}"]
    if whole and x >= 1000 and x % 1000 == 0:
        k = int(x // 1000)
        opts += [f"€{k}k", "a thousand euros" if k == 1 else f"{num(rng, k)} thousand euros"]
    if whole and x == 500:
        opts.append("five hundred euros")
    if whole and x == 100:
        opts.append("a hundred euros")
    return rng.choice(opts)


def money_cmp(rng: random.Random, op: str, x: float, hi: float | None = None) -> list[str]:
    """Comparisons with an amount; the amounts are drawn so that no customer sits exactly on a bound."""
    m = money(rng, x)
    if op in ("gt", "ge"):
        return [f"more than {m}", f"over {m}", f"above {m}", f"upwards of {m}", f"in excess of {m}"]
    if op in ("lt", "le"):
        return [f"less than {m}", f"under {m}", f"below {m}", f"short of {m}"]
    return [f"between {m} and {money(rng, hi)}", f"somewhere from {m} to {money(rng, hi)}"]


def date_words(rng: random.Random, day: pd.Timestamp, year: bool | None = None) -> str:
    d, mo = day.day, MONTHS[day.month - 1]
    y = f" {day.year}" if (rng.random() < 0.4 if year is None else year) else ""
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    opts = [f"{d} {mo}{y}", f"{mo} {d}{suffix}" + (f",{y}" if y else ""), f"the {d}{suffix} of {mo}{y}",
            day.strftime("%Y-%m-%d")]
    if d in ORDINAL_WORDS:
        opts.append(f"the {ORDINAL_WORDS[d]} of {mo}{y}")
    return rng.choice(opts)


def window_within(rng: random.Random, days: int, clock: pd.Timestamp) -> list[tuple[str, list[pd.Timestamp]]]:
    """Ways to say 'in the last <days> days', each with the other cut-offs a careful reader could take it to mean
    (the phrase is only used when those give the same customers)."""
    n = num(rng, days) if days <= 20 else str(days)
    out: list[tuple[str, list]] = [(f"in the last {n} days", []), (f"over the past {n} days", []),
                                   (f"within the last {n} days", []), (f"during the previous {n} days", [])]
    if days % 7 == 0 and days // 7 > 1:
        w = num(rng, days // 7)
        out += [(f"in the past {w} weeks", []), (f"over the last {w} weeks", [])]
    if days == 7:
        out += [("in the last seven days", []), ("over the past week", [clock - 8 * DAY, (clock - 7 * DAY).normalize()])]
    if days == 14:
        out += [("in the last fortnight", []), ("over the past fortnight", [])]
    if days == 30:
        out.append(("in the past month", [clock - k * DAY for k in (28, 29, 31)]))
    if days == 60:
        out.append(("over the last two months", [clock - k * DAY for k in (59, 61, 62)]))
    if days in (90, 91):
        out.append(("in the past three months", [clock - k * DAY for k in (89, 90, 91, 92)]))
        out.append(("over the past quarter of a year", [clock - k * DAY for k in (89, 90, 91, 92)]))
    day = (clock - days * DAY).normalize()
    when = date_words(rng, day)
    out += [(f"since {when}", [day]), (f"on or after {when}", [day])]
    return out


def window_older(rng: random.Random, days: int, clock: pd.Timestamp) -> list[tuple[str, list[pd.Timestamp]]]:
    """Ways to say 'more than <days> days ago' (the same alternatives as ``window_within``)."""
    n = num(rng, days) if days <= 20 else str(days)
    out: list[tuple[str, list]] = [(f"more than {n} days ago", []), (f"over {n} days ago", [])]
    if days % 7 == 0 and days // 7 > 1:
        out.append((f"more than {num(rng, days // 7)} weeks ago", []))
    if days == 14:
        out.append(("more than a fortnight ago", []))
    if days == 60:
        out.append(("more than two months ago", [clock - k * DAY for k in (59, 61, 62)]))
    if days in (90, 91):
        out.append(("more than three months ago", [clock - k * DAY for k in (89, 90, 91, 92)]))
    day = (clock - days * DAY).normalize()
    out.append((f"before {date_words(rng, day)}", [day]))
    return out


# data an online shop does not hold: (what, plural verb phrase with slots, the field asked for)
DECLINES = [
    ("annual income", "earn{s} more than €60,000 a year", "their annual income"),
    ("age", "{are} over 45 years old", "their exact ages"),
    ("children", "{have} at least two children", "the number of children in each household"),
    ("pets", "own{s} two or more dogs", "the names of their pets"),
    ("social media", "{have} more than 5,000 followers on Instagram", "their Instagram handles"),
    ("household size", "live{s} in a household of four or more people", "their household sizes"),
    ("phone number", "{have} a mobile number beginning with +44", "their mobile phone numbers"),
    ("birthday", "{have} a birthday in the next fortnight", "their dates of birth"),
    ("credit score", "{have} a credit score above 700", "their credit scores"),
    ("job title", "hold{s} a job title at director level or above", "their job titles"),
    ("home ownership", "own{s} {their} home rather than renting", "whether they own or rent their home"),
    ("marital status", "got married within the last 12 months", "their marital status"),
    ("commute", "commute{s} more than 45 minutes each way", "their commuting times"),
    ("car ownership", "own{s} more than one car", "the makes of car they drive"),
    ("postal address", "live{s} within 10 km of a city centre", "their full home addresses"),
    ("newsletter opens", "opened at least three of our last five newsletters", "their newsletter open rates"),
]

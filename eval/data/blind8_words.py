"""Eighth blind marketer set: word helpers (numbers, windows, dates, money, names, small typos) and the list of
customer data a shop does not hold (for the questions the reader should decline)."""

from __future__ import annotations

import random

import pandas as pd

ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"]


def spell(n: int) -> str | None:
    if 0 <= n <= 20:
        return ONES[n]
    if n in TENS:
        return TENS[n]
    if n < 100 and n // 10 * 10 in TENS:
        return f"{TENS[n // 10 * 10]}-{ONES[n % 10]}"
    if n == 100:
        return "a hundred"
    return None


def num(rng: random.Random, n: int, words: float = 0.45) -> str:
    """A count as digits or as a word."""
    w = spell(n)
    return w if w and rng.random() < words else str(n)


def ordinal(d: int) -> str:
    suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return f"{d}{suffix}"


def day_words(rng: random.Random, day: pd.Timestamp) -> str:
    """A calendar day as people say it (the year is this year's and left out most of the time)."""
    m, d = day.month - 1, day.day
    return rng.choice([f"{MONTHS[m]} {ordinal(d)}", f"the {ordinal(d)} of {MONTHS[m]}", f"{SHORT[m]} {d}",
                       f"{d} {MONTHS[m]}", f"{d} {MONTHS[m]} {day.year}"])


def window(rng: random.Random, n: int, since: pd.Timestamp | None = None) -> str:
    """A look-back window of n days, as days, weeks, or (when given and exact) 'since <day>'."""
    opts = [f"in the last {num(rng, n)} days", f"in the past {num(rng, n)} days", f"over the last {n} days",
            f"within the last {num(rng, n)} days"]
    if n % 7 == 0 and n <= 63:
        w = n // 7
        opts += ["in the last week" if w == 1 else f"in the last {num(rng, w, 0.6)} weeks",
                 "over the past week" if w == 1 else f"over the past {num(rng, w, 0.6)} weeks"]
    if since is not None:
        opts += [f"since {day_words(rng, since)}"] * 2
    return rng.choice(opts)


def money(rng: random.Random, x: int) -> str:
    words = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 80: "eighty", 100: "a hundred",
             200: "two hundred", 300: "three hundred", 500: "five hundred", 1000: "a thousand", 2000: "two thousand"}
    opts = [f"€{x:,}", f"€{x}", f"{x} euros", f"{x:,} euros"]
    if x in words:
        opts.append(f"{words[x]} euros")
    if x >= 1000 and x % 1000 == 0:
        opts.append(f"€{x // 1000}k")
    return rng.choice(opts)


THE = {"United States", "United Kingdom", "Netherlands"}


def country_words(rng: random.Random, c: str) -> str:
    """The country as the shop spells it (with 'the' where English needs one), now and then in lower case."""
    text = f"the {c}" if c in THE else c
    return text.lower() if rng.random() < 0.2 else text


def typo(rng: random.Random, word: str) -> str:
    """A small typo: two neighbouring letters swapped inside the longest word of a name."""
    parts = word.split(" ")
    i = max(range(len(parts)), key=lambda k: len(parts[k]))
    w = parts[i]
    if len(w) < 6 or not w.isalpha():
        return word
    j = rng.randint(1, len(w) - 3)
    parts[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    return " ".join(parts)


# data a shop's event log does not hold: (name, conditions on it with slots, fields asked for)
DECLINES = [
    ("age", ["<is> over forty", "<is> in <their> twenties", "<is> under 25 years old"], ["their ages", "how old they are"]),
    ("income", ["earn<s> more than 60k a year", "<is> on a high salary"], ["their yearly income", "what they earn"]),
    ("phone", ["gave us a mobile number", "<has> a UK phone number"], ["their phone numbers", "a mobile number for each"]),
    ("pets", ["<has> two or more dogs at home", "own<s> a rescue cat"], ["their pets' names", "what pets they have"]),
    ("social", ["follow<s> us on Instagram", "<has> more than 1,000 TikTok followers"],
     ["their Instagram handles", "their social media usernames"]),
    ("household", ["live<s> alone", "<has> a household of five or more"], ["household size", "how many people live with them"]),
    ("marital", ["<is> married", "got engaged this year"], ["marital status", "whether they're married"]),
    ("children", ["<has> kids under ten", "<is> expecting a baby"], ["how many children they have", "their kids' ages"]),
    ("job", ["work<s> in healthcare", "work<s> as a teacher"], ["their job titles", "who they work for"]),
    ("birthday", ["<has> a birthday coming up this month", "<is> celebrating a birthday next week"],
     ["their birthdays", "dates of birth"]),
    ("car", ["own<s> an electric car", "drive<s> to work"], ["what car they drive", "whether they own a car"]),
    ("credit", ["<has> a credit score over 700", "own<s> <their> home outright"], ["credit scores", "mortgage status"]),
    ("city", ["live<s> in Manchester", "live<s> within 10 km of Lyon"], ["their postcodes", "their home addresses"]),
    ("newsletter", ["opened last week's newsletter", "clicked a link in our SMS campaign"],
     ["email open rates", "which newsletters they opened"]),
    ("education", ["<has> a university degree", "<is> still at university"], ["education level", "which university they went to"]),
    ("language", ["speak<s> Spanish at home", "<is> bilingual"], ["preferred language", "the languages they speak"]),
]

"""Seventh blind marketer set: small word helpers (numbers, day windows, euros, dates, verb agreement) and the
list of requests for data the shop does not hold (declines).

Day windows are only ever written in units that are an exact number of days: a week = 7 days, a fortnight = 14 days,
three weeks = 21, four weeks = 28, six weeks = 42 days; never "a month" or "a quarter" (not a fixed number of days).
"""

from __future__ import annotations

import random

import pandas as pd

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
TENS = {30: "thirty", 40: "forty", 45: "forty-five", 50: "fifty", 60: "sixty", 75: "seventy-five", 90: "ninety",
        100: "one hundred", 21: "twenty-one", 28: "twenty-eight", 42: "forty-two"}
# exact day lengths that have a week-based name
WEEKS = {7: ["week", "seven days"], 14: ["fortnight", "two weeks"], 21: ["three weeks"], 28: ["four weeks"],
         42: ["six weeks"]}
THE = {"United Kingdom", "United States", "Netherlands"}


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


def num(r: random.Random, n: int) -> str:
    """n in digits or in words."""
    words = WORDS[n] if 0 <= n < len(WORDS) else TENS.get(n)
    return words if words and r.random() < 0.5 else str(n)


def days(r: random.Random, n: int) -> str:
    """A length of n days, written to follow 'the last' / 'the past' ('fortnight', '30 days', 'six weeks')."""
    options = [f"{n} days", f"{num(r, n)} days"] + WEEKS.get(n, []) * 2
    return r.choice(options)


def ago(r: random.Random, n: int) -> str:
    """n days as a span before 'ago' ('a fortnight', '3 weeks', '45 days')."""
    spans = {7: ["a week"], 14: ["a fortnight", "two weeks"], 21: ["three weeks"], 28: ["four weeks"], 42: ["six weeks"]}
    return r.choice([f"{num(r, n)} days"] + spans.get(n, []) * 2)


def euro(r: random.Random, x: float, style: int | None = None) -> str:
    v = f"{x:g}"
    forms = [f"€{v}", f"{v} euros", f"EUR {v}", f"€{v}.00" if float(x).is_integer() else f"€{v}"]
    return forms[r.randrange(4) if style is None else style]


def art(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def date_words(r: random.Random, day: pd.Timestamp) -> str:
    d, m, y = day.day, MONTHS[day.month - 1], day.year
    th = "th" if d in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    return r.choice([f"{d} {m} {y}", f"{m} {d}, {y}", day.strftime("%Y-%m-%d"), f"the {d}{th} of {m} {y}", f"{m} {d}{th} {y}"])


SG = {"have": "has", "are": "is", "s": "s", "do": "does", "were": "was", "es": "es"}
PL = {"have": "have", "are": "are", "s": "", "do": "do", "were": "were", "es": ""}


def fill(text: str, sg: bool = False) -> str:
    """Verb agreement for a plural ('customers who ...') or singular ('a shopper who ...') subject."""
    for slot, word in (SG if sg else PL).items():
        text = text.replace("{" + slot + "}", word)
    return text.replace("{their}", "their")


# Requests the shop cannot answer: (what is missing, verb phrase of a condition on it, the field asked for)
DECLINES = [
    ("age", "{are} between 25 and 34 years old", "their ages"),
    ("birthday", "{have} a birthday coming up in the next two weeks", "their dates of birth"),
    ("income", "earn{s} more than €70,000 a year", "their yearly income"),
    ("household", "live{s} in a household of four or more people", "how many people live in their household"),
    ("children", "{have} children under ten at home", "how many kids they have"),
    ("pets owned", "actually own{s} a dog (not just buy{s} pet things)", "which pets they keep at home"),
    ("social media", "follow{s} us on Instagram", "their Instagram and TikTok handles"),
    ("email opens", "opened last Tuesday's newsletter", "whether they opened our last three newsletters"),
    ("email clicks", "clicked a link in one of our promo e-mails", "their e-mail click-through rates"),
    ("loyalty", "{are} in the gold tier of our loyalty club", "their loyalty points balance"),
    ("app", "{have} our mobile app installed", "how often they open our app"),
    ("phone number", "{have} given us a mobile number we can text", "their mobile phone numbers"),
    ("email address", "{have} a Gmail address", "their e-mail addresses"),
    ("postal address", "live{s} within 10 km of our warehouse", "their home addresses"),
    ("occupation", "work{s} in teaching or nursing", "their job titles"),
    ("marital status", "{are} married", "their marital status"),
]

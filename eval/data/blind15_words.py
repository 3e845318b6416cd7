"""Word helpers of the fifteenth blind marketer set (nominal, noun-heavy corporate register): numbers, windows,
dates, money, countries, and the data a shop does not hold (declines)."""

from __future__ import annotations

import random

import pandas as pd

SMALL = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 11: "eleven", 12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 30: "thirty", 45: "forty-five",
         60: "sixty", 90: "ninety"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
THE = {"United Kingdom", "United States", "Netherlands"}
SHORT = {"United Kingdom": "UK", "United States": "US"}


def num(rng: random.Random, n: int, words_ok: bool = True) -> str:
    """A count as digits or (sometimes) as a word."""
    if words_ok and n in SMALL and rng.random() < 0.45:
        return SMALL[n]
    return str(n)


def plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many or one + "s")


def window(rng: random.Random, days: int) -> str:
    """A trailing window of ``days`` days as a noun-heavy phrase ('the last 30 days', 'the past two weeks')."""
    opts = [f"the last {num(rng, days)} days", f"the past {num(rng, days)} days", f"the trailing {days}-day window",
            f"the most recent {num(rng, days)} days"]
    if days % 7 == 0 and days <= 84:
        w = days // 7
        opts += ["the last week", "the past week"] if w == 1 else \
            [f"the last {num(rng, w)} weeks", f"the past {num(rng, w)} weeks"]
    return rng.choice(opts)


def window_adj(rng: random.Random, days: int) -> str:
    """The window as a pre-head compound ('30-day', 'two-week')."""
    if days % 7 == 0 and days <= 84 and rng.random() < 0.4:
        w = days // 7
        return f"{num(rng, w)}-week"
    return f"{days}-day"


def date_words(rng: random.Random, day: pd.Timestamp) -> str:
    m = MONTHS[day.month - 1]
    return rng.choice([day.strftime("%Y-%m-%d"), f"{day.day} {m} {day.year}", f"{m} {day.day}, {day.year}",
                       f"{day.day} {m[:3]} {day.year}"])


def money(rng: random.Random, x: float) -> str:
    x = int(x) if float(x).is_integer() else x
    text = f"{x:,}" if isinstance(x, int) else f"{x:,.2f}"
    return rng.choice([f"€{text}", f"€{text}", f"{text} euros", f"EUR {text}", f"{text} EUR"])


def country(rng: random.Random, name: str, lower: bool = False) -> str:
    """The country as written after 'in' / 'outside'."""
    word = name
    if name in SHORT and rng.random() < 0.3:
        word = SHORT[name]
    elif lower and rng.random() < 0.2:
        word = name.lower()
    return f"the {word}" if name in THE else word


def country_pre(rng: random.Random, name: str) -> str:
    """The country as the first half of a '-based' compound."""
    return SHORT.get(name, name) if rng.random() < 0.7 else name


# data an online shop does not hold: (key, a condition on it as a post-head modifier, as a pre-head compound, as a
# property noun phrase, the field asked for as a noun phrase)
DECLINES = [
    ("phone_number", "with a mobile number on file", "mobile-verified", "a mobile number on file", "mobile phone numbers"),
    ("income", "in the top household-income bracket", "high-income", "a top-bracket household income", "annual household incomes"),
    ("age", "aged 50 or over", "over-50", "an age of 50 or more", "dates of birth"),
    ("pets", "with a dog or cat at home", "pet-owning", "a dog or cat at home", "pets' names"),
    ("social_handle", "with an Instagram account", "Instagram-active", "an Instagram account", "Instagram handles"),
    ("household_size", "in households of four or more people", "large-household", "a household of four or more people",
     "household sizes"),
    ("marital_status", "in a marriage or civil partnership", "married", "married or civil-partnered status", "marital status"),
    ("children", "with children under ten", "young-family", "children under ten at home", "number of children"),
    ("home_ownership", "owning their own home", "homeowner", "home ownership", "home-ownership status"),
    ("job_title", "in senior management roles", "executive-level", "a senior management job", "job titles and employers"),
    ("education", "with a university degree", "graduate", "a university degree", "highest education level"),
    ("car", "with a car registered to them", "car-owning", "a registered car", "car make and model"),
    ("credit_score", "with a credit score above 700", "prime-credit", "a credit score above 700", "credit scores"),
]

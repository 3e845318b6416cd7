"""Tenth blind marketer set: small word helpers (numbers, money, dates, time windows, countries) and the list of
facts an online shop does not hold (to be declined), written independently of earlier sets."""

from __future__ import annotations

import random

import pandas as pd

SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
THE = {"United Kingdom", "United States", "Netherlands"}


def num(rng: random.Random, n: int) -> str:
    """A whole number as digits or, when small, as a word."""
    if 0 <= n < len(SMALL) and rng.random() < 0.45:
        return SMALL[n]
    return str(n)


def times(rng: random.Random, n: int) -> str:
    """'once', 'twice', 'three times', '5 times'."""
    if n == 1:
        return "once"
    if n == 2 and rng.random() < 0.6:
        return "twice"
    return f"{num(rng, n)} times"


def money(rng: random.Random, x: float) -> str:
    x = int(x) if float(x).is_integer() else x
    text = f"{x:,}" if isinstance(x, int) else f"{x:,.2f}"
    return rng.choice([f"€{text}", f"€{text}", f"{text} euros", f"EUR {text}", f"{text} €"])


def day_words(rng: random.Random, day: pd.Timestamp, year: bool = True) -> str:
    y = f" {day.year}" if year else ""
    return rng.choice([f"{day.day} {MONTHS[day.month - 1]}{y}", f"{MONTHS[day.month - 1]} {day.day}{',' if year else ''}{y}",
                       f"the {ordinal(day.day)} of {MONTHS[day.month - 1]}{y}"] + ([day.strftime("%Y-%m-%d")] if year else []))


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def span(rng: random.Random, days: int) -> str:
    """'30 days', 'four weeks', '3 weeks' (a span of time, without a preposition)."""
    if days % 7 == 0 and 14 <= days <= 84 and rng.random() < 0.5:
        w = days // 7
        return f"{num(rng, w)} week{'s' if w > 1 else ''}"
    return f"{num(rng, days) if days <= 12 else days} days"


def window(rng: random.Random, days: int) -> str:
    """A trailing window ending now, in one of several wordings."""
    s = span(rng, days)
    return rng.choice([f"in the last {s}", f"over the past {s}", f"within the last {s}", f"during the past {s}",
                       f"in the past {s}"])


def place(country: str, lower: bool = False) -> str:
    name = country.lower() if lower else country
    return f"the {name}" if country in THE else name


# facts about a person that an online shop's event log does not hold: (key, relative clause about the customers
# in the plural, field asked for beside a list)
DECLINES = [
    ("income", "earn more than 80,000 a year", "annual income"),
    ("age", "are over 65", "ages"),
    ("age_young", "are in their early twenties", "dates of birth"),
    ("phone", "have given us a mobile number starting with 07", "phone numbers"),
    ("pets", "own more than two cats", "pets' names"),
    ("social", "have more than 5,000 Instagram followers", "Instagram handles"),
    ("household", "live in a household of four or more people", "household size"),
    ("children", "have children under five", "number of children"),
    ("marital", "are recently married", "marital status"),
    ("job", "work as teachers", "job titles"),
    ("homeowner", "own their home rather than rent", "home ownership status"),
    ("credit", "have a credit score above 700", "credit scores"),
    ("education", "hold a university degree", "education level"),
    ("car", "drive an electric car", "car models"),
    ("religion", "celebrate Diwali", "religion"),
    ("politics", "vote for the Green party", "political leanings"),
    ("health", "have a gluten allergy", "medical conditions"),
    ("height", "are taller than 1.90 m", "heights"),
    ("commute", "commute more than an hour to work", "commute times"),
    ("tiktok", "post product videos on TikTok", "TikTok usernames"),
    ("address", "live on a street with a postcode starting with SW1", "home addresses"),
    ("gender", "identify as women", "genders"),
    ("employer", "work for a company with over 500 staff", "employers"),
    ("birthday", "have a birthday in December", "birthdays"),
]

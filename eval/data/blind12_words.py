"""Word helpers of the twelfth blind marketer set: numbers, windows, dates, money, places, and data a shop does not hold."""

from __future__ import annotations

import random

import pandas as pd

WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
THE = {"United Kingdom", "United States", "Netherlands", "Czech Republic", "Philippines"}


def num(rng: random.Random, k: int | float) -> str:
    if isinstance(k, float) and not k.is_integer():
        return str(k)
    k = int(k)
    return rng.choice([WORDS[k], str(k)]) if k < len(WORDS) else str(k)


def money(rng: random.Random, x: int) -> str:
    return rng.choice([f"€{x}", f"€{x:,}", f"{x} euros", f"{x} EUR", f"€{x}.00"]) if x >= 1000 else \
        rng.choice([f"€{x}", f"{x} euros", f"{x} EUR", f"€{x}.00"])


def day_words(rng: random.Random, day: pd.Timestamp) -> str:
    return rng.choice([day.strftime("%Y-%m-%d"), f"{day.day} {MONTHS[day.month - 1]} {day.year}",
                       f"{MONTHS[day.month - 1]} {day.day}, {day.year}", f"{MONTHS[day.month - 1]} {day.day}"])


def window(rng: random.Random, n: int, since: pd.Timestamp | None = None) -> str:
    """A look-back of n days; ``since`` is the calendar day that gives the same customers, when there is one."""
    out = [f"in the last {num(rng, n)} days", f"within the past {n} days", f"over the last {n} days"]
    if n % 7 == 0 and n <= 84:
        out.append(f"in the last {num(rng, n // 7)} weeks" if n > 7 else "in the last week")
    if since is not None:
        out.append(f"since {day_words(rng, since)}")
    return rng.choice(out)


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


# data an online shop does not hold: (key, a condition on it as a plural verb phrase, the field as a noun)
DECLINES = [
    ("age", "are younger than 30", "age"),
    ("income", "earn more than €60,000 a year", "yearly income"),
    ("phone", "have a mobile number that starts with +44", "phone number"),
    ("pets", "own a cat", "number of pets"),
    ("social", "follow us on Instagram", "Instagram handle"),
    ("household", "live in a household of four or more people", "household size"),
    ("marital", "are married", "marital status"),
    ("job", "work in a hospital", "job title"),
    ("children", "have children under ten", "number of children"),
    ("car", "drive an electric car", "car model"),
    ("education", "hold a university degree", "highest level of education"),
    ("credit", "have a credit score above 700", "credit score"),
    ("birthday", "have their birthday in December", "date of birth"),
    ("home", "own the home they live in", "home ownership status"),
    ("tiktok", "have a TikTok account", "TikTok username"),
    ("religion", "observe Ramadan", "religion"),
]

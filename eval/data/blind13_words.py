"""Word helpers of the THIRTEENTH blind marketer set (non-native international English register): numbers,
windows, dates, money, countries, and the data a shop does not hold (for declines)."""

from __future__ import annotations

import random

import pandas as pd

WORDS = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
         10: "ten", 12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 21: "twenty-one", 28: "twenty-eight",
         30: "thirty", 40: "forty", 42: "forty-two", 45: "forty-five", 50: "fifty", 56: "fifty-six", 60: "sixty",
         90: "ninety", 100: "hundred"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# the shop's countries, with the article a careful writer puts before some of them
THE = {"United States", "United Kingdom", "Netherlands"}


def num(rng: random.Random, n: int) -> str:
    """A count as digits or as a word."""
    return WORDS[n] if n in WORDS and n <= 60 and rng.random() < 0.45 else str(n)


def land(rng: random.Random, country: str) -> str:
    """The country after 'in'/'from'; sometimes the article is forgotten (as often by non-native writers)."""
    if country in THE:
        return country if rng.random() < 0.25 else f"the {country}"
    return country


def money(rng: random.Random, x: int) -> str:
    return rng.choice([f"€{x}", f"{x} €", f"{x} euro", f"{x} EUR", f"{x} euros", f"{x}€"])


def day_text(rng: random.Random, day: pd.Timestamp) -> str:
    return rng.choice([f"{day.day} {MONTHS[day.month - 1]} {day.year}", f"{day.day}. {MONTHS[day.month - 1]} {day.year}",
                       day.strftime("%Y-%m-%d"), f"{day.day}th of {MONTHS[day.month - 1]} {day.year}"
                       if day.day not in (1, 2, 3, 21, 22, 23, 31) else f"{day.day} {MONTHS[day.month - 1]} {day.year}"])


def window(rng: random.Random, days: int, since: str | None) -> str:
    """'in the last N days' in one of several ways; ``since`` is the date words where a date says the same cut."""
    opts = [f"in the last {num(rng, days)} days", f"during last {days} days", f"in the past {num(rng, days)} days",
            f"within the last {days} days", f"in last {days} days"]
    if days % 7 == 0 and days <= 84:
        w = days // 7
        opts += [f"in the last {num(rng, w)} week{'s' if w > 1 else ''}" if w > 1 else "in the last week",
                 f"during the past {num(rng, w)} weeks" if w > 1 else "during the past 7 days"]
    if since:
        opts += [f"since {since}", f"from {since} until today"]
    return rng.choice(opts)


# data an online shop's event log does not hold: (what, as a condition, as a field to hand back)
DECLINES = [
    ("age", "who are older than 45 years", "their age"),
    ("income", "with a yearly income over 60k", "their salary"),
    ("phone", "whose phone number begins with +33", "their mobile number"),
    ("pets", "who have a cat at home", "the names of their pets"),
    ("social", "who follow us on Instagram", "their Instagram handle"),
    ("household", "who live in a household of four persons or more", "how many people live in their household"),
    ("children", "who have small kids", "the number of their children"),
    ("job", "who work as teachers", "their job title"),
    ("marital", "who are married", "their marital status"),
    ("car", "who own an electric car", "the brand of their car"),
    ("birthday", "who have birthday in December", "their date of birth"),
    ("education", "with a university degree", "their highest diploma"),
    ("home", "who are owner of their flat", "if they rent or own their home"),
    ("religion", "who celebrate Diwali", "their religion"),
    ("tiktok", "with more than 1000 followers on TikTok", "their TikTok name"),
    ("languages", "who speak Portuguese at home", "which languages they speak"),
]

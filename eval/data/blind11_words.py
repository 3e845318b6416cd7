"""Word helpers of the ELEVENTH blind marketer set: numbers, windows, dates, money, places, and the data a shop
does not hold (declines). Written for set 11 only."""

from __future__ import annotations

import random

import pandas as pd

SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
         "November", "December"]
ARTICLE_THE = {"United Kingdom", "United States", "Netherlands", "Czech Republic", "Philippines"}
SHORT = {"United Kingdom": ["the UK"], "United States": ["the US", "the USA"]}
DEMONYM = {"Germany": "German", "United Kingdom": "British", "United States": "American", "France": "French",
           "Netherlands": "Dutch", "Spain": "Spanish", "Italy": "Italian"}


def count(rng: random.Random, k: int) -> str:
    """A small whole number as digits or as a word."""
    if 0 <= k < len(SMALL) and rng.random() < 0.5:
        return SMALL[k]
    return str(k)


def times(rng: random.Random, k: int) -> str:
    if k == 1:
        return "once"
    if k == 2 and rng.random() < 0.5:
        return "twice"
    return f"{count(rng, k)} times"


def window(rng: random.Random, days: int) -> str:
    """'the last N days' style words (a span back from today), in days or whole weeks."""
    if days % 7 == 0 and days <= 84 and rng.random() < 0.5:
        w = days // 7
        n = "a week" if w == 1 else f"{count(rng, w)} weeks"
        return rng.choice([f"the last {n}", f"the past {n}"]).replace("the last a week", "the last week").replace(
            "the past a week", "the past week")
    return rng.choice([f"the last {days} days", f"the past {days} days", f"the last {count(rng, days)} days"])


def day_words(rng: random.Random, day: pd.Timestamp) -> str:
    return rng.choice([f"{day.day} {MONTH[day.month - 1]} {day.year}", f"{MONTH[day.month - 1]} {day.day}, {day.year}",
                       day.strftime("%Y-%m-%d"), f"{MONTH[day.month - 1]} {day.day}"])


def money(rng: random.Random, x: float) -> str:
    v = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
    return rng.choice([f"€{v}", f"{v} euros", f"EUR {v}", f"€{v}", v])


def stars(rng: random.Random, k: float) -> str:
    v = str(int(k)) if float(k).is_integer() else str(k)
    if float(k).is_integer() and rng.random() < 0.4:
        v = SMALL[int(k)]
    return f"{v} star" + ("" if k == 1 else "s")


def place(rng: random.Random, country: str) -> str:
    opts = [f"the {country}" if country in ARTICLE_THE else country] + SHORT.get(country, [])
    return rng.choice(opts)


def category(rng: random.Random, cat: str) -> str:
    """A category as the shop spells it (lower case), now and then capitalised."""
    return cat if rng.random() < 0.7 else cat[:1].upper() + cat[1:]


# Data a shop of this kind does not hold: (condition as a verb phrase with {have}/{are}/{s} slots, field name).
DECLINES = [
    ("{have} a dog at home", "pet names"),
    ("{are} over 50 years old", "dates of birth"),
    ("earn{s} more than 60,000 a year", "annual incomes"),
    ("{have} more than 1,000 Instagram followers", "Instagram handles"),
    ("{have} children under ten", "number of children"),
    ("own{s} the house they live in", "home ownership status"),
    ("{are} married", "marital status"),
    ("work{s} in healthcare", "employers"),
    ("live{s} in a household of four or more", "household sizes"),
    ("{have} a university degree", "education level"),
    ("vote{s} in local elections", "phone numbers"),
    ("drive{s} an electric car", "car models"),
    ("{have} a cat", "mobile phone numbers"),
    ("follow{s} us on TikTok", "TikTok usernames"),
    ("{are} vegetarian", "dietary preferences"),
    ("{are} left-handed", "shoe sizes"),
    ("{have} a gym membership", "LinkedIn profiles"),
    ("{are} still in school", "home phone numbers"),
    ("speak{s} more than two languages", "native languages"),
    ("{have} a credit score above 700", "credit scores"),
    ("{are} retired", "ages"),
    ("{have} a garden of their own", "rent-or-own status"),
    ("{are} self-employed", "job titles"),
    ("{have} twins", "birthdays of their kids"),
]

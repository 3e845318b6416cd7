"""Ninth blind marketer set: word helpers (numbers, windows, dates, money, countries) and the list of data a shop
does not hold (for the declines). Written independently of the earlier sets."""

from __future__ import annotations

import random

import pandas as pd

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
                10: "ten", 11: "eleven", 12: "twelve", 13: "thirteen", 14: "fourteen", 15: "fifteen", 20: "twenty",
                21: "twenty-one", 28: "twenty-eight", 30: "thirty", 35: "thirty-five", 40: "forty", 42: "forty-two",
                45: "forty-five", 49: "forty-nine", 50: "fifty", 56: "fifty-six", 60: "sixty", 63: "sixty-three",
                70: "seventy", 75: "seventy-five", 80: "eighty", 84: "eighty-four", 90: "ninety", 100: "one hundred"}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
# countries as written after "in" / "from"
THE = {"United States", "United Kingdom", "Netherlands"}


def num(rng: random.Random, k: int) -> str:
    """A count as digits or as a word."""
    return rng.choice([str(k), NUMBER_WORDS.get(k, str(k))])


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


def money(rng: random.Random, x: float) -> str:
    x = int(x) if float(x).is_integer() else x
    text = f"{x:,}" if isinstance(x, int) else f"{x:,.2f}"
    return rng.choice([f"€{text}", f"{text} euros", f"EUR {text}", f"€{text}", f"{text} EUR"])


def date_words(rng: random.Random, day: pd.Timestamp) -> str:
    m = MONTHS[day.month - 1]
    return rng.choice([day.strftime("%Y-%m-%d"), f"{day.day} {m} {day.year}", f"{m} {day.day}, {day.year}",
                       f"{day.day} {m[:3]} {day.year}"])


def span(rng: random.Random, n: int) -> str:
    """A trailing window of n days without its preposition: 'the last 30 days', 'the past four weeks'."""
    forms = [f"the last {n} days", f"the past {num(rng, n)} days", f"the previous {n} days", f"the most recent {n} days"]
    if n % 7 == 0 and n <= 84:
        forms += [f"the last {num(rng, n // 7)} weeks", f"the past {n // 7} weeks"]
    return rng.choice(forms)


# data an online shop's event log does not hold: (short name for the record, a condition on it, a field to ask for)
DECLINES = [
    ("age", "{are} over 45 years old", "their age"),
    ("income", "earn{s} more than €80,000 a year", "their annual household income"),
    ("phone", "{have} a mobile number on file", "their phone numbers"),
    ("pets", "keep{s} a cat at home", "the names of their pets"),
    ("social", "follow{s} us on Instagram", "their Instagram handles"),
    ("household", "live{s} in a household of four or more people", "their household size"),
    ("gender", "{are} female", "their gender"),
    ("marital", "{are} married", "their marital status"),
    ("employer", "work{s} in the public sector", "their employer and job title"),
    ("city", "live{s} in Berlin", "their home city and postcode"),
    ("children", "{have} children under ten", "the number and ages of their children"),
    ("newsletter", "opened our last newsletter", "their newsletter open rates"),
    ("device", "shop{s} from an iPhone", "the device and browser they use"),
    ("credit", "{have} a credit score above 700", "their credit scores"),
    ("birthday", "{have} a birthday in December", "their dates of birth"),
    ("education", "hold{s} a university degree", "their highest level of education"),
]

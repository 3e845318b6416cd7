"""Blind set 17: word helpers of its own (numbers, windows, dates, money, countries, the people around a message, the
data a shop does not hold). Written for this set only."""

from __future__ import annotations

import random

import pandas as pd

UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"]
TENS = {30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy", 80: "eighty", 90: "ninety"}
MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
         "December"]
SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
THE = {"United States", "United Kingdom", "Netherlands"}


def num(rng: random.Random, n: int, words: float = 0.4) -> str:
    """A count as digits or, sometimes, in words."""
    if rng.random() < words:
        if n <= 20:
            return UNITS[n]
        if n in TENS:
            return TENS[n]
        if n < 100 and n // 10 * 10 in TENS:
            return f"{TENS[n // 10 * 10]}-{UNITS[n % 10]}"
    return str(n)


def times(rng: random.Random, n: int) -> str:
    return {1: "once", 2: rng.choice(["twice", "two times"])}.get(n, f"{num(rng, n)} times")


def window(rng: random.Random, n: int) -> str:
    """A rolling window of n days back from today, said a few ways."""
    out = [f"in the last {num(rng, n)} days", f"over the past {num(rng, n)} days", f"within the last {n} days",
           f"during the past {n} days"]
    if n % 7 == 0 and n // 7 <= 12:
        w = n // 7
        out += [f"in the last {num(rng, w, 0.6)} weeks", f"over the past {num(rng, w, 0.6)} weeks"] if w > 1 else ["in the last week", "over the past seven days"]
    if n == 14:
        out.append("in the past fortnight")
    return rng.choice(out)


def day_words(rng: random.Random, day: pd.Timestamp, year: bool | None = None) -> str:
    year = rng.random() < 0.5 if year is None else year
    y = f" {day.year}" if year else ""
    return rng.choice([f"{day.day} {MONTH[day.month - 1]}{y}", f"{MONTH[day.month - 1]} {day.day}" + (f",{y}" if year else ""),
                       f"{day.day} {SHORT[day.month - 1]}{y}", day.strftime("%Y-%m-%d")])


def money(rng: random.Random, x: float) -> str:
    v = f"{int(x):,}" if float(x).is_integer() else f"{x:,.2f}"
    return rng.choice([f"€{v}", f"€{v}", f"{v} euros", f"{v} EUR", f"EUR {v}"])


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


# --- message furniture: names, campaigns, logistics that are never customer conditions --------------------------------
NAMES = ["Priya", "Tomasz", "Ines", "Jonas", "Maud", "Callum", "Aiko", "Rafael", "Lena", "Bilal", "Sofie", "Dev", "Hannah",
         "Marco", "Elif", "Niamh"]
CAMPAIGNS = ["Cosy Season", "Winter Warm-Up", "Black Friday preview", "Advent calendar", "Gift Guide", "Year-End Thank You",
             "Stocking Fillers", "New Year Reset", "Loyalty Letter", "Frost Sale", "Holiday Early Access", "Little Luxuries"]
CHANNELS = ["email", "postcard", "SMS", "push notification", "printed catalogue", "email and banner"]
DEADLINE_DAYS = ["Monday 2 November", "Tuesday 3 November", "Wednesday 4 November", "Thursday 5 November",
                 "Friday 6 November", "Monday 9 November", "Thursday 12 November", "Friday 13 November"]
TIMES = ["10am", "11:30", "2pm", "3pm", "4:30pm", "noon"]
BUDGETS = [600, 750, 1200, 1500, 2000, 2500, 3000, 4800]
CODES = ["MK-2291", "CRM-118", "Q4-07", "PROMO-335", "AUT-42", "BF-2026"]


def who_else(rng: random.Random) -> str:
    return rng.choice(NAMES)


def campaign(rng: random.Random) -> str:
    return rng.choice(CAMPAIGNS)


def deadline(rng: random.Random) -> str:
    return rng.choice(DEADLINE_DAYS)


def budget(rng: random.Random) -> str:
    return f"€{rng.choice(BUDGETS):,}"


def hello(rng: random.Random) -> str:
    return rng.choice(["Hi", "Hey", "Hello", "Morning", "Hi there", "Good afternoon", "Hiya"]) + rng.choice([
        "", f" {rng.choice(NAMES)}", " team", " all"])


def bye(rng: random.Random) -> str:
    return rng.choice(["Thanks!", "Cheers,", "Thanks a lot,", "Many thanks,", "Ta,", "Best,", "Thank you!"]) + " " + rng.choice(NAMES)


# --- data the shop does not hold: (key, conditions on it as plural relative clauses, the field as a noun phrase) -----
DECLINES = [
    ("phone number", ["have given us a mobile number", "have a phone number starting with +44 on file"], "their phone numbers"),
    ("income", ["earn more than €60,000 a year", "are in the top income bracket"], "their yearly income"),
    ("age", ["are between 25 and 34 years old", "are over 60"], "their ages"),
    ("date of birth", ["have a birthday in December", "were born before 1980"], "their dates of birth"),
    ("pets at home", ["own two or more cats at home", "have a dog whose birthday is this month"], "the names of their pets"),
    ("social media handle", ["follow us on Instagram", "have a TikTok account linked"], "their Instagram handles"),
    ("household", ["live in a household of four or more", "have children under five at home"], "how many people live in their household"),
    ("marital status", ["are married", "got engaged this year"], "their marital status"),
    ("employer", ["work in healthcare", "are employed by a company with over 500 staff"], "their employer and job title"),
    ("home ownership", ["own their home rather than rent", "have a garden at home"], "whether they own or rent their home"),
    ("car", ["drive an electric car", "own more than one car"], "the car they drive"),
    ("education", ["have a university degree", "are currently students"], "their highest level of education"),
    ("credit score", ["have a credit score above 700", "have been refused credit before"], "their credit scores"),
    ("gender", ["are women", "identify as male"], "their gender"),
]

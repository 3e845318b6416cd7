"""Word helpers of the sixteenth blind marketer set (CRM / marketing-ops register): numbers, lookback windows,
dates, money, geo codes and the data a shop does not hold (DECLINES)."""

from __future__ import annotations

import random

import pandas as pd

NUM = {0: "zero", 1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"}
MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
         "December"]

# country as the shop spells it -> the geo code marketers type
CODE = {"Germany": "DE", "France": "FR", "Netherlands": "NL", "Spain": "ES", "United Kingdom": "UK", "United States": "US",
        "Italy": "IT", "Belgium": "BE", "Ireland": "IE", "Poland": "PL", "Sweden": "SE", "Austria": "AT"}
THE = {"United Kingdom", "United States", "Netherlands"}


def num(rng: random.Random, k: int) -> str:
    """A count as digits or, now and then, a word."""
    return NUM[k] if k in NUM and rng.random() < 0.3 else str(k)


def geo(rng: random.Random, country: str, code_share: float = 0.6) -> str:
    """The country as a geo code or as the shop spells it."""
    if country in CODE and rng.random() < code_share:
        return CODE[country]
    return country


def geo_in(rng: random.Random, country: str) -> str:
    """The country after 'in' / 'outside'."""
    g = geo(rng, country)
    return f"the {g}" if g in THE else g


def window(rng: random.Random, days: int) -> str:
    """A lookback window as CRM people write it (the full phrase, e.g. 'L30D', 'in the last 30 days')."""
    opts = [f"L{days}D", f"in the last {days}d", f"in the last {days} days", f"over the past {days} days",
            f"in the last {days} days", f"within the last {days} days"]
    if days % 7 == 0 and 14 <= days <= 56:
        w = days // 7
        opts += [f"L{w}W", f"in the last {w} weeks", f"over the past {num(rng, w)} weeks"]
    return rng.choice(opts)


def window_short(rng: random.Random, days: int) -> str:
    """A compact window tag for expressions ('L30D', 'last 30d')."""
    opts = [f"L{days}D", f"last {days}d", f"last {days} days"]
    if days % 7 == 0 and 14 <= days <= 56:
        opts.append(f"L{days // 7}W")
    return rng.choice(opts)


def date(rng: random.Random, day: pd.Timestamp) -> str:
    """A calendar day in one of the ways people type it."""
    return rng.choice([day.strftime("%Y-%m-%d"), f"{MON[day.month - 1]} {day.day}", f"{day.day} {MON[day.month - 1]}",
                       f"{MONTH[day.month - 1]} {day.day}, {day.year}", f"{day.day} {MONTH[day.month - 1]} {day.year}"])


def money(rng: random.Random, x: float) -> str:
    """An amount with or without the euro sign; thousands sometimes as 'k'."""
    v = int(x) if float(x).is_integer() else x
    if isinstance(v, int) and v >= 1000 and v % 1000 == 0 and rng.random() < 0.4:
        return rng.choice([f"€{v // 1000}k", f"{v // 1000}k EUR"])
    return rng.choice([f"€{v}", f"€{v}", f"{v} EUR", f"{v}€", f"{v} euros", f"€{v:,}" if isinstance(v, int) else f"€{v}"])


def stars(rng: random.Random, k: float) -> str:
    v = int(k) if float(k).is_integer() else k
    return rng.choice([f"{v} stars", f"{v}★", f"{v} stars", f"{v}*"]) if v != 1 else rng.choice(["1 star", "1★", "1*"])


# data an online shop's event log does not hold: (what, verb phrases with slots {have} {are} {do} {s}, criteria tags,
# filter expressions, fields asked for)
DECLINES = [
    ("phone number", ["{have} a mobile number on file", "{have} a verified phone number"], ["mobile number on file", "phone no. on file"],
     ["phone_number is not null"], ["phone numbers", "mobile numbers"]),
    ("age", ["{are} aged 25-34", "{are} under 30 years old"], ["age 25-34", "age under 30"], ["age between 25 and 34", "age < 30"],
     ["ages", "date of birth"]),
    ("household income", ["{have} a household income over €80k", "earn{s} > 60k a year"], ["HHI > €80k", "income > 60k/yr"],
     ["household_income > 80000"], ["household income", "income bracket"]),
    ("social media handle", ["{have} an Instagram handle on file", "follow{s} us on TikTok"], ["IG handle on file", "a TikTok follow"],
     ["instagram_handle is not null"], ["Instagram handles", "social handles"]),
    ("household size", ["live{s} in a household of 4+ people", "{have} kids at home"], ["household size 4+", "kids at home"],
     ["household_size >= 4", "has_children = true"], ["household size", "number of kids"]),
    ("gender", ["{are} female", "{are} male"], ["gender = F", "gender = M"], ["gender = 'F'", "gender = 'M'"],
     ["gender", "gender split"]),
    ("job title", ["work{s} in a C-level role", "{are} a marketing manager by job title"], ["C-level job title", "job title = marketing manager"],
     ["job_title = 'CMO'"], ["job titles", "employer names"]),
    ("email engagement", ["opened our last newsletter", "{have} an email open rate above 30%"], ["last newsletter opened", "email open rate > 30%"],
     ["email_open_rate > 0.3"], ["email open rates", "last email click date"]),
    ("loyalty tier", ["{are} in the Gold loyalty tier", "hold{s} more than 500 loyalty points"], ["Gold loyalty tier", "loyalty points > 500"],
     ["loyalty_tier = 'Gold'"], ["loyalty tier", "loyalty points balance"]),
    ("device", ["shop{s} on an iPhone", "use{s} our Android app"], ["device = iOS", "Android app installed"], ["device_os = 'iOS'"],
     ["device type", "app version"]),
    ("credit score", ["{have} a credit score above 700", "passed a credit check"], ["credit score > 700", "a passed credit check"],
     ["credit_score > 700"], ["credit scores", "credit limit"]),
    ("marital status", ["{are} married", "{are} single"], ["marital status = married", "marital status = single"], ["marital_status = 'married'"],
     ["marital status", "wedding anniversary"]),
    ("home ownership", ["own{s} their home", "rent{s} their flat"], ["home owner = yes", "renter status"], ["home_owner = true"],
     ["homeowner status", "rent vs own flag"]),
]

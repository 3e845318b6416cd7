"""The blind marketer set's words and leaves: surface forms of numbers, dates, countries and the shop's names,
and the Leaf a condition is drawn as (its pandas mask and its phrasings)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

DAY = pd.Timedelta(days=1)
SEED = 20261101
FAMILIES = ["which_q", "imperative", "noun_phrase", "looking_for", "polite", "segment_label", "purpose_tail",
            "terse", "conversational", "filter_spec"]
HELDOUT = {"looking_for", "segment_label", "terse", "filter_spec"}  # 4 of 10 families
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
NUM = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
       12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 21: "twenty-one", 30: "thirty", 45: "forty-five",
       60: "sixty", 90: "ninety"}
TIMES = {1: "once", 2: "twice", 3: "three times", 4: "four times", 5: "five times"}

# surface forms of the shop's countries: (as a place, adjective, code)
COUNTRY = {
    "Germany": (["Germany", "Germany", "Germnay"], ["German"], ["DE", "GER"]),
    "United Kingdom": (["the UK", "the United Kingdom", "Britain", "the U.K."], ["British", "UK"], ["UK", "GB"]),
    "United States": (["the US", "the USA", "the United States", "the States"], ["American", "US"], ["US", "USA"]),
    "France": (["France", "France", "Frnace"], ["French"], ["FR"]),
    "Netherlands": (["the Netherlands", "Holland", "the Netherlands"], ["Dutch"], ["NL"]),
    "Spain": (["Spain", "Spain", "Spian"], ["Spanish"], ["ES"]),
}


def typo(word: str, rng: random.Random, p: float = 0.08) -> str:
    """Now and then a one-letter slip (adjacent swap or dropped letter) inside a longer single word."""
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    if len(word) < 7 or " " in word or "&" in word or rng.random() > p:
        return word
    i = rng.choice(letters[1:-2])
    if rng.random() < 0.5 and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word[:i] + word[i + 1:]


def cat_words(cat: str, rng: random.Random) -> str:
    c = cat.replace(" & ", rng.choice([" & ", " and ", " & "]))
    c = typo(c, rng)
    return rng.choice([c, c, c.title() if rng.random() < 0.3 else c])


def brand_words(brand: str, rng: random.Random) -> str:
    b = brand.replace(" & ", rng.choice([" & ", " and ", " & "]))
    return typo(b, rng, 0.1)


def an(word: str) -> str:
    return ("an " if word[:1].lower() in "aeiou" else "a ") + word


def money(x: int, rng: random.Random) -> str:
    forms = [f"€{x:,}", f"€{x}", f"{x} euros", f"EUR {x}", f"{x}€", f"{x} EUR", f"€{x:,}.00"]
    if x >= 1000 and x % 1000 == 0:
        forms += [f"€{x // 1000}k", f"{x // 1000}k"]
    if x in NUM:
        forms.append(f"{NUM[x]} euros")
    return rng.choice(forms)


def num(k: int, rng: random.Random, words: float = 0.35) -> str:
    return NUM[k] if k in NUM and rng.random() < words else str(k)


def plural(k: int, noun: str) -> str:
    return noun if k == 1 else noun + "s"


@dataclass
class Leaf:
    kind: str
    params: dict[str, Any]
    mask: pd.Series
    vps: list[str]  # plural finite verb phrases: "have bought kitchen items"
    mods: list[str] = field(default_factory=list)  # after the head noun: "from Germany", "with 3+ orders"
    pres: list[str] = field(default_factory=list)  # before the head noun: "German"
    negs: list[str] = field(default_factory=list)  # negated verb phrases: "have never bought kitchen"
    shorts: list[str] = field(default_factory=list)  # terse: "DE", "3+ orders"
    short_negs: list[str] = field(default_factory=list)
    implies_purchase: bool = False
    neg_needs_purchase: bool = False  # its negation only reads unambiguously next to a buyer-only condition

    def cond(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.params}



def group(kind: str) -> str:
    """Kinds about the same quantity (never two of them in one question)."""
    for prefix, name in (("net_spend", "spend"), ("last_purchase", "last_purchase"), ("return", "returns"), ("review", "reviews")):
        if kind.startswith(prefix):
            return name
    return kind


def _b(mask: pd.Series) -> pd.Series:
    return mask.fillna(False).astype(bool)


def _round(value: float) -> int:
    if value < 10:
        return max(1, int(round(value)))
    step = 10 ** (len(str(int(value))) - 1)
    step = step // 2 if value / step < 3 and step >= 10 else step
    return int(max(step, round(value / step) * step))


KINDS = ["country", "country_not", "bought_category", "bought_brand", "bought_product", "bought_category_within",
         "bought_brand_within", "last_purchase_within", "last_purchase_more", "viewed_not_bought", "returned", "reviewed",
         "orders", "returns_count", "reviews_count", "support_count", "net_spend_over", "net_spend_under", "aov",
         "first_seen", "last_seen_within", "rating"]
MOD_KINDS = ["country", "orders", "net_spend_over", "aov", "bought_category", "first_seen", "returned", "reviewed", "support_count"]


"""Sixth blind marketer set: the phrasing helpers and word tables for the condition leaves (``blind6_leaves``):
verb-phrase slot filling, number / money / place wording, and the count and rating leaves' phrasings."""

from __future__ import annotations

import random

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]
WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
         12: "twelve", 14: "fourteen", 15: "fifteen", 20: "twenty", 21: "twenty-one", 30: "thirty", 45: "forty-five",
         60: "sixty", 90: "ninety"}
THE = {"United Kingdom", "United States", "Netherlands"}

PLURAL = {"have": "have", "are": "are", "were": "were", "s": "", "do": "do", "their": "their"}
SINGULAR = {"have": "has", "are": "is", "were": "was", "s": "s", "do": "does", "their": "their"}


def fill(text: str, singular: bool = False) -> str:
    slots = SINGULAR if singular else PLURAL
    for key, value in slots.items():
        text = text.replace("{" + key + "}", value)
    return text


def place(country: str) -> str:
    return f"the {country}" if country in THE else country


def num(rng: random.Random, n: int) -> str:
    """A count or a number of days, now in digits, now in words."""
    return WORDS[n] if n in WORDS and rng.random() < 0.35 else str(n)


def euro(rng: random.Random, x: float, style: int | None = None) -> str:
    text = f"{x:,.0f}" if float(x).is_integer() else f"{x:,.2f}"
    forms = [f"€{text}", f"{text} euros", f"EUR {text}", f"€{text}"]
    return forms[style] if style is not None else rng.choice(forms)


def art(word: str) -> str:
    """The indefinite article for a word ("an electronics item", "a kitchen item")."""
    return "an" if word.lstrip('"')[:1].lower() in "aeio" else "a"


def count_words(kind: str, op: str, v: int, w: str, hi: int | None) -> tuple[list, list, list]:
    noun, nouns = {"returns_count": ("return", "returns"), "reviews_count": ("review", "reviews"),
                   "support_count": ("support message", "support messages")}[kind]
    if kind == "returns_count":
        if op == "eq" and v == 0:
            return (["{have} never returned anything", "{have} not made a single return"],
                    ["with no returns at all", "who have never sent anything back"],
                    ["{have} returned something at least once", "{have} made one or more returns"])
        if op == "ge" and v == 1:
            return (["{have} returned something", "sent at least one item back", "{have} made a return"],
                    ["with a return on record", "with at least one return"],
                    ["{have} never returned anything", "{have} made no returns"])
        if op == "eq":
            return ([f"{{have}} made exactly {w} return", "sent something back exactly once"],
                    [f"with exactly {w} return"], [])
        if op == "gt":
            return ([f"{{have}} made more than {w} return", "returned things on more than one occasion"],
                    ["with two or more returns" if v == 1 else f"with more than {w} returns"],
                    ["{have} made at most one return (or none)"] if v == 1 else [])
        return ([f"{{have}} made {w} or more returns", f"{{have}} at least {w} returns on record"],
                [f"with {v}+ returns", f"with at least {w} returns"],
                [f"{{have}} made fewer than {w} returns (none included)"])
    if kind == "reviews_count":
        if op == "eq" and v == 0:
            return (["{have} never written a review", "{have}n't reviewed anything"],
                    ["with no reviews", "who have never left a review"],
                    ["{have} written at least one review", "{have} reviewed something"])
        if op == "ge" and v == 1:
            return (["{have} written at least one review", "left us a review at some point"],
                    ["with a review to their name", "who have reviewed something"],
                    ["{have} never written a review", "{have}n't left a single review"])
        if op == "eq":
            return (["{have} written exactly one review", "left exactly one review"],
                    ["with exactly one review"], [])
        if op == "gt":
            return ([f"{{have}} written more than {w} reviews", f"left over {w} reviews"],
                    [f"with more than {w} reviews"], [f"{{have}} written {w} reviews or fewer (none counts)"])
        if op == "between":
            return ([f"{{have}} written between {v} and {hi} reviews (inclusive)", f"left {v} to {hi} reviews (both included)"],
                    [f"with {v}-{hi} reviews (inclusive)"], [])
        return ([f"{{have}} written {w} or more reviews", f"left at least {w} reviews"],
                [f"with {v}+ reviews", f"with at least {w} reviews"],
                [f"{{have}} written fewer than {w} reviews (zero included)"])
    # support
    if op == "eq" and v == 0:
        return (["{have} never contacted customer support", "{have}n't sent a single support message"],
                ["who have never been in touch with support", "with no support contacts"],
                ["{have} contacted support at least once", "{have} messaged customer service before"])
    if op == "eq":
        return (["contacted support exactly once", "{have} sent exactly one message to customer service"],
                ["with exactly one support message"], [])
    if op == "le":
        return (["contacted support no more than once (or never)", "{have} sent at most one support message (zero included)"],
                ["with one support message at most (none included)"], ["{have} contacted support more than once"])
    if op == "gt":
        return ([f"contacted support more than {w} times", f"{{have}} sent customer service over {w} messages"],
                [f"with more than {w} support messages"], [f"contacted support {w} times or fewer (never counts)"])
    return ([f"contacted support {w} or more times", f"{{have}} sent at least {w} messages to customer service"],
            [f"with {v}+ support messages", f"with at least {w} support contacts"],
            [f"contacted support fewer than {w} times (including never)"])

def rating_words(kind: str, op: str, v: float, hi: float | None) -> tuple[list, list]:
    star = lambda x: f"{x:g} star" + ("" if x == 1 else "s")  # noqa: E731
    if kind == "rating_min":
        if op == "le":
            return ([f"{{have}} given at least one review of {star(v)} or less", f"{{have}} ever rated something {star(v)} or lower"],
                    [f"whose lowest rating is {star(v)} or below", f"with a {v:g}-star-or-worse review somewhere in their history"])
        return ([f"{{have}} reviewed and never given fewer than {star(v)}", f"{{have}} left only {v:g}-star-or-better reviews"],
                [f"who have reviewed and whose lowest rating is {star(v)} or more"])
    if kind == "rating_max":
        if op == "eq":
            return (["{have} given a five-star rating at least once", "left a 5-star review at some point"],
                    ["with at least one 5-star review", "whose best rating is five stars"])
        return ([f"{{have}} reviewed but never given more than {star(v)}", f"{{have}} only ever given ratings of {star(v)} or lower"],
                [f"who have reviewed and whose highest rating is {star(v)} or less"])
    if kind == "rating_average":
        if op == "ge":
            return ([f"give{{s}} {star(v)} or more on average", f"{{have}} an average review score of at least {v:g}"],
                    [f"whose ratings average {v:g} stars or higher", f"with an average rating of {v:g}+"])
        if op == "lt":
            return ([f"{{have}} reviewed and average{{s}} below {star(v)}", f"{{have}} an average rating under {v:g}"],
                    [f"whose average rating is less than {v:g} stars"])
        if op == "le":
            return ([f"{{have}} an average rating of {v:g} or lower", f"average{{s}} {v:g} stars or less across {{their}} reviews"],
                    [f"whose ratings average at most {v:g}"])
        return ([f"{{have}} an average rating between {v:g} and {hi:g} stars (inclusive)"],
                [f"whose average rating is from {v:g} to {hi:g} (both included)"])
    if op == "eq":
        return (["gave five stars in {their} most recent review", "{have} a latest review of 5 stars"],
                ["whose latest review is a five-star one"])
    if op == "ge":
        return ([f"gave {star(v)} or more in {{their}} latest review",
                 f"{{have}} a most recent rating of {v:g} or higher"], [f"whose newest review is {star(v)} or better"])
    return ([f"gave {star(v)} or fewer in {{their}} most recent review",
             f"{{have}} a latest rating of {v:g} or lower"], [f"whose last review scored {star(v)} or less"])

"""The generated paraphrase corpus the frame model learns from (staff questions about one customer).

A staff question's frame has two parts, learnt by two classifiers: the *ask* (what of the events:
count, spend, first date, last product, average rating, ...; or a profile answer such as country or
suggestions; or ``decline`` for data no profile holds) and the *event type* it reads. Names and
windows are not part of the frame: the reader finds them by vocabulary and date grammar and replaces
them with placeholder words before the frame model sees the sentence (``category``, ``brand``,
``product``), so the model learns sentence shapes, not one shop's names.

Sentences come from several template families per frame (questions, requests, terse notes, chatty
messages, statements), each family a different sentence shape. The families are also the unit of
the reader's own cross-validation (``agent.reader.frames.cross_validate``).
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from agent.reader.corpus_templates import DECLINES, FRAMES

# ask -> (measure, field) in the customer query; profile asks map to tools instead.
ASKS: dict[str, tuple[str, str | None]] = {
    "count": ("count", None), "units": ("units", None), "orders": ("orders", None), "amount": ("amount", None),
    "net": ("net", None), "mean_rating": ("mean", "rating"), "min_rating": ("min", "rating"),
    "max_rating": ("max", "rating"), "mean_price": ("mean", "price"), "min_price": ("min", "price"),
    "max_price": ("max", "price"), "first_date": ("first", "date"), "last_date": ("last", "date"),
    "first_product": ("first", "product"), "last_product": ("last", "product"), "list_product": ("list", "product"),
    "last_text": ("last", "text"), "first_text": ("first", "text"), "list_text": ("list", "text"),
    "last_reason": ("last", "reason"), "list_reason": ("list", "reason"), "last_rating": ("last", "rating"),
    "first_rating": ("first", "rating"), "last_category": ("last", "category"), "last_brand": ("last", "brand"),
    "last_price": ("last", "price"), "distinct_category": ("distinct", "category"), "distinct_brand": ("distinct", "brand"),
    "distinct_product": ("distinct", "product"), "share": ("share", None),
}
PROFILE_ASKS = ("country", "top_category", "suggestions", "similar", "overview", "stage", "likes", "segment")
DECLINE = "decline"
TYPES = ("purchase", "return", "review", "search", "view", "cart", "support_message", "any")


@dataclass(frozen=True)
class Example:
    text: str
    ask: str
    type: str
    family: str


SUBJECTS = ["this customer", "the customer", "they", "she", "he", "this shopper", "the client", "this user"]
_POSSESSIVE = {"this customer": "this customer's", "the customer": "the customer's", "they": "their", "she": "her",
               "he": "his", "this shopper": "this shopper's", "the client": "the client's", "this user": "this user's"}
_OBJECT = {"they": "them", "she": "her", "he": "him"}
_HAVE = {"they": "have", "she": "has", "he": "has"}
SCOPES = ["", "", " on category", " in category", " from brand", " on brand items", " on product", " in the category category",
          " on category products", " of brand"]


_WRAP = {
    "question": ["{Q}?", "{Q}", "so {Q}?", "{Q}, please?", "what is {N}?", "what's {N}?", "what are {N}?"],
    "request": ["tell me {E}", "show me {N}", "give me {N}", "pull up {N}", "i need {N}", "get me {N}", "list {N}",
                "check {E}", "find out {E}", "look up {N}"],
    "terse": ["{N}?", "{N}", "{N} for this one", "{N} pls", "{N} — ?"],
    "chatty": ["hi, quick one: {Q}?", "hey, could you tell me {E}?", "hello! can you check {E} for me?",
               "sorry to bother you, {Q}?", "{Q}? thanks!", "quick question — {Q}?", "just wondering, {Q}?",
               "could you let me know {E}, thanks", "i'm on the phone with {o}: {Q}?"],
    "statement": ["i need to know {E}", "i'd like to know {E}", "i want to see {N}", "i'm looking for {N}",
                  "i wonder {E}", "we need {N} for this customer", "i'm trying to find {E}", "help me see {E}"],
    "note": ["note — {N}, pls", "{N}, pls", "re {N}", "fyi need {N}", "{N} please", "need {N} asap", "ticket: {N}?",
             "{N} (for a ticket)", "call note: {N}"],
    "prefixed": ["re this account: {Q}?", "looking at this profile, {Q}?", "customer on the line — {Q}?", "checking something: {Q}?",
                 "for a ticket I'm writing: {Q}?", "they are asking us about it. {Q}?", "about this shopper: {E}?",
                 "on this one, {Q}?", "for this account, {N}?"],
    "embedded": ["can you tell me {E}?", "could you check {E}?", "do you know {E}?", "can you find {E}?",
                 "would you look up {E}?", "any idea {E}?"],
}


def _fill(template: str, subject: str, scope: str) -> str:
    has = _HAVE.get(subject, "has")
    return template.format(s=subject, p=_POSSESSIVE[subject], o=_OBJECT.get(subject, subject), h=has, x=scope)


def generate(seed: int = 13, per_frame: int = 80) -> list[Example]:
    """Labelled sentences: every frame in every family of shapes, with varied subjects and scopes."""
    rng = random.Random(seed)
    examples: list[Example] = []
    for (ask, kind), forms in FRAMES.items():
        produced: set[str] = set()
        pairs = [(family, wrap) for family, wraps in _WRAP.items() for wrap in wraps]
        for _ in range(per_frame * 3):
            if len(produced) >= per_frame:
                break
            family, wrap = rng.choice(pairs)
            slot = "Q" if "{Q}" in wrap else "N" if "{N}" in wrap else "E"
            form = rng.choice(forms.get(slot) or forms["Q"])
            subject = rng.choice(SUBJECTS)
            scope = rng.choice(SCOPES) if "{x}" in form else ""
            core = _fill(form, subject, scope)
            text = " ".join(wrap.replace("{o}", _OBJECT.get(subject, subject)).format(Q=core, N=core, E=core).split())
            if text not in produced:
                produced.add(text)
                examples.append(Example(text, ask, kind, family))
    for template, subject in itertools.product(DECLINES, SUBJECTS[:5]):
        text = _fill(template, subject, "")
        family = rng.choice(list(_WRAP))
        wrapped = {"question": f"{text}?", "request": f"tell me {text}", "terse": text, "chatty": f"hi, {text}?",
                   "statement": f"i need to know {text}", "embedded": f"can you tell me {text}?", "note": f"note — {text}",
                   "prefixed": f"re this account: {text}?"}[family]
        examples.append(Example(wrapped, DECLINE, "any", family))
    return examples

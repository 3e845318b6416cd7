"""The fact sheet: everything the model may say about one customer, each entry with the words that
name it (so a claim can be tied to the fact it is attributed to) and the atoms it supports
(numbers, percentages, dates, names), plus its evidence event ids.

Entries come from the exact findings over the event log (retrieval.customer_facts) and from the
stored profile facts (retrieval's living profiles).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from encoders.data.schema import Product
from encoders.profile.model import Profile, fact_label, render_value
from retrieval.customer_facts import Finding

# Words that attribute a claim to a fact. A claim is supported only by the fact its nearest such
# word names (or, when a clause names none, by any fact that holds it).
KEYWORDS: dict[str, tuple[str, ...]] = {
    "country": ("country", "based", "lives", "ships to"),
    "last_purchase_date": ("last purchase", "last bought", "last ordered", "last order", "most recent purchase", "purchased on", "bought on"),
    "last_product": ("last bought", "last purchase", "most recent purchase", "most recently bought", "latest purchase", "bought", "purchased", "product"),
    "returns": ("return", "returns", "returned"),
    "latest_review": ("review", "reviews", "rating", "rated", "stars", "star"),
    "support_messages": ("support", "messages", "message", "contacted", "contacts", "customer service"),
    "latest_support": ("support", "message", "asked", "wrote", "about", "latest"),
    "top_bought_categories": ("most-bought", "most bought", "bought most", "buys most", "category", "categories", "units"),
    "last_search": ("searched", "search", "looked for", "query"),
    "first_seen": ("first seen", "first", "since", "joined"),
    "last_seen": ("last seen", "last active", "last visit"),
    "events": ("events", "interactions", "actions"),
    "customer": ("customer id",),
    "frequency": ("order", "orders", "ordered", "placed"),
    "monetary": ("spent", "spend", "spending", "net", "total", "lifetime value"),
    "avg_basket": ("average", "basket", "per order", "order value", "typical order"),
    "recency_days": ("days", "ago", "recency"),
    "return_rate": ("return rate", "returned", "share of"),
    "lifecycle_stage": ("stage", "lifecycle", "customer", "shopper"),
    "top_categories": ("likes", "like", "interested", "interest", "into", "mostly", "favourite", "categories", "category"),
    "top_brands": ("brand", "brands", "likes", "like", "interested", "interest", "favourite"),
    "price_band": ("price band", "band", "price", "shops", "tier"),
    "purchase_intent": ("browsing", "browsed", "viewed", "considering", "without buying"),
    "last_items": ("recent", "recently", "looked at", "items"),
    "preferred_time": ("shops", "usually", "time", "night", "morning", "evening", "afternoon"),
    "review_sentiment": ("review", "reviews", "sentiment", "rating", "tone"),
    "spend_band": ("spend band", "spender", "spend"),
    "segment": ("segment",),
    "intent_mix": ("contacts", "support", "asks"),
    "open_problems": ("problem", "problems", "open"),
}

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:\s*%)?(?![\d])")


def numbers_in(text: str) -> list[tuple[float, bool]]:
    """(value, is_percent) of every number written in a text."""
    found = []
    for match in _NUMBER.finditer(text):
        token = match.group().replace(",", "").replace(" ", "")
        percent = token.endswith("%")
        try:
            found.append((float(token.rstrip("%")), percent))
        except ValueError:
            continue
    return found


@dataclass
class Entry:
    key: str
    label: str
    text: str
    evidence: list[str]
    numbers: set[tuple[float, bool]] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    terms: set[str] = field(default_factory=set)
    shares: set[tuple[str, float]] = field(default_factory=set)  # (name, percent): "books 47%"

    @property
    def keywords(self) -> tuple[str, ...]:
        return KEYWORDS.get(self.key, tuple(self.label.split()))

    def holds_number(self, value: float, percent: bool) -> bool:
        return any(p == percent and abs(value - n) <= 0.011 for n, p in self.numbers)


@dataclass
class FactSheet:
    user_id: str
    entries: dict[str, Entry]
    vocabulary: set[str]  # names in the whole shop (titles, categories, brands): a claim naming one needs an entry holding it

    def lines(self, keys: Iterable[str] | None = None) -> list[str]:
        chosen = list(keys) if keys is not None else list(self.entries)
        return [f"{self.entries[k].label}: {self.entries[k].text}" for k in chosen if k in self.entries]

    @property
    def text(self) -> str:
        return " ".join(e.text for e in self.entries.values()).lower()


def _atoms(value: Any, entry: Entry) -> None:
    """Fill an entry's numbers, dates and names from a (possibly nested) fact value."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, (int, float)):
        entry.numbers.add((round(float(value), 2), False))
        return
    if isinstance(value, str):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            entry.dates.add(value)
        else:
            entry.terms.add(value.lower())
        return
    if isinstance(value, list):
        for item in value:
            _atoms(item, entry)
        return
    if isinstance(value, dict):
        named = next((str(value[k]).lower() for k in ("category", "brand", "intent") if k in value), None)
        if named is not None and "share" in value:
            entry.shares.add((named, round(float(value["share"]) * 100)))
        for key, item in value.items():
            if key == "share":
                entry.numbers.add((round(float(item) * 100), True))
            elif key in ("item_id", "id", "score", "weekend_share"):
                continue
            else:
                _atoms(item, entry)


def entry_from_finding(finding: Finding) -> Entry:
    entry = Entry(finding.key, finding.key.replace("_", " "), finding.text, finding.evidence)
    _atoms(finding.value, entry)
    return entry


def entry_from_fact(name: str, profile: Profile) -> Entry:
    fact = profile.facts[name]
    entry = Entry(name, fact_label(name), render_value(fact.value), fact.evidence)
    _atoms(fact.value, entry)
    return entry


def shop_vocabulary(products: Mapping[str, Product]) -> set[str]:
    names = set()
    for product in products.values():
        names.update(n.lower() for n in (product.title, product.category, product.brand) if n)
    return names


# Profile facts the exact findings already state (with their exact meaning) stay out of the sheet.
_DUPLICATES = {"frequency", "monetary", "returns", "first_seen", "last_seen", "country"}


def build_sheet(user_id: str, findings: Mapping[str, Finding], profile: Profile | None, vocabulary: set[str]) -> FactSheet:
    entries = {k: entry_from_finding(f) for k, f in findings.items()}
    entries["customer"] = Entry("customer", "customer id", user_id, [], terms={user_id.lower()})
    if profile is not None:
        for name in profile.facts:
            if name not in _DUPLICATES and name not in entries:
                entries[name] = entry_from_fact(name, profile)
    return FactSheet(user_id=user_id, entries=entries, vocabulary=vocabulary)


def parse_date(day: int, month: str, year: int) -> str | None:
    try:
        return date(year, _month_index(month) + 1, day).isoformat()
    except (ValueError, TypeError):
        return None


def _month_index(name: str) -> int:
    lowered = name.lower()
    for index, month in enumerate(MONTHS):
        if month.startswith(lowered[:3]):
            return index
    raise ValueError(name)

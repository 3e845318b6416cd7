"""Checks generated text against profile facts: every number must come from a fact, and every fact
the text uses is cited with its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from encoders.profiles import FACT_DESCRIPTIONS, Profile

_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%")
_EVIDENCE_SHOWN = 5


@dataclass(frozen=True)
class Citation:
    fact: str
    value: str
    evidence: list[str]


@dataclass
class GroundingReport:
    citations: list[Citation] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)

    @property
    def grounded(self) -> bool:
        return bool(self.citations) and not self.unsupported


def render_value(value: Any) -> str:
    """A fact value as short readable text (what the model sees and the checker matches)."""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return "; ".join(render_value(v) for v in value)
    if isinstance(value, dict):
        return _render_dict(value)
    return str(value)


def _render_dict(value: dict[str, Any]) -> str:
    for key in ("category", "brand", "intent"):
        if key in value:
            return f"{value[key]} {value['share']:.0%}" if "share" in value else str(value[key])
    if "title" in value:
        return str(value["title"])
    if "name" in value:
        return str(value["name"])
    if "daypart" in value:
        return f"{value['daypart']} on {value['days']}"
    if "label" in value:
        rating = f", average rating {value['avg_rating']}" if "avg_rating" in value else ""
        return f"{value['label']} ({value.get('reviews', 0)} reviews{rating})"
    return ", ".join(f"{k} {render_value(v)}" for k, v in value.items())


# Words a reader (and a small model) understands better than the field names.
FACT_LABELS: dict[str, str] = {
    "monetary": "net spend",
    "frequency": "orders",
    "recency_days": "days since last seen",
    "top_categories": "likes",
    "top_brands": "favourite brands",
    "last_items": "recent items",
    "purchase_intent": "browsing without buying",
    "lifecycle_stage": "lifecycle stage",
    "avg_basket": "average order value",
}


def fact_label(name: str) -> str:
    return FACT_LABELS.get(name, name.replace("_", " "))


def fact_lines(profile: Profile, names: list[str] | None = None) -> list[str]:
    """One short 'label: value' line per fact, the form the model sees."""
    chosen = names or [n for n in FACT_DESCRIPTIONS if n in profile.facts]
    return [f"{fact_label(name)}: {render_value(profile.facts[name].value)}" for name in chosen if name in profile.facts]


def _numbers(text: str) -> list[str]:
    return [m.group().replace(",", "") for m in _NUMBER.finditer(text)]


def _as_float(token: str) -> float | None:
    try:
        return float(token)
    except ValueError:
        return None


def _fact_numbers(profile: Profile) -> set[float]:
    found: set[float] = set()
    for fact in profile.facts.values():
        for token in _numbers(render_value(fact.value)) + _numbers(str(fact.value)):
            if (number := _as_float(token)) is not None:
                found.add(round(number, 2))
    found.add(float(profile.n_events))
    return found


def _supported(number: float, known: set[float]) -> bool:
    return any(abs(number - k) <= max(0.01, 0.005 * abs(k)) for k in known) or any(
        abs(number - round(k)) < 1e-9 for k in known
    )


def check(text: str, profile: Profile, context: str = "") -> GroundingReport:
    """Cite the facts a text uses; list numbers in it that no fact (nor the question) supports."""
    report = GroundingReport()
    lowered = text.lower()
    for name, fact in profile.facts.items():
        rendered = render_value(fact.value)
        pieces = [p.strip().lower() for p in re.split(r"[;,]", rendered) if len(p.strip()) >= 3]
        words = [w for w in re.split(r"\s+|%", " ".join(pieces)) if len(w) >= 4 and not _as_float(w)]
        mentions_number = any(_as_float(n) is not None and n in _numbers(text) for n in _numbers(rendered))
        if mentions_number or any(p in lowered for p in pieces) or any(w in lowered for w in words):
            report.citations.append(Citation(fact=name, value=rendered, evidence=fact.evidence[:_EVIDENCE_SHOWN]))
    known = _fact_numbers(profile) | {n for t in _numbers(context) if (n := _as_float(t)) is not None}
    for token in _numbers(text):
        number = _as_float(token)
        if number is not None and not _supported(number, known) and token not in profile.user_id:
            report.unsupported.append(token)
    # A percentage must be one the facts state as a percentage, not any supported number with a '%'.
    shares = {m.group(1) for fact in profile.facts.values() for m in _PERCENT.finditer(render_value(fact.value))}
    shares |= {m.group(1) for m in _PERCENT.finditer(context)}
    report.unsupported += [f"{m.group(1)}%" for m in _PERCENT.finditer(text) if m.group(1) not in shares]
    return report

"""The claim checker, nothing else: every number in generated text must come from a fact, and every
fact the text uses is cited with its evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from encoders.profile.model import Profile, render_value

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

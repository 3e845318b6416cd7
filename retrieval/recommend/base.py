"""What every recommender returns: suggestions that carry their reasons and the evidence behind them."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Reason:
    """One plain-words reason, with the ids of the user's events (or other customers) it rests on."""

    text: str
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    item_id: str
    title: str
    score: float
    category: str = ""
    reasons: list[Reason] = field(default_factory=list)
    path: str = "history"
    """How the list was made: history, or a cold-start path (popular, searches, one-event neighbours)."""

"""What a staff question was read as, for the planner: a profile answer's kind and the reader's confidence.

The reading itself is the reader's (``agent.reader.staff``); the planner only needs which profile answer
to compose ("country", "suggestions", ...)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Route:
    kind: str
    score: float
    by: str  # who read it: the reader, or a served model

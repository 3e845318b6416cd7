"""The answer object both drivers return: text, citations, the tools used."""

from __future__ import annotations

from dataclasses import dataclass, field

from agent.grounding import Citation

DECLINE = "I can't answer that from the profile."


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    tools: list[str] = field(default_factory=list)
    kind: str = ""  # what the question was routed to (planner), or "agent"
    removed: list[str] = field(default_factory=list)  # generated sentences the facts did not support
    fallback: bool = False  # the model's wording was not kept; the composed text stands
    declined: bool = False
    confidence: float | None = None  # the reader's calibrated confidence in the reading it answered (or asked back about)

    def cited_text(self) -> str:
        refs = "; ".join(f"{c.fact} [{', '.join(c.evidence) or 'profile'}]" for c in self.citations)
        return f"{self.text}\n\nSources: {refs}" if refs else self.text

    def as_dict(self) -> dict[str, object]:
        return {
            "answer": self.text,
            "citations": [{"fact": c.fact, "value": c.value, "evidence": c.evidence} for c in self.citations],
            "tools": self.tools,
            "confidence": None if self.confidence is None else round(self.confidence, 4),
        }

"""Explainable summaries: a fact sheet, phrased by the model, every sentence checked claim by claim.

The stored record keeps the text with inline evidence ids, the citations, the share of the model's
claims that were supported before the checker (raw faithfulness) and after it (checked), and which
model wrote it. When nothing of the model's text survives the checker, a draft composed straight
from the sheet stands in (``fallback``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage

from agent.grounding import Citation, Claim, check, cite_inline
from agent.prompts import PROMPT_MARKERS, summary_messages
from agent.sheet import FactSheet

_MIN_FACTS_KEPT = 2


@dataclass
class Summary:
    user_id: str
    text: str  # kept sentences with their evidence ids, e.g. "... 11 orders [E000123]"
    citations: list[Citation]
    raw_faithfulness: float | None  # share of the model's claims the sheet supports, before the checker
    checked_faithfulness: float | None  # the same over the kept claims (1.0 whenever anything is kept)
    model: str
    removed: list[str] = field(default_factory=list)
    fallback: bool = False
    claims: int = 0  # in the model's text, before the checker
    supported_claims: int = 0
    kept_claims: int = 0  # in the stored text

    def record(self) -> dict[str, Any]:
        return {
            "user_id": self.user_id, "summary": self.text,
            "citations": [{"fact": c.fact, "value": c.value, "evidence": c.evidence} for c in self.citations],
            "raw_faithfulness": self.raw_faithfulness, "checked_faithfulness": self.checked_faithfulness,
            "model": self.model, "removed": self.removed, "fallback": self.fallback,
            "claims": self.claims, "supported_claims": self.supported_claims, "kept_claims": self.kept_claims,
        }


def _value(sheet: FactSheet, key: str) -> str | None:
    entry = sheet.entries.get(key)
    return entry.text if entry else None


def draft_summary(sheet: FactSheet) -> str:
    """Two or three sentences straight from the sheet (always supported by it)."""
    uid = sheet.user_id
    stage = _value(sheet, "lifecycle_stage")
    orders, spend = sheet.entries["frequency"].numbers, _value(sheet, "monetary")
    count = int(next(iter(orders))[0]) if orders else 0
    article = "an" if str(stage or "").startswith(("a", "e", "i", "o", "u")) else "a"
    opening = f"{uid} is {article} {stage} customer" if stage else f"{uid} is a customer"
    where = f" from {_value(sheet, 'country')}" if _value(sheet, "country") else ""
    orders = "no orders" if count == 0 else f"{count} {'order' if count == 1 else 'orders'}"
    sentences = [f"{opening}{where} with {orders} and a net spend of {spend}."]
    if (bought := _value(sheet, "top_bought_categories")):
        sentences.append(f"Most-bought category: {bought}.")
    if (last := _value(sheet, "last_product")):
        sentences.append(f"Last bought {last} on {_value(sheet, 'last_purchase_date')}.")
    return " ".join(sentences)


def model_name(model: BaseChatModel) -> str:
    for attribute in ("model_name", "model"):
        value = getattr(model, attribute, None)
        if isinstance(value, str) and value:
            return value
    path = getattr(model, "gguf_path", None)
    return path.name if path is not None else type(model).__name__


def summary_prompt(sheet: FactSheet) -> list[BaseMessage]:
    """What the model is asked for one customer: reword a draft composed from the sheet (computed values
    only: shopper-written text never enters the prompt)."""
    return summary_messages(draft_summary(sheet))


def write_summary(sheet: FactSheet, model: BaseChatModel) -> Summary:
    """The model rewords a draft composed from the sheet; only sentences whose every claim the sheet
    supports are kept, cited (see ``checked_summary``)."""
    return checked_summary(sheet, str(model.invoke(summary_prompt(sheet)).content), model_name(model))


def checked_summary(sheet: FactSheet, reply: str, model: str) -> Summary:
    """The checker over a model's reply: only sentences whose every claim the sheet supports are kept,
    cited; the draft stands in when fewer than two facts survive. Pure CPU work, no model call, so the
    batch runs it off its event loop and Ray runs it as its own stage."""
    reply = " ".join(reply.split())
    checked = check(reply, sheet)
    for sentence in checked.sentences:
        if any(m in sentence.text.lower() for m in PROMPT_MARKERS):  # the prompt echoed back
            sentence.claims.append(Claim("echo", sentence.text, 0, len(sentence.text)))
        if not sentence.claims:  # a summary sentence must state something the sheet holds, not praise
            sentence.claims.append(Claim("unchecked", sentence.text, 0, len(sentence.text)))
    claims = checked.claims
    kept_facts = {c.entry for s in checked.kept for c in s.claims if c.entry}
    summary = Summary(
        user_id=sheet.user_id, text=cite_inline(checked, sheet), citations=checked.citations,
        raw_faithfulness=checked.raw_supported_rate, checked_faithfulness=checked.checked_supported_rate,
        model=model, removed=checked.removed, claims=len(claims), supported_claims=sum(c.supported for c in claims),
        kept_claims=sum(len(s.claims) for s in checked.kept),
    )
    if len(kept_facts) >= _MIN_FACTS_KEPT:
        return summary
    draft = check(draft_summary(sheet), sheet)
    summary.text, summary.citations = cite_inline(draft, sheet), draft.citations
    summary.checked_faithfulness, summary.fallback = draft.checked_supported_rate, True
    summary.kept_claims = sum(len(s.claims) for s in draft.kept)
    return summary

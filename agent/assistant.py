"""Answers questions about one customer and writes profile summaries, grounded in profile facts.

Tools fetch facts, the model phrases them, the grounding checker removes what the facts do not
support, and every answer carries citations (fact names and the ids of their evidence events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from langchain_core.language_models import BaseChatModel

from agent.grounding import Citation, check, fact_label, fact_lines, render_value
from agent.llm import build_chat_model
from agent.prompts import PROMPT_MARKERS, answer_messages, summary_messages
from encoders.profiles import FACT_DESCRIPTIONS, Profile
from encoders.settings import Settings
from retrieval.store import PortraitStore

_RELEVANT_FACTS = 4
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MAX_REPLY_CHARS = 500


class UnknownCustomerError(LookupError):
    pass


@dataclass
class Answer:
    text: str
    citations: list[Citation]
    removed: list[str] = field(default_factory=list)  # generated sentences the facts did not support
    fallback: bool = False

    def cited_text(self) -> str:
        refs = "; ".join(f"{c.fact} [{', '.join(c.evidence) or 'profile'}]" for c in self.citations)
        return f"{self.text}\n\nSources: {refs}" if refs else self.text


class ProfileAssistant:
    def __init__(self, settings: Settings, store: PortraitStore, chat_model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.store = store
        self._chat_model = chat_model
        self._fact_names = list(FACT_DESCRIPTIONS)
        self._fact_vectors: np.ndarray | None = None

    @property
    def chat_model(self) -> BaseChatModel:
        if self._chat_model is None:
            self._chat_model = build_chat_model(self.settings)
        return self._chat_model

    def profile(self, user_id: str) -> Profile:
        profile = self.store.get_profile(user_id)
        if profile is None:
            raise UnknownCustomerError(f"No profile for customer {user_id!r}. Run `portrait build` after ingesting events.")
        return profile

    def relevant_facts(self, profile: Profile, question: str, k: int = _RELEVANT_FACTS) -> list[str]:
        """Facts whose description is closest in meaning to the question."""
        if self._fact_vectors is None:
            self._fact_vectors = self.store.embedder.encode(
                [f"{n.replace('_', ' ')}: {d}" for n, d in FACT_DESCRIPTIONS.items()], show_progress=False
            )
        scores = self._fact_vectors @ self.store.embedder.encode_one(question)
        ranked = [self._fact_names[i] for i in np.argsort(-scores)]
        return [n for n in ranked if n in profile.facts][:k]

    def ask(self, user_id: str, question: str) -> Answer:
        profile = self.profile(user_id)
        names = self.relevant_facts(profile, question)
        reply = self.chat_model.invoke(answer_messages(fact_lines(profile, names), question))
        answer = self._grounded(str(reply.content), profile, context=question)
        return answer or self._fallback(profile, names)

    def summarize(self, user_id: str) -> Answer:
        """An explainable summary: a draft written from the facts, polished by the model when its
        rewrite keeps to the facts, else the draft itself."""
        profile = self.profile(user_id)
        draft, names = draft_summary(profile)
        reply = self.chat_model.invoke(summary_messages(draft))
        polished = self._grounded(str(reply.content), profile)
        covered = {c.fact for c in polished.citations} if polished else set()
        if polished and not polished.removed and len(covered & set(names)) >= 0.75 * len(names):
            return polished
        report = check(draft, profile)
        return Answer(text=draft, citations=report.citations, removed=polished.removed if polished else [], fallback=True)

    def _grounded(self, text: str, profile: Profile, context: str = "") -> Answer | None:
        """The model's text without sentences the facts do not support; None when nothing usable is left."""
        text = " ".join(text.split())
        if not text or len(text) > _MAX_REPLY_CHARS or any(m in text.lower() for m in PROMPT_MARKERS):
            return None
        kept, removed = [], []
        for sentence in _SENTENCE.split(text):
            (removed if check(sentence, profile, context).unsupported else kept).append(sentence)
        report = check(" ".join(kept), profile, context)
        if not kept or not report.citations:
            return None
        return Answer(text=" ".join(kept), citations=report.citations, removed=removed)

    @staticmethod
    def _fallback(profile: Profile, names: list[str]) -> Answer:
        """When the model's text cannot be supported, state the most relevant facts plainly."""
        chosen = names[:2]
        readable = "; ".join(f"{fact_label(n)}: {render_value(profile.facts[n].value)}" for n in chosen)
        citations = [Citation(fact=n, value=render_value(profile.facts[n].value), evidence=profile.facts[n].evidence[:5]) for n in chosen]
        return Answer(text=f"From the profile: {readable}.", citations=citations, fallback=True)


def draft_summary(profile: Profile) -> tuple[str, list[str]]:
    """Two or three sentences straight from the facts, and the names of the facts they use."""
    value = profile.fact_value
    used = ["lifecycle_stage", "frequency", "monetary"]
    where = f" from {value('country')}" if value("country") else ""
    sentences = [
        f"{str(value('lifecycle_stage', 'known')).capitalize()} customer{where} with {value('frequency', 0)} orders "
        f"and a net spend of {render_value(float(value('monetary', 0.0)))}."
    ]
    if where:
        used.append("country")
    likes = []
    if value("top_categories"):
        likes.append(f"mostly interested in {render_value(value('top_categories')[:2]).replace(';', ' and')}")
        used.append("top_categories")
    if value("price_band"):
        likes.append(f"shops in the {value('price_band')} price band")
        used.append("price_band")
    if likes:
        sentences.append(" and ".join(likes).capitalize() + ".")
    elif value("last_items"):
        sentences.append(f"Recently bought or viewed {render_value(value('last_items')[:2]).replace(';', ' and')}.")
        used.append("last_items")
    if value("purchase_intent"):
        sentences.append(f"Recently browsing {render_value(value('purchase_intent')).replace(';', ',')} without buying.")
        used.append("purchase_intent")
    if value("open_problems"):
        problems = ", ".join(p["intent"].replace("_", " ") for p in value("open_problems"))
        sentences.append(f"Open customer-service problems: {problems}.")
        used.append("open_problems")
    return " ".join(sentences), [n for n in used if n in profile.facts]

"""Answers questions about one customer and writes profile summaries, grounded in profile facts.

Tools fetch facts, the model phrases them, the grounding checker removes what the facts do not
support, and every answer carries citations (fact names and the ids of their evidence events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from langchain_core.language_models import BaseChatModel

from agent.grounding import Citation, check, fact_lines
from agent.llm import build_chat_model
from agent.prompts import answer_messages, summary_messages
from encoders.profiles import FACT_DESCRIPTIONS, Profile
from encoders.settings import Settings
from retrieval.store import PortraitStore

_RELEVANT_FACTS = 4
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


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
        reply = self.chat_model.invoke(answer_messages(user_id, fact_lines(profile, names), question))
        return self._grounded(str(reply.content), profile, names, context=question)

    def summarize(self, user_id: str) -> Answer:
        profile = self.profile(user_id)
        names = [n for n in ("frequency", "monetary", "top_categories", "last_seen", "country") if n in profile.facts]
        reply = self.chat_model.invoke(summary_messages(user_id, fact_lines(profile, names)))
        return self._grounded(str(reply.content), profile, names)

    def _grounded(self, text: str, profile: Profile, names: list[str], context: str = "") -> Answer:
        kept, removed = [], []
        for sentence in (s.strip() for s in _SENTENCE.split(text.strip())):
            if sentence:
                (removed if check(sentence, profile, context).unsupported else kept).append(sentence)
        answer_text = " ".join(kept)
        report = check(answer_text, profile, context)
        if answer_text and report.citations:
            return Answer(text=answer_text, citations=report.citations, removed=removed)
        return self._fallback(profile, names, removed)

    @staticmethod
    def _fallback(profile: Profile, names: list[str], removed: list[str]) -> Answer:
        """When the model's text cannot be supported, state the relevant facts plainly."""
        lines = fact_lines(profile, names[:2])
        citations = [
            Citation(fact=n, value=line.split(": ", 1)[1], evidence=profile.facts[n].evidence[:5])
            for n, line in zip(names[:2], lines)
        ]
        readable = "; ".join(f"{FACT_DESCRIPTIONS[n]}: {line.split(': ', 1)[1]}" for n, line in zip(names[:2], lines))
        return Answer(text=f"From the profile: {readable}.", citations=citations, removed=removed, fallback=True)

"""Answers questions about one customer and writes profile summaries, grounded in profile facts.

Tools fetch facts, the model phrases them, the grounding checker removes what the facts do not
support, and every answer carries citations (fact names and the ids of their evidence events).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from langchain_core.language_models import BaseChatModel

from agent.grounding import Citation, check
from agent.llm.backends import build_chat_model
from agent.prompts import PROMPT_MARKERS, answer_messages, summary_messages
from agent.summaries import draft_summary
from encoders.profile.facts import fact_descriptions
from encoders.profile.model import Profile, fact_label, render_value
from retrieval.home import Home

_RELEVANT_FACTS = 4
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_MAX_REPLY_CHARS = 500


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
    def __init__(self, home: Home, chat_model: BaseChatModel | None = None) -> None:
        self.home = home
        self.settings = home.settings
        self._chat_model = chat_model
        self._descriptions = fact_descriptions()
        self._fact_names = list(self._descriptions)
        self._fact_vectors: np.ndarray | None = None

    @property
    def chat_model(self) -> BaseChatModel:
        if self._chat_model is None:
            self._chat_model = build_chat_model(self.settings)
        return self._chat_model

    def relevant_facts(self, profile: Profile, question: str, k: int = _RELEVANT_FACTS) -> list[str]:
        """Facts whose description is closest in meaning to the question."""
        if self._fact_vectors is None:
            self._fact_vectors = self.home.embedder.encode(
                [f"{n.replace('_', ' ')}: {d}" for n, d in self._descriptions.items()], show_progress=False
            )
        scores = self._fact_vectors @ self.home.embedder.encode_one(question)
        ranked = [self._fact_names[i] for i in np.argsort(-scores)]
        return [n for n in ranked if n in profile.facts][:k]

    def ask(self, user_id: str, question: str) -> Answer:
        profile = self.home.profile(user_id)
        names = self.relevant_facts(profile, question)
        reply = self.chat_model.invoke(answer_messages(profile.fact_lines(names), question))
        answer = self._grounded(str(reply.content), profile, context=question)
        return answer or self._fallback(profile, names)

    def summarize(self, user_id: str) -> Answer:
        """An explainable summary: a draft written from the facts, polished by the model when its
        rewrite keeps to the facts, else the draft itself."""
        profile = self.home.profile(user_id)
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

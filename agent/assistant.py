"""Answers staff questions about one customer and writes summaries, grounded in exact facts.

Two drivers over the same tools (``settings.agent_mode``): the planner (routes, runs a tool, composes,
the model may only rephrase) and a LangGraph tool-calling agent for capable served models. ``auto``
picks the agent only for a served model whose name matches ``settings.tool_calling_models``.
Either way the checker keeps only claims the fact sheet supports, and answers carry citations.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cached_property
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.tools import BaseTool

from agent.answer import DECLINE, Answer
from agent.grounding import Citation
from agent.llm.backends import build_chat_model
from agent.planner import plan_answer
from agent.reader.for_home import staff_reader
from agent.reader.not_held import CAN_ASK_STAFF
from agent.reader.staff import Conversation, StaffReader, StaffReading
from agent.routing import Route
from agent.sheet import FactSheet, build_sheet
from agent.summaries import Summary, write_summary
from agent.tools import ONE_CUSTOMER_TOOLS, CustomerData, make_tools
from retrieval.home import Home, UnknownCustomerError
from retrieval.query.customer import CustomerQuery
from retrieval.query.measure import run_customer_query
from retrieval.query.words import answer_text

__all__ = ["Answer", "Conversation", "ProfileAssistant"]

_GROSS_OR_NET = re.compile(r"\b(?:before|after|net of|minus|less|excluding|including|without)\s+(?:returns|refunds)|\bnet\b|\bgross\b", re.I)
_YES = re.compile(r"^\s*(?:yes|yep|yeah|yup|sure|ok(?:ay)?|correct|right|exactly|do it|run it|go ahead|please do)\b", re.I)


class ProfileAssistant:
    def __init__(self, home: Home, chat_model: BaseChatModel | None = None, role: str = "support") -> None:
        """``role`` is the caller's: a marketer gets only the aggregate tools and no answers or summaries
        about one customer, whatever they ask."""
        self.home = home
        self.settings = home.settings
        self.role = role
        self._chat_model = chat_model
        self.data = CustomerData(home)
        self.tools: dict[str, BaseTool] = {t.name: t for t in make_tools(home, self.data, role)}
        self._reader: StaffReader | None = None

    @property
    def chat_model(self) -> BaseChatModel:
        if self._chat_model is None:
            self._chat_model = build_chat_model(self.settings)
        return self._chat_model

    @property
    def capable_model(self) -> bool:
        """A served model whose name says it calls tools and rewords reliably (settings.tool_calling_models)."""
        served = self.settings.resolved_llm_backend == "openai"
        name = self.settings.openai_model.lower()
        return served and any(p in name for p in self.settings.tool_calling_models)

    @property
    def mode(self) -> str:
        """planner or tools, as the settings ask (auto: tools only for a capable served model)."""
        if self.settings.agent_mode != "auto":
            return self.settings.agent_mode
        return "tools" if self.capable_model else "planner"

    @property
    def phrases_answers(self) -> bool:
        """auto: only a capable model rewords chat answers. SmolLM2-135M echoed the instruction or
        dropped facts in every rewording we measured, at 3-8 s a turn, so its answers stay composed."""
        if self.settings.answer_phrasing == "auto":
            return self.capable_model
        return self.settings.answer_phrasing == "model"

    @cached_property
    def _graph(self) -> Any:
        from agent.tool_agent import build_agent

        return build_agent(self.chat_model, list(self.tools.values()))

    def sheet(self, user_id: str) -> FactSheet:
        """Everything that may be said about the customer: exact findings plus stored profile facts."""
        self._check_role()
        findings = self.data.findings(user_id)
        try:
            profile = self.home.profile(user_id)
        except UnknownCustomerError:
            profile = None  # events ingested but not yet built: the exact findings still answer
        return build_sheet(user_id, findings, profile, self.data.vocabulary)

    @property
    def reader(self) -> StaffReader:
        """The sentence reader for this home's shop (built once; its data clock follows the log)."""
        if self._reader is None:
            self._reader = staff_reader(self.home, self.data.products)
        else:
            self._reader.clock = self.home.data_clock()
        return self._reader

    def _check_role(self) -> None:
        if ONE_CUSTOMER_TOOLS - set(self.tools):
            raise PermissionError(f"The {self.role} role cannot read one customer's data; ask for an audience instead.")

    def ask(self, user_id: str, question: str, conversation: Conversation | None = None, confirm: bool = False) -> Answer:
        """Answer one staff question. ``conversation`` keeps the chat (follow-ups edit its last query, "yes"
        runs a reading the assistant asked back about); ``confirm`` runs the best reading without asking back."""
        self._check_role()
        self.data.events(user_id)  # an unknown customer is a clear error before any model runs
        if self.mode == "tools":
            from agent.tool_agent import agent_answer

            answer = agent_answer(self._graph, user_id, question, self.sheet)
            if answer is not None:
                return answer
        chat = conversation if conversation is not None else Conversation()
        if chat.pending is not None and _YES.match(question):
            confirmed = "profile" if chat.pending.profile_kind else "query"
            reading, chat.pending = replace(chat.pending, outcome=confirmed, confidence=1.0, unmapped=[]), None
            confirm = True
        else:
            reading = self.reader.read(question, chat)
            chat.pending = None
        chat.turns.append(question)
        if reading.outcome == "decline":
            return Answer(text=f"{DECLINE} {_sentence(reading.why)}. {CAN_ASK_STAFF}", kind="decline", declined=True)
        if reading.outcome == "ask_back" and not (confirm and (reading.query is not None or reading.profile_kind)):
            if reading.query is not None or reading.profile_kind:
                chat.pending = chat.last = reading  # a follow-up edits the best reading, as the reply shows it
            return self._ask_back(reading)
        chat.last = reading
        if reading.profile_kind is not None:
            phraser = self.chat_model if self.phrases_answers else None
            route = Route(reading.profile_kind, reading.confidence, "reader")
            answer = plan_answer(user_id, route, self.tools, self.sheet, phraser)
            answer.confidence = reading.confidence
            return answer
        assert reading.query is not None
        answer = self.run_query(user_id, reading.query, kind=f"query:{reading.ask}", notes=reading.notes)
        if _plain_spend(reading.query) and not _GROSS_OR_NET.search(question):
            answer = self._with_net(user_id, reading.query, answer)
        answer.confidence = reading.confidence
        return answer

    def _with_net(self, user_id: str, query: CustomerQuery, answer: Answer) -> Answer:
        """"Spend" alone can mean before or after returns: with returns in scope, both are stated, each labelled."""
        clock = self.home.data_clock()
        returns = query.model_copy(update={"measure": "count", "scope": query.scope.model_copy(update={"types": ["return"]})})
        if not run_customer_query(returns, self.data.events(user_id), self.data.products, clock).value:
            return answer
        net = self.run_query(user_id, query.model_copy(update={"measure": "net", "scope": query.scope.model_copy(update={"types": []})}))
        said = net.text.split(": ", 1)[1]  # without the customer id it starts with
        answer.text = f"{answer.text} After returns: {said[0].lower()}{said[1:]}"
        answer.citations += net.citations
        return answer

    def run_query(self, user_id: str, query: CustomerQuery, kind: str = "query", notes: list[str] | None = None) -> Answer:
        """A customer query computed exactly over the event log; the answer restates the reading and cites its events."""
        self._check_role()
        clock = self.home.data_clock()
        titles = {item: p.title for item, p in self.data.products.items()}
        result = run_customer_query(query, self.data.events(user_id), self.data.products, clock)
        text = f"{user_id}: {answer_text(query, result, clock, titles)}"
        if notes:
            text += " (" + "; ".join(notes) + ")"
        citation = Citation("customer_query", result.text, result.evidence[-5:])
        return Answer(text=text, citations=[citation], tools=["customer_query"], kind=kind)

    def _ask_back(self, reading: StaffReading) -> Answer:
        titles = {item: p.title for item, p in self.data.products.items()}
        if reading.query is None and reading.profile_kind is None:
            return Answer(text=f"I'm not sure what you are asking: {reading.why}. {CAN_ASK_STAFF}", kind="ask_back",
                          confidence=0.0)
        best = self.reader.describe(reading, titles)
        notes = f" ({'; '.join(reading.notes)})" if reading.notes else ""
        return Answer(text=f"Do you mean {best}?{notes} {_sentence(reading.why)}. Reply yes to run it, or rephrase.",
                      kind="ask_back", confidence=0.0 if reading.unmapped else reading.confidence)

    def summarize(self, user_id: str) -> Summary:
        self._check_role()
        return write_summary(self.sheet(user_id), self.chat_model)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plain_spend(query: CustomerQuery) -> bool:
    return query.measure == "amount" and list(query.scope.types) == ["purchase"] and query.scope.order is None

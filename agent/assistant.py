"""Answers staff questions about one customer and writes summaries, grounded in exact facts.

Two drivers over the same tools (``settings.agent_mode``): the planner (routes, runs a tool, composes,
the model may only rephrase) and a LangGraph tool-calling agent for capable served models. ``auto``
picks the agent only for a served model whose name matches ``settings.tool_calling_models``.
Either way the checker keeps only claims the fact sheet supports, and answers carry citations.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.tools import BaseTool

from agent.answer import Answer
from agent.llm.backends import build_chat_model
from agent.planner import declined, plan_answer
from agent.routing import Route, Router, route_with_model
from agent.sheet import FactSheet, build_sheet
from agent.summaries import Summary, write_summary
from agent.tools import ONE_CUSTOMER_TOOLS, CustomerData, make_tools
from retrieval.home import Home, UnknownCustomerError

__all__ = ["Answer", "ProfileAssistant"]


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
        self.router = Router(home.embedder, self.settings.planner_min_similarity)

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

    def route(self, question: str) -> Route:
        if self.settings.planner_routing == "model" and self.settings.resolved_llm_backend == "openai":
            routed = route_with_model(self.chat_model, question)
            if routed is not None and (routed.kind != "decline" or self.router.route(question).kind == "decline"):
                return routed
        return self.router.route(question)

    def _check_role(self) -> None:
        if ONE_CUSTOMER_TOOLS - set(self.tools):
            raise PermissionError(f"The {self.role} role cannot read one customer's data; ask for an audience instead.")

    def ask(self, user_id: str, question: str) -> Answer:
        self._check_role()
        self.data.events(user_id)  # an unknown customer is a clear error before any model runs
        if self.mode == "tools":
            from agent.tool_agent import agent_answer

            answer = agent_answer(self._graph, user_id, question, self.sheet)
            if answer is not None:
                return answer
        route = self.route(question)
        if route.kind == "decline":
            return declined()
        phraser = self.chat_model if self.phrases_answers else None
        return plan_answer(user_id, route, self.tools, self.sheet, phraser)

    def summarize(self, user_id: str) -> Summary:
        self._check_role()
        return write_summary(self.sheet(user_id), self.chat_model)

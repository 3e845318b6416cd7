"""The tool-calling driver, for capable served models: a LangGraph agent (langchain's ``create_agent``)
over the same tools. The final text goes through the same checker as the planner's.

The server must parse tool calls: ``vllm serve MODEL --enable-auto-tool-choice --tool-call-parser P``
with P = ``hermes`` (Qwen2.5/Qwen3, Hermes), ``llama3_json`` (Llama 3.1/3.2/3.3), ``mistral``
(Mistral/Mixtral), ``granite`` (Granite 3), ``pythonic`` (Llama 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.tools import BaseTool

from agent.answer import Answer
from agent.grounding import check
from agent.prompts import AGENT_SYSTEM
from agent.sheet import FactSheet


def build_agent(model: BaseChatModel, tools: list[BaseTool]) -> Any:
    from langchain.agents import create_agent

    return create_agent(model, tools, system_prompt=AGENT_SYSTEM)


def agent_answer(graph: Any, user_id: str, question: str, sheet_of: Callable[[str], FactSheet]) -> Answer | None:
    """The agent's checked answer; None when nothing in its final text is supported (the caller
    then answers with the planner)."""
    state = graph.invoke({"messages": [HumanMessage(f"Customer {user_id}: {' '.join(question.split())}")]}, {"recursion_limit": 8})
    messages = state["messages"]
    used = [call["name"] for m in messages if isinstance(m, AIMessage) for call in m.tool_calls]
    final = next((m for m in reversed(messages) if isinstance(m, AIMessage) and not m.tool_calls), None)
    if final is None or not str(final.content).strip():
        return None
    checked = check(str(final.content), sheet_of(user_id))
    if not checked.kept:
        return None
    return Answer(text=checked.text, citations=checked.citations, tools=list(dict.fromkeys(used)), kind="agent", removed=checked.removed)

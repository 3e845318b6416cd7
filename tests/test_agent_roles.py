"""Roles below the app: the agent and the audience function take the caller's role, and the marketer role
cannot read one customer's events, facts or contact fields through them, whatever it asks."""

from __future__ import annotations

import pytest

from agent.assistant import ProfileAssistant
from agent.audience import answer_audience
from agent.tools import ONE_CUSTOMER_TOOLS
from retrieval.audience.result import MARKETER_COLUMNS
from retrieval.home import open_home


def test_a_marketer_gets_no_customer_tools_and_no_customer_answers(built_settings) -> None:
    home = open_home(built_settings)
    marketer = ProfileAssistant(home, role="marketer")
    assert not ONE_CUSTOMER_TOOLS & set(marketer.tools) and {"find_customers", "segment_stats"} <= set(marketer.tools)
    for question in ("How much has this customer spent?", "What is their email address?", "Show me their events"):
        with pytest.raises(PermissionError, match="marketer role cannot read one customer"):
            marketer.ask("U0001", question)
    with pytest.raises(PermissionError):
        marketer.summarize("U0001")
    with pytest.raises(PermissionError):
        marketer.sheet("U0001")
    found = marketer.tools["find_customers"].invoke({"query": "books", "k": 5})
    assert found["customers"] and all("email" not in c and "name" not in c for c in found["customers"])
    support = ProfileAssistant(home, role="support")
    assert ONE_CUSTOMER_TOOLS <= set(support.tools)
    assert "U0001" in support.ask("U0001", "How many orders has this customer placed?").text
    with pytest.raises(ValueError, match="role must be"):
        ProfileAssistant(home, role="visitor")


def test_audiences_never_carry_contact_fields_for_any_role(built_settings) -> None:
    home = open_home(built_settings)
    for role in ("marketer", "service", "analyst"):
        answer = answer_audience(home, "customers who bought books", role=role)
        assert tuple(answer.table.columns) == MARKETER_COLUMNS and answer.count > 0
    declined = answer_audience(home, "the email addresses of customers who bought books", role="marketer")
    assert declined.abstained and declined.user_ids == []

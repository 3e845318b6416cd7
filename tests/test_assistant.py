from __future__ import annotations

from datetime import datetime, timezone

import pytest

from agent.assistant import ProfileAssistant
from agent.grounding import check
from encoders.profile.model import Fact, Profile
from retrieval.home import UnknownCustomerError, open_home

PROFILE = Profile(
    user_id="U7",
    as_of=datetime(2026, 10, 30, tzinfo=timezone.utc),
    n_events=12,
    facts={
        "frequency": Fact(value=4, evidence=["E1", "E2", "E3", "E4"]),
        "monetary": Fact(value=312.5, evidence=["E1", "E2", "E3", "E4"]),
        "top_categories": Fact(value=[{"category": "garden decor", "share": 0.7}], evidence=["E1", "E9"]),
        "last_seen": Fact(value="2026-10-30", evidence=["E12"]),
    },
)


def test_checker_cites_facts_and_flags_invented_numbers() -> None:
    grounded = check("They placed 4 orders and spent 312.50, mostly on garden decor.", PROFILE)
    assert {c.fact for c in grounded.citations} >= {"frequency", "monetary", "top_categories"}
    assert grounded.unsupported == [] and grounded.grounded
    assert next(c for c in grounded.citations if c.fact == "frequency").evidence == ["E1", "E2", "E3", "E4"]

    invented = check("They spent 999 dollars on 17 orders.", PROFILE)
    assert set(invented.unsupported) == {"999", "17"}
    assert not invented.grounded


def test_unknown_customer_is_a_clear_error(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    with pytest.raises(UnknownCustomerError, match="nobody"):
        assistant.ask("nobody", "What do they buy?")


def test_relevant_facts_follow_the_question(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    user_id = assistant.home.user_ids()[0]
    profile = assistant.home.profile(user_id)
    assert assistant.relevant_facts(profile, "How much money has this customer spent?")[0] == "monetary"
    assert "top_categories" in assistant.relevant_facts(profile, "Which product categories do they like?")[:2]


def test_segment_and_spend_band_reach_the_assistant(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    profile = assistant.home.profile(assistant.home.user_ids()[0])
    assert {"segment", "spend_band"} <= set(profile.facts)
    assert "segment" in assistant.relevant_facts(profile, "Which customer segment is this customer in?")[:2]
    assert "spend_band" in assistant.relevant_facts(profile, "Is this a low, medium or high spender?")[:2]
    lines = profile.fact_lines()
    assert any(line.startswith("segment: ") for line in lines) and any(line.startswith("spend band: ") for line in lines)


@pytest.mark.slow
def test_local_model_answers_with_citations(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    user_id = assistant.home.user_ids()[0]
    answer = assistant.ask(user_id, "How much has this customer spent in total?")
    assert answer.text.strip()
    assert answer.citations, answer
    assert all(c.fact in assistant.home.profile(user_id).facts for c in answer.citations)
    assert check(answer.text, assistant.home.profile(user_id), "").unsupported == []
    summary = assistant.summarize(user_id)
    assert summary.text.strip() and summary.citations

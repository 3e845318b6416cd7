from __future__ import annotations

import pytest

from agent.assistant import ProfileAssistant
from agent.grounding import check
from retrieval.home import UnknownCustomerError, open_home


def test_unknown_customer_is_a_clear_error(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    with pytest.raises(UnknownCustomerError, match="nobody"):
        assistant.ask("nobody", "What do they buy?")


def test_profile_facts_reach_the_assistant(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    user_id = assistant.home.user_ids()[0]
    segment = assistant.ask(user_id, "Which customer segment is this customer in?")
    assert {c.fact for c in segment.citations} >= {"segment"} and "segment" in segment.text
    likes = assistant.ask(user_id, "Which categories does this customer like?")
    assert likes.citations[0].fact == "top_categories"
    stage = assistant.ask(user_id, "Is this customer active or lapsed?")
    assert assistant.home.profile(user_id).fact_value("lifecycle_stage") in stage.text


def test_planner_is_the_default_driver(built_settings) -> None:
    assistant = ProfileAssistant(open_home(built_settings))
    assert assistant.mode == "planner" and not assistant.phrases_answers
    served = built_settings.model_copy(update={"llm_backend": "openai", "openai_base_url": "http://127.0.0.1:9/v1", "openai_model": "Qwen2.5-7B-Instruct"})
    assert ProfileAssistant(open_home(served)).mode == "tools"
    forced = built_settings.model_copy(update={"agent_mode": "planner", "llm_backend": "openai", "openai_base_url": "http://127.0.0.1:9/v1", "openai_model": "Qwen2.5-7B-Instruct"})
    assert ProfileAssistant(open_home(forced)).mode == "planner"


@pytest.mark.slow
def test_local_model_summary_and_reworded_answer_are_checked(built_settings) -> None:
    settings = built_settings.model_copy(update={"answer_phrasing": "model"})
    assistant = ProfileAssistant(open_home(settings))
    user_id = assistant.home.user_ids()[0]
    spent = assistant.ask(user_id, "What is this customer's net spend?")
    net = assistant.sheet(user_id).entries["monetary"].text
    assert net in spent.text and spent.citations[0].fact == "customer_query"  # exact, never reworded
    answer = assistant.ask(user_id, "Which categories does this customer like?")  # a profile answer: reworded, checked
    assert answer.citations and check(answer.text, assistant.sheet(user_id)).removed == []
    summary = assistant.summarize(user_id)
    assert summary.text.strip() and summary.citations and summary.checked_faithfulness == 1.0
    assert summary.model.endswith(".gguf")

"""The readers on the project's question sets, held-out template families apart: staff questions
(eval/data/staff_questions.jsonl) and marketers' audiences (eval/data/marketer_questions.jsonl,
eval/data/audience_questions.jsonl), on the shop their pandas golds were computed from (`portrait
generate-demo` defaults), built into a real home. The issues' targets are the assertions: a reader that
starts answering other questions confidently fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from encoders.settings import Settings

DATA = Path(__file__).resolve().parents[1] / "eval" / "data"


@pytest.fixture(scope="module")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from encoders.data.synthetic import generate_shop
    from eval.audiences import build_home

    shop = tmp_path_factory.mktemp("demo-shop")
    generate_shop(shop)  # the defaults the question sets were generated on
    settings = Settings(home=tmp_path_factory.mktemp("demo-home"), show_progress=False, llm_backend="local")
    build_home(settings, shop, None, profiles=True)
    return settings


@pytest.mark.parametrize("name", ["marketer_questions.jsonl", "audience_questions.jsonl"])
def test_audience_questions_by_split(demo_settings, name) -> None:
    from eval.audiences import answer_all, read_questions, score

    questions = read_questions(DATA / name)
    scores = score(questions, answer_all(demo_settings, questions))
    assert scores["errors"] == 0
    for split, row in scores["by_split"].items():
        assert row["exact_set_accuracy"] >= 0.9, (split, row)
        assert row["answered_wrongly"] <= 0.02, (split, row)
    refusals = [q["id"] for q in questions if q.get("expected_user_ids") is None]
    not_declined = [w["id"] for w in scores["wrong"] if w["id"] in refusals]
    assert refusals and not not_declined


@pytest.mark.parametrize("name", ["marketer_questions_blind.jsonl", "marketer_questions_blind2.jsonl",
                                  "marketer_questions_blind3.jsonl", "marketer_questions_blind4.jsonl"])
def test_independent_writers_development_families(demo_settings, name) -> None:
    """The blind sets were written by people who never saw the reader. What is development data is held to the
    issue's targets here (all of the first set, the five studied families of the second, third and fourth); their held-out
    families are measured by `portrait eval audiences`, never asserted on or read while building."""
    from eval.audiences import answer_all, read_questions, score

    questions = [q for q in read_questions(DATA / name) if q["split"] == "dev" or name == "marketer_questions_blind.jsonl"]
    row = score(questions, answer_all(demo_settings, questions))["by_split"]["all"]
    assert row["exact_set_accuracy"] >= 0.9 and row["answered_wrongly"] <= 0.02, row


def test_staff_questions_by_split(demo_settings) -> None:
    from agent.assistant import ProfileAssistant
    from eval.answers import answer_all, load_questions, outcomes
    from retrieval.home import open_home

    questions = load_questions(DATA / "staff_questions.jsonl")
    with open_home(demo_settings) as home:
        table = outcomes(questions, answer_all(ProfileAssistant(home), questions, lambda: None))
    assert table["heldout"]["right"] >= 0.95 and table["heldout"]["confidently_wrong"] <= 0.01, table["heldout"]
    assert table["dev"]["right"] >= 0.95 and table["dev"]["confidently_wrong"] <= 0.01, table["dev"]
    assert table["all"]["declined_wrongly"] == 0.0

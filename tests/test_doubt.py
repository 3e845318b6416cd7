"""The reading's doubt model: refitted from its frozen rows it is the shipped one, and a complete reading it doubts is
asked back with the best reading, which a yes runs (real reader, real home)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from agent.audience import answer_audience, answer_query
from agent.reader.doubt import ARTEFACT, FEATURES, doubt_model
from retrieval.home import open_home

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from fit_doubt import fit, left_out  # noqa: E402

ROWS = ROOT / "eval" / "data" / "doubt_rows.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in ROWS.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def home(built_settings):
    with open_home(built_settings) as opened:
        yield opened


def test_the_shipped_model_is_what_its_frozen_rows_fit(rows) -> None:
    shipped = json.loads(ARTEFACT.read_text(encoding="utf-8"))
    refit = fit(rows)
    assert list(refit.names) == list(FEATURES) == shipped["model"]["names"]
    assert refit.coef == pytest.approx(shipped["model"]["coef"], abs=1e-5)
    assert refit.intercept == pytest.approx(shipped["model"]["intercept"], abs=1e-5)
    assert {name: figures["answered"] for name, figures in shipped["left_out"].items()} == \
        {name: sum(row["set"] == name for row in rows) for name in {row["set"] for row in rows}}


def test_each_set_left_out_is_judged_by_a_model_fitted_without_it(rows) -> None:
    report = left_out(rows, ask_at=0.25)
    for name, figures in report.items():
        assert figures["asked_back"] == figures["wrong_asked_back"] + figures["right_asked_back"]
        assert figures["wrong"] == figures["wrong_asked_back"] + figures["wrong_left"]
    first_readings = [name for name in report if any(row["set"] == name and row.get("reader") for row in rows)]
    assert first_readings, "the first readings of never-studied sets are part of the fit"


def _categories(home) -> list[str]:  # noqa: ANN001
    return sorted({p.category for p in home.log.products().values()})


def test_a_doubted_reading_is_asked_back_and_a_yes_runs_it(home) -> None:
    first, second = _categories(home)[:2]
    question = (f"Customers in France who bought {first} in the last 30 days, have at least 2 returns, reviewed {second}, "
                f"and whose latest rating is at most 2, excluding anyone who contacted support")
    answer = answer_audience(home, question)
    assert doubt_model() is not None and answer.doubt is not None
    assert answer.doubt >= home.settings.audience_doubt_ask_at
    assert answer.ask_back and "Readings shaped like this one were wrong" in answer.ask_back and answer.ask_back.startswith("I read: ")
    assert not answer.user_ids
    confirmed = answer_audience(home, question, confirm=True)
    assert confirmed.ask_back is None and confirmed.query == answer.query
    assert set(confirmed.user_ids) == set(answer_query(home, answer.query.model_dump(mode="json")).user_ids)


def test_a_plain_reading_is_answered_and_the_doubt_can_be_switched_off(home) -> None:
    first = _categories(home)[0]
    plain = answer_audience(home, f"customers who bought {first}")
    assert plain.doubt is not None and plain.doubt < home.settings.audience_doubt_ask_at and plain.ask_back is None
    saved = home.settings.audience_doubt_ask_at
    home.settings.audience_doubt_ask_at = 1.01
    try:
        question = (f"Customers in France who bought {first} in the last 30 days, have at least 2 returns, and whose latest "
                    f"rating is at most 2, excluding anyone who contacted support")
        answered = answer_audience(home, question)
        assert answered.ask_back is None and answered.doubt is not None, answered.text()
    finally:
        home.settings.audience_doubt_ask_at = saved

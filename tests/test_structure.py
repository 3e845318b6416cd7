"""The structure model: the shape of a question's audience predicted from the question, compared with the reading's
shape, and stacked onto the doubt (real embedder, shipped model, real home; fitting on real question sets)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from agent.audience import answer_audience, clause_reader
from agent.reader.structure import (GAPS, LABELS, delexicalise, gaps, gold_shape, reading_shape, structure_model,
                                    worst_gap)
from retrieval.audience.query import AllOf, AnyOf, Country, Did, Measure, Not, Target
from retrieval.audience.tables import tables_for
from retrieval.audience.vocabulary import Vocabulary
from retrieval.home import open_home

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))

from fit_structure import check_left_out, fit_check, fit_heads  # noqa: E402


@pytest.fixture(scope="module")
def home(built_settings):
    with open_home(built_settings) as opened:
        yield opened


@pytest.fixture(scope="module")
def reader(home):  # noqa: ANN001, ANN201
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    return clause_reader(home, Vocabulary.of(tables))


def _category(home) -> str:  # noqa: ANN001
    return sorted({p.category for p in home.log.products().values()})[0]


def _predict(reader, question: str) -> dict[str, float]:  # noqa: ANN001
    text = delexicalise(question, reader.names)
    return structure_model().predict([text], reader.embed([text]))[0]


def test_a_question_sets_tree_and_the_same_reading_have_one_shape() -> None:
    gold = {"op": "and", "args": [{"kind": "bought_category", "category": "kitchen"},
                                  {"op": "not", "args": [{"kind": "returned"}]},
                                  {"op": "or", "args": [{"kind": "country", "country": "France"}, {"kind": "support_count", "op": "ge", "value": 1}]}]}
    read = AllOf(conditions=[Did(action="bought", target=Target(type="category", value="kitchen")), Not(condition=Did(action="returned")),
                             AnyOf(conditions=[Country(countries=["France"]), Measure(measure="support_messages", op=">=", value=1)])])
    assert gold_shape(gold) == reading_shape(read)
    shape = reading_shape(read)
    assert shape["not"] == shape["or"] == shape["three_plus"] == 1.0
    assert {label for label in LABELS if label.startswith("fam_") and shape[label]} == {"fam_bought", "fam_returns", "fam_country", "fam_support"}
    assert reading_shape(Country(countries=["France", "Spain"]))["or"] == 1.0  # a list of countries is an "or"
    assert reading_shape(None) == {label: 0.0 for label in LABELS}


def test_names_are_replaced_by_their_kind(home, reader) -> None:
    category = _category(home)
    assert delexicalise(f"Customers who bought {category.title()} in France", reader.names) == "customers who bought category in country"


def test_a_reading_that_leaves_out_what_the_question_says_shows_a_gap(home, reader) -> None:
    category = _category(home)
    predicted = _predict(reader, f"customers who bought {category} and have returned at least two items")
    assert predicted["fam_bought"] > 0.8 and predicted["fam_returns"] > 0.8
    bought = Did(action="bought", target=Target(type="category", value=category))
    whole = reading_shape(AllOf(conditions=[bought, Measure(measure="returns", op=">=", value=2)]))
    partial = reading_shape(bought)
    assert gaps(predicted, partial)["max_miss"] > 0.8 > 0.2 > gaps(predicted, whole)["max_miss"]
    assert "returns" in worst_gap(predicted, partial)
    excluded = _predict(reader, f"everyone who bought {category}, but keep out anyone who has ever returned an item")
    assert excluded["not"] > 0.5
    assert gaps(excluded, reading_shape(AllOf(conditions=[bought, Did(action="returned")])))["not_gap"] > 0.5


def test_the_stack_doubts_a_reading_more_the_larger_its_gaps() -> None:
    check = structure_model().check
    none = {name: 0.0 for name in GAPS}
    missed = none | {"miss": 0.9, "max_miss": 0.9, "leaves_gap": 0.9}
    assert check.p_wrong(0.05, missed) > check.p_wrong(0.05, none)
    assert check.p_wrong(0.30, none) > check.p_wrong(0.05, none)  # the doubt model's own figure still counts
    assert check.combined(0.6, none) >= 0.6  # a strong doubt is never overruled by a shape without gaps


def test_an_answer_carries_the_doubt_before_and_after_the_stack(home) -> None:
    answer = answer_audience(home, f"customers who bought {_category(home)}")
    assert answer.ask_back is None and answer.doubt is not None
    assert set(GAPS) <= set(answer.signs) and 0.0 < answer.signs["doubt_alone"] < 1.0
    assert answer.doubt < home.settings.audience_doubt_ask_at


def test_heads_and_stack_fit_on_real_question_sets(home) -> None:
    """A small real fit: two blind sets' questions embedded, heads fitted on one and judged on the other."""
    rows = []
    for name in ("marketer_questions_blind2", "marketer_questions_blind3"):
        lines = (ROOT / "eval" / "data" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()[:80]
        for line in lines:
            question = json.loads(line)
            if isinstance(question.get("conditions"), dict) and question.get("expected_user_ids") is not None:
                rows.append({"set": name, "text": question["question"].lower(), "shape": gold_shape(question["conditions"])})
    vectors = np.asarray(home.embedder.encode([row["text"] for row in rows], show_progress=False), dtype=np.float32)
    train = [i for i, row in enumerate(rows) if row["set"] == "marketer_questions_blind2"]
    test = [i for i, row in enumerate(rows) if row["set"] == "marketer_questions_blind3"]
    words, weights, bias = fit_heads([rows[i] for i in train], vectors[train])
    model = type(structure_model())(words, weights, bias, structure_model().check)
    predicted = model.predict([rows[i]["text"] for i in test], vectors[test])
    two = np.array([rows[i]["shape"]["two_plus"] for i in test]) > 0.5
    assert np.mean((np.array([p["two_plus"] for p in predicted]) > 0.5) == two) > 0.7
    readings = [{"set": "a" if k % 2 else "b", "doubt": 0.05 + 0.01 * (k % 7), "wrong": k % 5 == 0,
                 "gaps": gaps(p, {label: 0.0 for label in LABELS} | {"fam_bought": 1.0})} for k, p in enumerate(predicted)]
    check = fit_check(readings)
    assert check.names == ("doubt_logit",) + GAPS
    report = check_left_out(readings, ask_at=0.25)
    assert set(report) == {"a", "b"} and all(f["complete_readings"] > 0 for f in report.values())

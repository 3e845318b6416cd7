"""Audiences: marketers' questions -> exact customer sets, checked against an independent pandas
reference over the shop's files, on a real built home (real embedder, real Chroma)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from agent.audience import answer_audience, segment_stats
from retrieval.audience.execute import execute
from retrieval.audience.query import AllOf, AudienceQuery, Label, Likely, Not, SupportIntent
from retrieval.audience.result import MARKETER_COLUMNS
from retrieval.audience.tables import tables_for
from retrieval.home import open_home

REPO = Path(__file__).resolve().parents[1]
PORTRAIT = str(Path(sys.executable).parent / "portrait")


def _reference_module():
    spec = importlib.util.spec_from_file_location("make_audience_questions", REPO / "eval" / "data" / "make_audience_questions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def home(built_settings):
    with open_home(built_settings) as opened:
        yield opened


@pytest.fixture(scope="module")
def reference_questions(small_shop):
    module = _reference_module()
    return module.build(module.Reference(*module.read_shop(small_shop.products.parent)))


def test_every_condition_kind_matches_the_pandas_reference(home, reference_questions) -> None:
    """Country, time windows, orders, spend, AOV, bought / browsed / returned / reviewed (with
    windows and negation), ratings, support counts, stage, spend band, top category, combinations."""
    kinds = {line["kind"] for line in reference_questions}
    assert {"country", "bought window", "never bought", "browsed", "returned", "orders", "net spend", "aov", "rating",
            "support", "no purchase in", "first seen", "last seen", "stage", "spend band", "top category", "combo"} <= kinds
    wrong = []
    for line in reference_questions:
        answer = answer_audience(home, line["question"])
        expected = line["expected_user_ids"]
        if expected is None:
            ok = answer.abstained and not answer.user_ids
        else:
            ok = not answer.abstained and sorted(answer.user_ids) == expected
        if not ok:
            wrong.append((line["question"], answer.query_words or answer.declined, None if expected is None else len(expected), answer.count))
    assert len(wrong) <= 0.05 * len(reference_questions), wrong


def test_negation_and_windows_follow_the_documented_clock(home) -> None:
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    events = tables.events
    cutoff = tables.clock - 30 * 86_400
    recent_buyers = set(events.loc[(events["type"] == "purchase") & (events["ts"] >= cutoff), "user_id"].astype(str))
    everyone = set(tables.customers.index)
    answer = answer_audience(home, "customers who haven't ordered in 30 days")
    assert set(answer.user_ids) == everyone - recent_buyers  # includes people who never ordered
    never_ordered = everyone - set(events.loc[events["type"] == "purchase", "user_id"].astype(str))
    assert never_ordered <= set(answer.user_ids)
    past = answer_audience(home, "customers whose last purchase was more than 30 days ago")
    assert set(past.user_ids) == everyone - recent_buyers - never_ordered
    assert "2026" in answer.query_words and "30 days" in answer.query_words


def test_an_action_since_a_day_counts_from_that_day(home) -> None:
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    events = tables.events
    purchases = events[events["type"] == "purchase"]
    category = str(purchases["category"].astype(str).replace("", None).dropna().value_counts().index[0])
    start = pd.Timestamp("2026-09-16", tz="UTC").timestamp()
    bought = purchases[purchases["category"].astype(str) == category]
    since = set(bought.loc[bought["ts"] >= start, "user_id"].astype(str))
    answer = answer_audience(home, f"customers who bought {category} since 16 September 2026")
    assert not answer.abstained and not answer.asked_back, answer.text()
    assert set(answer.user_ids) == since and "since 2026-09-16" in answer.query_words
    after = answer_audience(home, f"customers who bought {category} after 2026-09-15")  # the day after: the same first day
    assert set(after.user_ids) == since
    assert since < set(bought["user_id"].astype(str))  # the day cuts something off


def test_near_miss_names_are_mapped_and_the_mapping_shown(home) -> None:
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    country = tables.customers["country"].value_counts().index[0]
    other_names = {"Germany": "Deutschland", "United Kingdom": "the UK", "United States": "USA", "Netherlands": "Holland",
                   "France": "Frankreich", "Spain": "España"}
    answer = answer_audience(home, f"customers in {other_names[country]}")
    assert not answer.abstained
    assert set(answer.user_ids) == set(tables.customers.index[tables.customers["country"] == country])
    assert any(country in note for note in answer.mappings), answer.mappings
    category = tables.products["category"].iloc[0]
    fuzzy = category.replace("e", "é", 1)[:-1] if len(category) > 5 else category.upper()
    mapped = answer_audience(home, f"customers who bought {fuzzy} items")
    assert not mapped.abstained and category in mapped.query_words, mapped.declined
    assert mapped.mappings


@pytest.mark.parametrize("question, reason", [
    ("customers who own a dog", "not something the shop holds"),
    ("What is the income of customers in Germany?", "not something the shop holds"),
    ("email addresses of customers who bought kitchen", "contact details"),
    ("phone numbers of repeat customers", "contact details"),
])
def test_requests_for_data_the_shop_does_not_hold_are_declined_whole(home, question, reason) -> None:
    answer = answer_audience(home, question)
    assert answer.abstained and answer.user_ids == [] and answer.table.empty
    assert reason in answer.declined


def test_a_question_not_understood_names_the_part_and_runs_nothing(home) -> None:
    answer = answer_audience(home, "customers in Germany who like jazz")
    assert answer.abstained and answer.asked_back and not answer.user_ids
    assert "jazz" in answer.ask_back and "Germany" in answer.ask_back


def test_table_csv_and_chart_hold_ids_and_aggregates_only(home, small_shop, tmp_path) -> None:
    answer = answer_audience(home, "customers who spent more than 10")
    assert answer.count > 0
    assert tuple(answer.table.columns) == MARKETER_COLUMNS
    csv = answer.write_csv(tmp_path / "audience.csv")
    read = pd.read_csv(csv, dtype={"customer_id": str})
    assert list(read["customer_id"]) == answer.user_ids and tuple(read.columns) == MARKETER_COLUMNS
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    expected_spend = tables.customers.loc[answer.user_ids, "net_spend"].round(2).to_numpy()
    assert np.allclose(read["net_spend"].to_numpy(), expected_spend)
    assert (read["net_spend"] > 10).all()
    # The shop's hidden personas carry names and e-mail addresses; none may reach a marketer.
    personas = json.loads(small_shop.personas.read_text())
    contact = {p["email"] for p in personas.values()} | {p["name"] for p in personas.values()}
    shown = csv.read_text() + answer.text() + json.dumps(segment_stats(home, "customers who spent more than 10"))
    assert not [c for c in contact if c in shown]
    assert not {"email", "name", "phone", "address"} & {c.lower() for c in read.columns}
    png = answer.plot(tmp_path / "audience.png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5_000


def test_labels_support_intents_and_likely_to_buy(home) -> None:
    tables = tables_for(home.settings.event_db, home.settings.fact_db)
    segment = tables.customers["segment"].dropna().iloc[0]
    members = execute(AudienceQuery(condition=Label(label="segment", values=[segment])), tables).user_ids
    assert members == sorted(u for u, p in home.facts.get(list(tables.customers.index)).items() if p.fact_value("segment")["name"] == segment)
    # Support intents come from the intent head's intent_mix; here two customers carry one.
    some = list(tables.customers.index[:2])
    with_intents = dataclasses.replace(tables, intents={some[0]: {"get_refund"}, some[1]: {"track_order"}})
    refund = execute(AudienceQuery(condition=SupportIntent(intent="get_refund")), with_intents).user_ids
    assert refund == [some[0]]
    not_refund = execute(AudienceQuery(condition=Not(condition=SupportIntent(intent="get_refund"))), with_intents).user_ids
    assert len(not_refund) == len(tables.customers) - 1
    # "likely to buy": top N by cosine similarity of stored interest vectors, among the others' matches.
    answer = answer_audience(home, "the 5 customers most likely to buy garden decor among repeat customers")
    assert not answer.abstained, answer.declined
    got = home.vectors.profiles.get(include=["embeddings"])
    vectors = np.asarray(got["embeddings"], dtype=np.float64)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = np.asarray(home.embedder.encode_one("garden decor"), dtype=np.float64)
    scores = pd.Series(vectors @ (query / np.linalg.norm(query)), index=got["ids"])
    repeat = tables.customers.index[tables.customers["orders"] >= 2]
    expected = scores.reindex(repeat).sort_values(ascending=False, kind="stable").index[:5]
    assert answer.user_ids == list(expected)
    assert "similarity" in answer.table.columns
    ranked = AudienceQuery(condition=AllOf(conditions=[Likely(text="books", min_similarity=0.2), Label(label="stage", values=["active"])]))
    assert ranked.conditions()[0].kind == "likely"


def test_likely_to_buy_cannot_hide_under_not() -> None:
    with pytest.raises(ValueError, match="likely"):
        AudienceQuery(condition=Not(condition=Likely(text="books", top=3)))


def test_cli_prints_query_count_and_writes_csv_and_chart(built_settings, tmp_path) -> None:
    csv, png = tmp_path / "a.csv", tmp_path / "a.png"
    result = subprocess.run([PORTRAIT, "--home", str(built_settings.home), "audience", "customers who bought something in the last 30 days",
                             "--csv", str(csv), "--plot", str(png)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "customers" in result.stdout and "last purchase" in result.stdout
    assert csv.exists() and png.exists()
    declined = subprocess.run([PORTRAIT, "--home", str(built_settings.home), "audience", "customers who own a dog"],
                              capture_output=True, text=True, timeout=600)
    assert declined.returncode == 2 and "Declined" in declined.stdout


@pytest.mark.slow
def test_eval_command_builds_a_fresh_home_and_scores(small_shop, tmp_path) -> None:
    questions = tmp_path / "q.jsonl"
    lines = [{"id": "a", "question": "customers who own a dog", "expected_user_ids": None},
             {"id": "b", "question": "customers who returned something"},
             {"id": "c", "question": "customers who left a review", "expected_user_ids": []}]
    questions.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "report.json"
    result = subprocess.run([PORTRAIT, "eval", "audiences", "--shop", str(small_shop.products.parent), "--questions", str(questions),
                             "--out", str(out)], capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert small_shop.events.exists() and small_shop.products.exists()  # the shop's files are read, never consumed
    report = json.loads(out.read_text())
    assert {"answers", "exact_set_accuracy", "mean_jaccard", "p50_seconds", "p95_seconds"} <= set(report)
    assert set(report["answers"][0]) == {"id", "query", "count", "user_ids", "abstained", "seconds", "confidence", "doubt", "doubt_alone"}
    assert report["threshold_sweep"] and report["ask_threshold"] == 0.0 and report["doubt_ask_at"] == 0.25
    assert {"asked_back", "answered_wrongly", "asked_back_by_doubt"} <= set(report["by_split"]["all"])
    assert report["answers"][0]["abstained"] is True and report["answers"][1]["count"] > 0
    assert report["exact_set_accuracy"] == 0.5  # the dog is declined; somebody did leave a review

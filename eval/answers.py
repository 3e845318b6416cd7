"""The harness behind `portrait eval answers`: a fresh home from a shop folder, every question
answered and scored, chat latency, the checker's claim rates on summaries, batch throughput."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from agent.assistant import ProfileAssistant
from agent.batch import BatchResult, summarize_all
from encoders.data.sources import SourceFormat
from encoders.settings import Settings
from eval.answers_scoring import is_correct
from retrieval.home import open_home

REQUIRED = ("id", "user_id", "question")


class QuestionFileError(ValueError):
    """A question line is not a JSON object with id, user_id and question."""


def load_questions(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as error:
            raise QuestionFileError(f"{path}, line {number}: not JSON ({error})") from error
        missing = [f for f in REQUIRED if not isinstance(row, dict) or not row.get(f)]
        if missing:
            raise QuestionFileError(f"{path}, line {number}: field {missing[0]!r} is missing or empty")
        rows.append(row)
    return rows


def build_home(shop: Path, settings: Settings) -> None:
    """Ingest DIR/products.jsonl and DIR/events.jsonl into a fresh home and build every profile."""
    for name in ("products.jsonl", "events.jsonl"):
        if not (shop / name).exists():
            raise FileNotFoundError(f"{shop / name} is missing: --shop takes the folder `portrait generate-demo` writes.")
    with open_home(settings) as home:
        home.ingest(shop / "products.jsonl", SourceFormat.products)
        home.ingest(shop / "events.jsonl", SourceFormat.events)
        home.build()


def answer_all(assistant: ProfileAssistant, questions: list[dict[str, Any]], step: Callable[[], None]) -> list[dict[str, Any]]:
    """Every question answered and timed; a failure is recorded as the answer, never skipped."""
    from retrieval.home import UnknownCustomerError

    assistant.ask(questions[0]["user_id"], questions[0]["question"]) if questions else None  # warm-up: loads models
    rows = []
    for question in questions:
        started = time.perf_counter()
        try:
            answer = assistant.ask(question["user_id"], question["question"])
            record = {"id": question["id"], **answer.as_dict()}
        except UnknownCustomerError as error:
            record = {"id": question["id"], "answer": str(error), "citations": [], "tools": []}
        record["seconds"] = round(time.perf_counter() - started, 4)
        rows.append(record)
        step()
    return rows


def score(questions: list[dict[str, Any]], answers: list[dict[str, Any]]) -> tuple[float | None, dict[str, float]]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for question, answer in zip(questions, answers):
        if "expected" in question:
            by_kind[str(question.get("kind", "all"))].append(is_correct(answer["answer"], question["expected"]))
    flat = [ok for oks in by_kind.values() for ok in oks]
    accuracy = sum(flat) / len(flat) if flat else None
    return accuracy, {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())}


def claim_rates(records: list[dict[str, Any]]) -> tuple[float | None, float | None]:
    """(kept claims supported, raw model claims supported) over summary records."""
    claims = sum(r["claims"] for r in records)
    kept = sum(r["kept_claims"] for r in records)
    kept_ok = sum((r["checked_faithfulness"] or 0.0) * r["kept_claims"] for r in records)
    raw = sum(r["supported_claims"] for r in records) / claims if claims else None
    return (round(kept_ok / kept, 4) if kept else None), (round(raw, 4) if raw is not None else None)


def run_batch(settings: Settings, user_ids: list[str], out: Path, step: Callable[[int], None]) -> tuple[BatchResult, list[dict[str, Any]]]:
    out.unlink(missing_ok=True)
    with open_home(settings) as home:
        result = summarize_all(ProfileAssistant(home), user_ids, out, progress=step)
    return result, [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def percentile(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 4) if values else None

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


def _ask(assistant: ProfileAssistant, question: dict[str, Any]) -> dict[str, Any]:
    """One question in its own chat: the ``history`` questions first (oldest first), then the question."""
    from agent.reader.staff import Conversation

    chat = Conversation()
    for earlier in question.get("history") or []:
        if assistant.ask(question["user_id"], earlier, chat).kind == "ask_back":
            assistant.ask(question["user_id"], "yes", chat)  # the person confirms the reading shown, then goes on
    started = time.perf_counter()
    answer = assistant.ask(question["user_id"], question["question"], chat)
    seconds = time.perf_counter() - started
    record = {"id": question["id"], **answer.as_dict(), "outcome": outcome_of(answer.kind, answer.declined),
              "seconds": round(seconds, 4)}
    if record["outcome"] == "asked_back" and "expected" in question:
        confirmed = assistant.ask(question["user_id"], "yes", chat)
        record["best_reading_answer"] = confirmed.text
    return record


def outcome_of(kind: str, declined: bool) -> str:
    """answered | declined | asked_back."""
    if declined:
        return "declined"
    return "asked_back" if kind == "ask_back" else "answered"


def answer_all(assistant: ProfileAssistant, questions: list[dict[str, Any]], step: Callable[[], None]) -> list[dict[str, Any]]:
    """Every question answered and timed; a failure is recorded as the answer, never skipped."""
    from retrieval.home import UnknownCustomerError

    assistant.ask(questions[0]["user_id"], questions[0]["question"]) if questions else None  # warm-up: loads models
    rows = []
    for question in questions:
        try:
            record = _ask(assistant, question)
        except UnknownCustomerError as error:
            record = {"id": question["id"], "answer": str(error), "citations": [], "tools": [], "outcome": "answered",
                      "seconds": 0.0}
        rows.append(record)
        step()
    return rows


def judge(question: dict[str, Any], answer: dict[str, Any]) -> str:
    """right | asked_back | declined_wrongly | confidently_wrong (only for questions with ``expected``).

    A question back is never right, and never confidently wrong; a decline is right only for data the
    shop does not hold (expected null); anything else stated as an answer and not right is confidently wrong."""
    expected = question["expected"]
    if answer.get("outcome") == "asked_back":
        return "asked_back"
    if answer.get("outcome") == "declined":
        return "right" if expected is None else "declined_wrongly"
    if expected is None:
        return "confidently_wrong"
    return "right" if is_correct(answer["answer"], expected) else "confidently_wrong"


def score(questions: list[dict[str, Any]], answers: list[dict[str, Any]]) -> tuple[float | None, dict[str, float]]:
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for question, answer in zip(questions, answers):
        if "expected" in question:
            by_kind[str(question.get("kind", "all"))].append(judge(question, answer) == "right")
    flat = [ok for oks in by_kind.values() for ok in oks]
    accuracy = sum(flat) / len(flat) if flat else None
    return accuracy, {k: round(sum(v) / len(v), 4) for k, v in sorted(by_kind.items())}


def sweep(questions: list[dict[str, Any]], answers: list[dict[str, Any]], split: str = "dev") -> list[dict[str, Any]]:
    """What each ask-back threshold would give on one split: a reading at or above it is answered (right or
    wrong as its run shows; asked-back ones by their best reading), below it asked back. Choose the threshold
    on dev; read held-out at it."""
    rows = []
    for question, answer in zip(questions, answers):
        if "expected" not in question or question.get("split", split) != split or question["expected"] is None:
            continue
        if answer.get("outcome") == "declined" or answer.get("confidence") is None:
            continue
        text = answer.get("best_reading_answer", answer["answer"]) if answer.get("outcome") == "asked_back" else answer["answer"]
        rows.append((answer["confidence"], is_correct(text, question["expected"])))
    table = []
    for threshold in [round(t, 2) for t in np.arange(0.2, 1.0, 0.05)]:
        run = [ok for c, ok in rows if c >= threshold]
        n = len(rows) or 1
        table.append({"threshold": threshold, "right": round(sum(run) / n, 4), "asked_back": round((len(rows) - len(run)) / n, 4),
                      "confidently_wrong": round((len(run) - sum(run)) / n, 4)})
    return table


def outcomes(questions: list[dict[str, Any]], answers: list[dict[str, Any]], by: str = "split") -> dict[str, dict[str, Any]]:
    """Shares of right / asked back / declined wrongly / confidently wrong, overall and per ``by`` (e.g. split)."""
    groups: dict[str, list[str]] = defaultdict(list)
    best: dict[str, list[bool]] = defaultdict(list)
    for question, answer in zip(questions, answers):
        if "expected" not in question:
            continue
        verdict = judge(question, answer)
        for group in dict.fromkeys(("all", str(question.get(by, "all")))):
            groups[group].append(verdict)
            if verdict == "asked_back" and question["expected"] is not None and "best_reading_answer" in answer:
                best[group].append(is_correct(answer["best_reading_answer"], question["expected"]))
    table: dict[str, dict[str, Any]] = {}
    for group, verdicts in sorted(groups.items()):
        n = len(verdicts)
        table[group] = {"questions": n, **{v: round(verdicts.count(v) / n, 4) for v in
                        ("right", "asked_back", "declined_wrongly", "confidently_wrong")},
                        "asked_back_best_reading_right": round(sum(best[group]) / len(best[group]), 4) if best[group] else None}
    return table


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

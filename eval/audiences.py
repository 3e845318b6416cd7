"""The audience benchmark: a fresh home from a shop's files, every question answered or declined,
scored against the expected customers (exact-set accuracy, mean Jaccard) with per-question time.

A question line is {"id", "question", "expected_user_ids"?}. Accuracy counts the lines that have the
``expected_user_ids`` key: a list must be matched exactly; null must be declined (abstained, no ids).
"""

from __future__ import annotations

import json
import time
import traceback
from pathlib import Path
from typing import Any

import numpy as np

from encoders.settings import Settings


def read_questions(path: Path) -> list[dict[str, Any]]:
    lines = []
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from error
        if not isinstance(line, dict) or not isinstance(line.get("question"), str):
            raise ValueError(f"{path}:{number}: field 'question' must be a string")
        line.setdefault("id", f"line{number}")
        lines.append(line)
    return lines


def build_home(settings: Settings, shop: Path | None, online_retail: Path | None, profiles: bool = True) -> dict[str, Any]:
    """Ingest the shop (products.jsonl + events.jsonl, or an Online Retail CSV) and build profiles
    (without them, questions about labels and "likely to buy" are declined)."""
    from encoders.data.sources import SourceFormat
    from retrieval.home import open_home

    started = time.perf_counter()
    if settings.event_db.exists():  # --home of an earlier run of the same data is reused as it is
        with open_home(settings) as home:
            customers = len(home.log.user_ids())
            return {"profiles": customers if settings.fact_db.exists() else 0, "events": home.log.count_events(),
                    "customers": customers, "build_seconds": 0.0}
    with open_home(settings) as home:
        if online_retail is not None:
            home.ingest(online_retail, SourceFormat.online_retail)
        else:
            for name in ("products.jsonl", "events.jsonl"):
                if not (shop / name).exists():
                    raise FileNotFoundError(f"{shop / name} is missing: --shop needs products.jsonl and events.jsonl")
            home.ingest(shop / "products.jsonl", SourceFormat.products)
            for chunk in _chunks(shop / "events.jsonl", settings.home / "ingest-chunks"):
                home.ingest(chunk, SourceFormat.events)
                if chunk.parent == settings.home / "ingest-chunks":  # never the shop's own file
                    chunk.unlink()
        if not profiles:
            return {"profiles": 0, "events": home.log.count_events(), "customers": len(home.log.user_ids()),
                    "build_seconds": round(time.perf_counter() - started, 2)}
        built = home.build()
    return {"profiles": built.profiles, "events": built.events, "customers": built.profiles,
            "build_seconds": round(time.perf_counter() - started, 2)}


CHUNK_LINES = 500_000  # events per ingest call, so a shop of millions of events never sits in memory at once


def _chunks(path: Path, folder: Path):  # noqa: ANN202 - a generator of chunk files
    """The event file itself when it is small, else pieces of CHUNK_LINES lines (written one at a time)."""
    with path.open("rb") as source:
        head = [line for _, line in zip(range(CHUNK_LINES + 1), source)]
        if len(head) <= CHUNK_LINES:
            yield path
            return
        folder.mkdir(parents=True, exist_ok=True)
        part, lines = 0, head
        while lines:
            chunk = folder / f"events-{part:04d}.jsonl"
            chunk.write_bytes(b"".join(lines[:CHUNK_LINES]))
            yield chunk
            part += 1
            lines = lines[CHUNK_LINES:] or [line for _, line in zip(range(CHUNK_LINES), source)]


def answer_all(settings: Settings, questions: list[dict[str, Any]], progress: Any = None) -> list[dict[str, Any]]:
    from agent.audience import answer_audience
    from retrieval.home import open_home

    answers = []
    with open_home(settings) as home:
        for line in questions:
            started = time.perf_counter()
            try:
                answer = answer_audience(home, line["question"])
                row = {"id": line["id"], "query": answer.query.model_dump(mode="json") if answer.query else None,
                       "query_words": answer.query_words, "count": answer.count, "user_ids": answer.user_ids,
                       "abstained": answer.abstained, "declined": answer.declined, "mappings": answer.mappings,
                       "asked_back": answer.ask_back, "reader": answer.reader, "confidence": answer.confidence,
                       "doubt": answer.doubt, "signs": answer.signs,
                       "doubt_asked": answer.ask_back is not None and answer.doubt is not None and answer.doubt >= settings.audience_doubt_ask_at}
                if answer.ask_back and answer.query is not None:  # what a "yes, run it" would have returned
                    row["best_reading_ids"] = answer_audience(home, line["question"], confirm=True).user_ids
            except Exception as error:  # noqa: BLE001 - an exception is scored as a wrong answer and reported
                row = {"id": line["id"], "query": None, "count": 0, "user_ids": [], "abstained": True,
                       "error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc(limit=3)}
            row["seconds"] = round(time.perf_counter() - started, 4)
            answers.append(row)
            if progress is not None:
                progress()
    return answers


def verdict(line: dict[str, Any], answer: dict[str, Any]) -> str:
    """right | asked_back | refused | wrong. A question back is never right (the run after a "yes" is not
    counted as an answer); a refusal is right only where the expected answer is null."""
    expected = line["expected_user_ids"]
    if answer.get("asked_back"):
        return "asked_back"
    if answer["abstained"]:
        return "right" if expected is None else "refused"
    if expected is None:
        return "wrong"
    return "right" if set(answer["user_ids"]) == set(expected) else "wrong"


def shares(questions: list[dict[str, Any]], answers: list[dict[str, Any]], by: str = "split") -> dict[str, dict[str, Any]]:
    """Shares of right / asked back / refused / answered wrongly, overall and per ``by`` (e.g. split)."""
    groups: dict[str, list[str]] = {}
    for line, answer in zip(questions, answers):
        if "expected_user_ids" not in line:
            continue
        for group in dict.fromkeys(("all", str(line.get(by, "all")))):
            groups.setdefault(group, []).append(verdict(line, answer))
    best: dict[str, list[bool]] = {}  # per group, for each question asked back: was the best reading right?
    doubted: dict[str, list[bool]] = {}  # per group, for each question asked back for the doubt model alone: same
    for line, answer in zip(questions, answers):
        if "expected_user_ids" in line and verdict(line, answer) == "asked_back":
            right = line["expected_user_ids"] is not None and set(answer.get("best_reading_ids") or []) == set(line["expected_user_ids"])
            for group in dict.fromkeys(("all", str(line.get(by, "all")))):
                best.setdefault(group, []).append(right and "best_reading_ids" in answer)
                if answer.get("doubt_asked"):
                    doubted.setdefault(group, []).append(right and "best_reading_ids" in answer)
    return {group: {"questions": len(v), "exact_set_accuracy": round(v.count("right") / len(v), 4),
                    "asked_back": round(v.count("asked_back") / len(v), 4), "refused": round(v.count("refused") / len(v), 4),
                    "answered_wrongly": round(v.count("wrong") / len(v), 4),
                    "asked_back_best_reading_right": round(sum(best[group]) / len(best[group]), 4) if best.get(group) else None,
                    "asked_back_by_doubt": round(len(doubted.get(group, [])) / len(v), 4),
                    "asked_back_by_doubt_best_reading_right": round(sum(doubted[group]) / len(doubted[group]), 4) if doubted.get(group) else None}
            for group, v in sorted(groups.items())}


def threshold_sweep(questions: list[dict[str, Any]], answers: list[dict[str, Any]], split: str) -> list[dict[str, Any]]:
    """What each ask-back threshold on the reading's confidence would give on one split: an answered reading
    below it becomes a question back. Choose the threshold on dev splits; read held-out ones at it."""
    rows = [(answer.get("confidence", 1.0), verdict(line, answer)) for line, answer in zip(questions, answers)
            if "expected_user_ids" in line and str(line.get("split", "all")) == split]
    table = []
    for threshold in [round(t, 2) for t in np.arange(0.0, 1.0, 0.05)]:
        moved = [v if v not in ("right", "wrong") or c >= threshold else "asked_back" for c, v in rows]
        n = len(moved) or 1
        table.append({"threshold": threshold, "exact_set": round(moved.count("right") / n, 4),
                      "asked_back": round(moved.count("asked_back") / n, 4), "answered_wrongly": round(moved.count("wrong") / n, 4)})
    return table


def score(questions: list[dict[str, Any]], answers: list[dict[str, Any]]) -> dict[str, Any]:
    correct, jaccards, wrong = [], [], []
    for line, answer in zip(questions, answers):
        if "expected_user_ids" not in line:
            continue
        expected = line["expected_user_ids"]
        if expected is None:
            ok = answer["abstained"] and not answer["user_ids"] and not answer.get("asked_back")
            jaccard = 1.0 if ok else 0.0
        else:
            got, want = set(answer["user_ids"]), set(expected)
            ok = not answer["abstained"] and got == want
            jaccard = 1.0 if not got and not want else len(got & want) / len(got | want) if not answer["abstained"] else 0.0
        correct.append(ok)
        jaccards.append(jaccard)
        if not ok:
            wrong.append({"id": line["id"], "question": line["question"], "expected": None if expected is None else len(expected),
                          "got": answer["count"], "abstained": answer["abstained"], "verdict": verdict(line, answer),
                          "why": answer.get("declined") or answer.get("asked_back") or answer.get("error"),
                          "query": answer.get("query_words"), "split": line.get("split")})
    seconds = np.array([a["seconds"] for a in answers]) if answers else np.zeros(1)
    return {
        "exact_set_accuracy": round(float(np.mean(correct)), 4) if correct else None,
        "mean_jaccard": round(float(np.mean(jaccards)), 4) if jaccards else None,
        "p50_seconds": round(float(np.percentile(seconds, 50)), 4),
        "p95_seconds": round(float(np.percentile(seconds, 95)), 4),
        "scored": len(correct),
        "errors": sum("error" in a for a in answers),
        "by_split": shares(questions, answers),
        "wrong": wrong,
    }

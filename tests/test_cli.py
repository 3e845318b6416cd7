"""The `portrait` command end to end, as a user runs it: real processes, real models, real Chroma."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PORTRAIT = str(Path(sys.executable).parent / "portrait")


def run(home: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PORTRAIT, "--home", str(home), *args], capture_output=True, text=True, timeout=timeout)


def test_help_lists_the_command_surface() -> None:
    result = subprocess.run([PORTRAIT, "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for command in ("generate-demo", "ingest", "build", "ask", "llm", "ui", "demo", "summarize", "profile"):
        assert command in result.stdout


def test_ingest_reports_rejects_and_keeps_valid_rows(tmp_path: Path) -> None:
    events = tmp_path / "events.jsonl"
    rows = [
        {"event_id": "a", "user_id": "U1", "ts": "2026-10-01T10:00:00Z", "type": "view", "item_id": "P1"},
        {"event_id": "b", "user_id": "U1", "ts": "not a date", "type": "view", "item_id": "P1"},
        {"event_id": "c", "user_id": "U2", "ts": "2026-10-02T10:00:00Z", "type": "purchase", "quantity": 1, "price": 3},
        {"event_id": "d", "user_id": "U2", "ts": "2026-10-03T10:00:00Z", "type": "search", "text": "red mug"},
    ]
    events.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    report = tmp_path / "report.json"
    result = run(tmp_path / "home", "ingest", str(events), "--format", "events", "--report", str(report))
    assert result.returncode == 0, result.stderr
    summary = json.loads(report.read_text())
    assert summary["rows"] == 4 and summary["kept"] == 2
    assert sum(summary["rejected"].values()) == 2
    rejects = [json.loads(line) for line in (tmp_path / "report.rejects.jsonl").read_text().splitlines()]
    assert {(r["row"], r["field"]) for r in rejects} >= {(2, "ts")}
    assert any(r["row"] == 3 and "item_id" in (r["field"] + r["detail"]) for r in rejects)


def test_ingest_of_unreadable_source_fails(tmp_path: Path) -> None:
    result = run(tmp_path / "home", "ingest", str(tmp_path / "missing.jsonl"), "--format", "events")
    assert result.returncode != 0
    assert "missing.jsonl" in result.stdout + result.stderr


@pytest.mark.slow
def test_demo_pipeline_end_to_end(tmp_path: Path) -> None:
    home = tmp_path / "home"
    shop = tmp_path / "shop"
    steps = [
        ("generate-demo", "--out", str(shop), "--users", "20", "--products", "50", "--days", "90"),
        ("ingest", str(shop / "products.jsonl"), "--format", "products"),
        ("ingest", str(shop / "events.jsonl"), "--format", "events", "--report", str(tmp_path / "events.json")),
        ("build",),
    ]
    for step in steps:
        result = run(home, *step)
        assert result.returncode == 0, f"{step}: {result.stdout}\n{result.stderr}"
    report = json.loads((tmp_path / "events.json").read_text())
    assert report["kept"] == report["rows"] > 0

    shown = run(home, "profile", "U0001", "--json")
    assert shown.returncode == 0, shown.stderr
    facts = json.loads(shown.stdout)["facts"]
    assert facts["frequency"]["value"] >= 0 and facts["top_categories"]["evidence"]
    card = run(home, "profile", "U0001")
    assert card.returncode == 0 and "Customer U0001" in card.stdout
    assert "net spend" in card.stdout and "returned items (units)" in card.stdout and facts["last_seen"]["evidence"][0] in card.stdout

    answer = run(home, "ask", "U0001", "Which categories does this customer like?", "--llm", "local")
    assert answer.returncode == 0, answer.stderr
    assert "Sources:" in answer.stdout and "top_categories" in answer.stdout

    summaries = run(home, "summarize", "--limit", "2", "--llm", "local")
    assert summaries.returncode == 0, summaries.stderr
    records = [json.loads(l) for l in (home / "reports" / "summaries.jsonl").read_text().splitlines()]
    assert [r["user_id"] for r in records] == ["U0001", "U0002"]
    assert all(r["summary"] and r["citations"] for r in records)

    unknown = run(home, "ask", "NOPE", "anything?", "--llm", "local")
    assert unknown.returncode == 1 and "NOPE" in unknown.stdout

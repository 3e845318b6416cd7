"""The summary batch as a user runs it: `portrait summarize` in a real process, killed with SIGKILL
and rerun (no customer lost or written twice, earlier results untouched); torn last lines repaired."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from agent.batch import finished_customers
from retrieval.home import open_home

PORTRAIT = str(Path(sys.executable).parent / "portrait")
REPO = Path(__file__).resolve().parents[1]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "PORTRAIT_MAX_NEW_TOKENS": "24", **extra}


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _wait_for_lines(path: Path, n: int, process: subprocess.Popen, timeout: float = 400) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_bytes().count(b"\n") >= n:
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.2)
    raise AssertionError(f"no {n} summaries in {timeout}s")


def test_finished_customers_cuts_only_a_torn_tail(tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    complete = b'{"user_id": "U1"}\n{"user_id": "U2"}\n'
    out.write_bytes(complete + b'{"user_id": "U3", "summ')
    assert finished_customers(out) == {"U1", "U2"}
    assert out.read_bytes() == complete
    assert finished_customers(tmp_path / "missing.jsonl") == set()


@pytest.mark.slow
def test_batch_killed_with_sigkill_resumes_without_loss_or_duplicates(built_settings, tmp_path: Path) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_settings.home, home)
    with open_home(built_settings) as opened:
        wanted = opened.log.user_ids()[:5]
    out = tmp_path / "summaries.jsonl"
    command = [PORTRAIT, "--home", str(home), "summarize", "--limit", "5", "--out", str(out), "--llm", "local"]
    process = subprocess.Popen(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_lines(out, 2, process)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    kept = out.read_bytes()
    assert 2 <= kept.count(b"\n") < 5
    with out.open("ab") as sink:  # what a kill in the middle of a write leaves behind
        sink.write(b'{"user_id": "' + wanted[-1].encode() + b'", "summary": "half')

    rerun = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "already there" in rerun.stdout and "customers/min" in rerun.stdout
    records = _lines(out)
    ids = [r["user_id"] for r in records]
    assert sorted(ids) == sorted(wanted) and len(ids) == len(set(ids))
    assert out.read_bytes().startswith(kept)
    assert all(r["summary"] and r["citations"] and r["checked_faithfulness"] == 1.0 for r in records)

    again = subprocess.run(command, env=_env(), capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "0 summaries" in again.stdout
    assert _lines(out) == records

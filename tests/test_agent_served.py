"""The agent against the real vLLM server process on 127.0.0.1: summaries and reworded answers stay
exact (the checker guards), and a server stopped mid-batch gives a clear error naming the URL,
keeps what was written, and the rerun resumes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from agent.assistant import ProfileAssistant
from agent.llm.serving import VLLMServer, free_port
from eval.answers_scoring import is_correct
from retrieval.home import open_home
from tests.test_agent import PHRASINGS, expected_values, load
from tests.test_vllm_server import _vllm_python, served_model_dir  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow
PORTRAIT = str(Path(sys.executable).parent / "portrait")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, served_model_dir) -> Iterator[VLLMServer]:  # noqa: F811
    from encoders.settings import Settings

    python = _vllm_python()
    if not python.exists():
        pytest.fail(f"The vLLM venv is missing ({python}); create it with `make vllm`.")
    settings = Settings(home=tmp_path_factory.mktemp("vllm-agent"), vllm_python=python)
    srv = VLLMServer(settings, port=free_port(), model_dir=served_model_dir).start()
    srv.wait_until_ready()
    try:
        yield srv
    finally:
        srv.stop()


def test_reworded_answers_and_summaries_stay_exact(server, built_settings, small_shop) -> None:
    settings = built_settings.model_copy(update={
        "llm_backend": "openai", "openai_base_url": server.base_url, "answer_phrasing": "model", "llm_timeout_s": 60,
    })
    assistant = ProfileAssistant(open_home(settings))
    assert assistant.mode == "planner"  # a 135M model is not a tool caller
    events, products = load(small_shop.events.parent)
    user_id = sorted(events[events.type == "purchase"].user_id.unique())[0]
    truth = expected_values(events[events.user_id == user_id], products)
    for kind in ("orders", "net_spend", "last_purchase_date", "top_category"):
        answer = assistant.ask(user_id, PHRASINGS[kind][0])
        assert is_correct(answer.text, truth[kind]), (kind, answer)
    summary = assistant.summarize(user_id).record()
    assert summary["model"] == settings.openai_model and summary["checked_faithfulness"] == 1.0
    assert summary["citations"] and "[E" in summary["summary"]


def test_server_stopped_mid_batch_is_a_clear_error_and_resumable(server, built_settings, tmp_path) -> None:
    """Runs last in this module: it stops the module's server (one server start for both tests)."""
    home = tmp_path / "home"
    shutil.copytree(built_settings.home, home)
    with open_home(built_settings) as opened:
        wanted = opened.log.user_ids()[:6]
    srv = server
    out = tmp_path / "summaries.jsonl"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PORTRAIT_OPENAI_BASE_URL": srv.base_url, "PORTRAIT_MAX_NEW_TOKENS": "48"}
    command = [PORTRAIT, "--home", str(home), "summarize", "--limit", "6", "--out", str(out), "--concurrency", "2"]
    process = subprocess.Popen([*command, "--llm", "openai"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 300
        while not (out.exists() and out.read_bytes().count(b"\n") >= 1):
            assert time.monotonic() < deadline and process.poll() is None, process.communicate()
            time.sleep(0.1)
    finally:
        srv.stop()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stdout + stderr
    message = " ".join(stdout.split())
    assert srv.base_url in message and "rerun" in message and "Traceback" not in stdout + stderr, stdout + stderr
    written = out.read_bytes()
    assert 1 <= written.count(b"\n") < 6

    resumed = subprocess.run([*command, "--llm", "local"], env=env, capture_output=True, text=True, timeout=900)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    ids = [json.loads(line)["user_id"] for line in out.read_text().splitlines()]
    assert sorted(ids) == sorted(wanted) and len(set(ids)) == len(ids)
    assert out.read_bytes().startswith(written)

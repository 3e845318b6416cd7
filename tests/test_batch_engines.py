"""The summary batch at the server's speed and past one server: a real vLLM server (one per module), real
Ray in local mode, real homes.

- concurrency is real: the server's own /metrics count of running requests reaches the configured number;
- a replica stopped mid-batch (SIGKILL of the process in front of it) costs nothing: its requests go to the
  other, every customer is written once; with no server left the run fails with the message it always gave;
- Ray local writes the same customers and the same kept claims as the plain batch;
- `portrait summarize --engine ray` killed with SIGKILL and rerun: every customer exactly once;
- `build --engine ray` (embeddings on a Ray actor pool) gives the profiles `build` gives.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from agent.assistant import ProfileAssistant
from agent.batch import BatchServerError, finished_customers, summarize_all, summarize_ray
from agent.batch.metrics import RunningSampler
from agent.llm.openai_chat import SERVE_HINT
from agent.llm.serving import VLLMServer, free_port
from encoders.settings import Settings
from retrieval.home import open_home
from tests.test_vllm_server import _vllm_python, served_model_dir  # noqa: F401  (fixture)

pytestmark = pytest.mark.slow
PORTRAIT = str(Path(sys.executable).parent / "portrait")
REPO = Path(__file__).resolve().parents[1]

# A TCP forwarder: a second "replica" URL in front of the same vLLM server, killed mid-batch like a dying
# server (its connections are cut, then the port refuses). It prints each connection it accepts.
_FORWARDER = textwrap.dedent('''
    import asyncio, sys
    listen, target = int(sys.argv[1]), int(sys.argv[2])
    async def pipe(reader, writer):
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()
    async def handle(reader, writer):
        print("connection", flush=True)
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target)
        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))
    async def main():
        server = await asyncio.start_server(handle, "127.0.0.1", listen)
        print("ready", flush=True)
        async with server:
            await server.serve_forever()
    asyncio.run(main())
''')


@pytest.fixture(scope="module")
def server(tmp_path_factory, served_model_dir) -> Iterator[VLLMServer]:  # noqa: F811
    python = _vllm_python()
    if not python.exists():
        pytest.fail(f"The vLLM venv is missing ({python}); create it with `make vllm`.")
    settings = Settings(home=tmp_path_factory.mktemp("vllm-batch"), vllm_python=python)
    srv = VLLMServer(settings, port=free_port(), model_dir=served_model_dir).start()
    srv.wait_until_ready()
    try:
        yield srv
    finally:
        srv.stop()


@pytest.fixture(scope="module")
def ray_local() -> Iterator[None]:
    import ray

    from retrieval.ray_build import start_ray

    start_ray(num_cpus=2)
    try:
        yield
    finally:
        ray.shutdown()


def _served(settings: Settings, urls: str, **extra: object) -> Settings:
    return settings.model_copy(update={"llm_backend": "openai", "openai_base_url": urls, "temperature": 0.0, **extra})


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def _forwarder(target_port: int) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", _FORWARDER, str(port), str(target_port)], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    return process, f"http://127.0.0.1:{port}/v1"


def test_concurrency_is_real_on_the_server(server, built_settings, tmp_path) -> None:
    """8 requests in flight, as the server itself counts them (vllm:num_requests_running)."""
    settings = _served(built_settings, server.base_url, max_new_tokens=32)
    with open_home(settings) as home:
        user_ids = home.log.user_ids()[:16]
        with RunningSampler([server.base_url], interval=0.1) as sampler:
            result = summarize_all(ProfileAssistant(home), user_ids, tmp_path / "s.jsonl", concurrency=8)
    assert result.written == 16 and result.concurrency == 8 and result.output_tokens > 0
    assert max(sampler.samples) == 8, sampler.samples
    rows = _records(tmp_path / "s.jsonl")
    assert sorted(r["user_id"] for r in rows) == sorted(user_ids)
    assert all(r["checked_faithfulness"] == 1.0 and r["citations"] for r in rows)


def test_a_replica_stopped_mid_batch_hands_its_requests_to_the_other(server, built_settings, tmp_path) -> None:
    replica, replica_url = _forwarder(server.port)
    out = tmp_path / "s.jsonl"
    try:
        settings = _served(built_settings, f"{replica_url},{server.base_url}", max_new_tokens=32)
        with open_home(settings) as home:
            user_ids = home.log.user_ids()[:12]

            def stop_replica_after_three(_n: int, seen=[0]) -> None:  # noqa: B006 - a counter
                seen[0] += 1
                if seen[0] == 3:
                    replica.send_signal(signal.SIGKILL)

            result = summarize_all(ProfileAssistant(home), user_ids, out, progress=stop_replica_after_three, concurrency=4)
    finally:
        replica.kill()
        connections = replica.stdout.read().count("connection") if replica.stdout else 0
    assert replica.wait(10) == -signal.SIGKILL and connections >= 2  # the replica did take requests
    assert result.written == 12 and result.servers == [replica_url, server.base_url]
    ids = [r["user_id"] for r in _records(out)]
    assert sorted(ids) == sorted(user_ids) and len(set(ids)) == len(ids)

    # none answers: the message a single server gives, naming the URL, and what was kept
    dead = f"http://127.0.0.1:{free_port()}/v1"
    settings = _served(built_settings, f"{replica_url},{dead}", llm_max_retries=1)
    with open_home(settings) as home, pytest.raises(BatchServerError) as caught:
        summarize_all(ProfileAssistant(home), home.log.user_ids()[12:14], out, concurrency=2)
    message = str(caught.value)
    assert message.startswith("No LLM server answers at http://127.0.0.1:") and SERVE_HINT in message, message
    assert message.endswith("0 new summaries were saved; rerun the same command to resume.")


def test_ray_local_writes_what_the_plain_batch_writes(server, built_settings, ray_local, tmp_path) -> None:
    """One request at a time on both sides, so the greedy model sees the same batches and must answer alike."""
    settings = _served(built_settings, server.base_url, max_new_tokens=32)
    with open_home(settings) as home:
        user_ids = home.log.user_ids()[:4]
        plain = summarize_all(ProfileAssistant(home), user_ids, tmp_path / "plain.jsonl", concurrency=1)
    ray = summarize_ray(settings, user_ids, tmp_path / "ray.jsonl", concurrency=1)
    assert plain.written == ray.written == 4 and ray.engine == "ray"
    by_user = {r["user_id"]: r for r in _records(tmp_path / "plain.jsonl")}
    for record in _records(tmp_path / "ray.jsonl"):
        assert record == by_user.pop(record["user_id"])  # same text, citations, claims, fallback
    assert not by_user
    again = summarize_ray(settings, user_ids, tmp_path / "ray.jsonl", concurrency=1)
    assert again.written == 0 and again.skipped == 4


def test_ray_batch_killed_with_sigkill_resumes_exactly_once(server, built_settings, tmp_path) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_settings.home, home)
    with open_home(built_settings) as opened:
        wanted = opened.log.user_ids()[:10]  # enough that a kill after the second line never lands after the last one
    customers = tmp_path / "customers.txt"
    customers.write_text("\n".join(wanted) + "\n")
    out = tmp_path / "summaries.jsonl"
    env = {**os.environ, "PYTHONPATH": str(REPO), "PORTRAIT_OPENAI_BASE_URL": server.base_url, "PORTRAIT_MAX_NEW_TOKENS": "32"}
    command = [PORTRAIT, "--home", str(home), "summarize", "--customers", str(customers), "--out", str(out),
               "--engine", "ray", "--ray-cpus", "2", "--concurrency", "2", "--llm", "openai"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not (out.exists() and out.read_bytes().count(b"\n") >= 2):
            assert time.monotonic() < deadline and process.poll() is None, process.communicate()
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the driver and the local Ray it started
        process.wait(timeout=30)
    kept = out.read_bytes()
    assert 2 <= kept.count(b"\n") < len(wanted)

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, start_new_session=True)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "already there" in rerun.stdout and "ray engine" in rerun.stdout
    ids = [r["user_id"] for r in _records(out)]
    assert sorted(ids) == sorted(wanted) and len(ids) == len(set(ids))
    assert out.read_bytes().startswith(kept)
    assert finished_customers(out) == set(wanted)


def test_build_on_ray_gives_the_profiles_of_build(built_settings, small_shop, ray_local, tmp_path) -> None:
    from encoders.data.sources import SourceFormat
    from retrieval.ray_build import build_with_ray

    settings = Settings(home=tmp_path / "home", show_progress=False, llm_backend="local")
    with open_home(settings) as home:
        home.ingest(small_shop.products, SourceFormat.products)
        home.ingest(small_shop.events, SourceFormat.events)
    result, sent = build_with_ray(settings)
    assert sent > 80  # the products, the shoppers' texts and the profile descriptions went through Ray
    with open_home(built_settings) as local, open_home(settings) as ray:
        ids = local.user_ids()
        assert sorted(ray.user_ids()) == sorted(ids) and result.profiles == len(ids)
        for user_id in ids:
            a, b = local.profile(user_id), ray.profile(user_id)
            assert a.facts == b.facts, user_id
            assert a.interest_vector is not None and b.interest_vector is not None
            assert np.allclose(a.interest_vector, b.interest_vector, atol=1e-5), user_id


def test_customer_file_keeps_order_and_names_unknown_ids(tmp_path) -> None:
    from agent.batch import CustomerFileError, check_known, read_customer_file

    path = tmp_path / "customers.txt"
    path.write_text("U2\n\n# a comment\nU1\nU2\n  U3  \n")
    assert read_customer_file(path) == ["U2", "U1", "U3"]
    check_known(["U1", "U2"], ["U1", "U2", "U9"], "--customers x")
    with pytest.raises(CustomerFileError, match=r"2 of 3 customers are not in this home's event log: U7, U8"):
        check_known(["U1", "U7", "U8"], ["U1"], "--customers x")
    path.write_text("\n# nobody\n")
    with pytest.raises(CustomerFileError, match="names no customer"):
        read_customer_file(path)
    with pytest.raises(CustomerFileError, match="no such file"):
        read_customer_file(tmp_path / "missing.txt")

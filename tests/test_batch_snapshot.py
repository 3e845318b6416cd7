"""The Ray batch past one machine: the fact sheets come from a Parquet snapshot the driver exports, never from
the home folder.

- a sheet built from the snapshot equals the sheet the assistant builds from the home, for every customer
  (and for one with events but no profile yet);
- `portrait summarize --engine ray --ray-address ...` against a separate two-node Ray cluster on this machine
  (`ray start` processes: a head without CPUs where the driver attaches, a worker node where every stage runs;
  its own temp dir and ports, token authentication) with the home moved away after the snapshot was written:
  the records equal the plain batch's, and nothing recreates or reads the home.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psutil
import pytest

from agent.assistant import ProfileAssistant
from agent.batch import summarize_all
from agent.batch.snapshot import Snapshot, SnapshotError, products_of, sheet_from, write_snapshot
from agent.llm.serving import free_port
from encoders.data.schema import Event, EventType
from retrieval.home import open_home

PORTRAIT = str(Path(sys.executable).parent / "portrait")
RAY = str(Path(sys.executable).parent / "ray")
REPO = Path(__file__).resolve().parents[1]


def _records(path: Path) -> dict[str, dict]:
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert len(rows) == len({r["user_id"] for r in rows})
    return {r["user_id"]: r for r in rows}


def test_sheets_from_the_snapshot_equal_sheets_from_the_home(built_settings, tmp_path) -> None:
    home_dir = tmp_path / "home"
    shutil.copytree(built_settings.home, home_dir)
    settings = built_settings.model_copy(update={"home": home_dir})
    with open_home(settings) as home:
        # a customer whose events are in but whose profile is not built yet: the exact findings still answer
        first = home.log.events_by_user([home.log.user_ids()[0]])
        event = next(iter(first.values()))[-1]
        home.log.add_events([Event(event_id="snapshot-new-1", user_id="NEWCOMER", ts=event.ts - timedelta(days=1),
                                   type=EventType.view, item_id=event.item_id)])
        ids = home.log.user_ids()
        assert "NEWCOMER" in ids and "NEWCOMER" not in home.user_ids()
        # facts stored but the vectors not (yet) in Chroma: Home.profile does not count it, nor does the snapshot
        half = ids[1]
        home.vectors.profiles.delete(ids=[half])
        assert half in home.facts.get([half]) and half not in home.user_ids()
        manifest = write_snapshot(home, ids, tmp_path / "snap")
        assistant = ProfileAssistant(home)
        expected = {u: assistant.sheet(u) for u in ids}
        vocabulary = assistant.data.vocabulary

    assert manifest["customers"] == len(ids) and manifest["products"] > 0
    snapshot = Snapshot(tmp_path / "snap")
    assert snapshot.customers() == ids and snapshot.vocabulary() == vocabulary
    products = products_of(snapshot.product_bodies())
    rows = snapshot.rows(list(reversed(ids))).to_pylist()
    assert [r["user_id"] for r in rows] == list(reversed(ids))
    for row in rows:
        sheet = sheet_from(row["user_id"], row["events"], row["profile"], products, vocabulary)
        assert sheet == expected[row["user_id"]], row["user_id"]
    assert {r["user_id"] for r in rows if r["profile"] is None} == {"NEWCOMER", half}

    with pytest.raises(SnapshotError, match="does not hold 1 of the customers"):
        snapshot.rows([ids[0], "NOBODY"])
    with pytest.raises(SnapshotError, match="holds no complete batch snapshot"):
        Snapshot(tmp_path)


def test_a_ray_client_address_is_refused_before_anything_runs(tmp_path) -> None:
    """Ray Data does not run through Ray Client (with Ray 2.60 the pipeline fails at its start, 'Worker' object
    has no attribute 'core_worker'): the batch and the build say so in one line instead."""
    from agent.batch import summarize_ray
    from encoders.settings import Settings
    from retrieval.ray_build import RayAddressError

    home = tmp_path / "home"
    with pytest.raises(RayAddressError, match=r"do not run through Ray Client \(ray://\)\. Run the command on a node"):
        summarize_ray(Settings(home=home), ["U1"], tmp_path / "out.jsonl", address="ray://127.0.0.1:10001")
    assert not home.exists() and not (tmp_path / "out.jsonl").exists()
    done = subprocess.run([PORTRAIT, "--home", str(home), "build", "--engine", "ray", "--ray-address", "ray://127.0.0.1:10001"],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(REPO)})
    said = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 1 and "do not run through Ray Client" in said and "Traceback" not in said, said


# --- a separate Ray cluster ---------------------------------------------------------------------------------


def _cluster_processes(temp_dir: str) -> list[psutil.Process]:
    """Processes of the cluster under ``temp_dir`` (every one of its processes names its session folder)."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if any(temp_dir in part for part in process.info["cmdline"] or ()):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def _ray_node(args: list[str], env: dict[str, str], log: Path, cwd: str) -> subprocess.Popen:
    """One `ray start --block` node in its own process group; returns once it says it is up."""
    with log.open("w") as sink:
        node = subprocess.Popen([RAY, "start", "--block", "--disable-usage-stats", "--node-ip-address=127.0.0.1", *args],
                                env=env, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True, cwd=cwd)
    deadline = time.monotonic() + 120
    while "will now block forever" not in log.read_text():
        assert node.poll() is None and time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.5)
    return node


def _stop(node: subprocess.Popen) -> None:
    """SIGTERM to the node's process group (`ray start --block` and the processes it started), then SIGKILL."""
    for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 30)):
        try:
            os.killpg(node.pid, sig)
        except ProcessLookupError:
            return
        try:
            node.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture
def ray_cluster() -> Iterator[tuple[str, dict[str, str], Path]]:
    """A two-node Ray cluster on this machine, each node a `ray start --block` process in its own process group:
    a head with no CPUs (where the driver attaches) and a worker node with 2, so every stage of the pipeline runs
    on the other node and the snapshot's rows cross from one object store to the other. Free ports, its own short
    temp dir (socket paths must stay short), token authentication with a token of its own. Yields the address,
    the environment a driver needs to join it, and the temp dir. Stopped by signalling those process groups only:
    other Ray instances on this machine are left alone."""
    temp_dir = tempfile.mkdtemp(prefix="prt-", dir="/tmp")
    port = free_port()
    env = {**os.environ, "RAY_AUTH_MODE": "token", "RAY_AUTH_TOKEN": uuid.uuid4().hex, "PYTHONPATH": str(REPO),
           "TOKENIZERS_PARALLELISM": "false", "RAY_USAGE_STATS_ENABLED": "0"}
    nodes: list[subprocess.Popen] = []
    try:
        nodes.append(_ray_node(["--head", f"--port={port}", "--num-cpus=0", f"--temp-dir={temp_dir}", "--include-dashboard=false",
                                f"--dashboard-port={free_port()}", f"--ray-client-server-port={free_port()}",
                                f"--dashboard-agent-listen-port={free_port()}"], env, Path(temp_dir + ".head.log"), temp_dir))
        nodes.append(_ray_node([f"--address=127.0.0.1:{port}", "--num-cpus=2", f"--dashboard-agent-listen-port={free_port()}",
                                f"--metrics-export-port={free_port()}"], env, Path(temp_dir + ".worker.log"), temp_dir))
        yield f"127.0.0.1:{port}", env, Path(temp_dir)
    finally:
        for node in reversed(nodes):
            _stop(node)
        time.sleep(1)
        left = _cluster_processes(temp_dir)
        for process in left:  # only ours: they name this cluster's temp dir
            process.kill()
        shutil.rmtree(temp_dir, ignore_errors=True)
        for log in Path(temp_dir).parent.glob(Path(temp_dir).name + ".*.log"):
            log.unlink()
        assert not left, [p.pid for p in left]


@pytest.mark.slow
def test_summarize_on_a_separate_ray_cluster_from_a_snapshot_without_the_home(built_settings, ray_cluster, tmp_path) -> None:
    address, env, cluster_dir = ray_cluster
    settings = built_settings.model_copy(update={"max_new_tokens": 32, "local_threads": 1, "llm_backend": "local"})
    home_dir = tmp_path / "home"
    shutil.copytree(built_settings.home, home_dir)
    settings = settings.model_copy(update={"home": home_dir})
    with open_home(settings) as home:
        wanted = home.log.user_ids()[:3]
        summarize_all(ProfileAssistant(home), wanted, tmp_path / "plain.jsonl")  # the in-process model, one at a time
        write_snapshot(home, wanted, tmp_path / "snapshot")
    moved = tmp_path / "home-moved-away"
    home_dir.rename(moved)  # from here on, neither the driver nor the cluster can read the home

    customers = tmp_path / "customers.txt"
    customers.write_text("\n".join(wanted) + "\n")
    out = tmp_path / "cluster.jsonl"
    driver_env = {**env, "PORTRAIT_MAX_NEW_TOKENS": "32", "PORTRAIT_LOCAL_THREADS": "1"}
    command = [PORTRAIT, "--home", str(home_dir), "summarize", "--customers", str(customers), "--out", str(out),
               "--engine", "ray", "--ray-address", address, "--snapshot", str(tmp_path / "snapshot"), "--llm", "local"]
    run = subprocess.run(command, env=driver_env, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    said = " ".join(run.stdout.split())  # the console wraps long lines
    assert "Using the snapshot in" in said and "3 summaries written" in said and "(local, ray engine)" in said, said
    assert _records(out) == _records(tmp_path / "plain.jsonl")  # same text, citations, claims, fallbacks
    assert not home_dir.exists()  # nothing opened (and so recreated) the home

    # the work ran on that cluster: its workers ran the pipeline's stages (on the worker node: the head has no CPUs)
    logs = "".join(p.read_text(errors="replace") for p in cluster_dir.glob("session_*/logs/worker-*"))
    assert "SheetStage" in logs and "ModelStage" in logs and "CheckStage" in logs
    probe = ("import ray, sys; ray.init(address=sys.argv[1], log_to_driver=False); me = ray.get_runtime_context().get_node_id(); "
             "print(sorted((n['NodeID'] == me, float(n['Resources'].get('CPU', 0))) for n in ray.nodes() if n['Alive']))")
    where = subprocess.run([sys.executable, "-c", probe, address], env=env, capture_output=True, text=True, timeout=120)
    assert where.stdout.strip() == "[(False, 2.0), (True, 0.0)]", where.stdout + where.stderr  # a driver attaches to the head

    # a rerun resumes from the same snapshot, still without the home: nothing left to write
    rerun = subprocess.run(command, env=driver_env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    said = " ".join(rerun.stdout.split())
    assert rerun.returncode == 0 and "0 summaries written" in said and "(3 already there)" in said, rerun.stdout + rerun.stderr
    assert not home_dir.exists()

    # a customer the snapshot does not hold is named before anything runs
    customers.write_text(wanted[0] + "\nNOBODY\n")
    wrong = subprocess.run(command, env=driver_env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
    said = " ".join((wrong.stdout + wrong.stderr).split())
    assert wrong.returncode == 1 and "1 of 2 customers are not in the snapshot in" in said and "NOBODY" in said, said
    assert "Traceback" not in said and not home_dir.exists()

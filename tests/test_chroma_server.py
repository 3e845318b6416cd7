"""Several processes on one home through a real Chroma server (`portrait store serve`): the app,
`portrait ingest --follow` and a reader run side by side, and see the follower's updates, filters included."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from encoders.settings import Settings
from retrieval.chroma_server import wait_until_up
from retrieval.home import open_home
from tests.conftest import free_port
from tests.test_cli import PORTRAIT
from tests.test_ui import _connect


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([PORTRAIT, *args], env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, text=True)


def _stop(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.slow
def test_app_and_follower_share_one_home_through_a_chroma_server(tmp_path: Path, built_settings) -> None:
    home = tmp_path / "home"
    shutil.copytree(built_settings.home, home)  # a home written by the local client, now served
    with open_home(built_settings) as reference:
        profiles = reference.vectors.all_profiles()
    # Someone who is not active now: their next event makes them active in the follower's rebuild.
    quiet = next(p for p in profiles if p.fact_value("lifecycle_stage") != "active" and p.fact_value("country"))
    country = quiet.fact_value("country")
    port, ui_port = free_port(), free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "PORTRAIT_CHROMA_URL": url}
    feed = tmp_path / "feed.jsonl"
    feed.write_text("")
    store = _start(["--home", str(home), "store", "serve", "--port", str(port)], os.environ.copy(), tmp_path / "store.log")
    processes = [store]
    try:
        wait_until_up(url, 60, store)
        app = _start(["--home", str(home), "ui", "--port", str(ui_port)], env, tmp_path / "ui.log")
        follower = _start(["--home", str(home), "ingest", str(feed), "--follow", "--poll", "0.2"], env, tmp_path / "follow.log")
        processes += [app, follower]
        client = _connect(f"http://127.0.0.1:{ui_port}/", app)
        # This test process is a third client of the same server: its filter index must follow too.
        reader = open_home(Settings(home=home, chroma_url=url, show_progress=False))
        where = {"$and": [{"country": country}, {"stage": "active"}]}
        vector = quiet.interest_vector
        assert quiet.user_id not in [h.id for h in reader.vectors.nearest_profiles(vector, k=500, where=where)]

        latencies = []  # the first update also pays for the follower's model load: not timed
        for day in range(1, 10):
            stamp = f"2026-11-1{day}"
            written = time.monotonic()
            with feed.open("a") as sink:
                sink.write(json.dumps({"event_id": f"live-{day}", "user_id": quiet.user_id, "ts": f"{stamp}T10:00:00Z",
                                       "type": "search", "text": "a lantern for the garden"}) + "\n")
            while stamp not in client.predict(quiet.user_id, api_name="/show_profile")[0]:
                assert time.monotonic() - written < 90, (tmp_path / "follow.log").read_text()[-2000:]
                time.sleep(0.2)
            latencies.append(time.monotonic() - written)
        timed = sorted(latencies[1:])
        print(f"update-to-visible seconds over a Chroma server: median {statistics.median(timed):.2f}, "
              f"p95 {timed[round(0.95 * (len(timed) - 1))]:.2f} over {len(timed)} updates (first, with model load: "
              f"{latencies[0]:.2f})")

        # The reader's filter index picked up the follower's write: now active, found by the filtered search.
        assert quiet.user_id in [h.id for h in reader.vectors.nearest_profiles(vector, k=500, where=where)]
        assert "active" in client.predict(quiet.user_id, api_name="/show_profile")[0]
    finally:
        _stop(*reversed(processes))

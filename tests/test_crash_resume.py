"""Killed and rerun: `ingest`, `build` and `ingest --follow` stopped with SIGKILL at random points, then
run again, leave exactly the store a clean run leaves (the session's `built_settings` home)."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from encoders.settings import Settings
from retrieval.home import open_home
from tests.test_cli import PORTRAIT, run

KILL_ROUNDS = 2


def _kill_at_random(args: list[str], rng: random.Random, low: float, high: float) -> float:
    """Start the command, SIGKILL it after a random delay (unless it finished first); the delay."""
    delay = rng.uniform(low, high)
    process = subprocess.Popen([PORTRAIT, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    return delay


def _snapshot(settings: Settings) -> tuple[dict[str, int], dict[str, dict], dict[str, np.ndarray]]:
    with open_home(settings) as home:
        counts = {
            "events": home.log.count_events(),
            "profiles": home.facts.count(),
            "vectors": home.vectors.profiles.count(),
            "texts": home.vectors.profile_texts.count(),
            "products": home.vectors.products.count(),
            "pending": len(home.log.pending_users()),
        }
        profiles = home.vectors.all_profiles()
    facts = {p.user_id: {k: v.model_dump() for k, v in p.facts.items()} for p in profiles}
    vectors = {p.user_id: np.array(p.interest_vector) for p in profiles}
    return counts, facts, vectors


def _assert_same_store(settings: Settings, reference: Settings) -> None:
    counts, facts, vectors = _snapshot(settings)
    expected_counts, expected_facts, expected_vectors = _snapshot(reference)
    assert counts == expected_counts
    assert facts == expected_facts
    for user_id, vector in expected_vectors.items():
        assert np.allclose(vectors[user_id], vector, atol=1e-5), user_id


@pytest.mark.slow
def test_killed_ingest_and_build_resume_to_the_clean_store(tmp_path: Path, small_shop, built_settings) -> None:
    rng = random.Random(20261124)
    home = tmp_path / "home"
    assert run(home, "ingest", str(small_shop.products), "--format", "products").returncode == 0
    delays = [_kill_at_random(["--home", str(home), "ingest", str(small_shop.events)], rng, 2.0, 8.0) for _ in range(KILL_ROUNDS)]
    assert run(home, "ingest", str(small_shop.events)).returncode == 0
    delays += [_kill_at_random(["--home", str(home), "build"], rng, 4.0, 20.0) for _ in range(KILL_ROUNDS)]
    assert run(home, "build").returncode == 0, delays
    _assert_same_store(Settings(home=home, show_progress=False), built_settings)


@pytest.mark.slow
def test_killed_follower_resumes_to_the_clean_store(tmp_path: Path, small_shop, built_settings) -> None:
    rng = random.Random(7)
    home = tmp_path / "home"
    assert run(home, "ingest", str(small_shop.products), "--format", "products").returncode == 0
    # Segments are a population model: the clean store fitted them at build; the follower reuses them.
    (home / "segments.json").write_bytes((built_settings.home / "segments.json").read_bytes())
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(small_shop.events.read_bytes())
    args = ["--home", str(home), "ingest", str(feed), "--follow", "--poll", "0.2"]
    delays = [_kill_at_random(args, rng, 3.0, 15.0) for _ in range(KILL_ROUNDS)]
    started = time.monotonic()
    assert run(home, *args[2:], "--idle-exit", "2").returncode == 0, delays
    assert time.monotonic() - started < 300
    _assert_same_store(Settings(home=home, show_progress=False), built_settings)

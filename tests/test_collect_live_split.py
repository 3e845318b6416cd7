"""The collector's applier as it runs under `portrait collect`: a facts applier on a home opened without Chroma
and a vectors applier that owns it (retrieval/live.py, retrieval/live_process.py), in-process on real
components. However their passes interleave with requests (out-of-order timestamps, anonymous browsing
stitched on sign-in and alias, a vectors applier replaced as after a crash, new summary texts embedded one a
pass), once nothing is pending the stored profiles equal a rebuild; an erased customer leaves no vector behind."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from encoders.embedder import Embedder, EmbeddingCache
from encoders.settings import Settings
from retrieval.erasure import forget
from retrieval.home import open_home
from retrieval.intake import Intake
from retrieval.live import Applier
from tests.test_collect_live import _assert_equal_to_a_rebuild, _pending, _snapshot, _stream
from ui.collect.app import Collector


@pytest.mark.parametrize("seed", [3, 4])
def test_facts_and_vectors_appliers_apart_equal_a_rebuild(tmp_path: Path, shared_cache: Path, seed: int) -> None:
    settings = Settings(home=tmp_path / "live", show_progress=False)
    collector = Collector(settings, {"k": "web"}, Intake(settings))
    rng = random.Random(seed)
    embedder = Embedder(settings, EmbeddingCache(shared_cache))
    with open_home(settings, embedder, chroma=False) as facts_home, open_home(settings, embedder) as home:
        facts = Applier(facts_home, facts_only=True)
        vectors = Applier(home)
        vectors.min_summaries = 1  # so a budget of 0 s leaves customers waiting for their summary's vector
        for number, request in enumerate(_stream(seed)):
            answer = collector.handle(json.dumps({"batch": request, "writeKey": "k"}).encode(), None, None, None)
            assert answer.status_code == 200 and not json.loads(answer.body)["rejected"]
            for _ in range(rng.randint(0, 2)):
                facts.facts_pass(limit=rng.randint(1, 3))
            if rng.random() < 0.6:  # a budget of 0 s embeds one new summary: the rest wait
                vectors.vectors_pass(None, limit=rng.randint(1, 3), summary_budget_s=rng.choice([None, 0.0]))
            if number == 7:  # the vectors process restarts: what it had not written waits in the fact store
                vectors.close()
                vectors = Applier(home)
                vectors.min_summaries = 1
        while facts.facts_pass() is not None:
            pass
        while vectors.vectors_pass(None, summary_budget_s=0.0) is not None:
            pass
        assert _pending(vectors) == 0
        assert "merged_ids" in home.facts.get(["U2"])["U2"].facts  # stitched while the appliers ran
        live = _snapshot(home)

        forget(home, "U1")
        live.pop("U1")
        assert home.vectors.profiles.get(ids=["U1"])["ids"] == [] and home.vectors.profile_texts.get(ids=["U1"])["ids"] == []
        assert "U1" not in {h.id for h in home.vectors.search_profiles("lamp", k=20, by="text")}
        facts.close()
        vectors.close()
    collector.intake.close()

    assert "anon:device-0" not in live and "anon:device-1" not in live
    _assert_equal_to_a_rebuild(live, settings, tmp_path, shared_cache)


def test_a_newer_build_marked_during_a_vectors_pass_is_written_by_the_next(tmp_path: Path, shared_cache: Path) -> None:
    """A vectors pass clears a stale mark only up to the build it wrote: a customer whose mark moved on to a
    newer build after the pass read theirs keeps it, and the next pass writes the newer build's vectors."""
    settings = Settings(home=tmp_path / "live", show_progress=False)
    collector = Collector(settings, {"k": "web"}, Intake(settings))
    with open_home(settings, Embedder(settings, EmbeddingCache(shared_cache))) as home:
        applier = Applier(home)
        for request in _stream(5)[:4]:
            collector.handle(json.dumps({"batch": request, "writeKey": "k"}).encode(), None, None, None)
        applier.facts_pass(limit=None)
        user, version = applier.db.execute("SELECT user_id, version FROM vectors_pending ORDER BY rowid LIMIT 1").fetchone()
        # What a facts process does between this pass's read of the stored build and its clearing of the marks.
        applier.db.execute("UPDATE vectors_pending SET version = ? WHERE user_id = ?", (version + 10_000, user))
        applier.vectors_pass(None)
        assert applier.db.execute("SELECT user_id FROM vectors_pending").fetchall() == [(user,)]
        applier.db.execute("INSERT INTO pending (user_id) VALUES (?)", (user,))
        applier.facts_pass(limit=None)  # the newer build: stored, its mark at its own change number
        newer = home.facts.vectors([user])[user]
        applier.vectors_pass(None)
        assert _pending(applier) == 0
        stored = home.vectors.profiles.get(ids=[user], include=["embeddings"])["embeddings"][0]
        assert np.allclose(stored, newer.interest, atol=1e-6)
        applier.close()
    collector.intake.close()


def test_facts_passes_hold_back_only_while_the_vectors_lag(tmp_path: Path) -> None:
    """A facts pass that was not full waits out FACTS_HOLD_S from its start while more than FACTS_HOLD_AFTER
    customers wait for their vectors; a full pass, or no such backlog, goes straight on."""
    import time

    from retrieval.live import Pass
    from retrieval.live_process import FACTS_HOLD_AFTER, FACTS_HOLD_S, _hold

    settings = Settings(home=tmp_path / "hold", show_progress=False)
    Intake(settings).close()  # the event log's and the intake's tables
    with open_home(settings, chroma=False) as home:
        applier = Applier(home, facts_only=True)

        def held(users: int) -> float:
            started = time.time()
            _hold(applier, Pass(started, started, [f"u{i}" for i in range(users)], []), 10, lambda: False)
            return time.time() - started

        assert held(3) < 0.1  # no backlog
        with applier.db:
            applier.db.executemany("INSERT INTO vectors_pending (user_id, version) VALUES (?, 1)",
                                   [(f"v{i}",) for i in range(FACTS_HOLD_AFTER + 1)])
        assert held(10) < 0.1  # a full pass: the facts are behind too
        assert FACTS_HOLD_S - 0.05 <= held(3) < FACTS_HOLD_S + 0.5
        applier.close()

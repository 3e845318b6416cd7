"""The collector's vectors process embeds new summary texts on a thread beside its passes
(retrieval/live_process.py ``_Summaries``): passes that write only customers whose summary text has a vector,
interleaved with requests, facts passes and the thread's texts, still leave profiles equal to a rebuild."""

from __future__ import annotations

import json
import random
from pathlib import Path


from encoders.embedder import Embedder, EmbeddingCache
from encoders.settings import Settings
from retrieval.home import open_home
from retrieval.intake import Intake
from retrieval.live import Applier
from retrieval.live_process import _Summaries
from tests.test_collect_live import _assert_equal_to_a_rebuild, _pending, _snapshot, _stream
from ui.collect.app import Collector


def test_summaries_embedded_on_a_thread_beside_the_passes_equal_a_rebuild(tmp_path: Path, shared_cache: Path) -> None:
    settings = Settings(home=tmp_path / "live", show_progress=False)
    collector = Collector(settings, {"k": "web"}, Intake(settings))
    rng = random.Random(11)
    pass_log = tmp_path / "passes.jsonl"
    embedder = Embedder(settings, EmbeddingCache(shared_cache))
    with open_home(settings, embedder, chroma=False) as facts_home, open_home(settings, embedder) as home:
        facts = Applier(facts_home, facts_only=True)
        vectors = Applier(home)
        summaries = _Summaries(vectors, pass_log)
        for request in _stream(6):
            answer = collector.handle(json.dumps({"batch": request, "writeKey": "k"}).encode(), None, None, None)
            assert answer.status_code == 200 and not json.loads(answer.body)["rejected"]
            for _ in range(rng.randint(0, 2)):
                facts.facts_pass(limit=rng.randint(1, 3))
            if rng.random() < 0.6:  # what the vectors loop does: write the ready, store the thread's texts
                vectors.vectors_pass(None, limit=rng.randint(1, 3), embed=False)
                summaries.step()
                if rng.random() < 0.3:
                    summaries.wait(0.05)
        while facts.facts_pass() is not None:
            pass
        for _ in range(200):  # no fallback embedding in the loop: the thread alone embeds the texts
            if _pending(vectors) == 0:
                break
            vectors.vectors_pass(None, embed=False)
            if not summaries.step():
                summaries.wait(0.2)
        summaries.close()
        assert _pending(vectors) == 0
        live = _snapshot(home)
        facts.close()
        vectors.close()
    collector.intake.close()
    logged = [json.loads(line) for line in pass_log.read_text().splitlines()]
    assert sum(p["timings"]["texts"] for p in logged if p["stage"] == "summaries") > 0

    _assert_equal_to_a_rebuild(live, settings, tmp_path, shared_cache)

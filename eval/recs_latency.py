"""``recommend()`` latency through the home, as the app and the agent call it: a home holding the
data's train + dev events and their profiles, the harness's final hybrid saved as its model; timed
once with the data's profiles alone and again with generated profiles added beside them (the
neighbour search then runs over all of them in Chroma)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
from rich.progress import track

from encoders.data.sources import SourceFormat
from encoders.embedder import Embedder
from encoders.settings import Settings
from eval.profiles_benchmark import _generated_metadata, console, percentile
from retrieval.recommend.base import Recommender


def _time_calls(home: Any, users: list[str], label: str) -> list[float]:
    home.recommend(users[0], 10)  # the first call loads the model and the stores
    timings = []
    for user in track(users, description=label, console=console):
        started = time.perf_counter()
        home.recommend(user, 10)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def _add_generated(vectors: Any, count: int, seed: int) -> None:
    """``count`` profiles with clustered interest vectors and real filter fields, no facts (so
    nobody's suggestions can come from them, only the search over them gets slower)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(24, 384))
    for start in track(range(0, count, 5000), description=f"add {count} generated profiles", console=console):
        n = min(5000, count - start)
        labels = rng.integers(0, len(centres), n)
        block = centres[labels] + rng.normal(scale=0.8, size=(n, 384))
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        vectors.profiles.add(ids=[f"G{start + i:07d}" for i in range(n)], embeddings=block.astype(np.float32),
                             metadatas=[_generated_metadata(rng, int(label)) for label in labels])


def recommend_latency(workdir: Path, sources: list[Path], model: Recommender, embedder: Embedder, generated: int, timed: int, seed: int = 7) -> dict[str, float]:
    from retrieval.home import open_home

    settings = Settings(home=workdir / "home", show_progress=False)
    home = open_home(settings, embedder=embedder)
    for source in sources:
        home.ingest(source, SourceFormat.amazon)
    started = time.perf_counter()
    home.build()
    build_seconds = time.perf_counter() - started
    model.save(home.recommender_path)
    rng = np.random.default_rng(seed)
    users = [str(u) for u in rng.choice(home.user_ids(), size=min(timed, len(home.user_ids())), replace=False)]
    result: dict[str, float] = {"latency_home_build_seconds": round(build_seconds, 1), "latency_users": len(users)}
    alone = _time_calls(home, users, "recommend(), data's profiles")
    result |= {"recommend_p50_ms_data_profiles": percentile(alone, 50), "recommend_p95_ms_data_profiles": percentile(alone, 95)}
    if generated:
        _add_generated(home.vectors, generated, seed)
        crowded = _time_calls(home, users, f"recommend(), +{generated} profiles")
        result |= {"recommend_p50_ms": percentile(crowded, 50), "recommend_p95_ms": percentile(crowded, 95),
                   "latency_stored_profiles": home.vectors.profiles.count()}
    else:
        result |= {"recommend_p50_ms": result["recommend_p50_ms_data_profiles"], "recommend_p95_ms": result["recommend_p95_ms_data_profiles"],
                   "latency_stored_profiles": home.vectors.profiles.count()}
    home.close()
    return result

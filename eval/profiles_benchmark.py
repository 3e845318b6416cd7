"""Profile benchmark: persona recovery on the synthetic shop, build cost on a real data set,
incremental update latency, and Chroma filtered-query latency at scale.

Every phase runs in a fresh temporary home. The real-data phase runs in a child process so its
peak memory is its own.
"""

from __future__ import annotations

import multiprocessing
import resource
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import track

from encoders.embedder import Embedder
from encoders.settings import Settings

console = Console()


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) if values else float("nan")


def _settings(home: Path) -> Settings:
    return Settings(home=home, show_progress=False)


@dataclass(frozen=True)
class PersonaScores:
    users: int
    top_category_accuracy: float
    price_band_accuracy: float
    segment_purity: float
    segments: int
    build_seconds: float


def persona_recovery(workdir: Path, users: int, products: int, seed: int) -> PersonaScores:
    """Generate a shop with hidden personas, build profiles, compare recovered facts to the truth."""
    from encoders.synthetic import generate_shop, load_personas
    from retrieval.pipeline import SourceFormat, build_profiles, ingest
    from retrieval.profile_store import ProfileStore

    shop = generate_shop(workdir / "shop", n_products=products, n_users=users, seed=seed)
    settings = _settings(workdir / "home")
    started = time.perf_counter()
    ingest(settings, shop.products, SourceFormat.products)
    ingest(settings, shop.events, SourceFormat.events)
    build_profiles(settings)
    seconds = time.perf_counter() - started
    personas = load_personas(shop.personas)
    store = ProfileStore(settings)
    profiles = {p.user_id: p for p in store.chroma.all_profiles()}
    top = [bool((c := profiles[u].fact_value("top_categories")) and c[0]["category"] == p.favourite_categories[0]) for u, p in personas.items()]
    band = [profiles[u].fact_value("price_band") == p.price_band for u, p in personas.items()]
    members: dict[int, list[str]] = {}
    for user_id, profile in profiles.items():
        members.setdefault(profile.fact_value("segment", {}).get("id", -1), []).append(personas[user_id].favourite_categories[0])
    purity = sum(max(map(m.count, m)) for m in members.values()) / len(profiles)
    store.close()
    return PersonaScores(len(personas), float(np.mean(top)), float(np.mean(band)), purity, len(members), seconds)


def _real_build(fmt: str, path: str, home: str, queue: multiprocessing.Queue) -> None:
    from retrieval.pipeline import SourceFormat, build_profiles, ingest

    settings = _settings(Path(home))
    started = time.perf_counter()
    result = ingest(settings, Path(path), SourceFormat(fmt))
    ingested = time.perf_counter() - started
    built = build_profiles(settings)
    total = time.perf_counter() - started
    queue.put(
        {
            "rows": result.load.rows,
            "events": result.new_events,
            "customers": built.profiles,
            "ingest_seconds": round(ingested, 2),
            "build_seconds": round(total, 2),
            "events_per_s": round(result.new_events / total, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        }
    )


def real_build(fmt: str, path: Path, home: Path) -> dict[str, Any]:
    """File to stored profiles for every customer, in a child process (its own peak memory)."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    child = context.Process(target=_real_build, args=(fmt, str(path), str(home), queue))
    child.start()
    result = queue.get()
    child.join()
    return result


def update_latency(workdir: Path, updates: int, seed: int) -> dict[str, float]:
    """Build from the older part of a synthetic shop's events, then apply the newest `updates`
    events one at a time; each timing includes the event log write, the rebuild of that profile and
    the Chroma upserts."""
    from encoders.loaders import load_events, load_products
    from encoders.synthetic import generate_shop
    from retrieval.profile_store import ProfileStore

    users = max(300, updates // 40)
    shop = generate_shop(workdir / "shop", n_products=300, n_users=users, seed=seed)
    events = sorted(load_events(shop.events).events, key=lambda e: (e.ts, e.event_id))
    if len(events) <= updates:
        raise ValueError(f"the generated shop has {len(events)} events, fewer than {updates} updates")
    store = ProfileStore(_settings(workdir / "home"))
    store.add_products(load_products(shop.products).products)
    store.log.add_events(events[:-updates])
    store.rebuild()
    timings = []
    for event in track(events[-updates:], description="single-event updates", console=console):
        started = time.perf_counter()
        store.apply([event])
        timings.append((time.perf_counter() - started) * 1000)
    baseline = _bare_upserts(store, 200)
    store.close()
    return {"updates": updates, "update_p50_ms": percentile(timings, 50), "update_p95_ms": percentile(timings, 95),
            "update_max_ms": max(timings), "bare_chroma_upsert_p50_ms": percentile(baseline, 50),
            "bare_chroma_upsert_p95_ms": percentile(baseline, 95)}


def _bare_upserts(store: Any, count: int) -> list[float]:
    """Baseline in the same home: one stored profile re-upserted as is, so the floor that Chroma's
    own write (its fsyncs included) puts under every update is visible next to the update timings."""
    got = store.chroma.profiles.get(limit=1, include=["embeddings", "metadatas", "documents"])
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        store.chroma.profiles.upsert(ids=got["ids"], embeddings=got["embeddings"], metadatas=got["metadatas"], documents=got["documents"])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def query_latency(workdir: Path, profiles: int, queries: int, seed: int) -> dict[str, float]:
    """Fill the profile collection with `profiles` generated profiles (clustered interest vectors,
    realistic metadata), then time filtered and unfiltered top-10 vector queries."""
    from retrieval.store import PortraitStore

    rng = np.random.default_rng(seed)
    settings = _settings(workdir / "home")
    store = PortraitStore(settings, Embedder(settings))
    centres = rng.normal(size=(24, 384))
    countries = ["United Kingdom", "France", "Germany", "Spain", "Netherlands", "Ireland", "Italy", "Portugal"]
    stages = ["new", "active", "at risk", "lapsed"]
    batch = 5000
    for start in track(range(0, profiles, batch), description=f"insert {profiles} profiles", console=console):
        n = min(batch, profiles - start)
        labels = rng.integers(0, len(centres), n)
        vectors = centres[labels] + rng.normal(scale=0.8, size=(n, 384))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        store.profiles.add(
            ids=[f"G{start + i:07d}" for i in range(n)],
            embeddings=vectors.astype(np.float32),
            metadatas=[
                {"country": countries[int(rng.integers(len(countries)))], "stage": stages[int(rng.integers(4))],
                 "segment": int(label), "monetary": float(rng.lognormal(5, 1)), "top_category": f"category {label % 10}",
                 "last_seen_ts": int(1.7e9 + rng.integers(0, 3e7))}
                for label in labels
            ],
        )
    filters: list[dict[str, Any] | None] = [
        {"country": "France"},
        {"$and": [{"stage": "active"}, {"monetary": {"$gt": 200.0}}]},
        {"segment": 3},
    ]
    query_vectors = rng.normal(size=(queries, 384)).astype(np.float32)
    timings: dict[str, list[float]] = {"filtered": [], "unfiltered": []}
    for i in track(range(queries), description="queries", console=console):
        for kind, where in (("filtered", filters[i % len(filters)]), ("unfiltered", None)):
            started = time.perf_counter()
            store.profiles.query(query_embeddings=[query_vectors[i]], n_results=10, where=where)
            timings[kind].append((time.perf_counter() - started) * 1000)
    return {
        "query_profiles": store.profiles.count(),
        "query_p50_ms_100k": percentile(timings["filtered"], 50),
        "query_p95_ms_100k": percentile(timings["filtered"], 95),
        "unfiltered_query_p50_ms": percentile(timings["unfiltered"], 50),
        "unfiltered_query_p95_ms": percentile(timings["unfiltered"], 95),
    }


def run_phase(name: str, fn: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    console.rule(name)
    with tempfile.TemporaryDirectory(prefix=f"portrait-{name}-") as workdir:
        started = time.perf_counter()
        result = fn(Path(workdir))
    console.print({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()},
                  f"({time.perf_counter() - started:.0f}s)")
    return result

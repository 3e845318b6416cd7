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
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.progress import track

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
    from encoders.data.sources import SourceFormat
    from encoders.data.synthetic import generate_shop, load_personas
    from retrieval.home import open_home

    shop = generate_shop(workdir / "shop", n_products=products, n_users=users, seed=seed)
    home = open_home(_settings(workdir / "home"))
    started = time.perf_counter()
    home.ingest(shop.products, SourceFormat.products)
    home.ingest(shop.events, SourceFormat.events)
    home.build()
    seconds = time.perf_counter() - started
    personas = load_personas(shop.personas)
    profiles = {p.user_id: p for p in home.vectors.all_profiles()}
    top = [bool((c := profiles[u].fact_value("top_categories")) and c[0]["category"] == p.favourite_categories[0]) for u, p in personas.items()]
    band = [profiles[u].fact_value("price_band") == p.price_band for u, p in personas.items()]
    members: dict[int, list[str]] = {}
    for user_id, profile in profiles.items():
        members.setdefault(profile.fact_value("segment", {}).get("id", -1), []).append(personas[user_id].favourite_categories[0])
    purity = sum(max(map(m.count, m)) for m in members.values()) / len(profiles)
    home.close()
    return PersonaScores(len(personas), float(np.mean(top)), float(np.mean(band)), purity, len(members), seconds)


def _real_build(fmt: str, path: str, home: str, queue: multiprocessing.Queue) -> None:
    from encoders.data.sources import SourceFormat
    from retrieval.home import open_home

    portrait = open_home(_settings(Path(home)))
    started = time.perf_counter()
    result = portrait.ingest(Path(path), SourceFormat(fmt))
    ingested = time.perf_counter() - started
    built = portrait.build()
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
    from encoders.data.readers import load_events, load_products
    from encoders.data.synthetic import generate_shop
    from retrieval.home import open_home

    users = max(300, updates // 40)
    shop = generate_shop(workdir / "shop", n_products=300, n_users=users, seed=seed)
    events = sorted(load_events(shop.events).events, key=lambda e: (e.ts, e.event_id))
    if len(events) <= updates:
        raise ValueError(f"the generated shop has {len(events)} events, fewer than {updates} updates")
    home = open_home(_settings(workdir / "home"))
    store = home.profiles
    store.add_products(load_products(shop.products).products)
    store.log.add_events(events[:-updates])
    store.rebuild()
    timings = []
    rewrites, embedded = store.vectors.text_rewrites, store.embedder.encoded_texts
    for event in track(events[-updates:], description="single-event updates", console=console):
        started = time.perf_counter()
        store.apply([event])
        timings.append((time.perf_counter() - started) * 1000)
    rewrites, embedded = store.vectors.text_rewrites - rewrites, store.embedder.encoded_texts - embedded
    baseline = _bare_upserts(store, 200)
    home.close()
    return {"updates": updates, "update_p50_ms": percentile(timings, 50), "update_p95_ms": percentile(timings, 95),
            "update_max_ms": max(timings), "update_text_rewrite_share": rewrites / updates,
            "update_embeddings_per_update": embedded / updates,
            "bare_chroma_upsert_p50_ms": percentile(baseline, 50), "bare_chroma_upsert_p95_ms": percentile(baseline, 95)}


def _bare_upserts(store: Any, count: int) -> list[float]:
    """Baseline in the same home: one stored profile re-upserted as is, so the floor that Chroma's
    own write (its fsyncs included) puts under every update is visible next to the update timings."""
    got = store.vectors.profiles.get(limit=1, include=["embeddings"])
    timings = []
    for _ in range(count):
        started = time.perf_counter()
        store.vectors.profiles.upsert(ids=got["ids"], embeddings=got["embeddings"])
        timings.append((time.perf_counter() - started) * 1000)
    return timings


QUERY_FILTERS: list[dict[str, Any]] = [
    {"country": "France"},
    {"$and": [{"stage": "active"}, {"monetary": {"$gt": 200.0}}]},
    {"segment": 3},
    {"top_category": {"$in": ["category 1", "category 2"]}},
    {"$and": [{"last_seen_ts": {"$gte": 1_715_000_000}}, {"spend_band": "high"}]},
    {"stage": {"$ne": "lapsed"}},
]


def _generated_metadata(rng: np.random.Generator, label: int) -> dict[str, Any]:
    """The fields `retrieval.fact_store.profile_metadata` writes, with realistic spreads."""
    countries = ["United Kingdom", "France", "Germany", "Spain", "Netherlands", "Ireland", "Italy", "Portugal"]
    monetary = float(rng.lognormal(5, 1))
    return {
        "last_seen_ts": int(1.7e9 + rng.integers(0, 3e7)),
        "frequency": int(rng.integers(1, 40)),
        "monetary": monetary,
        "top_category": f"category {label % 10}",
        "country": countries[int(rng.integers(len(countries)))],
        "stage": ["new", "active", "at risk", "lapsed"][int(rng.integers(4))],
        "price_band": ["budget", "mid", "premium"][int(rng.integers(3))],
        "spend_band": "high" if monetary > 400 else "medium" if monetary > 100 else "low",
        "segment": int(label),
    }


def _fill_generated(store: Any, profiles: int, rng: np.random.Generator) -> None:
    """`profiles` generated records: clustered interest vectors with the real filter fields."""
    centres = rng.normal(size=(24, 384))
    batch = 5000
    for start in track(range(0, profiles, batch), description=f"insert {profiles} profiles", console=console):
        n = min(batch, profiles - start)
        labels = rng.integers(0, len(centres), n)
        vectors = centres[labels] + rng.normal(scale=0.8, size=(n, 384))
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        ids = [f"G{start + i:07d}" for i in range(n)]
        fields = [_generated_metadata(rng, int(label)) for label in labels]
        # As Chroma metadata for Chroma's own filtered query (the baseline); Portrait filters on the fields kept
        # with the facts.
        store.profiles.add(ids=ids, embeddings=vectors.astype(np.float32), metadatas=fields)
        store.facts.put([_profile_with_fields(user_id, f) for user_id, f in zip(ids, fields)])


def _profile_with_fields(user_id: str, fields: dict[str, Any]) -> Any:
    """A profile whose filter fields (``profile_metadata``) are ``fields``."""
    from encoders.profile.model import Fact, Profile

    facts = {"frequency": fields["frequency"], "monetary": fields["monetary"], "country": fields["country"],
             "lifecycle_stage": fields["stage"], "price_band": fields["price_band"], "spend_band": fields["spend_band"],
             "top_categories": [{"category": fields["top_category"], "share": 1.0}], "segment": {"id": fields["segment"]}}
    return Profile(user_id=user_id, as_of=datetime.fromtimestamp(fields["last_seen_ts"], tz=timezone.utc), n_events=1,
                   facts={name: Fact(value=value) for name, value in facts.items()})


def _timed_queries(store: Any, queries: int, rng: np.random.Generator) -> tuple[dict[str, list[float]], list[float]]:
    """Top-10 queries three ways: filtered through Portrait, the same filter in Chroma alone (the
    baseline), and unfiltered; plus how much Chroma's filtered top-10 overlaps ours (exact)."""
    query_vectors = rng.normal(size=(queries, 384)).astype(np.float32)
    timings: dict[str, list[float]] = {"portrait": [], "chroma": [], "unfiltered": []}
    overlap = []
    for i in track(range(queries), description="queries", console=console):
        where = QUERY_FILTERS[i % len(QUERY_FILTERS)]
        started = time.perf_counter()
        ours = store.nearest_profiles(query_vectors[i], k=10, where=where)
        timings["portrait"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        theirs = store.profiles.query(query_embeddings=[query_vectors[i]], n_results=10, where=where)
        timings["chroma"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        store.nearest_profiles(query_vectors[i], k=10)
        timings["unfiltered"].append((time.perf_counter() - started) * 1000)
        overlap.append(len({h.id for h in ours} & set(theirs["ids"][0])) / max(1, len(ours)))
    return timings, overlap


def _queries_after_writes(store: Any, profiles: int, count: int, rng: np.random.Generator) -> list[float]:
    """A write between queries: one record re-upserted with a new stage, its change stamped in the
    FactStore as `upsert_profiles` does; the next filtered query must fetch it first."""
    timings = []
    for _ in track(range(count), description="write, then query", console=console):
        user_id = f"G{int(rng.integers(profiles)):07d}"
        got = store.profiles.get(ids=[user_id], include=["embeddings"])
        store.profiles.upsert(ids=[user_id], embeddings=got["embeddings"])
        store.facts.put([_profile_with_fields(user_id, {**store.facts.fields([user_id])[user_id], "stage": "active"})])
        started = time.perf_counter()
        hits = store.nearest_profiles(got["embeddings"][0], k=1, where={"stage": "active"})
        timings.append((time.perf_counter() - started) * 1000)
        if not hits or hits[0].id != user_id:
            raise AssertionError(f"the filter index missed the write to {user_id}")
    return timings


def query_latency(workdir: Path, profiles: int, queries: int, seed: int) -> dict[str, float]:
    """Fill the profile collection with `profiles` generated profiles, then time top-10 queries:
    filtered through Portrait's search (the in-memory filter index, then Chroma for the hits'
    records), the same filtered queries in Chroma alone (the baseline), unfiltered queries, and
    filtered queries right after a write."""
    from retrieval.home import open_home

    rng = np.random.default_rng(seed)
    store = open_home(_settings(workdir / "home")).vectors
    _fill_generated(store, profiles, rng)
    started = time.perf_counter()
    index = store.filter_index()
    index.refresh()
    load_seconds = time.perf_counter() - started
    timings, overlap = _timed_queries(store, queries, rng)
    after_write = _queries_after_writes(store, profiles, min(queries, 100), rng)
    return {
        "query_profiles": store.profiles.count(),
        "query_p50_ms_100k": percentile(timings["portrait"], 50),
        "query_p95_ms_100k": percentile(timings["portrait"], 95),
        "chroma_filtered_query_p50_ms": percentile(timings["chroma"], 50),
        "chroma_filtered_query_p95_ms": percentile(timings["chroma"], 95),
        "filtered_speedup_p50": percentile(timings["chroma"], 50) / percentile(timings["portrait"], 50),
        "chroma_filtered_overlap_at_10": float(np.mean(overlap)),
        "unfiltered_query_p50_ms": percentile(timings["unfiltered"], 50),
        "unfiltered_query_p95_ms": percentile(timings["unfiltered"], 95),
        "query_after_write_p50_ms": percentile(after_write, 50),
        "query_after_write_p95_ms": percentile(after_write, 95),
        "filter_index_load_seconds": load_seconds,
        "filter_index_mb": index.nbytes / 2**20,
    }


def run_phase(name: str, fn: Callable[[Path], dict[str, Any]]) -> dict[str, Any]:
    console.rule(name)
    with tempfile.TemporaryDirectory(prefix=f"portrait-{name}-") as workdir:
        started = time.perf_counter()
        result = fn(Path(workdir))
    console.print({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()},
                  f"({time.perf_counter() - started:.0f}s)")
    return result

"""The main job in steps: ingest a source into the event log, then build profiles into Chroma."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

from encoders.adapters.amazon import load_amazon
from encoders.adapters.online_retail import load_online_retail
from encoders.embedder import Embedder
from encoders.loaders import LoadResult, load_events, load_products
from encoders.settings import Settings
from retrieval.event_log import EventLog
from retrieval.profile_store import ProfileStore


class SourceFormat(str, Enum):
    events = "events"
    products = "products"
    online_retail = "online-retail"
    amazon = "amazon"


def load_source(path: Path, fmt: SourceFormat) -> LoadResult:
    loaders = {
        SourceFormat.events: load_events,
        SourceFormat.products: load_products,
        SourceFormat.online_retail: load_online_retail,
        SourceFormat.amazon: load_amazon,
    }
    return loaders[fmt](path)


@dataclass(frozen=True)
class IngestResult:
    load: LoadResult
    new_events: int
    products: int


def ingest(settings: Settings, path: Path, fmt: SourceFormat, report_path: Path | None = None) -> IngestResult:
    """Validate a source, keep every valid row in the event log, report the rejected ones."""
    result = load_source(path, fmt)
    log = EventLog(settings.event_db)
    try:
        added = log.add_events(result.events)
        log.add_products(result.products)
    finally:
        log.close()
    report_path = report_path or settings.reports_dir / f"ingest-{path.name.split('.')[0]}.json"
    report_path.parent.mkdir(parents=True, exist_ok=True)
    result.write_report(report_path)
    return IngestResult(load=result, new_events=len(added), products=len(result.products))


@dataclass(frozen=True)
class BuildResult:
    profiles: int
    products: int
    events: int
    seconds: float
    reference_time: datetime | None


def build_profiles(settings: Settings, embedder: Embedder | None = None, user_ids: list[str] | None = None) -> BuildResult:
    """(Re)build profiles for the given users, or all, from the event log; upsert products too."""
    started = time.perf_counter()
    store = ProfileStore(settings, embedder)
    try:
        products = store.log.products()
        store.chroma.upsert_products(list(products.values()))
        profiles = store.rebuild(user_ids)
        return BuildResult(
            profiles=len(profiles),
            products=len(products),
            events=sum(p.n_events for p in profiles),
            seconds=time.perf_counter() - started,
            reference_time=store.reference_time(),
        )
    finally:
        store.close()

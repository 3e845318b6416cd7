"""What a home holds and where: counts, the data clock, the models in use, the Chroma mode."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from retrieval.intake import intake_counts

if TYPE_CHECKING:
    from retrieval.home import Home


def _count_lines(path: Any) -> int:
    if not path.exists():
        return 0
    with path.open(encoding="utf-8", errors="replace") as lines:
        return sum(1 for line in lines if line.strip())


def _intent_model(home: Home) -> dict[str, Any]:
    folder = home.settings.intent_model_dir
    labels = folder / "labels.json"
    if not labels.exists():
        return {"path": str(folder), "trained": False}
    return {"path": str(folder), "trained": True, "intents": len(json.loads(labels.read_text()).get("labels", []))}


def home_status(home: Home) -> dict[str, Any]:
    """A dict that two homes can be compared by (the tests do), and people can read."""
    settings = home.settings
    segments = home.segments
    return {
        "home": str(settings.home),
        "events": home.log.count_events(),
        "customers": len(home.log.user_ids()),
        "profiles": home.facts.count(),
        "profile_vectors": home.vectors.profiles.count(),
        "text_vectors": home.vectors.profile_texts.count(),
        "products": home.vectors.products.count(),
        "catalogue_products": len(home.log.products()),
        "summaries": _count_lines(settings.reports_dir / "summaries.jsonl"),
        "data_clock": home.log.data_clock(settings.clock_support_days),
        "newest_event": home.log.latest_ts(),
        "segments": len(segments.segments) if segments is not None else 0,
        "embedding_model": str(settings.embedding_model_path()),
        "intent_model": _intent_model(home),
        "chroma": {"mode": "server", "url": settings.chroma_url} if settings.chroma_url
        else {"mode": "local", "path": str(settings.chroma_dir)},
        "intake": intake_counts(settings.event_db),
    }

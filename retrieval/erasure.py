"""Erasure: remove one customer from every place a home keeps them.

The event log, the facts, both Chroma collections (so neither similar-customer searches nor segments
return them), the in-memory filter indexes (reloaded through the FactStore's erasure epoch), every
JSON-lines report under the home's reports folder (summaries, rejects) and the cached embeddings of
the texts they wrote, and the fitted recommender (refitted without them on next use). SQLite stores run with ``secure_delete`` so the deleted rows are overwritten on
disk. Source files the shop gave us (an export to ingest) are the shop's own: they are not touched.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from encoders.data.schema import EventType

if TYPE_CHECKING:
    from retrieval.home import Home

_OWN_TEXT_EVENTS = (EventType.search, EventType.review, EventType.support_message)


@dataclass
class ErasureReport:
    user_id: str
    events: int = 0
    profiles: int = 0
    vectors: int = 0
    cached_texts: int = 0
    report_lines: dict[str, int] = field(default_factory=dict)
    models_dropped: list[str] = field(default_factory=list)
    intake_messages: int = 0
    linked_ids: list[str] = field(default_factory=list)
    """Anonymous ids stitched to the customer (retrieval/identity.py), erased with them."""

    @property
    def found(self) -> bool:
        return bool(self.events or self.profiles or self.vectors or self.report_lines or self.intake_messages)


def forget(home: Home, user_id: str) -> ErasureReport:
    from retrieval.identity import anonymous_customer
    from retrieval.intake import erase_customer

    report = ErasureReport(user_id=user_id)
    report.intake_messages, anonymous_ids = erase_customer(home.settings.event_db, user_id)
    for anonymous_id in anonymous_ids:  # a stitched customer goes with every id they had
        linked = forget(home, anonymous_customer(anonymous_id))
        report.linked_ids.append(anonymous_id)
        report.events += linked.events
        report.intake_messages += linked.intake_messages
    events = home.log.erase_user(user_id)
    report.events += len(events)
    for collection in (home.vectors.profiles, home.vectors.profile_texts):
        if collection.get(ids=[user_id], include=[])["ids"]:
            collection.delete(ids=[user_id])
            report.vectors += 1
    report.profiles = home.facts.erase([user_id])
    texts = sorted({e.text for e in events if e.type in _OWN_TEXT_EVENTS and e.text})
    report.cached_texts = home.embedder.forget_texts(texts)
    # The fitted recommender learnt from their purchases: drop it; the next suggestion refits without them.
    if home.recommender_path.exists():
        home.recommender_path.unlink()
        home.__dict__.pop("recommender", None)
        report.models_dropped.append(str(home.recommender_path.relative_to(home.settings.home)))
    for path in sorted(home.settings.reports_dir.rglob("*.jsonl")):
        removed = _drop_lines_of(path, user_id)
        if removed:
            report.report_lines[str(path.relative_to(home.settings.home))] = removed
    return report


def _mentions(record: Any, user_id: str) -> bool:
    if not isinstance(record, dict):
        return False
    if str(record.get("user_id", "")) == user_id or str(record.get("userId", "")) == user_id:
        return True
    if user_id.startswith("anon:") and str(record.get("anonymousId", "")) == user_id.removeprefix("anon:"):
        return True  # the raw Tracking API message of a rejected or anonymous request (ui/collect)
    return any(_mentions(record.get(key), user_id) for key in ("raw", "record"))


def _drop_lines_of(path: Path, user_id: str) -> int:
    """Rewrite a JSON-lines file without the customer's records (atomically); returns lines removed."""
    kept: list[str] = []
    removed = 0
    with path.open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                kept.append(line)
                continue
            if _mentions(record, user_id):
                removed += 1
            else:
                kept.append(line)
    if removed:
        partial = path.with_name(path.name + ".erasing")
        partial.write_text("".join(kept), encoding="utf-8")
        os.replace(partial, path)
    return removed

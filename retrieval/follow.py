"""Tail a growing JSONL event file and apply each new batch of lines to the living profiles."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from encoders.loaders import Reject, parse_event_line, write_rejects
from encoders.schema import Event
from retrieval.profile_store import ApplyResult, ProfileStore


@dataclass
class FollowStats:
    lines: int = 0
    applied: int = 0
    rejected: int = 0
    touched: set[str] = field(default_factory=set)


def follow(
    store: ProfileStore,
    path: Path,
    poll_s: float = 0.5,
    idle_exit_s: float | None = None,
    rejects_path: Path | None = None,
    on_batch: Callable[[ApplyResult, int], None] | None = None,
) -> FollowStats:
    """Apply the file's lines, then new lines as they are appended; a line without its newline yet
    waits for the next poll. Stops after ``idle_exit_s`` without new lines (never, when None)."""
    stats = FollowStats()
    offset = 0
    last_change = time.monotonic()
    rejects_path = rejects_path or path.with_name(path.name + ".rejects.jsonl")
    while True:
        events, rejects, offset, lines = _read_new(path, offset, stats.lines)
        if lines:
            stats.lines += lines
            last_change = time.monotonic()
            result = store.apply(events)
            stats.applied += result.new_events
            stats.rejected += len(rejects)
            stats.touched.update(result.touched_users)
            if rejects:
                write_rejects(rejects_path, rejects, append=True)
            if on_batch:
                on_batch(result, len(rejects))
        elif idle_exit_s is not None and time.monotonic() - last_change >= idle_exit_s:
            return stats
        else:
            time.sleep(poll_s)


def _read_new(path: Path, offset: int, rows_before: int) -> tuple[list[Event], list[Reject], int, int]:
    if not path.exists():
        return [], [], offset, 0
    with path.open("rb") as stream:
        stream.seek(offset)
        chunk = stream.read()
    complete = chunk[: chunk.rfind(b"\n") + 1]
    events: list[Event] = []
    rejects: list[Reject] = []
    lines = complete.splitlines()
    for number, line in enumerate(lines, start=rows_before + 1):
        if not line.strip():
            continue
        parsed = parse_event_line(number, line)
        (rejects if isinstance(parsed, Reject) else events).append(parsed)
    return events, rejects, offset + len(complete), len(lines)

"""Tail a growing JSONL event file and apply each new batch of lines to the living profiles."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from encoders.data.readers import parse_event_line
from encoders.data.rejects import Reject, write_rejects
from encoders.data.schema import Event
from retrieval.living_profiles import ApplyResult, LivingProfiles


@dataclass
class FollowStats:
    lines: int = 0
    applied: int = 0
    rejected: int = 0
    touched: set[str] = field(default_factory=set)


def follow(
    store: LivingProfiles,
    path: Path,
    poll_s: float = 0.5,
    idle_exit_s: float | None = None,
    rejects_path: Path | None = None,
    on_batch: Callable[[ApplyResult, int], None] | None = None,
    stop: threading.Event | None = None,
) -> FollowStats:
    """Apply the file's lines, then new lines as they are appended; a line without its newline yet
    waits for the next poll. Stops after ``idle_exit_s`` without new lines (never, when None), or
    when ``stop`` is set."""
    stop = stop or threading.Event()
    stats = FollowStats()
    offset = 0
    last_change = time.monotonic()
    rejects_path = rejects_path or path.with_name(path.name + ".rejects.jsonl")
    while not stop.is_set():
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
            stop.wait(poll_s)
    return stats


class BackgroundFollower:
    """`follow` on a daemon thread, for a process that also serves reads (the app): Chroma's local
    client is not multi-process safe, so a live app applies the event feed itself."""

    def __init__(self, store: LivingProfiles, path: Path, poll_s: float = 0.5) -> None:
        self._stop = threading.Event()
        self._stats = FollowStats()
        self._thread = threading.Thread(target=self._run, args=(store, path, poll_s), name="portrait-follow", daemon=True)

    def _run(self, store: LivingProfiles, path: Path, poll_s: float) -> None:
        try:
            self._stats = follow(store, path, poll_s=poll_s, stop=self._stop)
        except Exception:  # a thread's exception is otherwise silent: say that updates stopped
            logging.getLogger(__name__).exception("following %s stopped: profiles no longer update", path)
            raise

    def start(self) -> BackgroundFollower:
        self._thread.start()
        return self

    def stop(self, timeout_s: float = 30.0) -> FollowStats:
        self._stop.set()
        self._thread.join(timeout_s)
        return self._stats


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

"""The collector's profile applier: brings every touched profile up to date, through the same incremental
path as ``ingest --follow`` (LivingProfiles rebuilds a touched customer from their whole history, so the
result equals a rebuild over the same events).

It runs as its own process beside the HTTP collector, so profile building (embeddings, Chroma writes)
never holds up the 200s, and takes a lock file so only one applier writes a home's Chroma at a time.

Pending marks are cleared without losing a concurrent write: each pass reads the pending customers and
the intake's sequence number together, rebuilds them, and in one transaction clears their marks and
marks again every customer the intake touched after that sequence (``intake_touch``). A customer whose
events were all stitched away has their anonymous profile removed.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from encoders.settings import Settings
from retrieval import intake
from retrieval.home import Home, open_home

log = logging.getLogger(__name__)
APPLIER_NICENESS = 10
"""The applier yields the CPU to the collector's request path: a 200 is promised within ~100 ms, a profile
update within seconds, so on a busy machine it is the profile that waits."""


@dataclass(frozen=True)
class Pass:
    started: float
    ended: float
    users: list[str]
    removed: list[str]


class Applier:
    """Applies pending customers of one home; ``pass_once`` is one pass, ``run`` loops."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self.db = intake.connect(home.settings.event_db)
        self.catalogue = self._catalogue_ids()

    def close(self) -> None:
        self.db.close()

    def _catalogue_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT item_id FROM products")}

    def pass_once(self) -> Pass | None:
        """Rebuild every pending customer (None when there were none)."""
        started = time.time()
        self.db.execute("BEGIN")  # one snapshot: the pending marks and the sequence they go with
        try:
            seq = int(self.db.execute("SELECT seq FROM intake_clock WHERE id = 1").fetchone()[0])
            pending = [r[0] for r in self.db.execute("SELECT user_id FROM pending ORDER BY user_id")]
        finally:
            self.db.execute("COMMIT")
        if not pending:
            return None
        self._sync_products()
        with_events: set[str] = set()
        for chunk in range(0, len(pending), 900):
            part = pending[chunk:chunk + 900]
            with_events.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT user_id FROM events WHERE user_id IN ({','.join('?' * len(part))})", part))
        gone = [u for u in pending if u not in with_events]
        if with_events:
            self.home.profiles.update(sorted(with_events))
        if gone:
            self._remove_profiles(gone)
        with intake.transaction(self.db):
            self.db.executemany("DELETE FROM pending WHERE user_id = ?", [(u,) for u in pending])
            self.db.execute("INSERT OR IGNORE INTO pending (user_id) SELECT user_id FROM intake_touch WHERE seq > ?", (seq,))
        return Pass(started, time.time(), sorted(with_events), gone)

    def _remove_profiles(self, user_ids: list[str]) -> None:
        """Customers left without events (stitched into another): their profile goes."""
        vectors = self.home.vectors
        for collection in (vectors.profiles, vectors.profile_texts):
            collection.delete(ids=user_ids)
        self.home.facts.erase(user_ids)

    def _sync_products(self) -> None:
        """Products the intake added to the catalogue (seen in events, not there yet) reach the builder."""
        current = self._catalogue_ids()
        fresh = current - self.catalogue
        if fresh:
            products = self.home.log.products()
            self.home.profiles.add_products([products[i] for i in sorted(fresh) if i in products])
            self.catalogue = current


def run(settings: Settings, stop: Callable[[], bool], interval_s: float, pass_log: Path | None = None) -> None:
    """Apply passes until ``stop()``; each pass is appended to ``pass_log`` (JSON lines) when given."""
    lock_path = settings.home / "collect-apply.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a previous applier still finishing its pass: wait for it
        with open_home(settings) as home:
            applier = Applier(home)
            while not stop():
                done = applier.pass_once()
                if done is None:
                    time.sleep(interval_s)
                elif pass_log is not None:
                    with pass_log.open("a", encoding="utf-8") as out:
                        out.write(json.dumps({"started": done.started, "ended": done.ended, "users": done.users,
                                              "removed": done.removed}) + "\n")


def apply_if_idle(settings: Settings) -> Pass | None | bool:
    """One pass now unless a collector's applier holds the home (then False: it applies them itself);
    for commands that change stored events outside the collector (``portrait identity split``)."""
    lock_path = settings.home / "collect-apply.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        with open_home(settings) as home:
            applier = Applier(home)
            try:
                return applier.pass_once()
            finally:
                applier.close()


def _die_with_parent() -> None:
    """Linux: this process gets SIGKILL when the collector dies, even by SIGKILL (no orphaned applier)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def applier_main(settings: Settings, parent_pid: int, pass_log: Path | None) -> None:
    """The applier process (started by the collector): passes until the collector is gone."""
    _die_with_parent()
    os.nice(APPLIER_NICENESS)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s applier %(levelname)s %(message)s")
    settings = settings.model_copy(update={"show_progress": False})
    run(settings, lambda: os.getppid() != parent_pid, settings.collect_apply_interval_s, pass_log)


if __name__ == "__main__":  # python -m retrieval.live PARENT_PID [PASS_LOG] < settings.json
    import sys

    applier_main(Settings.model_validate_json(sys.stdin.read()), int(sys.argv[1]),
                 Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None)

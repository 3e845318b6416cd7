"""The collector's profile applier: brings every touched profile up to date, through the same incremental
path as ``ingest --follow`` (LivingProfiles rebuilds a touched customer from their whole history, so the
result equals a rebuild over the same events).

It runs as its own process beside the HTTP collector, so profile building (embeddings, Chroma writes)
never holds up the 200s, and takes a lock file so only one applier writes a home's Chroma at a time.

A profile is written in two steps, because its two halves cost very different amounts:

1. **facts pass** (``facts_pass``): the customers waiting longest (``pending``, oldest mark first, at most
   ``collect_apply_max_per_pass``) are rebuilt and their facts (with evidence, the interest vector
   computed) go to the fact store, which is what a customer's page, the assistant's tools and audience
   queries read. Their text vectors follow too where their summary text already has a vector: a text
   vector is its summary text's, stored once per distinct text (retrieval/profile_texts.py).
   About 0.3 ms a customer.
2. **vectors pass** (``vectors_pass``): the same profiles' interest vectors go to Chroma, with the vectors
   of summary texts nobody had yet (embedding them is most of a fresh home's first minute), oldest
   first, coalesced: a customer touched by several facts passes meanwhile is written once, with their
   newest profile. An HNSW update costs about 0.3 ms per vector on these CPUs, so vectors lag
   behind facts under heavy traffic: a vectors pass takes at most ``collect_vector_pass_s``, and while
   facts are pending, at most ``collect_vector_share`` of the applier's time. Then the facts are stamped,
   so filter indexes reload the customer.

Both halves come from one build, so once nothing is pending the stored profile equals a rebuild.

Pending marks are cleared without losing a concurrent write: each facts pass reads its customers and the
intake's sequence number together, rebuilds them, and in one transaction clears their marks, marks their
vectors stale (``vectors_pending``) and marks again every customer the intake touched after that sequence
(``intake_touch``). A vectors pass clears a customer's stale mark once their newest profile is in Chroma;
after a crash, stale customers without a profile in memory are rebuilt. A customer whose events were all
stitched away has their anonymous profile removed.
"""

from __future__ import annotations

import fcntl
import gc
import json
import logging
import os
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from encoders.profile.model import Profile
from encoders.settings import Settings
from retrieval import intake
from retrieval.home import Home, open_home

log = logging.getLogger(__name__)
MIN_VECTOR_CHUNK, MAX_VECTOR_CHUNK = 20, 2000
DECODED_EVENTS = 500_000
"""Decoded events the applier keeps between passes (a customer rebuilt again decodes only their new rows)."""
APPLIER_TORCH_THREADS = 1
"""Embedding (new summaries, products, search texts) on one thread: the applier shares its cores with the
request path, and torch's spinning OpenMP threads on shared cores made a batch ~5x slower, small ones ~15x."""
# After its first pass the applier moves every object alive (torch, transformers, Chroma: millions) out of the
# garbage collector's sight (gc.freeze): full collections over them were ~40% of a facts pass's time. It freezes
# again after every pass, since what a pass keeps (decoded events, built profiles) would otherwise be scanned
# by every full collection of the next one (~45% of a build here); every GC_FULL_S the frozen objects are
# collected once, so cyclic garbage does not pile up.
GC_FULL_S = 600.0
STOP_FLUSH_S = 8.0
"""On SIGTERM the applier writes stale vectors this long (the collector waits 10 s for it); any left are
written by the next applier, or by ``portrait identity split``'s catch-up."""


@dataclass(frozen=True)
class Pass:
    started: float
    ended: float
    users: list[str]
    removed: list[str]
    stage: str = "facts"
    seq: int = 0
    """facts passes: the intake sequence number read with the pending marks (every request stored up to it is
    in the profiles built)."""
    built: list[int] = field(default_factory=list)
    """vectors passes: for each profile written, the ``seq`` of the facts pass that built it."""


class Applier:
    """Applies pending customers of one home: ``facts_pass`` and ``vectors_pass`` (see the module's
    docstring), ``step`` one of each, ``pass_once`` everything pending."""

    def __init__(self, home: Home) -> None:
        self.home = home
        self.settings = home.settings
        self.db = intake.connect(home.settings.event_db)
        home.profiles.keep_decoded_events(DECODED_EVENTS)
        self.catalogue = self._catalogue_ids()
        self.built: dict[str, tuple[Profile, int]] = {}
        """Profiles whose facts are stored and vectors not yet: the newest build and its intake sequence number."""
        self.seconds_per_vector = 0.002  # measured as passes go; sizes a vectors pass to its time budget

    def close(self) -> None:
        self.db.close()

    def _catalogue_ids(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT item_id FROM products")}

    def pass_once(self) -> Pass | None:
        """Bring every pending customer fully up to date, facts and vectors (None when none was pending):
        for commands that change stored events outside a running collector (``portrait identity split``)."""
        done = self.facts_pass(limit=None)
        while self.vectors_pass(budget_s=None) is not None:
            pass
        return done

    def step(self) -> list[Pass]:
        """One facts pass, then one vectors pass: at most ``collect_vector_pass_s``, and while facts are still
        pending, no longer than ``collect_vector_share`` of the time. Returns the passes done (none: nothing
        was pending)."""
        settings = self.settings
        facts = self.facts_pass()
        budget = settings.collect_vector_pass_s
        if facts is not None and self._count("pending") > 0:
            share = settings.collect_vector_share
            budget = min(budget, (facts.ended - facts.started) * share / (1.0 - share))
        vectors = self.vectors_pass(budget) if budget > 0 else None
        return [p for p in (facts, vectors) if p is not None]

    def _count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def facts_pass(self, limit: int | None = -1) -> Pass | None:
        """Rebuild the customers waiting longest and store their facts (None when none was pending)."""
        limit = self.settings.collect_apply_max_per_pass if limit == -1 else limit
        started = time.time()
        self.db.execute("BEGIN")  # one snapshot: the pending marks and the sequence they go with
        try:
            seq = int(self.db.execute("SELECT seq FROM intake_clock WHERE id = 1").fetchone()[0])
            pending = [r[0] for r in self.db.execute("SELECT user_id FROM pending ORDER BY rowid LIMIT ?",
                                                     (-1 if limit is None else limit,))]
        finally:
            self.db.execute("COMMIT")
        if not pending:
            return None
        self._sync_products()
        with_events = self._with_events(pending)
        gone = [u for u in pending if u not in with_events]
        profiles = self.home.profiles.build(sorted(with_events)) if with_events else []
        if profiles:
            self.home.facts.put(profiles)
        if gone:
            self._remove_profiles(gone)
        for profile in profiles:
            self.built[profile.user_id] = (profile, seq)
        for user in gone:
            self.built.pop(user, None)
        with intake.transaction(self.db):
            self.db.executemany("DELETE FROM pending WHERE user_id = ?", [(u,) for u in pending])
            self.db.executemany("DELETE FROM vectors_pending WHERE user_id = ?", [(u,) for u in gone])
            self.db.executemany("INSERT OR IGNORE INTO vectors_pending (user_id) VALUES (?)", [(p.user_id,) for p in profiles])
            self.db.execute("INSERT OR IGNORE INTO pending (user_id) SELECT user_id FROM intake_touch WHERE seq > ?", (seq,))
        return Pass(started, time.time(), sorted(with_events), gone, seq=seq)

    def vectors_pass(self, budget_s: float | None, limit: int | None = None) -> Pass | None:
        """Write the vectors of the customers stale longest, as many as ``budget_s`` seconds allow (by the
        measured cost of a vector; None: up to MAX_VECTOR_CHUNK) or ``limit``. None when none was stale."""
        size = MAX_VECTOR_CHUNK if budget_s is None else int(budget_s / self.seconds_per_vector)
        size = limit if limit is not None else max(MIN_VECTOR_CHUNK, min(MAX_VECTOR_CHUNK, size))
        stale = [r[0] for r in self.db.execute("SELECT user_id FROM vectors_pending ORDER BY rowid LIMIT ?", (size,))]
        if not stale:
            return None
        started = time.time()
        missing = [u for u in stale if u not in self.built]  # stale before a restart: rebuilt now
        if missing:
            seq = int(self.db.execute("SELECT seq FROM intake_clock WHERE id = 1").fetchone()[0])  # read before the events
            for profile in self.home.profiles.build(sorted(self._with_events(missing))):
                self.built[profile.user_id] = (profile, seq)
        alive = self._with_events(stale)  # a customer erased or stitched away meanwhile is not written back
        chosen = [self.built[u] for u in stale if u in alive and u in self.built]
        profiles = [profile for profile, _ in chosen]
        self.home.vectors.upsert_profile_vectors(profiles)
        with intake.transaction(self.db):
            self.db.executemany("DELETE FROM vectors_pending WHERE user_id = ?", [(u,) for u in stale])
        for user in stale:
            self.built.pop(user, None)
        ended = time.time()
        if profiles:
            self.seconds_per_vector = 0.7 * self.seconds_per_vector + 0.3 * (ended - started) / len(profiles)
        return Pass(started, ended, [p.user_id for p in profiles], [], stage="vectors", built=[b for _, b in chosen])

    def _with_events(self, users: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in range(0, len(users), 900):
            part = users[chunk:chunk + 900]
            found.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT user_id FROM events WHERE user_id IN ({','.join('?' * len(part))})", part))
        return found

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


def run(settings: Settings, stop: Callable[[], bool], interval_s: float, pass_log: Path | None = None,
        flush_s: float = 0.0) -> None:
    """Apply passes until ``stop()``, then write stale vectors for up to ``flush_s`` seconds; each pass is
    appended to ``pass_log`` (JSON lines) when given."""
    lock_path = settings.home / "collect-apply.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a previous applier still finishing its pass: wait for it
        with open_home(settings) as home:
            applier = Applier(home)
            full_gc_at = 0.0
            while not stop():
                done = applier.step()
                if not done:
                    time.sleep(interval_s)
                else:
                    _log_passes(pass_log, done)
                    if time.monotonic() >= full_gc_at:  # first after the models are loaded
                        gc.unfreeze()
                        gc.collect()
                        full_gc_at = time.monotonic() + GC_FULL_S
                    gc.freeze()
            deadline = time.monotonic() + flush_s
            while time.monotonic() < deadline and (done := applier.vectors_pass(deadline - time.monotonic())) is not None:
                _log_passes(pass_log, [done])
            applier.close()


def _log_passes(pass_log: Path | None, done: list[Pass]) -> None:
    if pass_log is None:
        return
    with pass_log.open("a", encoding="utf-8") as out:
        for one in done:
            out.write(json.dumps({"started": one.started, "ended": one.ended, "stage": one.stage, "seq": one.seq,
                                  "users": one.users, "removed": one.removed, "built": one.built}) + "\n")


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
    os.nice(settings.collect_apply_niceness)
    import torch

    torch.set_num_threads(APPLIER_TORCH_THREADS)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s applier %(levelname)s %(message)s")
    settings = settings.model_copy(update={"show_progress": False})
    stopping: list[bool] = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))  # the collector stops: write stale vectors first
    run(settings, lambda: bool(stopping) or os.getppid() != parent_pid, settings.collect_apply_interval_s, pass_log,
        flush_s=STOP_FLUSH_S)


if __name__ == "__main__":  # python -m retrieval.live PARENT_PID [PASS_LOG] < settings.json
    import sys

    applier_main(Settings.model_validate_json(sys.stdin.read()), int(sys.argv[1]),
                 Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None)

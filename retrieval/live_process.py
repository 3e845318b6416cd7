"""The collector's applier processes: ``python -m retrieval.live_process PARENT_PID PASS_LOG STAGE`` runs the
facts passes (STAGE ``facts``: never opens Chroma) or the vectors passes (``vectors``: owns the home's Chroma)
of retrieval/live.py until the collector is gone. Two processes, so the two halves use both cores and
neither waits behind the other; each takes its own lock file, so one of each writes a home at a time.
``apply_if_idle`` is both in one process, for commands run beside no collector (``portrait identity split``).
"""

from __future__ import annotations

import fcntl
import gc
import json
import logging
import os
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

from encoders.settings import Settings
from retrieval.home import Home, open_home
from retrieval.intake import checkpoint_loop
from retrieval.live import Applier, Pass

STAGES = ("facts", "vectors")
LOCKS = {"vectors": "collect-apply.lock", "facts": "collect-apply-facts.lock"}
"""The vectors process holds the lock that says who owns the home's Chroma (its old name, one applier)."""
APPLIER_TORCH_THREADS = 1
"""Embedding (new summaries, products, search texts) on one thread: the applier shares its cores with the
request path, and torch's spinning OpenMP threads on shared cores made a batch ~5x slower, small ones ~15x."""
# After its first pass an applier moves every object alive (torch, transformers, Chroma: millions) out of the
# garbage collector's sight (gc.freeze): full collections over them were ~40% of a facts pass's time. It freezes
# again after every pass, since what a pass keeps (decoded events, built profiles) would otherwise be scanned
# by every full collection of the next one (~45% of a build here); every GC_FULL_S the frozen objects are
# collected once, so cyclic garbage does not pile up.
GC_FULL_S = 600.0
SUMMARY_PASS_S = 0.25
"""Embedding of new summary texts a vectors pass does at most when none of its customers' texts has a vector and
the summaries thread has none ready (~4 ms a text on one thread), so the loop never waits on it for long."""
SUMMARY_CHUNK = 32
"""New summary texts the summaries thread embeds at a time (~0.13 s): a pass writes only customers whose summary
text has a vector, so they never wait behind a fresh home's first thousand or so new texts. The texts are embedded
on a thread beside the passes (ONNX Runtime and torch leave the GIL while they compute), oldest marks' texts first:
embedded between two passes, in steps of 0.25 s, the texts took half of the vectors process's time while a fresh
home warmed up, and every pass waited for a step (vectors p95 of the first 5 s: 1.5-2.8 s)."""
FACTS_HOLD_S, FACTS_HOLD_AFTER = 1.0, 10_000
"""While more than FACTS_HOLD_AFTER customers wait for their vectors, facts passes start at most every FACTS_HOLD_S
(unless one is full): a customer touched again meanwhile is rebuilt once, and the CPU the facts process leaves
goes to the vectors process. A backlog that large is several seconds of vector writes, a real lag (other work
holding the cores); at 2,000 customers (a second's writes, the usual backlog while a fresh home embeds its first
summary texts) the hold added up to a second to every facts latency, and so to every vectors latency: in
``portrait eval collect`` (vectors at niceness 0) vectors p95 1.6 s without it, 2.1 s with it."""
STOP_FLUSH_S = 8.0
"""On SIGTERM the vectors process writes stale vectors this long (the collector waits 10 s for it); any left are
written by the next one, or by ``portrait identity split``'s catch-up."""


def run(settings: Settings, stage: str, stop: Callable[[], bool], interval_s: float, pass_log: Path | None = None,
        flush_s: float = 0.0) -> None:
    """Run ``stage``'s passes until ``stop()`` (the vectors stage then writes stale vectors for up to ``flush_s``
    seconds); each pass is appended to ``pass_log`` (JSON lines) when given."""
    if stage not in STAGES:
        raise ValueError(f"stage must be one of {STAGES}, got {stage!r}")
    lock_path = settings.home / LOCKS[stage]
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a previous applier still finishing its pass: wait for it
        with open_home(settings, chroma=stage == "vectors") as home:
            applier = Applier(home, facts_only=stage == "facts")
            closing = threading.Event()
            checkpoints = _checkpoint_beside(home, applier, closing)
            summaries = _Summaries(applier, pass_log) if stage == "vectors" else None
            full_gc_at = 0.0
            while not stop():
                if summaries is None:
                    done = applier.facts_pass()
                else:  # customers whose summary text has a vector; the thread embeds the others' texts meanwhile
                    done = applier.vectors_pass(None, embed=False)
                    stored = summaries.step() if done is not None else 0
                    if done is not None and not (done.users or done.removed):
                        if stored or summaries.wait(interval_s):
                            continue
                        done = applier.vectors_pass(None, summary_budget_s=SUMMARY_PASS_S)  # never stuck
                if done is None:
                    time.sleep(interval_s)
                    continue
                _log_passes(pass_log, [done])
                if stage == "facts":
                    _hold(applier, done, settings.collect_apply_max_per_pass, stop)
                if time.monotonic() >= full_gc_at:  # first after the models are loaded
                    gc.unfreeze()
                    gc.collect()
                    full_gc_at = time.monotonic() + GC_FULL_S
                gc.freeze()
            if summaries is not None:
                summaries.close()
            deadline = time.monotonic() + flush_s
            while stage == "vectors" and time.monotonic() < deadline and (done := applier.vectors_pass(None)) is not None:
                _log_passes(pass_log, [done])
            closing.set()
            checkpoints.join(5)
            applier.close()


class _Summaries:
    """New summary texts of the customers stale longest, embedded on a thread of its own (SUMMARY_CHUNK at a time,
    into the shared embedding cache); ``step`` (the vectors loop's thread) stores those done in Chroma, logged as
    a "summaries" pass (it writes no customer: the next vectors pass writes those whose text it stored), and hands
    the thread more. Only the loop's thread touches the event log and Chroma."""

    def __init__(self, applier: Applier, pass_log: Path | None) -> None:
        self.applier = applier
        self.pass_log = pass_log
        self._todo: list[str] = []
        self._done: list[str] = []
        self._taken: set[str] = set()  # handed to the thread, not yet stored
        self._closing = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._embed, name="summaries", daemon=True)
        self._thread.start()

    def step(self) -> int:
        """Store the texts the thread embedded; give it the next ones. Returns the texts stored."""
        with self._changed:
            done, self._done = self._done, []
        if done:
            started = time.time()
            self.applier.home.vectors.profile_texts.ensure(done)  # in the embedding cache: only the Chroma write
            self._taken.difference_update(done)
            _log_passes(self.pass_log, [Pass(started, time.time(), [], [], stage="summaries", timings={"texts": len(done)})])
        with self._changed:
            short = len(self._todo) < SUMMARY_CHUNK
        if short:
            more = [t for t in self.applier.waiting_summaries() if t not in self._taken][:2 * SUMMARY_CHUNK]
            if more:
                self._taken.update(more)
                with self._changed:
                    self._todo.extend(more)
                    self._changed.notify_all()
        return len(done)

    def wait(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for the thread to finish some texts, if it has any (False: it has none)."""
        with self._changed:
            if not self._taken:
                return False
            self._changed.wait_for(lambda: bool(self._done) or self._closing, timeout_s)
            return True

    def close(self) -> None:
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join(5)

    def _embed(self) -> None:
        embedder = self.applier.home.vectors.embedder
        while True:
            with self._changed:
                self._changed.wait_for(lambda: bool(self._todo) or self._closing)
                if self._closing:
                    return
                chunk, self._todo = self._todo[:SUMMARY_CHUNK], self._todo[SUMMARY_CHUNK:]
            try:
                embedder.encode(chunk, show_progress=False)
            except Exception:  # noqa: BLE001 - the loop's own fallback (vectors_pass embedding) still writes them
                logging.getLogger(__name__).exception("embedding %d summary texts failed", len(chunk))
            with self._changed:
                self._done.extend(chunk)
                self._changed.notify_all()


def _hold(applier: Applier, done: Pass, max_per_pass: int, stop: Callable[[], bool]) -> None:
    """While the vectors process lags (more than FACTS_HOLD_AFTER stale marks), a facts pass that found fewer
    customers than it may take starts no sooner than FACTS_HOLD_S after the previous one began."""
    if len(done.users) + len(done.removed) >= max_per_pass or applier.vectors_backlog() <= FACTS_HOLD_AFTER:
        return
    while not stop() and (rest := done.started + FACTS_HOLD_S - time.time()) > 0:
        time.sleep(min(rest, 0.2))


def _checkpoint_beside(home: Home, applier: Applier, closing: threading.Event) -> threading.Thread:
    """The applier's commits no longer checkpoint the fact store's and the event log's WALs: a checkpoint in a
    commit (every ~4 MB of WAL, several times a second under live traffic) copied pages and fsynced while the
    pass waited, ~5 of the facts process's 26 busy seconds in a 30 s run of ``portrait eval collect``. A thread
    checkpoints the fact store every second instead; the event log's WAL is the collector's to checkpoint
    (retrieval.intake.Intake), and the appliers only live beside a collector."""
    home.facts.checkpoint_elsewhere()
    applier.db.execute("PRAGMA wal_autocheckpoint=0")
    thread = threading.Thread(target=checkpoint_loop, args=(home.settings.fact_db, closing), name="facts-checkpoint", daemon=True)
    thread.start()
    return thread


def _log_passes(pass_log: Path | None, done: list[Pass]) -> None:
    if pass_log is None:
        return
    lines = "".join(json.dumps({"started": one.started, "ended": one.ended, "stage": one.stage, "seq": one.seq,
                                "users": one.users, "removed": one.removed, "built": one.built, "timings": one.timings}) + "\n" for one in done)
    fd = os.open(pass_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, lines.encode())  # one append: the two processes' lines never interleave
    finally:
        os.close(fd)


def apply_if_idle(settings: Settings) -> Pass | None | bool:
    """One pass of each now unless a collector's appliers hold the home (then False: they apply them
    themselves); for commands that change stored events outside the collector (``portrait identity split``)."""
    settings.home.mkdir(parents=True, exist_ok=True)
    with (settings.home / LOCKS["vectors"]).open("w") as vectors_lock, (settings.home / LOCKS["facts"]).open("w") as facts_lock:
        try:
            fcntl.flock(vectors_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(facts_lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
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


def applier_main(settings: Settings, parent_pid: int, pass_log: Path | None, stage: str) -> None:
    """An applier process (started by the collector): ``stage``'s passes until the collector is gone."""
    _die_with_parent()
    os.nice(settings.collect_vectors_niceness if stage == "vectors" else settings.collect_apply_niceness)
    import torch

    torch.set_num_threads(APPLIER_TORCH_THREADS)
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s applier-{stage} %(levelname)s %(message)s")
    settings = settings.model_copy(update={"show_progress": False})
    stopping: list[bool] = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))  # the collector stops: write stale vectors first
    run(settings, stage, lambda: bool(stopping) or os.getppid() != parent_pid, settings.collect_apply_interval_s, pass_log,
        flush_s=STOP_FLUSH_S)


if __name__ == "__main__":  # python -m retrieval.live_process PARENT_PID PASS_LOG STAGE < settings.json
    import sys

    applier_main(Settings.model_validate_json(sys.stdin.read()), int(sys.argv[1]),
                 Path(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2] else None,
                 sys.argv[3] if len(sys.argv) > 3 else "vectors")

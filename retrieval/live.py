"""The collector's profile applier: brings every touched profile up to date, through the same incremental
path as ``ingest --follow`` (LivingProfiles rebuilds a touched customer from their whole history, so the
result equals a rebuild over the same events).

A profile is written in two steps, because its two halves cost very different amounts, and under
``portrait collect`` each runs in a process of its own beside the HTTP collector (retrieval/live_process.py),
so the two use both cores and neither waits for the other:

1. **facts pass** (``facts_pass``): the customers waiting longest (``pending``, oldest mark first, at most
   ``collect_apply_max_per_pass``) are rebuilt and their facts (with evidence), summary text, filter fields
   and the build's interest vector go to the fact store, which is what a customer's page, the assistant's
   tools and audience queries read. Their text vectors follow at once where their summary text already has
   a vector (a text vector is its summary text's, stored once per distinct text: retrieval/profile_texts.py).
   About 0.3 ms a customer. This pass never opens Chroma (``facts_only``).
2. **vectors pass** (``vectors_pass``): the interest vectors of the builds marked stale (``vectors_pending``),
   oldest mark first, are read back from the fact store and written to Chroma, with the vectors of summary
   texts nobody had yet (embedding those is most of a fresh home's first minute): coalesced, since a
   customer rebuilt several times meanwhile is written once, with their newest build. Then the facts are
   stamped, so filter indexes reload the customer. This process owns the home's Chroma (a lock file), and
   syncs new catalogue products into it. Under the collector its passes write only customers whose summary
   text has a vector, and a thread of its own embeds the new texts (those of the oldest marks first) meanwhile
   (retrieval/live_process.py), so a fresh home's first thousand or so new texts never hold up the rest.

Both halves come from one build, so once nothing is pending the stored profile equals a rebuild.

Marks are cleared without losing a concurrent write. Each facts pass reads its customers and the intake's
sequence number together, rebuilds them, stores them, and in one transaction clears their marks, marks their
vectors stale at the fact store's change number of the build (``vectors_pending.version``; a newer build
raises it in place) and marks again every customer the intake touched after that sequence (``intake_touch``).
A vectors pass clears a stale mark only up to the change number of the build it wrote. A customer whose
events were all stitched away has their anonymous profile removed: facts by the facts pass, vectors by the
next vectors pass (a stale mark with no stored profile). After a crash nothing is rebuilt for vectors: the
builds wait in the fact store (a home from before they were kept there is rebuilt).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from retrieval import intake
from retrieval.fact_store import StoredVectors
from retrieval.home import Home

MIN_VECTOR_CHUNK, MAX_VECTOR_CHUNK = 20, 2000
MIN_SUMMARIES = 8
"""New summary texts a budgeted vectors pass embeds at least (so it always makes progress)."""
PRODUCT_CACHE_WAIT_S = 10.0
"""The collector's vectors process (``embed=False`` passes) stores a new product in Chroma once the facts process
has embedded it for a build (the embedding cache is shared), or after this long without (then it embeds it)."""
DECODED_EVENTS = 500_000
"""Decoded events the applier keeps between passes (a customer rebuilt again decodes only their new rows)."""


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
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent by step (wall clock, and ``cpu``: the process's CPU time over the pass), for the pass log."""


class _Clock:
    """Wall-clock seconds by step of a pass."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = round(self.laps.get(name, 0.0) + now - self._last, 4)
        self._last = now


class Applier:
    """Applies pending customers of one home: ``facts_pass`` and ``vectors_pass`` (see the module's
    docstring), ``step`` one of each, ``pass_once`` everything pending. ``facts_only``: the home was opened
    without Chroma, and only facts passes run here."""

    def __init__(self, home: Home, facts_only: bool = False) -> None:
        self.home = home
        self.settings = home.settings
        self.facts_only = facts_only
        self.db = intake.connect(home.settings.event_db)
        home.profiles.keep_decoded_events(DECODED_EVENTS)
        self.catalogue = self._catalogue_ids()
        if not facts_only:  # products the catalogue gained before this process started
            home.profiles.sync_catalogue_vectors()
        self.seconds_per_vector = 0.002  # measured as passes go; sizes a vectors pass to its time budget
        self.seconds_per_summary = 0.005  # the same for embedding a new summary text
        self.min_summaries = MIN_SUMMARIES
        self._product_seen: dict[str, float] = {}  # new products waiting for the facts process to embed them

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
        pending, no longer than ``collect_vector_share`` of the time (one process doing both). Returns the
        passes done (none: nothing was pending)."""
        settings = self.settings
        facts = self.facts_pass()
        budget = settings.collect_vector_pass_s
        if facts is not None and self._count("pending") > 0:
            share = settings.collect_vector_share
            budget = min(budget, (facts.ended - facts.started) * share / (1.0 - share))
        vectors = self.vectors_pass(budget) if budget > 0 else None
        return [p for p in (facts, vectors) if p is not None]

    def vectors_backlog(self) -> int:
        """Customers whose stored facts are newer than their vectors in Chroma."""
        return self._count("vectors_pending")

    def _count(self, table: str) -> int:
        return int(self.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def facts_pass(self, limit: int | None = -1) -> Pass | None:
        """Rebuild the customers waiting longest and store their facts (None when none was pending)."""
        limit = self.settings.collect_apply_max_per_pass if limit == -1 else limit
        started, cpu = time.time(), time.process_time()
        self.db.execute("BEGIN")  # one snapshot: the pending marks and the sequence they go with
        try:
            seq = int(self.db.execute("SELECT seq FROM intake_clock WHERE id = 1").fetchone()[0])
            pending = [r[0] for r in self.db.execute("SELECT user_id FROM pending ORDER BY rowid LIMIT ?",
                                                     (-1 if limit is None else limit,))]
        finally:
            self.db.execute("COMMIT")
        if not pending:
            return None
        self._sync_products(self.facts_only)
        with_events = self._with_events(pending)
        gone = [u for u in pending if u not in with_events]
        profiles = self.home.profiles.build(sorted(with_events)) if with_events else []
        version = self.home.facts.put(profiles, built=seq) if profiles else 0
        if gone:
            self.home.facts.erase(gone)  # their vectors go in the next vectors pass (a mark without a profile)
        with intake.transaction(self.db):
            self.db.executemany("DELETE FROM pending WHERE user_id = ?", [(u,) for u in pending])
            self.db.executemany(
                "INSERT INTO vectors_pending (user_id, version) VALUES (?, ?) "
                "ON CONFLICT (user_id) DO UPDATE SET version = excluded.version",
                [(p.user_id, version) for p in profiles] + [(u, 0) for u in gone])
            self.db.execute("INSERT OR IGNORE INTO pending (user_id) SELECT user_id FROM intake_touch WHERE seq > ?", (seq,))
        return Pass(started, time.time(), sorted(with_events), gone, seq=seq, timings={"cpu": round(time.process_time() - cpu, 4)})

    def vectors_pass(self, budget_s: float | None, limit: int | None = None, summary_budget_s: float | None = None,
                     embed: bool = True) -> Pass | None:
        """Write the vectors of the customers stale longest, as many as ``budget_s`` seconds allow (by the
        measured cost of a vector; None: up to MAX_VECTOR_CHUNK) or ``limit``. None when none was stale.

        ``summary_budget_s``: embed at most this long's worth of summary texts nobody had yet (oldest marks'
        first; None: all); a customer whose summary still has no vector keeps their mark for a later pass, so
        customers with a known summary are not held up behind a fresh home's first minute of embedding.
        ``embed=False``: embed none (only customers whose summary has a vector are written; the collector's
        vectors process embeds the others' texts on a thread beside the passes, ``waiting_summaries``).

        The pass ends once the vectors are in Chroma, the facts stamped and the marks cleared; new catalogue
        products are synced into Chroma after that (no customer's vectors wait for them)."""
        size = MAX_VECTOR_CHUNK if budget_s is None else int(budget_s / self.seconds_per_vector)
        size = limit if limit is not None else max(MIN_VECTOR_CHUNK, min(MAX_VECTOR_CHUNK, size))
        marks = self.db.execute("SELECT user_id, version FROM vectors_pending ORDER BY rowid LIMIT ?", (size,)).fetchall()
        if not marks:
            self._sync_products(False, PRODUCT_CACHE_WAIT_S if not embed else 0.0)
            return None
        started, cpu = time.time(), time.process_time()
        clock = _Clock()
        users = [u for u, _ in marks]
        stored = {u: v for u, v in self.home.facts.vectors(users).items() if v.has_interest}
        rebuilt = self._rebuild_unkept([u for u in users if u not in stored])
        stored.update(rebuilt)
        clock.lap("read")
        summaries = [stored[u].summary for u in users if u in stored]
        ready = self._embed_summaries(summaries, summary_budget_s) if embed else self.home.vectors.profile_texts.known(summaries)
        clock.lap("embed")
        written = [u for u in users if u in stored and stored[u].summary in ready]
        gone = [u for u in users if u not in stored]
        self.home.vectors.write_vectors(written, [stored[u].interest for u in written], [stored[u].summary for u in written],
                                        lap=clock.lap)
        if gone:
            for collection in (self.home.vectors.profiles, self.home.vectors.profile_texts):
                collection.delete(ids=gone)
            clock.lap("chroma")
        version = dict(marks)
        with intake.transaction(self.db):  # a newer build's mark (a higher version) stays for the next pass
            self.db.executemany("DELETE FROM vectors_pending WHERE user_id = ? AND version <= ?",
                                [(u, stored[u].seq if u in stored else version[u]) for u in written + gone])
        clock.lap("marks")
        ended = time.time()
        if written:
            spent = ended - started - clock.laps.get("embed", 0.0)
            self.seconds_per_vector = 0.7 * self.seconds_per_vector + 0.3 * spent / len(written)
        cpu_s = time.process_time() - cpu
        self._sync_products(False, PRODUCT_CACHE_WAIT_S if not embed else 0.0)
        clock.lap("products")
        return Pass(started, ended, written, gone, stage="vectors", built=[stored[u].built or 0 for u in written],
                    timings={**clock.laps, "cpu": round(cpu_s, 4)})

    def embed_waiting_summaries(self, budget_s: float | None, scan: int = MAX_VECTOR_CHUNK) -> int:
        """Embed the summary texts nobody had yet of the ``scan`` customers stale longest (oldest marks' first),
        at most ``budget_s`` seconds' worth (at least ``min_summaries``; None: all): the next vectors pass
        writes those customers. Returns the texts embedded."""
        before = self.home.vectors.profile_texts.written
        self._embed_summaries(self.waiting_summaries(scan), budget_s)
        return self.home.vectors.profile_texts.written - before

    def waiting_summaries(self, scan: int = MAX_VECTOR_CHUNK) -> list[str]:
        """The summary texts without a vector of the ``scan`` customers stale longest, oldest marks' first."""
        users = [r[0] for r in self.db.execute("SELECT user_id FROM vectors_pending ORDER BY rowid LIMIT ?", (scan,))]
        if not users:
            return []
        summaries = self.home.facts.summaries(users)
        texts = [summaries[u] for u in users if u in summaries]
        known = self.home.vectors.profile_texts.known(texts)
        return [s for s in dict.fromkeys(texts) if s not in known]

    def _embed_summaries(self, summaries: Sequence[str], budget_s: float | None) -> set[str]:
        """The summaries that have a vector after embedding the new ones, in order, as ``budget_s`` allows."""
        texts = self.home.vectors.profile_texts
        ready = texts.known(summaries)
        new = [s for s in dict.fromkeys(summaries) if s not in ready]
        if budget_s is not None:
            new = new[:max(self.min_summaries, int(budget_s / self.seconds_per_summary))]
        if new:
            started = time.perf_counter()
            texts.ensure(new)
            self.seconds_per_summary = 0.7 * self.seconds_per_summary + 0.3 * (time.perf_counter() - started) / len(new)
        return ready | set(new)

    def _rebuild_unkept(self, users: Sequence[str]) -> dict[str, StoredVectors]:
        """Stale customers whose stored build kept no interest vector (a home from before they were kept, or
        facts written outside the collector meanwhile): rebuilt now, their vectors from the new build."""
        if not users:
            return {}
        self._sync_products(False)  # the builder here must know the catalogue the events name
        seq = int(self.db.execute("SELECT seq FROM intake_clock WHERE id = 1").fetchone()[0])  # read before the events
        alive = sorted(self._with_events(list(users)))
        if not alive:
            return {}
        profiles = self.home.profiles.build(alive)
        current = self.home.facts.vectors([p.user_id for p in profiles])
        return {p.user_id: StoredVectors(current[p.user_id].seq, seq, p.summary_text(), True, p.interest_vector)
                for p in profiles if p.user_id in current}

    def _with_events(self, users: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in range(0, len(users), 900):
            part = users[chunk:chunk + 900]
            found.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT user_id FROM events WHERE user_id IN ({','.join('?' * len(part))})", part))
        return found

    def _sync_products(self, builder_only: bool, wait_for_cache_s: float = 0.0) -> None:
        """Products the intake added to the catalogue (seen in events, not there yet) reach the builder
        (``builder_only``: the event log has them already) or also Chroma (the process that owns it).

        ``wait_for_cache_s``: a product whose text vector is not in the embedding cache yet waits up to this
        long after it was first seen here: the facts process embeds it for the builds that name it (the cache
        is shared), so the vectors process does not embed it a second time meanwhile."""
        current = self._catalogue_ids()
        fresh = current - self.catalogue
        if not fresh:
            return
        if builder_only:
            self.home.profiles.reset_builder()
            self.catalogue = current
            return
        products = self.home.log.products()
        todo = [products[i] for i in sorted(fresh) if i in products]
        if wait_for_cache_s > 0:
            now = time.monotonic()
            embedder = self.home.profiles.embedder
            cached = embedder.cache.get_many([embedder.text_key(p.text) for p in todo])
            for p in todo:
                self._product_seen.setdefault(p.item_id, now)
            todo = [p for p in todo if embedder.text_key(p.text) in cached or now - self._product_seen[p.item_id] >= wait_for_cache_s]
        if todo:
            self.home.profiles.add_products(todo)
        done = {p.item_id for p in todo}
        self.catalogue |= done | {i for i in fresh if i not in products}
        for item in done:
            self._product_seen.pop(item, None)

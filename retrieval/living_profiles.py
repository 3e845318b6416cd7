"""Living profiles: the event log, the builder and Chroma together, for full rebuilds and incremental
updates that agree with each other.

``apply(events)`` stores new events (a known event id changes nothing) and rebuilds only the
profiles of the users they touch, from all of those users' events, so the result equals a rebuild.
Time-relative facts (recency, lifecycle stage) use ``reference_time``: by default the newest event in
the log, the data's own clock. Untouched profiles keep theirs until the next ``rebuild``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property

from encoders.data.schema import Event, Product
from encoders.embedder import Embedder
from encoders.intent.classifier import LABELS_FILE, IntentClassifier
from encoders.profile.builder import ProfileBuilder
from encoders.profile.model import Profile
from encoders.settings import Settings
from retrieval.event_log import EventLog
from retrieval.identity import IdentityFacts
from retrieval.segments import SegmentModel, fit_segments
from retrieval.vector_store import VectorStore


@dataclass(frozen=True)
class ApplyResult:
    new_events: int
    touched_users: list[str]


class LivingProfiles:
    """Keeps the stored profiles equal to a build over the event log, one touched customer at a time.
    Built by the home (retrieval.home), which owns the log, the vector store and the embedder."""

    def __init__(self, settings: Settings, embedder: Embedder, log: EventLog, vectors: VectorStore | None) -> None:
        """``vectors`` None: a process that builds profiles without Chroma (the collector's facts process):
        products are not synced to Chroma and nothing is stored through ``apply``/``rebuild``/``update``."""
        self.settings = settings
        self.embedder = embedder
        self.log = log
        self.vectors = vectors
        self.segments = SegmentModel.load(settings.segments_path)
        self._builder: ProfileBuilder | None = None
        self._decoded: dict[str, Event] | None = None
        self._decoded_max = 0

    def keep_decoded_events(self, max_events: int) -> None:
        """Keep up to ``max_events`` decoded events between builds (then start over), for a process that
        rebuilds the same customers again and again (the collector's applier): only new rows are decoded."""
        self._decoded, self._decoded_max = {}, max_events

    @property
    def builder(self) -> ProfileBuilder:
        """One builder per catalogue version, so item vectors stay in memory between updates."""
        if self._builder is None:
            products = self.log.products()
            self._sync_products(products)
            self._builder = ProfileBuilder(self.settings, self.embedder, products, self._intent_classifier())
        return self._builder

    def _sync_products(self, products: dict[str, Product]) -> None:
        """Catalogue products the vector store lacks (ingested but never built, e.g. a home that only
        follows an event feed) are embedded and stored, so suggestions can find them."""
        if self.vectors is None:
            return
        stored = set(self.vectors.products.get(include=[])["ids"])
        missing = [p for item_id, p in products.items() if item_id not in stored]
        if missing:
            self.vectors.upsert_products(missing)

    def _intent_classifier(self) -> IntentClassifier | None:
        """The trained intent head when there is one (`portrait train-intent`); profiles then carry
        the intent mix and open problems of support messages."""
        folder = self.settings.intent_model_dir
        return IntentClassifier(folder) if (folder / LABELS_FILE).exists() else None

    def sync_catalogue_vectors(self) -> None:
        """Store the vectors of catalogue products Chroma lacks (what the first build does anyway)."""
        self._sync_products(self.log.products())

    def reset_builder(self) -> None:
        """The catalogue in the event log changed: the next build reads it again."""
        self._builder = None

    def add_products(self, products: Sequence[Product]) -> None:
        self.log.add_products(products)
        if self.vectors is not None:
            self.vectors.upsert_products(products)
        self._builder = None

    def reference_time(self) -> datetime | None:
        """The data clock (see EventLog.data_clock): time-relative facts are measured from it."""
        latest = self.log.data_clock(self.settings.clock_support_days)
        return datetime.fromisoformat(latest) if latest else None

    def apply(self, events: Iterable[Event], reference_time: datetime | None = None) -> ApplyResult:
        """Add events and update just the profiles they touch, and any a crash left pending."""
        added = self.log.add_events(events)
        touched = self.log.pending_users()
        if touched:
            self._store(self._build(touched, reference_time))
            self.log.clear_pending(touched)
        return ApplyResult(new_events=len(added), touched_users=touched)

    def rebuild(self, user_ids: Sequence[str] | None = None, reference_time: datetime | None = None) -> list[Profile]:
        """Build profiles (all, or some) from the whole log; fits segments when none exist yet."""
        profiles = self._build(user_ids, reference_time)
        if self.segments is None and user_ids is None and len(profiles) > 10:
            self._fit(profiles)
        stored = self._store(profiles)
        self.log.clear_pending(user_ids)
        return stored

    def fit_segments(self) -> SegmentModel:
        """(Re)cluster all stored profiles and store the new memberships."""
        profiles = self.vectors.all_profiles()
        model = self._fit(profiles)
        self._store(profiles)
        return model

    def _fit(self, profiles: list[Profile]) -> SegmentModel:
        self.segments = fit_segments(profiles, seed=0)
        self.segments.save(self.settings.segments_path)
        return self.segments

    def _build(self, user_ids: Sequence[str] | None, reference_time: datetime | None) -> list[Profile]:
        reference = reference_time or self.reference_time()
        if reference is None:
            return []
        if self._decoded is not None and len(self._decoded) > self._decoded_max:
            self._decoded.clear()
        return self.identity.decorate(self.builder.build_many(self.log.events_by_user(user_ids, self._decoded), reference))

    @cached_property
    def identity(self) -> IdentityFacts:
        """What identity stitching adds to every build (merged ids, an identify's country); see retrieval.identity."""
        return IdentityFacts(self.log.path)

    def update(self, user_ids: Sequence[str], reference_time: datetime | None = None) -> list[Profile]:
        """Rebuild and store these customers' profiles, leaving their pending marks to the caller (the
        collector's applier clears only the marks it has seen; see retrieval.live)."""
        return self._store(self._build(user_ids, reference_time))

    def build(self, user_ids: Sequence[str], reference_time: datetime | None = None) -> list[Profile]:
        """These customers' profiles as ``update`` would store them (segments assigned), not stored: the
        collector's applier stores their facts first and their vectors after (see retrieval.live)."""
        return self._assign(self._build(user_ids, reference_time))

    def _assign(self, profiles: list[Profile]) -> list[Profile]:
        return self.segments.assign(profiles) if self.segments is not None else profiles

    def _store(self, profiles: list[Profile]) -> list[Profile]:
        profiles = self._assign(profiles)
        self.vectors.upsert_profiles(profiles)
        return profiles

"""The one door to a home: ``open_home(settings)`` builds the event log, the fact and vector stores, the
embedder and the living profiles of one home folder, once, and every room (CLI, app, agent,
benchmarks) asks it for them instead of wiring constructors by hand."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path

from encoders.data.rejects import LoadResult, Reject
from encoders.data.schema import Event
from encoders.data.sources import SourceFormat, load_source
from encoders.embedder import Embedder
from encoders.profile.model import Profile
from encoders.settings import Settings
from retrieval.erasure import ErasureReport, forget
from retrieval.event_log import EventLog
from retrieval.fact_store import FactStore
from retrieval.living_profiles import LivingProfiles
from retrieval.recommend.base import Recommender, Suggestion
from retrieval.segments import SegmentModel
from retrieval.vector_store import VectorStore


class UnknownCustomerError(LookupError):
    """No stored profile has this customer id."""


@dataclass(frozen=True)
class IngestResult:
    load: LoadResult
    new_events: int
    products: int


@dataclass(frozen=True)
class BuildResult:
    profiles: int
    products: int
    events: int
    seconds: float
    reference_time: datetime | None


class Home:
    """Everything stored under ``settings.home``. Parts open on first use, so a command that only
    reads the event log never loads the embedding model or Chroma."""

    def __init__(self, settings: Settings, embedder: Embedder | None = None, chroma: bool = True) -> None:
        """``chroma`` False: a process that must not open the home's Chroma (the collector's facts process,
        beside its vectors process, which owns it): ``profiles`` then builds without storing vectors."""
        self.settings = settings
        self.chroma = chroma
        if embedder is not None:  # e.g. one model and cache shared by many homes in one process
            self.embedder = embedder

    @cached_property
    def embedder(self) -> Embedder:
        return Embedder(self.settings)

    @cached_property
    def log(self) -> EventLog:
        return EventLog(self.settings.event_db)

    @cached_property
    def facts(self) -> FactStore:
        return FactStore(self.settings.fact_db)

    @cached_property
    def vectors(self) -> VectorStore:
        if not self.chroma:
            raise RuntimeError("this home was opened without Chroma (open_home(..., chroma=False))")
        return VectorStore(self.settings, self.embedder, self.facts)

    @cached_property
    def profiles(self) -> LivingProfiles:
        return LivingProfiles(self.settings, self.embedder, self.log, self.vectors if self.chroma else None)

    @property
    def segments(self) -> SegmentModel | None:
        return self.profiles.segments

    def close(self) -> None:
        if "log" in self.__dict__:
            self.log.close()

    def __enter__(self) -> Home:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- the main job ---------------------------------------------------------------------------

    def ingest(self, path: Path, fmt: SourceFormat, report_path: Path | None = None) -> IngestResult:
        """Validate a source, keep every valid row in the event log, report the rejected ones."""
        result = load_source(path, fmt)
        self._reject_conflicts(result)
        added = self.log.add_events(result.events)
        self.log.add_products(result.products)
        report_path = report_path or self.settings.reports_dir / f"ingest-{path.name.split('.')[0]}.json"
        report_path.parent.mkdir(parents=True, exist_ok=True)
        result.write_report(report_path)
        return IngestResult(load=result, new_events=len(added), products=len(result.products))

    @staticmethod
    def _conflict_reject(event: Event, row: int) -> Reject:
        return Reject(row, "event_id", "event_id stored with other content",
                      f"event {event.event_id!r} is already stored with different content; the stored one is kept",
                      event.model_dump(mode="json"))

    def _reject_conflicts(self, result: LoadResult) -> None:
        """A re-imported event id whose content changed is not applied: it becomes a reject."""
        conflicts = {e.event_id for e in self.log.conflicting(result.events)}
        if conflicts:
            for event in result.events:
                if event.event_id in conflicts:
                    result.reject(self._conflict_reject(event, result.source_rows.get(event.event_id, 0)))
            result.events = [e for e in result.events if e.event_id not in conflicts]

    def build(self, user_ids: list[str] | None = None) -> BuildResult:
        """(Re)build profiles for the given users, or all, from the event log; upsert products too."""
        started = time.perf_counter()
        products = self.log.products()
        self.vectors.upsert_products(list(products.values()))
        profiles = self.profiles.rebuild(user_ids)
        return BuildResult(
            profiles=len(profiles),
            products=len(products),
            events=sum(p.n_events for p in profiles),
            seconds=time.perf_counter() - started,
            reference_time=self.profiles.reference_time(),
        )

    # --- reads ----------------------------------------------------------------------------------

    def profile(self, user_id: str) -> Profile:
        """One customer's stored profile, or UnknownCustomerError saying how to get one."""
        profile = self.vectors.get_profile(user_id)
        if profile is None:
            raise UnknownCustomerError(f"No profile for customer {user_id!r}. Run `portrait build` after ingesting events.")
        return profile

    def user_ids(self) -> list[str]:
        return self.vectors.user_ids()

    def data_clock(self) -> datetime:
        """The data's own "now" (``EventLog.data_clock`` with the settings' support window); now when the log is empty."""
        stamp = self.log.data_clock(self.settings.clock_support_days)
        return datetime.fromisoformat(stamp) if stamp else datetime.now(timezone.utc)

    # --- suggestions ----------------------------------------------------------------------------

    @property
    def recommender_path(self) -> Path:
        return self.settings.home / "models" / "recommender.pkl"

    @cached_property
    def recommender(self) -> Recommender:
        """The fitted recommender saved under the home's models folder, fitted from the event log
        (and saved) when there is none yet; ``fit_recommender`` refits it."""
        from retrieval.recommend.from_log import load_or_none

        return load_or_none(self.recommender_path) or self.fit_recommender()

    def fit_recommender(self) -> Recommender:
        """Fit Portrait's recommender on the whole event log and save it in the home."""
        from retrieval.recommend.from_log import fit_from_log

        model = fit_from_log(self.log.events_by_user(), self.log.products().values(), self.embedder)
        model.save(self.recommender_path)
        self.__dict__["recommender"] = model
        return model

    def recommend(self, user_id: str, k: int = 5) -> list[Suggestion]:
        """Suggestions for one customer from their events as they are now, each with its reasons and
        the path taken (history, or a cold start: popular in their country, their searches, the
        neighbours of their one purchase); what they bought is left out."""
        from retrieval.recommend.from_log import live_context

        profile = self.profile(user_id)
        model = self.recommender
        events = self.log.events_by_user([user_id]).get(user_id, [])
        context = live_context(model, user_id, events, self.embedder, group=str(profile.fact_value("country") or ""))
        if hasattr(model, "neighbour_source") and profile.interest_vector is not None:
            interest = profile.interest_vector
            model.neighbour_source = lambda _context, _vector: self.vectors.nearest_profile_ids(interest, k=int(model.params.get("neighbours", 50)))
        return model.recommend_context(context, k)


    def forget(self, user_id: str) -> ErasureReport:
        """Erase one customer everywhere this home keeps them (see retrieval.erasure)."""
        return forget(self, user_id)


def open_home(settings: Settings, embedder: Embedder | None = None, chroma: bool = True) -> Home:
    return Home(settings, embedder, chroma)

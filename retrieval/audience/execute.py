"""Runs an AudienceQuery exactly over the columnar tables: each condition is a boolean mask over all
customers (sorted by id), combined with and / or / not; "likely to buy" ranks what is left."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from retrieval.audience.query import (
    AllOf,
    AnyOf,
    AudienceQuery,
    Condition,
    Country,
    Did,
    Label,
    Likely,
    Measure,
    Not,
    Rating,
    SupportIntent,
    When,
)
from retrieval.audience.tables import SECONDS_PER_DAY, AudienceTables

COMPARE: dict[str, Callable[[object, object], object]] = {
    ">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "=": operator.eq, "!=": operator.ne,
}
Similarity = Callable[[str], pd.Series]
"""Cosine similarity of every customer's interest vector to a text, indexed by user id."""


class QueryError(ValueError):
    """A query the executor cannot run on this home (e.g. ranking without interest vectors)."""


@dataclass
class Selection:
    user_ids: list[str]
    similarity: dict[str, float] = field(default_factory=dict)


def day_start(day: object) -> int:
    return int(pd.Timestamp(day, tz="UTC").timestamp())


def _when(condition: When, tables: AudienceTables) -> np.ndarray:
    ts = tables.customers[condition.event].to_numpy(dtype=float)
    known = ~np.isnan(ts)
    if condition.relation == "within_days":
        hit = ts >= tables.clock - condition.days * SECONDS_PER_DAY
    elif condition.relation == "more_than_days_ago":
        hit = ts < tables.clock - condition.days * SECONDS_PER_DAY
    elif condition.relation == "before":
        hit = ts < day_start(condition.day)
    elif condition.relation == "since":
        hit = ts >= day_start(condition.day)
    else:
        hit = ts >= day_start(condition.day) + SECONDS_PER_DAY
    return known & hit


def _did(condition: Did, tables: AudienceTables) -> np.ndarray:
    events = tables.events
    scope = np.ones(len(events), dtype=bool)
    if condition.target is not None:
        column = {"category": "category", "brand": "brand", "product": "item_id"}[condition.target.type]
        scope &= (events[column] == condition.target.value).to_numpy()
    if condition.within_days is not None:
        scope &= (events["ts"] >= tables.clock - condition.within_days * SECONDS_PER_DAY).to_numpy()
    if condition.since is not None:
        scope &= (events["ts"] >= day_start(condition.since)).to_numpy()
    kinds = events["type"]

    def users(types: list[str]) -> np.ndarray:
        chosen = events.loc[scope & kinds.isin(types).to_numpy(), "user_id"]
        return tables.customers.index.isin(chosen.unique())

    if condition.action == "browsed_without_buying":
        return users(["view", "cart"]) & ~users(["purchase"])
    kind = {"bought": "purchase", "returned": "return", "reviewed": "review"}[condition.action]
    return users([kind])


def _measure(condition: Measure, tables: AudienceTables) -> np.ndarray:
    values = tables.customers[condition.measure].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(values) & COMPARE[condition.op](np.round(values, 2), condition.value)


def _rating(condition: Rating, tables: AudienceTables) -> np.ndarray:
    values = tables.customers[f"rating_{condition.which}"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore"):
        return ~np.isnan(values) & COMPARE[condition.op](values, condition.value)


def _label(condition: Label, tables: AudienceTables) -> np.ndarray:
    if condition.label not in tables.customers or tables.customers[condition.label].isna().all():
        raise QueryError(f"no profile labels in this home: run `portrait build` to have {condition.label}")
    return tables.customers[condition.label].isin(condition.values).to_numpy()


def _support_intent(condition: SupportIntent, tables: AudienceTables) -> np.ndarray:
    wanted = condition.intent
    return np.array([wanted in tables.intents.get(user, ()) for user in tables.customers.index], dtype=bool)


def mask(condition: Condition, tables: AudienceTables) -> np.ndarray:
    """Which customers (in ``tables.customers`` order) meet a condition without a ranking."""
    if isinstance(condition, AllOf):
        return np.logical_and.reduce([mask(c, tables) for c in condition.conditions])
    if isinstance(condition, AnyOf):
        return np.logical_or.reduce([mask(c, tables) for c in condition.conditions])
    if isinstance(condition, Not) and isinstance(condition.condition, Country):
        # a country comes from purchases: a customer without one is neither in nor outside a country
        known = tables.customers["country"].notna() & (tables.customers["country"] != "")
        return known.to_numpy() & ~mask(condition.condition, tables)
    if isinstance(condition, Not):
        return ~mask(condition.condition, tables)
    if isinstance(condition, Country):
        return tables.customers["country"].isin(condition.countries).to_numpy()
    if isinstance(condition, When):
        return _when(condition, tables)
    if isinstance(condition, Measure):
        return _measure(condition, tables)
    if isinstance(condition, Did):
        return _did(condition, tables)
    if isinstance(condition, Rating):
        return _rating(condition, tables)
    if isinstance(condition, Label):
        return _label(condition, tables)
    if isinstance(condition, SupportIntent):
        return _support_intent(condition, tables)
    raise QueryError(f"a {condition.kind!r} condition cannot be nested here")


def execute(query: AudienceQuery, tables: AudienceTables, similarity: Similarity | None = None) -> Selection:
    """The exact set of customers (sorted by id, or by similarity when the query ranks)."""
    parts = query.conditions()
    ranking = next((c for c in parts if isinstance(c, Likely)), None)
    rest = [c for c in parts if not isinstance(c, Likely)]
    keep = np.ones(len(tables.customers), dtype=bool)
    for condition in rest:
        keep &= mask(condition, tables)
    ids = tables.customers.index[keep]
    if ranking is None:
        return Selection(user_ids=list(ids))
    if similarity is None:
        raise QueryError("'likely to buy' needs the interest vectors of a built home")
    scores = similarity(ranking.text).reindex(ids).dropna()
    scores = scores.iloc[np.lexsort((scores.index.to_numpy(), -scores.to_numpy()))]
    if ranking.min_similarity is not None:
        scores = scores[scores >= ranking.min_similarity]
    if ranking.top is not None:
        scores = scores.iloc[: ranking.top]
    return Selection(user_ids=list(scores.index), similarity={u: round(float(s), 4) for u, s in scores.items()})

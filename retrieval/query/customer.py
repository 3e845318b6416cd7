"""The customer query: what of one customer's events, in one flat typed model.

A query picks events (``EventScope``: types, names, a time window, a rating range, one order) and says
what of them (``measure`` and, for some measures, ``field``). The executor
(``retrieval.query.measure``) computes it exactly over the event log and cites the events it used;
``retrieval.query.words`` restates it in plain words. The names (categories, brands, products) are the
shop's own, the same vocabulary the audience conditions use (``retrieval.audience.vocabulary``).

Meanings (the independent pandas reference is eval/data/make_staff_questions.py):
- the *data clock* is the home's (``EventLog.data_clock``); "last N days" is ``ts >= clock - N x 24h``;
  a calendar month or year is that UTC month/year; "before D" is ``ts < D 00:00``, "after D" is
  ``ts >= D+1 00:00``, "since D" is ``ts >= D 00:00``, "between A and B" is ``A 00:00 <= ts < B+1 00:00``
  (all UTC);
- ``count``: events in scope; ``units``: sum of quantity (missing = 1); ``orders``: distinct ``order_id``
  (an event without one is its own order); ``amount``: sum of price x quantity; ``net``: the amount of
  purchases minus the amount of returns in scope (types are purchase and return);
- ``mean`` / ``min`` / ``max``: of a numeric field (rating, price, quantity, amount) over events that have it;
- ``first`` / ``last``: the field of the oldest / newest event in scope (ties by event id); ``list``: the
  field of every event in scope, oldest first; ``distinct``: how many different values of the field;
- ``share``: the scope's amount (purchases) as a percentage of the same types' amount without the name
  filters (category / brand / product), in the same window;
- ``order``: "first" / "last" keeps the events of the customer's oldest / newest order among the scope's
  purchases (and returns of it); any other value is an order id.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

EventKind = Literal["view", "search", "cart", "purchase", "return", "review", "support_message"]
MeasureKind = Literal["count", "units", "orders", "amount", "net", "mean", "min", "max", "first", "last", "list",
                      "distinct", "share"]
FieldName = Literal["date", "product", "category", "brand", "rating", "price", "quantity", "amount", "text", "reason",
                    "order"]
NUMERIC_FIELDS: frozenset[str] = frozenset({"rating", "price", "quantity", "amount"})
NEEDS_FIELD: frozenset[str] = frozenset({"mean", "min", "max", "first", "last", "list", "distinct"})


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Window(_Node):
    """A time window relative to the data clock or to calendar dates (UTC)."""

    relation: Literal["last_days", "month", "year", "between", "before", "after", "since"]
    days: int | None = Field(None, ge=1, description="for last_days")
    start: date | None = Field(None, description="month/year: any day in it; between/since/after/before: the date")
    end: date | None = Field(None, description="between: the last day, included")

    @model_validator(mode="after")
    def _operands(self) -> Window:
        if self.relation == "last_days" and self.days is None:
            raise ValueError("'last_days' needs days")
        if self.relation != "last_days" and self.start is None:
            raise ValueError(f"'{self.relation}' needs a start date")
        if self.relation == "between" and (self.end is None or self.end < self.start):  # type: ignore[operator]
            raise ValueError("'between' needs an end date on or after the start")
        return self


class EventScope(_Node):
    """Which of the customer's events a measure reads. Empty lists mean "any"."""

    types: list[EventKind] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list, description="the shop's category names")
    brands: list[str] = Field(default_factory=list, description="the shop's brand names")
    products: list[str] = Field(default_factory=list, description="product ids")
    window: Window | None = None
    min_rating: float | None = Field(None, ge=0, le=5)
    max_rating: float | None = Field(None, ge=0, le=5)
    order: str | None = Field(None, description="'first', 'last' or an order id")


class CustomerQuery(_Node):
    """``measure`` (of ``field``) over the customer's events in ``scope``."""

    measure: MeasureKind
    field: FieldName | None = None
    scope: EventScope = Field(default_factory=EventScope)

    @model_validator(mode="after")
    def _field_fits(self) -> CustomerQuery:
        if self.measure in NEEDS_FIELD and self.field is None:
            raise ValueError(f"'{self.measure}' needs a field")
        if self.measure in ("mean", "min", "max") and self.field not in NUMERIC_FIELDS:
            raise ValueError(f"'{self.measure}' needs a numeric field ({', '.join(sorted(NUMERIC_FIELDS))})")
        if self.measure == "net" and set(self.scope.types) - {"purchase", "return"}:
            raise ValueError("'net' reads purchases and returns only")
        return self

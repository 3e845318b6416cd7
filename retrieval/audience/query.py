"""The typed audience query: conditions over a shop's customers, combined with all / any / not.

Every condition has one documented meaning over the event log and the profile facts (the executor,
retrieval.audience.execute, implements exactly these; eval/data/make_audience_questions.py
re-implements them in pandas as the independent reference):

- A *customer* is anyone with at least one event. The *data clock* is the newest event in the log.
  "within the last N days" means ``ts >= clock - N x 24h``; "more than N days ago" means
  ``ts < clock - N x 24h``. Dates compare with the start of that day (UTC): "before D" is
  ``ts < D 00:00``, "after D" is ``ts >= D+1 00:00``, "since D" is ``ts >= D 00:00``.
- ``country``: the most common ``country`` on the customer's purchases (all their events when no
  purchase has one); ties go to the alphabetically first country.
- ``when``: first seen (oldest event), last seen (newest event) or last purchase (newest purchase).
  A customer without purchases matches no ``last_purchase`` condition, so "haven't ordered in 60 days"
  is ``not(last_purchase within 60 days)`` and includes people who never ordered.
- ``measure``: orders (distinct ``order_id`` of purchases; ``invoice`` or the purchase's day when an
  event has none), net spend (sum of quantity x price of purchases minus returns), average order value
  (purchase amount / orders; customers without orders have none and match no comparison), number of
  returns, reviews and support messages (events of that type).
- ``did``: bought (>= 1 purchase, returned or not), browsed without buying (viewed or carted and no
  purchase, both within the window), returned, reviewed; of a category, brand or product (or anything),
  optionally within the last N days.
- ``rating``: the latest, lowest, highest or average star rating of the customer's reviews.
- ``support_intent``: the intent head's label on at least one of the customer's support messages
  (the profile's ``intent_mix``; needs a trained intent head).
- ``label``: the profile's own labels: lifecycle stage, segment name, spend band, price band, top
  category.
- ``likely``: customers ranked by cosine similarity of their interest vector to the text's embedding;
  keeps the ``top`` N and/or those with similarity >= ``min_similarity``, among the customers that meet
  every other condition. Only allowed as a top-level condition of the query (ranking under ``not`` or
  ``any`` has no clear meaning).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator

Comparison = Literal[">", ">=", "<", "<=", "=", "!="]


class _Node(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Country(_Node):
    kind: Literal["country"] = "country"
    countries: list[str] = Field(min_length=1, description="customer's main country is one of these")


class When(_Node):
    kind: Literal["when"] = "when"
    event: Literal["first_seen", "last_seen", "last_purchase"]
    relation: Literal["within_days", "more_than_days_ago", "before", "after", "since"]
    days: int | None = Field(None, ge=0, description="for within_days / more_than_days_ago")
    day: date | None = Field(None, description="for before / after / since")

    @model_validator(mode="after")
    def _operand(self) -> When:
        needs_days = self.relation in ("within_days", "more_than_days_ago")
        if needs_days and self.days is None:
            raise ValueError(f"'{self.relation}' needs days")
        if not needs_days and self.day is None:
            raise ValueError(f"'{self.relation}' needs a day")
        return self


class Measure(_Node):
    kind: Literal["measure"] = "measure"
    measure: Literal["orders", "net_spend", "avg_order_value", "returns", "reviews", "support_messages"]
    op: Comparison
    value: float


class Target(_Node):
    type: Literal["category", "brand", "product"]
    value: str = Field(min_length=1, description="a known category, brand, or product id")


class Did(_Node):
    kind: Literal["did"] = "did"
    action: Literal["bought", "browsed_without_buying", "returned", "reviewed"]
    target: Target | None = Field(None, description="None: anything")
    within_days: int | None = Field(None, ge=0)
    since: date | None = Field(None, description="only what they did on or after this day")


class Rating(_Node):
    kind: Literal["rating"] = "rating"
    which: Literal["latest", "min", "max", "average"]
    op: Comparison
    value: float = Field(ge=0, le=5)


class SupportIntent(_Node):
    kind: Literal["support_intent"] = "support_intent"
    intent: str = Field(min_length=1)


class Label(_Node):
    kind: Literal["label"] = "label"
    label: Literal["stage", "segment", "spend_band", "price_band", "top_category"]
    values: list[str] = Field(min_length=1)


class Likely(_Node):
    kind: Literal["likely"] = "likely"
    text: str = Field(min_length=1, description="what they are likely to buy, in words")
    top: int | None = Field(None, ge=1)
    min_similarity: float | None = Field(None, ge=-1, le=1)


class Not(_Node):
    kind: Literal["not"] = "not"
    condition: Condition


class AllOf(_Node):
    kind: Literal["all"] = "all"
    conditions: list[Condition] = Field(min_length=1)


class AnyOf(_Node):
    kind: Literal["any"] = "any"
    conditions: list[Condition] = Field(min_length=1)


Condition = Annotated[
    Union[Country, When, Measure, Did, Rating, SupportIntent, Label, Likely, Not, AllOf, AnyOf],
    Field(discriminator="kind"),
]
Leaf = Annotated[
    Union[Country, When, Measure, Did, Rating, SupportIntent, Label, Likely],
    Field(discriminator="kind"),
]
"""A condition that is not an and / or / not."""
for _model in (Not, AllOf, AnyOf):
    _model.model_rebuild()


class AudienceQuery(_Node):
    """Customers matching ``condition`` (everyone when it is None)."""

    condition: Condition | None = None

    @model_validator(mode="after")
    def _likely_on_top(self) -> AudienceQuery:
        top_level = self.condition.conditions if isinstance(self.condition, AllOf) else [self.condition]
        nested = [c for c in top_level if c is not None and not isinstance(c, Likely) and _has_likely(c)]
        if nested:
            raise ValueError("'likely to buy' can only be combined with 'and', not under 'not' or 'or'")
        if sum(isinstance(c, Likely) for c in top_level) > 1:
            raise ValueError("only one 'likely to buy' ranking per query")
        return self

    def conditions(self) -> list[Condition]:
        """Top-level conditions (those joined by 'and')."""
        if self.condition is None:
            return []
        return list(self.condition.conditions) if isinstance(self.condition, AllOf) else [self.condition]


def _has_likely(condition: Condition) -> bool:
    if isinstance(condition, Likely):
        return True
    if isinstance(condition, Not):
        return _has_likely(condition.condition)
    if isinstance(condition, (AllOf, AnyOf)):
        return any(_has_likely(c) for c in condition.conditions)
    return False


def leaves(condition: Condition | None) -> list[Condition]:
    """Every non-boolean condition in a tree, in order."""
    if condition is None:
        return []
    if isinstance(condition, Not):
        return leaves(condition.condition)
    if isinstance(condition, (AllOf, AnyOf)):
        return [leaf for c in condition.conditions for leaf in leaves(c)]
    return [condition]


def all_of(conditions: list[Condition]) -> Condition | None:
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else AllOf(conditions=conditions)

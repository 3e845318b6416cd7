"""An AudienceQuery in plain words, with the data clock's date, so a marketer can check it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

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
    Target,
    When,
)

_OPS = {">": "more than", ">=": "at least", "<": "less than", "<=": "at most", "=": "exactly", "!=": "other than"}
_MEASURES = {
    "orders": "orders", "net_spend": "net spend", "avg_order_value": "average order value",
    "returns": "returns", "reviews": "reviews", "support_messages": "support messages",
}
_EVENTS = {"first_seen": "first event", "last_seen": "last event", "last_purchase": "last purchase"}
_LABELS = {"stage": "lifecycle stage", "segment": "segment", "spend_band": "spend band", "price_band": "price band",
           "top_category": "top category"}


def _or(values: list[str]) -> str:
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _target(target: Target | None, titles: dict[str, str]) -> str:
    if target is None:
        return "anything"
    if target.type == "product":
        return f"product {target.value} ({titles.get(target.value, 'unknown')})"
    return f"{target.type} '{target.value}'"


class Describer:
    def __init__(self, clock: datetime, titles: dict[str, str] | None = None) -> None:
        self.clock = clock
        self.titles = titles or {}

    def _cutoff(self, days: int) -> str:
        return (self.clock - timedelta(days=days)).strftime("%Y-%m-%d %H:%M")

    def condition(self, condition: Condition) -> str:
        if isinstance(condition, AllOf):
            return " and ".join(self._grouped(c) for c in condition.conditions)
        if isinstance(condition, AnyOf):
            return " or ".join(self._grouped(c) for c in condition.conditions)
        if isinstance(condition, Not) and isinstance(condition.condition, Country):
            return f"whose main country is known and is not {_or(condition.condition.countries)}"
        if isinstance(condition, Not):
            return f"not those {self._grouped(condition.condition)}"
        if isinstance(condition, Country):
            return f"whose main country is {_or(condition.countries)}"
        if isinstance(condition, When):
            return self._when(condition)
        if isinstance(condition, Measure):
            amount = f"{condition.value:g}" if condition.measure in ("orders", "returns", "reviews", "support_messages") else f"{condition.value:,.2f}"
            return f"with {_OPS[condition.op]} {amount} {_MEASURES[condition.measure]}"
        if isinstance(condition, Did):
            return self._did(condition)
        if isinstance(condition, Rating):
            which = {"latest": "latest", "min": "lowest", "max": "highest", "average": "average"}[condition.which]
            return f"whose {which} review rating is {_OPS[condition.op]} {condition.value:g}"
        if isinstance(condition, SupportIntent):
            return f"who contacted support about '{condition.intent.replace('_', ' ')}'"
        if isinstance(condition, Label):
            return f"whose {_LABELS[condition.label]} is {_or(condition.values)}"
        if isinstance(condition, Likely):
            limits = []
            if condition.top is not None:
                limits.append(f"the {condition.top} most similar")
            if condition.min_similarity is not None:
                limits.append(f"similarity at least {condition.min_similarity:g}")
            return f"most likely to buy '{condition.text}' (interest similarity; {', '.join(limits) or 'ranked'})"
        raise TypeError(condition)

    def _grouped(self, condition: Condition) -> str:
        text = self.condition(condition)
        return f"({text})" if isinstance(condition, (AllOf, AnyOf)) else text

    def _when(self, condition: When) -> str:
        subject = _EVENTS[condition.event]
        if condition.relation == "within_days":
            return f"whose {subject} is within the last {condition.days} days (on or after {self._cutoff(condition.days)})"
        if condition.relation == "more_than_days_ago":
            return f"whose {subject} is more than {condition.days} days ago (before {self._cutoff(condition.days)})"
        return f"whose {subject} is {condition.relation} {condition.day.isoformat()}"

    def _did(self, condition: Did) -> str:
        verb = {"bought": "bought", "browsed_without_buying": "viewed or carted but did not buy",
                "returned": "returned", "reviewed": "reviewed"}[condition.action]
        window = f" within the last {condition.within_days} days" if condition.within_days is not None else ""
        if condition.since is not None:
            window += f" since {condition.since.isoformat()}"
        return f"who {verb} {_target(condition.target, self.titles)}{window}"

    def query(self, query: AudienceQuery) -> str:
        clock = f" (data clock: {self.clock.strftime('%Y-%m-%d %H:%M')} UTC)"
        if query.condition is None:
            return "all customers" + clock
        return "customers " + self.condition(query.condition) + clock


def clock_datetime(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, tz=timezone.utc)

"""A customer query and its answer in plain words: the reading is restated with the answer, so staff can check it.

An answer names the measure, the events it read (types, the shop's names, the window with its real dates
from the data clock, a rating range, an order), the value, and cites up to five event ids:

    Spend before returns, purchases in category 'electronics': 596.99 over 3 purchases [E12, E40, E77]
    Orders, purchases in the 90 days to 2026-10-31 (on or after 2026-08-02 14:00 UTC): 2 orders [E1, E9]
    First purchase: 2026-03-02 [E3]
    No reviews of 3 stars or less in September 2026.

An empty scope still states the reading and says "none" / "no ..." in words. Shopper text (review texts,
support messages, return reasons) appears only in double quotes, as data. Names and windows are phrased
as in :mod:`retrieval.audience.words`, so staff and marketers read the same words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from retrieval.query.customer import CustomerQuery, EventScope, Window
from retrieval.query.measure import MeasureResult, show, utc_clock, window_bounds

_NOUNS: dict[str, tuple[str, str]] = {
    "purchase": ("purchase", "purchases"), "return": ("return", "returns"), "review": ("review", "reviews"),
    "view": ("product view", "product views"), "search": ("search", "searches"), "cart": ("cart add", "cart adds"),
    "support_message": ("support message", "support messages"),
}
_FIELDS: dict[str, tuple[str, str]] = {
    "date": ("date", "dates"), "product": ("product", "products"), "category": ("category", "categories"),
    "brand": ("brand", "brands"), "rating": ("rating", "ratings"), "price": ("price", "prices"),
    "quantity": ("quantity", "quantities"), "amount": ("amount", "amounts"), "text": ("text", "texts"),
    "reason": ("reason", "reasons"), "order": ("order", "orders"),
}
_MEASURE_WORDS = {
    "units": "units", "orders": "orders", "amount": "amount", "mean": "average", "min": "lowest", "max": "highest",
    "first": "first", "last": "last", "list": "list", "distinct": "different values", "share": "share",
}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quoted(values: Sequence[str]) -> str:
    """'a', 'a' or 'b', 'a', 'b' or 'c' (the audience words' form)."""
    quoted = [f"'{v}'" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _count(n: float, one: str, many: str) -> str:
    shown = show(float(n), None)
    return f"{shown} {one if n == 1 else many}"


def noun(types: Sequence[str], plural: bool = True) -> str:
    """The events read, in words: 'purchases', 'purchases and returns', 'events'."""
    if not types:
        return "events" if plural else "event"
    words = [_NOUNS[t][1 if plural else 0] for t in types]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def describe_window(window: Window | None, clock: datetime) -> str:
    """The window with its real dates: 'in the 90 days to 2026-10-31 (on or after 2026-08-02 14:00 UTC)'."""
    if window is None:
        return ""
    clock = utc_clock(clock)
    start, _ = window_bounds(window, clock)
    day = window.start
    if window.relation == "last_days":
        since = f"on or after {start:%Y-%m-%d %H:%M} UTC" if start else "all of them"
        return f"in the {window.days} days to {clock:%Y-%m-%d} ({since})"
    assert day is not None  # the model requires a start for every other relation
    if window.relation == "month":
        return f"in {_MONTHS[day.month - 1]} {day.year}"
    if window.relation == "year":
        return f"in {day.year}"
    if window.relation == "between":
        return f"between {day.isoformat()} and {window.end.isoformat()} (both days included)"  # type: ignore[union-attr]
    if window.relation == "since":
        return f"since {day.isoformat()} (that day included)"
    return f"{window.relation} {day.isoformat()}"  # before / after


def _rating(scope: EventScope) -> str:
    low, high = scope.min_rating, scope.max_rating
    if low is not None and high is not None:
        return f"of {low:g} stars" if low == high else f"rated {low:g} to {high:g} stars"
    if high is not None:
        return f"of {high:g} stars or less"
    if low is not None:
        return f"of {low:g} stars or more"
    return ""


def _order(scope: EventScope, resolved: str | None) -> str:
    if not scope.order:
        return ""
    if scope.order in ("first", "last"):
        return f"in the {scope.order} order" + (f" ({resolved})" if resolved else "")
    return f"in order {scope.order}"


def qualifiers(scope: EventScope, clock: datetime, titles: Mapping[str, str] | None = None,
               order: str | None = None) -> str:
    """Everything a scope says besides its event types, in words ('' when nothing)."""
    titles = titles or {}
    parts = []
    if scope.categories:
        parts.append(f"in categor{'y' if len(scope.categories) == 1 else 'ies'} {_quoted(scope.categories)}")
    if scope.brands:
        parts.append(f"of brand {_quoted(scope.brands)}")
    if scope.products:
        named = [f"{p} ({titles[p]})" if p in titles else p for p in scope.products]
        parts.append(f"of product {' or '.join(named)}")
    parts += [_rating(scope), _order(scope, order), describe_window(scope.window, clock)]
    return " ".join(p for p in parts if p)


def _names_only(scope: EventScope, clock: datetime, titles: Mapping[str, str] | None) -> str:
    return qualifiers(EventScope(categories=scope.categories, brands=scope.brands, products=scope.products),
                      clock, titles)


def describe_scope(scope: EventScope, clock: datetime, titles: Mapping[str, str] | None = None, *,
                   types: Sequence[str] | None = None) -> str:
    """Which events a scope reads, in words: "purchases in category 'books' in September 2026".

    ``types`` overrides the scope's own (a measure's default types, ``MeasureResult.types``)."""
    said = qualifiers(scope, clock, titles)
    head = noun(list(scope.types) if types is None else list(types))
    return f"{head} {said}" if said else head


def _tail(text: str) -> str:
    return f" {text}" if text else ""


def _money(value: float) -> str:
    return show(value, None, money=True)


class _Answer:
    """The words of one answer: the reading (measure, events, qualifiers) and the value with its citations."""

    def __init__(self, query: CustomerQuery, result: MeasureResult, clock: datetime,
                 titles: Mapping[str, str] | None) -> None:
        self.query, self.result, self.clock, self.titles = query, result, clock, titles
        self.types = list(result.types)
        self.more = qualifiers(query.scope, clock, titles, result.order)
        self.one, self.many = noun(self.types, plural=False), noun(self.types)
        self.scope = self.many + _tail(self.more)
        self.n = result.matched
        cites = result.cited()
        self.end = f" {cites}" if cites else ""
        self.none_in = f"no {self.many}"  # the reading is stated before it

    def field_words(self) -> tuple[str, str]:
        return _FIELDS[self.query.field or ""]

    def why_none(self) -> str:
        return self.none_in if self.n == 0 else f"no {self.many} with a {self.field_words()[0]}"

    def _single(self) -> str:
        return self.types[0] if len(self.types) == 1 else ""

    def no_order(self) -> str:
        m = self.query.measure
        head = {"count": _cap(self.scope), "net": "Net spend (purchases minus returns)" + _tail(self.more)}.get(m, "")
        label = f" {self.field_words()[0]}" if self.query.field else ""
        head = head or f"{_cap(_MEASURE_WORDS[m])}{label} of {self.scope}"
        order = self.query.scope.order
        return f"{head}: none ({'no orders' if order in ('first', 'last') else f'no order {order}'})."

    def count(self) -> str:
        if self.n == 0:
            return f"No {self.scope}."
        one, many = (self.one, self.many) if len(self.types) == 1 else ("event", "events")
        return f"{_cap(self.scope)}: {_count(self.n, one, many)}{self.end}"

    def units(self) -> str:
        head = {"purchase": "Units bought", "return": "Units returned"}.get(self._single(), "Units")
        if self.n == 0:
            return f"{head}, {self.scope}: 0 units ({self.none_in})."
        units = _count(self.result.value, "unit", "units")
        return f"{head}, {self.scope}: {units} over {_count(self.n, self.one, self.many)}{self.end}"

    def orders(self) -> str:
        if self.n == 0:
            return f"Orders, {self.scope}: no orders ({self.none_in})."
        return f"Orders, {self.scope}: {_count(self.result.value, 'order', 'orders')}{self.end}"

    def amount(self) -> str:
        head = {"purchase": "Spend before returns", "return": "Amount returned"}.get(self._single(), "Amount")
        if self.n == 0:
            return f"{head}, {self.scope}: 0.00 ({self.none_in})."
        return f"{head}, {self.scope}: {self.result.text} over {_count(self.n, self.one, self.many)}{self.end}"

    def net(self) -> str:
        head = "Net spend (purchases minus returns)" + _tail(self.more)
        if self.n == 0:
            return f"{head}: 0.00 (no purchases or returns)."
        p = self.result.parts
        split = (f"{_money(p['purchases'])} over {_count(p['n_purchases'], 'purchase', 'purchases')}"
                 f" minus {_money(p['returns'])} over {_count(p['n_returns'], 'return', 'returns')}")
        return f"{head}: {self.result.text} ({split}){self.end}"

    def statistic(self) -> str:
        m = self.query.measure
        head = {"mean": "Average", "min": "Lowest", "max": "Highest"}[m] + f" {self.field_words()[0]}, {self.scope}"
        if self.result.value is None:
            return f"{head}: none ({self.why_none()})."
        over = f" over {_count(self.result.parts.get('events', self.n), self.one, self.many)}" if m == "mean" else ""
        return f"{head}: {self.result.text}{over}{self.end}"

    def first_last(self) -> str:
        which = f"{self.query.measure} {self.one}{_tail(self.more)}"
        head = _cap(which) if self.query.field == "date" else f"{_cap(self.field_words()[0])} of the {which}"
        if self.result.value is None:
            return f"{head}: none ({self.why_none()})."
        return f"{head}: {self.result.text}{self.end}"

    def listed(self) -> str:
        head = f"{_cap(self.field_words()[1])} of {self.scope}"
        if not self.result.value:
            return f"{head}: none ({self.why_none()})."
        return f"{head}: {self.result.text}{self.end}"

    def distinct(self) -> str:
        head = f"Different {self.field_words()[1]} of {self.scope}"
        if not self.result.value:
            return f"{head}: 0 ({self.why_none()})."
        values = show(self.result.parts.get("values", []), self.query.field)
        return f"{head}: {self.result.value} ({values}){self.end}"

    def share(self) -> str:
        names = _names_only(self.query.scope, self.clock, self.titles)
        unnamed = self.query.scope.model_copy(update={"categories": [], "brands": [], "products": []})
        whole = f"{self.many}{_tail(qualifiers(unnamed, self.clock, self.titles, self.result.order))}"
        head = f"{_cap(self.many)}{_tail(names)} as a share of all {whole}, by amount"
        p = self.result.parts
        if self.result.value is None:
            return f"{head}: none (no {whole} to compare with)."
        of = f"{_money(p['part'])} of {_money(p['whole'])}"
        if self.n == 0:
            return f"{head}: {self.result.text} (no {self.many}{_tail(names)}; {of})."
        return f"{head}: {self.result.text} ({of}){self.end}"

    def text(self) -> str:
        if self.result.parts.get("no_order"):
            return self.no_order()
        by_measure = {
            "count": self.count, "units": self.units, "orders": self.orders, "amount": self.amount, "net": self.net,
            "mean": self.statistic, "min": self.statistic, "max": self.statistic, "first": self.first_last,
            "last": self.first_last, "list": self.listed, "distinct": self.distinct, "share": self.share,
        }
        return by_measure[self.query.measure]()


def answer_text(query: CustomerQuery, result: MeasureResult, clock: datetime,
                titles: Mapping[str, str] | None = None) -> str:
    """The answer, restating the reading: measure, events, window with dates, value, cited event ids.

    ``result`` is ``run_customer_query(query, ...)``; ``titles`` (item id -> title) names the products a
    scope filters on."""
    return _Answer(query, result, clock, titles).text()

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
        return f"in the {window.days} days to {clock:%Y-%m-%d} (on or after {start:%Y-%m-%d %H:%M} UTC)"
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


def answer_text(query: CustomerQuery, result: MeasureResult, clock: datetime,
                titles: Mapping[str, str] | None = None) -> str:
    """The answer, restating the reading: measure, events, window with dates, value, cited event ids."""
    types = list(result.types)
    more = qualifiers(query.scope, clock, titles, result.order)
    scope = noun(types) + _tail(more)
    one, many = noun(types, plural=False), noun(types)
    cites = result.cited()
    end = f" {cites}" if cites else ""
    m, n = query.measure, result.matched
    if result.parts.get("no_order"):
        head = {"count": _cap(scope), "net": "Net spend (purchases minus returns)" + _tail(more)}.get(m, "")
        label = f" {_FIELDS[query.field][0]}" if query.field else ""
        head = head or f"{_cap(_MEASURE_WORDS[m])}{label} of {scope}"
        missing = "no orders" if query.scope.order in ("first", "last") else f"no order {query.scope.order}"
        return f"{head}: none ({missing})."
    none_in = f"no {many}"  # the reading is stated before it

    if m == "count":
        if n == 0:
            return f"No {scope}."
        unit_one, unit_many = (one, many) if len(types) == 1 else ("event", "events")
        return f"{_cap(scope)}: {_count(n, unit_one, unit_many)}{end}"
    if m == "units":
        head = {"purchase": "Units bought", "return": "Units returned"}.get(types[0] if len(types) == 1 else "", "Units")
        if n == 0:
            return f"{head}, {scope}: 0 units ({none_in})."
        return f"{head}, {scope}: {_count(result.value, 'unit', 'units')} over {_count(n, one, many)}{end}"
    if m == "orders":
        if n == 0:
            return f"Orders, {scope}: no orders ({none_in})."
        return f"Orders, {scope}: {_count(result.value, 'order', 'orders')}{end}"
    if m == "amount":
        head = {"purchase": "Spend before returns", "return": "Amount returned"}.get(
            types[0] if len(types) == 1 else "", "Amount")
        if n == 0:
            return f"{head}, {scope}: 0.00 ({none_in})."
        return f"{head}, {scope}: {result.text} over {_count(n, one, many)}{end}"
    if m == "net":
        head = "Net spend (purchases minus returns)" + _tail(more)
        if n == 0:
            return f"{head}: 0.00 (no purchases or returns)."
        p = result.parts
        split = (f"{show(p['purchases'], None, money=True)} over {_count(p['n_purchases'], 'purchase', 'purchases')}"
                 f" minus {show(p['returns'], None, money=True)} over {_count(p['n_returns'], 'return', 'returns')}")
        return f"{head}: {result.text} ({split}){end}"
    if m in ("mean", "min", "max"):
        label = _FIELDS[query.field or ""][0]
        head = {"mean": "Average", "min": "Lowest", "max": "Highest"}[m] + f" {label}, {scope}"
        if result.value is None:
            why = none_in if n == 0 else f"no {many} with a {label}"
            return f"{head}: none ({why})."
        over = f" over {_count(result.parts.get('events', n), one, many)}" if m == "mean" else ""
        return f"{head}: {result.text}{over}{end}"
    if m in ("first", "last"):
        label = _FIELDS[query.field or ""][0]
        which = f"{m} {one}{_tail(more)}"
        head = _cap(which) if query.field == "date" else f"{_cap(label)} of the {which}"
        if result.value is None:
            why = none_in if n == 0 else f"no {many} with a {label}"
            return f"{head}: none ({why})."
        return f"{head}: {result.text}{end}"
    if m in ("list", "distinct"):
        one_field, label = _FIELDS[query.field or ""]
        why = none_in if n == 0 else f"no {many} with a {one_field}"
        if m == "list":
            head = f"{_cap(label)} of {scope}"
            return f"{head}: {result.text}{end}" if result.value else f"{head}: none ({why})."
        head = f"Different {label} of {scope}"
        if not result.value:
            return f"{head}: 0 ({why})."
        return f"{head}: {result.value} ({show(result.parts.get('values', []), query.field)}){end}"
    if m == "share":
        names = _names_only(query.scope, clock, titles)
        others = qualifiers(query.scope.model_copy(update={"categories": [], "brands": [], "products": []}),
                            clock, titles, result.order)
        whole = f"all {many}{_tail(others)}"
        head = f"{_cap(many)}{_tail(names)} as a share of {whole}, by amount"
        p = result.parts
        if result.value is None:
            return f"{head}: none (no {whole[4:]} to compare with)."
        of = f"{show(p['part'], None, money=True)} of {show(p['whole'], None, money=True)}"
        if n == 0:
            return f"{head}: {result.text} (no {many}{_tail(names)}; {of})."
        return f"{head}: {result.text} ({of}){end}"
    raise ValueError(f"unknown measure {m!r}")

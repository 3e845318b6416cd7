"""Run a :class:`CustomerQuery` exactly over one customer's events: the value, how it reads, the events behind it.

Plain Python over the customer's own events (a few hundred at most), so one query takes well under a
millisecond; no model and no dataframe. The meanings are the ones in :mod:`retrieval.query.customer`;
the choices that docstring leaves open are made here, once:

- a measure whose scope names no event types reads the types it is about: ``amount``, ``units``,
  ``orders``, ``share`` and ``mean``/``min``/``max`` of price, quantity or amount read purchases; ``net``
  always reads purchases and returns; every other measure reads every type (``count`` counts all events,
  ``first`` date is the first event of any kind). The types read are kept in the result, so the answer
  can say them;
- ``first`` / ``last`` / ``list`` / ``distinct`` / ``mean`` / ``min`` / ``max`` look only at events that
  have the field (the last support message *about a product*; the mean over reviews *with a rating*);
- a product is named by its catalogue title (its item id when the catalogue lacks it); category and brand
  come from the catalogue through the item id and are matched ignoring case;
- an order is ``attrs.order_id``, else the event's own id (``event:<id>``, the form
  :mod:`retrieval.customer_facts` uses, is accepted as the same order);
- a return's reason is ``attrs["reason"]`` when present, else the return's text;
- money and means are rounded to 2 decimals, a share to 1; whole numbers come back as ``int``.

Empty scope: ``count``, ``units``, ``orders`` and ``distinct`` give 0, ``amount`` and ``net`` 0 too,
``list`` an empty list; ``mean``, ``min``, ``max``, ``first``, ``last`` give None, and so does ``share``
when the whole it is a share of is not positive. A scope that names an order the customer does not have
(no purchases for "first"/"last", an unknown id) gives None for every measure: there is no such order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from typing import Any

from encoders.data.schema import Event, EventType, Product
from retrieval.query.customer import CustomerQuery, EventScope, Window

EVIDENCE_SHOWN = 5
"""How many cited event ids an answer shows; the result keeps them all."""
LIST_SHOWN = 20
"""How many values of a ``list`` its text shows."""
TEXT_SHOWN = 300
"""Characters of one shopper text shown; the value keeps it whole."""

_PURCHASE_TYPES = ("purchase",)
_MONEY_TYPES = ("purchase", "return")
_PURCHASE_MEASURES = frozenset({"amount", "units", "orders", "share"})
_MONEY_FIELDS = frozenset({"price", "amount"})
_SHOPPER_TEXT = frozenset({"text", "reason"})


@dataclass(frozen=True)
class MeasureResult:
    """One measure of one customer's events.

    ``value`` is a number, a ``YYYY-MM-DD`` string, a string, a list, or None when there is no value (see
    the module docstring for each measure's empty value); ``text`` is the value as shown (money with 2
    decimals, percentages with 1 decimal and '%', shopper text in double quotes, lists joined with '; ');
    ``evidence`` holds every event id used, oldest first; ``matched`` is the number of events in scope.
    """

    value: Any
    text: str
    evidence: list[str]
    matched: int
    types: tuple[str, ...] = ()
    """The event types read (the scope's, or the measure's own when the scope names none)."""
    window: tuple[datetime | None, datetime | None] = (None, None)
    """The window as ``start <= ts < end`` in UTC; None for an open side."""
    order: str | None = None
    """The order read, when the scope names one ("first"/"last" resolved to its id)."""
    parts: dict[str, Any] = field(default_factory=dict)
    """What the value is made of: net's purchases and returns, share's part and whole, distinct's values."""

    @property
    def empty(self) -> bool:
        return self.matched == 0

    def cited(self, limit: int = EVIDENCE_SHOWN) -> str:
        """The evidence as shown: ``[E1, E2, E3 and 4 more]``, or '' when there is none."""
        if not self.evidence:
            return ""
        shown = ", ".join(self.evidence[:limit])
        more = len(self.evidence) - limit
        return f"[{shown} and {more} more]" if more > 0 else f"[{shown}]"


# --------------------------------------------------------------------------------------------------
# windows


def _midnight(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(0), tzinfo=timezone.utc)


def _next_day(day: date) -> date | None:
    """The day after, or None (an open end) after the calendar's last day."""
    return None if day == date.max else day + timedelta(days=1)


def utc_clock(clock: datetime) -> datetime:
    """The clock as aware UTC (a naive clock is read as UTC)."""
    return clock.replace(tzinfo=timezone.utc) if clock.tzinfo is None else clock.astimezone(timezone.utc)


def window_bounds(window: Window | None, clock: datetime) -> tuple[datetime | None, datetime | None]:
    """``(start, end)`` with ``start <= ts < end`` (UTC); None for an open side.

    "Last N days" has no end: an event stamped after the data clock (one customer's skewed clock)
    still belongs to their latest days.
    """
    if window is None:
        return None, None
    if window.relation == "last_days":
        try:
            return utc_clock(clock) - timedelta(days=window.days or 0), None
        except OverflowError:  # more days than the calendar holds: all of time
            return None, None
    day: date = window.start  # type: ignore[assignment]  # the model requires it for every other relation
    if window.relation == "month":
        first = day.replace(day=1)
        following = _next_day(date(first.year, 12, 31)) if first.month == 12 else date(first.year, first.month + 1, 1)
        return _midnight(first), _midnight(following)
    if window.relation == "year":
        return _midnight(date(day.year, 1, 1)), _midnight(_next_day(date(day.year, 12, 31)))
    if window.relation == "before":
        return None, _midnight(day)
    if window.relation == "after":
        following = _next_day(day)
        return (_midnight(following) if following else datetime.max.replace(tzinfo=timezone.utc)), None
    if window.relation == "since":
        return _midnight(day), None
    if window.relation == "between":
        return _midnight(day), _midnight(_next_day(window.end))  # type: ignore[arg-type]
    raise ValueError(f"unknown window relation {window.relation!r}")


# --------------------------------------------------------------------------------------------------
# one event's fields


def order_id(event: Event) -> str:
    """The event's order: ``attrs.order_id``, else the event's own id."""
    found = event.attrs.get("order_id")
    return str(found) if found not in (None, "") else event.event_id


def _same_order(wanted: str, event: Event) -> bool:
    wanted = wanted.strip()
    found = event.attrs.get("order_id")
    if found not in (None, ""):
        return str(found) == wanted
    return wanted in (event.event_id, f"event:{event.event_id}")


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text or None


class _Fields:
    """Reads a field of an event through the catalogue."""

    def __init__(self, products: Mapping[str, Product]) -> None:
        self.products = products

    def product(self, event: Event) -> Product | None:
        return self.products.get(event.item_id) if event.item_id else None

    def get(self, event: Event, name: str) -> Any:
        if name == "date":
            return event.ts.date().isoformat()
        if name == "product":
            product = self.product(event)
            return product.title if product else event.item_id
        if name in ("category", "brand"):
            product = self.product(event)
            return (getattr(product, name) or None) if product else None
        if name == "rating":
            return None if event.rating is None else float(event.rating)
        if name == "price":
            return None if event.price is None else float(event.price)
        if name == "quantity":
            if event.quantity is not None:
                return float(event.quantity)
            return 1.0 if event.type in (EventType.purchase, EventType.return_, EventType.cart) else None
        if name == "amount":
            return None if event.price is None else float(event.price) * float(event.quantity or 1.0)
        if name == "text":
            return _clean(event.text)
        if name == "reason":
            reason = event.attrs.get("reason")
            return _clean(str(reason)) if reason not in (None, "") else _clean(event.text)
        if name == "order":
            return order_id(event)
        raise ValueError(f"unknown field {name!r}")


# --------------------------------------------------------------------------------------------------
# scope


def measure_types(query: CustomerQuery) -> tuple[str, ...]:
    """The event types a query reads: the scope's, or the measure's own when the scope names none."""
    if query.measure == "net":
        return _MONEY_TYPES
    if query.scope.types:
        return tuple(dict.fromkeys(query.scope.types))
    if query.measure in _PURCHASE_MEASURES:
        return _PURCHASE_TYPES
    if query.measure in ("mean", "min", "max") and query.field in ("price", "quantity", "amount"):
        return _PURCHASE_TYPES
    return ()


class _Selector:
    def __init__(self, scope: EventScope, fields: _Fields, clock: datetime) -> None:
        self.scope = scope
        self.fields = fields
        self.start, self.end = window_bounds(scope.window, clock)
        self.categories = {c.casefold() for c in scope.categories}
        self.brands = {b.casefold() for b in scope.brands}
        self.items = {p.strip() for p in scope.products}
        self.item_titles = {p.strip().casefold() for p in scope.products}

    def in_window(self, event: Event) -> bool:
        return (self.start is None or event.ts >= self.start) and (self.end is None or event.ts < self.end)

    def rated(self, event: Event) -> bool:
        low, high = self.scope.min_rating, self.scope.max_rating
        if low is None and high is None:
            return True
        if event.rating is None:
            return False
        return (low is None or event.rating >= low) and (high is None or event.rating <= high)

    def named(self, event: Event) -> bool:
        if not (self.categories or self.brands or self.items):
            return True
        product = self.fields.product(event)
        if self.categories and (product is None or product.category.casefold() not in self.categories):
            return False
        if self.brands and (product is None or product.brand.casefold() not in self.brands):
            return False
        if self.items:
            title = product.title.casefold() if product else None
            if event.item_id not in self.items and title not in self.item_titles:
                return False
        return True

    def select(self, events: Sequence[Event], types: tuple[str, ...], names: bool = True,
               ratings: bool = True) -> list[Event]:
        return [
            e for e in events
            if (not types or e.type.value in types) and self.in_window(e)
            and (not ratings or self.rated(e)) and (not names or self.named(e))
        ]


def _pick_order(events: Sequence[Event], selector: _Selector, wanted: str) -> tuple[str | None, list[Event]]:
    """The order the scope names and the customer's events of it (any type; the caller filters).

    "first" / "last" is the oldest / newest order among the purchases in the scope's window and names
    (a rating range does not apply: purchases carry none)."""
    if wanted in ("first", "last"):
        purchases = selector.select(events, _PURCHASE_TYPES, ratings=False)
        if not purchases:
            return None, []
        key = order_id(purchases[0] if wanted == "first" else purchases[-1])
        return key, [e for e in events if order_id(e) == key]
    kept = [e for e in events if _same_order(wanted, e)]
    return (order_id(kept[0]) if kept else wanted.strip()), kept


# --------------------------------------------------------------------------------------------------
# values as shown


def _number(value: float, places: int = 2) -> int | float:
    value = round(float(value) + 0.0, places)
    return int(value) if value == int(value) else value


def _quoted(text: str) -> str:
    shown = text if len(text) <= TEXT_SHOWN else text[: TEXT_SHOWN - 1].rstrip() + "…"
    return '"' + shown.replace('"', "'") + '"'


def show(value: Any, field_name: str | None, money: bool = False) -> str:
    """One value as an answer shows it."""
    if value is None:
        return "none"
    if isinstance(value, list):
        shown = [show(v, field_name, money) for v in value[:LIST_SHOWN]]
        more = len(value) - LIST_SHOWN
        return "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    if money or field_name in _MONEY_FIELDS:
        return f"{float(value):.2f}"
    if isinstance(value, str):
        return _quoted(value) if field_name in _SHOPPER_TEXT else value
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


# --------------------------------------------------------------------------------------------------
# measures


def _ids(events: Sequence[Event]) -> list[str]:
    return [e.event_id for e in events]


def _amount(events: Sequence[Event]) -> float:
    return sum(float(e.price) * float(e.quantity or 1.0) for e in events if e.price is not None)


def _with_field(events: Sequence[Event], fields: _Fields, name: str) -> list[tuple[Event, Any]]:
    pairs = [(e, fields.get(e, name)) for e in events]
    return [(e, v) for e, v in pairs if v is not None]


Measured = tuple[Any, str, list[str], dict[str, Any]]


def _counted(m: str, scoped: list[Event]) -> Measured:
    if m == "count":
        return len(scoped), str(len(scoped)), _ids(scoped), {}
    if m == "units":
        units = _number(sum(float(e.quantity or 1.0) for e in scoped))
        return units, show(units, None), _ids(scoped), {"events": len(scoped)}
    if m == "orders":
        orders = len({order_id(e) for e in scoped})
        return orders, str(orders), _ids(scoped), {}
    if m == "amount":
        total = _number(_amount(scoped))
        return total, show(total, None, money=True), _ids(scoped), {"events": len(scoped)}
    raise ValueError(m)


def _net(scoped: list[Event]) -> Measured:
    bought = [e for e in scoped if e.type is EventType.purchase]
    back = [e for e in scoped if e.type is EventType.return_]
    paid, refunded = _amount(bought), _amount(back)
    total = _number(paid - refunded)
    parts = {"purchases": _number(paid), "returns": _number(refunded),
             "n_purchases": len(bought), "n_returns": len(back)}
    return total, show(total, None, money=True), _ids(scoped), parts


def _stat(query: CustomerQuery, scoped: list[Event], fields: _Fields) -> Measured:
    name = query.field or ""
    having = _with_field(scoped, fields, name)
    if not having:
        return None, "none", [], {"events": 0}
    values = [float(v) for _, v in having]
    if query.measure == "mean":
        value: float = sum(values) / len(values)
        used = [e for e, _ in having]
    else:
        value = min(values) if query.measure == "min" else max(values)
        used = [e for e, v in having if float(v) == value]
    shown = _number(value)
    return shown, show(shown, name), _ids(used), {"events": len(having)}


def _pick(query: CustomerQuery, scoped: list[Event], fields: _Fields) -> Measured:
    name = query.field or ""
    having = _with_field(scoped, fields, name)
    if query.measure == "list":
        values = [v if isinstance(v, str) else _number(v) for _, v in having]
        return values, show(values, name) if values else "none", _ids([e for e, _ in having]), {}
    if query.measure == "distinct":
        seen = list(dict.fromkeys(v if isinstance(v, str) else _number(v) for _, v in having))
        return len(seen), str(len(seen)), _ids([e for e, _ in having]), {"values": seen}
    if not having:
        return None, "none", [], {}
    event, value = having[0] if query.measure == "first" else having[-1]
    value = value if isinstance(value, str) else _number(value)
    return value, show(value, name), [event.event_id], {}


def _share(scoped: list[Event], whole: list[Event]) -> Measured:
    part, total = _amount(scoped), _amount(whole)
    parts = {"part": _number(part), "whole": _number(total), "events": len(scoped), "whole_events": len(whole)}
    if total <= 0:
        return None, "none", _ids(scoped), parts
    percent = round(100.0 * part / total + 0.0, 1)
    return percent, f"{percent:.1f}%", _ids(scoped), parts


def run_customer_query(
    query: CustomerQuery,
    events: Sequence[Event],
    products: Mapping[str, Product],
    clock: datetime,
) -> MeasureResult:
    """The query's measure over this customer's ``events``, with the ids of the events it used.

    ``events`` are one customer's (any order; read oldest first, ties by event id); ``clock`` is the data
    clock the windows are relative to (``EventLog.data_clock``).
    """
    clock = utc_clock(clock)
    ordered = sorted(events, key=lambda e: (e.ts, e.event_id))
    fields = _Fields(products)
    scope = query.scope
    selector = _Selector(scope, fields, clock)
    types = measure_types(query)

    picked_order: str | None = None
    pool: list[Event] = ordered
    if scope.order:
        picked_order, pool = _pick_order(ordered, selector, scope.order)
        if not pool:  # no such order: "the items of their last order" has no value, not 0
            return MeasureResult(value=None, text="none", evidence=[], matched=0, types=types,
                                 window=(selector.start, selector.end), order=None, parts={"no_order": True})
    scoped = selector.select(pool, types)

    m = query.measure
    if m in ("count", "units", "orders", "amount"):
        value, text, evidence, parts = _counted(m, scoped)
    elif m == "net":
        value, text, evidence, parts = _net(scoped)
    elif m in ("mean", "min", "max"):
        value, text, evidence, parts = _stat(query, scoped, fields)
    elif m == "share":
        value, text, evidence, parts = _share(scoped, selector.select(pool, types, names=False))
    else:
        value, text, evidence, parts = _pick(query, scoped, fields)
    return MeasureResult(
        value=value, text=text, evidence=evidence, matched=len(scoped), types=types,
        window=(selector.start, selector.end), order=picked_order, parts=parts,
    )

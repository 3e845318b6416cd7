"""UCI "Online Retail" transactions -> Portrait events and products.

Mapping (one event per valid invoice line):

- ``CustomerID`` -> ``user_id`` as an integer string (``"17850"``, never ``"17850.0"``).
- ``InvoiceNo`` starting with ``C`` (a cancellation) -> type ``return`` with ``quantity = |Quantity|``;
  any other invoice -> type ``purchase``.
- ``InvoiceDate`` -> ``ts``. The source has no zone (it is UK shop time); it is read as UTC, which is
  at most an hour off and keeps every timestamp unambiguous.
- ``StockCode`` -> ``item_id``; ``UnitPrice`` -> ``price``;
  ``attrs = {"invoice": InvoiceNo, "country": Country}``.
- ``event_id = f"{InvoiceNo}:{StockCode}:{k}"``, ``k`` counting earlier kept lines with the same
  invoice and stock code (0 for the first), so ids are the same on every load of the same file.

Rows are rejected by the first failing check, in this order (the reason key in brackets):
wrong number of cells [wrong number of cells], blank CustomerID [no customer id], unparseable
InvoiceDate [invalid date], non-numeric UnitPrice [invalid price], UnitPrice <= 0 [zero or negative
price], non-numeric Quantity [invalid quantity], Quantity <= 0 on a non-cancellation line (or 0 on
a cancellation) [non-positive quantity], an exact copy of an earlier line [duplicate row], then the
event schema's own checks (e.g. blank StockCode [missing item_id]). Because every check before the
duplicate test depends only on the line itself, a copy of a rejected line is rejected for the same
reason as the original, so "duplicate row" only ever counts copies of kept lines.

Products: one per StockCode seen on kept lines; ``title`` = the most frequent Description on those
lines (first seen wins a tie), word-capitalised for reading; ``price`` = median UnitPrice of those
lines; no categories or brands exist in this data set, so both are empty.
"""

from __future__ import annotations

import hashlib
import math
import statistics
import string
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from encoders.data.readers import CsvTable, LoadError
from encoders.data.rejects import WHOLE_ROW, LoadResult, Reject, reject_from_validation
from encoders.data.schema import Event, EventType, Product

COLUMNS = ("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country")
PROGRESS_EVERY = 50_000

# Where an Event field comes from, so schema rejects name the column a person would fix.
_SOURCE_COLUMN = {
    "event_id": "InvoiceNo",
    "user_id": "CustomerID",
    "ts": "InvoiceDate",
    "item_id": "StockCode",
    "price": "UnitPrice",
    "quantity": "Quantity",
}


class _Skip(Exception):
    def __init__(self, column: str, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.column, self.reason, self.detail = column, reason, detail


@dataclass
class _State:
    """Everything the row loop remembers: caches that share equal values between events, the
    duplicate fingerprints, per-(invoice, code) counters and the product statistics."""

    dates: dict[str, datetime] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)
    fingerprints: set[bytes] = field(default_factory=set)
    repeats: Counter[tuple[str, str]] = field(default_factory=Counter)
    descriptions: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    prices: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))

    def share(self, value: str) -> str:
        return self.strings.setdefault(value, value)


def _user_id(raw: str) -> str:
    text = raw.strip()
    if not text:
        raise _Skip("CustomerID", "no customer id", "CustomerID is blank")
    try:
        number = float(text)
    except ValueError:
        return text
    return str(int(number)) if number.is_integer() else text


def _timestamp(raw: str, state: _State) -> datetime:
    cached = state.dates.get(raw)
    if cached is not None:
        return cached
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise _Skip("InvoiceDate", "invalid date", f"InvoiceDate {raw!r} is not a date and time") from None
    value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    state.dates[raw] = value
    return value


def _number(raw: str, column: str, reason: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise _Skip(column, reason, f"{column} {raw!r} is not a number") from None
    if not math.isfinite(value):
        raise _Skip(column, reason, f"{column} {raw!r} is not a finite number")
    return value


def _price(raw: str) -> float:
    value = _number(raw, "UnitPrice", "invalid price")
    if value <= 0:
        raise _Skip("UnitPrice", "zero or negative price", f"UnitPrice {raw} is not positive")
    return value


def _quantity(raw: str, is_return: bool) -> float:
    value = _number(raw, "Quantity", "invalid quantity")
    if is_return:
        value = abs(value)
    if value <= 0:
        raise _Skip("Quantity", "non-positive quantity", f"Quantity {raw} on a {'cancellation' if is_return else 'sale'} line")
    return value


def _check_unique(values: list[str], state: _State) -> None:
    """A 16-byte digest per line is enough to find exact copies without keeping every line."""
    digest = hashlib.blake2b("\x1f".join(values).encode("utf-8", "surrogateescape"), digest_size=16).digest()
    if digest in state.fingerprints:
        raise _Skip(WHOLE_ROW, "duplicate row", "exact copy of an earlier line")
    state.fingerprints.add(digest)


def _event(values: list[str], state: _State) -> Event:
    invoice, code, description, quantity, date, price, customer, country = values
    invoice = invoice.strip()
    user_id = _user_id(customer)
    ts = _timestamp(date, state)
    unit_price = _price(price)
    is_return = invoice.upper().startswith("C")
    amount = _quantity(quantity, is_return)
    _check_unique(values, state)
    code = state.share(code.strip())
    invoice = state.share(invoice)
    k = state.repeats[(invoice, code)]
    event = Event(
        event_id=f"{invoice}:{code}:{k}",
        user_id=state.share(user_id),
        ts=ts,
        type=EventType.return_ if is_return else EventType.purchase,
        item_id=code,
        quantity=amount,
        price=unit_price,
        attrs={"invoice": invoice, "country": state.share(country.strip())},
    )
    state.repeats[(invoice, code)] = k + 1
    state.descriptions[code][description.strip()] += 1
    state.prices[code].append(unit_price)
    return event


def _row(row: int, table: CsvTable, values: list[str], order: list[int], state: _State) -> Event | Reject:
    try:
        return _event([values[i] for i in order], state)
    except _Skip as skip:
        return Reject(row, skip.column, skip.reason, skip.detail, table.as_dict(values))
    except ValidationError as exc:
        reject = reject_from_validation(row, exc, table.as_dict(values))
        return Reject(row, _SOURCE_COLUMN.get(reject.field, reject.field), reject.reason, reject.detail, reject.raw)


def _title(descriptions: Counter[str], code: str) -> str:
    for text, _count in descriptions.most_common():
        if text:
            return string.capwords(text)
    return f"Item {code}"


def _products(state: _State) -> list[Product]:
    return [
        Product(item_id=code, title=_title(state.descriptions[code], code), price=statistics.median(prices))
        for code, prices in state.prices.items()
    ]


def load_online_retail(path: Path, progress: Callable[[int], None] | None = None) -> LoadResult:
    """Load the UCI Online Retail CSV (optionally gzipped) into events, products and rejects.

    ``progress``, if given, is called with the number of rows read so far every 50,000 rows and
    once at the end; the loader itself prints nothing.
    """
    path = Path(path)
    result = LoadResult(source=str(path))
    state = _State()
    with CsvTable(path) as table:
        order = _column_order(table.header, path)
        for row, values in table:
            result.rows += 1
            item = values if isinstance(values, Reject) else _row(row, table, values, order, state)
            if isinstance(item, Reject):
                result.reject(item)
            else:
                result.events.append(item)
            if progress is not None and row % PROGRESS_EVERY == 0:
                progress(row)
    if progress is not None:
        progress(result.rows)
    result.products = _products(state)
    return result


def _column_order(header: list[str], path: Path) -> list[int]:
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise LoadError(f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(header)}")
    return [header.index(c) for c in COLUMNS]

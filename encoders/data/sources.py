"""The source formats Portrait reads, by name: each maps to the loader that turns its files into
events and products with row-level rejects."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from encoders.data.adapters.amazon import load_amazon
from encoders.data.adapters.online_retail import COLUMNS as ONLINE_RETAIL_COLUMNS
from encoders.data.adapters.online_retail import load_online_retail
from encoders.data.readers import LoadError, WrongFormatError, csv_columns, load_events, load_products
from encoders.data.rejects import LoadResult


class SourceFormat(str, Enum):
    events = "events"
    products = "products"
    online_retail = "online-retail"
    amazon = "amazon"


LOADERS: dict[SourceFormat, Callable[[Path], LoadResult]] = {
    SourceFormat.events: load_events,
    SourceFormat.products: load_products,
    SourceFormat.online_retail: load_online_retail,
    SourceFormat.amazon: load_amazon,
}


def load_source(path: Path, fmt: SourceFormat) -> LoadResult:
    """Load a source in the given format; a file whose first rows all fail stops early with a hint
    naming the format it looks like, instead of filling a rejects file with every row."""
    try:
        return LOADERS[fmt](path)
    except WrongFormatError as error:
        guess = guess_format(path)
        if guess is not None and guess is not fmt:
            raise LoadError(f"{error} This looks like the {guess.value} format: use --format {guess.value}.") from error
        raise


def guess_format(path: Path) -> SourceFormat | None:
    """The format a file's columns say it is in, when they say it clearly."""
    try:
        columns = set(csv_columns(Path(path)) or [])
    except LoadError:
        return None
    if set(ONLINE_RETAIL_COLUMNS) <= columns:
        return SourceFormat.online_retail
    if {"user_id", "item_id", "time"} <= columns and "event_id" not in columns:
        return SourceFormat.amazon
    if {"item_id", "title"} <= columns and "event_id" not in columns:
        return SourceFormat.products
    if {"event_id", "user_id", "ts", "type"} <= columns:
        return SourceFormat.events
    return None

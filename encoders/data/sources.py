"""The source formats Portrait reads, by name: each maps to the loader that turns its files into
events and products with row-level rejects."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from encoders.data.adapters.amazon import load_amazon
from encoders.data.adapters.online_retail import load_online_retail
from encoders.data.readers import load_events, load_products
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
    return LOADERS[fmt](path)

"""Amazon "Office Products" 5-core (leave-last-out split of ysh-1998/LRD) -> events and products.

The folder holds ``train.tsv`` (``user_id item_id time``), ``dev.tsv`` and ``test.tsv`` (the same
plus ``neg_items``, 99 sampled items the user never touched) and ``items.tsv``
(``item_id asin text category_id brand_id``).

Mapping: each interaction -> a ``purchase`` event (a 5-core review is the closest thing to a
purchase this data has) with string ids, ``ts`` from unix seconds, ``attrs = {"split": split}``
and ``event_id = f"amazon:{split}:{user}:{item}:{time}"``; a repeated id is rejected as
``duplicate event_id``. Each item -> a Product with ``title = text`` and, because the data has ids
but no names for them, ``category = f"category {category_id}"`` and ``brand = f"brand {brand_id}"``.
The TSVs contain no quoting, so they are read with quoting off (a ``"`` in a title is a character).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from encoders.data.readers import CsvTable, LoadError
from encoders.data.rejects import LoadResult, Reject, reject_from_validation
from encoders.data.schema import Event, EventType, Product

SPLITS = ("train", "dev", "test")
INTERACTION_COLUMNS = ("user_id", "item_id", "time")
ITEM_COLUMNS = ("item_id", "text", "category_id", "brand_id")


@dataclass(frozen=True)
class HeldOut:
    """One held-out interaction and the negatives it is ranked against (HR@K / NDCG@K)."""

    user_id: str
    item_id: str
    ts: datetime
    neg_items: list[str]


def _resolve(path: Path, split: str | None) -> tuple[Path, str]:
    """Accept the data folder or one of its split files; a file names its own split."""
    path = Path(path)
    if path.is_file():
        return path.parent, split or path.name.split(".")[0]
    return path, split or "train"


def _table(path: Path, required: tuple[str, ...]) -> CsvTable:
    table = CsvTable(path, delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in required if c not in table.header]
    if missing:
        table.close()
        raise LoadError(f"{path}: missing column(s) {', '.join(missing)}; found {', '.join(table.header)}")
    return table


def _split_file(folder: Path, split: str) -> Path:
    if split not in SPLITS:
        raise LoadError(f"{folder}: unknown split {split!r}; expected one of {', '.join(SPLITS)}")
    return folder / f"{split}.tsv"


def _unix_ts(raw: str) -> datetime:
    return datetime.fromtimestamp(int(raw.strip()), tz=timezone.utc)


def _interaction(row: int, cells: dict[str, str], split: str) -> Event | Reject:
    try:
        ts = _unix_ts(cells["time"])
    except (ValueError, OverflowError, OSError):
        return Reject(row, "time", "invalid ts", f"time {cells['time']!r} is not unix seconds", cells)
    user, item = cells["user_id"].strip(), cells["item_id"].strip()
    try:
        return Event(
            event_id=f"amazon:{split}:{user}:{item}:{cells['time'].strip()}",
            user_id=user,
            ts=ts,
            type=EventType.purchase,
            item_id=item,
            attrs={"split": split},
        )
    except ValidationError as exc:
        return reject_from_validation(row, exc, cells)


def _events(path: Path, split: str, result: LoadResult) -> None:
    seen: set[str] = set()
    with _table(path, INTERACTION_COLUMNS) as table:
        for row, values in table:
            result.rows += 1
            if isinstance(values, Reject):
                result.reject(values)
                continue
            item = _interaction(row, table.as_dict(values), split)
            if isinstance(item, Event) and item.event_id in seen:
                detail = f"{item.event_id} was loaded from an earlier row"
                item = Reject(row, "event_id", "duplicate event_id", detail, table.as_dict(values))
            if isinstance(item, Reject):
                result.reject(item)
            else:
                seen.add(item.event_id)
                result.events.append(item)


def _product(row: int, cells: dict[str, str]) -> Product | Reject:
    try:
        return Product(
            item_id=cells["item_id"],
            title=cells["text"].strip(),
            category=f"category {cells['category_id'].strip()}",
            brand=f"brand {cells['brand_id'].strip()}",
            price=None,
        )
    except ValidationError as exc:
        return reject_from_validation(row, exc, cells)


def load_amazon_items(path: Path) -> tuple[list[Product], list[Reject]]:
    """Products of ``items.tsv``; bad rows and repeated item ids come back as rejects."""
    products: list[Product] = []
    rejects: list[Reject] = []
    seen: set[str] = set()
    with _table(path, ITEM_COLUMNS) as table:
        for row, values in table:
            if isinstance(values, Reject):
                rejects.append(values)
                continue
            item = _product(row, table.as_dict(values))
            if isinstance(item, Product) and item.item_id in seen:
                detail = f"{item.item_id} was loaded from an earlier row"
                item = Reject(row, "item_id", "duplicate item_id", detail, table.as_dict(values))
            if isinstance(item, Reject):
                rejects.append(item)
            else:
                seen.add(item.item_id)
                products.append(item)
    return products, rejects


def load_amazon(folder: Path, split: str | None = None) -> LoadResult:
    """Interactions of one split as purchase events, plus every product of ``items.tsv``.

    ``folder`` may be the data folder (``split`` defaults to ``"train"``) or a split file such as
    ``train.tsv`` (its name is the split unless ``split`` is given). ``rows``/``rejects`` describe
    the interaction file; bad rows of ``items.tsv`` land in ``product_rejects``. A missing
    ``items.tsv`` gives no products (the report shows ``"products": 0``) rather than an error,
    since interactions alone are usable.
    """
    folder, split = _resolve(folder, split)
    path = _split_file(folder, split)
    result = LoadResult(source=str(path))
    _events(path, split, result)
    items = folder / "items.tsv"
    if items.exists():
        result.products, result.product_rejects = load_amazon_items(items)
    return result


def _heldout(row: int, cells: dict[str, str]) -> HeldOut:
    negatives = json.loads(cells["neg_items"])
    if not isinstance(negatives, list):
        raise ValueError("neg_items is not a list")
    return HeldOut(
        user_id=cells["user_id"].strip(),
        item_id=cells["item_id"].strip(),
        ts=_unix_ts(cells["time"]),
        neg_items=[str(n) for n in negatives],
    )


def load_amazon_heldout(folder: Path, split: str = "test") -> list[HeldOut]:
    """The held-out interactions of ``dev`` or ``test`` with their sampled negatives.

    Evaluation needs every user's held-out item, so unlike the event loaders this is strict: any
    unusable row raises :class:`LoadError` listing the bad rows. Negatives are kept as given
    (the sampled lists can repeat an item).
    """
    folder, split = _resolve(folder, split)
    if split == "train":
        raise LoadError(f"{folder}: the train split has no held-out items; use 'dev' or 'test'")
    path = _split_file(folder, split)
    held: list[HeldOut] = []
    bad: list[str] = []
    with _table(path, (*INTERACTION_COLUMNS, "neg_items")) as table:
        for row, values in table:
            try:
                if isinstance(values, Reject):
                    raise ValueError(values.detail)
                held.append(_heldout(row, table.as_dict(values)))
            except (ValueError, OverflowError, OSError) as exc:
                bad.append(f"row {row}: {exc}")
    if bad:
        raise LoadError(f"{path}: {len(bad)} unusable held-out row(s): {'; '.join(bad[:5])}")
    return held

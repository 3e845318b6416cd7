"""Reading a recommendation data set in the leave-last-out layout (``user_id item_id time`` TSVs;
dev and test with a ``neg_items`` list; items ``item_id text ...``) into the recommenders' types.
The test file is read only by ``read_split(..., "test")`` when the harness scores."""

from __future__ import annotations

import ast
import csv
from dataclasses import dataclass
from pathlib import Path

from encoders.embedder import Embedder
from retrieval.recommend.data import Catalog, Interaction

csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class HeldOut:
    interaction: Interaction
    negatives: list[str]


class DataError(ValueError):
    """A file in the layout is missing a column or has a bad row (the message names both)."""


def _rows(path: Path, required: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    with Path(path).open(newline="") as handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataError(f"{path}: missing column(s) {', '.join(missing)}")
        return list(enumerate(reader, start=2))


def _interaction(path: Path, row: int, cells: dict[str, str], split: str) -> Interaction:
    user, item, raw = cells["user_id"].strip(), cells["item_id"].strip(), cells["time"].strip()
    try:
        ts = float(raw)
    except ValueError as error:
        raise DataError(f"{path} row {row}: field time: {raw!r} is not unix seconds") from error
    if not user or not item:
        raise DataError(f"{path} row {row}: field {'user_id' if not user else 'item_id'}: empty")
    return Interaction(user, item, ts, f"amazon:{split}:{user}:{item}:{raw}")


def read_interactions(path: Path, split: str = "train") -> list[Interaction]:
    return [_interaction(path, n, cells, split) for n, cells in _rows(path, ("user_id", "item_id", "time"))]


def read_split(path: Path, split: str) -> list[HeldOut]:
    """A dev or test file: one held-out interaction per row with its sampled negatives."""
    held = []
    for n, cells in _rows(path, ("user_id", "item_id", "time", "neg_items")):
        try:
            negatives = [str(x) for x in ast.literal_eval(cells["neg_items"].strip())]
        except (ValueError, SyntaxError) as error:
            raise DataError(f"{path} row {n}: field neg_items: not a list ({error})") from error
        held.append(HeldOut(_interaction(path, n, cells, split), negatives))
    return held


def read_catalog(path: Path, embedder: Embedder) -> Catalog:
    """Items with their text embedded; the title is ``title`` if the file has one, else ``text``."""
    rows = _rows(path, ("item_id", "text"))
    ids = [cells["item_id"].strip() for _, cells in rows]
    texts = [cells["text"].strip() for _, cells in rows]
    titles = [(cells.get("title") or cells["text"]).strip() for _, cells in rows]
    category_column = "category" if rows and "category" in rows[0][1] else "category_id"
    categories = [(cells.get(category_column) or "").strip() for _, cells in rows]
    return Catalog(ids, titles, categories, embedder.encode(texts))

"""Labelled texts (utterance -> intent) for training and evaluating an intent classifier.

Made for the Bitext customer-service intent files (``utterance, intent, ...``) but generic: any
CSV/TSV/JSONL file with a text column and a label column. A wrong column name is a mistake in the
call, not in the data, so it raises :class:`LoadError` naming the missing column and the columns
that exist; rows with an empty text or label become rejects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from encoders.data.readers import LoadError, csv_columns, iter_records
from encoders.data.rejects import Reject


@dataclass
class LabelledTexts:
    """Parallel lists of texts and their labels, plus a reject for every row not kept."""

    texts: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    rows: int = 0

    @property
    def kept(self) -> int:
        return len(self.texts)

    @property
    def label_names(self) -> list[str]:
        """The distinct labels, sorted, so a classifier's label ids are the same on every load."""
        return sorted(set(self.labels))


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else "" if value is None else str(value).strip()


def _check_columns(path: Path, records: list[tuple[int, dict[str, Any] | Reject]], wanted: tuple[str, ...]) -> None:
    header = csv_columns(path)
    columns: dict[str, None] = dict.fromkeys(header or [])
    if header is None:
        for _row, record in records:
            if isinstance(record, dict):
                columns.update(dict.fromkeys(record))
    missing = [c for c in wanted if c not in columns]
    if missing:
        found = ", ".join(columns) or "(none)"
        raise LoadError(f"{path}: no column {', '.join(repr(c) for c in missing)}; the columns are {found}")


def _pair(row: int, record: dict[str, Any], text_col: str, label_col: str) -> tuple[str, str] | Reject:
    text, label = _text(record.get(text_col)), _text(record.get(label_col))
    if not text:
        return Reject(row, text_col, "empty text", f"{text_col} is empty", record)
    if not label:
        return Reject(row, label_col, "empty label", f"{label_col} is empty", record)
    return text, label


def load_labelled_texts(path: Path, text_col: str = "utterance", label_col: str = "intent") -> LabelledTexts:
    """Read ``(text, label)`` pairs from a CSV/TSV/JSONL file (optionally ``.gz``).

    Raises :class:`LoadError` for a missing/empty/unreadable file, a file with no data rows, or a
    column that no row has; texts and labels are stripped of surrounding whitespace.
    """
    path = Path(path)
    records = list(iter_records(path))
    _check_columns(path, records, (text_col, label_col))
    if not records:
        raise LoadError(f"{path}: has no data rows")
    result = LabelledTexts(rows=len(records))
    for row, record in records:
        item = record if isinstance(record, Reject) else _pair(row, record, text_col, label_col)
        if isinstance(item, Reject):
            result.rejects.append(item)
        else:
            result.texts.append(item[0])
            result.labels.append(item[1])
    return result

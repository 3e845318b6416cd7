"""What a load kept and what it did not: row-level rejects, the result of one load, and its report.

Every source row either becomes an :class:`~encoders.data.schema.Event` / :class:`~encoders.data.schema.Product`
or a :class:`Reject` that names the row, the field and a short stable reason key, so
``rows == kept + len(rejects)`` always holds and a report can say exactly what was thrown away and why.
Pydantic's validation errors become rejects here (:func:`reject_from_validation`), with the schema's
cross-field rules mapped to the field they are about.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from encoders.data.schema import Event, Product

WHOLE_ROW = "__row__"
WHOLE_FILE = "__file__"

# Cross-field rules of the schema raise plain ValueErrors with no location; these fragments of
# their messages say which field the problem is about and give it a stable reason key.
_MODEL_RULES: tuple[tuple[str, str, str], ...] = (
    ("item_id is required", "item_id", "missing item_id"),
    ("text is required", "text", "missing text"),
    ("review needs a rating or text", "rating", "review without rating or text"),
    ("rating must be between", "rating", "rating out of range"),
    ("price must not be negative", "price", "negative price"),
    ("quantity must be positive", "quantity", "non-positive quantity"),
    ("quantity must be at most", "quantity", "implausible quantity"),
)
MAX_STORED_REJECTS = 10_000
"""Rejects written to the rejects file per load; the rest are counted in the report, not stored."""


@dataclass(frozen=True)
class Reject:
    """One source row that was not loaded, and why.

    ``row`` is the 1-based data row number (the header of a CSV is not counted; for JSON Lines it
    is the line number). ``field`` is the offending field or column, ``__row__`` for whole-row
    problems. ``reason`` is a short stable key for counting; ``detail`` is for people.
    """

    row: int
    field: str
    reason: str
    detail: str
    raw: dict[str, Any]


@dataclass
class LoadResult:
    """Everything one load produced: valid objects plus a reject for every row that was not kept."""

    source: str
    rows: int = 0
    events: list[Event] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    """The first MAX_STORED_REJECTS rejects (what the rejects file holds); ``reject_counts`` counts all."""
    reject_counts: Counter[str] = field(default_factory=Counter)
    product_rejects: list[Reject] = field(default_factory=list)
    """Rows of a separate product file that were not loaded, for adapters that read events and
    products from two files (``rows``/``rejects`` always describe the main file only)."""
    source_rows: dict[str, int] = field(default_factory=dict)
    """Row number of each kept event or product by id (readers that know it), for later rejects."""
    truncated: int = 0
    """Kept rows whose text was cut to MAX_TEXT_CHARS (flagged in the event's attrs)."""

    def reject(self, reject: Reject) -> None:
        self.reject_counts[reject.reason] += 1
        if len(self.rejects) < MAX_STORED_REJECTS:
            self.rejects.append(reject)

    @property
    def rejected(self) -> int:
        return sum(self.reject_counts.values())

    @property
    def kept(self) -> int:
        return self.rows - self.rejected

    def report(self) -> dict[str, Any]:
        """Row counts and rejects per reason (most frequent first)."""
        report: dict[str, Any] = {
            "source": self.source,
            "rows": self.rows,
            "kept": self.kept,
            "rejected": dict(self.reject_counts.most_common()),
            "products": len(self.products),
        }
        if self.rejected > len(self.rejects):
            report["rejects_not_stored"] = self.rejected - len(self.rejects)
        if self.truncated:
            report["truncated_texts"] = self.truncated
        if self.product_rejects:
            report["product_rejects"] = _reason_counts(self.product_rejects)
        return report

    def write_report(self, path: Path) -> Path:
        """Write the JSON report at ``path`` and every reject beside it; return the rejects path.

        The rejects file (``<stem>.rejects.jsonl``) holds one object per reject so a person can
        open the source at the named rows and fix them; product-file rejects, if any, go to
        ``<stem>.product_rejects.jsonl``.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.report(), indent=2) + "\n", encoding="utf-8")
        rejects_path = path.with_name(f"{path.stem}.rejects.jsonl")
        write_rejects(rejects_path, self.rejects)
        if self.product_rejects:
            write_rejects(path.with_name(f"{path.stem}.product_rejects.jsonl"), self.product_rejects)
        return rejects_path


def _reason_counts(rejects: list[Reject]) -> dict[str, int]:
    return dict(Counter(r.reason for r in rejects).most_common())


def write_rejects(path: Path, rejects: list[Reject], append: bool = False) -> None:
    """One JSON object per reject (row, field, reason, detail, raw)."""
    with path.open("a" if append else "w", encoding="utf-8") as out:
        for reject in rejects:
            out.write(json.dumps(asdict(reject), ensure_ascii=False, default=str) + "\n")


def reject_from_validation(row: int, exc: ValidationError, raw: dict[str, Any]) -> Reject:
    """Turn pydantic's first error into a Reject with a stable reason; the detail lists them all."""
    errors = exc.errors(include_url=False)
    field_name, reason = _classify(errors[0])
    detail = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'row'}: {e['msg']}" for e in errors)
    return Reject(row, field_name, reason, detail, raw)


def _classify(error: ErrorDetails) -> tuple[str, str]:
    loc, kind = error["loc"], error["type"]
    if not loc:
        message = str(error.get("ctx", {}).get("error", error["msg"]))
        for fragment, field_name, reason in _MODEL_RULES:
            if fragment in message:
                return field_name, reason
        return WHOLE_ROW, "invalid row"
    name = str(loc[0])
    if kind in ("missing", "string_too_short"):
        return name, f"missing {name}"
    if kind == "extra_forbidden":
        return name, "unknown field"
    message = str(error.get("msg", ""))
    if "NUL byte" in message:
        return name, "NUL byte"
    if name == "ts" and "in the future" in message:
        return name, "future timestamp"
    if name == "type":
        return name, "unknown type"
    if name == "price" and kind in ("greater_than_equal", "greater_than"):
        return name, "negative price"
    return name, f"invalid {name}"

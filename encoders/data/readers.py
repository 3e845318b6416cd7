"""Read shopper events and catalogue products from files, keeping every bad row visible.

Real exports are dirty. The readers here never let one bad row abort a load and never drop a row
silently: every row either becomes an :class:`Event` / :class:`Product` or a
:class:`~encoders.data.rejects.Reject` (see :mod:`encoders.data.rejects`), so
``rows == kept + len(rejects)`` always holds.

Formats: JSON Lines (``.jsonl``, ``.ndjson``, ``.json``; a ``.json`` file may also be one JSON
array), CSV (``.csv``) and TSV (``.tsv``), each optionally gzip-compressed (``.gz``). Keys/columns
are the fields of the schema models; empty CSV cells and JSON ``null`` mean "not given". Blank
lines are not rows; JSON Lines row numbers are line numbers so they point at the right line.

Precedence when a row has several problems: the first failing check wins. Structural problems
(unparseable line, wrong number of cells, bad attrs JSON) come first, then pydantic's errors in
field order, then the schema's cross-field rules, then the duplicate-id check.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any, Literal, cast

from pydantic import BaseModel, ValidationError

from encoders.data.redact import redact
from encoders.data.rejects import WHOLE_FILE, WHOLE_ROW, LoadResult, Reject, reject_from_validation
from encoders.data.schema import MAX_TEXT_CHARS, Event, Product

Quoting = Literal[0, 1, 2, 3]
"""One of the ``csv.QUOTE_*`` constants."""

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
CSV_SUFFIXES = (".csv", ".tsv")
_SNIFF_BYTES = 8192
FORMAT_CHECK_ROWS = 100
"""A load whose first this-many rows are all rejected stops: the file is in another format."""


class LoadError(Exception):
    """Nothing at all could be read from a source (missing file, unknown format, no header)."""


class WrongFormatError(LoadError):
    """The first FORMAT_CHECK_ROWS rows were all rejected: most likely the wrong ``--format``."""

    def __init__(self, path: Path, partial: LoadResult) -> None:
        reasons = ", ".join(f"{reason} ({n})" for reason, n in partial.reject_counts.most_common(3))
        super().__init__(f"{path}: none of the first {partial.rows - 1} rows is valid ({reasons}); "
                         "is this the right --format?")
        self.path = path
        self.partial = partial


# ----------------------------------------------------------------------------------------------
# Reading rows


def _data_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def open_binary(path: Path) -> IO[bytes]:
    """Open a possibly gzipped file for reading, or raise :class:`LoadError` saying why not.

    The first block is read up front so a file that is not gzip, or not text at all, fails here
    with a clear message instead of half-way through a load.
    """
    path = Path(path)
    if not path.exists():
        raise LoadError(f"{path}: no such file")
    if path.is_dir():
        raise LoadError(f"{path}: is a folder, not a file")
    gzipped = path.suffix.lower() == ".gz"
    handle = cast(IO[bytes], gzip.open(path, "rb") if gzipped else open(path, "rb"))
    try:
        head = handle.read(_SNIFF_BYTES)
        handle.seek(0)
    except (OSError, EOFError, zlib.error) as exc:
        handle.close()
        raise LoadError(f"{path}: cannot read {'gzip ' if gzipped else ''}file ({exc})") from exc
    if head.count(b"\x00") > len(head) // 10:  # a stray NUL is one bad row; many mean it is not text
        handle.close()
        raise LoadError(f"{path}: looks like a binary file, not text")
    return handle


def open_text(path: Path) -> IO[str]:
    """Text stream for CSV reading; bytes that are not UTF-8 survive as surrogates so the row
    that holds them can be rejected instead of the whole file."""
    return io.TextIOWrapper(open_binary(path), encoding="utf-8-sig", errors="surrogateescape", newline="")


def _is_utf8(values: list[str]) -> bool:
    text = "".join(values)
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def read_header(reader: Iterator[list[str]], path: Path) -> list[str]:
    """First record of a CSV reader, cleaned; :class:`LoadError` if the file has none."""
    try:
        header = next(reader)
    except StopIteration:
        raise LoadError(f"{path}: is empty (no header row)") from None
    except (csv.Error, OSError, EOFError, zlib.error) as exc:
        raise LoadError(f"{path}: cannot read the header row ({exc})") from exc
    header = [h.strip() for h in header]
    if not any(header):
        raise LoadError(f"{path}: the header row is empty")
    if not _is_utf8(header):
        raise LoadError(f"{path}: the header row is not UTF-8 text")
    return header


def _file_reject(row: int, exc: BaseException) -> Reject:
    return Reject(row, WHOLE_FILE, "unreadable rest of file", f"reading stopped here: {exc}", {})


class CsvTable:
    """A CSV/TSV file read row by row as lists of strings, with its header.

    Opening reads the header, so a missing, empty or non-text file raises :class:`LoadError` at
    once. Iterating yields ``(row, cells)`` or ``(row, Reject)`` for rows that cannot be used as
    cells at all (unparseable, wrong number of cells, not UTF-8); the file closes when iteration
    ends. Adapters use this directly to avoid building a dict per row.
    """

    def __init__(self, path: Path, *, delimiter: str = ",", quoting: Quoting = csv.QUOTE_MINIMAL) -> None:
        self.path = Path(path)
        self._stream = open_text(self.path)
        self._reader = csv.reader(self._stream, delimiter=delimiter, quoting=quoting)
        try:
            self.header = read_header(self._reader, self.path)
        except LoadError:
            self._stream.close()
            raise

    def __enter__(self) -> CsvTable:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._stream.close()

    def __iter__(self) -> Iterator[tuple[int, list[str] | Reject]]:
        width = len(self.header)
        row = 0
        try:
            while True:
                try:
                    values = next(self._reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    row += 1
                    yield row, Reject(row, WHOLE_ROW, "unparseable CSV row", str(exc), {"line": self._reader.line_num})
                    continue
                except (OSError, EOFError, zlib.error) as exc:
                    yield row + 1, _file_reject(row + 1, exc)
                    return
                if not values:
                    continue
                row += 1
                yield row, _check_cells(row, self.header, values, width)
        finally:
            self._stream.close()

    def as_dict(self, values: list[str]) -> dict[str, Any]:
        """A row as a dict (for reject ``raw`` fields and record-style loading)."""
        return dict(zip(self.header, values, strict=False))


def _check_cells(row: int, header: list[str], values: list[str], width: int) -> list[str] | Reject:
    if len(values) != width:
        detail = f"expected {width} cells, found {len(values)}"
        return Reject(row, WHOLE_ROW, "wrong number of cells", detail, {"cells": values})
    if not _is_utf8(values):
        raw = {k: v.encode("utf-8", "surrogateescape").decode("utf-8", "replace") for k, v in zip(header, values, strict=True)}
        return Reject(row, WHOLE_ROW, "invalid UTF-8", "the row holds bytes that are not UTF-8", raw)
    return values


def _iter_csv(path: Path, delimiter: str) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    with CsvTable(path, delimiter=delimiter) as table:
        header = table.header
        for row, cells in table:
            if isinstance(cells, Reject):
                yield row, cells
            else:
                yield row, {k: (v if v != "" else None) for k, v in zip(header, cells, strict=True)}


def _iter_json(path: Path) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    with open_binary(path) as stream:
        head = stream.read(_SNIFF_BYTES).lstrip(codecs.BOM_UTF8).lstrip()
        stream.seek(0)
        if head.startswith(b"["):
            yield from _iter_json_array(path, stream)
            return
        yield from _iter_json_lines(path, stream)


def _iter_json_array(path: Path, stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    try:
        items = json.loads(stream.read().decode("utf-8-sig"))
    except (ValueError, OSError, EOFError, zlib.error) as exc:
        raise LoadError(f"{path}: is not a valid JSON array ({exc})") from exc
    for row, item in enumerate(items, start=1):
        yield row, _json_record(row, item)


def _iter_json_lines(path: Path, stream: IO[bytes]) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    row = 0
    saw_content = False
    try:
        for row, line in enumerate(stream, start=1):
            if row == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            if not line.strip():
                continue
            saw_content = True
            yield row, _parse_json_line(row, line)
    except (OSError, EOFError, zlib.error) as exc:
        if not saw_content:
            raise LoadError(f"{path}: cannot read ({exc})") from exc
        yield row + 1, _file_reject(row + 1, exc)
        return
    if not saw_content:
        raise LoadError(f"{path}: is empty")


def _parse_json_line(row: int, line: bytes) -> dict[str, Any] | Reject:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Reject(row, WHOLE_ROW, "invalid UTF-8", str(exc), {"line": line.decode("utf-8", "replace").rstrip()})
    try:
        item = json.loads(text)
    except ValueError as exc:
        return Reject(row, WHOLE_ROW, "unparseable JSON", str(exc), {"line": text.rstrip("\r\n")})
    return _json_record(row, item)


def _json_record(row: int, item: Any) -> dict[str, Any] | Reject:
    if not isinstance(item, dict):
        return Reject(row, WHOLE_ROW, "not an object", f"expected a JSON object, found {type(item).__name__}", {"value": item})
    return item


def csv_columns(path: Path) -> list[str] | None:
    """The header of a CSV/TSV file (``LoadError`` if it has none); ``None`` for JSON formats."""
    path = Path(path)
    if _data_suffix(path) not in CSV_SUFFIXES:
        return None
    with CsvTable(path, delimiter="\t" if _data_suffix(path) == ".tsv" else ",") as table:
        return table.header


def iter_records(path: Path) -> Iterator[tuple[int, dict[str, Any] | Reject]]:
    """Yield ``(row, record)`` for every data row of a JSON/CSV/TSV file; ``record`` is a dict of
    raw values or a :class:`Reject` for a row that could not even be parsed.

    Raises :class:`LoadError` (on first iteration) when the file cannot be read at all.
    """
    path = Path(path)
    suffix = _data_suffix(path)
    if suffix in JSON_SUFFIXES:
        return _iter_json(path)
    if suffix in CSV_SUFFIXES:
        return _iter_csv(path, "\t" if suffix == ".tsv" else ",")
    supported = ", ".join(JSON_SUFFIXES + CSV_SUFFIXES)
    raise LoadError(f"{path}: unknown format {suffix or '(no suffix)'!r}; expected one of {supported} (optionally .gz)")


# ----------------------------------------------------------------------------------------------
# Records to events and products


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    """Drop values that mean "not given" so the schema's defaults and required checks apply."""
    return {k: v for k, v in record.items() if v is not None and v != ""}


def _prepare_event(row: int, record: dict[str, Any]) -> dict[str, Any] | Reject:
    data = _clean(record)
    attrs = data.get("attrs")
    if isinstance(attrs, str):
        try:
            data["attrs"] = json.loads(attrs)
        except ValueError as exc:
            return Reject(row, "attrs", "invalid attrs", f"attrs is not valid JSON: {exc}", record)
    kind = data.get("type")
    if isinstance(kind, str):
        data["type"] = kind.strip().lower()
    text = data.get("text")
    if isinstance(text, str) and len(text) > MAX_TEXT_CHARS:
        attrs = data.get("attrs") if isinstance(data.get("attrs"), dict) else {}
        data["text"] = text[:MAX_TEXT_CHARS]
        data["attrs"] = {**attrs, "text_truncated_from": len(text)}
    if isinstance(data.get("text"), str):
        data["text"] = redact(data["text"])
    return data


def _prepare_product(_row: int, record: dict[str, Any]) -> dict[str, Any]:
    data = _clean(record)
    for name in ("title", "description"):
        if isinstance(data.get(name), str) and len(data[name]) > MAX_TEXT_CHARS:
            data[name] = data[name][:MAX_TEXT_CHARS]
    return data


def _load(
    path: Path,
    model: type[BaseModel],
    key: str,
    prepare: Callable[[int, dict[str, Any]], dict[str, Any] | Reject],
) -> tuple[LoadResult, list[Any]]:
    result = LoadResult(source=str(path))
    kept: list[Any] = []
    seen: dict[str, BaseModel] = {}
    for row, record in iter_records(path):
        result.rows += 1
        if result.rows > FORMAT_CHECK_ROWS and not kept:
            raise WrongFormatError(path, result)
        if isinstance(record, Reject):
            result.reject(record)
            continue
        item = _validate(row, record, model, prepare)
        if isinstance(item, BaseModel) and (first := seen.get(getattr(item, key))) is not None:
            same = "the same" if first == item else "other"
            item = Reject(row, key, f"duplicate {key}",
                          f"{key} {getattr(item, key)!r} was loaded from an earlier row, with {same} content", record)
        if isinstance(item, Reject):
            result.reject(item)
        else:
            seen[getattr(item, key)] = item
            result.source_rows[getattr(item, key)] = row
            kept.append(item)
            result.truncated += isinstance(item, Event) and "text_truncated_from" in item.attrs
    return result, kept


def _validate(
    row: int,
    record: dict[str, Any],
    model: type[BaseModel],
    prepare: Callable[[int, dict[str, Any]], dict[str, Any] | Reject],
) -> BaseModel | Reject:
    data = prepare(row, record)
    if isinstance(data, Reject):
        return data
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        return reject_from_validation(row, exc, record)


def load_events(path: Path) -> LoadResult:
    """Load events from a JSONL/JSON/CSV/TSV file (optionally ``.gz``).

    In CSV, ``attrs`` may be a JSON object string. The first row with a given ``event_id`` wins;
    later ones are rejected as ``duplicate event_id`` so re-imports cannot double-count.
    """
    path = Path(path)
    result, events = _load(path, Event, "event_id", _prepare_event)
    result.events = events
    return result


def load_products(path: Path) -> LoadResult:
    """Load catalogue products from a JSONL/JSON/CSV/TSV file; the first row per ``item_id`` wins."""
    path = Path(path)
    result, products = _load(path, Product, "item_id", _prepare_product)
    result.products = products
    return result


def parse_event_line(row: int, line: bytes) -> Event | Reject:
    """One JSONL line as an Event, or the Reject that says why not (for tailing a growing file)."""
    record = _parse_json_line(row, line)
    if isinstance(record, Reject):
        return record
    return cast(Event | Reject, _validate(row, record, Event, _prepare_event))


def event_from_record(row: int, record: dict[str, Any]) -> Event | Reject:
    """One record (a dict of raw values) as an Event through the same checks as a file row (text cut and
    redacted, schema rules), or the Reject that says why not; for adapters of other wire formats."""
    return cast(Event | Reject, _validate(row, record, Event, _prepare_event))


def product_from_record(row: int, record: dict[str, Any]) -> Product | Reject:
    """One record as a Product through the same checks as a catalogue file row, or its Reject."""
    return cast(Product | Reject, _validate(row, record, Product, _prepare_product))

"""Generic event/product loaders: bad rows become rejects with row, field and reason; good rows stay."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from encoders.data.readers import LoadError, load_events, load_products
from encoders.data.rejects import LoadResult, Reject
from encoders.data.schema import EventType

GOOD = {"event_id": "e1", "user_id": "u1", "ts": "2024-03-01T10:00:00Z", "type": "purchase", "item_id": "p1", "price": 9.5}

JSONL_LINES = [
    json.dumps(GOOD),  # 1 kept
    json.dumps({**GOOD, "event_id": "e2", "ts": "yesterday-ish"}),  # 2 invalid ts
    json.dumps({**GOOD, "event_id": "e3", "type": "wishlist"}),  # 3 unknown type
    json.dumps({**GOOD, "event_id": "e4", "user_id": 42, "ts": 1709287200}),  # 4 kept (int ids, unix ts)
    json.dumps({k: v for k, v in GOOD.items() if k != "item_id"} | {"event_id": "e5"}),  # 5 missing item_id
    json.dumps({**GOOD, "event_id": "e6", "price": -1}),  # 6 negative price
    '{"event_id": "e7", "user_id": "u1", ',  # 7 unparseable JSON
    "",  # 8 blank: skipped, not a row
    json.dumps({**GOOD, "item_id": "p2"}),  # 9 duplicate event_id of row 1
    json.dumps({"event_id": "e10", "user_id": "u2", "ts": "2024-03-02", "type": "Search", "text": "red shoes"}),  # 10 kept
    "[1, 2]",  # 11 not an object
    json.dumps({**GOOD, "event_id": "e12", "colour": "red"}),  # 12 unknown field
    json.dumps({**GOOD, "event_id": "e13", "item_id": None}),  # 13 null item -> missing item_id
]

EXPECTED_JSONL_REJECTS = [
    (2, "ts", "invalid ts"),
    (3, "type", "unknown type"),
    (5, "item_id", "missing item_id"),
    (6, "price", "negative price"),
    (7, "__row__", "unparseable JSON"),
    (9, "event_id", "duplicate event_id"),
    (11, "__row__", "not an object"),
    (12, "colour", "unknown field"),
    (13, "item_id", "missing item_id"),
]

CSV_TEXT = (
    "event_id,user_id,ts,type,item_id,text,quantity,price,rating,attrs\n"
    'c1,u1,2024-03-01 10:00:00,purchase,p1,,2,9.5,,"{""channel"": ""web""}"\n'  # 1 kept, attrs JSON
    "c2,u1,not a time,purchase,p1,,,,,\n"  # 2 invalid ts
    "c3,u1,2024-03-01,teleport,p1,,,,,\n"  # 3 unknown type
    "c4,u2,2024-03-02,view,p9,,,,,\n"  # 4 kept, empty cells are None
    "c5,u2,2024-03-02,purchase,,,,3.0,,\n"  # 5 missing item_id
    "c6,u2,2024-03-02,purchase,p1,,,-3.0,,\n"  # 6 negative price
    "c7,u2,2024-03-02,purchase,p1,,,,,{not json\n"  # 7 invalid attrs
    "c8,u2,2024-03-02,purchase\n"  # 8 wrong number of cells
    "\n"  # blank line: not a row
    "c1,u9,2024-03-03,view,p3,,,,,\n"  # 9 duplicate event_id
    "c10,u3,1709287200,review,p4,,,,4,\n"  # 10 kept, unix seconds as text
    "c11,u3,2024-03-03,purchase,p4,,0,,,\n"  # 11 non-positive quantity
    "c12,u3,2024-03-03,review,p4,,,,7,\n"  # 12 rating out of range
    "c13,u3,2024-03-03,support_message,,   ,,,,\n"  # 13 missing text
)

EXPECTED_CSV_REJECTS = [
    (2, "ts", "invalid ts"),
    (3, "type", "unknown type"),
    (5, "item_id", "missing item_id"),
    (6, "price", "negative price"),
    (7, "attrs", "invalid attrs"),
    (8, "__row__", "wrong number of cells"),
    (9, "event_id", "duplicate event_id"),
    (11, "quantity", "non-positive quantity"),
    (12, "rating", "rating out of range"),
    (13, "text", "missing text"),
]


def _write_jsonl(path: Path) -> Path:
    path.write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    return path


def _rejects_file(result: LoadResult, tmp_path: Path) -> list[dict]:
    rejects_path = result.write_report(tmp_path / "reports" / "load.json")
    assert rejects_path == tmp_path / "reports" / "load.rejects.jsonl"
    return [json.loads(line) for line in rejects_path.read_text(encoding="utf-8").splitlines()]


def _assert_consistent(result: LoadResult) -> None:
    report = result.report()
    assert report["rows"] == report["kept"] + sum(report["rejected"].values())
    assert result.kept == result.rows - len(result.rejects)


def test_jsonl_keeps_good_rows_and_rejects_each_bad_one(tmp_path: Path) -> None:
    result = load_events(_write_jsonl(tmp_path / "events.jsonl"))

    assert result.rows == 12
    assert result.kept == 3
    assert [e.event_id for e in result.events] == ["e1", "e4", "e10"]
    assert [(r.row, r.field, r.reason) for r in result.rejects] == EXPECTED_JSONL_REJECTS
    _assert_consistent(result)

    e4 = result.events[1]
    assert e4.user_id == "42"
    assert e4.ts == datetime(2024, 3, 1, 10, 0, tzinfo=timezone.utc)
    assert result.events[2].type is EventType.search


def test_jsonl_report_and_rejects_file(tmp_path: Path) -> None:
    result = load_events(_write_jsonl(tmp_path / "events.jsonl"))
    written = _rejects_file(result, tmp_path)

    report = json.loads((tmp_path / "reports" / "load.json").read_text(encoding="utf-8"))
    assert report["rows"] == 12 and report["kept"] == 3
    assert report["rejected"] == {
        "missing item_id": 2,
        "invalid ts": 1,
        "unknown type": 1,
        "negative price": 1,
        "unparseable JSON": 1,
        "duplicate event_id": 1,
        "not an object": 1,
        "unknown field": 1,
    }
    assert [(w["row"], w["field"], w["reason"]) for w in written] == EXPECTED_JSONL_REJECTS
    assert all(set(w) == {"row", "field", "reason", "detail", "raw"} for w in written)
    assert written[0]["raw"]["ts"] == "yesterday-ish"
    assert written[4]["raw"] == {"line": JSONL_LINES[6]}
    assert all(w["detail"] for w in written)


def test_gzipped_jsonl_and_json_array_load_the_same(tmp_path: Path) -> None:
    plain = load_events(_write_jsonl(tmp_path / "events.jsonl"))
    packed = tmp_path / "events.jsonl.gz"
    packed.write_bytes(gzip.compress((tmp_path / "events.jsonl").read_bytes()))
    zipped = load_events(packed)
    assert zipped.events == plain.events
    assert zipped.rejects == plain.rejects

    array = tmp_path / "events.json"
    array.write_text(json.dumps([GOOD, {**GOOD, "event_id": "x", "ts": "nope"}]), encoding="utf-8")
    result = load_events(array)
    assert result.rows == 2 and result.kept == 1
    assert (result.rejects[0].row, result.rejects[0].reason) == (2, "invalid ts")


def test_csv_keeps_good_rows_and_rejects_each_bad_one(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(CSV_TEXT, encoding="utf-8")
    result = load_events(path)

    assert result.rows == 13
    assert result.kept == 3
    assert [e.event_id for e in result.events] == ["c1", "c4", "c10"]
    assert [(r.row, r.field, r.reason) for r in result.rejects] == EXPECTED_CSV_REJECTS
    _assert_consistent(result)

    c1, c4, c10 = result.events
    assert c1.attrs == {"channel": "web"} and c1.quantity == 2 and c1.price == 9.5
    assert c4.price is None and c4.rating is None and c4.attrs == {}
    assert c10.ts == datetime.fromtimestamp(1709287200, tz=timezone.utc) and c10.rating == 4

    written = _rejects_file(result, tmp_path)
    assert [(w["row"], w["field"], w["reason"]) for w in written] == EXPECTED_CSV_REJECTS
    assert written[1]["raw"]["type"] == "teleport"
    assert written[5]["raw"] == {"cells": ["c8", "u2", "2024-03-02", "purchase"]}


def test_csv_row_with_bytes_that_are_not_utf8_is_rejected_alone(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_bytes(
        b"event_id,user_id,ts,type,item_id\n"
        b"a,u1,2024-01-01,view,p1\n"
        b"b,u\xff1,2024-01-01,view,p1\n"
        b"c,u1,2024-01-01,view,p\xc3\xa91\n"
    )
    result = load_events(path)
    assert [e.event_id for e in result.events] == ["a", "c"]
    assert result.events[1].item_id == "p\u00e91"
    assert [(r.row, r.reason) for r in result.rejects] == [(2, "invalid UTF-8")]


def test_truncated_gzip_keeps_what_was_read_and_says_where_it_stopped(tmp_path: Path) -> None:
    lines = [json.dumps({**GOOD, "event_id": f"e{i}"}) for i in range(5000)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "events.jsonl.gz"
    path.write_bytes(packed[: len(packed) // 2])
    result = load_events(path)

    assert 0 < result.kept < 5000
    last = result.rejects[-1]
    assert (last.field, last.reason) == ("__file__", "unreadable rest of file")
    assert last.row == result.rows
    _assert_consistent(result)


def test_products_csv(tmp_path: Path) -> None:
    path = tmp_path / "products.csv"
    path.write_text(
        "item_id,title,description,category,brand,price\n"
        "p1,Red Mug,A mug,Kitchen,Acme,4.5\n"
        "p2,,No title,Kitchen,Acme,3\n"
        "p3,Blue Mug,,Kitchen,,-1\n"
        "p1,Red Mug again,,,,\n"
        "p4,Free Sticker,,,,0\n"
        ",Nameless,,,,1\n",
        encoding="utf-8",
    )
    result = load_products(path)
    assert [p.item_id for p in result.products] == ["p1", "p4"]
    assert result.events == []
    assert result.products[0].text == "Red Mug. Kitchen. Acme. A mug"
    assert [(r.row, r.field, r.reason) for r in result.rejects] == [
        (2, "title", "missing title"),
        (3, "price", "negative price"),
        (4, "item_id", "duplicate item_id"),
        (6, "item_id", "missing item_id"),
    ]
    assert result.report() == {"source": str(path), "rows": 6, "kept": 2, "rejected": {
        "missing title": 1, "negative price": 1, "duplicate item_id": 1, "missing item_id": 1}, "products": 2}


def test_products_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "products.jsonl"
    path.write_text('{"item_id": 7, "title": "Lamp", "price": 12}\n{"item_id": "8"}\n', encoding="utf-8")
    result = load_products(path)
    assert [(p.item_id, p.price) for p in result.products] == [("7", 12.0)]
    assert result.rejects == [Reject(2, "title", "missing title", result.rejects[0].detail, {"item_id": "8"})]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.jsonl", None, "no such file"),
        ("events.parquet", b"PAR1", "unknown format"),
        ("empty.jsonl", b"", "is empty"),
        ("blank.jsonl", b"\n  \n", "is empty"),
        ("empty.csv", b"", "no header"),
        ("binary.csv", b"\x00\x01\x02binary", "binary"),
        ("fake.jsonl.gz", b"not gzip at all", "gzip"),
    ],
)
def test_unreadable_sources_raise_load_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(LoadError, match=message) as info:
        load_events(path)
    assert name in str(info.value)


def test_header_only_csv_is_an_empty_load(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text("event_id,user_id,ts,type,item_id\n", encoding="utf-8")
    result = load_events(path)
    assert (result.rows, result.kept, result.rejects) == (0, 0, [])

"""Writes the bad-input corpus beside this file (run it to regenerate; the files are committed).

Each file mixes valid rows with one kind of damage per row; ``expected.json`` says, per file, the
format to ingest it with, how many rows it has, which rows are kept and which reason each bad row
must be rejected for. Row numbers are the loaders' (JSON Lines: line numbers; CSV: data rows).
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

HERE = Path(__file__).parent
OK_TS = "2026-10-01T10:00:00Z"


def event(event_id: str, kind: str = "view", **fields: object) -> dict[str, object]:
    return {"event_id": event_id, "user_id": "B1", "ts": OK_TS, "type": kind, "item_id": "P1", **fields}


def jsonl_corpus() -> tuple[bytes, dict[str, object]]:
    lines: list[bytes] = []
    expected: dict[str, str] = {}

    def add(row: object, reason: str | None = None) -> None:
        lines.append(row if isinstance(row, bytes) else json.dumps(row).encode())
        if reason:
            expected[str(len(lines))] = reason

    add(event("J1"))
    add(b'{"event_id": "J2", "user_id": "B1", "ts": "' + OK_TS.encode() + b'", "type": "view"', "unparseable JSON")
    add(event("J3", "purchase", quantity="lots", price=3.0), "invalid quantity")
    add({k: v for k, v in event("J4").items() if k != "event_id"}, "missing event_id")
    add({k: v for k, v in event("J5").items() if k != "user_id"}, "missing user_id")
    add(event("J6", "teleport"), "unknown type")
    add(event("J7", ts="yesterday-ish"), "invalid ts")
    add(event("J8", ts="2999-01-01T00:00:00Z"), "future timestamp")
    add(event("J9", "review", rating=4, text="Lovely. " * 131_072))  # 1 MB: kept, cut and flagged
    add(b'{"event_id": "J10", "user_id": "B1", "ts": "' + OK_TS.encode() + b'", "type": "search", "text": "caf\xe9"}',
        "invalid UTF-8")
    add(b'{"event_id": "J11", "user_id": "B1", "ts": "' + OK_TS.encode() + b'", "type": "search", "text": "a\x00b"}',
        "unparseable JSON")
    add(event("J12", "search", item_id=None, text="nul \u0000 inside"), "NUL byte")
    add(event("J1", "purchase", quantity=1, price=9.0), "duplicate event_id")
    add(event("J14", item_id="NOT-IN-CATALOGUE"))  # unknown items are kept and flagged on the profile
    add(event("J15", "purchase", quantity=1e9, price=2.0), "implausible quantity")
    add(event("J16", "purchase", quantity=1, price=-4.0), "negative price")
    add(event("J17", "purchase", quantity=2, price=4.5, attrs={"order_id": "O1"}))
    add(b'["J18", "B1", "view"]', "not an object")
    add(event("J19", "search", item_id=None, text="garden lantern"))
    add(event("J20", "purchase", quantity=1, price=5.0, attrs="not an object"), "invalid attrs")
    return b"\n".join(lines) + b"\n", {"format": "events", "rows": len(lines), "rejects": expected,
                                         "kept": ["J1", "J9", "J14", "J17", "J19"], "truncated": ["J9"]}


def csv_corpus() -> tuple[bytes, dict[str, object]]:
    header = b"event_id,user_id,ts,type,item_id,text,quantity,price,rating,attrs"
    rows = [
        (b'C1,B2,2026-10-02T10:00:00Z,view,P1,,,,,', None),
        (b'C2,B2,2026-10-02T10:00:00Z,view,P1', "wrong number of cells"),
        (b'C3,B2,2026-10-02T10:00:00Z,purchase,P1,,1,3.5,,{not json}', "invalid attrs"),
        (b'C4,B2,2026-10-02T10:00:00Z,review,P1,,,,9,', "rating out of range"),
        (b'C5,B2,2026-10-02T10:00:00Z,search,,a\x00b,,,,', "NUL byte"),
        (b'C6,B2,2026-10-02T10:00:00Z,search,,caf\xe9,,,,', "invalid UTF-8"),
        (b'C7,B2,2026-10-02T10:00:00Z,purchase,P1,,1,abc,,', "invalid price"),
        (b'C8,B2,1700000000,purchase,P1,,2,3.5,,"{""order_id"": ""O9""}"', None),
        (b'C9,,2026-10-02T10:00:00Z,view,P1,,,,,', "missing user_id"),
        (b'C10,B2,2026-10-02T10:00:00Z,cart,,,,,,', "missing item_id"),
    ]
    expected = {str(i): reason for i, (_, reason) in enumerate(rows, start=1) if reason}
    body = header + b"\n" + b"\n".join(r for r, _ in rows) + b"\n"
    return body, {"format": "events", "rows": len(rows), "rejects": expected, "kept": ["C1", "C8"]}


def cut_gzip() -> tuple[bytes, dict[str, object]]:
    lines = [json.dumps(event(f"G{i}", ts=f"2026-10-{i % 28 + 1:02d}T10:00:00Z")) for i in range(1, 4001)]
    whole = gzip.compress(("\n".join(lines) + "\n").encode())
    return whole[: len(whole) // 2], {"format": "events", "rejects_reasons": ["unreadable rest of file"], "min_kept": 100}


def products_corpus() -> tuple[bytes, dict[str, object]]:
    header = b"item_id,title,description,category,brand,price"
    rows = [
        (b"P1,Garden lantern,,garden decor,Lumo,12.5", None),
        (b"P2,,no title,garden decor,Lumo,3", "missing title"),
        (b"P3,Cheap mug,,kitchen,Mugs,-1", "negative price"),
        (b"P1,Garden lantern again,,garden decor,Lumo,13", "duplicate item_id"),
        (b"P5,Nul\x00title,,kitchen,Mugs,4", "NUL byte"),
        (b"P6,Teapot,,kitchen,Mugs,free", "invalid price"),
        (b"P7,Teapot,,kitchen,Mugs,20", None),
    ]
    expected = {str(i): reason for i, (_, reason) in enumerate(rows, start=1) if reason}
    return header + b"\n" + b"\n".join(r for r, _ in rows) + b"\n", {"format": "products", "rows": len(rows),
                                                                      "rejects": expected, "kept": ["P1", "P7"]}


def online_retail_as_events() -> tuple[bytes, dict[str, object]]:
    header = b"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"
    rows = [f"5363{i:02d},85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom".encode()
            for i in range(150)]
    return header + b"\n" + b"\n".join(rows) + b"\n", {"format": "events", "wrong_format": "online-retail"}


def main() -> None:
    expected = {}
    for name, make in (("events.jsonl", jsonl_corpus), ("events.csv", csv_corpus), ("cut.jsonl.gz", cut_gzip),
                       ("products.csv", products_corpus), ("invoice_lines_as_events.csv", online_retail_as_events)):
        data, expectation = make()
        if name == "events.jsonl":  # the 1 MB review compresses to almost nothing
            name, data = "events.jsonl.gz", gzip.compress(data, mtime=0)
        (HERE / name).write_bytes(data)
        expected[name] = expectation
    (HERE / "expected.json").write_text(json.dumps(expected, indent=2) + "\n")


if __name__ == "__main__":
    main()

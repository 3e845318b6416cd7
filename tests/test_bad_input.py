"""The bad-input corpus (tests/data/bad, written by make_corpus.py) through a real home: every bad row
lands in the rejects file with row, field and reason, every valid row around it is kept, the counts
add up, and one bad row cannot move the data clock."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from encoders.data.readers import LoadError
from encoders.data.schema import MAX_TEXT_CHARS, Event
from encoders.data.sources import SourceFormat
from encoders.settings import Settings
from retrieval.home import open_home
from tests.test_cli import run

BAD = Path(__file__).parent / "data" / "bad"
EXPECTED = json.loads((BAD / "expected.json").read_text())
ROW_FILES = [name for name, e in EXPECTED.items() if "rejects" in e]


def _rejects(report: Path) -> list[dict]:
    return [json.loads(line) for line in report.with_name(report.stem + ".rejects.jsonl").read_text().splitlines()]


@pytest.mark.parametrize("name", ROW_FILES)
def test_every_bad_row_is_rejected_with_row_field_and_reason(tmp_path: Path, name: str) -> None:
    expected = EXPECTED[name]
    home = open_home(Settings(home=tmp_path / "home", show_progress=False))
    report_path = tmp_path / "report.json"
    result = home.ingest(BAD / name, SourceFormat(expected["format"]), report_path)
    report = json.loads(report_path.read_text())
    assert report["rows"] == expected["rows"] == report["kept"] + sum(report["rejected"].values())
    rejects = _rejects(report_path)
    assert {str(r["row"]): r["reason"] for r in rejects} == expected["rejects"]
    assert all(r["field"] and r["detail"] for r in rejects)
    kept_ids = [e.event_id for e in result.load.events] or [p.item_id for p in result.load.products]
    assert kept_ids == expected["kept"]
    if expected["format"] == "events":
        assert sorted(home.log.events_by_id(expected["kept"])) == sorted(expected["kept"])
    for event_id in expected.get("truncated", []):
        stored = home.log.events_by_id([event_id])[event_id]
        assert len(stored.text) == MAX_TEXT_CHARS and stored.attrs["text_truncated_from"] > MAX_TEXT_CHARS
    assert report.get("truncated_texts", 0) == len(expected.get("truncated", []))


def test_a_gzip_cut_short_keeps_what_came_before(tmp_path: Path) -> None:
    home = open_home(Settings(home=tmp_path / "home", show_progress=False))
    result = home.ingest(BAD / "cut.jsonl.gz", SourceFormat.events, tmp_path / "report.json")
    assert result.load.kept >= EXPECTED["cut.jsonl.gz"]["min_kept"] and result.new_events == result.load.kept
    assert [r.reason for r in result.load.rejects][-1:] == ["unreadable rest of file"]
    assert result.load.rows == result.load.kept + len(result.load.rejects)


def test_the_wrong_format_stops_early_with_a_hint(tmp_path: Path) -> None:
    home = open_home(Settings(home=tmp_path / "home", show_progress=False))
    with pytest.raises(LoadError, match="use --format online-retail"):
        home.ingest(BAD / "invoice_lines_as_events.csv", SourceFormat.events)
    assert not list((tmp_path / "home").glob("reports/*.rejects.jsonl"))
    result = run(tmp_path / "cli", "ingest", str(BAD / "invoice_lines_as_events.csv"), "--format", "events")
    assert result.returncode == 2 and "use --format online-retail" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_a_reimported_id_with_other_content_is_reported_not_applied(tmp_path: Path) -> None:
    home = open_home(Settings(home=tmp_path / "home", show_progress=False))
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    row = {"event_id": "R1", "user_id": "B3", "ts": "2026-10-05T10:00:00Z", "type": "purchase", "item_id": "P1",
           "quantity": 1, "price": 10.0}
    first.write_text(json.dumps(row) + "\n")
    second.write_text(json.dumps(row) + "\n" + json.dumps({**row, "price": 99.0}).replace("R1", "R1", 1) + "\n")
    home.ingest(first, SourceFormat.events)
    again = home.ingest(second, SourceFormat.events, tmp_path / "again.json")
    # Row 1 is the same event (already stored, nothing changes); row 2 repeats the id in the file.
    assert again.new_events == 0 and again.load.report()["rejected"] == {"duplicate event_id": 1}
    changed = tmp_path / "changed.jsonl"
    changed.write_text(json.dumps({**row, "price": 99.0}) + "\n")
    result = home.ingest(changed, SourceFormat.events, tmp_path / "changed.json")
    assert result.new_events == 0 and result.load.kept == 0
    [reject] = _rejects(tmp_path / "changed.json")
    assert (reject["row"], reject["field"], reject["reason"]) == (1, "event_id", "event_id stored with other content")
    assert home.log.events_by_id(["R1"])["R1"].price == 10.0


def test_one_row_cannot_move_the_data_clock(tmp_path: Path) -> None:
    home = open_home(Settings(home=tmp_path / "home", show_progress=False))
    start = datetime(2026, 9, 1, tzinfo=timezone.utc)
    events = [Event(event_id=f"E{i}", user_id=f"U{i % 5}", ts=start + timedelta(hours=6 * i), type="view", item_id="P1")
              for i in range(40)]
    home.log.add_events(events)
    clock = home.log.data_clock()
    assert clock == events[-1].ts.isoformat()
    # A stray row dated today (the newest valid time there is), for one customer: the clock stays.
    stray = Event(event_id="stray", user_id="U9", ts=datetime.now(timezone.utc) - timedelta(minutes=5), type="view", item_id="P1")
    home.log.add_events([stray])
    assert home.log.latest_ts() == stray.ts.isoformat() and home.log.data_clock() == clock
    # Once another customer is active near it, it is the shop's time: the clock moves.
    home.log.add_events([Event(event_id="next", user_id="U1", ts=stray.ts - timedelta(hours=1), type="view", item_id="P1")])
    assert home.log.data_clock() == stray.ts.isoformat()


def test_contact_and_card_details_are_redacted_before_anything_is_stored(tmp_path: Path) -> None:
    home = open_home(Settings(home=tmp_path / "home", show_progress=False))
    feed = tmp_path / "pii.jsonl"
    texts = ["Email me at jane.doe@example.com or call +44 20 7946 0958 about order #100106.",
             "My card 4111 1111 1111 1111 was charged twice, ring (555) 123-4567."]
    feed.write_text("".join(json.dumps({"event_id": f"X{i}", "user_id": "B4", "ts": "2026-10-05T10:00:00Z",
                                        "type": "support_message", "text": t}) + "\n" for i, t in enumerate(texts)))
    home.ingest(feed, SourceFormat.events)
    stored = [e.text for e in home.log.events_by_user(["B4"])["B4"]]
    assert stored == ["Email me at [email removed] or call [phone removed] about order #100106.",
                      "My card [card number removed] was charged twice, ring [phone removed]."]
    raw = home.settings.event_db.read_bytes()
    assert b"jane.doe" not in raw and b"4111" not in raw and b"7946" not in raw

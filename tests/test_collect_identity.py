"""Identity stitching end to end: a generated session stream (anonymous browsing, sign-in by identify and
alias, shared devices, junk ids, an alias between two userIds, a shopper past the weekly limit) sent by the
real Segment client to a collector process gives the customers an independent pandas reference computes;
then `portrait identity split` and `portrait forget` on stitched customers."""

from __future__ import annotations

import subprocess
import time
from collections import defaultdict
from pathlib import Path

import pytest

from eval.collect_process import PORTRAIT, CollectorProcess, query, stored_profile
from eval.collect_stream import reference_owners, send, session_stream


def _wait_idle(home: Path, timeout_s: float = 120.0) -> None:
    """Until the applier has no pending customer left (twice in a row, a pass apart)."""
    deadline = time.monotonic() + timeout_s
    quiet = 0
    while time.monotonic() < deadline:
        quiet = quiet + 1 if query(home, "SELECT COUNT(*) FROM pending")[0][0] == 0 else 0
        if quiet >= 3:
            return
        time.sleep(0.3)
    raise AssertionError("profiles still pending")


def _owners(home: Path) -> dict[str, str]:
    rows = query(home, "SELECT json_extract(body, '$.attrs.message_id'), user_id FROM events")
    owners: dict[str, set[str]] = defaultdict(set)
    for message_id, user_id in rows:
        owners[message_id].add(user_id)
    assert all(len(o) == 1 for o in owners.values()), "one message's events split between customers"
    return {m: next(iter(o)) for m, o in owners.items()}


@pytest.fixture(scope="module")
def stitched(tmp_path_factory: pytest.TempPathFactory):
    from segment.analytics import Client

    stream = session_stream(seed=5, users=20, anonymous_only=6)
    process = CollectorProcess(tmp_path_factory.mktemp("identity") / "home", {"k": "web"}).start()
    errors: list[Exception] = []
    client = Client("k", host=process.url, on_error=lambda e, _b: errors.append(e), upload_interval=0.05)
    send(client, stream)
    client.flush()
    client.join()
    assert errors == []
    _wait_idle(process.home)
    yield process, stream
    process.stop()


def test_stitched_customers_equal_the_pandas_reference(stitched) -> None:
    process, stream = stitched
    reference = reference_owners(stream)
    expected = dict(zip(reference.message_id, reference.owner, strict=True))
    assert _owners(process.home) == expected
    assert {r[0] for r in query(process.home, "SELECT DISTINCT user_id FROM events")} == set(reference.owner)
    # no two userIds ever merged: every customer's events came with at most one userId, their own
    given = query(process.home, "SELECT e.user_id, m.user_id FROM events e JOIN intake_messages m "
                                "ON m.message_id = json_extract(e.body, '$.attrs.message_id') WHERE m.user_id IS NOT NULL")
    assert all(owner == user for owner, user in given)
    assert query(process.home, "SELECT COUNT(*) FROM identity_links l JOIN identity_users u ON u.user_id = l.anonymous_id")[0][0] == 0
    reasons = {r[0].split(":")[0] for r in query(process.home, "SELECT reason FROM identity_edges WHERE outcome = 'refused'")}
    assert {"weekly limit", "userId never merges with another userId", "anonymous id already joined to U001"} <= reasons
    many = "U020"  # session_stream(users=20): the shopper past the weekly limit
    assert len(query(process.home, "SELECT 1 FROM identity_links WHERE user_id = ?", (many,))) == 10
    assert len(query(process.home, "SELECT 1 FROM identity_edges WHERE user_id = ? AND reason LIKE 'weekly limit%'", (many,))) == 3
    joined = query(process.home, "SELECT anonymous_id FROM identity_links WHERE user_id = ?", (many,))
    assert sorted(a for (a,) in joined) == sorted(f"dev-many-{n}" for n in range(10))  # the first ten; the rest stay apart


def test_profiles_follow_the_stitching(stitched) -> None:
    process, stream = stitched
    reference = reference_owners(stream)
    for owner in set(reference.owner):
        profile = stored_profile(process.home, owner)
        assert profile is not None, owner
        assert profile["n_events"] == len(query(process.home, "SELECT 1 FROM events WHERE user_id = ?", (owner,)))
    linked = query(process.home, "SELECT anonymous_id, user_id, message_id FROM identity_links WHERE user_id = 'U000'")
    assert linked
    profile = stored_profile(process.home, "U000")
    assert sorted(profile["facts"]["merged_ids"]["value"]) == sorted(a for a, _, _ in linked)
    assert set(profile["facts"]["merged_ids"]["evidence"]) == {m for _, _, m in linked}
    for anonymous_id, _, _ in linked:  # the anonymous profile is gone, its history is U000's
        assert stored_profile(process.home, f"anon:{anonymous_id}") is None
    # what `portrait status --json` reports (its CLI would open the Chroma folder the running applier holds)
    from retrieval.event_log import EventLog
    from retrieval.intake import intake_counts

    intake = intake_counts(process.home / "events.sqlite")
    assert intake is not None and intake["stitched_anonymous_ids"] == len(query(process.home, "SELECT 1 FROM identity_links"))
    assert intake["alias"] == sum(1 for method, _ in stream.calls if method == "alias")
    log = EventLog(process.home / "events.sqlite")
    assert len(log.user_ids()) == len(set(reference.owner))  # status's "customers": an anonymous shopper once, stitched ones not apart
    log.close()


def test_split_then_forget_a_stitched_customer(stitched) -> None:
    process, _ = stitched
    device = query(process.home, "SELECT anonymous_id FROM identity_links WHERE user_id = 'U003' ORDER BY anonymous_id")[0][0]
    anonymous_alone = query(process.home, "SELECT COUNT(*) FROM events WHERE user_id = 'U003' AND "
                                          "json_extract(body, '$.attrs.anonymous_id') = ?", (device,))[0][0]
    assert anonymous_alone > 0
    split = subprocess.run([PORTRAIT, "--home", str(process.home), "identity", "split", device], capture_output=True, text=True, timeout=120)
    assert split.returncode == 0, split.stderr
    assert query(process.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (f"anon:{device}",))[0][0] == anonymous_alone
    _wait_idle(process.home)
    assert stored_profile(process.home, f"anon:{device}")["n_events"] == anonymous_alone
    assert "merged_ids" not in stored_profile(process.home, "U003")["facts"] or \
        device not in stored_profile(process.home, "U003")["facts"]["merged_ids"]["value"]

    victim = "U005"
    anonymous_ids = [r[0] for r in query(process.home, "SELECT anonymous_id FROM identity_links WHERE user_id = ?", (victim,))]
    assert anonymous_ids
    process.stop()  # forget uses the home's local Chroma, which the running applier holds
    forgot = subprocess.run([PORTRAIT, "--home", str(process.home), "forget", victim], capture_output=True, text=True, timeout=300)
    assert forgot.returncode == 0, forgot.stderr
    customers = [victim, *(f"anon:{a}" for a in anonymous_ids)]
    for customer in customers:
        assert query(process.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (customer,))[0][0] == 0
        assert query(process.home, "SELECT COUNT(*) FROM intake_messages WHERE customer_id = ? OR user_id = ?", (customer, customer))[0][0] == 0
        assert stored_profile(process.home, customer) is None
    for anonymous_id in anonymous_ids:
        assert query(process.home, "SELECT COUNT(*) FROM identity_edges WHERE anonymous_id = ?", (anonymous_id,))[0][0] == 0
        assert query(process.home, "SELECT COUNT(*) FROM intake_messages WHERE anonymous_id = ?", (anonymous_id,))[0][0] == 0
    assert query(process.home, "SELECT COUNT(*) FROM identity_links WHERE user_id = ?", (victim,))[0][0] == 0
    raw = (process.home / "events.sqlite").read_bytes()
    assert f'"{victim}"'.encode() not in raw

    # with no collector running, split updates both profiles itself
    device, owner = query(process.home, "SELECT l.anonymous_id, l.user_id FROM identity_links l WHERE l.user_id NOT IN ('U003', ?) "
                                        "AND EXISTS (SELECT 1 FROM events e WHERE e.user_id = l.user_id AND "
                                        "json_extract(e.body, '$.attrs.anonymous_id') = l.anonymous_id) ORDER BY 2, 1", (victim,))[0]
    split = subprocess.run([PORTRAIT, "--home", str(process.home), "identity", "split", device], capture_output=True, text=True, timeout=300)
    assert split.returncode == 0 and "Both profiles are updated" in split.stdout, split.stderr
    moved = query(process.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (f"anon:{device}",))[0][0]
    assert moved > 0 and stored_profile(process.home, f"anon:{device}")["n_events"] == moved
    assert stored_profile(process.home, owner)["n_events"] == query(process.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (owner,))[0][0]
    assert query(process.home, "SELECT COUNT(*) FROM pending")[0][0] == 0

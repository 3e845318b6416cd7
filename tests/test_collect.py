"""`portrait collect` as a real process, driven by the real Segment and RudderStack client libraries
(their own batching, gzip and retry paths) and, for the protocol's edges, by plain HTTP requests."""

from __future__ import annotations

import gzip
import json
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
import requests

from encoders.settings import Settings
from eval.collect_process import CollectorProcess, query, stored_profile

KEYS = {"seg-key": "web", "rudder-key": "app"}


@pytest.fixture(scope="module")
def collector(tmp_path_factory: pytest.TempPathFactory):
    process = CollectorProcess(tmp_path_factory.mktemp("collect") / "home", KEYS)
    with process:
        yield process


def _wait_for(condition, timeout_s: float = 60.0, what: str = "condition") -> Any:  # noqa: ANN001
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _segment(url: str, key: str = "seg-key", **options: Any):  # noqa: ANN202
    from segment.analytics import Client

    errors: list[Exception] = []
    client = Client(key, host=url, on_error=lambda error, _batch: errors.append(error), upload_interval=0.05, **options)
    return client, errors


def _uid() -> str:
    return uuid.uuid4().hex[:8]


def test_segment_client_spec_events_become_events_products_and_a_live_profile(collector: CollectorProcess) -> None:
    user = f"shopper-{_uid()}"
    client, errors = _segment(collector.url)
    product = {"product_id": f"mug-{user}", "name": "Blue mug", "category": "Kitchen", "brand": "Acme", "price": 12.5}
    client.track(user_id=user, event="Products Searched", properties={"query": "blue mug"})
    client.track(user_id=user, event="Product Viewed", properties=product)
    client.track(user_id=user, event="Product Clicked", properties=product)
    client.track(user_id=user, event="Product Added", properties={**product, "quantity": 2})
    order = client.track(user_id=user, event="Order Completed", properties={
        "order_id": "O-1", "currency": "EUR", "products": [{**product, "quantity": 2}, {"product_id": "p-2", "price": "3.5", "quantity": 1}]})
    client.track(user_id=user, event="Order Refunded", properties={"order_id": "O-1", "products": [{"product_id": "p-2", "price": 3.5}]})
    client.track(user_id=user, event="Product Reviewed", properties={"product_id": product["product_id"], "review_body": "Lovely, mail me at a@b.com", "rating": 5})
    client.track(user_id=user, event="Coupon Applied", properties={"coupon": "X"})  # no mapping: kept raw, counted
    client.page(user_id=user, name="Home")
    client.screen(user_id=user, name="Cart")
    client.group(user_id=user, group_id="g1")
    client.identify(user_id=user, traits={"country": "FR", "email": "someone@example.com", "phone": "+33 6 12 34 56 78"})
    client.flush()
    client.join()
    assert errors == []

    rows = query(collector.home, "SELECT event_id, body FROM events WHERE user_id = ? ORDER BY event_id", (user,))
    types = sorted(json.loads(body)["type"] for _, body in rows)
    assert types == ["cart", "purchase", "purchase", "return", "review", "search", "view", "view"]
    purchases = {eid: json.loads(body) for eid, body in rows if json.loads(body)["type"] == "purchase"}
    order_id = order[1]["messageId"]
    assert set(purchases) == {f"{order_id}:0", f"{order_id}:1"}
    assert purchases[f"{order_id}:0"]["attrs"]["order_id"] == "O-1" and purchases[f"{order_id}:0"]["attrs"]["currency"] == "EUR"
    assert purchases[f"{order_id}:0"]["quantity"] == 2 and purchases[f"{order_id}:1"]["price"] == 3.5
    review = next(json.loads(b) for _, b in rows if json.loads(b)["type"] == "review")
    assert "a@b.com" not in review["text"] and review["rating"] == 5
    kinds = dict(query(collector.home, "SELECT kind || ':' || mapped, COUNT(*) FROM intake_messages WHERE customer_id = ? GROUP BY 1", (user,)))
    assert kinds == {"track:1": 7, "track:0": 1, "page:0": 1, "screen:0": 1, "group:0": 1, "identify:0": 1}
    raw = query(collector.home, "SELECT body FROM intake_messages WHERE customer_id = ? AND kind = 'identify'", (user,))[0][0]
    assert "someone@example.com" not in raw and "12 34 56 78" not in raw and '"country":"FR"' in raw
    catalogue = dict(query(collector.home, "SELECT item_id, body FROM products WHERE item_id = ?", (product["product_id"],)))
    assert json.loads(catalogue[product["product_id"]])["title"] == "Blue mug"

    profile = _wait_for(lambda: (p := stored_profile(collector.home, user)) and p["n_events"] == 8 and p, what="the live profile")
    assert profile["facts"]["country"]["value"] == "FR"  # from identify's traits
    assert profile["facts"]["frequency"]["value"] == 1


def test_rudderstack_client_gzip_and_basic_auth(collector: CollectorProcess) -> None:
    import rudderstack.analytics as rudder

    user = f"rudder-{_uid()}"
    errors: list[Exception] = []
    client = rudder.Client("rudder-key", host=collector.url, gzip=True, on_error=lambda e, _b: errors.append(e), upload_interval=0.05)
    assert client.gzip
    for n in range(150):  # more than one of its batches
        client.track(user_id=user, event="Product Viewed", properties={"product_id": f"r{n % 5}"})
    client.flush()
    client.join()
    assert errors == []
    assert query(collector.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (user,))[0][0] == 150
    assert query(collector.home, "SELECT DISTINCT source FROM intake_messages WHERE customer_id = ?", (user,)) == [("app",)]


def _post(url: str, body: Any, path: str = "/v1/batch", key: str | None = "seg-key", raw: bytes | None = None,
          headers: dict[str, str] | None = None) -> requests.Response:
    data = raw if raw is not None else json.dumps(body).encode()
    auth = (key, "") if key else None
    return requests.post(url + path, data=data, auth=auth, headers={"Content-Type": "application/json", **(headers or {})}, timeout=30)


def _track(user: str, **extra: Any) -> dict[str, Any]:
    return {"type": "track", "event": "Product Viewed", "userId": user, "messageId": str(uuid.uuid4()),
            "properties": {"product_id": "p1"}, **extra}


def test_write_keys_as_basic_auth_with_or_without_colon_or_in_the_body(collector: CollectorProcess) -> None:
    import base64

    user = f"keys-{_uid()}"
    assert _post(collector.url, {"batch": [_track(user)]}).status_code == 200
    no_colon = base64.b64encode(b"seg-key").decode()
    assert _post(collector.url, {"batch": [_track(user)]}, key=None, headers={"Authorization": f"Basic {no_colon}"}).status_code == 200
    assert _post(collector.url, {"batch": [_track(user)], "writeKey": "rudder-key"}, key=None).status_code == 200
    wrong = _post(collector.url, {"batch": [_track(user)]}, key="nope")
    assert wrong.status_code == 401
    assert _post(collector.url, {"batch": [_track(user)], "writeKey": "nope"}, key=None).status_code == 401
    assert _post(collector.url, {"batch": [_track(user)]}, key=None).status_code == 401
    assert query(collector.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (user,))[0][0] == 3


def test_single_endpoints_take_one_message_each(collector: CollectorProcess) -> None:
    user = f"single-{_uid()}"
    message = _track(user)
    message.pop("type")
    assert _post(collector.url, message, path="/v1/track").status_code == 200
    assert _post(collector.url, {"userId": user, "traits": {"country": "DE"}}, path="/v1/identify").status_code == 200
    for kind in ("page", "screen", "group"):
        assert _post(collector.url, {"userId": user, "name": kind}, path=f"/v1/{kind}").status_code == 200
    assert _post(collector.url, {"userId": user, "previousId": f"dev-{user}"}, path="/v1/alias").status_code == 200
    kinds = sorted(r[0] for r in query(collector.home, "SELECT kind FROM intake_messages WHERE user_id = ?", (user,)))
    assert kinds == ["alias", "group", "identify", "page", "screen", "track"]


def test_limits_bad_bodies_and_partial_batches(collector: CollectorProcess, tmp_path: Path) -> None:
    user = f"limits-{_uid()}"
    settings = Settings(home=collector.home)
    big = _track(user, properties={"product_id": "p1", "blob": "x" * (settings.collect_max_message_bytes + 10)})
    missing = {"type": "track", "event": "Product Viewed", "messageId": str(uuid.uuid4())}
    no_event = {"type": "track", "userId": user, "messageId": str(uuid.uuid4())}
    future = _track(user, timestamp=(datetime.now(timezone.utc) + timedelta(days=3)).isoformat())
    negative = _track(user, event="Product Added", properties={"product_id": "p1", "price": -3})
    good = _track(user)
    response = _post(collector.url, {"batch": [big, missing, no_event, future, negative, good]})
    assert response.status_code == 200
    body = response.json()
    assert body["accepted"] == 1
    reasons = {r["index"]: r["reason"] for r in body["rejected"]}
    assert reasons == {0: "message too large", 1: "missing userId/anonymousId", 2: "missing event",
                       3: "future timestamp", 4: "negative price"}
    rejects = [json.loads(line) for line in (collector.home / "reports" / "collect.rejects.jsonl").read_text().splitlines()]
    mine = {r["message_id"]: r for r in rejects if r["message_id"] in {no_event["messageId"], future["messageId"], negative["messageId"]}}
    assert {r["reason"] for r in mine.values()} == {"missing event", "future timestamp", "negative price"}
    assert mine[negative["messageId"]]["field"] == "price" and mine[negative["messageId"]]["row"] == 5

    assert _post(collector.url, big, path="/v1/track").status_code == 400
    huge = {"batch": [_track(user, properties={"product_id": "p1", "pad": "y" * 20_000}) for _ in range(30)]}
    too_big = _post(collector.url, huge)
    assert too_big.status_code == 400 and "larger than" in too_big.json()["error"]
    bomb = gzip.compress(b'{"batch": [' + b" " * 5_000_000 + b"]}")
    assert len(bomb) < 20_000
    refused = _post(collector.url, None, raw=bomb, headers={"Content-Encoding": "gzip"})
    assert refused.status_code == 400 and "after decompression" in refused.json()["error"]
    assert _post(collector.url, None, raw=b"{not json").status_code == 400
    assert _post(collector.url, None, raw=b"\x1f\x8b garbage", headers={"Content-Encoding": "gzip"}).status_code == 400
    zipped = gzip.compress(json.dumps({"batch": [_track(user)]}).encode())
    assert _post(collector.url, None, raw=zipped, headers={"Content-Encoding": "gzip"}).status_code == 200
    assert query(collector.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (user,))[0][0] == 2


def test_retried_message_ids_are_stored_once_and_clock_skew_is_corrected(collector: CollectorProcess) -> None:
    user = f"dedup-{_uid()}"
    received = datetime.now(timezone.utc)
    skewed = {"type": "track", "event": "Product Viewed", "userId": user, "messageId": str(uuid.uuid4()),
              "properties": {"product_id": "p9"},
              "originalTimestamp": (received - timedelta(hours=1, minutes=5)).isoformat(),  # device clock 1 h fast...
              "sentAt": (received - timedelta(hours=1)).isoformat()}                          # ...sent 5 min after the event
    batch = {"batch": [_track(user), _track(user), skewed]}
    first = _post(collector.url, batch).json()
    again = _post(collector.url, batch).json()
    assert (first["accepted"], first["duplicates"]) == (3, 0)
    assert (again["accepted"], again["duplicates"]) == (0, 3)
    assert query(collector.home, "SELECT COUNT(*) FROM events WHERE user_id = ?", (user,))[0][0] == 3
    ts = datetime.fromisoformat(query(collector.home, "SELECT ts FROM events WHERE event_id = ?", (skewed["messageId"],))[0][0])
    assert abs((ts - (received - timedelta(minutes=5))).total_seconds()) < 5


def test_writer_behind_answers_429_with_retry_after(tmp_path: Path) -> None:
    """In-process (the writer must be held on purpose): the same Collector the server runs."""
    from retrieval.intake import Intake
    from ui.collect.app import Collector

    settings = Settings(home=tmp_path / "home", collect_max_waiting_writes=1)
    collector = Collector(settings, {"k": "web"}, Intake(settings))
    body = json.dumps({"batch": [_track("u-429")], "writeKey": "k"}).encode()
    answers: list[Any] = []
    with collector.intake._lock:  # the writer is busy
        waiting = threading.Thread(target=lambda: answers.append(collector.handle(body, None, None, None)))
        waiting.start()
        _wait_for(lambda: collector.intake._waiting == 1, 10, "a waiting writer")
        busy = collector.handle(json.dumps({"batch": [_track("u-429")], "writeKey": "k"}).encode(), None, None, None)
    waiting.join(10)
    assert busy.status_code == 429 and busy.headers["Retry-After"] == "1"
    assert answers[0].status_code == 200


def test_requests_queued_past_the_limit_get_429_and_go_through_on_retry(tmp_path: Path) -> None:
    """The server takes requests on collect_handler_threads threads in order; past collect_max_waiting_writes
    waiting, it answers 429 with Retry-After (a real collector process, many concurrent requests)."""
    from concurrent.futures import ThreadPoolExecutor

    env = {"PORTRAIT_COLLECT_HANDLER_THREADS": "1", "PORTRAIT_COLLECT_MAX_WAITING_WRITES": "1"}
    with CollectorProcess(tmp_path / "home", {"k": "web"}, apply=False, env=env) as process:
        bodies = [json.dumps({"batch": [_track(f"q-{n}-{i}") for i in range(100)], "writeKey": "k"}) for n in range(24)]

        def post(body: str) -> tuple[int, str | None]:
            answer = requests.post(f"{process.url}/v1/batch", data=body, headers={"Content-Type": "application/json"}, timeout=60)
            return answer.status_code, answer.headers.get("Retry-After")

        with ThreadPoolExecutor(24) as pool:
            first = list(pool.map(post, bodies))
        assert {status for status, _ in first} <= {200, 429} and any(status == 429 for status, _ in first)
        assert all(retry == "1" for status, retry in first if status == 429)
        for body, (status, _) in zip(bodies, first):
            while status != 200:
                time.sleep(0.05)
                status, _ = post(body)
        assert query(process.home, "SELECT COUNT(*) FROM intake_messages")[0][0] == 2400


def test_rejects_file_is_rotated_at_its_size_limit(tmp_path: Path) -> None:
    """In-process, the same Collector the server runs: past collect_rejects_max_bytes the rejects file moves to
    collect.rejects.1.jsonl (the older one goes), so rejects never take more than about twice the limit."""
    from retrieval.intake import Intake
    from ui.collect.app import REJECTS_FILE, REJECTS_ROTATED, Collector

    settings = Settings(home=tmp_path / "home", collect_rejects_max_bytes=4000)
    collector = Collector(settings, {"k": "web"}, Intake(settings))
    try:
        for n in range(40):  # each request: one good message and three without any id
            junk = [{"type": "track", "event": "Product Viewed", "messageId": f"junk-{n}-{i}"} for i in range(3)]
            answer = collector.handle(json.dumps({"batch": [_track(f"u-{n}"), *junk], "writeKey": "k"}).encode(), None, None, None)
            assert answer.status_code == 200 and len(json.loads(answer.body)["rejected"]) == 3
            current = settings.reports_dir / REJECTS_FILE
            assert current.stat().st_size <= 4000
    finally:
        collector.intake.close()
    rotated = settings.reports_dir / REJECTS_ROTATED
    assert rotated.exists() and rotated.stat().st_size <= 4000
    kept = [json.loads(line) for f in (rotated, current) for line in f.read_text().splitlines()]
    assert kept[-1]["message_id"] == "junk-39-2" and all(r["reason"] for r in kept)
    assert 40 * 3 > len(kept) >= 4000 // 300  # older rejects went; the newest are all there, in order
    ids = [r["message_id"] for r in kept]
    assert ids == sorted(ids, key=lambda m: (int(m.split("-")[1]), int(m.split("-")[2])))
    unlimited = Settings(home=tmp_path / "home2", collect_rejects_max_bytes=0)
    collector = Collector(unlimited, {"k": "web"}, Intake(unlimited))
    try:
        for n in range(20):
            junk = [{"type": "track", "event": "Product Viewed", "messageId": f"j-{n}-{i}"} for i in range(3)]
            collector.handle(json.dumps({"batch": [_track(f"v-{n}"), *junk], "writeKey": "k"}).encode(), None, None, None)
    finally:
        collector.intake.close()
    assert len((unlimited.reports_dir / REJECTS_FILE).read_text().splitlines()) == 60
    assert not (unlimited.reports_dir / REJECTS_ROTATED).exists()


def test_collector_and_a_reader_share_one_home_through_a_chroma_server(tmp_path: Path) -> None:
    """`portrait collect` with PORTRAIT_CHROMA_URL writes profiles into the served Chroma, where another
    process (here this test, as `portrait ui` would) reads them while the collector runs."""
    import signal
    import subprocess

    from eval.collect_process import PORTRAIT, free_port
    from retrieval.chroma_server import wait_until_up
    from retrieval.home import open_home

    home = tmp_path / "home"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    store = subprocess.Popen([PORTRAIT, "--home", str(home), "store", "serve", "--port", str(port)],
                             stdout=(tmp_path / "store.log").open("w"), stderr=subprocess.STDOUT)
    try:
        wait_until_up(url, 60, store)
        with CollectorProcess(home, {"k": "web"}, env={"PORTRAIT_CHROMA_URL": url}) as process:
            client, errors = _segment(process.url, key="k")
            client.track(user_id="served-1", event="Product Viewed", properties={"product_id": "lamp", "name": "Desk lamp", "price": 30})
            client.flush()
            client.join()
            assert errors == []
            _wait_for(lambda: stored_profile(home, "served-1"), what="the profile's facts")
            _wait_for(lambda: query(home, "SELECT (SELECT COUNT(*) FROM pending) + (SELECT COUNT(*) FROM vectors_pending)")[0][0] == 0,
                      what="the profile's vectors")  # one snapshot: a facts pass moves a mark from one table to the other
            reader = open_home(Settings(home=home, chroma_url=url, show_progress=False))
            profile = reader.profile("served-1")
            assert profile.interest_vector is not None and profile.n_events == 1
            assert "lamp" in reader.vectors.products.get(include=[])["ids"]
    finally:
        store.send_signal(signal.SIGTERM)
        store.wait(30)


def test_adapter_maps_returns_and_refuses_orders_without_products() -> None:
    """The spec mapping's edges, on the pure adapter (no server needed)."""
    from encoders.data.adapters.segment import translate

    now = datetime.now(timezone.utc)
    blocked = frozenset({"null", "", "0", "-1", "anonymous"})
    cancelled = translate(1, {"type": "track", "event": "Order Cancelled", "userId": "u", "messageId": "m1",
                              "properties": {"order_id": "O9", "products": [{"sku": "S1", "price": 4, "quantity": 2}, {"product_id": "S2"}]}},
                          now, blocked)
    assert [(e.event_id, e.type.value, e.item_id, e.quantity) for e in cancelled.events] == [
        ("m1:0", "return", "S1", 2.0), ("m1:1", "return", "S2", None)]
    empty = translate(2, {"type": "track", "event": "Order Completed", "userId": "u", "properties": {"order_id": "O1"}}, now, blocked)
    assert empty.reject is not None and (empty.reject.field, empty.reject.reason) == ("properties.products", "missing products")
    bad_line = translate(3, {"type": "track", "event": "Order Completed", "userId": "u", "properties": {
        "products": [{"product_id": "A", "price": 3}, {"price": 2}]}}, now, blocked)
    assert bad_line.events == [] and bad_line.reject is not None and bad_line.reject.reason == "missing item_id"
    junk = translate(4, {"type": "identify", "userId": "anonymous", "anonymousId": " -1 "}, now, blocked)
    assert junk.reject is not None and junk.reject.reason == "missing userId/anonymousId"
    unmapped = translate(5, {"type": "track", "event": "Wishlist Shared", "anonymousId": "a"}, now, blocked)
    assert unmapped.reject is None and not unmapped.mapped and unmapped.events == []
    bad_time = translate(6, {"type": "page", "userId": "u", "timestamp": "yesterday"}, now, blocked)
    assert bad_time.reject is not None and (bad_time.reject.field, bad_time.reject.reason) == ("timestamp", "invalid timestamp")


def test_collect_help_is_the_manual() -> None:
    import subprocess

    from eval.collect_process import PORTRAIT

    result = subprocess.run([PORTRAIT, "collect", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    for words in ("/v1/batch", "--write-key", "gzip", "429", "collect.rejects.jsonl"):
        assert words in result.stdout

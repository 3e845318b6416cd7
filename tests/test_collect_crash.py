"""The collector SIGKILLed twice at random moments while the real Segment and RudderStack clients send (and
retry through their own backoff; RudderStack gzipped): every message ends up in the log exactly once, and
the profiles catch up.
The five-kill figure under the benchmark's load is `portrait eval collect` (eval/reports/collect.json)."""

from __future__ import annotations

import random
import threading
import time
import uuid
from pathlib import Path

from eval.collect_process import CollectorProcess, query, stored_profile


def test_sigkilled_collector_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    import rudderstack.analytics as rudder
    from segment.analytics import Client

    rng = random.Random(17)
    process = CollectorProcess(tmp_path / "home", {"k": "web"}).start()
    errors: list[Exception] = []
    client = Client("k", host=process.url, on_error=lambda e, _b: errors.append(e), upload_interval=0.01,
                    max_queue_size=100_000, max_retries=20)
    rudder_client = rudder.Client("k", host=process.url, gzip=True, on_error=lambda e, _b: errors.append(e),
                                  upload_interval=0.01, max_queue_size=100_000, max_retries=20)
    sent: list[str] = []
    kills: list[float] = []
    started = time.monotonic()

    def killer() -> None:
        for _ in range(2):
            time.sleep(rng.uniform(0.5, 2.0))
            process.kill()
            kills.append(time.monotonic() - started)
            process.start()

    thread = threading.Thread(target=killer)
    thread.start()
    while thread.is_alive() or time.monotonic() - started < 3:  # keep the load on through both kills
        for _ in range(100):
            message_id = str(uuid.UUID(int=rng.getrandbits(128)))
            sender = client if len(sent) % 2 else rudder_client
            ok, _ = sender.track(user_id=f"C{rng.randrange(300):03d}", event="Product Viewed", message_id=message_id,
                                 properties={"product_id": f"P{rng.randrange(50)}", "name": "Thing", "price": 3})
            assert ok
            sent.append(message_id)
        time.sleep(0.05)
    thread.join()
    for each in (client, rudder_client):
        each.flush()
        each.join()
    try:
        assert len(kills) == 2
        assert errors == []
        stored = [r[0] for r in query(process.home, "SELECT message_id FROM intake_messages")]
        assert sorted(stored) == sorted(sent)  # each acknowledged (= every) message once, nothing else
        assert query(process.home, "SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events")[0] == (len(sent), len(sent))
        customers = {r[0] for r in query(process.home, "SELECT DISTINCT user_id FROM events")}
        deadline = time.monotonic() + 120
        while query(process.home, "SELECT COUNT(*) FROM pending")[0][0] and time.monotonic() < deadline:
            time.sleep(0.5)
        assert query(process.home, "SELECT COUNT(*) FROM pending")[0][0] == 0
        counts = dict(query(process.home, "SELECT user_id, COUNT(*) FROM events GROUP BY user_id"))
        for customer in customers:
            assert stored_profile(process.home, customer)["n_events"] == counts[customer]
    finally:
        process.stop()

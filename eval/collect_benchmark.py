"""The collector's figures: accepted events per second, p95 of the 200, p95 from a 200 to the touched
profile updated, and SIGKILL crashes under load.

The load generator is bounded (a fixed number of HTTP/1.1 keep-alive connections, each waiting for its
answer) and sends batches of 100 Tracking API messages built before the clock starts, so it measures the
collector, not the generator. A batch is retried, as clients do, until it gets a 200 (connection errors,
429 and 5xx). Profile latency comes from the applier's pass log: a customer acknowledged at ``t`` is
updated by the first facts pass that rebuilt them from a snapshot holding their request (the pass's
intake sequence number is at least the request's; the latency is that pass's end - t), and its vectors by
the first vectors pass that wrote a profile from such a build.
"""

from __future__ import annotations

import base64
import http.client
import json
import random
import statistics
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from eval.collect_process import CollectorProcess, query

KEY = "bench-key"
AUTH = "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()
EVENTS = (("Product Viewed", 0.55), ("Products Searched", 0.15), ("Product Added", 0.15), ("Order Completed", 0.05), ("page", 0.10))


@dataclass
class Batch:
    body: bytes
    message_ids: list[str]
    customers: set[str]
    events: int
    acked_at: float | None = None
    latency_s: float | None = None
    attempts: int = 0


def make_batches(n: int, users: int, seed: int, size: int = 100) -> list[Batch]:
    """``n`` batches of ``size`` messages from ``users`` shoppers (e-commerce spec tracks and pages)."""
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    names, weights = zip(*EVENTS, strict=True)
    batches = []
    for b in range(n):
        messages, customers, events = [], set(), 0
        for m in range(size):
            user = f"B{rng.randrange(users):06d}"
            kind = rng.choices(names, weights)[0]
            product = rng.randrange(400)
            props: dict[str, Any] = {"product_id": f"SKU{product:04d}", "name": f"Item {product}",
                                     "category": f"Cat {product % 12}", "brand": f"Brand {product % 9}", "price": 5 + product % 90}
            message: dict[str, Any] = {"type": "track", "event": kind, "userId": user, "properties": props,
                                       "messageId": str(uuid.UUID(int=rng.getrandbits(128))),
                                       "timestamp": (now - timedelta(seconds=(n - b) * size - m)).isoformat()}
            if kind == "page":
                message = {"type": "page", "name": "Home", "userId": user, "messageId": message["messageId"],
                           "timestamp": message["timestamp"]}
            elif kind == "Products Searched":
                message["properties"] = {"query": rng.choice(["lamp", "mug", "red shoes", "novel", "speaker"])}
            elif kind == "Order Completed":
                message["properties"] = {"order_id": f"O{b}-{m}", "currency": "EUR", "products": [{**props, "quantity": 1},
                                         {**props, "product_id": f"SKU{(product + 1) % 400:04d}", "name": f"Item {(product + 1) % 400}",
                                          "quantity": 2}]}
            if kind != "page":
                customers.add(user)
                events += 2 if kind == "Order Completed" else 1
            messages.append(message)
        body = json.dumps({"batch": messages, "sentAt": now.isoformat()}).encode()
        batches.append(Batch(body, [msg["messageId"] for msg in messages], customers, events))
    return batches


class Sender:
    """One keep-alive connection; ``send`` retries a batch until the collector answers 200."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.connection: http.client.HTTPConnection | None = None

    def _post(self, body: bytes) -> int:
        if self.connection is None:
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        self.connection.request("POST", "/v1/batch", body, {"Content-Type": "application/json", "Authorization": AUTH})
        response = self.connection.getresponse()
        response.read()
        return response.status

    def send(self, batch: Batch, give_up_s: float = 120.0) -> None:
        deadline = time.monotonic() + give_up_s
        while True:
            batch.attempts += 1
            try:
                status = self._post(batch.body)
            except (OSError, http.client.HTTPException):
                status = 0
                if self.connection is not None:
                    self.connection.close()
                self.connection = None
            if status == 200:
                batch.acked_at = time.time()
                return
            if status not in (0, 429) and status < 500:
                raise RuntimeError(f"the collector answered {status}")
            if time.monotonic() > deadline:
                raise RuntimeError("the collector did not take a batch within the retry budget")
            time.sleep(0.2 if status else 0.1)


def closed_loop(port: int, batches: list[Batch], connections: int) -> float:
    """Send every batch over ``connections`` connections as fast as answers come; returns the seconds taken."""
    queue = list(reversed(batches))
    lock = threading.Lock()

    def work() -> None:
        sender = Sender(port)
        while True:
            with lock:
                if not queue:
                    return
                batch = queue.pop()
            started = time.perf_counter()
            sender.send(batch)
            batch.latency_s = time.perf_counter() - started

    started = time.perf_counter()
    threads = [threading.Thread(target=work) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def open_loop(port: int, batches: list[Batch], rate_events_s: float, connections: int) -> float:
    """Send batch i at start + i x (100 / rate) (a fixed offered rate); a batch's latency runs from
    its scheduled time, so a queue in front of the collector counts against it."""
    interval = len(json.loads(batches[0].body)["batch"]) / rate_events_s
    start = time.perf_counter() + 0.2
    next_index = [0]
    lock = threading.Lock()

    def work() -> None:
        sender = Sender(port)
        while True:
            with lock:
                index = next_index[0]
                if index >= len(batches):
                    return
                next_index[0] += 1
            due = start + index * interval
            time.sleep(max(0.0, due - time.perf_counter()))
            sender.send(batches[index])
            batches[index].latency_s = time.perf_counter() - due

    threads = [threading.Thread(target=work) for _ in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))] if ordered else float("nan")


def batch_seqs(home: Path, batches: list[Batch]) -> list[int | None]:
    """The intake sequence number each batch was stored under (the transaction that made it durable)."""
    seqs = dict(query(home, "SELECT message_id, seq FROM intake_messages"))
    return [seqs.get(b.message_ids[0]) for b in batches]


def profile_latencies(batches: list[Batch], pass_log: Path, home: Path, timeout_s: float = 120.0,
                      stage: str = "facts", acked_out: list[float] | None = None) -> list[float]:
    """For every (batch, customer), the seconds from the batch's 200 until the customer's stored profile
    reflects the batch. ``stage="facts"``: the end of the first facts pass that rebuilt the customer from a
    snapshot holding the batch (its ``seq`` at least the batch's), when the fact store holds the new
    facts; ``"vectors"``: the end of the first vectors pass that wrote the customer's vectors from such a
    build, when Chroma holds them too. A pass may end a moment before the client reads its 200: 0 then.
    Waits for passes still to come. ``acked_out``: filled with each latency's 200 time (``Batch.acked_at``)."""
    deadline = time.monotonic() + timeout_s
    while True:
        seqs = batch_seqs(home, batches)
        wanted = [(b.acked_at, seq, c) for b, seq in zip(batches, seqs) for c in b.customers
                  if b.acked_at is not None and seq is not None]
        passes = [json.loads(line) for line in pass_log.read_text().splitlines()] if pass_log.exists() else []
        by_user: dict[str, list[tuple[int, float]]] = {}
        for p in passes:
            if p.get("stage", "facts") != stage:
                continue
            built = p["built"] if stage == "vectors" else [p["seq"]] * len(p["users"])
            for user, since in zip(p["users"], built):
                by_user.setdefault(user, []).append((since, p["ended"]))
        latencies, acks, missing = [], [], 0
        for acked, seq, user in wanted:
            later = [ended for since, ended in by_user.get(user, []) if since >= seq]
            if later:
                latencies.append(max(0.0, min(later) - acked))
                acks.append(acked)
            else:
                missing += 1
        if not missing or time.monotonic() > deadline:
            if missing:
                raise RuntimeError(f"{missing} acknowledged customers never reached their profile ({stage}) within {timeout_s}s")
            if acked_out is not None:
                acked_out[:] = acks
            return latencies
        time.sleep(0.5)


@dataclass
class CrashRun:
    kills: int = 0
    kill_times_s: list[float] = field(default_factory=list)
    kill_after_batches: list[int] = field(default_factory=list)
    """How many batches the load generator had taken when each SIGKILL came (the load was still running)."""
    retried_batches: int = 0


def crash_loop(process: CollectorProcess, batches: list[Batch], connections: int, kills: int, seed: int,
               window: tuple[float, float] = (0.05, 0.9), jitter_s: float = 0.05) -> CrashRun:
    """Closed-loop load while the collector is SIGKILLed ``kills`` times at random moments and restarted.

    The kill moments are drawn from the load itself, so that every one of them comes under load however long
    the restarts take: ``kills`` distinct random batch positions within ``window`` (fractions of the batches),
    and each kill comes a random 0-``jitter_s`` s after the load generator took that batch (with the
    other connections' requests in flight). Kill times that were drawn in seconds instead ran past the load's
    end whenever restarts were slow (a run reported 4 kills of 5)."""
    rng = random.Random(seed)
    run = CrashRun()
    low, high = int(len(batches) * window[0]), max(int(len(batches) * window[0]) + kills, int(len(batches) * window[1]))
    points = sorted(rng.sample(range(low, min(high, len(batches))), min(kills, max(0, min(high, len(batches)) - low))))
    queue = list(reversed(batches))
    taken = [0]
    lock = threading.Condition()
    started = time.monotonic()

    def killer() -> None:
        for point in points:
            with lock:
                while taken[0] < point and queue:
                    lock.wait(0.5)
                if taken[0] < point:
                    return
            time.sleep(rng.uniform(0.0, jitter_s))
            process.kill()
            run.kills += 1
            run.kill_times_s.append(round(time.monotonic() - started, 3))
            run.kill_after_batches.append(point)
            process.start()

    def work() -> None:
        sender = Sender(process.port)
        while True:
            with lock:
                if not queue:
                    return
                batch = queue.pop()
                taken[0] += 1
                lock.notify_all()
            sent = time.perf_counter()
            sender.send(batch)
            batch.latency_s = time.perf_counter() - sent

    thread = threading.Thread(target=killer)
    thread.start()
    workers = [threading.Thread(target=work) for _ in range(connections)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    thread.join()
    run.retried_batches = sum(1 for b in batches if b.attempts > 1)
    return run


def stored_counts(home: Path) -> dict[str, int]:
    """What the log holds: the figures a clean run and a crashed run must share."""
    return {
        "events": query(home, "SELECT COUNT(*) FROM events")[0][0],
        "distinct_event_ids": query(home, "SELECT COUNT(DISTINCT event_id) FROM events")[0][0],
        "messages": query(home, "SELECT COUNT(*) FROM intake_messages")[0][0],
        "customers": query(home, "SELECT COUNT(DISTINCT user_id) FROM events")[0][0],
        "products": query(home, "SELECT COUNT(*) FROM products")[0][0],
    }


def acknowledged_once(home: Path, batches: list[Batch]) -> dict[str, int]:
    """Every message of every acknowledged batch is in the raw log exactly once (the key makes "more than
    once" impossible, so this counts the ones missing)."""
    stored = {r[0] for r in query(home, "SELECT message_id FROM intake_messages")}
    acked = [m for b in batches if b.acked_at is not None for m in b.message_ids]
    return {"acknowledged_messages": len(acked), "missing": sum(1 for m in acked if m not in stored),
            "duplicated": len(acked) - len(set(acked))}


def summary(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values) * 1000, 1), "p95_ms": round(percentile(values, 0.95) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1)} if values else {}

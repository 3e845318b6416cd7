"""What a vLLM server says about its own load: ``vllm:num_requests_running`` from ``/metrics``,
sampled while a batch runs (for the benchmark and the tests that check concurrency is real)."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import httpx


def metrics_url(base_url: str) -> str:
    """``http://host:port/v1`` -> ``http://host:port/metrics`` (vLLM serves its metrics at the root)."""
    root = base_url.rstrip("/")
    return (root[: -len("/v1")] if root.endswith("/v1") else root) + "/metrics"


def running_requests(base_url: str, timeout: float = 2.0) -> float | None:
    """The sum of ``vllm:num_requests_running`` over the server's series; None when it does not answer."""
    try:
        text = httpx.get(metrics_url(base_url), timeout=timeout).text
    except httpx.HTTPError:
        return None
    values = [float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
              if line.startswith("vllm:num_requests_running") and not line.startswith("#")]
    return sum(values) if values else None


class RunningSampler:
    """Samples the running requests of every server every ``interval`` seconds in a thread; the total per sample."""

    def __init__(self, base_urls: Sequence[str], interval: float = 0.25) -> None:
        self.base_urls = list(base_urls)
        self.interval = interval
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="vllm-metrics")

    def _run(self) -> None:
        with httpx.Client(timeout=2.0) as client:
            while not self._stop.is_set():
                total = 0.0
                for url in self.base_urls:
                    try:
                        text = client.get(metrics_url(url)).text
                    except httpx.HTTPError:
                        continue
                    total += sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
                                 if line.startswith("vllm:num_requests_running"))
                self.samples.append(total)
                time.sleep(self.interval)

    def __enter__(self) -> RunningSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def busy(self) -> list[float]:
        """Samples from the first to the last one with any request running (start-up and tail idle cut off)."""
        marks = [i for i, v in enumerate(self.samples) if v > 0]
        return self.samples[marks[0] : marks[-1] + 1] if marks else []


def counters(base_urls: Sequence[str], prefix: str = "vllm:prefix_cache_") -> dict[str, float]:
    """Sums of the servers' counters whose name starts with ``prefix`` (e.g. prefix-cache queries and hits)."""
    totals: dict[str, float] = {}
    for url in base_urls:
        try:
            text = httpx.get(metrics_url(url), timeout=2.0).text
        except httpx.HTTPError:
            continue
        for line in text.splitlines():
            if line.startswith(prefix) and "_total" in line.split(" ", 1)[0].split("{", 1)[0]:
                name = line.split("{", 1)[0].split(" ", 1)[0]
                totals[name] = totals.get(name, 0.0) + float(line.rsplit(" ", 1)[1])
    return totals

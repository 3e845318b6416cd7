"""The harness behind `portrait eval batch`: the summary batch on the same customers, in one run, by every
engine — in-process model, served (vLLM) at concurrency 1 and N, Ray local — with customers/min, tokens/s,
the server's running requests (p50/max from its /metrics) and summaries that fell back to the draft."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from agent.assistant import ProfileAssistant
from agent.batch import BatchResult, summarize_all, summarize_ray
from agent.batch.metrics import RunningSampler
from encoders.settings import Settings
from retrieval.home import open_home


def records(out: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []


def kept_claims(rows: list[dict[str, Any]]) -> dict[str, list[tuple[str, str]]]:
    """Per customer, the cited (fact, value) pairs of the kept text: what two engines must agree on."""
    return {r["user_id"]: sorted((c["fact"], c["value"]) for c in r["citations"]) for r in rows}


class Stamps:
    """Seconds from the start of a run to each record written, to separate start-up from steady throughput."""

    def __init__(self, step: Callable[[int], None]) -> None:
        self.step, self.started, self.times = step, time.perf_counter(), []

    def __call__(self, n: int) -> None:
        self.times.extend([time.perf_counter() - self.started] * n)
        self.step(n)

    def figures(self) -> dict[str, Any]:
        if len(self.times) < 2:
            return {"first_record_seconds": None, "steady_customers_per_minute": None}
        span = self.times[-1] - self.times[0]
        return {"first_record_seconds": round(self.times[0], 1),
                "steady_customers_per_minute": round(60 * (len(self.times) - 1) / span, 2) if span > 0 else None}


def figures(result: BatchResult, rows: list[dict[str, Any]], sampler: RunningSampler | None,
            stamps: Stamps | None = None) -> dict[str, Any]:
    busy = sampler.busy() if sampler else []
    return {**(stamps.figures() if stamps else {}),
        "engine": result.engine, "customers": result.written, "seconds": round(result.seconds, 1),
        "customers_per_minute": round(result.per_minute, 2),
        "output_tokens": result.output_tokens or None,
        "tokens_per_second": round(result.tokens_per_second, 1) if result.output_tokens else None,
        "concurrency": result.concurrency, "servers": result.servers,
        "running_requests_p50": float(np.percentile(busy, 50)) if busy else None,
        "running_requests_max": float(max(busy)) if busy else None, "samples": len(busy),
        "fallbacks": sum(bool(r["fallback"]) for r in rows),
        "kept_claims": sum(r["kept_claims"] for r in rows),
    }


def run_local(settings: Settings, user_ids: list[str], out: Path, concurrency: int | None,
              step: Callable[[int], None]) -> BatchResult:
    out.unlink(missing_ok=True)
    with open_home(settings) as home:
        return summarize_all(ProfileAssistant(home), user_ids, out, progress=step, concurrency=concurrency)


def run_ray(settings: Settings, user_ids: list[str], out: Path, concurrency: int | None, num_cpus: int | None,
            step: Callable[[int], None]) -> BatchResult:
    out.unlink(missing_ok=True)
    return summarize_ray(settings, user_ids, out, progress=step, concurrency=concurrency, num_cpus=num_cpus)


def machine() -> dict[str, Any]:
    import platform

    from agent.llm.convert import cpu_flags

    flags = cpu_flags()
    return {"platform": platform.platform(), "cpus": len(os.sched_getaffinity(0)), "load_average": os.getloadavg(),
            "avx512_bf16": "avx512_bf16" in flags, "amx_bf16": "amx_bf16" in flags, "avx2": "avx2" in flags,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z")}

"""`portrait eval collect`: the collector's throughput, latency of the 200 and of the profile update, and
SIGKILL crashes under load, against real `portrait collect` processes on 127.0.0.1."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

COMMAND = "collect"
console = Console()
REPORTS = Path(__file__).parents[1] / "reports"
TARGETS = {
    "throughput_events_per_s": (">=", 2000.0),
    "rate_ack_p95_ms": ("<=", 100.0),
    "rate_profile_p95_ms": ("<=", 2000.0),
    "rate_vectors_p95_ms": ("<=", 2000.0),
}
"""rate_profile: the 200 -> the customer's facts in the fact store reflect the batch; rate_vectors: -> their
interest and text vectors in Chroma do too (the whole stored profile)."""
WARMUP_S = 10.0
"""``rate_*_after_warmup`` leave out the requests of the first seconds, while a fresh home embeds its first
thousand or so distinct taste descriptions (reported beside the whole run's figures, which the targets use)."""


def _met(value: Any, op: str, target: float) -> bool | None:
    if value is None:
        return None
    return value >= target if op == ">=" else value <= target


def _wait_ready(process: Any, timeout_s: float = 120.0) -> None:
    """Send one batch and wait until the applier (model loaded) has written its profile."""
    from eval.collect_benchmark import Sender, make_batches, profile_latencies

    warm = make_batches(1, 50, seed=999, size=20)
    Sender(process.port).send(warm[0])
    profile_latencies(warm, process.pass_log, process.home, timeout_s)
    profile_latencies(warm, process.pass_log, process.home, timeout_s, stage="vectors")


def _wait_applied(home: Path, timeout_s: float) -> float:
    from eval.collect_process import query

    started = time.monotonic()
    while time.monotonic() - started < timeout_s:
        if query(home, "SELECT (SELECT COUNT(*) FROM pending) + (SELECT COUNT(*) FROM vectors_pending)")[0][0] == 0:
            return time.monotonic() - started
        time.sleep(0.5)
    raise RuntimeError(f"profiles still pending after {timeout_s}s")


def collect(
    out: Annotated[Path, typer.Option(help="JSON report path.")] = REPORTS / "collect.json",
    users: Annotated[int, typer.Option(help="Shoppers the generated traffic comes from.")] = 5000,
    throughput_batches: Annotated[int, typer.Option(help="Batches of 100 for the closed-loop throughput phase (0: skip).")] = 300,
    rate: Annotated[float, typer.Option(help="Offered messages/s (batches of 100) for the latency phase.")] = 2000.0,
    seconds: Annotated[float, typer.Option(help="Length of the latency phase (0: skip).")] = 30.0,
    kills: Annotated[int, typer.Option(help="SIGKILLs of the collector in the crash phase (0: skip).")] = 5,
    crash_batches: Annotated[int, typer.Option(help="Batches of 100 sent during the crash phase.")] = 200,
    connections: Annotated[int, typer.Option(help="Concurrent keep-alive connections of the load generator.")] = 4,
    seed: Annotated[int, typer.Option(help="Seed of the generated traffic and the kill times.")] = 7,
) -> None:
    """Run `portrait collect` on fresh homes and measure: accepted events/s (closed loop, batches of 100,
    profiles updating), p95 of the 200 and p95 from a 200 to the touched profile updated at a fixed offered
    rate, and SIGKILLs at random moments under load (every acknowledged message stored exactly once, counts
    equal to a clean run of the same traffic)."""
    from eval.collect_benchmark import (KEY, acknowledged_once, closed_loop, crash_loop, make_batches, open_loop,
                                        profile_latencies, stored_counts, summary)
    from eval.collect_process import CollectorProcess

    report: dict[str, Any] = {"machine": platform.platform(), "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
                              "users": users, "connections": connections, "batch_size": 100,
                              "load_average_at_start": [round(x, 2) for x in os.getloadavg()]}
    keys = {KEY: "bench"}
    with tempfile.TemporaryDirectory(prefix="portrait-collect-") as tmp:
        root = Path(tmp)
        if throughput_batches:
            console.print(f"[bold]throughput[/bold]: {throughput_batches} batches, {connections} connections")
            batches = make_batches(throughput_batches, users, seed)
            with CollectorProcess(root / "throughput", keys, pass_log=root / "throughput.passes.jsonl") as process:
                _wait_ready(process)
                took = closed_loop(process.port, batches, connections)
                events = sum(b.events for b in batches)
                report.update(throughput_seconds=round(took, 2), throughput_messages_per_s=round(len(batches) * 100 / took, 1),
                              throughput_events_per_s=round(events / took, 1),
                              throughput_ack=summary([b.latency_s for b in batches if b.latency_s is not None]))
            console.print({k: v for k, v in report.items() if k.startswith("throughput")})
        if seconds:
            count = max(1, int(rate * seconds / 100))
            console.print(f"[bold]latency[/bold]: {count} batches at {rate:.0f} messages/s offered")
            batches = make_batches(count, users, seed + 1)
            with CollectorProcess(root / "rate", keys, pass_log=root / "rate.passes.jsonl") as process:
                _wait_ready(process)
                before = _cpu_snapshot(process)
                took = open_loop(process.port, batches, rate, max(connections, 8))
                cpu = _cpu_used(before, _cpu_snapshot(process), took)
                acks = [b.latency_s for b in batches if b.latency_s is not None]
                profile_acked: list[float] = []
                vectors_acked: list[float] = []
                profile = profile_latencies(batches, process.pass_log, process.home, timeout_s=180, acked_out=profile_acked)
                vectors = profile_latencies(batches, process.pass_log, process.home, timeout_s=300, stage="vectors",
                                            acked_out=vectors_acked)
                passes = [json.loads(line) for line in process.pass_log.read_text().splitlines()]
            events = sum(b.events for b in batches)
            facts_passes = [p for p in passes if p.get("stage", "facts") == "facts"]
            vector_passes = [p for p in passes if p.get("stage") == "vectors"]
            busy = sum(p["ended"] - p["started"] for p in facts_passes)
            vector_busy = sum(p["ended"] - p["started"] for p in vector_passes)
            report.update(rate_offered_messages_per_s=rate, rate_seconds=round(took, 2),
                          rate_achieved_messages_per_s=round(len(batches) * 100 / took, 1),
                          rate_achieved_events_per_s=round(events / took, 1),
                          rate_applier_profiles_per_busy_s=round(sum(len(p["users"]) for p in facts_passes) / busy, 1) if busy else None,
                          rate_applier_vectors_per_busy_s=round(sum(len(p["users"]) for p in vector_passes) / vector_busy, 1)
                          if vector_busy else None,
                          rate_cpu_cores=cpu,
                          rate_ack=summary(acks), rate_ack_p95_ms=summary(acks)["p95_ms"],
                          rate_profile=summary(profile), rate_profile_p95_ms=summary(profile)["p95_ms"],
                          rate_vectors=summary(vectors), rate_vectors_p95_ms=summary(vectors)["p95_ms"],
                          rate_profile_after_warmup=summary(_after(profile, profile_acked, WARMUP_S)),
                          rate_vectors_after_warmup=summary(_after(vectors, vectors_acked, WARMUP_S)),
                          rate_vectors_by_5s=_by_window(vectors, vectors_acked, 5.0),
                          rate_profile_passes=len(facts_passes), rate_vector_passes=len(vector_passes),
                          rate_customers_per_pass=round(sum(len(p["users"]) for p in facts_passes) / max(1, len(facts_passes)), 1),
                          rate_customers_per_vector_pass=round(sum(len(p["users"]) for p in vector_passes) / max(1, len(vector_passes)), 1))
            console.print({k: v for k, v in report.items() if k.startswith("rate")})
        if kills:
            console.print(f"[bold]crash[/bold]: {crash_batches} batches, {kills} SIGKILLs")
            batches = make_batches(crash_batches, users, seed + 2)
            crashed = CollectorProcess(root / "crash", keys)
            crashed.start()
            try:
                run = crash_loop(crashed, batches, connections, kills, seed)
                crash_apply_s = _wait_applied(crashed.home, 600)
            finally:
                crashed.stop()
            clean_batches = make_batches(crash_batches, users, seed + 2)
            with CollectorProcess(root / "clean", keys) as clean:
                closed_loop(clean.port, clean_batches, connections)
                _wait_applied(clean.home, 600)
            from eval.collect_process import query

            crash_counts, clean_counts = stored_counts(crashed.home), stored_counts(clean.home)
            crash_counts["profiles"] = _profiles(crashed.home)
            clean_counts["profiles"] = _profiles(clean.home)
            once = acknowledged_once(crashed.home, batches)
            report.update(crash_kills_requested=kills, crash_kills=run.kills, crash_kill_times_s=run.kill_times_s,
                          crash_kill_after_batches=run.kill_after_batches, crash_retried_batches=run.retried_batches,
                          crash_acknowledged=once, crash_counts=crash_counts, clean_counts=clean_counts,
                          crash_equal_to_clean=crash_counts == clean_counts and once["missing"] == 0,
                          crash_catch_up_seconds=round(crash_apply_s, 1),
                          crash_pending_left=query(crashed.home, "SELECT COUNT(*) FROM pending")[0][0])
            console.print({k: v for k, v in report.items() if k.startswith("crash")})
    report["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]  # other work on the machine shows here
    report["targets"] = {k: {"target": f"{op} {v}", "value": report.get(k), "met": _met(report.get(k), op, v)}
                         for k, (op, v) in TARGETS.items()}
    if kills:
        report["targets"]["crash_equal_to_clean"] = {"target": "true", "value": report["crash_equal_to_clean"],
                                                     "met": report["crash_equal_to_clean"]}
        report["targets"]["crash_kills"] = {"target": f"== {kills}", "value": report["crash_kills"],
                                            "met": report["crash_kills"] == kills}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    console.print(f"Report written to {out}")


def _after(latencies: list[float], acked: list[float], skip_s: float) -> list[float]:
    """The latencies of requests acknowledged ``skip_s`` or more after the first."""
    first = min(acked, default=0.0)
    return [value for value, at in zip(latencies, acked) if at - first >= skip_s]


def _by_window(latencies: list[float], acked: list[float], window_s: float) -> list[dict[str, float]]:
    """p50/p95 of the latencies by window of the 200's time (from the first), to show a fresh home's warm-up."""
    from eval.collect_benchmark import summary

    first = min(acked, default=0.0)
    windows: dict[int, list[float]] = {}
    for value, at in zip(latencies, acked):
        windows.setdefault(int((at - first) // window_s), []).append(value)
    return [{"from_s": index * window_s, **summary(values)} for index, values in sorted(windows.items())]


def _cpu_snapshot(process: Any) -> dict[str, float]:
    """CPU seconds so far: the whole machine's busy time (/proc/stat), this benchmark process's, and the
    collector's and its appliers' (by process); Linux only (empty elsewhere)."""
    try:
        ticks = os.sysconf("SC_CLK_TCK")
        fields = [int(x) for x in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
        machine = (sum(fields[:8]) - fields[3] - fields[4]) / ticks  # all but idle and iowait
        ours = {}
        for entry in Path("/proc").iterdir():  # the collector and its children (the appliers)
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # gone meanwhile
            if int(entry.name) == process.process.pid or int(stat[1]) == process.process.pid:
                ours[entry.name] = (int(stat[11]) + int(stat[12])) / ticks
        times = os.times()
        return {"machine": machine, "benchmark": times.user + times.system, **ours}
    except (OSError, ValueError, IndexError, AttributeError):
        return {}


def _cpu_used(before: dict[str, float], after: dict[str, float], seconds: float) -> dict[str, float] | None:
    """Cores busy on average over the latency phase: the machine's, the collector's processes' (with the
    appliers), this load generator's, and everything else's (other work on the machine)."""
    if not before or not after or seconds <= 0:
        return None
    machine = (after["machine"] - before["machine"]) / seconds
    bench = (after["benchmark"] - before["benchmark"]) / seconds
    collector = sum(after[k] - before[k] for k in after if k not in ("machine", "benchmark") and k in before) / seconds
    return {"machine": round(machine, 2), "collector_and_appliers": round(collector, 2), "load_generator": round(bench, 2),
            "other": round(max(0.0, machine - collector - bench), 2)}


def _profiles(home: Path) -> int:
    import sqlite3

    db = sqlite3.connect(f"file:{home / 'profiles.sqlite'}?mode=ro", uri=True)
    try:
        return int(db.execute("SELECT COUNT(*) FROM profiles").fetchone()[0])
    finally:
        db.close()

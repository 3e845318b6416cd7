"""`portrait eval profiles`: persona recovery, build time and memory, update and query latency."""

from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

COMMAND = "profiles"
console = Console()
REPORTS = Path(__file__).parents[1] / "reports"

TARGETS = {
    "top_category_accuracy": (">=", 0.95),
    "price_band_accuracy": (">=", 0.9),
    "online_retail_build_seconds": ("<=", 120.0),
    "online_retail_peak_rss_mb": ("<=", 4096.0),
    "update_p95_ms": ("<=", 50.0),
    "query_p95_ms_100k": ("<=", 30.0),
}


def profiles(
    out: Annotated[Path, typer.Option(help="JSON report path.")] = REPORTS / "profiles.json",
    online_retail: Annotated[Optional[Path], typer.Option(help="Online Retail CSV(.gz): build every customer's profile and measure it.")] = None,
    amazon: Annotated[Optional[Path], typer.Option(help="Amazon Office folder: build profiles from its train split too.")] = None,
    users: Annotated[int, typer.Option(help="Shoppers in the synthetic shop scored against its personas.")] = 300,
    products: Annotated[int, typer.Option(help="Products in the synthetic shop.")] = 300,
    updates: Annotated[int, typer.Option(help="Single-event incremental updates to time.")] = 10_000,
    query_profiles: Annotated[int, typer.Option(help="Generated profiles in Chroma for the query-latency phase.")] = 100_000,
    queries: Annotated[int, typer.Option(help="Timed queries (each filtered and unfiltered).")] = 300,
    seed: Annotated[int, typer.Option(help="Seed of every generated data set.")] = 7,
) -> None:
    """Persona recovery on a synthetic shop, build time / peak memory / events per second on real data,
    incremental update latency (p50/p95) and Chroma filtered-query latency at scale."""
    from eval.profiles_benchmark import persona_recovery, query_latency, real_build, run_phase, update_latency

    report: dict[str, Any] = {"machine": platform.platform(), "started": time.strftime("%Y-%m-%dT%H:%M:%S")}
    scores = run_phase("persona recovery", lambda d: persona_recovery(d, users, products, seed).__dict__)
    report.update({k: scores[k] for k in ("top_category_accuracy", "price_band_accuracy", "segment_purity", "segments")})
    report["synthetic_users"] = scores["users"]
    report["synthetic_build_seconds"] = scores["build_seconds"]
    if online_retail:
        built = run_phase("online retail", lambda d: real_build("online-retail", online_retail, d / "home"))
        report.update({f"online_retail_{k}": v for k, v in built.items()})
    if amazon:
        built = run_phase("amazon office", lambda d: real_build("amazon", amazon, d / "home"))
        report.update({f"amazon_{k}": v for k, v in built.items()})
    if updates:
        report.update(run_phase("incremental updates", lambda d: update_latency(d, updates, seed)))
    if query_profiles:
        report.update(run_phase("chroma queries", lambda d: query_latency(d, query_profiles, queries, seed)))
    report["targets"] = {k: {"target": f"{op} {v}", "met": _met(report.get(k), op, v)} for k, (op, v) in TARGETS.items()}
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    _print(report)
    console.print(f"Report: {out}")


def _met(value: Any, op: str, target: float) -> bool | None:
    if not isinstance(value, (int, float)):
        return None
    return value >= target if op == ">=" else value <= target


def _print(report: dict[str, Any]) -> None:
    table = Table(title="Profile benchmark")
    table.add_column("metric")
    table.add_column("value", justify="right")
    table.add_column("target")
    for key, value in report.items():
        if key in ("targets", "machine", "started"):
            continue
        target = report["targets"].get(key)
        mark = "" if target is None else f"{target['target']} {'✓' if target['met'] else '✗' if target['met'] is False else ''}"
        table.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value), mark)
    console.print(table)

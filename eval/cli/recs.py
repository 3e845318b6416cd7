"""`portrait eval recs`: Portrait's hybrid and every baseline on one leave-last-out split (choices on
dev, refit on train + dev, test read last), recommend() latency at 100k profiles, Online Retail."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

COMMAND = "recs"
REPORTS = Path(__file__).parents[1] / "reports"


def recs(
    train: Annotated[Optional[Path], typer.Option(help="Train TSV: user_id, item_id, time.")] = None,
    dev: Annotated[Optional[Path], typer.Option(help="Dev TSV: one held-out row per user with neg_items (choices only).")] = None,
    test: Annotated[Optional[Path], typer.Option(help="Test TSV: same layout; read only when scoring.")] = None,
    items: Annotated[Optional[Path], typer.Option(help="Items TSV: item_id, text, [category_id ...].")] = None,
    online_retail: Annotated[Optional[Path], typer.Option(help="UCI Online Retail CSV(.gz): last-invoice holdout for every recommender.")] = None,
    out: Annotated[Path, typer.Option(help="JSON report (the Markdown report goes beside it).")] = REPORTS / "recs.json",
    latency_profiles: Annotated[int, typer.Option(help="Generated profiles stored beside the data's for the latency phase (0: none).")] = 100_000,
    latency_users: Annotated[int, typer.Option(help="Users timed in each latency phase (0: skip latency).")] = 300,
    list_users: Annotated[int, typer.Option(help="Test users whose recommend() lists are checked for spread.")] = 500,
    only: Annotated[Optional[str], typer.Option(help="Comma-separated recommender names (default: all).")] = None,
    add_to: Annotated[bool, typer.Option(help="Run only the --online-retail phase and add it to the existing --out report.")] = False,
) -> None:
    """HR@10 / NDCG@10 against the given negatives and Recall@10 / NDCG@10 against all items for
    the hybrid and every baseline; intra-list similarity; recommend() p50/p95; Online Retail."""
    from encoders.embedder import Embedder
    from encoders.settings import Settings
    from eval.recs_benchmark import console, fit_all, score_test
    from eval.recs_data import read_catalog, read_interactions, read_split
    from eval.recs_report import summarise, write_markdown
    from retrieval.recommend.registry import BASELINES, PORTRAIT

    import logging

    from rich.logging import RichHandler

    progress_log = logging.getLogger("retrieval.recommend")  # training progress (the sequence model's epochs)
    progress_log.setLevel(logging.INFO)
    progress_log.addHandler(RichHandler(console=console, show_path=False))
    names = [n.strip() for n in only.split(",")] if only else [*BASELINES, PORTRAIT]
    if add_to:
        _add_online_retail(online_retail, out, names)
        return
    if not (train and dev and test and items):
        raise typer.BadParameter("--train, --dev, --test and --items are all needed (or --add-to with --online-retail)")
    started = time.perf_counter()
    embedder = Embedder(Settings(show_progress=False))
    report: dict[str, Any] = {"machine": platform.platform(), "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
                              "load_avg_before": [round(x, 2) for x in os.getloadavg()],
                              "data": {"train": str(train), "dev": str(dev), "test": str(test), "items": str(items)}}
    retail_child = None
    retail_out = out.with_name(out.stem + ".online_retail.partial.json")
    if online_retail:
        from eval.recs_retail import start_in_child

        console.rule("Online Retail (last invoice held out) starts in a child process")
        retail_out.unlink(missing_ok=True)
        retail_child = start_in_child(online_retail, names, retail_out)
    console.rule("fit on train, choose on dev, refit on train + dev")
    catalog = read_catalog(items, embedder)
    chosen, final = fit_all(read_interactions(train, "train"), read_split(dev, "dev"), catalog, names)
    console.rule("score test")
    results = score_test(final, lambda: read_split(test, "test"), list_users)
    report["dev_choices"] = {n: c.tried for n, c in chosen.items()}
    report["refit_seconds"] = {n: round(c.fit_seconds, 1) for n, c in chosen.items()}
    if latency_users and PORTRAIT in final:
        from eval.recs_latency import recommend_latency

        console.rule("recommend() latency")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.with_name(out.stem + ".partial.json").write_text(json.dumps({**report, "results": results}, indent=2, default=str))
        try:
            with tempfile.TemporaryDirectory(prefix="portrait-recs-") as workdir:
                report["latency"] = recommend_latency(Path(workdir), [train, dev], final[PORTRAIT], embedder, latency_profiles, latency_users)
        except Exception as error:  # noqa: BLE001 - the accuracy figures are kept and the failure reported
            console.print(f"[red]latency phase failed: {error!r}[/red]")
            report["latency_error"] = repr(error)
    if retail_child is not None:
        from eval.recs_retail import finish

        console.rule("waiting for Online Retail")
        try:
            report["online_retail"] = finish(retail_child, retail_out)
        except RuntimeError as error:
            console.print(f"[red]{error}[/red]")
            report["online_retail_error"] = str(error)
        retail_out.unlink(missing_ok=True)
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["load_avg_after"] = [round(x, 2) for x in os.getloadavg()]
    summarise(report, results)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    write_markdown(report, out.with_suffix(".md"))
    out.with_name(out.stem + ".partial.json").unlink(missing_ok=True)  # the safety copy is no longer needed
    console.print(f"Report: {out} and {out.with_suffix('.md')}")


def _add_online_retail(path: Optional[Path], out: Path, names: list[str]) -> None:
    """The Online Retail phase alone, added to a report written by a full run."""
    from encoders.embedder import Embedder
    from encoders.settings import Settings
    from eval.recs_benchmark import console
    from eval.recs_report import refresh_targets, write_markdown
    from eval.recs_retail import online_retail as run_retail

    if path is None:
        raise typer.BadParameter("--add-to needs --online-retail")
    started = time.perf_counter()
    retail = run_retail(path, Embedder(Settings(show_progress=False)), names)
    retail["seconds"] = round(time.perf_counter() - started, 1)
    if not out.exists():
        alone = out.with_name(out.stem + ".online_retail.json")
        alone.write_text(json.dumps(retail, indent=2, default=str) + "\n")
        console.print(f"[yellow]{out} does not exist yet: Online Retail figures written to {alone}[/yellow]")
        return
    report = json.loads(out.read_text())  # read last: the report may have been written meanwhile
    report["online_retail"] = retail
    report.pop("online_retail_error", None)
    refresh_targets(report)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n")
    write_markdown(report, out.with_suffix(".md"))

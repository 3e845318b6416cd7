"""`portrait eval intent`: train (or load) the intent head and measure it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from encoders.intent.options import train_options
from encoders.intent.training import TrainConfig

COMMAND = "intent"
console = Console()
REPORTS = Path(__file__).parents[1] / "reports"


@train_options
def intent(
    test: Annotated[Path, typer.Option(help="Labelled test file (CSV, TSV or JSONL); read after training and calibration.")],
    config: TrainConfig,
    train: Annotated[Optional[Path], typer.Option(help="Labelled training file; not needed with --model.")] = None,
    dev: Annotated[Optional[Path], typer.Option(help="Dev file (early stopping, lr search, OOS calibration); default: part of train.")] = None,
    oos: Annotated[Optional[Path], typer.Option(help="Out-of-scope texts (.txt lines, or the text column of a CSV/JSONL), used for the figures only; default: the built-in set.")] = None,
    model: Annotated[Optional[Path], typer.Option(help="Evaluate this trained folder instead of training.")] = None,
    model_out: Annotated[Optional[Path], typer.Option(help="Where to write the trained model; default: <home>/models/<report name>.")] = None,
    backbone: Annotated[Optional[Path], typer.Option(help="Local folder of a BERT-family model; default: the embedding model package (MiniLM).")] = None,
    out: Annotated[Path, typer.Option(help="JSON report path (the trade-off curve goes beside it as .png).")] = REPORTS / "intent.json",
    precision: Annotated[str, typer.Option(help="Inference precision of the headline numbers: fp32, bf16 or int8.")] = "fp32",
    compare_precisions: Annotated[bool, typer.Option(help="Also measure the other inference precisions.")] = True,
    baselines: Annotated[bool, typer.Option(help="Also measure the frozen-vector baselines (needs --train and --dev).")] = True,
) -> None:
    """Train (or load) the intent head and report accuracy, macro-F1, out-of-scope recall, in-scope
    accuracy with rejection, training time and inference throughput (batch 64)."""
    from encoders.intent.training import DataError
    from encoders.data.readers import LoadError
    from encoders.settings import ModelNotFoundError
    from eval.intent_benchmark import run_intent_benchmark

    try:
        report = run_intent_benchmark(train, test, out, dev=dev, oos=oos, model=model, model_out=model_out,
                                      config=config, backbone=backbone, precision=precision,
                                      compare_precisions=compare_precisions, baselines=baselines)
    except (LoadError, DataError, ValueError, ModelNotFoundError) as error:
        console.print(f"[red]Benchmark failed:[/red] {error}")
        raise typer.Exit(2) from error
    table = Table(title=f"Intent benchmark ({report['n_test']} test texts, {report['n_labels']} intents, {report['n_oos']} OOS texts)")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in ("accuracy", "macro_f1", "oos_recall", "in_scope_accuracy", "in_scope_rejected", "train_seconds", "utterances_per_s"):
        table.add_row(key, str(report[key]))
    console.print(table)
    others = ", ".join(f"{p}: acc {m['accuracy']}, oos {m['oos_recall']}, {m['utterances_per_s']}/s"
                       for p, m in report["precisions"].items() if p != precision)
    if others:
        console.print(f"Other precisions: {others}")
    detectors = Table(title="Out-of-scope detectors (test in-scope vs OOS; operating point calibrated on in-scope dev)")
    for column in ("method", "AUROC", "FPR@95", "in-scope acc", "in-scope rejected", "OOS recall"):
        detectors.add_column(column, justify="right")
    for method, m in report["detectors"].items():
        name = f"[bold]{method}[/bold]" if method == report["oos_detector"]["method"] else method
        detectors.add_row(name, *(str(m[k]) for k in ("auroc", "fpr_at_95", "in_scope_accuracy", "in_scope_rejected", "oos_recall")))
    console.print(detectors)
    if report["baselines"]:
        console.print(f"Baselines: {report['baselines']}")
    console.print(f"Training: {report['training']['stop_reason']}; choices: {report['training']['choices']}")
    console.print(f"Report: {out}  Model: {report['model']}")

"""`portrait eval intent`: train (or load) the intent head and measure it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from encoders.intent.training import CONFIG_HELP as H
from encoders.intent.training import TrainConfig

COMMAND = "intent"
console = Console()
D = TrainConfig()
REPORTS = Path(__file__).parents[1] / "reports"


def intent(
    test: Annotated[Path, typer.Option(help="Labelled test file (CSV, TSV or JSONL).")],
    train: Annotated[Optional[Path], typer.Option(help="Labelled training file; not needed with --model.")] = None,
    dev: Annotated[Optional[Path], typer.Option(help="Dev file (early stopping, OOS calibration); default: part of train.")] = None,
    oos: Annotated[Optional[Path], typer.Option(help="Out-of-scope texts (.txt lines, or the text column of a CSV/JSONL); default: the built-in set.")] = None,
    text_col: Annotated[str, typer.Option(help=H["text_col"])] = D.text_col,
    label_col: Annotated[str, typer.Option(help=H["label_col"])] = D.label_col,
    model: Annotated[Optional[Path], typer.Option(help="Evaluate this trained folder instead of training.")] = None,
    model_out: Annotated[Optional[Path], typer.Option(help="Where to write the trained model; default: <home>/models/<report name>.")] = None,
    out: Annotated[Path, typer.Option(help="JSON report path.")] = REPORTS / "intent.json",
    precision: Annotated[str, typer.Option(help="Inference precision of the headline numbers: fp32, bf16 or int8.")] = "fp32",
    compare_precisions: Annotated[bool, typer.Option(help="Also measure the other inference precisions.")] = True,
    max_epochs: Annotated[int, typer.Option(help=H["max_epochs"])] = D.max_epochs,
    batch_size: Annotated[int, typer.Option(help=H["batch_size"])] = D.batch_size,
    lr: Annotated[float, typer.Option(help=H["lr"])] = D.lr,
    min_steps: Annotated[int, typer.Option(help=H["min_steps"])] = D.min_steps,
    evals: Annotated[int, typer.Option(help=H["evals"])] = D.evals,
    patience: Annotated[int, typer.Option(help=H["patience"])] = D.patience,
    oos_method: Annotated[str, typer.Option(help=H["oos_method"])] = D.oos_method,
    oos_accept: Annotated[float, typer.Option(help=H["oos_accept"])] = D.oos_accept,
    train_precision: Annotated[str, typer.Option(help=H["train_precision"])] = D.train_precision,
    seed: Annotated[int, typer.Option(help=H["seed"])] = D.seed,
    threads: Annotated[int, typer.Option(help=H["threads"])] = D.threads,
    max_minutes: Annotated[float, typer.Option(help=H["max_minutes"])] = D.max_minutes,
) -> None:
    """Train (or load) the intent head and report accuracy, macro-F1, out-of-scope recall, in-scope
    accuracy with rejection, training time and inference throughput (batch 64)."""
    from encoders.intent.training import DataError
    from encoders.data.readers import LoadError
    from encoders.settings import ModelNotFoundError
    from eval.intent_benchmark import run_intent_benchmark

    config = TrainConfig(
        text_col=text_col, label_col=label_col, max_epochs=max_epochs, batch_size=batch_size, lr=lr,
        min_steps=min_steps, evals=evals, patience=patience, oos_method=oos_method, oos_accept=oos_accept,
        train_precision=train_precision, seed=seed, threads=threads, max_minutes=max_minutes,
    )
    try:
        report = run_intent_benchmark(train, test, out, dev=dev, oos=oos, model=model, model_out=model_out,
                                      config=config, precision=precision, compare_precisions=compare_precisions)
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
    console.print(f"Report: {out}  Model: {report['model']}")

"""`portrait train-intent` and `portrait intent`: train the intent head, and ask it about texts.

Every training hyper-parameter is an option here, declared once by :func:`encoders.intent.options.train_options`
from :class:`encoders.intent.training.TrainConfig` (``portrait eval intent`` uses the same).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from encoders.intent.options import train_options
from encoders.intent.training import TrainConfig

console = Console()
commands = typer.Typer()


@commands.command("train-intent")
@train_options
def train_intent(
    ctx: typer.Context,
    train: Annotated[Path, typer.Option(help="Labelled training file (CSV, TSV or JSONL, optionally .gz).")],
    config: TrainConfig,
    dev: Annotated[Optional[Path], typer.Option(help="Dev file for early stopping and out-of-scope calibration; default: hold out --dev-fraction of train.")] = None,
    test: Annotated[Optional[Path], typer.Option(help="Test file for metrics.json and the confusion matrix; read after training; default: report on dev.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Model folder to write; default: the settings' intent model folder (<home>/models/intent).")] = None,
    backbone: Annotated[Optional[Path], typer.Option(help="Local folder of a BERT-family model; default: the embedding model package (MiniLM).")] = None,
) -> None:
    """Fine-tune the intent head on any labelled CSV/JSONL and write a self-contained model folder
    (weights, tokenizer, labels, training settings, metrics.json, confusion_matrix.png, ood.npz)."""
    from encoders.intent.training import DataError, train_intent_model
    from encoders.data.readers import LoadError
    from encoders.settings import ModelNotFoundError, Settings

    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    out = out or settings.intent_model_dir
    try:
        result = train_intent_model(
            config, train, out, dev=dev, test=test,
            backbone=backbone or settings.embedding_model_path(), progress=settings.show_progress,
        )
    except (LoadError, DataError, ValueError, ModelNotFoundError) as error:
        console.print(f"[red]Cannot train:[/red] {error}")
        raise typer.Exit(2) from error
    m = result.metrics
    console.print(
        f"[green]Intent model written to {result.folder}[/green] in {result.total_seconds:.0f}s "
        f"(training {result.train_seconds:.0f}s). On {m['split']} ({m['n']} texts): accuracy {m['accuracy']:.4f}, "
        f"macro-F1 {m['macro_f1']:.4f}, with out-of-scope rejection {m['in_scope_accuracy']:.4f} "
        f"({m['in_scope_rejected']:.1%} rejected)."
    )
    training = json.loads((result.folder / "training.json").read_text())
    console.print(f"Stopped: {training['stop_reason']} (best dev macro-F1 {training['choices']['best_dev_macro_f1']:.4f} "
                  f"at step {training['best_step']} of {training['steps']}, learning rate {training['choices']['lr']:g}).")


@commands.command("intent")
def intent(
    ctx: typer.Context,
    texts: Annotated[list[str], typer.Argument(help="One or more texts to classify.")],
    model: Annotated[Optional[Path], typer.Option(help="Trained intent folder; default: <home>/models/intent.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
    precision: Annotated[str, typer.Option(help="fp32 (exact, batch-invariant), bf16 or int8 (faster).")] = "fp32",
) -> None:
    """Classify texts with a trained intent head; out-of-scope texts come back as `other`."""
    from encoders.intent.classifier import IntentClassifier
    from encoders.settings import ModelNotFoundError, Settings

    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    try:
        classifier = IntentClassifier(model or settings.intent_model_dir, precision=precision)
    except (ModelNotFoundError, OSError, ValueError) as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    predictions = classifier.predict_details(texts)
    if as_json:
        for text, p in zip(texts, predictions):
            typer.echo(json.dumps({"text": text, "intent": p.label, "prob": round(p.prob, 4),
                                   "top_intent": p.top_intent, "ood_score": round(p.ood_score, 3)}))
        return
    table = Table(title=f"Intents ({classifier.folder})")
    for column in ("text", "intent", "prob", "closest intent", "ood score"):
        table.add_column(column)
    threshold = classifier.detector.threshold()
    for text, p in zip(texts, predictions):
        table.add_row(text, p.label, f"{p.prob:.3f}", p.top_intent, f"{p.ood_score:.2f} / {threshold:.2f}")
    console.print(table)

"""`portrait train-intent` and `portrait intent`: train the intent head, and ask it about texts.

Every training hyper-parameter is an option here; its help text and default
come from :class:`encoders.intent.training.TrainConfig`, so the CLI and the code cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from encoders.intent.training import CONFIG_HELP as H
from encoders.intent.training import TrainConfig

console = Console()
D = TrainConfig()
commands = typer.Typer()


@commands.command("train-intent")
def train_intent(
    ctx: typer.Context,
    train: Annotated[Path, typer.Option(help="Labelled training file (CSV, TSV or JSONL, optionally .gz).")],
    dev: Annotated[Optional[Path], typer.Option(help="Dev file for early stopping and out-of-scope calibration; default: hold out --dev-fraction of train.")] = None,
    test: Annotated[Optional[Path], typer.Option(help="Test file for metrics.json and the confusion matrix; default: report on dev.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="Model folder to write; default: the settings' intent model folder (<home>/models/intent).")] = None,
    backbone: Annotated[Optional[Path], typer.Option(help="Local folder of a BERT-family model; default: the embedding model package (MiniLM).")] = None,
    text_col: Annotated[str, typer.Option(help=H["text_col"])] = D.text_col,
    label_col: Annotated[str, typer.Option(help=H["label_col"])] = D.label_col,
    max_length: Annotated[int, typer.Option(help=H["max_length"])] = D.max_length,
    batch_size: Annotated[int, typer.Option(help=H["batch_size"])] = D.batch_size,
    lr: Annotated[float, typer.Option(help=H["lr"])] = D.lr,
    weight_decay: Annotated[float, typer.Option(help=H["weight_decay"])] = D.weight_decay,
    warmup: Annotated[float, typer.Option(help=H["warmup"])] = D.warmup,
    max_epochs: Annotated[int, typer.Option(help=H["max_epochs"])] = D.max_epochs,
    min_steps: Annotated[int, typer.Option(help=H["min_steps"])] = D.min_steps,
    evals: Annotated[int, typer.Option(help=H["evals"])] = D.evals,
    patience: Annotated[int, typer.Option(help=H["patience"])] = D.patience,
    label_smoothing: Annotated[float, typer.Option(help=H["label_smoothing"])] = D.label_smoothing,
    train_precision: Annotated[str, typer.Option(help=H["train_precision"])] = D.train_precision,
    freeze_embeddings: Annotated[bool, typer.Option(help=H["freeze_embeddings"])] = D.freeze_embeddings,
    freeze_backbone: Annotated[bool, typer.Option(help=H["freeze_backbone"])] = D.freeze_backbone,
    dev_fraction: Annotated[float, typer.Option(help=H["dev_fraction"])] = D.dev_fraction,
    oos_method: Annotated[str, typer.Option(help=H["oos_method"])] = D.oos_method,
    oos_accept: Annotated[float, typer.Option(help=H["oos_accept"])] = D.oos_accept,
    oos_label: Annotated[str, typer.Option(help=H["oos_label"])] = D.oos_label,
    eval_batch_size: Annotated[int, typer.Option(help=H["eval_batch_size"])] = D.eval_batch_size,
    seed: Annotated[int, typer.Option(help=H["seed"])] = D.seed,
    threads: Annotated[int, typer.Option(help=H["threads"])] = D.threads,
    max_minutes: Annotated[float, typer.Option(help=H["max_minutes"])] = D.max_minutes,
) -> None:
    """Fine-tune the intent head on any labelled CSV/JSONL and write a self-contained model folder
    (weights, tokenizer, labels, training settings, metrics.json, confusion_matrix.png, ood.npz)."""
    from encoders.intent.training import DataError, train_intent_model
    from encoders.data.readers import LoadError
    from encoders.settings import ModelNotFoundError, Settings

    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    config = TrainConfig(
        text_col=text_col, label_col=label_col, max_length=max_length, batch_size=batch_size, lr=lr,
        weight_decay=weight_decay, warmup=warmup, max_epochs=max_epochs, min_steps=min_steps, evals=evals,
        patience=patience, label_smoothing=label_smoothing, train_precision=train_precision, freeze_embeddings=freeze_embeddings,
        freeze_backbone=freeze_backbone, dev_fraction=dev_fraction, oos_method=oos_method, oos_accept=oos_accept,
        oos_label=oos_label, eval_batch_size=eval_batch_size, seed=seed, threads=threads, max_minutes=max_minutes,
    )
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
    threshold = classifier.detector.threshold
    for text, p in zip(texts, predictions):
        table.add_row(text, p.label, f"{p.prob:.3f}", p.top_intent, f"{p.ood_score:.1f} / {threshold:.1f}")
    console.print(table)

"""`portrait ui` (the Gradio app) and `portrait demo` (the whole pipeline on a generated shop, then the app)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from encoders.settings import Settings
from ui.cli.common import LLMChoice, console, settings_of
from ui.cli.customers import summarize
from ui.cli.data import build, generate_demo, ingest, segments

commands = typer.Typer()


@commands.command()
def ui(
    ctx: typer.Context,
    port: Annotated[Optional[int], typer.Option(help="Port on 127.0.0.1 (default: settings.ui_port).")] = None,
    follow: Annotated[Optional[Path], typer.Option(help="JSONL event file to tail while serving: profiles update live.")] = None,
    llm: LLMChoice = None,
) -> None:
    """Start the Gradio app for customer-service staff and marketers on 127.0.0.1."""
    from ui.app import launch

    settings = settings_of(ctx, llm)
    launch(settings, port=port or settings.ui_port, follow=follow)


@commands.command()
def demo(
    ctx: typer.Context,
    users: Annotated[int, typer.Option(help="Shoppers in the demo shop.")] = 300,
    products: Annotated[int, typer.Option(help="Products in the demo shop.")] = 300,
    summaries: Annotated[int, typer.Option(help="How many customers get an LLM summary.")] = 3,
    serve_ui: Annotated[bool, typer.Option("--ui/--no-ui", help="Start the Gradio app at the end.")] = True,
    llm: LLMChoice = None,
) -> None:
    """The whole pipeline on a generated shop: generate, ingest, build, summarise, then the UI."""
    from encoders.intent.classifier import LABELS_FILE

    settings = settings_of(ctx, llm)
    started = time.perf_counter()
    shop = settings.home / "demo-shop"
    console.rule("1/5 generate the demo shop")
    ctx.invoke(generate_demo, ctx=ctx, out=shop, users=users, products=products)
    if not (settings.intent_model_dir / LABELS_FILE).exists():
        console.rule("train the intent head on the shop's labelled support texts")
        _train_demo_intents(settings, shop)
    console.rule("2/5 ingest products and events")
    ctx.invoke(ingest, ctx=ctx, path=shop / "products.jsonl", format="products", report=None)
    ctx.invoke(ingest, ctx=ctx, path=shop / "events.jsonl", format="events", report=None)
    console.rule("3/5 build profiles and segments")
    ctx.invoke(build, ctx=ctx, user=None)
    ctx.invoke(segments, ctx=ctx, fit=False, plot=settings.reports_dir / "segments.png")
    console.rule(f"4/5 summarise {summaries} customers")
    ctx.invoke(summarize, ctx=ctx, all_customers=False, limit=summaries, out=None, concurrency=None, llm=llm)
    for line in (settings.reports_dir / "summaries.jsonl").read_text().splitlines():
        record = json.loads(line)
        console.print(f"[bold]{record['user_id']}[/bold]: {record['summary']}")
    console.print(f"[green]Pipeline finished in {time.perf_counter() - started:.0f}s.[/green]")
    if serve_ui:
        console.rule("5/5 the Gradio app")
        ctx.invoke(ui, ctx=ctx, port=None, llm=llm)


def _train_demo_intents(settings: Settings, shop: Path) -> None:
    """A short fine-tune on the shop's templated support texts: no learning-rate search, a few epochs
    and a one-minute wall-clock cap, so the demo stays quick on a busy 2-core machine (the head starts
    as a prototype classifier over the encoder's vectors, so even a capped run is accurate)."""
    from encoders.intent.training import TrainConfig, train_intent_model

    config = TrainConfig(lr_search=1, max_epochs=3, evals_per_epoch=1, patience=1, max_minutes=1.0)
    result = train_intent_model(
        config, shop / "support_intents.csv", settings.intent_model_dir, test=shop / "support_labels.csv",
        backbone=settings.embedding_model_path(), progress=settings.show_progress,
    )
    console.print(f"Intent head trained in {result.total_seconds:.0f}s: accuracy {result.metrics['accuracy']:.3f} "
                  f"on the shop's {result.metrics['n']} support messages.")

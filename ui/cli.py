"""`portrait`: the command line. Its --help is the manual."""

from __future__ import annotations

import json
import os
import time
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Optional

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import typer
from rich.console import Console
from rich.table import Table

from encoders.settings import Settings

console = Console()
app = typer.Typer(
    help="Portrait: living shopper profiles in Chroma, explained by a generative model.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
llm_app = typer.Typer(help="The generative model: serve it with vLLM, check it, stop it.", no_args_is_help=True)
app.add_typer(llm_app, name="llm")

LLMChoice = Annotated[Optional[str], typer.Option("--llm", help="Backend for this command: local or openai (default: from settings).")]


@app.callback()
def _main(
    ctx: typer.Context,
    home: Annotated[Optional[Path], typer.Option(help="Data folder (event log, Chroma, reports). Env: PORTRAIT_HOME.")] = None,
) -> None:
    ctx.obj = Settings(home=home) if home else Settings()


def _settings(ctx: typer.Context, llm: str | None = None) -> Settings:
    settings: Settings = ctx.obj
    if llm is not None:
        if llm not in ("local", "openai"):
            raise typer.BadParameter("--llm must be local or openai")
        settings = settings.model_copy(update={"llm_backend": llm})
    return settings


@app.command("generate-demo")
def generate_demo(
    ctx: typer.Context,
    out: Annotated[Optional[Path], typer.Option(help="Folder for products.jsonl, events.jsonl, personas.json.")] = None,
    users: Annotated[int, typer.Option(help="Number of shoppers.")] = 300,
    products: Annotated[int, typer.Option(help="Number of products.")] = 300,
    days: Annotated[int, typer.Option(help="Days of history.")] = 120,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same shop.")] = 7,
) -> None:
    """Write a deterministic synthetic shop (catalogue, shoppers, events, hidden personas)."""
    from encoders.synthetic import generate_shop

    out = out or _settings(ctx).home / "demo-shop"
    try:
        files = generate_shop(out, n_products=products, n_users=users, days=days, seed=seed)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    console.print(f"[green]Demo shop written[/green]: {files.products}, {files.events}, {files.personas}")


@app.command()
def ingest(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="File (or folder for amazon) to read.")],
    format: Annotated[str, typer.Option("--format", "-f", help="events | products | online-retail | amazon")] = "events",
    report: Annotated[Optional[Path], typer.Option(help="Where to write the JSON report; rejects go beside it.")] = None,
    follow: Annotated[bool, typer.Option("--follow", help="Tail a JSONL event file: apply new lines to the profiles as they arrive.")] = False,
    poll: Annotated[Optional[float], typer.Option(help="With --follow: seconds between looks at the file (default: settings.follow_poll_s).")] = None,
    idle_exit: Annotated[Optional[float], typer.Option(help="With --follow: stop after this many idle seconds (default: run until Ctrl-C).")] = None,
) -> None:
    """Validate a source and store every valid row; bad rows go to a rejects file with row, field and reason."""
    from encoders.loaders import LoadError
    from retrieval.pipeline import SourceFormat, ingest as run_ingest

    if follow:
        settings = _settings(ctx)
        _follow(settings, path, poll if poll is not None else settings.follow_poll_s, idle_exit)
        return

    try:
        fmt = SourceFormat(format)
    except ValueError:
        raise typer.BadParameter(f"unknown format {format!r}; choose from {[f.value for f in SourceFormat]}") from None
    settings = _settings(ctx)
    started = time.perf_counter()
    try:
        with console.status(f"Reading {path} ..."):
            result = run_ingest(settings, path, fmt, report)
    except LoadError as error:
        console.print(f"[red]Nothing could be read:[/red] {error}")
        raise typer.Exit(2) from error
    summary = result.load.report()
    table = Table(title=f"Ingested {path.name} in {time.perf_counter() - started:.1f}s")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("rows", str(summary["rows"]))
    table.add_row("kept", str(summary["kept"]))
    table.add_row("new events", str(result.new_events))
    table.add_row("products", str(result.products))
    for reason, count in sorted(summary["rejected"].items(), key=lambda kv: -kv[1]):
        table.add_row(f"rejected: {reason}", str(count))
    console.print(table)
    if summary["rows"] == 0:
        raise typer.Exit(2)


def _follow(settings: Settings, path: Path, poll: float, idle_exit: float | None) -> None:
    from retrieval.follow import follow as tail
    from retrieval.profile_store import ProfileStore

    store = ProfileStore(settings)

    def report(result, rejected: int) -> None:  # noqa: ANN001 - ApplyResult, imported lazily
        console.print(f"+{result.new_events} events, {rejected} rejected, {len(result.touched_users)} profiles updated")

    console.print(f"Following {path} (Ctrl-C to stop) ...")
    try:
        stats = tail(store, path, poll_s=poll, idle_exit_s=idle_exit, on_batch=report)
    except KeyboardInterrupt:
        return
    finally:
        store.close()
    console.print(f"[green]Done:[/green] {stats.lines} lines, {stats.applied} new events, {stats.rejected} rejected, "
                  f"{len(stats.touched)} profiles updated.")


@app.command()
def build(
    ctx: typer.Context,
    user: Annotated[Optional[list[str]], typer.Option(help="Only rebuild these customers (repeatable).")] = None,
) -> None:
    """Build profiles (facts with evidence + interest vectors) from the event log into Chroma."""
    from retrieval.pipeline import build_profiles

    result = build_profiles(_settings(ctx), user_ids=user or None)
    console.print(
        f"[green]Built {result.profiles} profiles[/green] from {result.events} events and {result.products} products "
        f"in {result.seconds:.1f}s (reference time {result.reference_time})."
    )


@app.command()
def segments(
    ctx: typer.Context,
    fit: Annotated[bool, typer.Option("--fit", help="Re-cluster all profiles (k chosen by silhouette) before listing.")] = False,
    plot: Annotated[Optional[Path], typer.Option(help="Write a 2-D PCA plot of customers coloured by segment (PNG).")] = None,
) -> None:
    """List customer segments with their sizes and descriptions."""
    from retrieval.profile_store import ProfileStore
    from retrieval.segments import plot_segments

    store = ProfileStore(_settings(ctx))
    try:
        model = store.fit_segments() if fit or store.segments is None else store.segments
        table = Table(title=f"{len(model.segments)} segments (silhouette {model.silhouette:.2f})")
        for column in ("id", "name", "size", "description"):
            table.add_column(column, overflow="fold")
        for segment in model.segments:
            table.add_row(str(segment.id), segment.name, str(segment.size), segment.description)
        console.print(table)
        if plot:
            console.print(f"Plot written to {plot_segments(store.chroma.all_profiles(), model, plot)}")
    finally:
        store.close()


def _assistant(settings: Settings):  # noqa: ANN202 - keeps heavy imports off --help
    from agent.assistant import ProfileAssistant
    from encoders.embedder import Embedder
    from retrieval.store import PortraitStore

    return ProfileAssistant(settings, PortraitStore(settings, Embedder(settings)))


@app.command()
def profile(ctx: typer.Context, user_id: str) -> None:
    """Show one customer's profile facts and their evidence."""
    from agent.assistant import UnknownCustomerError

    try:
        found = _assistant(_settings(ctx)).profile(user_id)
    except UnknownCustomerError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print_json(found.model_dump_json(exclude={"interest_vector"}))


@app.command()
def ask(ctx: typer.Context, user_id: str, question: str, llm: LLMChoice = None) -> None:
    """Answer a question about one customer from their profile facts, with sources."""
    from agent.assistant import UnknownCustomerError

    settings = _settings(ctx, llm)
    try:
        with console.status(f"Asking the {settings.resolved_llm_backend} model ..."):
            answer = _assistant(settings).ask(user_id, question)
    except UnknownCustomerError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    console.print(answer.cited_text())
    if answer.removed:
        console.print(f"[yellow]Removed unsupported text:[/yellow] {' '.join(answer.removed)}")


@app.command()
def summarize(
    ctx: typer.Context,
    limit: Annotated[Optional[int], typer.Option(help="Summarise only the first N customers (default: all).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="JSONL output (default: HOME/reports/summaries.jsonl).")] = None,
    llm: LLMChoice = None,
) -> None:
    """Write an explainable summary for every customer (the batch job)."""
    from rich.progress import track

    settings = _settings(ctx, llm)
    assistant = _assistant(settings)
    user_ids = assistant.store.user_ids()[:limit] if limit else assistant.store.user_ids()
    out = out or settings.reports_dir / "summaries.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as sink:
        for user_id in track(user_ids, description="Summaries", console=console):
            answer = assistant.summarize(user_id)
            record = {
                "user_id": user_id,
                "summary": answer.text,
                "citations": [c.__dict__ for c in answer.citations],
                "fallback": answer.fallback,
                "removed": answer.removed,
            }
            sink.write(json.dumps(record) + "\n")
    console.print(f"[green]{len(user_ids)} summaries[/green] written to {out}")


@llm_app.command("serve")
def llm_serve(
    ctx: typer.Context,
    port: Annotated[Optional[int], typer.Option(help="Port on 127.0.0.1 (default: settings.vllm_port).")] = None,
    detach: Annotated[bool, typer.Option(help="Return once the server answers and leave it running.")] = False,
) -> None:
    """Prepare the shipped model for vLLM and run vLLM's OpenAI-compatible server on this machine."""
    from agent.serving import serve_detached, serve_forever

    settings = _settings(ctx)
    if port is not None:
        settings = settings.model_copy(update={"vllm_port": port})
    if detach:
        serve_detached(settings)
    else:
        serve_forever(settings)


@llm_app.command("stop")
def llm_stop(ctx: typer.Context) -> None:
    """Stop a server started with `portrait llm serve --detach`."""
    from agent.serving import stop_served

    console.print("stopped" if stop_served(_settings(ctx)) else "no detached server was running")


@llm_app.command("check")
def llm_check(ctx: typer.Context, llm: LLMChoice = None) -> None:
    """Send one short prompt to the configured backend and print the reply."""
    from agent.llm import check_llm

    settings = _settings(ctx, llm)
    console.print(f"[{settings.resolved_llm_backend}] {check_llm(settings)}")


@app.command()
def ui(
    ctx: typer.Context,
    port: Annotated[Optional[int], typer.Option(help="Port on 127.0.0.1 (default: settings.ui_port).")] = None,
    follow: Annotated[Optional[Path], typer.Option(help="JSONL event file to tail while serving: profiles update live.")] = None,
    llm: LLMChoice = None,
) -> None:
    """Start the Gradio app for customer-service staff on 127.0.0.1."""
    from ui.app import launch

    settings = _settings(ctx, llm)
    launch(settings, port=port or settings.ui_port, follow=follow)


@app.command()
def demo(
    ctx: typer.Context,
    users: Annotated[int, typer.Option(help="Shoppers in the demo shop.")] = 300,
    products: Annotated[int, typer.Option(help="Products in the demo shop.")] = 300,
    summaries: Annotated[int, typer.Option(help="How many customers get an LLM summary.")] = 3,
    serve_ui: Annotated[bool, typer.Option("--ui/--no-ui", help="Start the Gradio app at the end.")] = True,
    llm: LLMChoice = None,
) -> None:
    """The whole pipeline on a generated shop: generate, ingest, build, summarise, then the UI."""
    settings = _settings(ctx, llm)
    started = time.perf_counter()
    shop = settings.home / "demo-shop"
    console.rule("1/5 generate the demo shop")
    ctx.invoke(generate_demo, ctx=ctx, out=shop, users=users, products=products)
    from encoders.intent import LABELS_FILE

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
    ctx.invoke(summarize, ctx=ctx, limit=summaries, out=None, llm=llm)
    for line in (settings.reports_dir / "summaries.jsonl").read_text().splitlines():
        record = json.loads(line)
        console.print(f"[bold]{record['user_id']}[/bold]: {record['summary']}")
    console.print(f"[green]Pipeline finished in {time.perf_counter() - started:.0f}s.[/green]")
    if serve_ui:
        console.rule("5/5 the Gradio app")
        ctx.invoke(ui, ctx=ctx, port=None, llm=llm)


from ui.cli_intent import intent, train_intent  # noqa: E402 - the intent head's commands

app.command("train-intent")(train_intent)
app.command("intent")(intent)


def _train_demo_intents(settings: Settings, shop: Path) -> None:
    from encoders.intent_training import TrainConfig, train_intent_model

    result = train_intent_model(
        TrainConfig(), shop / "support_intents.csv", settings.intent_model_dir, test=shop / "support_labels.csv",
        backbone=settings.embedding_model_path(), progress=settings.show_progress,
    )
    console.print(f"Intent head trained in {result.total_seconds:.0f}s: accuracy {result.metrics['accuracy']:.3f} "
                  f"on the shop's {result.metrics['n']} support messages.")


def _add_plugins() -> None:
    """Sub-commands from other rooms (e.g. `portrait eval`), found through entry points so the CLI
    does not import them directly."""
    for entry in entry_points(group="portrait.commands"):
        app.add_typer(entry.load(), name=entry.name)


def main() -> None:
    _add_plugins()
    app()

"""Data commands: generate the demo shop, ingest sources (once or following a file), build profiles, segments."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from encoders.settings import Settings
from ui.cli.common import console, settings_of

commands = typer.Typer()


@commands.command("generate-demo")
def generate_demo(
    ctx: typer.Context,
    out: Annotated[Optional[Path], typer.Option(help="Folder for products.jsonl, events.jsonl, personas.json.")] = None,
    users: Annotated[int, typer.Option(help="Number of shoppers.")] = 300,
    products: Annotated[int, typer.Option(help="Number of products.")] = 300,
    days: Annotated[int, typer.Option(help="Days of history.")] = 120,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same shop.")] = 7,
) -> None:
    """Write a deterministic synthetic shop (catalogue, shoppers, events, hidden personas)."""
    from encoders.data.synthetic import generate_shop

    out = out or settings_of(ctx).home / "demo-shop"
    try:
        files = generate_shop(out, n_products=products, n_users=users, days=days, seed=seed)
    except ValueError as error:
        raise typer.BadParameter(str(error)) from error
    console.print(f"[green]Demo shop written[/green]: {files.products}, {files.events}, {files.personas}")


@commands.command()
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
    from encoders.data.readers import LoadError
    from encoders.data.sources import SourceFormat
    from retrieval.home import open_home

    settings = settings_of(ctx)
    if follow:
        _follow(settings, path, poll if poll is not None else settings.follow_poll_s, idle_exit)
        return
    try:
        fmt = SourceFormat(format)
    except ValueError:
        raise typer.BadParameter(f"unknown format {format!r}; choose from {[f.value for f in SourceFormat]}") from None
    started = time.perf_counter()
    try:
        with console.status(f"Reading {path} ..."), open_home(settings) as home:
            result = home.ingest(path, fmt, report)
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
    from retrieval.home import open_home

    def report(result, rejected: int) -> None:  # noqa: ANN001 - ApplyResult, imported lazily
        console.print(f"+{result.new_events} events, {rejected} rejected, {len(result.touched_users)} profiles updated")

    console.print(f"Following {path} (Ctrl-C to stop) ...")
    with open_home(settings) as home:
        try:
            stats = tail(home.profiles, path, poll_s=poll, idle_exit_s=idle_exit, on_batch=report)
        except KeyboardInterrupt:
            return
    console.print(f"[green]Done:[/green] {stats.lines} lines, {stats.applied} new events, {stats.rejected} rejected, "
                  f"{len(stats.touched)} profiles updated.")


@commands.command()
def build(
    ctx: typer.Context,
    user: Annotated[Optional[list[str]], typer.Option(help="Only rebuild these customers (repeatable).")] = None,
    engine: Annotated[str, typer.Option(help="local, or ray: the embeddings on an actor pool of the embedding model (Ray Data).")] = "local",
    ray_address: Annotated[Optional[str], typer.Option(help="With --engine ray: the cluster to join; default: a local Ray.")] = None,
    ray_cpus: Annotated[Optional[int], typer.Option(help="With --engine ray and no --ray-address: CPUs of the local Ray (default: all).")] = None,
) -> None:
    """Build profiles (facts with evidence + interest vectors) from the event log into Chroma."""
    from retrieval.home import open_home

    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine is local or ray")
    if engine == "ray":
        from retrieval.ray_build import build_with_ray

        result, sent = build_with_ray(settings_of(ctx), user or None, address=ray_address, num_cpus=ray_cpus)
        console.print(f"{sent} texts embedded on Ray.")
    else:
        with open_home(settings_of(ctx)) as home:
            result = home.build(user or None)
    console.print(
        f"[green]Built {result.profiles} profiles[/green] from {result.events} events and {result.products} products "
        f"in {result.seconds:.1f}s (reference time {result.reference_time})."
    )


@commands.command()
def segments(
    ctx: typer.Context,
    fit: Annotated[bool, typer.Option("--fit", help="Re-cluster all profiles (k chosen by silhouette) before listing.")] = False,
    plot: Annotated[Optional[Path], typer.Option(help="Write a 2-D PCA plot of customers coloured by segment (PNG).")] = None,
) -> None:
    """List customer segments with their sizes and descriptions."""
    from retrieval.home import open_home
    from retrieval.segments import plot_segments

    with open_home(settings_of(ctx)) as home:
        model = home.profiles.fit_segments() if fit or home.segments is None else home.segments
        table = Table(title=f"{len(model.segments)} segments (silhouette {model.silhouette:.2f})")
        for column in ("id", "name", "size", "description"):
            table.add_column(column, overflow="fold")
        for segment in model.segments:
            table.add_row(str(segment.id), segment.name, str(segment.size), segment.description)
        console.print(table)
        if plot:
            console.print(f"Plot written to {plot_segments(home.vectors.all_profiles(), model, plot)}")

"""Customer commands: one profile, a question about a customer, the batch of summaries."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ui.cli.common import LLMChoice, console, settings_of

commands = typer.Typer()


@commands.command()
def profile(ctx: typer.Context, user_id: str) -> None:
    """Show one customer's profile facts and their evidence."""
    from retrieval.home import UnknownCustomerError, open_home

    with open_home(settings_of(ctx)) as home:
        try:
            found = home.profile(user_id)
        except UnknownCustomerError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from error
    console.print_json(found.model_dump_json(exclude={"interest_vector"}))


@commands.command()
def ask(ctx: typer.Context, user_id: str, question: str, llm: LLMChoice = None) -> None:
    """Answer a question about one customer from their profile facts, with sources."""
    from agent.assistant import ProfileAssistant
    from retrieval.home import UnknownCustomerError, open_home

    settings = settings_of(ctx, llm)
    with open_home(settings) as home:
        try:
            with console.status(f"Asking the {settings.resolved_llm_backend} model ..."):
                answer = ProfileAssistant(home).ask(user_id, question)
        except UnknownCustomerError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from error
    console.print(answer.cited_text())
    if answer.removed:
        console.print(f"[yellow]Removed unsupported text:[/yellow] {' '.join(answer.removed)}")


@commands.command()
def summarize(
    ctx: typer.Context,
    limit: Annotated[Optional[int], typer.Option(help="Summarise only the first N customers (default: all).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="JSONL output (default: HOME/reports/summaries.jsonl).")] = None,
    llm: LLMChoice = None,
) -> None:
    """Write an explainable summary for every customer (the batch job)."""
    from rich.progress import track

    from agent.assistant import ProfileAssistant
    from agent.batch import summarize_all
    from retrieval.home import open_home

    settings = settings_of(ctx, llm)
    out = out or settings.reports_dir / "summaries.jsonl"
    with open_home(settings) as home:
        user_ids = home.user_ids()[:limit] if limit else home.user_ids()
        written = summarize_all(
            ProfileAssistant(home), user_ids, out,
            progress=lambda ids: track(ids, total=len(user_ids), description="Summaries", console=console),
        )
    console.print(f"[green]{written} summaries[/green] written to {out}")

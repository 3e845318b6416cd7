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
    """Answer a question about one customer from their facts, with sources (event ids) and the tools used."""
    from agent.assistant import ProfileAssistant
    from agent.llm.backends import LLMUnavailableError
    from retrieval.home import UnknownCustomerError, open_home

    settings = settings_of(ctx, llm)
    with open_home(settings) as home:
        try:
            with console.status(f"Asking ({settings.resolved_llm_backend} model) ..."):
                answer = ProfileAssistant(home).ask(user_id, question)
        except (UnknownCustomerError, LLMUnavailableError) as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from error
    console.print(answer.cited_text(), markup=False)
    if answer.tools:
        console.print(f"[dim]tools: {', '.join(answer.tools)}[/dim]")
    if answer.removed:
        console.print(f"[yellow]Removed unsupported text:[/yellow] {' '.join(answer.removed)}")


@commands.command()
def summarize(
    ctx: typer.Context,
    all_customers: Annotated[bool, typer.Option("--all", help="Summarise every customer (the default when --limit is not given).")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Summarise only the first N customers.")] = None,
    out: Annotated[Optional[Path], typer.Option(help="JSONL output (default: HOME/reports/summaries.jsonl). A rerun resumes it.")] = None,
    concurrency: Annotated[Optional[int], typer.Option(help="Requests in flight against a served model (default: settings.batch_concurrency).")] = None,
    llm: LLMChoice = None,
) -> None:
    """Write an explainable summary for every customer (the batch job). Resumable: a rerun skips the
    customers already in the output file and appends the rest."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from agent.assistant import ProfileAssistant
    from agent.batch import BatchServerError, finished_customers, summarize_all
    from agent.llm.backends import LLMUnavailableError
    from retrieval.home import open_home

    settings = settings_of(ctx, llm)
    out = out or settings.reports_dir / "summaries.jsonl"
    with open_home(settings) as home:
        user_ids = home.log.user_ids()
        user_ids = user_ids if all_customers or not limit else user_ids[:limit]
        todo = len(set(user_ids) - finished_customers(out))
        columns = (TextColumn("Summaries"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
            task = bar.add_task("summaries", total=todo)
            try:
                result = summarize_all(ProfileAssistant(home), user_ids, out, progress=lambda n: bar.advance(task, n), concurrency=concurrency)
            except (BatchServerError, LLMUnavailableError) as error:
                console.print(f"[red]{error}[/red]")
                raise typer.Exit(1) from error
    console.print(
        f"[green]{result.written} summaries[/green] written to {out} ({result.skipped} already there) in "
        f"{result.seconds:.1f}s: {result.per_minute:.1f} customers/min ({settings.resolved_llm_backend})"
    )

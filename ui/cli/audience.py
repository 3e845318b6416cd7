"""`portrait audience "question"`: a marketer's segment question -> the exact customers, shown as the
query in plain words, the count, a table, and optionally a CSV and a chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from ui.cli.common import LLMChoice, console, settings_of

commands = typer.Typer()


@commands.command()
def audience(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help='e.g. "customers in Germany who bought kitchen items but haven\'t ordered in 60 days"')],
    csv: Annotated[Optional[Path], typer.Option("--csv", help="Write every matching customer to this CSV.")] = None,
    plot: Annotated[Optional[Path], typer.Option("--plot", help="Write a PNG bar chart of the audience by segment (or country).")] = None,
    rows: Annotated[Optional[int], typer.Option(help="Table rows to print (default: settings.audience_table_rows).")] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="When the reader is unsure and asks back, run its best reading anyway.")] = False,
    llm: LLMChoice = None,
) -> None:
    """Find the customers a question describes, exactly, over the event log and profiles. Questions that
    ask for contact details or data the shop does not hold are declined; when part of a question could not
    be mapped, the best reading is shown and not run (exit code 3) until you confirm it with --yes."""
    from agent.audience import answer_audience
    from retrieval.home import open_home

    settings = settings_of(ctx, llm)
    with open_home(settings) as home:
        answer = answer_audience(home, question, confirm=yes)
    if answer.asked_back:
        console.print(f"[yellow]{answer.ask_back}[/yellow]")
        for note in answer.mappings:
            console.print(f"[cyan]Note:[/cyan] {note}")
        console.print("Nothing was run. Rerun with --yes to run this reading, or rephrase the question.")
        raise typer.Exit(3)
    if answer.abstained:
        console.print(f"[yellow]{answer.declined}[/yellow]")
        raise typer.Exit(2)
    console.print(f"[bold]{answer.count}[/bold] customers: {answer.query_words}")
    for note in answer.mappings:
        console.print(f"[cyan]Note:[/cyan] {note}")
    table = Table(show_lines=False)
    for column in answer.table.columns:
        table.add_column(column, justify="right" if column in ("orders", "net_spend", "similarity") else "left")
    limit = rows if rows is not None else settings.audience_table_rows
    for record in answer.table.head(limit).itertuples(index=False):
        table.add_row(*[f"{v:,.2f}" if isinstance(v, float) else str(v) for v in record])
    console.print(table)
    if answer.count > limit:
        console.print(f"... {answer.count - limit} more (use --csv for all)")
    if csv is not None:
        console.print(f"CSV: {answer.write_csv(csv)}")
    if plot is not None:
        console.print(f"Chart: {answer.plot(plot)}")
    console.print(f"[dim]{answer.seconds:.2f} s[/dim]")

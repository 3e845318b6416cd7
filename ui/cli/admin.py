"""Looking after a home: `portrait status` (what it holds, whether it is healthy) and `portrait forget`."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.table import Table

from encoders.settings import Settings
from ui.cli.common import LLMChoice, console, settings_of

commands = typer.Typer()


def _llm_status(settings: Settings, ask: bool) -> dict[str, Any]:
    from agent.llm.backends import check_llm

    backend = settings.resolved_llm_backend
    status: dict[str, Any] = {"backend": backend}
    if backend == "openai":
        status.update(url=settings.openai_base_url, model=settings.openai_model)
    else:
        status["model"] = str(settings.local_gguf_path())
    if backend == "openai" or ask:
        try:
            status.update(answers=True, reply=check_llm(settings)[:80])
        except Exception as error:  # noqa: BLE001 - any failure is the answer to "does it answer?"
            status.update(answers=False, error=str(error))
    return status


@commands.command()
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    check_llm: Annotated[bool, typer.Option("--check-llm", help="Also ask the in-process model a question (loads it: a few seconds); a served model is always asked.")] = False,
    llm: LLMChoice = None,
) -> None:
    """What this home holds and whether it is healthy: counts, data clock, models, LLM, Chroma mode."""
    from retrieval.home import open_home
    from retrieval.status import home_status

    settings = settings_of(ctx, llm)
    with open_home(settings) as home:
        report = home_status(home)
    report["llm"] = _llm_status(settings, check_llm)
    if as_json:
        typer.echo(json.dumps(report, indent=2))
        return
    table = Table(title=f"Portrait home {report['home']}")
    table.add_column("what")
    table.add_column("value", overflow="fold")
    for key, value in report.items():
        if key != "home":
            table.add_row(key.replace("_", " "), json.dumps(value) if isinstance(value, dict) else str(value))
    console.print(table)


@commands.command()
def forget(
    ctx: typer.Context,
    user_id: Annotated[str, typer.Argument(help="The customer to erase.")],
) -> None:
    """Erase one customer everywhere: event log, facts, vectors, search indexes, reports, cached embeddings."""
    from retrieval.home import open_home

    with open_home(settings_of(ctx)) as home:
        report = home.forget(user_id)
    if not report.found:
        console.print(f"[yellow]Nothing stored for customer {user_id!r}.[/yellow]")
        raise typer.Exit(1)
    lines = ", ".join(f"{n} in {path}" for path, n in report.report_lines.items()) or "none"
    console.print(f"[green]Forgot {user_id}[/green]: {report.events} events, {report.profiles} profile, "
                  f"{report.vectors} vector records, {report.cached_texts} cached texts, report lines: {lines}.")

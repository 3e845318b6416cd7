"""Customer commands: one profile, a question about a customer, the batch of summaries."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ui.cli.common import LLMChoice, console, settings_of

commands = typer.Typer()


@commands.command()
def profile(
    ctx: typer.Context,
    user_id: str,
    as_json: Annotated[bool, typer.Option("--json", help="Print the profile as JSON (every fact with all its evidence).")] = False,
) -> None:
    """Show one customer's profile: a card of facts with the events behind each (JSON with --json)."""
    from rich.table import Table

    from encoders.profile.facts import fact_descriptions
    from encoders.profile.model import fact_label, render_value
    from retrieval.home import UnknownCustomerError, open_home

    with open_home(settings_of(ctx)) as home:
        try:
            found = home.profile(user_id)
        except UnknownCustomerError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from error
    if as_json:
        console.print_json(found.model_dump_json(exclude={"interest_vector"}))
        return
    table = Table(title=f"Customer {user_id} ({found.n_events} events, last {found.as_of:%Y-%m-%d})", show_lines=False)
    for column in ("fact", "value", "evidence"):
        table.add_column(column, overflow="fold")
    for name in fact_descriptions():
        if name in found.facts:
            fact = found.facts[name]
            shown = ", ".join(fact.evidence[:3]) + (f" (+{len(fact.evidence) - 3})" if len(fact.evidence) > 3 else "")
            table.add_row(fact_label(name), render_value(fact.value), shown)
    console.print(table)


@commands.command()
def ask(
    ctx: typer.Context,
    user_id: str,
    question: Annotated[Optional[str], typer.Argument(help="The question; leave it out with --chat.")] = None,
    chat: Annotated[bool, typer.Option("--chat", help="A conversation: follow-ups edit the last question, 'yes' runs a reading asked back about; an empty line ends it.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="When the reader is unsure and asks back, run its best reading anyway.")] = False,
    llm: LLMChoice = None,
) -> None:
    """Answer a question about one customer, exactly from their events, restating what was computed, with
    sources (event ids) and the tools used. An unsure reading is asked back about, never answered as a guess."""
    from agent.assistant import Conversation, ProfileAssistant
    from agent.llm.backends import LLMUnavailableError
    from retrieval.home import UnknownCustomerError, open_home

    if question is None and not chat:
        raise typer.BadParameter("give a question, or --chat for a conversation")
    settings = settings_of(ctx, llm)
    conversation = Conversation()
    with open_home(settings) as home:
        assistant = ProfileAssistant(home)
        while True:
            if question is None:
                question = console.input("[bold]ask>[/bold] ").strip()
                if not question:
                    return
            try:
                with console.status(f"Asking ({settings.resolved_llm_backend} model) ..."):
                    answer = assistant.ask(user_id, question, conversation, confirm=yes)
            except (UnknownCustomerError, LLMUnavailableError) as error:
                console.print(f"[red]{error}[/red]")
                raise typer.Exit(1) from error
            console.print(answer.cited_text(), markup=False)
            if answer.tools:
                console.print(f"[dim]tools: {', '.join(answer.tools)}[/dim]")
            if answer.removed:
                console.print(f"[yellow]Removed unsupported text:[/yellow] {' '.join(answer.removed)}")
            if not chat:
                return
            question = None


class Engine(str, Enum):
    local = "local"
    ray = "ray"


@commands.command()
def summarize(
    ctx: typer.Context,
    all_customers: Annotated[bool, typer.Option("--all", help="Summarise every customer (the default when neither --limit nor --customers is given).")] = False,
    limit: Annotated[Optional[int], typer.Option(help="Summarise only the first N customers.")] = None,
    customers: Annotated[Optional[Path], typer.Option(help="Summarise the customers in this file (one customer id a line).")] = None,
    out: Annotated[Optional[Path], typer.Option(help="JSONL output (default: HOME/reports/summaries.jsonl). A rerun resumes it.")] = None,
    concurrency: Annotated[Optional[int], typer.Option(help="Requests in flight against the served model(s) (default: settings.batch_concurrency).")] = None,
    engine: Annotated[Engine, typer.Option(help="local: this process; ray: a Ray Data pipeline (this machine, or --ray-address).")] = Engine.local,
    ray_address: Annotated[Optional[str], typer.Option(help="With --engine ray: the cluster to join, from one of its nodes (auto, or the head's HOST:PORT; not ray://); default: a local Ray.")] = None,
    ray_cpus: Annotated[Optional[int], typer.Option(help="With --engine ray and no --ray-address: CPUs of the local Ray (default: all).")] = None,
    snapshot: Annotated[Optional[Path], typer.Option(
        help="With --engine ray: the Parquet snapshot the fact sheets are built from. A folder holding one is used as it is "
             "(the home is not read; its customers are the ones known); otherwise it is exported there from the home "
             "first. Default: exported to a temporary folder for the run.")] = None,
    llm: LLMChoice = None,
) -> None:
    """Write an explainable summary for every customer (the batch job). Resumable: a rerun skips the
    customers already in the output file and appends the rest."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from agent.batch import BatchServerError, CustomerFileError, check_known, finished_customers, read_customer_file
    from agent.batch.snapshot import is_snapshot
    from agent.llm.backends import LLMUnavailableError
    from retrieval.home import open_home

    settings = settings_of(ctx, llm)
    out = out or settings.reports_dir / "summaries.jsonl"
    if snapshot is not None and engine is not Engine.ray:
        raise typer.BadParameter("--snapshot goes with --engine ray", param_hint="--snapshot")
    known = _snapshot_customers(snapshot)
    if known is None:
        with open_home(settings) as home:
            known = home.log.user_ids()
    if customers is not None:
        try:
            user_ids = read_customer_file(customers)
            where = f"the snapshot in {snapshot}" if snapshot is not None and is_snapshot(snapshot) else "this home's event log"
            check_known(user_ids, known, f"--customers {customers}", where)
        except CustomerFileError as error:
            console.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from error
        user_ids = user_ids[:limit] if limit else user_ids
    else:
        user_ids = known if all_customers or not limit else known[:limit]
    todo = len(set(user_ids) - finished_customers(out))
    columns = (TextColumn("Summaries"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task("summaries", total=todo)
        try:
            result = _run_batch(settings, engine, user_ids, out, lambda n: bar.advance(task, n), concurrency, ray_address, ray_cpus, snapshot)
        except (BatchServerError, LLMUnavailableError) as error:
            console.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from error
    where = f"{settings.resolved_llm_backend}, {result.engine} engine" + (f", {result.concurrency} in flight" if result.servers else "")
    console.print(
        f"[green]{result.written} summaries[/green] written to {out} ({result.skipped} already there) in "
        f"{result.seconds:.1f}s: {result.per_minute:.1f} customers/min ({where})"
    )


def _snapshot_customers(folder: Path | None) -> list[str] | None:
    """The customers of the snapshot in ``folder``, or None when there is none there (the home is read)."""
    from agent.batch.snapshot import Snapshot, is_snapshot

    if folder is None or not is_snapshot(folder):
        return None
    held = Snapshot(folder)
    manifest = held.manifest
    console.print(f"Using the snapshot in {folder} ({manifest['customers']} customers, written {manifest['written_at']} from "
                  f"{manifest['home']}); the home is not read. Delete the folder to export a fresh one.",
                  markup=False, highlight=False, soft_wrap=True)
    return held.customers()


def _run_batch(settings, engine: Engine, user_ids, out, progress, concurrency, ray_address, ray_cpus, snapshot):  # noqa: ANN001, ANN202
    if engine is Engine.ray:
        from agent.batch import summarize_ray

        return summarize_ray(settings, user_ids, out, progress=progress, concurrency=concurrency, address=ray_address,
                             num_cpus=ray_cpus, snapshot=snapshot)
    from agent.assistant import ProfileAssistant
    from agent.batch import summarize_all
    from retrieval.home import open_home

    with open_home(settings) as home:
        return summarize_all(ProfileAssistant(home), user_ids, out, progress=progress, concurrency=concurrency)

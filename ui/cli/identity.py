"""`portrait identity ...`: look at and undo identity stitching (anonymous ids joined to customers)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from ui.cli.common import console, settings_of

GROUP = "identity"
commands = typer.Typer(help="Identity stitching: which anonymous ids joined which customer, and undoing a join.",
                       no_args_is_help=True)


@commands.command("show")
def show(
    ctx: typer.Context,
    some_id: Annotated[str, typer.Argument(help="A userId, an anonymousId, or an anon:<anonymousId> customer id.")],
) -> None:
    """Print the edge log of an id as JSON lines: every join (merged), refusal (with its reason) and split."""
    from retrieval import identity, intake

    db = intake.connect(settings_of(ctx).event_db)
    try:
        rows = identity.edges(db, some_id)
    finally:
        db.close()
    if not rows:
        console.print(f"[yellow]No identity edges for {some_id!r}.[/yellow]")
        raise typer.Exit(1)
    for row in rows:
        typer.echo(json.dumps(row))


@commands.command("split")
def split(
    ctx: typer.Context,
    anonymous_id: Annotated[str, typer.Argument(help="The anonymous id to take back out of the customer it joined.")],
) -> None:
    """Undo a join: the events that came in under ANONYMOUS_ID alone go back to their own customer (anon:ANONYMOUS_ID), the pair is never joined again, and both profiles update (now, or on a running collector's next pass)."""
    from retrieval.identity import IdentityError
    from retrieval.intake import Intake

    intake = Intake(settings_of(ctx))
    try:
        user_id = intake.split(anonymous_id.removeprefix("anon:"))
    except IdentityError as error:
        console.print(f"[red]{error}[/red]")
        raise typer.Exit(1) from error
    finally:
        intake.close()
    console.print(f"[green]Split[/green] anon:{anonymous_id.removeprefix('anon:')} from {user_id}.")
    from retrieval.live_process import apply_if_idle

    applied = apply_if_idle(settings_of(ctx))
    console.print("A running collector updates both profiles on its next pass." if applied is False
                  else "Both profiles are updated.")

"""`portrait recommend USER_ID -k 10`: one customer's suggestions with their reasons and path."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from ui.cli.common import console, settings_of

commands = typer.Typer()


@commands.command()
def recommend(
    ctx: typer.Context,
    user_id: str,
    k: Annotated[int, typer.Option("-k", "--k", min=1, help="How many suggestions.")] = 10,
    refit: Annotated[bool, typer.Option(help="Refit the recommender on the whole event log first.")] = False,
) -> None:
    """Suggest products for one customer, each with the reasons behind it (the same function the app
    and the agent use). The first call fits the recommender on the event log and saves it."""
    from retrieval.home import UnknownCustomerError, open_home

    with open_home(settings_of(ctx)) as home:
        if refit or not home.recommender_path.exists():
            with console.status("Fitting the recommender on the event log ..."):
                home.fit_recommender()
        try:
            picks = home.recommend(user_id, k)
        except UnknownCustomerError as error:
            console.print(f"[red]{error}[/red]")
            raise typer.Exit(1) from error
    path = picks[0].path if picks else "none"
    table = Table(title=f"Suggestions for {user_id} (path: {path})")
    for column in ("#", "item", "title", "category", "score", "why", "evidence"):
        table.add_column(column, overflow="fold")
    for n, pick in enumerate(picks, start=1):
        why = "; ".join(r.text for r in pick.reasons)
        evidence = ", ".join(e for r in pick.reasons for e in r.evidence)
        table.add_row(str(n), pick.item_id, pick.title, pick.category, f"{pick.score:.3f}", why, evidence)
    console.print(table)

"""`portrait`: the command line, one thin module per command group. Its --help is the manual."""

from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Optional

import typer

from encoders.settings import Settings
from ui.cli import customers, data, demo, intent, llm

app = typer.Typer(
    help="Portrait: living shopper profiles in Chroma, explained by a generative model.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
for group in (data, customers, intent, demo):
    app.add_typer(group.commands)
app.add_typer(llm.commands, name="llm")


@app.callback()
def _main(
    ctx: typer.Context,
    home: Annotated[Optional[Path], typer.Option(help="Data folder (event log, Chroma, reports). Env: PORTRAIT_HOME.")] = None,
) -> None:
    ctx.obj = Settings(home=home) if home else Settings()


def _add_plugins() -> None:
    """Sub-commands from other rooms (e.g. `portrait eval`), found through entry points so the CLI
    does not import them directly."""
    for entry in entry_points(group="portrait.commands"):
        app.add_typer(entry.load(), name=entry.name)


def main() -> None:
    _add_plugins()
    app()

"""`portrait`: the command line, one thin module per command group. Its --help is the manual.

Every module of this package that defines ``commands`` (a Typer) is registered: at the top level, or
as a named group when the module also defines ``GROUP`` (e.g. ``portrait llm ...``).
"""

from __future__ import annotations

import importlib
import pkgutil
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Optional

import typer

from encoders.settings import Settings

app = typer.Typer(
    help="Portrait: living shopper profiles in Chroma, explained by a generative model.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
# Top-level commands are listed in --help in this order; other modules follow alphabetically.
_ORDER = ("data", "customers", "recommend", "audience", "intent", "demo")


def _command_modules() -> list[str]:
    names = [m.name for m in pkgutil.iter_modules(__path__) if m.name != "common"]
    return sorted(names, key=lambda n: (_ORDER.index(n) if n in _ORDER else len(_ORDER), n))


for _name in _command_modules():
    _module = importlib.import_module(f"{__name__}.{_name}")
    if hasattr(_module, "commands"):
        app.add_typer(_module.commands, name=getattr(_module, "GROUP", None))


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

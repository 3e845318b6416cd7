"""`portrait`: the command line, one thin module per command group. Its --help is the manual.

Every module of this package that defines ``commands`` (a Typer) is registered: at the top level, or
as a named group when the module also defines ``GROUP`` (e.g. ``portrait llm ...``).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from importlib.metadata import entry_points
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

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


# Errors whose message is written for the user: shown as one line unless --debug. Looked up by module
# name so the CLI imports none of them up front (an error's module is loaded once it was raised).
_KNOWN_ERRORS = (
    ("agent.llm.errors", "LLMError"),
    ("encoders.settings", "ModelNotFoundError"),
    ("retrieval.home", "UnknownCustomerError"),
    ("encoders.data.readers", "LoadError"),
    ("encoders.intent.training", "DataError"),
    ("retrieval.filter_index", "FilterError"),
    ("agent.batch.snapshot", "SnapshotError"),
    ("retrieval.ray_build", "RayAddressError"),
)
_debug = False
_stderr = Console(stderr=True)


@app.callback()
def _main(
    ctx: typer.Context,
    home: Annotated[Optional[Path], typer.Option(help="Data folder (event log, Chroma, reports). Env: PORTRAIT_HOME.")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error instead of one line.")] = False,
) -> None:
    global _debug
    _debug = debug
    ctx.obj = Settings(home=home) if home else Settings()


def _is_known(error: BaseException) -> bool:
    for module, name in _KNOWN_ERRORS:
        known = getattr(sys.modules.get(module), name, None)
        if isinstance(known, type) and isinstance(error, known):
            return True
    return False


def _add_plugins() -> None:
    """Sub-commands from other rooms (e.g. `portrait eval`), found through entry points so the CLI
    does not import them directly."""
    for entry in entry_points(group="portrait.commands"):
        app.add_typer(entry.load(), name=entry.name)


def main() -> None:
    """The `portrait` entry point: Portrait's own errors end the command with one red line and exit 1."""
    _add_plugins()
    try:
        app()
    except Exception as error:
        if _debug or not _is_known(error):
            raise
        _stderr.print(str(error), style="red", markup=False, highlight=False, soft_wrap=True)
        sys.exit(1)

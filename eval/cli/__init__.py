"""`portrait eval ...`: benchmarks, one module per command, found by the CLI through the
`portrait.commands` entry point (nothing imports from eval).

Every module of this package that defines ``COMMAND`` (its name) and a function of that name with
``-`` read as ``_`` is registered as ``portrait eval COMMAND``.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

app = typer.Typer(help="Benchmarks of Portrait's components on real data sets; each writes a JSON report.",
                  no_args_is_help=True)

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    if hasattr(_module, "COMMAND"):
        app.command(_module.COMMAND)(getattr(_module, _module.COMMAND.replace("-", "_")))


@app.callback()
def _eval() -> None:
    """Benchmarks of Portrait's components on real data sets; each writes a JSON report."""

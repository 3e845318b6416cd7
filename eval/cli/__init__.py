"""`portrait eval ...`: benchmarks, one module per command, found by the CLI through the
`portrait.commands` entry point (nothing imports from eval)."""

from __future__ import annotations

import typer

from eval.cli.intent import intent
from eval.cli.profiles import profiles

app = typer.Typer(help="Benchmarks of Portrait's components on real data sets; each writes a JSON report.",
                  no_args_is_help=True)
app.command("intent")(intent)
app.command("profiles")(profiles)


@app.callback()
def _eval() -> None:
    """Benchmarks of Portrait's components on real data sets; each writes a JSON report."""

"""What every command module shares: the console, the settings from the command line, the home."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.console import Console

from encoders.settings import Settings

console = Console()

LLMChoice = Annotated[Optional[str], typer.Option("--llm", help="Backend for this command: local or openai (default: from settings).")]


def settings_of(ctx: typer.Context, llm: str | None = None) -> Settings:
    """The settings the main callback built (``--home``), with this command's backend choice."""
    settings: Settings = ctx.obj if isinstance(ctx.obj, Settings) else Settings()
    if llm is not None:
        if llm not in ("local", "openai"):
            raise typer.BadParameter("--llm must be local or openai")
        settings = settings.model_copy(update={"llm_backend": llm})
    return settings

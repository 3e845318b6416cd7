"""`portrait llm ...`: serve the generative model with vLLM, check it, stop it."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ui.cli.common import LLMChoice, console, settings_of

GROUP = "llm"
commands = typer.Typer(help="The generative model: serve it with vLLM, check it, stop it.", no_args_is_help=True)


@commands.command("serve")
def serve(
    ctx: typer.Context,
    port: Annotated[Optional[int], typer.Option(help="Port on 127.0.0.1 (default: settings.vllm_port).")] = None,
    detach: Annotated[bool, typer.Option(help="Return once the server answers and leave it running.")] = False,
) -> None:
    """Prepare the shipped model for vLLM and run vLLM's OpenAI-compatible server on this machine."""
    from agent.llm.serving import serve_detached, serve_forever

    settings = settings_of(ctx)
    if port is not None:
        settings = settings.model_copy(update={"vllm_port": port})
    if detach:
        serve_detached(settings)
    else:
        serve_forever(settings)


@commands.command("stop")
def stop(ctx: typer.Context) -> None:
    """Stop a server started with `portrait llm serve --detach`."""
    from agent.llm.serving import stop_served

    console.print("stopped" if stop_served(settings_of(ctx)) else "no detached server was running")


@commands.command("check")
def check(ctx: typer.Context, llm: LLMChoice = None) -> None:
    """Send one short prompt to the configured backend and print the reply."""
    from agent.llm.backends import check_llm

    settings = settings_of(ctx, llm)
    console.print(f"[{settings.resolved_llm_backend}] {check_llm(settings)}")

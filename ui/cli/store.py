"""`portrait store ...`: a Chroma server over this home, for several processes (app workers, ingest)."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from ui.cli.common import console, settings_of

GROUP = "store"
commands = typer.Typer(help="The vector store: serve the home's Chroma over HTTP for more than one process.", no_args_is_help=True)


@commands.command("serve")
def serve(
    ctx: typer.Context,
    port: Annotated[Optional[int], typer.Option(help="Port on 127.0.0.1 (default: settings.chroma_port).")] = None,
    detach: Annotated[bool, typer.Option(help="Return once the server answers and leave it running.")] = False,
) -> None:
    """Start `chroma run` on 127.0.0.1 over HOME/chroma; then set PORTRAIT_CHROMA_URL in every process."""
    import signal

    from retrieval import chroma_server

    settings = settings_of(ctx)
    process, url = chroma_server.start(settings, port)
    # `kill` (SIGTERM) must stop the server too, not just this process: it runs in its own session.
    signal.signal(signal.SIGTERM, _interrupt)
    console.print(f"Chroma server for {settings.chroma_dir} at {url}: export PORTRAIT_CHROMA_URL={url}")
    if detach:
        return
    try:
        process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        chroma_server.stop(settings)


def _interrupt(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


@commands.command("stop")
def stop(ctx: typer.Context) -> None:
    """Stop a server started with `portrait store serve --detach`."""
    from retrieval import chroma_server

    console.print("stopped" if chroma_server.stop(settings_of(ctx)) else "no detached Chroma server was running")

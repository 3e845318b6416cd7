"""`portrait collect`: take events from Segment / RudderStack / Jitsu clients over HTTP, live."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ui.cli.common import console, settings_of

commands = typer.Typer()


@commands.command()
def collect(
    ctx: typer.Context,
    port: Annotated[Optional[int], typer.Option(help="Port (default: settings.collect_port, 8088).")] = None,
    host: Annotated[Optional[str], typer.Option(help="Address to listen on (default: settings.collect_host, 127.0.0.1).")] = None,
    write_key: Annotated[Optional[list[str]], typer.Option(
        "--write-key", help="Accept this write key (repeatable; KEY or KEY=SOURCE), besides settings.collect_write_keys.")] = None,
    apply: Annotated[bool, typer.Option(help="Update the touched profiles live (--no-apply: only store events).")] = True,
    pass_log: Annotated[Optional[Path], typer.Option(help="Append each profile-update pass (time, customers) to this JSONL file.", hidden=True)] = None,
) -> None:
    """Accept Segment's HTTP Tracking API and update profiles live.

    Point any Segment-compatible client at http://HOST:PORT with a configured write key: POST /v1/batch (what the client libraries send) and /v1/track, /identify, /page, /screen, /group, /alias. The key comes as HTTP Basic auth (key as user name, empty password) or as writeKey in the body; an unknown key gets 401. Bodies may be gzip (Content-Encoding: gzip); limits, after decompression: settings.collect_max_message_bytes (32 KB) per message, collect_max_request_bytes (500 KB) per request, else 400 with the reason.

    200 means stored: every usable message of the request is in the event log (one transaction) before the answer, so a crash loses nothing acknowledged, and a retried messageId is stored once. Messages that cannot be used (no userId/anonymousId, a track without event, a bad or far-future timestamp) are listed in the 200's body and written to HOME/reports/collect.rejects.jsonl. 429 + Retry-After when the writer is behind; 503 + Retry-After when the disk write failed.

    E-commerce spec events become Portrait events (Products Searched -> search, Product Viewed/Clicked -> view, Product Added -> cart, Order Completed -> a purchase per product, Order Refunded/Cancelled -> returns, Product Reviewed -> review); other tracks, page, screen, group are kept in the raw log and counted (`portrait status --json`, "intake"). anonymousId and userId seen together join one customer (see `portrait identity --help`).

    With a Chroma server (`portrait store serve`, PORTRAIT_CHROMA_URL set in both) `portrait ui` can run against the same home at the same time."""
    from ui.collect.server import serve

    settings = settings_of(ctx)
    keys = dict(settings.collect_write_keys)
    for given in write_key or []:
        key, _, source = given.partition("=")
        if not key:
            raise typer.BadParameter("--write-key needs a key")
        keys[key] = source or "default"
    if not keys:
        raise typer.BadParameter("no write keys: pass --write-key KEY or set collect_write_keys in settings "
                                 "(portrait.toml [collect_write_keys] KEY = \"source\")")
    host = host or settings.collect_host
    port = port or settings.collect_port
    console.print(f"Collecting on http://{host}:{port} for {settings.home} ({len(keys)} write key(s)); "
                  f"profiles {'update live' if apply else 'are not updated (--no-apply)'}. Ctrl-C to stop.")
    serve(settings, keys, host, port, apply=apply, pass_log=pass_log)

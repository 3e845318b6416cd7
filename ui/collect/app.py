"""Segment's HTTP Tracking API as a FastAPI app: ``POST /v1/batch`` (what the clients send) and the single
endpoints ``/v1/track``, ``/identify``, ``/page``, ``/screen``, ``/group``, ``/alias``.

Answers, in the order they are decided:

- 401 when the write key (Basic auth, or ``writeKey`` in the body) is not one of the configured keys;
- 400 only when nothing in the request is usable: unreadable gzip, bad JSON, a body or single message
  over the size limits (measured after decompression), a batch that is not a list or holds no message
  under the message limit;
- 429 with ``Retry-After`` when the event log's writer is behind; 503 with ``Retry-After`` when the
  disk write failed (transient: nothing of the request was stored, the client retries);
- otherwise exactly 200 (some clients accept nothing else), once every usable message is in the event
  log: rejected messages (no userId/anonymousId, a track without event, a bad timestamp...) are listed
  in the body with their index, field and reason, and appended to ``<home>/reports/collect.rejects.jsonl``;
  past ``collect_rejects_max_bytes`` that file is rotated to ``collect.rejects.1.jsonl`` (replacing the older
  one), so a client sending junk for ever fills at most about twice that on disk.
"""

from __future__ import annotations

import sqlite3
import threading
from functools import partial
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any

import anyio
import anyio.to_thread
import orjson
from fastapi import FastAPI, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from encoders.data.adapters.segment import MESSAGE_TYPES, Translated, message_id_of, redact_raw, translate
from encoders.data.rejects import WHOLE_ROW, Reject
from encoders.settings import Settings
from retrieval.intake import Intake, WriterBusyError
from ui.collect.auth import key_from_header, source_of
from ui.collect.body import BadRequestError, decompress, parse_json

REJECTS_FILE = "collect.rejects.jsonl"
REJECTS_ROTATED = "collect.rejects.1.jsonl"
RETRY_AFTER_S = 1


def _json(status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    return Response(orjson.dumps(body), status_code=status, media_type="application/json", headers=headers)


class Collector:
    """The request handling behind the routes, separate from FastAPI so its rules read in one place."""

    def __init__(self, settings: Settings, keys: dict[str, str], intake: Intake | None = None) -> None:
        self.settings = settings
        self.keys = dict(keys)
        self.intake = intake or Intake(settings)
        self.blocked = frozenset(i.strip().lower() for i in settings.identity_blocked_ids)
        self.rejects_path = settings.reports_dir / REJECTS_FILE
        self.rejects_path.parent.mkdir(parents=True, exist_ok=True)
        self._rejects_lock = threading.Lock()

    def handle(self, raw: bytes, encoding: str | None, authorization: str | None, endpoint: str | None) -> Response:
        """One request; ``endpoint`` is the message type of a single endpoint, None for /v1/batch."""
        received_at = datetime.now(timezone.utc)
        header_key = key_from_header(authorization)
        if header_key is not None and source_of(self.keys, header_key, None) is None:
            return _json(401, {"success": False, "error": "unknown write key"})
        limits = self.settings
        try:
            body = parse_json(decompress(raw, encoding, limits.collect_max_request_bytes))
        except BadRequestError as error:
            return _json(400, {"success": False, "error": str(error)})
        source = source_of(self.keys, header_key, body)
        if source is None:
            return _json(401, {"success": False, "error": "missing or unknown write key (HTTP Basic user name, or writeKey in the body)"})
        try:
            messages, batch_sent_at = self._messages(body, endpoint, len(raw))
        except BadRequestError as error:
            return _json(400, {"success": False, "error": str(error)})
        items = [self._translate(row, message, received_at, source, batch_sent_at, endpoint)
                 for row, message in enumerate(messages, start=1)]
        if endpoint is not None and items[0].reject is not None and items[0].reject.reason == "message too large":
            return _json(400, {"success": False, "error": items[0].reject.detail})
        if endpoint is None and all(i.reject is not None and i.reject.reason == "message too large" for i in items):
            return _json(400, {"success": False, "error": f"every message is larger than {limits.collect_max_message_bytes} bytes"})
        try:
            stored = self.intake.store(items, received_at, source)
        except WriterBusyError as error:
            return _json(429, {"success": False, "error": f"busy: {error}"}, {"Retry-After": str(RETRY_AFTER_S)})
        except sqlite3.Error as error:
            return _json(503, {"success": False, "error": f"the event log could not be written ({error})"},
                         {"Retry-After": str(RETRY_AFTER_S)})
        rejects = [i for i in items if i.reject is not None]
        if rejects:
            self._write_rejects(rejects, source, received_at)
        return _json(200, {
            "success": True,
            "accepted": stored.accepted,
            "duplicates": stored.duplicates,
            "events": stored.events,
            "rejected": [{"index": i.row - 1, "messageId": i.message_id, "field": i.reject.field, "reason": i.reject.reason,
                          "detail": i.reject.detail} for i in rejects if i.reject is not None],
        })

    def _messages(self, body: Any, endpoint: str | None, size: int) -> tuple[list[Any], Any]:
        if not isinstance(body, dict):
            raise BadRequestError(f"the body must be a JSON object, found {type(body).__name__}")
        if endpoint is not None:
            return [body], body.get("sentAt")
        batch = body.get("batch")
        if not isinstance(batch, list):
            raise BadRequestError("the body of /v1/batch needs a 'batch' list of messages")
        if not batch:
            raise BadRequestError("the batch holds no messages")
        return batch, body.get("sentAt")

    def _translate(self, row: int, message: Any, received_at: datetime, source: str, sent_at: Any,
                   endpoint: str | None) -> Translated:
        limit = self.settings.collect_max_message_bytes
        size = len(orjson.dumps(message, default=str))
        if size > limit:
            raw = {"messageId": message.get("messageId") if isinstance(message, dict) else None, "type": endpoint,
                   "userId": message.get("userId") if isinstance(message, dict) else None,
                   "anonymousId": message.get("anonymousId") if isinstance(message, dict) else None}
            raw = redact_raw(raw)
            return Translated(row, message_id_of(raw), "invalid", raw,
                              reject=Reject(row, WHOLE_ROW, "message too large",
                                            f"the message is {size} bytes, over the {limit}-byte limit ({limit // 1024} KB)", raw))
        return translate(row, message, received_at, self.blocked, source, sent_at, endpoint)

    def _write_rejects(self, rejects: list[Translated], source: str, received_at: datetime) -> None:
        lines = []
        for item in rejects:
            assert item.reject is not None
            record = {**asdict(item.reject), "message_id": item.message_id, "source": source,
                      "received_at": received_at.isoformat()}
            lines.append(orjson.dumps(record, default=str))
        data = b"\n".join(lines) + b"\n"
        limit = self.settings.collect_rejects_max_bytes
        with self._rejects_lock:
            if limit and self.rejects_path.exists() and self.rejects_path.stat().st_size + len(data) > limit:
                self.rejects_path.replace(self.rejects_path.with_name(REJECTS_ROTATED))
            with self.rejects_path.open("ab") as out:
                out.write(data)


async def _read(request: Request, limit: int) -> bytes | None:
    """The raw body, or None when it is already past any size a valid request can have."""
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: Settings, keys: dict[str, str], intake: Intake | None = None) -> FastAPI:
    """The collector app; ``keys`` maps write keys to source names (settings' keys and --write-key)."""
    collector = Collector(settings, keys, intake)
    app = FastAPI(title="Portrait collector (Segment Tracking API)", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.collector = collector
    wire_limit = settings.collect_max_request_bytes * 2 + 4096  # compressed data can be a little larger than plain

    limiter: list[anyio.CapacityLimiter] = []  # made on first use, inside the server's event loop

    async def handle(request: Request, endpoint: str | None) -> Response:
        raw = await _read(request, wire_limit)
        if raw is None:
            return _json(400, {"success": False, "error": f"the request is larger than {settings.collect_max_request_bytes} bytes"})
        work = partial(collector.handle, raw, request.headers.get("content-encoding"), request.headers.get("authorization"), endpoint)
        if not settings.collect_handler_threads:
            return await run_in_threadpool(work)
        if not limiter:
            limiter.append(anyio.CapacityLimiter(settings.collect_handler_threads))
        if limiter[0].statistics().tasks_waiting >= settings.collect_max_waiting_writes:  # behind: as the writer's queue
            return _json(429, {"success": False, "error": f"busy: {settings.collect_max_waiting_writes} requests are already "
                               "waiting"}, {"Retry-After": str(RETRY_AFTER_S)})
        return await anyio.to_thread.run_sync(work, limiter=limiter[0])

    @app.post("/v1/batch")
    async def batch(request: Request) -> Response:
        return await handle(request, None)

    def single(kind: str):  # noqa: ANN202 - a route handler
        async def endpoint(request: Request) -> Response:
            return await handle(request, kind)
        return endpoint

    for kind in MESSAGE_TYPES:
        app.add_api_route(f"/v1/{kind}", single(kind), methods=["POST"], name=kind)

    @app.get("/health")
    async def health() -> dict[str, bool]:
        return {"ok": True}

    return app

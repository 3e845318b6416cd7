"""A request body as JSON, within the size limits measured after decompression.

Decompression stops one byte past the limit, so a small gzip bomb costs nothing: the request is
refused with 400 and its reason, never inflated in memory.
"""

from __future__ import annotations

import zlib
from typing import Any

import orjson


class BadRequestError(ValueError):
    """Nothing in the request is usable (unreadable gzip, bad JSON, over a size limit): the reason is the 400's body."""


def decompress(raw: bytes, encoding: str | None, limit: int) -> bytes:
    """The body as sent, gunzipped when ``Content-Encoding: gzip``; BadRequestError past ``limit`` bytes."""
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            data = inflater.decompress(raw, limit + 1)
        except zlib.error as exc:
            raise BadRequestError(f"the body is not valid gzip ({exc})") from exc
        if len(data) <= limit and not inflater.eof and not inflater.unconsumed_tail:
            raise BadRequestError("the gzip body is cut short")
    elif encoding == "identity":
        data = raw
    else:
        raise BadRequestError(f"Content-Encoding {encoding!r} is not supported (use gzip or none)")
    if len(data) > limit:
        raise BadRequestError(f"the request is larger than {limit} bytes after decompression (limit {limit // 1024} KB)")
    return data


def parse_json(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise BadRequestError(f"the body is not valid JSON ({exc})") from exc

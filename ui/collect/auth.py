"""Write keys: which source a request comes from, or None (401).

Segment's clients send the key as HTTP Basic auth with the key as user name and an empty password
(``key:``); some send it without the colon; a request may instead carry ``writeKey`` in its body.
Keys are compared in constant time so a key cannot be guessed byte by byte from response times.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Mapping
from typing import Any


def key_from_header(authorization: str | None) -> str | None:
    """The write key of an ``Authorization: Basic ...`` header, or None when there is none or it is unreadable."""
    if not authorization:
        return None
    scheme, _, value = authorization.strip().partition(" ")
    if scheme.lower() != "basic" or not value:
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded.split(":", 1)[0] or None


def source_of(keys: Mapping[str, str], header_key: str | None, body: Any) -> str | None:
    """The source name the request's write key belongs to (header first, then the body's ``writeKey``)."""
    candidates = [header_key] if header_key else []
    if isinstance(body, dict) and isinstance(body.get("writeKey"), str):
        candidates.append(body["writeKey"])
    for candidate in candidates:
        for key, source in keys.items():
            if hmac.compare_digest(candidate.encode(), key.encode()):
                return source
    return None

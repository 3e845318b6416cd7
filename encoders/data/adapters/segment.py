"""Segment's HTTP Tracking API messages -> Portrait events, catalogue products and identity facts.

Segment, RudderStack and Jitsu clients all send this wire format, so one adapter takes what shops
already collect. It is pure (no storage): :func:`translate` turns one message into a
:class:`Translated` that the intake (``retrieval/intake.py``) stores in one transaction.

Mapping of the e-commerce spec (v2 event names, compared case-insensitively):

- ``Products Searched`` -> ``search`` (``properties.query``);
- ``Product Viewed`` / ``Product Clicked`` -> ``view``; ``Product Added`` -> ``cart``
  (``product_id`` or ``sku``, ``price``, ``quantity``);
- ``Order Completed`` -> one ``purchase`` per entry of ``products[]`` (``order_id``, ``price``,
  ``quantity``, ``currency`` in attrs); ``Order Refunded`` / ``Order Cancelled`` -> one ``return`` per
  product;
- ``Product Reviewed`` -> ``review`` (``review_body`` as text, ``rating``).

Any other ``track`` is *unmapped*: kept in the raw log and counted, never rejected. ``identify``,
``alias``, ``page``, ``screen`` and ``group`` carry no behavioural event; ``identify`` gives traits
(only ``country`` is kept as an attribute; contact traits never are) and, like ``alias`` and any message
carrying both ids, an identity edge. Event ids are the ``messageId`` (``messageId:n`` for the n-th
product line of an order), so a client's retry of the same message can never count twice.

Timestamps: the client's ``timestamp`` is kept. When only ``originalTimestamp`` and ``sentAt`` are given,
the device's clock skew is corrected: ``receivedAt - (sentAt - originalTimestamp)``. ``receivedAt`` is
the collector's clock. Events then pass the same checks as file rows (far-future dates, NUL bytes,
text length and redaction, prices, quantities), and a failure is a Reject naming the message's position
in the request, the field and the reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import datetime, timezone
from typing import Any

from encoders.data.readers import event_from_record, product_from_record
from encoders.data.redact import redact
from encoders.data.rejects import WHOLE_ROW, Reject
from encoders.data.schema import FUTURE_TOLERANCE, Event, Product

MESSAGE_TYPES = ("track", "identify", "page", "screen", "group", "alias")
ANONYMOUS_PREFIX = "anon:"
"""Customer ids of shoppers known only by an anonymousId, so they can never collide with a userId."""

# event name (lower case) -> (Portrait type, per product line?)
SPEC_EVENTS: dict[str, tuple[str, bool]] = {
    "products searched": ("search", False),
    "product viewed": ("view", False),
    "product clicked": ("view", False),
    "product added": ("cart", False),
    "order completed": ("purchase", True),
    "order refunded": ("return", True),
    "order cancelled": ("return", True),
    "order canceled": ("return", True),
    "product reviewed": ("review", False),
}
CONTACT_KEYS = frozenset({"email", "phone", "name", "firstname", "lastname", "first_name", "last_name", "address",
                          "street", "username", "birthday", "ip", "avatar"})
"""Trait and context keys whose values are contact data: replaced in the raw log, never used."""
CONTACT_PLACEHOLDER = "[contact removed]"


@dataclass
class Translated:
    """What one message means for Portrait.

    ``user_id`` / ``anonymous_id`` are the cleaned identities (junk ids already dropped by the caller's
    rules); ``events`` carry a provisional ``user_id`` (the userId, else ``anon:<anonymousId>``) that the
    intake replaces by the stitched customer. ``raw`` is the message with contact data redacted."""

    row: int
    message_id: str
    kind: str
    raw: dict[str, Any]
    user_id: str | None = None
    anonymous_id: str | None = None
    previous_id: str | None = None
    ts: datetime | None = None
    mapped: bool = False
    events: list[Event] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    country: str | None = None
    reject: Reject | None = None


def parse_time(value: Any) -> datetime | None:
    """An ISO 8601 string (``Z`` allowed) or unix seconds as aware UTC, else None."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=timezone.utc) if parsed.tzinfo is None else parsed.astimezone(timezone.utc)


def event_time(message: dict[str, Any], received_at: datetime, batch_sent_at: Any = None) -> tuple[datetime | None, str | None]:
    """The event's time and, when a given time cannot be read, the field that was unreadable."""
    if message.get("timestamp") is not None:
        ts = parse_time(message["timestamp"])
        return (ts, None) if ts else (None, "timestamp")
    original = message.get("originalTimestamp")
    if original is None:
        return received_at, None
    original_ts = parse_time(original)
    if original_ts is None:
        return None, "originalTimestamp"
    sent_at = parse_time(message.get("sentAt", batch_sent_at))
    return (received_at - (sent_at - original_ts), None) if sent_at else (original_ts, None)


def clean_id(value: Any, blocked: frozenset[str]) -> str | None:
    """A usable identity string, or None for a missing or junk id (``null``, ``anonymous``, ``0``...)."""
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    text = text.strip()
    return None if text.lower() in blocked or "\x00" in text else text


def message_id_of(message: dict[str, Any]) -> str:
    """The client's messageId, or (for a client that sends none) a hash of the message, so that an
    identical retry still deduplicates."""
    given = message.get("messageId")
    if isinstance(given, (str, int)) and str(given).strip():
        return str(given).strip()
    digest = hashlib.sha256(json.dumps(message, sort_keys=True, default=str).encode()).hexdigest()[:32]
    return f"sha256:{digest}"


_NOT_TEXT = frozenset({"messageId", "timestamp", "originalTimestamp", "sentAt", "receivedAt", "userId", "anonymousId",
                       "previousId", "groupId", "type", "event", "product_id", "sku", "order_id", "currency", "version"})
"""Keys whose values are ids, times or codes, not text a shopper wrote: never searched for contact data."""
_SUSPECT = re.compile(r"@|(?:\d\D{0,3}){7}")
"""What contact data needs at least: an ``@`` or seven digits (cheap to look for; ``redact`` decides)."""


def redact_raw(value: Any, in_traits: bool = False, key: str = "") -> Any:
    """The message as kept in the raw log: contact traits replaced (``traits``, ``context.traits``), other
    strings redacted as shopper text is (emails, phone and card numbers)."""
    if in_traits and key.lower() in CONTACT_KEYS and value not in (None, "", {}, []):
        return CONTACT_PLACEHOLDER
    if isinstance(value, dict):
        return {k: redact_raw(v, in_traits or k == "traits", str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_raw(v, in_traits) for v in value]
    if isinstance(value, str) and key not in _NOT_TEXT and _SUSPECT.search(value):
        return redact(value)
    return value


def translate(
    row: int,
    message: Any,
    received_at: datetime,
    blocked_ids: frozenset[str],
    source: str = "",
    batch_sent_at: Any = None,
    batch_type: str | None = None,
) -> Translated:
    """One Tracking API message as events, products and identities, or with ``reject`` set.

    ``batch_type`` is the endpoint's type for single-message endpoints (``/v1/track``...)."""
    if not isinstance(message, dict):
        raw = {"value": message}
        return Translated(row, message_id_of(raw), "invalid", raw,
                          reject=Reject(row, WHOLE_ROW, "not an object", f"expected a JSON object, found {type(message).__name__}", raw))
    raw = redact_raw(message)
    kind = str(message.get("type") or batch_type or "").strip().lower()
    out = Translated(row, message_id_of(message), kind, raw)
    if kind not in MESSAGE_TYPES:
        out.reject = Reject(row, "type", "unknown type", f"type {message.get('type')!r} is not one of {', '.join(MESSAGE_TYPES)}", raw)
        return out
    out.user_id = clean_id(message.get("userId"), blocked_ids)
    out.anonymous_id = clean_id(message.get("anonymousId"), blocked_ids)
    if kind == "alias":
        out.previous_id = clean_id(message.get("previousId"), blocked_ids)
    if out.user_id is None and out.anonymous_id is None:
        given = message.get("userId", message.get("anonymousId"))
        detail = "neither userId nor anonymousId is given" if given is None else f"userId/anonymousId {given!r} is not a usable id"
        out.reject = Reject(row, "userId", "missing userId/anonymousId", detail, raw)
        return out
    ts, bad_field = event_time(message, received_at, batch_sent_at)
    if ts is None:
        out.reject = Reject(row, bad_field or "timestamp", f"invalid {bad_field}", f"{bad_field} is not an ISO 8601 time", raw)
        return out
    if ts > received_at + FUTURE_TOLERANCE:
        out.reject = Reject(row, bad_field or "timestamp", "future timestamp",
                            f"timestamp {ts.isoformat()} is in the future (later than now + {FUTURE_TOLERANCE.days} day)", raw)
        return out
    out.ts = ts
    if kind == "identify":
        out.country = _country(message.get("traits")) or _country((message.get("context") or {}).get("traits"))
    if kind != "track":
        return out
    name = message.get("event")
    if not isinstance(name, str) or not name.strip():
        out.reject = Reject(row, "event", "missing event", "a track message needs an event name", raw)
        return out
    spec = SPEC_EVENTS.get(name.strip().lower())
    if spec is None:
        return out  # an unmapped track: kept in the raw log and counted
    out.mapped = True
    _map_spec(out, message, spec, source)
    return out


def _country(traits: Any) -> str | None:
    if not isinstance(traits, dict):
        return None
    value = traits.get("country")
    if value is None and isinstance(traits.get("address"), dict):
        value = traits["address"].get("country")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _number(value: Any) -> Any:
    """Numbers may arrive as strings ("19.99"); anything else is passed on for the schema to reject."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _map_spec(out: Translated, message: dict[str, Any], spec: tuple[str, bool], source: str) -> None:
    kind, per_product = spec
    props = message.get("properties") if isinstance(message.get("properties"), dict) else {}
    context = message.get("context") if isinstance(message.get("context"), dict) else {}
    attrs: dict[str, Any] = {"message_id": out.message_id}
    if source:
        attrs["source"] = source
    if out.user_id is None:
        attrs["anonymous_id"] = out.anonymous_id  # resolved through stitching: a split can move it back
    country = (context.get("location") or {}).get("country") if isinstance(context.get("location"), dict) else None
    if isinstance(country, str) and country.strip():
        attrs["country"] = country.strip()
    for key in ("order_id", "currency"):
        if props.get(key) not in (None, ""):
            attrs[key] = str(props[key])
    base: dict[str, Any] = {"user_id": f"{ANONYMOUS_PREFIX}{out.anonymous_id}" if out.user_id is None else out.user_id,
                            "ts": out.ts, "type": kind, "attrs": attrs}
    records: list[tuple[str, dict[str, Any]]] = []
    if per_product:
        products = props.get("products")
        if not isinstance(products, list) or not products:
            out.reject = Reject(out.row, "properties.products", "missing products",
                                f"{message.get('event')} needs a non-empty properties.products list", out.raw)
            return
        for n, line in enumerate(products):
            line = line if isinstance(line, dict) else {}
            records.append((f"{out.message_id}:{n}", {**base, **_product_fields(line)}))
    elif kind == "search":
        records.append((out.message_id, {**base, "text": props.get("query")}))
    elif kind == "review":
        records.append((out.message_id, {**base, "item_id": _item_id(props), "text": props.get("review_body"),
                                          "rating": _number(props.get("rating"))}))
    else:
        records.append((out.message_id, {**base, **_product_fields(props)}))
    for event_id, record in records:
        event = event_from_record(out.row, {**record, "event_id": event_id})
        if isinstance(event, Reject):  # one bad line rejects the message: a half-stored order would mislead
            out.events, out.reject = [], Reject(out.row, event.field, event.reason, event.detail, out.raw)
            return
        out.events.append(event)
    lines = props.get("products") if per_product and isinstance(props.get("products"), list) else [props]
    for line in lines:
        product = _product(out.row, line) if isinstance(line, dict) else None
        if product is not None:
            out.products.append(product)


def _item_id(props: dict[str, Any]) -> Any:
    for key in ("product_id", "sku", "id"):
        if props.get(key) not in (None, ""):
            return props[key]
    return None


def _product_fields(props: dict[str, Any]) -> dict[str, Any]:
    return {"item_id": _item_id(props), "price": _number(props.get("price")), "quantity": _number(props.get("quantity"))}


def _product(row: int, props: dict[str, Any]) -> Product | None:
    """A catalogue entry from a product seen in an event, when it is described (has a name)."""
    item_id, name = _item_id(props), props.get("name")
    if item_id is None or not isinstance(name, str) or not name.strip():
        return None
    fields = tuple(v if isinstance(v, (str, int, float)) and not isinstance(v, bool) else None
                   for v in (item_id, name, props.get("category"), props.get("brand"), _number(props.get("price"))))
    return _described_product(*fields)


@lru_cache(maxsize=4096)
def _described_product(item_id: Any, title: Any, category: Any, brand: Any, price: Any) -> Product | None:
    """Validated once per distinct description: the same product arrives with most messages."""
    record = {"item_id": item_id, "title": title, "category": category, "brand": brand, "price": price}
    product = product_from_record(0, {k: v for k, v in record.items() if v is not None})
    return product if isinstance(product, Product) else None

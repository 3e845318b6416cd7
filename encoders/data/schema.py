"""Typed schema of shopper events and catalogue products."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class EventType(str, Enum):
    view = "view"
    search = "search"
    cart = "cart"
    purchase = "purchase"
    return_ = "return"
    review = "review"
    support_message = "support_message"


# Limits that keep one hostile or broken row from distorting a profile or the store; generous for real data.
FUTURE_TOLERANCE = timedelta(days=1)
"""How far past the ingest time an event may be dated (clock skew, time zones); later ones are rejected."""
MAX_QUANTITY = 1_000_000.0
MAX_TEXT_CHARS = 5_000
"""Longer shopper texts are cut to this many characters and flagged (``attrs["text_truncated_from"]``)."""

ITEM_EVENTS = {EventType.view, EventType.cart, EventType.purchase, EventType.return_, EventType.review}
TEXT_EVENTS = {EventType.search, EventType.support_message}


def _finite(value: float | None, field: str) -> float | None:
    if value is not None and not math.isfinite(value):
        raise ValueError(f"{field} must be a finite number")
    return value


class Event(BaseModel):
    """One thing a shopper did. ``ts`` is always timezone-aware UTC."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: str = Field(min_length=1)
    user_id: str = Field(min_length=1)
    ts: datetime
    type: EventType
    item_id: str | None = None
    text: str | None = None
    quantity: float | None = None
    price: float | None = None
    rating: float | None = None
    attrs: dict[str, Any] = Field(default_factory=dict)

    @field_validator("event_id", "user_id", "item_id", mode="before")
    @classmethod
    def _strip_ids(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        return value.strip() if isinstance(value, str) else value

    @field_validator("ts", mode="before")
    @classmethod
    def _parse_ts(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return datetime.fromtimestamp(value, tz=timezone.utc)
        return value

    @field_validator("ts")
    @classmethod
    def _utc(cls, value: datetime) -> datetime:
        value = value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        if value > datetime.now(timezone.utc) + FUTURE_TOLERANCE:
            raise ValueError(f"timestamp {value.isoformat()} is in the future (later than now + {FUTURE_TOLERANCE.days} day)")
        return value

    @field_validator("event_id", "user_id", "item_id", "text")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        if value is not None and "\x00" in value:
            raise ValueError("contains a NUL byte")
        return value

    @field_validator("quantity", "price", "rating")
    @classmethod
    def _finite_numbers(cls, value: float | None, info: Any) -> float | None:
        return _finite(value, info.field_name)

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Event:
        if self.type in ITEM_EVENTS and not self.item_id:
            raise ValueError(f"item_id is required for a {self.type.value} event")
        if self.type in TEXT_EVENTS and not (self.text and self.text.strip()):
            raise ValueError(f"text is required for a {self.type.value} event")
        if self.type is EventType.review and self.rating is None and not self.text:
            raise ValueError("a review needs a rating or text")
        if self.rating is not None and not 1 <= self.rating <= 5:
            raise ValueError("rating must be between 1 and 5")
        if self.price is not None and self.price < 0:
            raise ValueError("price must not be negative")
        if self.quantity is not None and self.quantity <= 0:
            raise ValueError("quantity must be positive (a return is its own event type)")
        if self.quantity is not None and self.quantity > MAX_QUANTITY:
            raise ValueError(f"quantity must be at most {MAX_QUANTITY:,.0f}")
        return self

    @property
    def amount(self) -> float:
        """Money moved by this event: quantity x price for purchases and returns, else 0."""
        if self.type not in (EventType.purchase, EventType.return_) or self.price is None:
            return 0.0
        return (self.quantity or 1.0) * self.price


class Product(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    item_id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    description: str = ""
    category: str = ""
    brand: str = ""
    price: float | None = Field(None, ge=0)

    @field_validator("item_id", mode="before")
    @classmethod
    def _strip_id(cls, value: Any) -> Any:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(int(value)) if float(value).is_integer() else str(value)
        return value.strip() if isinstance(value, str) else value

    @field_validator("item_id", "title", "description", "category", "brand")
    @classmethod
    def _no_nul(cls, value: str) -> str:
        if "\x00" in value:
            raise ValueError("contains a NUL byte")
        return value

    @property
    def text(self) -> str:
        """The text that represents the product for embeddings and prompts."""
        parts = [self.title, self.category, self.brand, self.description]
        return ". ".join(p.strip() for p in parts if p and p.strip())

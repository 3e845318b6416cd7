"""The profile: facts with their evidence plus vectors, and how a fact is shown to people and models."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field


class Fact(BaseModel):
    value: Any
    evidence: list[str] = Field(default_factory=list, description="ids of the events that support the value")


class Profile(BaseModel):
    user_id: str
    as_of: datetime = Field(description="timestamp of the last event the profile includes")
    n_events: int
    facts: dict[str, Fact]
    interest_vector: list[float] | None = None

    def fact_value(self, name: str, default: Any = None) -> Any:
        fact = self.facts.get(name)
        return default if fact is None else fact.value

    def describe(self) -> str:
        """A plain-text description for people: who the customer is, what they are into, what they
        are browsing and bought lately."""
        parts = [f"Customer {self.user_id}."]
        if (country := self.fact_value("country")):
            parts.append(f"Orders from {country}.")
        stage = self.fact_value("lifecycle_stage")
        parts.append(f"{(stage or 'unknown').capitalize()} customer with {self.fact_value('frequency', 0)} orders, "
                     f"net spend {self.fact_value('monetary', 0.0):.2f}.")
        parts.append(self.summary_text())
        if (brands := self.fact_value("top_brands")):
            parts.append("Brands: " + ", ".join(b["brand"] for b in brands) + ".")
        if (intent := self.fact_value("purchase_intent")):
            parts.append("Browsing " + ", ".join(i["category"] for i in intent) + ".")
        if (items := self.fact_value("last_items")):
            parts.append("Recently: " + "; ".join(i["title"] for i in items[:2]) + ".")
        if (problems := self.fact_value("open_problems")):
            parts.append("Open problems: " + ", ".join(p["intent"].replace("_", " ") for p in problems) + ".")
        parts.append(f"Last seen {self.fact_value('last_seen')}.")
        return " ".join(parts)

    def summary_text(self) -> str:
        """The short description whose embedding is the profile's text vector: the shopper's taste
        (favourite categories, as a set, and price band). Counts, amounts, brands, browsing and
        single recent items are left out on purpose: they change with most events, and every change
        means a new embedding and a second Chroma write; the interest vector already follows them.
        A taste description also recurs across shoppers, so its embedding is usually cached."""
        parts = []
        if (categories := self.fact_value("top_categories")):
            parts.append("Likes " + ", ".join(sorted(c["category"] for c in categories)) + ".")
        if (band := self.fact_value("price_band")):
            parts.append(f"Shops {band}.")
        return " ".join(parts) or "No activity yet."

    def fact_lines(self, names: list[str] | None = None) -> list[str]:
        """One short 'label: value' line per fact (all, in registry order, or the ones named): the
        form the model sees."""
        from encoders.profile.facts import fact_descriptions  # the registry imports this module

        chosen = names or [n for n in fact_descriptions() if n in self.facts]
        return [f"{fact_label(name)}: {render_value(self.facts[name].value)}" for name in chosen if name in self.facts]


def render_value(value: Any) -> str:
    """A fact value as short readable text (what the model sees and the checker matches)."""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, list):
        return "; ".join(render_value(v) for v in value)
    if isinstance(value, dict):
        return _render_dict(value)
    return str(value)


def _render_dict(value: dict[str, Any]) -> str:
    for key in ("category", "brand", "intent"):
        if key in value:
            return f"{value[key]} {value['share']:.0%}" if "share" in value else str(value[key])
    if "title" in value:
        return str(value["title"])
    if "name" in value:
        return str(value["name"])
    if "daypart" in value:
        return f"{value['daypart']} on {value['days']}"
    if "label" in value:
        rating = f", average rating {value['avg_rating']}" if "avg_rating" in value else ""
        return f"{value['label']} ({value.get('reviews', 0)} reviews{rating})"
    return ", ".join(f"{k} {render_value(v)}" for k, v in value.items())


# Words a reader (and a small model) understands better than the field names.
FACT_LABELS: dict[str, str] = {
    "monetary": "net spend",
    "frequency": "orders",
    "recency_days": "days since last seen",
    "top_categories": "likes",
    "top_brands": "favourite brands",
    "last_items": "recent items",
    "purchase_intent": "browsing without buying",
    "lifecycle_stage": "lifecycle stage",
    "avg_basket": "average order value",
    "returns": "returned items (units)",
    "spend_band": "spend band",
}


def fact_label(name: str) -> str:
    return FACT_LABELS.get(name, name.replace("_", " "))

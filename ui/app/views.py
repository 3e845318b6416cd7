"""What the app shows, as plain data: profile cards, tables and chart frames built from a profile or a
home, with no Gradio in them (so the CLI and tests can use them too)."""

from __future__ import annotations

import html
from collections.abc import Sequence

import pandas as pd

from encoders.data.schema import Event
from encoders.profile.facts import fact_descriptions
from encoders.profile.model import Profile, fact_label, render_value
from retrieval.recommend.base import Suggestion
from retrieval.segments import SegmentModel

CARD_FACTS = ("lifecycle_stage", "segment", "spend_band", "country", "frequency", "monetary", "avg_basket",
              "returns", "last_seen", "top_categories", "price_band", "review_sentiment")


def _cell(text: str) -> str:
    """Shopper-influenced text made safe for a Markdown table cell: no HTML, no pipes, no newlines."""
    return html.escape(" ".join(str(text).split())).replace("|", "&#124;")


def profile_card(profile: Profile) -> str:
    """The key facts as a short Markdown card, with open support problems called out."""
    lines = [f"### Customer {_cell(profile.user_id)}", "| | |", "|---|---|"]
    for name in CARD_FACTS:
        if name in profile.facts:
            lines.append(f"| **{fact_label(name)}** | {_cell(render_value(profile.facts[name].value))} |")
    problems = profile.fact_value("open_problems") or []
    if problems:
        listed = ", ".join(f"{p['intent'].replace('_', ' ')} ({p['ts'][:10]})" for p in problems)
        lines.append(f"\n**Open support problems:** {_cell(listed)}")
    return "\n".join(lines)


def facts_frame(profile: Profile) -> pd.DataFrame:
    """Every fact with its value and how many events support it (the evidence is one click away)."""
    rows = [
        {"fact": fact_label(name), "value": render_value(profile.facts[name].value),
         "evidence events": len(profile.facts[name].evidence)}
        for name in fact_descriptions() if name in profile.facts
    ]
    return pd.DataFrame(rows, columns=["fact", "value", "evidence events"])


def fact_choices(profile: Profile) -> list[tuple[str, str]]:
    return [(fact_label(n), n) for n in fact_descriptions() if n in profile.facts and profile.facts[n].evidence]


def events_frame(events: Sequence[Event], titles: dict[str, str]) -> pd.DataFrame:
    """Events as rows a person reads: time, type, product, text, amount."""
    rows = [
        {"event": e.event_id, "time (UTC)": e.ts.strftime("%Y-%m-%d %H:%M"), "type": e.type.value,
         "product": titles.get(e.item_id or "", e.item_id or ""), "text": (e.text or "")[:300],
         "amount": round(e.amount, 2) if e.amount else None}
        for e in sorted(events, key=lambda e: (e.ts, e.event_id), reverse=True)
    ]
    return pd.DataFrame(rows, columns=["event", "time (UTC)", "type", "product", "text", "amount"])


def events_markdown(events: Sequence[Event], titles: dict[str, str]) -> str:
    """The cited events themselves, so every [E...] in a summary can be read next to it."""
    if not events:
        return ""
    rows = ["**Cited events**", "", "| event | time (UTC) | type | product | text |", "|---|---|---|---|---|"]
    for e in sorted(events, key=lambda e: (e.ts, e.event_id), reverse=True):
        rows.append(f"| {_cell(e.event_id)} | {e.ts:%Y-%m-%d %H:%M} | {e.type.value} | "
                    f"{_cell(titles.get(e.item_id or '', e.item_id or ''))} | {_cell((e.text or '')[:120])} |")
    return "\n".join(rows)


def timeline_frame(events: Sequence[Event]) -> pd.DataFrame:
    """Events per week and type, for the activity chart."""
    if not events:
        return pd.DataFrame({"week": [], "type": [], "events": []})
    frame = pd.DataFrame({"week": [e.ts.strftime("%G-W%V") for e in events], "type": [e.type.value for e in events]})
    return frame.groupby(["week", "type"]).size().rename("events").reset_index()


def shares_frame(profile: Profile, fact: str, key: str) -> pd.DataFrame:
    """A share-valued fact (top categories, intent mix) as rows for a bar chart."""
    items = profile.fact_value(fact) or []
    return pd.DataFrame({key: [i[key] for i in items], "share": [float(i["share"]) for i in items]})


def suggestions_markdown(suggestions: Sequence[Suggestion]) -> str:
    if not suggestions:
        return "**Suggested products**\n\nNo suggestions yet for this customer."
    lines = ["**Suggested products**"]
    for s in suggestions:
        reasons = "; ".join(_cell(r.text) for r in s.reasons) or "close to their interests"
        lines.append(f"- **{_cell(s.title)}** ({_cell(s.category)}): {reasons}")
    return "\n".join(lines)


def segments_frame(model: SegmentModel | None) -> pd.DataFrame:
    columns = ["segment", "name", "size", "description"]
    if model is None:
        return pd.DataFrame(columns=columns)
    return pd.DataFrame([{"segment": s.id, "name": s.name, "size": s.size, "description": s.description}
                         for s in model.segments], columns=columns)

"""Explainable summaries: a draft written straight from the profile facts, with the facts it used."""

from __future__ import annotations

from encoders.profile.model import Profile, render_value


def draft_summary(profile: Profile) -> tuple[str, list[str]]:
    """Two or three sentences straight from the facts, and the names of the facts they use."""
    value = profile.fact_value
    used = ["lifecycle_stage", "frequency", "monetary"]
    where = f" from {value('country')}" if value("country") else ""
    sentences = [
        f"{str(value('lifecycle_stage', 'known')).capitalize()} customer{where} with {value('frequency', 0)} orders "
        f"and a net spend of {render_value(float(value('monetary', 0.0)))}."
    ]
    if where:
        used.append("country")
    likes = []
    if value("top_categories"):
        likes.append(f"mostly interested in {render_value(value('top_categories')[:2]).replace(';', ' and')}")
        used.append("top_categories")
    if value("price_band"):
        likes.append(f"shops in the {value('price_band')} price band")
        used.append("price_band")
    if likes:
        sentences.append(" and ".join(likes).capitalize() + ".")
    elif value("last_items"):
        sentences.append(f"Recently bought or viewed {render_value(value('last_items')[:2]).replace(';', ' and')}.")
        used.append("last_items")
    if value("purchase_intent"):
        sentences.append(f"Recently browsing {render_value(value('purchase_intent')).replace(';', ',')} without buying.")
        used.append("purchase_intent")
    if value("open_problems"):
        problems = ", ".join(p["intent"].replace("_", " ") for p in value("open_problems"))
        sentences.append(f"Open customer-service problems: {problems}.")
        used.append("open_problems")
    return " ".join(sentences), [n for n in used if n in profile.facts]

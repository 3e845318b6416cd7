"""Content-based suggestions: the products nearest to the profile's interest vector."""

from __future__ import annotations

from collections.abc import Sequence

from encoders.profile.model import Profile
from retrieval.recommend.base import Reason, Suggestion
from retrieval.vector_store import VectorStore


def recommend_products(store: VectorStore, profile: Profile, k: int = 5, exclude: Sequence[str] = ()) -> list[Suggestion]:
    """Products nearest to the profile's interest vector, skipping ones the shopper already has."""
    if profile.interest_vector is None:
        return []
    skip = set(exclude)
    hits = [h for h in store.nearest_products(profile.interest_vector, k + len(skip)) if h.id not in skip][:k]
    likes = [c["category"] for c in profile.fact_value("top_categories") or []]
    evidence = profile.facts["top_categories"].evidence[:5] if "top_categories" in profile.facts else []
    reason = Reason(f"close to what they engage with ({', '.join(likes)})" if likes else "close to their recent activity", evidence)
    return [
        Suggestion(item_id=h.id, title=str(h.metadata.get("title", h.id)), score=round(1.0 - h.distance, 4),
                   category=str(h.metadata.get("category", "")), reasons=[reason])
        for h in hits
    ]

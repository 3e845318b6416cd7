"""Content-based suggestions: the products nearest to the profile's interest vector."""

from __future__ import annotations

from collections.abc import Sequence

from encoders.profile.model import Profile
from retrieval.vector_store import Hit, VectorStore


def recommend_products(store: VectorStore, profile: Profile, k: int = 5, exclude: Sequence[str] = ()) -> list[Hit]:
    """Products nearest to the profile's interest vector, skipping ones the shopper already has."""
    if profile.interest_vector is None:
        return []
    skip = set(exclude)
    return [h for h in store.nearest_products(profile.interest_vector, k + len(skip)) if h.id not in skip][:k]

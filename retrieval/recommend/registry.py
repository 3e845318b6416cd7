"""Recommenders by name. Entries are resolved on first use, so listing names never imports torch or
``implicit``."""

from __future__ import annotations

import importlib

from retrieval.recommend.base import Recommender

_ENTRIES: dict[str, str] = {
    "popularity": "retrieval.recommend.popularity:PopularityRecommender",
    "itemknn": "retrieval.recommend.itemknn:ItemKNNRecommender",
    "ease": "retrieval.recommend.ease:EASERecommender",
    "als": "retrieval.recommend.als:ALSRecommender",
    "content": "retrieval.recommend.content:ContentRecommender",
    "sequence": "retrieval.recommend.sequence:SequenceRecommender",
    "hybrid": "retrieval.recommend.hybrid:HybridRecommender",
}

BASELINES = ("popularity", "itemknn", "ease", "als", "content", "sequence")
PORTRAIT = "hybrid"


def names() -> list[str]:
    return list(_ENTRIES)


def recommender_class(name: str) -> type[Recommender]:
    if name not in _ENTRIES:
        raise KeyError(f"unknown recommender {name!r}; known: {', '.join(_ENTRIES)}")
    module, cls = _ENTRIES[name].split(":")
    return getattr(importlib.import_module(module), cls)


def create(name: str, **params: object) -> Recommender:
    return recommender_class(name)(**params)

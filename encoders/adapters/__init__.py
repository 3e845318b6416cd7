"""Adapters from public data sets to Portrait's schema (events, products, labelled texts)."""

from encoders.adapters.amazon import HeldOut, load_amazon, load_amazon_heldout
from encoders.adapters.bitext import LabelledTexts, load_labelled_texts
from encoders.adapters.online_retail import load_online_retail

__all__ = [
    "HeldOut",
    "LabelledTexts",
    "load_amazon",
    "load_amazon_heldout",
    "load_labelled_texts",
    "load_online_retail",
]

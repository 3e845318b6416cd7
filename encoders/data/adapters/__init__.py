"""Adapters from public data sets to Portrait's schema (events, products, labelled texts)."""

from encoders.data.adapters.amazon import HeldOut, load_amazon, load_amazon_heldout
from encoders.data.adapters.bitext import LabelledTexts, load_labelled_texts
from encoders.data.adapters.online_retail import load_online_retail

__all__ = [
    "HeldOut",
    "LabelledTexts",
    "load_amazon",
    "load_amazon_heldout",
    "load_labelled_texts",
    "load_online_retail",
]

"""A deterministic synthetic shop (catalogue, shoppers with hidden personas, events) for the demo and tests."""

from encoders.data.synthetic.shop import (
    INJECTION_TEXTS,
    SUPPORT_INTENTS,
    SUPPORT_TEMPLATES,
    ShopFiles,
    generate_shop,
    load_personas,
    support_intent_examples,
    write_support_intents,
)
from encoders.data.synthetic.shoppers import INTENTS, Persona
from encoders.data.synthetic.world import CATEGORIES, PRICE_BANDS, price_tier, product_titles, tier_cutoffs

__all__ = [
    "CATEGORIES",
    "INJECTION_TEXTS",
    "INTENTS",
    "PRICE_BANDS",
    "SUPPORT_INTENTS",
    "SUPPORT_TEMPLATES",
    "Persona",
    "ShopFiles",
    "generate_shop",
    "load_personas",
    "price_tier",
    "product_titles",
    "support_intent_examples",
    "tier_cutoffs",
    "write_support_intents",
]

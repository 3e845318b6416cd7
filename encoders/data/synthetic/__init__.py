"""A deterministic synthetic shop (catalogue, shoppers with hidden personas, events) for the demo and tests."""

from encoders.data.synthetic.shop import (
    CATEGORIES,
    INJECTION_TEXTS,
    INTENTS,
    PRICE_BANDS,
    SUPPORT_INTENTS,
    SUPPORT_TEMPLATES,
    Persona,
    ShopFiles,
    generate_shop,
    load_personas,
    price_tier,
    product_titles,
    support_intent_examples,
    tier_cutoffs,
    write_support_intents,
)

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

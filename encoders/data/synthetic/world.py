"""The synthetic shop's catalogue: categories, their price tiers, and products with titles, brands and prices.

Every category has a price range ``[lo, hi]`` cut into three equal slices in log-space: budget, mid
and premium (:func:`price_tier`). Products are dealt round-robin over the categories, and within a
category round-robin over the tiers, so each category holds every tier. A product's price is drawn
inside its tier's slice, which makes the tier a pure function of ``(category, price)``: a profile
builder can recover a shopper's price band from prices alone. Titles come from per-category parts
(adjective + material/colour + noun + variant), brands from a per-category list, and every product
gets a hidden popularity that skews which items get seen.

The category tables live in ``tables/catalogue.toml``; :func:`load_table` reads a table once.
"""

from __future__ import annotations

import math
import random
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from encoders.data.schema import Product

PriceBand = Literal["budget", "mid", "premium"]

PRICE_BANDS: tuple[PriceBand, ...] = ("budget", "mid", "premium")


@cache
def load_table(name: str) -> dict[str, Any]:
    """The TOML table ``tables/<name>.toml`` shipped in this package, parsed once."""
    text = (files("encoders.data.synthetic") / "tables" / f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def rng_for(seed: int, stream: str) -> random.Random:
    """The random stream ``stream`` of a shop seeded with ``seed`` (one stream per shopper, catalogue, ...)."""
    return random.Random(f"portrait-synthetic:{seed}:{stream}")


@dataclass(frozen=True)
class CategorySpec:
    """What products of one category are made of, and how a shopper searches for a gift in it."""

    name: str
    price_range: tuple[float, float]
    brands: tuple[str, ...]
    adjectives: tuple[str, ...]
    materials: tuple[str, ...]
    nouns: tuple[str, ...]
    variants: tuple[str, ...]
    material_prep: str
    purpose: str
    recipient: str

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> CategorySpec:
        lo, hi = row["price_range"]
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in row.items()}
        return cls(**{**values, "price_range": (float(lo), float(hi))})


CATEGORY_SPECS: tuple[CategorySpec, ...] = tuple(CategorySpec.from_row(r) for r in load_table("catalogue")["categories"])
SPECS: dict[str, CategorySpec] = {spec.name: spec for spec in CATEGORY_SPECS}
CATEGORIES: tuple[str, ...] = tuple(spec.name for spec in CATEGORY_SPECS)
MIN_PRODUCTS = len(CATEGORIES) * len(PRICE_BANDS)
"""The smallest catalogue that holds every tier of every category."""

_TIER_SENTENCES: dict[str, tuple[str, ...]] = {
    tier: tuple(sentences) for tier, sentences in load_table("catalogue")["tier_sentences"].items()
}


def tier_cutoffs(category: str) -> tuple[float, float]:
    """Prices where a category's budget tier ends and its premium tier starts (log-space thirds)."""
    if category not in SPECS:
        raise ValueError(f"unknown category {category!r}; expected one of {', '.join(CATEGORIES)}")
    lo, hi = SPECS[category].price_range
    ratio = hi / lo
    return lo * ratio ** (1 / 3), lo * ratio ** (2 / 3)


def price_tier(category: str, price: float) -> PriceBand:
    """The price tier a product of ``category`` at ``price`` belongs to."""
    low, high = tier_cutoffs(category)
    if price < low:
        return "budget"
    return "mid" if price < high else "premium"


@dataclass(frozen=True)
class Item:
    """A catalogue product with the hidden parts it was made from."""

    product: Product
    tier: PriceBand
    noun: str
    material: str


@dataclass
class _Pool:
    items: list[Item] = field(default_factory=list)
    cum_weights: list[float] = field(default_factory=list)

    def add(self, item: Item, weight: float) -> None:
        self.items.append(item)
        self.cum_weights.append((self.cum_weights[-1] if self.cum_weights else 0.0) + weight)

    def pick(self, rng: random.Random) -> Item:
        return self.items[bisect_right(self.cum_weights, rng.random() * self.cum_weights[-1])]


@dataclass
class Catalogue:
    """Every product, and per ``(category, tier)`` a pool that picks items by hidden popularity."""

    items: list[Item]
    pools: dict[tuple[str, PriceBand], _Pool]

    @classmethod
    def build(cls, n_products: int, rng: random.Random) -> Catalogue:
        items: list[Item] = []
        pools: dict[tuple[str, PriceBand], _Pool] = {}
        titles: set[str] = set()
        for i in range(n_products):
            spec = CATEGORY_SPECS[i % len(CATEGORY_SPECS)]
            tier = PRICE_BANDS[(i // len(CATEGORY_SPECS)) % len(PRICE_BANDS)]
            item = _make_item(f"P{i + 1:04d}", spec, tier, rng, titles)
            items.append(item)
            pools.setdefault((spec.name, tier), _Pool()).add(item, rng.lognormvariate(0.0, 0.8))
        return cls(items, pools)

    def pick(self, category: str, tier: PriceBand, rng: random.Random) -> Item:
        return self.pools[(category, tier)].pick(rng)


def _make_item(item_id: str, spec: CategorySpec, tier: PriceBand, rng: random.Random, titles: set[str]) -> Item:
    for _ in range(50):
        adjective, material, noun = rng.choice(spec.adjectives), rng.choice(spec.materials), rng.choice(spec.nouns)
        title = f"{adjective} {material} {noun}{rng.choice(spec.variants)}"
        if title not in titles:
            break
    titles.add(title)
    brand = rng.choice(spec.brands)
    article = "An" if adjective[0].lower() in "aeiou" else "A"
    description = (
        f"{article} {adjective.lower()} {noun.lower()} {spec.material_prep} {material.lower()} from {brand} "
        f"that {spec.purpose}. {rng.choice(_TIER_SENTENCES[tier])}"
    )
    product = Product(
        item_id=item_id, title=title, description=description, category=spec.name, brand=brand,
        price=_draw_price(spec.name, tier, rng),
    )
    return Item(product, tier, noun.lower(), material.lower())


def _draw_price(category: str, tier: PriceBand, rng: random.Random) -> float:
    lo, hi = SPECS[category].price_range
    edges = (lo, *tier_cutoffs(category), hi)
    index = PRICE_BANDS.index(tier)
    low, high = math.log(edges[index] * 1.02), math.log(edges[index + 1] * 0.98)
    raw = math.exp(rng.uniform(low, high))
    charming = round(math.floor(raw) + (0.99 if raw >= 20 else rng.choice((0.49, 0.99))), 2)
    return charming if price_tier(category, charming) == tier and charming <= hi else round(raw, 2)


def product_titles(n: int = 300, seed: int = 7) -> list[str]:
    """Titles of a synthetic catalogue of ``n`` products (e.g. off-topic texts for an intent model)."""
    catalogue = Catalogue.build(max(n, MIN_PRODUCTS), rng_for(seed, "catalogue"))
    return [item.product.title for item in catalogue.items][:n]

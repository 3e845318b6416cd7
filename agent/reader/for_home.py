"""The readers of one home: its vocabulary, its data clock and the frame model, built once per log version."""

from __future__ import annotations

from agent.reader.frames import frame_model
from agent.reader.names import NameFinder
from agent.reader.staff import StaffReader
from retrieval.audience.vocabulary import Vocabulary


def shop_vocabulary(products: dict) -> Vocabulary:  # noqa: ANN001 - item id -> encoders.data.schema.Product
    """Categories, brands and product titles of the catalogue (what staff questions name)."""
    return Vocabulary(
        values={"category": sorted({p.category for p in products.values() if p.category}),
                "brand": sorted({p.brand for p in products.values() if p.brand})},
        titles={item: p.title for item, p in products.items() if p.title},
    )


def staff_reader(home, products: dict) -> StaffReader:  # noqa: ANN001 - retrieval.home.Home
    """A reader for ``home``'s shop: names from its catalogue, windows from its data clock."""
    model = frame_model(home.embedder, home.settings.home / "models")
    return StaffReader(model, NameFinder(shop_vocabulary(products)), lambda texts: home.embedder.encode(texts, show_progress=False),
                       home.data_clock())

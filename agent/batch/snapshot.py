"""The batch's snapshot: everything a fact sheet is built from, exported once by the driver to Parquet, so the
Ray engine's sheet stage (on any node of a cluster) never reads the home folder.

A fact sheet (``ProfileAssistant.sheet``) reads three things of a home, and nothing else:
- the customer's events, in the log's order (``EventLog.events_by_user``);
- the shop's products (``EventLog.products``): the findings name them, and the checker's vocabulary is made of
  their titles, categories and brands;
- the customer's stored profile facts (the fact store), when a profile exists (``Home.profile``: the fact
  store and Chroma both hold it). The vectors are not read.

A snapshot is a folder:

    customers.parquet   user_id, events (each event's JSON, in the log's order), profile (the stored profile's
                        JSON without its vectors, or null: events ingested but no profile built yet)
    products.parquet    item_id, body (the product's JSON)
    manifest.json       written last: counts, when, from which home, the fact store's change sequence

The JSON is the stores' own (``model_dump_json``, as the event log and the fact store keep it), so a sheet from
the snapshot equals the sheet from the home (tests/test_batch_snapshot.py checks every customer).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from agent.sheet import FactSheet, build_sheet, shop_vocabulary
from encoders.data.schema import Event, Product
from encoders.profile.model import Profile
from retrieval.customer_facts import customer_findings
from retrieval.home import Home, UnknownCustomerError

MANIFEST = "manifest.json"
CUSTOMERS = "customers.parquet"
PRODUCTS = "products.parquet"
_CHUNK = 500  # customers read from the stores and written as one Parquet row group


class SnapshotError(ValueError):
    """A folder that holds no complete snapshot, or a customer it does not hold."""


def is_snapshot(folder: Path) -> bool:
    return (Path(folder) / MANIFEST).is_file()


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _profiled(home: Home, user_ids: Sequence[str]) -> set[str]:
    """Those of ``user_ids`` whose profile Chroma holds (``Home.profile`` needs it there and in the fact store)."""
    return set(home.vectors.profiles.get(ids=list(user_ids), include=[])["ids"])


def write_snapshot(home: Home, user_ids: Sequence[str], folder: Path) -> dict[str, Any]:
    """Export what the sheets of ``user_ids`` are built from into ``folder`` (replacing a snapshot there);
    returns the manifest. Customers are read and written ``_CHUNK`` at a time, so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MANIFEST).unlink(missing_ok=True)  # incomplete until the manifest is back
    wanted = list(dict.fromkeys(user_ids))
    schema = pa.schema([("user_id", pa.string()), ("events", pa.list_(pa.string())), ("profile", pa.string())])
    events = 0
    with pq.ParquetWriter(folder / CUSTOMERS, schema) as writer:
        for chunk in _chunks(wanted, _CHUNK):
            by_user = home.log.events_by_user(chunk)
            profiled = _profiled(home, chunk)
            facts = home.facts.get([u for u in chunk if u in profiled])
            events += sum(len(by_user.get(u, [])) for u in chunk)
            writer.write_table(pa.table({
                "user_id": list(chunk),
                "events": [[e.model_dump_json() for e in by_user.get(u, [])] for u in chunk],
                "profile": [facts[u].model_dump_json(exclude={"interest_vector"}) if u in facts else None for u in chunk],
            }, schema=schema))
    products = home.log.products()
    pq.write_table(pa.table({"item_id": list(products), "body": [p.model_dump_json() for p in products.values()]}), folder / PRODUCTS)
    manifest = {
        "customers": len(wanted), "events": events, "products": len(products),
        "written_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "home": str(home.settings.home), "fact_store_seq": home.facts.latest_seq(),
    }
    partial = folder / (MANIFEST + ".partial")
    partial.write_text(json.dumps(manifest, indent=1) + "\n")
    os.replace(partial, folder / MANIFEST)
    return manifest


class Snapshot:
    """A written snapshot, read on the driver: its manifest, customers and products."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        if not is_snapshot(self.folder):
            raise SnapshotError(f"{self.folder} holds no complete batch snapshot (no {MANIFEST}).")
        self.manifest: dict[str, Any] = json.loads((self.folder / MANIFEST).read_text())

    def customers(self) -> list[str]:
        import pyarrow.parquet as pq

        return pq.read_table(self.folder / CUSTOMERS, columns=["user_id"]).column("user_id").to_pylist()

    def product_bodies(self) -> list[str]:
        import pyarrow.parquet as pq

        return pq.read_table(self.folder / PRODUCTS, columns=["body"]).column("body").to_pylist()

    def vocabulary(self) -> set[str]:
        return shop_vocabulary(products_of(self.product_bodies()))

    def rows(self, user_ids: Sequence[str]) -> Any:
        """The customers' rows (a pyarrow Table) in the order of ``user_ids``; each must be in the snapshot."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pq.read_table(self.folder / CUSTOMERS)
        index = {u: i for i, u in enumerate(table.column("user_id").to_pylist())}
        missing = [u for u in user_ids if u not in index]
        if missing:
            raise SnapshotError(f"The snapshot in {self.folder} does not hold {len(missing)} of the customers asked for "
                                f"(e.g. {', '.join(missing[:3])}); export a new one.")
        return table.take(pa.array([index[u] for u in user_ids], type=pa.int64()))


def products_of(bodies: Iterable[str]) -> dict[str, Product]:
    """Products from their stored bodies, as ``EventLog.products`` reads them."""
    products = (Product.model_validate_json(b) for b in bodies)
    return {p.item_id: p for p in products}


def sheet_from(user_id: str, events: Sequence[str], profile: str | None, products: Mapping[str, Product],
               vocabulary: set[str]) -> FactSheet:
    """``ProfileAssistant.sheet`` over a snapshot row instead of the home."""
    decoded: list[Event] = [Event.model_validate_json(b) for b in events]
    if not decoded:
        raise UnknownCustomerError(f"No events for customer {user_id!r}: a customer is anyone with at least one event.")
    stored = Profile.model_validate_json(profile) if profile is not None else None
    return build_sheet(user_id, customer_findings(decoded, products), stored, vocabulary)

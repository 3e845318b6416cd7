"""Online Retail next basket: each customer's last invoice is held out (test), the one before it is
dev (choices on one sampled product per customer; the whole invoice for early stopping, the hybrid's
ranker and the refit on train + dev), earlier invoices are train. Scored: Recall@10 and
NDCG@10 of the last invoice's products the customer had not bought before, against every item, for
every recommender (the same rule as ``recommend(exclude_bought=True)``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from encoders.data.schema import EventType
from encoders.data.sources import SourceFormat, load_source
from encoders.embedder import Embedder
from eval.recs_benchmark import console, fit_all
from eval.recs_data import HeldOut
from eval.recs_metrics import ndcg_set_at, recall_at
from retrieval.recommend.base import Recommender
from retrieval.recommend.data import Catalog, Interaction

_DEV_NEGATIVES = 99


def invoice_split(path: Path) -> tuple[list[Interaction], list[Interaction], list[Interaction], Any]:
    """(train, dev, test) purchases by invoice, and the products."""
    loaded = load_source(path, SourceFormat.online_retail)
    invoices: dict[str, dict[str, list[Interaction]]] = defaultdict(lambda: defaultdict(list))
    for event in loaded.events:
        if event.type == EventType.purchase and event.item_id:
            invoice = str(event.attrs.get("invoice", event.event_id.split(":")[0]))
            invoices[event.user_id][invoice].append(Interaction(event.user_id, event.item_id, event.ts.timestamp(), event.event_id))
    train, dev, test = [], [], []
    for baskets in invoices.values():
        ordered = sorted(baskets.values(), key=lambda rows: (min(r.ts for r in rows), rows[0].event_id))
        test.extend(ordered[-1] if len(ordered) >= 2 else [])
        dev.extend(ordered[-2] if len(ordered) >= 3 else [])
        train.extend(row for rows in ordered[: -2 if len(ordered) >= 3 else -1 if len(ordered) == 2 else None] for row in rows)
    return train, dev, test, loaded.products


def _dev_rows(dev: list[Interaction], catalog: Catalog, seed: int) -> list[HeldOut]:
    """One dev row per customer (a random product of their dev invoice, as the layout's dev files
    hold one), with 99 sampled negatives, so dev choices use the same measure as Office."""
    rng = np.random.default_rng(seed)
    by_user: dict[str, list[Interaction]] = defaultdict(list)
    for row in dev:
        by_user[row.user_id].append(row)
    picked = [rows[int(rng.integers(len(rows)))] for _user, rows in sorted(by_user.items())]
    return [HeldOut(row, [catalog.item_ids[i] for i in rng.choice(len(catalog), _DEV_NEGATIVES, replace=False)]) for row in picked]


def score_baskets(model: Recommender, test: Sequence[Interaction], k: int = 10) -> dict[str, float]:
    data = model.fitted
    baskets: dict[str, set[str]] = defaultdict(set)
    for row in test:
        if row.item_id in data.catalog.index:
            baskets[row.user_id].add(row.item_id)
    users, relevant = [], []
    for user, items in baskets.items():
        known = {data.catalog.item_ids[i] for i in data.context(user).items}
        fresh = items - known
        if fresh and user in data.histories:
            users.append(user), relevant.append(fresh)
    recalls, ndcgs = [], []
    for start in range(0, len(users), 256):
        contexts = [model.context(u) for u in users[start : start + 256]]
        scores = model.scores_for(contexts)
        for row, context in enumerate(contexts):
            scores[row, context.items] = -np.inf
            top = np.argsort(-scores[row], kind="stable")[:k]
            ranked = [data.catalog.item_ids[i] for i in top]
            recalls.append(recall_at(ranked, relevant[start + row], k))
            ndcgs.append(ndcg_set_at(ranked, relevant[start + row], k))
    return {"recall@10": float(np.mean(recalls)) if recalls else 0.0, "ndcg@10": float(np.mean(ndcgs)) if ndcgs else 0.0, "customers": len(users)}


def online_retail(path: Path, embedder: Embedder, names: Sequence[str], seed: int = 7) -> dict[str, Any]:
    train, dev, test, products = invoice_split(path)
    ordered = sorted(products, key=lambda p: p.item_id)
    catalog = Catalog([p.item_id for p in ordered], [p.title for p in ordered], [p.category for p in ordered], embedder.encode([p.text for p in ordered]))
    console.print(f"  Online Retail: {len(train)} train, {len(dev)} dev, {len(test)} test purchases, {len(catalog)} items")
    chosen, final = fit_all(train, _dev_rows(dev, catalog, seed), catalog, names, valid=dev)
    results: dict[str, Any] = {}
    for name, model in final.items():
        results[name] = score_baskets(model, test)
        console.print(f"  Online Retail {name}: recall@10 {results[name]['recall@10']:.4f} ndcg@10 {results[name]['ndcg@10']:.4f}")
    return {"recommenders": results, "dev_choices": {n: c.tried for n, c in chosen.items()},
            "purchases": {"train": len(train), "dev": len(dev), "test": len(test)}, "items": len(catalog)}


def _child(path: str, names: list[str], out: str) -> None:
    import json
    import logging

    from encoders.settings import Settings

    progress_log = logging.getLogger("retrieval.recommend")
    progress_log.setLevel(logging.INFO)
    progress_log.addHandler(logging.StreamHandler())
    result = online_retail(Path(path), Embedder(Settings(show_progress=False)), names)
    Path(out).write_text(json.dumps(result, default=str))


def start_in_child(path: Path, names: Sequence[str], out: Path) -> Any:
    """Run the Online Retail phase in a child process beside the Office phase (both are mostly
    single-threaded numpy and torch work); ``finish`` waits for it and reads its result."""
    import multiprocessing

    child = multiprocessing.get_context("spawn").Process(target=_child, args=(str(path), list(names), str(out)))
    child.start()
    return child


def finish(child: Any, out: Path) -> dict[str, Any]:
    import json

    child.join()
    if child.exitcode != 0 or not out.exists():
        raise RuntimeError(f"the Online Retail phase failed (exit code {child.exitcode}); see its output above")
    return json.loads(out.read_text())

"""The recommendation harness: every registered recommender fitted on train (choices on dev), refitted
on train + dev, then scored on test, in one process on one split.

The test file is opened only in ``score_test``, after every final model is fitted, so nothing in it
can reach fitting (tests plant a test-only item to check)."""

from __future__ import annotations

import copy
import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rich.console import Console

from eval.recs_data import HeldOut
from eval.recs_metrics import hit_at, intra_list_similarity, ndcg_at, rank_among
from retrieval.recommend.base import Recommender
from retrieval.recommend.data import Catalog, Interaction
from retrieval.recommend.registry import BASELINES, PORTRAIT, recommender_class

console = Console()
METRICS = ("hr@10", "ndcg@10", "recall@10_full", "ndcg@10_full")


def evaluate(model: Recommender, held: Sequence[HeldOut], k: int = 10) -> dict[str, float]:
    """HR@k / NDCG@k against each row's negatives, Recall@k / NDCG@k against every item the user
    does not already have (one held-out item, so recall is the hit rate)."""
    data = model.fitted
    rows = [h for h in held if h.interaction.item_id in data.catalog.index]
    sums = dict.fromkeys(METRICS, 0.0)
    for start in range(0, len(rows), 256):
        chunk = rows[start : start + 256]
        contexts = [model.context(h.interaction.user_id) for h in chunk]
        scores = model.scores_for(contexts)
        for row, (h, context) in enumerate(zip(chunk, contexts)):
            positive = data.catalog.index[h.interaction.item_id]
            negatives = [data.catalog.index[i] for i in h.negatives if i in data.catalog.index]
            sampled = rank_among(scores[row, positive], scores[row, negatives])
            full = scores[row].copy()
            full[[i for i in context.items if i != positive]] = -np.inf
            full_rank = rank_among(full[positive], np.delete(full, positive))
            sums["hr@10"] += hit_at(sampled, k)
            sums["ndcg@10"] += ndcg_at(sampled, k)
            sums["recall@10_full"] += hit_at(full_rank, k)
            sums["ndcg@10_full"] += ndcg_at(full_rank, k)
    return {m: v / max(1, len(rows)) for m, v in sums.items()} | {"users": len(rows)}


def list_quality(model: Recommender, held: Sequence[HeldOut], users: int, k: int = 10) -> dict[str, float]:
    """What a shopper sees: ``recommend()`` lists, raw top-k and after collapsing near-duplicates,
    with their hit rate on the held-out item and their intra-list similarity."""
    data = model.fitted
    sample = list(held)[:: max(1, len(held) // users)][:users]
    out: dict[str, list[float]] = {"recall@10_list_raw": [], "recall@10_list": [], "ils_raw": [], "ils": []}
    for h in sample:
        context = model.context(h.interaction.user_id)
        for suffix, diversify in (("_raw", False), ("", True)):
            picks = model.recommend_context(context, k, diversify=diversify)
            ids = [p.item_id for p in picks]
            out[f"recall@10_list{suffix}"].append(float(h.interaction.item_id in ids))
            vectors = data.catalog.vectors[[data.catalog.index[i] for i in ids]]
            out[f"ils{suffix}"].append(intra_list_similarity(vectors))
    return {key: float(np.nanmean(values)) if values else float("nan") for key, values in out.items()}


def _combos(grid: dict[str, list[Any]]) -> list[dict[str, Any]]:
    keys = list(grid)
    return [dict(zip(keys, values)) for values in itertools.product(*(grid[k] for k in keys))]


@dataclass
class Chosen:
    name: str
    dev_model: Recommender
    dev: dict[str, float]
    params: dict[str, Any]
    tried: list[dict[str, Any]] = field(default_factory=list)
    fit_seconds: float = 0.0


def choose_on_dev(name: str, train: list[Interaction], dev: list[HeldOut], catalog: Catalog, extra: dict[str, Any] | None = None,
                  valid: list[Interaction] | None = None) -> Chosen:
    """Fit each combination of the model's grid on train (``valid``, default the dev rows'
    interactions, for early stopping and the hybrid's ranker) and keep the best dev NDCG@10."""
    cls = recommender_class(name)
    best: Chosen | None = None
    tried = []
    valid = valid if valid is not None else [h.interaction for h in dev]
    combos = _combos(cls.grid) if not extra else [extra]
    for combo in combos:
        started = time.perf_counter()
        model = cls(**combo).fit(train, catalog, valid=valid)
        seconds = time.perf_counter() - started
        # with one combination there is nothing to choose, so no dev scoring pass
        scores = evaluate(model, dev) if len(combos) > 1 else dict.fromkeys(METRICS, float("nan"))
        tried.append({"params": {k: v for k, v in combo.items() if _plain(v)}, "dev_ndcg@10": scores["ndcg@10"], "fit_seconds": round(seconds, 2)})
        console.print(f"  {name} {tried[-1]['params']}: dev HR@10 {scores['hr@10']:.4f} NDCG@10 {scores['ndcg@10']:.4f} ({seconds:.1f}s)")
        if best is None or scores["ndcg@10"] > best.dev["ndcg@10"] or len(combos) == 1:
            best = Chosen(name, model, scores, model.refit_params(), fit_seconds=seconds)
    assert best is not None
    best.tried = tried
    return best


def _plain(value: Any) -> bool:
    return value is None or isinstance(value, (int, float, str, bool))


def fit_all(train: list[Interaction], dev: list[HeldOut], catalog: Catalog, names: Sequence[str] = (*BASELINES, PORTRAIT),
            valid: list[Interaction] | None = None) -> tuple[dict[str, Chosen], dict[str, Recommender]]:
    """Choices on dev, then every model refitted on train + dev (the hybrid over the refitted
    components, with the ranker it learned on dev). ``valid``: every dev interaction, where the dev
    rows scored for choices are a sample of them (a whole held-out basket); default: the dev rows'."""
    valid = valid if valid is not None else [h.interaction for h in dev]
    chosen: dict[str, Chosen] = {}
    for name in names:
        if name == PORTRAIT:
            components = {n: chosen[n].dev_model for n in chosen if n in ("sequence", "ease", "itemknn", "content")}
            extra = {"components": {n: chosen[n].params for n in components}, "fitted_components": components}
            chosen[name] = choose_on_dev(name, train, dev, catalog, extra, valid)
        else:
            chosen[name] = choose_on_dev(name, train, dev, catalog, valid=valid)
    everything = train + valid
    final: dict[str, Recommender] = {}
    for name in names:
        started = time.perf_counter()
        params = dict(chosen[name].params)
        if name == PORTRAIT:
            params["fitted_components"] = {n: final[n] for n in ("sequence", "ease", "itemknn", "content") if n in final}
        final[name] = recommender_class(name)(**params).fit(everything, catalog)
        chosen[name].fit_seconds = time.perf_counter() - started
        console.print(f"  refitted {name} on train + dev ({chosen[name].fit_seconds:.1f}s)")
    return chosen, final


def score_test(final: dict[str, Recommender], read_test: Callable[[], list[HeldOut]], list_users: int) -> dict[str, dict[str, float]]:
    """The only place the test split is read."""
    test = read_test()
    results: dict[str, dict[str, Any]] = {}
    for name, model in final.items():
        started = time.perf_counter()
        results[name] = evaluate(model, test) | list_quality(model, test, list_users)
        console.print(f"  {name}: " + ", ".join(f"{k} {v:.4f}" for k, v in results[name].items() if isinstance(v, float)) + f" ({time.perf_counter() - started:.0f}s)")
    if PORTRAIT in final:
        results[PORTRAIT]["candidates_only"] = evaluate(candidate_cutoff_model(final[PORTRAIT]), test)
        console.print("  hybrid, candidates only: " + ", ".join(f"{k} {v:.4f}" for k, v in results[PORTRAIT]["candidates_only"].items() if isinstance(v, float)))
    return results


def candidate_cutoff_model(model: Recommender) -> Recommender:
    """The same fitted hybrid ranking only its retrieved candidates, as it does in a catalogue
    larger than ``rank_all``: what the cut-off costs in accuracy, measured on a catalogue small
    enough to rank whole."""
    cut = copy.copy(model)
    cut.params = {**model.params, "rank_all": 0}
    return cut

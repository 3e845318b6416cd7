"""Cold starts: which path a user takes and the scores and reasons of the three short-history paths.

- no history and no searches -> ``popular``: most bought in the user's group (country or segment),
  or overall when the group is unknown or has no purchases;
- only searches -> ``searches``: items whose text is nearest one of the queries;
- one item -> ``one-event neighbours``: items bought together with it first, then similar text.
"""

from __future__ import annotations

import numpy as np

from retrieval.recommend.base import HISTORY, ONE_EVENT, POPULAR, SEARCHES, Reason
from retrieval.recommend.data import Indexed, UserContext

# Keeps an order among equals without changing any order the main signal makes.
_TIE_BREAK = 1e-6


def path_of(context: UserContext) -> str:
    distinct = set(context.items)
    if not distinct:
        return SEARCHES if context.queries else POPULAR
    return ONE_EVENT if len(distinct) == 1 else HISTORY


def _popularity(data: Indexed, context: UserContext) -> tuple[np.ndarray, str]:
    counts = data.group_counts(context.group) if context.group else None
    if counts is not None and counts.sum() > 0:
        return counts, context.group
    return data.counts, ""


def scores(data: Indexed, context: UserContext, path: str) -> np.ndarray:
    tie_break = _TIE_BREAK * data.counts / max(1.0, float(data.counts.max()))
    if path == POPULAR:
        counts, _group = _popularity(data, context)
        return counts.astype(np.float64) + tie_break
    if path == SEARCHES:
        queries = np.stack([q.vector for q in context.queries])
        return (data.catalog.vectors @ queries.T).max(axis=1).astype(np.float64) + tie_break
    if path == ONE_EVENT:
        item = context.items[-1]
        together = np.asarray(data.cooccurrence[item].todense()).ravel()
        norms = np.sqrt(np.maximum(data.counts, 1.0) * max(1.0, float(data.counts[item])))
        bought_together = np.where(together > 0, 1.0 + together / norms, 0.0)
        return bought_together + data.catalog.vectors @ data.catalog.vectors[item] + tie_break
    raise ValueError(f"no cold-start scores for path {path!r}")


def reasons(data: Indexed, context: UserContext, path: str, item: int) -> list[Reason]:
    catalog = data.catalog
    if path == POPULAR:
        counts, group = _popularity(data, context)
        where = f" with customers in {group}" if group else ""
        return [Reason(f"popular{where}: {int(counts[item])} customers bought it")]
    if path == SEARCHES:
        best = max(context.queries, key=lambda q: float(catalog.vectors[item] @ q.vector))
        return [Reason(f'matches your search "{best.text}"', [best.event_id])]
    step = context.history[-1]
    together = int(data.cooccurrence[step.item, item])
    title = catalog.titles[step.item]
    if together > 0:
        return [Reason(f"you bought {title}; {together} shoppers bought both", [step.event_id])]
    return [Reason(f"similar to {title}, which you bought", [step.event_id])]

"""Leave-last-out splits of interaction lists (the harness's Online Retail split uses invoices)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from retrieval.recommend.data import Interaction


def leave_last_out(interactions: Sequence[Interaction], min_history: int = 2) -> tuple[list[Interaction], list[Interaction]]:
    """(train, held out): each user with more than ``min_history`` interactions gives up the last
    one (stable time order); everyone else stays whole in train."""
    by_user: dict[str, list[Interaction]] = defaultdict(list)
    for row in interactions:
        by_user[row.user_id].append(row)
    train: list[Interaction] = []
    held: list[Interaction] = []
    for rows in by_user.values():
        rows = sorted(rows, key=lambda r: r.ts)
        if len(rows) > min_history:
            train.extend(rows[:-1])
            held.append(rows[-1])
        else:
            train.extend(rows)
    return train, held

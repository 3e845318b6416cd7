"""Write the SIXTH blind marketer audience question set (every family held out): single conditions, combinations
and declines in ten new request shapes, each gold computed with pandas (``blind6_leaves`` over
``marketer_reference.Ref``) and re-checked with the plain-Python ``blind2_check``; any mismatch stops the run.

    .venv/bin/portrait generate-demo --out /tmp/b6shop
    .venv/bin/python eval/data/make_marketer_questions_blind6.py --shop /tmp/b6shop \
        --out eval/data/marketer_questions_blind6.jsonl
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind2_check import Shop  # noqa: E402
from blind6_families import FAMILIES, decline, render  # noqa: E402
from blind6_leaves import KINDS, NEGATABLE, Leaf, Leaves  # noqa: E402
from blind_driver import write_set  # noqa: E402
from marketer_reference import Ref  # noqa: E402

COMBOS = {"and": 50, "and3": 25, "or": 30, "and_not": 35, "not": 12, "and_or": 18}
SINGLES_PER_KIND = 6
DECLINES = (12, 12)  # alone, beside an answerable request
CLASH = [{"country", "country_not"}, {"bought_category", "bought_category_within"}, {"bought_brand", "bought_brand_within"},
         {"last_purchase_within", "last_purchase_more"}, {"last_purchase_more", "bought_category_within"},
         {"last_purchase_more", "bought_brand_within"}, {"last_purchase_more", "last_purchase_within"},
         {"bought_category", "viewed_not_bought"}, {"returns_count", "returned"}, {"reviews_count", "reviewed"}]


def _clash(kinds: list[str]) -> bool:
    return len(set(kinds)) < len(kinds) or any(len(pair & set(kinds)) > 1 for pair in CLASH)


def _tree(op: str, leaves: list[Leaf]) -> tuple[dict, pd.Series, list[pd.Series]]:
    c, m = [x.cond for x in leaves], [x.mask for x in leaves]
    if op in ("and", "and3"):
        out = m[0]
        for x in m[1:]:
            out = out & x
        return {"op": "and", "args": c}, out, m
    if op == "or":
        return {"op": "or", "args": c}, m[0] | m[1], m
    if op == "and_not":
        return {"op": "and", "args": [c[0], {"op": "not", "args": [c[1]]}]}, m[0] & ~m[1], [m[0]]
    if op == "not":
        return {"op": "not", "args": [c[0]]}, ~m[0], []
    return {"op": "and", "args": [c[0], {"op": "or", "args": [c[1], c[2]]}]}, m[0] & (m[1] | m[2]), [m[0], m[1] | m[2]]


def _combo(rng: random.Random, lv: Leaves, op: str) -> tuple[dict, pd.Series, list[Leaf]] | None:
    n = {"and": 2, "and3": 3, "or": 2, "and_not": 2, "not": 1, "and_or": 3}[op]
    kinds = rng.sample(KINDS, n)
    if op in ("and_not", "not") and kinds[-1] not in NEGATABLE:
        kinds[-1] = rng.choice(sorted(NEGATABLE - set(kinds[:-1])))
    if _clash(kinds):
        return None
    leaves = [lv.good(k) for k in kinds[:-1]] + [lv.good(kinds[-1], negated=op in ("and_not", "not"))]
    tree, mask, parts = _tree(op, leaves)
    size = int(mask.sum())
    if not 3 <= size <= 280 or any(mask.equals(p) for p in parts):
        return None
    return tree, mask, leaves


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shop", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=6066)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ref = Ref(args.shop)
    shop = Shop(args.shop)
    lv = Leaves(ref, rng)
    fam = iter(FAMILIES * 100)
    items: list[dict] = []
    seen: set[str] = set()

    def add(question: str, gold: list | None, kind: str, cond: dict, family: str) -> bool:
        if question in seen:
            return False
        seen.add(question)
        items.append({"question": question, "expected_user_ids": gold, "kind": kind, "conditions": cond, "family": family})
        return True

    for kind in KINDS:
        made = 0
        while made < SINGLES_PER_KIND:
            leaf = lv.good(kind)
            f = next(fam)
            q = render(rng, f, "leaf", [leaf])
            made += add(q, sorted(leaf.mask[leaf.mask].index), kind, leaf.cond, f)
    for op, want in COMBOS.items():
        made = 0
        while made < want:
            got = _combo(rng, lv, op)
            if got is None:
                continue
            tree, mask, leaves = got
            f = next(fam)
            shape = "and" if op == "and3" else op
            q = render(rng, f, shape, leaves)
            made += add(q, sorted(mask[mask].index), "and" if op == "and3" else op, tree, f)
    for i in range(sum(DECLINES)):
        f = next(fam)
        beside = lv.good(rng.choice(KINDS)) if i >= DECLINES[0] else None
        what, q = decline(rng, f, beside)
        add(q, None, "decline", {"decline": what, "with": beside.cond if beside else None}, f)

    write_set(6, rng, items, shop, args.out)

if __name__ == "__main__":
    main()

"""The driver every blind marketer question writer from the seventh on shares: the composition (single conditions per
kind, combinations, declines), the clash rules, the ids and the double gold check (pandas through the writer's leaves,
then the plain-Python ``blind2_check``; any mismatch stops the run). Only the mechanics live here: each writer's
wording (families, leaves, words) stays in that writer's own modules, so the sets stay independent."""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind2_check import Shop, answer  # noqa: E402
from marketer_reference import Ref  # noqa: E402

COMBOS = {"and": 50, "and3": 25, "or": 30, "and_not": 35, "not": 12, "and_or": 18}
SINGLES_PER_KIND = 6
DECLINES = (12, 12)  # alone, beside an answerable request (half a condition on the missing data, half a field asked for)
# pairs of kinds that would say the same thing twice or contradict each other in one request
CLASH = [{"country", "country_not"}, {"bought_category", "bought_category_within"}, {"bought_brand", "bought_brand_within"},
         {"last_purchase_within", "last_purchase_more"}, {"last_purchase_more", "bought_category_within"},
         {"last_purchase_more", "bought_brand_within"}, {"bought_category", "viewed_not_bought"},
         {"bought_category_within", "viewed_not_bought"}, {"returns_count", "returned"}, {"reviews_count", "reviewed"},
         {"orders", "net_spend_under"}]


def _clash(kinds: list[str], clash: list[set[str]]) -> bool:
    return len(set(kinds)) < len(kinds) or any(len(pair & set(kinds)) > 1 for pair in clash)


def _tree(op: str, leaves: list) -> tuple[dict, pd.Series, list[pd.Series]]:
    """The condition tree, its mask, and the masks it must differ from (so that no part is redundant)."""
    c, m = [x.cond for x in leaves], [x.mask for x in leaves]
    if op in ("and", "and3"):
        out = m[0]
        for x in m[1:]:
            out = out & x
        pairs = [m[i] & m[j] for i in range(len(m)) for j in range(i + 1, len(m))] if len(m) == 3 else []
        return {"op": "and", "args": c}, out, m + pairs
    if op == "or":
        return {"op": "or", "args": c}, m[0] | m[1], m
    if op == "and_not":
        return {"op": "and", "args": [c[0], {"op": "not", "args": [c[1]]}]}, m[0] & ~m[1], [m[0]]
    if op == "not":
        return {"op": "not", "args": [c[0]]}, ~m[0], []
    return {"op": "and", "args": [c[0], {"op": "or", "args": [c[1], c[2]]}]}, m[0] & (m[1] | m[2]), \
        [m[0], m[1] | m[2], m[1], m[2], m[0] & m[1], m[0] & m[2]]


def _combo(rng: random.Random, lv, op: str, kinds_all: list[str], negatable: set[str], clash: list[set[str]]) -> tuple[dict, pd.Series, list] | None:
    n = {"and": 2, "and3": 3, "or": 2, "and_not": 2, "not": 1, "and_or": 3}[op]
    kinds = rng.sample(kinds_all, n)
    if op in ("and_not", "not") and kinds[-1] not in negatable:
        kinds[-1] = rng.choice(sorted(negatable - set(kinds[:-1])))
    if _clash(kinds, clash):
        return None
    leaves = [lv.good(k) for k in kinds[:-1]] + [lv.good(kinds[-1], negated=op in ("and_not", "not"))]
    tree, mask, parts = _tree(op, leaves)
    if not 3 <= int(mask.sum()) <= 280 or any(mask.equals(p) for p in parts):
        return None
    return tree, mask, leaves


def main(number: int, seed: int, families: ModuleType, leaves: ModuleType, words: ModuleType,
         extra_clash: tuple[set[str], ...] = ()) -> None:
    """Write blind set ``number`` from its writer's own ``families`` (FAMILIES, render, decline), ``leaves`` (KINDS,
    NEGATABLE, Leaves) and ``words`` (DECLINES) modules; ids m<number>c001..."""
    FAMILIES, render, decline = families.FAMILIES, families.render, families.decline
    KINDS, NEGATABLE, Leaves = leaves.KINDS, leaves.NEGATABLE, leaves.Leaves
    clash = CLASH + list(extra_clash)
    ap = argparse.ArgumentParser()
    ap.add_argument("--shop", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=seed)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    ref, shop = Ref(args.shop), Shop(args.shop)
    lv = Leaves(ref, rng)
    fam = iter(FAMILIES * 100)
    items: list[dict] = []
    seen: set[str] = set()
    combos: Counter = Counter()

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
            made += add(render(rng, f, "leaf", [leaf]), sorted(leaf.mask[leaf.mask].index), kind, leaf.cond, f)
    for op, want in COMBOS.items():
        made = 0
        while made < want:
            got = _combo(rng, lv, op, KINDS, NEGATABLE, clash)
            if got is None:
                continue
            tree, mask, leaves = got
            f = next(fam)
            shape = "and" if op == "and3" else op
            ok = add(render(rng, f, shape, leaves), sorted(mask[mask].index), shape, tree, f)
            made += ok
            combos[op] += ok
    unheld = list(words.DECLINES)
    rng.shuffle(unheld)
    for i in range(sum(DECLINES)):
        f = next(fam)
        beside = lv.good(rng.choice(KINDS)) if i >= DECLINES[0] else None
        what, q = decline(rng, f, beside, unheld[i % len(unheld)], field_ask=i >= DECLINES[0] + DECLINES[1] // 2)
        add(q, None, "decline", {"decline": what, "with": beside.cond if beside else None}, f)

    write_set(number, rng, items, shop, args.out, combos)


def write_set(number: int, rng: random.Random, items: list[dict], shop: Shop, out_path: Path, combos: Counter | None = None) -> None:
    """Shuffle ``items``, give them ids m<number>c001…, check every gold again with the plain-Python ``blind2_check``
    (any mismatch stops the run), write the jsonl (every row held out) and print what was written."""
    rng.shuffle(items)
    for n, item in enumerate(items, 1):
        item["id"] = f"m{number}c{n:03d}"
        if item["expected_user_ids"] is not None:
            check = answer(shop, item["conditions"])
            if check != item["expected_user_ids"]:
                raise SystemExit(f"gold mismatch on {item['id']}: {item['conditions']} pandas {len(item['expected_user_ids'])}"
                                 f" vs plain {len(check)}")
    keys = ["id", "question", "expected_user_ids", "kind", "conditions", "family"]
    with out_path.open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps({**{k: item[k] for k in keys}, "split": "heldout"}, ensure_ascii=False) + "\n")
    sizes = [len(x["expected_user_ids"]) for x in items if x["expected_user_ids"] is not None]
    print(f"{len(items)} questions -> {out_path}")
    print("kinds:", dict(Counter(x["kind"] for x in items)))
    print("families:", dict(Counter(x["family"] for x in items)))
    if combos is not None:
        print("combos:", dict(combos))
    declines = sum(x["expected_user_ids"] is None for x in items)
    print(f"declines: {declines} ({declines / len(items):.1%}); audience mean {sum(sizes) / len(sizes):.1f} "
          f"min {min(sizes)} max {max(sizes)}")

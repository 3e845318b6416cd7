"""Write the FOURTH blind marketer audience question set (line format and meanings as in
``make_marketer_questions_blind.py``'s docstring). Golds come from pandas over ``marketer_reference.Ref``
(``blind4_leaves``) and each answerable one is re-checked with ``blind2_check`` (the script stops on a mismatch).
Sentences come from ten new families (``blind4_families``).

    .venv/bin/python eval/data/make_marketer_questions_blind4.py --shop /tmp/b4shop \
        --out eval/data/marketer_questions_blind4.jsonl

Split: every line is ``heldout``, except the five families drawn by ``random.Random(2028).sample(sorted(FAMILIES), 5)``:
DEV_FAMILIES = ['chat_followup', 'forwarded', 'meeting_notes', 'mobile_lowercase', 'parenthetical'].
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from blind2_check import Shop, answer  # noqa: E402
from blind4_families import DECLINES, FAMILIES, RENDER  # noqa: E402
from blind4_leaves import KINDS, NEGATABLE, PURCHASE_IMPLYING, Draw, Leaf  # noqa: E402
from marketer_reference import Ref  # noqa: E402

DEV_FAMILIES = sorted(random.Random(2028).sample(sorted(FAMILIES), 5))
assert DEV_FAMILIES == ["chat_followup", "forwarded", "meeting_notes", "mobile_lowercase", "parenthetical"]
PLAN = {"single": 135, "and2": 62, "and3": 30, "or": 30, "and_not": 32, "not": 16, "and_or": 20, "decline": 25}


def leaf(d: Draw, kind: str) -> Leaf:
    for _ in range(50):
        x = d.draw(kind)
        if x is not None and 2 <= int(x.mask.sum()) <= 280:
            return x
    raise RuntimeError(kind)


def tree(form: str, L: list[Leaf]) -> tuple[dict, pd.Series]:
    c = [x.cond for x in L]
    m = [x.mask.astype(bool) for x in L]
    if form == "single":
        return c[0], m[0]
    if form == "and":
        return {"op": "and", "args": c}, pd.concat(m, axis=1).all(axis=1)
    if form == "or":
        return {"op": "or", "args": c}, m[0] | m[1]
    if form == "and_not":
        return {"op": "and", "args": [c[0], {"op": "not", "args": [c[1]]}]}, m[0] & ~m[1]
    if form == "not":
        return {"op": "not", "args": [c[0]]}, ~m[0]
    return {"op": "and", "args": [c[0], {"op": "or", "args": [c[1], c[2]]}]}, m[0] & (m[1] | m[2])


def distinct(kinds: list[str]) -> bool:
    return len(set(kinds)) == len(kinds)


def combo(d: Draw, g: random.Random, form: str, n: int) -> tuple[list[Leaf], dict, pd.Series]:
    for _ in range(400):
        if form == "not":
            ks = [g.choice(sorted(NEGATABLE))]
        elif form == "and_not":
            b = g.choice(sorted(NEGATABLE) + ["last_purchase_within"])
            a = g.choice(sorted(PURCHASE_IMPLYING) if b == "last_purchase_within" else KINDS)
            ks = [a, b]
        else:
            ks = g.sample(KINDS, n)
        if not distinct(ks) or {"country", "country_not"} <= set(ks):
            continue
        L = [leaf(d, k) for k in ks]
        cond, mask = tree("and" if form in ("and2", "and3") else form, L)
        size = int(mask.sum())
        if 3 <= size <= 260 and all(not x.mask.equals(mask) for x in L) or (form == "not" and 3 <= size <= 280):
            return L, cond, mask
    raise RuntimeError(form)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shop", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args()
    ref, shop = Ref(args.shop), Shop(args.shop)
    g = random.Random(4404)
    d = Draw(ref, g)
    rows: list[dict] = []
    fam_cycle: list[str] = []

    def family() -> str:
        if not fam_cycle:
            fam_cycle.extend(g.sample(FAMILIES, len(FAMILIES)))
        return fam_cycle.pop()

    jobs: list[str] = []
    for form, k in PLAN.items():
        jobs += [form] * k
    singles = [KINDS[i % len(KINDS)] for i in range(PLAN["single"])]
    for form in jobs:
        fam = family()
        if form == "decline":
            what, filt, col = g.choice(DECLINES)
            extra = g.random() < 0.55
            base = leaf(d, g.choice(KINDS)) if extra or filt is None else None
            if filt is not None and (base is None or col is None or g.random() < 0.6):
                fake = Leaf({"kind": "x"}, pd.Series(dtype=bool), [filt])
                L, f = ([base, fake], "and") if base else ([fake], "single")
                text = RENDER[fam](f, L, g)
            else:
                text = RENDER[fam]("single", [base], g)
                if fam == "chat_followup":
                    text = text.replace("thanks, just the list is fine", "thanks") + f"\n[later] oh and add {col} to the list"
                else:
                    text += ("" if text.rstrip()[-1] in ".?!)" else ".") + g.choice([f" Include {col}.", f" (need {col} too)", f" Plus {col} for each, please."])
                if fam == "mobile_lowercase":
                    text = text.lower()
            rows.append({"question": text, "expected_user_ids": None, "kind": "decline",
                         "conditions": {"decline": what, "with": base.cond if base else None}, "family": fam})
            continue
        if form == "single":
            L = [leaf(d, singles.pop())]
            cond, mask = tree("single", L)
            kind = L[0].kind
        else:
            L, cond, mask = combo(d, g, form, 3 if form in ("and3", "and_or") else 2)
            kind = "and" if form.startswith("and") and form not in ("and_not", "and_or") else form
        text = RENDER[fam]("and" if form in ("and2", "and3") else form, L, g)
        gold = sorted(mask[mask].index)
        check = answer(shop, cond)
        if gold != check:
            raise SystemExit(f"MISMATCH {cond}: pandas {len(gold)} vs plain {len(check)}")
        rows.append({"question": text, "expected_user_ids": gold, "kind": kind, "conditions": cond, "family": fam})
    g.shuffle(rows)
    with args.out.open("w", encoding="utf-8") as fh:
        for i, r in enumerate(rows, 1):
            r = {"id": f"m4c{i:03d}", **r, "split": "dev" if r["family"] in DEV_FAMILIES else "heldout"}
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            rows[i - 1] = r
    sizes = [len(r["expected_user_ids"]) for r in rows if r["expected_user_ids"] is not None]
    print("total", len(rows), "declines", sum(r["kind"] == "decline" for r in rows), "dev families", DEV_FAMILIES)
    for key in ("kind", "family", "split"):
        print(key, dict(sorted(Counter(r[key] for r in rows).items())))
    print(f"audience size mean {statistics.mean(sizes):.1f} min {min(sizes)} max {max(sizes)}")


if __name__ == "__main__":
    main()

"""Write a BLIND marketer audience question set: plain-English audience questions, phrased without any
knowledge of how Portrait's reader works, each with the exact set of customer ids it should return
(computed here in pandas from a shop folder's ``events.jsonl`` / ``products.jsonl`` through
``marketer_reference.Ref``, never by Portrait's code). The parts: ``blind_words`` (surface forms, the Leaf),
``blind_leaves`` (each condition kind's mask and phrasings), ``blind_world`` (the shop's facts, draws),
``blind_writer`` (sentence families, declines); this file plans the mix and writes the set.

    .venv/bin/portrait generate-demo --out /tmp/bshop
    .venv/bin/python eval/data/make_marketer_questions_blind.py --shop /tmp/bshop \
        --out eval/data/marketer_questions_blind.jsonl

A line: {"id", "question", "expected_user_ids", "kind", "conditions", "family", "split"}

- ``expected_user_ids``: sorted customer ids, or null when the question asks for something the shop does
  not hold (contact details, demographics, household facts, campaign / channel data): it must be declined;
- ``kind``: the leaf condition kind of a one-condition question; ``and`` / ``or`` / ``and_not`` / ``not`` /
  ``and_or`` for combinations (``and_or`` = A and (B or C)); ``decline`` for declines;
- ``conditions``: the condition tree, e.g. {"op": "and", "args": [{"kind": "country", "country": "Germany"},
  {"op": "not", "args": [{"kind": "bought_category", "category": "kitchen"}]}]}; for declines,
  {"decline": what is missing, "with": the answerable part or null};
- ``family``: the sentence shape it was written in; ``split``: ``heldout`` for the families in HELDOUT,
  ``dev`` otherwise.

Meanings (the gold implements exactly these; a phrasing is only used where the plausible readings agree):

- customers = every user_id in events.jsonl. **data clock** = the newest event ``ts`` in the shop.
- "in the last N days" = ``ts >= clock - N x 24h`` (rolling). Windows where the calendar-day readings
  (midnight of the clock's day minus N days, or minus N-1 days) select the same customers are preferred;
  where they don't, the leaf says ``"calendar_agrees": false`` in ``conditions``. "a week" = 7,
  "a fortnight" / "two weeks" = 14, "three weeks" = 21, "six weeks" = 42 days, "a month" / "three months"
  only where every length from 28-31 / 89-92 days selects the same customers.
- "before D" = ``ts < D 00:00 UTC``; "after D" = ``ts >= (D+1) 00:00``; "since D" = ``ts >= D 00:00``; only
  dates on which no customer was first seen are used, so all readings agree.
- **country** = the country on the customer's purchases (``attrs.country``; the most frequent, ties
  alphabetical). Customers who never bought have no country: they are in no country, and "outside X"
  questions are phrased about buyers / orders (buyers whose country is not X).
- **first seen** = oldest event of any type; **last seen / active** = newest event of any type.
- **bought** = a purchase event (whatever was returned later); product / category / brand from products.jsonl.
- **orders** = distinct ``attrs.order_id`` of purchases. **net spend** = purchases' price x quantity minus
  returns' price x quantity. Plain "spent" means net spend too, but is only written where gross and net
  spend select the same customers (else the question says "after returns" / "net"). **average order value**
  = gross purchase amount / orders (returns do not lower it; customers without orders have none).
- **returns / reviews / support messages** = number of return / review / support_message events.
  "returned N+ items" is only written where counting quantities selects the same customers.
- **viewed but never bought X** = a view of X (a cart add counts only where it changes nothing) and no
  purchase of X; with a window, both in the window, only used where "never bought at all" agrees.
- **ratings** = ``rating`` of review events: lowest, highest, mean, latest (by ts). Customers without
  ratings match no rating condition.
- "haven't bought in N days" (not(bought within N days)) is only combined with a condition that implies a
  purchase (so "lapsed buyer" and the literal complement agree). Other negations are complements over all
  customers ("never bought kitchen" includes customers who never bought anything).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from blind_words import FAMILIES, HELDOUT, KINDS, Leaf, MOD_KINDS, SEED, group  # noqa: E402
from blind_world import World  # noqa: E402
from blind_writer import Writer, decline, render  # noqa: E402

PLAN = [("single", 115), ("and", 62), ("and3", 26), ("or", 24), ("and_not", 26), ("not", 12), ("and_or", 14)]
N_DECLINE = 22


def build(folder: Path, seed: int) -> list[dict[str, Any]]:  # noqa: PLR0912, PLR0915
    rng = random.Random(seed)
    world = World(folder, rng)
    w = Writer(rng)
    fam_cycle = FAMILIES[:]
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    seen_q: set[str] = set()

    def draw(kinds: list[str], pred=lambda leaf: True) -> Leaf:
        for _ in range(200):
            leaf = world.draw(rng.choice(kinds))
            if leaf is not None and pred(leaf):
                return leaf
        raise RuntimeError(f"no leaf from {kinds}")

    def family() -> str:
        return fam_cycle[len(out) % len(fam_cycle)] if rng.random() < 0.6 else rng.choice(FAMILIES)

    def add(op: str, kind: str, leaves: list[Leaf], mask: pd.Series, cond: dict[str, Any]) -> bool:
        key = json.dumps(cond, sort_keys=True)
        if key in seen:
            return False
        fam = family()
        text = render(fam, "and" if op == "and3" else op, leaves, w)
        if text in seen_q:
            return False
        seen.add(key)
        seen_q.add(text)
        ids = sorted(m for m, v in mask.items() if v)
        out.append({"question": text, "expected_user_ids": ids, "kind": kind, "conditions": cond, "family": fam})
        return True

    single_kinds = KINDS + ["rating", "rating", "rating", "last_seen_within", "last_purchase_within", "net_spend_under"]
    for op, n in PLAN:
        made = slot = tries = 0
        while made < n:
            if op == "single":
                kind = single_kinds[slot % len(single_kinds)]  # round robin: retry a kind (up to 40 times) until it yields
                leaf = world.draw(kind)
                tries += 1
                if leaf is not None and add(op, leaf.kind, [leaf], leaf.mask, leaf.cond()):
                    made += 1
                    slot, tries = slot + 1, 0
                elif tries >= 40:
                    slot, tries = slot + 1, 0
                continue
            if op in ("and", "and3", "and_or"):
                a = draw(MOD_KINDS, lambda lf: bool(lf.mods or lf.pres))
                rest = [draw(KINDS, lambda lf, a=a: group(lf.kind) != group(a.kind)) for _ in range(1 if op == "and" else 2)]
                if op != "and" and group(rest[0].kind) == group(rest[1].kind):
                    continue
                leaves = [a, *rest]
                if op == "and_or":
                    bc = rest[0].mask | rest[1].mask
                    mask = a.mask & bc
                    parts = [a.mask, bc, rest[0].mask & a.mask, rest[1].mask & a.mask]
                    cond = {"op": "and", "args": [a.cond(), {"op": "or", "args": [rest[0].cond(), rest[1].cond()]}]}
                else:
                    mask = a.mask.copy()
                    for leaf in rest:
                        mask &= leaf.mask
                    if op == "and":
                        parts = [a.mask, rest[0].mask]
                    else:
                        parts = [a.mask & rest[0].mask, a.mask & rest[1].mask, rest[0].mask & rest[1].mask]
                    cond = {"op": "and", "args": [leaf.cond() for leaf in leaves]}
                if not world.ok(mask, 1) or any(p.equals(mask) for p in parts):
                    continue
                made += add(op, "and" if op == "and3" else op, leaves, mask, cond)
            elif op == "or":
                a, b = draw(KINDS), draw(KINDS)
                if group(a.kind) == group(b.kind):
                    continue
                mask = a.mask | b.mask
                if not world.ok(mask, 1) or mask.equals(a.mask) or mask.equals(b.mask):
                    continue
                made += add(op, op, [a, b], mask, {"op": "or", "args": [a.cond(), b.cond()]})
            elif op == "and_not":
                a = draw(KINDS)
                b = draw(KINDS, lambda lf, a=a: bool(lf.negs) and group(lf.kind) != group(a.kind) and (a.implies_purchase or not lf.neg_needs_purchase))
                mask = a.mask & ~b.mask
                if not world.ok(mask, 1) or mask.equals(a.mask):
                    continue
                made += add(op, op, [a, b], mask, {"op": "and", "args": [a.cond(), {"op": "not", "args": [b.cond()]}]})
            elif op == "not":
                a = draw(KINDS, lambda lf: bool(lf.negs) and not lf.neg_needs_purchase)
                mask = ~a.mask
                if not world.ok(mask, 1) or mask.sum() > 0.85 * world.n:
                    continue
                made += add(op, op, [a], mask, {"op": "not", "args": [a.cond()]})
    # declines
    made = 0
    while made < N_DECLINE:
        leaf = draw(KINDS) if rng.random() < 0.75 else None
        fam = family()
        missing, text = decline(leaf, fam, w)
        if text in seen_q:
            continue
        seen_q.add(text)
        out.append({"question": text, "expected_user_ids": None, "kind": "decline",
                    "conditions": {"decline": missing, "with": leaf.cond() if leaf else None}, "family": fam})
        made += 1
    rng.shuffle(out)
    rows = []
    for i, row in enumerate(out, 1):
        rows.append({"id": f"mb{i:03d}", "question": row["question"], "expected_user_ids": row["expected_user_ids"],
                     "kind": row["kind"], "conditions": row["conditions"], "family": row["family"],
                     "split": "heldout" if row["family"] in HELDOUT else "dev"})
    return rows


def leaf_kinds(cond: dict[str, Any]) -> list[str]:
    if "kind" in cond:
        return [cond["kind"]]
    if "decline" in cond:
        return ["decline"]
    return [k for arg in cond["args"] for k in leaf_kinds(arg)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shop", type=Path, default=Path("/tmp/bshop"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "marketer_questions_blind.jsonl")
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args()
    rows = build(args.shop, args.seed)
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} questions -> {args.out}")
    for name, counter in (("kind", Counter(r["kind"] for r in rows)), ("family", Counter(r["family"] for r in rows)),
                          ("split", Counter(r["split"] for r in rows)),
                          ("leaf kind (in any question)", Counter(k for r in rows for k in leaf_kinds(r["conditions"])))):
        print(f"-- per {name}:")
        for key, n in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"   {key:28s} {n}")
    sizes = [len(r["expected_user_ids"]) for r in rows if r["expected_user_ids"] is not None]
    print(f"-- answer sizes: min {min(sizes)}, median {sorted(sizes)[len(sizes) // 2]}, max {max(sizes)}; "
          f"declines {sum(r['expected_user_ids'] is None for r in rows)}")


if __name__ == "__main__":
    main()

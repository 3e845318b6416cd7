"""Write the THIRD blind marketer audience question set: marketer-style requests in ten sentence families, each
with the exact customers it should return, computed in pandas (``marketer_reference.Ref``) and re-checked
with the plain-Python ``blind2_check`` (the script stops on any mismatch). Written without any knowledge of
how Portrait reads sentences. Parts: ``blind3_leaves`` (the shop's facts, one condition's mask and
parameters), ``blind3_words`` (a condition's surface forms), ``blind3_families`` (the ten families).

    .venv/bin/portrait generate-demo --out /tmp/b3shop
    .venv/bin/python eval/data/make_marketer_questions_blind3.py --shop /tmp/b3shop \
        --out eval/data/marketer_questions_blind3.jsonl

Line format and meanings: as in ``make_marketer_questions_blind.py`` (docstring). Decisions of this set:
"at most N orders" / "fewer than N orders" are always written with "including people with none"; spend under
X is asked of buyers only ("have bought something but spent less than X"); "spent" is written only where
gross and net agree, else "after returns" / "net"; counts of returns are "returns", never items; windows are
only drawn where the rolling and both calendar-day readings agree; "everyone except ..." is the complement
over all customers; "haven't bought in N days" is only written beside a condition that implies a purchase.

Split: DEV_FAMILIES = random.Random(2027).sample(sorted(FAMILIES), 5) are ``dev``, the rest ``heldout``.
DEV_FAMILIES = ['campaign_brief', 'conditional_prose', 'segment_def', 'terse_nonnative', 'voice_chat'].
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind2_check import Shop, answer  # noqa: E402
from blind3_families import FAMILIES, RENDER, Extra  # noqa: E402
from blind3_leaves import BUYER_KINDS, KINDS, Leaf, World  # noqa: E402
from marketer_reference import Ref  # noqa: E402

SEED = 3303
DEV_FAMILIES = sorted(random.Random(2027).sample(sorted(FAMILIES), 5))
PLAN = {"single": 125, "and2": 62, "and3": 30, "or": 30, "and_not": 36, "not": 12, "and_or": 22, "decline": 25}
NOT_KINDS = ["bought_category", "bought_brand", "bought_product", "returned", "reviewed", "last_seen_within",
             "orders", "support_count", "reviews_count", "net_spend_over"]
MISSING = [  # (what is missing, relative clause, filter form)
    ("age", "are aged between 25 and 34", "age BETWEEN 25 AND 34"),
    ("age", "are over 60 years old", "age > 60"),
    ("gender", "are women", "gender = 'F'"),
    ("gender", "are male", "gender = male"),
    ("income", "earn more than 60k a year", "household_income > 60000"),
    ("household", "have children living at home", "kids_in_household >= 1"),
    ("household", "live in a household of four or more people", "household_size >= 4"),
    ("date of birth", "have their birthday in November", "birth_month = 11"),
    ("home city", "live in Manchester", "home_city = 'Manchester'"),
    ("home city", "are based in the city of Munich", "city = Munich"),
    ("social media", "follow us on Instagram", "instagram_follower = true"),
    ("email opens", "opened our last newsletter", "newsletter_opened = 1"),
    ("ad clicks", "clicked one of our Facebook ads", "fb_ad_clicks > 0"),
    ("acquisition channel", "came to us through Google Ads", "acquisition_channel = 'google_ads'"),
    ("acquisition channel", "signed up via the TikTok campaign", "utm_source = tiktok"),
]
MARKS = {"age": ["25 and 34", "60"], "gender": ["women", "male", "'F'"], "income": ["60k", "60000"],
         "household": ["children", "kids", "household"], "date of birth": ["birthday", "birth"],
         "home city": ["Manchester", "Munich"], "social media": ["Instagram"], "email opens": ["newsletter"],
         "ad clicks": ["Facebook", "fb_ad"], "acquisition channel": ["Google", "google_ads", "tiktok"],
         "phone numbers": ["phone", "mobile"], "email addresses": ["email"], "home addresses": ["postal"]}
OUTPUTS = [("phone numbers", "their phone numbers", "phone_number"), ("email addresses", "their email addresses", "email"),
           ("home addresses", "their postal addresses", "postal_address"),
           ("social media", "their Instagram handles", "instagram_handle"),
           ("date of birth", "their dates of birth", "date_of_birth"),
           ("phone numbers", "a mobile number for each of them", "mobile_number")]


class Planner:
    def __init__(self, world: World, rng: random.Random) -> None:
        self.w, self.rng, self.seen = world, rng, set()

    def leaf(self, avoid: set, lo: int = 3, hi: int = 280, kinds: list | None = None) -> Leaf:
        pool = [k for k in (kinds or KINDS) if k not in avoid]
        if {"country", "country_not"} & avoid:
            pool = [k for k in pool if k not in ("country", "country_not")]
        return self.w.draw(self.rng.choice(pool), lo, hi)

    def combo(self, shape: str) -> tuple[list, list, pd.Series, dict] | None:
        n = {"and2": 2, "and3": 3, "or": 2, "and_not": 2, "and_or": 3, "not": 1}[shape]
        leaves: list[Leaf] = []
        for i in range(n):
            kinds = NOT_KINDS if shape == "not" else None
            if shape == "and_not" and i == 1 and leaves[0].kind in BUYER_KINDS and self.rng.random() < 0.2:
                kinds = ["last_purchase_within"]
            leaves.append(self.leaf({x.kind for x in leaves}, 5, 270, kinds))
        if shape == "and_not" and leaves[1].kind == "last_purchase_within" and leaves[0].kind not in BUYER_KINDS:
            return None
        m = [x.mask for x in leaves]
        c = [x.cond for x in leaves]
        if shape in ("and2", "and3"):
            inc, exc, mask, cond = [[x] for x in leaves], [], m[0] & m[1] & (m[2] if n == 3 else True), {"op": "and", "args": c}
            parts = m
        elif shape == "or":
            inc, exc, mask, cond = [leaves], [], m[0] | m[1], {"op": "or", "args": c}
            parts = m
        elif shape == "and_not":
            inc, exc, mask = [[leaves[0]]], [leaves[1]], m[0] & ~m[1]
            cond, parts = {"op": "and", "args": [c[0], {"op": "not", "args": [c[1]]}]}, [m[0], ~m[1]]
        elif shape == "not":
            inc, exc, mask, cond, parts = [], [leaves[0]], ~m[0], {"op": "not", "args": [c[0]]}, []
        else:
            inc, exc, mask = [[leaves[0]], leaves[1:]], [], m[0] & (m[1] | m[2])
            cond = {"op": "and", "args": [c[0], {"op": "or", "args": [c[1], c[2]]}]}
            parts = [m[0], m[0] & m[1], m[0] & m[2], m[1] | m[2]]
        size = int(mask.sum())
        if not 3 <= size <= 290 or any(mask.equals(p) for p in parts):
            return None
        return inc, exc, mask, cond

    def question(self, shape: str, family: str) -> tuple[str, dict, pd.Series | None, str]:
        rng = self.rng
        for _ in range(400):
            decoy, x = None, None
            if shape == "decline":
                what, clause, filt = rng.choice(MISSING)
                alone = rng.random() < 0.4
                base = None if alone else self.combo("and2") if rng.random() < 0.3 else None
                if not alone and base is None:
                    lf = self.leaf(set())
                    base = ([[lf]], [], lf.mask, lf.cond)
                if not alone and rng.random() < 0.5:
                    what, out, col = rng.choice(OUTPUTS)
                    x = Extra(output=out, col=col)
                else:
                    x = Extra(cond=clause, bi=filt)
                if base is None:
                    inc, exc, cond = [], [], None
                else:
                    inc, exc, _, cond = base
                text = RENDER[family](inc, exc, rng, x)
                if not any(w.lower() in text.lower() for w in MARKS[what]):
                    raise SystemExit(f"decline text lost its missing part ({what}): {text}")
                key = text
                conds = {"decline": what, "with": cond}
                if key in self.seen:
                    continue
                self.seen.add(key)
                return text, conds, None, "decline"
            if shape == "single":
                raise RuntimeError("singles are drawn by kind")
            got = self.combo(shape)
            if got is None:
                continue
            inc, exc, mask, cond = got
            key = json.dumps(cond, sort_keys=True)
            if key in self.seen:
                continue
            if family == "correction" and inc and len(inc[0]) == 1 and rng.random() < 0.6:
                decoy = self.decoy(inc[0][0])
            text = self.render(family, inc, exc, decoy)
            self.seen.add(key)
            kind = {"and2": "and", "and3": "and"}.get(shape, shape)
            return text, cond, mask, kind
        raise RuntimeError(f"cannot draw {shape}")

    def single(self, kind: str, family: str) -> tuple[str, dict, pd.Series, str]:
        for _ in range(200):
            lf = self.w.draw(kind)
            key = json.dumps(lf.cond, sort_keys=True)
            if key in self.seen and self.rng.random() < 0.9:
                continue
            self.seen.add(key)
            decoy = self.decoy(lf) if family == "correction" and self.rng.random() < 0.7 else None
            return self.render(family, [[lf]], [], decoy), lf.cond, lf.mask, kind
        raise RuntimeError(kind)

    def decoy(self, right: Leaf) -> tuple | None:
        for _ in range(30):
            wrong = self.w.draw(right.kind)
            if wrong.cond != right.cond and not wrong.mask.equals(right.mask):
                return 0, wrong
        return None

    def render(self, family: str, inc: list, exc: list, decoy: tuple | None) -> str:
        if family == "correction":
            return RENDER[family](inc, exc, self.rng, None, decoy)
        return RENDER[family](inc, exc, self.rng, None)


def build(shop: Path) -> list[dict]:
    ref = Ref(shop)
    rng = random.Random(SEED)
    world = World(ref, rng)
    planner = Planner(world, rng)
    jobs = [("single", k) for k in KINDS for _ in range(PLAN["single"] // len(KINDS))]
    jobs += [(shape, None) for shape, n in PLAN.items() if shape != "single" for _ in range(n)]
    rng.shuffle(jobs)
    n_decl = PLAN["decline"]
    decl_fams = rng.sample(FAMILIES * 3, n_decl)  # declines spread over every family (2-3 each)
    per_family = Counter(decl_fams)
    rest = [f for f in FAMILIES for _ in range(-(-len(jobs) // len(FAMILIES)) - per_family[f])]
    rng.shuffle(rest)
    fams = [decl_fams.pop() if shape == "decline" else rest.pop() for shape, _ in jobs]
    check = Shop(shop)
    rows = []
    for i, ((shape, kind), fam) in enumerate(zip(jobs, fams), 1):
        if shape == "single":
            text, cond, mask, k = planner.single(kind, fam)
        else:
            text, cond, mask, k = planner.question(shape, fam)
        ids = None if mask is None else sorted(mask[mask].index)
        if ids is not None and answer(check, cond) != ids:
            raise SystemExit(f"gold mismatch on m3c{i:03d}: {cond}")
        if ids is not None and not 1 <= len(ids) < len(ref.users):
            raise SystemExit(f"trivial answer on m3c{i:03d}: {cond}")
        if k == "decline" and cond["with"] is not None:
            with_ids = answer(check, cond["with"])
            assert 1 <= len(with_ids) < len(ref.users)
        rows.append({"id": f"m3c{i:03d}", "question": text, "expected_user_ids": ids, "kind": k, "conditions": cond,
                     "family": fam, "split": "heldout"})
    for row in rows:
        row["split"] = "dev" if row["family"] in DEV_FAMILIES else "heldout"
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shop", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    rows = build(a.shop)
    with open(a.out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    sizes = [len(r["expected_user_ids"]) for r in rows if r["expected_user_ids"] is not None]
    leaf_kinds: Counter = Counter()

    def walk(c: dict | None) -> None:
        if not c:
            return
        if "kind" in c:
            leaf_kinds[c["kind"]] += 1
        for arg in c.get("args", []):
            walk(arg)
        walk(c.get("with"))
    for r in rows:
        walk(r["conditions"])
    print(f"{len(rows)} questions -> {a.out}; DEV_FAMILIES = {DEV_FAMILIES}")
    print("kind:", dict(Counter(r["kind"] for r in rows)))
    print("leaf kinds (all questions):", dict(sorted(leaf_kinds.items())))
    print("family:", dict(Counter(r["family"] for r in rows)))
    print("split:", dict(Counter(r["split"] for r in rows)))
    print(f"declines: {sum(r['expected_user_ids'] is None for r in rows)}; audience size mean "
          f"{sum(sizes) / len(sizes):.1f}, min {min(sizes)}, max {max(sizes)}")


if __name__ == "__main__":
    main()

"""Write the marketer question set (issue 21): audience questions in many sentence shapes, with the
expected customers computed here in pandas straight from a shop's files (never by Portrait's code).

A line: {"id", "question", "expected_user_ids", "kind", "conditions", "family", "split", "topic"?}

- ``expected_user_ids``: the sorted customer ids, or null: the question asks for data the shop does not
  hold (contact details, income, pets, age, social media, family ...) and must be refused;
- ``kind``: the leaf condition kind for one condition, else the combination, e.g.
  ``and(bought_category,country)`` or ``and(country,not(returned_any))``; ``conditions``: its leaf kinds;
  ``refuse`` for refusals;
- ``family``: the sentence shape; ``split``: about a third of the families, drawn by
  ``random.Random(HELDOUT_SEED)`` over the sorted family names, are ``heldout`` (every question of them),
  the rest ``dev``. Every single-condition kind appears in both splits.

Meanings: those documented at the top of retrieval/audience/query.py, re-implemented here from scratch:

- a customer = anyone with at least one event; data clock = the newest event. "in the last N days" =
  ``ts >= clock - N x 24h``; "more than N days ago" = ``ts < clock - N x 24h``; "before D" =
  ``ts < D 00:00 UTC``; "since D" / "on or after D" = ``ts >= D 00:00``.
- country: the most common ``attrs.country`` over the customer's purchases (over all their events when no
  purchase has one); ties go to the alphabetically first.
- first seen = oldest event, last seen = newest event, last purchase = newest purchase (customers without
  purchases match no last-purchase condition; "haven't ordered in N days" = not(last purchase within N
  days) and includes people who never ordered).
- orders = distinct ``attrs.order_id`` of purchases (``invoice``, else the purchase's UTC day, when
  missing); net spend = sum price x quantity (missing quantity = 1) of purchases minus returns ("spent"
  always means net spend); average order value = purchase amount / orders (no orders: matches nothing);
  returns / reviews / support messages = number of events of that type.
- bought / returned / reviewed X = at least one purchase / return / review of a product of category X,
  brand X or the product titled X (optionally within the last N days); browsed X without buying = at
  least one view or cart of X and no purchase of X (both within the window when one is given).
- ratings (latest / lowest / highest / average) are over the customer's review events with a rating;
  customers without a rated review match no rating condition.
- "and" / "or" / "not" combine conditions; "never bought X" = not(bought X).

Thresholds come from the data (quantiles rounded to round numbers). Profile labels, support intents and
"likely to buy" are left out (they need built models).

Regenerate (SHOP_DIR = the folder ``portrait generate-demo --out SHOP_DIR`` writes with its defaults):

    .venv/bin/portrait generate-demo --out /tmp/qshop
    .venv/bin/python eval/data/make_marketer_questions.py /tmp/qshop eval/data/marketer_questions.jsonl

It prints counts per kind / family / split and the share of refusals, and fails on an empty question.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

SEED = 21
HELDOUT_SEED = 2026
PER_LEAF = 7
COMBOS = 115


sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules, however this file is loaded
from marketer_reference import ADJ, Leaf, Leaves, Ref, place  # noqa: E402


LEAF_KINDS = ["country", "country_or", "country_not", "first_seen_within", "first_seen_before", "last_seen_within", "last_purchase_within",
              "last_purchase_more", "orders_at_least", "orders_fewer", "orders_exactly_one", "net_spend_over", "net_spend_under", "aov_over",
              "returns_at_least", "reviews_any", "reviews_at_least", "support_at_least", "bought_category", "bought_category_within",
              "bought_brand", "bought_product", "browsed_not_bought", "returned_category", "reviewed_category", "reviewed_brand",
              "rating_latest_low", "rating_min_low", "rating_avg_high", "rating_max_five"]
NEGATABLE = ["last_seen_within", "last_purchase_within", "returns_at_least", "reviews_any", "bought_category", "bought_brand", "support_at_least",
             "orders_at_least", "returned_category", "bought_category_within"]

# sentence shapes: {N} noun phrase (plural or singular), {VP} verb phrase (agreeing), {MOD} modifier
FAMILIES: dict[str, dict[str, Any]] = {
    "which_customers": {"number": "pl", "t": "Which {N} {VP}?", "n": ["customers", "shoppers"]},
    "who_sg": {"number": "sg", "t": "Who {VP}?", "n": None},
    "pull_up_every": {"number": "sg", "t": "Pull up every {N} who {VP}.", "n": ["customer", "shopper"]},
    "find_pl": {"number": "pl", "t": "Find {N} who {VP}.", "n": ["customers", "people"]},
    "give_everyone": {"number": "sg", "t": "Give me everyone who {VP}.", "n": None},
    "how_many": {"number": "pl", "t": "How many {N} {VP}?", "n": ["customers", "shoppers"]},
    "terse_list": {"number": "pl", "t": "{N} who {VP}", "n": ["customers", "shoppers"]},
    "i_need_list": {"number": "pl", "t": "I need a list of all {N} who {VP}.", "n": ["shoppers", "customers"]},
    "campaign_segment": {"number": "pl", "t": "For the next promo, build me a segment of {N} who {VP}.", "n": ["customers", "buyers"]},
    "show_people_that": {"number": "pl", "t": "Can you show me the {N} that {VP}?", "n": ["people", "customers"]},
    "anyone_who": {"number": "sg", "t": "Is there anyone who {VP}? List them all.", "n": None},
    "chatty_favour": {"number": "pl", "t": "Hey, quick favour — could you get me the {N} who {VP}? Thanks!", "n": ["shoppers", "customers"]},
    "mod_please": {"number": "mod", "t": "{N} {MOD}, please.", "n": ["Customers", "All shoppers"]},
    "topic_first": {"number": "pl", "t": "{N} that {VP} — who are they?", "n": ["Customers", "Shoppers"]},
    "tell_me_which": {"number": "pl", "t": "Tell me which {N} {VP}.", "n": ["customers", "shoppers"]},
    "mod_list_everyone": {"number": "mod", "t": "List every {N} {MOD}.", "n": ["customer", "account"]},
}
AGREE = {"pl": dict(have="have", are="are", do="do", s="", their="their"), "sg": dict(have="has", are="is", do="does", s="s", their="their")}
# a customer "whose"/"with" phrase used with a singular noun: fix "who have" inside modifiers
SG_MOD_FIX = {"who have ": "who has ", "who own ": "who owns "}


def _draw_heldout(names: list[str], seed: int) -> set[str]:
    names = sorted(names)
    return set(random.Random(seed).sample(names, round(len(names) / 3)))


HELDOUT = _draw_heldout(list(FAMILIES), HELDOUT_SEED)


def split_of(family: str) -> str:
    return "heldout" if family in HELDOUT else "dev"


REFUSE_VP = ["own{s} a dog", "earn{s} more than 50,000 a year", "{are} older than 40", "{have} more than 1,000 Instagram followers",
             "{are} married", "{have} young children", "{are} women under 30", "{have} a university degree", "own{s} a house",
             "vote{s} for the Greens", "{have} a cat", "follow{s} us on TikTok"]
REFUSE_MOD = ["with a salary above 3,000 a month", "with pets", "aged 25 to 35", "with an Instagram account", "with kids at home",
              "with a home address in Berlin"]
CONTACT_TAIL = [" Include their phone numbers.", " And give me their email addresses.", " I need their home addresses too.",
                " Export their emails and phone numbers."]


def phrase(leaves: list[tuple[Leaf, bool]], joiner: str, family: str, rng: random.Random) -> str | None:
    """One sentence for the conjunction / disjunction of leaves (bool = negated) in a family's shape."""
    spec = FAMILIES[family]
    number = spec["number"]
    noun = rng.choice(spec["n"]) if spec["n"] else ""
    country_leaf = next((leaf for leaf, neg in leaves if leaf.kind == "country" and not neg), None)
    parts = list(leaves)
    if country_leaf is not None and spec["n"] and joiner == "and" and len(leaves) > 1 and rng.random() < 0.6:
        parts = [(leaf, neg) for leaf, neg in leaves if leaf is not country_leaf]
        c = country_leaf.country
        if c in ADJ and rng.random() < 0.5 and not noun[0].isupper():
            noun = f"{ADJ[c]} {noun}"
        elif c in ADJ and rng.random() < 0.5:
            noun = f"{noun} {rng.choice(['from', 'in', 'based in'])} {place(c)}"
        else:
            noun = f"{noun} from {place(c)}"
    agree = AGREE["sg" if number == "sg" else "pl"]
    if number == "mod":
        if any(neg or not leaf.mod for leaf, neg in parts):
            return None
        mods = [rng.choice(leaf.mod) for leaf, _ in parts]
        mod = f" {joiner} ".join(mods)
        if noun in ("customer", "account"):
            for a, b in SG_MOD_FIX.items():
                mod = mod.replace(a, b)
        text = spec["t"].format(N=noun, MOD=mod)
    else:
        vps = []
        for leaf, neg in parts:
            options = leaf.neg if neg else leaf.vp
            if not options:
                return None
            vps.append(rng.choice(options).format(**agree))
        vp = f" {joiner} ".join(vps) if len(vps) < 3 else ", ".join(vps[:-1]) + f" {joiner} " + vps[-1]
        text = spec["t"].format(N=noun, VP=vp)
    return text[0].upper() + text[1:] if family != "terse_list" else text


def kind_label(leaves: list[tuple[Leaf, bool]], joiner: str) -> str:
    names = sorted(f"not({leaf.kind})" if neg else leaf.kind for leaf, neg in leaves)
    return names[0] if len(names) == 1 else f"{joiner}({','.join(names)})"


def build(ref: Ref, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    leaves = Leaves(ref, rng)
    families = sorted(FAMILIES)
    dev = [f for f in families if split_of(f) == "dev"]
    held = [f for f in families if split_of(f) == "heldout"]
    rows: list[dict] = []

    def emit(parts: list[tuple[Leaf, bool]], joiner: str, family_pool: list[str]) -> bool:
        for _ in range(30):
            family = rng.choice(family_pool)
            text = phrase(parts, joiner, family, rng)
            if text:
                masks = [~leaf.mask if neg else leaf.mask for leaf, neg in parts]
                mask = masks[0]
                for m in masks[1:]:
                    mask = (mask & m) if joiner == "and" else (mask | m)
                rows.append({"question": text, "expected_user_ids": sorted(mask[mask].index), "kind": kind_label(parts, joiner),
                             "conditions": sorted({leaf.kind for leaf, _ in parts}), "family": family})
                return True
        return False

    for kind in LEAF_KINDS:  # single conditions, both splits
        for n in range(PER_LEAF):
            pool = held if n in (0, 3) else dev
            for _ in range(10):
                leaf = leaves.draw(kind)
                if 0 < leaf.mask.sum() < len(ref.users) and emit([(leaf, False)], "and", pool):
                    break
    # negations alone
    for kind in NEGATABLE:
        for n in range(2):
            for _ in range(10):
                leaf = leaves.draw(kind)
                if 0 < (~leaf.mask).sum() < len(ref.users) and emit([(leaf, True)], "and", held if n == 0 else dev):
                    break
    # combinations
    made = 0
    tries = 0
    while made < COMBOS and tries < COMBOS * 20:
        tries += 1
        size = rng.choice([2, 2, 2, 3])
        kinds = rng.sample(LEAF_KINDS, size)
        if rng.random() < 0.4 and "country" not in kinds:
            kinds[0] = "country"
        if len({k.split("_")[0] for k in kinds}) < size:
            continue
        joiner = "or" if rng.random() < 0.15 else "and"
        parts = []
        for k in kinds:
            negate = joiner == "and" and k in NEGATABLE and rng.random() < 0.3 and not any(neg for _, neg in parts)
            parts.append((leaves.draw(k), negate))
        if joiner == "or" and any(leaf.kind.startswith("country") for leaf, _ in parts):
            continue
        masks = [~leaf.mask if neg else leaf.mask for leaf, neg in parts]
        mask = masks[0]
        for m in masks[1:]:
            mask = (mask & m) if joiner == "and" else (mask | m)
        if not 0 < mask.sum() < len(ref.users):
            continue
        if emit(parts, joiner, held if made % 3 == 0 else dev):
            made += 1
    # refusals
    total = len(rows)
    n_refuse = max(20, round(0.07 * total))
    for n in range(n_refuse):
        family = families[n % len(families)]
        spec = FAMILIES[family]
        agree = AGREE["sg" if spec["number"] == "sg" else "pl"]
        noun = rng.choice(spec["n"]) if spec["n"] else ""
        if n % 4 == 3:  # a real audience, asking for contact details
            for _ in range(30):
                leaf = leaves.draw(rng.choice(["bought_category", "country", "returns_at_least", "orders_at_least", "last_purchase_within"]))
                text = phrase([(leaf, False)], "and", family, rng)
                if text:
                    break
            if not text:
                continue
            text = text.rstrip() + rng.choice(CONTACT_TAIL)
            topic = "contact"
        elif spec["number"] == "mod":
            text = spec["t"].format(N=noun, MOD=rng.choice(REFUSE_MOD))
            topic = "attribute"
        else:
            vp = rng.choice(REFUSE_VP).format(**agree)
            if rng.random() < 0.4:
                leaf = leaves.draw(rng.choice(["bought_category", "country", "orders_at_least"]))
                if leaf.vp:
                    vp = rng.choice(leaf.vp).format(**agree) + " and " + vp
            text = spec["t"].format(N=noun, VP=vp)
            text = text[0].upper() + text[1:] if family != "terse_list" else text
            topic = "attribute"
        rows.append({"question": text, "expected_user_ids": None, "kind": "refuse", "conditions": [], "family": family, "topic": topic})
    out, seen = [], set()
    for row in rows:
        if row["question"].lower() in seen:
            continue
        seen.add(row["question"].lower())
        row["split"] = split_of(row["family"])
        n = len(out)
        out.append({"id": f"m{n:03d}", **row})
    return out


def check(rows: list[dict]) -> None:
    print(f"{len(rows)} questions; splits: {dict(Counter(r['split'] for r in rows))}")
    refuse = sum(r["expected_user_ids"] is None for r in rows)
    print(f"refusals: {refuse} ({refuse / len(rows):.1%})")
    leaf_kinds = Counter(k for r in rows for k in r["conditions"])
    singles = Counter(r["kind"] for r in rows if len(r["conditions"]) == 1)
    combos = Counter(r["kind"] for r in rows if len(r["conditions"]) > 1)
    print(f"{len(leaf_kinds)} condition kinds; {len(singles)} single-condition kinds; {len(combos)} distinct combinations "
          f"({sum(combos.values())} questions)")
    for kind, count in sorted(singles.items()):
        splits = Counter(r["split"] for r in rows if r["kind"] == kind)
        print(f"  {kind:34s} {count:3d}  dev {splits['dev']:3d}  heldout {splits['heldout']:3d}")
    missing = [k for k in LEAF_KINDS if len({r["split"] for r in rows if r["kind"] == k}) < 2]
    print("single kinds missing a split:", missing or "none")
    combo_splits = Counter(r["split"] for r in rows if len(r["conditions"]) > 1)
    print("combination questions per split:", dict(combo_splits))
    print("families:")
    for family, count in sorted(Counter(r["family"] for r in rows).items()):
        print(f"  {family:20s} {split_of(family):8s} {count}")
    sizes = [len(r["expected_user_ids"]) for r in rows if r["expected_user_ids"] is not None]
    print(f"expected set sizes: min {min(sizes)} median {int(np.median(sizes))} max {max(sizes)}")
    for r in rows:
        assert r["question"] and "{" not in r["question"], r
        if r["expected_user_ids"] is not None:
            assert all(isinstance(u, str) for u in r["expected_user_ids"]) and r["expected_user_ids"] == sorted(r["expected_user_ids"]), r


def main() -> None:
    shop_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    rows = build(Ref(shop_dir))
    check(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()

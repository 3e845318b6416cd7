"""Write the staff question set (issue 20): questions about ONE customer each, in many sentence shapes,
with gold answers computed here in pandas straight from a shop's ``events.jsonl`` and ``products.jsonl``
(never by Portrait's code).

A line: {"id", "user_id", "question", "expected", "kind", "family", "split", "history"?, "edit"?, "topic"?}

- ``expected``: a number, a ``YYYY-MM-DD`` date or a text that the answer must contain (scored by
  eval/answers_scoring.py), or null: the question asks for data no profile holds and must be declined;
- ``kind``: the measure x filter of the question (e.g. ``spend_category``); ``out_of_data`` for declines;
- ``family``: the sentence shape (template family) it was written in; ``split``: ``dev`` or ``heldout``.
  About a third of the families, drawn by ``random.Random(HELDOUT_SEED)`` over the sorted family names,
  are held out: every question of a held-out family is ``heldout``. Follow-up families are drawn the
  same way among themselves;
- ``history``: earlier questions of the same chat, oldest first (a follow-up); ``edit`` says what the
  follow-up changes (``category``, ``brand``, ``window``, ``narrow_month``). A follow-up edits the last
  query of the chat; in chats of three turns the middle turn made an edit of the same sort (another
  category / brand / window), which the last question replaces — e.g. "Spend on books?" / "What about
  toys?" / "And kitchen?" expects the spend on kitchen. "How many of those were in August?" keeps every
  filter of the last query and adds the month. The kind of a follow-up is the kind of the edited query
  (``+month`` when a month was added).

Meanings (the gold below implements exactly these):

- **data clock** = the newest ``ts`` in events.jsonl (all customers). "in the last N days" =
  ``ts >= clock - N x 24h``. A calendar month ("September 2026") or year = that UTC month / year; a month
  named without a year (only in follow-ups, "in August?") is the latest such month that starts on or
  before the clock. "before D" = ``ts < D 00:00 UTC``; "after D" = ``ts >= (D+1) 00:00``; "since D" =
  ``ts >= D 00:00``; "between A and B" = ``A 00:00 <= ts < (B+1) 00:00`` (both days included).
- **orders** = distinct ``attrs.order_id`` of purchase events (the purchase's event_id when it has none).
  **units / items bought** = sum of ``quantity`` of purchases (missing quantity = 1).
  **spend / amount** = sum of price x quantity of purchases: gross, before returns. **net spend** =
  purchases' amount minus returns' amount (same filters on both). Amounts are rounded to 2 decimals.
- count of events of a type (searches, views, cart adds, returns, reviews, support messages).
- mean / min / max of ``rating`` (review events) or of ``price`` (purchase events, one value per event,
  not weighted by quantity); means are rounded to 2 decimals.
- first / last = the oldest / newest matching event by ``ts``, ties broken by ``event_id`` (string
  order). Fields: date (UTC, ``YYYY-MM-DD``), product title, category, brand, rating, price, text, return
  reason (``attrs.reason`` as written in the data, else the return's text).
- distinct count of categories / brands of purchased products.
- **share of spend in a category** = 100 x amount of purchases in that category / amount of all
  purchases (same window), a PERCENT rounded to 1 decimal place (e.g. ``37.5`` for 37.5 %). The answer
  must contain that number (a fraction 0.375 is not accepted).
- the first / last order = the order of the customer's oldest / newest purchase (ties by event_id);
  "items in the last order" = units (sum of quantity) of that order's purchases; "how much was the first
  order" = its amount.
- "reviews of 3 stars or less" = review events with ``rating <= 3`` (``or more`` = ``>=``).
- products are named by their ``title``; categories and brands by their names in products.jsonl.

Users are drawn so that most answers are non-trivial; some zero answers are mixed in on purpose.

Regenerate (SHOP_DIR = the folder ``portrait generate-demo --out SHOP_DIR`` writes with its defaults):

    .venv/bin/portrait generate-demo --out /tmp/qshop
    .venv/bin/python eval/data/make_staff_questions.py /tmp/qshop eval/data/staff_questions.jsonl

The script prints counts per kind / family / split, the share of follow-ups and declines, and fails if a
scored expected value is missing or NaN.
"""

from __future__ import annotations

import json
import math
import random
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

import pandas as pd

SEED = 20
HELDOUT_SEED = 2026
PER_KIND = 13

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the sibling modules, however this file is loaded
from staff_kinds import DECLINES, KIND, KINDS, Kind  # noqa: E402
from staff_reference import DAY, Shop, execute, select  # noqa: E402


# --------------------------------------------------------------------------------------------------
# sentence shapes (template families)

PRONOUNS = [
    dict(S="this customer", P="this customer's", O="this customer", has="has", does="does", is_="is", s="s"),
    dict(S="they", P="their", O="them", has="have", does="do", is_="are", s=""),
    dict(S="she", P="her", O="her", has="has", does="does", is_="is", s="s"),
    dict(S="he", P="his", O="him", has="has", does="does", is_="is", s="s"),
    dict(S="the shopper", P="the shopper's", O="the shopper", has="has", does="does", is_="is", s="s"),
    dict(S="the customer", P="the customer's", O="the customer", has="has", does="does", is_="is", s="s"),
]


def _cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _np_bare(np: str) -> str:
    """The noun phrase without its possessive (for 'X for this customer' shapes)."""
    for pron in ("{P} ",):
        if np.startswith(pron):
            return "the " + np[len(pron):]
    return np


def _for_them(np: str) -> str:
    """' for her' unless the phrase already names the customer."""
    return "" if any(slot in np for slot in ("{P}", "{S}", "{O}")) else " for {O}"


# each family: (form it needs, function(form text, rng) -> sentence template)
FAMILIES: dict[str, tuple[str, Callable[[str, random.Random], str]]] = {
    "direct": ("q", lambda f, r: f"{_cap(f)}?"),
    "imperative_give": ("np", lambda f, r: f"{r.choice(['Give me', 'Show me', 'Pull up'])} {f}."),
    "imperative_tell": ("ind", lambda f, r: f"Tell me {f}."),
    "terse_note": ("terse", lambda f, r: f"{f}?"),
    "chatty_filler": ("ind", lambda f, r: f"{r.choice(['Hi, quick one', 'Hey there', 'Morning! Sorry to bother you'])} — could you check {f}? Thanks!"),
    "statement_need": ("ind", lambda f, r: f"I need to know {f}."),
    "what_is_np": ("np", lambda f, r: f"What is {f}?"),
    "lookup_for": ("np", lambda f, r: f"Can you look up {_np_bare(f)}{_for_them(_np_bare(f))}?"),
    "context_prefix": ("q", lambda f, r: f"{r.choice(['Looking at this account', 'About the customer on the line', 'Re this profile'])}: {f}?"),
    "topic_first": ("np", lambda f, r: f"{_cap(_np_bare(f))} — what is it{_for_them(_np_bare(f))}?"),
    "polite_would": ("ind", lambda f, r: f"Would you be able to tell me {f}, please?"),
    "wondering": ("ind", lambda f, r: f"I was wondering {f} — do you know?"),
    "ticket_note": ("terse", lambda f, r: f"{r.choice(['ticket', 'call', 'chat'])} note — {f}, pls"),
    "passive_inverted": ("passive", lambda f, r: f"{_cap(f)}?"),
    "lowercase_q": ("q", lambda f, r: f),  # lower-cased after the slots are filled, no question mark
    "customer_asks": ("q", lambda f, r: f"The customer is asking us something and I'd like to be sure first. {_cap(f)}?"),
}

# follow-up shapes: edit -> template with {x}
FOLLOWUPS: dict[str, dict[str, str]] = {
    "fu_what_about": {"category": "What about {x}?", "brand": "What about {x}?", "window": "What about the last {x} days?",
                      "narrow_month": "What about just {x}?"},
    "fu_and": {"category": "And {x}?", "brand": "And for {x}?", "window": "And in the last {x} days?",
               "narrow_month": "And how many of those were in {x}?"},
    "fu_same_for": {"category": "Same question for {x}.", "brand": "Same for {x}, please.", "window": "Same thing for the past {x} days.",
                    "narrow_month": "Same question, but only {x}."},
    "fu_instead": {"category": "{x} instead?", "brand": "{x} instead?", "window": "last {x} days instead?", "narrow_month": "only in {x}?"},
    "fu_now_do": {"category": "Now do {x}.", "brand": "Now do it for {x}.", "window": "Now do the last {x} days.",
                  "narrow_month": "Now narrow that to {x}."},
    "fu_those": {"category": "How about for {x}?", "brand": "How about {x} products?", "window": "How about over {x} days?",
                 "narrow_month": "How many of those were in {x}?"},
}


def _draw_heldout(names: list[str], seed: int) -> set[str]:
    names = sorted(names)
    return set(random.Random(seed).sample(names, round(len(names) / 3)))


HELDOUT = _draw_heldout(list(FAMILIES), HELDOUT_SEED) | _draw_heldout(list(FOLLOWUPS), HELDOUT_SEED + 1)


def split_of(family: str) -> str:
    return "heldout" if family in HELDOUT else "dev"


# --------------------------------------------------------------------------------------------------
# parameters and sentences


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]


def _date_words(d: str, rng: random.Random) -> str:
    t = pd.Timestamp(d)
    return rng.choice([d, f"{t.day} {MONTHS[t.month - 1]} {t.year}", f"{MONTHS[t.month - 1]} {t.day}, {t.year}"])


def _month_words(window: tuple) -> str:
    return f"{MONTHS[window[2] - 1]} {window[1]}"


def draw_params(shop: Shop, kind: Kind, user: str, rng: random.Random, own: bool) -> tuple[dict, dict]:
    """(query parameters, words for the slots). ``own``: prefer values from the user's own purchases."""
    rows = shop.by_user[user]
    buys = rows[rows["type"] == "purchase"]
    params: dict[str, Any] = {}
    words: dict[str, str] = {}
    for name in kind.params:
        if name == "cat":
            pool = sorted(set(buys["category"].dropna())) if own and len(buys) else []
            params["cat"] = words["cat"] = rng.choice(pool or shop.categories)
        elif name == "brand":
            pool = sorted(set(buys["brand"].dropna())) if own and len(buys) else []
            params["brand"] = words["brand"] = rng.choice(pool or shop.brands[:20])
        elif name == "title":
            pool = sorted(set(buys["title"].dropna())) if len(buys) else []
            if not own or not pool:
                pool = sorted(set(shop.ev.loc[shop.ev["type"] == "purchase", "title"].dropna()))
            params["title"] = words["title"] = rng.choice(pool)
        elif name == "n":
            params["n"] = rng.choice([7, 14, 30, 45, 60, 90])
            words["n"] = str(params["n"])
        elif name == "month":
            source = rows if kind.name == "support_count_month" else buys
            pool = sorted({(t.year, t.month) for t in source["ts"]}) if own and len(source) else []
            y, m = rng.choice(pool or shop.months)
            params["month"] = ("month", y, m)
            words["month"] = _month_words(params["month"])
        elif name == "date":
            day = (shop.clock - rng.randint(10, 100) * DAY).strftime("%Y-%m-%d")
            params["date"] = day
            words["date"] = _date_words(day, rng)
        elif name == "d1":
            a = rng.randint(20, 110)
            b = max(0, a - rng.randint(7, 40))
            params["d1"] = (shop.clock - a * DAY).strftime("%Y-%m-%d")
            params["d2"] = (shop.clock - b * DAY).strftime("%Y-%m-%d")
            words["d1"], words["d2"] = _date_words(params["d1"], rng), _date_words(params["d2"], rng)
        elif name == "year":
            source = buys if own and len(buys) else shop.ev
            params["year"] = int(rng.choice(sorted(set(source["ts"].dt.year))))
            words["year"] = str(params["year"])
        elif name == "r":
            params["r"] = rng.choice([2, 3, 3])
            words["r"] = str(params["r"])
    return params, words


def render(kind: Kind, family: str, words: dict, rng: random.Random) -> str | None:
    form, wrap = FAMILIES[family]
    forms = getattr(kind, form)
    if not forms:
        return None
    template = wrap(rng.choice(forms), rng)
    pron = rng.choice(PRONOUNS)
    text = template.format(**pron, **words) if "{" in template else template
    text = text.replace("{O}", pron["O"])
    return _cap(text) if family != "lowercase_q" else text.lower()


def _usable(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _is_zero(value: Any) -> bool:
    return isinstance(value, (int, float)) and value == 0


def pick(shop: Shop, kind: Kind, rng: random.Random, want_zero: bool) -> tuple[str, dict, dict, Any] | None:
    for attempt in range(80):
        user = rng.choice(shop.users)
        params, words = draw_params(shop, kind, user, rng, own=not want_zero or attempt > 60)
        value = execute(shop, user, kind.build(params))
        if not _usable(value) or (value == "" if isinstance(value, str) else False):
            continue
        if _is_zero(value) != want_zero and attempt < 60:
            continue
        return user, params, words, value
    return None


# follow-up edits: (base kind, edit) -> new parameters
ZERO_MEASURES = {"count", "units", "orders", "amount", "net", "distinct"}
FU_PLANS = [
    ("spend_category", "category"), ("units_category", "category"), ("net_category", "category"), ("share_category", "category"),
    ("orders_category", "category"), ("spend_brand", "brand"), ("units_brand", "brand"), ("spend_last_n", "window"),
    ("orders_last_n", "window"), ("returns_last_n", "window"), ("orders_category", "narrow_month"), ("units_category", "narrow_month"),
    ("units_brand", "narrow_month"),
]


def followup(shop: Shop, rng: random.Random, base: Kind, edit: str, family: str) -> dict | None:
    for _ in range(60):
        got = pick(shop, base, rng, want_zero=False)
        if got is None:
            return None
        user, params, words, _ = got
        rows = shop.by_user[user]
        buys = rows[rows["type"] == "purchase"]
        q = base.build(params)
        if edit == "category":
            others = sorted(set(buys["category"].dropna()) - {params["cat"]}) or [c for c in shop.categories if c != params["cat"]]
            x = rng.choice(others)
            new, kind_name = replace(q, category=x), base.name
        elif edit == "brand":
            others = sorted(set(buys["brand"].dropna()) - {params["brand"]}) or [b for b in shop.brands[:20] if b != params["brand"]]
            x = rng.choice(others)
            new, kind_name = replace(q, brand=x), base.name
        elif edit == "window":
            x = rng.choice([n for n in (7, 14, 30, 60, 90, 120) if n != params["n"]])
            new, kind_name = replace(q, window=("last", x)), base.name
        else:  # narrow_month: "how many of those were in August?"
            sel = select(shop, rows, q)
            if not len(sel):
                continue
            t = sel["ts"].iloc[rng.randrange(len(sel))]
            x = MONTHS[t.month - 1]
            latest = max((y, m) for y, m in [(t.year, t.month), (shop.clock.year, t.month)] if (y, m) <= (shop.clock.year, shop.clock.month))
            month = ("month", latest[0], latest[1])
            new = replace(q, window=month if q.window is None else ("and", q.window, month))
            kind_name = base.name + "+month"
        value = execute(shop, user, new)
        if not _usable(value):
            continue
        first = None
        for _ in range(20):
            # the earlier turns are phrased in families of the follow-up's own split (no held-out shape leaks into dev)
            fam = rng.choice([f for f in FAMILIES if FAMILIES[f][0] in ("q", "np", "ind", "terse") and split_of(f) == split_of(family)])
            first = render(base, fam, words, rng)
            if first:
                break
        history = [first]
        if edit in ("category", "brand", "window") and rng.random() < 0.3:
            # a longer chat: an earlier edit of the same sort came first; the question edits the base again
            column = {"category": "category", "brand": "brand", "window": "n"}[edit]
            pool = {"category": shop.categories, "brand": shop.brands[:20], "window": [7, 14, 30, 60, 90, 120]}[edit]
            between = rng.choice([v for v in pool if v != x and v != params.get({"category": "cat", "brand": "brand", "window": "n"}[edit])])
            other = rng.choice([f for f in FOLLOWUPS if f != family and split_of(f) == split_of(family)] or [family])
            history.append(_cap(FOLLOWUPS[other][edit].format(x=between)))
            del column
        text = FOLLOWUPS[family][edit].format(x=x)
        return {"user_id": user, "history": history, "question": _cap(text), "expected": value, "kind": kind_name, "edit": edit}
    return None


def build(shop: Shop, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    rows: list[dict] = []
    families = list(FAMILIES)
    for k, kind in enumerate(KINDS):
        usable = [f for f in families if getattr(kind, FAMILIES[f][0])]
        order = usable[k % len(usable):] + usable[:k % len(usable)]
        rng.shuffle(order)
        # both splits first, then round-robin
        dev = [f for f in order if split_of(f) == "dev"]
        held = [f for f in order if split_of(f) == "heldout"]
        seq = [held[0], dev[0]] + [f for f in order if f not in (held[0], dev[0])]
        for n in range(PER_KIND):
            family = seq[n % len(seq)]
            zero_ok = kind.build({"cat": "", "brand": "", "title": "", "n": 1, "year": 2000, "month": ("month", 1, 1), "date": "2000-01-01",
                                  "d1": "2000-01-01", "d2": "2000-01-01", "r": 1}).measure in ZERO_MEASURES
            got = pick(shop, kind, rng, want_zero=zero_ok and n % 7 == 6)
            if got is None:
                continue
            user, params, words, value = got
            rows.append({"user_id": user, "question": render(kind, family, words, rng), "expected": value,
                         "kind": kind.name, "family": family})
    fu_families = sorted(FOLLOWUPS)
    for n in range(max(1, len(rows) // 7)):
        base_name, edit = FU_PLANS[n % len(FU_PLANS)]
        family = fu_families[n % len(fu_families)]
        line = followup(shop, rng, KIND[base_name], edit, family)
        if line:
            line["family"] = family
            rows.append(line)
    for n in range(3 * len(DECLINES)):
        topic = DECLINES[n % len(DECLINES)]
        usable = [f for f in families if getattr(topic, FAMILIES[f][0])]
        family = usable[(n * 5 + n // len(DECLINES)) % len(usable)]
        rows.append({"user_id": rng.choice(shop.users), "question": render(topic, family, {}, rng), "expected": None,
                     "kind": "out_of_data", "topic": topic.name, "family": family})
    out, seen = [], set()
    for row in rows:
        key = (row["user_id"], row["question"].lower(), tuple(row.get("history", [])))
        if key in seen:
            continue
        seen.add(key)
        row["split"] = split_of(row["family"])
        n = len(out)
        out.append({"id": f"s{n:03d}", **row})
    return out


def check(rows: list[dict]) -> None:
    print(f"{len(rows)} questions; splits: {dict(Counter(r['split'] for r in rows))}")
    fu = sum("history" in r for r in rows)
    dec = sum(r["expected"] is None for r in rows)
    print(f"follow-ups: {fu} ({fu / len(rows):.1%}); declines: {dec} ({dec / len(rows):.1%})")
    kinds = Counter(r["kind"] for r in rows)
    print(f"{len(kinds)} kinds:")
    for kind, count in sorted(kinds.items()):
        splits = Counter(r["split"] for r in rows if r["kind"] == kind)
        zeros = sum(_is_zero(r["expected"]) for r in rows if r["kind"] == kind)
        print(f"  {kind:28s} {count:3d}  dev {splits['dev']:3d}  heldout {splits['heldout']:3d}  zero {zeros}")
    print("families:")
    for family, count in sorted(Counter(r["family"] for r in rows).items()):
        print(f"  {family:20s} {split_of(family):8s} {count}")
    for r in rows:
        if r["kind"] != "out_of_data":
            assert _usable(r["expected"]) and r["expected"] != "", r
        else:
            assert r["expected"] is None, r
        assert r["question"] and "{" not in r["question"], r
    missing = [k for k in kinds if k != "out_of_data" and "+month" not in k and len({r["split"] for r in rows if r["kind"] == k}) < 2]
    print("kinds missing a split:", missing or "none")


def main() -> None:
    shop_dir, out = Path(sys.argv[1]), Path(sys.argv[2])
    rows = build(Shop(shop_dir))
    check(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"-> {out}")


if __name__ == "__main__":
    main()

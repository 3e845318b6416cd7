"""A deterministic synthetic shop: catalogue, shoppers with hidden personas, and their event history.

The generative story, in the order the generator follows it:

1. **Catalogue.** Every category has a price range ``[lo, hi]`` that is cut into three equal slices
   in log-space: budget, mid and premium (:func:`price_tier`). Products are dealt round-robin over the
   categories, and within a category round-robin over the tiers, so each category holds every tier.
   A product's price is drawn inside its tier's slice, which makes the tier a pure function of
   ``(category, price)``: a profile builder can recover a shopper's price band from prices alone.
   Titles come from per-category parts (adjective + material/colour + noun + variant), brands from a
   per-category list, and every product gets a hidden popularity that skews which items get seen.
2. **Shoppers.** Each shopper draws a :class:`Persona`: a country (with names typical for it), one or
   two favourite categories (the first dominant), a price band, a shopping intent and whether they
   churned. Bargain hunters always shop the budget band.
3. **Sessions.** A shopper's history is a list of sessions, each in one category. Session categories
   follow the persona's shares through a low-variance quota (the top favourite gets about half of all
   sessions, the second about a quarter, the rest is spread over the other categories), so the top
   favourite is the argmax of the shopper's views and purchases. A session is: maybe a few searches,
   some views, maybe a cart, maybe a purchase. Items are picked mostly from the persona's price band.
4. **Intent.** The intent sets the numbers: how many views per session, how often a cart becomes a
   purchase, what searches look like, how often purchases are returned, reviewed or chased with
   customer service, and when sessions happen (gift buyers in bursts before holidays and birthdays,
   loyal regulars on a steady rhythm, everyone else uniformly over their active window).
5. **Aftermath.** Purchases trigger returns, reviews (rating and text of matching sentiment) and
   support messages days later. Churned shoppers stop 62-100 days before ``end``; anything that would
   fall after a shopper's last active moment is dropped.
6. **Support intents.** Every support message comes from a template with a known intent
   (:data:`SUPPORT_TEMPLATES`); ``support_labels.csv`` keeps each message's true intent, and
   ``support_intents.csv`` holds many more labelled texts from the same templates to train the intent
   head on without any outside data.
7. **Hostile text.** A few review and support texts (three per shop) are replaced by prompt-injection
   attempts (:data:`INJECTION_TEXTS`), so the demo can show that shopper text is treated as data.

Randomness comes only from ``random.Random`` instances seeded from ``seed`` and a stream name, one
stream per shopper, so the same arguments give byte-identical files. Step 1 lives in
:mod:`~encoders.data.synthetic.world`, steps 2-5 in :mod:`~encoders.data.synthetic.shoppers`, the rest
here; the tables they draw from are TOML files in ``tables/``.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from encoders.data.schema import Event, EventType
from encoders.data.synthetic.shoppers import (
    GIFT_MESSAGES,
    ORDER_MESSAGES,
    QUESTIONS,
    RETURN_REASONS,
    Draft,
    Persona,
    Shopper,
    draw_persona,
)
from encoders.data.synthetic.world import MIN_PRODUCTS, Catalogue, load_table, rng_for

DEFAULT_END = datetime(2026, 11, 1, tzinfo=timezone.utc)
MIN_DAYS = 80

_TEXTS = load_table("texts")
INJECTION_TEXTS: tuple[str, ...] = tuple(row["text"] for row in _TEXTS["injections"])
_INJECTION_KINDS: tuple[EventType, ...] = tuple(EventType(row["type"]) for row in _TEXTS["injections"])
_GREETINGS: tuple[str, ...] = tuple(_TEXTS["greetings"])
_SIGN_OFFS: tuple[str, ...] = tuple(_TEXTS["sign_offs"])


def _support_templates() -> dict[str, tuple[str, ...]]:
    """Every template of a support message in the events, grouped by its intent, then the table's
    other ways to say the same things (and intents the shoppers never send), without repeats."""
    event_templates: dict[str, list[str]] = {}
    messages = [*RETURN_REASONS.values(), *ORDER_MESSAGES, *GIFT_MESSAGES, *(m for ms in QUESTIONS.values() for m in ms)]
    for template, intent in messages:
        event_templates.setdefault(intent, []).append(template)
    more: dict[str, list[str]] = _TEXTS["more_templates"]
    if not set(event_templates) <= set(more):
        raise ValueError(f"tables/texts.toml: more_templates lacks {sorted(set(event_templates) - set(more))}")
    return {intent: tuple(dict.fromkeys([*event_templates.get(intent, []), *texts])) for intent, texts in more.items()}


SUPPORT_TEMPLATES: dict[str, tuple[str, ...]] = _support_templates()
SUPPORT_INTENTS: tuple[str, ...] = tuple(sorted(SUPPORT_TEMPLATES))


@dataclass(frozen=True)
class ShopFiles:
    products: Path
    events: Path
    personas: Path
    # Labelled support texts (utterance,intent) to train the intent head on, and the ground-truth
    # intent of every support message in events.jsonl (utterance,intent,event_id).
    support_intents: Path | None = field(default=None, compare=False)
    support_labels: Path | None = field(default=None, compare=False)


def load_personas(path: Path) -> dict[str, Persona]:
    """Read ``personas.json`` back into :class:`Persona` objects keyed by user_id."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return {user_id: Persona(**row) for user_id, row in rows.items()}


def generate_shop(
    out_dir: Path,
    n_products: int = 300,
    n_users: int = 300,
    days: int = 120,
    seed: int = 7,
    end: datetime = DEFAULT_END,
) -> ShopFiles:
    """Write products.jsonl, events.jsonl and personas.json for a synthetic shop into ``out_dir``."""
    _check_sizes(n_products, n_users, days)
    end = end.replace(tzinfo=timezone.utc) if end.tzinfo is None else end.astimezone(timezone.utc)
    catalogue = Catalogue.build(n_products, rng_for(seed, "catalogue"))
    personas = [draw_persona(i, rng_for(seed, f"persona:{i}")) for i in range(1, n_users + 1)]
    drafts: dict[str, list[Draft]] = {}
    for index, persona in enumerate(personas, start=1):
        shopper = Shopper(persona, index, catalogue, end, days, rng_for(seed, f"shopper:{index}"))
        drafts[persona.user_id] = shopper.simulate()
    _plant_injections(drafts, rng_for(seed, "injections"))
    events, support_labels = _finalise(drafts)

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    intents_path, labels_path = out_dir / "support_intents.csv", out_dir / "support_labels.csv"
    files = ShopFiles(
        out_dir / "products.jsonl", out_dir / "events.jsonl", out_dir / "personas.json",
        support_intents=intents_path, support_labels=labels_path,
    )
    _write_lines(files.products, (item.product.model_dump_json() for item in catalogue.items))
    _write_lines(files.events, (event.model_dump_json(exclude_defaults=True) for event in events))
    persona_rows = {p.user_id: asdict(p) for p in personas}
    files.personas.write_text(json.dumps(persona_rows, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_support_intents(intents_path, seed=seed, catalogue=catalogue)
    _write_csv(labels_path, ("utterance", "intent", "event_id"), ((t, i, e) for e, t, i in support_labels))
    return files


def support_intent_examples(
    per_intent: int = 60, seed: int = 7, catalogue: Catalogue | None = None
) -> list[tuple[str, str]]:
    """``(utterance, intent)`` pairs: ``per_intent`` distinct texts per intent of
    :data:`SUPPORT_INTENTS`, filled in from :data:`SUPPORT_TEMPLATES` with the catalogue's products and
    made-up order numbers, with light surface noise (lower case, no final punctuation)."""
    rng = rng_for(seed, "support-intents")
    items = (catalogue or Catalogue.build(MIN_PRODUCTS * 4, rng_for(seed, "catalogue"))).items
    rows: list[tuple[str, str]] = []
    for intent in SUPPORT_INTENTS:
        templates = SUPPORT_TEMPLATES[intent]
        seen: set[str] = set()
        for attempt in range(per_intent * 20):
            if len(seen) == per_intent:
                break
            template = templates[attempt % len(templates)] if attempt < len(templates) else rng.choice(templates)
            item = rng.choice(items)
            text = template.format(
                order=rng.randint(100000, 999999), noun=item.noun, title=item.product.title, brand=item.product.brand
            )
            if attempt >= len(templates):
                if rng.random() < 0.3:
                    text = rng.choice(_GREETINGS) + text[0].lower() + text[1:]
                if rng.random() < 0.2:
                    text = text + rng.choice(_SIGN_OFFS)
                if rng.random() < 0.25:
                    text = text[0].lower() + text[1:]
                if rng.random() < 0.2:
                    text = text.rstrip(".?!")
            if text not in seen:
                seen.add(text)
                rows.append((text, intent))
    return rows


def write_support_intents(path: Path, per_intent: int = 60, seed: int = 7, catalogue: Catalogue | None = None) -> Path:
    """Write :func:`support_intent_examples` as a CSV with the columns ``utterance,intent``."""
    _write_csv(Path(path), ("utterance", "intent"), support_intent_examples(per_intent, seed, catalogue))
    return Path(path)


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterable[tuple[object, ...]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_lines(path: Path, lines: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for line in lines:
            handle.write(line + "\n")


def _check_sizes(n_products: int, n_users: int, days: int) -> None:
    if n_products < MIN_PRODUCTS:
        raise ValueError(f"n_products must be at least {MIN_PRODUCTS} (every category needs every tier)")
    if n_users < 1:
        raise ValueError("n_users must be at least 1")
    if days < MIN_DAYS:
        raise ValueError(f"days must be at least {MIN_DAYS} so churned shoppers can go quiet for 60+ days")


def _plant_injections(drafts: dict[str, list[Draft]], rng: random.Random) -> None:
    used: set[str] = set()
    for text, kind in zip(INJECTION_TEXTS, _INJECTION_KINDS):
        candidates = [u for u, events in drafts.items() if u not in used and any(e.type is kind for e in events)]
        if not candidates:
            candidates = [u for u in drafts if u not in used] or list(drafts)
            user = rng.choice(candidates)
            first = min(drafts[user], key=lambda e: e.ts)
            drafts[user].append(Draft(ts=first.ts + timedelta(minutes=1), user_id=user,
                                      type=EventType.support_message, text=text))
        else:
            user = rng.choice(candidates)
            target = rng.choice([e for e in drafts[user] if e.type is kind])
            target.text, target.intent = text, None
        used.add(user)


def _finalise(drafts: dict[str, list[Draft]]) -> tuple[list[Event], list[tuple[str, str, str]]]:
    """Events in time order with their final ids, and ``(event_id, text, intent)`` for every support
    message that has a ground-truth intent (planted injections have none)."""
    ordered = sorted(
        ((d, n) for events in drafts.values() for n, d in enumerate(events)),
        key=lambda pair: (pair[0].ts, pair[0].user_id, pair[1]),
    )
    events = [
        Event(event_id=f"E{k:06d}", user_id=d.user_id, ts=d.ts, type=d.type, item_id=d.item_id, text=d.text,
              quantity=d.quantity, price=d.price, rating=d.rating, attrs=d.attrs)
        for k, (d, _) in enumerate(ordered, start=1)
    ]
    labels = [(e.event_id, e.text or "", d.intent) for e, (d, _) in zip(events, ordered) if d.intent is not None]
    return events, labels

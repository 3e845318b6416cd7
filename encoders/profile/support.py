"""The rules behind the support facts (registered in facts.py): the intent mix and the customer's open problems.

Pure functions of the events and their predicted intents, so a rebuild and an incremental update
over the same events agree.

**Intent mix.** The share of each predicted intent (``other`` included: messages the intent head
could not place) over the customer's support messages; evidence: every message's event id.

**Open problems.** The rule, kept small on purpose and independent of any one intent data set:

1. A *problem* is a support message whose intent is a problem intent (:func:`is_problem_intent`):
   one of :data:`PROBLEM_INTENTS` (refund requests and refund chasing, complaints, cancellations,
   undelivered or late orders, payment failures, being locked out), or, for intent sets with other
   names, a label containing a problem word (:data:`PROBLEM_WORDS`, e.g. ``refund``, ``complaint``,
   ``missing``) that is neither an information question (``check_*``, ``*_policy``, ``*_fee``) nor
   a resolving intent.
2. It is *resolved* by a later support message of the customer whose intent is a resolving intent
   (:data:`RESOLVING_INTENTS`, or a label containing ``resolved`` / ``thank``). When both messages
   carry an ``order_id`` attribute they must name the same order; otherwise the resolving message
   closes every earlier problem.
3. It is *stale*, and no longer reported, when it is older than ``open_days`` (default 30) at the
   reference time: a shop answers within days, so an old problem with no follow-up is assumed handled.
4. Repeats collapse: for the same intent and order only the latest message is reported.

Later purchases, returns or reviews do not resolve anything: they say nothing about whether the
problem was fixed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, timedelta

from encoders.data.schema import Event, EventType
from encoders.profile.model import Fact

OOS_LABEL = "other"
OPEN_DAYS = 30

PROBLEM_INTENTS: frozenset[str] = frozenset({
    "get_refund", "track_refund", "complaint", "cancel_order", "payment_issue", "track_order",
    "recover_password", "registration_problems", "delivery_problem", "late_delivery", "missing_item",
    "damaged_item", "wrong_item",
})
PROBLEM_WORDS: tuple[str, ...] = (
    "refund", "complain", "complaint", "cancel", "problem", "issue", "error", "fail", "failed", "broken",
    "damaged", "missing", "late", "lost", "wrong", "declined", "dispute", "fraud", "not_received",
)
INFORMATION_MARKERS: tuple[str, ...] = ("check_", "_policy", "_fee", "_fees", "_options", "_methods")
RESOLVING_INTENTS: frozenset[str] = frozenset({"problem_resolved", "issue_resolved", "resolved", "thanks", "thank_you"})


def _words(label: str) -> set[str]:
    return set(re.split(r"[^a-z]+", label.lower())) | {label.lower()}


def is_problem_intent(label: str) -> bool:
    """Whether a message with this intent reports something wrong that the shop should fix."""
    if label in PROBLEM_INTENTS:
        return True
    lowered = label.lower()
    if is_resolving_intent(label) or any(marker in lowered for marker in INFORMATION_MARKERS):
        return False
    return bool(_words(label) & set(PROBLEM_WORDS)) or "not_received" in lowered


def is_resolving_intent(label: str) -> bool:
    """Whether a message with this intent says an earlier problem is fixed."""
    lowered = label.lower()
    return label in RESOLVING_INTENTS or "resolved" in lowered or "thank" in lowered


def _messages(events: Sequence[Event], intents: Mapping[str, tuple[str, float]]) -> list[Event]:
    ordered = sorted(events, key=lambda e: (e.ts, e.event_id))
    return [e for e in ordered if e.type is EventType.support_message and e.event_id in intents]


def intent_mix(events: Sequence[Event], intents: Mapping[str, tuple[str, float]]) -> Fact:
    """Share of each predicted intent over the customer's support messages. ``intents`` maps event
    ids to the intent head's ``(label, prob)``; support messages without an entry are left out."""
    messages = _messages(events, intents)
    counts = Counter(intents[e.event_id][0] for e in messages)
    total = sum(counts.values())
    mix = [
        {"intent": intent, "share": round(n / total, 3), "count": n}
        for intent, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return Fact(value=mix, evidence=[e.event_id for e in messages])


def open_problems(
    events: Sequence[Event],
    intents: Mapping[str, tuple[str, float]],
    *,
    reference_time: datetime | None = None,
    open_days: float = OPEN_DAYS,
    problem_intents: Collection[str] | None = None,
    resolving_intents: Collection[str] | None = None,
) -> Fact:
    """Problems reported in support messages and not yet resolved, by the rules above.

    ``reference_time`` defaults to the customer's last event. ``problem_intents`` /
    ``resolving_intents`` replace the default rules (:func:`is_problem_intent`,
    :func:`is_resolving_intent`) with exact label sets.
    """
    messages = _messages(events, intents)
    labels = {e.event_id: intents[e.event_id][0] for e in messages}
    problem = (lambda label: label in problem_intents) if problem_intents is not None else is_problem_intent
    resolving = (lambda label: label in resolving_intents) if resolving_intents is not None else is_resolving_intent
    now = reference_time or (max(e.ts for e in events) if events else None)
    latest: dict[tuple[str, str | None], Event] = {}
    for index, message in enumerate(messages):
        label = labels[message.event_id]
        if label == OOS_LABEL or not problem(label):
            continue
        if now is not None and now - message.ts > timedelta(days=open_days):
            continue
        order = _order(message)
        later = messages[index + 1 :]
        if any(resolving(labels[m.event_id]) and _same_thread(order, _order(m)) for m in later):
            continue
        latest[(label, order)] = message
    found = sorted(latest.values(), key=lambda e: (e.ts, e.event_id))
    return Fact(
        value=[
            {"intent": labels[e.event_id], "event_id": e.event_id, "ts": e.ts.isoformat(),
             **({"order_id": _order(e)} if _order(e) else {})}
            for e in found
        ],
        evidence=[e.event_id for e in found],
    )


def _order(event: Event) -> str | None:
    value = event.attrs.get("order_id")
    return None if value is None else str(value)


def _same_thread(problem_order: str | None, resolution_order: str | None) -> bool:
    return problem_order is None or resolution_order is None or problem_order == resolution_order

"""A clause's slots: the condition its words state once the frames have said which fact (names make "bought …" a
purchase of them, a comparison an order count, "more than 60 days ago" a last purchase before, a number next to
"stars" a rating), its negation, and what of the clause a reading leaves unused."""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.reader import regex as rx
from agent.reader.clauses import NEGATION, family
from agent.reader.expressions import _MONTHS, AGO, BARE_WINDOW, COMPARE, DATE, WINDOW, ago_days, comparisons, date_of, days_of, window_days
from agent.reader.names import NameSpan
from retrieval.audience.query import (
    AllOf,
    AnyOf,
    Condition,
    Country,
    Did,
    Label,
    Likely,
    Measure,
    Not,
    Rating,
    SupportIntent,
    Target,
    When,
)

_STARS = re.compile(r"(?:" + COMPARE + r")\s*stars?\b")
_COUNTRY_NOT = re.compile(r"\b(?:not|outside|other than|except|excluding|never|(?:anything|anywhere|everywhere|any country|somewhere)\s+(?:but|except|else than))\b")
# a time no condition here can hold; "may" and "mar" are left out (a modal verb, a word)
_PERIOD = re.compile(r"\b(?:" + "|".join(sorted((m for m in _MONTHS if m not in ("may", "mar")), key=len, reverse=True))
                     + r"|this (?:week|quarter)|today|yesterday|christmas|black friday|easter|the holidays"
                     r"|(?:on|at|during|over|in)\s+(?:a\s+|the\s+)?(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekends?|weekdays?"
                     r"|nights?|mornings?|evenings?|afternoons?|lunchtimes?)|overnight)\b")
_SPAN_AGO = re.compile(r"\bbetween\s+(\d+)\s+and\s+(\d+)\s+(days?|weeks?|months?|years?)\s+ago\b")
_FLIP = {">": "<=", ">=": "<", "<": ">=", "<=": ">"}
_WHICH = [(r"\b(?:latest|last|most recent|newest)\b", "latest"), (r"\b(?:lowest|worst|minimum|min)\b", "min"),
          (r"\b(?:highest|best|top|maximum|max)\b", "max"), (r"\b(?:average|avg|mean|typical|overall)\b", "average")]


def negated_condition(frame: str, chunk: str, names: list[NameSpan]) -> Condition | None:
    """The clause's condition, under "not" when the clause says so (and the condition is not itself the
    negative: "viewed X without buying", "last bought more than 60 days ago")."""
    built = clause_condition(frame, chunk, names)
    if built is None:
        return None
    negative = isinstance(built, Did) and built.action == "browsed_without_buying" or \
        isinstance(built, When) and built.relation == "more_than_days_ago"
    said_not = _COUNTRY_NOT.search(chunk) if isinstance(built, Country) else NEGATION.search(chunk)
    if said_not and isinstance(built, Rating) and built.op in _FLIP:
        # "never rated anything above 2": every rating they gave is 2 or less (a rating condition is about raters)
        return Rating(which=built.which, op=_FLIP[built.op], value=built.value)
    return Not(condition=built) if said_not and not negative else built


def clause_condition(frame: str, chunk: str, names: list[NameSpan]) -> Condition | None:
    """The condition a clause states: its frame's family says which fact, its slots say exactly what
    ("bought garden in the last 30 days" and "bought something in the last 30 days" are both purchases:
    the first names a category, so it is a purchase of it within the window; the second a last purchase
    within the window)."""
    targets = [Target(type=n.kind, value=n.value) for n in names if n.kind in ("category", "brand", "product")]
    window = rx.search(WINDOW, chunk)
    ago = rx.search(AGO, chunk)
    dated = _dated(chunk)
    # "bought something 60 days", "seen 3 weeks": a bare length of time after an event is its recent window
    window = window or (rx.search(BARE_WINDOW, chunk) if ago is None and dated is None else None)
    free = chunk
    for found in (window, ago, dated):
        if found is not None:
            free = free.replace(found.group(0), " ")
    free = rx.sub(BARE_WINDOW, " ", free)  # a number with a unit of time is never a count
    compared = rx.search(COMPARE, free)
    within = window_days(window) if window else None
    since = _since(dated) if window is None and ago is None else None  # "bought kitchen since 2026-09-16"
    if frame in ("avg_order_value", "reviews", "net_spend") and compared is not None and rx.search(r"\brat(?:e|es|ed|ing|ings)\b|\bstars?\b", chunk):
        frame = "rating"  # "rate products below 3 on average": the number is a rating, whatever the embedding heard
    if frame == "last_seen" and rx.search(r"\bfirst\b", chunk) and not rx.search(r"\b(?:last|latest|most recent)\s+(?:seen|visit|active)", chunk):
        frame = "first_seen"  # "first seen last 60 days": the embedding hears "last", the words say "first"
    if frame == "stage" and rx.search(r"\bnew\b", chunk) and (window or ago or dated):
        frame = "first_seen"  # "new since 26 aug", "new 75 days": when they first came, not the stage label
    kind = family(frame)
    if kind in ("purchase", "return", "review") and frame != "browsed_without_buying" and (said := _said_action(chunk)) is not None:
        kind = said  # "reviewed a product from home office": the verb said beats the embedding's nearest frame
    event = "last_purchase" if kind == "purchase" and not targets else frame if frame in ("first_seen", "last_seen") else None
    if event is not None and (span := _SPAN_AGO.search(chunk)) is not None:  # "last bought between 30 and 60 days ago"
        return AllOf(conditions=[When(event=event, relation="more_than_days_ago", days=days_of(span.group(1), span.group(3))),
                                 When(event=event, relation="within_days", days=days_of(span.group(2), span.group(3)))])
    if frame == "browsed_without_buying":
        return _did("browsed_without_buying", targets, within, since=since) if targets else None
    if kind == "review" and (frame == "rating" or _STARS.search(free)):
        return _rating(chunk, _STARS.search(free) or compared)
    if kind in ("purchase", "return", "review") and targets:
        return _did({"purchase": "bought", "return": "returned", "review": "reviewed"}[kind], targets, within, chunk, since)
    if kind in ("return", "review"):
        measure = "returns" if kind == "return" else "reviews"
        if compared is not None and not window:
            return _measured(measure, compared, "=")
        return Did(action="returned" if kind == "return" else "reviewed", within_days=within, since=since)
    if kind == "purchase":
        if compared is not None:
            return _measured("orders", compared, "=")
        if rx.search(r"\brepeat\b", chunk):
            return Measure(measure="orders", op=">=", value=2)
        if rx.search(r"\b(?:1|one)[- ]time\b", chunk):
            return Measure(measure="orders", op="=", value=1)
        if ago is not None:
            return When(event="last_purchase", relation="more_than_days_ago", days=ago_days(ago))
        if window is not None:
            return When(event="last_purchase", relation="within_days", days=within)
        if dated is not None and (day := date_of(dated)) is not None:
            return When(event="last_purchase", relation=_relation(dated), day=day)
        return Measure(measure="orders", op=">=", value=1)
    if frame == "country":
        countries = [n.value for n in names if n.kind == "country"]
        return Country(countries=countries) if countries else None
    if frame in ("net_spend", "avg_order_value", "support_messages"):
        if compared is None:
            return Measure(measure=frame, op=">=", value=1) if frame == "support_messages" else None
        return _measured(frame, compared, "=" if frame == "support_messages" else ">=")
    if frame in _LABEL_WORDS:
        values = sorted({value for word, value in _LABEL_WORDS[frame].items() if rx.search(rf"\b{word}\b", chunk)})
        return Label(label=frame, values=values[:1]) if len(values) == 1 else None
    if frame == "top_category":
        categories = [n.value for n in names if n.kind == "category"]
        return Label(label="top_category", values=categories) if categories else None
    if frame in ("first_seen", "last_seen"):
        if ago is not None:
            return When(event=frame, relation="more_than_days_ago", days=ago_days(ago))
        if window is not None:
            return When(event=frame, relation="within_days", days=within)
        if dated is not None and (day := date_of(dated)) is not None:
            return When(event=frame, relation=_relation(dated), day=day)
    return None


def _did(action: str, targets: list[Target], within: int | None, chunk: str = "", since: date | None = None) -> Condition:
    """One action on each target: names of one kind are a list ("kitchen or books"); a category and a brand said
    together without "or" narrow each other ("electronic products from Copperleaf")."""
    targets = list(dict.fromkeys(targets))  # "kitchen views but no kitchen purchase": one category, said twice
    made = [Did(action=action, target=t, within_days=within, since=since) for t in targets] or [Did(action=action, within_days=within, since=since)]
    if len({t.type for t in targets}) > 1 and chunk and not rx.search(r"\b(?:or|either)\b|,", chunk):
        return AllOf(conditions=made)
    return made[0] if len(made) == 1 else AnyOf(conditions=made)


def _measured(measure: str, compared: re.Match[str], default: str) -> Condition:
    parts = [Measure(measure=measure, op=op, value=v) for op, v in comparisons(compared, default)]
    return parts[0] if len(parts) == 1 else _all(parts)


def _label_words() -> dict[str, dict[str, str]]:
    from agent.audience_rules import PRICE_WORDS, SPEND_WORDS, STAGES

    stages = {stage.replace(" ", r"[- ]"): stage for stage in STAGES}
    return {"stage": stages, "spend_band": {rf"{w}(?:[- ]spend\w*)" if w in ("top", "mid") else w: v for w, v in SPEND_WORDS.items()},
            "price_band": {w.replace(" ", r"[- ]"): v for w, v in PRICE_WORDS.items()}}


_LABEL_WORDS = _label_words()
_DATED = re.compile(r"(?P<rel>before|after|since|prior to|from)\s+(?:" + DATE + ")")


_DATED_LATER = re.compile(r"(?:" + DATE + r")\s+(?P<rel>or later|onwards|and later|or after|and after|or since)\b")


def _dated(chunk: str) -> re.Match[str] | None:
    """The first "before/after/since <date>" that names a real date ("since before 2026-07-28": before), or
    "<date> or later"."""
    if (later := _DATED_LATER.search(chunk)) is not None and date_of(later) is not None:
        return later
    for word in rx.finditer(r"\b(?:before|after|since|prior to|from)\b", chunk):
        if (match := _DATED.match(chunk, word.start())) is not None and date_of(match) is not None:
            return match
    return None


_ACTION_VERBS = {"purchase": r"\b(?:bought|buy|buys|ordered|purchased|purchase[sd]?)\b",
                 "return": r"\b(?:returned|sent back|send back|sends back)\b",
                 "review": r"\b(?:reviewed|rated|(?:wrote|written|left|posted|gave|given|write|leave|post)\s+(?:a\s+|an\s+|any\s+)?(?:product\s+)?reviews?)\b"}


def _said_action(chunk: str) -> str | None:
    """The one kind of action whose verb the clause says (bought, returned, reviewed), or None."""
    said = [kind for kind, verbs in _ACTION_VERBS.items() if rx.search(verbs, chunk)]
    return said[0] if len(said) == 1 else None


def _since(dated: re.Match[str] | None) -> date | None:
    """The first day a dated action counts from: "since / from 2026-09-16" that day, "after" the day after; None
    for "before" (an action before a day is no window)."""
    day = date_of(dated) if dated is not None else None
    if day is None or _relation(dated) not in ("since", "after"):
        return None
    return day if _relation(dated) == "since" else day + timedelta(days=1)


def _relation(dated: re.Match[str]) -> str:
    rel = dated.group("rel")
    return "since" if rel.startswith(("or", "and", "onwards")) else {"prior to": "before", "from": "since"}.get(rel, rel)


def _rating(chunk: str, compared: re.Match[str] | None) -> Condition | None:
    """A rating condition; the number next to "star(s)" is the rating ("at least one 5 star review")."""
    if compared is None:
        return None
    said = next((w for pattern, w in _WHICH if rx.search(pattern, chunk)), None)
    every = rx.search(r"\b(?:every|each|all)\s+(?:of\s+)?(?:their\s+|his\s+|her\s+)?(?:reviews?|ratings?|products?|items?|things?|purchases?)\b"
                      r"|\b(?:only ever|only)\s+(?:leaves?|left|gives?|gave|given|rates?|rated|writes?|written|wrote|posts?|posted)\b"
                      r"|\b(?:always|consistently|invariably)\b"  # "always rate 4 or higher": every rating they give
                      r"|\b(?:rated|rates|rate|reviewed|reviews|scored|scores)\s+(?:everything|every\w*|all)\b"  # "rated everything 4 or more"
                      r"|\b(?:ratings?|reviews?|scores?)\s+(?:[a-z]+\s+){0,2}?(?:all|each|every one)\b"  # "their reviews have all been 4+"
                      r"|\b(?:gave|given|left|wrote|written|posted)\s+only\b", chunk)

    def which(op: str, value: float) -> str:
        if every and said is None:  # "3 stars at most in every review": the highest; "at least 4 in all": the lowest
            return "max" if op in ("<", "<=") else "min"
        # no "latest/average/...": "ever gave 1 star or less" is the lowest, "at least one 5-star" the highest
        if said is not None:
            return said
        if op in ("<", "<=") or (op == "=" and value <= 1):
            return "min"
        if op in (">", ">=") or (op == "=" and value >= 5):
            return "max"
        return "latest"

    parts = [Rating(which=which(op, v), op=(">=" if op == "=" and v >= 5 and said is None else "<=" if op == "=" and v <= 1 and said is None else op), value=v)
             for op, v in comparisons(compared, "=") if 0 <= v <= 5]
    return (parts[0] if len(parts) == 1 else _all(parts)) if parts else None


def _leaves(condition: Condition) -> list[Condition]:
    if isinstance(condition, Not):
        return _leaves(condition.condition)
    if isinstance(condition, (AllOf, AnyOf)):
        return [leaf for part in condition.conditions for leaf in _leaves(part)]
    return [condition]


def unused_parts(chunk: str, names: list[NameSpan], condition: Condition) -> list[str]:
    """What the clause says that its condition does not use: a name, a window, a date, a number. A reading
    that leaves part of its clause unread is not confident, whatever the frame's probability."""
    leaves = _leaves(condition)
    values = {leaf.target.value for leaf in leaves if isinstance(leaf, Did) and leaf.target is not None}
    values |= {c for leaf in leaves if isinstance(leaf, Country) for c in leaf.countries}
    values |= {v for leaf in leaves if isinstance(leaf, Label) for v in leaf.values}
    out = [n.said for n in names if n.value not in values]
    bare = chunk
    for name in sorted(names, key=lambda n: -n.start):
        bare = f"{bare[:name.start]} {bare[name.end:]}"
    timed = [leaf for leaf in leaves if isinstance(leaf, When)]
    if any(leaf.relation == "more_than_days_ago" for leaf in timed):
        bare = _SPAN_AGO.sub(" ", bare)
    window, ago, dated = rx.search(WINDOW, bare), rx.search(AGO, bare), _dated(bare)
    window = window or (rx.search(BARE_WINDOW, bare) if ago is None and dated is None else None)
    if window and not (any(isinstance(leaf, Did) and leaf.within_days for leaf in leaves)
                       or any(leaf.relation == "within_days" for leaf in timed)):
        out.append(window.group(0))
    if ago and not any(leaf.relation == "more_than_days_ago" for leaf in timed):
        out.append(ago.group(0))
    if dated and not any(leaf.day is not None for leaf in timed) and not any(isinstance(leaf, Did) and leaf.since for leaf in leaves):
        out.append(dated.group(0))
    for found in (window, ago, dated):
        if found is not None:
            bare = bare.replace(found.group(0), " ")
    if period := _PERIOD.search(bare):
        out.append(period.group(0))  # "bought kitchen in October": a time the reading cannot hold is never dropped
    used = {float(leaf.value) for leaf in leaves if isinstance(leaf, (Measure, Rating))}
    numbers = [n for n in rx.findall(r"(?<![a-z])\d+(?:\.\d+)?", bare) if float(n) not in used]
    if any(isinstance(leaf, (Did, When, Rating)) for leaf in leaves):
        numbers = [n for n in numbers if float(n) != 1]  # "at least 1 return", "one order": the event itself
    if numbers and not any(isinstance(leaf, (Label, Likely)) for leaf in leaves):
        out.append(numbers[0])  # a number the reading does not use ("aov under 30 and more than 3 messages")
    return out


def condition_frame(condition: Condition) -> str:
    """The clause frame a condition states (its first part's, for and/or/not)."""
    if isinstance(condition, Not):
        return condition_frame(condition.condition)
    if isinstance(condition, (AllOf, AnyOf)):
        return condition_frame(condition.conditions[0])
    if isinstance(condition, Did):
        return condition.action
    if isinstance(condition, Measure):
        return condition.measure
    if isinstance(condition, When):
        if condition.event == "last_purchase":
            return "last_purchase_within" if condition.relation in ("within_days", "since", "after") else "last_purchase_ago"
        return condition.event
    if isinstance(condition, Label):
        return condition.label
    if isinstance(condition, Likely):
        return "likely"
    if isinstance(condition, SupportIntent):
        return "support_intent"
    if isinstance(condition, Rating):
        return "rating"
    if isinstance(condition, Country):
        return "country"
    return "none"


def _all(conditions: list[Condition]) -> Condition:
    return AllOf(conditions=conditions)

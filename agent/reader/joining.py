"""How a reading's conditions join: the words between the conditions' markers (``§n§``) say and / or / not, where
a group opens and closes ("either", a list break, "(or both)", a closing "among C"), and whether the audience is named
as buyers. Text with markers in, one condition out (``combine``); the reader of a sentence is
``agent.audience_parser.read_sentence``."""

from __future__ import annotations

import re

from agent.reader import regex as rx
from agent.reader.marker_words import any_of, exclusion_words, serial_lists
from retrieval.audience.query import AllOf, AnyOf, Condition, Country, Did, Measure, Not

FILLER = set("""how many much number of count total list show me find give get all the a an who whose that which are is were was
have has had do did does there and but also with their they them those these please i we want need to for our my any ones each
select pull export csv customers customer shoppers shopper people users user clients client buyers members audience can you
tell let us what segment would like identify target targeting as well have been ever in yet at least so far currently right now
anyone anybody everyone everybody audiences group list names among""".split())
FILLER -= {"names"}
FILLER |= {"either", "neither", "pls", "plz", "thx", "thanks", "ids", "id", "uids", "identifiers", "only"}
FILLER |= {"supply", "provide", "deliver", "extract", "complete", "full", "entire", "whole", "cohort", "population",
           "panel"}  # handing the list over
FILLER |= {"cool", "cheers", "yeah", "yep", "ok", "okay", "hey", "hi", "hello", "so", "asap", "quick", "country", "anyof", "ty", "tia", "tysm"}  # chat and speech; "country France"


def tokens(text: str) -> list[str]:
    """The words, commas and list breaks of ``text``; a sentence's end is a break (";") between groups."""
    out: list[str] = []
    for token in text.replace(",", " , ").split():
        word = token.strip(".:!?") or token
        out.append(";" if word == "." else word)
        if token.endswith(".") and word != "." and not rx.fullmatch(r"[\d.]+|[a-z]\.(?:[a-z]\.)*", token):
            out.append(";")
    return out


# words that open a clause of its own after "or" ("have no returns or have bought …"), so a "not" before stays behind
_NEW_CLAUSE = re.compile(r"(?:have|has|had|are|is|were|was|do|does|did|be|who|whose|that|which|with|either|customers|people|anyone|those|everyone|anybody|everybody)\b")
_GROUP_HEADS = {"customers", "those", "people", "anyone", "everyone", "buyers", "shoppers", "accounts", "clients", "users"}
_OR_ONLY = {"or", "who", "that", "have", "has", "had", "either", "are", "were", "is"}


def combine(text: str, conditions: list[Condition], said: list[str] | None = None) -> tuple[Condition | None, list[str]]:
    """Markers joined by and (default), or, not, plus the words that are neither markers nor filler. "and"
    binds tighter than "or", except after a relative clause or "either": "buyers with 3+ orders who either
    returned something or reviewed X" is 3+ orders and (returned or reviewed X)."""
    items: list[tuple[Condition, list[str]]] = []  # each condition with the words before it
    leftover: list[str] = []
    gap: list[str] = []
    negate = False
    excluded = False  # the last condition was left out by "except / excluding" (not by a plain "not")
    said_not = False  # the last condition is a negation (by "not" before it or by its own words)
    opened = False  # an "either" came: its "or" joins alternatives, a negation before it is the first one's alone
    for token in exclusion_words(serial_lists(any_of(tokens(text)))):
        if (marker := rx.fullmatch(r"§(\d+)§", token)) is not None:
            condition = conditions[int(marker.group(1))]
            words = said[int(marker.group(1))] if said and int(marker.group(1)) < len(said) else ""
            if "either" in words.split()[:2] and "either" not in gap:  # "with either A or B": the span read took the "either"
                gap.append("either")
                opened = True
            shared_not = said_not and set(gap) <= {"or"} and not opened and not _NEW_CLAUSE.match(words)
            if (excluded and set(gap) <= _OR_ONLY or shared_not) and not negate and "or" in gap and not isinstance(condition, Not):
                # "everyone except people who bought kitchen or returned something", "did not return anything or leave
                # a review", "no returns or reviews": one negation before an or-list leaves out each of them
                negate, gap = True, ["and" if word == "or" else word for word in gap]
            if excluded and not negate and items and isinstance(items[-1][0], Not) and set(gap) <= FILLER - {"and", "or", "but"} \
                    and not set(gap) & {"who", "whose", "that", "with"}:
                # "excluding anyone who ordered from the United States": one clause, two conditions, left out together
                left_out, before = items.pop()
                items.append((Not(condition=_all_of([left_out.condition, condition])), before))
                gap = []
                continue
            excluded = negate and bool({"except", "excluding", "excluding:", "exclude"} & set(gap))
            gap = _without_or_both(gap)  # "A or B (or both), among C": a remark on the choice before, no join of its own
            head = words.split()[:1]  # "or those buyers averaging …": a clause that names a group of its own says so
            items.append((Not(condition=condition) if negate else condition, gap + [w for w in head if w in _GROUP_HEADS - {"customers"}]))
            # "outside France or …": a country left out is one condition's own wording, no negation for the next
            said_not = isinstance(items[-1][0], Not) and not isinstance(items[-1][0].condition, Country)
            gap, negate = [], False
            continue
        gap.append(token)
        opened = opened or token == "either"
        if token in ("not", "except", "excluding", "excluding:", "exclude"):
            negate = True
        elif token in (",", ";", "but", "and", "or", "yet"):
            negate = False  # "not sure this is possible, but find customers who ...": the not was in another clause
        elif token not in FILLER and token not in (",", ";", "or"):
            leftover.append(token)
    if not items:
        return None, leftover
    trailing = " ".join(gap)
    heads_c, heads_b = (set(items[-1][1]) & _GROUP_HEADS, set(items[-2][1]) & _GROUP_HEADS) if len(items) >= 3 else (set(), set())
    if rx.search(r"\bor both\b", trailing) and len(items) >= 3 and "or" in items[-1][1] and "or" not in items[-2][1] \
            and not any("either" in before for _, before in items) and (not heads_c or heads_c & heads_b):
        # "A, and B or C (or both)": the choice is of the last two, unless C names a group of its own ("… or customers with C")
        items[-2] = (items[-2][0], [*items[-2][1], "either"])
    return _structure(_said_once(items)), leftover


def _without_or_both(gap: list[str]) -> list[str]:
    """``gap`` without an "or both" that follows an "or" already said (the words before the next condition keep their own join)."""
    at = next((i for i in range(len(gap) - 1) if gap[i] == "or" and gap[i + 1] == "both"), None)
    return gap if at is None else gap[:at] + gap[at + 2:]


def _said_once(items: list[tuple[Condition, list[str]]]) -> list[tuple[Condition, list[str]]]:
    """"non-returners (zero returns)": a condition said again right after itself, in other words, is one condition."""
    out: list[tuple[Condition, list[str]]] = []
    for condition, before in items:
        if out and condition == out[-1][0] and not set(before) & {"or", "not", "except", "excluding", "either"}:
            continue
        if out and set(before) <= {","} and not isinstance(condition, Not):
            # "heavy reviewers (3+ reviews)", "minus returners (2+ returns)": a bracket that says how much of what was just
            # named is the condition itself, left out together where the name was
            earlier = out[-1][0]
            if _implies(condition, earlier.condition if isinstance(earlier, Not) else earlier):
                out[-1] = (Not(condition=condition) if isinstance(earlier, Not) else condition, out[-1][1])
                continue
        out.append((condition, before))
    return out


_COUNTED = {"reviewed": "reviews", "returned": "returns", "bought": "orders"}


def _implies(later: Condition, earlier: Condition) -> bool:
    """Every customer ``later`` holds for is one ``earlier`` holds for, on their face: "3+ reviews" of "reviewed
    anything", "3+ orders" of "2+ orders"."""
    if isinstance(later, Measure) and later.op in (">=", ">") and later.value >= (1 if later.op == ">=" else 0):
        if isinstance(earlier, Did) and earlier.target is None and earlier.within_days is None and earlier.since is None:
            return _COUNTED.get(earlier.action) == later.measure
        if isinstance(earlier, Measure) and earlier.measure == later.measure and earlier.op in (">=", ">"):
            return later.value > earlier.value or (later.value == earlier.value and later.op == ">") or later == earlier
    return False


def _structure(items: list[tuple[Condition, list[str]]]) -> Condition:
    """The conditions, each with the words before it, joined: and binds tighter than or, except after a relative
    clause or "either" (which open a group to the end) and for an exclusion at the end (which leaves its
    condition out of all that comes before)."""
    joins = ["or" if "or" in before else "and" for _, before in items[1:]]  # joins[i]: between items i and i+1
    breaks = [i for i, (_, before) in enumerate(items) if i >= 1 and _top_level(before)]
    if breaks and "or" in joins:  # "A, and B or C"; "- A\n- B or C": the list's items are groups of their own
        bounds = [0, *breaks, len(items)]
        parts = [items[a:b] for a, b in zip(bounds, bounds[1:])]
        structured = [_structure([(c, before if n else []) for n, (c, before) in enumerate(part)]) for part in parts]
        out = structured[0]
        for part, condition in zip(parts[1:], structured[1:]):
            joined = [out, condition]
            out = AnyOf(conditions=joined) if "or" in part[0][1] else _all_of(joined)
        return out
    last_gap = items[-1][1] if len(items) > 1 else []
    if "or" in joins[:-1] and joins[-1] == "and" and set(last_gap) & {"except", "excluding", "exclude", "excluding:"} \
            and ("," in last_gap or last_gap[:1] in (["except"], ["excluding"], ["exclude"])):
        return _all_of([_structure(items[:-1]), items[-1][0]])  # "A or B, excluding C"
    if len(items) > 2 and "or" in joins[:-1] and "," in last_gap and {"among", "amongst", "within"} & set(last_gap) \
            and not {"or", "who", "whose", "that"} & set(last_gap):
        return _all_of([_structure(items[:-1]), items[-1][0]])  # "A or B and C, among our customers with D": D narrows all of it
    if len(items) > 2 and all(j == "or" for j in joins[:-1]) and "," in last_gap \
            and not {"and", "but", "yet", "who", "whose", "that"} & set(last_gap):
        return _all_of([_structure(items[:-1]), items[-1][0]])  # "A or B, all of them in Germany": a closing restriction
    opened = next((i for i, (_, before) in enumerate(items) if i >= 1 and "either" in before), None)
    if opened is not None and "or" in joins[opened:] and "or" not in joins[:opened - 1]:
        # "A and who either B or C and D": A and (B or (C and D)); "either" opens a group to the end
        tail: list[list[Condition]] = [[items[opened][0]]]
        for join, (condition, _) in zip(joins[opened:], items[opened + 1:]):
            if join == "or":
                tail.append([])
            tail[-1].append(condition)
        group = AnyOf(conditions=[g[0] if len(g) == 1 else AllOf(conditions=g) for g in tail])
        return _all_of([c for c, _ in items[:opened]] + [group])
    if "or" in joins and (k := joins.index("or")) >= 1 and all(j == "or" for j in joins[k:]):
        before_b = set(items[k][1])
        own_group = bool(set(items[k + 1][1]) & _GROUP_HEADS)  # "reviewers whose A, plus buyers with B": B is a group of its own
        if "either" in before_b or (before_b & {"who", "whose", "that", "which"} and not before_b & {"and", ",", "but", "yet"} and not own_group):
            head = [c for c, _ in items[:k]]
            return _all_of(head + [AnyOf(conditions=[c for c, _ in items[k:]])])
    groups: list[list[Condition]] = [[items[0][0]]]
    for join, (condition, _) in zip(joins, items[1:]):
        if join == "or":
            groups.append([])
        groups[-1].append(condition)
    parts = [g[0] if len(g) == 1 else AllOf(conditions=g) for g in groups]
    return parts[0] if len(parts) == 1 else AnyOf(conditions=parts)


_BUYERS = re.compile(r"(?:^|[,;:—–-]\s*|\b(?:the|our|all|lapsed|recent|active|repeat|existing|loyal|any|those|of|to|find|get|show|list|want|need|me)\s+)"
                     r"(?:buyers|purchasers|paying customers)\b")


def as_buyers(text: str, condition: Condition | None) -> Condition | None:
    """"the buyers whose net spend is below 30", "lapsed buyers: no order in 90 days": an audience named as buyers
    holds only customers who bought (where a condition already implies it, the set is unchanged)."""
    if condition is None or not _BUYERS.search(text):  # "kitchen buyers", "non-DE buyers": a condition, not the audience
        return condition
    buyer = Measure(measure="orders", op=">=", value=1)
    if isinstance(condition, AnyOf):  # "lapsed buyers … or customers with a support message": the buyers are one of the groups
        named = _BUYERS.search(text)
        if named is None or rx.search(r"\bor\b", text[:named.start()]):
            return condition  # named after the first "or": which group they are is the reading's (never all of them)
        first = condition.conditions[0]
        parts = first.conditions if isinstance(first, AllOf) else [first]
        return condition if buyer in parts else AnyOf(conditions=[AllOf(conditions=[buyer, *parts]), *condition.conditions[1:]])
    parts = condition.conditions if isinstance(condition, AllOf) else [condition]
    return condition if buyer in parts else AllOf(conditions=[buyer, *parts])


def countries_together(condition: Condition) -> str | None:
    """Two different countries both required of one customer ("in France and also in Spain"), in words; else None."""
    if not isinstance(condition, AllOf):
        return None
    named = {c for part in condition.conditions if isinstance(part, Country) for c in part.countries}
    required = [part for part in condition.conditions if isinstance(part, Country)]
    return " and ".join(f"'{c}'" for c in sorted(named)) if len(required) > 1 and len(named) > 1 else None


def _all_of(conditions: list[Condition]) -> Condition:
    return conditions[0] if len(conditions) == 1 else AllOf(conditions=conditions)


def _top_level(before: list[str]) -> bool:
    """The words before a condition end a group: a list item (";"), "A, and B", "who A and who B"."""
    words = set(before)
    return ";" in words or ("," in words and "and" in words) or ("and" in words and bool(words & {"who", "whose", "that"}))

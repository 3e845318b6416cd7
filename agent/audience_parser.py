"""From a marketer's sentence to a checked AudienceQuery, a question back with the best reading, or a clear
refusal.

The learned clause frames (``agent.reader.audience_clauses``) read every question; the phrase rules
(``agent.audience_rules``) read it again on their own as a cross-check (``read_learned_first``). With an
OpenAI-compatible server such as vLLM, a question neither could map may go to the served model constrained
by the query's JSON schema (``response_format: json_schema``, vLLM's guided decoding); the in-process 135M
model never writes queries. Whoever wrote the query, its names are checked against the data's vocabulary,
and a question asking for contact details or for data the shop does not hold is declined as a whole.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from agent.audience_rules import Reading, RuleReader
from agent.reader.audience_clauses import ClauseReader
from agent.reader.audience_declines import CONTACT, HELP, NAMES_OF, OWNS, beyond_the_reading, decline_reason, home_town
from agent.reader.doubt import gap_evidence
from agent.reader.framing import CORRECTION
from agent.reader.marker_words import any_of, exclusion_words, serial_lists
from agent.reader.expressions import prepare, with_years
from encoders.settings import Settings
from retrieval.audience.query import (
    AllOf,
    AnyOf,
    AudienceQuery,
    Condition,
    Country,
    Did,
    Label,
    Leaf,
    Measure,
    Not,
    SupportIntent,
    all_of,
)
from retrieval.audience.vocabulary import Vocabulary

FILLER = set("""how many much number of count total list show me find give get all the a an who whose that which are is were was
have has had do did does there and but also with their they them those these please i we want need to for our my any ones each
select pull export csv customers customer shoppers shopper people users user clients client buyers members audience can you
tell let us what segment would like identify target targeting as well have been ever in yet at least so far currently right now
anyone anybody everyone everybody audiences group list names among""".split())
FILLER -= {"names"}
FILLER |= {"either", "neither", "pls", "plz", "thx", "thanks", "ids", "id", "uids", "identifiers", "only"}
FILLER |= {"supply", "provide", "deliver", "extract", "complete", "full", "entire", "whole", "cohort", "population",
           "panel"}  # handing the list over
FILLER |= {"cool", "cheers", "yeah", "yep", "ok", "okay", "hey", "hi", "hello", "so", "asap", "quick", "country", "anyof"}  # chat and speech; "country France"


@dataclass
class Parsed:
    """A query, or the reason there is none (``declined``); the name mappings made on the way."""

    query: AudienceQuery | None
    mappings: list[str] = field(default_factory=list)
    declined: str | None = None
    reader: Literal["rules", "llm", "frames"] = "rules"
    model_reply: str | None = None  # the served model's raw JSON, when it wrote the query
    ask_back: str | None = None  # set when ``query`` is only the best reading: the question back, in words
    unmapped: list[str] = field(default_factory=list)
    check: AudienceQuery | None = None  # the phrase rules' own reading, when it differs in form: run both, compare audiences
    confidence: float = 1.0  # the least sure clause's frame-family probability (1.0: read by the rules alone)
    evidence: dict[str, float] = field(default_factory=dict)  # what the reading rests on, for ``agent.reader.doubt``


def _tokens(text: str) -> list[str]:
    """The words, commas and list breaks of ``text``; a sentence's end is a break (";") between groups."""
    out: list[str] = []
    for token in text.replace(",", " , ").split():
        word = token.strip(".:!?") or token
        out.append(";" if word == "." else word)
        if token.endswith(".") and word != "." and not re.fullmatch(r"[\d.]+|[a-z]\.(?:[a-z]\.)*", token):
            out.append(";")
    return out


# words that open a clause of its own after "or" ("have no returns or have bought …"), so a "not" before stays behind
_NEW_CLAUSE = re.compile(r"(?:have|has|had|are|is|were|was|do|does|did|be|who|whose|that|which|with|either|customers|people|anyone|those|everyone|anybody|everybody)\b")
_GROUP_HEADS = {"customers", "those", "people", "anyone", "everyone", "buyers", "shoppers", "accounts", "clients", "users"}
_OR_ONLY = {"or", "who", "that", "have", "has", "had", "either", "are", "were", "is"}


def _combine(text: str, conditions: list[Condition], said: list[str] | None = None) -> tuple[Condition | None, list[str]]:
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
    for token in exclusion_words(serial_lists(any_of(_tokens(text)))):
        if (marker := re.fullmatch(r"§(\d+)§", token)) is not None:
            condition = conditions[int(marker.group(1))]
            words = said[int(marker.group(1))] if said and int(marker.group(1)) < len(said) else ""
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
    if re.search(r"\bor both\b", trailing) and len(items) >= 3 and "or" in items[-1][1] and "or" not in items[-2][1] \
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
        out.append((condition, before))
    return out


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


def _as_buyers(text: str, condition: Condition | None) -> Condition | None:
    """"the buyers whose net spend is below 30", "lapsed buyers: no order in 90 days": an audience named as buyers
    holds only customers who bought (where a condition already implies it, the set is unchanged)."""
    if condition is None or not _BUYERS.search(text):  # "kitchen buyers", "non-DE buyers": a condition, not the audience
        return condition
    buyer = Measure(measure="orders", op=">=", value=1)
    if isinstance(condition, AnyOf):  # "lapsed buyers … or customers with a support message": the buyers are one of the groups
        named = _BUYERS.search(text)
        if named is None or re.search(r"\bor\b", text[:named.start()]):
            return condition  # named after the first "or": which group they are is the reading's (never all of them)
        first = condition.conditions[0]
        parts = first.conditions if isinstance(first, AllOf) else [first]
        return condition if buyer in parts else AnyOf(conditions=[AllOf(conditions=[buyer, *parts]), *condition.conditions[1:]])
    parts = condition.conditions if isinstance(condition, AllOf) else [condition]
    return condition if buyer in parts else AllOf(conditions=[buyer, *parts])


def _countries_together(condition: Condition) -> str | None:
    """Two different countries both required of one customer ("in France and also in Spain"), in words; else None."""
    if not isinstance(condition, AllOf):
        return None
    named = {c for part in condition.conditions if isinstance(part, Country) for c in part.countries}
    required = [part for part in condition.conditions if isinstance(part, Country)]
    return " and ".join(f"'{c}'" for c in sorted(named)) if len(required) > 1 and len(named) > 1 else None


def _all_of(conditions: list[Condition]) -> Condition:
    return conditions[0] if len(conditions) == 1 else AllOf(conditions=conditions)


def read_learned_first(question: str, vocabulary: Vocabulary, settings: Settings, clauses: ClauseReader) -> Parsed:
    """The learned clause frames read every clause; the phrase rules read the same question on their own as a
    cross-check. A complete reading by the frames is the answer, carrying the rules' reading as ``check`` when
    the rules read the whole question another way (the caller runs both and asks back if the audiences
    differ). Where the frames leave a clause unmapped, the rules' spans with the frames choosing each one's fact
    (``read_sentence``) are used only if the rules alone read the whole question the same way (or the frames
    found nothing at all); otherwise the frames' question back stands."""
    top = settings.audience_likely_top
    learned = read_sentence(question, vocabulary, top, clauses, phrase_rules=False)
    if not settings.audience_phrase_rules:
        return learned
    if learned.query is not None and learned.ask_back is None:
        ruled = read_sentence(question, vocabulary, top)
        if ruled.query is not None and ruled.ask_back is None and ruled.query != learned.query:
            learned.check = ruled.query
        complete = ruled.query is not None and ruled.ask_back is None
        learned.evidence |= {"rules_same": float(complete and ruled.query == learned.query),
                             "rules_other": float(complete and ruled.query != learned.query), "rules_partial": float(not complete)}
        return learned
    if learned.declined is not None and learned.declined.startswith("Declined"):
        return learned
    combined = read_sentence(question, vocabulary, top, clauses)
    if combined.query is not None and combined.ask_back is None:
        ruled = read_sentence(question, vocabulary, top)
        if ruled.query == combined.query or learned.query is None:  # the rules read all of it, the frames agreeing
            combined.evidence |= {"rules_same": float(ruled.query == combined.query), "rules_partial": float(ruled.query != combined.query)}
            return combined
        return learned
    return combined if learned.query is None else learned


def _top_level(before: list[str]) -> bool:
    """The words before a condition end a group: a list item (";"), "A, and B", "who A and who B"."""
    words = set(before)
    return ";" in words or ("," in words and "and" in words) or ("and" in words and bool(words & {"who", "whose", "that"}))


def read_sentence(question: str, vocabulary: Vocabulary, default_top: int, clauses: ClauseReader | None = None,
                    phrase_rules: bool = True) -> Parsed:
    """The phrase rules propose spans and slots; the learned clause frames choose what each clause states.

    Every phrase the rules mark is classified by the clause model: where its frame agrees with the rules'
    (same family of fact), the rules' condition stands; where it does not, the frames' reading is the best
    reading and the reply is a question back naming the disagreement. What the rules leave is read clause by
    clause by the frames alone: filler passes, a clause they read confidently becomes a condition, and a clause
    that looks like a condition but maps to nothing makes the reply a question back with the best reading,
    never a silent drop. Without a clause model (``clauses=None``) the rules read alone and decline what they
    leave. ``phrase_rules=False`` leaves every clause to the frames (an ablation)."""
    text = prepare(re.sub(r"[?!]+(?=\s+\S)", ".", question))  # "…something? I need the ids too": two sentences
    if clauses is not None:
        text = clauses.resolve_anaphora(clauses.join_fields(clauses.respell(with_years(text, clauses.clock) if clauses.clock else text)))
    whole = text  # contact details are declined wherever they are asked for, context included
    if clauses is not None:
        text = clauses.focus(text)
    reading = RuleReader(vocabulary, default_top).read(text) if phrase_rules or clauses is None else Reading(text=text)
    condition, leftover = _combine(reading.text, reading.conditions, reading.said)
    rest = " ".join(leftover)
    if clauses is not None:  # the shop's own names ("Pet Bowl Set, Small") are never a request for personal data
        rest = " ".join(_combine(clauses.without_names(reading.text), reading.conditions)[1])
    # a word of the shop's own category and brand names ("pet stuff" near "pet supplies") is never a request for personal data
    name_words = {word for kind in ("category", "brand") for name in vocabulary.values.get(kind, [])
                  for word in re.findall(r"[a-z]{3,}", name.lower())}
    rest = " ".join(w for w in rest.split() if w not in name_words)
    for aside in re.findall(r"\(([^()]*)\)", question.lower()):  # a request in brackets the layout set aside is still one
        if aside not in whole and decline_reason(clauses.without_names(aside) if clauses is not None else aside):
            rest = f"{rest} {aside}"
    asks_anyway = re.search(CONTACT, whole) or re.search(OWNS, whole) or re.search(NAMES_OF, whole)  # wherever they are asked for, context included
    if (reason := decline_reason(rest or "")) is not None or (reason := decline_reason(whole) if asks_anyway else None):
        return Parsed(query=None, declined=reason)
    if clauses is not None and (town := home_town(text, clauses)) is not None:
        return Parsed(query=None, declined=f"Declined: '{town}' is not something the shop holds (it knows the country of a customer's "
                                           f"orders, not their town). {HELP}")
    unmapped: list[str] = []
    disagreements: list[str] = []
    confidence = 1.0
    evidence: dict[str, float] = {}
    if clauses is not None:
        notes, disagreements = clauses.choose_frames(reading.said, reading.conditions)
        reading.mappings += notes
        if leftover:
            reading.text, added, unmapped, confidences = clauses.read_leftovers(reading.text, reading.conditions, leftover, reading.said)
            reading.mappings += added
            confidence = min(confidences, default=1.0)
        own_words = [" ".join(w for w in clauses.without_names(phrase).split() if w not in name_words) for phrase in unmapped]
        if (reason := next((r for words in own_words if (r := decline_reason(words)) is not None), None)) is not None:
            return Parsed(query=None, declined=reason)  # a clause no frame reads asks for data the shop does not hold
        condition, leftover = _combine(reading.text, reading.conditions, reading.said)
        evidence = gap_evidence(_tokens(reading.text), leftover) | {"least_sure": confidence}
        leftover = [w for w in leftover if any(w in phrase.split() for phrase in unmapped)]
    if leftover and clauses is None:
        hints = [f"'{u}' matches no known name" for u in reading.unresolved if set(u.split()) & set(leftover)]
        unknown = f" ({'; '.join((reading.problems + hints)[:2])})" if reading.problems or hints else ""
        return Parsed(query=None, mappings=reading.mappings,
                      declined=f"Not understood: '{rest}'{unknown}. Nothing was run. {HELP}")
    reader = "frames" if clauses is not None else "rules"
    if condition is None and not unmapped and not re.search(r"\b(?:all|every|everyone|everybody|how many customers)\b", text):
        return Parsed(query=None, declined=f"Not understood: the question names no condition. {HELP}")
    try:
        query = AudienceQuery(condition=_as_buyers(text, condition))
    except ValidationError as error:
        return Parsed(query=None, declined=f"Not understood: {error.errors()[0]['msg']}. {HELP}")
    if query.condition is None and whole != text:  # a sentence set aside as context may have held the condition
        reading.problems.append("I found no condition I could map in it, so this would be every customer")
    if (clash := _countries_together(query.condition)) is not None:  # "in France and also in Spain": nobody, as read
        reading.problems.append(f"a customer has one country, so {clash} together select nobody; did you mean either?")
    reading.problems += beyond_the_reading(whole)
    if (cue := CORRECTION.search(whole)) is not None:  # the writer corrected themselves in a way not lined up: never guess
        reading.problems.append(f"'{cue.group(0).strip(' ,')}' reads as a correction I could not apply")
    if unmapped or reading.problems or disagreements:
        phrases = ", ".join(f"'{u}'" for u in unmapped)
        why = "; ".join(([f"I could not map {phrases}"] if phrases else []) + reading.problems + disagreements)
        return Parsed(query=query, mappings=reading.mappings, reader=reader, ask_back=why, unmapped=unmapped,
                      confidence=confidence, evidence=evidence)
    return Parsed(query=query, mappings=reading.mappings, reader=reader, confidence=confidence, evidence=evidence)


# --- the model with the query's JSON schema (OpenAI-compatible servers, vLLM guided decoding) -------

SYSTEM = ("You turn a marketer's question about a shop's customers into a JSON audience query that follows the "
          "schema exactly. Use only these names. Countries: {country}. Categories: {category}. Brands: {brand}. "
          "Support intents: {intent}. Lifecycle stages: new, active, at risk, lapsed. Spend bands: low spend, medium "
          "spend, high spend. Price bands: budget, mid, premium. If part of the question cannot be expressed, answer "
          '{{"condition": null}}.')


class ModelCondition(BaseModel):
    negate: bool = False
    condition: Leaf


class ModelQuery(BaseModel):
    """What the model fills in: a flat list of conditions joined by 'and', each possibly negated. Flat
    and bounded, so guided decoding of a small model ends; the full AudienceQuery nests freely."""

    conditions: list[ModelCondition] = Field(max_length=6)

    def to_query(self) -> AudienceQuery:
        parts: list[Condition] = [Not(condition=c.condition) if c.negate else c.condition for c in self.conditions]
        return AudienceQuery(condition=all_of(parts))


def bounded_schema(schema: dict[str, object], items: int = 4, chars: int = 80) -> dict[str, object]:
    """The schema with every list and free string bounded, so a small model's guided decoding ends."""
    def walk(node: object) -> object:
        if isinstance(node, dict):
            node = {k: walk(v) for k, v in node.items()}
            if "kind" in node.get("properties", {}):  # the discriminator has a default, but the model must write it
                node["required"] = sorted({*node.get("required", []), "kind"})
            if node.get("type") == "array":
                node.setdefault("maxItems", items)
            if node.get("type") == "string" and "enum" not in node and "const" not in node and "format" not in node:
                node.setdefault("maxLength", chars)
            return node
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    return walk(schema)  # type: ignore[return-value]


def read_with_model(question: str, vocabulary: Vocabulary, settings: Settings) -> Parsed:
    """The served model writes the query under the JSON schema; its names are then checked. Any
    failure (an unfinished or invalid reply, a server error) declines the question, naming why."""
    from agent.llm.backends import build_chat_model

    tokens = max(settings.max_new_tokens, settings.audience_model_tokens)
    chat = build_chat_model(settings.model_copy(update={"max_new_tokens": tokens}))
    schema = bounded_schema(ModelQuery.model_json_schema())
    extra = {"structured_outputs": {"json": schema, "disable_any_whitespace": True}} if settings.audience_vllm_compact_json else {}
    model = chat.bind(response_format={"type": "json_schema", "json_schema": {"name": "audience_query", "schema": schema}},
                      extra_body=extra or None)
    names = {k: ", ".join(vocabulary.values.get(k, [])[:60]) or "none" for k in ("country", "category", "brand", "intent")}
    try:
        reply = str(model.invoke([("system", SYSTEM.format(**names)), ("user", question)]).content)
    except Exception as error:  # noqa: BLE001 - e.g. the reply hit the token limit before the JSON closed
        return Parsed(query=None, declined=f"Not understood: the model gave no complete query ({type(error).__name__}). {HELP}", reader="llm")
    try:
        query = ModelQuery.model_validate(json.loads(reply)).to_query()
    except (ValueError, ValidationError) as error:
        return Parsed(query=None, declined=f"Not understood: the model's query was not valid ({str(error)[:160]}). {HELP}",
                      reader="llm", model_reply=reply)
    parsed = check_names(query, vocabulary)
    parsed.model_reply = reply
    return parsed


def check_names(query: AudienceQuery, vocabulary: Vocabulary) -> Parsed:
    """Map every name in a query onto the vocabulary (reporting the mappings) or decline naming it."""
    mappings: list[str] = []
    unknown: list[str] = []

    def fix(kind: str, value: str) -> str:
        resolved = vocabulary.resolve(kind, value)
        if resolved is None:
            unknown.append(f"{kind} '{value}'")
            return value
        if resolved.note:
            mappings.append(resolved.note)
        return resolved.value

    def checked(node: Condition) -> Condition:
        if isinstance(node, Not):
            return node.model_copy(update={"condition": checked(node.condition)})
        if isinstance(node, (AllOf, AnyOf)):
            return node.model_copy(update={"conditions": [checked(c) for c in node.conditions]})
        if isinstance(node, Country):
            return node.model_copy(update={"countries": [fix("country", c) for c in node.countries]})
        if isinstance(node, Did) and node.target is not None:
            target = node.target.model_copy(update={"value": fix(node.target.type, node.target.value)})
            return node.model_copy(update={"target": target})
        if isinstance(node, SupportIntent):
            return node.model_copy(update={"intent": fix("intent", node.intent)})
        if isinstance(node, Label) and node.label in ("segment", "top_category"):
            kind = "segment" if node.label == "segment" else "category"
            return node.model_copy(update={"values": [fix(kind, v) for v in node.values]})
        return node

    fixed = AudienceQuery(condition=checked(query.condition)) if query.condition is not None else query
    if unknown:
        return Parsed(query=None, declined=f"Not understood: {', '.join(unknown)} matches nothing in this shop. {HELP}", reader="llm")
    return Parsed(query=fixed, mappings=mappings, reader="llm")


def parse_question(question: str, vocabulary: Vocabulary, settings: Settings, clauses: ClauseReader | None = None) -> Parsed:
    """Rules first (exact and instant); the served model only for what the rules could not read, and
    only with the openai backend. The in-process model never writes queries."""
    if len(question) > settings.audience_max_question_chars:
        return Parsed(query=None, declined=f"Declined: questions are limited to {settings.audience_max_question_chars} characters.")
    parsed = read_learned_first(question, vocabulary, settings, clauses) if clauses is not None else \
        read_sentence(question, vocabulary, settings.audience_likely_top)
    if (parsed.query is not None and parsed.ask_back is None) or parsed.declined is None or parsed.declined.startswith("Declined"):
        if parsed.ask_back is None or not (settings.audience_parser == "rules+model" and settings.resolved_llm_backend == "openai"):
            return parsed
    if settings.audience_parser == "rules+model" and settings.resolved_llm_backend == "openai":
        return read_with_model(question, vocabulary, settings)
    return parsed

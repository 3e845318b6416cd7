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
from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from agent.audience_rules import Reading, RuleReader
from agent.reader import regex as rx
from agent.reader.audience_clauses import ClauseReader
from agent.reader.audience_declines import CONTACT, HELP, NAMES_OF, OWNS, WORKS, beyond_the_reading, decline_reason, home_town
from agent.reader.crm import plain_crm
from agent.reader.doubt import gap_evidence
from agent.reader.framing import CORRECTION
from agent.reader.joining import as_buyers, combine, countries_together, tokens
from agent.reader.pasted import pasted
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
    Not,
    SupportIntent,
    all_of,
)
from retrieval.audience.vocabulary import Vocabulary



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
    said = pasted(question)  # a pasted JSON, query line or table in words while its capitals still tell fields apart (marketers only)
    said = clauses.named_counts(said) if clauses is not None else said  # "kitchen returns >= 1" said as the act
    text = prepare(rx.sub(r"[?!]+(?=\s+\S)", ".", said))  # "…something? I need the ids too": two sentences
    if clauses is not None:
        text = clauses.with_names(with_years(text, clauses.clock) if clauses.clock else text)
    whole = text  # contact details are declined wherever they are asked for, context included
    if clauses is not None:
        text = clauses.focus(text)
    reading = RuleReader(vocabulary, default_top).read(text) if phrase_rules or clauses is None else Reading(text=text)
    condition, leftover = combine(reading.text, reading.conditions, reading.said)
    rest = " ".join(leftover)
    if clauses is not None:  # the shop's own names ("Pet Bowl Set, Small") are never a request for personal data
        rest = " ".join(combine(clauses.without_names(reading.text), reading.conditions)[1])
    # a word of the shop's own category and brand names ("pet stuff" near "pet supplies") is never a request for personal data
    name_words = {word for kind in ("category", "brand") for name in vocabulary.values.get(kind, [])
                  for word in rx.findall(r"[a-z]{3,}", name.lower())}
    rest = " ".join(w for w in rest.split() if w not in name_words and not set(w.split("-")[:1]) & name_words)  # "pet-suppiles", not "self-employed"
    for aside in rx.findall(r"\(([^()]*)\)", question.lower()):  # a request in brackets the layout set aside is still one
        aside = plain_crm(aside)  # "(CS contacts >= 1)": support counted, no contact details
        if aside not in whole and decline_reason(clauses.without_names(aside) if clauses is not None else aside):
            rest = f"{rest} {aside}"
    asks_anyway = rx.search(CONTACT, whole) or rx.search(OWNS, whole) or rx.search(NAMES_OF, whole) or rx.search(WORKS, whole)  # wherever they are asked for, context included
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
        condition, leftover = combine(reading.text, reading.conditions, reading.said)
        evidence = gap_evidence(tokens(reading.text), leftover) | {"least_sure": confidence}
        leftover = [w for w in leftover if any(w in phrase.split() for phrase in unmapped)]
    if leftover and clauses is None:
        hints = [f"'{u}' matches no known name" for u in reading.unresolved if set(u.split()) & set(leftover)]
        unknown = f" ({'; '.join((reading.problems + hints)[:2])})" if reading.problems or hints else ""
        return Parsed(query=None, mappings=reading.mappings,
                      declined=f"Not understood: '{rest}'{unknown}. Nothing was run. {HELP}")
    reader = "frames" if clauses is not None else "rules"
    if condition is None and not unmapped and not rx.search(r"\b(?:all|every|everyone|everybody|how many customers)\b", text):
        return Parsed(query=None, declined=f"Not understood: the question names no condition. {HELP}")
    try:
        query = AudienceQuery(condition=as_buyers(text, condition))
    except ValidationError as error:
        return Parsed(query=None, declined=f"Not understood: {error.errors()[0]['msg']}. {HELP}")
    if query.condition is None and whole != text:  # a sentence set aside as context may have held the condition
        reading.problems.append("I found no condition I could map in it, so this would be every customer")
    if (clash := countries_together(query.condition)) is not None:  # "in France and also in Spain": nobody, as read
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

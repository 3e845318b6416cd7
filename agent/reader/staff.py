"""A staff question about one customer -> a customer query, a profile answer, a question back, or a decline.

The pipeline (Rasa-style, small parts): prepared text -> data the shop does not hold (decline) -> time
windows, rating ranges and order references -> the shop's names (with near-misses) -> the delexicalised
sentence -> the frame model (ask x event type, calibrated) -> slots filled into a ``CustomerQuery`` ->
one confidence. Below the frame model's calibrated threshold, with a name read only as a near-miss, or with
a word that looks like a name the shop does not have, the reading is not run: the assistant asks back with
its best reading. A follow-up ("what about books?", "and in the last 30 days?", "how many of those were
in August?") edits the conversation's last query instead of starting a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime

from pydantic import ValidationError

from agent.reader import regex as rx
from agent.reader.corpus import ASKS, DECLINE, PROFILE_ASKS
from agent.reader.expressions import prepare
from agent.reader.frames import FrameModel
from agent.reader.names import NameFinder, NameSpan
from agent.reader.not_held import not_held
from agent.reader.when import find_windows
from retrieval.query.customer import CustomerQuery, EventScope
from retrieval.query.words import describe_scope

NEAR_MISS_FACTOR = 0.85
_PLACEHOLDER = {"category": "category", "brand": "brand", "product": "product", "country": "country"}
_FOLLOW_START = re.compile(r"^(?:and|but|ok(?:ay)?|so|now|then|also|same|what about|how about|what if|only|just|instead)\b")
_ANAPHORA = re.compile(r"\b(?:those|these|that period|that time|then|instead|same (?:for|question|thing|again)|of them)\b")
_RATING = [
    (re.compile(r"\b(?P<n>[1-5](?:\.\d)?)\s*(?:stars?|\*)?\s*(?:or|and)\s*(?:less|lower|below|fewer|under|worse)\b"), "max"),
    (re.compile(r"\b(?:below|under|less than|lower than|fewer than)\s+(?P<n>[1-5](?:\.\d)?)\s*stars?\b"), "lt"),
    (re.compile(r"\b(?:at most|no more than|up to)\s+(?P<n>[1-5](?:\.\d)?)\s*stars?\b"), "max"),
    (re.compile(r"\b(?P<n>[1-5](?:\.\d)?)\s*(?:stars?|\*)?\s*(?:or|and)\s*(?:more|higher|above|better|up)\b"), "min"),
    (re.compile(r"\b(?:above|over|more than|higher than)\s+(?P<n>[1-5](?:\.\d)?)\s*stars?\b"), "gt"),
    (re.compile(r"\b(?:at least)\s+(?P<n>[1-5](?:\.\d)?)\s*stars?\b"), "min"),
    (re.compile(r"\b(?P<n>[1-5])[- ]stars?\b|\brated\s+(?P<n2>[1-5])\b"), "eq"),
]
_ORDER_REF = re.compile(
    r"\b(?:(?:their|his|her|the|this customer's|the customer's|the shopper's|this shopper's|its|this client's)\s+)?"
    r"(?P<which>first|last|latest|most recent|newest|oldest|previous|earliest)\s+(?:order|purchase|basket|checkout)\b"
    r"|\border\s+(?P<id>[a-z]*\d[\w\-]*)\b")
_ORDER_ASKS = {"count", "units", "amount", "net", "list_product", "distinct_category", "distinct_brand",
               "distinct_product", "mean_price", "max_price", "min_price"}


@dataclass
class StaffReading:
    """What the reader made of one question."""

    outcome: str  # query | profile | ask_back | decline
    query: CustomerQuery | None = None
    profile_kind: str | None = None
    confidence: float = 0.0
    ask: str = ""
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    why: str = ""  # for ask_back / decline: the reason, in words
    follow_up: bool = False


@dataclass
class Conversation:
    """One chat's state: the last reading (for follow-ups) and a reading waiting for a yes."""

    last: StaffReading | None = None
    pending: StaffReading | None = None
    turns: list[str] = field(default_factory=list)


def _ratings(text: str) -> tuple[float | None, float | None, tuple[int, int] | None]:
    for pattern, how in _RATING:
        match = pattern.search(text)
        if match is None:
            continue
        n = float(match.group("n") or match.groupdict().get("n2") or 0)
        span = match.span()
        if how == "max":
            return None, n, span
        if how == "lt":
            return None, n - 1, span
        if how == "min":
            return n, None, span
        if how == "gt":
            return n + 1, None, span
        return n, n, span
    return None, None, None


def _order_ref(text: str) -> tuple[str | None, tuple[int, int] | None]:
    match = _ORDER_REF.search(text)
    if match is None:
        return None, None
    if match.group("id"):
        return match.group("id").upper(), match.span()
    which = match.group("which")
    return ("first" if which in ("first", "oldest", "earliest") else "last"), match.span()


def _delexicalise(text: str, names: list[NameSpan], drop: list[tuple[int, int]]) -> str:
    pieces: list[tuple[int, int, str]] = [(n.start, n.end, _PLACEHOLDER[n.kind]) for n in names]
    pieces += [(a, b, "") for a, b in drop]
    out, at = [], 0
    for start, end, word in sorted(pieces):
        if start < at:
            continue
        out.append(text[at:start])
        out.append(f" {word} " if word else " ")
        at = end
    out.append(text[at:])
    return " ".join("".join(out).split())


def _types_for(ask: str, kind: str) -> list[str]:
    measure = ASKS[ask][0]
    if measure == "net":
        return []
    if kind == "any":
        return ["purchase"] if measure in ("units", "orders", "amount", "share") else []
    return [kind]


def build_query(ask: str, kind: str, scope: EventScope) -> CustomerQuery | None:
    measure, field_name = ASKS[ask]
    try:
        return CustomerQuery(measure=measure, field=field_name, scope=scope.model_copy(update={"types": _types_for(ask, kind)}))
    except ValidationError:
        return None


class StaffReader:
    """Reads staff questions against one shop's vocabulary and data clock."""

    def __init__(self, model: FrameModel, names: NameFinder, embed, clock: datetime) -> None:  # noqa: ANN001
        self.model = model
        self.names = names
        self.embed = embed  # list[str] -> np.ndarray
        self.clock = clock

    def read(self, question: str, conversation: Conversation | None = None) -> StaffReading:
        text = prepare(rx.sub(r"#\s*(?=[a-z])", "number of ", question, flags=re.I))
        windows = find_windows(text, self.clock)
        min_r, max_r, rating_span = _ratings(text)
        order, order_span = _order_ref(text)
        taken = [(w.start, w.end) for w in windows] + [s for s in (rating_span, order_span) if s]
        names, unknown = self.names.find(text, taken, question)
        shopless = _delexicalise(text, [n for n in names if n.exact], [])
        if (phrase := not_held(shopless)) is not None:
            return StaffReading("decline", confidence=1.0, ask=DECLINE, why=f"'{phrase}' is not something the shop holds")
        sentence = _delexicalise(text, names, [(w.start, w.end) for w in windows] + [s for s in (rating_span,) if s])
        ranked = self._rank(sentence or text)
        ask, kind, confidence = ranked[0]
        previous = conversation.last if conversation is not None else None
        follow = (previous is not None and (previous.query is not None or previous.profile_kind is not None)
                  and self._is_follow_up(sentence, ask, confidence))
        doubtful = False
        if ask == DECLINE and not follow:
            # the model's decline is kept for sentences with nothing of the shop in them; one naming the shop's
            # names, a window or a rating is read and asked back about (the rule above declines personal data)
            if not (names or windows or rating_span or order_span):
                if confidence >= self.model.threshold:
                    return StaffReading("decline", confidence=confidence, ask=DECLINE, why="it is not about the customer's shopping")
                return StaffReading("ask_back", confidence=confidence, ask=DECLINE, unmapped=unknown,
                                    why="I could not tell what of the customer's activity this asks about")
            ranked = [r for r in ranked if r[0] != DECLINE] or ranked
            ask, kind, confidence = ranked[0]
            doubtful = True
        scope = EventScope(
            categories=[n.value for n in names if n.kind == "category"],
            brands=[n.value for n in names if n.kind == "brand"],
            products=self._same_titles([n.value for n in names if n.kind == "product"]),
            window=windows[-1].window if windows else None,
            min_rating=min_r, max_rating=max_r,
            order=order,
        )
        notes = [n.note for n in names if n.note]
        if follow:
            return self._follow_up(previous, sentence, ranked, scope, windows != [], names, unknown, notes)
        if ask in PROFILE_ASKS:
            outcome = "ask_back" if doubtful or confidence < self.model.threshold or unknown else "profile"
            return StaffReading(outcome, profile_kind=ask, confidence=confidence, ask=ask, unmapped=unknown, notes=notes,
                                why="I am not sure I read the question right")
        if order is not None and ask not in _ORDER_ASKS:
            # "when was their first order", "the category of her last purchase": the order words are the ask
            scope = scope.model_copy(update={"order": None})
        query = self._first_valid(ranked, scope)
        if query is None:
            return StaffReading("ask_back", confidence=0.0, ask=ask, unmapped=unknown, notes=notes,
                                why="the parts I found do not make one question")
        reading = StaffReading("query", query=query, confidence=0.0 if doubtful else confidence, ask=ask, unmapped=unknown,
                               notes=notes)
        return self._judged(reading, names)

    def _same_titles(self, item_ids: list[str]) -> list[str]:
        """Every product that carries the title of one named (a catalogue may list one title twice)."""
        titles = self.names.vocabulary.titles
        wanted = {titles.get(i) for i in item_ids}
        return sorted(i for i, t in titles.items() if t in wanted) if item_ids else []

    def _rank(self, sentence: str) -> list[tuple[str, str, float]]:
        return self.model.read(self.embed([sentence]), [sentence])[0]

    def _first_valid(self, ranked: list[tuple[str, str, float]], scope: EventScope) -> CustomerQuery | None:
        for ask, kind, _p in ranked[:3]:
            if ask in ASKS and (query := build_query(ask, kind, scope)) is not None:
                if ask == "share" and not (scope.categories or scope.brands or scope.products):
                    continue
                return query
        return None

    def _is_follow_up(self, sentence: str, ask: str, confidence: float) -> bool:
        """A cue ("and", "what about", "those", "then"), or too little of its own to be a new question."""
        if _FOLLOW_START.search(sentence) or _ANAPHORA.search(sentence):
            return True
        words = [w for w in sentence.split() if w not in ("category", "brand", "product")]
        return len(words) <= 2 or (confidence < self.model.threshold and len(words) <= 4)

    def _follow_up(self, previous: StaffReading, sentence: str, ranked: list[tuple[str, str, float]], scope: EventScope,
                   new_window: bool, names: list[NameSpan], unknown: list[str], notes: list[str]) -> StaffReading:
        """Edit the last reading: new names replace the old ones, a new window replaces the old window,
        and a new ask (when the sentence says one clearly) replaces the old ask."""
        base = previous.query.scope if previous.query is not None else EventScope()
        update: dict[str, object] = {}
        if names:
            update.update(categories=scope.categories, brands=scope.brands, products=scope.products)
        if new_window:
            update["window"] = scope.window
        for key in ("min_rating", "max_rating", "order"):
            if getattr(scope, key) is not None:
                update[key] = getattr(scope, key)
        merged = base.model_copy(update=update)
        ask, kind, confidence = ranked[0]
        own_words = [w for w in rx.sub(r"[^a-z ]", " ", sentence).split()
                     if w not in ("category", "brand", "product", "and", "what", "about", "those", "of", "in", "the",
                                  "then", "same", "for", "now", "ok", "okay", "instead", "but", "so", "how")]
        clear_new_ask = ask in ASKS and confidence >= self.model.threshold and len(own_words) >= 2
        if clear_new_ask and not (ask == previous.ask and previous.query is not None):
            keeps = _FOLLOW_START.search(sentence) or _ANAPHORA.search(sentence)
            query = build_query(ask, kind, merged if keeps else scope)
            if query is not None:
                return StaffReading("query", query=query, confidence=confidence, ask=ask, unmapped=unknown, notes=notes,
                                    follow_up=True)
        if previous.outcome == "profile":
            return StaffReading("profile", profile_kind=previous.profile_kind, confidence=previous.confidence,
                                ask=previous.ask, follow_up=True)
        assert previous.query is not None
        try:
            query = previous.query.model_copy(update={"scope": merged})
            query = CustomerQuery.model_validate(query.model_dump())
        except ValidationError:
            return StaffReading("ask_back", confidence=0.0, ask=previous.ask, why="I could not apply that to the last question")
        if not (names or new_window or update):
            return StaffReading("ask_back", query=query, confidence=min(confidence, previous.confidence), ask=previous.ask,
                                unmapped=unknown, why="I could not tell what to change in the last question", follow_up=True)
        reading = StaffReading("query", query=query, confidence=previous.confidence, ask=previous.ask, unmapped=unknown,
                               notes=notes, follow_up=True)
        return self._judged(reading, names)

    def _judged(self, reading: StaffReading, names: list[NameSpan]) -> StaffReading:
        """Ask back when the reading is unsure: below the calibrated threshold, a name read only as a
        near-miss, or a word that looks like a name this shop does not have."""
        confidence = reading.confidence
        if any(not n.exact for n in names):
            confidence *= NEAR_MISS_FACTOR
        reading = replace(reading, confidence=confidence)
        if reading.unmapped:
            return replace(reading, outcome="ask_back", why="I could not map " + ", ".join(f"'{w}'" for w in reading.unmapped))
        if confidence < self.model.threshold:
            return replace(reading, outcome="ask_back", why="I am not sure I read the question right")
        return reading

    def describe(self, reading: StaffReading, titles: dict[str, str] | None = None) -> str:
        """The reading in plain words, without its value: what the assistant would compute."""
        if reading.outcome == "profile" or reading.query is None:
            return (reading.profile_kind or reading.ask or "something else").replace("_", " ")
        query = reading.query
        measure = {"count": "the number of", "units": "units of", "orders": "orders among", "amount": "the amount spent on",
                   "net": "net spend (purchases minus returns) on", "mean": f"the average {query.field} of",
                   "min": f"the lowest {query.field} of", "max": f"the highest {query.field} of",
                   "first": f"the {query.field} of the first of", "last": f"the {query.field} of the last of",
                   "list": f"the {query.field}s of", "distinct": f"how many different {query.field}s among",
                   "share": "the share of spend on"}[query.measure]
        from retrieval.query.measure import measure_types

        scope = describe_scope(query.scope, self.clock, titles, types=measure_types(query))
        return f"{measure} {scope}"

"""What the audience rules leave of a marketer's question, read clause by clause with the learned frames.

The rule reader (``agent.audience_rules``) marks every phrase it knows; the words between its markers are
split into clauses at connectives and commas. Each clause with words of its own is delexicalised and
classified (``agent.reader.clauses``); its slots come from the clause: the shop's names (with near-misses),
a comparison, a window ("in the last 30 days", "more than 65 days ago", "since 2026-05-01"). A clause the
frames read as filler ("pull up", "on record") passes; one they read as a condition becomes a marker like
the rules' own; one they cannot read, or whose slots are missing, is returned as unmapped, and the answer
becomes a question back with the best reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from agent.reader.clauses import NEGATION, ClauseModel
from agent.reader.expressions import AGO, COMPARE, DATE, WINDOW, ago_days, comparisons, date_of, window_days
from agent.reader.names import CLOSED_CLASS, NameFinder, NameSpan
from retrieval.audience.query import AnyOf, Condition, Country, Did, Measure, Not, Rating, Target, When

_SPLIT = re.compile(r"\s*§\d+§\s*|\s*[,;:.]\s*(?!\d)|\s+(?=(?:and|or|but|who|whose|with|without|that|which|having)\b"
                    r"(?!\s+(?:more|less|fewer|above|below|higher|lower|under|over|worse|better|up)\b))")
_CONNECTIVE = re.compile(r"^(?:and|or|but)\s+")
_PLACEHOLDER = {"category": "category", "brand": "brand", "product": "product", "country": "country"}
_WHICH = [(r"\b(?:latest|last|most recent|newest)\b", "latest"), (r"\b(?:lowest|worst|minimum|min)\b", "min"),
          (r"\b(?:highest|best|top|maximum|max)\b", "max"), (r"\b(?:average|avg|mean|typical|overall)\b", "average")]
_INHERENTLY_NEGATIVE = {"browsed_without_buying", "last_purchase_ago", "none"}


class ClauseReader:
    def __init__(self, model: ClauseModel, names: NameFinder, embed: Callable[[list[str]], np.ndarray],
                 filler: set[str]) -> None:
        self.model = model
        self.names = names
        self.embed = embed
        self.filler = filler

    def read_leftovers(self, text: str, conditions: list[Condition], leftover: list[str]) -> tuple[str, list[str], list[str]]:
        """(text with new markers, notes on what was read and how, unmapped phrases). New conditions are
        appended to ``conditions``, their markers numbered after the rules' own."""
        chunks = self._chunks(text)
        wanted = [c for c in chunks if any(w in leftover for w in c[2].split())]
        if not wanted:
            return text, [], []
        sentences, spans = [], []
        for start, end, chunk in wanted:
            names, _ = self.names.find(chunk)
            spans.append(names)
            sentences.append(_delexicalise(chunk, names))
        read = self.model.read(self.embed(sentences), sentences)
        notes: list[str] = []
        unmapped: list[str] = []
        for (start, end, chunk), names, (frame, p) in sorted(zip(wanted, spans, read), key=lambda x: -x[0][0]):
            own = [w for w in chunk.split() if w not in self.filler]
            anchored = bool(names) or bool(re.search(r"\d", chunk))
            if not anchored and re.match(r"\s*§\d+§", text[end:]):
                continue  # the start of a phrase the rules read ("who live" before "in Germany"): not a clause of its own
            if frame == "none" and (p >= self.model.threshold or not anchored) and not _strange(chunk, self.model, self.filler):
                continue
            strange = _strange(chunk, self.model, self.filler)
            if strange and (frame == "none" or p < self.model.threshold or not anchored):
                unmapped.append(chunk)  # words the frames never saw, in a clause of its own ("who like jazz")
                continue
            condition = self._condition(frame, chunk, names) if p >= self.model.threshold else None
            if condition is None:
                if own and (anchored or strange):  # something it could not map; else words it knows, unsure: filler
                    unmapped.append(chunk)
                continue
            if NEGATION.search(chunk) and frame not in _INHERENTLY_NEGATIVE:
                condition = Not(condition=condition)
            conditions.append(condition)
            text = f"{text[:start]} §{len(conditions) - 1}§ {text[end:]}"
            notes.append(f"'{chunk}' read as {frame.replace('_', ' ')} (learned clause frame, p={p:.2f})")
            notes += [n.note for n in names if n.note]
        return " ".join(text.split()), notes, unmapped[::-1]

    def _chunks(self, text: str) -> list[tuple[int, int, str]]:
        out, position = [], 0
        for piece in _SPLIT.split(text):
            if not piece:
                continue
            start = text.index(piece, position)
            position = start + len(piece)
            body = _CONNECTIVE.sub("", piece)
            start += len(piece) - len(body)
            if body.strip():
                out.append((start, start + len(body), body))
        return out

    def _condition(self, frame: str, chunk: str, names: list[NameSpan]) -> Condition | None:
        targets = [Target(type=n.kind, value=n.value) for n in names if n.kind in ("category", "brand", "product")]
        window = re.search(WINDOW, chunk)
        ago = re.search(AGO, chunk)
        dated = re.search(r"\b(?P<rel>before|after|since|prior to|from)\s+(?:" + DATE + ")", chunk)
        if frame in ("returned", "reviewed") and not targets and re.search(COMPARE, chunk) and not (window or ago or dated):
            frame = {"returned": "returns", "reviewed": "reviews"}[frame]  # "reviewed 2 or more products": a count
        if frame in ("bought", "returned", "reviewed", "browsed_without_buying"):
            within = window_days(window) if window else None
            made = [Did(action=frame, target=t, within_days=within) for t in targets] or [Did(action=frame, within_days=within)]
            if frame == "browsed_without_buying" and not targets:
                return None
            return made[0] if len(made) == 1 else AnyOf(conditions=made)
        if frame == "country":
            countries = [n.value for n in names if n.kind == "country"]
            return Country(countries=countries) if countries else None
        free = chunk
        for found in (window, ago, dated):
            if found is not None:
                free = free.replace(found.group(0), " ")
        compared = re.search(COMPARE, free)
        if frame in ("orders", "net_spend", "avg_order_value", "returns", "reviews", "support_messages"):
            if compared is None:
                if frame in ("returns", "reviews", "support_messages"):
                    return Measure(measure=frame, op=">=", value=1)
                return None
            parts = [Measure(measure=frame, op=op, value=v) for op, v in comparisons(compared, "=" if frame in ("orders", "returns", "reviews", "support_messages") else ">=")]
            return parts[0] if len(parts) == 1 else _all(parts)
        if frame == "rating":
            if compared is None:
                return None
            said = next((w for pattern, w in _WHICH if re.search(pattern, chunk)), None)
            compared_parts = comparisons(compared, "=")

            def which(op: str, value: float) -> str:
                # no "latest/average/...": "ever gave 1 star or less" is the lowest, "at least one 5-star" the highest
                if said is not None:
                    return said
                if op in ("<", "<=") or (op == "=" and value <= 1):
                    return "min"
                if op in (">", ">=") or (op == "=" and value >= 5):
                    return "max"
                return "latest"

            parts = [Rating(which=which(op, v), op=(">=" if op == "=" and v >= 5 and said is None else "<=" if op == "=" and v <= 1 and said is None else op), value=v)
                     for op, v in compared_parts if 0 <= v <= 5]
            return (parts[0] if len(parts) == 1 else _all(parts)) if parts else None
        event = {"last_purchase_within": "last_purchase", "last_purchase_ago": "last_purchase", "first_seen": "first_seen",
                 "last_seen": "last_seen"}.get(frame)
        if event is None:
            return None
        if ago is not None:
            return When(event=event, relation="more_than_days_ago", days=ago_days(ago))
        if window is not None and frame != "last_purchase_ago":
            return When(event=event, relation="within_days", days=window_days(window))
        if dated is not None and (day := date_of(dated)) is not None:
            relation = {"prior to": "before", "from": "since"}.get(dated.group("rel"), dated.group("rel"))
            return When(event=event, relation=relation, day=day)
        return None


_RELATIVE = re.compile(r"^(?:who|that|which|whose|whom|with|without|having|having not)\b")


def _strange(chunk: str, model: ClauseModel, filler: set[str]) -> list[str]:
    """Content words the clause frames never saw ("jazz"), in a clause shaped like a condition: a relative or
    "with" clause ("who like jazz"). Requests and greetings around the question ("hey, quick favour", "for the
    next promo", "list every account") are filler, whatever their words."""
    content = [w for w in re.findall(r"[a-z]+", chunk) if w not in CLOSED_CLASS and w not in filler]
    if not _RELATIVE.match(chunk) or not content:
        return []
    return [w for w in content if w not in model.words.index]


def _delexicalise(chunk: str, names: list[NameSpan]) -> str:
    out, at = [], 0
    for name in sorted(names, key=lambda n: n.start):
        out += [chunk[at:name.start], _PLACEHOLDER[name.kind]]
        at = name.end
    out.append(chunk[at:])
    return " ".join("".join(f" {p} " for p in out).split())


def _all(conditions: list[Condition]) -> Condition:
    from retrieval.audience.query import AllOf

    return AllOf(conditions=conditions)

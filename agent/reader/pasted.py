"""Segment definitions pasted from other tools, put in plain words: a JSON or YAML export, a link's query string, a
table of field / operator / value rows with a logic line, a strip of filter chips. What is parsed is the format
(real parsers: ``json``, ``yaml``, ``urllib.parse``); what the fields and values mean is left to the reader, which
reads "orders >= 2", "bought kitchen in the last 30 days" or "not (returned something)" as it reads any request.
Text that holds no such structure is left as it is."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from agent.reader import regex as rx

_ALL = {"all", "allof", "and", "every", "matchall", "must", "include", "includes", "included", "where", "filter", "filters", "conditions",
        "rules", "criteria", "requirements", "entry", "enter", "when", "if"}
_ANY = {"any", "anyof", "or", "either", "matchany", "should", "oneof", "atleastone"}
_NONE = {"none", "noneof", "not", "exclude", "excludes", "excluded", "exclusion", "exclusions", "except", "mustnot", "suppress", "suppression",
         "skip", "skipif", "without", "remove", "drop", "never", "nor"}
_META = {"name", "id", "title", "label", "description", "desc", "segment", "segmentname", "audiencename", "created", "createdat", "updated",
         "updatedat", "owner", "author", "source", "version", "schema", "status", "tags", "type", "kind", "note", "notes", "comment",
         "export", "exportedat", "tool", "platform", "destination", "sync", "refresh", "output", "columns", "fields", "limit", "sort"}
_FIELD_KEYS = ("field", "attribute", "property", "metric", "dimension", "key", "column", "trait", "filter", "subject")
_OP_KEYS = ("op", "operator", "comparison", "comparator", "condition", "match", "relation", "predicate")
_VALUE_KEYS = ("value", "values", "threshold", "target", "amount", "number", "count", "equals")
_WINDOW_KEYS = ("window", "timeframe", "time_frame", "period", "within", "lookback", "in_last", "inlast", "last", "days", "within_days",
                "time_window", "timewindow", "date_range", "range", "over", "during")
_EVENT_KEYS = ("event", "action", "activity", "behaviour", "behavior", "did", "has_done", "hasdone", "what")
_OPS = {"eq": "is", "equals": "is", "equal": "is", "is": "is", "=": "is", "==": "is", "exactly": "is",
        "neq": "is not", "ne": "is not", "notequals": "is not", "isnot": "is not", "!=": "is not", "<>": "is not", "doesnotequal": "is not",
        "gt": ">", ">": ">", "greaterthan": ">", "morethan": ">", "above": ">", "over": ">", "isgreaterthan": ">", "ismorethan": ">",
        "gte": ">=", "ge": ">=", ">=": ">=", "atleast": ">=", "min": ">=", "minimum": ">=", "isatleast": ">=", "greaterthanorequal": ">=", "from": ">=",
        "lt": "<", "<": "<", "lessthan": "<", "fewerthan": "<", "below": "<", "under": "<", "islessthan": "<",
        "lte": "<=", "le": "<=", "<=": "<=", "atmost": "<=", "max": "<=", "maximum": "<=", "isatmost": "<=", "lessthanorequal": "<=", "upto": "<=",
        "in": "is", "isin": "is", "isoneof": "is", "oneof": "is", "contains": "is", "includes": "is", "has": "is", "anyof": "is",
        "notin": "is not", "isnotin": "is not", "isnotoneof": "is not", "doesnotcontain": "is not", "notcontains": "is not", "excludes": "is not",
        "noneof": "is not", "between": "between", "isbetween": "between", "range": "between"}
Node = tuple  # ("leaf", words) | ("and", [Node]) | ("or", [Node]) | ("not", Node)


def _and(parts: list[Node]) -> Node | None:
    parts = [p for p in parts if p is not None]
    return parts[0] if len(parts) == 1 else ("and", parts) if parts else None


def _or(parts: list[Node]) -> Node | None:
    parts = [p for p in parts if p is not None]
    return parts[0] if len(parts) == 1 else ("or", parts) if parts else None


def in_words(node: Node | None) -> str:
    """A condition tree in the words the reader scopes without doubt: the plain conditions first, one group of
    alternatives as "(either A or B)", and what is left out as ", excluding those who / with / in …" at the end."""
    if node is None:
        return ""
    kind = node[0]
    if kind == "leaf":
        return node[1]
    if kind == "not":
        return f"excluding {_those(node[1])}"
    if kind == "or":
        return "either " + " or ".join(f"({in_words(c)})" if c[0] != "leaf" else in_words(c) for c in node[1])
    flat: list[Node] = []
    for child in node[1]:
        flat += child[1] if child[0] == "and" else [child]
    plain = [in_words(c) for c in flat if c[0] == "leaf"] + [f"({in_words(c)})" for c in flat if c[0] == "or"]
    left_out = [f", excluding {_those(c[1])}" for c in flat if c[0] == "not"]
    return " and ".join(plain) + "".join(left_out)


def _those(node: Node) -> str:
    words = in_words(node)
    if node[0] != "leaf":
        return f"those where {words}"
    if rx.match(r"(?:bought|returned|reviewed|viewed|contacted|ordered|purchased|placed)\b", words):
        return f"those who {words}"
    if rx.match(r"(?:in|outside)\b", words):
        return f"those {words}"
    return f"those with {words}"


_COUNTRY_FIELDS = {"country", "countries", "geo", "location", "market", "region", "billingcountry", "shippingcountry", "countrycode", "homecountry"}


def pasted(text: str) -> str:
    """``text`` as typed (a field's capitals split it: "netSpend") with any pasted structure said in words, lower case."""
    text = _query_lines(_query_string(_yaml(_json(text)))).lower()
    text = rx.sub(r"\bcountry\s+(?:is\s+not|isn't|does\s+not\s+equal|!=|≠)\s+", "outside ", text)  # "country is not Germany"
    text = rx.sub(r"\bcountry\s+(?:is|equals|==?)\s+(?=[a-z])", "in ", text)
    return _chips(_table(_labelled(text)))


def _labelled(text: str) -> str:
    """"Segment: Lapsed kitchen fans" on a line of its own above the definition: the segment's name, no condition."""
    people = r"(?:all\s+|the\s+)?(?:customers|people|shoppers|users|buyers|clients|contacts|anyone|everyone|those|who|whoever)\b"
    text = rx.sub(r"(?m)^\s*(?:new\s+)?(?:segment|audience|list|cohort)\s*(?:name)?\s*:?\s*[\"“'][^\"”'\n]{1,50}[\"”']\s*:?\s*\n", " \n", text)
    return rx.sub(rf"(?m)^\s*(?:segment|audience|list|cohort|segment name|audience name|list name|name|title)\s*:\s*(?!{people})[^\n:]{{1,50}}\n(?=\s*\S)",
                  " \n", text)


def _key(word: Any) -> str:
    return rx.sub(r"[^a-z0-9<>=!]", "", str(word).lower())


def _said(word: Any) -> str:
    """A field's name in words: "netSpend", "net_spend", "last-purchase" -> "net spend", "last purchase"."""
    word = rx.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(word))
    return rx.sub(r"[_.\-]+", " ", word).lower().strip()


def _window(value: Any) -> str:
    if isinstance(value, dict):
        return _window(next(iter(value.values()), ""))
    said = _said(value)
    if rx.fullmatch(r"\d+", said):
        return f"in the last {said} days"
    if rx.search(r"\d", said) and not rx.match(r"(?:in|within|over|during|the|last|past)\b", said):
        return f"in the last {said}"
    return said


def _value(value: Any) -> str:
    if isinstance(value, list):
        return " or ".join(_value(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


_VERBS = (("viewed", "viewed"), ("browsed", "viewed"), ("returned", "returned"), ("reviewed", "reviewed"), ("rated", "reviewed"),
          ("purchased", "bought"), ("bought", "bought"), ("ordered", "bought"), ("purchase", "bought"), ("order", "bought"))


def _leaf(field: str, op: str, value: Any, window: str = "") -> Node:
    """One condition: "orders >= 2", "in france", "bought kitchen in the last 30 days", not (returned something)."""
    op_said = _OPS.get(_key(op), op)
    field = _spaced(field)
    words = field.split()
    negative = op_said == "is not"
    if isinstance(value, bool) or _key(value) in ("true", "false", "yes", "no"):
        positive = (value is True or _key(value) in ("true", "yes")) != negative
        verb = next((v for cue, v in _VERBS if cue in words), None)
        leaf = ("leaf", f"{verb} something {window}".strip() if verb else f"{field} {window}".strip())
        return leaf if positive else ("not", leaf)
    if _key(field) in _COUNTRY_FIELDS:
        return ("leaf", f"{'outside' if negative else 'in'} {_value(value)}")
    verb = next((v for cue, v in _VERBS if cue in words), None)
    named = set(words) & {"category", "brand", "product", "item", "sku", "title", "name"} or verb and len(words) <= 2 and op_said in ("is", "is not")
    if verb and named and op_said in ("is", "is not") and not rx.fullmatch(r"[\d.]+", _value(value)):
        leaf = ("leaf", f"{verb} {_value(value)} {window}".strip() if verb != "viewed" or "not" not in words
                else f"viewed {_value(value)} {window} without buying".strip())
        return ("not", leaf) if negative else leaf
    if rx.search(r"\bdays?\s+(?:ago|since)\b|\bdays\s+since\b|\bsince\b.*\bdays\b|\bdays\b.*\bsince\b|\brecency\b", field):
        what = rx.sub(r"\b(?:days?|ago|since|recency)\b", " ", field).split()
        what = " ".join(w for w in what if w not in ("the", "number", "of")) or "last purchase"
        number = _value(value)
        if op_said in (">", ">="):
            return ("leaf", f"{what} more than {number} days ago")
        if op_said in ("<", "<="):
            return ("leaf", f"{what} within the last {number} days")
    if op_said == "between" and isinstance(value, list) and len(value) == 2:
        return ("leaf", f"{field} between {value[0]} and {value[1]} {window}".strip())
    if op_said in ("is", "is not") and not rx.fullmatch(r"[\d.]+", _value(value)):
        leaf = ("leaf", f"{field} is {_value(value)} {window}".strip())
        return ("not", leaf) if negative else leaf
    if negative:
        return ("not", ("leaf", f"{field} = {_value(value)} {window}".strip()))
    return ("leaf", f"{field} {'=' if op_said == 'is' else op_said} {_value(value)} {window}".strip())


_ABBREVIATIONS = {"avg", "aov", "num", "qty", "cnt", "msgs", "msg", "nps", "ltv", "clv", "cs", "sku", "id"}


def _spaced(field: str) -> str:
    """A field's words when they were typed glued together ("totalorders", "lastpurchasedaysago"): the split into the
    fewest English words, where one exists; otherwise the field as it is."""
    from agent.reader.names import english_words
    lexicon = english_words() | _ABBREVIATIONS
    out = []
    for word in field.split():
        if word in lexicon or len(word) < 6 or not word.isalpha():
            out.append(word)
            continue
        best: list[list[str] | None] = [[]] + [None] * len(word)
        for end in range(1, len(word) + 1):
            for start in range(max(0, end - 14), end):
                piece = word[start:end]
                if best[start] is not None and (piece in lexicon and (len(piece) > 1 or piece == "a")) and \
                        (best[end] is None or len(best[start]) + 1 < len(best[end])):
                    best[end] = best[start] + [piece]
        out.append(" ".join(best[-1]) if best[-1] else word)
    return " ".join(out)


def _words(tree: Any, joint: str = "and") -> Node | None:
    """A parsed definition as a condition tree."""
    if isinstance(tree, list):
        parts = [_words(item) for item in tree]
        return _or(parts) if joint == "or" else _and(parts)
    if not isinstance(tree, dict):
        return ("leaf", _said(tree)) if tree not in (None, "") else None
    keys = {_key(k): k for k in tree}
    field = next((tree[keys[k]] for k in map(_key, _FIELD_KEYS) if k in keys and not isinstance(tree[keys[k]], (dict, list))), None)
    event = next((tree[keys[k]] for k in map(_key, _EVENT_KEYS) if k in keys and isinstance(tree[keys[k]], str)), None)
    window = next((_window(tree[keys[k]]) for k in map(_key, _WINDOW_KEYS) if k in keys), "")
    op = next((tree[keys[k]] for k in map(_key, _OP_KEYS) if k in keys and isinstance(tree[keys[k]], str)), None)
    if field is not None and (op is not None or any(_key(k) in keys for k in _VALUE_KEYS)):
        value = next((tree[keys[k]] for k in map(_key, _VALUE_KEYS) if k in keys), True)
        return _leaf(_said(field), op or "is", value, window)
    if event is not None:
        return _event(tree, keys, _said(event), window)
    logic = next((_key(tree[keys[k]]) for k in ("logic", "combinator", "match", "matchtype", "operator", "op", "type", "mode") if k in keys
                  and isinstance(tree[keys[k]], str) and _key(tree[keys[k]]) in _ALL | _ANY), None)
    parts: list[Node | None] = []
    excluded: list[Node | None] = []
    for key, item in tree.items():
        bare = _key(key)
        if bare in _META or bare in ("logic", "combinator", "match", "matchtype", "mode") or (bare in ("operator", "op", "type") and logic):
            continue
        if bare in _ANY:
            parts.append(_or([_words(i) for i in _items(item)]))
        elif bare in _NONE:
            excluded += [_words(i) for i in _items(item)]
        elif bare in _ALL or isinstance(item, (dict, list)) and bare in ("audience", "segment", "definition", "query", "group", "groups", "root"):
            parts.append(_words(item, "or" if logic in _ANY else "and"))
        elif isinstance(item, dict) and not any(_key(k) in map(_key, _FIELD_KEYS) for k in item):
            parts.append(_and([_leaf(_said(key), op, value, window) for op, value in item.items() if _key(op) not in map(_key, _WINDOW_KEYS)]))
        elif not isinstance(item, (dict, list)) or isinstance(item, list) and all(not isinstance(i, (dict, list)) for i in item):
            parts.append(_key_value(_said(key), item))
        else:
            parts.append(_words(item))
    combined = _or(parts) if logic in _ANY else _and(parts)
    return _and([combined] + [("not", e) for e in excluded if e is not None])


def _items(item: Any) -> list[Any]:
    return item if isinstance(item, list) else [item]


def _key_value(key: str, value: Any) -> Node:
    """``min_orders: 3``, ``orders_gte: 2``, ``country: france``, ``returned: true``: a bound or a value said with its field."""
    words = key.split()
    for i, word in enumerate(words):
        op = _OPS.get(_key(word))
        if op is not None and op not in ("is",) and len(words) > 1:
            return _leaf(" ".join(words[:i] + words[i + 1:]), op, value)
    return _leaf(key, "is", value)


def _event(tree: dict[str, Any], keys: dict[str, str], event: str, window: str) -> Node:
    """``{"event": "order placed", "category": "kitchen", "within_days": 30}``: the act, on what, when."""
    verb = next((v for cue, v in (("not purch", "viewed"), ("without", "viewed"), ("view", "viewed"), ("brows", "viewed"), ("return", "returned"),
                                  ("review", "reviewed"), ("rat", "reviewed"), ("purch", "bought"), ("order", "bought"), ("buy", "bought"),
                                  ("bought", "bought")) if cue in event), event)
    what = next((_value(tree[keys[k]]) for k in ("category", "brand", "product", "item", "sku", "name", "object") if k in keys), "something")
    leaf: Node = ("leaf", f"{verb} {what} {window}".strip())
    if verb == "viewed" and ("not" in event or "without" in event):
        leaf = ("leaf", f"viewed {what} {window} without buying".strip())
    count = next((tree[keys[k]] for k in ("count", "times", "frequency", "occurrences") if k in keys), None)
    if count is not None:  # "bought … at least 2 times" is a count of orders only where nothing narrows it; else said as asked
        bounds = count if isinstance(count, dict) else {">=": count}
        noun = {"bought": "orders", "returned": "returns", "reviewed": "reviews"}.get(verb)
        if noun and what == "something" and not window:
            return _and([_leaf(noun, op, n) for op, n in bounds.items()])
        return ("leaf", f"{in_words(leaf)} " + " and ".join(f"{_OPS.get(_key(op), op)} {n} times" for op, n in bounds.items()))
    negated = any(_key(tree[keys[k]]) in ("false", "no", "never", "0") for k in ("happened", "done", "did", "exists", "occurred") if k in keys)
    return ("not", leaf) if negated else leaf


_BALANCED = re.compile(r"[{\[]")


def _json(text: str) -> str:
    """The first JSON object or array in the text that parses, in words."""
    for start in (m.start() for m in _BALANCED.finditer(text)):
        end = _closing(text, start)
        if end is None or end - start < 8:
            continue
        try:
            tree = json.loads(text[start:end + 1])
        except ValueError:
            continue
        if isinstance(tree, (dict, list)) and _has_mapping(tree):
            words = in_words(_words(tree))
            if words:
                return f"{text[:start]} customers where {words} . {_json(text[end + 1:])}"
    return text


def _closing(text: str, start: int) -> int | None:
    depth, quoted = 0, False
    for i in range(start, len(text)):
        ch = text[i]
        if ch == '"' and text[i - 1] != "\\":
            quoted = not quoted
        elif not quoted and ch in "{[":
            depth += 1
        elif not quoted and ch in "}]":
            depth -= 1
            if depth == 0:
                return i
    return None


def _has_mapping(tree: Any) -> bool:
    if isinstance(tree, dict):
        return True
    return isinstance(tree, list) and any(_has_mapping(item) for item in tree)


def _yaml(text: str) -> str:
    """An indented block of "key: value" lines holding a mapping inside a mapping or a list ("all_of:\\n  - field: …")."""
    lines = text.split("\n")
    for start, line in enumerate(lines):
        if not rx.match(r"\s*[\w.-]+\s*:\s*$", line):
            continue
        end = start + 1
        while end < len(lines) and (rx.match(r"\s+\S", lines[end]) or rx.match(r"\s*-\s", lines[end]) or rx.match(r"[\w.-]+\s*:", lines[end])):
            end += 1
        block = "\n".join(lines[start:end])
        try:
            tree = yaml.safe_load(block)
        except yaml.YAMLError:
            continue
        if isinstance(tree, dict) and _depth(tree) >= 3:
            words = in_words(_words(tree))
            if words:
                rest = "\n".join(lines[end:])
                return "\n".join(lines[:start] + [f"customers where {words} ."]) + ("\n" + _yaml(rest) if rest else "")
    return text


def _depth(tree: Any) -> int:
    if isinstance(tree, dict):
        return 1 + max((_depth(v) for v in tree.values()), default=0)
    if isinstance(tree, list):
        return 1 + max((_depth(v) for v in tree), default=0)
    return 0


def _query_string(text: str) -> str:
    """``…/customers?country=spain&min_orders=3&logic=and``: each parameter a condition, ``logic`` how they combine."""
    def spoken(match: re.Match[str]) -> str:
        pairs = [(k, v) for k, v in parse_qsl(urlsplit(match.group(0)).query) if _key(k) not in _META | {"view", "page", "tab", "utm", "ref"}]
        logic = next((_key(v) for k, v in pairs if _key(k) in ("logic", "match", "combinator", "mode", "op")), "and")
        parts = [_key_value(_said(k), _list(v)) for k, v in pairs if _key(k) not in ("logic", "match", "combinator", "mode", "op")]
        return f" customers where {in_words(_or(parts) if logic in _ANY else _and(parts))} . " if parts else match.group(0)

    return rx.sub(r"(?:https?://|www\.)?[\w.-]*/[\w./-]*\?[\w%.,:+\-]+=[^\s]*", spoken, text)


def _list(value: str) -> Any:
    return value.split(",") if "," in value and not rx.search(r"\d,\d", value) else value


def _table(text: str) -> str:
    """Rows of field / operator / value (markdown, tabs) under a header naming them, numbered or not, with a logic line
    ("logic: 1 and (2 or 3)"); without a logic line every row is required."""
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if _cells(line) and {"field", "operator"} <= {_key(c) for c in _cells(line)} | _aliases(line)), None)
    if header is None:
        return _bulleted_rows(text)
    names = [_key(c) for c in _cells(lines[header])]
    rows, end = {}, header + 1
    while end < len(lines) and (_cells(lines[end]) or rx.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", lines[end] or "x")):
        cells = _cells(lines[end])
        if cells and not all(rx.fullmatch(r"[:\- ]*", c) for c in cells):
            row = dict(zip(names, cells))
            number = next((row[k] for k in ("#", "no", "row", "n", "") if k in row and rx.fullmatch(r"\d+", row[k])), str(len(rows) + 1))
            field = next((row[k] for k in ("field", "attribute", "property", "metric", "filter") if k in row), "")
            op = next((row[k] for k in ("operator", "op", "comparison", "condition") if k in row), "is")
            value = next((row[k] for k in ("value", "values", "threshold") if k in row), "")
            window = next((_window(row[k]) for k in ("timeframe", "window", "period", "within", "time", "timewindow") if k in row and row[k]), "")
            rows[number] = _leaf(_said(field), op, _list(value), window if window not in ("-", "any", "all time", "ever", "n/a") else "")
        end += 1
    if not rows:
        return text
    logic_line = next((i for i in range(end, len(lines)) if rx.match(r"\s*(?:logic|combine|combination|match|rule|formula)\b[^:]*:", lines[i])), None)
    tree = _and(list(rows.values()))
    if logic_line is not None:
        tree = formula(rx.sub(r"^\s*[^:]*:\s*", "", lines[logic_line]), lambda atom: rows.get(atom.strip(" #()"))) or tree
        lines[logic_line] = " "
    return "\n".join(lines[:header] + [f"customers where {in_words(tree)} ."] + lines[end:])


_TOKENS = re.compile(r"\s*((?!(?:and|or|not)\()[a-z_]+\([^()]*\)|\(|\)|&&|\|\||!(?!=)|\band\b|\bor\b|\bnot\b|(?:[^()&|!\s]|!=|\s(?!\s*(?:and|or|not)\b|\s*[()&|]))+)", re.I)


def formula(text: str, atom: Callable[[str], Node | None]) -> Node | None:
    """A logic formula ("1 AND (2 OR NOT 3)", "orders >= 2 && !returned"): NOT before AND before OR, brackets first;
    ``atom`` reads each operand (None: the formula is not one, and nothing is said)."""
    tokens = [t.strip() for t in _TOKENS.findall(text) if t.strip()]
    position = 0

    def peek() -> str:
        return tokens[position].lower() if position < len(tokens) else ""

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def any_of() -> Node | None:
        parts = [all_of()]
        while peek() in ("or", "||"):
            take()
            parts.append(all_of())
        return None if None in parts else _or(parts)

    def all_of() -> Node | None:
        parts = [one()]
        while peek() in ("and", "&&"):
            take()
            parts.append(one())
        return None if None in parts else _and(parts)

    def one() -> Node | None:
        if peek() in ("not", "!"):
            take()
            inner = one()
            return ("not", inner) if inner is not None else None
        if peek() == "(":
            take()
            inner = any_of()
            if peek() == ")":
                take()
            return inner
        return atom(take()) if position < len(tokens) else None

    tree = any_of()
    return tree if position == len(tokens) else None


_COMPARISON = re.compile(r"\s*([a-z][\w.]*(?:\s[a-z][\w.]*){0,2}?)\s*(>=|<=|!=|<>|==|=|>|<|≥|≤|\bis not\b|\bis\b|\bnot in\b|\bin\b)\s*[\"'“]?(.+?)[\"'”]?\s*", re.I)
_PREDICATE = re.compile(r"\s*[a-z_]+\s*\(.*\)\s*|\s*(?:bought|purchased|ordered|returned|reviewed|viewed)(?:_[a-z]+)*\s*", re.I)


_PROSE = {"who", "that", "which", "whose", "have", "has", "had", "been", "are", "were", "they", "customers", "people", "anyone", "everyone",
          "shoppers", "and", "or", "not", "the", "a", "an", "i", "we", "you", "please", "need", "want", "get", "find", "list"}


def _query_lines(text: str) -> str:
    """One line of a segment query language ("orders >= 2 AND (country = 'FR' OR country = 'ES') AND NOT returned(…)"):
    its keywords typed in capitals (or as && || !), each operand a comparison or a call; an output clause after it
    ("SELECT id", "RETURN …") is left aside."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not rx.search(r"\b(?:AND|OR|NOT)\b|&&|\|\|", line) or not rx.search(r"[<>=≥≤(]", line):
            continue
        head = rx.search(r"(?i)\bwhere\b", line) or rx.search(r"(?i)^[^:]*:\s|\bsegment\s*=", line)
        start = head.end() if head else 0
        tail = rx.search(r"(?i)\s(?:select|return|limit|order\s+by|output|export|→|->)\b", line[start:])
        end = start + tail.start() if tail else len(line)
        operands = [t for t in _TOKENS.findall(line[start:end]) if rx.search(r"[<>=≥≤]|\w\(", t)]
        tree = formula(line[start:end], _operand) if len(operands) >= 2 else None  # two fields compared or called, at least
        if tree is not None:
            lead = rx.sub(r"(?i)\bwhere\s*$", "", line[:start])
            lines[i] = f"{lead} customers where {in_words(tree)} . {line[end:]}"
    return "\n".join(lines)


def _operand(words: str) -> Node | None:
    if _PREDICATE.fullmatch(words):
        bare = words.strip()
        return ("leaf", f"{_said(bare)} something" if "(" not in bare else bare)
    compared = _COMPARISON.fullmatch(words)
    if compared is None or set(compared.group(1).lower().split()) & _PROSE:
        return None  # "customers who live in France" is a sentence, not a field compared
    field, op, value = compared.group(1), compared.group(2).lower(), compared.group(3)
    return _leaf(_said(field), {"==": "=", "<>": "!=", "≥": ">=", "≤": "<=", "in": "is", "not in": "is not"}.get(op, op),
                 _list(value.strip("()")) if op in ("in", "not in") else value)


def _bulleted_rows(text: str) -> str:
    """"- Orders | is at least | 5" under "Match any of the following": rows of field / operator / value without a
    header, alternatives where the rows are to match any."""
    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if rx.fullmatch(r"\s*(?:[-*•·]\s*|\d+[.)]\s*)?[^|]+\|[^|]+\|[^|]+", line)
            and _key(line.split("|")[1]) in _OPS]  # the middle cell an operator ("is at least", ">=")
    if not rows:
        return text
    leaves = []
    for i in rows:
        field, op, value = (c.strip() for c in rx.sub(r"^\s*(?:[-*•·]\s*|\d+[.)]\s*)", "", lines[i]).split("|"))
        leaves.append(_leaf(_said(field), op, _list(value)))
    any_of = rx.search(r"\b(?:match(?:es)?\s*:?\s*any|any\s+of)\b", "\n".join(lines[:rows[0]])) is not None
    said = in_words(_or(leaves) if any_of else _and(leaves))
    return "\n".join(lines[:rows[0]] + [f"customers where {said} ."] + [line for i, line in enumerate(lines[rows[0]:], rows[0]) if i not in rows])


def _aliases(line: str) -> set[str]:
    keys = {_key(c) for c in _cells(line)}
    out = set()
    if keys & {"attribute", "property", "metric", "filter"}:
        out.add("field")
    if keys & {"op", "comparison", "condition"}:
        out.add("operator")
    return out


def _cells(line: str) -> list[str]:
    if "|" in line:
        return [c.strip() for c in line.strip().strip("|").split("|")]
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return []


def _chips(text: str) -> str:
    """``[country: france] [orders ≥ 2] (match all)``: bracketed filter chips, each a condition; "any" makes them
    alternatives; a chip marked as excluding ("[exclude: …]", "[not …]") is left out."""
    chips = list(rx.finditer(r"\[\s*([^\[\]]{2,80}?)\s*\]", text))
    field_then_op = r"(?:(?:exclude[sd]?|not|none|without|except|no)\b\s*:?\s*)?[a-z][a-z _.-]*?\s*(?::|=|<|>|≥|≤|\bis\b|\bat (?:least|most)\b|\bin\b)"
    if len(chips) < 2 or not all(rx.match(field_then_op, c.group(1)) for c in chips):  # "[0:07]" is a time, no chip
        return text
    any_of = rx.search(r"\b(?:match(?:es)?\s+any|any\s+of|match\s*:\s*any|or\s+logic|mode\s*:\s*any)\b", text) is not None
    kept, left_out = [], []
    for chip in chips:
        inside = chip.group(1)
        negated = rx.match(r"(?:exclude[sd]?|not|none|without|except|no)\b\s*:?\s*", inside)
        inside = inside[negated.end():] if negated else inside
        pair = rx.fullmatch(r"([\w .-]+?)\s*:\s*(.+)", inside)
        node = _key_value(_said(pair.group(1)), pair.group(2).strip()) if pair else ("leaf", inside)
        (left_out if negated else kept).append(node)
    tree = _and([_or(kept) if any_of else _and(kept)] + [("not", n) for n in left_out])
    start, end = chips[0].start(), chips[-1].end()
    return f"{text[:start]} customers where {in_words(tree)} . {text[end:]}"

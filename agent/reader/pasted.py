"""Segment definitions pasted from other tools, put in plain words: a JSON or YAML export, a link's query string, a
table of field / operator / value rows with a logic line, a strip of filter chips. What is parsed is the format
(real parsers: ``json``, ``yaml``, ``urllib.parse``); what the fields and values mean is left to the reader, which
reads "orders >= 2", "bought kitchen in the last 30 days" or "not (returned something)" as it reads any request.
Text that holds no such structure is left as it is."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import yaml

from agent.reader import regex as rx
from agent.reader.condition_tree import FORMULA_TOKENS, Node, all_of, any_of, formula, in_words
from agent.reader.pasted_fields import TIMED_OPERATORS, ALL_WORDS, ANY_WORDS, META_WORDS, OPERATORS, field_key, key_value, leaf, listed, field_words, window_words, tree_of

def pasted(text: str) -> str:
    """``text`` as typed (a field's capitals split it: "netSpend") with any pasted structure said in words, lower case."""
    text = _query_lines(_query_string(_yaml(_json(text)))).lower()
    # "Country is not Germany" in a rule list; never a question ("which country is this shopper in?")
    text = rx.sub(r"(?<!which )(?<!what )(?<!whose )\bcountry\s+(?:is\s+not|isn't|does\s+not\s+equal|!=|≠)\s+(?!(?:this|that|the|a|an|she|he|they)\b)(?=[a-z])", "outside ", text)
    text = rx.sub(r"(?<!which )(?<!what )(?<!whose )\bcountry\s+(?:is|equals|==?)\s+(?!(?:this|that|the|a|an|she|he|they|not)\b)(?=[a-z])", "in ", text)
    return _boxes(_chips(_table(_labelled(text))))


def _labelled(text: str) -> str:
    """"Segment: Lapsed kitchen fans" on a line of its own above the definition: the segment's name, no condition."""
    people = r"(?:all\s+|the\s+)?(?:customers|people|shoppers|users|buyers|clients|contacts|anyone|everyone|those|who|whoever)\b"
    text = rx.sub(r"(?m)^\s*(?:new\s+)?(?:segment|audience|list|cohort)\s*(?:name)?\s*:?\s*[\"“'][^\"”'\n]{1,50}[\"”']\s*:?\s*\n", " \n", text)
    return rx.sub(rf"(?m)^\s*(?:segment|audience|list|cohort|segment name|audience name|list name|name|title)\s*:\s*(?!{people})[^\n:]{{1,50}}\n(?=\s*\S)",
                  " \n", text)


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
            words = in_words(tree_of(tree))
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
        if isinstance(tree, dict) and _depth(tree) >= 3 and _has_rule(tree):
            words = in_words(tree_of(tree))
            if words:
                rest = "\n".join(lines[end:])
                return "\n".join(lines[:start] + [f"customers where {words} ."]) + ("\n" + _yaml(rest) if rest else "")
    return text


def _has_rule(tree: Any) -> bool:
    """Whether a parsed block holds a rule ("field: …" with an operator or a value), not a list of notes."""
    if isinstance(tree, dict):
        keys = {field_key(k) for k in tree}
        return bool(keys & {"field", "attribute", "property", "metric", "event", "trait"}) or any(_has_rule(v) for v in tree.values())
    return isinstance(tree, list) and any(_has_rule(v) for v in tree)


def _depth(tree: Any) -> int:
    if isinstance(tree, dict):
        return 1 + max((_depth(v) for v in tree.values()), default=0)
    if isinstance(tree, list):
        return 1 + max((_depth(v) for v in tree), default=0)
    return 0


def _query_string(text: str) -> str:
    """``…/customers?country=spain&min_orders=3&logic=and``: each parameter a condition, ``logic`` how they combine."""
    def spoken(match: re.Match[str]) -> str:
        pairs = [(k, v) for k, v in parse_qsl(urlsplit(match.group(0)).query) if field_key(k) not in META_WORDS | {"view", "page", "tab", "utm", "ref"}]
        logic_said = next((v for k, v in pairs if field_key(k) in ("logic", "match", "combinator", "mode", "op")), "and")
        named: dict[str, Node] = {}  # "f1=first_seen_date:after:2026-08-26", "f1[field]=…&f1[op]=…&f1[value]=…": filters by name
        grouped: dict[str, dict[str, str]] = {}
        for key, value in pairs:
            if (member := rx.fullmatch(r"(\w+)\[(\w+)\]", key)) is not None:
                grouped.setdefault(member.group(1), {})[member.group(2)] = value
            elif len(triple := value.split(":")) == 3 and field_key(triple[1]) in OPERATORS | TIMED_OPERATORS:
                named[key] = leaf(field_words(triple[0]), triple[1], listed(triple[2]))
        for name, fields in grouped.items():
            if (node := tree_of(fields)) is not None:
                named[name] = node
        if named:
            tree = formula(logic_said, lambda atom: named.get(atom.strip())) or all_of(list(named.values()))
            return f" customers where {in_words(tree)} . "
        logic = field_key(logic_said)
        parts = [key_value(field_words(k), listed(v)) for k, v in pairs if field_key(k) not in ("logic", "match", "combinator", "mode", "op")]
        return f" customers where {in_words(any_of(parts) if logic in ANY_WORDS else all_of(parts))} . " if parts else match.group(0)

    return rx.sub(r"(?:https?://|www\.)?[\w.-]*/[\w./-]*\?[\w%.,:+\-\[\]]+=[^\s]*", spoken, text)


def _table(text: str) -> str:
    """Rows of field / operator / value (markdown, tabs) under a header naming them, numbered or not, with a logic line
    ("logic: 1 and (2 or 3)"); without a logic line every row is required."""
    lines = text.split("\n")
    header = next((i for i, line in enumerate(lines) if _cells(line) and {"field", "operator"} <= {field_key(c) for c in _cells(line)} | _aliases(line)), None)
    if header is None:
        return _bulleted_rows(text)
    names = [field_key(c) for c in _cells(lines[header])]
    rows, end = {}, header + 1
    while end < len(lines) and (_cells(lines[end]) or rx.fullmatch(r"\s*\|?[\s:|-]+\|?\s*", lines[end] or "x")):
        cells = _cells(lines[end])
        if cells and not all(rx.fullmatch(r"[:\- ]*", c) for c in cells):
            row = dict(zip(names, cells))
            number = next((row[k] for k in ("#", "no", "row", "n", "") if k in row and rx.fullmatch(r"\d+", row[k])), str(len(rows) + 1))
            field = next((row[k] for k in ("field", "attribute", "property", "metric", "filter") if k in row), "")
            op = next((row[k] for k in ("operator", "op", "comparison", "condition") if k in row), "is")
            value = next((row[k] for k in ("value", "values", "threshold") if k in row), "")
            window = next((window_words(row[k]) for k in row if rx.search(r"time|window|period|within|lookback", k) and row[k]), "")
            rows[number] = leaf(field_words(field), op, listed(value), window if window not in ("-", "any", "all time", "ever", "n/a") else "")
        end += 1
    if not rows:
        return text
    logic_line = next((i for i in range(end, len(lines)) if rx.match(r"\s*(?:[a-z]+\s+){0,2}(?:logic|combine|combination|formula)\b[^:]*:", lines[i])), None)
    tree = all_of(list(rows.values()))
    if logic_line is not None:
        tree = formula(rx.sub(r"^\s*[^:]*:\s*", "", lines[logic_line]), lambda atom: rows.get(atom.strip(" #()"))) or tree
        lines[logic_line] = " "
    return "\n".join(lines[:header] + [f"customers where {in_words(tree)} ."] + lines[end:])


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
        operands = [t for t in FORMULA_TOKENS.findall(line[start:end]) if rx.search(r"[<>=≥≤]|\w\(", t)]
        tree = formula(line[start:end], _operand) if len(operands) >= 2 else None  # two fields compared or called, at least
        if tree is not None:
            lead = rx.sub(r"(?i)\bwhere\s*$", "", line[:start])
            lines[i] = f"{lead} customers where {in_words(tree)} . {line[end:]}"
    return "\n".join(lines)


def _operand(words: str) -> Node | None:
    if _PREDICATE.fullmatch(words):
        bare = words.strip()
        return ("leaf", f"{field_words(bare)} something" if "(" not in bare else bare)
    compared = _COMPARISON.fullmatch(words)
    if compared is None or set(compared.group(1).lower().split()) & _PROSE:
        return None  # "customers who live in France" is a sentence, not a field compared
    field, op, value = compared.group(1), compared.group(2).lower(), compared.group(3)
    return leaf(field_words(field), {"==": "=", "<>": "!=", "≥": ">=", "≤": "<=", "in": "is", "not in": "is not"}.get(op, op),
                 listed(value.strip("()")) if op in ("in", "not in") else value)


_ROW = r"\s*(?:[-*•·]\s*|(?P<number>\d+)\s*[.):]\s*)?(?P<cells>[^|/\n]+(?:(?:\s*\|\s*|\s+/\s+)[^|/\n]+){2,3})\s*"


def _bulleted_rows(text: str) -> str:
    """"- Orders | is at least | 5" under "Match any of the following", "1) Total orders / is at least / 8 / all time"
    with "Advanced logic: 1 AND 2": rows of field / operator / value (/ time) without a header, combined by a logic
    line over their numbers, or all of them (any of them under a match-any header)."""
    lines = text.split("\n")
    rows: dict[str, Node] = {}
    at: list[int] = []
    for i, line in enumerate(lines):
        row = rx.fullmatch(_ROW, line)
        if row is None:
            continue
        cells = [c.strip() for c in rx.split(r"\s*\|\s*|\s+/\s+", row.group("cells"))]
        if field_key(cells[1]) not in OPERATORS | TIMED_OPERATORS:
            continue  # the middle cell an operator ("is at least", ">=")
        window = window_words(cells[3]) if len(cells) > 3 and field_key(cells[3]) not in ("", "alltime", "anytime", "atanytime", "ever", "na") else ""
        rows[row.group("number") or str(len(rows) + 1)] = leaf(field_words(cells[0]), cells[1], listed(cells[2]), window)
        at.append(i)
    if not rows:
        return text
    logic_line = next((i for i in range(at[-1], len(lines)) if rx.match(r"\s*(?:[a-z]+\s+){0,2}(?:logic|combine|combination|formula)\b[^:]*:", lines[i])), None)
    alternatives = rx.search(r"\b(?:match(?:es)?\s*:?\s*any|any\s+of)\b", "\n".join(lines[:at[0]])) is not None
    tree = any_of(list(rows.values())) if alternatives else all_of(list(rows.values()))
    if logic_line is not None:
        tree = formula(rx.sub(r"^\s*[^:]*:\s*", "", lines[logic_line]), lambda atom: rows.get(atom.strip(" #()"))) or tree
        at.append(logic_line)
    return "\n".join(lines[:at[0]] + [f"customers where {in_words(tree)} ."] + [line for i, line in enumerate(lines[at[0]:], at[0]) if i not in at])


_PEOPLE_WHO = r"(?:people|shoppers|customers|contacts|users|those|anyone|anybody|everyone|someone|buyers)\s+(?:who|that|whose|with)\s+"
_SPOKEN_OPERATOR = (r"\s+(is greater than or equal to|is less than or equal to|is greater than|is more than|is less than|is fewer than|"
                    r"is at least|is at most|greater than|less than|more than|fewer than|at least|at most|is not|does not contain|contains|"
                    r"includes|equals|is within|is in the last|is|>=|<=|>|<|=|≥|≤)\s+")


def spoken_rule(words: str) -> Node | None:
    """"Reviewed item category contains fashion (all time)", "Avg. order value > 60": a field, an operator, a value."""
    parts = rx.split(_SPOKEN_OPERATOR, words.strip(), maxsplit=1)
    if len(parts) != 3 or not parts[0].strip() or not parts[2].strip():
        return None
    value = rx.sub(r"\s*\((?:all time|any time|ever)\)\s*$", "", parts[2].strip())
    window = ""
    if (span := rx.search(r"\s*\(?\b(?:in|within|over)\s+the\s+(?:last|past)\s+\d+\s+\w+\)?\s*$", value)) is not None:
        window, value = span.group(0).strip(" ()"), value[:span.start()]
    if rx.search(r"within|in the last", parts[1]):
        days = rx.search(r"\d+\s*\w*", value)
        return ("leaf", f"{field_words(parts[0])} within the last {window_words(days.group(0))[12:] if days else value}")
    return leaf(field_words(parts[0].strip()), parts[1], listed(value.strip(" \"“”")), window)


def _boxes(text: str) -> str:
    """An ad platform's boxes typed out: "INCLUDE (any rule may match)" over bullet lines of people who …, "EXCLUDE
    (removed even if included above)" over others: the included (all of them, or any), without the excluded. A box
    written inline ("Included: …; also …") is prose the reader reads as it is."""
    lines = text.split("\n")
    header = r"\s*(?:(?:also\s+)?(?P<out>exclude\w*|suppress\w*|remove\w*|leave out)|(?P<in>include\w*|base|audience)|(?P<match>match(?:es)?|contacts match|people match))\b(?P<rest>[^\n]*)$"
    boxes: list[tuple[str, bool, list[str]]] = []
    used: list[int] = []
    qualified = False  # a box titled with how it matches or what it does: "(any rule may match)", "(removed even if …)", "where"
    for i, line in enumerate(lines):
        head = rx.match(header, line)
        if head is None:
            continue
        items, j = [], i + 1
        while j < len(lines) and (bullet := rx.match(r"\s*(?:[-–—•▸·*o]|\d+[.)])\s+(.+)", lines[j])) is not None:
            items.append(bullet.group(1).strip())
            j += 1
        rest = head.group("rest")
        if not rx.match(r"\s*(?:\([^)]*\))?\s*(?:where|(?:all|any|one)(?:\s+of)?(?:\s+the\s+following)?(?:\s+\w+)?)?\s*(?::|$)", rest):
            continue  # "Exclude everyone except …" is a sentence, not a box's title
        if not items:
            continue
        alternatives = rx.search(r"\b(?:any|one of|either|may match|at least one)\b", rest) is not None
        qualified = qualified or rx.search(r"\(|\bwhere\b|\bany\b|\ball\b", rest) is not None
        boxes.append(("out" if head.group("out") else "in", alternatives, items))
        used += list(range(i, j))
    alternatives_in = any(kind == "in" and alternatives and len(items) > 1 for kind, alternatives, items in boxes)
    only_out = all(kind == "out" for kind, _, _ in boxes)
    if not boxes or not qualified or not (alternatives_in or only_out):
        return text  # an "Include (all):" / "Exclude:" list the reader reads as it is; the boxes read here are those it cannot
    kept, left_out = [], []
    for kind, alternatives, items in boxes:
        said = [_clause(item) for item in items]
        if kind == "in":
            if alternatives and len(said) > 1:
                said = [c[4:] for c in said] if all(c.startswith("who ") for c in said) else said
                kept.append(("who either " if all(c != s for c, s in zip(said, map(_clause, items))) else "either ") + " or ".join(said))
            else:
                kept.append(" and ".join(said))
        else:
            left_out += [f", excluding those {s}" for s in said]
    people = "customers " + " and ".join(kept) if kept else "customers"
    return "\n".join([line for i, line in enumerate(lines) if i not in used] + [f"{people}{''.join(left_out)} ."])


def _clause(item: str) -> str:
    """One box line as a relative clause: "who have sent …", "with orders >= 2", "in france"."""
    item = rx.sub(r"\s*\((?:all time|any time|ever)\)\s*$", "", item)
    if (who := rx.match(_PEOPLE_WHO, item)) is not None:
        return f"who {item[who.end():]}" if not item[who.end() - 5:who.end()].strip().startswith("with") else f"with {item[who.end():]}"
    node = spoken_rule(item)
    if node is None:
        return f"who {item}"
    words = in_words(node)
    if node[0] == "not":
        return f"who are not {words}"
    if rx.match(r"(?:bought|returned|reviewed|viewed)\b", words):
        return f"who {words}"
    return words if rx.match(r"(?:in|outside)\b", words) else f"with {words}"


def _aliases(line: str) -> set[str]:
    keys = {field_key(c) for c in _cells(line)}
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
    alternatives = rx.search(r"\b(?:match(?:es)?\s+any|any\s+of|match\s*:\s*any|or\s+logic|mode\s*:\s*any)\b", text) is not None
    kept, left_out = [], []
    for chip in chips:
        inside = chip.group(1)
        negated = rx.match(r"(?:exclude[sd]?|not|none|without|except|no)\b\s*:?\s*", inside)
        inside = inside[negated.end():] if negated else inside
        pair = rx.fullmatch(r"([\w .-]+?)\s*:\s*(.+)", inside)
        node = key_value(field_words(pair.group(1)), pair.group(2).strip()) if pair else ("leaf", inside)
        (left_out if negated else kept).append(node)
    tree = all_of([any_of(kept) if alternatives else all_of(kept)] + [("not", n) for n in left_out])
    start, end = chips[0].start(), chips[-1].end()
    return f"{text[:start]} customers where {in_words(tree)} . {text[end:]}"

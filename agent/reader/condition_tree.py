"""A condition tree as pasted definitions give it (and / or / not over leaves in words), said in the words the reader
scopes without doubt, and the logic formulas that build one ("1 AND (2 OR NOT 3)")."""

from __future__ import annotations

import re
from collections.abc import Callable

from agent.reader import regex as rx

Node = tuple  # ("leaf", words) | ("and", [Node]) | ("or", [Node]) | ("not", Node)


def all_of(parts: list[Node]) -> Node | None:
    parts = [p for p in parts if p is not None]
    return parts[0] if len(parts) == 1 else ("and", parts) if parts else None


def any_of(parts: list[Node]) -> Node | None:
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


FORMULA_TOKENS = re.compile(r"\s*((?!(?:and|or|not)\()[a-z_]+\([^()]*\)|\(|\)|&&|\|\||!(?!=)|\band\b|\bor\b|\bnot\b|(?:[^()&|!\s]|!=|\s(?!\s*(?:and|or|not)\b|\s*[()&|]))+)", re.I)


def formula(text: str, atom: Callable[[str], Node | None]) -> Node | None:
    """A logic formula ("1 AND (2 OR NOT 3)", "orders >= 2 && !returned"): NOT before AND before OR, brackets first;
    ``atom`` reads each operand (None: the formula is not one, and nothing is said)."""
    tokens = [t.strip() for t in FORMULA_TOKENS.findall(text) if t.strip()]
    position = 0

    def peek() -> str:
        return tokens[position].lower() if position < len(tokens) else ""

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def alternatives() -> Node | None:
        parts = [conjunction()]
        while peek() in ("or", "||"):
            take()
            parts.append(conjunction())
        return None if None in parts else any_of(parts)

    def conjunction() -> Node | None:
        parts = [one()]
        while peek() in ("and", "&&"):
            take()
            parts.append(one())
        return None if None in parts else all_of(parts)

    def one() -> Node | None:
        if peek() in ("not", "!"):
            take()
            inner = one()
            return ("not", inner) if inner is not None else None
        if peek() == "(":
            take()
            inner = alternatives()
            if peek() == ")":
                take()
            return inner
        return atom(take()) if position < len(tokens) else None

    tree = alternatives()
    return tree if position == len(tokens) else None

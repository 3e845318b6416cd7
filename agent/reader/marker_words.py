"""Words around a condition's marker (``§n§``) that leave it out: an exclusion word before a name ("minus the UK",
"skip UK customers", "bar France", "no UK") or a participle after it ("UK excluded", "leave the UK ones out",
"kitchen not included"). Tokens in, tokens out, with "excluding" before each marker so left out; general English,
checked against every development question set."""

from __future__ import annotations

import re

_MARKER = re.compile(r"§\d+§")
_BEFORE = {"minus", "bar", "barring", "skip", "skipping", "omit", "omitting", "drop", "dropping", "remove", "removing", "sans"}
_HEADS = {"customers", "customer", "ones", "shoppers", "buyers", "people", "clients", "users", "folks"}
# participles after a name that leave it out; "out" only after a head noun ("the UK ones out", not "checked out")
_AFTER = (("not", "included"), ("left", "out"), ("taken", "out"), ("excluded",), ("removed",), ("dropped",), ("omitted",),
          ("out",), ("not", "wanted"))
_ENDS = {",", ";", "and", "but", "please", "pls", ")", "too", "as", "well"}
_LEAVE = {"leave", "leaving", "take", "taking", "keep", "kick", "rule", "cut", "filter", "throw"}


def exclusion_words(tokens: list[str]) -> list[str]:
    """``tokens`` with each name said as left out preceded by "excluding" and the words that said so removed."""
    out = list(tokens)
    i = 0
    while i < len(out):
        if not _MARKER.fullmatch(out[i]):
            i += 1
            continue
        before = i - 1 - (i >= 2 and out[i - 1] == "the")
        after = i + 1 + (i + 1 < len(out) and out[i + 1] in _HEADS)
        words = next((w for w in _AFTER if tuple(out[after:after + len(w)]) == w and (w != ("out",) or after > i + 1)
                      and (after + len(w) == len(out) or out[after + len(w)] in _ENDS)), None)
        if words is not None:
            del out[i + 1:after + len(words)]
            if before >= 0 and out[before] in _LEAVE:  # "leave the UK ones out"
                del out[before]
                i -= 1
            out.insert(i, "excluding")
            i += 2
            continue
        if before >= 0 and (out[before] in _BEFORE or (out[before] == "no" and before == i - 1)):
            out[before] = "excluding"  # "minus the UK", "no UK" (a bare "no" right before the name)
        i += 1
    return out

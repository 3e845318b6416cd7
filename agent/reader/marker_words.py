"""Words around the conditions' markers (``§n§``) that say how they join: an exclusion word before a name ("minus the
UK", "skip UK customers", "no UK") or a participle after it ("UK excluded", "leave the UK ones out"); a list closed by
"either will do"; a comma list that takes its last conjunction. Tokens in, tokens out; general English, checked
against every development question set."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_MARKER = re.compile(r"§\d+§")
# "minus", "skip", "omit" and "sans" are already "excluding" here (``framing._exclusions``)
_BEFORE = {"bar", "barring", "drop", "dropping", "remove", "removing"}
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


def any_of(tokens: list[str]) -> list[str]:
    """A list closed by "anyone meeting either" / "either will do" (``framing._CLOSING_ANY``, read as "anyof") is a
    choice: where none of its joins is an "or" already, its "and"s, commas and breaks between conditions become "or"."""
    if "anyof" not in tokens:
        return tokens
    marks = [i for i, token in enumerate(tokens) if rx.fullmatch(r"§\d+§", token)]
    gaps = {i for a, b in zip(marks, marks[1:]) for i in range(a + 1, b)}
    closer = tokens.index("anyof")
    if any(m < closer for m in marks) and any(m > closer for m in marks):  # conditions on both sides: which list it closes is unclear
        return [t for t in tokens if t != "anyof"]
    if any(tokens[i] == "or" for i in gaps) or any(tokens[i] in ("not", "except", "excluding") for i in gaps):
        return [t for t in tokens if t != "anyof"]
    out = ["or" if i in gaps and token in ("and", ",", ";", "plus") else token for i, token in enumerate(tokens)]
    for a, b in reversed(list(zip(marks, marks[1:]))):  # a new item whose break the rules' span swallowed ("from france ;")
        gap = out[a + 1:b]
        if gap and set(gap) <= {"customers", "people", "shoppers", "clients", "users", "buyers", "those", "the", "all"}:
            out.insert(a + 1, "or")
    return [t for t in out if t != "anyof"]


def serial_lists(tokens: list[str]) -> list[str]:
    """A list of conditions joined by commas takes its last conjunction: "A, B or C" is "A or B or C" (as
    "A, B and C" is "A and B and C")."""
    markers = [i for i, token in enumerate(tokens) if rx.fullmatch(r"§\d+§", token)]
    gaps = [tokens[a + 1:b] for a, b in zip(markers, markers[1:])]
    out = list(tokens)
    run: list[int] = []  # the gaps of the current run that hold only a comma (and filler)
    for number, gap in enumerate(gaps):
        if "or" in gap and run:
            for comma_gap in run:
                out[out.index(",", markers[comma_gap])] = "or"
        if "," in gap and "or" not in gap and not {"and", "but", "not", "except", "excluding", ";", "either"} & set(gap):
            run.append(number)
        else:
            run = []
    return out

"""Scoring one answer against an expected value (the rules of `portrait eval answers`).

- ``null``: the question is outside the data; only a decline is correct;
- a number (or a string that is one): some number in the answer equals it to 0.01; a zero may also be
  said in words ("no returns", "none");
- a date ``YYYY-MM-DD``: the answer has it as written, or as ``4 July 2026`` / ``July 4, 2026``;
- a list: every element is matched; any other text: found in the answer, case-insensitively.
An in-data question answered with a decline is wrong.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

_DECLINE = re.compile(r"can.?t answer|cannot answer|can not answer|unable to answer|not (?:in|part of) the (?:profile|data)", re.I)
_NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?(?![\w])")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ZERO_WORDS = re.compile(r"\b(no|none|zero|never|not any)\b", re.I)


def is_decline(answer: str) -> bool:
    return bool(_DECLINE.search(answer))


def _as_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+(?:\.\d+)?", value.strip()):
        return float(value)
    return None


def _numbers(text: str) -> list[float]:
    found = []
    for token in _NUMBER.findall(text):
        try:
            found.append(float(token.replace(",", "")))
        except ValueError:
            continue
    return found


def _date_forms(iso: str) -> list[str]:
    day = date.fromisoformat(iso)
    month = day.strftime("%B")
    return [iso, f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", f"{month} {day.day} {day.year}"]


def _matches_one(answer: str, expected: Any) -> bool:
    number = _as_number(expected)
    if number is not None:
        if any(abs(n - number) <= 0.01 for n in _numbers(answer)):
            return True
        return number == 0 and bool(_ZERO_WORDS.search(answer))
    text = " ".join(str(expected).split())
    if _ISO.match(text):
        return any(form.lower() in answer.lower() for form in _date_forms(text))
    return text.lower() in " ".join(answer.split()).lower()


def is_correct(answer: str, expected: Any) -> bool:
    if expected is None:
        return is_decline(answer)
    if is_decline(answer):
        return False
    if isinstance(expected, list):
        return all(_matches_one(answer, e) for e in expected)
    return _matches_one(answer, expected)

"""Time expressions in a question -> a ``Window`` of the customer query, with the span they occupy.

General English date and period forms (not fitted to a question set): "in the last 90 days", "past two
weeks", "this year", "in 2026", "in September 2026", "in September" (the latest September up to the data
clock), "last month" (the previous calendar month), "this month", "since March 3, 2026", "before
2026-05-01", "after 1 June 2026", "between 2026-03-01 and 2026-03-31", "yesterday", "today".
The text is the one ``expressions.prepare`` returns (lower case, numbers as digits).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from agent.reader import regex as rx
from agent.reader.expressions import _MONTHS, DATE, date_of, days_of
from retrieval.query.customer import Window

_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    window: Window
    said: str


def _date_match(text: str) -> re.Match[str] | None:
    return rx.fullmatch(DATE, text.strip())


def _day(text: str, clock: date) -> date | None:
    """A full date, or a month name with a day and no year (the latest such day up to the clock)."""
    match = _date_match(text)
    if match is not None:
        return date_of(match)
    bare = rx.fullmatch(rf"(?:(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH_NAMES})|(?P<m2>{_MONTH_NAMES})\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)", text.strip())
    if bare is None:
        return None
    month = _MONTHS[bare.group("m") or bare.group("m2")]
    day = int(bare.group("d") or bare.group("d2"))
    for year in (clock.year, clock.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            return None
        if candidate <= clock:
            return candidate
    return None


def _latest_month(month: int, clock: date) -> date:
    year = clock.year if month <= clock.month else clock.year - 1
    return date(year, month, 1)


_DAY = rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\.?,?(?:\s+\d{{4}})?|(?:{_MONTH_NAMES})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?)"
_PATTERNS: list[tuple[str, str]] = [
    ("between", rf"\b(?:between|from)\s+(?P<a>{_DAY})\s+(?:and|to|until|till|through)\s+(?P<b>{_DAY})"),
    ("last_n", r"\b(?:(?:in|within|during|over|for|from)\s+)?(?:the\s+)?(?:last|past|previous|recent)\s+(?P<n>\d+)\s+(?P<unit>days?|weeks?|fortnights?|months?|years?)\b"),
    ("last_unit", r"\b(?:(?:in|within|during|over|for)\s+)?the\s+(?:last|past|previous)\s+(?P<unit>day|week|fortnight|month|year)\b"),
    ("past_unit", r"\b(?:(?:in|within|during|over|for)\s+)?(?:the\s+)?past\s+(?P<unit>day|week|fortnight|month|year)\b"),
    ("n_ago", r"\b(?:in\s+)?(?:the\s+)?(?P<n>\d+)\s+(?P<unit>days?|weeks?|months?)\s+(?:to|up to|before)\s+(?:now|today|the end)\b"),
    ("within_n", r"\b(?:within|in|over|for|during)\s+(?:the\s+)?(?P<n>\d+)\s+(?P<unit>days?|weeks?|months?|years?)\b(?!\s+(?:ago|after|before))"),
    ("past_nd", r"\b(?:past|last)\s+(?P<n>\d+)\s*(?P<unit>d|days?|wks?|weeks?|mo|months?)\b"),
    ("last_calendar_month", r"\blast\s+month\b"),
    ("last_calendar_year", r"\blast\s+year\b"),
    ("this_month", r"\b(?:this|the current)\s+month\b"),
    ("this_year", r"\b(?:this|the current)\s+year\b|\bso far this year\b|\byear to date\b|\bytd\b"),
    ("this_week", r"\b(?:this|the current)\s+week\b"),
    ("last_week", r"\blast\s+week\b"),
    ("yesterday", r"\byesterday\b"),
    ("today", r"\btoday\b"),
    ("since", rf"\b(?:since|from|starting|as of)\s+(?P<a>{_DAY})"),
    ("before", rf"\b(?:before|prior to|until|till|up to)\s+(?P<a>{_DAY})"),
    ("after", rf"\b(?:after)\s+(?P<a>{_DAY})"),
    ("on_day", rf"\bon\s+(?P<a>{_DAY})"),
    ("month_year", rf"\b(?:in|during|for|of|from)?\s*(?P<m>{_MONTH_NAMES})\.?\s+(?P<y>\d{{4}})\b"),
    ("since_month", rf"\b(?:since|from|starting)\s+(?P<m>{_MONTH_NAMES})\b"),
    ("month", rf"\b(?:in|during|for|of|back in|to|just|only|within)\s+(?P<m>{_MONTH_NAMES})\b"),
    ("month_alone", rf"^(?P<m>{_MONTH_NAMES})\b|\b(?P<m2>january|february|march|april|june|july|august|september|october|november|december)\b"),
    ("year", r"\b(?:in|during|for|of|back in)\s+(?P<y>20\d{2}|19\d{2})\b"),
]
_COMPILED = [(kind, re.compile(pattern)) for kind, pattern in _PATTERNS]


def _window(kind: str, match: re.Match[str], clock: date) -> Window | None:
    group = match.groupdict()
    if kind in ("last_n", "within_n", "n_ago", "past_nd"):
        unit = {"d": "days", "wk": "weeks", "wks": "weeks", "mo": "months"}.get(group["unit"], group["unit"])
        return Window(relation="last_days", days=max(1, days_of(group["n"], unit)))
    if kind == "month_alone":
        return Window(relation="month", start=_latest_month(_MONTHS[group["m"] or group["m2"]], clock))
    if kind in ("last_unit", "past_unit"):
        return Window(relation="last_days", days=days_of(None, group["unit"]))
    if kind == "last_calendar_month":
        first = clock.replace(day=1) - timedelta(days=1)
        return Window(relation="month", start=first.replace(day=1))
    if kind == "last_calendar_year":
        return Window(relation="year", start=date(clock.year - 1, 1, 1))
    if kind == "this_month":
        return Window(relation="month", start=clock.replace(day=1))
    if kind == "this_year":
        return Window(relation="year", start=date(clock.year, 1, 1))
    if kind == "this_week":
        monday = clock - timedelta(days=clock.weekday())
        return Window(relation="since", start=monday)
    if kind == "last_week":
        return Window(relation="last_days", days=7)
    if kind == "yesterday":
        day = clock - timedelta(days=1)
        return Window(relation="between", start=day, end=day)
    if kind == "today":
        return Window(relation="between", start=clock, end=clock)
    if kind == "between":
        a, b = _day(group["a"], clock), _day(group["b"], clock)
        if a is None or b is None or b < a:
            return None
        return Window(relation="between", start=a, end=b)
    if kind in ("since", "before", "after", "on_day"):
        day = _day(group["a"], clock)
        if day is None:
            return None
        if kind == "on_day":
            return Window(relation="between", start=day, end=day)
        return Window(relation=kind, start=day)
    if kind == "month_year":
        if group["m"] not in _MONTHS:
            return None
        return Window(relation="month", start=date(int(group["y"]), _MONTHS[group["m"]], 1))
    if kind == "since_month":
        return Window(relation="since", start=_latest_month(_MONTHS[group["m"]], clock))
    if kind == "month":
        return Window(relation="month", start=_latest_month(_MONTHS[group["m"]], clock))
    if kind == "year":
        return Window(relation="year", start=date(int(group["y"]), 1, 1))
    return None


def find_windows(text: str, clock: datetime | date) -> list[Found]:
    """Every time expression in ``text`` (prepared), longest first, not overlapping."""
    today = clock.date() if isinstance(clock, datetime) else clock
    taken: list[tuple[int, int]] = []
    found: list[Found] = []
    for kind, pattern in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span()
            while start < end and text[start] == " ":
                start += 1
            if any(start < b and a < end for a, b in taken):
                continue
            window = _window(kind, match, today)
            if window is None:
                continue
            taken.append((start, end))
            found.append(Found(start, end, window, text[start:end].strip()))
    return sorted(found, key=lambda f: f.start)

"""Plain-language pieces both readers (staff and marketers) read: numbers, comparisons, time windows,
dates. General English, not fitted to any question set."""

from __future__ import annotations

import re
from datetime import date

from agent.reader import regex as rx
from agent.reader.crm import plain_crm
from agent.reader.operators import plain_operators
from agent.reader.revisions import revised
from agent.reader.framing import frame
from agent.reader.idioms import COUNTED as _COUNTED
from agent.reader.idioms import plain_idioms
from agent.reader.shorthand import abbreviations, layout
from agent.reader.wording import ONCE_JOINS, lapsed_buyers

_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "fortnight": 14, "fortnights": 14, "month": 30, "months": 30,
          "year": 365, "years": 365}
_WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100,
    "a dozen": 12, "half a dozen": 6, "a couple of": 2, "nil": 0, "a thousand": 1000, "one thousand": 1000, "thousand": 1000,
}
_MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"])}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
             "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
             "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30}
_ORDINALS.update({f"{tens}{joint}{word}": base + n for tens, base in (("twenty", 20), ("thirty", 30)) for joint in ("-", " ")
                  for word, n in list(_ORDINALS.items())[:9] if base + n <= 31})
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"


def _ordinal_dates(text: str) -> str:
    """"the fifth of September", "September the twenty-first": a day said as an ordinal word, as a number."""
    words = "|".join(sorted(_ORDINALS, key=len, reverse=True))
    text = rx.sub(rf"\b(?:the\s+)?({words})\s+(?:of\s+)?(?={_MONTH_WORD}\b)", lambda m: f"{_ORDINALS[m.group(1)]} ", text)
    return rx.sub(rf"\b({_MONTH_WORD})\s+(?:the\s+)?({words})\b", lambda m: f"{m.group(1)} {_ORDINALS[m.group(2)]}", text)


_ONE_OF = r"(?!\s+of\s+(?:the|our|my|these|those|them|us|you|its|their)\b)"
"""Not a count: "one of the slides"."""
NUM = r"(?P<n>\d+(?:\.\d+)?)"


_TIMES = {"once": "1", "twice": "2", "thrice": "3"}


def _times_done(text: str) -> str:
    """"have written a review more than once", "placed an order at least 3 times": how many times one thing was done is
    a count of those things ("more than 1 reviews"), never a rating or an amount."""
    return rx.sub(r"\b(written|wrote|left|leave|posted|given|gave|submitted|placed|made|make|sent|send|filed|raised|opened)\s+(?:a|an|one)\s+"
                  r"(review|return|order|purchase|support\s+(?:message|ticket|request)|ticket|complaint)\s+"
                  r"(more than|at least|over|fewer than|less than|at most|no more than|exactly)\s+(once|twice|thrice|\d+\s+times|[a-z]+\s+times)\b",
                  lambda m: f"{m.group(1)} {m.group(3)} {_TIMES.get(m.group(4), m.group(4).split()[0])} {m.group(2)}s", text)


def prepare(question: str) -> str:
    """The message's own edits applied (``agent.reader.revisions``), then lower case, one spelling for numbers, money and
    apostrophes; keeps '&' (it is part of names)."""
    text = revised(question.strip().lower().replace("’", "'").replace("‘", "'").replace("e-mail", "email"))
    text = lapsed_buyers(frame(_times_done(plain_crm(plain_operators(text)))))
    text = text.replace("!=", " not ").replace("<>", " not ").replace("&&", " and ").replace("||", " or ").replace("∪", " or ").replace("∩", " and ").replace("==", "=")  # a filter builder's operators
    text = rx.sub(r"(?<=[a-z])_(?=[a-z])", " ", text)  # "avg_rating", "returns_count": field names in snake case
    # "returns > 0": a count above zero is at least one (a sum of money above zero is not)
    text = rx.sub(r"\b((?:returns?|reviews?|orders?|purchases?|messages?|tickets?|contacts?)(?: count| number| total)?)\s*>\s*0(?![\d.,])", r"\1 >= 1", text)
    text = rx.sub(r"\b(avg|average|mean|min|minimum|max|maximum|lowest|highest)\s*\(\s*([a-z ]+?)\s*\)", r"\1 \2", text)  # "avg(rating)"
    text = rx.sub(r"[?!]+", " ", text)
    text = abbreviations(layout(text))
    text = rx.sub(r"\s*(>=|<=|=>|=<|≥|≤|>|<|=)\s*(?=[€£$]?\d)", lambda m: " " + {"=>": ">=", "=<": "<=", "≥": ">=", "≤": "<="}.get(m.group(1), m.group(1)) + " ", text)
    text = rx.sub(r"(\d),(\d{3})\b", r"\1\2", text)
    text = rx.sub(r"(\d+(?:\.\d+)?)\s*k\b", lambda m: str(int(float(m.group(1)) * 1000)), text)
    text = rx.sub(r"\s*[€£$]\s*", " ", text)
    text = rx.sub(r"(\d)\s*(?:euros?|eur|dollars?|usd|pounds?|gbp)\b", r"\1", text)
    text = rx.sub(r"\b(?:euros?|eur|dollars?|usd|pounds?|gbp)\s*(\d)", r"\1", text)
    text = rx.sub(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", _dotted_date, text)
    text = rx.sub(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b", _slashed_date, text)
    text = rx.sub(r"((?:\b(?:not|never|no|without)|n't)\b(?:\s+[a-z]+){0,2}?)\s+a single\b", r"\1 any", text)  # "not left a single review"
    text = rx.sub(r"\bany (thing|one)\b", r"any\1", text)  # "not ordered a single thing" -> "not ordered anything"
    text = rx.sub(r"\b(?:a single|just one|only one)\b", "1", text)
    text = rx.sub(r"\bon or after\b", "since", text)
    # "who contacted support not even once": the negation said after the verb belongs to the whole clause
    text = rx.sub(r"\b(who|that)\s+((?:(?!\bnot\b|\bnever\b|n't\b|\band\b|\bbut\b|\bor\b|\byet\b)[^,;.])*?)\s+not\s+(?:even\s+)?once\b",
                  r"\1 never \2", text)
    text = rx.sub(r"\b(have|has|had)\s+not\s+(?:even\s+)?once\b", r"\1 never", text)  # "… and have not once bought books"
    text = rx.sub(r"\b(?:all\s+|both\s+)?at once\b", " ", text)  # "so both at once": together, not one order
    text = rx.sub(r"\bnever\s+once\b", "never", text)  # "never once contacted support", "not even once": no count
    text = rx.sub(r"\b(?:not\s+)?even\s+once\b", "ever", text)
    # "gave 2 stars or lower at least once", "have, at least once, rated us 5 stars": how often a rating was given asks for
    # one such review (the lowest or the highest rating), never a count of orders
    text = rx.sub(r"((?:\bstars?\b|★|\*|\brat(?:ing|ed)\b)(?:\s+or\s+(?:less|more|lower|higher|better|worse|below|above|fewer))?)\s*,?\s*\(?\s*at\s+least\s+once\b(?:\s*\))?", r"\1", text)
    text = rx.sub(r",?\s*\bat\s+least\s+once\s*,?\s+(?=(?:given|gave|rated|left|written|posted)\b[^.;]{0,40}?(?:\bstars?\b|★|\brating\b))", " ", text)
    text = rx.sub(rf"\bonce\b(?!{ONCE_JOINS})", "1 time", text)
    text = rx.sub(r"\btwice\b", "2 times", text)
    text = rx.sub(r"\b(every|each|any|no|some)\s+one\b", r"\1one", text)  # "every one of the buyers" is not a count
    text = rx.sub(r"\b(quick|this|that|which|the right|the|similar|new|another|same|next|different|big|bigger|small|good|better|latest|last)\s+one\b(?!\s+(?:order|purchase|return|review|time|star))" + _ONE_OF, r"\1 thing", text)
    text = rx.sub(r"\bone\s+(?=who\b|whose\b)", "someone ", text)  # "a qualifying customer is one who …": a person, no count
    text = rx.sub(r"\b(\d(?:\.\d)?)[- ]stars?-or-(better|higher|above|more|over|worse|lower|less|below|under)\b", r"\1 star or \2", text)
    # a year said aloud: "twenty twenty six", "two thousand and twenty-six"
    digits = {w: n for w, n in _WORD_NUMBERS.items() if 1 <= n <= 9 and " " not in w}
    text = rx.sub(r"\b(?:twenty\s+twenty|two\s+thousand\s+(?:and\s+)?twenty)[- ](" + "|".join(digits) + r")\b", lambda m: f"202{digits[m.group(1)]}", text)
    tens = "|".join(w for w, n in _WORD_NUMBERS.items() if n in range(20, 100, 10))
    units = "|".join(w for w, n in _WORD_NUMBERS.items() if 1 <= n <= 9 and " " not in w)
    text = rx.sub(rf"\b({tens})[- ]({units})\b", lambda m: str(_WORD_NUMBERS[m.group(1)] + _WORD_NUMBERS[m.group(2)]), text)
    text = _ordinal_dates(text)
    for word, number in sorted(_WORD_NUMBERS.items(), key=lambda kv: -len(kv[0])):
        text = rx.sub(rf"\b{word}\b" + (_ONE_OF if word == "one" else ""), str(number), text)
    # "five hundred", "two thousand": a unit said before its hundred or thousand multiplies it
    text = rx.sub(r"\b([1-9]\d?)\s+100\b(?:\s+and\s+(\d{1,2})\b)?", lambda m: str(int(m.group(1)) * 100 + int(m.group(2) or 0)), text)  # "twelve hundred"
    text = rx.sub(r"\b([1-9]\d{0,2})\s+1000\b", lambda m: str(int(m.group(1)) * 1000), text)
    text = rx.sub(r"\b([1-9]\d{0,2})000\s+(?:and\s+)?([1-9]00|[1-9]\d?)\b(?!\s*(?:days?|weeks?|months?|years?|orders?|returns?|reviews?|stars?|%))",
                  lambda m: str(int(m.group(1)) * 1000 + int(m.group(2))), text)  # "one thousand two hundred": 1200
    # ("the maximum 5 stars" is the top of the scale, no bound)
    text = rx.sub(r"(?<!the )\b(?:minimum|min\.?)\s+(?:of\s+)?(?=\d)", "at least ", text)  # "order minimum 12 times", "minimum six orders"
    text = rx.sub(r"(?<!the )\b(?:maximum|max\.?)\s+(?:of\s+)?(?=\d)", "at most ", text)
    text = rx.sub(r"\bthe\s+(?:maximum|highest|top|full)\s+(?:possible\s+)?(?=\d(?:\.\d)?\s*stars?\b)", "", text)
    text = rx.sub(r"\b(\d+) (days?|weeks?|months?|years?)\b", r"\1 \2", text)
    # "the past 72 hours", "48 hrs": a whole number of days said in hours (a window is counted in days)
    text = rx.sub(r"\b(\d+)\s*(?:hours?|hrs?|h)\b", lambda m: f"{int(m.group(1)) // 24} days" if int(m.group(1)) % 24 == 0 and int(m.group(1)) else m.group(0), text)
    text = rx.sub(r"\b(\d+)\s*-\s*star", r"\1 star", text)
    # "2 stars or below" -> "2 or below stars": the comparison sits next to its number, as in "3 orders or fewer"
    text = rx.sub(r"\b(\d(?:\.\d)?)\s*stars?\s+or\s+(?:below|less|lower|fewer|worse|under)\b", r"\1 or less stars", text)
    text = rx.sub(r"\b(\d(?:\.\d)?)\s*stars?\s+or\s+(?:above|more|higher|better|over)\b", r"\1 or more stars", text)
    text = rx.sub(r"\b(\d(?:\.\d)?)\s*\+\s*stars?\b", r"\1 or more stars", text)
    text = rx.sub(r"\b(leaves?|left|gives?|gave|given|writes?|wrote|written|posts?|posted)\s+only\s+(?=\d)", r"only \1 ", text)  # "left only 4+ star reviews"
    text = rx.sub(r"(?:(?<=\bis )|(?<=\bare )|(?<=\bwas )|(?<=\bwere )|(?<=\bof ))(?:only|just|merely)\s+(?=\d+(?:\.\d)?\s+or\s+(?:less|more|fewer|lower|higher|above|below|under|over)\b)", "", text)
    for said, comparison in ((r"fewer|less|below|under|lower", "fewer"), (r"more|above|over|higher", "more")):  # "1 review or fewer"
        text = rx.sub(rf"\b(\d+)\s+({_COUNTED})\s+or\s+(?:{said})\b", rf"\1 or {comparison} \2", text)
    text = rx.sub(r"\b(\d) star (review|rating)s? or (?:worse|lower|less|below)\b", r"\2 of \1 or less stars", text)
    text = rx.sub(r"\b(\d) star (review|rating)s? or (?:better|higher|more|above)\b", r"\2 of \1 or more stars", text)
    text = rx.sub(r"\b(last|past|previous)\s+quarter\b", r"\1 3 months", text)  # a quarter: three months, as the reading restates
    text = rx.sub(r"\b(\d+)\s+quarters\b", lambda m: f"{3 * int(m.group(1))} months", text)
    text = rx.sub(r"\b(a|the|one)\s+(week|month|year|fortnight)\b(?! ago)", r"1 \2", text)
    text = rx.sub(r"(?<=\d)\s*[–—]\s*(?=\d)", "-", text)  # "2–5 orders": a dash between numbers is a range
    # "3 orders and up", "3 orders at a minimum": the bound said after the noun
    text = rx.sub(rf"\b(\d+(?:\.\d+)?)\s+({_COUNTED})\s+(?:and up(?:wards)?|and above|and over|or above|at a minimum|at the (?:very )?least)\b",
                  r"at least \1 \2", text)
    text = rx.sub(rf"\b(\d+(?:\.\d+)?)\s+({_COUNTED})\s+(?:and (?:below|under|down)|or below|at a maximum|at the (?:very )?most)\b",
                  r"at most \1 \2", text)
    # "8 to 12 orders" -> "between 8 and 12 orders"; "3 stars at most" -> "at most 3 stars"
    text = rx.sub(r"\b(?:from\s+)?(\d+(?:\.\d+)?)\s+(?:to|-)\s+(\d+(?:\.\d+)?)\b(?!-)", r"between \1 and \2", text)
    text = rx.sub(r"(?<![\d/.-])\b(\d{1,4}(?:\.\d+)?)-(\d{1,4}(?:\.\d+)?)\b(?![-/.]\d)", r"between \1 and \2", text)  # "4-8 orders"
    text = rx.sub(r"(?<!between )\b([1-4])\s*(?:-\s*)?(?:and|&)\s+([2-5])(?=\s*-?\s*stars?\b)", r"between \1 and \2", text)  # "4 and 5 star reviews"
    # "> 60 days ago": a comparison on a time is a relation in time, never a count
    text = rx.sub(r"(?:>=|>)\s*(?=\d+ (?:days?|weeks?|months?|years?) ago\b)", "more than ", text)
    text = rx.sub(r"(?:<=|<)\s*(?=\d+ (?:days?|weeks?|months?|years?) ago\b)", "less than ", text)
    text = rx.sub(r"(?:>=|=>)\s*(?=\d{4}-\d{2}-\d{2}\b)", "since ", text)
    text = rx.sub(r">\s*(?=\d{4}-\d{2}-\d{2}\b)", "after ", text)
    text = rx.sub(r"(?:<=|=<|<)\s*(?=\d{4}-\d{2}-\d{2}\b)", "before ", text)
    text = rx.sub(r"\b(\d+(?:\.\d+)?)\s+(stars?|orders?|reviews?|returns?|times?|messages?|tickets?)\s+(at most|at least|max|maximum|minimum)\b",
                  lambda m: f"{ {'max': 'at most', 'maximum': 'at most', 'minimum': 'at least'}.get(m.group(3), m.group(3))} {m.group(1)} {m.group(2)}", text)
    text = rx.sub(r"\b(\d+)\s+(days?|weeks?|months?)\s+old\b", r"\1 \2 ago", text)  # "an order 45 days old"
    # a count compared by a symbol reads as its words ("returns >= 1" -> "with at least 1 returns")
    for symbol, words in ((">=", "at least"), ("<=", "at most"), (">", "more than"), ("<", "less than"), ("==", "exactly"), ("=", "exactly")):
        text = rx.sub(rf"(?<!average )(?<!avg )(?<!avg\. )(?<!after )(?<!of )(?<!minus )(?<!less )\b({_COUNTED})\s*(?<![<>=!]){re.escape(symbol)}\s*(\d+)\b(?!\.\d)", rf"with {words} \2 \1", text)
    text = plain_idioms(text)
    text = rx.sub(r"\b(?:haven't|havent|have not)\b", "have not", text)
    text = rx.sub(r"\b(?:hasn't|hasnt|has not)\b", "has not", text)
    text = rx.sub(r"\b(?:didn't|didnt|did not)\b", "did not", text)
    text = rx.sub(r"\b(?:don't|dont|do not|doesn't|doesnt|does not)\b", "do not", text)
    text = rx.sub(r"\b(?:weren't|wasn't|aren't|isn't)\b", "not", text)
    return " ".join(text.replace(";", " ; ").split())


def _dotted_date(match: re.Match[str]) -> str:
    """28.09.2026 (day first, as Europe writes it) -> 2026-09-28; not a date -> unchanged."""
    try:
        return date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
    except ValueError:
        return match.group(0)


_MONTH_ABBREVIATIONS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_YEARLESS = re.compile(
    r"(?:\b|(?<=\s))(?P<rel>before|after|since|prior to|from|until|>=|>|<)\s*(?:the\s+)?"
    r"(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[a-z]{3,9})\b\.?|(?!(?:before|after|since|from|until|prior)\b)(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b)"
    r"(?!,?\s*\d{4})(?![\d:])")


def with_years(text: str, clock: date) -> str:
    """Give a date typed without its year ("since 26th aug", "after sep 19") the year that makes it the latest such
    day on or before the data clock: a marketer means the last one that has happened."""
    def dated(match: re.Match[str]) -> str:
        month_word = match.group("m1") or match.group("m2")
        day = int(match.group("d1") or match.group("d2"))
        month = _MONTHS.get(month_word)
        if month is None:
            return match.group(0)
        for year in (clock.year, clock.year - 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                return match.group(0)
            if candidate <= clock:
                relation = {">": "after", ">=": "since", "<": "before"}.get(match.group("rel"), match.group("rel"))
                full_stop = "." if match.group(0).endswith(".") and month_word not in _MONTH_ABBREVIATIONS else ""  # a sentence's end
                return f"{relation} {candidate.isoformat()}{full_stop}"
        return match.group(0)

    # "this month", "this year": since its first day; "since September" (no day): since the month's first day
    text = rx.sub(r"\bthis (month|year)\b", lambda m: "since " + date(clock.year, clock.month if m.group(1) == "month" else 1, 1).isoformat(), text)
    text = rx.sub(r"\b(before|after|since|from|until|prior to)\s+(?:the\s+(?:start|beginning)\s+of\s+)?([a-z]{3,9})\b(?!\s*\d)",
                  lambda m: f"{m.group(1)} 1 {m.group(2)}" if m.group(2) in _MONTHS and m.group(2) != "may" else m.group(0), text)
    return _YEARLESS.sub(dated, text)


def _slashed_date(match: re.Match[str]) -> str:
    """31/08/2026 or 8/31/2026 -> 2026-08-31 where only one order of day and month is a date; 03/04/2026 (either)
    is left as typed, so the reader asks about it instead of guessing."""
    first, second, year = int(match.group(1)), int(match.group(2)), int(match.group(3))
    readings = set()
    for day, month in ((first, second), (second, first)):
        try:
            readings.add(date(year, month, day).isoformat())
        except ValueError:
            continue
    return readings.pop() if len(readings) == 1 else match.group(0)


def days_of(number: str | None, unit: str) -> int:
    return int(round(float(number or 1) * _UNITS[unit]))


# Comparisons before a number, and the forms with the word after it ("3 or more").
_BEFORE = [
    (r"more than|over|above|greater than|higher than|exceeding|exceeds|exceed|in excess of|>", ">"),
    (r"at least|no less than|not less than|minimum of|a minimum of|>=", ">="),
    (r"fewer than|less than|under|below|lower than|<", "<"),
    (r"at most|no more than|not more than|up to|maximum of|a maximum of|<=", "<="),
    (r"exactly|only|precisely|=", "="),
]
_AFTER = [(r"or more|or above|or higher|\+|plus", ">="), (r"or fewer|or less|or below|or lower|or under", "<=")]
COMPARE = (
    r"(?:(?P<between>between\s+(?P<lo>\d+(?:\.\d+)?)\s+and\s+(?P<hi>\d+(?:\.\d+)?))"
    r"|(?:(?P<before>" + "|".join(p for p, _ in _BEFORE) + r")\s+)?" + r"(?P<num>\d+(?:\.\d+)?)"
    r"(?:\s*(?P<after>" + "|".join(p for p, _ in _AFTER) + r"))?)"
)


def comparisons(match: re.Match[str], default: str = ">=") -> list[tuple[str, float]]:
    """(op, value) pairs of a COMPARE match: one, or two for 'between a and b' (inclusive)."""
    if match.group("between"):
        return [(">=", float(match.group("lo"))), ("<=", float(match.group("hi")))]
    value = float(match.group("num"))
    for pattern, op in _BEFORE:
        if match.group("before") and rx.fullmatch(pattern, match.group("before")):
            return [(op, value)]
    for pattern, op in _AFTER:
        if match.group("after") and rx.fullmatch(pattern, match.group("after").strip()):
            return [(op, value)]
    return [(default, value)]


WINDOW = (
    r"(?:(?:in|within|during|over|for)\s+)?(?:the\s+)?(?:last|past|previous)\s+(?:(?P<wn>\d+)\s+)?(?P<wunit>days?|weeks?|fortnights?|months?|years?)"
    r"|(?:within|in|for)\s+(?:(?:more than|over|at least|longer than)\s+)?(?P<wn2>\d+)\s+(?P<wunit2>days?|weeks?|months?|years?)(?!\s+ago)"
    r"|(?:less than|under|fewer than|within|no more than|since)\s+(?P<wn3>\d+)\s+(?P<wunit3>days?|weeks?|months?|years?)\s+ago"
)
_LONGER = r"(?:more than|over|at least|longer than|upwards of)"
_UNIT = r"(?:days?|weeks?|months?|years?)"
AGO = (
    _LONGER + r"\s+(?P<an>\d+)\s+(?P<aunit>" + _UNIT + r")\s+ago"
    r"|(?P<an2>\d+)\+?\s+(?P<aunit2>" + _UNIT + r")\s+ago\s+or\s+(?:more|earlier|longer)"
    # a length of time that has passed since, longer than N: "over 60 days since", "back more than 60 days", "60+ days"
    r"|(?:(?:back|since)\s+)?" + _LONGER + r"\s+(?P<an3>\d+)\s+(?P<aunit3>" + _UNIT + r")(?=\s+(?:back|since|without|have passed|has passed)\b|\s*$|\s*[,;.])"
    r"|(?P<an4>\d+)\s*\+\s*(?P<aunit4>" + _UNIT + r")(?:\s+(?:ago|back))?"
)
DATE = (
    r"(?P<iso>\d{4}-\d{2}-\d{2})"
    r"|(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[a-z]{3,9})\.?,?\s+(?P<y1>\d{4})"
    r"|(?!(?:before|after|since|from|until|prior)\b)(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4})"
    r"|(?P<m3>[a-z]{3,9})\s+(?P<y3>\d{4})"
)


BARE_WINDOW = r"(?<![\d.])\b(?P<wn>\d+)\s+(?P<wunit>days?|weeks?|months?|years?)\b(?!\s+(?:ago|old|or|and|before|after))"
"""A length of time with no "in the last" before it ("bought 60 days"); read as a window where nothing else times
the clause. Its groups are WINDOW's, so ``window_days`` reads either."""


def window_days(match: re.Match[str]) -> int:
    groups = match.groupdict()
    number = groups.get("wn") or groups.get("wn2") or groups.get("wn3")
    unit = groups.get("wunit") or groups.get("wunit2") or groups.get("wunit3")
    return days_of(number, unit)


def ago_days(match: re.Match[str]) -> int:
    groups = match.groupdict()
    return days_of(next(groups[f"an{i}"] for i in ("", 2, 3, 4) if groups[f"an{i}"]),
                   next(groups[f"aunit{i}"] for i in ("", 2, 3, 4) if groups[f"aunit{i}"]))


def date_of(match: re.Match[str]) -> date | None:
    """The day a DATE match names (a month alone: its first day), or None if it is not a date."""
    try:
        if match.group("iso"):
            return date.fromisoformat(match.group("iso"))
        for d, m, y in (("d1", "m1", "y1"), ("d2", "m2", "y2")):
            if match.group(m) and match.group(m) in _MONTHS:
                return date(int(match.group(y)), _MONTHS[match.group(m)], int(match.group(d)))
        if match.group("m3") and match.group("m3") in _MONTHS:
            return date(int(match.group("y3")), _MONTHS[match.group("m3")], 1)
    except ValueError:
        return None
    return None

"""What of a marketer's message is the request: the context around it ("Some background first: our old loyalty
scheme ended in the summer…", "My manager, who runs the email program, wants…") is set aside before the reader
looks for conditions and for data the shop does not hold. Contact details are looked for in the whole message
by the caller, whatever this keeps.

Three cues, all about the message's shape rather than any question set:

- a brief written as fields that names its audience in a field of its own ("Audience: …", "Target: …") has its
  goal, channel, budget and timing fields set aside;
- a sentence that names no customers (no customer noun or pronoun), no shop name and no word the condition
  frames name a fact with is context, when another sentence is kept;
- a relative clause set off by commas (", who runs the email program,") describes its antecedent in passing;
  when the clause before it names no customers, it is about someone else.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from agent.reader import regex as rx
from agent.reader.not_held import PERSONAL

CUSTOMER_WORDS = re.compile(r"\b(?:customers?|custs?|shoppers?|people|persons?|folks?|individuals?|consumers?|clients?|users?|buyers?|purchasers?|members?|"
                            r"accounts?|anyone|anybody|everyone|everybody|those|ones|audience|segment|seg|group|list|cohort|population|panel|"
                            r"they|them|their|ppl|uids?|ids?)\b")
_SENTENCE = re.compile(r"(?<=[.])\s+(?=\S)")
_ASIDE = re.compile(r",\s*(?:who|which|whom|whose)\b[^,;.:]*,\s*")  # within one sentence


_FIELD = re.compile(r"(?:^|(?<=[.;])\s*|\s+[—–-]\s+)(?P<label>[a-z][a-z ]{1,24}?)\s*:\s*")
_REQUEST_FIELD = re.compile(r"^(?:(?:target|the)\s+)?(?:audience|target|segment|seg|group|criteria|selection(?: criteria)?|include|"
                            r"exclude|excluding|filters?|rules|conditions|requirements|who|customers|people|"
                            r"must(?: not)?(?: have)?|nice to have|definition|audience rules|target group|list|requirements?|"
                            r"acceptance criteria|ac|request|ask|query|spec|specification|filter)\b")
_CONTEXT_FIELD = re.compile(r"^(?:campaign\s+)?(?:goal|goals|objective|objectives|channel|channels|budget|timing|timeline|brief|"
                            r"campaign|notes?|context|background|kpis?|offer|message|creative|deadline|owner|why|purpose|"
                            r"format|columns|output|deliverables?|send date|launch|theme|tone|title|subject|re|name|go[- ]live|summary|priority|type|"
                            r"ticket|due|due date|status|assignee|reporter|labels?|sprint|epic|components?|story points|requested by|"
                            r"requester|from|to|cc|date|team|department|stakeholders?|project|estimate|"
                            r"(?:segment|campaign|audience|list|project|cohort|file|test)\s+names?)$")


def _without_context_fields(text: str) -> str:
    """A brief written as fields ("Goal: win back lapsed buyers. Audience: … Channel: email."): where it names its
    audience in a field of its own, the goal, channel, budget and timing fields are context."""
    fields = list(_FIELD.finditer(text))
    if not any(_REQUEST_FIELD.match(f.group("label").strip()) for f in fields):
        return text
    out, position = [], 0
    for field, following in zip(fields, fields[1:] + [None]):
        out.append(text[position:field.start()])
        end = following.start() if following is not None else len(text)
        if not _CONTEXT_FIELD.match(field.group("label").strip()):
            out.append(text[field.start():end])
        position = end
    out.append(text[position:])
    return " ".join("".join(out).split())


_HEADING = re.compile(r"^\s*(?P<label>[a-z][a-z0-9 -]{1,40}?)\s*:\s+(?=\S)")
_TIME_WORDS = re.compile(r"\b(?:this|next|last|the coming)\s+(?:week|month|quarter|season|year)\b|\bq[1-4]\b|"
                         r"\b(?:since|from|in)?\s*20\d\d(?:-\d\d){0,2}\b")  # "this month" arrives as "since 2026-10-01"


_STATE_WORDS = re.compile(r"\b(?:new|newly|joined|signed|sign-ups?|signups?|first|recent|recently|active|inactive|lapsed|dormant|"
                          r"loyal|repeat|returning|churned|lost|won|registered|arrivals?)\b")  # states a heading may date


def _without_timed_heading(text: str, has_condition_words: Callable[[str], bool], names_in: Callable[[str], bool]) -> str:
    """A heading that only dates the request ("In focus this month: customers who …", "Q3 priority: …") says when the
    list is wanted, not who is on it: it goes when, its time words aside, it names no customers, shop name or fact."""
    heading = _HEADING.match(text)
    if heading is None or not _TIME_WORDS.search(label := heading.group("label")):
        return text
    rest = _TIME_WORDS.sub(" ", label)
    if CUSTOMER_WORDS.search(rest) or names_in(rest) or has_condition_words(rest) or _STATE_WORDS.search(rest):
        return text
    return text[heading.end():]


def focus(text: str, has_condition_words: Callable[[str], bool], names_in: Callable[[str], bool]) -> str:
    """``text`` (prepared, lower case) without its context fields, sentences, asides and a heading that only dates it."""
    text = _without_asides(_without_context_fields(_without_timed_heading(text, has_condition_words, names_in)))
    sentences = _SENTENCE.split(text)
    if len(sentences) < 2:
        return text
    kept = [s for s in sentences if _requestish(s, has_condition_words, names_in) and not _narrative(s, names_in)]
    return " ".join(kept) if kept else text


_ASKS_WHO = re.compile(r"^\W*(?:(?:hey|hi|so|ok|okay|and|also|then|quick q|quick one|only those|those)\W+)*(?:who|whoever|which ones)\b")


def _requestish(sentence: str, has_condition_words: Callable[[str], bool], names_in: Callable[[str], bool]) -> bool:
    """A sentence that names customers, a shop name or a fact, or that asks who with a number or a date ("hey, who has
    shown no activity over the last 90 days") or of data the shop does not hold ("- who are women", declined later)."""
    return bool(CUSTOMER_WORDS.search(sentence) or names_in(sentence) or has_condition_words(sentence) or "anyof" in sentence
                or (_ASKS_WHO.search(sentence) and (rx.search(r"\d", sentence) or PERSONAL.search(sentence))))


_FIRST_PERSON = re.compile(r"^\W*(?:(?:yesterday|today|this morning|last week|earlier|recently|so|well|ok|okay|anyway)\W+)*(?:i|we)\s+"
                           r"(?!need|want|would|'d|am\b|are\b|'m|'re|require|must|have to|should|will|'ll|can|could|only|just|also|"
                           r"was wondering|were wondering|wonder|hope|expect|think|guess|mean|meant)")


def _narrative(sentence: str, names_in: Callable[[str], bool]) -> bool:
    """A sentence about the speaker ("Yesterday I sat in on the pricing review") that names no customers and no
    shop name is context, even with a word the condition frames know ("review")."""
    return bool(_FIRST_PERSON.search(sentence)) and not CUSTOMER_WORDS.search(sentence) and not names_in(sentence)


def _without_asides(text: str) -> str:
    def aside(match: re.Match[str]) -> str:
        before = text[:match.start()]
        clause = rx.split(r"[,;:]|\.(?!\d)", before)[-1].split()  # "3.5 stars" is one word
        if not clause or clause[-1] in ("and", "or", "but", "also", "so", "then", "yet", "plus"):
            return match.group(0)  # ", and, who are American customers, …": a condition joined on, not an aside
        if rx.match(r",\s*who\s+(?:also|too|additionally|as well)\b", match.group(0)):
            return match.group(0)  # ", who also returned something,": one more condition on the same customers
        return match.group(0) if CUSTOMER_WORDS.search(" ".join(clause)) else " "

    return _ASIDE.sub(aside, text)


def condition_words_in(vocabulary: Collection[str], forms: Callable[[str], list[str]]) -> Callable[[str], bool]:
    """A test for whether a sentence holds a word the condition frames are built from ("bought", "returns")."""
    def test(sentence: str) -> bool:
        return any(form in vocabulary for word in rx.findall(r"[a-z]+", sentence) for form in forms(word))

    return test

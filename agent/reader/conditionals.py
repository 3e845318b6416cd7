"""Requests said as rules or conditions rather than as a description (text in lower case): "nobody goes on the list
unless C" (those who C), "should a customer C, include them; should they also D, leave them out" (C, excluding D),
"In: A. Also in: B. Out: anyone who C." (A or B, excluding C) and a yes/no procedure ("(1) is it true that they A?
(2) … a yes to either question is enough"). Each is put as the plain request it states."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_NOBODY = (r"(?:no\s*(?:one|-one|body)|nobody|no\s+(?:customer|shopper|person|buyer|client|user)s?|not\s+(?:a\s+single|one|any)\s+"
           r"(?:customer|shopper|person|buyer|client)s?|(?:do\s+not|don't|never)\s+(?:include|add|list|put in)\s+(?:a\s+single\s+|any\s+|one\s+)?"
           r"(?:customers?|shoppers?|persons?|people|one|body|anyone)?|leave\s+(?:every(?:one|body|\s+customer|\s+shopper)|all\s+customers|all\s+shoppers)"
           r"\s+(?:off|out\s+of)\s+(?:the|this|my|our)\s+(?:list|audience|segment)|exclude\s+(?:everyone|everybody|every\s+customer|all\s+customers))")
# "No one should end up in this audience unless they have sent an item back": exactly those who sent an item back
_UNLESS_ONLY = re.compile(rf"(?:^|(?<=[.;:!?]\s)|(?<=[.;:!?]))\s*{_NOBODY}\b[^.;:!?]*?\bunless\s+(?:they|he|she|the customer|the shopper|it)\s+")
_KEEP = (r"(?:include them|put them (?:on|in|into) (?:the|this|my) (?:list|audience|segment)|they go on the list|they are in|keep them|"
         r"add them(?: to (?:the|this|my) (?:list|audience|segment))?|count them in|they qualify)")
_DROP = (r"(?:leave them out|leave them off(?: the list)?|exclude them|drop them|remove them|take them out|keep them off(?: the list)?|"
         r"they are out|they go|they don't qualify|they do not qualify|skip them)")
# "should a customer have contacted support, put them on the list; should they also have ordered kitchen, leave them out"
_SHOULD = re.compile(rf"\bshould\s+(?:a\s+customer|a\s+shopper|the\s+customer|they|someone|anyone|a\s+person)\s+(?:also\s+)?(?P<cond>[^,;.]+?)\s*,\s*"
                     rf"(?:then\s+)?(?P<act>{_KEEP}|{_DROP})\b")
_EVERYONE_ELSE = re.compile(r"[;,.]?\s*(?:every\s*(?:one|body)\s+else|every\s+other\s+customer|all\s+other\s+customers|the\s+rest)\s+"
                            r"(?:goes|go|is|are|stays?)\s+(?:on\s+the\s+list|in|included)\b|\bnobody\s+else\b|\bno\s+one\s+else\b")
# "In: …", "Also in: …", "Keep: …", "Out: …", "Remove: …": a rule's labels at the start of a sentence
_LABEL = re.compile(r"(?:^|(?<=[.;:—–-]\s)|(?<=[.;—–]))\s*(?P<label>also in|also included|in|keep|include|included|out|remove|drop|keep out|"
                    r"excluded|exclude|in scope|out of scope)\s*:\s*")
_KEPT, _LEFT_OUT = ("in", "keep", "include", "included", "in scope"), ("out", "remove", "drop", "keep out", "excluded", "exclude", "out of scope")
# "Excluded: everyone else." closes the list; "Included: A; also people who B": a second group
_NOBODY_ELSE_OUT = re.compile(r"(?:^|(?<=[.;:—–-]\s)|(?<=[.;—–]))\s*(?:excluded|out|out of scope|exclude)\s*:\s*(?:every\s*(?:one|body)\s+else|"
                              r"all\s+others|the\s+rest|any(?:one|body)\s+else|nobody\s+else)\s*(?=[.;]|$)")
_ALSO_PEOPLE = re.compile(r"[;.]\s*also\s+(?:people|customers|shoppers|clients|those|anyone|everyone)\s+(?=who\b|that\b|whose\b|with\b)")
_ANY_OF_THEM = re.compile(r"\b(?:any|those|all|each)\s+of\s+them\s+(?=who\b|that\b|whose\b|with\b)")
# "(1) Is it true that they A? (2) …": each question a condition; "a yes to either question is enough" a choice
_IS_IT = re.compile(r"\b(?:is it (?:true|the case) that|does it hold that|is it so that)\s+(?:they|the customer|the shopper|he or she)\s+")
_YES_TO = re.compile(r"[,;.]?\s*\ba\s+yes\s+to\s+(?:either|any|at least one|one)(?:\s+of\s+(?:them|these|the questions|the two|both))?(?:\s+questions?)?"
                     r"(?:\s+(?:is enough|will do|suffices|is sufficient|keeps them|gets them in))?(?:\s+to\s+keep\s+them)?")
_YES_TO_ALL = re.compile(r"[,;.]?\s*\b(?:a\s+yes\s+to\s+(?:both|all|every|each)(?:\s+(?:\d|of\s+them|questions?))*|keep\s+(?:the\s+ones|those|them)\s+"
                         r"(?:where|when|if)\s+(?:the\s+answer\s+is|they\s+answer)\s+yes(?:\s+to\s+(?:both|all|every(?:thing)?))?)(?:\s+(?:is\s+needed|is\s+required))?")


# "; even then, leave them off if they have bought X": an exclusion from the group just stated
_EVEN_THEN = re.compile(rf"[;,.]?\s*(?:(?:but\s+)?even\s+then|but|and)?\s*,?\s*{_DROP}(?:\s+of\s+the\s+list)?\s+if\s+(?:they|the customer|the shopper)\s+")
# "Do the same whenever a customer has …", "do the same for anyone who …": a second group added
_SAME_FOR = re.compile(r"[;,.]?\s*\bdo\s+the\s+same\s+(?:whenever|when|if|for|with)\s+(?:a\s+customer|a\s+shopper|customers|anyone|they|someone)\s+"
                       r"(?:who\s+|that\s+)?")


def plain_conditionals(text: str) -> str:
    """``text`` with its rules and conditions said as the request they state."""
    text = _LETTERED.sub(_lettered, text)
    text = _UNLESS_ONLY.sub(" customers who ", text)
    text = _EVEN_THEN.sub(" excluding those who ", text)
    text = _SAME_FOR.sub(" or customers who ", text)
    text = _SHOULD.sub(_should, text)
    text = _EVERYONE_ELSE.sub(" ", text)
    text = _labels(text)
    text = _IS_IT.sub(" customers who ", text)
    text = _YES_TO.sub(" ; anyof ", text)
    text = _YES_TO_ALL.sub(" ", text)
    text = _SECOND_GROUP.sub(lambda m: f" customers excluding those {m.group('rel')} {m.group('cond')} . ", text)
    return _ANSWER_NO.sub(_answered_no, text)


# "every customer for whom (a) holds but (b) does not: (a) they …; (b) they …": a formula over lettered statements
_LETTERED = re.compile(r"\b(?:for\s+whom|where|such\s+that)\s+(?P<formula>[^:]*?\(\s*[a-e]\s*\)[^:]*?)\s*:\s*"
                       r"(?P<defs>(?:\(\s*[a-e]\s*\)[^;]+?(?:;\s*|\.\s*|$))+)")
_DEFINED = re.compile(r"\(\s*(?P<label>[a-e])\s*\)\s*(?:they\s+|the\s+customer\s+|he\s+or\s+she\s+)?(?P<body>[^;]+?)\s*(?:;|\.(?=\s|$)|$)")
_STATED = re.compile(r"\(\s*(?P<label>[a-e])\s*\)\s*(?P<no>(?:does\s+not|doesn't|do\s+not|is\s+not|isn't)(?:\s+(?:hold|apply|be\s+true|true))?|fails|is\s+false)?"
                     r"(?:\s*(?:holds|hold|applies|is\s+true|is\s+the\s+case))?")


def _lettered(match: re.Match[str]) -> str:
    """The formula with each statement said in full: "(a) holds but (b) does not" -> "who A excluding those who B"."""
    bodies = {m.group("label"): m.group("body").strip() for m in _DEFINED.finditer(match.group("defs"))}
    stated = list(_STATED.finditer(match.group("formula")))
    if not stated or any(m.group("label") not in bodies for m in stated):
        return match.group(0)
    parts = []
    for number, statement in enumerate(stated):
        between = match.group("formula")[stated[number - 1].end():statement.start()] if number else ""
        joined = " or " if rx.search(r"\bor\b", between) else " "
        body = bodies[statement.group("label")]
        parts.append(f"{joined}excluding those who {body}" if statement.group("no") else f"{joined}who {body}")
    return " ".join(parts) + " . "


# "split our customers into two groups: those who A, and everyone else. only the second interests me": all but A
_SECOND_GROUP = re.compile(r"\bsplit\s+(?:our|the|all)?\s*(?:customers|shoppers|base)\s+into\s+(?:two|2)\s+groups\s*:\s*(?:those|the\s+ones|customers)\s+"
                           r"(?P<rel>who|that|whose)\s+(?P<cond>[^;.]+?)\s*,?\s*and\s+(?:everyone|everybody|all\s+the\s+others?|the\s+rest)(?:\s+else)?\s*[.;]\s*"
                           r"(?:(?:only|just)\s+)?the\s+(?:second|latter|last)(?:\s+(?:one|group))?(?:\s+of\s+the\s+(?:two|2))?\s+(?:interests|is\s+what|matters)"
                           r"[^.;]*")
# "is it the case that the customer has reviewed a product? keep the ones where the answer is no": those who have not
_ANSWER_NO = re.compile(r"\b(?:customers|people)\s+who\s+(?P<cond>[^.;]+?)\s*[.;]?\s*(?:keep|include|list)\s+(?:the\s+ones|those|them)\s+"
                        r"(?:where|when|if|for\s+which)\s+(?:the\s+answer\s+is|they\s+answer)\s+no\b")


def _answered_no(match: re.Match[str]) -> str:
    return f" customers excluding those who {match.group('cond')} "


def _should(match: re.Match[str]) -> str:
    condition = rx.sub(r"^be\s+", "are ", match.group("cond").strip())
    return f" excluding those who {condition} " if rx.fullmatch(_DROP, match.group("act")) else f" customers who {condition} "


def _labels(text: str) -> str:
    """A rule's labels: what is kept stays, a second "in" adds a group, "out" leaves out the group that follows."""
    text = _NOBODY_ELSE_OUT.sub(" ", text)
    labels = list(_LABEL.finditer(text))
    if not labels or not any(m.group("label") in _KEPT for m in labels) and not any(m.group("label") in _LEFT_OUT for m in labels):
        return text
    text = _ALSO_PEOPLE.sub(" or those ", text)
    labels = list(_LABEL.finditer(text))
    out, position = [], 0
    for match in labels:
        out.append(text[position:match.start()])
        label = match.group("label")
        out.append(" or " if label in ("also in", "also included") else " excluding " if label in _LEFT_OUT else " ")
        position = match.end()
    out.append(text[position:])
    return _ANY_OF_THEM.sub("those ", "".join(out))

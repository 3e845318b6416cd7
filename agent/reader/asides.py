"""The words around a marketer's request that are no condition on customers: how it is asked ("who would get one?",
"whose data tells us they", "a list where each person on it", "on the basis that they … and that they"), how a choice
or a list is closed ("at least one of the two", "(one or both)", "(all three must hold)"), and the message around it
(the speaker's day between dashes, clock times, budgets, send dates, a sentence reporting a past campaign's results,
"everything else stands", ", which I …"). Runs first, on the lower-cased question (``framing.frame``)."""

from __future__ import annotations

import re

_RESULTS = re.compile(r"\d+(?:\.\d+)?\s*%\s+(?:open|click(?:-through)?|conversion|response|redemption)\s+rate|\b(?:open|click(?:-through)?|conversion|response)\s+rate\s+(?:was|of|came)\b|"
                      r"\b(?:drove|generated|brought\s+in|produced|resulted\s+in)\s+\d+\s+(?:orders|sales|purchases|conversions)|\d+\s+(?:orders|sales|purchases)\s+came\s+(?:from|in|through)\b")
_REQUEST = re.compile(r"\b(?:customers|people|shoppers|clients|users|buyers|accounts|anyone|everyone)\s+(?:who|that|whose|with|from|in)\b|\b(?:pull|list|find|give|send)\s+(?:me\s+)?(?:the\s+|all\s+)?(?:customers|people)")


def plain_asides(text: str) -> str:
    """``text`` without the words around its request (see the module); "4-to-8-order customers" said as a count
    before "-" loses its sense in later steps."""
    text = re.sub(r"[,;—–-]?\s*\(?\s*(?:(?:at\s+least|any)\s+one\s+of\s+(?:the\s+)?(?:two|2|them|both)|one\s+or\s+both)\s*\)?"
                  r"(?=\s*(?:[—–.;,!?)]|$|(?:no\s+one|nobody|could|can|please|thanks)\b))", " , or both , ", text)
    text = re.sub(r"[(,;—–-]?\s*\b(?:all|both|each)\s+(?:(?:two|three|four|2|3|4)\s+)?(?:of\s+(?:them|these|those)\s+)?(?:conditions?\s+|criteria\s+)?"
                  r"(?:must|should|need\s+to|have\s+to)\s+(?:hold|apply|be\s+true|be\s+met|match)\s*\)?", " ", text)
    text = re.sub(r"[,;—–-]*\s*\b(?:so\s+)?(?:who|which\s+(?:customers|ones|people))\s+(?:would|will|do|does|should)?\s*(?:receive|get|gets|qualify|qualifies|"
                  r"get\s+counted|gets\s+counted|be\s+counted|make\s+the\s+cut|end\s+up\s+on\s+it|be\s+on\s+it)\s*(?:it|one|them|that|this|the\s+(?:offer|voucher|mail|email))?"
                  r"\s*(?=[?.!]|$)", " ", text)
    text = re.sub(r"[,;—–-]*\s*\b(?:could|can|would)\s+you\s+(?:please\s+)?(?:pull|put|get|throw)\s+(?:that|this|it|them)\s+together\b", " ", text)
    text = re.sub(r"\bwhose\s+(?:data|account\s+history|history|records?|account|profile)\s+(?:tells?\s+us|shows?|says|indicates?|suggests?)\s+(?:that\s+)?(?:they\s+)?",
                  "who ", text)
    text = re.sub(r"\b(\d+|[a-z]+)-to-(\d+|[a-z]+)-(order|return|review)\s+(?:\(\s*inclusive\s*\)\s+)?(customers|shoppers|buyers|accounts|clients|users|people)\b",
                  r"\4 with between \1 and \2 \3s", text)  # "4-to-8-order (inclusive) customers"
    text = re.sub(r",\s*which\s+(?:i|we)\s+[^,.;?!]*", " ", text)
    # a sentence reporting a past campaign's results ("the X email got a 38% open rate and drove 12 orders") asks for nobody
    text = " ".join(sentence for sentence in re.split(r"(?<=[.!?;])\s+", text) if not (_RESULTS.search(sentence) and not _REQUEST.search(sentence)))
    # the speaker's day and last campaign's results: "— the meeting is at 3pm —", "the open rate was 34% and it drove 12 orders"
    text = re.sub(r"[—–]\s*[^—–]{0,80}?\b(?:meeting|call|deadline|stand-?up|lunch|boss|manager|calendar|inbox|laptop|wi-?fi|budget)\b[^—–]{0,80}?\s*[—–]", " , ", text)
    text = re.sub(r"\b(?:our\s+|the\s+|a\s+|total\s+)?budget\s*(?:is|of|:|=|at|around|about|will\s+be)?\s*(?:about\s+|around\s+|roughly\s+)?[€$£]?\s*\d[\d,.]*\s*(?:k|m|euros?|eur|gbp|usd)?\b", " ", text)
    text = re.sub(r"\b(?:send|sending|launch|go-live|mail|mailing|drop|ship)\s+(?:date|day)\s*(?:is|of|:|=|will\s+be)?\s*"
                  r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}|[a-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?)\b", " ", text)
    text = re.sub(r"\b(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?=[\s,.;!?)—–-]|$)|\bat\s+\d{1,2}:\d{2}\b", " ", text)
    text = re.sub(r"\b(?:the\s+|our\s+|its\s+)?(?:open|click(?:-through)?|conversion|response|bounce|unsubscribe|redemption)\s+rate\s+(?:was|is|came\s+in\s+at|hit|reached|of)\s+"
                  r"(?:about\s+|around\s+|roughly\s+)?\d+(?:\.\d+)?\s*%", " ", text)
    text = re.sub(r"\b(?:(?:the|our|that|this|last\s+week's|last\s+month's)\s+(?:[a-z0-9'&-]+\s+){0,4}?(?:email|e-mail|newsletter|mailing|campaign|send|mail|push)\s+)?"
                  r"(?:got|had|saw|achieved|hit|reached|with|scored)\s+(?:an?\s+)?(?:about\s+|around\s+|roughly\s+)?\d+(?:\.\d+)?\s*%\s+"
                  r"(?:open|click(?:-through)?|conversion|response|bounce|unsubscribe|redemption)\s+rate\b", " ", text)
    text = re.sub(r"\b(?:it|that|this|the\s+(?:list|campaign|send|mail|mailing|email|newsletter))\s+(?:drove|generated|brought\s+in|produced|led\s+to|resulted\s+in|got\s+us)\s+"
                  r"(?:about\s+|around\s+)?\d+\s+(?:orders|sales|purchases|conversions|clicks|replies|signups)(?:\s+worth\s+(?:about\s+)?[€$£]?\s*\d[\d,.]*\s*(?:k|euros?|eur)?)?", " ", text)
    text = re.sub(r"\b(?:everything|the\s+rest|all)\s+else\s+(?:stands|stays(?:\s+the\s+same)?|is\s+(?:unchanged|the\s+same|as\s+before)|remains(?:\s+the\s+same)?)\b", " ", text)  # ", which I honestly didn't expect": the speaker's remark
    # "selected on the basis that they A, that they B, and that they C": customers who A, B and C
    basis = r"\b(?:selected\s+|chosen\s+|included\s+)?(?:on\s+the\s+(?:basis|condition|grounds|understanding)|on\s+condition|with\s+the\s+proviso)\s+that\s+(?:they|he\s+or\s+she|the\s+customer)\s+"
    if re.search(basis, text):
        text = re.sub(basis, " who ", text)
        text = re.sub(r"(?:[,;]\s*(?:and\s+)?|\band\s+)that\s+(?:they|he\s+or\s+she)\s+", " and who ", text)
    return re.sub(r"\b(?:a\s+)?list\s+(?:where|in\s+which|on\s+which)\s+(?:each|every)\s+(?:person|customer|one|entry|shopper)(?:\s+on\s+it)?\s+",
                  "a list of customers who ", text)

"""The words around a marketer's request that are no condition on customers: how it is asked ("who would get one?",
"whose data tells us they", "a list where each person on it", "on the basis that they … and that they"), how a choice
or a list is closed ("at least one of the two", "(one or both)", "(all three must hold)"), and the message around it
(the speaker's day between dashes, clock times, budgets, send dates, a sentence reporting a past campaign's results,
"everything else stands", ", which I …"). Runs first, on the lower-cased question (``framing.frame``)."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_RESULTS = re.compile(r"\d+\s+(?:orders|sales|purchases|conversions|signups)\s+so\s+far\b|\bmade\s+back\s+(?:its|the|our|their)\s+[€$£]?\s*\d|"
                      r"\d+(?:\.\d+)?\s*%\s+(?:open|click(?:-through)?|conversion|response|redemption)\s+rate|\b(?:open|click(?:-through)?|conversion|response)\s+rate\s+(?:was|of|came)\b|"
                      r"\b(?:drove|generated|brought\s+in|produced|resulted\s+in)\s+\d+\s+(?:orders|sales|purchases|conversions)|\d+\s+(?:orders|sales|purchases)\s+came\s+(?:from|in|through)\b")
# the message went out early: said with a "sorry / oops" before it, or with "too soon / by mistake" after it
_PRESSED = r"(?:i\s+)?(?:hit|pressed|sent|pushed)\s+(?:enter|send|return|it)"
_TOO_SOON = r"\s+(?:too\s+(?:soon|early|fast|quickly)|by\s+(?:mistake|accident)|early)"
_EARLY_ENTER = re.compile(rf"\(?\s*\b(?:(?:sorry|oops|argh|ugh|whoops)\s*,?\s*{_PRESSED}(?:{_TOO_SOON})?|{_PRESSED}{_TOO_SOON})\s*\)?\s*[-—–:,.!]*(?<!\w)")
_REQUEST = re.compile(r"\b(?:customers|people|shoppers|clients|users|buyers|accounts|anyone|everyone)\s+(?:who|that|whose|with|from|in)\b|\b(?:pull|list|find|give|send)\s+(?:me\s+)?(?:the\s+|all\s+)?(?:customers|people)")


def plain_asides(text: str) -> str:
    """``text`` without the words around its request (see the module); "4-to-8-order customers" said as a count
    before "-" loses its sense in later steps."""
    text = rx.sub(r"[,;—–-]?\s*\(?\s*(?:(?:at\s+least|any)\s+one\s+of\s+(?:the\s+)?(?:two|2|them|both)|one\s+or\s+both)\s*\)?"
                  r"(?=\s*(?:[—–.;,!?)]|$|(?:no\s+one|nobody|could|can|please|thanks)\b))", " , or both , ", text)
    text = rx.sub(r"[(,;—–-]?\s*\b(?:all|both|each)\s+(?:(?:two|three|four|2|3|4)\s+)?(?:of\s+(?:them|these|those)\s+)?(?:conditions?\s+|criteria\s+)?"
                  r"(?:must|should|need\s+to|have\s+to)\s+(?:hold|apply|be\s+true|be\s+met|match)\s*\)?", " ", text)
    text = rx.sub(r"[,;—–-]*\s*\b(?:so\s+)?(?:who|which\s+(?:customers|ones|people))\s+(?:would|will|do|does|should)?\s*(?:receive|get|gets|qualify|qualifies|"
                  r"get\s+counted|gets\s+counted|be\s+counted|make\s+the\s+cut|end\s+up\s+on\s+it|be\s+on\s+it)\s*(?:it|one|them|that|this|the\s+(?:offer|voucher|mail|email))?"
                  r"\s*(?=[?.!]|$)", " ", text)
    text = rx.sub(r"[,;—–-]*\s*\b(?:could|can|would)\s+you\s+(?:please\s+)?(?:pull|put|get|throw)\s+(?:that|this|it|them)\s+together\b", " ", text)
    text = rx.sub(r"\bwhose\s+(?:data|account\s+history|history|records?|account|profile)\s+(?:tells?\s+us|shows?|says|indicates?|suggests?)\s+(?:that\s+)?(?:they\s+)?",
                  "who ", text)
    text = rx.sub(r"\b(\d+|[a-z]+)-to-(\d+|[a-z]+)-(order|return|review)\s+(?:\(\s*inclusive\s*\)\s+)?(customers|shoppers|buyers|accounts|clients|users|people)\b",
                  r"\4 with between \1 and \2 \3s", text)  # "4-to-8-order (inclusive) customers"
    text = rx.sub(r",\s*which\s+(?:i|we)\s+[^,.;?!]*", " ", text)
    # a sentence reporting a past campaign's results ("the X email got a 38% open rate and drove 12 orders") asks for nobody
    text = " ".join(sentence for sentence in rx.split(r"(?<=[.!?;])\s+", text) if not (_RESULTS.search(sentence) and not _REQUEST.search(sentence)))
    # the speaker's day and last campaign's results: "— the meeting is at 3pm —", "the open rate was 34% and it drove 12 orders"
    text = rx.sub(r"[—–]\s*[^—–]{0,80}?\b(?:meetings?|calls?|deadlines?|stand-?ups?|lunch|boss|manager|calendar|inbox|laptop|wi-?fi|budget|typing|"
                  r"on\s+(?:my|the)\s+(?:phone|train|way))\b[^—–]{0,80}?\s*[—–]", " , ", text)
    text = rx.sub(r"\b(?:our\s+|the\s+|a\s+|total\s+)?budget\s*(?:is|of|:|=|at|around|about|will\s+be)?\s*(?:about\s+|around\s+|roughly\s+)?[€$£]?\s*\d[\d,.]*\s*(?:k|m|euros?|eur|gbp|usd)?\b", " ", text)
    # "I'll need it before 2pm on Wednesday 4 November", "we need the file by Friday": when the list is wanted, not who is on it
    text = rx.sub(r"\b(?:(?:i|we)(?:'ll|\s+will|'d|\s+would)?\s+)?(?:need|want|like|have)\s+(?:it|this|that|them|the\s+(?:list|file|export|data))\s+"
                  r"(?:by|before|until|no\s+later\s+than)\b(?:(?!\b(?:customers|people|shoppers|clients|users|who|whose|only|and)\b)[^.;:!?\n—–,])*", " ", text)
    # "That's probably too broad, so …", "I suspect that's a big group", "that could be a thin list": the speaker's judgement
    # of the group's size, no condition of its own
    size = r"(?:broad|big|many|large|wide|general|much|narrow|small|thin|huge|long|short)"
    text = rx.sub(r"\b(?:i\s+(?:suspect|think|guess|fear|reckon)\s+)?(?:that|this|it)(?:'s|\s+is|\s+will\s+be|\s+would\s+be|\s+could\s+be|\s+might\s+be|\s+may\s+be)\s+"
                  rf"(?:probably\s+|maybe\s+|likely\s+|a\s+bit\s+|far\s+|way\s+|much\s+|quite\s+)?(?:too\s+{size}\b(?:\s+(?:a\s+group|an\s+audience|a\s+list))?|"
                  rf"(?:an?|the)\s+(?:bit\s+)?(?:too\s+)?{size}\s+(?:group|list|audience|segment|set|pool|crowd))\s*[,.;]?\s*(?:so\s+)?", " ", text)
    # "then narrow it once more to those who …", "narrow it down further to the ones who": one more condition on the same group
    text = rx.sub(r"\b(?:and\s+)?(?:then\s+(?:narrow|cut)\s+(?:it|that|this|the\s+list|them)\s+(?:down\s+)?(?:(?:once|one\s+more\s+time|1\s+time)\s+more\s+|further\s+|again\s+|even\s+more\s+)?|"
                  r"(?:narrow|cut)\s+(?:it|that|this|the\s+list|them)\s+(?:down\s+)?(?:(?:once|one\s+more\s+time|1\s+time)\s+more\s+|further\s+|again\s+|even\s+more\s+))"
                  r"(?:to|down\s+to)\s+(?:those|the\s+ones|people|customers|shoppers|anyone)\s+(?=who\b|that\b|whose\b|with\b)", " and ", text)
    text = rx.sub(r"[,;]?\s*\bwith\s+(?:a|an)\s+\d+(?:\.\d+)?\s*%\s+(?:discount|off|voucher|coupon|code|reduction|saving)\b", " ", text)  # the offer, not who gets it
    # "finance approved €1,500", "we've set aside €600 for the offer codes", "capped at €600": money for the campaign
    text = rx.sub(r"\b(?:(?:finance|legal|management|the\s+board|my\s+boss|[a-z]+)\s+(?:approved|signed\s+off|allocated|okayed|gave\s+us)|"
                  r"(?:we(?:'ve|\s+have)?|i(?:'ve|\s+have)?)\s+(?:set\s+aside|allocated|earmarked|reserved|budgeted)|(?:are\s+|is\s+)?capped\s+at)\s+"
                  r"(?:about\s+|around\s+)?[€$£]?\s*\d[\d,.]*\s*(?:k|m|euros?|eur)?\b(?:\s+(?:for|on)\s+(?:the\s+|our\s+)?[a-z -]{0,30}?(?:codes?|offer|vouchers?|print|postage|send|campaign|mailer))?", " ", text)
    # "who are we sending the Little Luxuries samples to?": the question the request answers, no condition
    text = rx.sub(r"\bwho\s+(?:are|should|shall|do|will)\s+we\s+(?:be\s+)?(?:sending|send|target|targeting|mail|mailing|email|emailing|give|giving|invite|inviting)\b[^?.\n]*\?", " ", text)
    # "Marco suggested we send the Year-End SMS to people who …": who proposed the send, then its audience
    text = rx.sub(r"\b(?:suggested|proposed|wants|wanted|asked|recommended)\s+(?:that\s+)?(?:we|us\s+to|i|me\s+to)\s+(?:send|target|mail|email|text|go\s+after)\s+"
                  r"(?:(?:the|our|a|this)\s+)?(?:[a-z0-9'&-]+\s+){0,6}?(?:to|at)\s+(?=(?:people|customers|shoppers|those|anyone|everyone|clients|users)\b)", " ", text)
    # "sorry hit enter too soon -": the message went out early, no correction of what was asked
    text = _EARLY_ENTER.sub(" ", text)
    # "got €3,000 to spend on a mailer", "we have 500 euros for the push": money for the campaign, not a customer's spend
    text = rx.sub(r"\b(?:(?:i|we|you)(?:'ve|\s+have)?\s+)?(?:got|have|has|there\s+is|there's|with)\s+(?:a\s+|an\s+|about\s+|around\s+|roughly\s+)*"
                  r"[€$£]?\s*\d[\d,.]*\s*(?:k|m|euros?|eur|gbp|usd)?\s+(?:to\s+(?:spend|play\s+with|use|invest)|(?:of\s+)?budget|for\s+(?:the|a|an|our|this)\s+"
                  r"(?:[a-z'-]+\s+){0,3}?(?:mailer|mailing|campaign|send|push|email|newsletter|promo|promotion|ads?|test))\b"
                  r"(?:(?!\b(?:customers|people|shoppers|clients|users|anyone|everyone|who|whose|that)\b)[^\n.;:!?,])*", " ", text)
    text = rx.sub(r"\b(?:send|sending|launch|go-live|mail|mailing|drop|ship)\s+(?:date|day)\s*(?:is|of|:|=|will\s+be)?\s*"
                  r"(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}|[a-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?)\b", " ", text)
    text = rx.sub(r"\b(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)(?=[\s,.;!?)—–-]|$)|\bat\s+\d{1,2}:\d{2}\b", " ", text)
    text = rx.sub(r"\b(?:the\s+|our\s+|its\s+)?(?:open|click(?:-through)?|conversion|response|bounce|unsubscribe|redemption)\s+rate\s+(?:was|is|came\s+in\s+at|hit|reached|of)\s+"
                  r"(?:about\s+|around\s+|roughly\s+)?\d+(?:\.\d+)?\s*%", " ", text)
    text = rx.sub(r"\b(?:(?:the|our|that|this|last\s+week's|last\s+month's)\s+(?:[a-z0-9'&-]+\s+){0,4}?(?:email|e-mail|newsletter|mailing|campaign|send|mail|push)\s+)?"
                  r"(?:got|had|saw|achieved|hit|reached|with|scored)\s+(?:an?\s+)?(?:about\s+|around\s+|roughly\s+)?\d+(?:\.\d+)?\s*%\s+"
                  r"(?:open|click(?:-through)?|conversion|response|bounce|unsubscribe|redemption)\s+rate\b", " ", text)
    text = rx.sub(r"\b(?:it|that|this|the\s+(?:list|campaign|send|mail|mailing|email|newsletter))\s+(?:drove|generated|brought\s+in|produced|led\s+to|resulted\s+in|got\s+us)\s+"
                  r"(?:about\s+|around\s+)?\d+\s+(?:orders|sales|purchases|conversions|clicks|replies|signups)(?:\s+worth\s+(?:about\s+)?[€$£]?\s*\d[\d,.]*\s*(?:k|euros?|eur)?)?", " ", text)
    text = rx.sub(r"\b(?:everything|the\s+rest|all)\s+else\s+(?:stands|stays(?:\s+the\s+same)?|is\s+(?:unchanged|the\s+same|as\s+before)|remains(?:\s+the\s+same)?)\b", " ", text)  # ", which I honestly didn't expect": the speaker's remark
    # "selected on the basis that they A, that they B, and that they C": customers who A, B and C
    basis = r"\b(?:selected\s+|chosen\s+|included\s+)?(?:on\s+the\s+(?:basis|condition|grounds|understanding)|on\s+condition|with\s+the\s+proviso)\s+that\s+(?:they|he\s+or\s+she|the\s+customer)\s+"
    if rx.search(basis, text):
        text = rx.sub(basis, " who ", text)
        text = rx.sub(r"(?:[,;]\s*(?:and\s+)?|\band\s+)that\s+(?:they|he\s+or\s+she)\s+", " and who ", text)
    return rx.sub(r"\b(?:a\s+)?list\s+(?:where|in\s+which|on\s+which)\s+(?:each|every)\s+(?:person|customer|one|entry|shopper)(?:\s+on\s+it)?\s+",
                  "a list of customers who ", text)

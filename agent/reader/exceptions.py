"""Exceptions said with a quantifier, put as the plain request they state (text in lower case). English makes an
exception relative to the quantifier before it, so the same "except" keeps a group or leaves it out:

- a universal "no" and an exception keep only the exception: "nobody except / none other than / no one but / exclude
  every customer except the ones who X" is those who X; "not all our customers — only the ones who X" likewise;
- a universal "all" and an exception leave the exception out: "everyone who A, barring any who B", "all (of our)
  customers but those who B", "of the customers who A, all but the ones who B" is A, excluding those who B;
- a group taken and then cut down to an exception: "take A, then drop all of them except those who B" is A and B;
- an exception put first: "setting aside anyone who B: everyone who A", "other than any who B, which customers A?";
- "X — and even among them, nobody who B", "none of the customers who B; everyone else, yes", "the shoppers who are
  left once you take away everyone who B": B is left out;
- "with one exception: those who B", "not one who B should be on the list", "but none who B", "less the set of people
  who B", "— unless they B, in which case don't include them": B is left out;
- "apart from them, everyone who B as well", "and make a second exception for those who B", "which others, besides
  those, B? I want both lots together", "don't leave out anyone who A, nor anyone who B" add a group;
- "excluding nobody", "every one of them, but no one else", "without exception", "and not a single one besides",
  "don't add anyone who doesn't fit that / misses any part of that" add nothing.
The scope of a "neither … nor" inside an exception turns over: leaving out those who are neither A nor B (or who both
have not A and have not B) keeps those who are A or B."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_PEOPLE = r"(?:customers?|clients?|shoppers?|people|persons?|buyers?|users?|accounts?|folks|members?|individuals?|ones?)"
_START = r"(?:^|(?<=[.;:!?\n—–])|(?<=[.;:!?\n—–]\s))\s*(?:(?:and|so|ok|okay|please|now|then)\s*,?\s+)*"
_EXCEPT = (r"(?:except(?:\s+for)?|excepting|but|other\s+than|save(?:\s+for)?|barring|bar|apart\s+from|aside\s+from|"
           r"with\s+the\s+exception\s+of|outside\s+of)")
_OTHERS = r"(?:the\s+(?:ones|people|two\s+kinds\s+of\s+people)|those|any|anyone|anybody|people|the\s+" + _PEOPLE + r")"
_NOBODY = (rf"(?:nobody|no\s*(?:-\s*)?one|none|no\s+{_PEOPLE}|not\s+(?:a\s+single|one|any)\s+(?:one|{_PEOPLE})|"
           rf"(?:exclude|drop|remove|leave\s+out|skip)\s+(?:every\s*(?:one|body)|all|each|every|any)\s*(?:(?:of\s+)?(?:our|the|my)\s+)?"
           rf"(?:{_PEOPLE}|one|body)?)")
# "nobody except …", "none other than …", "exclude every customer except …": only the exception stays
_ONLY_THE_EXCEPTION = re.compile(rf"{_START}{_NOBODY}\s*(?:at\s+all\s*)?,?\s*{_EXCEPT}\s+(?=\S)")
# "not all our customers — only the ones who X", "not all the clients who A: only those of them who B"
_NOT_ALL = re.compile(rf"{_START}not\s+(?:all|every(?:one|body)?|each)\b(?:\s+of)?(?=\s)")
_ONLY_THOSE = re.compile(r"\s*[—–:;,-]+\s*(?:but\s+)?(?:only|just)\s+(?:those|the\s+ones|the\s+" + _PEOPLE + r")(?:\s+of\s+(?:them|those))?\s+"
                         r"(?P<rel>who|that|whose|with)\b")
# "… only those of them who B, plus those of them who C": a choice among the group
_PLUS_THOSE = re.compile(r",?\s*\b(?:plus|and\s+also|as\s+well\s+as|and)\s+(?:those|the\s+ones)(?:\s+of\s+(?:them|those))?\s+(?=who\b|that\b|whose\b)")
# "then drop all of them except those who B": the group is cut down to B
_CUT_TO = re.compile(r",?\s*(?:and\s+)?(?:then\s+)?(?:drop|remove|exclude|discard|cut|lose|leave\s+out|take\s+out|throw\s+out)\s+"
                     r"(?:all|every\s*one|each|everybody|everyone)(?:\s+(?:of\s+)?(?:them|those|these))?\s+" + _EXCEPT +
                     r"\s+(?:those|the\s+ones|any|the\s+" + _PEOPLE + r")\s+(?:(?P<rel>who|that|whose|with)\b)?")
_TAKE = re.compile(rf"{_START}(?:take|start\s+with|begin\s+with|grab|pick)\s+(?=(?:the|all|our|every)\b)")
# "everyone who A, barring any who B", "all customers but those who B", "all but the ones who B"
_ALL_BUT = re.compile(rf"(?P<all>\b(?:all|every(?:one|body)?|each|every\s+one)\b(?:\s+(?:of\s+)?(?:our|the|my|these|those|them)?\s*{_PEOPLE})?"
                      r"(?:\s+(?:who|that|whose)\b[^;:.]*?)?)\s*,?\s*(?:(?:but|except(?:\s+for)?|excepting|barring|bar|save(?:\s+for)?|"
                      r"apart\s+from|aside\s+from|other\s+than|with\s+the\s+exception\s+of|not\s+counting|minus)\s+)"
                      rf"(?:{_OTHERS})\s+(?P<rel>who|that|whose|with)\b")
# "setting aside anyone who B: everyone who A", "other than any who B, which customers A?"
_FRONTED = re.compile(rf"{_START}(?:setting\s+aside|leaving\s+aside|putting\s+aside|not\s+counting|discounting|disregarding|ignoring|"
                      r"other\s+than|apart\s+from|aside\s+from|except\s+for|excluding|leaving\s+out)\s+"
                      rf"(?:{_OTHERS}|everyone|everybody)\s+(?:(?P<rel>who|that|whose)\s+|(?=(?:in|from|based|living|located)\b))(?P<out>[^:;,.]+?)\s*[:,]\s+"
                      r"(?P<rest>[^;.]+)")
# "customers from Spain, but none who B"
_BUT_NONE = re.compile(rf",?\s*\b(?:but|yet)\s+(?:none|nobody|no\s*one|not\s+anyone|no\s+(?:{_PEOPLE}))\s+(?P<rel>who|that|whose)\b")
# "people who A, less the set of people who B": a set difference
_LESS_THE_SET = re.compile(rf",?\s*\b(?:less|minus|without)\s+the\s+(?:set|group|list)\s+of\s+(?:{_PEOPLE}|those)\s+(?P<rel>who|that|whose)\b")
# "— and even among them, nobody who B"
_NONE_AMONG = re.compile(r"\s*[—–,;-]*\s*(?:and|but)?\s*(?:even\s+)?(?:among|of|from|out\s+of)\s+(?:them|those|these)\s*,?\s*"
                         r"(?:nobody|no\s*one|none|not\s+(?:one|anyone))\s+(?P<rel>who|that|whose|with)\b")
# "none of the customers who B; everyone else, yes"
_NONE_OF_ELSE = re.compile(rf"{_START}(?:none|nobody|no\s*one)\s+(?:of\s+)?(?:the\s+|our\s+)?(?:{_PEOPLE}\s+)?(?P<rel>who|that|whose)\s+"
                           r"(?P<out>[^;.—–]+?)\s*[;,.—–]\s*(?:but\s+)?(?:every(?:one|body)|all(?:\s+the)?\s+others?|the\s+rest)"
                           r"(?:\s+else)?(?:\s*,?\s*(?:yes|please|is\s+fine|are\s+fine|goes?\s+in|is\s+in|are\s+in))?")
# "the shoppers who are left once you take away everyone who B"
_LEFT_ONCE = re.compile(rf"\b(?:the\s+)?(?:{_PEOPLE}\s+)?(?:who|that)\s+(?:are|remain)\s+(?:left|remaining)(?:\s+over)?\s+(?:once|after|when|if)\s+"
                        r"(?:you|we|i)\s+(?:take\s+away|remove|exclude|subtract|drop|take\s+out|filter\s+out|leave\s+out)\s+"
                        rf"(?:everyone|everybody|anyone|anybody|those|all|the\s+ones|people|(?:all\s+)?(?:the\s+)?{_PEOPLE})\s+(?P<rel>who|that|whose)\b")
# "…, and apart from them, everyone who B as well": a second group
_BESIDES_THEM = re.compile(r"[,;]?\s*(?:and\s+)?(?:apart\s+from|besides|aside\s+from|in\s+addition\s+to|on\s+top\s+of)\s+(?:them|those|these|that\s+group)"
                           rf"(?:\s*,\s*(?:(?:every(?:one|body)|any(?:one|body)|all(?:\s+the)?|(?:the\s+)?{_PEOPLE})\s+)?|"
                           rf"\s+(?:every(?:one|body)|any(?:one|body)|all(?:\s+the)?\s+{_PEOPLE})\s+)(?P<rel>who|that|whose)\b")
# "— and make a second exception for the shoppers who B": another group kept
_ANOTHER_EXCEPTION = re.compile(r"[,;—–-]*\s*(?:and\s+)?(?:make|add|allow|with)\s+(?:a\s+second|another|one\s+more|a\s+further)\s+exception\s+"
                                rf"(?:for|to\s+include|:)\s+(?:the\s+{_PEOPLE}|those|anyone|anybody|everyone|people|{_PEOPLE})\s+(?P<rel>who|that|whose)\b")
# "then exclude, from those, anyone who B", "then, from those, drop anyone who B"
_FROM_THOSE = re.compile(r"[,;]?\s*(?:and\s+)?(?:then\s*,?\s*)?(?:(?:exclude|drop|remove|leave\s+out|take\s+out|discard)\s*,?\s*"
                         r"(?:from|of|among|out\s+of)\s+(?:those|them|these|that\s+group)\s*,?\s*|(?:from|of|among|out\s+of)\s+(?:those|them|these)"
                         r"\s*,?\s*(?:exclude|drop|remove|leave\s+out|take\s+out|discard)\s+)"
                         rf"(?:anyone|anybody|everyone|those|the\s+ones|people|(?:the\s+|any\s+)?{_PEOPLE})\s+(?P<rel>who|that|whose)\b")
_AS_WELL = re.compile(r"\s+(?:as\s+well|too)\s*(?=[.;]|$)")
_NOBODY_OUT = re.compile(r"\b(?:excluding|leaving\s+out|omitting|dropping|without\s+excluding|without\s+leaving\s+out)\s+(?:nobody|no\s*one|none)"
                         r"(?:\s+(?:who\s+qualifies|who\s+fits|who\s+matches|from\s+(?:either|any|both|the)\s+(?:groups?|lists?|sides?)))?\s*[:,—–-]?")
_NO_ONE_ELSE = re.compile(r"[,;—–-]*\s*(?:every\s*one\s+of\s+them|all\s+of\s+them)?\s*,?\s*(?:(?:but|and)\s+(?:no\s*one|nobody|none)\s+else\b|"
                          r"(?:but|and)\s+(?:not\s+(?:a\s+single|one)(?:\s+(?:one|person|customer|more))?|no\s*one|nobody|none)\s+(?:besides|beyond|more|else)\b|"
                          r"without\s+(?:a\s+single\s+|any\s+|1\s+)?exceptions?\b)")
# "…, and don't put in anyone who doesn't fit that", "; don't add anyone else": the list closed, no condition
_ADD_NOBODY_ELSE = re.compile(r"[,;—–-]*\s*(?:and\s+|but\s+)?(?:don't|do\s+not|never)\s+(?:add|put\s+in|put|include|let\s+in|count\s+in|bring\s+in)\s+"
                              r"(?:in\s+)?(?:any(?:one|body)|a\s+single\s+(?:one|person|customer)|people|customers|others)\s+(?:else\b|"
                              r"who\s+(?:doesn't|does\s+not|don't|do\s+not)\s+(?:fit|match|meet|satisfy)\s+(?:all\s+of\s+)?(?:that|this|it|those|these)\b|"
                              r"who\s+(?:misses|miss|lacks|lack|fails)\s+(?:on\s+)?(?:any\s+)?(?:part|bit|one)\s+of\s+(?:that|this|it|those|these)\b|"
                              r"(?:besides|beyond)\b)")
# "include anyone who A, nor anyone who B" (after "don't leave out"): both groups kept
_NOR_ANYONE = re.compile(r"(?<=\S)\s*,?\s+nor\s+(?=(?:any(?:one|body)|those|people|customers|any\s+of\s+(?:the\s+)?(?:people|customers))\s+(?:who|that|whose)\b)")
# "include every client, with one exception: those who B"
_ONE_EXCEPTION = re.compile(r",?\s*(?:with|but\s+with|save\s+for|except\s+for)\s+(?:one|1|a\s+single|just\s+one)\s+exception\s*[:,—–-]?\s*"
                            rf"(?:{_OTHERS}|everyone)\s+(?P<rel>who|that|whose)\b")
# "of the shoppers who A, not one who B should be on the list"
_NOT_ONE_ON_LIST = re.compile(r"\b(?:not\s+(?:one|a\s+single\s+(?:one|person|customer))|no\s*one|nobody|none)\s+(?P<rel>who|that|whose)\s+(?P<out>[^;.]+?)\s+"
                              r"(?:should|must|may|can|is\s+to|will)\s+(?:be|go|end\s+up|appear)\s+(?:on|in)\s+(?:the|this|my|our)\s+(?:list|audience|segment)\b")
# "which people A, and which others, besides those, B? I want both lots together"
_WHICH_OTHERS = re.compile(r",?\s*\band\s+which\s+others\s*,?\s*(?:besides|apart\s+from|beyond|on\s+top\s+of)\s+(?:those|them|these)\s*,?\s*")
_BOTH_LOTS = re.compile(r"[.;,?]?\s*(?:i|we)\s+(?:want|need|would\s+like|'d\s+like)\s+(?:both|the\s+two|the\s+2)\s+(?:lots|groups|lists|sets|batches)"
                        r"(?:\s+(?:together|combined|in\s+one(?:\s+list)?))?")


def plain_exceptions(text: str) -> str:
    """``text`` with its quantified exceptions said as the plain request they state."""
    text = _NOBODY_OUT.sub(" ", text)
    text = rx.sub(r",?\s*\bin\s+which\s+case\s+(?:(?:don't|do\s+not|never)\s+(?:include|add|count|keep)\s+them|(?:leave|take|keep)\s+them\s+out|"
                  r"(?:drop|exclude|remove|skip)\s+them|they(?:'re|\s+are)\s+out)\b", " ", text)  # "— unless they B, in which case don't include them"
    text = _NO_ONE_ELSE.sub(" ", text)
    text = _ADD_NOBODY_ELSE.sub(" ", text)
    text = _ONE_EXCEPTION.sub(_excluding, text)
    text = _NOT_ONE_ON_LIST.sub(lambda m: f" excluding those {m.group('rel')} {m.group('out')} ", text)
    if _BOTH_LOTS.search(text):
        text = _WHICH_OTHERS.sub(" or who ", _BOTH_LOTS.sub(" ", text))
    if rx.search(r"\binclude\b", text):
        text = _NOR_ANYONE.sub(" or ", text)
    text = _LEFT_ONCE.sub(lambda m: f" customers excluding those {m.group('rel')}", text)
    text = _NONE_OF_ELSE.sub(lambda m: f" customers excluding those {m.group('rel')} {m.group('out')} ", text)
    text = _ANOTHER_EXCEPTION.sub(lambda m: f" or customers {m.group('rel')}", text)
    text = _FROM_THOSE.sub(_excluding, text)
    text = _ONLY_THE_EXCEPTION.sub(" ", text)
    for said_out in (_BUT_NONE, _LESS_THE_SET, _NONE_AMONG):  # "but none who B", "less the set of people who B", "among them, nobody who B"
        text = said_out.sub(_excluding, text)
    if _TAKE.search(text) and _CUT_TO.search(text):
        text = _CUT_TO.sub(lambda m: f" and {m.group('rel') or ''} ", _TAKE.sub(" ", text))
        text = _PLUS_THOSE.sub(" or ", text)
    if _NOT_ALL.search(text) and _ONLY_THOSE.search(text):
        text = _NOT_ALL.sub(" ", text)
        text = _ONLY_THOSE.sub(lambda m: f" and {m.group('rel')}" if rx.search(r"\b(?:who|that|whose|with)\b", text[:m.start()]) else f" {m.group('rel')}",
                               text, count=1)
        text = _PLUS_THOSE.sub(" or ", text)
    text = _FRONTED.sub(lambda m: f" {m.group('rest')} excluding those {m.group('rel') or ''} {m.group('out')} ", text)
    text = _BESIDES_THEM.sub(lambda m: f" or customers {m.group('rel')}", text)
    if " or customers " in text:
        text = _AS_WELL.sub(" ", text)
    text = _ALL_BUT.sub(lambda m: f"{m.group('all')} excluding those {m.group('rel')}", text)
    return text


def _excluding(match: re.Match[str]) -> str:
    """The group a match names, left out: " excluding those who"."""
    return f" excluding those {match.group('rel')}"


def turned_exclusions(text: str) -> str:
    """"excluding those who neither A nor B" keeps those who A or B; so does "excluding those who both have not A and
    have not B"."""
    def turned(match: re.Match[str]) -> str:
        return f" and {match.group('rel')} either {match.group('rest')} or "
    text = rx.sub(r"\bexcluding\s+(?:those|any|anyone|anybody|the\s+ones|people)\s+(?P<rel>who|that)\s+(?:both\s+)?neither\s+(?P<rest>[^;.]+?)\s+nor\s+", turned, text)
    negated = r"(?P<{0}>have|has|did)\s+(?:not|never)(?:\s+once|\s+ever)?\s+(?P<{1}>[^;.]+?)"
    both_not = re.compile(r"\bexcluding\s+(?:those|any|anyone|anybody|the\s+ones|people)\s+(?P<rel>who|that)\s+(?:both\s+)?" + negated.format("v1", "a") + r"\s+and\s+(?:also\s+)?"
                          + negated.format("v2", "b") + r"(?=\s*(?:[;.]|$))")
    return both_not.sub(lambda m: f" and {m.group('rel')} either {m.group('v1')} {m.group('a')} or {m.group('v2')} {m.group('b')}", text)

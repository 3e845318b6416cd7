"""How people talk around the conditions of a request (text in lower case, numbers as digits): the count of
conditions announced before them and the numbers they are said under, a wrap-up that only repeats how they join,
the speaker's own clause about the list ("that I want to reach"), the list named by its test ("who passes the
screener", "which customers qualify"), the file asked for ("1 row per customer", "as a csv"), a shop metric ("our
repeat-purchase rate"), conditions given one by one ("only if they …", "every time you find a customer who …"), a
measure and its bound said apart ("an average order value that is over 20"), and a window said once and referred
back to ("in that same period")."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_COUNT = r"(?:\d|a couple of|a few|several)"
_ITEMS = r"(?:conditions?|criteria|criterion|things?|requirements?|rules?|filters?|points?|parts?|bits?)"

# "I have 2 conditions.", "3 things:", "there are 2 criteria": how many conditions follow, no condition itself
_ANNOUNCED = re.compile(rf"(?:^|(?<=[.;:!?]\s)|(?<=[;:!?]))\s*(?:(?:so|ok|okay|right|well)\s*,?\s*)?(?:(?:i|we)\s+(?:have|'ve got|have got|got|need)\s+|"
                        rf"there\s+(?:are|is)\s+|it's\s+)?{_COUNT}\s+{_ITEMS}(?:\s+(?:here|for this|for you|to (?:check|meet|match)))?\s*[.:;,]")
# "1, they bought books. 2, they have …" / "first, …; second, …": items said under their numbers
_NUMBERED = re.compile(r"(?:^|(?<=[.;:!?,]\s)|(?<=[;:!?]))\s*(?:\d|first|second|third|fourth|firstly|secondly|thirdly|finally|lastly)\s*[,:)]\s+")
# "they need both", "so all 3", "both at once", "all 3 of them": the conditions already joined by "and"
_ALL_OF_THEM = re.compile(r"(?:^|(?<=[.;:!?,]\s)|(?<=[;:!?]))\s*(?:(?:so|and)\s+)?(?:(?:they|customers|people|a customer)\s+(?:need|needs|must (?:meet|match|have))\s+)?"
                          r"(?:both|all\s+\d|all\s+of\s+(?:them|these|those|the above))(?:\s+of\s+(?:them|these|those))?(?:\s+at once|\s+together)?\s*(?=[.;!?]|$)")
# "the customers who bought toys that I want to reach", "whom we are after": the speaker's clause about the list
_SPEAKER = re.compile(r"\s*\b(?:that|whom|who|which)\s+(?:i|we)\s+(?:want|need|would like|'d like|am|are|'m|'re|have to|must)"
                      r"(?:\s+to\s+(?:reach|target|contact|email|find|get|see|have|send|pull|talk to|invite))?(?:\s+(?:after|looking for|targeting))?\b")
# "every customer who passes the screener", "anyone who would qualify": the list itself, as a test
_PASSES = re.compile(r"\s*\b(?:who|that)\s+(?:passes|pass|passed|would pass|qualif(?:y|ies)|would qualify|fits?|would fit)"
                     r"(?:\s+(?:the|this|these|our|my))?\s*(?:screener|screening|criteria|rules|filter|test|bar|definition|requirements)?\b(?=\s*(?:[,.:;]|$))")
_WINDOW = re.compile(r"\b(?:in|within|during|over)\s+the\s+(?:last|past|previous|most recent)\s+(?:\d+\s+(?:days?|weeks?|months?|years?)|fortnight|week|month)\b|"
                     r"\b(?:since|on\s+or\s+after)\s+(?:\d{4}-\d{2}-\d{2}|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[a-z]{3,9}(?:,?\s+\d{4})?|[a-z]{3,9}\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?)\b")
_THAT_PERIOD = re.compile(r"\b(?:in|during|within|over|for)\s+(?:that|the same|this|that same)\s+(?:period|time|window|timeframe|time frame|span|stretch)\b")


def plain_talk(text: str) -> str:
    """``text`` without the talk around its conditions; "in that same period" said as the window it refers to."""
    text = groups_together(text)
    text = _ANNOUNCED.sub(" ", text)
    text = _NUMBERED.sub(" ; ", text)
    text = _ALL_OF_THEM.sub(" ", text)
    text = _SPEAKER.sub(" ", text)
    text = _PASSES.sub(" ", text)
    # "an average order value that is over 20", "a net spend (purchases minus returns) which is above 300": the measure and its bound
    text = rx.sub(r"\b(net spend|net spending|average order value|average basket(?: value)?|aov|total spend)\s*(?:\([^)]*\)\s*)?"
                  r"(?:that is|which is|that's|being|that comes to|which comes to)\s+(?=(?:over|under|above|below|more than|less than|"
                  r"at least|at most|exactly|between|no more than|no less than|\d))", r"\1 ", text)
    # "we need that customer list to set the baseline": what the list is for; "should any other customers be added? no"
    text = rx.sub(r"\b(?:that|the|this|our)\s+(?:customer\s+)?(?:list|group|population|cohort|segment|audience)\s+"
                  r"(?:to(?!\s+be\s)|so (?:that )?(?:we|i) can|in order to)\s+[^,;.]*", " the list ", text)
    text = rx.sub(r"\bshould\s+any\s+(?:other|more|further|additional)\s+(?:customers|people|shoppers)\s+be\s+(?:added|included|excluded|removed)\b"
                  r"(?:\W+(?:no|none|nope|not needed|no one|nobody)\b)?", " ", text)
    # the file asked for and what it is for: "with 1 row per customer", "as a csv I can upload", "to compare with the rest"
    text = rx.sub(r"\b(?:with|in|as)\s+(?:1|one)\s+(?:row|line)\s+(?:per|for each)\s+(?:customer|person|shopper)\b", " ", text)
    text = rx.sub(r"\b(?:with|as|in)\s+a\s+(?:csv|spreadsheet|sheet|file|xlsx|excel file)\b[^,;.]*", " ", text)
    text = rx.sub(r"\b(?:with|against|to|versus|vs\.?)\s+(?:the\s+)?rest\s+of\s+(?:the\s+|our\s+)?(?:customers|customer base|shoppers|base|audience)\b", " ", text)
    # a request that names the list by its test: "which customers qualify", "who are the matches", "who is eligible"
    text = rx.sub(r"\b(?:which|who)\s+(?:customers\s+|shoppers\s+|people\s+)?(?:qualify|qualifies|are in scope|is in scope|are the matches|"
                  r"is a match|are eligible|is eligible|make the cut|makes the cut|"
                  r"(?:fit|fits|match|matches|meet|meets)\s+(?:that|this|the|these|those)\s+(?:description|profile|criteria|definition|bill))\b", " ", text)
    # "from 16 september 2026 until today": the end of a window that runs to the data's clock says nothing more
    text = rx.sub(r"\s*\b(?:until|till|til|up to|up until|through|to)\s+(?:today|now|the present(?:\s+day)?|this day)\b", " ", text)
    # "only if they have …", "or if they …", "but not if they …": each a condition on the customers
    text = rx.sub(r"\b(?:but|and)\s+not\s+if\s+(?:they|the customer|the shopper)\s+", " excluding those who ", text)
    text = rx.sub(r"\bor\s+(?:only\s+)?if\s+(?:they|the customer|the shopper)\s+", " or who ", text)
    text = rx.sub(r"\b(and\s+)?only\s+if\s+(?:they|the customer|the shopper)\s+", lambda m: f" {m.group(1) or ''}who ", text)
    # "whenever you come across a customer who A, skip them; add every other customer": all but A
    text = rx.sub(r"\b(?:whenever|every\s+time|each\s+time)\s+(?:you|we)\s+(?:find|hit|see|meet|come across|get)\s+(?:a|any)\s+(?:customer|shopper|person)\s+"
                  r"(?P<rel>who|that|whose)\s+(?P<cond>[^,;.]+?)\s*,\s*(?:skip|drop|exclude|excluding|remove|leave out|ignore)\s+them\s*[;,.]\s*(?:and\s+)?"
                  r"(?:add|include|keep|list)\s+(?:every|all|each)\s+(?:other|remaining)\s+(?:customers?|shoppers?|people)(?:\s+to\s+the\s+list)?",
                  lambda m: f" customers excluding those {m.group('rel')} {m.group('cond')} ", text)
    # "every time you find a customer who A, check whether they B; if so, keep them": A and B
    text = rx.sub(r"\b(?:every|each)\s+time\s+(?:you|we)\s+(?:find|hit|see|meet|come across|get)\s+(?:a|any)\s+(?:customer|shopper|person)\s+"
                  r"(?=who\b|that\b|whose\b|with\b)", " customers ", text)
    text = rx.sub(r"\bwhenever\s+(?:you|we)\s+(?:find|hit|see|meet|come across|get)\s+(?:a|any)\s+(?:customer|shopper|person)\s+"
                  r"(?=who\b|that\b|whose\b|with\b)", " customers ", text)
    text = rx.sub(r"[,;.]?\s*\bcheck\s+(?:whether|if)\s+(?:they|the customer|the shopper)\s+(?P<cond>[^;.]+?)\s*[;,.]\s*if\s+(?:so|yes|they do|they have)\s*,?\s*"
                  r"(?:keep|include|add|list)\s+them\b(?:\s*[;,.]?\s*if\s+(?:not|no)\s*,?\s*(?:drop|skip|leave out|exclude|remove)\s+them\b)?",
                  lambda m: f" and who {m.group('cond')} ", text)
    # "a most recent purchase that is over 40 days old": when they last bought
    text = rx.sub(r"\b(?:have|has|with)\s+(?:a|an|their)\s+(?:most recent|latest|last)\s+(?:purchase|order)\s+(?:that is|which is|that's)?\s*"
                  r"(?P<cmp>over|more than|at least|older than|under|less than|younger than)\s+(?P<n>\d+)\s+(?P<unit>days?|weeks?|months?)\s+(?:old|ago)\b",
                  lambda m: (f"last purchased more than {m.group('n')} {m.group('unit')} ago" if m.group("cmp") in ("over", "more than", "at least", "older than")
                             else f"last purchased in the last {m.group('n')} {m.group('unit')}"), text)
    # "one or two returns": a range, not one order and two returns
    text = rx.sub(r"\b(\d+)\s+or\s+(\d+)\s+(?=(?:orders|returns|reviews|messages|purchases|times|tickets)\b)",
                  lambda m: f"between {m.group(1)} and {m.group(2)} " if int(m.group(1)) < int(m.group(2)) else m.group(0), text)
    text = rx.sub(r"\bthe\s+(?=\d{1,2}(?:st|nd|rd|th)\s+of\s+[a-z]{3,9}\b)", "", text)  # "before the 25th of july 2026"
    text = rx.sub(r"\b(?:repeat[- ]purchase|repeat[- ]order|repeat|conversion|retention|churn|return|refund)[- ]rates?\b",
                  "the rate", text)  # a shop's metric ("our repeat-purchase rate has been sliding") is no condition on customers
    text = rx.sub(r"\breviewed\s+us\b", "reviewed something", text)
    text = rx.sub(r"\b(?:had|has|have)\s+(?:their|his|her)\s+first\s+(?:activity|visit|session)\b|\bwhose\s+first\s+(?:activity|visit)\s+(?:was|is)\b",
                  "first visited", text)
    text = rx.sub(r"\s+to\s+(?:their|his|her)\s+names?\b", " ", text)  # "four reviews to their name": they have them
    text = rx.sub(r"\b(?:separate|distinct|individual|different)\s+(?=(?:orders|purchases|returns|reviews|messages|tickets)\b)", "", text)
    text = rx.sub(r"\b(?:recorded|registered|listed|stated|home)\s+(?=country\b)", "", text)
    text = rx.sub(r"\b(?:has|have|had)\s+been\s+in\s+touch(?:\s+with\s+(?:us|(?:customer\s+)?(?:support|service|care)|the support team|customer service))?",
                  "contacted support", text)
    text = rx.sub(r"\b(?:first\s+(?:showed|turned)\s+up|(?:came|come)\s+to\s+(?:the\s+(?:site|shop|store)|us)\s+for\s+the\s+first\s+time|"
                  r"made\s+(?:their|his|her)\s+first\s+visit|(?:had|paid)\s+(?:their|his|her)\s+first\s+visit)\b", "first visited", text)
    text = rx.sub(r"\b(earlier|later)\s+than\s+(?=(?:the\s+)?\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
                  lambda m: "before " if m.group(1) == "earlier" else "after ", text)
    text = rx.sub(r"\bdespite\s+(?:having\s+)?(?=(?:bought|ordered|purchased|shopped|made)\b)", "and have ", text)
    return text


def window_again(text: str) -> str:
    """"bought toys in the last 30 days and returned something in that same period": the window said before."""
    out, position = [], 0
    for match in _THAT_PERIOD.finditer(text):
        before = list(_WINDOW.finditer(text, 0, match.start()))
        if not before:
            continue
        out += [text[position:match.start()], before[-1].group(0)]
        position = match.end()
    return "".join(out) + text[position:]


# "A, as long as they also B or C": A, and B or C ("either" opens the choice to the end of the sentence)
_AS_LONG_AS = re.compile(r",?\s*\b(?:as long as|provided(?: that)?|so long as)\s+(?:they|he or she|the customer|the shopper)\s+(?:also\s+)?"
                         r"(?=(?P<rest>[^.;\n]*))")
# "there are customers who A and there are customers who B — send me all of them together"; "anyone who A counts, and
# so does anyone who B"; "combine everyone who A with everyone who B": two groups put together
_THERE_ARE = re.compile(r"\b(?:and\s+)?there\s+(?:are|is)\s+(?:customers|people|users|shoppers|clients|those|buyers)\s+(?=who\b|that\b|whose\b)")
_ALL_TOGETHER = re.compile(r"[,;.—–-]*\s*(?:(?:please\s+)?(?:send|give|get|list|show)\s+(?:me|us)?\s*(?:all|both)\s+of\s+them(?:\s+together)?|"
                           r"(?:all|both)\s+of\s+them\s+together)\b")
_NARROWED = re.compile(r"\s*[,;—–-]*\s*(?:(?:restricted|limited|narrowed(?:\s+down)?)\s+to\s+|(?:more\s+precisely|specifically)\s*,?\s*(?:only\s+)?)"
                       r"(?:(?:those|the\s+ones|the\s+customers|customers|people|accounts|ones)\s+)?(?=(?:either\s+)?(?:who|that|whose|with|in|from|based|having)\b)|"
                       r"\s*[,;—–-]+\s*(?:in\s+combination\s+with|combined\s+with)\s+(?=(?:an?|one|two|three|\d|at|more|no|the)\b)")
_SO_DOES = re.compile(r"\s+(?:counts?|qualif(?:y|ies)|is\s+in|goes\s+in)\s*,?\s*and\s+so\s+(?:does|do)\s+(?=anyone|anybody|everyone|customers|people)")
_COMBINE = re.compile(r"\b(?:combine|merge|join|pool|union)\s+(?P<a>(?:everyone|anyone|all\s+customers|customers|people|those)\s+(?:who|that|whose)\b[^.;]*?)\s+"
                      r"(?:with|and)\s+(?=(?:everyone|anyone|all\s+customers|customers|people|those)\s+(?:who|that|whose)\b)")


def groups_together(text: str) -> str:
    """Two groups said as put together, and a condition that needs one of a choice, in the words the reader joins."""
    text = _AS_LONG_AS.sub(lambda m: " and who either " if rx.search(r"\bor\b", m.group("rest")) else " and who ", text)
    if _ALL_TOGETHER.search(text) and len(_THERE_ARE.findall(text)) >= 2:
        text = _ALL_TOGETHER.sub(" ", _THERE_ARE.sub(lambda m: " or customers " if m.start() else " customers ", text))
        text = rx.sub(r"\band\s+or\s+customers\b", " or customers", text)
    text = _SO_DOES.sub(" or ", text)
    text = _COMBINE.sub(lambda m: f" {m.group('a')} or ", text)
    # "all German customers, restricted to those who A or B": the first group, narrowed by all that follows
    text = _NARROWED.sub(", and ", text)
    return rx.sub(r"\s+into\s+(?:one|a single|1)\s+(?:deduplicated\s+|combined\s+)?list\b", " ", text)

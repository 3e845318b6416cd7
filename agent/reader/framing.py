"""How a request is framed around its conditions, put into the plain shape the readers read: a message laid out in
lines (a brief's section headings, bullet lines, a typed table, a spec's any: / all: blocks and min / max fields),
self-corrections ("in France — sorry, I mean Germany"), speech and chat fillers ("um", "you know", "[10:02]"), a name
given to the audience ("Define Wave 3 as customers who …", "pilot_22 = customers who …", "New segment 'X': …"),
conditions stated as rules ("If customers …, they belong in the list", "a customer is in if they …"), unions ("throw
in everyone who …") and exclusions stated by a verb ("leave out people who …", "anyone who … should be dropped").
General English and office habits, not fitted to a question set; runs on lower-case text before
``shorthand.layout``."""

from __future__ import annotations

import re

from agent.reader import regex as rx
from retrieval.audience.vocabulary import _COUNTRY_GROUPS
from agent.reader.formal import plain_terms

from agent.reader.asides import plain_asides

from agent.reader.conditionals import plain_conditionals
from agent.reader.exceptions import plain_exceptions, turned_exclusions

_PEOPLE_NOUNS = r"customers?|people|persons?|shoppers?|users?|buyers?|clients?|folks|someone|somebody|anyone|anybody|everyone|those"
_WHO = rf"(?:{_PEOPLE_NOUNS}|a person|they|the ones)"  # the subject of a rule: "if a customer …", "if they …"
_PEOPLE = rf"(?:(?:the\s+|any\s+|all\s+)?(?:{_PEOPLE_NOUNS}|ones))"  # whom an exclusion names: "leave out the people who …"
_LEAVE_OUT = (r"(?:leave|leaving|take|taking|filter|filtering|cut|cutting|strip|strike|kick|rule|ruling|throw|carve|weed|knock)\s+out|"
              r"(?:take|taking)\s+away|subtract|subtracting|"
              r"exclude|excluding|drop|dropping|remove|removing|omit|omitting|skip|skipping|suppress|suppressing|"
              r"leave off|don'?t (?:want|include)|do not (?:want|include)|without|ignore|ignoring|minus|no|not|but no|except|"
              r"keep(?:ing)?\s+(?:out|off|away)|hold(?:ing)?\s+(?:out|back)|(?:would|'d)?\s*rather\s+not\s+(?:include|have|get|add)")
_LEAVE_VERBS = (r"(?:leave|leaving|take|taking|filter|filtering|cut|cutting|strike|kick|rule|ruling|throw|carve|weed|knock)\s+out|"
                r"(?:take|taking)\s+away|subtract|subtracting|"
                r"exclude|excluding|drop|dropping|remove|removing|omit|omitting|suppress|suppressing|leave off|keep(?:ing)?\s+(?:out|off|away)|"
                r"hold(?:ing)?\s+(?:out|back)")
_EXCLUDED = (r"(?:(?:should|must|will|would|need to|needs to|has to|have to|can)\s+(?:be\s+)?|(?:is|are)\s+to\s+be\s+|(?:is|are|get|gets)\s+)"
             r"(?:dropped|excluded|removed|left out|taken out|filtered out|omitted|skipped|suppressed|out|ignored|kicked out)")
_IN = (r"(?:they|he or she|those|that person|such customers|these)\s*(?:'re|are|is|should be|go|goes|get|gets|count|counts)?\s*"
       r"(?:in|included|eligible|qualif(?:y|ies)|belong(?:s)? (?:in|on|to) (?:the |our )?(?:list|segment|audience|group)|"
       r"on the list|in the list|part of (?:it|the audience|the list|the segment))")
_OUT = (r"(?:(?:they|he or she|those|that person|such customers|these)\s*(?:'re|are|is|should be|get|gets|go|goes)?\s*"
        r"(?:out|excluded|dropped|removed|left out|not in|disqualified)|(?:leave|take|keep|filter|kick|rule)\s+(?:them|those)\s+out|"
        r"(?:drop|exclude|remove|omit|skip|suppress|ignore)\s+(?:them|those)|(?:they|those)\s+(?:do not|don't|does not|doesn't)\s+"
        r"(?:count|qualify|belong))")


def frame(text: str) -> str:
    """``text`` (lower case) with its layout in lines, fields, corrections, fillers, quantified exceptions, audience
    names, rules, unions and exclusion verbs put plainly."""
    text = _fields(lines(text))
    text = plain_terms(corrections(text))
    text = turned_exclusions(plain_conditionals(plain_exceptions(_request_negations(_without_fillers(text)))))
    text = _without_audience_name(text)
    text = _rules(text)
    return _exclusions(_unions(_fronted_scope(_quantified_lists(text))))


def _fields(text: str) -> str:
    """A spec's blocks and fields: "any:" lists alternatives, "all:" adds nothing, "condition 2:" is a list item,
    "min_orders: 3" / "orders_max: 5" are bounds."""
    text = rx.sub(r"(?:^|(?<=[:;.,]))\s*(?:match\s+)?any\s*:", " any of the following:", text)
    text = rx.sub(r"(?:^|(?<=[:;.,]))\s*(?:match\s+)?all\s*:", " ", text)
    text = rx.sub(r"\b(?:condition|criterion|rule|step|filter|item)\s*#?\d{1,2}\s*:", " ; ", text)
    # a document's own numbering names no count: "Tab. 3 -", "Finding 8 of the review", "REQ-12:", "AC1 -", "OKR 2.2", "objective 4"
    text = rx.sub(r"(?:^|(?<=[\s(\[;.:]))(?:tab(?:le)?\.?|fig(?:ure)?\.?|exhibit|appendix|section|slide|chart|finding|insight|"
                  r"req(?:uirement)?|ac|acceptance criterion|objective|okr|kr|key result|user story|story|ticket|issue|draft|version|revision|rev\.?|v)\s*[-#]?\s*\d+(?:\.\d+)*"
                  r"(?:\s+of\s+(?:the|our|this|last|a)\s+[^:;.,]{1,40}?(?=\s*:|\s+(?:concerns|is about|covers|names|shows|looks at|lists)\b))?"
                  r"(?=\s*(?:[-—–:.,)\]]|\s+of\b|\s+(?:is|was|concerns|covers|names|shows|looks|lists|needs|asks|says|will|shall|must)\b|$))",
                  " ", text)
    for bound, words in (("min|minimum", "at least"), ("max|maximum", "at most")):
        text = rx.sub(rf"\b(?:{bound})[ _]([a-z]+(?: [a-z]+)?)\s*(?::|=|\|)\s*(?=\d)", rf"\1 {words} ", text)
        text = rx.sub(rf"\b([a-z]+)[ _](?:{bound})\s*(?::|=|\|)\s*(?=\d)", rf"\1 {words} ", text)
    return text


def lines(text: str) -> str:
    """A message written in lines: a short line without punctuation before a paragraph is a heading ("Background",
    "Audience", "Exclusions") and becomes a field ("audience: …"); lines starting with a bullet ("- ", "* ") are items
    of a list; a paragraph ends its field. A list typed on one line ("list please - A - B", two dashes or more outside
    brackets) is read as bullet lines; other text in one line is returned unchanged."""
    if "\n" not in text.strip() and rx.sub(r"\([^)]*\)", " ", text).count(" - ") >= 2:  # a list typed on one line: "list please - A - B"
        text = rx.sub(r"(?:(?<=\bfollowing)|(?<=\bthese)|(?<=\bbelow))\s+-\s+", ":\n- ", text)
        text = text.replace(" - ", "\n- ")
    if "\n" not in text.strip():
        return text
    rows = _table(text.strip().split("\n"))
    out: list[str] = []
    for number, row in enumerate(rows):
        if not row:
            if out and not out[-1].endswith((".", ":", ";")):
                out[-1] += "."
            continue
        following = next((r for r in rows[number + 1:] if r), None)
        if number == 0 and following is not None and len(rows) > 1 and not rows[1] and not row.endswith((".", ":", "?")) \
                and not rx.match(r"(?:hi|hello|hey|dear)\b", row):
            out.append(f"title: {row}.")  # "Campaign brief — Test Cell B" above a blank line: the message's title
        elif following is not None and _heading(row) and not _heading(following):
            out.append(f"{row}:")
        elif rx.fullmatch(r"[a-z][\w /&-]{0,30}:", row) and out and not out[-1].endswith((".", ":", ";")):
            out.append(f". {row}")  # "any:" after a list: a new block
        elif (item := rx.match(r"^(?:[-*•·▪◦●–]|\d{1,2}[.)])\s+(.*)$", row)) is not None:
            out.append(f"; {item.group(1)}")
        elif rx.match(r"^[a-z][\w /&-]{0,30}?\s*(?::|=|\|)\s*\S", row) and number:
            out.append(f"; {row}" + ("" if row.endswith((".", ";", ":", ",")) else "."))  # one "field: value" per line
        else:
            out.append(row)
    joined = " ".join(out)
    return rx.sub(r":\s*;\s*", ": ", joined)


_TABLE_HEAD = re.compile(r"(?:rule|rules|value|values|field|fields|operator|op|condition|conditions|criteria|criterion|attribute|"
                         r"filter|filters|setting|key|comparison|threshold|notes?)")


def _columns(rows: list[str]) -> list[str] | None:
    """A table drawn with bars whose header names its columns ("| include | exclude |", a "|---|---|" rule, then
    rows): each column reads as a field, "include: A ; B." then "exclude: C.", or None for any other layout."""
    bars = [row for row in rows if row.startswith("|")]
    if len(bars) < 3 or len(bars) != len(rows) or not rx.fullmatch(r"\|(?:\s*:?-{2,}:?\s*\|)+", rx.sub(r"\s", "", bars[1])):
        return None
    split = [[c.strip() for c in row.strip("|").split("|")] for row in bars]
    heads, body = split[0], [r for r in split[2:] if any(r)]
    columns = [[r[i] for r in body if i < len(r) and r[i]] for i in range(len(heads))]
    beyond = [cell for r in body for cell in r[len(heads):] if cell]  # text typed after a row's last column stays as said
    return [f"{head}: {' ; '.join(cells)}." for head, cells in zip(heads, columns) if head and cells] + beyond


def _table(rows: list[str]) -> list[str]:
    """A table typed as text ("rule | value", "field,operator,value" over its rows): the header row is dropped and each
    row reads "field: value" (two cells) or "field operator value" (three)."""
    rows = [row.strip() for row in rows]
    if (columns := _columns(rows)) is not None:
        return columns
    cells = [c.strip() for c in rx.split(r"\s*[|,\t]\s*", rows[0])] if rows else []
    if len(cells) < 2 or not all(_TABLE_HEAD.fullmatch(c) for c in cells if c):
        return rows
    out = []
    for row in rows[1:]:
        parts = [c.strip() for c in rx.split(r"\s*[|\t]\s*|\s*,\s*(?=[^\s])", row) if c.strip()]
        out.append(f"{parts[0]}: {' '.join(parts[1:])}" if len(parts) == 2 else " ".join(parts))
    return out


def _heading(row: str) -> bool:
    return bool(rx.fullmatch(r"[a-z][a-z&/ -]{0,30}", row)) and len(row.split()) <= 4 and not rx.search(r"\b(?:who|that|with|and|or)\b", row)


def _without_fillers(text: str) -> str:
    """Speech and chat fillers: "um", "uh", "you know", "like,", chat timestamps ("[10:02]") and a bracketed note that
    opens the message."""
    text = rx.sub(r"\[\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*\]\s*:?", " . ", text)  # a chat line's time: a new message
    text = rx.sub(r"^\s*\[[^\]]{0,60}\]\s*", " ", text)  # "[voice note transcript] …"
    text = rx.sub(r"\b(?:u+m+|u+h+|e+r+m*|h+m+|a+h+)\b\s*,?", " ", text)
    text = rx.sub(r",?\s*\byou know\b\s*,?", " ", text)
    text = rx.sub(r"(?:,\s*|(?:(?<=\bwho)|(?<=\bthat))\s+|^\s*)like\s*,", " ", text)  # "people who like, gave …", ", like, have"
    text = rx.sub(r"\bkind of\b(?=\s+(?:bought|ordered|spent|returned|reviewed|have|has|are|is|were))", " ", text)
    # a list handed back: "return each selected customer", "please supply every matching customer" ask for the list
    text = rx.sub(r"(?:^|(?<=[.;:!?]\s)|(?<=[.;:!?]))\s*(?:please\s+)?(?:return|supply|provide|deliver)\s+(?=(?:each|every|all|the)\s+(?:[a-z-]+\s+){0,2}?"
                  r"(?:customers?|people|shoppers?|members?|participants?|rows?|records?|ids?|cohort|population|group|panel|list)\b)",
                  " list ", text)
    text = rx.sub(r"\b(every|each|all|the)\s+(?:matching|qualifying|eligible|selected|passing|participating|relevant)\s+"
                  r"(?=(?:customers?|people|shoppers?|members?|participants?)\b)", r"\1 ", text)  # "return each qualifying customer"
    return rx.sub(r"[ \t]+", " ", plain_asides(_dictated(text)))


_SPOKEN = {"comma": ",", "full stop": ".", "period": ".", "question mark": "?", "exclamation mark": ".", "exclamation point": ".",
           "semicolon": ";", "colon": ":", "new line": ".", "new paragraph": ".", "open quote": " ", "close quote": " ",
           "end quote": " ", "unquote": " ", "open bracket": "(", "close bracket": ")", "open paren": "(", "close paren": ")"}
_SPOKEN_WORD = re.compile(r"\b(?:" + "|".join(sorted(_SPOKEN, key=len, reverse=True)) + r")\b")


def _dictated(text: str) -> str:
    """Speech to text with its punctuation said as words ("okay comma can you pull … question mark thanks period"):
    where at least two such words are said, they are the punctuation; one alone at the very end ("… that's it full stop")
    ends the message, and "that's it" / "that's all" there closes it."""
    text = rx.sub(r"(?<!\bthat )(?<!\bthis )(?<!\bthe )(?<!\bsame )(?<!\btime )(?<!\ba )\b(?:full stop|period)\s*[.!]*\s*$", " . ", text)
    text = rx.sub(r"[,.;\s]*\b(?:i think\s+)?(?:that'?s|that is)\s+(?:it|all)\s*[.!]*\s*$", " . ", text)
    if len(_SPOKEN_WORD.findall(text)) < 2:
        return text
    return _SPOKEN_WORD.sub(lambda m: f" {_SPOKEN[m.group(0)]} ", text)


_NOT = r"(?:do\s*n[o']?t|don't|dont|did\s*n[o']?t|didn't|would\s*n[o']?t|wouldn't|can\s*n?[o']?t|can't|cannot)"


# "we've been ignoring the customers who …": what happened, not an instruction to leave them out
_NARRATED = re.compile(r"\b(?:we|i|you|they|the team)\s*(?:'ve|'d|\s+have|\s+had)?\s+(?:been\s+)?(?:ignoring|neglecting|overlooking|forgetting|missing)"
                       r"(?=\s+(?:the\s+)?(?:customers|people|shoppers|clients|users|buyers)\b)")


def _request_negations(text: str) -> str:
    """A "not" that belongs to the request, not to a condition: "I don't suppose you could pull …", "don't forget the
    customers who …", "would you mind not leaving out …", "I don't need much, just …"; and "make sure nobody who X is
    on the list", an exclusion."""
    text = rx.sub(rf"\b(?:i|we)\s+{_NOT}\s+(?:suppose|think|know(?:\s+(?:if|whether))?|mind|need much|want to (?:bother|trouble) you)\b", " ", text)
    text = _NARRATED.sub(" ", text)
    text = rx.sub(r"\b(?:nobody|no\s*one|none\s+of\s+them)\s+(?:in|on)\s+(?:it|the\s+list|this\s+list|the\s+audience)\s+(?:may|can|should|must|is\s+to)\s+"
                  r"(?=have\b|be\b)", " excluding those who ", text)  # "nobody in it may have purchased X"
    text = rx.sub(rf"\b(?:please\s+)?(?:make sure (?:that )?(?:you |we )?)?{_NOT}\s+(?:forget|miss|overlook|leave out|drop|lose)(?:\s+(?:about|to include|to add))?"
                  r"(?:\s*[:,—–]\s*|\s+)", " include ", text)
    text = rx.sub(r"\b(?:would you mind\s+)?(?:not|without)\s+(?:leaving out|forgetting|missing|dropping)\s+", " include ", text)
    text = rx.sub(r"\b(?:make sure|ensure|check)\s+(?:that\s+)?(?:none of (?:them|those|these)|nobody on (?:it|the list))\s+(?=has|have|had|is|are|was|were|did)\b",
                  " excluding those who ", text)  # "make sure none of them has made more than one return"
    return rx.sub(r"\b(?:make sure|ensure|check)\s+(?:that\s+)?(?:nobody|no one|no-one|none of the (?:people|customers))\s+(?=who\b|that\b|whose\b)",
                  " excluding those ", text)


def _without_audience_name(text: str) -> str:
    """"Define Wave 3 as customers who …", "pilot_22 = customers who …", "New segment 'Q4_pilot': customers …", "Call
    them 'Lapsed'": the name given to the audience is not a condition."""
    people = r"(?=(?:all\s+)?(?:the\s+)?(?:customers|people|shoppers|users|buyers|clients|anyone|everyone|those)\b)"
    text = rx.sub(rf"^\s*(?:please\s+)?(?:define|create|make|build|set up|name|call)\s+(?:a\s+(?:segment|list|audience)\s+(?:called\s+)?)?"
                  rf"['\"“]?[\w' -]{{1,40}}?['\"”]?\s+(?:as|to be|=)\s+{people}", " ", text)
    text = rx.sub(rf"^\s*['\"“]?[a-z][\w-]{{0,30}}(?:\s+[\w-]+){{0,2}}['\"”]?\s*(?::=|==|=)\s*{people}", " ", text)
    text = rx.sub(r"^\s*(?:new\s+)?(?:segment|audience|list|cohort|group|test cell|wave)\s*(?:name\s*)?['\"“][^'\"”]{1,40}['\"”]\s*[:—–-]\s*", " ", text)
    return text


def _rules(text: str) -> str:
    """Conditions stated as a rule: "If customers X, they belong in the list" -> "customers who X"; "…, they're out"
    -> "excluding those who X"; "a customer is in if they X", "customers qualify if they X", "include a customer when
    they X" -> "customers who X"; "all of that has to be true" adds nothing to "and"."""
    text = rx.sub(rf"\bif\s+(?:a\s+)?{_WHO}\s+(?P<cond>[^,;.]+?)\s*,\s*(?:then\s+)?{_IN}\b", r" customers who \g<cond> ", text)
    text = rx.sub(rf"\bif\s+(?:a\s+)?{_WHO}\s+(?P<cond>[^,;.]+?)\s*,\s*(?:then\s+)?{_OUT}\b", r" excluding those who \g<cond> ", text)
    text = rx.sub(r"\b(?:a\s+)?(?:customer|person|shopper|user|someone|somebody|buyer)s?\s+(?:is|are|counts?|qualif(?:y|ies)|goes|go|gets?|belongs?)"
                  r"\s+(?:in\s+|included\s+|eligible\s+)?(?:if|when|whenever|provided|as long as)\s+(?:they|he or she)\s+", " customers who ", text)
    text = rx.sub(r"\b(?:customers|people|shoppers|users|buyers|clients)\s+(?:qualify|count|are included|are in|are eligible|belong|go in|get in)"
                  r"\s+(?:if|when|whenever|provided|as long as)\s+(?:they\s+)?", " customers who ", text)
    text = rx.sub(r"\binclude\s+(?:a\s+|any\s+|every\s+)?(?:customer|person|shopper|user|someone|anyone|people|customers)\s+(?:when|if|whenever|who|that)\s+(?:they\s+)?",
                  " customers who ", text)
    text = rx.sub(r"[;,.]?\s*\b(?:everybody|everyone|all the rest|the rest|all others|anyone|anybody)\s+(?:else\s+)?"
                  r"(?:goes|go|is|are|stays?|can stay|gets?|counts?)\s+(?:in|included)\b", " ", text)
    text = rx.sub(r"\b(?:all|each|every one|both)\s+of\s+(?:the\s+)?(?:following|these|below)(?:\s+(?:criteria|conditions|rules|things))?"
                  r"(?:\s+(?:must|should|need to|have to)\s+(?:hold|apply|be true|be met|match))?\s*:", " ", text)
    text = rx.sub(r"[—–-]?\s*\b(?:and\s+)?(?:all|both|each|every one)\s+of\s+(?:that|this|these|them|those|the above|it)\s+"
                  r"(?:has|have|must|needs?|should)(?:\s+to)?\s+(?:be true|hold|apply|be met|match)\b", " ", text)
    return text


def _unions(text: str) -> str:
    """"… and add anyone who X as well, one combined list", "throw in everyone who X": the audience grows, an "or"."""
    # "the union of everyone with A and customers with B": either group (what comes after it still narrows it)
    text = rx.sub(r"\b(?:the\s+)?union\s+of\s+(?!(?:both|the two|them)\b)(.+?)\s+(?:and|with)\s+(?=(?:all\s+)?(?:those|the ones|anyone|everyone|"
                  r"customers|people|shoppers|clients|users)\b)", r" either \1 or ", text)
    # "combine unhappy reviewers with kitchen returners": two groups put together
    text = rx.sub(r"(?:^|(?<=[:;,.] ))(?:please\s+)?(?:combine|merge|pool)\s+(?!(?:both|the two|them|these|those)\b)(.+?)\s+with\s+", r"\1 plus ", text)
    # "whether or not they fit the first part", "even if they don't match the above": the group is added, an "or"
    alone = r"[,;—–-]?\s*\b(?:whether\s+or\s+not\s+they|even\s+if\s+they\s+(?:don'?t|do\s+not))\s+(?:fit|match|meet|satisfy|qualify\s+for)\s+(?:the\s+)?(?:[a-z']+\s+){0,2}?(?:part|group|list|one|above|rest|criteria|conditions?|bit)\b"
    if rx.search(alone, text):
        text = rx.sub(alone, " ", text)
        text = rx.sub(r"(?:^|(?<=[.;!?\n]\s)|(?<=p\.s\.\s))(?:also\s+)?(?P<who>people|customers|those|anyone|everyone|shoppers)\s+(?=who\b|with\b|whose\b)(?P<rest>[^.;!?\n]*?)\s*,?\s*"
                      r"(?:can|could|may|should)\s+(?:also\s+)?(?:go\s+on|be\s+added\s+to|be\s+on|join)\s+(?:the|that|this)\s+list(?:\s+too|\s+as\s+well)?",
                      lambda m: f" or those {m.group('rest')} ", text)
    # "…, whether or not they bought X": whatever they did, no condition
    text = rx.sub(r"[,;—–-]?\s*\b(?:whether\s+or\s+not|regardless\s+of\s+whether)\s+(?:they|he|she|the\s+customer)\s+[^.;\n]*", " ", text)
    text = rx.sub(r"\b(?:and\s+|also\s+|actually\s+|then\s+|please\s+)*(?<!not )(?<!n't )(?<!only )(?:add|throw in|toss in|put in|also include|include|plus)\s+(?:in\s+)?(?:all\s+)?"
                  r"(?:anyone|anybody|everyone|everybody|those|people|the people|customers|shoppers|clients|users|buyers|the ones|all)\s+"
                  r"(?=who\b|that\b|whose\b|(?:based\s+|living\s+|located\s+)?(?:in|from)\b)",
                  " or those ", text)
    if _ONE_LIST.search(text):  # "the buyers of X, plus the customers with 3 returns, as one combined list": either group
        text = _ONE_LIST.sub(" ", text)
        text = rx.sub(r"\b(?:plus|together\s+with|along\s+with|as\s+well\s+as|and\s+also)\s+(?:all\s+|its\s+|our\s+|the\s+)?", " or those ", text)
    return rx.sub(r"[,(]?\s*\b(?:one (?:combined |single )?list|a single list|the same list|union of (?:both|the two|them)|combined|as one list)\b\s*\)?", " ", text)


# "…, as one combined list", "merged into a single list": the groups before it put together
_ONE_LIST = re.compile(r"[,;—–-]*\s*(?:(?:as|in|into)\s+(?:one|a\s+single|a\s+combined|one\s+combined|a\s+merged|1)\s+(?:combined\s+|merged\s+|joint\s+)?list|"
                       r"(?:merged|combined|put|pooled)\s+(?:together\s+)?into\s+(?:one|a\s+single|1)\s+(?:combined\s+)?list)\b")


_QUANTIFIED = re.compile(r"\b(?:(?:who|that)\s+(?:meet|meets|match|matches|satisfy|satisfies|did|have done|has done)\s+|meeting\s+|matching\s+|satisfying\s+)?"
                         r"(?P<q>any|at least one|one or more|either|none|neither|all|each|every one|both)(?:\s+of\b)?\s*"
                         r"(?:(?:these|those|the following|the below|the)(?:\s+(?:groups|conditions|criteria|things|lists|sets|segments|rules|categories|classes|descriptions|cases))?|them)?\s*:\s*(?P<items>[^.;\n]+)")


# a closing word that makes the list before it a choice: "— anyone meeting either", "either will do", "(any of the above)"
_EITHER = (r"(?:either(?:\s+one)?|any(?:\s+one)?|anyone|at least one|one or (?:both|more)|one|1)(?:\s+(?:rule|route|condition|criterion|group|list|"
           r"path|test|box|line|bullet|item|point|row)|\s+of\s+(?:(?:them|these|those)(?:\s+(?:two|2|three|3))?|the above|the two|the 2|both|the (?:two|2|three|3)\s+(?:conditions|criteria|rules|groups)))?")
_ENOUGH = (r"(?:will do|is fine|works|counts|qualifies|is enough|being enough|would be enough|would do|is ok|is okay|suffices|is sufficient|is in|"
           r"gets (?:them|you|a customer|someone|people) (?:in|on (?:the|my|our) list))")
_CLOSING_ANY = re.compile(
    r"[,;.—–-]?\s*\(?\s*(?<![\w-])(?:(?:(?:anyone|anybody|customers|people|those|a customer|someone)\s+)?(?:meeting|matching|satisfying|fitting|"
    rf"(?:who|that)\s+(?:meets?|match(?:es)?|fits?|satisf(?:y|ies)))\s+{_EITHER}(?:\s+{_ENOUGH})?"
    rf"|{_EITHER}\s+{_ENOUGH}"
    r"|(?:anyone|anybody|customers|people|someone)\s+(?:from|in)\s+(?:either|any|both)(?:\s+(?:of\s+them|groups?|lists?|sets?))?"
    r"|(?:they|customers|people|a customer|someone)?\s*(?:only\s+|just\s+)?(?:need|needs|have|has) to (?:match|meet|satisfy|fit|pass|tick)\s+"
    rf"(?:just\s+|only\s+)?{_EITHER}"
    r"|(?:put|combine|merge|pool|join)\s+(?:both|the two|the 2|these|those|the)\s+(?:groups|lists|sets|audiences)(?:\s+together)?"
    r"(?:\s+(?:in|into)\s+(?:one|a single|1)\s+list)?"
    r"|(?<!every )(?<!each )(?:any|either|one) of (?:the above|these|them|those))\s*(?:\)\s*|(?=[.!?;,:]|$))")


def _quantified_lists(text: str) -> str:
    """"meeting any of: A, B" -> "A or B"; "none of these: A, B" -> "not A or B" (each left out); "all of: A, B" -> "A and B"."""
    def each(match: re.Match[str]) -> str:
        # "3 stars or lower", "40 or more": the bound's own "or" joins no items
        bound = r"(?!(?:lower|higher|more|less|fewer|above|below|better|worse|later|earlier|over|under|after|before|both|so)\b)"
        items = [i.strip() for i in rx.split(rf"\s*,\s*(?:(?:and|or)\s+{bound})?|\s+(?:and|or)\s+{bound}", match.group("items")) if i.strip()]
        if len(items) < 2:
            return match.group(0)
        quantifier = match.group("q")
        if quantifier in ("none", "neither"):
            return "who did not " + " or ".join(items)
        return "who " + (" and " if quantifier in ("all", "each", "every one", "both") else " or ").join(items)

    text = _CLOSING_ANY.sub(" ; anyof ", text)  # read by the joining of conditions: the list's "and"s become "or"s
    return _QUANTIFIED.sub(each, text)


def _fronted_scope(text: str) -> str:
    """"among German customers, those who A or B": the fronted group restricts all that follows (a list break)."""
    return rx.sub(r"(?:^|(?<=[.;:\n]\s))(?:among|out of|of|from|within)\s+(?:the\s+|our\s+|all\s+)?([^,;.\n]+?),\s*"
                  r"(?:only\s+)?(?:those|the ones|customers|people|shoppers|anyone|everyone)\s+(?=who\b|that\b|whose\b|with\b)",
                  r"\1 ; customers ", text)


_TAKEN_OUT = re.compile(r",?\s*\b(?:with|and)\s+(?:every|each|all|any)?\s*(?:customers?|ones?|those|people|anyone|everyone|shoppers?)\s+"
                        r"(?P<who>(?:who|that|whose)\b[^;.]*?)\s+(?:taken out|removed|excluded|left out|dropped|stripped out|filtered out|"
                        r"taken off|subtracted)\b")


def _exclusions(text: str) -> str:
    """Exclusions stated by a verb: "leave out people who X", "drop anyone who X", "no customer who X", "anyone who X
    should be dropped (even if the rest fits)" -> "excluding those who X"."""
    # "minus the UK", "skip UK customers", "omitting kitchen": the verbs of leaving out, before whatever they name
    text = rx.sub(r"(?<!purchases )(?<!spend )(?<!sales )(?<!revenue )(?<!orders )\b(?:minus|skip|skipping|omit|omitting|sans)\s+", "excluding ", text)
    # ", kitchen excluded", "(UK not included)": a clause naming what is left out, then the participle
    text = rx.sub(r"(?:^|(?<=[,;(—–-]))\s*((?:the\s+)?[a-z&'][a-z&' -]{1,40}?)\s+(?:customers\s+|ones\s+|shoppers\s+|buyers\s+)?"
                  r"(?:excluded|not included|left out|removed|omitted)(?=\s*(?:[,;.)]|$))", r" excluding \1 ", text)
    # "filter out whoever has …": whoever is anyone who
    text = rx.sub(r"\bwho(?:m)?ever\b", "anyone who", text)
    text = _TAKEN_OUT.sub(lambda m: f" excluding those {m.group('who')}", text)  # "with every customer who X taken out"
    # "outside the group of those with more than 12 orders", "the complement of the customers who": the group named is left out
    text = rx.sub(r"\b(?:(?:outside(?:\s+of)?|not\s+(?:in|part\s+of|among|within)|out\s+of)\s+the\s+(?:group|set|segment|list|audience|pool|cohort|bucket)|"
                  r"(?:the\s+)?(?:complement|inverse|opposite)(?:\s+set)?)\s+"
                  rf"of\s+(?:{_PEOPLE}\s+)?(?=who\b|that\b|whose\b|with\b)", " excluding those ", text)
    # "unless they live in X": those who do are left out
    text = rx.sub(r"\bunless\s+(?:(?:they|he|she)(?:'re|\s+are|\s+is)?\s+|the\s+(?:customer|person|shopper)\s+(?:is\s+)?)?", " excluding those who ", text)
    text = rx.sub(rf"\b(?:{_LEAVE_OUT})\s+(?:out\s+)?{_PEOPLE}\s+(?=who\b|that\b|whose\b)", " excluding those ", text)
    # a verb of leaving out keeps its sense whatever the noun after it ("leave out poeple who …")
    text = rx.sub(rf"\b(?:{_LEAVE_VERBS})\s+(?:[a-z]+\s+){{0,2}}?(?=who\b|whose\b)", " excluding those ", text)
    text = rx.sub(rf"\b(?:but\s+|however,?\s+|and\s+)?(?P<who>anyone|anybody|any|people|customers|those|the ones|shoppers|users|buyers|folks)\s+"
                  rf"(?P<rel>who|that|whose|with)\s+(?P<cond>[^;.]+?)\s+{_EXCLUDED}(?:\s*,?\s*even if [^;.]*)?(?=\s*[;.,]|\s*$)",
                  r" excluding those \g<rel> \g<cond> ", text)
    return text


_FIX = (r"(?:(?:no\s*,?\s+)?(?:sorry|oops|my bad|no wait|wait|ugh)\s*[,!—–-]*\s*)?(?:i meant|i mean|i should have said|make that|make it|should read|no wait|wait no|scratch that|"
        r"change that to|rather(?!\s+than)|(?:no\s*,?\s+)?sorry(?!\s+(?:if|to|for|about|but|i\s+(?:know|am|have)|we|you))|oops)")
# a correction the reader could not apply: the answer is then a question back, never a guess
_SORRY = r"(?<=\S\s)sorry\b(?!\s+(?:if|to|for|about|but|i\s+(?:know|am|have)|we|you))"  # "— sorry, I mean": not "sorry if this is …"
CORRECTION = re.compile(rf"\b(?:{_SORRY}|oops|my bad|i mean|i meant|correction|scratch that|make that|no wait|typo|should have said|should read|"
                        r"change that to|instead of|replace|actually,|instead\b|→|->|⟶|~~|change of plan|on second thoughts?|"
                        r"(?:scratch|drop|delete|remove|forget|ignore|strike|cut|lose|skip|kill|nix|bin)\s+(?:the|that|this|my)\s+(?:[^\s,.;]+\s+){0,4}?"
                        r"(?:part|bit|clause|line|item|point|piece|criterion|bullet)\b|"
                        r"(?:scratch|drop|delete|remove|strike|cut|change|replace)\s+(?:item|point|line|bullet|row|condition|criterion|no\.?|number|#)\s*\d)")


_COUNTRY_WORDS = r"\b(?:" + "|".join(sorted((re.escape(name) for group in _COUNTRY_GROUPS for name in group
                                                     if len(name) >= 4 or name in ("uk", "usa")), key=len, reverse=True)) + r")\b"
"""Countries said in full (a two-letter code is too often a word: "us", "de")."""


def _country_said(words: str) -> bool:
    return rx.fullmatch(rf"(?:the\s+)?{_COUNTRY_WORDS}", words.strip()) is not None


_QUOTED = r"[\"“](?P<{}>[^\"”]+)[\"”]"  # double quotes may hold an apostrophe ("haven't bought X")
_QUOTED_SINGLE = r"['‘](?P<{}>[^'\"”’]+)['’]"


def _swap(quoted: str) -> re.Pattern[str]:
    return re.compile(r"[.;,—–-]?\s*\b(?:(?:correction|edit|(?:small\s+|one\s+|quick\s+)?fix(?:\s+to\s+the\s+above)?)\s*:?\s*)?(?:please\s+)?"
                      r"(?:replace|change|swap)\s+" + quoted.format("x") + r"\s+(?:with|for|to|by|into)\s+" + quoted.format("y") + r"\s*\.?")


def _erratum(quoted: str) -> re.Pattern[str]:
    """'correction: "A" should read "B"', 'where I wrote "A", read "B"', 'Edit: "A" in my message should have said "B"', '"A" -> "B"'."""
    return re.compile(r"[.;,—–-]?\s*\b(?:(?:correction|erratum|errata|edit|typo(?:\s+above)?|(?:small\s+|one\s+|quick\s+)?fix(?:\s+to\s+the\s+above)?|update)\s*[:,—–-]?\s*)?"
                      r"(?:(?:where|when)\s+(?:i|we)\s+(?:wrote|said|typed|put)\s+|for\s+|instead\s+of\s+)?" + quoted.format("x") +
                      r"\s*(?:(?:in|from)\s+(?:my|the|that|this)\s+(?:message|email|note|request|brief|text|mail)(?:\s+above)?\s*)?,?\s*"
                      r"(?:(?:should|was\s+meant\s+to|is\s+meant\s+to)\s+(?:read|be|say|have\s+(?:been|said|read))|read|please\s+read|becomes|→|->|=>|means|i\s+meant)\s*:?\s*"
                      + quoted.format("y") + r"\s*\.?")


_FIXES = (_swap(_QUOTED), _erratum(_QUOTED), _swap(_QUOTED_SINGLE), _erratum(_QUOTED_SINGLE))


def corrections(text: str) -> str:
    """A writer correcting themselves: "Correction: replace 'A' with 'B'", "not A, I meant B", "in France — sorry, I mean
    Germany", "30 days, make that 60 days": the corrected words stand in the request and the fix is dropped. A fix whose
    words cannot be lined up is left in place (``CORRECTION`` finds it and the reader asks back)."""
    # "(sorry, spreadsheet brain)": an apology in brackets that names no fix is an aside
    text = rx.sub(r"\(\s*(?:sorry|oops|apologies|pardon)\b(?![^()]*\b(?:mean|meant|make|should|read|not)\b)[^()]*\)", " ", text)
    swap = next((found for pattern in _FIXES if (found := pattern.search(text)) is not None), None)
    if swap is not None and swap.group("x") in text[:swap.start()]:
        before = text[:swap.start()]
        at = before.rfind(swap.group("x"))
        return corrections(before[:at] + swap.group("y") + before[at + len(swap.group("x")):] + " " + text[swap.end():])
    # "customers who bought A. actually, make that customers who bought B": the request said again replaces the one before
    restated = rx.search(r"(?:^|(?<=[.;!?]))\s*(?:(?:actually|sorry|correction|scratch\s+that|no\s+wait|wait|oops)\s*[,:!—–-]*\s*)+"
                         r"(?:make\s+(?:that|it)|i\s+meant|i\s+mean|it\s+should\s+(?:be|read))\s*:?\s+(?P<y>(?:the\s+|all\s+)?(?:customers|people|shoppers|clients|"
                         r"users|buyers|accounts|anyone|everyone|those)\b[^.;!?]*)", text)
    if restated is not None and (start := max(text.rfind(".", 0, restated.start() - 1), text.rfind(";", 0, restated.start() - 1), -1)) >= -1:
        return corrections(text[:start + 1] + " " + restated.group("y") + " " + text[restated.end():])
    fix = rx.search(rf"\s*[,;—–(-]*\s*(?:{_FIX})\s*[,:]?\s*(?P<y>\d+(?:\.\d+)?(?:\s+(?:days?|weeks?|months?|years?|stars?))?|[^,;.()—–\d]+?)\s*\)?"
                    r"(?=\s*[,;.—–]|\s+(?:and|or|but|who|whose|with|after|before|in|within|over|net|period|full stop|comma)\b|\s*$)", text)
    if fix is None:
        return text
    before, replacement, after = text[:fix.start()], fix.group("y").strip(), text[fix.end():]
    if rx.search(r"\b(?:it|that|this|them|those|other|one|same|so|well|yes|no|never mind)\b", replacement):
        return text  # "sorry, the other one": nothing to line up
    if (negated := rx.search(r"[,;—–-]?\s*\bnot\s+(?P<x>[^,;.]+?)\s*[,;—–-]*\s*$", before)) is not None:
        before, wrong = before[:negated.start()], negated.group("x").strip()  # "X, not X, I meant Y"
        at = before.rfind(wrong)
        if at < 0:
            return text
        return corrections(f"{before[:at]}{replacement}{before[at + len(wrong):]} {after}")
    if rx.match(r"\d", replacement):  # "more than 200, sorry, 300": the last number (with its unit) is the one corrected
        number = list(rx.finditer(r"\d+(?:\.\d+)?(?:\s+(?:days?|weeks?|months?|years?|stars?))?", before))
        if not number:
            return text
        last = number[-1]
        return corrections(f"{before[:last.start()]}{replacement}{before[last.end():]} {after}")
    if _country_said(replacement) and (said := list(rx.finditer(_COUNTRY_WORDS, before))):
        last = said[-1]  # "anywhere but France, sorry, I mean Great Britain": the country said last is the one corrected
        return corrections(f"{before[:last.start()]}{replacement}{before[last.end():]} {after}")
    words = before.rstrip(" ,;—–-").split()
    size = len(replacement.split())
    if size == 0 or size > len(words) or size > 4:
        return text
    said = 0  # "bought from Northlight Books, no wait, I mean Velvetine": the words after the last verb or preposition
    while said < min(4, len(words)) and words[-1 - said] not in _BEFORE_A_NAME and not rx.match(r"\d", words[-1 - said]):
        said += 1
    return corrections(" ".join(words[:-(said or size)] + [replacement]) + f" {after}")


_BEFORE_A_NAME = frozenset("from in at of by to the a an who that with but than and or any some bought ordered purchased returned reviewed "
                           "viewed browsed rated sent got spent based located living live lives is are was were".split())
"""Words a corrected name never includes: where a name said before a correction starts."""

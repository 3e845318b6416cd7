"""How people lay out and abbreviate a request, put into the plain sentences the readers read: lists and
briefs (bullets, numbered criteria, "any of the following: A; B", "Exclude: A; B", brackets, arrows, "as well as
those who", "minus those who"), an analyst's filter syntax ("WHERE country NOT IN ('FR', 'ES')", "returns_count == 0",
"last_purchase_days_ago > 60"), brackets that only explain a condition already stated, office context (ticket keys,
who reviewed the request, its purpose, its deadline), idioms ("only ratings of 4 or more", "never purchased from
it", "at least once but no more than 3 times") and typed shorthand ("w/o", "excl.", "L30D", "3 wks", "1*", " n ").
General English and office habits, not fitted to any question set; numbers, money and dates come after, in
``expressions.prepare``."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_SHORT_UNIT = {"d": "days", "w": "weeks", "m": "months", "y": "years"}


def layout(text: str) -> str:
    """The request's structure in words: separators, alternatives, exclusions, unions (lower-case text)."""
    text = rx.sub(r"(?<!\w)@[\w.-]+", " ", text)  # "@data-team": who is addressed, not what is asked
    text = rx.sub(r"^\s*where\s+", " ", text)  # an analyst's SQL: "WHERE country = 'Germany' AND …"
    text = rx.sub(r"\b([a-z][a-z_ ]{1,24}?)\s+(not\s+)?in\s*\(([^()]*)\)", _in_list, text)
    # "last_purchase_days_ago > 60", "days since last order >= 30": a time since an event is a time ago
    text = rx.sub(r"\b(last[ _](?:purchase|order)|last[ _](?:seen|active|activity)|first[ _]seen)[ _]days[ _]ago\s*(>=|>|<=|<)\s*(\d+)",
                  lambda m: f"{m.group(1).replace('_', ' ')} {'more' if m.group(2).startswith('>') else 'less'} than {m.group(3)} days ago", text)
    text = rx.sub(r"\bdays since (?:the\s+)?(last (?:purchase|order))\s*(>=|>|<=|<)\s*(\d+)",
                  lambda m: f"{m.group(1)} {'more' if m.group(2).startswith('>') else 'less'} than {m.group(3)} days ago", text)
    text = rx.sub(r"\[?\b[a-z]{2,10}-\d{1,6}\b\]?", " ", text)  # a ticket's key ("[DATA-123]", "AUD-77")
    # "reviewed by legal and by the data team": who worked on the request, not what customers did
    text = rx.sub(r"\b(?:(?:reviewed|approved|signed off|checked|written|requested|prepared|owned|drafted|sent|built|proofread)\s+(?:and|&)\s+)?"
                  r"(?:reviewed|approved|signed off|checked|written|requested|prepared|owned|drafted|sent|built|proofread)\s+by\s+"
                  r"(?!(?:the\s+)?(?:customers?|people|shoppers?|buyers?|users?|clients?|them|someone|anyone)\b)(?:the\s+)?[a-z]+(?:\s+team)?"
                  r"(?:\s*(?:,|and|&)\s*(?:by\s+)?(?:the\s+)?[a-z]+(?:\s+team)?)*", " ", text)
    # a purpose ("so that I can invite them to the book club", "in order to plan the send") says why, not who
    text = rx.sub(r"\b(?:so that|so)\s+(?:i|we|you|they|the team|marketing)\s+(?:can|could|may|might|will|would)\b[^.;\n]*", " ", text)
    text = rx.sub(r"\bin order to\b[^.;\n]*", " ", text)
    # "have bought something" (no object, no time): a customer who has ordered before
    text = rx.sub(r"\b(have|has)\s+(?:bought|purchased|ordered)\s+(?:something|anything)(?=\s*(?:[,;.]|$|\s+(?:but|and|or|yet)\b))",
                  r"\1 ordered before", text)
    text = rx.sub(r"\bbrows(?:e|es|ed|ing)\b(?!\s+(?:the\s+)?(?:site|shop|store|website|app)\b)", "viewed", text)  # a verb the frames know as "viewed"
    text = rx.sub(r"\b(never|not|without)\s+(?:having\s+)?(purchased|bought|ordered|buying|purchasing|ordering)\s+(?:anything\s+|(?:(?:any|an?|a\s+single)\s+)?(?:items?|products?|things?)\s+)?(?:from\s+)?(?:it|them|any|one|those)\b(?!\s+(?:of|from))",
                  r"\1 \2", text)  # "viewed X but never purchased from it"
    # "ordered at least once but no more than 3 times": both bounds are about the same verb
    text = rx.sub(r"\b(ordered|bought|purchased|returned|reviewed|contacted support|messaged support)\s+at least\s+(once|twice|\w+ times)\s*,?\s*"
                  r"but\s+(?:no more than|not more than|at most|never more than)\s+", r"\1 at least \2 and \1 at most ", text)
    text = rx.sub(r"\b(?:zero|0)\s+(reviews|returns|orders|purchases|support messages|messages|tickets)\b", r"no \1", text)
    # a deadline ("before Friday", "by EOD") is when the list is wanted, not a date of the customers
    text = rx.sub(r"\b(?:before|by|until|on|for)\s+(?:next\s+|this\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|eod|eow|"
                  r"end of (?:the )?(?:day|week)|tomorrow|tonight|close of business|cob)\b", " ", text)
    # "have given only ratings of 4 stars or more": every rating at least 4, so the lowest one
    text = rx.sub(r"\b(?:have\s+|has\s+)?(?:given|gave|giving|left|leave)\s+only\s+(?:ratings?|reviews?|scores?|stars?)\s+of\s+(\d(?:\.\d)?)"
                  r"(?:\s+stars?)?\s+or\s+(?:more|higher|above|better)\b", r"have reviewed and never rated anything below \1 stars", text)
    # "a last purchase older than 45 days": more than 45 days ago
    text = rx.sub(r"\b(purchase|order|visit|activity|review|return)\s+(?:is\s+|was\s+)?older than\s+(\d+\s+(?:days?|weeks?|months?))\b(?!\s+ago)",
                  r"\1 more than \2 ago", text)
    # "but did order before": the emphatic do is the plain past
    text = rx.sub(r"\b(?:did|do|does)\s+(order|buy|purchase|return|review|shop|view)\b",
                  lambda m: {"buy": "bought", "shop": "shopped", "view": "viewed", "purchase": "purchased", "return": "returned",
                             "review": "reviewed", "order": "ordered"}[m.group(1)], text)
    text = rx.sub(r"[\"']\s*((?:[<>]=?|=)\s*[€£$]?\d[\d.,]*)\s*[\"']", r"\1", text)  # net_spend: "> 100"
    # "returns: none", "reviews = 0": a count of zero
    text = rx.sub(r"\b(returns?|reviews?|orders?|purchases?|support messages?|messages?)(?:[ _](?:count|number|total))?\s*(?::|==|=)?\s*(?:none|zero|0|no)\b(?![.\d])", r"no \1", text)
    text = rx.sub(r"\s*[•·▪◦●]\s*", " ; ", text)  # bullets separate criteria
    text = rx.sub(r"(?:^|(?<=[:;,(]))\s*\*\s+(?=[a-z])|(?<![\d*])\s\*\s+(?=[a-z])", " ; ", text)  # "* A * B" typed on one line (never "4 * or more")
    # list numbers: "(1) bought X; (2) ...", "criteria: 1) ... 2) ..." (never "at least 4. thanks": a number before a full stop)
    # (but "(orders between 2 and 4) and …": a number closing an open bracket is the bracket's last word)
    text = rx.sub(r"(?:^|(?<=[;:—–]))\s*\(?\d{1,2}\)\s+(?=[a-z])|\s\(\d{1,2}\)\s+(?=[a-z])|(?<=\s)\d{1,2}\)\s+(?=[a-z])",
                  lambda m: m.group(0) if _closes_bracket(text, m) else " ; ", text)
    text = _numbered_items(text)
    text = rx.sub(r"\s*(?:->|-->|—>|→|=>(?=\s*[a-z]))\s*", ", ", text)  # "audience -> 1+ returns": an arrow, not a comparison
    text = _any_lists(text)
    text = text.replace("★", " stars ").replace("⭐", " stars ").replace("≠", " not ").replace("!=", " not ")
    # words that only say zero counts too ("at most 1 return (or none)"): a count of at most N includes zero anyway
    text = rx.sub(r"\(\s*(?:or none|or never|including none|incl\.? none|none counts|zero counts|zero included|"
                  r"(?:and|but) (?:have|has) (?:left|written|given) (?:some|at least one)|"
                  r"(?:including|incl\.?) (?:those|people|customers|anyone) who (?:have )?never (?:bought|ordered|purchased)(?: anything)?|"
                  r"(?:(?:people|customers|those|anyone) who (?:have )?never (?:bought|ordered)(?: anything)?|(?:never|non)[- ]?(?:buyers|ordered|orderers))"
                  r" (?:counts?|counted|are counted|counting) as (?:zero|0)|(?:never|non)[- ]?(?:buyers|ordered|orderers|purchasers) (?:included|count|counted|too)|"
                  r"(?:people|customers|those|anyone) (?:with|having|who have) (?:no|zero|0) (?:orders|purchases|returns|reviews|messages)"
                  r"(?: counts?| are included| included| are in)?(?: too| as well| also)?)\s*\)", " ", text)
    text = rx.sub(r",?\s*\b(?:including|incl\.?|even|and also) (?:those|people|customers|anyone|the ones) (?:who (?:have )?never "
                  r"(?:ordered|bought|purchased)(?: anything)?|with (?:no|zero|0) orders)\b", " ", text)
    # "who order from Spain", "buying from us from outside France": buyers of a country (a country is known from purchases)
    text = rx.sub(r"(?<!placed )(?<!made )(?<!an )(?<!the )\b(?:buy|buys|buying|order|ordering|shop|shops|shopping|purchase|purchasing)\s+"
                  r"(?:(?:from|with)\s+us\s+)?from\s+(?=(?:outside|within)\b)", "buyers ", text)
    text = _without_annotations(text)
    # "net spend (purchases minus returns)", "spent 50 in total, net of returns": the definition of net spend, not an exclusion
    text = rx.sub(r"\(\s*(?:i\.?e\.?,?\s*)?(?:purchases|orders|sales|spend|spending|revenue|what they bought)\s+(?:minus|less|net of|after|without)\s+(?:their\s+)?returns?\s*\)", " ", text)
    text = rx.sub(r",?\s*\b(?:net of|less|minus|deducting|after deducting|after subtracting)\s+(?:their\s+|any\s+)?returns\b", " after returns", text)
    # "spent over 150 net of refunds for returned items": how net spend is counted, no return of its own
    text = rx.sub(r"\b(net of|after|minus|less)\s+(?:all\s+|any\s+|their\s+)?(refunds|returns)\s+(?:for|on|of)\s+(?:the\s+)?(?:returned|refunded)\s+"
                  r"(?:items|products|goods|orders|purchases)\b", r"\1 \2", text)
    text = rx.sub(r"\b(?:not|excluding|except)\s*\(([^()]*)\)", r"not \1", text)  # "NOT (bought Whiskerwood)"
    text = rx.sub(r"\b(?:anything|anywhere|everywhere|any country|somewhere|someplace)\s+(?:but|except|other than|else than)\b", "outside", text)
    # "lapsed (no purchase in 90 days)": a label with its definition in brackets is the definition
    text = rx.sub(r"\b(?:lapsed|active|at[- ]risk|new|dormant|inactive|loyal|vip|high[- ]value|churned|engaged|"
                  r"big spenders?|high spenders?)(\s+(?:customers|buyers|shoppers|users|clients|people))?\s*\(([^()]*)\)",
                  lambda m: f"{m.group(1) or ''} {m.group(2)} ", text)
    text = rx.sub(r"\(([^()]*\w[^()]*\bor\b[^()]*\w[^()]*)\)", r" either \1 ", text)  # "A & (B or C)": the or-group
    text = rx.sub(r"\s*[()]\s*", " , ", text)
    text = rx.sub(r"\s+\|\s+", " , ", text)
    text = rx.sub(r"\s+\+\s+(?=\D)", " and ", text)
    text = rx.sub(r"\b(?:with\s+(?:a\s+)?)?country\s+(?:not|is not|isn't|other than)\s+", "outside ", text)  # "country ≠ NL"
    text = rx.sub(r"\bcountry\s*(?:=|:|==)\s*", "in ", text)
    text = _distribute_exclusions(text)
    # "minus those who", "apart from the customers who", "other than those who": the complement of what follows
    text = rx.sub(r"\b(?:minus|apart from|other than|except for|with the exception of|but not)\s+(?=(?:the\s+)?(?:those|ones|people|customers|clients|shoppers|users|anyone)\b)",
                  "excluding ", text)
    # "customers who did A, as well as those who did B": a union
    # "customers who did A and customers who did B", "anybody who A, and separately anybody who B": two groups named
    # each with its own head noun are listed side by side, a union (one head with two clauses is "and")
    union = r"(?:\b(?:as well as|plus|along with|together with|and also|and(?:\s+(?:separately|then|additionally))?)|[;,]\s*(?:equally|likewise|similarly),?)"
    # "… are to be listed, and so are customers from France": the second group is added, whatever follows its noun
    text = rx.sub(r",?\s*\b(?:and so|as)\s+(?:are|do|have|should|will|would)\s+(?=(?:all\s+)?(?:those|the ones|anyone|anybody|everyone|"
                  r"everybody|(?:the\s+)?(?:customers?|people|shoppers?|clients?|users?))\b)", " or ", text)
    if rx.search(r"\b(?:overlap\w*|intersect\w*|in common|common to|(?:in|on|among|to)\s+both|both\s+(?:groups|lists|sets|segments))\b", text):
        union = r"\b(?:as well as|plus|along with|together with)"  # "the overlap between customers who A and customers who B"
    text = rx.sub(rf"\s*,?\s*{union}\s+"
                  r"(?=(?:all\s+|every\s+|each\s+|any\s+)?(?:those|the ones|any|anyone|anybody|everyone|everybody|"
                  r"(?:the\s+)?(?:customers?|people|shoppers?|clients?|users?))\s+(?:who|with|that|whose)\b)",
                  " or ", text)
    # "no fewer than 3": at least (the "fewer than" inside it is not the comparison)
    text = rx.sub(r"\b(?:no|not)\s+(?:fewer|less|lower)\s+than\b|\bnot\s+(?:below|under)\b(?=\s+[€£$]?\d)", "at least", text)
    text = rx.sub(r"\b(?:no|not)\s+(?:more|greater|higher)\s+than\b|\bnot\s+(?:above|over)\b(?=\s+[€£$]?\d)", "at most", text)  # "is not above 12"
    # "ordered before but not in the last 60 days": the verb the second half leaves out
    text = rx.sub(r"\b(bought|ordered|purchased|shopped|returned|reviewed)\b(\s+(?:something\s+|anything\s+|from us\s+)?(?:before|something|anything))\s*,?\s+but\s+not\s+(?=(?:in|within|during|over|since|after|on or after)\b)",
                  r"\1\2 but not \1 ", text)
    return text


_KEPT_BRACKETS = re.compile(r"\d|\bor\b|^\s*(?:not|excluding|except|excl|exc|ex|minus|without|no|bar|incl|including|or none|or never)\b|"
                            r"\bnone\b|\bany\b|\bmatch|;|\||\b(?:excluded|not included|left out)\s*$")


_BUYERS_ONLY = re.compile(r"(?:(?:buyers|purchasers|paying customers)\s+only|only\s+(?:buyers|purchasers|paying customers|"
                          r"(?:people|those|customers|ones)\s+who\s+(?:have\s+)?(?:bought|ordered|purchased)(?:\s+(?:something|anything))?))")


def _without_annotations(text: str) -> str:
    """A bracket after a stated condition that explains it ("browsed X but never bought it (viewed, no purchase)",
    "outside Spain (buyers only, Spain excluded)", "(Tailwind Pet is a brand)", "(lapsed buyers)") adds nothing to
    read: it goes. Brackets that carry numbers, an "or" or a "not" stay, and so does one after a customer noun
    ("customers (in Germany) who …"), where it restricts."""
    def each(match: re.Match[str]) -> str:
        inside, before = match.group(1), text[:match.start()].split()
        if _BUYERS_ONLY.fullmatch(inside.strip()):
            return ", buyers only "  # "(buyers only)" names the audience: customers who bought, whatever else it says
        clause = rx.split(r"[.;:,\n]", rx.sub(r"\([^()]*\)", " ", text[:match.start()]))[-1].split()
        after = text[match.end():]
        if len(clause) < 3 or not rx.match(r"\s*(?:$|[.,;:—–-]|\(|(?:and|or|but|plus|also|excluding|leaving)\b)", after):
            return match.group(0)  # "Criteria (bought X; 3+ orders)", "customers (in Germany) who …": the bracket is the request
        if not before or _KEPT_BRACKETS.search(inside) or rx.fullmatch(
                r"(?:customers?|people|shoppers?|buyers?|users?|clients?|everyone|anyone|those|ones|lapsed|active|at-risk|"
                r"dormant|inactive|loyal|vip|new|churned|engaged|not|excluding|except|without|and|or|but|who|with)", before[-1]):
            return match.group(0)
        return " "

    return rx.sub(r"\(([^()]{1,80})\)", each, text)


def _in_list(match: re.Match[str]) -> str:
    """"country NOT IN ('France', 'Spain')" -> "outside france or spain"; "category IN ('kitchen', 'books')" -> "bought kitchen or
    books"; other fields keep their words with the items joined by "or"."""
    field, negated = match.group(1).strip().replace("_", " "), bool(match.group(2))
    items = " or ".join(i.strip(" '\"") for i in match.group(3).split(",") if i.strip(" '\""))
    if "country" in field or "countries" in field:
        return f" {'outside' if negated else 'in'} {items} "
    if rx.search(r"\b(?:category|categories|brand|brands|product|products)\b", field):
        return f" {'never bought' if negated else 'bought'} {items} "
    return f" {field} {'not ' if negated else ''}{items} "


_SUBJECT_END = re.compile(r"\b(?:who|that|which|they|people|customers|everyone|anyone|users|shoppers|buyers|clients|those|ones|also|"
                          r"never|ever|i|we|you|not|and|or|but|yet|only|already|still|either|both|to|would|should|must|excluding|except|exclude|minus|"
                          r"without|plus|if|when|whether)\s*$|[;,:.(]\s*$|\bwhose(?:\s+[a-z]+){1,3}\s*$")  # "whose reviews have been": its subject


def _run_on(text: str, match: re.Match[str]) -> str:
    return match.group(0) if _SUBJECT_END.search(text[:match.start()]) else " and "


def abbreviations(text: str) -> str:
    """Typed shorthand in full words: "w/ 3+ orders", "w/o returns", "excl.", "ex-FR", "L30D", "45d", "ppl"."""
    text = rx.sub(r"(?<![a-z])'([^']{3,80})'(?![a-z])", r"\1", text)  # a quoted name: 'annotated paperback gardening guide'
    text = rx.sub(r"\bteh\b", "the", text)
    text = rx.sub(r"(?<=[a-z]) n (?=[a-z])", " and ", text)  # "active in the last 3 weeks n bought something"
    text = rx.sub(r"\bw/o\b", "without", text)
    text = rx.sub(r"\bbt\b(?=\s+(?:have|has|had|not|never|no|did|didn't|haven't|hasn't|are|is|were|was|only|also|with|without|who)\b)", "but", text)  # "bt have not"
    text = rx.sub(r"\bw/(?=\s|\w)", "with ", text)
    text = rx.sub(r"\b(?:ppl|ppls)\b", "people", text)
    text = rx.sub(r"\b(?:sth|smth|smthg|s/th)\b", "something", text)
    text = rx.sub(r"\band\s*/\s*or\b", "or", text)
    text = rx.sub(r"(?<=\w)\s*/\s*(?=[a-z])", " or ", text)  # "Aurelle buyers / GER only" (after w/ and w/o)
    text = rx.sub(r"\b(?:excl|exc|excld)\b\.?|\bexcluding\b:?", "excluding", text)
    text = rx.sub(r"\bincl\b\.?(?=\s)", "including", text)
    text = rx.sub(r"\bex-(?=[a-z])", "excluding ", text)  # "buyers ex-FR"
    # "L30D", "l12w": the analytics shorthand for a trailing window
    text = rx.sub(r"\bl(\d+)\s*([dwmy])\b", lambda m: f"last {m.group(1)} {_SHORT_UNIT[m.group(2)]}", text)
    text = rx.sub(r"\b(last|past|previous|this)\s+(?:wk)\b", r"\1 week", text)
    text = rx.sub(r"\b(last|past|previous|this)\s+(?:mo|mth)\b", r"\1 month", text)
    text = rx.sub(r"\b(\d(?:\.\d)?)\s*\*(?=\s|$|[,.;])", r"\1 stars", text)  # "1*", "5 *"
    text = rx.sub(r"\b(?:custs?|cust\.)(?=\s|$)", "customers", text)
    text = rx.sub(r"\b(\d+)\s*d\b", r"\1 days", text)
    text = rx.sub(r"\b(\d+)\s*(?:wk|wks)\b", r"\1 weeks", text)
    text = rx.sub(r"\b(\d+)\s*(?:mo|mos|mth|mths)\b", r"\1 months", text)
    text = rx.sub(r"\b(\d+)\s*(?:yr|yrs)\b", r"\1 years", text)
    text = rx.sub(r"\s+(?=(?:have|has)\s+(?:ordered|bought|purchased|returned|reviewed|looked|viewed|placed|spent|made|been|given|left|sent|"
                  r"contacted|never)\b)", lambda m: _run_on(text, m), text)  # "who have no reviews have ordered X": two conditions
    text = rx.sub(r"\bavg\.?(?=\s)", "average", text)
    return text


def _closes_bracket(text: str, match: re.Match[str]) -> bool:
    """The match's ")" closes a bracket opened before it (not a list number's own bracket)."""
    if match.group(0).lstrip().startswith("("):
        return False
    before = text[:match.start()]
    return before.count("(") > before.count(")")


def _numbered_items(text: str) -> str:
    """"1. first seen … 2. at least one review 3. no returns": list numbers counting 1, 2, 3 … separate criteria;
    a lone number before a full stop ("at least 4. thanks") is left alone."""
    marks = list(rx.finditer(r"(?:^|(?<=[\s:;]))(\d{1,2})\.\s+(?=[a-z])", text))
    numbers = [int(m.group(1)) for m in marks]
    if len(marks) < 2 or numbers != list(range(1, len(marks) + 1)):
        return text
    for mark in reversed(marks):
        text = f"{text[:mark.start()]} ; {text[mark.end():]}"
    return text


_ANY_LIST = re.compile(
    r"(?:\(\s*(?:or|any(?:\s+(?:one|1))?(?:\s+of)?(?:\s+(?:is enough|will do|suffices))?|match(?:ing)?\s+any(?:\s+of)?)\s*\)"
    r"|\b(?:(?:plus|and|also)\s+)?(?:(?:if|who|that|which)\s+)?(?:(?:match(?:es|ing)?|meet(?:s|ing)?|satisf(?:y|ies|ying)|with)\s+)?"
    r"(?:any(?:\s+(?:one|1))?|one or more|1 or more|at least (?:one|1)|either|whichever|one)\s+of\s*(?:the\s+)?"
    r"(?:following|these|those|below|them)?\s*(?:criteria|conditions|rules|filters|things|categories|classes|descriptions|cases)?(?=\s*[:\-—=(])"
    r"|\bmatch(?:ing)?\s+any(?=\s*:))"
    r"\s*(?:\([^()]*\)\s*)?[:\-—=]?\s*(?P<items>[^.]*?)(?=\.\s|\.$|$)")


def _any_lists(text: str) -> str:
    """"Customers matching any of the following: A; B", "Criteria (match ANY): A | B", "Rules (OR): A | B": the
    items are alternatives. Not after a verb of its own ("bought any of these brands: ...")."""
    def each(match: re.Match[str]) -> str:
        if rx.search(r"\b(?:bought|buy|purchased|ordered|returned|reviewed|viewed|rated)\s*$", text[:match.start()]):
            return match.group(0)
        items = [item.strip() for item in rx.split(r"\s*[;|]\s*|\s+/\s+|\s+or\s+|\s*,\s*or\s+", match.group("items")) if item.strip()]
        return " and either " + " or ".join(items) + " " if len(items) > 1 else match.group(0)

    return _ANY_LIST.sub(each, text)


_EXCLUDE_LIST = re.compile(r"\b(?:exclude[sd]?|exclusions?|excluding|must not|do not include|don't include|but not|screen(?:ed)? out|ineligible|not eligible|"
                           r"terminate(?:\s+if)?|disqualif(?:y|ied)(?:\s+if)?|drop if|remove if|leave off)\s*:\s*"
                           r"(?P<items>[^.]*?)(?=\.\s|\.$|\b(?:include|must|nice to have|and include)\b|$)")


_NOTHING = re.compile(r"(?:none|n/?a|nil|nothing|no(?:ne)? exclusions?|not applicable|none (?:for|this time|on|in) [a-z ]{0,20}|no)")


def _distribute_exclusions(text: str) -> str:
    """"Exclude: based in Spain; returned anything" leaves out both: the list's separators do not end it."""
    def each(match: re.Match[str]) -> str:
        items = [item.strip() for item in rx.split(r"\s*;\s*|(?<!\d)\s+or\s+(?=\D)(?!(?:more|fewer|less|higher|lower|above|below|over|under|better|worse)\b)", match.group("items")) if item.strip()]
        items = [item for item in items if not _NOTHING.fullmatch(item.strip(" .-"))]  # "Exclusions: none for this one"
        return " ".join(f", excluding {item}" for item in items) + " "

    return _EXCLUDE_LIST.sub(each, text)

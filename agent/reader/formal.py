"""The wording of rules, terms and policies put plainly: defined terms ("'Reviewer' means a customer who …", used later
by name), references to other clauses ("subject to clause 3", "notwithstanding clause 2"), the formulas of eligibility
("is open to", "shall be deemed eligible if and only if", "for the avoidance of doubt") and exceptions said the formal
way ("save where the customer has …", "excepting only those who", "… shall not be eligible"). General English of
contracts and terms, run on the lower-cased request before the rest of ``framing``."""

from __future__ import annotations

import re

from agent.reader import regex as rx

_NOUN = r"(?:(?:a|an|any|each|every|the)\s+)?(?:customers?|persons?|account\s+holders?|accounts?|shoppers?|members?|clients?|users?|individuals?|people)"
# '"reviewer" means a customer who has written a review', 'the term "lapsed buyer" refers to customers whose …'
_DEFINITION = re.compile(r"(?:(?:the\s+)?(?:term|expression|phrase)\s+)?(?:[\"“'‘](?P<term>[a-z][a-z0-9 &'-]{1,40}?)[\"”'’]|"
                         r"(?:^|(?<=[.;:\n])\s*|(?<=\bdefinitions:)\s*)(?P<bare>[a-z][a-z0-9-]*(?:\s+[a-z0-9-]+){0,3}?)(?=\s+(?:shall\s+mean|means|is\s+defined\s+as)\b))\s*"
                         r"(?:\([^()]*\)\s*)?(?:shall\s+mean|means|refers\s+to|is\s+defined\s+as|denotes|shall\s+refer\s+to|is|are)\s*:?\s*"
                         rf"{_NOUN}(?:\s+of\s+the\s+(?:shop|store|company|promoter|business))?\s+(?P<rel>who|that|whose|with|having|based|living|located)\b(?P<body>(?:[^;.\n]|\.(?=\d))*?)"
                         r"\s*(?=[;\n]|\.(?!\d)|,?\s+and\s+(?:the\s+(?:term|expression)\s+)?[\"“'‘]|$)")
_NUMBER_WORD = re.compile(r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                          r"nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine|hundred|thousand))?")
# one clause's words: never across a comma or a group named anew ("customers with 3 orders, save that customers in …")
_ONE_CLAUSE = r"(?:(?!\b(?:customers|those|anyone|anybody|save|except|provided)\b)(?:[^;.\n,]|\.(?=\d)))+?"
_REFERENCE = (r"(?:clauses?|sections?|paragraphs?|articles?|sub-?clauses?|items?|points?|rules?|schedules?|annex(?:es)?)\s*"
              r"\(?[0-9ivx]+(?:\.[0-9]+)*\)?(?:\s*\([a-z0-9ivx]+\))*(?:\s+(?:above|below|hereof))?")


def plain_terms(text: str) -> str:
    """``text`` with its defined terms replaced by their definitions and the formulas of rules put plainly."""
    text = rx.sub(r"(?:^|(?<=[.;:\n])|(?<=[.;:\n]\s))\s*(?:clause|section|article|paragraph|rule|schedule)\s+[0-9ivx]+(?:\.\d+)*\s*[:.)—–-]", " ; ", text)
    # "(b) the customer either: (i) has returned an item; or (ii) has …": the sub-items are the choice, one item of the list
    text = rx.sub(r"\beither\s*:\s*", "either ", text)
    text = rx.sub(r"\beither\s+((?:(?!\.\s|\.$)[^\n])*)",
                  lambda m: "either " + rx.sub(r"\s*;\s*(or)\b", r" \1", rx.sub(r"\(\s*(?:i{1,3}|iv|vi{0,3}|ix|x|[a-h]|\d)\s*\)\s*", " ", m.group(1))), text)
    text = _deemed_each(text)
    # "2. Eligibility 2.1 A customer is …", "3.2(a)": a clause's number, never an amount
    text = rx.sub(r"(?:^|(?<=[.;:\n)])|(?<=[.;:\n)]\s))\s*\d{1,2}(?:\.\d{1,2})+\.?(?:\s*\([a-z0-9]{1,4}\))?(?=\s)", " ; ", text)
    text = rx.sub(r"(?<=\s)\d{1,2}(?:\.\d{1,2})+\.?(?=\s+(?:the|a|an|each|every|any|all|customers?|persons?|account|eligib\w*|exclusions?|definitions?|scope)\b|"
                  r"\s*\((?:[a-h]|i{1,3}|iv|vi{0,3})\)\s)",
                  " ; ", text)
    text = rx.sub(r"\bthe\s+following\s+(?:persons|customers|people|account\s+holders|accounts|individuals)\s+(?:shall\s+)?(?:qualify|are\s+eligible|be\s+eligible|"
                  r"are\s+included|shall\s+be\s+(?:eligible|included))\s*:?", " ; ", text)
    # "Notwithstanding the foregoing, customers based in Spain shall also be eligible": a group added to the one before
    text = rx.sub(rf"(?:{_NOUN}|those|anyone|anybody)\s+(?P<rest>(?:who|that|whose|with|based|living|located|resident|in|from)\b[^;.\n]*?)\s+"
                  r"(?:shall|will|are|is|may)\s+also\s+(?:be\s+)?(?:eligible|included|entitled|qualify|listed|admitted)\b[^;.\n]*",
                  r" or those \g<rest> ", text)
    text = _requirements(_defined_terms(text))
    text = rx.sub(rf"\b(?:subject\s+to|notwithstanding(?:\s+anything\s+(?:in|to\s+the\s+contrary\s+in)|\s+the\s+generality\s+of)?|pursuant\s+to|in\s+accordance\s+with|"
                  rf"as\s+(?:set\s+out|defined|described|provided)\s+in|without\s+prejudice\s+to|further\s+to)\s+{_REFERENCE}\s*,?", " ", text)
    # boilerplate of terms that selects nobody: "limit one voucher per customer", "no cash alternative", "the code expires on …"
    text = rx.sub(r"\b(?:limit(?:ed)?\s+(?:to\s+)?|maximum\s+(?:of\s+)?|max\.?\s+|only\s+)(?:one|1|\d+)\s+(?:vouchers?|codes?|coupons?|entry|entries|redemptions?|uses?|"
                  r"offers?|discounts?|prizes?)\s+per\s+(?:customer|household|person|account|order|transaction|entrant)\b", " ", text)
    text = rx.sub(r"\b(?:(?:the\s+)?(?:voucher|code|coupon|offer|prize)s?\s+(?:has|have|carries|carry)\s+)?no\s+cash\s+(?:value|alternative|equivalent)\b[^.;\n]*", " ", text)
    text = rx.sub(r"\b(?:the\s+)?(?:voucher|code|coupon|offer|promotion|prize)s?\s+(?:expires?|is\s+valid|are\s+valid|runs?|ends?|closes?)\s+(?:on|until|through|from|at)\b[^.;\n]*", " ", text)
    # "a registered address in Germany": where the customer is, no address asked for
    text = rx.sub(r"\b(?:an?\s+|their\s+|the\s+)?(?:registered|billing|shipping|delivery|home|postal)\s+address\s+(?:is\s+|located\s+)?(?=(?:in|within|outside)\s)", " based ", text)
    # recitals ("WHEREAS the criteria below have been reviewed and approved by Legal;") give the document's background, never a condition
    text = rx.sub(r"(?:\(\s*[a-z]\s*\)\s*)?\b(?:and\s+)?whereas\b(?:(?!\bnow\s*,?\s*therefore\b|\bit\s+is\s+(?:now\s+)?(?:hereby\s+)?(?:resolved|agreed)\b)[^;\n])*[;\n]?", " ; ", text)
    text = rx.sub(r"\b(?:now\s*,?\s*therefore\s*,?\s*)?(?:it\s+is\s+(?:now\s+)?(?:hereby\s+)?(?:resolved|agreed|determined)\s+(?:as\s+follows\s*:?|that)|now\s*,?\s*therefore\s*,?)", " ; ", text)
    # "during the 45 days immediately preceding the date of extraction", "… before the list is drawn": the data clock, as every window is
    text = rx.sub(r"\b(?:during|in|within|over)\s+the\s+(\d+)\s+(days?|weeks?|months?)\s+(?:immediately\s+)?(?:preceding|before|prior\s+to|up\s+to)\s+(?:the\s+)?"
                  r"(?:date\s+(?:of\s+(?:extraction|the\s+list|drawing|this\s+(?:list|instruction|request))|on\s+which\s+the\s+list\s+is\s+\w+)|list\s+date|extraction\s+date)", r" in the last \1 \2", text)
    text = rx.sub(r",?\s+(?:(?:on\s+or\s+)?(?:before|prior\s+to|preceding|as\s+at|as\s+of|at|on|up\s+to|until)\s+)?(?:the\s+(?:date|time|day|moment)\s+(?:on\s+|at\s+)?(?:which\s+)?)?"
                  r"(?:the\s+)?list\s+(?:is|was|shall\s+be|will\s+be)\s+(?:drawn|compiled|produced|prepared|run|pulled|generated|extracted)(?:\s+up)?\b", " ", text)
    # who receives the list and how it is described: "please supply the Marketing Team with a list of every customer so entitled"
    text = rx.sub(r"\b(?:please\s+)?(?:supply|provide|furnish|send|deliver|give|pass|forward)\s+(?:to\s+)?(?:the\s+)?(?:[a-z&']+\s+){0,3}?(?:team|office|department|function|unit|desk|officer|operations|secretariat)\s+"
                  r"with\s+(?:a|the)\s+(?:full\s+|complete\s+|definitive\s+)?list\s+of\s+(?:every|all|each|the)?\s*(?:[a-z]+\s+){0,2}?(?:customers?|account\s+holders?|persons?|people)"
                  r"(?:\s+(?:so\s+entitled|so\s+qualifying|so\s+eligible|included|eligible|concerned|qualifying|entitled))?", " ; ", text)
    text = rx.sub(r"\b(?:shall|will|must|is\s+to|are\s+to|to)\s+be\s+(?:sent|delivered|supplied|provided|given|furnished|passed|forwarded|emailed)\s+to\s+(?:the\s+)?(?:[a-z&']+\s+){0,3}?"
                  r"(?:team|office|department|function|unit|desk|officer|operations|secretariat)\b", " ", text)
    text = rx.sub(r",?\s*\bbeing\s+the\s+(?:persons|customers|account\s+holders|people)\s+(?:eligible|entitled|qualifying)\s+(?:for|to)\b[^.;\n]*", " ", text)
    text = rx.sub(r"\b(?:on|out\s+of)\s+(?:a|the)\s+(?:1\s*(?:-|to)\s*)?5[- ]star\s+scale\b", " ", text)
    # "every account holder included shall be someone who …": the condition on who is listed
    text = rx.sub(r"\b(?:every|each|any)\s+(?:customer|account\s+holder|person|record|entry|row)\s+(?:included|listed|on\s+the\s+list|in\s+the\s+(?:list|deliverable|file))\s+"
                  r"(?:shall|must|will|should)\s+(?:be|relate\s+to)\s+(?:someone|somebody|a\s+(?:customer|person)|an\s+account\s+holder)\s+", " customers ", text)
    # ", across the reviews they have written,": where an average rating comes from, no condition
    text = rx.sub(r",?\s*\b(?:across|over|from)\s+(?:all\s+)?(?:the\s+)?(?:reviews|ratings)\s+(?:they|he\s+or\s+she|the\s+customer)\s+(?:have|has)\s+(?:written|left|given|posted|submitted)\s*,?", " ", text)
    # "has most recently rated a product with a score of one star": the latest review's rating
    text = rx.sub(r"\b(?:has|have)\s+most\s+recently\s+(?:rated|reviewed|scored)\s+(?:a\s+product\s+|an?\s+item\s+|us\s+|something\s+)?(?:with\s+|at\s+)?(?:a\s+(?:score|rating)\s+of\s+)?",
                  " have a latest review rating of ", text)
    # boilerplate naming a place or a court, never the customers' country: "governed by the laws of England and Wales"
    text = rx.sub(r"\b(?:(?:these|the)\s+(?:terms|conditions|rules|promotion|agreement)(?:\s+and\s+conditions)?\s+(?:are|shall\s+be|is)\s+)?governed\s+by\s+(?:and\s+construed\s+in\s+accordance\s+with\s+)?"
                  r"(?:the\s+)?laws?\s+of\s+[^.;\n]*", " ", text)
    text = rx.sub(r"\b(?:subject\s+to\s+)?(?:the\s+)?(?:exclusive\s+|non-exclusive\s+)?jurisdiction\s+of\s+(?:the\s+)?courts?\s+of\s+[^.;\n]*", " ", text)
    # "four (4) stars": a number said in words and in figures is one number
    text = rx.sub(rf"\b(?:{_NUMBER_WORD.pattern})\s*\(\s*(\d+(?:\.\d+)?)\s*\)", r"\1", text)
    # "namely (1) those who … and (2) those who …": the list's numbers count nothing
    text = rx.sub(r"\b(?:namely|viz\.?|that\s+is(?:\s+to\s+say)?)\s*,?\s*(?=\(\s*(?:1|a|i)\s*\))", " ", text)
    # (lettered items "(a) … (b) …" stay: a statement may name them, "for whom (a) holds but (b) does not")
    text = rx.sub(r"(?:^|(?<=[\s;:,]))\(\s*[1-9]\s*\)\s+(?=(?:those|customers|account|persons?|any|each|the\s+customer|who|having|has|have|they)\b)", " ", text)
    text = rx.sub(r"\b(?:a|any)\s+(?:customer|person|account\s+holder)\s+(?:within|in|falling\s+within|meeting)\s+both\s+(?:categories|groups|limbs|criteria)\s+"
                  r"(?:should|shall|will|is\s+to)\s+(?:appear|be\s+listed|be\s+included)\s+(?:only\s+)?once\b", " ", text)
    # "the customers referred to in clause 2", "as referred to above": a cross-reference, no referral
    text = rx.sub(rf"\b(?:as\s+)?(?:referred|mentioned|described|defined|listed|set\s+out)\s+(?:to\s+)?(?:in\s+{_REFERENCE}|above|below|hereinafter|herein|earlier)\b", " ", text)
    text = rx.sub(r"\b(?:for\s+the\s+avoidance\s+of\s+doubt|it\s+is\s+(?:hereby\s+)?(?:agreed|declared|clarified)\s+that|notwithstanding\s+the\s+foregoing|"
                  r"for\s+the\s+purposes\s+of\s+this\s+(?:clause|policy|section|agreement|promotion|scheme))\s*,?", " ", text)
    # "save where the customer has returned an item, every customer who …": an exception fronted before the rule
    text = rx.sub(r"\b(?:save|except)\s+(?:where|when|in\s+(?:the\s+)?cases?\s+(?:of\s+customers\s+who|where))\s+(?:the\s+|a\s+|any\s+)?(?:customer|account\s+holder|person|member|shopper|they)\s+",
                  " excluding those who ", text)
    # (a bare "except" is left to ``exceptions``: after "drop all of them" or "exclude everyone" it keeps the group)
    text = rx.sub(r"\b(?:save|excepting)\s+(?:only\s+)?(?:for\s+)?(?=(?:those|the\s+ones|customers|persons|account\s+holders|anyone|any\s+customer)\b)",
                  " excluding ", text)
    # "customers who have returned anything shall not be eligible": those who do are left out
    text = rx.sub(rf"(?P<who>{_NOUN}|those|anyone|anybody)\s+(?P<rel>who|that|whose|with|based|living|located|resident)\s+(?P<cond>{_ONE_CLAUSE})\s+(?:shall|will|are|is|must)\s+"
                  r"(?:be\s+deemed\s+)?not\s+(?:to\s+)?(?:be\s+)?(?:eligible|included|entitled|qualif(?:y|ied)|permitted|counted|admitted)\b"
                  r"(?:\s*,?\s+unless\s+(?:they|he\s+or\s+she|the\s+customer|it)\s+(?P<aux>are|is|have|has|had|were|was)\s+(?P<rest>[^;.\n]+))?[^;.\n]*",
                  _left_out, text)
    text = rx.sub(rf"(?P<who>{_NOUN}|those|anyone|anybody)\s+(?P<rel>who|that|whose|with|based|living|located|resident)\s+(?P<cond>{_ONE_CLAUSE})\s+(?:shall\s+be|are|is|will\s+be)\s+"
                  r"(?:ineligible|excluded|disqualified)\b[^;.\n]*", r" excluding those \g<rel> \g<cond> ", text)
    # "no customer who has returned an item shall be eligible": those who have are left out
    text = rx.sub(rf"\bno\s+(?:customer|person|account(?:\s+holder)?|member|shopper|individual)\s+(?P<rel>who|that|whose|with|based|living|located|resident)\s+"
                  rf"(?P<cond>{_ONE_CLAUSE})\s+(?:shall|will|is|may|can)\s+(?:be\s+)?(?:deemed\s+)?(?:eligible|included|entitled|qualify|listed|admitted)\b",
                  r" excluding those \g<rel> \g<cond> ", text)
    # "shall be deemed not to be eligible where the customer has returned any item": those who have are left out
    text = rx.sub(r"\b(?:shall|will)\s+be\s+deemed\s+not\s+to\s+be\s+(?:eligible|qualifying|a\s+qualifying\s+[a-z ]{1,20}?)\s+(?:if|where|when|in\s+case)\s+"
                  r"(?:they|he\s+or\s+she|the\s+customer|the\s+account\s+holder|it)\s+", " excluding those who ", text)
    text = rx.sub(r"[;,]?\s*\botherwise\s*,?\s*", " , ", text)
    text = rx.sub(r"\b(?:save|except|provided)\s+that\s+(?=excluding\b|or\s+those\b)", " ", text)  # "…, save that customers in France shall not qualify"
    # "shall be deemed to be eligible if and only if they …", "is eligible provided that they …": the conditions themselves
    text = rx.sub(r"\b(?:shall|will)\s+be\s+deemed\s+(?:to\s+be\s+)?(?:eligible|qualifying|a\s+qualifying\s+[a-z ]{1,20}?)\s+(?:if\s+and\s+only\s+if|only\s+if|if|where|provided\s+that)\s+"
                  r"(?:they|he\s+or\s+she|the\s+customer|it)\s+", " who ", text)
    text = rx.sub(r"\bif\s+and\s+only\s+if\b", "if", text)
    return text


# "REQ-01 (Mandatory): the customer has bought X." / "C2: based in France;" and a formula over the ids ("Acceptance: REQ-01
# and not REQ-02"), or, without one, the tags: mandatory ones all hold, alternatives are a choice, exclusions are left out
_ID = r"(?:[a-z]{1,6}[-_.]?\d{1,3}[a-z]?|(?:criterion|condition|rule|requirement)\s+[a-z0-9]{1,3})"
_LABELLED = re.compile(rf"(?:^|(?<=[.;:\n])|(?<=[.;:\n]\s))\s*(?:(?:requirement|req|criterion|condition|rule|item|clause)\s+)?(?P<id>{_ID})\s*(?:\((?P<tag>[a-z /-]{{3,30}})\)|[-–—]\s*(?P<tag2>mandatory|exclusion|alternative|output|optional)\b)?\s*[:—–-]\s*"
                       r"(?P<body>(?:[^.;\n]|\.(?=\d))+?)\s*(?=[;\n]|\.(?!\d)|$)")
_FORMULA = re.compile(r"\b(?:acceptance(?:\s+criteri(?:on|a))?|selection(?:\s+logic)?|select|logic|formula|rule|combine|combination|audience|result|"
                      r"eligible\s+(?:if|where|when)|eligibility)\s*(?:is\s+)?[:=]\s*(?P<formula>[^.;\n]+)")
_SUBJECT = re.compile(r"^(?:(?:the|a|any|each)\s+)?(?:customer|account\s+holder|person|shopper|member|account)\s+(?:must\s+|shall\s+|should\s+)?(?:have\s+|has\s+|be\s+|is\s+)?")


def _as_clause(body: str) -> str:
    """"the customer has bought X" -> "who has bought X"; "based in France" -> "who are based in France"."""
    subject = _SUBJECT.match(body)
    if subject is not None:
        verb = rx.search(r"(have|has|be|is)\s+$", subject.group(0))
        return f"who {verb.group(1) if verb else ''} {body[subject.end():]}".replace("who be ", "who are ").replace("who is ", "who are ")
    if rx.match(r"(?:who|that|whose|with|without)\b", body):
        return body
    return f"who {body}" if rx.match(r"(?:has|have|had|is|are|was|were|did|does|bought|ordered|purchased|returned|reviewed|made|placed|spent|"
                                     r"left|gave|contacted|sent|lives?|never|not)\b", body) else f"who are {body}"


def _requirements(text: str) -> str:
    labelled = [m for m in _LABELLED.finditer(text) if not rx.fullmatch(r"\d+", m.group("id"))]
    if len(labelled) < 2:
        return text
    ids = {m.group("id"): m for m in labelled}
    formula = next((f for f in _FORMULA.finditer(text) if sum(bool(rx.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", f.group("formula"))) for i in ids) >= 2), None)
    kept = text
    for m in reversed(labelled):
        tag = (m.group("tag") or m.group("tag2") or "").strip()
        # what to hand over stays for the reader, without its label (contact details are declined wherever they are asked)
        handed = f" list {m.group('body')}" if "output" in tag or "deliverable" in tag else ""
        kept = kept[:m.start()] + " ; " + handed + kept[m.end():]
    if formula is not None:
        said = formula.group("formula")
        for i in sorted(ids, key=len, reverse=True):
            said = rx.sub(rf"(?<![\w-]){re.escape(i)}(?![\w-])", f" those {_as_clause(ids[i].group('body'))} ", said)
        start = kept.find(formula.group(0))
        return (kept[:start] + " customers " + said + kept[start + len(formula.group(0)):]) if start >= 0 else kept + " ; customers " + said
    must, either, leave = [], [], []
    for m in labelled:
        tag = (m.group("tag") or m.group("tag2") or "mandatory").strip()
        if "output" in tag or "deliverable" in tag:
            continue
        clause = _as_clause(m.group("body"))
        (leave if rx.search(r"exclu|must\s+not|disqualif|negative", tag) else either if rx.search(r"alternative|either|optional\s+group|any\s+of", tag) else must).append(clause)
    parts = [" and ".join(must)] if must else []
    if either:
        parts.append("either " + " or ".join(either) if len(either) > 1 else either[0])
    said = "customers " + " and ".join(p for p in parts if p) + "".join(f" , excluding those {c}" for c in leave)
    return said + " ; " + kept


def _left_out(match: re.Match[str]) -> str:
    """"… who has returned an item shall not be eligible": excluding them; "…, unless they are based in Spain": not (A and
    not B), said as "who either never A or B"."""
    if match.group("aux") and match.group("rel") in ("who", "that"):
        return f" , who either {_said_of('not ', match.group('cond'))} or {match.group('aux')} {match.group('rest')} "
    return f" excluding those {match.group('rel')} {match.group('cond')} "


_EACH_ELIGIBLE = re.compile(rf"(?:^|(?<=[.;\n])|(?<=[.;\n]\s))\s*{_NOUN}\s+(?P<rel>who|that|whose|with|based|living|located|resident)\s+(?P<cond>(?:[^;.\n]|\.(?=\d))+?)\s+"
                            r"(?:shall\s+(?:also\s+)?be\s+deemed\s+(?:to\s+be\s+)?|(?:is|are)\s+(?:also\s+)?|shall\s+(?:also\s+)?be\s+)(?:eligible|qualifying|included)\s*(?=[.;\n]|$)")


def _deemed_each(text: str) -> str:
    """"A customer who bought X shall be deemed eligible. A customer based in France shall be deemed eligible. No other customer
    shall be deemed eligible.": each sentence adds a group, so the list is either of them."""
    each = list(_EACH_ELIGIBLE.finditer(text))
    if len(each) < 2:
        return text
    groups = " or ".join(f"those {m.group('rel')} {m.group('cond')}" for m in each)
    for m in reversed(each):
        text = text[:m.start()] + " ; " + text[m.end():]
    text = rx.sub(r"\bno\s+other\s+(?:customer|person|account|account\s+holder)s?\s+(?:shall|will|is|are)\s+(?:be\s+)?(?:deemed\s+(?:to\s+be\s+)?)?(?:eligible|qualifying|included)\b", " ", text)
    return f"customers: {groups} ; {text}"


def _said_of(quantifier: str, verb: str) -> str:
    """A defined term's clause after "both / either / not": "not" + "has written a review" -> "has never written a review"."""
    if "not" not in quantifier:
        return f"{quantifier}{verb}"
    head, _, rest = verb.partition(" ")
    if head in ("has", "have", "had"):
        return f"{quantifier.replace('not', '').strip()} {head} never {rest}"
    if head in ("is", "are", "was", "were", "based", "living", "located", "with", "whose", "having"):
        return f"{quantifier}{verb}"
    return f"{quantifier.replace('not', '').strip()} never {verb}"


def _defined_terms(text: str) -> str:
    definitions = list(_DEFINITION.finditer(text))
    if not definitions:
        return text
    meaning = {(d.group("term") or d.group("bare")).strip(): f"{d.group('rel')}{d.group('body')}".strip() for d in definitions}
    for d in reversed(definitions):
        text = text[:d.start()] + " ; " + text[d.end():]
    text = rx.sub(r"\b(?:in\s+this\s+(?:policy|clause|section|document|agreement|brief|promotion|scheme)|(?:the\s+)?definitions?|as\s+used\s+(?:herein|below|in\s+this\s+\w+))\s*[,:]\s*(?=;)", " ", text)
    for term, clause in sorted(meaning.items(), key=lambda kv: -len(kv[0])):
        said = re.escape(term).replace(r"\ ", r"\s+")
        verb = rx.sub(r"^(?:who|that)\s+", "", clause) if clause.split()[0] in ("who", "that") else clause  # "has written a review"
        full = clause if clause.split()[0] in ("who", "that", "whose", "with", "having", "based", "living", "located") else f"who {clause}"
        text = rx.sub(rf"\b(?:(?P<be>is|are)\s+)?(?P<q>both\s+|either\s+|neither\s+|not\s+|but\s+not\s+)?(?P<det>each\s+|every\s+|all\s+|any\s+)?"
                      rf"(?:an?\s+|the\s+|a\s+member\s+of\s+|members\s+of\s+)?[\"“'‘]?{said}s?[\"”'’]?(?![a-z])",
                      lambda m: f" {m.group('det')}customer {full} " if m.group("det") and not m.group("be") and not m.group("q")
                      else f" {_said_of(m.group('q') or '', verb)} ", text)
    return text

"""Idioms in plain words, for the clause reader: negations ("have yet to", "lacking any", "rather than", "neither … nor"),
concessions that state no condition ("returned or not"), comparisons said another way ("exceeded 2", "more returns than
2", "reviews averaging below 3", "orders average over 40") and shop verbs in the present tense, read as the past tense the
frames were trained on. General English, each checked against every development question set."""

from __future__ import annotations

import re

from agent.reader import regex as rx
from agent.reader.talk import plain_talk, window_again
from agent.reader.wording import plain_wording

COUNTED = r"orders?|reviews?|returns?|times?|messages?|tickets?|purchases?|support messages?"  # nouns a number counts
_PARTICIPLE = {"leave": "left", "write": "written", "buy": "bought", "make": "made", "place": "placed", "give": "given",
               "send": "sent", "spend": "spent", "order": "ordered", "purchase": "purchased", "return": "returned",
               "review": "reviewed", "rate": "rated", "contact": "contacted", "visit": "visited", "view": "viewed", "browse": "browsed"}
_PAST = {**_PARTICIPLE, "write": "wrote", "give": "gave"}


def plain_idioms(text: str) -> str:
    """``text`` (lower case, numbers as digits) with the idioms above put plainly."""
    text = plain_talk(plain_wording(text))
    text = rx.sub(rf"\b(?:multiple|repeated)\s+({COUNTED}|items?|things?)\b", r"at least 2 \1", text)  # "purchased multiple times"
    text = rx.sub(r"\b(?:exceed(?:s|ed|ing)?|surpass(?:es|ed)?|went over|gone over|goes over|upwards of|north of)\s+(?=\d)", "more than ", text)
    text = rx.sub(r"\bsouth of\s+(?=\d)", "less than ", text)
    text = rx.sub(r"\bthe\s+(\d+(?:\.\d+)?)\s+mark\b", r"\1", text)  # "under the 100 mark"
    text = rx.sub(rf"\bdouble[- ]digit\s+({COUNTED})\b", r"at least 10 \1", text)
    # "at least 3 but no more than 5 orders", "fewer than 3 orders but more than 1": each bound with its noun
    bound = r"(?:at least|at most|more than|fewer than|less than|over|under|above|below)"
    text = rx.sub(rf"\b({bound})\s+(\d+)\s+(but|and)\s+({bound})\s+(\d+)\s+({COUNTED})\b", r"\1 \2 \6 \3 \4 \5 \6", text)
    text = rx.sub(rf"\b({bound})\s+(\d+)\s+({COUNTED})\s+(but|and)\s+({bound})\s+(\d+)(?!\s*(?:\.\d|[a-z]))", r"\1 \2 \3 \4 \5 \6 \3", text)
    # "any review below 4": a review compared with a number up to 5 is its rating ("fewer than 4 reviews" is a count)
    text = rx.sub(r"\b(reviews?|ratings?)\s+((?:below|under|above|over|lower than|higher than|less than|more than|of)\s+[1-5](?:\.\d)?)\b(?![\d.%]|\s*(?:stars?|or|and|times|reviews?))",
                  r"\1 \2 stars", text)
    # a concession states no condition: "returned or not", "even if they returned it", "regardless of returns", "returns included"
    text = rx.sub(r"(?:,\s*|\s+)(?:(?:even if|even though|whether or not|regardless of(?: whether)?|irrespective of|no matter (?:if|whether))\b[^,;.()]*"
                  r"|(?:returned|reviewed|bought|ordered|buyers|purchasers|reviewers|returners) or not|(?:returns?|reviews?) included|including (?:returns?|reviews?))(?=\s*(?:[,;.)]|$))", " ", text)
    text = rx.sub(r"\b(?:their\s+)?(?:orders?|baskets?)\s+average(?:s|d)?\b(?!\s+(?:order|basket|value|spend))", "average order value", text)  # "orders average over 40"
    text = rx.sub(r"\b([a-z]{2,})-(based|located)\b", r"\2 in \1", text)  # "uk-based" -> "based in uk"
    # "discovered our shop in the last 45 days": when they first came
    text = rx.sub(r"\b(?:discover(?:ed|s)?|found|came across|stumbled (?:up)?on)\s+(?:us|our (?:shop|store|site|website)|the (?:shop|store|site|website))\b",
                  "first visited the shop", text)
    # "been with us for less than 90 days": how long ago they first came, not when they were last seen
    tenure = r"\b(?:(?:have|has)\s+)?been\s+(?:with us|a customer|customers|around|shopping with us|buying from us)\s+for\s+"
    text = rx.sub(tenure + r"(?:less than|under|fewer than|at most|no more than|up to)\s+(\d+\s+(?:days?|weeks?|months?|years?))\b",
                  r"first seen in the last \1", text)
    text = rx.sub(tenure + r"(?:more than|over|at least|longer than|upwards of)\s+(\d+\s+(?:days?|weeks?|months?|years?))\b",
                  r"first seen more than \1 ago", text)
    text = rx.sub(r"\bnon-(?=[a-z]{4,}\s+(?:customers|shoppers|people|users|clients|buyers|accounts|purchasers|members|profiles|records|ones)\b)", "not ", text)  # "non-French customers"
    text = rx.sub(rf"\b(more|fewer|less)\s+({COUNTED})\s+than\s+(\d+)\b", r"\1 than \3 \2", text)  # "more returns than 2"
    text = rx.sub(r"\b(reviews?|ratings?|scores?)\s+averag(?:e|es|ed|ing)\s+(?=(?:below|under|above|over|less than|more than|at least|at most)\s+[1-5]\b)",
                  "an average rating ", text)  # "reviews averaging below 3": the rating, not a count
    # "reviews average 4 or more", "averaging between 3 and 4 stars": the rating averaged, not a count nor the extremes
    text = rx.sub(r"\b(?:(?:their\s+)?(?:reviews?|ratings?|scores?)\s+)?averag(?:e|es|ed|ing)\s+"
                  r"([1-5](?:\.\d)?\s+or\s+(?:more|higher|above|better|less|lower|below|worse)|between\s+[1-5](?:\.\d)?\s+and\s+[1-5](?:\.\d)?)\b(?:\s+stars?)?",
                  r"an average rating \1", text)
    # "averages at most 2.5 stars across their reviews", "averaging under 2 stars": the rating averaged, not the lowest
    text = rx.sub(r"\baverag(?:e|es|ed|ing)\s+((?:at most|at least|under|below|over|above|less than|more than|lower than|higher than|"
                  r"up to|exactly)\s+[1-5](?:\.\d)?)(?=\s+stars?\b|\s+(?:across|over|in|on)\s+(?:all\s+)?(?:their|his|her|the)\s+(?:reviews|ratings)\b)"
                  r"(?:\s+stars?)?(?:\s+(?:across|over|in|on)\s+(?:all\s+)?(?:their|his|her|the)\s+(?:reviews|ratings))?",
                  r"an average rating \1", text)
    # "reviews come out below 3 on average", "reviews are, on average, under 3 stars", "have been 2.5 or lower on
    # average": the rating averaged, not a count of reviews (nor a basket)
    text = rx.sub(r",\s*on\s+average\s*,", " on average", text)
    cmp = (r"(?:below|under|above|over|less than|more than|lower than|higher than|at least|at most)\s+[1-5](?:\.\d)?"
           r"|[1-5](?:\.\d)?\s+or\s+(?:lower|less|below|under|higher|more|above|over|better|worse)")
    text = rx.sub(rf"\b(?:their\s+)?(?:reviews?|ratings?|scores?)\s+(?:(?!and\b|or\b|but\b|on\b)[a-z]+\s+){{0,3}}?"
                  rf"(?:on\s+average\s+(?:(?!and\b|or\b|but\b)[a-z]+\s+){{0,2}}?({cmp})|({cmp})(?:\s+stars?)?\s+on\s+average)\b",
                  lambda m: f"an average rating {m.group(1) or m.group(2)}", text)
    # "whose worst review is at least 4", "best rating was a 5": the lowest / highest rating, not a count
    text = rx.sub(r"\b(?:worst|poorest|harshest|lowest)\s+(?:reviews?|ratings?|scores?)\b", "lowest rating", text)
    text = rx.sub(r"\b(?:best|kindest|highest)\s+(?:reviews?|ratings?|scores?)\b", "highest rating", text)
    text = rx.sub(r"\b(?:generated|brought in|bring in|brings in|made us)\s+(?=(?:more than|over|under|less than|at least|at most)\s+\d)", "spent ", text)
    text = rx.sub(r"(?<=\d)\s+in\s+(?:sales|revenue|turnover)\b", " in total", text)  # "spent over 300 in sales"
    # a shop verb in the present or bare form reads as the past the frames know: "who leave reviews" -> "who left reviews",
    # "did not write a review" / "have yet to leave a review" -> "have not written / left a review"
    verbs = "|".join(_PARTICIPLE)
    text = rx.sub(rf"\b(?:(?:did|do|does)\s+not|(?:have|has|are|is)\s+yet\s+to|yet\s+to)\s+({verbs})\b", lambda m: f"have not {_PARTICIPLE[m.group(1)]}", text)
    text = rx.sub(r"\b(?:have|has|are|is)\s+yet\s+to\s+|\byet\s+to\s+", "did not ", text)
    text = rx.sub(rf"\b(who|that)\s+((?:usually|often|regularly|sometimes|always|ever|consistently)\s+)?({verbs})s?\b",
                  lambda m: f"{m.group(1)} {m.group(2) or ''}{_PAST[m.group(3)]}", text)
    text = rx.sub(r"\black(?:s|ing|ed)?\s+(?:any\s+)?", "with no ", text)  # "lacking any reviews"
    # "customers who are buyers with net spend under 100": having bought is a condition of its own
    text = rx.sub(r"\b(?:who\s+are|that\s+are|are|being)\s+((?:paying\s+)?(?:buyers|purchasers|paying customers))\s+(?=with\s+(?:a\s+)?(?:net\s+|total\s+)?(?:spend|spending)\b)",
                  r"who have bought something and are \1 ", text)
    # "bought nothing from home office", "has returned nothing": the verb negated, its object anything
    text = rx.sub(r"\b(?:have\s+|has\s+)?(bought|ordered|purchased|returned|reviewed)\s+nothing\b", r"have not \1 anything", text)
    # "have not been in touch with support a single time": a negated clause's "1 time" is no count
    text = rx.sub(r"\b(not|never)\b([^,;.]{0,60}?)\s+(?:even\s+)?1 time\b", r"\1\2", text)
    text = rx.sub(r"\b(returns?|reviews?)-free\b|\bfree\s+of\s+(?:any\s+)?(returns?|reviews?)\b", lambda m: f"with no {m.group(1) or m.group(2)}", text)
    # "bought books rather than kitchen", "in France as opposed to Spain": the other one is left out
    text = rx.sub(r",?\s+\b(?:rather than|as opposed to)\s+(?!buy|purchas|order|getting|spend|view|brows|look)", " and not ", text)
    text = rx.sub(r"\bneither\b(?=.*?\bnor\b)", "not", text)  # "bought neither A nor B": not A, and not B
    text = rx.sub(r"\bnor\b", "or", text)
    # "reviewed the fashion things they bought", "returned kitchen items they had ordered": the object of a review or a
    # return is what they bought, so the clause restating it adds no condition of its own
    text = rx.sub(r"\b(review\w*|rated|rating|feedback|returned|sent back|refunded)((?:\s+(?!and\b|or\b|but\b|who\b|not\b)[\w&'-]+){1,6}?)"
                  r"\s+(?:that\s+|which\s+)?(?:they|he|she)\s+(?:had\s+|have\s+|has\s+)?(?:bought|ordered|purchased|got)(?:\s+from\s+us)?\b",
                  r"\1\2", text)
    # "who gave ratings that are all 2 stars or lower": every rating they gave is within the bound
    text = rx.sub(r"\b(?:who|that)\s+(?:have\s+|has\s+)?(?:gave|given|left|written|wrote|posted|submitted)\s+(ratings|reviews|scores)\s+"
                  r"(?:that|which)\s+(?:are|were|have\s+been)\s+all\b", r"whose \1 are all", text)
    text = rx.sub(r"\b(who|they|we|you|i)'(ve|re)\b", lambda m: f"{m.group(1)} {'have' if m.group(2) == 've' else 'are'}", text)
    return window_again(_viewed_not_bought(text))


_VIEWED_THEN_NOT = re.compile(
    r"\b(?P<v>viewed|looked at|browsed|checked out)\s+(?P<what>[^,;.]{1,60}?)\s+(?:but|and|yet)\s+(?:(?:did\s+not|didn't|have\s+not|has\s+not|"
    r"haven't|hasn't|never)\s+(?:buy|bought|purchase|purchased|order|ordered))\s*(?:anything|any|it|them|one|a thing)?"
    r"(?:\s+(?:from\s+|in\s+|of\s+)?(?P<again>(?:(?!\b(?:and|or|but|yet)\b)[^,;.]){1,40}?))?(?:\s+(?:in|during|within|over)\s+(?:(?:that|this|those)(?:\s+same)?|the\s+same)\s+"
    r"(?:time|period|window|span|days|weeks))?"
    r"(?=\s*(?:[,;.)]|$|\s+(?:and|or|but)\b))")


def _viewed_not_bought(text: str) -> str:
    """"looked at kitchen items in the last 14 days but didn't buy anything from kitchen in that time": browsed without
    buying, in that window (the second naming of what was viewed and "that time" restate the first)."""
    def one(match: re.Match[str]) -> str:
        again = (match.group("again") or "").strip()
        anaphor = rx.fullmatch(r"(?:it|them|that|this|those|these|there|(?:that|this|the same)(?:\s+(?:category|brand|product|range|kind|type|section|"
                               r"department|one|ones|stuff|things?|items?))?)", again)
        if again and not anaphor and not set(rx.findall(r"[a-z&]{3,}", again)) & set(rx.findall(r"[a-z&]{3,}", match.group("what"))):
            return match.group(0)  # viewed one thing, did not buy another: two conditions
        return f"{match.group('v')} {match.group('what')} without buying"

    text = rx.sub(r"\b(bought|purchased|ordered)\s+(?:none|nothing)\s+of\s+(?:it|them|that|those)\b", "did not buy it", text)
    text = rx.sub(r"\b(?:bought|purchased|ordered)\s+nothing\b", "did not buy anything", text)
    # "browsed beauty in the last 3 weeks with no beauty purchase in that window": the purchase that did not happen
    text = rx.sub(r"\b((?:viewed|looked at|browsed|checked out)\s+[^,;.]{1,60}?)\s*,?\s+(?:with|but|and|yet)\s+no\s+"
                  r"((?:(?!\b(?:and|or|but)\b)[^,;.]){1,40}?)\s+(?:purchases?|orders?|buys?|buying)\b", r"\1 but did not buy \2", text)
    return _VIEWED_THEN_NOT.sub(one, text)

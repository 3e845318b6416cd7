"""Everyday and international wording of the shop's measures, times and people, put in the words the clause frames
read (text in lower case, numbers as digits, money without its currency). Money: "net turnover (returns
subtracted)", "once refunds are taken off", "less than 150 net in total", "from 25 until 40", "made purchases adding
up to under 120" (a buyer), "counting people who never bought anything" / "zero included" (no condition). Places:
"whose orders come from a country different of Spain", "have their orders coming from". People: "a past buyer",
"customers which did buy". Times: "nothing since 60 days", "5. September 2026", "first visit on
2026-07-12 or later", "place at least one order in the last 56 days", "during last 28 days", "buyers (last 30
days)", "in the same time that" (also), "haven't ordered in the last 45 days (but did order before that)" (see
``lapsed_buyers``). Activity and reviews: "with any activity (visit, order, anything)", "have shown any activity at
all", "shown up on the site", "top out at 3 stars in every review", "left feedback (a review) on", "returned at
least one thing", "reviewers with 3 or more reviews". General English and the common habits of people who write it
as a second language; none of it names the shop's vocabulary."""

from __future__ import annotations

import re

from agent.reader import regex as rx


_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_PEOPLE = r"customers|clients|shoppers|users|people|persons|buyers|members|ones|those"
_ACTIVITY = r"(?:an?\s+|any\s+)?(?:visits?|orders?|purchases?|views?|reviews?|returns?|logins?|clicks?|sessions?|messages?|searche?s?)"
# "once refunds are taken off", "once you take away": "once" that joins a clause is no count
ONCE_JOINS = r"(?=\s+(?:refunds?|returns?|you|we|they|i|it|that|this|those|these|all|everything|everyone|the|an?)\b)"


def plain_wording(text: str) -> str:
    """``text`` with the wording above put plainly."""
    # "(visit, order, anything)": examples of what counts as activity (brackets may already be commas here)
    text = rx.sub(rf"[(,]\s*(?:(?:{_ACTIVITY})\s*(?:,|\bor\b|/)\s*){{1,6}}(?:anything|any event|whatever|etc\.?)\s*[),]", " ", text)
    text = rx.sub(rf"\bonce{ONCE_JOINS}", "after", text)
    # "(counted before any returns)", "gross of refunds": the order value as ordered, no condition on returns
    text = rx.sub(r"[(,]?\s*\b(?:(?:counted|calculated|computed|measured|taken|figured|valued)\s+(?:before|ignoring|without\s+deducting)|before\s+(?:deducting|subtracting)|"
                  r"gross\s+of|not\s+net\s+of)\s+(?:any\s+)?(?:returns?|refunds?)(?:\s+(?:are|were|is)\s+(?:deducted|subtracted|taken\s+off))?\s*\)?", " ", text)
    text = rx.sub(r"\(\s*before\s+(?:any\s+)?(?:returns?|refunds?)\s*\)", " ", text)
    # "spent short of 500", "strictly above 3.5": the bound said plainly
    text = rx.sub(r"\b(?:just\s+)?short\s+of\s+(?=[€$£]?\s*\d)", "less than ", text)
    text = rx.sub(r"\bstrictly\s+(?=(?:above|over|more|greater|higher|below|under|less|fewer|lower)\b)", "", text)
    # money: "net turnover", "net revenue", "(returns subtracted)", "returns deducted": the net spend, after returns
    text = rx.sub(r"\bnet\s+(?:turnover|revenue|sales|takings|spending|spendings|purchases)\b", "net spend", text)
    text = rx.sub(r"(?<!spent )(?<!spend )(?<!spends )(?<!spending )\b(?:(?:for|with|of)\s+)?(less|more)\s+than\s+(\d+(?:\.\d+)?)\s+net"
                  r"(?:\s+in\s+total)?\b(?!\s+of\b)", r"with net spend \1 than \2", text)
    deducted = r"[(,]?\s*\b(?:returns?|refunds?)\s+(?:subtracted|deducted|taken off|removed|netted off|netted out|taken out)\b\s*[),]?"
    text = rx.sub(deducted, " " if rx.search(r"\bnet\b", text) else " after returns ", text)  # "net" says it already
    text = rx.sub(r"\bfrom\s+(\d+(?:\.\d+)?)\s+(?:until|till|til|up to)\s+(\d+(?:\.\d+)?)\b", r"between \1 and \2", text)
    # "made purchases adding up to under 120": a buyer, and what they spent net
    text = rx.sub(r"\b(?:(?:have|has)\s+)?(?:made|placed)\s+(?:purchases|orders)\s+(?:adding up to|that add up to|totall?ing|that total|worth|"
                  r"amounting to)\s+(?=(?:under|less than|below|at most|no more than)\b)", "have ordered and have a net spend ", text)
    # "its buyers with a net spend below 150": buyers, and what they spent net (said of one group, it stays with it)
    text = rx.sub(r"\b(?:buyers|purchasers)\s+(?:with|whose)\s+(?:an?\s+)?(?:net\s+spend|total\s+spend|spend|net\s+spending)\s+(?:is\s+|of\s+)?"
                  r"(?=(?:below|under|less\s+than|at\s+most|no\s+more\s+than|<)\s*[€$£]?\s*\d)", "customers who have ordered and have a net spend ", text)
    # "counting people who never bought anything": the bound takes in those with nothing, no condition of its own
    text = rx.sub(r",?\s*\b(?:counting|including|incl\.?|with)\s+(?:(?:people|customers|those|shoppers|anyone)\s+who\s+(?:have\s+)?(?:never|not)\s+"
                  r"(?:bought|ordered|purchased)(?:\s+anything)?|non-?\s?(?:buyers|purchasers|customers|spenders))(?:\s+(?:as\s+)?(?:0|zero))?\b", " ", text)
    text = rx.sub(r",?\s*\(?\s*\b(?:people|customers|those|shoppers|anyone)\s+(?:who\s+(?:have\s+)?(?:never|not)\s+(?:bought|ordered|purchased)(?:\s+anything)?|"
                  r"with\s+no\s+(?:purchases|orders))\s+(?:count(?:ed|s)?|are\s+counted|included|are\s+included)(?:\s+(?:as|at))?\s*(?:0|zero)?\s*\)?", " ", text)
    text = rx.sub(r",?\s*\(?\s*\b(?:non-?buyers|zero-?spenders|0-?spenders|zero|0|(?:also\s+)?(?:zero|0))\s+(?:included|count(?:s|ed)?(?:\s+too)?|counted|too)\b\s*\)?",
                  " ", text)  # "(zero counts)", "non-buyers included", "0 included": a bound that takes in nothing said
    text = rx.sub(r"[(,]\s*(?:in\s+the\s+)?(last|past)\s+(\d+)\s+(days?|weeks?|months?)\s*[),]", r" in the \1 \2 \3 ", text)  # "buyers (last 30 days)"
    # "the trailing 30-day window", "a rolling 8-week period": the last N days
    text = rx.sub(r"\b(?:an?\s+|the\s+)?(?:trailing|rolling|last|past|previous)\s+(\d+)[- ](day|week|month)s?\s+(?:window|period|lookback|time\s*frame|range)\b",
                  r"the last \1 \2s", text)
    text = rx.sub(r"\bsingle[- ](?:order|purchase)\b", "one-time", text)
    text = rx.sub(r"\brepeaters\b", "repeat customers", text)
    text = rx.sub(rf"\b([a-z]{{2,3}})-(based|located)\s+({_PEOPLE}|accounts|profiles|records)\b", r"\3 \2 in the \1", text)  # "US-based accounts"
    # "the previous 14 days", "(also zero)", "no review at all", "ordered something", "without to buy", "all 3 together"
    text = rx.sub(r"\b(in|within|during|over)\s+the\s+previous\s+(?=\d|week\b|month\b|fortnight\b)", r"\1 the last ", text)
    text = rx.sub(r"[(,]\s*(?:also|including|incl\.?|even)\s+(?:zero|0|none)\s*[),]", " ", text)
    text = rx.sub(r"\b(no|zero|0)\s+(reviews?|returns?|orders?|purchases?|messages?)\s+at\s+all\b", r"no \2", text)
    text = rx.sub(r"\b(?:ordered|purchased)\s+something\b", "bought something", text)
    text = rx.sub(r"\bwithout\s+to\s+(?:buy|order|purchase)\b", "without buying", text)
    text = rx.sub(r"[,;—–-]*\s*\b(?:all|both)\s+(?:(?:2|3|4|two|three|four)\s+)?together\b", " ", text)
    text = rx.sub(r"\b(?:kindly\s+)?revert\s+(?:back\s+)?with\s+(?:the\s+|a\s+)?(?:list|names|ids)\s+of\s+", " ", text)
    # "at least one order but fewer than 3": both bounds on the same count
    text = rx.sub(r"\bat\s+least\s+(\d+)\s+(order|return|review)s?\s+(?:but|and|yet)\s+(fewer|less)\s+than\s+(\d+)\b(?!\s+(?:order|return|review)s?)",
                  r"at least \1 \2s and \3 than \4 \2s", text)
    # "within our garden decor buyers", "among our fashion reviewers": the group named by what they did
    text = rx.sub(r"\b(?:within|among|amongst|from\s+among)\s+(?:our|the)\s+([a-z&]+(?:\s+[a-z&]+){0,2}?)\s+(buyers|purchasers|reviewers|returners)\b",
                  lambda m: "and who " + {"buyers": "bought", "purchasers": "bought", "reviewers": "reviewed", "returners": "returned"}[m.group(2)] + " " + m.group(1), text)  # "repeaters in ES": customers with more than one order
    # "w/o returns", "with no tickets", "LTV > 500": the plain names of the same facts
    text = rx.sub(r"\bwithout\s+(?:any\s+)?(returns|reviews|orders|purchases)\b(?!\s+(?:of|from|in|on|for)\b)", r"with no \1", text)
    text = rx.sub(r"\b(with\s+(?:no|zero|0)|without(?:\s+any)?)\s+(?:support\s+)?tickets\b", "with no support messages", text)
    text = rx.sub(r"\b(?:an?\s+)?(?:ltv|clv|customer\s+lifetime\s+value|lifetime\s+value)\b(?:\s+of)?", "net spend", text)
    # "books-buying customer accounts": the customers who bought books
    text = rx.sub(rf"\b([a-z&]+)-(?:buying|purchasing|ordering|shopping)\s+(?:customer\s+)?({_PEOPLE}|accounts|profiles|records)\b", r"\2 who bought \1", text)  # "single-order customers": exactly one order
    # "the CRM's one-time customers", "our database's buyers": where the list lives, not who is on it
    text = rx.sub(r"\b(?:the|our|my)\s+(?:crm|database|db|system|platform|customer\s+base|records)'s\s+", " ", text)
    # "non-UK accounts": the customers outside the country a code names
    # ("the" only before a code that is also a word, "outside the us"; "the fr" is not a country's code)
    text = rx.sub(rf"\bnon-([a-z]{{2,3}})\s+(?:customer\s+)?({_PEOPLE}|accounts|profiles|records)\b",
                  lambda m: f"{m.group(2)} outside {'the ' if m.group(1) == 'us' else ''}{m.group(1)}", text)
    text = _records(text)
    # people named by what they never did: "non-reviewers", "non-returners (zero returns)", "non-purchasers of kitchen"
    text = rx.sub(r"\bnon-?\s?(?:buyers|purchasers|shoppers|customers)\s+of\b", "customers who never bought", text)
    text = rx.sub(r"\bnon-?\s?(reviewers|returners|buyers|purchasers|orderers|complainers)\b",
                  lambda m: "customers who never " + {"reviewers": "reviewed anything", "returners": "returned anything",
                                                       "complainers": "contacted support"}.get(m.group(1), "bought anything"), text)
    # "with the absence of any kitchen purchase", "marked by the absence of returns": none
    text = rx.sub(r"\b(?:(?:with|by|and|plus|combined\s+with|in\s+combination\s+with)\s+)?(?:an?\s+|the\s+)?(?:complete\s+|total\s+)?(?:absence|lack)\s+of\s+(?:any\s+)?",
                  lambda m: ("and " if rx.match(r"(?:and|plus|combined|in)\b", m.group(0)) else "") + "with no ", text)
    # "an order count of 2 to 5": how many orders
    quantity = (r"(?:(?:at\s+least|at\s+most|more\s+than|fewer\s+than|less\s+than|over|under|above|below|between|from|exactly)\s+)?\d+"
                r"(?:\s+(?:or\s+(?:more|fewer|less|above|below|higher|lower)|(?:to|and|-)\s+\d+))?(?:\s+inclusive)?")
    text = rx.sub(rf"\b(?:(and|or)\s+)?(?:with\s+|showing\s+|having\s+|by\s+)?(?:an?\s+|their\s+)(order|return|review|support\s+message|ticket)\s+count\s+(?:of\s+)?({quantity})\b",
                  lambda m: f"{m.group(1) or ''} with {m.group(3)} {m.group(2)}s", text)
    text = rx.sub(r"\b(whose|with|their|an?|the|showing|having)\s+(order|return|review|support\s+message|ticket)\s+count\b",
                  lambda m: f"{'a' if m.group(1) in ('a', 'an') else m.group(1)} number of {m.group(2)}s", text)
    # "unseen within the last 7 days": not seen, said of the customers
    text = rx.sub(r"\b(?:(?:who\s+)?(?:have|has)\s+(?:been|gone)\s+|(?:who\s+)?(?:are|were|is|was)\s+|(?:,\s*)?)unseen\b", " who have not been seen", text)
    text = rx.sub(r"\b(?:reviewers|returners)\s+with\s+(?=(?:at\s+least|more\s+than|over|\d+\s+or\s+more|\d+\s*\+))", "those with ", text)
    # where they order from is where they are
    text = rx.sub(r"\b(?:whose\s+orders\s+(?:come|are|ship|go|are sent)|(?P<who>who)\s+(?:order|orders|shop|buy)|ordering|shopping|buying)\s+from\s+"
                  r"(?:(?:a\s+country|somewhere|anywhere)\s+(?:different\s+(?:of|from|than|to)|other\s+than|except|besides)|(?:a\s+)?outside)\s+",
                  lambda m: "who are based outside " if m.group("who") else "based outside ", text)
    text = rx.sub(r"\b(?:have|has)\s+(?:their|his|her)\s+orders\s+(?:coming|come|shipped|sent|delivered)\s+from\s+", "have orders from ", text)
    text = rx.sub(r"\b(returned|bought|ordered|purchased|reviewed|sent back)\s+at\s+least\s+(?:1|one)\s+(?:thing|item|product|article)s?\b", r"\1 something", text)
    text = rx.sub(rf"\b(?:whose\s+orders\s+(?:come|are|ship|go|are sent)|(?P<who>{_PEOPLE})\s+(?:ordering|shopping))\s+from\s+"
                  r"(?!(?:us|our|a|an|any|every)\b)(?!the\s+(?:shop|store|site|website|app|brand|category|same)\b)", lambda m: f"{m.group('who') or ''} based in ", text)
    # "have made purchases while based outside France": where they are; "with a purchase history": a buyer
    text = rx.sub(r"\b(?:(?:have|has)\s+)?(?:made|make|making|placed|placing)\s+(?:purchases|orders|a\s+purchase|an\s+order)\s+while\s+(?=(?:based|living|located|in|from|outside)\b)",
                  "are ", text)
    text = rx.sub(r"\bhas\s+(?=(?:bought|ordered|purchased)\s+from\s+us\b)", "have ", text)  # as the plural says it
    text = rx.sub(r"\b(?:with|having)\s+(?:a|any)\s+purchase\s+history\b", "who bought something", text)
    # people: "a past buyer", "customers which did buy"
    text = rx.sub(r"\b(?:is|are)\s+(?:a\s+)?past\s+(?:buyers?|customers?|purchasers?)\b", "bought something", text)
    # "an earliest recorded activity on the Shop falling on or after D": first seen then
    text = rx.sub(r"\b(?:(?:who\s+)?(?:have|has|had)|with)\s+(?:an?\s+|their\s+)?(?:earliest\s+(?:recorded\s+|known\s+|logged\s+)?|first\s+(?:recorded|known|logged)\s+)(?:activity|event|interaction|visit|appearance|record)"
                  r"(?:\s+(?:on|with|at|in)\s+(?:the\s+)?(?:shop|store|site|website|us))?\s+(?:falling|that\s+falls|which\s+falls|being|which\s+is|dated|that\s+is)?\s*(?=(?:on\s+or\s+after|after|before|since|on|prior\s+to)\b)",
                  " who were first seen ", text)
    # "… in the last 30 days but not bought any item from it during that same period": the window said before
    window = r"(?:in|within|during|over)\s+the\s+(?:last|past|previous)\s+(?:\d+|[a-z]+(?:[- ][a-z]+)?)\s+(?:days?|weeks?|months?)"
    month = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
    said = (rf"{window}|since\s+(?:\d{{4}}-\d{{2}}-\d{{2}}|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:\s+\d{{4}})?|"
            rf"{month}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|{month}(?:\s+\d{{4}})?)")

    def same_window(match: re.Match[str]) -> str:  # the window said last before it
        before = list(rx.finditer(said, text[:match.start()]))
        return before[-1].group(0) if before else match.group(0)

    text = rx.sub(r"\b(?:in|during|within|over|for)\s+(?:that|this|the\s+same|that\s+same)\s+(?:period|window|timeframe|time\s+frame|span|stretch)\b(?!\s+(?:of|since))",
                  same_window, text)
    # "who have, in the last thirty days, looked at X but not bought …": the window fronted between commas belongs to the verb
    text = rx.sub(rf"\b(have|has)\s*,?\s*({window})\s*,?\s*((?:looked|viewed|browsed|bought|purchased|ordered|returned|reviewed)\b[^,;.]*?)(\s+but\s+)", r"\1 \3 \2\4", text)
    # "has spent, after returns, less than 75", "a total spend after returns are deducted of": net spend
    amount = r"(?=(?:of\\s+)?(?:less|more|fewer|under|over|below|above|at\\s+(?:least|most)|no\\s+(?:more|less)|exceeding|in\\s+excess|[<>€$£]|\\d))"
    text = rx.sub(r"\b(?:have|has)\s+spent\s*,?\s*(?:after|net\s+of)\s+(?:all\s+)?returns\s*(?:are\s+deducted|are\s+taken\s+off)?\s*,?\s*" + amount, " have a net spend of ", text)
    text = rx.sub(r"\b(?:an?\s+)?total\s+spend\s*,?\s*(?:after|net\s+of)\s+(?:all\s+)?returns\s*(?:are\s+deducted|are\s+taken\s+off)?\s*,?\s*(?:of\s+)?" + amount, " a net spend of ", text)
    # "bought something before but none in the last 14 days": no purchase in that window
    text = rx.sub(r"\bbut\s+none\s+(?=(?:in|during|within|over)\s+the\s+(?:last|past|previous)\s+\d)", "but have not bought anything ", text)
    text = rx.sub(r"\b(?:has|have|had)\s+(?:previously\s+)?(?:bought|purchased|ordered)\s+(?:something\s+|anything\s+)?from\s+(?:the\s+shop|the\s+store|the\s+company)\b"
                  r"(?!\s+(?:in|within|during|since|over|after|before)\b)", " have ordered before", text)
    # "who has a recorded order country of France", "(as the country recorded on their orders)": their country
    text = rx.sub(r"\b(?:who\s+)?(?:has|have|with)\s+(?:a|an)\s+(?:recorded\s+)?order\s+country\s+(?:of|that\s+is|which\s+is)\s+", " who are based in ", text)
    text = rx.sub(r"\(?\s*\b(?:as|being)\s+the\s+country\s+recorded\s+(?:on|for|against)\s+their\s+orders\s*\)?", " ", text)
    # "placed orders whose average value is at least 100": an average order value
    text = rx.sub(r"\b(?:have\s+|has\s+)?(?:placed\s+)?orders\s+(?:whose|with\s+an?|that\s+have\s+an?|of\s+an?)\s+average\s+(?:value|amount|size|total|basket)\s+(?:is\s+|of\s+|that\s+is\s+)?",
                  " have an average order value of ", text)
    # "made at least one purchase since 4 Oct": bought something since then
    text = rx.sub(r"\b(?:made|placed|had)\s+(?:at\s+least\s+(?:one|1)|one|1|a|an|any)\s+(?:purchase|order)s?\s+(?=(?:since|after|on or after)\b)", "bought something ", text)
    # "audience = recent purchasers (last 90 days)": buyers named with only a time are those who bought in it
    text = rx.sub(r"(?:^|(?<=[=:;,] )|(?<=\b(?:our|all|the|any) ))(?:(?:recent|active)\s+)?(?:buyers|purchasers)\s+"
                  r"(?=(?:in|within|during|over)\s+(?:the\s+)?(?:last|past|previous)\s+\d+\s+(?:days?|weeks?|months?)\b)",
                  "customers who bought something ", text)
    text = rx.sub(rf"\b({_PEOPLE})\s+which\s+(?=(?:did|do|does|have|has|had|are|is|were|was|bought|ordered|purchased|returned|reviewed|gave|"
                  r"wrote|sent|made|placed|spent|came|come|live|lives|visited|viewed|looked|never|not)\b)", r"\1 who ", text)
    text = rx.sub(r"\b(?:which|that)\s+(?=(?:did|do|does)\s+(?:buy|order|purchase)\b)", "who ", text)
    text = rx.sub(r"\b(?:did|do|does)\s+(?:buy|order|purchase)\b(?=\s*(?:[,;.]|$|\s+(?:but|and|yet|however|with)\b))", "bought something", text)
    text = rx.sub(r"\b(?:but\s+)?nothing\s+(?:since|for)\s+(\d+)\s+(days?|weeks?|months?)\b", r"but have not bought anything in the last \1 \2", text)
    # times: "during last 28 days", "5. september 2026", "on 2026-07-12 or later", "at least one order in the last 56 days"
    text = rx.sub(r"\b(in|during|within|over|for)\s+last\s+(?=\d|days?\b|weeks?\b|months?\b)", r"\1 the last ", text)
    text = rx.sub(rf"\b(\d{{1,2}})\.\s+(?={_MONTH}\b)", r"\1 ", text)
    text = rx.sub(rf"\b(?:(?:on|from|since)\s+)?((?:\d{{4}}-\d{{2}}-\d{{2}}|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{1,2}}"
                  r"(?:st|nd|rd|th)?(?:,?\s+\d{4})?))\s+(?:or\s+later|or\s+after|onwards|and\s+later|and\s+after)\b", r"since \1", text)
    text = rx.sub(r"\b(?:place[sd]?|make|makes|made|have\s+(?:made|placed)|has\s+(?:made|placed))\s+at\s+least\s+1\s+(?:order|purchase)s?\s+"
                  r"(?=(?:in|within|during|over)\s+the\s+(?:last|past|previous)\b)", "bought something ", text)
    text = rx.sub(r"\b(?:(?:have|has|had)\s+)?(?:shown|had|showed)\s+(?:any\s+)?activity(?:\s+(?:at\s+all|of\s+any\s+kind))?(?:\s+with\s+us)?", "were active", text)
    text = rx.sub(r"\b(?:(?:have|has|had)\s+)?(?:shown|showed|turned)\s+up\s+on\s+(?:the|our)\s+(?:site|shop|store|website)(?:\s*[(,]\s*any\s+activity\s*[),])?",
                  "visited the site", text)
    text = rx.sub(r"\s+on\s+my\s+desk(?:\s+(?:today|tomorrow|by\s+\w+|asap))?\b", " ", text)  # "… on my desk today": when, not who
    text = rx.sub(r"\bwith\s+any\s+activity\b", "who were active", text)
    # "have done anything at all with us (browsing included)": any activity; "browsing" may already read "viewed"
    text = rx.sub(r"\b(?:(?:have|has|had)\s+)?(?:done|did)\s+(?:anything|something)(?:\s+at\s+all)?\s+(?:with|on|at)\s+(?:us|the\s+(?:shop|store|site)|our\s+(?:shop|store|site))\b",
                  "were active", text)
    text = rx.sub(r"[(,]\s*(?:just\s+)?(?:browsing|viewed|viewing|visits?|views?)(?:\s+only)?\s+(?:included|counts?|counted|too)\s*[),]", " ", text)
    text = rx.sub(r"\btop(?:s|ped)?\s+out\s+at\s+(\d(?:\.\d)?)\s*stars?(?:\s+in\s+every\s+review(?:\s+(?:they|he|she)\s+(?:wrote|left|gave|posted))?)?",
                  r"whose highest rating is at most \1", text)  # "top out at 3 stars in every review they wrote"
    text = rx.sub(r"\b(?:left|leave|leaves|given|gave|give|gives|written|wrote|posted)\s+feedback\s*(?:\(\s*an?\s+review\s*\)|,\s*an?\s+review\s*,)?\s+"
                  r"(?:on|for|about)\b", "reviewed", text)  # "left feedback (a review) on a fashion item"
    # "and in the same time that buy …": at the same time, i.e. also (not a window said again)
    text = rx.sub(r"\b(?:and\s+)?(?:in|at)\s+the\s+same\s+time\s*,?\s+(?=(?:that|who|which|they|whose|with)\b)", " and ", text)
    return text


def lapsed_buyers(text: str) -> str:
    """"haven't ordered in the last 45 days (but did order before that)": their last order is older than that. Runs
    before brackets are read, since the bracket says the buyer part."""
    return rx.sub(r"\b(?:have\s+not|haven't|has\s+not|hasn't|did\s+not|didn't)\s+(?:ordered|bought|purchased|order|buy|purchase)(?:\s+anything)?\s+"
                  r"(?:in|within|during|over)\s+the\s+(?:last|past)\s+(\d+)\s+(days?|weeks?|months?)\s*[(,]?\s*(?:but|though|yet)\s+(?:they\s+)?"
                  r"(?:did|have|has)\s+(?:order|ordered|buy|bought|purchase|purchased)(?:\s+something)?\s+(?:before|earlier|previously)(?:\s+that|\s+then)?\s*\)?",
                  r"last ordered more than \1 \2 ago", text)


def _records(text: str) -> str:
    """How a customer's records are named in reports: "views of X but zero X purchases", "…, both within the last 30 days"
    (the window of both), "a first-seen date of D or later", "a most recent order date falling since D", "whose first
    activity predates D", "a country of record of Spain", "a net spend (after returns) of", "a purchase history including
    X", "a browsing history including X but a purchase history without it", "X viewers", "review-free accounts", "despite at least one purchase", "with (no) activity during the last week", "lapsed buyers
    with no order in 45 days" (the definition said, no stage of its own); and the words that only name the list
    ("extraction of all", "— the complete set", "within our entire customer base", "qualifying as either")."""
    text = rx.sub(r"\b(?:zero|0)\s+(?=(?:(?!(?:or|and|but|a|an|the)\b)[a-z&]+\s+){0,3}?(?:purchases?|orders?|returns?|reviews?|messages?|tickets?|buys)\b)", "no ", text)
    text = rx.sub(r",?\s*\bboth\s+(?=(?:within|during|in|since|over|from|after)\b)", " ", text)
    text = rx.sub(r"\s*[,—–-]*\s*\b(?:the\s+)?(?:complete|full|whole|entire)\s+(?:set|roster|list|audience)\b", " ", text)
    text = rx.sub(r"\s*[,—–-]*\s*\b(?:list|output)\s+required\b|\s*[,—–-]+\s*for\s+the\s+campaign\s+(?:file|list|sheet)\b", " ", text)
    text = rx.sub(r"\b(?:within|among|across|from\s+among|in)\s+(?:our|the)\s+(?:entire\s+|full\s+|whole\s+)?customer\s+(?:base|records|database)\b", " ", text)
    text = rx.sub(r"\b(?:extraction|selection|identification|retrieval|isolation|compilation)\s+of\s+(?:all\s+)?", "all ", text)
    text = rx.sub(r"\b(?:counting|qualifying|classed|classified)\s+as\s+(?=(?:both|either)\b)", " who are ", text)
    text = rx.sub(r"\b(?:counting|qualifying|classed|classified)\s+as\s+(?=all\s+of\b)", " ", text)
    text = rx.sub(r"\bnon-((?:united|south|north|new|czech|saudi|sri|hong|costa|el|puerto|dominican)\s+[a-z]+)\s+"
                  rf"({_PEOPLE}|accounts|profiles|records)\b", r"\2 outside the \1", text)  # "non-United Kingdom buyers"
    text = rx.sub(r"\b(?:with|having)\s+at\s+least\s+(?:1|one)\s+(?:order|purchase)\s+(?=(?:in|within|during|over)\s+the\s+(?:last|past|previous|most\s+recent)\b)",
                  "who bought something ", text)
    # dates of record
    text = rx.sub(r"\b(first[- ]seen|first\s+(?:visit|activity)|last[- ]seen|(?:most\s+recent|last|latest)\s+(?:order|purchase))\s+date\s+(?:of\s+|falling\s+|that\s+falls\s+|which\s+falls\s+)?",
                  lambda m: m.group(1).replace("-", " ") + " ", text)
    text = rx.sub(r"\bpredates?\b|\bpredating\b", "is before", text)
    text = rx.sub(r"\bpostdates?\b|\bpostdating\b", "is after", text)
    text = rx.sub(r"\bnewcomers\s+(?:from|since|as\s+of)\s+", "customers first seen since ", text)
    text = rx.sub(r"\b(?:(?:having|with)\s+)?(either\s+)?(?:an?|their|the)\s+country\s+of\s+(?:record|residence)\s+(?:of|is|being|in)\s+",
                  lambda m: f"{m.group(1) or ''}based in ", text)
    text = rx.sub(r"\bnet\s+spend\s*[(,]\s*(?:after|net\s+of|minus)\s+(?:returns|refunds)\s*[),]", "net spend", text)
    # histories
    text = rx.sub(r"\b(?:a|their)\s+(?:browsing|viewed|viewing)\s+history\s+(?:including|that\s+includes|with)\s+(.{1,40}?)\s+but\s+(?:a|their)\s+purchase\s+history\s+without\s+(?:it|them)\b",
                  r"views of \1 but no \1 purchase", text)
    text = rx.sub(r"\b(?:an?|their)\s+(?:purchase|order)\s+history\s+(?:including|that\s+includes|containing|with)\s+", "purchases of ", text)
    text = rx.sub(r"\bwith\s+((?:(?!\bwith\b)[^,;:]){1,60}?)\s+in\s+their\s+(?:purchase|order)\s+history\b", r"who bought \1", text)
    text = rx.sub(r"\b([a-z&]+(?:\s+&\s+[a-z]+)?)\s+viewers\s+(?:with\s+no|without\s+(?:an?\s+|any\s+)?)\s*\1\s+purchases?\b", r"customers who viewed \1 but did not buy it", text)
    text = rx.sub(r"\b([a-z&]+(?:\s+&\s+[a-z]+)?)\s+viewers\b(?=\s+(?:with|who|without|but))", r"customers who viewed \1", text)
    # "a net spend below 200 (buyers only)": the buyers' net spend, said of that one condition
    text = rx.sub(r"\b(?:with\s+)?(?:an?\s+)?net\s+spend\s+((?:below|under|less\s+than|of\s+less\s+than|at\s+most)\s+\d+(?:\.\d+)?)\s*[(,]\s*buyers\s+only\s*[),]?",
                  r"who have ordered and have a net spend \1 ", text)
    text = rx.sub(rf"\b(review|return|order|purchase|ticket|complaint)-free\s+({_PEOPLE}|accounts|profiles|records)\b", r"\2 with no \1s", text)
    text = rx.sub(r"\bdespite\s+(?:at\s+least\s+(?:1|one)|a|an)\s+(?:purchase|order)\b", " and with at least 1 order", text)
    # activity
    text = rx.sub(r"\bwith\s+(no\s+)?activity\s+(?=(?:during|in|within|over)\s+the\s+(?:last|past)\b)", lambda m: "who were not active " if m.group(1) else "who were active ", text)
    text = rx.sub(r"\b(in|during|within|over)\s+the\s+(?:last|past)\s+week\b", r"\1 the last 7 days", text)
    # "lapsed buyers with no order in the last 45 days": the definition is the condition
    return rx.sub(rf"\blapsed\s+({_PEOPLE}|accounts)\s+(?=(?:with|who|that)\s+(?:have\s+|had\s+)?(?:no|not|made\s+no|placed\s+no)\s+(?:orders?|purchases?|bought|ordered)\b)",
                  r"\1 ", text)

"""The shorthand of CRM and analytics work put plainly: support counted as "CS contacts" or "tickets", "days since last
seen <= 14", "US-based", "(0 for non-buyers)", "// suppress: nobody", "- for the CRM push", "lapsed 60d+ (last order over 60
days ago)", "heavy support users (4+ tickets)". Run on the lower-cased request before the layout is read."""

from __future__ import annotations

from agent.reader import regex as rx


_SINCE = {"<=": "in the last", "<": "in the last", ">=": "more than", ">": "more than"}


def plain_crm(text: str) -> str:
    """``text`` with CRM shorthand said in words (see the module)."""
    # support counted: "CS contacts", "customer service tickets" are support contacts, tickets; "a support ticket" is contacting support
    text = rx.sub(r"\b(?:cs|cx|customer\s+service|customer\s+care|customer\s+support|helpdesk|help\s+desk)\s+(?=(?:contacts?|tickets?|requests?|cases?|chats?|msgs?)\b)",
                  "support ", text)
    text = rx.sub(r"\b(?:cs|cx)\s+(?=team|agents?|department)", "support ", text)
    text = rx.sub(r"\bwith\s+(?:a|any|one|at\s+least\s+one)\s+support\s+(?:message|ticket|contact|request|case|chat)\b", "who contacted support", text)
    text = rx.sub(r"(?:\bwithout|\bw/o|\bno|\bzero)\s+(?:a\s+single\s+|any\s+|one\s+)?support\s+(?:messages?|tickets?|contacts?|requests?|cases?|chats?)\b",
                  "who never contacted support", text)
    # "purchased last 60d", "ordered L30D": a window said without its preposition
    text = rx.sub(r"\b(purchased|bought|ordered|returned|reviewed|viewed|browsed|active|seen)\s+(?=(?:last|past)\s+\d+\s*(?:d|days?|w|wks?|weeks?|months?)\b)", r"\1 in the ", text)
    # "days since last seen <= 14": seen in the last 14 days; "> 60": more than 60 days ago
    text = rx.sub(r"\bdays?\s+since\s+(?:the\s+)?(?:last\s+(?:seen|visit|activity|event|active|login|session)|(?:they\s+were\s+)?last\s+seen)\s*(<=|<|>=|>)\s*(\d+)",
                  lambda m: f"last seen {_SINCE[m.group(1)]} {m.group(2)} days" + (" ago" if m.group(1).startswith(">") else ""), text)
    # "last seen no more than 30 days ago": seen within them
    text = rx.sub(r"\b(last\s+(?:seen|active|visited))\s+(?:at\s+most|no\s+more\s+than|not\s+more\s+than|less\s+than|under|within)\s+(\d+\s+(?:days?|weeks?|months?))\s+ago\b",
                  r"\1 in the last \2", text)
    text = rx.sub(r"\b(us|uk)-based\b", r"based in the \1", text)
    text = rx.sub(r"\b([a-z]{2,})-based\b", r"based in \1", text)
    # "(0 for non-buyers)", "(non-buyers incl.)": how net spend counts those who never bought, no condition of its own
    text = rx.sub(r"\(\s*(?:(?:0|zero)\s+for\s+)?(?:non|never)[- ]?(?:buyers|orderers|purchasers|customers)(?:\s+(?:incl(?:uded|\.)?|count(?:ed)?\s+as\s+(?:0|zero)|"
                  r"included|too|as\s+(?:0|zero)))?\s*\)", " ", text)
    # "(including those who have spent nothing)", "(people who never bought count too, at zero)": the same remark in words
    text = rx.sub(r"\(\s*(?:incl(?:uding|\.)?\s+)?(?:those|people|customers|shoppers|anyone)\s+who\s+(?:have\s+)?(?:spent\s+nothing|never\s+(?:bought|ordered|purchased)"
                  r"(?:\s+anything)?)(?:\s+(?:count|counted|included|go\s+in)(?:\s+too)?(?:\s*,?\s*(?:at|as)\s+(?:0|zero))?)?\s*\)", " ", text)
    text = rx.sub(r"\s*//\s*", " ; ", text)  # "include: … // suppress: nobody": a list's items typed on one line
    text = rx.sub(r"[;,]?\s*\b(?:suppress(?:ion)?s?|excl\.?|exclusions?|exclude|excluding)\s*:\s*(?:nobody|none|no\s*one|n/?a|nil|nothing|-)\s*(?=[;.,]|$)", " ", text)
    text = rx.sub(r"\s+[-–—]\s+for\s+(?:the|a|an|our|this|next)\s+[a-z0-9 '&-]{1,40}$", " ", text)  # "- for the CRM push": what the list is for
    # "bought before but nothing in the last 30 days": a buyer with no purchase in that window
    text = rx.sub(r"\bbut\s+nothing\s+(?:in|during|over|within)\s+the\s+(?:last|past)\s+(\d+)\s+(days?|weeks?|months?)\b", r"but have not bought anything in the last \1 \2", text)
    text = rx.sub(r"\b(bought|ordered|purchased)\s+before\b(?!\s+\d)", r"\1 something before", text)
    # "lapsed 60d+ (last order over 60 days ago)", "heavy support users (4+ tickets)": a label followed by its definition
    text = rx.sub(r"\b(lapsed|dormant|inactive|churned)\s+\d+\s*(?:d|days?)\s*\+?\s*(?=\()", r"\1 ", text)
    text = rx.sub(r"\b(?:heavy|light|frequent|regular|power|top|big|loyal|engaged|unhappy|happy|serial|repeat)\s+(?:[a-z]+\s+)?"
                  r"(?:users|customers|buyers|shoppers|reviewers|returners|spenders|complainers)\s*\(\s*([^()]*\d[^()]*)\)", r" customers with \1 ", text)
    return text

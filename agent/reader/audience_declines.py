"""What an audience question may not ask: contact details (marketers see customer ids and shop behaviour only) and
data the shop does not hold (personal data, engagement with e-mails, where a customer lives below the country).
The staff reader's list (``agent.reader.not_held``) is used here too; the words below are the audience side's own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agent.reader import regex as rx
from agent.reader.not_held import MARKETING, PERSONAL

if TYPE_CHECKING:
    from agent.reader.audience_clauses import ClauseReader

CONTACT = r"\b(?:how (?:to|we can|can we|do we|we could) (?:reach|contact|get in touch with|message|call|text) (?:them|these|those|each|the customers|these people)|email address(?:es)?|emails?(?=\s+(?:of|for|and(?!\s+(?:an?\s+|the\s+)?(?:banners?|newsletters?|push|sms|social|display|ads?|landing|homepage|app)\b)|list|addresses|\(|,))|(?<=their )emails?|(?<='s )emails?|(?<=s' )emails?|(?<=customer )emails?|(?<=with )emails?|(?<=get )emails?|phone(?:\s+numbers?)?|telephone|mobile(?:\s+numbers?)?|(?:home|postal|street|mailing)?\s*address(?:es)?|(?<!support )(?<!service )(?<!to )(?<!will )(?<!'ll )(?<!shall )(?<!can )contacts?(?!\s+(?:with\s+)?(?:support|us|customer|service|the shop|our))(?<!\bcontacts(?=\s(?:match|matching|who|that|which|whose|where|meeting|having|have|has|are|in|from|with)\b))(?!\s+(?:them|these|those|next|soon|later|this|by|via|each)\b)(?:\s+(?:details|info|information|data))?|(?:their|customers?'?|first|last|full|real|given|user|shopper|people's)\s+names?|names?\s+(?:of|and|for)\s+(?:the\s+|these\s+|those\s+|all\s+)?(?:customers|them|people|shoppers|buyers|users|clients)|names?(?=\s*(?:,|and)\s*(?:emails?|phones?|addresses))|surnames?|postcodes?|zip codes?|whatsapp|social media|passwords?|card numbers?|credit cards?|ip address)\b"
NOT_HELD = r"\b(?:(?:reviews?|ratings?|stars?)\s+(?:on|at|via)\s+(?:trustpilot|google|yelp|amazon|facebook|tripadvisor|feefo|reviews\.io)|over-\d+s|under-\d+s|\d+s and (?:over|under|up)|income|incomes|salary|salaries|earn|earns|wealth|wealthy|rich|age|ages|aged|(?:\d+\s*(?:years?|yrs?)?\s*|years\s+)old|old\s+(?:people|customers|shoppers|folks|buyers|adults|ones|generations?|age)|older|young|younger|seniors?|elderly|gender|male|female|men|women|dog|dogs|cat|cats|pet owners?|children|kids|married|single(?![\s-]+(?:order|purchase|item|product|time|review|return|buy))|religion|religious|ethnicity|race|political|politics|vote|birthday|job|jobs|occupation|education|pregnant|nationality|credit score|weight|height|(?:google|facebook|instagram|tiktok|meta|bing|paid|display|search|social)\s+ads?|ads?\s+campaigns?|adverts?|advertis\w+|utm|referr(?:al|er|ed)\w*|acquisition channel|paid search|(?:came|come|arrived|got) to us (?:through|via|from)|marketing channel|dates?\s+(?:of\s+)?birth|birth ?dates?|dob|(?:home\s+)?(?:city|cities|town|towns)|(?:used|use|uses|using|redeemed|redeem|applied|with)\s+(?:a\s+|an\s+|any\s+|our\s+|the\s+)?(?:discount|promo(?:tion(?:al)?)?|voucher|coupon)s?(?:\s+codes?)?|(?:discount|promo(?:tion(?:al)?)?|coupon|voucher)\s+(?:codes?|users?|redeemers?)|on sale|full price|paypal|apple pay|klarna|payment methods?|paid (?:with|by|via)|in[- ]store|click and collect|live[sd]? near|lives? close to|neighbou?rhoods?|regions?|counties|county|states? of residence)\b"
# owning something is never shop behaviour, whatever the shop's names share a word with ("owns a house", "own pets")
OWNS = (r"\b(?:own|owns|owning)\s+(?:an?\s+|the\s+|their\s+|his\s+|her\s+)?(?:homes?|house|houses|flats?|apartments?|cars?|property|properties|"
        r"boats?|horses?|bikes?|motorbikes?|pets?|dogs?|cats?|gardens?|yards?|balcon(?:y|ies)|pools?)\b|\b(?:own|owns)\s+or\s+rent|\brent(?:s|ing)?\s+(?:their|a|an|the)\s+(?:home|house|flat|apartment|place)\b|\b(?:pet|dog|cat|home|house|car|garden)\s+owners?\b|"
        r"\b(?:big|large|small|detached)\s+(?:houses?|homes?|flats?|apartments?)\b|"
        r"\b(?:have|has|having|with)\s+(?:an?\s+)?(?:homes?|house|flat|apartment|cars?|gardens?|yard|pets?|dogs?|cats?)\s+of\s+(?:their|his|her)\s+own\b")
# the names of those close to them ("their pets' names"), asked for wherever, whatever the shop's names share a word with
# what they do for a living, said of the customers: no event records it, wherever in the message it is asked
WORKS = (r"\b(?:who|they)\s+(?:also\s+|all\s+|both\s+)?(?:work|works|worked)\s+(?:in|as|for|at)\s+"
         r"(?!(?:the\s+)?(?:last|past|first)\b|(?:you|me|us|everyone|them|him|her|all|both)\b)")
NAMES_OF = (r"\b(?:pets?|dogs?|cats?|kids?|children|partners?|spouses?)'?s?'?\s+names?\b|"
            r"\bnames?\s+of\s+(?:their|his|her)\s+(?:pets?|dogs?|cats?|kids?|children|partners?)\b")
# the price of one item or the value of one order: the audience language holds totals and averages (net spend, average
# order value, price band), never one purchase's price, so the reading is asked about instead of read as a count
_MORE_OR_LESS = r"(?:over|above|under|below|more than|less than|at least|at most|greater than|exceeding|upwards of)"
ONE_PRICE = (rf"\b(?:bought|buy|buying|purchased|ordered|got|made|placed|with|had|has|have)\s+(?:a\s+|an\s+|one\s+|any\s+|some\s+|1\s+)?"
             rf"(?:single\s+)?(?:thing|something|anything|item|items|product|products|purchase|order|basket)\s+"
             rf"(?:(?:that|which)\s+(?:cost|costs|was|were)\s+)?(?:priced\s+|costing\s+|worth\s+|valued\s+|of\s+|at\s+)?"
             rf"{_MORE_OR_LESS}\s+\d+(?:\.\d+)?(?!\.?\d|\s*(?:orders?|items?|products?|times?|days?|weeks?|months?|years?|returns?|reviews?|%|stars?))"
             rf"|\bspent\s+{_MORE_OR_LESS}\s+\d+(?:\.\d+)?\s+(?:in|on)\s+(?:one|1|a single|a|any)\s+(?:order|purchase|basket|transaction|go)\b")
# a count said without a number ("many returns", "a few orders"): the best reading is asked about, never "at least 1"
VAGUE_COUNT = (r"\b(?:many|lots of|a lot of|plenty of|loads of|tons of|numerous|several|a few|a handful of|a bunch of|dozens of|multiple)\s+"
               r"(?:orders|returns|reviews|purchases|messages|tickets|complaints|times)\b")
# a number said as approximate ("roughly 500", "30 days or so"): the threshold is asked about, never taken as exact
APPROXIMATE = (r"\b(?:roughly|approximately|approx\.?|about|around|circa|give or take|more or less|somewhere around)\s+\d+"
               r"|\b\d+(?:\.\d+)?(?:\s+[a-z]+)?\s*(?:-?ish\b|or so\b|or thereabouts\b|give or take\b)")
# the date of a first purchase: the audience language holds when a customer was first seen, which may be earlier
FIRST_PURCHASE = r"\bfirst\s+(?:order|purchase|buy)s?\b|\bfirst\s+(?:bought|ordered|purchased)\b"
HELP = ("You can ask about: country; first seen, last seen or last purchase within / more than N days or before / after a "
        "date; number of orders, net spend, average order value, returns, reviews, support messages; bought, viewed or "
        "carted without buying, returned or reviewed a category, brand or product (optionally in the last N days); "
        "latest / lowest / highest review rating; support topics; lifecycle stage, segment, spend band, price band, top "
        "category; and 'likely to buy X'. Combine with and, or, not.")


def decline_reason(leftover: str) -> str | None:
    """Why a question asking for contact details or for data the shop does not hold is declined, or None."""
    if (word := rx.search(CONTACT, leftover)) is not None:
        return (f"Declined: '{word.group(0).strip()}' asks for contact details. Marketers see customer ids and shop "
                "behaviour only, never contact details.")
    if (word := rx.search(NOT_HELD, leftover) or rx.search(OWNS, leftover) or rx.search(NAMES_OF, leftover) or PERSONAL.search(leftover) or MARKETING.search(leftover)) is not None:
        return (f"Declined: '{word.group(0)}' is not something the shop holds. Audiences can only use what customers "
                f"did in the shop. {HELP}")
    return None


def beyond_the_reading(text: str) -> list[str]:
    """What ``text`` asks that the shop's data holds but an audience cannot select on, each said as the reason for a
    question back with the best reading: one item's price or one order's value, a count without a number, the date of a
    first purchase."""
    problems = []
    if (price := rx.search(ONE_PRICE, text)) is not None:
        problems.append(f"'{price.group(0)}' is the price of one item or order, which an audience cannot select on "
                        "(net spend, average order value and price band can)")
    if (vague := rx.search(VAGUE_COUNT, text)) is not None:
        problems.append(f"'{vague.group(0)}' gives no number: how many?")
    if (rough := rx.search(APPROXIMATE, text)) is not None:
        problems.append(f"'{rough.group(0)}' is approximate: which exact number?")
    if (first := rx.search(FIRST_PURCHASE, text)) is not None:
        problems.append(f"'{first.group(0)}': I can select on when a customer was first seen, not on the date of their first purchase")
    return problems


_LIVES_IN = re.compile(r"\b(?:live|lives|living|reside|resides|residing|based|located)\s+in\s+(?:the\s+)?(?:city\s+of\s+)?"
                       r"(?P<place>[a-z][a-z'-]+(?:\s+[a-z][a-z'-]+)?)")


def home_town(text: str, clauses: ClauseReader) -> str | None:
    """"customers who live in Munich": a place that is none of the countries (the shop's or any other) is a town or a
    region, which the shop does not hold."""
    for match in _LIVES_IN.finditer(text):
        place = match.group("place")
        words = place.split()
        if clauses.names.find(place)[0] or clauses.names.other_places(place) or words[0] in clauses.filler or words[0] in (
                "a", "an", "one", "our", "their", "same", "last", "past"):
            continue
        return match.group(0).strip()
    return None

"""Data no profile holds, for staff and marketers alike: contact details, family, personal life, the world outside.

A general list of kinds of personal data (not fitted to a question set): a question asking for one of
them is declined, saying what can be asked instead. Family words also decline a question about the
customer's shopping ("How much has her husband spent?"): the shop knows the customer, not their family.
"""

from __future__ import annotations

import re

CONTACT = re.compile(
    r"\b(?:e-?mails?(?:\s+address(?:es)?)?|phone(?:\s+numbers?)?|telephone|mobile(?:\s+numbers?)?|cell(?:\s+numbers?)?|"
    r"(?:home|postal|street|mailing|billing|shipping)\s+address(?:es)?|addresses|contact\s+(?:details|info|information|data)|"
    r"surnames?|full names?|last names?|postcodes?|zip\s+codes?|whatsapp|passwords?|card numbers?|credit cards?|"
    r"ip address(?:es)?|social security|national insurance|passport|"
    r"(?:pets?|dogs?|cats?|kids?|children|partners?|spouses?)'?s?'?\s+names?|names?\s+of\s+(?:their|his|her)\s+(?:pets?|dogs?|cats?|kids?|children))\b", re.I)
PERSONAL = re.compile(
    r"\b(?:income|incomes|salary|salaries|earns?|earning|wealth|wealthy|net worth|how old|age|aged|birthdays?|birth dates?|"
    r"date of birth|born|gender|sex|credit scores?|credit ratings?|credit history|credit limits?|(?:who|that)\s+are\s+(?:women|men|female|male|ladies)|(?:women|men|female|male)\s+(?:customers|shoppers|buyers)|married|marital|divorced|husband|wife|spouse|(?<!delivery )(?<!business )(?<!shipping )(?<!logistics )(?<!marketing )(?<!channel )(?<!retail )(?<!agency )(?<!payment )partner(?!\s+(?:company|companies|agency|network|program|programme|brand|shop|store))|boyfriend|girlfriend|"
    r"kids?|children|child|son|daughter|mother|father|mum|mom|dad|parents?|family|relatives?|pets?|dogs?|cats?|"
    r"religion|religious|ethnicity|race|health(?!\s+(?:check|checks|score|scores|report|review|dashboard|metrics?|status|of the))|illness(?:es)?|disease|medical|pregnant|political|politics|vote[sd]?|"
    r"job|jobs|occupation|employer|works? (?:at|for)(?!\s+(?:you|me|us|everyone|them|him|her|all|both)\b)|(?:who|they|you|i)\s+(?:also\s+|both\s+)?works?\s+(?:in|as)|public sector|private sector|employed (?:in|as|by)|profession|education|university|degree|graduates?|graduated|alumni|diplomas?|homeowners?|"
    r"owns? a (?:house|home|car)|car|drive[s]?|weight|height|tall|shoe sizes?|favou?rite colou?r|breakfast|lunch|dinner|"
    r"instagram|facebook|twitter|tiktok|linkedin|social media|followers|weather|forecast|stock price|capital of|"
    r"football|election|president|prime minister|news|"
    # life stage, household and lifestyle: who the customers are, which no event records
    r"(?:in (?:their|his|her) )?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|\d0s)|\d+[- ]years?[- ]olds?|years? old|"
    r"(?:older|younger) than \d+(?!\s*(?:days?|weeks?|months?|d)\b)|seniors?|elderly|retired|retirees?|pensioners?|students?|"
    r"teenagers?|teens?|millennials?|boomers?|gen[- ]?[xyz]|generation [xyz]|families|households?|lives? alone|living alone|"
    r"flatmates?|roommates?|vegetarians?|vegans?|diet|smokers?|hobb(?:y|ies)|speaks?(?!\s+(?:to|with)\b)|(?:preferred|native|first|spoken|their|whose|home)\s+languages?|languages?\s+(?:preference|preferences|spoken|they\s+speak|settings?)|bilingual|multilingual|"
    # the device they shop from: the events do not carry it
    r"(?:shop|shops|shopping|shopped|order|orders|ordering|ordered|buy|buys|buying|browse|browses|browsing)\s+(?:from|on|using|via|with)\s+"
    r"(?:an?\s+|their\s+|a\s+)?(?:iphones?|android|ipads?|tablets?|desktops?|laptops?|mobiles?|phones?|computers?|pcs?|macs?|smartphones?)|"
    # where they live beyond the country of their orders: a distance from a place
    r"(?:within|less than|under|more than|over)\s+\d+\s*(?:km|kms|kilomet(?:er|re)s?|miles?|mi)\b|\d+\s*(?:km|kilomet(?:er|re)s?|miles?)\s+(?:from|of|away)|"
    r"nationality|work(?:s|ing)? from(?: home)?|remote workers?|commut\w+|self-employed|freelancers?|employees?|unemployed|"
    # the app or device they use: the events do not carry it
    r"(?:use|uses|using|used|installed|downloaded|have)\s+(?:our|the)\s+(?:android\s+|ios\s+|iphone\s+|mobile\s+)?app\b|(?:android|ios|iphone|ipad)\s+(?:app\s+)?users?|app\s+users?|"
    # what they do for a living and their credit: no event carries either
    r"(?<!that )(?<!it )(?<!this )(?<!which )work(?:s|ing|ed)?\s+(?:in|as|for)\s+(?:an?\s+|the\s+)?(?!(?:the\s+)?(?:last|past|first|next)\b|(?:you|me|us|everyone|them|him|her|all|both)\b)[a-z]|"
    r"occupations?|professions?|job\s+titles?|employers?|"
    r"credit[\s-]+(?:scores?|history|ratings?|checks?|limits?|records?|reference(?:\s+checks?)?|agenc(?:y|ies))|(?:refused|denied|declined)\s+credit|credit-?worth\w*|"
    r"grand(?:parents?|mothers?|fathers?|kids|children|sons?|daughters?)|couples(?! of)|newlyweds?|weddings?|engaged|fianc[eé]e?s?|"
    r"twins|triplets|toddlers?|bab(?:y|ies)|infants?|newborns?|expecting|renting|renters?|tenants?|landlords?|moving house|left-handed|"
    # memberships and channels the shop's events do not carry
    r"loyalty (?:tiers?|points|status|levels?|cards?|members?)|(?:mobile )?app users?|(?:our|the|mobile) app)\b", re.I)

# engagement with the shop's e-mails, newsletters and messages: sent by other tools, never in the event log
MARKETING = re.compile(
    r"\b(?:(?:un)?subscrib(?:ed|ers?)|opt(?:ed)?[- ]?(?:in|out)|open rates?|click(?:-through)? rates?|"
    r"(?:e-?mail|mail|newsletter|sms|push)\s+(?:opens?|clicks?|engagement|subscribers?)|"
    r"(?:opened|opens|open|clicked|clicks|click)\s+(?:[\w']+\s+){0,4}?(?:e-?mails?|newsletters?|mailings?|sms|push notifications?))\b", re.I)

CAN_ASK_STAFF = (
    "I can answer from what this customer did in the shop: orders, spend, returns, reviews, searches, "
    "support messages, what and when they bought, their country, stage and suggestions."
)


def not_held(question: str) -> str | None:
    """The phrase that asks for data no profile holds, or None."""
    for pattern in (CONTACT, PERSONAL, MARKETING):
        found = pattern.search(question)
        if found is not None:
            return found.group(0)
    return None

"""Twentieth blind marketer set: word lists. ``DECLINES`` names kinds of customer data an online shop like this one
does not hold (its events are views, searches, carts, purchases, returns, reviews and support messages, with a
country on orders); ``MISSING`` gives each one as a condition (after 'who') and as an output column."""

from __future__ import annotations

DECLINES = ["household income", "age", "gender", "children", "marital status", "social media handles", "loyalty tier",
            "newsletter engagement", "device", "in-store purchases", "occupation", "home ownership", "credit score",
            "email addresses", "phone numbers", "postal addresses"]

MISSING: dict[str, tuple[list[str], list[str]]] = {
    "household income": (["have a household income above 80,000 a year", "earn more than 60k a year"],
                         ["household income", "annual income bracket"]),
    "age": (["are between 25 and 34 years old", "are over 50"], ["age", "date of birth"]),
    "gender": (["are women", "identify as male"], ["gender"]),
    "children": (["have kids under ten at home", "have two or more children"], ["number of children"]),
    "marital status": (["are married", "got engaged this year"], ["marital status"]),
    "social media handles": (["follow us on Instagram", "have a TikTok account"], ["Instagram handle", "social media handles"]),
    "loyalty tier": (["are Gold members in the store-card loyalty scheme", "sit in the top tier of our partner loyalty programme"],
                     ["loyalty-card tier"]),
    "newsletter engagement": (["opened our last newsletter", "clicked a link in the October email"],
                              ["newsletter open rate"]),
    "device": (["shop on an iPhone", "use the Android app"], ["device type", "phone model"]),
    "in-store purchases": (["have bought in one of our high-street stores", "spent over 200 in our physical shops"],
                           ["in-store spend"]),
    "occupation": (["work as teachers", "are nurses or doctors"], ["job title", "occupation"]),
    "home ownership": (["own their home", "are renting"], ["home-ownership status"]),
    "credit score": (["have a credit score above 700", "have good credit"], ["credit score"]),
    "email addresses": (["have a Gmail address", "use a work email address"], ["email address", "email addresses"]),
    "phone numbers": (["have a UK mobile number", "gave us a landline number"], ["phone number", "mobile numbers"]),
    "postal addresses": (["live in a postcode starting with SW", "live on the same street as one of our warehouses"],
                         ["postal address", "home address"]),
}

NAMES = ["Priya", "Tom", "Lena", "Marco", "Aisha", "Jonas", "Sofia", "Ravi", "Claire", "Dan"]
CAMPAIGNS = ["the November newsletter", "the winter sale teaser", "Friday's push", "the loyalty postcard test",
             "next week's win-back email", "the gift-guide send", "the Q4 retention test", "the weekend flash sale"]

"""Eighteenth blind marketer set: the words. ``DECLINES`` names customer data an online shop of this kind does not hold
(its events are views, searches, carts, purchases, returns, reviews and support messages, with an order country);
``MISSING`` gives each one as a condition (agreement-marked verb phrases, as the leaves use) and as an output column;
``CONTACT`` are contact details, which asked for as output make a request a decline as well."""

from __future__ import annotations

MISSING = {
    "household income": {
        "pos": ["{has} a declared annual household income above 60,000", "{is} in a household earning more than 60,000 a year"],
        "field": ["annual household income", "household income band"]},
    "age": {
        "pos": ["{is} aged between 25 and 34 on the date of extraction", "{has} reached the age of 65"],
        "field": ["date of birth", "age"]},
    "marital status": {
        "pos": ["{is} married or in a civil partnership", "{has} a marital status recorded as single"],
        "field": ["marital status"]},
    "children": {
        "pos": ["{has} at least one child under the age of twelve (12) living at home",
                "{is} a parent of school-age children"],
        "field": ["number of dependent children", "children's ages"]},
    "occupation": {
        "pos": ["{is} employed in the healthcare sector", "{is} a self-employed tradesperson"],
        "field": ["occupation", "job title"]},
    "social media": {
        "pos": ["{has} more than 1,000 followers on Instagram", "{has} linked a TikTok account with over 5,000 followers"],
        "field": ["Instagram handle", "social-media follower count"]},
    "credit score": {
        "pos": ["{has} a credit score of 700 or above", "{has} passed a credit-reference check"],
        "field": ["credit score", "credit-reference rating"]},
    "external loyalty tier": {
        "pos": ["{is} a Gold-tier member of the partner airline's frequent-flyer programme",
                "{has} Platinum status in the partner hotel group's rewards scheme"],
        "field": ["frequent-flyer tier", "partner rewards status"]},
    "marketing consent": {
        "pos": ["{has} given consent to receive marketing by email", "{has} opted in to SMS marketing"],
        "field": ["marketing consent status", "opt-in date"]},
    "gender": {
        "pos": ["{is} recorded as female", "{has} a gender recorded as male"],
        "field": ["gender"]},
    "home ownership": {
        "pos": ["{is} a homeowner", "{has} a mortgage on their residence"],
        "field": ["home ownership status"]},
    "education": {
        "pos": ["{has} a university degree", "{is} a current full-time student at a university"],
        "field": ["highest level of education", "student status"]},
    "vehicle": {
        "pos": ["{has} an electric vehicle registered in their name", "{is} the owner of a car"],
        "field": ["vehicle make and model"]},
    "referral": {
        "pos": ["{has} joined the Shop through a friend's referral link", "{has} referred at least two friends to the Shop"],
        "field": ["referral code", "name of the referring friend"]},
}

DECLINES = list(MISSING)

CONTACT = {
    "email address": ["email address", "e-mail address"],
    "phone number": ["telephone number", "mobile phone number"],
    "postal address": ["postal address", "home address"],
}

COMPANY = ["the Shop", "the Company", "the Promoter"]
TEAM = ["the Marketing Team", "the CRM team", "Marketing Operations", "the Marketing Department", "the Campaigns team"]
BENEFIT = ["the Autumn Appreciation Offer", "the Thank-You Voucher", "the Seasonal Reward", "the Winter Preview Programme",
           "the Priority Access Scheme", "the Year-End Reward", "the Early Access Programme", "the November Offer",
           "the Spring Preview Invitation"]

"""Blind set 21: word lists of the ported-segment register, and the customer data this shop does not hold
(``DECLINES``), each with the pieces a family needs to write it as a condition or as an output column."""

from __future__ import annotations

# what the shop's events and catalogue cannot tell (label -> pieces: prose condition, row, key-value, query term,
# and the field named as an output column: words, key)
UNHELD = {
    "household income": dict(clause="have a household income above 80,000 a year", row=("Household income", "is greater than", "80,000"),
                             kv={"field": "household_income", "op": "gt", "value": 80000}, expr="household_income > 80000",
                             col="household income", key="household_income"),
    "age": dict(clause="are between 25 and 34 years old", row=("Age", "is between", "25 and 34"),
                kv={"field": "age", "op": "between", "value": [25, 34]}, expr="age BETWEEN 25 AND 34",
                col="age (date of birth)", key="date_of_birth"),
    "gender": dict(clause="are women", row=("Gender", "equals", "Female"), kv={"field": "gender", "op": "eq", "value": "female"},
                   expr='gender = "female"', col="gender", key="gender"),
    "children in household": dict(clause="have two or more children at home", row=("Children in household", "is at least", "2"),
                                  kv={"field": "children_in_household", "op": "gte", "value": 2}, expr="children_in_household >= 2",
                                  col="number of children", key="children_in_household"),
    "job title": dict(clause="have a job title containing “manager”", row=("Job title", "contains", "manager"),
                      kv={"field": "job_title", "op": "contains", "value": "manager"}, expr='job_title CONTAINS "manager"',
                      col="job title and employer", key="job_title"),
    "instagram follower count": dict(clause="have more than 10,000 Instagram followers", row=("Instagram followers", "is greater than", "10,000"),
                                     kv={"field": "instagram_followers", "op": "gt", "value": 10000}, expr="instagram_followers > 10000",
                                     col="Instagram handle", key="instagram_handle"),
    "partner loyalty tier": dict(clause="are Gold members of the partner airline's loyalty programme", row=("Partner loyalty tier", "equals", "Gold"),
                                 kv={"field": "partner_loyalty_tier", "op": "eq", "value": "gold"}, expr='partner_loyalty_tier = "gold"',
                                 col="partner loyalty tier", key="partner_loyalty_tier"),
    "email open rate": dict(clause="open more than 40% of our marketing emails", row=("Email open rate (90 days)", "is greater than", "40%"),
                            kv={"field": "email_open_rate_90d", "op": "gt", "value": 0.4}, expr="email_open_rate_90d > 0.4",
                            col="email open rate", key="email_open_rate"),
    "credit score": dict(clause="have a credit score of 700 or more", row=("Credit score", "is at least", "700"),
                         kv={"field": "credit_score", "op": "gte", "value": 700}, expr="credit_score >= 700",
                         col="credit score", key="credit_score"),
    "marital status": dict(clause="are married", row=("Marital status", "equals", "Married"),
                           kv={"field": "marital_status", "op": "eq", "value": "married"}, expr='marital_status = "married"',
                           col="marital status", key="marital_status"),
    "in-store visits": dict(clause="have visited one of our physical stores at least twice in the last 90 days",
                            row=("In-store visits (last 90 days)", "is at least", "2"),
                            kv={"field": "store_visits", "op": "gte", "value": 2, "within_days": 90}, expr="store_visits(within: 90d) >= 2",
                            col="number of in-store visits", key="store_visit_count"),
    "home ownership": dict(clause="own their home rather than rent", row=("Home ownership", "equals", "Owner"),
                           kv={"field": "home_ownership", "op": "eq", "value": "owner"}, expr='home_ownership = "owner"',
                           col="home-owner / renter flag", key="home_ownership"),
    "email address": dict(clause="have an email address ending in @gmail.com", row=("Email address", "ends with", "@gmail.com"),
                          kv={"field": "email", "op": "ends_with", "value": "@gmail.com"}, expr='email ENDS WITH "@gmail.com"',
                          col="email address", key="email"),
    "phone number": dict(clause="have a phone number starting with +44", row=("Phone number", "starts with", "+44"),
                         kv={"field": "phone", "op": "starts_with", "value": "+44"}, expr='phone STARTS WITH "+44"',
                         col="mobile phone number", key="phone_number"),
    "postal address": dict(clause="have a postcode starting with SW", row=("Postcode", "starts with", "SW"),
                           kv={"field": "postcode", "op": "starts_with", "value": "SW"}, expr='postcode STARTS WITH "SW"',
                           col="full postal address", key="postal_address"),
}

DECLINES = list(UNHELD)

GREETINGS = ["", "", "", "Hi! ", "Hey! ", "Morning — ", "Hi team! ", "hello. ", "Quick one: ", "Hiya. "]
THANKS = ["", "", "", " Thanks!", " Thank you.", " Cheers.", " thx", " Much appreciated."]

ESP = ["our old email platform", "the previous ESP", "Mailchimp", "Klaviyo", "the email tool we're cancelling", "our old newsletter tool"]
ADS = ["the ads manager", "our paid-social account", "the ad platform", "Meta's audience editor", "the retargeting account"]
CRM = ["the CRM", "HubSpot", "our old CRM", "the sales CRM", "Salesforce"]
CDP = ["the CDP", "Segment", "our CDP", "the customer data platform"]
BI = ["the BI dashboard", "Looker", "our Metabase board", "the analytics dashboard", "the reporting tool"]
STORE = ["the storefront admin", "Shopify", "the shop backend", "our store admin"]
ANY_TOOL = ESP + ADS + CRM + CDP + BI + STORE

# neutral names of the old segments (never hinting at a condition)
NAMES = ["Segment 14", "AUD-0392", "list_b7", "push_v2", "retarget_pool_3", "Q3_list", "seg-118", "Audience #61",
         "import_2024_07", "cohort K", "flow_seg_05", "old list 22", "SEG_ALPHA", "group-d", "Audience 7b"]

RECREATE = ["Can you recreate this here?", "Please pull the same customers here.", "Same customers please.",
            "Could you rebuild this audience in Portrait?", "I need exactly these people from our data.",
            "Can I get this audience out of Portrait?", "Please give me the customers this matches.",
            "Rebuild it here please — same people.", "What's the equivalent list here?", "Who matches this in our shop?"]

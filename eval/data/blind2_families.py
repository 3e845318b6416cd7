"""Second blind marketer set: the sentence families. A question is a tree of leaves (see ``blind2_leaves``):
("leaf", [A]), ("and", [A, B(, C)]), ("or", [A, B]), ("and_not", [A, B]), ("not", [B]), ("and_or", [A, B, C])
(= A and (B or C)). Each family turns a tree into one sentence of its own shape; ``DECLINES`` are the facts the
shop does not hold, as pseudo-leaves (conditions on them) or as fields asked for (contact details)."""

from __future__ import annotations

import random
import re

from blind2_leaves import Leaf

NOUNS = ["customers", "shoppers", "people", "users", "clients", "customers", "customers"]


class Say:
    """Phrase choices for one question (one rng)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def c(self, options):
        return self.rng.choice(list(options))

    def noun(self) -> str:
        return self.c(NOUNS)

    def vp(self, leaf: Leaf) -> str:
        return self.c(leaf.vp)

    def neg(self, leaf: Leaf) -> str:
        return self.c(leaf.neg)

    def post(self, leaf: Leaf) -> str:
        return self.c(leaf.post) if leaf.post else f"who {self.vp(leaf)}"

    def crit(self, leaf: Leaf) -> str:
        return self.c(leaf.crit)

    def head(self, leaf: Leaf) -> list:
        """The leaf's noun phrases that a 'who' clause can follow."""
        return [x for x in leaf.np if " who " not in x and not x.endswith(")")]

    def np(self, leaf: Leaf, noun: str | None = None) -> str:
        noun = noun or self.noun()
        opts = [f"{noun} {self.post(leaf)}", f"{noun} who {self.vp(leaf)}"]
        if leaf.np:
            opts += [self.c(leaf.np)] * 2
        return self.c(opts)

    # --- whole audiences
    def rel(self, op: str, a: list) -> str:
        """A verb phrase after 'who' (the subject being the customers)."""
        if op == "leaf":
            return self.vp(a[0])
        if op == "and":
            vps = [self.vp(x) for x in a]
            if len(vps) == 2:
                return self.c([f"{vps[0]} and {vps[1]}", f"{vps[0]} and also {vps[1]}", f"{vps[0]}, and who {vps[1]}"])
            return self.c([f"{vps[0]}, {vps[1]} and {vps[2]}", f"{vps[0]}, {vps[1]}, and {vps[2]}",
                           f"{vps[0]} and {vps[1]} and also {vps[2]}"])
        if op == "or":
            return self.c([f"either {self.vp(a[0])} or {self.vp(a[1])}", f"{self.vp(a[0])}, or else {self.vp(a[1])}"])
        if op == "and_not":
            return self.c([f"{self.vp(a[0])} but {self.neg(a[1])}", f"{self.vp(a[0])} and yet {self.neg(a[1])}"])
        if op == "not":
            return self.neg(a[0])
        if op == "and_or":
            return self.c([f"{self.vp(a[0])} and who also either {self.vp(a[1])} or {self.vp(a[2])}",
                           f"{self.vp(a[0])}, and on top of that either {self.vp(a[1])} or {self.vp(a[2])}"])
        raise ValueError(op)

    def audience(self, op: str, a: list, noun: str | None = None) -> str:
        """A noun phrase for the whole audience."""
        n = noun or self.noun()
        if op == "leaf":
            return self.np(a[0], n)
        if op == "and":
            p0 = self.post(a[0])
            link = "and who" if p0.startswith("who ") else "who"
            opts = [f"{n} who {self.rel(op, a)}", f"{n} {p0} {link} {self.rel('and', a[1:]) if len(a) > 2 else self.vp(a[1])}"]
            if self.head(a[0]):
                rest = self.rel("and", a[1:]) if len(a) > 2 else self.vp(a[1])
                opts += [f"{self.c(self.head(a[0]))} who {rest}"] * 2
            return self.c(opts)
        if op == "or":
            opts = [f"{n} who {self.rel(op, a)}", f"{n} who {self.vp(a[0])}, as well as those who {self.vp(a[1])}",
                    f"{n} who {self.vp(a[0])}, or who {self.vp(a[1])}"]
            if a[0].kind == a[1].kind and a[0].post and a[1].post:
                opts.append(f"{n} {self.post(a[0])} or {self.post(a[1])}")
            return self.c(opts)
        if op == "and_not":
            opts = [f"{n} who {self.rel(op, a)}", f"{n} who {self.vp(a[0])}, excluding those who {self.vp(a[1])}",
                    f"{n} who {self.vp(a[0])} (minus those who {self.vp(a[1])})"]
            if self.head(a[0]):
                opts.append(f"{self.c(self.head(a[0]))} who {self.neg(a[1])}")
            return self.c(opts)
        if op == "not":
            return self.c([f"{n} who {self.neg(a[0])}", f"all {n} except those who {self.vp(a[0])}",
                           f"everyone apart from the {n} who {self.vp(a[0])}"])
        if op == "and_or":
            p0 = self.post(a[0])
            link = "and who" if p0.startswith("who ") else "who"
            opts = [f"{n} who {self.rel(op, a)}", f"{n} {p0} {link} either {self.vp(a[1])} or {self.vp(a[2])}"]
            if self.head(a[0]):
                opts.append(f"{self.c(self.head(a[0]))} who either {self.vp(a[1])} or {self.vp(a[2])}")
            return self.c(opts)
        raise ValueError(op)

    def passive(self, op: str, a: list, n: str) -> str:
        """Post-modifier phrasing only ('customers by whom ... was bought and whose ...')."""
        p = self.post
        if op == "leaf":
            return f"{n} {p(a[0])}"
        if op == "and":
            if len(a) == 2:
                return f"{n} {p(a[0])} and {p(a[1])}"
            return f"{n} {p(a[0])}, {p(a[1])} and {p(a[2])}"
        if op == "or":
            return self.c([f"{n} either {p(a[0])} or {p(a[1])}", f"{n} {p(a[0])}, plus those {p(a[1])}"])
        if op == "and_not":
            return self.c([f"{n} {p(a[0])}, excluding those {p(a[1])}", f"{n} {p(a[0])} but not those {p(a[1])}"])
        if op == "not":
            return self.c([f"all {n} except those {p(a[0])}", f"every one of our {n} other than those {p(a[0])}"])
        if op == "and_or":
            return f"{n} {p(a[0])} and, in addition, either {p(a[1])} or {p(a[2])}"
        raise ValueError(op)

    def criteria(self, op: str, a: list, style: str) -> str:
        """Bullets / semicolons / shorthand of the leaves' criteria."""
        cr = [self.crit(x) for x in a]
        if style == "short":
            if op == "leaf":
                return cr[0]
            if op == "and":
                return self.c([" + ", " & ", " AND "]).join(cr)
            if op == "or":
                return f"{cr[0]} OR {cr[1]}"
            if op == "and_not":
                return self.c([f"{cr[0]}, excl. {cr[1]}", f"{cr[0]} but NOT ({cr[1]})", f"{cr[0]} minus {cr[1]}"])
            if op == "not":
                return self.c([f"everyone excl. {cr[0]}", f"all custs NOT ({cr[0]})"])
            if op == "and_or":
                return f"{cr[0]} + ({cr[1]} OR {cr[2]})"
        if style == "semi":
            if op == "leaf":
                return f"must match: {cr[0]}."
            if op == "and":
                return self.c(["must match all of: ", "all of these apply: "]) + "; ".join(cr) + "."
            if op == "or":
                return f"must match at least one of: {cr[0]}; {cr[1]}."
            if op == "and_not":
                return f"include: {cr[0]}; exclude: {cr[1]}."
            if op == "not":
                return f"include: all customers; exclude: {cr[0]}."
            if op == "and_or":
                return f"must match: {cr[0]}; plus at least one of: {cr[1]}; {cr[2]}."
        b = self.c(["- ", "• ", "* "])
        if op == "leaf":
            return f"\n{b}{cr[0]}"
        if op == "and":
            head = self.c(["All of:", "Every one of these must be true:", "Criteria (AND):"])
            return f" {head}\n" + "\n".join(b + x for x in cr)
        if op == "or":
            return " " + self.c(["Any of:", "At least one of:"]) + "\n" + "\n".join(b + x for x in cr)
        if op == "and_not":
            return f"\n{b}include: {cr[0]}\n{b}exclude: {cr[1]}"
        if op == "not":
            return f"\n{b}include: everybody\n{b}exclude: {cr[0]}"
        if op == "and_or":
            return f"\n{b}{cr[0]}\n{b}and at least one of: {cr[1]} / {cr[2]}"
        raise ValueError(op)


DETERMINED = ("all ", "everyone", "every ", "anyone", "our ", "everybody")


def the(np: str) -> str:
    return np if np.startswith(DETERMINED) else f"the {np}"


def all_(np: str) -> str:
    return np if np.startswith(DETERMINED) else f"all {np}"


def cap(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


CONTEXT = ["we're planning the winter newsletter", "finance wants a sanity check on the loyalty numbers",
           "I'm building a lookalike seed for paid social", "the CRM team is testing a new win-back flow",
           "we need a holdout group for the pricing test", "sales asked for a quick list before Monday's review",
           "I'm prepping the Q4 retention deck", "the agency needs a seed audience by Thursday",
           "we're testing a free-shipping offer", "ops wants to send a thank-you note",
           "we need to prioritise who gets the new catalogue", "leadership wants to prioritize the Q1 catalog mailing",
           "the organisation-wide brand survey goes out next week", "we're analyzing customer behavior ahead of the sale",
           "I'm analysing customer behaviour for the favourites email"]
NAMES = ["@dana", "@sam", "@priya", "@leo", "@mo", "@jess", "@team-analytics", "@kai"]
CAMPAIGNS = ["the spring push", "the Black Friday teaser", "our holiday gift guide", "the January clearance",
             "the loyalty relaunch", "the autumn re-engagement email", "the VIP early-access drop", "the new-arrivals mailer",
             "the summer sale", "the review-request campaign"]
PREAMBLES = [
    "We've gone back and forth in the weekly sync about whether the loyalty mailer is worth the postage, and the consensus "
    "was to trial it on a narrow group before rolling it out more widely",
    "After last quarter's campaign underperformed, the team spent a while looking at who actually responded and who "
    "didn't, and we'd now like to try something more targeted",
    "Our new head of CRM has asked every channel owner to justify their spend with a concrete audience, and since I own "
    "the email programme I need to put one forward",
    "The product team is running a small round of interviews next month and they asked marketing to suggest some "
    "people to invite, ideally a group with a clear story behind it",
    "Budget for the direct-mail test was approved this morning, and because printing is expensive we want to keep the "
    "list tight and well-defined",
    "Following the discussion in yesterday's stand-up about churn and about how little we know about our quieter "
    "customers, I promised to pull together a first cut of an audience",
]
TYPOS = {"customers": "custmers", "people": "poeple", "could": "cuold", "which": "wich", "maybe": "mabye",
         "their": "thier", "possible": "posible", "bought": "bougth", "purchased": "purchsed", "anyone": "anyoen",
         "shoppers": "shopers", "receive": "recieve", "review": "reveiw", "thanks": "thx", "please": "pls",
         "because": "bc", "something": "somethign", "least": "lest"}


def typo(text: str, rng: random.Random, k: int = 2) -> str:
    words = [w for w in TYPOS if re.search(rf"\b{w}\b", text)]
    for w in rng.sample(words, min(k, len(words))):
        text = re.sub(rf"\b{w}\b", TYPOS[w], text, count=1)
    return text


def write(family: str, op: str, a: list, rng: random.Random) -> str:
    s = Say(rng)
    n = s.noun()
    if family == "direct_question":
        return s.c([
            lambda: f"Which {n} {s.rel(op, a)}?",
            lambda: f"Who are {the(s.audience(op, a, n))}?",
            lambda: f"Show me {the(s.audience(op, a, n))}.",
            lambda: f"Which of our {n} {s.rel(op, a)}?",
            lambda: f"List {the(s.audience(op, a, n))}.",
        ])()
    if family == "crm_export":
        return s.c([
            lambda: f"Export to CSV: customer IDs of {all_(s.audience(op, a, n))}.",
            lambda: f"Please generate a CRM export containing the user IDs of {s.audience(op, a, n)}.",
            lambda: f"Can I get an ID-only extract for the segment \"{s.audience(op, a, n)}\"?",
            lambda: f"Need an export (IDs only) of every account belonging to {s.audience(op, a, n)}.",
            lambda: f"Pull a customer list for upload to the ESP — {s.audience(op, a, n)}.",
        ])()
    if family == "slack_context":
        who, ctx = s.c(NAMES), s.c(CONTEXT)
        return s.c([
            lambda: f"hey {who} — {ctx}. could you grab me {the(s.audience(op, a, n))}? ty!",
            lambda: f"{who} quick one: {ctx}, so I need {the(s.audience(op, a, n))}. no rush 🙏",
            lambda: f"morning {who}! context: {ctx}. can you pull all the {n} who {s.rel(op, a)}?",
            lambda: f"hi {who}, {ctx} and I'm stuck on the audience bit. who are the {n} that {s.rel(op, a)}?",
        ])()
    if family == "campaign_brief":
        camp = s.c(CAMPAIGNS)
        return s.c([
            lambda: f"For {camp}, target {s.audience(op, a, n)}.",
            lambda: f"Campaign brief — {camp}. Audience: {s.audience(op, a, n)}. Goal: lift repeat purchases.",
            lambda: f"Target audience for {camp}: {s.audience(op, a, n)}. Please send me the IDs.",
            lambda: f"{cap(camp)} should go out to {s.audience(op, a, n)} — who's in that group?",
            lambda: f"We're aiming {camp} at {s.audience(op, a, n)}; please build that audience.",
        ])()
    if family == "count_and_list":
        return s.c([
            lambda: f"How many {n} {s.rel(op, a)}, and who are they?",
            lambda: f"Give me a count of {the(s.audience(op, a, n))}, plus their IDs.",
            lambda: f"What's the number of {s.audience(op, a, n)}? I need the actual customers too.",
            lambda: f"How big is the group of {s.audience(op, a, n)} — and can you list them?",
        ])()
    if family == "criteria_list":
        return s.c([
            lambda: "Segment request." + s.criteria(op, a, "bullets") + "\nReturn the matching customer IDs.",
            lambda: "Audience definition:" + s.criteria(op, a, "bullets"),
            lambda: f"Segment rules — {s.criteria(op, a, 'semi')} Send me who qualifies.",
            lambda: f"Customers to include ({s.criteria(op, a, 'semi')[:-1]}).",
        ])()
    if family == "long_preamble":
        pre = s.c(PREAMBLES)
        return s.c([
            lambda: f"{pre}, so the group I'd like to start with is all the {n} who {s.rel(op, a)}.",
            lambda: f"{pre}. With that in mind, please find {the(s.audience(op, a, n))}.",
            lambda: f"{pre}; what I'm after, in the end, is the list of {n} who {s.rel(op, a)}.",
        ])()
    if family == "whose_passive":
        return s.c([
            lambda: f"A list of {the(s.passive(op, a, n))} is needed.",
            lambda: f"Which {s.passive(op, a, n)} can be found in the data?" if op != "not" else f"Can you find {s.passive(op, a, n)}?",
            lambda: f"I'd like {the(s.passive(op, a, n))} to be pulled.",
            lambda: f"Please have {all_(s.passive(op, a, n))} identified.",
        ])()
    if family == "hedged_typo":
        text = s.c([
            lambda: f"not sure this is even possible, but could you maybe find {the(s.audience(op, a, n))}? I think that's the group we want",
            lambda: f"sorry if this is a dumb question — is there a way to see which {n} {s.rel(op, a)}? thanks",
            lambda: f"I might be wrong here but I believe we want {s.audience(op, a, n)}... can you check who that is, please?",
            lambda: f"could you pull, roughly speaking, {the(s.audience(op, a, n))}?? i think that's right, because the brief was a bit vague",
        ])()
        return typo(text, rng, rng.choice([1, 2, 2, 3]))
    if family == "shorthand":
        return s.c([
            lambda: f"uids pls: {s.criteria(op, a, 'short')}",
            lambda: f"need cust IDs → {s.criteria(op, a, 'short')}",
            lambda: f"seg: {s.criteria(op, a, 'short')}. thx",
            lambda: f"quick pull: {s.criteria(op, a, 'short')} (IDs only)",
            lambda: f"pls send custs w/ {s.criteria(op, a, 'short')} — ids only, asap",
        ])()
    raise ValueError(family)


FAMILIES = ["direct_question", "crm_export", "slack_context", "campaign_brief", "count_and_list", "criteria_list",
            "long_preamble", "whose_passive", "hedged_typo", "shorthand"]

# facts the shop does not hold, as pseudo-leaves (a condition on them) ...
DECLINE_CONDITIONS = [
    ("age", ["are over 40", "are aged 25 to 34", "are under 30 years old"], ["aged over 40", "in the 18-24 age bracket"],
     ["age > 40", "age 25-34"], ["Gen Z customers", "customers over 50"]),
    ("gender", ["are women", "identify as male"], ["who are female"], ["gender = female", "gender: male"],
     ["female customers", "male shoppers"]),
    ("income", ["earn more than €80k a year", "are in the top income bracket"], ["with a household income above €60,000"],
     ["income > 80k", "income bracket: high"], ["high-income customers", "affluent shoppers (income over €100k)"]),
    ("marital status", ["are married", "are single"], ["who are engaged to be married"], ["marital status = married"],
     ["married customers", "single shoppers"]),
    ("pets", ["own a dog", "have a cat at home"], ["with a dog at home"], ["pet owner = yes", "owns a cat"],
     ["dog owners", "cat owners"]),
    ("household size", ["live in a household of four or more", "have kids under 10 at home"], ["with children at home"],
     ["household size ≥ 4", "has children"], ["families with young kids", "large households"]),
    ("acquisition campaign / channel", ["came in through the Instagram ad campaign", "were acquired via Google Ads",
                                        "first found us through an affiliate link"],
     ["acquired through the TikTok campaign", "who signed up via a referral code"],
     ["acquisition channel = paid social", "source: Facebook ads", "utm_campaign = summer_influencer"],
     ["customers from the influencer campaign", "shoppers acquired via our podcast ads"]),
    ("social media", ["follow us on Instagram", "have tagged us on TikTok"], ["with more than 1,000 Instagram followers"],
     ["follows brand on IG"], ["our Instagram followers"]),
    ("occupation", ["work in healthcare", "are teachers"], ["employed in IT"], ["occupation = student"], ["students"]),
]
# ... and contact / personal fields asked for
DECLINE_FIELDS = [("phone numbers", ["phone numbers", "mobile numbers"]), ("email addresses", ["email addresses", "emails"]),
                  ("postal addresses", ["home addresses", "postal addresses"]), ("dates of birth", ["birthdays", "dates of birth"]),
                  ("social media handles", ["Instagram handles", "social media profiles"])]


def decline_leaf(rng: random.Random) -> tuple[str, Leaf]:
    what, vp, post, crit, np = rng.choice(DECLINE_CONDITIONS)
    return what, Leaf({"kind": "decline", "what": what}, None, np=np, vp=vp, post=post, crit=crit)


def with_fields(text: str, fields: list, rng: random.Random) -> str:
    f = rng.choice(fields)
    return rng.choice([f"{text.rstrip('.?! ')} — and include their {f}.", f"{text} I also need their {f}.",
                       f"{text.rstrip('.?! ')}, with their {f} please."])

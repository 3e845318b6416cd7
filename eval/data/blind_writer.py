"""The blind marketer set's sentence shapes (ten families) and its declines, over drawn leaves."""

from __future__ import annotations

import random

from blind_words import Leaf


# --- rendering ---------------------------------------------------------------------------------------
HEADS = ["customers", "customers", "customers", "shoppers", "buyers", "people", "users", "clients"]


class Writer:
    def __init__(self, rng: random.Random) -> None:
        self.r = rng

    def head(self, leaves: list[Leaf]) -> str:
        h = self.r.choice(HEADS)
        if h == "buyers" and not any(leaf.implies_purchase for leaf in leaves):
            h = "customers"
        return h

    def np(self, op: str, leaves: list[Leaf]) -> tuple[str, str]:
        """(noun phrase 'German customers who ...', finite clause for 'Which <head> <clause>?' i.e. pre+head+rest)."""
        r = self.r
        h = self.head(leaves)
        rel = r.choice(["who", "who", "that"])
        a = leaves[0]
        if op == "single":
            if a.pres and r.random() < 0.5:
                return f"{r.choice(a.pres)} {h}", ""
            if a.mods and r.random() < 0.4:
                return f"{h} {r.choice(a.mods)}", ""
            return h, f"{r.choice(a.vps)}"
        if op == "not":
            return h, r.choice(a.negs)
        b = leaves[1]
        if op == "and" and len(leaves) == 2:
            shape = r.randrange(4)
            if shape == 0 and a.pres:
                return f"{r.choice(a.pres)} {h}", r.choice(b.vps)
            if shape <= 1 and a.mods:
                return f"{h} {r.choice(a.mods)}", r.choice(b.vps)
            if shape == 2 and a.mods and b.mods and a.kind != b.kind:
                return f"{h} {r.choice(a.mods)} and {r.choice(b.mods)}", ""
            return h, f"{r.choice(a.vps)} and {r.choice(b.vps)}"
        if op == "and":
            c = leaves[2]
            pre = f"{r.choice(a.pres)} {h}" if a.pres and r.random() < 0.5 else (f"{h} {r.choice(a.mods)}" if a.mods else h)
            if pre == h:
                return h, f"{r.choice(a.vps)}, {r.choice(b.vps)} and {r.choice(c.vps)}"
            return pre, f"{r.choice(b.vps)} and {r.choice(c.vps)}"
        if op == "or":
            lead = r.choice(["", "either "])
            return h, f"{lead}{r.choice(a.vps)} or {r.choice(b.vps)}"
        if op == "and_not":
            joint = r.choice([" but ", " but ", " and ", " yet "])
            if a.pres and r.random() < 0.5:
                return f"{r.choice(a.pres)} {h}", r.choice(b.negs)
            if a.mods and r.random() < 0.4:
                return f"{h} {r.choice(a.mods)}", r.choice(b.negs)
            return h, f"{r.choice(a.vps)}{joint}{r.choice(b.negs)}"
        if op == "and_or":
            c = leaves[2]
            if a.pres and r.random() < 0.5:
                pre = f"{r.choice(a.pres)} {h}"
            else:
                pre = f"{h} {r.choice(a.mods)}"
            return pre, f"{r.choice(['', 'either '])}{r.choice(b.vps)} or {r.choice(c.vps)}"
        raise ValueError(op)

    def full_np(self, op: str, leaves: list[Leaf]) -> str:
        noun, clause = self.np(op, leaves)
        if not clause:
            return noun
        return f"{noun} {self.r.choice(['who', 'who', 'that'])} {clause}"

    def terse(self, op: str, leaves: list[Leaf]) -> str:
        r = self.r

        def s(leaf: Leaf) -> str:
            return r.choice(leaf.shorts) if leaf.shorts else r.choice(leaf.mods or leaf.vps)

        def sn(leaf: Leaf) -> str:
            return r.choice(leaf.short_negs) if leaf.short_negs else "NOT " + s(leaf)

        a = leaves[0]
        if op == "single":
            return s(a)
        if op == "not":
            return sn(a)
        if op == "and":
            j = r.choice([" + ", ", ", " & ", " and ", " w/ "])
            return j.join(s(leaf) for leaf in leaves)
        if op == "or":
            return f"{s(a)} {r.choice(['OR', 'or', '/'])} {s(leaves[1])}"
        if op == "and_not":
            return f"{s(a)}{r.choice([', ', ' but ', ' + ', ' & '])}{sn(leaves[1])}"
        if op == "and_or":
            return f"{s(a)} {r.choice(['+', '&', 'and'])} ({s(leaves[1])} {r.choice(['OR', 'or'])} {s(leaves[2])})"
        raise ValueError(op)

    def spec(self, op: str, leaves: list[Leaf]) -> str:
        """filter_spec family: semi-structured lists."""
        r = self.r

        def s(leaf: Leaf) -> str:
            return r.choice(leaf.mods + leaf.vps) if r.random() < 0.5 or not leaf.shorts else r.choice(leaf.shorts)

        def sn(leaf: Leaf) -> str:
            return "exclude anyone who " + r.choice(leaf.vps) if r.random() < 0.5 else "excl. " + s(leaf)

        a = leaves[0]
        opener = r.choice(["Filter:", "Criteria:", "Customers matching ->", "Rules:", "Conditions -"])
        if op == "single":
            return f"{opener} {s(a)}"
        if op == "not":
            return f"{opener} {r.choice(a.negs)}"
        if op == "and":
            return f"{opener} " + r.choice(["; ", " AND ", " | "]).join(s(leaf) for leaf in leaves)
        if op == "or":
            return f"{opener} {s(a)} OR {s(leaves[1])}" + r.choice(["", " (either is fine)", " (any of the two)"])
        if op == "and_not":
            return f"{opener} {s(a)}; {sn(leaves[1])}" if r.random() < 0.5 else f"{opener} {s(a)}; NOT: {r.choice(leaves[1].vps)}"
        if op == "and_or":
            return f"{opener} {s(a)}; plus one of: {s(leaves[1])} / {s(leaves[2])}"
        raise ValueError(op)


TAILS = ["need them for the Xmas mailer", "for the autumn win-back campaign", "for the fall win-back campaign",
         "it's for a personalised offer", "it's for a personalized offer", "going into the Black Friday email",
         "for a retargeting test next week", "want to send them a voucher", "for our loyalty programme pilot",
         "for our loyalty program pilot", "need to hand the list to the CRM team", "for the spring catalogue send-out",
         "thinking of a thank-you note", "for a survey about their favourite products", "for a survey about their favorite products",
         "for an A/B test on the homepage banner"]


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def render(family: str, op: str, leaves: list[Leaf], w: Writer) -> str:  # noqa: PLR0911
    r = w.r
    if family == "which_q":
        noun, clause = w.np(op, leaves)
        if clause:
            shape = r.randrange(3)
            if shape == 0:
                return f"Which {noun} {clause}?"
            if shape == 1:
                return f"Who are the {noun} that {clause}?"
            return f"Which of our {noun} {clause}?"
        return r.choice([f"Which {noun} do we have?", f"Who are our {noun}?", f"which {noun} are there?"])
    if family == "imperative":
        verb = r.choice(["List", "Pull", "Show me", "Give me", "Export", "Get me", "Find", "pull up", "list out"])
        return f"{verb} {r.choice(['all ', 'all the ', 'every one of the ', '', 'the '])}{w.full_np(op, leaves)}{r.choice(['.', '', '.', ' please'])}"
    if family == "noun_phrase":
        npx = w.full_np(op, leaves)
        return r.choice([cap(npx), f"All {npx}", npx, f"{cap(npx)}."])
    if family == "looking_for":
        lead = r.choice(["I'm looking for", "I am looking for", "I need", "We want to reach", "Looking for", "I'd like to see",
                         "I'm trying to find"])
        return f"{lead} {r.choice(['', 'all ', 'the '])}{w.full_np(op, leaves)}{r.choice(['.', '', '!'])}"
    if family == "polite":
        lead = r.choice(["Any chance you could pull", "Could you get me", "Can you find", "Would you mind listing", "Could you please pull",
                         "can u grab"])
        tail = r.choice(["?", " please?", "? Thanks!", "? ta", "?"])
        return f"{lead} {r.choice(['the ', 'all ', ''])}{w.full_np(op, leaves)}{tail}"
    if family == "segment_label":
        label = r.choice(["segment:", "Segment -", "Audience:", "Target group:", "SEGMENT:", "audience ->"])
        body = w.terse(op, leaves) if r.random() < 0.3 else w.full_np(op, leaves)
        return f"{label} {body}"
    if family == "purpose_tail":
        sep = r.choice([" — ", " - ", ", ", " -- ", "; "])
        return f"{cap(w.full_np(op, leaves))}{sep}{r.choice(TAILS)}"
    if family == "terse":
        body = w.terse(op, leaves)
        head = r.choice(["", "", "custs ", "ppl ", "customers: "])
        return f"{head}{body}{r.choice(['', '?', ' pls', ''])}"
    if family == "conversational":
        lead = r.choice(["hey, quick one: marketing wants to target", "So for the next campaign we're thinking of",
                         "Hi! My manager asked me for", "ok so I need to figure out who are the", "Quick question - we want to email"])
        tail = r.choice([". Who fits?", " — can you tell me who that is?", ". Can you help?", ", who would that be?", ". Thanks in advance"])
        return f"{lead} {w.full_np(op, leaves)}{tail}"
    if family == "filter_spec":
        return w.spec(op, leaves)
    raise ValueError(family)


# --- declines ----------------------------------------------------------------------------------------
DECLINE_WRAP = [  # (what is missing, template over an answerable noun phrase)
    ("email", "the email addresses of {np}"),
    ("email", "{np} — export with their emails please"),
    ("phone", "phone numbers for {np}"),
    ("phone", "Can I get the mobile numbers of {np}?"),
    ("address", "home addresses of {np}, we want to send a printed catalogue"),
    ("address", "Postal addresses for {np}"),
    ("social", "Instagram handles of {np}"),
    ("social", "the Twitter / X accounts of {np}"),
]
DECLINE_FILTER = [  # (what is missing, head phrase replacing the plain head noun)
    ("age", "customers aged 25-34"), ("age", "over-50s"), ("age", "customers under 30"),
    ("gender", "female customers"), ("gender", "male shoppers"),
    ("income", "high-income customers (household income over €80k)"), ("income", "customers earning more than 50k a year"),
    ("pets", "dog owners"), ("pets", "customers who own a cat"),
    ("children", "parents with kids under 5"), ("children", "customers with children"),
    ("newsletter", "customers who opened last week's newsletter"), ("ads", "customers who clicked our Facebook ad"),
    ("loyalty_tier", "gold-tier loyalty members"), ("channel", "customers who came in through TikTok"),
    ("birthday", "customers with a birthday this month"), ("marital_status", "married customers"),
]


def decline(leaf: Leaf | None, family: str, w: Writer) -> tuple[str, str]:
    r = w.r
    if r.random() < 0.5:
        missing, tmpl = r.choice(DECLINE_WRAP)
        npx = w.full_np("single", [leaf]) if leaf else r.choice(["our customers", "everyone on the list", "all shoppers"])
        q = tmpl.format(np=npx)
        if family in ("imperative", "terse", "filter_spec", "segment_label"):
            q = r.choice(["Give me ", "Pull ", "Export ", "segment + contact: "]) + q if not q[0].isupper() else q
        elif family == "polite":
            q = "Could you get me " + q + "?" if not q[0].isupper() else q
        return missing, cap(q)
    missing, headp = r.choice(DECLINE_FILTER)
    if leaf is None:
        q = r.choice([f"Which {headp} do we have?", f"List {headp}", f"I'm looking for {headp}", f"segment: {headp}"])
    else:
        clause = r.choice(leaf.vps)
        q = r.choice([f"Which {headp} {clause}?", f"{cap(headp)} who {clause}", f"Pull {headp} that {clause}",
                      f"I need {headp} who {clause} — for a targeted promo"])
    return missing, q



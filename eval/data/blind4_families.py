"""Fourth blind set: ten sentence families. Each renders a logical form (single / and / or / and_not / not /
and_or) over leaf clauses into a marketer's request; declines add a clause or a column the shop does not hold."""

from __future__ import annotations

import random
from collections.abc import Callable

from blind4_leaves import Leaf, verb

FAMILIES = ["lookalike_example", "persona", "chat_followup", "must_checklist", "meeting_notes", "do_we_have",
            "forwarded", "mobile_lowercase", "parenthetical", "hypothesis"]
NAMES = ["Priya", "Tom", "Lena", "Marco", "Aisha", "Jonas", "Chloe", "Sam", "Ines", "Raj"]


def clause(leaf: Leaf, rng: random.Random, singular: bool, negated: bool = False) -> str:
    return verb(rng.choice(leaf.neg if negated else leaf.pos), singular)


def logic(form: str, leaves: list[Leaf], rng: random.Random, singular: bool, rel: str = "who") -> str:
    """One sentence body after 'who' for the form (A and B, either A or B, A but not B, ...)."""
    c = [clause(x, rng, singular) for x in leaves]
    if form == "single":
        return c[0]
    if form == "and":
        if len(c) == 2:
            return rng.choice([f"{c[0]} and {c[1]}", f"{c[0]} and also {c[1]}", f"{c[0]}, and who {c[1]}".replace("who", rel)])
        return rng.choice([f"{c[0]}, {c[1]} and {c[2]}", f"{c[0]}, {c[1]}, and {c[2]}"])
    if form == "or":
        return rng.choice([f"either {c[0]} or {c[1]}", f"{c[0]} or {c[1]} (either one is enough)", f"{c[0]}, or else {c[1]}"])
    if form == "and_not":
        if leaves[1].neg and rng.random() < 0.5:
            return f"{c[0]} but {clause(leaves[1], rng, singular, True)}"
        return rng.choice([f"{c[0]}, excluding anyone who {verb(rng.choice(leaves[1].pos), True)}",
                           f"{c[0]} - but not the ones who {verb(rng.choice(leaves[1].pos), False)}"])
    if form == "not":
        return clause(leaves[0], rng, singular, True)
    if form == "and_or":
        return rng.choice([f"{c[0]} and, on top of that, either {c[1]} or {c[2]}",
                           f"{c[0]}, and who either {c[1]} or {c[2]}".replace("who", rel)])
    raise ValueError(form)


def _lookalike(form: str, L: list[Leaf], g: random.Random) -> str:
    body = logic(form, L, g, True)
    return g.choice([
        f"Find me customers like this one: picture a shopper who {body}. Anyone matching that description goes on the list.",
        f"Example of who I mean - say a customer that {body}. Pull everyone who fits that example.",
        f"e.g. someone who {body}. That's the profile. Which customers look exactly like that?",
        f"Think of a typical buyer who {body}... I want all customers who match that example, nobody else.",
        f"Here's the kind of person I'm after: a customer who {body}. List everybody like that pls",
    ])


def _persona(form: str, L: list[Leaf], g: random.Random) -> str:
    n = g.choice(["Busy Ben", "Weekend Wendy", "Careful Carla", "Bargain Bob", "Loyal Lucy", "Curious Kai"])
    body = logic(form, L, g, True)
    return g.choice([
        f"Persona: \"{n}\". {n.split()[1]} is a customer who {body}. Which of our customers match this persona?",
        f"Our ideal target for the next push is {n} - someone who {body}. Give me every customer who fits {n}.",
        f"Persona card -- Name: {n}. Profile: a shopper who {body}. Please list the real customers behind this persona.",
        f"Meet {n}, the persona we're building for: a customer who {body}. Who in our base matches?",
    ])


def _chat(form: str, L: list[Leaf], g: random.Random) -> str:
    t = g.choice(["09:14", "10:02", "13:47", "16:20"])
    t2 = t[:3] + f"{(int(t[3:]) + 1) % 60:02d}"
    a = [clause(x, g, False) for x in L]
    one = [clause(x, g, True) for x in L]
    if form == "single":
        return g.choice([f"[{t}] quick one\n[{t2}] customers who {a[0]}?", f"[{t}] hey, can u pull customers who {a[0]}\n[{t2}] thanks, just the list is fine"])
    if form == "not":
        return f"[{t}] need a list\n[{t2}] everyone who {clause(L[0], g, True, True)}"
    if form == "and":
        extra = f"\n[{t2[:3]}{(int(t2[3:]) + 1) % 60:02d}] and narrow it again: only those who {a[2]}" if len(a) == 3 else ""
        return g.choice([f"[{t}] can you get me customers who {a[0]}?\n[{t2}] also only those who {a[1]}{extra}",
                         f"[{t}] looking for people who {a[0]}\n[{t2}] oh wait, keep only the ones who {a[1]} too{extra}"])
    if form == "or":
        return g.choice([f"[{t}] can you pull customers who {a[0]}?\n[{t2}] and add anyone who {one[1]} as well, one combined list",
                         f"[{t}] customers who {a[0]} pls\n[{t2}] actually also throw in everyone who {one[1]} (union of both)"])
    if form == "and_not":
        return g.choice([f"[{t}] can you get me customers who {a[0]}?\n[{t2}] and remove anyone who {one[1]}",
                         f"[{t}] list of customers who {a[0]} please\n[{t2}] oh, minus the people who {a[1]}"])
    return f"[{t}] I need customers who {a[0]}\n[{t2}] but only if they also {a[1]} or {a[2]} - either works"


def _must(form: str, L: list[Leaf], g: random.Random) -> str:
    a = [clause(x, g, False) for x in L]
    head = g.choice(["For this audience a customer qualifies only if:", "Quick checklist before you pull the list -",
                     "Who gets in? Simple:", "The list should follow these rules:"])
    tail = g.choice(["That's everything; send me the matching customers.", "Anyone passing all of that is in.", ""])
    if form == "single":
        rules = f"(1) they {a[0]}. Nothing else matters."
    elif form == "not":
        rules = f"(1) MUST NOT: they must not be customers who {a[0]}. Everyone else qualifies."
    elif form == "and":
        rules = " ".join(f"({i + 1}) MUST: they {x}." for i, x in enumerate(a))
    elif form == "or":
        rules = f"(1) MUST, one of: they {a[0]}, OR they {a[1]} - either is enough."
    elif form == "and_not":
        rules = f"(1) MUST: they {a[0]}. (2) MUST NOT: they {a[1]}."
    else:
        rules = f"(1) MUST: they {a[0]}. (2) MUST, one of: they {a[1]}, or they {a[2]}."
    return f"{head} {rules} {tail}".strip()


def _notes(form: str, L: list[Leaf], g: random.Random) -> str:
    who = g.choice(NAMES)
    body = logic(form, L, g, False)
    pre = g.choice(["Weekly growth sync - notes\n- Q4 budget: on track\n- new banner live Monday\n",
                    "Retention stand-up (Thu)\nAttendees: CRM, analytics, brand\nDiscussed: churn numbers, holiday calendar\n",
                    "Notes / marketing planning\n* agreed to test a smaller audience first\n"])
    return pre + g.choice([f"Action item ({who}): pull the customers who {body}.",
                           f"AI: {who} to get the list of customers who {body} before Friday.",
                           f"Next steps\n- {who}: customer list - everyone who {body}"])


def _dowehave(form: str, L: list[Leaf], g: random.Random) -> str:
    body = logic(form, L, g, False)
    bs = logic(form, L, g, True)
    return g.choice([f"Do we have customers who {body}? If so, list them.",
                     f"Is there anyone who {bs}? If yes, I need to know exactly who.",
                     f"Do we actually have shoppers that {body}? If there are any, which ones?",
                     f"Any customers out there who {body}?? if so pls send the ids"])


def _fw(form: str, L: list[Leaf], g: random.Random) -> str:
    body = logic(form, L, g, False)
    boss = g.choice(["Dana (Head of CRM)", "Marc Weber", "Olivia, VP Marketing", "H. Tanaka"])
    top = g.choice(["Can you handle this one?", "See below - can you sort by EOD?", "fyi, pls action", "This one's for you, thanks!"])
    return (f"{top}\n\n---------- Forwarded message ----------\nFrom: {boss}\nSubject: {g.choice(['list request', 'audience for next send', 'quick pull', 'customers'])}\n\n"
            + g.choice([f"I'd like the customers who {body}.", f"Need a list: customers who {body}. Thx",
                        f"Could someone give me all customers who {body}?"]))


def _mobile(form: str, L: list[Leaf], g: random.Random) -> str:
    body = logic(form, L, g, False)
    s = g.choice([f"need customers who {body} pls", f"can u send me everyone who {body}", f"customers that {body} thx",
                  f"who are the ppl that {body}"])
    s = s.lower()
    for a, b in [(",", ""), (".", "") if "." not in body else ("", ""), ("'", ""), (" you ", " u "), (" and ", " n ")]:
        if a and g.random() < 0.7:
            s = s.replace(a, b)
    if g.random() < 0.3:
        s = s.replace("the ", "teh ", 1)
    return s.replace(" - ", " ").replace("  ", " ")


def _paren(form: str, L: list[Leaf], g: random.Random) -> str:
    def one(x: Leaf, neg: bool = False) -> str:
        t = clause(x, g, False, neg)
        return f"{t} ({x.note})" if x.note and not neg else t
    c = [one(x) for x in L]
    if form == "single":
        body = c[0]
    elif form == "not":
        body = one(L[0], True) + (" (so that includes people who never bought at all)" if L[0].kind.startswith("bought") else " (everyone else)")
    elif form == "and":
        body = " and ".join(c)
    elif form == "or":
        body = f"{c[0]} or {c[1]} (either condition is enough)"
    elif form == "and_not":
        body = f"{c[0]}, leaving out those who {c[1]} (exclusion)"
    else:
        body = f"{c[0]}, and also either {c[1]} or {c[2]} (one of those two is enough)"
    return g.choice([f"Customers who {body}.", f"Please list customers who {body}", f"I'm after the customers who {body} - thanks!"])


def _hypo(form: str, L: list[Leaf], g: random.Random) -> str:
    body = logic(form, L, g, False)
    return g.choice([
        f"Hypothesis: customers who {body} are more likely to churn. Step one is just getting that group - who are they?",
        f"We think people who {body} respond better to bundles. To test it I first need exactly those customers.",
        f"Testing a theory that shoppers who {body} buy again sooner. Can you give me that cohort?",
        f"Working assumption for the test cell: customers who {body}. Please list that cell.",
    ])


RENDER: dict[str, Callable[[str, list[Leaf], random.Random], str]] = {
    "lookalike_example": _lookalike, "persona": _persona, "chat_followup": _chat, "must_checklist": _must,
    "meeting_notes": _notes, "do_we_have": _dowehave, "forwarded": _fw, "mobile_lowercase": _mobile,
    "parenthetical": _paren, "hypothesis": _hypo}

DECLINES = [  # what is missing, a clause asking to filter by it, a column asking to be exported
    ("contact details", None, "their email addresses"), ("contact details", None, "their phone numbers"),
    ("age", "{are} between 25 and 34 years old", "their ages"), ("gender", "{are} women", "their gender"),
    ("income", "earn{s} more than 80k a year", "household income"), ("family", "{have} young children at home", "whether they have kids"),
    ("home city", "live{s} in Munich", "their home city"), ("address", None, "postal addresses"),
    ("date of birth", "{have} a birthday this month", "dates of birth"), ("social media", "follow{s} us on Instagram", "Instagram handles"),
    ("ad clicks", "clicked one of our Facebook ads", None), ("email opens", "opened last week's newsletter", None),
    ("acquisition channel", "came to us through paid search", "their acquisition channel"),
]

"""Fifth blind marketer set: ten sentence families (FAQ, comparison, numbered priorities, include/exclude table,
ALL-CAPS sales manager, future-tense audience, footnotes, service follow-up, user story, emoji social post) that turn
a condition tree's clauses into a request, and the declines (facts the shop does not hold)."""

from __future__ import annotations

import random
import re

FAMILIES = ["faq", "rather_than", "priorities", "include_exclude_table", "caps_sales", "future_audience", "footnote",
            "service_followup", "user_story", "emoji_social"]
WHO = ["customers", "customers", "shoppers", "people", "users", "our customers"]
TYPO = {"customers": "custmers", "people": "poeple", "please": "pls", "audience": "audiance",
        "need": "ned", "list": "lsit"}


def body(rng: random.Random, op: str, says: list[str]) -> str:
    """A noun phrase naming the customers of a tree (op over leaf clauses)."""
    w = rng.choice(WHO)
    a = says[0]
    if op == "leaf":
        return rng.choice([f"{w} who {a}", f"all {w} who {a}", f"those customers who {a}", f"the ones who {a}"])
    if op == "not":
        return rng.choice([f"every customer except those who {a}", f"all customers apart from the ones who {a}",
                           f"everyone in the database other than people who {a}"])
    b = says[1]
    if op == "and":
        if len(says) == 3:
            c = says[2]
            return rng.choice([f"{w} who {a}, who {b}, and who {c}", f"{w} who {a} and {b} and also {c}",
                               f"the people who {a}, who also {b}, and who {c} as well"])
        return rng.choice([f"{w} who {a} and {b}", f"{w} who {a} and who also {b}", f"those who {a} and at the same time {b}"])
    if op == "or":
        return rng.choice([f"{w} who either {a} or {b}", f"people who {a}, plus people who {b} (either one is enough)",
                           f"{w} who {a} or who {b} - one of the two is enough"])
    if op == "and_not":
        return rng.choice([f"{w} who {a}, leaving out those who {b}", f"{w} who {a} but not those who {b}",
                           f"{w} who {a}, minus the ones who {b}"])
    if op == "not":
        return rng.choice([f"every customer except those who {a}", f"all customers apart from the ones who {a}",
                           f"everyone in the database other than people who {a}"])
    c = says[2]
    return rng.choice([f"{w} who {a} and who also either {b} or {c}", f"{w} who {a} and, on top of that, {b} or {c} (either)",
                       f"the customers who {a}, as long as they also {b} or {c}"])


def _typo(rng: random.Random, text: str) -> str:
    if rng.random() < 0.15:
        for word, bad in rng.sample(list(TYPO.items()), len(TYPO)):
            if f" {word} " in text:
                return text.replace(f" {word} ", f" {bad} ", 1)
    return text


def _caps(text: str) -> str:
    for w in (" and ", " or ", " not ", " except ", " either ", " but ", " only ", " every "):
        text = text.replace(w, w.upper())
    return re.sub(r" OR (more|higher|lower|less|fewer|worse)\b", r" or \1", text)


def render(rng: random.Random, family: str, op: str, says: list[str]) -> str:  # noqa: PLR0911, PLR0912
    R = rng.choice
    nb = body(rng, op, says)
    if family == "faq":
        q = R([f"Q: Which customers should get the offer?\nA: {nb[0].upper() + nb[1:]}.",
               f"Q: who's in scope for this one?\nA: {nb}.",
               f"FAQ - Q: What audience do we pull? A: {nb}. Nobody else.",
               f"Q. Who exactly do we want?\nA. {nb[0].upper() + nb[1:]}; please send the list."])
        return _typo(rng, q)
    if family == "rather_than":
        if op == "and_not":
            return R([f"I want the group of customers who {says[0]} rather than the group who {says[0]} and also {says[1]} "
                      f"- so only the first group, minus the second.",
                      f"Give me {nb} - that group rather than the full set.",
                      f"Not all customers who {says[0]}: I want those of them who are not also people who {says[1]}, rather than the lot."])
        return _typo(rng, R([f"I'd like {nb}, rather than the whole customer base.",
                             f"We want {nb} - that specific group rather than everybody.",
                             f"Rather than blasting everyone, give me only {nb}."]))
    if family == "priorities":
        if op == "and":
            items = "\n".join(f"{i + 1}. they {s}" for i, s in enumerate(says))
            return R([f"Audience spec (every numbered point must apply):\n{items}",
                      f"Priorities for this audience - all of them apply, not either/or:\n{items}\nSend me who qualifies.",
                      f"Need customers meeting ALL of the following, in priority order:\n{items}"])
        return R([f"Priority 1 - the audience: {nb}.\nPriority 2 - get it to me today.",
                  f"1) Build the list of {nb}\n2) send it over\n3) that's it, thanks"])
    if family == "include_exclude_table":
        if op == "and_not":
            return R([f"| include | exclude |\n|---|---|\n| customers who {says[0]} | customers who {says[1]} |",
                      f"Include | Exclude\ncustomers who {says[0]} | people who {says[1]}"])
        if op == "and":
            rows = "\n".join(f"| customers who {s} | - |" for s in says)
            return f"| include (must match every row) | exclude |\n|---|---|\n{rows}"
        if op == "not":
            return f"| include | exclude |\n|---|---|\n| all customers | those who {says[0]} |"
        return f"| include | exclude |\n|---|---|\n| {nb} | nobody |"
    if family == "caps_sales":
        return _caps(R([f"I NEED {nb.upper()} ON MY DESK TODAY.", f"Team - get me {nb}. ASAP!!!",
                        f"LISTEN UP: the list is {nb}. NO ONE ELSE.", f"need {nb} - THIS IS URGENT"]))
    if family == "future_audience":
        return _typo(rng, R([f"For the upcoming campaign, the audience will be {nb}.",
                             f"Next month's send will go to {nb}.", f"The segment we launch with will consist of {nb}.",
                             f"Our spring push is going to target {nb} - can you build that audience?"]))
    if family == "footnote":
        return R([f"Please pull the customers described in note [1].\n\n[1] {nb[0].upper() + nb[1:]}.",
                  f"Target audience: see footnote*\n\n* {nb}.",
                  f"Build the segment†.\n† = {nb}."])
    if family == "service_followup":
        return _typo(rng, R([f"Hi, customer service lead here - for our follow-up list I need {nb}.",
                             f"CS team: we want to follow up with {nb}. Who are they?",
                             f"From the support desk: please give us {nb} so we can follow up with them."]))
    if family == "user_story":
        return _typo(rng, R([f"As a marketer, I need {nb}, so that I can target them with the next campaign.",
                             f"User story: As a CRM manager I want a list of {nb} so that I can plan a send.",
                             f"As a growth analyst I want to see {nb}.\nAcceptance: the list contains exactly those people."]))
    return R([f"🚀 quick one!! need {nb} 🙏🛍️", f"hey team 👋 can we get {nb}?? 🎯🎯", f"✨ audience drop ✨ {nb} 💥 thx!",
              f"📣 {nb} - who are they? 👀"])


MISSING = [("email address", "with their email addresses"), ("phone number", "with their phone numbers"),
           ("age", "aged between 25 and 34"), ("gender", "who are women"), ("income", "with a household income above 80k"),
           ("family", "who have kids at home"), ("home city", "living in Manchester"), ("home address", "with their postal addresses"),
           ("birthday", "with a birthday this month"), ("social media", "who follow us on Instagram"),
           ("ad clicks", "who clicked one of our Facebook ads"), ("email opens", "who opened last week's newsletter"),
           ("acquisition channel", "who came to us through paid search"), ("marital status", "who are married"),
           ("job title", "who work as teachers")]


def decline(rng: random.Random, family: str, with_says: str | None) -> tuple[str, str]:
    what, tail = rng.choice(MISSING)
    if with_says is None:
        alone = {"email address": "have an email address on file (send the addresses)",
                 "phone number": "have a phone number on file (need the numbers)",
                 "age": "are aged between 25 and 34", "gender": "are women", "income": "earn more than 80k a year",
                 "family": "have kids at home", "home city": "live in Manchester",
                 "home address": "have a home address we can mail (include it)",
                 "birthday": "have a birthday this month", "social media": "follow us on Instagram",
                 "ad clicks": "clicked one of our Facebook ads", "email opens": "opened last week's newsletter",
                 "acquisition channel": "came to us through paid search", "marital status": "are married",
                 "job title": "work as teachers"}
        return what, render(rng, family, "leaf", [alone[what]])
    text = render(rng, family, "leaf", [with_says])
    return what, text + rng.choice([f" Also: only those {tail}.", f" (only the ones {tail})", f" - {tail}, please."])

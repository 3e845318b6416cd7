"""Tenth blind marketer set: ten request families in an indirect, embedded, narrative register. The audience is
never the bare object of a command: it sits inside a sentence about a problem, a grievance, a feasibility
question, a past campaign, a comparison, a reason, a wanted artefact, a regret, a surprise or a prerequisite."""

from __future__ import annotations

import random

HEADS = ["customers", "customers", "shoppers", "people", "customers"]

FRAMES = {
    # a problem is described, and the group is named as the suspected cause
    "problem_suspect": [
        "Our repeat-purchase rate has been sliding, and I have a hunch the trouble sits with the {aud}. Could you pull them out so I can go through them?",
        "Something looks off in our retention numbers. My suspicion falls on the {aud}; I'd like to see exactly who they are.",
        "Margins dipped this quarter, and my guess is that it has to do with the {aud}. Can you identify them for me?",
        "The weekly dashboard keeps throwing odd numbers at us. I think the culprit is the {aud}, so I need to see that group.",
    ],
    # a third party's complaint that the group is neglected, and a wish to put it right
    "manager_grumble": [
        "My manager keeps grumbling that nobody pays attention to the {aud}. Fair enough, so let's start by finding them.",
        "The head of CRM complained in this morning's stand-up that we can't even name the {aud}. Could you put that right for her?",
        "My boss is annoyed that we keep losing track of the {aud}, and she wants the list of them on her desk today.",
        "I got an earful from the sales director because we've been ignoring the {aud}. I need to show him who they are.",
    ],
    # a question about whether the data can answer it at all
    "possible_to_get": [
        "Is it possible to get the system to list the {aud}?",
        "Quick feasibility question: is there any way to tell which {head} {rel}? And if so, could you give me them?",
        "I'm not sure our data goes this deep, but would it be doable to find the {aud}?",
        "Can the platform actually pick out the {aud}? Or is that asking too much? I'd love the list.",
    ],
    # a story about an earlier campaign that went wrong, then the narrower group for the next one
    "campaign_retro": [
        "Our last voucher mailing went to the whole list, and most of it was wasted. For the re-run we only want to reach the {aud}.",
        "The spring newsletter flopped because we blasted it at everyone. The follow-up should go just to the {aud}, so who's that?",
        "When we ran the loyalty push over the summer, it was far too broad. This time round nobody else should get it: only the {aud}.",
        "Our flash-sale email annoyed a lot of people who didn't care about it. The next round is meant only for the {aud}. Can you tell me who they are?",
    ],
    # a comparison against everybody else, for which the group must first be set apart
    "versus_rest": [
        "I want to compare one group against the rest of our base, and that group is the {aud}. Could you give me its members?",
        "To benchmark against the average customer, I first need to set apart the {aud}.",
        "We're building a side-by-side of two groups. The first is the {aud}; the second is everybody else. I only need the first one from you.",
        "For a before-and-after comparison with the rest of the customers, please isolate the {aud}.",
    ],
    # a reason comes first, then the group as the one that ought to be contacted
    "because_reason": [
        "Since the warehouse is overstocked, our clearance should be announced first to the {aud}. Who would that be?",
        "Because our delivery partner is changing, I'd like to send a personal note to the {aud}; could you find them?",
        "Given that the loyalty scheme is being relaunched, it makes sense to begin with the {aud}. Please pull them up.",
        "As our prices are going up next month, I want to give advance warning to the {aud}, so I need to know who they are.",
    ],
    # the wanted artefact is described, with the group as its contents
    "end_product": [
        "What I'm after is a spreadsheet with one row per customer, covering exactly the {aud}.",
        "By the end of the day I'd like to have a file listing the {aud}, nothing more and nothing less.",
        "The result I need is simple: a clean list of customer IDs for the {aud}.",
        "Ideally I'd walk away with a CSV I can upload to the ad platform, listing the {aud}.",
    ],
    # hindsight: the group should have been looked after earlier, so find it now
    "regret_overdue": [
        "Long before now we should have reached out to the {aud}. Better late than never: who are they?",
        "It's overdue, honestly. We have never properly thanked the {aud}, and I'd like to fix that, starting with the list.",
        "I'm kicking myself for not spotting this sooner, but I want to look properly at the {aud}. Who's in that group?",
        "In hindsight we missed a trick with the {aud}. Can we at least find them now?",
    ],
    # an observation that surprised someone, with the group as its subject, then a wish to see the members
    "surprise_noticed": [
        "I was surprised to hear that a fair few of our {head} {rel}. I'd like to see exactly which ones.",
        "Apparently some of our {head} {rel}, which I honestly didn't expect. Who are they?",
        "Looking at last week's figures, it seems a good number of {head} {rel}. Please show me them by name.",
        "It turns out there are {head} who {rel}, and I want to see every one of them.",
    ],
    # another piece of work is blocked until the group is known
    "prerequisite_before": [
        "Before I can sign off next week's budget, I need the full list of the {aud}.",
        "I can brief the agency as soon as I have the list of the {aud}. That list is the first step.",
        "The design team can't start on the mailer until they have the names of the {aud}.",
        "Nothing else on my plate can move until I've identified the {aud}.",
    ],
}
FAMILIES = list(FRAMES)


def _vp(rng: random.Random, leaf, negated: bool = False) -> str:
    return rng.choice(leaf.neg if negated else leaf.vp)


def _and(rng: random.Random, parts: list[str]) -> str:
    if len(parts) == 2:
        return rng.choice([f"{parts[0]} and {parts[1]}", f"{parts[0]} and also {parts[1]}", f"{parts[0]}, and at the same time {parts[1]}"])
    return rng.choice([f"{parts[0]}, {parts[1]} and {parts[2]}", f"{parts[0]}, {parts[1]}, and {parts[2]}",
                       f"{parts[0]}, {parts[1]}, and on top of that {parts[2]}"])


def predicate(rng: random.Random, shape: str, leaves: list) -> str:
    """The condition as a predicate of plural customers, without a head noun ('have bought X and live in Y')."""
    if shape == "leaf":
        return _vp(rng, leaves[0])
    if shape == "and":
        return _and(rng, [_vp(rng, x) for x in leaves])
    if shape == "or":
        a, b = _vp(rng, leaves[0]), _vp(rng, leaves[1])
        return rng.choice([f"either {a} or {b}", f"either {a} or {b} (or both)", f"{a} or else {b}, either one being enough"])
    if shape == "and_not":
        a, b = _vp(rng, leaves[0]), _vp(rng, leaves[1], negated=True)
        return rng.choice([f"{a} but {b}", f"{a} and yet {b}", f"{a}, yet {b}"])
    if shape == "not":
        return _vp(rng, leaves[0], negated=True)
    a, b, c = (_vp(rng, x) for x in leaves)
    return rng.choice([f"{a} and also either {b} or {c}", f"{a} and, in addition, either {b} or {c} (one of the two is enough)"])


def _join(mod: str) -> str:
    """How a relative clause follows a noun modifier: 'customers in France who ...', 'customers whose ... and who ...'."""
    return " and who " if mod.startswith(("who ", "whose ")) else " who "


def audience(rng: random.Random, shape: str, leaves: list) -> str:
    """The group as a noun phrase without its article ('customers who ...', 'shoppers based in X who ...')."""
    head = rng.choice(HEADS)
    mods = leaves[0].mod if leaves else []
    r = rng.random()
    if shape == "leaf" and mods and r < 0.35:
        return f"{head} {rng.choice(mods)}"
    if shape == "and" and mods and r < 0.35:
        rest = [_vp(rng, x) for x in leaves[1:]]
        mod = rng.choice(mods)
        return f"{head} {mod}{_join(mod)}{rest[0] if len(rest) == 1 else rest[0] + ' and ' + rest[1]}"
    if shape == "or" and r < 0.4:
        return f"{head} who {_vp(rng, leaves[0])}, together with any {head} who {_vp(rng, leaves[1])}"
    if shape == "and_not" and r < 0.5:
        a = f"{head} {rng.choice(mods)}" if mods and rng.random() < 0.4 else f"{head} who {_vp(rng, leaves[0])}"
        return rng.choice([f"{a}, leaving out the ones who {_vp(rng, leaves[1])}", f"{a}, except for those who {_vp(rng, leaves[1])}",
                           f"{a}, minus the ones who {_vp(rng, leaves[1])}"])
    if shape == "not" and r < 0.5:
        return rng.choice([f"customers other than those who {_vp(rng, leaves[0])}",
                           f"customers, excluding the ones who {_vp(rng, leaves[0])}"])
    if shape == "and_or" and mods and r < 0.35:
        mod = rng.choice(mods)
        return f"{head} {mod}{_join(mod)}either {_vp(rng, leaves[1])} or {_vp(rng, leaves[2])}"
    return f"{head} who {predicate(rng, shape, leaves)}"


def _fill(rng: random.Random, family: str, aud: str, head: str, rel: str) -> str:
    return rng.choice(FRAMES[family]).format(aud=aud, head=head, rel=rel)


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    head = rng.choice(["customers", "shoppers"])
    return _fill(rng, family, audience(rng, shape, leaves), head, predicate(rng, shape, leaves))


ASK_FIELD = ["Please include their {field} as well.", "I'll also need their {field} next to each name.",
             "Their {field} should be on there too.", "Could you add their {field} to it?"]


def decline(rng: random.Random, family: str, beside, unheld: tuple, field_ask: bool) -> tuple[str, str]:
    """A request the shop cannot answer: a condition on data it does not hold (alone or beside a condition it can
    answer), or an answerable group asked for together with a field it does not hold."""
    key, clause, field = unheld
    head = rng.choice(["customers", "shoppers"])
    if beside is None:
        return key, _fill(rng, family, f"{head} who {clause}", head, clause)
    if field_ask:
        text = render(rng, family, "leaf", [beside])
        return key, text + " " + rng.choice(ASK_FIELD).format(field=field)
    a = _vp(rng, beside)
    parts = [a, clause] if rng.random() < 0.5 else [clause, a]
    rel = f"{parts[0]} and {parts[1]}"
    return key, _fill(rng, family, f"{head} who {rel}", head, rel)

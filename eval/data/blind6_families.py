"""Sixth blind marketer set: ten request shapes (families) that turn leaves (``blind6_leaves.Leaf``) into questions,
and the declines (requests for data the shop does not hold, alone or beside an answerable request).

Shapes: ``leaf`` (one leaf), ``and`` (two or three leaves), ``or`` (two), ``and_not`` (first leaf, minus the second),
``not`` (one leaf, negated) and ``and_or`` (first leaf and either the second or the third)."""

from __future__ import annotations

import random

from blind6_leaves import Leaf, fill

FAMILIES = ["reported_speech", "overlap_sets", "narrowing_steps", "fronted_scope", "thinking_aloud", "lets_proposal",
            "existential", "whoever_clause", "handover_note", "nonnative_formal"]

NOUNS = ["customers", "shoppers", "people", "customers", "users"]


# ----------------------------------------------------------------------------------------------- small helpers
def V(r: random.Random, lf: Leaf, sg: bool = False) -> str:
    return fill(r.choice(lf.vp), sg)


def N(r: random.Random, lf: Leaf, sg: bool = False) -> str:
    return fill(r.choice(lf.neg), sg)


def M(r: random.Random, lf: Leaf) -> str:
    return fill(r.choice(lf.mod))


def J(r: random.Random, items: list[str], conj: str = "and") -> str:
    if len(items) == 1:
        return items[0]
    if len(items) == 2:
        return f"{items[0]} {conj} {items[1]}"
    return ", ".join(items[:-1]) + ("," if r.random() < 0.5 else "") + f" {conj} {items[-1]}"


def noun(r: random.Random) -> str:
    return r.choice(NOUNS)


def _plain_mod(r: random.Random, lf: Leaf) -> str | None:
    mods = [m for m in lf.mod if not m.startswith(("who ", "whose "))]
    return fill(r.choice(mods)) if mods else None


def sg_mod(r: random.Random, lf: Leaf) -> str:
    """A modifier after a singular noun ("every customer ...")."""
    plain = _plain_mod(r, lf)
    return plain if plain and r.random() < 0.5 else f"who {V(r, lf, True)}"


def describe(r: random.Random, shape: str, leaves: list[Leaf], rel: str = "who") -> str:
    """A phrase written right after a noun ("customers ...") that says the whole condition."""
    a = leaves[0]
    if shape == "leaf":
        return r.choice([f"{rel} {V(r, a)}", M(r, a)])
    if shape == "and":
        vps = [V(r, x) for x in leaves]
        options = [f"{rel} {J(r, vps)}", f"{rel} " + f" and {rel} ".join(vps) if len(vps) == 2 else f"{rel} {J(r, vps)}"]
        first = _plain_mod(r, a)
        if first:
            options.append(f"{first} {rel} {J(r, vps[1:])}")
        if len(vps) == 2:
            options.append(f"{rel} {vps[0]}, and {rel} also {vps[1]}")
        return r.choice(options)
    if shape == "or":
        x, y = V(r, leaves[0]), V(r, leaves[1])
        return r.choice([f"{rel} either {x} or {y}", f"{rel} {x}, or else {y} (either one is enough)",
                         f"{rel} {x}, together with those {rel} {y}"])
    if shape == "and_not":
        x = V(r, a)
        b = leaves[1]
        conj = "and" if " but " in x or " yet " in x else r.choice(["but", "and"])
        return r.choice([f"{rel} {x} {conj} {N(r, b)}", f"{rel} {x}, excluding any {rel} {V(r, b)}",
                         f"{rel} {x} — though not those {rel} {V(r, b)}"])
    if shape == "not":
        return f"{rel} {N(r, a)}"
    x, y, z = V(r, leaves[0]), V(r, leaves[1]), V(r, leaves[2])
    return r.choice([f"{rel} {x} and {rel} also either {y} or {z}", f"{rel} {x} and, on top of that, either {y} or {z}",
                     f"{rel} {x} — provided they also either {y} or {z}"])


# ------------------------------------------------------------------------------------------------- the families
def reported_speech(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    boss = r.choice(["My manager", "Our head of marketing", "The owner", "Lena from the CRM team", "Our client", "The founder",
                     "Someone in finance", "My team lead"])
    lower = boss[0].lower() + boss[1:] if not boss.startswith(("Lena", "Our client")) else boss
    lower = "our client" if boss == "Our client" else lower
    n = noun(r)
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"{boss} wants to know which {n} {V(r, a)}. Can you get me their ids?",
                         f"{boss} asked me which of our {n} {V(r, a)} — could you pull that list for me?",
                         f"I've been asked by {lower} to find every customer {sg_mod(r, a)}.",
                         f"{boss} was asking whether any {n} {V(r, a)}, and if so exactly which ones.",
                         f"Question from {lower}: who {V(r, a, True)}? They'd like the full list."])
    if shape == "and":
        vps = [V(r, x) for x in lv]
        return r.choice([f"{boss} wants to know which {n} {J(r, vps)}.",
                         f"{boss} asked me to find out who {J(r, [V(r, x, True) for x in lv])}. Could you list them?",
                         f"I was asked by {lower} for the {n} {describe(r, 'and', lv)}. Can you help?"])
    if shape == "or":
        x, y = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"{boss} wants to know which {n} either {x} or {y}.",
                         f"{boss} asked for everyone who {V(r, lv[0], True)}, plus everyone who {V(r, lv[1], True)}, in a single list.",
                         f"I've been asked by {lower} to find out who {V(r, lv[0], True)} or {V(r, lv[1], True)}. Who would that be?"])
    if shape == "and_not":
        return r.choice([f"{boss} wants to know which {n} {describe(r, 'and_not', lv)[4:]}.",
                         f"{boss} asked me for the {n} who {V(r, lv[0])}, leaving out anyone who {V(r, lv[1], True)}.",
                         f"I was told by {lower} to find who {V(r, lv[0], True)} but {N(r, lv[1], True)}. Which customers are those?"])
    if shape == "not":
        return r.choice([f"{boss} wants to know which {n} {N(r, lv[0])}.",
                         f"{boss} asked me who {N(r, lv[0], True)}. Can you send the ids?"])
    return r.choice([f"{boss} asked which {n} {V(r, lv[0])} and, on top of that, either {V(r, lv[1])} or {V(r, lv[2])}.",
                     f"{boss} wants the {n} {describe(r, 'and_or', lv)}. Could you get me that list?"])


def overlap_sets(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    n = noun(r)
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"Give me the full set of {n} who {V(r, a)}.",
                         f"I need the complete member list of one group: {n} {M(r, a)}.",
                         f"What does the set of {n} who {V(r, a)} contain? Member ids, please."])
    if shape == "and":
        if len(lv) == 3:
            a, b, c = (V(r, x) for x in lv)
            return r.choice([f"Which ids sit in the intersection of three groups: people who {a}, people who {b}, and people who {c}?",
                             f"Overlap of three sets, please — (1) {n} who {a}; (2) {n} who {b}; (3) {n} who {c}. Who is in all three?"])
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"Take the overlap between {n} who {a} and {n} who {b}. Which ids fall in it?",
                         f"Intersect two groups for me: (1) {n} who {a}; (2) {n} who {b}. Who is in both?",
                         f"I want the intersection of 'people who {a}' and 'people who {b}'."])
    if shape == "or":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"The union of {n} who {a} and {n} who {b}, please — anyone in either group.",
                         f"Combine everyone who {V(r, lv[0], True)} with everyone who {V(r, lv[1], True)} into one deduplicated list.",
                         f"Union two groups: (1) people who {a}; (2) people who {b}. Send me the merged ids."])
    if shape == "and_not":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"{n.capitalize()} who {a}, minus anyone who {V(r, lv[1], True)}. What's left?",
                         f"Start from the group of {n} who {a} and subtract the group who {b}.",
                         f"Set difference, please: people who {a}, less the set of people who {b}."])
    if shape == "not":
        a = V(r, lv[0])
        return r.choice([f"The complement of '{n} who {a}' — that is, every other customer in the base.",
                         f"Everyone outside the group of {n} who {a}, please.",
                         f"All customers except the set of those who {a}."])
    a, b, c = (V(r, x) for x in lv)
    return r.choice([f"Intersect {n} who {a} with the union of those who {b} and those who {c}.",
                     f"Group A: {n} who {a}. Group B: anyone who {V(r, lv[1], True)}, or who {V(r, lv[2], True)}. I need the overlap of A and B."])


def narrowing_steps(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    n = noun(r)
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"Start from the full customer base and keep only the {n} who {V(r, a)}. Who's left?",
                         f"Begin with everyone, filter down to {n} {M(r, a)}, and send me what remains.",
                         f"Take all our {n}; drop everyone except those who {V(r, a)}. Ids of the survivors, please."])
    if shape == "and":
        vps = [V(r, x) for x in lv]
        if len(vps) == 3:
            return r.choice([f"Step 1: everyone who {V(r, lv[0], True)}. Step 2: narrow that to people who {vps[1]}. Step 3: of those, keep the ones who {vps[2]}. Final ids, please.",
                             f"Start with {n} who {vps[0]}, cut it down to those who {vps[1]}, then cut again to those who {vps[2]}. What's left at the end?"])
        return r.choice([f"Start with all {n} who {vps[0]}. From that group, keep only those who {vps[1]}. Send me whoever's left.",
                         f"First pull everyone who {V(r, lv[0], True)}; then narrow it to the ones who {vps[1]}. Who remains?",
                         f"Begin with {n} {M(r, lv[0])} and filter that down to those who {vps[1]}. Final list?"])
    if shape == "or":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"Build one list of {n} who {a} and a second of {n} who {b}, then merge the two. Who ends up on the merged list?",
                         f"First collect everyone who {V(r, lv[0], True)}. Then add everyone who {V(r, lv[1], True)} to that same list. Who's on it?"])
    if shape == "and_not":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"First take everyone who {V(r, lv[0], True)}. Then remove anyone who {V(r, lv[1], True)}. Who remains?",
                         f"Start from {n} who {a}, then knock out those who {b}. What's left?",
                         f"Pull the {n} who {a}; after that, keep only the ones who {N(r, lv[1])}. Final ids?"])
    if shape == "not":
        a = V(r, lv[0])
        return r.choice([f"Take our entire customer list and strike out everyone who {V(r, lv[0], True)}. Who's still there?",
                         f"Start with all {n}, then remove those who {a}. Send me the rest."])
    a, b, c = (V(r, x) for x in lv)
    return r.choice([f"Start with {n} who {a}; out of those, keep anyone who {V(r, lv[1], True)} as well as anyone who {V(r, lv[2], True)}. What's the final list?",
                     f"Step 1: everyone who {V(r, lv[0], True)}. Step 2: from that group, keep only people who either {b} or {c}. Who's left?"])


def fronted_scope(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    n = noun(r)
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"Of all our customers, which ones {V(r, a)}?",
                         f"Across the whole customer base, who {V(r, a, True)}?",
                         f"Looking at everyone we've got, which {n} {V(r, a)}?"])
    if shape == "and":
        if len(lv) == 3:
            return r.choice([f"Among {n} who {V(r, lv[0])} and {V(r, lv[1])}, which ones {V(r, lv[2])}?",
                             f"Of the {n} {M(r, lv[0])}, who {V(r, lv[1], True)} and {V(r, lv[2], True)}?"])
        return r.choice([f"Among {n} who {V(r, lv[0])}, which ones {V(r, lv[1])}?",
                         f"Of the {n} {M(r, lv[0])}, who {V(r, lv[1], True)}?",
                         f"Within the group of {n} who {V(r, lv[0])}, which also {V(r, lv[1])}?"])
    if shape == "or":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"Across both groups — {n} who {a} and {n} who {b} — who is there? Anyone from either.",
                         f"Taking {n} who {a} together with {n} who {b}, who's in that combined group?"])
    if shape == "and_not":
        return r.choice([f"Among {n} who {V(r, lv[0])}, which ones {N(r, lv[1])}?",
                         f"Of those who {V(r, lv[0])}, who {N(r, lv[1], True)}?",
                         f"Out of the {n} {M(r, lv[0])}, which ones {N(r, lv[1])}?"])
    if shape == "not":
        return r.choice([f"Of all our {n}, which {N(r, lv[0])}?", f"Across the base, who {N(r, lv[0], True)}?"])
    return r.choice([f"Among {n} who {V(r, lv[0])}, which ones either {V(r, lv[1])} or {V(r, lv[2])}?",
                     f"Of the {n} {M(r, lv[0])}, who either {V(r, lv[1], True)} or {V(r, lv[2], True)}?"])


def thinking_aloud(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    n = noun(r)
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"Hmm, I keep wondering about the people who {V(r, a)}. Who are they, exactly? I'd like the ids.",
                         f"I've been curious who {V(r, a, True)} — could you show me all of them?",
                         f"Random thought: I'd love to see which {n} {V(r, a)}. Can you list them?",
                         f"Been meaning to look at our {n} {M(r, a)}... who's in that bunch?"])
    if shape == "and":
        return r.choice([f"I was just wondering which {n} {J(r, [V(r, x) for x in lv])}... who are they?",
                         f"Hmm, {n} {describe(r, 'and', lv)} — I'd really like to see that list.",
                         f"Curious: who {J(r, [V(r, x, True) for x in lv])}? Could you pull them?"])
    if shape == "or":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"Thinking out loud: people who {a}, or people who {b} — I'd like to see all of them in one list.",
                         f"I wonder who {V(r, lv[0], True)} or {V(r, lv[1], True)}. Can you show me everyone like that?"])
    if shape == "and_not":
        return r.choice([f"I'm curious about {n} {describe(r, 'and_not', lv)}. Who are they?",
                         f"Hmm, who {V(r, lv[0], True)} but {N(r, lv[1], True)}? I'd like to see them."])
    if shape == "not":
        return r.choice([f"I keep wondering who {N(r, lv[0], True)}. Can you pull those customers?",
                         f"Just curious — which {n} {N(r, lv[0])}?"])
    return r.choice([f"Something I've been mulling over: {n} {describe(r, 'and_or', lv)}. Who's that?",
                     f"I wonder which {n} {V(r, lv[0])} and also either {V(r, lv[1])} or {V(r, lv[2])}. Could you show me?"])


def lets_proposal(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    n = noun(r)
    act = r.choice(["send a thank-you note to", "run a small promo for", "reach out to", "offer free shipping to",
                    "invite to our preview event"])
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"Let's {act} {n} who {V(r, a)}. Who would that be?",
                         f"How about we {act} everyone {sg_mod(r, a)}? Which customers would that cover?",
                         f"Shall we {act} people who {V(r, a)}? Tell me who qualifies."])
    if shape == "and":
        return r.choice([f"Let's {act} {n} {describe(r, 'and', lv)}. Who's in?",
                         f"How about we {act} people who {J(r, [V(r, x) for x in lv])}? Which customers is that?"])
    if shape == "or":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"Let's {act} anyone who {V(r, lv[0], True)}, and also anyone who {V(r, lv[1], True)}. Who would that reach?",
                         f"How about we {act} {n} {describe(r, 'or', lv)}? Who would get it?"])
    if shape == "and_not":
        return r.choice([f"Let's {act} everyone who {V(r, lv[0], True)} — but not the ones who {V(r, lv[1])}. Who would that be?",
                         f"Shall we {act} {n} {describe(r, 'and_not', lv)}? Who's that?"])
    if shape == "not":
        return r.choice([f"How about we {act} everyone who {N(r, lv[0], True)}? Who would it cover?",
                         f"Let's {act} {n} who {N(r, lv[0])}. Which ones are they?"])
    return r.choice([f"Let's {act} {n} who {V(r, lv[0])}, as long as they also either {V(r, lv[1])} or {V(r, lv[2])}. Who would that be?",
                     f"Shall we {act} {n} {describe(r, 'and_or', lv)}? Who qualifies?"])


def existential(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    n = noun(r)
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"There must be some {n} who {V(r, a)}. Which ones are they?",
                         f"Somewhere in our data there are {n} {M(r, a)}; I want every one of them.",
                         f"Surely a few {n} {V(r, a)} — find all of them for me."])
    if shape == "and":
        return r.choice([f"There are probably {n} {describe(r, 'and', lv)}. Who exactly?",
                         f"Somewhere in the base there must be people who {J(r, [V(r, x) for x in lv])}. I want all of them."])
    if shape == "or":
        a, b = V(r, lv[0]), V(r, lv[1])
        return r.choice([f"Some {n} {a}; others {b}. I want everybody from both groups.",
                         f"There are {n} who {a} and there are {n} who {b} — send me all of them together."])
    if shape == "and_not":
        return r.choice([f"There are {n} {describe(r, 'and_not', lv)}. Can you find them all?",
                         f"There must be people who {V(r, lv[0])} but {N(r, lv[1])}. Who are they?"
                         if " but " not in " ".join(lv[0].vp) else f"There must be people who {V(r, lv[0])} and {N(r, lv[1])}. Who are they?"])
    if shape == "not":
        return r.choice([f"There are some people who {N(r, lv[0])} — who are they?",
                         f"Surely there are {n} who {N(r, lv[0])}. List every one, please."])
    return r.choice([f"There should be {n} who {V(r, lv[0])} and who, on top of that, either {V(r, lv[1])} or {V(r, lv[2])}. List them, please.",
                     f"There must be {n} {describe(r, 'and_or', lv)}. Who are they?"])


def whoever_clause(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    if shape == "leaf":
        a = lv[0]
        return r.choice([f"Whoever {V(r, a, True)}, I want them on the list. Who's that?",
                         f"Anybody who {V(r, a, True)} goes into this segment — please list them.",
                         f"Any customer {sg_mod(r, a)} counts. Send me all of them."])
    if shape == "and":
        vps = [V(r, x, True) for x in lv]
        return r.choice([f"Whoever {J(r, vps)} should be on it. Who are they?",
                         f"Anyone who {vps[0]} and who also {J(r, vps[1:])} makes the cut. Who's that?"])
    if shape == "or":
        a, b = V(r, lv[0], True), V(r, lv[1], True)
        return r.choice([f"Anyone who {a} counts, and so does anyone who {b}. List everybody.",
                         f"Whoever {a} or {b} — either is enough. Who are they?"])
    if shape == "and_not":
        a = V(r, lv[0], True)
        return r.choice([f"Whoever {a} — unless they {V(r, lv[1])} — goes on the list. Who's that?",
                         f"Anyone who {a} qualifies, except if they {V(r, lv[1])}. Which customers?",
                         f"Anybody who {a} but {N(r, lv[1], True)} is in. Who's that?"
                         if " but " not in a else f"Anybody who {a} and {N(r, lv[1], True)} is in. Who's that?"])
    if shape == "not":
        return r.choice([f"Anybody who {N(r, lv[0], True)} goes on the list. Who's that?",
                         f"Whoever {N(r, lv[0], True)} — I want them all."])
    return r.choice([f"Whoever {V(r, lv[0], True)} qualifies, as long as they also either {V(r, lv[1])} or {V(r, lv[2])}. Who are they?",
                     f"Anyone who {V(r, lv[0], True)} and who, besides, either {V(r, lv[1], True)} or {V(r, lv[2], True)}: list them."])


HANDOVER = ["Covering for Marco this week — he'd promised the client a list of {X}. Could you pull it? Ids only.",
            "Handover from Dana before her leave: the open request is for {X}. Can you finish it off?",
            "Picking this up from Sam: she was putting together the {X}. I just need the final customer ids.",
            "I've inherited Priya's accounts; one thing she hadn't delivered yet was the {X}. Can you get that for me?",
            "Taking over from Jon, who's moved teams. His last open task: find the {X}. Over to you."]


def handover_note(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    return r.choice(HANDOVER).replace("{X}", f"{noun(r)} {describe(r, shape, lv)}")


NONNATIVE = ["Please, I would like to receive the list of the clients {X}.",
             "Could you give me please all the clients {X}? Thank you in advance.",
             "I need to know the clients {X}, is it possible to have them?",
             "Good morning, for our next action we must have the clients {X}. Can you send me them, please?",
             "Kindly I ask you the ids of all the clients {X}."]


def nonnative_formal(r: random.Random, shape: str, lv: list[Leaf]) -> str:
    rel = r.choice(["which", "that", "who"])
    return r.choice(NONNATIVE).replace("{X}", describe(r, shape, lv, rel))


RENDER = {"reported_speech": reported_speech, "overlap_sets": overlap_sets, "narrowing_steps": narrowing_steps,
          "fronted_scope": fronted_scope, "thinking_aloud": thinking_aloud, "lets_proposal": lets_proposal,
          "existential": existential, "whoever_clause": whoever_clause, "handover_note": handover_note,
          "nonnative_formal": nonnative_formal}


def render(r: random.Random, family: str, shape: str, leaves: list[Leaf]) -> str:
    text = RENDER[family](r, shape, leaves)
    return " ".join(text.split())


# ------------------------------------------------------------------------------------------------- declines
# conditions on data the shop does not hold: (what, verb phrases with slots, modifiers)
MISSING = [("age", ["{are} over 40 years old", "{are} in {their} twenties"], ["aged over 40", "under 25 years old"]),
           ("income", ["earn{s} more than €60,000 a year", "{have} a household income above 80k"], ["on a high income"]),
           ("household", ["live{s} in a household of four or more people", "share{s} a home with a partner"],
            ["from large households"]),
           ("children", ["{have} young children at home", "{have} a toddler at home"], ["with kids under ten"]),
           ("pets", ["{have} more than one pet at home", "own{s} a rescue dog"], ["who keep two or more pets"]),
           ("home_town", ["grew up in Lyon", "{are} originally from Glasgow"], ["whose home town is Seville"]),
           ("city", ["live{s} in Manchester", "{are} based in the city of Munich"], ["living in Rotterdam"]),
           ("gender", ["{are} female", "{are} male"], ["who are female"]),
           ("birthday", ["{have} a birthday in December", "{were} born in the 1980s"], ["with a birthday next month"]),
           ("job", ["work{s} in teaching", "work{s} in nursing"], ["working in healthcare"]),
           ("social", ["follow{s} us on Instagram", "{have} more than 1,000 TikTok followers"], ["active on our Instagram"]),
           ("marital", ["{are} married", "{are} recently engaged"], ["who are single"])]
# fields the shop does not hold, asked for as the output
OUTPUTS = [("email", "email addresses"), ("phone", "phone numbers"), ("social", "Instagram handles"),
           ("address", "postal addresses"), ("birthday", "dates of birth"), ("income", "income brackets"),
           ("age", "ages"), ("household", "household sizes")]

OUT_TEMPLATES = {
    "reported_speech": ["{B} wants the {O} of {A}. Can you get them?", "{B} asked me for the {O} of {A}."],
    "overlap_sets": ["For the set of {A}, I need their {O}, not the ids.", "Take {A} and give me the {O} column for that group."],
    "narrowing_steps": ["Start from {A}, then export their {O}.", "First pull {A}; after that, attach their {O} and send it over."],
    "fronted_scope": ["Among {A}, what are their {O}?", "Of {A}, I'd like the {O} for each one."],
    "thinking_aloud": ["I wonder what the {O} of {A} look like... can you pull them?", "Hmm, could I see the {O} of {A}?"],
    "lets_proposal": ["Let's contact {A} directly — can you get me their {O}?", "How about we reach {A} personally? I'll need their {O}."],
    "existential": ["There must be {O} on file for {A} — send them over.", "Surely we have the {O} of {A}. Can I have them?"],
    "whoever_clause": ["Whoever is in this group — {A} — I need their {O}.", "Anybody among {A}: please list their {O}."],
    "handover_note": ["Covering for Marco this week — he'd promised the client the {O} of {A}. Could you pull them?",
                      "Handover from Dana before her leave: the open request is for the {O} of {A}. Can you finish it off?",
                      "Picking this up from Sam: she was collecting the {O} of {A}. Can you send them to me?"],
    "nonnative_formal": ["Please, I would like to receive the {O} of {A}.", "Could you give me please the {O} of {A}? Thank you."],
}


def decline(r: random.Random, family: str, beside: Leaf | None) -> tuple[str, str]:
    """(what the shop does not hold, the question): a condition on missing data (rendered like any leaf, alone or
    and-ed with ``beside``), or missing fields asked for as the output."""
    if r.random() < 0.5:
        what, vps, mods = r.choice(MISSING)
        fake = Leaf("decline", {}, None, vps, mods, [])  # type: ignore[arg-type]
        if beside is None:
            return what, render(r, family, "leaf", [fake])
        pair = [beside, fake] if r.random() < 0.6 else [fake, beside]
        return what, render(r, family, "and", pair)
    what, field = r.choice(OUTPUTS)
    if beside is None:
        audience = r.choice(["all our customers", "all the shoppers in our base", "our whole customer base"])
    else:
        audience = f"{noun(r)} {describe(r, 'leaf', [beside])}"
    boss = r.choice(["My manager", "The owner", "Our client"])
    if family == "whoever_clause":
        who = f"{V(r, beside, True)}" if beside else "has ever visited the shop"
        return what, r.choice([f"Whoever {who}, I need their {field}.", f"Anybody who {who} — send me their {field}."])
    text = r.choice(OUT_TEMPLATES[family]).replace("{B}", boss).replace("{O}", field).replace("{A}", audience)
    return what, " ".join(text.split())

"""Third blind marketer set: ten sentence families. Each renders an audience given as ``inc`` (groups of
leaves, AND across groups, OR inside a group of two) and ``exc`` (leaves to leave out), plus an optional
decline add-on (a condition or an output the shop does not hold)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Callable

from blind3_leaves import NEGATABLE, Leaf
from blind3_words import bi, neg, terse, who

FAMILIES = ["email", "ticket", "segment_def", "filter_builder", "voice_chat", "correction", "terse_nonnative",
            "conditional_prose", "campaign_brief", "spec_sheet"]
TYPOS = {"customers": "cusotmers", "please": "plese", "which": "whcih", "thanks": "thnaks", "people": "poeple",
         "because": "becuase", "everyone": "everyon", "campaign": "campagin", "list": "lsit", "would": "woudl"}
NAMES = ["Maria", "Tom", "Priya", "Jonas", "Aoife", "Luca", "Sam", "Fatima", "Ben", "Chloé", "Dev", "Ines"]
SEGMENTS = ["Autumn Push", "Test Cell B", "Q4_pilot", "Segment 7", "Blue Audience", "Project Falcon", "Wave 3",
            "holdout_check", "Nov Drop", "Cohort K", "Lighthouse", "Pilot-22"]
WHY = ["We're planning a small test for next month.", "Marketing wants to try a new offer.",
       "I'm putting together a list for an upcoming send.", "Quick one for the autumn campaign.",
       "We need a seed audience for a pilot.", "Leadership asked for a sizing of this group.",
       "This is for a CRM experiment we're running in November.", "Need this for a deck on Thursday."]


@dataclass
class Extra:
    """A decline add-on: as a condition ('aged 25-34') or as an output request ('their phone numbers')."""
    cond: str | None = None   # relative clause: "are aged between 25 and 34"
    bi: str | None = None     # filter form: "age between 25 and 34"
    output: str | None = None  # "their phone numbers"
    col: str | None = None     # the output as a column name: "phone_number"


def typo(text: str, rng: random.Random, p: float = 0.25) -> str:
    if rng.random() > p:
        return text
    hits = [w for w in TYPOS if w in text]
    if not hits:
        return text
    w = rng.choice(hits)
    return text.replace(w, TYPOS[w], 1)


def group(g: list[Leaf], rng: random.Random, extra: str = "") -> str:
    if len(g) == 1:
        return who(g[0], rng)
    a, b = who(g[0], rng), who(g[1], rng)
    return rng.choice([f"either {a} or {b}", f"{a} or {b}", f"either {a}, or {b}"])


def neg_or(leaf: Leaf, rng: random.Random, inc: list) -> str | None:
    ok = leaf.kind in NEGATABLE or (leaf.kind == "last_purchase_within" and inc)
    return neg(leaf, rng) if ok else None


def conds(inc: list, x: Extra | None) -> list:
    """Inclusion groups as clauses, the decline condition (if any) slotted in."""
    return inc + ([x.cond] if x and x.cond else [])


def gtext(g: list | str, rng: random.Random) -> str:
    return g if isinstance(g, str) else group(g, rng)


def prose(inc: list, exc: list, rng: random.Random, x: Extra | None = None, head: str = "customers") -> str:
    """'customers who A and B, excluding anyone who C' in its many variants."""
    parts = [gtext(g, rng) for g in conds(inc, x)]
    if not parts:
        n = neg_or(exc[0], rng, inc)
        if n and rng.random() < 0.6:
            return f"{head} who {n}"
        return rng.choice([f"everyone except customers who {who(exc[0], rng)}",
                           f"all customers apart from those who {who(exc[0], rng)}",
                           f"every customer, leaving out anyone who {who(exc[0], rng)}"])
    if len(parts) == 1:
        out = f"{head} who {parts[0]}"
    elif len(parts) == 2:
        j = rng.choice([" and ", " and also ", " and who ", ", and "])
        if parts[1].startswith("either") and j == " and also ":
            j = " and "
        out = f"{head} who {parts[0]}{j}{parts[1]}"
    else:
        out = f"{head} who {', '.join(parts[:-1])}, and {parts[-1]}" if rng.random() < 0.5 else \
            f"{head} who {parts[0]}, who {parts[1]} and who {', who '.join(parts[2:])}"
    for leaf in exc:
        n = neg_or(leaf, rng, inc)
        opts = [f", excluding anyone who {who(leaf, rng)}", f", but not those who {who(leaf, rng)}",
                f" (minus anybody who {who(leaf, rng)})"] + ([f" but {n}"] if n else [])
        out += rng.choice(opts)
    return out


def out_req(x: Extra | None, rng: random.Random) -> str:
    if not x or not x.output:
        return ""
    return rng.choice([f" Please include {x.output}.", f" We'll also need {x.output} for the send.",
                       f" And add {x.output} to the export."])


# ---- the ten families ------------------------------------------------------------------------------------
def email(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    hi = rng.choice(["Hi team,", "Hello data folks,", f"Hey {rng.choice(NAMES)},", "Hi all,", "Morning,",
                     "Dear Analytics team,", "Hi,"])
    aud = prose(inc, exc, rng, x, rng.choice(["customers", "all customers", "the customers", "everyone"]))
    ask = rng.choice([f"Could you pull {aud}?", f"Can you send me a list of {aud}?",
                      f"Would you be able to put together {aud}?", f"I need the list of {aud} by Friday.",
                      f"Could you get me {aud}, please?"])
    bye = rng.choice([f"Thanks!\n{rng.choice(NAMES)}", f"Cheers,\n{rng.choice(NAMES)}", "Best regards,\nCRM team",
                      "thx", f"Many thanks,\n{rng.choice(NAMES)} (Lifecycle)"])
    body = f"{rng.choice(WHY)} {ask}{out_req(x, rng)}"
    sep = rng.choice(["\n\n", "\n", " "])
    return typo(f"{hi}{sep}{body}{sep}{bye}", rng)


def ticket(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    title = rng.choice(["Audience pull for", "[CRM-%d] List request:" % rng.randint(100, 999), "Data request -"])
    lines = [f"Title: {title} {rng.choice(SEGMENTS)}", f"Type: {rng.choice(['Data request', 'Task', 'Story'])}",
             f"Description: {rng.choice(WHY)} Need a customer list.{out_req(x, rng)}",
             rng.choice(["Acceptance criteria:", "AC:", "Requirements (all must hold):"])]
    for g in conds(inc, x):
        if isinstance(g, str) or len(g) == 1:
            lines.append(f"- {rng.choice(['only customers who', 'include customers who', 'customer'])} "
                         f"{g if isinstance(g, str) else who(g[0], rng)}".replace("- customer have", "- customer has"))
        else:
            lines.append(f"- customers who {who(g[0], rng)} OR who {who(g[1], rng)} (either is fine)")
    for leaf in exc:
        lines.append(f"- {rng.choice(['exclude anyone who', 'must NOT include customers who', 'no one who'])} {who(leaf, rng)}")
    if not inc and not x:
        lines.append("- everyone else is in scope")
    if rng.random() < 0.4:
        lines.append(f"Priority: {rng.choice(['Medium', 'High', 'Low'])}")
    return "\n".join(lines)


def segment_def(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    name = rng.choice(SEGMENTS)
    aud = prose(inc, exc, rng, x)
    form = rng.randrange(4)
    if form == 0:
        return f"Segment name: {name}. Definition: {aud}.{out_req(x, rng)}"
    if form == 1:
        return f"{name.lower().replace(' ', '_').replace('-', '_')} = {aud}{out_req(x, rng)}"
    if form == 2:
        return f"New segment '{name}': {aud}. Please build it and tell me who's in it.{out_req(x, rng)}"
    return f"Define {name} as {aud}.{out_req(x, rng)} Thanks"


def filter_builder(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    parts = []
    for g in inc:
        parts.append(bi(g[0], rng) if len(g) == 1 else f"({bi(g[0], rng)} OR {bi(g[1], rng)})")
    if x and x.bi:
        parts.append(x.bi)
    parts += [bi(leaf, rng, negate=True) for leaf in exc]
    joiner = rng.choice([" AND ", " and ", "; ", "\nAND ", " && "])
    head = rng.choice(["Filter: ", "WHERE ", "segment rules -> ", "", "Conditions: ", "customers where "])
    out = head + joiner.join(parts)
    if x and x.output:
        out += f"\nSELECT user_id, {x.col}"
    return out


def voice_chat(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    fill = lambda: rng.choice(["um, ", "uh, ", "like, ", "", "you know, "])  # noqa: E731
    ps = [gtext(g, rng) for g in conds(inc, x)]
    start = rng.choice(["uh can you grab me everyone who, ", "so yeah I need the people who ", "ok so um — customers that ",
                        "hey, quick one, can you find me folks who ", "right so what I'm after is people who "])
    if not ps:
        body = rng.choice(["uh everybody except folks who ", "so, like, all our customers but not the ones who "])
        body += who(exc[0], rng)
    else:
        body = start + fill() + ps[0]
        for p in ps[1:]:
            body += rng.choice([", and also, ", " ... and uh ", ", right, and ", ", and, uh, who "]) + fill() + p
        for leaf in exc:
            body += rng.choice([" — but not, uh, anyone who ", ", oh and leave out people who ", ", minus the ones who "]) + who(leaf, rng)
    end = rng.choice(["? yeah that's it", ". thanks", ", cool? cheers", "", "... ok thanks"])
    out = body + end
    if x and x.output:
        out += f" — oh and I'll need {x.output} too"
    if rng.random() < 0.3:
        out = "[voice note transcript] " + out
    return typo(out, rng, 0.3)


def correction(inc: list, exc: list, rng: random.Random, x: Extra | None, decoy: tuple | None = None) -> str:
    """A request with one condition corrected (decoy = (position, wrong leaf)), or refined by an afterthought."""
    if decoy is not None:
        pos, wrong = decoy
        flat = [g for g in inc]
        right = flat[pos][0]
        wt = who(wrong, rng)
        wrong_inc = [g if i != pos else wt for i, g in enumerate(flat)]
        first = prose(wrong_inc, exc, rng, x)
        form = rng.randrange(3)
        if form == 0:
            return (f"Can you pull {first}? Wait, no — not customers who {wt}; I meant customers who "
                    f"{who(right, rng)}. Everything else stays the same.{out_req(x, rng)}")
        if form == 1:
            return (f"List: {first}.\nCorrection: replace the condition '{wt}' with "
                    f"'{who(right, rng)}'. The rest is unchanged.{out_req(x, rng)}")
        return (f"I need {first}. Sorry, typo on my side — it should be people who {who(right, rng)}, not "
                f"{wt}. Rest as written.{out_req(x, rng)}")
    # refinement: the last condition / the exclusion comes as an afterthought
    if exc and (inc or x):
        first = prose(inc, [], rng, x)
        return rng.choice([f"Give me {first}. Actually, take out anyone who {who(exc[0], rng)}.",
                           f"{first[0].upper() + first[1:]} please — oh, and on second thought, drop the ones who {who(exc[0], rng)}."]) + out_req(x, rng)
    if not inc and not x:
        return rng.choice([f"Give me all customers. Actually — leave out anyone who {who(exc[0], rng)}.",
                           f"Everyone in the base... no wait, everyone except the people who {who(exc[0], rng)}."])
    allc = conds(inc, x)
    last = gtext(allc[-1], rng)
    if len(allc) == 1:
        return rng.choice([f"Customers who ... hmm, let me rephrase. Customers who {last}.",
                           f"I need everyone who {last} — sorry, hit enter too early, that's the whole request."]) + out_req(x, rng)
    first = prose(allc[:-1], exc, rng)
    return rng.choice([f"Can I get {first}? Actually, narrow that down to only the ones who also {last}.",
                       f"Pull {first}. Hmm, on reflection, keep just those who {last} as well.",
                       f"{first[0].upper() + first[1:]} — and, refinement: only the ones who also {last}."]) + out_req(x, rng)


def terse_nonnative(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    def one(g: list | str) -> str:
        if isinstance(g, str):
            return g.replace("are ", "")
        return terse(g[0], rng) if len(g) == 1 else f"{terse(g[0], rng)} or {terse(g[1], rng)} (any of two ok)"
    ps = [one(g) for g in conds(inc, x)]
    if not ps:
        return rng.choice([f"need all customer but not who {terse(exc[0], rng)}", f"all customer except who {terse(exc[0], rng)} pls"])
    j = rng.choice([" and ", ", ", " also ", " + "])
    out = rng.choice(["need list customers ", "pls give me user who ", "customer list: ", "i want customer ",
                      "please find customer which "]) + j.join(ps)
    for leaf in exc:
        out += rng.choice([f", exclude customer who {terse(leaf, rng)}", f" but no customer who {terse(leaf, rng)}"])
    out += rng.choice(["", " pls", ". thank you", ", thanks", " asap"])
    if x and x.output:
        out += f". also need {x.output.replace('their ', '')}"
    return typo(out, rng, 0.3)


def conditional_prose(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    ps = [gtext(g, rng) for g in conds(inc, x)]
    if not ps:
        return rng.choice([f"If customers {who(exc[0], rng)}, they're out; everybody else goes in.",
                           f"Rule: anyone who {who(exc[0], rng)} is excluded. All other customers are in."])
    if len(ps) == 1:
        out = rng.choice([f"If customers {ps[0]}, they belong in the list.", f"Customers qualify if they {ps[0]}.",
                          f"Rule: a customer is in if they {ps[0]}."])
    else:
        body = " and ".join(ps[:-1]) + rng.choice([", and also ", " and also ", " and "]) + ps[-1]
        out = rng.choice([f"If people {body}, they belong in the list.",
                          f"Customers qualify only if they {ps[0]}, and only if they also {' and '.join(ps[1:])}.",
                          f"Include a customer when they {body} — all of that has to be true."])
    for leaf in exc:
        out += " " + rng.choice([f"However, if they {who(leaf, rng)}, leave them out.",
                                 f"But anyone who {who(leaf, rng)} should be dropped, even if the rest fits."])
    return out + out_req(x, rng)


def campaign_brief(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    name = rng.choice(SEGMENTS)
    bg = rng.choice(["Sales have been flat this quarter and we want to test a targeted send.",
                     "We're launching a loyalty perk and need a first wave.",
                     "Finance asked us to size an audience before approving budget.",
                     "Last year's equivalent send did well, so we're repeating it with a tighter audience."])
    ps = [gtext(g, rng) for g in conds(inc, x)]
    if ps:
        aud = "Customers who " + (ps[0] if len(ps) == 1 else ", ".join(ps[:-1]) + ", and " + ps[-1]) + "."
        if len(ps) > 1 and rng.random() < 0.5:
            aud = "All of the following must hold:\n" + "\n".join(f"- they {p}" for p in ps)
    else:
        aud = "All customers, apart from the exclusions below."
    excl = "\n".join(f"- anyone who {who(leaf, rng)}" for leaf in exc) or rng.choice(["None.", "- none for this one", "n/a"])
    timing = rng.choice(["Send goes out next Tuesday.", "Creative is with the agency; timing TBC.", "Go-live: mid-November."])
    return (f"Campaign brief — {name}\n\nBackground\n{bg}\n\nAudience\n{aud}\n\nExclusions\n{excl}\n\n"
            f"Timing\n{timing}{out_req(x, rng)}")


def spec_sheet(inc: list, exc: list, rng: random.Random, x: Extra | None) -> str:
    ps = conds(inc, x)
    form = rng.randrange(3)
    if form == 0:
        lines = ["audience_spec:", "  match: all"]
        for g in ps:
            if isinstance(g, str) or len(g) == 1:
                lines.append(f"  - include: customers who {g if isinstance(g, str) else who(g[0], rng)}")
            else:
                lines.append(f"  - include_any: [customers who {who(g[0], rng)}; customers who {who(g[1], rng)}]")
        lines += [f"  - exclude: customers who {who(leaf, rng)}" for leaf in exc]
        if not ps:
            lines.insert(2, "  - include: every customer")
    elif form == 1:
        lines = ["rule | value", "---- | -----"]
        for g in ps:
            v = g if isinstance(g, str) else (who(g[0], rng) if len(g) == 1 else f"{who(g[0], rng)} OR {who(g[1], rng)}")
            lines.append(f"must | {v}")
        lines += [f"must not | {who(leaf, rng)}" for leaf in exc]
        lines.append("(every 'must' row applies; 'must not' rows remove people)")
    else:
        if not ps:
            return rng.choice(["Everyone except: ", "Take the whole customer base and leave out anyone who "]).replace(
                "Everyone except: ", "Everyone except customers who ") + who(exc[0], rng) + "." + out_req(x, rng)
        lines = ["condition,required"]
        for g in ps:
            v = g if isinstance(g, str) else (who(g[0], rng) if len(g) == 1 else f"{who(g[0], rng)} -or- {who(g[1], rng)}")
            lines.append(f"\"customer {v}\",yes")
        lines += [f"\"customer {who(leaf, rng)}\",no (exclude)" for leaf in exc]
    out = "\n".join(lines)
    if x and x.output:
        out += f"\noutput_columns: user_id, {x.col}"
    return out


RENDER: dict[str, Callable] = {"email": email, "ticket": ticket, "segment_def": segment_def,
                               "filter_builder": filter_builder, "voice_chat": voice_chat, "correction": correction,
                               "terse_nonnative": terse_nonnative, "conditional_prose": conditional_prose,
                               "campaign_brief": campaign_brief, "spec_sheet": spec_sheet}

"""Blind set 17: ten request families in one register, requests embedded in real messages (greetings, reasons,
campaign logistics, deadlines and budgets that are never customer conditions) and requests built up over several
sentences. ``render`` writes an answerable request, ``decline`` one that needs data a shop does not hold."""

from __future__ import annotations

import random

import blind17_words as W
from blind17_leaves import Leaf

FAMILIES = ["ps_afterthought", "logistics_preamble", "dash_interruption", "colleague_base_plus_mine", "wrote_x_read_y",
            "quoted_question_reply", "deadline_with_rider", "size_worry_adjust", "this_time_round", "message_burst"]

GROUP = ["customers", "people", "shoppers", "customers", "people"]


def _g(rng: random.Random) -> str:
    return rng.choice(GROUP)


def _c(s: str) -> str:
    return s[0].upper() + s[1:]


def _say(rng, leaf, override=None):
    if override is not None and leaf is override[0]:
        return override[1]
    return leaf.say(rng)


def desc(rng: random.Random, shape: str, leaves: list, override=None, plain: bool = False) -> str:
    """The whole request as one noun phrase: 'customers who A and who B', ... ``plain``: negations only as 'who <neg>'."""
    g = _g(rng)
    s = lambda lf: _say(rng, lf, override)  # noqa: E731
    if shape == "leaf":
        return f"{g} who {s(leaves[0])}"
    if shape == "and":
        parts = [s(lf) for lf in leaves]
        if len(parts) == 2:
            return rng.choice([f"{g} who {parts[0]} and who {parts[1]}", f"{g} who {parts[0]} and who also {parts[1]}"])
        return rng.choice([f"{g} who {parts[0]}, who {parts[1]}, and who {parts[2]}",
                           f"{g} who {parts[0]} and who {parts[1]} and who also {parts[2]}"])
    if shape == "or":
        a, b = s(leaves[0]), s(leaves[1])
        return rng.choice([f"{g} who either {a} or {b}", f"{g} who {a}, plus any {g} who {b}",
                           f"{g} who {a}, together with those who {b}", f"{g} who {a} or who {b} (either one is enough)"])
    if shape == "and_not":
        a = s(leaves[0])
        if plain or override is not None or rng.random() < 0.5:
            return rng.choice([f"{g} who {a} but who {s(leaves[1])}", f"{g} who {a} and who {s(leaves[1])}"])
        b = leaves[1].say_pos(rng)
        return rng.choice([f"{g} who {a}, leaving out those who {b}", f"{g} who {a}, except the ones who {b}",
                           f"{g} who {a}, not counting those who {b}"])
    if shape == "not":
        if plain or override is not None or rng.random() < 0.6:
            return f"{g} who {s(leaves[0])}"
        return rng.choice([f"all our customers except those who {leaves[0].say_pos(rng)}",
                           f"every customer apart from the ones who {leaves[0].say_pos(rng)}"])
    if shape == "and_or":
        a, b, c = (s(lf) for lf in leaves)
        return rng.choice([f"{g} who {a} and who also either {b} or {c}",
                           f"{g} who {a} and who, on top of that, either {b} or {c}"])
    raise ValueError(shape)


def _field(rng: random.Random, field: str | None) -> str:
    if not field:
        return ""
    return " " + rng.choice([f"Please add {field} next to each name.", f"I'll also need {field} for each of them.",
                             f"Could the list show {field} as well?"])


# ----------------------------------------------------------------------------------------------------------------- 1
def ps_afterthought(rng, shape, leaves, field=None):
    """Greeting, the request (all but its last part), sign-off, then a P.S. that brings the last part."""
    head = W.hello(rng) + ","
    why = rng.choice([f" It's for the {W.campaign(rng)} {rng.choice(W.CHANNELS)}.", f" Ideally I'd have it before {W.deadline(rng)}.", ""])
    if shape in ("leaf",):
        body, ps = desc(rng, shape, leaves), rng.choice(["A CSV is fine if that's easier.", f"I'm off on {W.deadline(rng)}, so send it to {W.who_else(rng)} if I don't reply.",
                                                          "A plain list of customer IDs is all I need."])
    elif shape == "not":
        body = rng.choice(["our whole customer list", "every customer we have on file"])
        ps = rng.choice([f"Except those who {leaves[0].say_pos(rng)}, sorry, forgot to say.", f"Leave off the people who {leaves[0].say_pos(rng)}, please."])
    else:
        base = leaves[:-1] if shape in ("and", "or", "and_not") else leaves[:1]
        body = desc(rng, "leaf" if len(base) == 1 else "and", base)
        last = leaves[-1]
        if shape == "and":
            ps = rng.choice([f"Only the ones who also {last.say(rng)}, though.", f"Forgot one thing: they should also be people who {last.say(rng)}."])
        elif shape == "or":
            ps = rng.choice([f"Please also add all those who {last.say(rng)}, whether or not they fit the first part.",
                             f"People who {last.say(rng)} can go on the list too, even if they don't match the above."])
        elif shape == "and_not":
            ps = rng.choice([f"Leave off those who {last.say_pos(rng)}.", f"Forgot to say: drop the ones who {last.say_pos(rng)}."])
        else:
            ps = f"Only the ones among them who either {leaves[1].say(rng)} or {leaves[2].say(rng)}, though."
    ask = rng.choice([f"could you put together a list of {body}?", f"can I get {body}?", f"would you mind pulling {body}?"]) + why
    return f"{head} {ask}{_field(rng, field)} {W.bye(rng)}\nP.S. {ps}"


# ----------------------------------------------------------------------------------------------------------------- 2
def logistics_preamble(rng, shape, leaves, field=None):
    """Sentences of campaign logistics with dates and money first, then the audience in one compact sentence."""
    camp, ch = W.campaign(rng), rng.choice(W.CHANNELS)
    pre = rng.choice([f"The {camp} {ch} goes out on {W.deadline(rng)}, and we've set aside {W.budget(rng)} for the offer codes.",
                      f"We're sending the {camp} {ch} on {W.deadline(rng)} with a {rng.choice([10, 15, 20, 25])}% discount; print and postage are capped at {W.budget(rng)}.",
                      f"Planning for {camp} is nearly done: creative is signed off, the send is booked for {W.deadline(rng)} at {rng.choice(W.TIMES)}, and finance approved {W.budget(rng)}."])
    d = desc(rng, shape, leaves)
    ask = rng.choice([f"The audience is {d}.", f"It should go to {d}.", f"Who gets it: {d}."])
    close = rng.choice(["Can you pull them for me?", "Could you get me that list?", "Can you build that for me?", ""])
    return " ".join(x for x in [pre, ask, close] if x) + _field(rng, field)


# ----------------------------------------------------------------------------------------------------------------- 3
def dash_interruption(rng, shape, leaves, field=None):
    """One sentence, broken off mid-clause by an unrelated aside between dashes, then finished."""
    aside = rng.choice([f"sorry, typing this between two meetings", f"{W.who_else(rng)} needs it for the {rng.choice(W.TIMES)} call",
                        f"it's for the {W.campaign(rng)} send on {W.deadline(rng)}", f"budget's {W.budget(rng)}, so nothing fancy",
                        "and yes, I know it's late on a Friday"])
    g = _g(rng)
    if shape in ("and", "and_not", "or") and len(leaves) == 2 and rng.random() < 0.6:
        a, b = leaves[0].say(rng), leaves[1].say(rng)
        join = {"and": "and who also", "and_not": "but who", "or": "or, alternatively, who"}[shape]
        return f"Could you find me the {g} who {a} — {aside} — {join} {b}?{_field(rng, field)}"
    verb = rng.choice(["Could you pull", "Can you grab me", "Would you put together a list of", "Can you dig out"])
    return f"{verb} — {aside} — {desc(rng, shape, leaves)}?{_field(rng, field)}"


# ----------------------------------------------------------------------------------------------------------------- 4
def colleague_base_plus_mine(rng, shape, leaves, field=None):
    """A colleague's proposed group reported first, then the writer's own change to it."""
    who, camp = W.who_else(rng), W.campaign(rng)
    intro = rng.choice([f"{who} suggested we send the {camp} {rng.choice(W.CHANNELS)} to", f"In yesterday's sync {who} proposed targeting",
                        f"{who}'s idea for {camp} is to go after"])
    g = _g(rng)
    a = leaves[0]
    if shape == "leaf":
        return f"{intro} {g} who {a.say(rng)}. Fine by me, so could you pull that list?{_field(rng, field)}"
    if shape == "not":
        return (f"{intro} every customer we have. I'd rather not include those who {a.say_pos(rng)}, so please take them out "
                f"and send me the rest.{_field(rng, field)}")
    base = f"{intro} {g} who {a.say(rng)}."
    if shape == "and":
        more = f"I agree, but I'd narrow it to the ones who also {leaves[1].say(rng)}"
        if len(leaves) == 3:
            more += f", and within that, only those who {leaves[2].say(rng)}"
        return f"{base} {more}.{_field(rng, field)} Can you get me that?"
    if shape == "or":
        return f"{base} I'd widen it: add {g} who {leaves[1].say(rng)} as well, even if they don't fit {who}'s part.{_field(rng, field)}"
    if shape == "and_not":
        return f"{base} Good start, but I'd leave out those who {leaves[1].say_pos(rng)}.{_field(rng, field)} Could you pull what's left?"
    return (f"{base} I'd narrow it down to the ones who either {leaves[1].say(rng)} or {leaves[2].say(rng)}."
            f"{_field(rng, field)} Could you pull that?")


# ----------------------------------------------------------------------------------------------------------------- 5
def wrote_x_read_y(rng, shape, leaves, field=None):
    """The full request with one clause wrong, then an erratum naming the wrong clause and its replacement."""
    cand = [lf for lf in leaves if lf.redraw is not None]
    if not cand:
        return f"{W.hello(rng)}, could you pull {desc(rng, shape, leaves, plain=True)}?{_field(rng, field)} {W.bye(rng)}"
    real = rng.choice(cand)
    right = real.say(rng)
    wrong = None
    for _ in range(30):
        d = real.redraw()
        if d.cond != real.cond:
            wrong = d.say(rng)
            if wrong != right:
                break
    text = desc(rng, shape, leaves, override=(real, wrong), plain=True)
    ask = rng.choice([f"Could you pull {text}?", f"Please send me a list of {text}.", f"For the {W.campaign(rng)} send I need {text}."])
    fix = rng.choice([f'Correction: where I wrote "who {wrong}", read "who {right}" instead.',
                      f'Edit: "who {wrong}" in my message should have said "who {right}". Everything else stands.',
                      f'Small fix to the above: replace "who {wrong}" with "who {right}".'])
    return f"{ask}{_field(rng, field)}\n{fix}"


# ----------------------------------------------------------------------------------------------------------------- 6
def quoted_question_reply(rng, shape, leaves, field=None):
    """A quoted line from a colleague asking about a campaign, then the reply that names the audience."""
    who, camp = W.who_else(rng), W.campaign(rng)
    q = rng.choice([f"> {who}: who are we sending the {camp} samples to? We've got {W.budget(rng)} left for it.",
                    f"> {who} wrote: the {camp} {rng.choice(W.CHANNELS)} is ready for {W.deadline(rng)}, just need an audience",
                    f"> {who}: any thoughts on the list for {camp}? Agency wants it by {W.deadline(rng)}"])
    d = desc(rng, shape, leaves)
    a = rng.choice([f"Let's go with {d}. Can you pull them?", f"My pick would be {d}. Could someone build that list?",
                    f"I'd send it to {d}. Please pull that group."])
    return f"{q}\n\n{a}{_field(rng, field)}"


# ----------------------------------------------------------------------------------------------------------------- 7
def deadline_with_rider(rng, shape, leaves, field=None):
    """A question asking for a group, then a sentence about when it is needed that carries the last requirement."""
    when = rng.choice([f"Need it by {W.deadline(rng)}", f"I'll need it before {rng.choice(W.TIMES)} on {W.deadline(rng)}",
                       f"The print deadline is {W.deadline(rng)}"])
    if shape == "leaf":
        tail = ", if that works for you" if when.startswith("Need") else ""
        return f"Can you find {desc(rng, shape, leaves)}? {when}{tail}.{_field(rng, field)}"
    if shape == "not":
        return (f"Can you send me our full customer list? {when}, and please take out anyone who falls into this group: "
                f"people who {leaves[0].say_pos(rng)}.{_field(rng, field)}")
    base = leaves[:-1] if shape in ("and", "or", "and_not") else leaves[:1]
    head = desc(rng, "leaf" if len(base) == 1 else "and", base)
    last = leaves[-1]
    rider = {"and": lambda: f"and only the ones who also {last.say(rng)}, please",
             "or": lambda: f"and people who {last.say(rng)} are welcome on it too, even if they don't match the first part",
             "and_not": lambda: f"and please keep out those who {last.say_pos(rng)}",
             "and_or": lambda: f"and only the ones who either {leaves[1].say(rng)} or {leaves[2].say(rng)}, please"}[shape]()
    return f"Could you pull {head}? {when} — {rider}.{_field(rng, field)}"


# ----------------------------------------------------------------------------------------------------------------- 8
def size_worry_adjust(rng, shape, leaves, field=None):
    """A first group, a worry about its size, and one or two adjustments that narrow, widen or trim it."""
    g = _g(rng)
    first = f"I'm thinking of {g} who {leaves[0].say(rng)}." if shape != "not" else "I was going to use every customer on file."
    if shape == "leaf":
        return f"{first} That should be a decent size for a {W.budget(rng)} test. Could you pull them?{_field(rng, field)}"
    if shape == "not":
        return f"{first} That's too many for a {W.budget(rng)} budget, so drop those who {leaves[0].say_pos(rng)}. Can you send me who's left?{_field(rng, field)}"
    worry_big = rng.choice(["That's probably too broad,", "That might be too many people for the budget,", "I suspect that's a big group,"])
    worry_small = rng.choice(["That might come out small,", "I worry that's too few people,", "That could be a thin list,"])
    if shape == "and":
        out = f"{first} {worry_big} so only keep the ones who also {leaves[1].say(rng)}."
        if len(leaves) == 3:
            out += f" Then narrow it once more to those who {leaves[2].say(rng)}; that final, three-part version is the one I want."
        return out + _field(rng, field)
    if shape == "or":
        return f"{first} {worry_small} so also add {g} who {leaves[1].say(rng)}, even if they don't fit the first part.{_field(rng, field)}"
    if shape == "and_not":
        return f"{first} {worry_big} so remove those who {leaves[1].say_pos(rng)}. Could you pull the rest?{_field(rng, field)}"
    return (f"{first} {worry_big} so keep only those who {leaves[1].say(rng)} or who {leaves[2].say(rng)} (either is fine)."
            f"{_field(rng, field)}")


# ----------------------------------------------------------------------------------------------------------------- 9
def this_time_round(rng, shape, leaves, field=None):
    """Thanks for an earlier list with its results, then a fresh group marked as the new one."""
    thanks = rng.choice([f"Thanks again for last week's list: the {W.campaign(rng)} email got a {rng.choice([24, 27, 31, 38])}% open rate off it!",
                         f"The list you sent for {W.campaign(rng)} worked really well, {rng.choice([42, 57, 80, 115])} orders so far on a {W.budget(rng)} spend.",
                         f"Quick update: the last mailing you helped with made back its {W.budget(rng)} budget in under a week, so thank you."])
    d = desc(rng, shape, leaves)
    ask = rng.choice([f"This time I need a completely new group: {d}.", f"For the next one, we're after a different audience, namely {d}.",
                      f"Next up is a fresh list, starting from scratch: {d}."])
    return f"{thanks} {ask}{_field(rng, field)} {rng.choice(['Could you pull it?', 'Is that doable this week?', ''])}".rstrip()


# ----------------------------------------------------------------------------------------------------------------- 10
def message_burst(rng, shape, leaves, field=None):
    """The request sent as a burst of short chat lines: hello, what it's for, one line per part, thanks."""
    lines = [rng.choice(["hey", "hi!", "morning", "hey you"]),
             rng.choice([f"quick one for the {W.campaign(rng)} send", f"need a list for {W.campaign(rng)}, going out {W.deadline(rng)}",
                         f"got {W.budget(rng)} to spend on a mailer"])]
    g = _g(rng)
    if shape == "not":
        lines += [f"everyone on file", f"except the {g} who {leaves[0].say_pos(rng)}"] if rng.random() < 0.5 else [f"{g} who {leaves[0].say(rng)}"]
    elif shape == "leaf":
        lines.append(f"{g} who {leaves[0].say(rng)}")
    else:
        lines.append(f"{g} who {leaves[0].say(rng)}")
        if shape == "and":
            lines += [f"and who also {lf.say(rng)}" for lf in leaves[1:]]
        elif shape == "or":
            lines.append(f"OR who {leaves[1].say(rng)}, either is fine")
        elif shape == "and_not":
            lines.append(rng.choice([f"but not the ones who {leaves[1].say_pos(rng)}", f"but who {leaves[1].say(rng)}"]))
        else:
            lines += [f"and who also either {leaves[1].say(rng)}", f"or {leaves[2].say(rng)}"]
    if field:
        lines.append(f"with {field} pls")
    lines.append(rng.choice(["thanks!!", "ty", "thank you 🙏", "cheers"]))
    return "\n".join(lines)


FUNCS = {f.__name__: f for f in (ps_afterthought, logistics_preamble, dash_interruption, colleague_base_plus_mine, wrote_x_read_y,
                                 quoted_question_reply, deadline_with_rider, size_worry_adjust, this_time_round, message_burst)}


def render(rng: random.Random, family: str, shape: str, leaves: list, field: str | None = None) -> str:
    return FUNCS[family](rng, shape, leaves, field)


def decline(rng: random.Random, family: str, beside, what, field_ask: bool = False) -> tuple[str, str]:
    key, conds, field = what
    if beside is not None and field_ask:
        return key, render(rng, family, "leaf", [beside], field=field)
    fake = Leaf("decline", {}, None, list(conds), [])
    if beside is None:
        return key, render(rng, family, "leaf", [fake])
    return key, render(rng, family, "and", [beside, fake])

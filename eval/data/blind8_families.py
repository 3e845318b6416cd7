"""Eighth blind marketer set: ten spoken / chat request families. ``render`` writes one request of a shape
(leaf, and, or, and_not, not, and_or) over ``blind8_leaves.Leaf`` phrasings; ``decline`` writes a request on data a
shop does not hold (alone, beside an answerable condition, or as a field asked for)."""

from __future__ import annotations

import random
import re
from dataclasses import replace

from blind8_leaves import Leaf, fill
from blind8_words import num, typo

FAMILIES = ["readback_confirm", "two_speaker", "you_customer", "question_volley", "standup_today",
            "dictation_punct", "deictic_those", "it_cleft", "announced_count", "voice_note_timestamps"]


class Say:
    """Picks a leaf's phrasing in a person form (and, for the chat family, sometimes misspells a category)."""

    def __init__(self, rng: random.Random, typos: float = 0.0) -> None:
        self.rng, self.typos = rng, typos

    def _names(self, leaf: Leaf, text: str) -> str:
        for name in leaf.names:
            if name in text and self.rng.random() < self.typos:
                text = text.replace(name, typo(self.rng, name), 1)
        return text

    def pos(self, leaf: Leaf, form: str = "pl") -> str:
        return self._names(leaf, fill(self.rng.choice(leaf.vp), form))

    def neg(self, leaf: Leaf, form: str = "pl") -> str:
        return self._names(leaf, fill(self.rng.choice(leaf.neg), form))


def _c(rng: random.Random, *opts: str) -> str:
    return rng.choice(opts)


def readback_confirm(rng, shape, lv, s: Say) -> str:
    who, f = _c(rng, ("every customer", "sg"), ("all the customers", "pl"), ("everyone", "sg"))
    a = s.pos(lv[0], f) if shape != "not" else s.neg(lv[0], f)
    if shape in ("leaf", "not"):
        body = f"you're pulling {who} who {a}"
    elif shape == "and" and len(lv) == 2:
        body = _c(rng, f"you're pulling {who} who {a} and who also {s.pos(lv[1], f)}",
                  f"you're pulling {who} who {a}, and out of those only the ones who {s.pos(lv[1])}")
    elif shape == "and":
        body = f"you're pulling {who} who {a}, who {s.pos(lv[1], f)}, and who {s.pos(lv[2], f)}, so all three at once"
    elif shape == "or":
        body = f"you're pulling anyone who {s.pos(lv[0], 'sg')}, plus anyone who {s.pos(lv[1], 'sg')}, and they only need to match one of the two"
    elif shape == "and_not":
        body = _c(rng, f"you're pulling {who} who {a}, minus anybody who {s.pos(lv[1], 'sg')}",
                  f"you're pulling {who} who {a} and who {s.neg(lv[1], f)}")
    else:
        body = f"you're pulling {who} who {a} and who, on top of that, either {s.pos(lv[1], f)} or {s.pos(lv[2], f)} (one of those two is enough)"
    opener = _c(rng, "Just so I've got this right", "Okay, let me say it back to you", "Let me repeat it so we're on the same page",
                "Right, reading it back")
    close = _c(rng, " Is that right? Yep? Great, go ahead.", " Correct? Cool, send it over when it's done.",
               " Yeah? Perfect, run it.", " That's what we said, right? Good, pull it then.")
    return f"{opener}: {body}.{close}"


def two_speaker(rng, shape, lv, s: Say) -> str:
    x = _c(rng, "Sam", "Priya", "Tom", "Lena", "Marco", "Aisha")
    start = [_c(rng, "Me: can you get me a customer list?", "Me: I need a list pulled.", "Me: got a minute? I need some customers."),
             f"{x}: {_c(rng, 'sure, which customers?', 'yep, who?', 'okay, who are we talking about?')}"]
    if shape == "leaf":
        lines = [f"Me: everyone who {s.pos(lv[0], 'sg')}.", f"{x}: that's it?", "Me: that's it."]
    elif shape == "not":
        lines = [f"Me: everybody who {s.neg(lv[0], 'sg')}.", f"{x}: nothing else?", "Me: nope, just that."]
    elif shape == "and":
        lines = [f"Me: the ones who {s.pos(lv[0])}.", f"{x}: all of them?", f"Me: no, only the ones who also {s.pos(lv[1])}."]
        if len(lv) == 3:
            lines += [f"{x}: anything else?", f"Me: yeah, and who {s.pos(lv[2])} as well."]
    elif shape == "or":
        lines = [f"Me: the ones who {s.pos(lv[0])}.", f"{x}: just those?",
                 f"Me: no, also anyone who {s.pos(lv[1], 'sg')}. Either one gets them on the list."]
    elif shape == "and_not":
        lines = [f"Me: the ones who {s.pos(lv[0])}.", f"{x}: all of them?",
                 _c(rng, f"Me: all of them except anybody who {s.pos(lv[1], 'sg')}.", f"Me: only those who {s.neg(lv[1])}.")]
    else:
        lines = [f"Me: the ones who {s.pos(lv[0])}.", f"{x}: all of them?",
                 f"Me: only the ones who also either {s.pos(lv[1])} or {s.pos(lv[2])}. One of those two is enough."]
    return "\n".join(start + lines)


def you_customer(rng, shape, lv, s: Say) -> str:
    op = _c(rng, "Picture it from the customer's side:", "Okay, pretend you're the customer.", "Put yourself in the customer's shoes:")
    close = _c(rng, " I want every customer that fits.", " Everyone like that, please.", " Can you pull all of those people?")
    if shape == "leaf":
        body = f"you {s.pos(lv[0], 'you')}. If that's you, you're on my list."
    elif shape == "not":
        body = f"you {s.neg(lv[0], 'you')}. If that's you, you're on my list."
    elif shape == "and" and len(lv) == 2:
        body = f"you {s.pos(lv[0], 'you')}, and you {s.pos(lv[1], 'you')}. If both are true, you're in."
    elif shape == "and":
        body = f"you {s.pos(lv[0], 'you')}, you {s.pos(lv[1], 'you')}, and you {s.pos(lv[2], 'you')}. All three true? You're in."
    elif shape == "or":
        body = f"you {s.pos(lv[0], 'you')}, or you {s.pos(lv[1], 'you')}, or both. Either way, you're in."
    elif shape == "and_not":
        body = _c(rng, f"you {s.pos(lv[0], 'you')}. But if you {s.pos(lv[1], 'you')}, you're out. Otherwise you're in.",
                  f"you {s.pos(lv[0], 'you')}, and you {s.neg(lv[1], 'you')}. If that's you, you're in.")
    else:
        body = (f"you {s.pos(lv[0], 'you')}, and on top of that you either {s.pos(lv[1], 'you')} or {s.pos(lv[2], 'you')}, "
                f"one of those is enough. Then you're in.")
    return f"{op} {body[0].upper()}{body[1:]}{close}" if op.endswith(".") else f"{op} {body}{close}"


def question_volley(rng, shape, lv, s: Say) -> str:
    s = Say(rng, 0.3)
    tail = _c(rng, "can u send me the list?", "can I get them all?", "send them over?", "list pls?")
    if shape == "leaf":
        qs = [f"who {s.pos(lv[0], 'sg')}?", tail]
    elif shape == "not":
        qs = [f"who {s.neg(lv[0], 'sg')}?", tail]
    elif shape == "and":
        qs = [f"who {s.pos(lv[0], 'sg')}?", f"and of those, who also {s.pos(lv[1], 'sg')}?"]
        if len(lv) == 3:
            qs.append(f"and of *those*, who {s.pos(lv[2], 'sg')}?")
        qs.append(f"that last group is the one I want, {tail}")
    elif shape == "or":
        qs = [f"who {s.pos(lv[0], 'sg')}?", f"and who {s.pos(lv[1], 'sg')}?", "can u put both groups together in one list?"]
    elif shape == "and_not":
        qs = _c(rng, [f"who {s.pos(lv[0], 'sg')}?", f"and can u drop anyone who {s.pos(lv[1], 'sg')}?", tail],
                [f"who {s.pos(lv[0], 'sg')} but {s.neg(lv[1], 'sg')}?", tail])
    else:
        qs = [f"who {s.pos(lv[0], 'sg')}?", f"and of those, who also either {s.pos(lv[1], 'sg')} or {s.pos(lv[2], 'sg')}? either one works.",
              tail]
    text = _c(rng, "quick q: ", "hey, ", "", "sorry, quick one. ") + " ".join(qs)
    return text.lower() if rng.random() < 0.5 else text


def standup_today(rng, shape, lv, s: Say) -> str:
    y = _c(rng, "finished the autumn newsletter copy", "sat in on the pricing review", "cleaned up the promo calendar",
           "got the new banners approved", "caught up on agency feedback")
    t = _c(rng, "setting up the Friday send", "building the next email test", "prepping a small outreach",
           "drafting the November mailing")
    a = s.pos(lv[0])
    if shape == "leaf":
        who = f"customers who {a}"
    elif shape == "not":
        who = f"customers who {s.neg(lv[0])}"
    elif shape == "and" and len(lv) == 2:
        who = f"customers who {a} and who also {s.pos(lv[1])}"
    elif shape == "and":
        who = f"customers who {a}, who {s.pos(lv[1])}, and who {s.pos(lv[2])}"
    elif shape == "or":
        who = f"customers who either {a} or {s.pos(lv[1])} (either one is fine)"
    elif shape == "and_not":
        who = _c(rng, f"customers who {a}, excluding anyone who {s.pos(lv[1], 'sg')}", f"customers who {a} and who {s.neg(lv[1])}")
    else:
        who = f"customers who {a} and who also either {s.pos(lv[1])} or {s.pos(lv[2])} (one of those two will do)"
    op = _c(rng, "Stand-up from me:", "For stand-up:", "My update:")
    if rng.random() < 0.5:
        return f"{op} yesterday I {y}. Today I'm {t}, and for that I need a list of {who}. No other blockers."
    return f"{op} yesterday I {y}. Today I'm {t}. Blocker: I'm waiting on a list of {who}. Can someone pull it?"


def _dictate(text: str, rng: random.Random) -> str:
    """Spoken punctuation as a speech-to-text app leaves it (a quoted product name keeps its own comma)."""
    out, quoted = [], False
    for part in re.split(r'(")', text):
        if part == '"':
            out.append(" close quote" if quoted else " open quote ")
            quoted = not quoted
            continue
        if not quoted:
            stop = _c(rng, " full stop", " period")
            part = re.sub(r",(?=\s|$)", " comma", part).replace("?", " question mark").replace(".", stop).replace("(", " open bracket ") \
                .replace(")", " close bracket")
        out.append(part)
    return re.sub(r"\s+", " ", "".join(out)).strip().lower()


def dictation_punct(rng, shape, lv, s: Say) -> str:
    who, f = _c(rng, ("every customer", "sg"), ("all customers", "pl"), ("everybody", "sg"))
    a = s.pos(lv[0], f)
    if shape == "leaf":
        body = f"can you pull {who} who {a}?"
    elif shape == "not":
        body = f"can you pull {who} who {s.neg(lv[0], f)}?"
    elif shape == "and" and len(lv) == 2:
        body = f"can you pull {who} who {a}, and who {s.pos(lv[1], f)}?"
    elif shape == "and":
        body = f"can you pull {who} who {a}, who {s.pos(lv[1], f)}, and who {s.pos(lv[2], f)}?"
    elif shape == "or":
        body = f"can you pull anyone who {s.pos(lv[0], 'sg')}, and also anyone who {s.pos(lv[1], 'sg')}? they only need to match one."
    elif shape == "and_not":
        body = _c(rng, f"can you pull {who} who {a}, but not the ones who {s.pos(lv[1])}?", f"can you pull {who} who {a}, and who {s.neg(lv[1], f)}?")
    else:
        body = f"can you pull {who} who {a}, and who either {s.pos(lv[1], f)} or {s.pos(lv[2], f)}? one of those two is enough."
    op = _c(rng, "hi, ", "hey there, ", "okay, ", "morning, ")
    return _dictate(op + body + _c(rng, " thanks.", " cheers.", ""), rng)


def deictic_those(rng, shape, lv, s: Say) -> str:
    know = _c(rng, "You know the people who", "You know the customers who", "You know all those people who")
    a = s.pos(lv[0])
    if shape == "leaf":
        return f"{know} {a}? Those. Can I get all of them?"
    if shape == "not":
        return f"{know} {s.neg(lv[0])}? Those ones. All of them, please."
    if shape == "and":
        more = f"{s.pos(lv[1])}" + (f" and who {s.pos(lv[2])}" if len(lv) == 3 else "")
        return f"{know} {a}? Out of those, the ones who also {more}. Those are the ones I need."
    if shape == "or":
        return f"{know} {a}? And the ones who {s.pos(lv[1])}? Both lots, together in one list, please."
    if shape == "and_not":
        return _c(rng, f"{know} {a}? Those, but not the ones who {s.pos(lv[1])}. Can I get that?",
                  f"{know} {a}? Those, but only the ones who {s.neg(lv[1])}. Can I get that?")
    return (f"{know} {a}? Out of those, the ones who also either {s.pos(lv[1])} or {s.pos(lv[2])}, either is fine. "
            f"Those are the ones I need.")


def it_cleft(rng, shape, lv, s: Say) -> str:
    after = _c(rng, "that I'm after", "that I want to reach", "that I need")
    end = _c(rng, "", " Can you pull them?", " Can you get me the list?")
    a = s.pos(lv[0])
    if shape == "leaf":
        return f"It's the customers who {a} {after}.{end}"
    if shape == "not":
        return f"It's the customers who {s.neg(lv[0])} {after}.{end}"
    if shape == "and" and len(lv) == 2:
        return f"It's the customers who {a} and who also {s.pos(lv[1])} {after}, so both at once.{end}"
    if shape == "and":
        return f"It's the customers who {a}, who {s.pos(lv[1])}, and who {s.pos(lv[2])} {after}. They need all three.{end}"
    if shape == "or":
        return f"It's anyone who {s.pos(lv[0], 'sg')}, or anyone who {s.pos(lv[1], 'sg')}, {after}. Either one qualifies them.{end}"
    if shape == "and_not":
        return _c(rng, f"It's the customers who {a} {after}, but not the ones who {s.pos(lv[1])}.{end}",
                  f"It's the customers who {a} and who {s.neg(lv[1])} {after}.{end}")
    return (f"It's the customers who {a} and who either {s.pos(lv[1])} or {s.pos(lv[2])} {after}. "
            f"Either of the last two is fine.{end}")


def announced_count(rng, shape, lv, s: Say) -> str:
    two, three = num(rng, 2, 0.8).capitalize(), num(rng, 3, 0.8).capitalize()
    if shape == "leaf":
        return f"Just one thing they need: they {s.pos(lv[0])}. Everyone like that, please."
    if shape == "not":
        return f"Just one thing they need: they {s.neg(lv[0])}. Everyone like that, please."
    if shape == "and" and len(lv) == 2:
        return f"{two} things. One, they {s.pos(lv[0])}. Two, they {s.pos(lv[1])}. They need both."
    if shape == "and":
        return (f"{three} things. First, they {s.pos(lv[0])}. Second, they {s.pos(lv[1])}. Third, they {s.pos(lv[2])}. "
                f"All three, please.")
    if shape == "or":
        return f"{two} options, and either one's enough: one, they {s.pos(lv[0])}; two, they {s.pos(lv[1])}. Anyone matching either, please."
    if shape == "and_not":
        return _c(rng, f"{two} things. One, they {s.pos(lv[0])}. Two, leave out anybody who {s.pos(lv[1], 'sg')}.",
                  f"{two} things. One, they {s.pos(lv[0])}. Two, they {s.neg(lv[1])}. They need both.")
    return (f"{two} things. One, they {s.pos(lv[0])}. Two, they either {s.pos(lv[1])} or {s.pos(lv[2])}, either of those counts. "
            f"They need both one and two.")


def voice_note_timestamps(rng, shape, lv, s: Say) -> str:
    a = s.pos(lv[0], "sg")
    chunks = [_c(rng, "hey, quick voice note about the list", "hi, it's me, about that audience", "okay so, the customer list")]
    if shape == "leaf":
        chunks += [f"I need everyone who {a}"]
    elif shape == "not":
        chunks += [f"I need everyone who {s.neg(lv[0], 'sg')}"]
    elif shape == "and":
        chunks += [f"I need everyone who {a}", f"and they also have to be people who {s.pos(lv[1])}"]
        if len(lv) == 3:
            chunks += [f"and on top of that, who {s.pos(lv[2], 'sg')}"]
    elif shape == "or":
        chunks += [f"I need anyone who {s.pos(lv[0], 'sg')}", f"or anyone who {s.pos(lv[1], 'sg')}, either one works"]
    elif shape == "and_not":
        chunks += _c(rng, [f"I need everyone who {a}", f"but leave out anyone who {s.pos(lv[1], 'sg')}"],
                     [f"I need everyone who {a}", f"and who {s.neg(lv[1], 'sg')}"])
    else:
        chunks += [f"I need everyone who {a}", f"and who also either {s.pos(lv[1], 'sg')} or {s.pos(lv[2], 'sg')}", "one of those two is enough"]
    chunks.append(_c(rng, "cheers", "thanks, speak later", "that's all"))
    t, out = 0, []
    for c in chunks:
        out.append(f"[{t // 60}:{t % 60:02d}] {c}")
        t += rng.randint(3, 7)
    return " ".join(out)


RENDER = {f: globals()[f] for f in FAMILIES}


COMPOUND = re.compile(r"\b(and|but|or)\b|, ")


def _simple(text: str) -> bool:
    return not COMPOUND.search(re.sub(r'"[^"]*"', "", text))


def _plain(leaf: Leaf, must: bool) -> Leaf:
    """The leaf with only its phrasings that hold no and / but / or / comma of their own (so that a request joining
    several conditions reads one way); a leaf inside an 'either … or' must have one."""
    vp, neg = [v for v in leaf.vp if _simple(v)], [v for v in leaf.neg if _simple(v)]
    if must and not vp:
        raise ValueError(f"no plain phrasing for {leaf.cond}")
    return replace(leaf, vp=vp or leaf.vp, neg=neg or leaf.neg)


def render(rng: random.Random, family: str, shape: str, leaves: list[Leaf]) -> str:
    if shape not in ("leaf", "not"):
        ors = {"or": {0, 1}, "and_or": {1, 2}}.get(shape, set())
        leaves = [_plain(x, i in ors) for i, x in enumerate(leaves)]
    return RENDER[family](rng, shape, leaves, Say(rng))


def _field_tail(rng: random.Random, family: str, field: str) -> str:
    if family == "two_speaker":
        return f"\nMe: oh, and add {field} for each of them."
    if family == "voice_note_timestamps":
        return f" [0:{rng.randint(30, 45)}] oh and add {field} for each of them"
    if family == "question_volley":
        return f" and can u add {field} too?"
    return _c(rng, f" Oh, and add {field} next to each name.", f" And I'll need {field} for each of them too.")


def decline(rng: random.Random, family: str, beside: Leaf | None, unheld: tuple, field_ask: bool) -> tuple[str, str]:
    name, conds, fields = unheld
    fake = Leaf("decline", {}, None, [c.replace("<their>", "<their>") for c in conds])
    if beside is None:
        return name, render(rng, family, "leaf", [fake])
    if not field_ask:
        pair = [beside, fake] if rng.random() < 0.5 else [fake, beside]
        return name, render(rng, family, "and", pair)
    q = render(rng, family, "leaf", [beside])
    tail = _field_tail(rng, family, rng.choice(fields))
    if family == "dictation_punct":
        tail = _dictate(tail, rng)
        return name, f"{q} {tail}"
    return name, q + tail

"""Seventh blind marketer set: ten request shapes ("families"), each able to say one leaf, an and of two or three,
an or, an and-not, a not and an and-of-an-or, plus the declines (data the shop does not hold).

Shapes and the leaves they get (from the driver): leaf [A]; and [A, B] or [A, B, C]; or [A, B]; and_not [A, B]
(A and not B; B has exact negations); not [A] (A has exact negations); and_or [A, B, C] (A and (B or C)).
"""

from __future__ import annotations

import random

from blind7_leaves import Leaf
from blind7_words import fill

FAMILIES = ["what_if", "boss_dictation", "sql_english", "dash_bullets", "british_understated", "goal_first",
            "apposition_profile", "rhetorical_opener", "passive_wanted", "lettered_items"]

GOALS = ["For next month's newsletter test", "To trial a new thank-you card", "For a quick survey about delivery times",
         "Ahead of the catalogue refresh", "For an A/B test of subject lines", "To pilot handwritten notes in parcels",
         "For a small user-research panel", "To try out a new packaging insert"]
RHETORICAL = ["Aren't we overdue a proper look at this group?", "Why do we keep overlooking these people?",
              "Who says small segments don't pay off?", "Wouldn't it be nice to get the targeting right for once?",
              "Isn't this exactly who we should be talking to?", "How hard can it be?"]


def _v(r: random.Random, x: Leaf, sg: bool = False) -> str:
    return fill(r.choice(x.vp), sg)


def _n(r: random.Random, x: Leaf, sg: bool = False) -> str:
    return fill(r.choice(x.neg), sg)


def _m(r: random.Random, x: Leaf) -> str:
    return fill(r.choice(x.mod))


def _and(parts: list[str], glue: str = "and") -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + f" {glue} " + parts[-1]


def _who(v: list[str]) -> str:
    return _and([f"who {x}" for x in v])


def what_if(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    noun = r.choice(["customers", "people", "shoppers"])
    lead = r.choice(["What if we targeted", "What if this campaign only went to", "Suppose we aimed the next push at",
                     "Hypothetically, if we went after"])
    ask = r.choice(["who would be in that group?", "which customers would that be?", "who would we actually reach?",
                    "who lands in that audience?"])
    v = [_v(r, x) for x in ls]
    body = {"leaf": lambda: f"{noun} who {v[0]}",
            "and": lambda: f"{noun} {_who(v)}",
            "or": lambda: f"everyone who {_v(r, ls[0], True)}, as well as everyone who {_v(r, ls[1], True)} (either one is enough)",
            "and_not": lambda: r.choice([f"{noun} who {v[0]}, leaving out anyone who {_v(r, ls[1], True)}", f"{noun} who {v[0]} but {_n(r, ls[1])}"]),
            "not": lambda: f"the {noun} who {_n(r, ls[0])}",
            "and_or": lambda: f"{noun} who {v[0]} and who also either {v[1]}, or {v[2]}"}[shape]()
    return f"{lead} {body} — {ask}"


def boss_dictation(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    v = [_v(r, x) for x in ls]
    s = [_v(r, x, True) for x in ls]
    if shape == "leaf":
        return r.choice([f"Make sure you pull every customer who {s[0]}. Don't leave any of them out.",
                         f"Don't forget, I need everyone who {s[0]} on this list, and make sure nobody else gets in."])
    if shape == "and":
        return (f"Make sure the list only has customers who {v[0]}. And don't forget: each of them also has to be someone who "
                f"{_and(s[1:], 'and who')}.")
    if shape == "or":
        return (f"Make sure you include everyone who {s[0]}, and don't forget the people who {v[1]} either — being in one of "
                "those two groups is enough to get on the list.")
    if shape == "and_not":
        return r.choice([f"Make sure you get all the customers who {v[0]}, but don't forget to take out anyone who {s[1]}.",
                         f"Make sure everyone on the list {s[0]}, and make sure none of them {s[1]}."])
    if shape == "not":
        return f"Make sure the list covers every customer who {_n(r, ls[0], True)}. Don't forget a single one."
    return (f"Make sure you take the customers who {v[0]}, and don't forget they also need to be people who either {v[1]}, "
            f"or {v[2]}.")


def sql_english(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    upper = r.random() < 0.5
    pre = r.choice(["select customers where", "from customers select those where", "give me customers where"])
    pre = pre.replace("select", "SELECT").replace("where", "WHERE") if upper else pre
    w_and, w_or, w_not = ("AND", "OR", "NOT") if upper else ("and", "or", "not")
    c = [f"{r.choice(['the customer', 'customer'])} {_v(r, x, True)}" for x in ls]
    body = {"leaf": lambda: c[0], "and": lambda: f" {w_and} ".join(c), "or": lambda: f"{c[0]} {w_or} {c[1]}",
            "and_not": lambda: f"{c[0]} {w_and} {w_not} ({c[1]})", "not": lambda: f"{w_not} ({c[0]})",
            "and_or": lambda: f"{c[0]} {w_and} ({c[1]} {w_or} {c[2]})"}[shape]()
    return f"{pre} {body}"


def dash_bullets(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    intro = r.choice(["Customer list needed", "Pull for the promo team", "Audience request", "List please"])
    m = [_m(r, x) for x in ls]
    if shape == "leaf":
        return f"{intro} - customers {m[0]} - nothing else to filter on"
    if shape == "and":
        return f"{intro}, every line must apply - customers {m[0]} - " + " - ".join(m[1:])
    if shape == "or":
        return f"{intro}, any one line is enough - customers {m[0]} - customers {m[1]}"
    if shape == "and_not":
        return f"{intro} - customers {m[0]} - minus customers {m[1]}"
    if shape == "not":
        return f"{intro} - every customer who {_n(r, ls[0], True)}"
    return f"{intro} - customers {m[0]} - and, out of those, only ones matching at least one of the following - {m[1]} - {m[2]}"


def british_understated(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    v = [_v(r, x) for x in ls]
    if shape == "leaf":
        return r.choice([f"Would you mind awfully pulling together the customers who {v[0]}? No rush at all.",
                         f"I don't suppose you could dig out the customers who {v[0]}? That would be rather lovely."])
    if shape == "and":
        return (f"I wonder if you might dig out the customers who {v[0]} — only those who also {_and(v[1:], 'and who')}, "
                "if it's not too much bother.")
    if shape == "or":
        return f"Could you possibly find me the customers who {v[0]}, along with any who {v[1]}? Either sort would do nicely."
    if shape == "and_not":
        return f"I'd be ever so grateful for the customers who {v[0]} — though do leave out any who {v[1]}, if you would."
    if shape == "not":
        return f"Might I trouble you for a list of the customers who {_n(r, ls[0])}? Much obliged."
    return f"Would you be so kind as to list the customers who {v[0]}, provided they also either {v[1]}, or {v[2]}? Cheers."


def goal_first(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    g = r.choice(GOALS)
    v = [_v(r, x) for x in ls]
    return g + {"leaf": lambda: f", I need the customers who {v[0]}.",
                "and": lambda: f", the audience is customers {_who(v)}.",
                "or": lambda: f", we want anyone who {_v(r, ls[0], True)} and also anyone who {_v(r, ls[1], True)} — being in either group is enough.",
                "and_not": lambda: f", take the customers who {v[0]}, but none who {v[1]}.",
                "not": lambda: f", we're targeting the customers who {_n(r, ls[0])}.",
                "and_or": lambda: f", the audience is customers who {v[0]} and who, in addition, either {v[1]}, or {v[2]}."}[shape]()


def apposition_profile(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    intro = r.choice(["The profile we're after", "Our target", "The persona for this one", "Who we want"])
    p = r.choice(["a shopper", "a customer", "someone"])
    s = [_v(r, x, True) for x in ls]
    fit = r.choice(["Which customers fit that description?", "List every customer who matches.", "Who fits?"])
    if shape == "leaf":
        return f"{intro}: {p} who {s[0]}. {fit}"
    if shape == "and":
        return f"{intro} — {p} who {s[0]}, someone who also {_and(s[1:], 'and who')} — {fit.lower()}"
    if shape == "or":
        return (f"Two profiles, either one counts: {p} who {s[0]}, or {p} who {s[1]}. "
                "List everyone who fits at least one of them.")
    if shape == "and_not":
        return f"{intro}: {p} who {s[0]}, though not one who {s[1]}. {fit}"
    if shape == "not":
        return f"{intro}: {p} who {_n(r, ls[0], True)}. {fit}"
    return f"{intro}: {p} who {s[0]} and who also either {s[1]}, or {s[2]}. {fit}"


def rhetorical_opener(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    q = r.choice(RHETORICAL)
    v = [_v(r, x) for x in ls]
    return q + {"leaf": lambda: f" Anyway — list the customers who {v[0]}.",
                "and": lambda: f" Give me the customers who {v[0]}, but only the ones who also {_and(v[1:], 'and who')}.",
                "or": lambda: f" I want everybody who {_v(r, ls[0], True)}, and everybody who {_v(r, ls[1], True)} as well.",
                "and_not": lambda: f" Pull the customers who {v[0]}, minus anyone who {_v(r, ls[1], True)}.",
                "not": lambda: f" Show me the customers who {_n(r, ls[0])}.",
                "and_or": lambda: f" Customers who {v[0]} — and of those, just the ones who either {v[1]}, or {v[2]}."}[shape]()


def passive_wanted(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    v = [_v(r, x) for x in ls]
    if shape == "leaf":
        return r.choice([f"Customers are wanted who {v[0]}.", f"A list is required of all customers who {v[0]}.",
                         f"Every customer who {_v(r, ls[0], True)} is to be listed."])
    if shape == "and":
        return r.choice([f"Customers are wanted {_who(v)}.",
                         f"A list is required of customers who {v[0]}; only those who also {_and(v[1:], 'and who')} are to be included."])
    if shape == "or":
        return f"Customers who {v[0]} are to be listed, and so are customers who {v[1]}."
    if shape == "and_not":
        return f"Customers who {v[0]} are to be listed; any who {v[1]} are to be excluded."
    if shape == "not":
        return r.choice([f"Every customer who {_n(r, ls[0], True)} is to be listed.", f"Customers are wanted who {_n(r, ls[0])}."])
    return f"Customers are wanted who {v[0]} and who, in addition, either {v[1]}, or {v[2]}."


def lettered_items(r: random.Random, shape: str, ls: list[Leaf]) -> str:
    verb = r.choice(["Identify", "Find", "List"])
    items = "; ".join(f"({'abc'[i]}) they {_v(r, x)}" for i, x in enumerate(ls))
    rule = {"leaf": "the following holds", "and": "both (a) and (b) hold" if len(ls) == 2 else "all of (a), (b) and (c) hold",
            "or": "(a) or (b) holds — one of them is enough", "and_not": "(a) holds but (b) does not",
            "not": "(a) does not hold", "and_or": "(a) holds together with at least one of (b) and (c)"}[shape]
    return f"{verb} every customer for whom {rule}: {items}."


RENDER = {f: globals()[f] for f in FAMILIES}


def render(rng: random.Random, family: str, shape: str, leaves: list[Leaf]) -> str:
    return RENDER[family](rng, shape, leaves)


FIELD_ASK = ["Please include {f} for each of them.", "And add {f} next to every name.", "I'll also need {f}.",
             "Could you attach {f} as well?"]


def decline(rng: random.Random, family: str, beside: Leaf | None, item: tuple[str, str, str], field_ask: bool) -> tuple[str, str]:
    """A request for data the shop does not hold: alone (a condition on it), or beside an answerable leaf (a condition
    on it joined by 'and', or a request for that field of the customers)."""
    what, vp, asked = item
    fake = Leaf("decline", {}, None, [vp], [f"who {fill(vp)}"])
    if beside is None:
        return what, render(rng, family, "leaf", [fake])
    if field_ask:
        text = render(rng, family, "leaf", [beside])
        return what, text + ("" if text[-1] in ".?!" else ".") + " " + rng.choice(FIELD_ASK).format(f=asked)
    pair = [beside, fake] if rng.random() < 0.5 else [fake, beside]
    return what, render(rng, family, "and", pair)

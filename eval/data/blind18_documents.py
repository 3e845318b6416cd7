"""Eighteenth blind set: the shared phrasing helpers and the first five families' renderers (recitals, numbered
clauses, a glossary with operative clauses, a chain of provisos, a notwithstanding override)."""

from __future__ import annotations

import random
import re

from blind18_leaves import conj
from blind18_words import BENEFIT, CONTACT, MISSING, TEAM


def _noun(rng: random.Random) -> tuple[str, str]:
    return rng.choice([("customer", "customers"), ("customer", "customers"), ("account holder", "account holders")])


def _join(items: list[str], word: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _team(rng: random.Random) -> str:
    return rng.choice(TEAM)


def _ben(rng: random.Random) -> str:
    return rng.choice(BENEFIT)


# ---- 1. recitals, then one operative clause carrying a relative clause ----------------------------------------------
def _whereas(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    pool = [f"the Company intends to extend {ben} to a defined group of its {pl}",
            f"{team} requires a definitive list of the {pl} to whom {ben} is to be offered",
            "the eligibility criteria set out below have been reviewed and approved by Legal and Compliance",
            f"it is desirable that the criteria be applied uniformly to all {pl} of the Shop",
            "the Board has approved the budget for the campaign referred to below"]
    rec = rng.sample(pool, rng.choice([1, 2, 2, 3]))
    style = rng.choice(["lettered", "plain", "heading"])
    if style == "lettered":
        head = "\n".join(f"({'ABC'[i]}) WHEREAS {r};" for i, r in enumerate(rec))
    elif style == "heading":
        head = "RECITALS\n" + "\n".join(f"{i + 1}. Whereas {r};" for i, r in enumerate(rec))
    else:
        head = "WHEREAS " + "; AND WHEREAS ".join(rec) + ";"
    every = rng.random() < 0.5
    f = "sg" if every else "pl"
    who = f"every {sg}" if every else f"all {pl}"
    A = L[0]
    if shape == "leaf":
        body = f"{who} who {A.vp(rng, f)}"
    elif shape == "and":
        parts = [x.vp(rng, f) for x in L]
        if rng.random() < 0.6:
            body = f"{who} who " + _join([p if i == 0 else f"who {p}" for i, p in enumerate(parts)])
        elif len(parts) == 3:
            body = f"{who} who {parts[0]}, who {parts[1]} and who also {parts[2]}"
        else:
            body = f"{who} who {parts[0]} and who also {parts[1]}"
    elif shape == "or":
        who2 = f"every {sg}" if every else f"all {pl}"
        body = (f"{who} who {A.vp(rng, f)}, together with {who2} who {L[1].vp(rng, f)}, "
                + rng.choice([f"any {sg} answering both descriptions being listed once only",
                              "the two descriptions being alternatives"]))
    elif shape == "and_not":
        if rng.random() < 0.5:
            body = f"{who} who {A.vp(rng, f)} and who {L[1].vp(rng, f)}"
        else:
            body = f"{who} who {A.vp(rng, f)}, save for any such {sg} who {L[1].vp(rng, 'sg', 'pos')}"
    elif shape == "not":
        if rng.random() < 0.5:
            body = f"{who} of the Shop who {A.vp(rng, f)}"
        else:
            body = f"all {pl} of the Shop other than those who {A.vp(rng, 'pl', 'pos')}"
    else:
        body = f"{who} who {A.vp(rng, f)} and who, in addition, either {L[1].vp(rng, f)} or {L[2].vp(rng, f)}"
    lead = rng.choice(["NOW, THEREFORE, it is resolved that", "NOW IT IS HEREBY AGREED that", "IT IS NOW RESOLVED that",
                       "NOW, THEREFORE, the parties agree that"])
    op = rng.choice([f"{team} shall be provided with a list of {body}.",
                     f"the list to be furnished to {team} shall comprise {body}.",
                     f"{ben} shall be offered to {body}, and {team} shall receive the list of them."])
    out = f"{head}\n{lead} {op}"
    if fld:
        out += rng.choice([f" IT IS FURTHER RESOLVED that the said list shall state, against each entry, the {sg}'s {fld}.",
                           f" The list shall record, for each {sg} on it, their {fld}."])
    if rng.random() < 0.3:
        out += rng.choice([" This resolution takes effect on signature.", " Signed on behalf of the Company."])
    return out


# ---- 2. a numbered clause with sub-clauses on their own lines ------------------------------------------------------
def _clauses(rng, shape, L, fld):
    sg, pl = _noun(rng)
    team = _team(rng)
    T = " ".join(w.capitalize() for w in sg.split())
    term, terms = f"Eligible {T}", f"Eligible {T}s"
    n = rng.randint(2, 9)
    labels = rng.choice([["(a)", "(b)", "(c)"], ["(i)", "(ii)", "(iii)"], ["(A)", "(B)", "(C)"]])
    inner = ["(i)", "(ii)"] if labels[0] != "(i)" else ["(A)", "(B)"]
    heading = rng.choice(["ELIGIBILITY", "Eligibility", f"{terms.upper()}", "Who qualifies", "QUALIFICATION"])
    intro = f"{n}.1 A {sg} is an {term} if the {sg}:" if rng.random() < 0.6 else \
        f"{n}.1 A {sg} shall qualify as an {term} where that {sg}:"
    A = L[0]
    if shape == "leaf":
        body = f"{n}.1 A {sg} is an {term} if the {sg} {A.vp(rng, 'sg')}."
    elif shape == "and":
        items = [x.vp(rng, "sg") for x in L]
        lines = [f"{labels[i]} {p}{';' if i < len(items) - 2 else '; and' if i == len(items) - 2 else '.'}"
                 for i, p in enumerate(items)]
        body = intro + "\n" + "\n".join(lines)
    elif shape == "or":
        tail = rng.choice(["\n(satisfaction of either paragraph being sufficient).",
                           f"\nwhether or not the {sg} also satisfies the other paragraph.", ""])
        body = (intro + f"\n{labels[0]} {A.vp(rng, 'sg')}; or\n{labels[1]} {L[1].vp(rng, 'sg')}"
                + (tail if tail else "."))
    elif shape == "and_not":
        if rng.random() < 0.55:
            body = intro + f"\n{labels[0]} {A.vp(rng, 'sg')}; and\n{labels[1]} {L[1].vp(rng, 'sg')}."
        else:
            body = (f"{n}.1 A {sg} who {A.vp(rng, 'sg')} is an {term}, subject to clause {n}.2.\n"
                    f"{n}.2 Clause {n}.1 does not apply to any {sg} who {L[1].vp(rng, 'sg', 'pos')}.")
    elif shape == "not":
        if rng.random() < 0.5:
            body = f"{n}.1 Every {sg} of the Shop is an {term}, save a {sg} who {A.vp(rng, 'sg', 'pos')}."
        else:
            body = f"{n}.1 A {sg} is an {term} if the {sg} {A.vp(rng, 'sg')}."
    else:
        body = (intro + f"\n{labels[0]} {A.vp(rng, 'sg')}; and\n{labels[1]} either:\n    {inner[0]} {L[1].vp(rng, 'sg')}; or"
                f"\n    {inner[1]} {L[2].vp(rng, 'sg')}.")
    k = body.count(f"\n{n}.") + 2
    out = f"{n}. {heading}\n{body}\n{n}.{k} " + rng.choice([
        f"{team} shall be provided with a list of all {terms}.",
        f"A list of every {term} shall be delivered to {team}.",
        f"{team} is to receive the complete list of {terms}."])
    if fld:
        out += f"\n{n}.{k + 1} The list shall set out, for each {term}, that {sg}'s {fld}."
    return out


# ---- 3. a definitions block, then an operative sentence built from the defined terms -------------------------------
_TERMS = [("Category A Customer", "Category B Customer", "Category C Customer"),
          ("First Group Customer", "Second Group Customer", "Third Group Customer"),
          ("Qualifying Customer", "Relevant Customer", "Designated Customer"),
          ("Class 1 Account Holder", "Class 2 Account Holder", "Class 3 Account Holder")]


def _glossary(rng, shape, L, fld):
    sg, pl = _noun(rng)
    team = _team(rng)
    t = rng.choice(_TERMS)

    def define(term, leaf, pol=None):
        v = leaf.vp(rng, "sg", pol)
        return rng.choice([f"“{term}” means a {sg} who {v};", f"“{term}” means any {sg} of the Shop who {v};",
                           f"a {sg} is a “{term}” if the {sg} {v};"])

    A = L[0]
    if shape == "leaf":
        single = rng.choice(["Eligible Customer", "Qualifying Account Holder", "Relevant Customer"])
        defs = [define(single, A)]
        op = f"{team} shall receive a list of every {single}"
    elif shape == "and":
        defs = [define(t[i], x) for i, x in enumerate(L)]
        names = [f"a {t[i]}" for i in range(len(L))]
        op = f"{team} shall receive a list of every {sg} who is " + (
            f"both {names[0]} and {names[1]}" if len(L) == 2 else f"at once {_join(names)}")
    elif shape == "or":
        defs = [define(t[0], A), define(t[1], L[1])]
        op = rng.choice([f"{team} shall receive a list of every {sg} who is a {t[0]} or a {t[1]} (or both)",
                         f"{team} shall receive a list of every {t[0]} and every {t[1]}, any {sg} who is both being "
                         "listed once"])
    elif shape == "and_not":
        if rng.random() < 0.6:
            defs = [define(t[0], A), define(t[1], L[1], "pos")]
            op = f"{team} shall receive a list of every {t[0]} who is not also a {t[1]}"
        else:
            defs = [define(t[0], A), define(t[1], L[1])]
            op = f"{team} shall receive a list of every {sg} who is both a {t[0]} and a {t[1]}"
    elif shape == "not":
        defs = [define(t[0], A, "pos")]
        op = f"{team} shall receive a list of every {sg} of the Shop who is not a {t[0]}"
    else:
        defs = [define(t[i], x) for i, x in enumerate(L)]
        op = f"{team} shall receive a list of every {t[0]} who is also either a {t[1]} or a {t[2]} (or both)"
    defs = [_cap(d) for d in defs]
    defs[-1] = defs[-1].rstrip(";") + "."
    if len(defs) > 1 and rng.random() < 0.5:
        defs[-2] = defs[-2] + " and"
    block = "\n".join(defs)
    if fld:
        op += f", together with each such {sg}'s {fld}"
    if rng.random() < 0.65:
        return (rng.choice(["1. Definitions. In this notice:", "DEFINITIONS\nIn these terms:", "1. Interpretation\nIn this clause:"])
                + f"\n{block}\n" + rng.choice(["2. Operative provision. ", "OPERATIVE PROVISION\n", "2. "]) + op + ".")
    return f"{op}.\nFor this purpose:\n{block}"


# ---- 4. one sentence: open to X, provided that ..., and provided further that ... ----------------------------------
def _proviso(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    verb = rng.choice(["is open to", "shall be extended to", "is available to", "may be offered to"])
    such = rng.choice([f"such {sg}", f"the {sg}"])
    A = L[0]
    if shape == "leaf":
        s = f"{_cap(ben)} {verb} any {sg} of the Shop, provided that {such} {A.vp(rng, 'sg')}"
    elif shape == "and":
        s = f"{_cap(ben)} {verb} any {sg} who {A.vp(rng, 'sg')}, provided that {such} {L[1].vp(rng, 'sg')}"
        if len(L) == 3:
            s += f", and provided further that {such} {L[2].vp(rng, 'sg')}"
    elif shape == "or":
        s = (f"{_cap(ben)} {verb} any {sg} of the Shop, provided that {such} either {A.vp(rng, 'sg')} or "
             f"{L[1].vp(rng, 'sg')}" + rng.choice([" (or both)", ", it being sufficient to meet either", ""]))
    elif shape == "and_not":
        s = f"{_cap(ben)} {verb} any {sg} who {A.vp(rng, 'sg')}, provided that {such} {L[1].vp(rng, 'sg')}"
    elif shape == "not":
        s = f"{_cap(ben)} {verb} every {sg} of the Shop, provided only that {such} {A.vp(rng, 'sg')}"
    else:
        s = (f"{_cap(ben)} {verb} any {sg} who {A.vp(rng, 'sg')}, provided that {such} also either "
             f"{L[1].vp(rng, 'sg')} or {L[2].vp(rng, 'sg')}")
    if fld:
        s += f", and the list of such {pl} shall show each one's {fld}"
    s += "."
    ask = rng.choice([f" {team} shall receive the list of all {pl} to whom it is open.",
                      f" A list of every {sg} so qualifying shall be supplied to {team}.",
                      f" {team} requires that list of {pl} by close of business.", ""])
    if not ask and not fld:
        ask = f" Please supply {team} with the list of qualifying {pl}."
    pre = rng.choice(["", "Clause 7 (Eligibility). ", "Term 2. ", "Eligibility: "])
    return pre + s + ask


# ---- 5. a general rule and a later clause that overrides it ---------------------------------------------------------
def _notwithstanding(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    k = rng.randint(3, 14)
    c1, c2, c3 = f"{k}.1", f"{k}.2", f"{k}.3"
    nw = rng.choice([f"Notwithstanding clause {c1},", f"Notwithstanding anything in clause {c1},",
                     f"Notwithstanding the generality of clause {c1},"])
    A = L[0]
    extra = ""
    if shape == "leaf":
        body = (f"{c1} {_cap(ben)} is open to {pl} of the Shop generally.\n"
                f"{c2} {nw} a {sg} shall be eligible only if the {sg} {A.vp(rng, 'sg')}.")
    elif shape == "and":
        rest = _join([x.vp(rng, "sg") for x in L[1:]])
        body = (f"{c1} Subject to clause {c2}, a {sg} who {A.vp(rng, 'sg')} is eligible for {ben}.\n"
                f"{c2} {nw} no {sg} shall be eligible unless the {sg} also {rest}.")
    elif shape == "or":
        body = (f"{c1} A {sg} who {A.vp(rng, 'sg')} is eligible for {ben}.\n"
                f"{c2} Notwithstanding that a {sg} does not fall within clause {c1}, that {sg} shall nevertheless be "
                f"eligible if the {sg} {L[1].vp(rng, 'sg')}.")
        if rng.random() < 0.5:
            extra = f"\n{c3} No other {sg} is eligible."
    elif shape == "and_not":
        body = (f"{c1} A {sg} who {A.vp(rng, 'sg')} is eligible for {ben}.\n"
                f"{c2} {nw} no {sg} who {L[1].vp(rng, 'sg', 'pos')} shall be eligible.")
    elif shape == "not":
        body = (f"{c1} All {pl} of the Shop are eligible for {ben}.\n"
                f"{c2} {nw} a {sg} who {A.vp(rng, 'sg', 'pos')} shall not be eligible.")
    else:
        body = (f"{c1} Subject to clause {c2}, a {sg} who {A.vp(rng, 'sg')} is eligible for {ben}.\n"
                f"{c2} {nw} a {sg} shall be eligible only if the {sg} either {L[1].vp(rng, 'sg')} or "
                f"{L[2].vp(rng, 'sg')}.")
    last = c3 if not extra else f"{k}.4"
    out = body + extra + f"\n{last} " + rng.choice([f"{team} shall be furnished with a list of all eligible {pl}.",
                                                   f"The list of eligible {pl} shall be delivered to {team}.",
                                                   f"{team} shall receive the eligible {pl} as a list."])
    if fld:
        out += f" That list shall include each eligible {sg}'s {fld}."
    return out


# ---- 6. entitlement conditional upon gerund clauses -----------------------------------------------------------------

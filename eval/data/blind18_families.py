"""Eighteenth blind marketer set: ten request structures in one register, formal eligibility and policy language (terms
and conditions, compliance-reviewed eligibility policies, scheme rulebooks, procurement specifications, letters of
instruction). The request for the list is often implicit in the document (a clause under which a team shall receive
the list). Each family renders every shape: one leaf, and (two or three), or (two), and_not (the second leaf negated),
not (one negated leaf), and_or (the first and either of the other two); and declines for data the shop does not hold."""

from __future__ import annotations

import random
import re

from blind18_leaves import conj
from blind18_words import BENEFIT, CONTACT, MISSING, TEAM

FAMILIES = ["whereas_recitals", "clause_subclauses", "glossary_operative", "proviso_chain", "notwithstanding_override",
            "conditional_upon_gerunds", "promo_terms_mixed", "deeming_provision", "procurement_requirements",
            "instruction_letter"]


class _Missing:
    """A condition on data the shop does not hold, worded like a leaf."""

    negated = False

    def __init__(self, pos: list[str]) -> None:
        self.pos = pos

    def vp(self, rng: random.Random, form: str, polarity: str | None = None) -> str:
        return conj(rng.choice(self.pos), form)


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
def _gerunds(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    listed = rng.random() < 0.5
    intro = (rng.choice([f"Inclusion in the list to be supplied to {team} shall be conditional upon the {sg} ",
                         f"A {sg} shall be included in the list for {team} only upon the {sg} "]) if listed else
             rng.choice([f"Eligibility for {ben} is conditional upon the {sg} ",
                          f"Entitlement to {ben} shall arise only upon the {sg} ",
                          f"Participation in {ben} is subject to the {sg} "]))
    A = L[0]
    if shape == "leaf":
        s = intro + A.vp(rng, "ger")
    elif shape == "and":
        g = [x.vp(rng, "ger") for x in L]
        if rng.random() < 0.5:
            s = intro + _join(g)
        else:
            nums = ["(i)", "(ii)", "(iii)"]
            s = intro + "; ".join(f"{nums[i]} {p}" for i, p in enumerate(g[:-1])) + f"; and {nums[len(g) - 1]} {g[-1]}"
    elif shape == "or":
        s = intro + f"either {A.vp(rng, 'ger')} or {L[1].vp(rng, 'ger')}" + rng.choice(
            [" (satisfaction of either being sufficient)", " (or both)", ""])
    elif shape == "and_not":
        s = intro + f"{A.vp(rng, 'ger')} and {L[1].vp(rng, 'ger')}"
    elif shape == "not":
        s = intro + A.vp(rng, "ger") + rng.choice(["", ", and upon no other condition"])
    else:
        s = intro + f"{A.vp(rng, 'ger')} and, in addition, either {L[1].vp(rng, 'ger')} or {L[2].vp(rng, 'ger')}"
    s += "."
    n = len(L)
    if not listed:
        s += " " + rng.choice([f"{team} shall be provided with a list of every {sg} so entitled.",
                               f"The list of {pl} meeting {'that condition' if n == 1 else 'those conditions'} shall be sent to {team}.",
                               f"{team} is to receive a list of all such {pl}."])
    if fld:
        s += f" The list shall be accompanied by each {sg}'s {fld}."
    return s


# ---- 7. promotional terms and conditions, eligibility items interleaved with boilerplate ---------------------------
def _promo(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    boiler = ["The promoter is the Shop (the “Promoter”).", "No cash alternative is available.",
              "The Promoter reserves the right to amend or withdraw this promotion at any time.",
              "Rewards are non-transferable.", "These terms are governed by the laws of England and Wales.",
              "The Promoter's decision on any matter relating to this promotion is final.",
              f"Only one reward will be issued per {sg}.", "Vouchers are valid for 14 days from the date of issue."]
    A = L[0]
    open_ = rng.choice([f"This promotion is open to {pl} of the Shop who", f"{_cap(ben)} is open to {pl} who",
                        f"The promotion is available only to {pl} who"])
    elig: list[str] = []
    if shape == "leaf":
        elig = [f"{open_} {A.vp(rng, 'pl')}."]
    elif shape == "and":
        elig = [f"{open_} {A.vp(rng, 'pl')}."]
        for x in L[1:]:
            elig.append(rng.choice([f"To be eligible, a {sg} must also {x.vp(rng, 'base')}.",
                                    f"Eligible {pl} must, in addition, {x.vp(rng, 'base')}.",
                                    f"A {sg} must further {x.vp(rng, 'base')} in order to qualify."]))
    elif shape == "or":
        elig = [f"{_cap(ben)} is open to (a) {pl} who {A.vp(rng, 'pl')}; and (b) {pl} who {L[1].vp(rng, 'pl')}. "
                + rng.choice([f"A {sg} falling within either (a) or (b) is eligible.",
                              f"It is sufficient for a {sg} to fall within (a) or within (b)."])]
    elif shape == "and_not":
        elig = [f"{open_} {A.vp(rng, 'pl')}.",
                rng.choice([f"{_cap(pl)} who {L[1].vp(rng, 'pl', 'pos')} are not eligible.",
                            f"A {sg} must {L[1].vp(rng, 'base')} in order to qualify.",
                            f"The promotion is not open to any {sg} who {L[1].vp(rng, 'sg', 'pos')}."])]
    elif shape == "not":
        elig = rng.choice([[f"This promotion is open to all {pl} of the Shop, except {pl} who {A.vp(rng, 'pl', 'pos')}."],
                           [f"This promotion is open to all {pl} of the Shop.",
                            f"{_cap(pl)} who {A.vp(rng, 'pl', 'pos')} are excluded from this promotion."]])
    else:
        elig = [f"{open_} {A.vp(rng, 'pl')}.",
                f"In addition, an eligible {sg} must either {L[1].vp(rng, 'base')} or {L[2].vp(rng, 'base')}."]
    items = [elig[0]]
    fill = rng.sample(boiler, rng.choice([2, 3, 3, 4]))
    rest = elig[1:]
    items.insert(0, fill.pop(0))
    for e in rest:
        if fill and rng.random() < 0.6:
            items.append(fill.pop(0))
        items.append(e)
    items.extend(fill)
    listing = rng.choice([f"The list of eligible {pl} shall be sent to {team} before the promotion starts.",
                          f"{team} shall be given the list of eligible {pl}.",
                          f"The Promoter's {team.replace('the ', '')} will receive a list of the eligible {pl}."])
    if fld:
        listing += f" That list shall include each eligible {sg}'s {fld}."
    items.insert(rng.randint(len(items) - 1, len(items)), listing)
    title = rng.choice([f"{ben[4:].upper()}: TERMS AND CONDITIONS", f"Terms and Conditions — {ben[4:]}",
                        f"{ben[4:]}: Promotion Terms"])
    return title + "\n" + "\n".join(f"{i + 1}. {x}" for i, x in enumerate(items))


# ---- 8. deeming provisions ("shall be deemed ... if, and only if, ...") ---------------------------------------------
_ROLES = [("a Qualifying Customer", "Qualifying Customers"), ("an Eligible Participant", "Eligible Participants"),
          ("a Relevant Account Holder", "Relevant Account Holders"), ("a Designated Recipient", "Designated Recipients")]


def _deeming(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    role, roles = rng.choice(_ROLES)
    pre = rng.choice([f"For the purposes of {ben}, ", "For the purposes of these Rules, ", ""])
    iff = rng.choice(["if, and only if,", "if and only if", "where, and only where,"])
    A = L[0]
    if shape == "leaf":
        s = f"{pre}a {sg} shall be deemed to be {role} {iff} the {sg} {A.vp(rng, 'sg')}."
    elif shape == "and":
        s = f"{pre}a {sg} shall be deemed to be {role} {iff} the {sg} {_join([x.vp(rng, 'sg') for x in L])}."
    elif shape == "or":
        s = (f"{pre}a {sg} who {A.vp(rng, 'sg')} shall be deemed to be {role}. A {sg} who {L[1].vp(rng, 'sg')} "
             f"shall likewise be deemed to be {role}. No other {sg} shall be so deemed.")
    elif shape == "and_not":
        if rng.random() < 0.5:
            s = f"{pre}a {sg} shall be deemed to be {role} {iff} the {sg} {A.vp(rng, 'sg')} and {L[1].vp(rng, 'sg')}."
        else:
            s = (f"{pre}a {sg} who {A.vp(rng, 'sg')} shall be deemed to be {role}, save that a {sg} who "
                 f"{L[1].vp(rng, 'sg', 'pos')} shall in every case be deemed not to be {role}. No other {sg} shall be "
                 f"deemed to be {role}.")
    elif shape == "not":
        s = rng.choice([f"{pre}every {sg} of the Shop shall be deemed to be {role} unless the {sg} {A.vp(rng, 'sg', 'pos')}.",
                        f"{pre}a {sg} shall be deemed to be {role} {iff} the {sg} {A.vp(rng, 'sg')}."])
    else:
        s = (f"{pre}a {sg} shall be deemed to be {role} {iff} the {sg} {A.vp(rng, 'sg')} and, further, either "
             f"{L[1].vp(rng, 'sg')} or {L[2].vp(rng, 'sg')}.")
    s = _cap(s)
    s += " " + rng.choice([f"{team} shall be given the list of every {sg} deemed to be {role}.",
                           f"A schedule of all {roles} shall be delivered to {team}.",
                           f"The register of {roles} shall be passed to {team} for the campaign."])
    if fld:
        s += f" The register shall record each {sg}'s {fld}."
    return s


# ---- 9. a procurement-style statement of requirements with IDs and an acceptance rule -------------------------------
def _procurement(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    code = rng.choice(["REQ-AUD", "AUD", "R", "SR"])
    start = rng.choice([1, 1, 10, 100])
    ids = [f"{code}-{start + i:02d}" for i in range(4)]
    header = rng.choice([f"Statement of Requirements SOR-{rng.randint(10, 99)}: audience file for {team}.",
                         f"Specification — deliverable: customer list for {ben} (recipient: {team}).",
                         f"SCHEDULE 2 — REQUIREMENTS FOR THE {ben[4:].upper()} AUDIENCE FILE"])

    def must(leaf, pol=None):
        v = leaf.vp(rng, "sg", pol)
        return rng.choice([f"Each record in the deliverable shall relate to a {sg} who {v}.",
                           f"Every {sg} included shall be one who {v}.",
                           f"A {sg} shall be included only if the {sg} {v}."])

    def exclude(leaf):
        return rng.choice([f"The deliverable shall not include any {sg} who {leaf.vp(rng, 'sg', 'pos')}.",
                           f"No record shall relate to a {sg} who {leaf.vp(rng, 'sg', 'pos')}."])

    A = L[0]
    if shape == "leaf":
        reqs = [(ids[0], "Mandatory", must(A))]
        acc = f"The deliverable shall contain every {sg} meeting {ids[0]}, and no other {sg}."
    elif shape == "and":
        reqs = [(ids[i], "Mandatory", must(x)) for i, x in enumerate(L)]
        acc = f"The deliverable shall contain every {sg} meeting all Mandatory requirements, and no other {sg}."
    elif shape == "or":
        reqs = [(ids[0], "Alternative", f"The {sg} {A.vp(rng, 'sg')}."),
                (ids[1], "Alternative", f"The {sg} {L[1].vp(rng, 'sg')}.")]
        acc = (f"The deliverable shall contain every {sg} who meets {ids[0]} or {ids[1]} (meeting either suffices), "
               f"and no {sg} who meets neither.")
    elif shape == "and_not":
        if rng.random() < 0.6:
            reqs = [(ids[0], "Mandatory", must(A)), (ids[1], "Exclusion", exclude(L[1]))]
            acc = f"The deliverable shall contain every {sg} meeting {ids[0]} who is not excluded by {ids[1]}."
        else:
            reqs = [(ids[0], "Mandatory", must(A)), (ids[1], "Mandatory", must(L[1]))]
            acc = f"The deliverable shall contain every {sg} meeting all Mandatory requirements, and no other {sg}."
    elif shape == "not":
        reqs = [(ids[0], "Exclusion", exclude(A))]
        acc = f"Subject only to {ids[0]}, every {sg} of the Shop shall be included in the deliverable."
    else:
        reqs = [(ids[0], "Mandatory", must(A)), (ids[1], "Alternative", f"The {sg} {L[1].vp(rng, 'sg')}."),
                (ids[2], "Alternative", f"The {sg} {L[2].vp(rng, 'sg')}.")]
        acc = (f"The deliverable shall contain every {sg} who meets {ids[0]} and at least one of {ids[1]} and {ids[2]}, "
               f"and no other {sg}.")
    if fld:
        reqs.append((ids[len(reqs)], "Output", f"Each record shall include the {sg}'s {fld}."))
    sep = rng.choice([": ", " — "])
    lines = [f"{i} ({p}){sep}{t}" for i, p, t in reqs]
    return header + "\n" + "\n".join(lines) + "\n" + rng.choice(["Acceptance criterion: ", "Acceptance: ", "ACCEPTANCE. "]) + acc


# ---- 10. a formal letter of instruction -----------------------------------------------------------------------------
def _letter(rng, shape, L, fld):
    sg, pl = _noun(rng)
    ben, team = _ben(rng), _team(rng)
    greet = rng.choice(["Dear Sirs,", "Dear Colleagues,", f"To: {team}\nFrom: Legal & Compliance", "Dear Marketing Operations,"])
    re = rng.choice([f"Re: {ben[4:]} — eligible {pl}", f"RE: {ben[4:].upper()} — ELIGIBILITY", f"Our ref: LC/{rng.randint(100, 999)}\nRe: {ben[4:]}"])
    opener = rng.choice(["We refer to the above matter.", "Further to the approval of the above, we write with our instructions.",
                         "We write in connection with the above.", "We refer to our recent correspondance on the above."])
    lead = rng.choice(["We hereby instruct you to compile", "You are instructed to prepare", "Please prepare",
                       "We should be grateful if you would compile"])
    A = L[0]
    note = ""
    if shape == "leaf":
        body = f"all {pl} who {A.vp(rng, 'pl')}"
    elif shape == "and":
        parts = [x.vp(rng, "pl") for x in L]
        body = f"all {pl} who " + _join([p if i == 0 else f"who {p}" for i, p in enumerate(parts)])
    elif shape == "or":
        body = (f"all {pl} falling within either of the following categories, namely (1) those who {A.vp(rng, 'pl')} "
                f"and (2) those who {L[1].vp(rng, 'pl')}")
        note = f" A {sg} within both categories should appear once."
    elif shape == "and_not":
        body = rng.choice([f"all {pl} who {A.vp(rng, 'pl')}, excepting only those who {L[1].vp(rng, 'pl', 'pos')}",
                           f"all {pl} who {A.vp(rng, 'pl')} but who {L[1].vp(rng, 'pl')}"])
    elif shape == "not":
        body = rng.choice([f"all {pl} of the Shop, excepting only those who {A.vp(rng, 'pl', 'pos')}",
                           f"all {pl} of the Shop who {A.vp(rng, 'pl')}"])
    else:
        body = f"all {pl} who {A.vp(rng, 'pl')} and who, in addition, either {L[1].vp(rng, 'pl')} or {L[2].vp(rng, 'pl')}"
    main = f"{lead} a list of {body}, being the persons eligible for {ben} under the approved terms.{note}"
    if fld:
        main += rng.choice([f" Kindly ensure that each entry shows the {sg}'s {fld}.",
                            f" The list must state each {sg}'s {fld}."])
    close = rng.choice(["Yours faithfully,\nLegal & Compliance", "Yours faithfuly,\nCompany Secretariat",
                        "Yours sincerely,\nHead of Legal", "Kind regards,\nCompliance Office"])
    after = rng.choice(["", " Please treat this matter as confidential.", " Kindly acknowledge receipt."])
    return f"{greet}\n{re}\n{opener} {main}{after}\n{close}"


_R = {"whereas_recitals": _whereas, "clause_subclauses": _clauses, "glossary_operative": _glossary,
      "proviso_chain": _proviso, "notwithstanding_override": _notwithstanding, "conditional_upon_gerunds": _gerunds,
      "promo_terms_mixed": _promo, "deeming_provision": _deeming, "procurement_requirements": _procurement,
      "instruction_letter": _letter}


def _articles(text: str) -> str:
    text = re.sub(r"(?<![(\w])([Aa]) (?=“?[aeioAEIO])", r"\1n ", text)
    return re.sub(r"(^|\. |\n|\n\d+\.\d+ |\n\d+\. )the\b", r"\1The", text)


def render(rng: random.Random, family: str, shape: str, leaves: list) -> str:
    return _articles(_R[family](rng, shape, leaves, None))


def decline(rng: random.Random, family: str, beside, what: str, field_ask: bool) -> tuple[str, str]:
    """A request that cannot be answered: a condition on, or an output column of, data the shop does not hold."""
    if field_ask:
        if rng.random() < 0.5:
            what = rng.choice(sorted(CONTACT))
            fld = rng.choice(CONTACT[what])
        else:
            fld = rng.choice(MISSING[what]["field"])
        return what, _articles(_R[family](rng, "leaf", [beside], fld))
    missing = _Missing(MISSING[what]["pos"])
    if beside is None:
        return what, _articles(_R[family](rng, "leaf", [missing], None))
    pair = [beside, missing] if rng.random() < 0.5 else [missing, beside]
    return what, _articles(_R[family](rng, "and", pair, None))

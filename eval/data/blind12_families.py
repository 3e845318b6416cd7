"""Request families of the twelfth blind marketer set: exception- and negation-heavy sentence shapes. ``render``
turns condition leaves into one request of a family; ``decline`` asks about data an online shop does not hold.
Verb phrases are written plural ("who have ..."); ``_sg`` turns them singular after "anyone", "everyone", "nobody"."""

from __future__ import annotations

import random
import re

FAMILIES = ["all_but_quantifier", "save_for_tail", "nobody_except_only", "neither_nor_correlative", "dont_pair_imperative",
            "fronted_exclusion", "exception_to_exception", "not_all_quantifier", "other_than_question", "excluding_colon_list"]

CUST = {"customers": "customer", "shoppers": "shopper", "people": "person", "clients": "client"}
SG = {"have": "has", "are": "is", "were": "was", "rate": "rates", "spend": "spends", "shop": "shops", "order": "orders",
      "earn": "earns", "own": "owns", "live": "lives", "work": "works", "drive": "drives", "hold": "holds", "follow": "follows",
      "observe": "observes"}
NEGWORDS = re.compile(r"\b(never|not|no|none|nothing|without|zero-spenders)\b")


def _sg(vp: str) -> str:
    words = vp.split(" ")
    out = []
    for i, w in enumerate(words):
        if (i == 0 or words[i - 1] in ("and", "yet", "but", "nor", "neither", "or", "also")) and w in SG:
            w = SG[w]
        out.append(w)
    return " ".join(out).replace("is past buyers whose", "is a past buyer whose").replace("is buyers with", "is a buyer with")


def _v(r, leaf, sg=False):
    vp = r.choice(leaf.vp)
    return _sg(vp) if sg else vp


def _p(r, leaf):
    """A verb phrase with no negation in it (for 'neither ... nor' and 'doesn't'), or None."""
    ok = [v for v in leaf.vp if not NEGWORDS.search(v)]
    return r.choice(ok) if ok else None


def _n(r, leaf, sg=False):
    if not leaf.neg:
        return None
    vp = r.choice(leaf.neg)
    return _sg(vp) if sg else vp


def _and(r, leaves, sg=False):
    vs = [_v(r, x, sg) for x in leaves]
    if len(vs) == 1:
        return vs[0]
    return " and ".join(vs) if len(vs) == 2 else f"{vs[0]}, {vs[1]} and also {vs[2]}"


def render(r: random.Random, fam: str, shape: str, L: list) -> str:  # noqa: PLR0911, PLR0912, PLR0915
    c = r.choice(list(CUST))
    one = CUST[c]
    a = L[0]
    if fam == "all_but_quantifier":
        if shape == "not":
            return r.choice([f"All of our {c} but those who {_v(r, a)}.", f"Give me all but the {c} who {_v(r, a)}."])
        if shape == "and_not":
            return f"Of the {c} who {_v(r, a)}, I want all but the ones who {_v(r, L[1])}."
        if shape == "leaf":
            return f"All {c} but those who {_n(r, a)}." if a.neg and r.random() < 0.6 else \
                f"All the {c} who {_v(r, a)}, and not a single one besides."
        if shape == "and":
            if len(L) == 2 and L[1].neg:
                return f"Of the {c} who {_v(r, a)}, all but the ones who {_n(r, L[1])}."
            return f"All {c} who {_and(r, L)} — every one of them, but no one else."
        if shape == "or":
            if a.neg and L[1].neg:
                return f"All {c} but those who both {_n(r, a)} and {_n(r, L[1])}."
            return f"All {c} who {_v(r, a)}, plus all who {_v(r, L[1])}; all but those two groups stay out."
        return f"Of the {c} who {_v(r, a)}, all but those who fit neither of these: they {_v(r, L[1])}; they {_v(r, L[2])}."
    if fam == "save_for_tail":
        tail = r.choice(["save for", "barring", "apart from", "with the exception of", "except for"])
        if shape == "not":
            return f"Every one of our {c}, {tail} those who {_v(r, a)}."
        if shape == "and_not":
            return f"Everyone who {_v(r, a, True)}, {tail} any who {_v(r, L[1])}."
        if shape == "leaf":
            return f"Everyone who {_v(r, a, True)}, without exception."
        if shape == "and":
            if len(L) == 2 and L[1].neg:
                return f"Everyone who {_v(r, a, True)}, {tail} those who {_n(r, L[1])}."
            return f"Everyone who {_and(r, L, True)}, without a single exception."
        if shape == "or":
            return f"Everyone who {_v(r, a, True)}, and apart from them, everyone who {_v(r, L[1], True)} as well."
        return f"Everyone who {_v(r, a, True)}, {tail} those of them who match neither of these two descriptions: {c} who {_v(r, L[1])}; {c} who {_v(r, L[2])}."
    if fam == "nobody_except_only":
        lead = r.choice(["Nobody except", "No one but", "None other than"])
        if shape == "not":
            if a.neg:
                return f"{lead} the {c} who {_n(r, a)}."
            return f"{lead} the {c} who are left once you take away everyone who {_v(r, a, True)}."
        if shape == "and_not":
            return f"{lead} the {c} who {_v(r, a)} — and even among them, nobody who {_v(r, L[1], True)}."
        if shape == "leaf":
            return f"{lead} the {c} who {_v(r, a)}, please."
        if shape == "and":
            return f"{lead} the {c} who {_and(r, L)}."
        if shape == "or":
            return f"{lead} two kinds of {c}: those who {_v(r, a)}, and those who {_v(r, L[1])}."
        return f"{lead} the {c} who {_v(r, a)} and who, on top of that, either {_v(r, L[1])} or {_v(r, L[2])}."
    if fam == "neither_nor_correlative":
        if shape == "or":
            pa, pb = _p(r, a), _p(r, L[1])
            if pa and pb:
                return f"Everyone except the {c} who neither {pa} nor {pb}."
            return f"The {c} who {_v(r, a)}, and the {c} who {_v(r, L[1])} — neither group may be left out."
        if shape == "not":
            return f"None of the {c} who {_v(r, a)}; everyone else, yes."
        if shape == "and_not":
            return f"The {c} who {_v(r, a)}, but neither those among them who {_v(r, L[1])} nor anybody else."
        if shape == "leaf":
            return f"Exactly the {c} who {_v(r, a)} — neither more nor fewer."
        if shape == "and":
            return f"The {c} who {_and(r, L)}; neither condition alone is enough." if len(L) == 2 else \
                f"The {c} who {_and(r, L)}; none of the three conditions is enough on its own."
        pb, pc = _p(r, L[1]), _p(r, L[2])
        if pb and pc:
            return f"The {c} who {_v(r, a)}, minus any of them who neither {pb} nor {pc}."
        return f"The {c} who {_v(r, a)}, though none of them unless they {_v(r, L[1])} or {_v(r, L[2])}."
    if fam == "dont_pair_imperative":
        if shape == "not":
            return f"Don't include anyone who {_v(r, a, True)}, and don't leave out anyone else."
        if shape == "and_not":
            return f"Don't leave out anyone who {_v(r, a, True)} — unless they {_v(r, L[1])}, in which case don't include them."
        if shape == "leaf":
            return f"Don't leave out anyone who {_v(r, a, True)}, and don't put in anyone who doesn't fit that."
        if shape == "and":
            return f"Don't leave out anyone who {_and(r, L, True)}, and don't add anyone who misses any part of that."
        if shape == "or":
            return f"Don't leave out anyone who {_v(r, a, True)}, nor anyone who {_v(r, L[1], True)}; don't add anyone else."
        return f"Don't leave out any of the {c} who {_v(r, a)} and also either {_v(r, L[1])} or {_v(r, L[2])}; don't add anyone else."
    if fam == "fronted_exclusion":
        lead = r.choice(["Excluding", "Leaving aside", "Setting aside", "Not counting"])
        nolead = r.choice(["Excluding", "Leaving aside"])
        if shape == "not":
            return f"{lead} anyone who {_v(r, a, True)}: all of our {c}."
        if shape == "and_not":
            return f"{lead} anyone who {_v(r, L[1], True)}: every {one} who {_v(r, a, True)}."
        if shape == "leaf":
            return f"{lead} anyone who {_n(r, a, True)}: all our {c}." if a.neg and r.random() < 0.6 else \
                f"{nolead} nobody: every one of the {c} who {_v(r, a)}."
        if shape == "and":
            if len(L) == 2 and L[1].neg:
                return f"{lead} anyone who {_n(r, L[1], True)}: the {c} who {_v(r, a)}."
            return f"{nolead} nobody who qualifies: the {c} who {_and(r, L)}."
        if shape == "or":
            if a.neg and L[1].neg:
                return f"{lead} anyone who {_n(r, a, True)} and also {_n(r, L[1], True)}: all our {c}."
            return f"{nolead} no one from either group: the {c} who {_v(r, a)}, together with the {c} who {_v(r, L[1])}."
        pb, pc = _p(r, L[1]), _p(r, L[2])
        if pb and pc:
            return f"{lead} anyone who neither {_sg(pb)} nor {_sg(pc)}: the {c} who {_v(r, a)}."
        return f"{nolead} nobody who qualifies: the {c} who {_v(r, a)} and who also either {_v(r, L[1])} or {_v(r, L[2])}."
    if fam == "exception_to_exception":
        if shape == "not":
            return f"Include every {one}, with one exception: those who {_v(r, a)}."
        if shape == "and_not":
            return f"Exclude everyone except the {c} who {_v(r, a)}; then exclude, from those, anyone who {_v(r, L[1], True)}."
        if shape == "leaf":
            return f"Exclude every {one} except the ones who {_v(r, a)}."
        if shape == "and":
            return f"Take the {c} who {_v(r, a)}, then drop all of them except those who {_and(r, L[1:])}."
        if shape == "or":
            return f"Exclude everyone except the {c} who {_v(r, a)} — and make a second exception for the {c} who {_v(r, L[1])}."
        return f"Take the {c} who {_v(r, a)}, then drop every one of them except those who {_v(r, L[1])} and those who {_v(r, L[2])}."
    if fam == "not_all_quantifier":
        if shape == "not":
            return f"Not one {one} who {_v(r, a, True)} — every other {one}, though."
        if shape == "and_not":
            return f"Of the {c} who {_v(r, a)}, not one who {_v(r, L[1], True)} should be on the list."
        if shape == "leaf":
            return f"Not all our {c} — only the ones who {_v(r, a)}."
        if shape == "and":
            return f"Not all the {c} who {_v(r, a)}: only those of them who {_and(r, L[1:])}."
        if shape == "or":
            return f"Not all our {c}, just two groups: the ones who {_v(r, a)} and the ones who {_v(r, L[1])}."
        return f"Not all of the {c} who {_v(r, a)}; only those of them who {_v(r, L[1])}, plus those of them who {_v(r, L[2])}."
    if fam == "other_than_question":
        if shape == "not":
            return f"Which of our {c} are there other than the ones who {_v(r, a)}?"
        if shape == "and_not":
            return f"Other than any who {_v(r, L[1])}, which {c} {_v(r, a)}?"
        if shape == "leaf":
            return f"Which {c} {_v(r, a)}? Leave nobody out."
        if shape == "and":
            if len(L) == 2 and L[1].neg:
                return f"Which {c} {_v(r, a)}, other than the ones who {_n(r, L[1])}?"
            return f"Which {c} {_and(r, L)}?"
        if shape == "or":
            return f"Which {c} {_v(r, a)}, and which others, besides those, {_v(r, L[1])}? I want both lots together."
        return f"Which {c} {_v(r, a)} and, beyond that, either {_v(r, L[1])} or {_v(r, L[2])}?"
    # excluding_colon_list
    if shape == "not":
        return f"Included: all {c}. Excluded: {c} who {_v(r, a)}."
    if shape == "and_not":
        return f"Included: {c} who {_v(r, a)}. Excluded: {c} who {_v(r, L[1])}."
    if shape == "leaf":
        return f"Included: {c} who {_v(r, a)}. Excluded: everyone else."
    if shape == "and":
        if len(L) == 2 and L[1].neg:
            return f"Included: {c} who {_v(r, a)}. Excluded: any of them who {_n(r, L[1])}."
        return f"Included: {c} who {_and(r, L)}. Excluded: everyone else."
    if shape == "or":
        return f"Included: {c} who {_v(r, a)}; also {c} who {_v(r, L[1])}. Excluded: everyone else."
    pb, pc = _p(r, L[1]), _p(r, L[2])
    if pb and pc:
        return f"Included: {c} who {_v(r, a)}. Excluded: any of them who neither {pb} nor {pc}."
    return f"Included: {c} who {_v(r, a)} and who also either {_v(r, L[1])} or {_v(r, L[2])}. Excluded: everyone else."


def decline(r: random.Random, fam: str, beside, what: tuple, field_ask: bool) -> tuple[str, str]:
    key, vp, noun = what
    c = r.choice(list(CUST))
    if beside is None:
        q = r.choice([f"All our {c} except those who {vp}.", f"Nobody but the {c} who {vp}.",
                      f"Excluding anyone who {_sg(vp)}: every {CUST[c]} we have."])
        return key, q
    if field_ask:
        return key, f"Everyone who {_v(r, beside, True)} — and not one of them without their {noun} listed next to their name."
    q = r.choice([f"Everyone who {_v(r, beside, True)}, apart from those who {vp}.",
                  f"Nobody except the {c} who {_v(r, beside)} and who {vp}."])
    return key, q

"""Eighteenth blind set: the last five families' renderers (conditions upon gerunds, promotion terms, deeming
provisions, procurement requirements, an instruction letter)."""

from __future__ import annotations

import random
import re

from blind18_leaves import conj
from blind18_words import BENEFIT, CONTACT, MISSING, TEAM
from blind18_documents import (_noun, _join, _cap, _team, _ben, _whereas, _clauses, _TERMS, _glossary, _proviso, _notwithstanding)  # noqa: F401


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

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
from blind18_documents import (_noun, _join, _cap, _team, _ben, _whereas, _clauses, _TERMS, _glossary, _proviso, _notwithstanding)  # noqa: F401
from blind18_instruments import (_gerunds, _promo, _ROLES, _deeming, _procurement, _letter)  # noqa: F401

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

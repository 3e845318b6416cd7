"""How likely a complete reading of a marketer's question is to be wrong, from the shape of the reading and of
the reading's work, learnt from readings whose answers are known.

Every clause of a reading may be read surely and the whole still be wrong: a "not" or an "or" joined to the
wrong clause, a word that mattered passed as filler. The signs of that are in how the reading was made (how
many words passed as filler, how many joins and negations the structure had to place, whether the phrase rules
read the question the same way) and in its shape (conditions, nesting, or-groups). A logistic regression over
these signs, fitted by ``eval/fit_doubt.py`` on question sets with known audiences (never on the set it is
later measured on), gives ``p_wrong``; ``answer_audience`` asks back above ``audience_doubt_ask_at``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from agent.reader import regex as rx
from retrieval.audience.query import AudienceQuery, Condition

ARTEFACT = Path(__file__).with_name("doubt_model.json")

_STRUCTURE_NOT = {"not", "except", "excluding", "excluding:", "exclude"}
_OR = {"or", "either", "anyof"}

FEATURES = ("leaves", "or_groups", "negations", "depth", "mixed_joins", "passed_words", "passed_share", "gap_negations",
            "gap_ors", "least_sure", "rules_same", "rules_other", "rules_partial", "log_words", "words_per_leaf", "sentences",
            "lines", "numbers", "numbers_unused", "ratings", "times", "measures", "actions", "countries", "labels",
            "below", "long_ago")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                 "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                 "sixty": 60, "ninety": 90, "hundred": 100, "dozen": 12}
_UNITS = (1, 7, 30, 31, 365, 12, 52)  # a number said in weeks, months or years is read as days (and back)


def gap_evidence(tokens: list[str], passed: list[str]) -> dict[str, float]:
    """What the structure of a reading rests on: the words between its conditions (``tokens``, conditions as
    ``§i§`` markers) that place negations and or-groups, and the words that passed as filler (``passed``)."""
    gaps = [t for t in tokens if not rx.fullmatch(r"§\d+§", t)]
    return {"passed_words": float(len(passed)), "gap_negations": float(sum(t in _STRUCTURE_NOT for t in gaps)),
            "gap_ors": float(sum(t in _OR for t in gaps))}


def _numbers_said(question: str) -> list[float]:
    """The numbers of a question other than 0 and 1 (which a reading often holds implicitly: "ever", "any")."""
    text = rx.sub(r"\b\d{4}-\d{2}-\d{2}\b", " ", question.lower()).replace(",", "")
    found = [float(x) for x in rx.findall(r"(?<![\w.])\d+(?:\.\d+)?(?!\w)", text)]
    found += [float(_NUMBER_WORDS[w]) for w in rx.findall(r"[a-z]+", text) if w in _NUMBER_WORDS]
    return [x for x in found if x not in (0.0, 1.0)]


def _numbers_read(node: Condition | None) -> list[float]:
    out: list[float] = []
    for leaf in _leaves(node):
        out += [float(v) for key in ("value", "days", "within_days", "top") if isinstance(v := getattr(leaf, key, None), (int, float))]
        if (day := getattr(leaf, "day", None)) is not None:
            out += [float(day.day), float(day.month), float(day.year), float(day.year % 100)]
    return out


def _unused(said: list[float], read: list[float]) -> int:
    """Numbers of the question that no value of the reading accounts for, in any unit of time."""
    return sum(not any(abs(v - n * u) <= max(1.0, 0.02 * v) or abs(v / u - n) < 0.6 for v in read for u in _UNITS) for n in said)


def _leaves(node: Condition | None) -> list[Condition]:
    if node is None:
        return []
    if node.kind in ("all", "any"):
        return [x for c in node.conditions for x in _leaves(c)]  # type: ignore[union-attr]
    if node.kind == "not":
        return _leaves(node.condition)  # type: ignore[union-attr]
    return [node]


def _shape(node: Condition | None, depth: int = 0) -> tuple[int, int, int, int, bool, bool]:
    """(leaves, or-groups, negations, depth, has and, has or) of a condition tree."""
    if node is None:
        return 0, 0, 0, depth, False, False
    kind = node.kind
    if kind in ("all", "any"):
        parts = [_shape(c, depth + 1) for c in node.conditions]  # type: ignore[union-attr]
        return (sum(p[0] for p in parts), sum(p[1] for p in parts) + (kind == "any"), sum(p[2] for p in parts),
                max(p[3] for p in parts), kind == "all" or any(p[4] for p in parts), kind == "any" or any(p[5] for p in parts))
    if kind == "not":
        leaves, ors, nots, deep, has_and, has_or = _shape(node.condition, depth + 1)  # type: ignore[union-attr]
        return leaves, ors, nots + 1, deep, has_and, has_or
    several = kind == "country" and len(node.countries) > 1  # type: ignore[union-attr]
    return 1, int(several), 0, depth, False, several


def features(question: str, query: AudienceQuery, evidence: dict[str, float]) -> dict[str, float]:
    """The signs ``DoubtModel`` weighs, by name."""
    leaves, ors, nots, depth, has_and, has_or = _shape(query.condition)
    words = question.split()
    kinds = [leaf.kind for leaf in _leaves(query.condition)]
    passed = evidence.get("passed_words", 0.0)
    return {
        "leaves": float(leaves), "or_groups": float(ors), "negations": float(nots), "depth": float(depth),
        "mixed_joins": float(has_and and has_or), "passed_words": passed, "passed_share": passed / max(1, len(words)),
        "words_per_leaf": len(words) / max(1, leaves), "lines": float(question.count("\n")),
        "numbers_unused": float(_unused(_numbers_said(question), _numbers_read(query.condition))),
        "ratings": float(kinds.count("rating")), "times": float(kinds.count("when")), "measures": float(kinds.count("measure")),
        "actions": float(kinds.count("did")), "countries": float(kinds.count("country")),
        "labels": float(kinds.count("label") + kinds.count("likely") + kinds.count("support_intent")),
        "below": float(sum(getattr(leaf, "op", "") in ("<", "<=") for leaf in _leaves(query.condition))),
        "long_ago": float(sum(getattr(leaf, "relation", "") in ("more_than_days_ago", "before") for leaf in _leaves(query.condition))),
        "gap_negations": evidence.get("gap_negations", 0.0),
        "gap_ors": evidence.get("gap_ors", 0.0), "least_sure": evidence.get("least_sure", 1.0),
        "rules_same": evidence.get("rules_same", 0.0), "rules_other": evidence.get("rules_other", 0.0),
        "rules_partial": evidence.get("rules_partial", 0.0),
        "log_words": math.log1p(len(words)), "sentences": float(len(rx.findall(r"[.!?;:\n](?:\s|$)", question))),
        "numbers": float(len(rx.findall(r"\d+(?:\.\d+)?", question))),
    }


@dataclass(frozen=True)
class DoubtModel:
    """A fitted logistic regression: standardised features, coefficients, intercept."""

    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    def p_wrong(self, signs: dict[str, float]) -> float:
        z = self.intercept + sum(c * (signs.get(n, 0.0) - m) / s for n, m, s, c in zip(self.names, self.mean, self.scale, self.coef))
        return 1.0 / (1.0 + math.exp(-z))

    def to_json(self) -> dict[str, object]:
        return {"names": list(self.names), "mean": list(self.mean), "scale": list(self.scale), "coef": list(self.coef),
                "intercept": self.intercept}

    @classmethod
    def from_json(cls, data: dict) -> DoubtModel:  # type: ignore[type-arg]
        return cls(tuple(data["names"]), tuple(data["mean"]), tuple(data["scale"]), tuple(data["coef"]), float(data["intercept"]))


@lru_cache(maxsize=1)
def doubt_model(path: Path = ARTEFACT) -> DoubtModel | None:
    """The shipped model (``None`` before one was fitted: no reading is doubted then)."""
    if not path.exists():
        return None
    return DoubtModel.from_json(json.loads(path.read_text(encoding="utf-8"))["model"])

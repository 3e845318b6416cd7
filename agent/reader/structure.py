"""What shape the audience of a question should have, learnt from questions whose audiences are known, and how
far a reading's shape is from it.

Most confidently wrong readings have the wrong *shape*, not a wrong name: an exclusion read as "and", "also add
… whether or not" read as "and", a budget in an aside read as a spend condition, a clause about data the shop
does not hold dropped. A second, independent look at the whole question catches much of that: logistic heads
over the delexicalised question's sentence vector (all-MiniLM-L6-v2) and word features predict whether the
audience has a negation, an "or", two or three conditions, and which families of fact (bought, returns,
country, spend, …) it names. ``gaps`` compares those predictions with the reading; a stacked logistic regression
(``StructureCheck``) turns the doubt model's probability and the gaps into a new probability that the reading is
wrong, never below the doubt model's own. Both are fitted by ``eval/fit_structure.py``: the heads on labelled
question sets (plus short compositions of the clause corpus and our own right readings), the stack on first
readings of sets the reader had never seen, with each set's predictions made by heads fitted without it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from agent.reader import regex as rx
from agent.reader.frames import Words
from agent.reader.names import NameFinder
from retrieval.audience.query import AllOf, Condition

ARTEFACT = Path(__file__).with_name("structure_model.npz")

# The question sets' condition kinds (eval/data/blind2_check.py) by family of fact.
GOLD_FAMILY = {
    "country": "country", "country_not": "country", "bought_category": "bought", "bought_category_within": "bought",
    "bought_brand": "bought", "bought_brand_within": "bought", "bought_product": "bought",
    "last_purchase_within": "last_purchase", "last_purchase_more": "last_purchase", "last_seen_within": "last_seen",
    "first_seen": "first_seen", "orders": "orders", "aov": "aov", "net_spend_over": "spend", "net_spend_under": "spend",
    "returns_count": "returns", "returned": "returns", "reviews_count": "reviews", "reviewed": "reviews",
    "support_count": "support", "rating_min": "rating", "rating_max": "rating", "rating_average": "rating",
    "rating_latest": "rating", "viewed_not_bought": "viewed",
}
FAMILIES = tuple(sorted(set(GOLD_FAMILY.values())))
LABELS = ("not", "or", "two_plus", "three_plus") + tuple(f"fam_{f}" for f in FAMILIES)
GAPS = ("miss", "extra", "max_miss", "max_extra", "not_gap", "or_gap", "leaves_gap")
_FAMILY_WORDS = {"aov": "average order value", "bought": "buying a named category, brand or product", "country": "country",
                 "first_seen": "when they were first seen", "last_purchase": "when they last bought", "last_seen": "when they were last seen",
                 "orders": "number of orders", "rating": "review ratings", "returns": "returns", "reviews": "reviews",
                 "spend": "spend", "support": "support messages", "viewed": "viewing without buying"}


# The clause corpus's frames (agent.reader.clauses) by family of fact; the others (labels, "likely") are not shaped here.
_FRAME_FAMILY = {"bought": "bought", "browsed_without_buying": "viewed", "returned": "returns", "returns": "returns",
                 "reviewed": "reviews", "reviews": "reviews", "orders": "orders", "net_spend": "spend", "avg_order_value": "aov",
                 "support_messages": "support", "last_purchase_within": "last_purchase", "last_purchase_ago": "last_purchase",
                 "first_seen": "first_seen", "last_seen": "last_seen", "rating": "rating", "country": "country"}
_LEADS = ("customers who {}", "people who {}", "shoppers that {}", "everyone who {}", "give me customers who {}",
          "which customers {}", "list all users who {}", "can you pull people who {} please", "{}", "customers that {} for the newsletter")
_JOINS = {"and": (" and ", ", ", " and also ", " who also ", " and who "), "or": (" or ", " or those who ", ", or ", " or else "),
          "and_not": (" but not those who ", ", excluding anyone who ", " and not those who ", ", minus people who ")}


def compositions(seed: int = 11, size: int = 3000) -> list[tuple[str, dict[str, float]]]:
    """Short plain questions composed from the clause corpus (one to three clauses joined by and / or / but not),
    with their shapes: the plain wording the blind writers' long messages rarely hold."""
    import random

    from agent.reader.clauses import NEGATION, generate

    rng = random.Random(seed)
    by_frame: dict[str, list[str]] = {}
    for text, frame, _ in generate(seed):
        if frame in _FRAME_FAMILY:
            by_frame.setdefault(frame, []).append(rx.sub(r"^(?:(?:who|those that|people who|customers that|any shopper who)\s+)+", "", text))
    frames = sorted(by_frame)
    out = []
    for _ in range(size):
        shape = rng.choice(("leaf", "and", "and3", "or", "and_not", "and_or"))
        count = {"leaf": 1, "and": 2, "or": 2, "and_not": 2, "and3": 3, "and_or": 3}[shape]
        picked = rng.sample(frames, count)
        clauses = [rng.choice(by_frame[frame]) for frame in picked]
        if shape == "leaf":
            body = clauses[0]
        elif shape == "and3":
            body = f"{clauses[0]}, {clauses[1]} and {clauses[2]}"
        elif shape == "and_or":
            body = f"{clauses[0]} and either {clauses[1]} or {clauses[2]}"
        else:
            body = rng.choice(_JOINS[shape]).join(clauses)
        shape_of = {label: 0.0 for label in LABELS}
        shape_of["not"] = float(shape == "and_not" or any(NEGATION.search(c) for c in clauses))
        shape_of["or"] = float(shape in ("or", "and_or"))
        shape_of["two_plus"], shape_of["three_plus"] = float(count >= 2), float(count >= 3)
        for frame in picked:
            shape_of[f"fam_{_FRAME_FAMILY[frame]}"] = 1.0
        text = rx.sub(r"\b(?:who|that)\s+(?=(?:who|whose|with|that)\b)", "", rng.choice(_LEADS).format(body))
        out.append((" ".join(text.split()), shape_of))
    return out


def delexicalise(question: str, names: NameFinder) -> str:
    """The lower-cased question with each of the shop's names replaced by its kind ("category", "brand", …)."""
    text = question.lower()
    for name in reversed(names.find(text, original=question)[0]):
        text = f"{text[:name.start]}{name.kind}{text[name.end:]}"
    return text


def gold_shape(conditions: dict) -> dict[str, float]:  # type: ignore[type-arg]
    """The shape of a question set's ``conditions`` tree ({"op": and|or|not, "args": […]} or a leaf {"kind": …})."""
    shape = {label: 0.0 for label in LABELS}
    leaves = 0

    def walk(node: dict) -> None:  # type: ignore[type-arg]
        nonlocal leaves
        if "args" in node:
            shape["not"] = max(shape["not"], float(node.get("op") == "not"))
            shape["or"] = max(shape["or"], float(node.get("op") == "or"))
            for arg in node["args"]:
                walk(arg)
            return
        leaves += 1
        shape["not"] = max(shape["not"], float(node.get("kind") == "country_not"))
        if (family := GOLD_FAMILY.get(str(node.get("kind")))) is not None:
            shape[f"fam_{family}"] = 1.0

    if conditions.get("op") == "and":  # "buyers who …": an order at any time beside other conditions is implied, not asked
        kept = [arg for arg in conditions["args"] if not _gold_implied(arg)]
        conditions = (kept[0] if len(kept) == 1 else {"op": "and", "args": kept}) if kept else conditions
    walk(conditions)
    shape["two_plus"], shape["three_plus"] = float(leaves >= 2), float(leaves >= 3)
    return shape


def _gold_implied(node: dict) -> bool:  # type: ignore[type-arg]
    return node.get("kind") == "orders" and (node.get("op"), node.get("value")) in (("ge", 1), ("gt", 0))


def _implied(node: Condition) -> bool:
    """At least one order at any time: what "buyers" adds to other conditions."""
    if node.kind == "measure":
        return node.measure == "orders" and (node.op, node.value) in ((">=", 1), (">", 0))  # type: ignore[union-attr]
    return node.kind == "did" and node.action == "bought" and node.target is None and node.within_days is None and node.since is None  # type: ignore[union-attr]


def _family(leaf: Condition) -> str | None:
    kind = leaf.kind
    if kind == "country":
        return "country"
    if kind == "did":
        return {"bought": "bought" if leaf.target is not None else "orders", "browsed_without_buying": "viewed",  # type: ignore[union-attr]
                "returned": "returns", "reviewed": "reviews"}[leaf.action]  # type: ignore[union-attr]
    if kind == "measure":
        return {"orders": "orders", "net_spend": "spend", "avg_order_value": "aov", "returns": "returns", "reviews": "reviews",
                "support_messages": "support"}[leaf.measure]  # type: ignore[union-attr]
    if kind == "when":
        return leaf.event  # type: ignore[union-attr]
    return "rating" if kind == "rating" else None


def reading_shape(condition: Condition | None) -> dict[str, float]:
    """The same shape of a reading's condition tree."""
    shape = {label: 0.0 for label in LABELS}
    leaves = 0

    def walk(node: Condition) -> None:
        nonlocal leaves
        if node.kind in ("all", "any"):
            shape["or"] = max(shape["or"], float(node.kind == "any"))
            for child in node.conditions:  # type: ignore[union-attr]
                walk(child)
            return
        if node.kind == "not":
            shape["not"] = 1.0
            walk(node.condition)  # type: ignore[union-attr]
            return
        leaves += 1
        if node.kind == "country" and len(node.countries) > 1:  # type: ignore[union-attr]
            shape["or"] = 1.0
        if (family := _family(node)) is not None:
            shape[f"fam_{family}"] = 1.0

    if condition is not None and condition.kind == "all":  # "buyers who …": the implied order is not part of the shape
        kept = [child for child in condition.conditions if not _implied(child)]  # type: ignore[union-attr]
        if kept:
            condition = kept[0] if len(kept) == 1 else AllOf(conditions=kept)
    if condition is not None:
        walk(condition)
    shape["two_plus"], shape["three_plus"] = float(leaves >= 2), float(leaves >= 3)
    return shape


def gaps(predicted: dict[str, float], read: dict[str, float]) -> dict[str, float]:
    """How far a reading's shape is from the predicted one: families predicted but not read (``miss``), read but not
    predicted (``extra``), the negation, the "or" and the number of conditions."""
    families = [label for label in LABELS if label.startswith("fam_")]
    miss = [predicted[f] * (1 - read[f]) for f in families]
    extra = [(1 - predicted[f]) * read[f] for f in families]
    expected_leaves = 1 + predicted["two_plus"] + predicted["three_plus"]
    read_leaves = 1 + read["two_plus"] + read["three_plus"]
    return {"miss": sum(miss), "extra": sum(extra), "max_miss": max(miss), "max_extra": max(extra),
            "not_gap": abs(predicted["not"] - read["not"]), "or_gap": abs(predicted["or"] - read["or"]),
            "leaves_gap": abs(expected_leaves - read_leaves)}


def worst_gap(predicted: dict[str, float], read: dict[str, float]) -> str:
    """The gap most likely to be a misreading, in words, for the question back."""
    families = [label for label in LABELS if label.startswith("fam_")]
    missed = max(families, key=lambda f: predicted[f] * (1 - read[f]))
    added = max(families, key=lambda f: (1 - predicted[f]) * read[f])
    candidates = [
        (predicted[missed] * (1 - read[missed]), f"the question seems to say something about {_FAMILY_WORDS[missed[4:]]} that the reading leaves out"),
        ((1 - predicted[added]) * read[added], f"the reading has a condition on {_FAMILY_WORDS[added[4:]]} the question may not ask for"),
        (abs(predicted["not"] - read["not"]), "the question seems to exclude someone" if read["not"] == 0 else "the reading excludes customers the question may not exclude"),
        (abs(predicted["or"] - read["or"]), "the question seems to join two groups with 'or'" if read["or"] == 0 else "the reading joins with 'or' where the question may mean 'and'"),
    ]
    return max(candidates)[1]


@dataclass
class StructureModel:
    """Logistic heads, one per label of ``LABELS``, over [sentence vector, word features]."""

    words: Words
    weights: np.ndarray  # (features, labels)
    bias: np.ndarray  # (labels,)
    check: StructureCheck

    def predict(self, texts: list[str], vectors: np.ndarray) -> list[dict[str, float]]:
        x = np.hstack([np.asarray(vectors, dtype=np.float32), self.words.features(texts)])
        p = 1.0 / (1.0 + np.exp(-(x @ self.weights + self.bias)))
        return [dict(zip(LABELS, row.tolist())) for row in p]

    def save(self, path: Path) -> None:
        np.savez_compressed(path, words=np.array(self.words.vocabulary), weights=self.weights, bias=self.bias,
                            check_names=np.array(self.check.names), check_coef=np.array(self.check.coef),
                            check_intercept=np.array(self.check.intercept), labels=np.array(LABELS))

    @classmethod
    def load(cls, path: Path) -> StructureModel:
        data = np.load(path)
        if tuple(str(x) for x in data["labels"]) != LABELS:
            raise ValueError(f"{path} was fitted for other labels; refit it with eval/fit_structure.py")
        check = StructureCheck(tuple(str(x) for x in data["check_names"]), tuple(float(x) for x in data["check_coef"]),
                               float(data["check_intercept"]))
        return cls(Words([str(x) for x in data["words"]]), data["weights"], data["bias"], check)


@dataclass(frozen=True)
class StructureCheck:
    """The stack: the doubt model's log-odds and the shape gaps, to a probability that the reading is wrong."""

    names: tuple[str, ...]  # "doubt_logit" and GAPS
    coef: tuple[float, ...]
    intercept: float

    def p_wrong(self, doubt: float, shape_gaps: dict[str, float]) -> float:
        doubt = min(max(doubt, 1e-6), 1 - 1e-6)
        values = {"doubt_logit": math.log(doubt / (1 - doubt))} | shape_gaps
        z = self.intercept + sum(c * values[n] for n, c in zip(self.names, self.coef))
        return 1.0 / (1.0 + math.exp(-z))

    def combined(self, doubt: float, shape_gaps: dict[str, float]) -> float:
        """The stack's probability, never below the doubt model's own: the stack was fitted where the doubt model
        rarely doubted, so it adds the shape's evidence and does not overrule a strong doubt."""
        return max(doubt, self.p_wrong(doubt, shape_gaps))


@lru_cache(maxsize=1)
def structure_model(path: Path = ARTEFACT) -> StructureModel | None:
    """The shipped model (``None`` before one was fitted: the doubt model then judges alone)."""
    return StructureModel.load(path) if path.exists() else None

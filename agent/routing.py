"""Routing a staff question to one kind of answer (and so to a tool): rules, then embeddings, or the
model itself under a JSON schema that vLLM's guided decoding enforces.

The exemplars describe each kind in general words; a question is matched to the nearest exemplar.
Questions about data no profile holds (contact details, personal data, anything outside the shop)
are routed to ``decline``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import numpy as np
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from encoders.embedder import Embedder

EXEMPLARS: dict[str, tuple[str, ...]] = {
    "orders": ("How many orders has this customer placed?", "How often has the customer ordered from us?", "number of orders"),
    "net_spend": ("How much has this customer spent in total?", "What is the customer's net spend?", "total amount of money spent"),
    "country": ("Which country is the customer from?", "Where does this customer live?", "country of their orders"),
    "last_purchase_date": ("When did the customer last buy something?", "date of the last purchase", "When was their most recent order?"),
    "last_product": ("What did the customer buy last?", "Which product did they purchase most recently?", "title of the last item bought"),
    "returns": ("How many items has the customer returned?", "Has the customer sent anything back?", "number of returns"),
    "latest_review": ("What rating did the customer give in the latest review?", "How many stars was their last review?", "latest review score"),
    "support": ("How many times did the customer contact support?", "What was their last customer-service message about?", "support tickets and complaints"),
    "top_category": ("Which category does the customer buy most?", "most purchased product category", "What kind of products do they buy the most?"),
    "last_search": ("What did the customer search for last?", "latest search query on the site", "What were they looking for in the search box?"),
    "suggestions": ("What products should we recommend to this customer?", "Suggest something they might like to buy", "recommendations for this customer"),
    "similar": ("Which customers are similar to this one?", "Find shoppers like this customer", "customers with the same taste"),
    "overview": ("Tell me about this customer.", "Summarize this customer.", "What kind of shopper is this?"),
    "stage": ("Is this customer active or lapsed?", "What lifecycle stage is the customer in?", "Is the customer at risk of churning?"),
    "likes": ("What does this customer like?", "Which categories does the customer like?", "Which categories and brands are they interested in?", "What are their favourite brands?"),
    "segment": ("Which customer segment is this customer in?", "Is this a high or low spender?", "spend band and segment"),
    "decline": (
        "What is the customer's phone number?", "What is their email address?", "What is her home address?",
        "What will the weather be tomorrow?", "How old is this customer?", "What is his date of birth?",
        "What is the customer's salary?", "Who won the football match yesterday?", "What is the stock price today?",
        "What is their password or credit card number?", "What is the capital of France?",
    ),
}
KINDS = tuple(EXEMPLARS)

# Data no shopper profile holds: a question asking for it is declined whatever else it mentions.
_PERSONAL = re.compile(
    r"\b(phone|telephone|mobile number|e-?mail|home address|postal address|street|address|password|credit card|card number|"
    r"birthday|date of birth|born|age|how old|salary|income|religion|weather|forecast|stock price|social security)\b",
    re.IGNORECASE,
)
_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("suggestions", re.compile(r"\b(recommend|suggest|suggestions?|upsell|cross-sell)", re.I)),
    ("similar", re.compile(r"\b(similar|alike|look-?alike|like (him|her|them|this (one|customer|shopper)))\b", re.I)),
    ("returns", re.compile(r"\b(return(s|ed)?|sent back|send back|refunded items?)\b", re.I)),
    ("latest_review", re.compile(r"\b(review(s|ed)?|rating|rated|stars?)\b", re.I)),
    ("last_search", re.compile(r"\b(search(ed|es)?|looked up|search box|query)\b", re.I)),
    ("support", re.compile(r"\b(support|customer[- ]service|contact(ed)? us|tickets?|messages?|complain(ed|ts?)?|help desk)\b", re.I)),
    ("top_category", re.compile(r"\b(most|top|main)\b.*\bcategor(y|ies)\b|\bcategor(y|ies)\b.*\b(most|bought|purchased|buys?)\b", re.I)),
    ("country", re.compile(r"\b(country|nation|where .*\b(live|based|from|located)|which .*\bfrom)\b", re.I)),
    ("net_spend", re.compile(r"\b(spen[dt]|spending|money|revenue|lifetime value|paid in total)\b", re.I)),
)


@dataclass(frozen=True)
class Route:
    kind: str
    score: float
    by: str  # rule | embeddings | model | personal-data rule


class Router:
    """Rules first (personal data is declined, a clear keyword picks its kind), then the nearest
    exemplar by embedding; below ``min_similarity`` the question is declined as outside the data."""

    def __init__(self, embedder: Embedder, min_similarity: float) -> None:
        self.embedder = embedder
        self.min_similarity = min_similarity
        self._labels = [k for k, texts in EXEMPLARS.items() for _ in texts]
        self._vectors: np.ndarray | None = None

    def _scores(self, question: str) -> dict[str, float]:
        if self._vectors is None:
            self._vectors = self.embedder.encode([t for texts in EXEMPLARS.values() for t in texts], show_progress=False)
        similarity = self._vectors @ self.embedder.encode_one(question)
        best: dict[str, float] = {}
        for label, score in zip(self._labels, similarity):
            best[label] = max(best.get(label, -1.0), float(score))
        return best

    def route(self, question: str) -> Route:
        if _PERSONAL.search(question):
            return Route("decline", 1.0, "personal-data rule")
        scores = self._scores(question)
        ruled = [kind for kind, pattern in _RULES if pattern.search(question)]
        if len(ruled) == 1:
            return Route(ruled[0], scores[ruled[0]], "rule")
        candidates = ruled or [k for k in KINDS]
        kind = max(candidates, key=lambda k: scores[k])
        if not ruled and (kind == "decline" or scores[kind] < self.min_similarity):
            return Route("decline", scores[kind], "embeddings")
        return Route(kind, scores[kind], "rule+embeddings" if ruled else "embeddings")


ROUTE_SCHEMA = {
    "type": "object",
    "properties": {"kind": {"type": "string", "enum": list(KINDS)}},
    "required": ["kind"],
    "additionalProperties": False,
}


def route_with_model(model: BaseChatModel, question: str) -> Route | None:
    """Ask a served model to pick the kind; vLLM's guided decoding keeps it inside the enum. None
    when the reply cannot be used (the caller falls back to the rules and embeddings)."""
    kinds = ", ".join(f"{k} (e.g. {EXEMPLARS[k][0]!r})" for k in KINDS)
    messages = [
        SystemMessage(f"Classify the staff question about one customer into one kind: {kinds}. Answer as JSON."),
        HumanMessage(question),
    ]
    bound = model.bind(response_format={"type": "json_schema", "json_schema": {"name": "route", "schema": ROUTE_SCHEMA}})
    try:
        kind = json.loads(str(bound.invoke(messages, max_tokens=24).content))["kind"]
    except (ValueError, KeyError, TypeError):
        return None
    return Route(kind, 1.0, "model") if kind in KINDS else None

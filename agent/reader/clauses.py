"""The audience side of the frame model: which condition one clause of a marketer's question states.

A clause ("have made at least 1 return", "with a category purchase on record", "left us a review") is
delexicalised like a staff question (shop names -> ``category`` / ``brand`` / ``product``) and classified
into a condition frame by a logistic regression over its MiniLM embedding, fitted on the generated
clause corpus below (several sentence shapes per frame) and calibrated by leave-one-family-out, as the
staff frame model is. The slots come from the clause itself: names, comparisons ("at least 3"), windows
("in the last 30 days", "more than 65 days ago"), dates. ``none`` is a frame too: filler ("on record",
"pull up", "for the newsletter") is read as such and passes.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from agent.reader import regex as rx
from agent.reader.frames import Head, Words, _fit_head, _softmax, _temperature, _threshold

ARTEFACT = Path(__file__).with_name("clause_model.npz")

_NAME = ["category", "brand", "product", "category items", "brand products", "the category range", "the product", "a product",
         "the brand"]
_NAME_WORDS = "category brand product items range the a x w c a d s n"
_N = ["1", "2", "3", "5", "10", "100", "250"]
_MORE = ["at least {n}", "more than {n}", "over {n}", "{n} or more", "fewer than {n}", "less than {n}", "under {n}",
         "at most {n}", "exactly {n}", "{n}", "no more than {n}", "above {n}", "below {n}"]
_WINDOW = ["in the last 30 days", "within the past 2 weeks", "over the last 3 months", "in the past 90 days", "this year",
           "since 2026-05-01", "before 2026-06-01", "after march 3 2026"]
_AGO = ["more than 60 days ago", "over 3 months ago", "90 days ago or more", "a long time ago"]
_DATE = ["2026-05-01", "before 2026-06-01", "march 3 2026", "before 12 july 2026", "august 2026"]

CLAUSES: dict[str, list[str]] = {
    "bought": ["bought {x}", "have purchased {x}", "who ordered {x}", "with a {x} purchase", "with a {x} purchase on record",
               "{x} buyers", "who shopped {x}", "that got {x}", "picked up {x}", "have at least one {x} order",
               "purchased from {x}", "customers of {x}", "who have spent money on {x}", "whose basket included {x}",
               "with {x} in their order history", "who have bought anything from {x}", "that bought {x} {w}",
               "purchased {x} {w}", "have ordered {x} {w}", "with a {x} order {w}", "who got something from {x} {w}",
               "non-{x} buyers", "buyers of {x}", "did not buy {x}", "have never bought {x}", "who never purchased {x}",
               "have not ordered {x} yet", "who own a {x} from us", "that owns {x}"],
    "browsed_without_buying": ["viewed {x} but never bought", "looked at {x} without buying", "browsed {x} and did not purchase",
                               "added {x} to the cart but did not check out", "window-shopped {x}", "showed interest in {x} but no order",
                               "checked out {x} pages but never purchased", "carted {x} without ordering",
                               "viewed {x} {w} without buying", "put {x} in the basket and left", "abandoned a cart with {x}"],
    "returned": ["returned {x}", "sent back {x}", "who have returned something", "made a return", "with a refund on {x}",
                 "who got a refund", "that sent an item back", "returned an order", "with a {x} return", "who have returned {x} {w}",
                 "have never returned anything", "with no returns", "who asked for their money back", "with a return on record",
                 "with a return", "who sent something back {w}", "returners", "{x} returners", "serial returners"],
    "reviewed": ["reviewed {x}", "left us a review", "wrote a review", "rated {x}", "have posted a product review",
                 "left feedback on {x}", "who have written reviews", "with a review on record",
                 "who reviewed something {w}", "have not left any reviews", "without reviews", "with at least one review",
                 "who have shared their opinion on {x}", "reviewers", "{x} reviewers", "product reviewers", "raters of {x}"],
    "orders": ["with {c} orders", "who have placed {c} orders", "ordered {c} times", "made {c} purchases",
               "{c} orders in total", "whose order count is {c}", "checked out {c} times", "who shopped {c} times",
               "repeat customers", "repeat buyers", "one-time buyers", "1-time customers", "who came back to buy again",
               "never bought anything", "have not ordered at all", "who have made a purchase", "paying customers",
               "placed orders", "who have placed orders", "have ordered before"],
    "net_spend": ["spent {c}", "with a total spend of {c}", "whose lifetime value is {c}", "have spent {c} euros",
                  "with net spend {c}", "spending {c} in total", "worth {c} to us", "whose purchases add up to {c}",
                  "spent {c} after returns", "whose spending net of refunds is {c}", "who have spent {c} after returns",
                  "with a spend after refunds of {c}", "spending {c} net of returns", "net {c}", "ltv {c}", "revenue {c}", "clv {c}"],
    "avg_order_value": ["with an average order value of {c}", "whose average basket is {c}", "aov {c}",
                        "spending {c} per order on average", "with typical orders of {c}", "spend {c} per order"],
    "returns": ["made {c} returns", "with {c} returns", "who have returned {c} items", "sent back {c} things",
                "returned {c} times", "with {c} refunds", "have made {c} return"],
    "reviews": ["wrote {c} reviews", "with {c} reviews", "left {c} reviews", "who have reviewed {c} products", "posted {c} ratings"],
    "support_messages": ["contacted support {c} times", "sent {c} messages to customer service", "with {c} support tickets",
                         "wrote to us {c} times", "who have reached out to support {c} times", "opened {c} tickets",
                         "complained {c} times", "contacted customer service", "who have messaged support",
                         "{c} support messages", "{c} tickets", "support contacts {c}"],
    "support_intent": ["contacted support about topic", "who asked us about topic", "with a support message about topic",
                       "who wrote to customer service regarding topic", "that complained about topic",
                       "whose tickets were about topic", "who messaged us concerning topic"],
    "last_purchase_within": ["last purchase {w}", "last order {w}", "last purchase date {w}", "bought something {w}", "ordered {w}", "made a purchase {w}", "whose last order was {w}",
                             "with an order {w}", "who have shopped {w}", "purchased {w}", "active buyers {w}"],
    "last_purchase_ago": ["whose latest purchase was {a}", "last ordered {a}", "whose last order is {a}",
                          "have not bought anything since {a}", "last bought {a}", "with their most recent purchase {a}",
                          "have not bought anything {w}", "with no order {w}"],
    "first_seen": ["joined {w}", "first visited {w}", "new customers {w}", "who signed up {w}", "first seen {w}",
                   "who started shopping with us {w}", "became customers {w}", "have been around since {d}",
                   "have been customers since before {d}", "who first came to the shop {w}", "whose first visit was {d}",
                   "acquired {w}", "acquired before {d}", "onboarded {w}", "registered {w}", "customers since {d}",
                   "created an account {w}", "new since {d}", "new {w}", "first turned up {w}", "first showed up {d}",
                   "appeared for the first time {w}"],
    "last_seen": ["last active {w}", "visited {w}", "seen {w}", "last seen {a}", "who have been on the site {w}",
                  "whose last visit was {a}", "inactive since {a}", "who came back {w}", "dormant for {n} days",
                  "engaged {w}", "logged in {w}", "browsed the site {w}", "with a session {w}", "were on the shop {w}",
                  "visited the store {w}", "last seen {w}"],
    "rating": ["whose latest rating is {c} stars", "with an average rating of {c}", "whose lowest rating is {c}",
               "who gave {c} stars at most", "rating us {c} stars", "with a best score of {c}", "whose reviews average {c} stars",
               "who rated something {c} stars", "left at least 1 {s} star rating", "who gave a {s} star review",
               "with a {s} star review", "have given a {s} star rating", "whose average review score is {c}",
               "max rating {c}", "min rating {c}", "avg rating {c}", "last review {c} stars"],
    "likely": ["likely to buy {x}", "most likely to purchase {x}", "who would probably order {x}", "inclined to buy {x}",
               "likely to be interested in {x}", "who are likely to want {x} before christmas", "top 20 most likely to buy {x}"],
    "stage": ["active", "at risk", "lapsed", "new", "in the at risk stage", "whose lifecycle stage is lapsed",
              "at-risk customers", "lapsed shoppers", "in the active stage", "new customers stage"],
    "spend_band": ["high spenders", "in the low spend band", "big spenders", "medium spend customers", "light spenders",
                   "in the high spend band", "top spenders"],
    "price_band": ["premium shoppers", "budget buyers", "in the mid price band", "luxury customers", "whose price band is budget",
                   "high-end buyers", "mid-range shoppers"],
    "top_category": ["whose top category is {x}", "whose favourite category is {x}", "with main category {x}",
                     "whose preferred category is {x}", "with {x} as their top category"],
    "segment": ["in the segment segment", "in segment segment", "who are in the segment segment", "members of segment segment"],
    "country": ["based in country", "from country", "living in country", "who ship to country", "country customers",
                "located in country", "with a country address", "in country", "who live in country", "who shop with us from country",
                "that order from country", "who are in country", "outside country", "not in country"],
    "none": ["pull up", "on record", "please", "for the newsletter", "for a campaign", "i.e.", "for me", "as a csv",
             "thanks", "in our shop", "right now", "that we have", "list", "give me everyone", "show me all",
             "export", "for our mailing", "as a list", "if possible", "quickly", "in the system", "all of them",
             "shoppers", "customers", "the customers", "people", "buyers", "everyone", "users", "clients",
             "who fits", "who would that be", "can you help", "thanks in advance", "need them today", "ta",
             "can you grab", "grab all customers", "can u get me", "pull together",
             # the speaker's context, not a condition on customers
             "after reviewing last month's dashboards", "i looked at the numbers last week", "since we launched the new site",
             "we ordered new packaging last month", "as we discussed in the last meeting", "the team reviewed the results",
             "looking at last quarter's sales", "for the campaign starting next week", "we are planning the spring sale",
             "working on the q4 plan", "the board wants to understand churn", "our retention numbers this quarter",
             "for tomorrow's standup", "for the crm sync", "for upload to the email tool", "with their customer ids",
             "ids only", "just the ids", "as a spreadsheet", "we sent a survey in the last 30 days",
             "the email team asked for it", "for the newsletter going out this month", "hope that makes sense",
             # the shop's own doings and metrics: a subject that is not the customers
             "we reviewed the segments with the data team", "returns have been unusually high this quarter",
             "our orders dropped by 10% in october", "we ordered new stock last month", "i bought lunch for the team",
             "we returned the samples to the supplier", "sales were down in september", "reviews went up after the redesign",
             "the agency that manages our paid social", "we talked a lot about retention and reviews",
             "the support team has been overwhelmed", "we spent a lot on ads last year", "our average order value fell",
             "the new returns policy went live", "we relaunched the website in september", "i reviewed the report yesterday",
             "following up on yesterday's call", "the board noticed the drop in orders", "we agreed on the next test"],
}
CORPUS_WORDS = frozenset(w for templates in CLAUSES.values() for t in templates for w in rx.findall(r"[a-z]+", t))
CONDITION_WORDS = frozenset(w for frame, templates in CLAUSES.items() if frame != "none" for t in templates
                            for w in rx.findall(r"[a-z]+", t)) - set(_NAME_WORDS.split())
# Families: frames that state the same kind of fact and differ only in their slots ("bought garden in the last
# 30 days" and "bought something in the last 30 days" are both about purchases); the slots decide the condition.
FAMILY: dict[str, str] = {"bought": "purchase", "orders": "purchase", "last_purchase_within": "purchase",
                          "last_purchase_ago": "purchase", "returned": "return", "returns": "return", "reviewed": "review",
                          "reviews": "review", "rating": "review", "support_messages": "support", "support_intent": "support",
                          "net_spend": "spend", "spend_band": "spend"}


def family(frame: str) -> str:
    return FAMILY.get(frame, frame)


_NOUNS = {"none", "stage", "spend_band", "price_band", "segment"}  # read as they are, never inside "who ..."
SHAPES: dict[str, str] = {"plain": "{c}", "who": "who {c}", "those": "those that {c}", "people": "people who {c}",
                          "customers": "customers that {c}", "shoppers": "any shopper who {c}"}


@dataclass
class ClauseModel:
    head: Head
    threshold: float
    report: dict[str, float]
    words: Words

    def save(self, path: Path) -> None:
        import json

        np.savez_compressed(path, w=self.head.weights, b=self.head.bias, meta=np.array(json.dumps(
            {"labels": self.head.labels, "t": self.head.temperature, "threshold": self.threshold, "report": self.report,
             "words": self.words.vocabulary})))

    @classmethod
    def load(cls, path: Path) -> ClauseModel:
        import json

        data = np.load(path)
        meta = json.loads(str(data["meta"]))
        return cls(Head(meta["labels"], data["w"], data["b"], meta["t"]), meta["threshold"], meta["report"], Words(meta["words"]))

    def read(self, vectors: np.ndarray, texts: list[str]) -> list[tuple[str, float]]:
        """(frame, probability of its family) per clause: the model decides which fact a clause states (its
        family: "made no returns" is a return whether the corpus calls it `returned` or `returns`); the slots
        decide the rest, so the family's probability is the reading's confidence."""
        p = self.head.probabilities(np.hstack([vectors, self.words.features(texts)]))
        families = [family(label) for label in self.head.labels]
        out = []
        for row in p:
            mass: dict[str, float] = {}
            for name, value in zip(families, row):
                mass[name] = mass.get(name, 0.0) + float(value)
            chosen = max(mass, key=mass.__getitem__)
            best = max((i for i, name in enumerate(families) if name == chosen), key=lambda i: row[i])
            out.append((self.head.labels[best], min(1.0, mass[chosen])))
        return out


def generate(seed: int = 5, per_frame: int = 140) -> list[tuple[str, str, str]]:
    """(clause, frame, family) triples."""
    rng = random.Random(seed)
    out: list[tuple[str, str, str]] = []
    for frame, templates in CLAUSES.items():
        seen: set[str] = set()
        for _ in range(per_frame * 4):
            if len(seen) >= per_frame:
                break
            family, shape = rng.choice(list(SHAPES.items()))
            core = rng.choice(templates).format(x=rng.choice(_NAME), c=rng.choice(_MORE).format(n=rng.choice(_N)),
                                                 w=rng.choice(_WINDOW), a=rng.choice(_AGO),
                                                 d=rng.choice(_DATE), s=rng.choice(["1", "5"]), n=rng.choice(_N))
            text = core if frame in _NOUNS else shape.format(c=core)
            if rng.random() < 0.2 and frame not in _NOUNS:
                text = rng.choice(["never ", "not ", "have not ", "did not "]) + text if family == "plain" else text
            if text not in seen:
                seen.add(text)
                out.append((" ".join(text.split()), frame, family if frame not in _NOUNS else rng.choice(list(SHAPES))))
    return out


def fit(embed, target_precision: float = 0.97) -> ClauseModel:  # noqa: ANN001 - texts -> vectors
    rows = generate()
    words = Words.learn([t for t, _, _ in rows])
    vectors = np.hstack([embed([t for t, _, _ in rows]), words.features([t for t, _, _ in rows])])
    labels = [f for _, f, _ in rows]
    families = np.array([fam for _, _, fam in rows])
    final = _fit_head(vectors, labels)
    logits, truth = [], []
    for family in sorted(set(families)):
        train, test = families != family, families == family
        head = _fit_head(vectors[train], [x for x, keep in zip(labels, train) if keep])
        fold = np.full((int(test.sum()), len(final.labels)), -1e4, dtype=np.float32)
        fold[:, [final.labels.index(x) for x in head.labels]] = vectors[test] @ head.weights + head.bias
        logits.append(fold)
        truth += [final.labels.index(x) for x, keep in zip(labels, test) if keep]
    stacked, truth_array = np.vstack(logits), np.array(truth)
    final.temperature = _temperature(stacked, truth_array)
    p = _softmax(stacked / final.temperature)
    right = p.argmax(axis=1) == truth_array
    threshold = _threshold(p.max(axis=1), right, target_precision)
    report = {"clauses": len(rows), "held_out_family_accuracy": round(float(right.mean()), 4), "corpus": corpus_hash()}
    return ClauseModel(final, threshold, report, words)


@lru_cache(maxsize=1)
def corpus_hash() -> str:
    import hashlib

    return hashlib.sha256(repr(generate()).encode()).hexdigest()[:16]


_LOADED: list[ClauseModel] = []


def clause_model(embed, cache_dir: Path | None = None) -> ClauseModel:  # noqa: ANN001
    """The shipped artefact, or one fitted now (and cached) when it is missing."""
    if _LOADED:
        return _LOADED[0]
    for path in (ARTEFACT, cache_dir / "clause_model.npz" if cache_dir else None):
        if path is not None and path.exists() and (model := ClauseModel.load(path)).report.get("corpus") == corpus_hash():
            _LOADED.append(model)
            return model
    model = fit(embed)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        model.save(cache_dir / "clause_model.npz")
    _LOADED.append(model)
    return model


NEGATION = re.compile(r"\b(?:never|not(?!\s+(?:more|less|fewer|over|under|above|below)\b)|no(?!\s+(?:more|less|fewer|later|earlier)\b)|without|none|didn't|haven't|hasn't|except|excluding|inactive|dormant|absent)\b")

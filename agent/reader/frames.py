"""The frame model: which *ask* and which *event type* a (delexicalised) staff question is about.

Two multinomial logistic regressions over the sentence embedding (all-MiniLM-L6-v2, the intent head's
backbone), fitted on the generated corpus (``agent.reader.corpus``). Their probabilities are
calibrated by temperature on leave-one-family-out predictions (each template family held out in turn,
so the calibration sees only sentence shapes the fold never trained on), and the ask-back threshold is
the lowest confidence at which those held-out predictions are right at least ``target_precision`` of
the time. The fitted model is a small artefact (``frame_model.npz`` beside this file, written by
``portrait train-reader``); a corpus that no longer matches it is refitted on first use and cached in
the home.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from agent.reader import regex as rx
from agent.reader.corpus import DECLINE, Example, generate
from encoders.embedder import Embedder

ARTEFACT = Path(__file__).with_name("frame_model.npz")


def corpus_hash(examples: list[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.text}\t{example.ask}\t{example.type}\n".encode())
    return digest.hexdigest()[:16]


class Words:
    """Binary word and word-pair features over the corpus's own vocabulary, beside the embedding: a
    sentence vector blurs the small words that decide a frame ("first" / "last", "net", "average"),
    which the linear heads read directly from these."""

    def __init__(self, vocabulary: list[str], weight: float = 0.5) -> None:
        self.vocabulary = vocabulary
        self.index = {term: i for i, term in enumerate(vocabulary)}
        self.weight = weight

    @staticmethod
    def terms(text: str) -> list[str]:
        words = rx.findall(r"[a-z0-9%#]+", text.lower())
        return words + [f"{a} {b}" for a, b in zip(words, words[1:])]

    @classmethod
    def learn(cls, texts: list[str], min_count: int = 3) -> Words:
        from collections import Counter

        counts = Counter(term for text in texts for term in set(cls.terms(text)))
        return cls(sorted(term for term, n in counts.items() if n >= min_count))

    def features(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            for term in self.terms(text):
                if (column := self.index.get(term)) is not None:
                    out[row, column] = self.weight
        return out


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)


@dataclass
class Head:
    """One calibrated linear classifier over sentence vectors."""

    labels: list[str]
    weights: np.ndarray  # (dim, classes)
    bias: np.ndarray
    temperature: float = 1.0

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return _softmax((vectors @ self.weights + self.bias) / self.temperature)


def _fit_head(vectors: np.ndarray, labels: list[str], c: float = 4.0) -> Head:
    from sklearn.linear_model import LogisticRegression

    names = sorted(set(labels))
    index = {name: i for i, name in enumerate(names)}
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(vectors, np.array([index[label] for label in labels]))
    weights = np.zeros((vectors.shape[1], len(names)), dtype=np.float32)
    bias = np.zeros(len(names), dtype=np.float32)
    weights[:, model.classes_] = model.coef_.T
    bias[model.classes_] = model.intercept_
    missing = set(range(len(names))) - set(model.classes_)
    bias[list(missing)] = -1e4
    return Head(names, weights, bias)


def _temperature(logits: np.ndarray, truth: np.ndarray) -> float:
    """The temperature that minimises held-out negative log-likelihood (a grid: robust and instant)."""
    best, best_nll = 1.0, np.inf
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 60)):
        p = _softmax(logits / t)
        nll = -np.mean(np.log(p[np.arange(len(truth)), truth] + 1e-12))
        if nll < best_nll:
            best, best_nll = float(t), nll
    return best


@dataclass
class FrameModel:
    ask: Head
    type: Head
    threshold: float
    corpus: str
    report: dict[str, float]
    words: Words

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path, ask_w=self.ask.weights, ask_b=self.ask.bias, type_w=self.type.weights, type_b=self.type.bias,
            meta=np.array(json.dumps({"ask": self.ask.labels, "type": self.type.labels, "ask_t": self.ask.temperature,
                                      "type_t": self.type.temperature, "threshold": self.threshold,
                                      "corpus": self.corpus, "report": self.report, "words": self.words.vocabulary})),
        )

    @classmethod
    def load(cls, path: Path) -> FrameModel:
        data = np.load(path)
        meta = json.loads(str(data["meta"]))
        return cls(Head(meta["ask"], data["ask_w"], data["ask_b"], meta["ask_t"]),
                   Head(meta["type"], data["type_w"], data["type_b"], meta["type_t"]),
                   meta["threshold"], meta["corpus"], meta["report"], Words(meta["words"]))

    def features(self, vectors: np.ndarray, texts: list[str]) -> np.ndarray:
        return np.hstack([vectors, self.words.features(texts)])

    def read(self, vectors: np.ndarray, texts: list[str]) -> list[list[tuple[str, str, float]]]:
        """For each sentence (its vector and its text), (ask, type, joint probability), best first."""
        features = self.features(vectors, texts)
        asks, types = self.ask.probabilities(features), self.type.probabilities(features)
        out = []
        for pa, pt in zip(asks, types):
            pairs = [(self.ask.labels[i], self.type.labels[j], float(pa[i] * pt[j]))
                     for i in np.argsort(-pa)[:4] for j in np.argsort(-pt)[:3]]
            out.append(sorted(pairs, key=lambda x: -x[2]))
        return out


def fit(embedder: Embedder, examples: list[Example] | None = None, target_precision: float = 0.97) -> FrameModel:
    """Fit both heads, calibrate by leave-one-family-out, choose the ask-back threshold."""
    examples = examples or generate()
    words = Words.learn([e.text for e in examples])
    vectors = np.hstack([embedder.encode([e.text for e in examples], show_progress=False),
                         words.features([e.text for e in examples])])
    asks = [e.ask for e in examples]
    types = [e.type for e in examples]
    families = np.array([e.family for e in examples])
    held_ask_logits, held_type_logits, truth_ask, truth_type, right = [], [], [], [], []
    final_ask, final_type = _fit_head(vectors, asks), _fit_head(vectors, types)
    for family in sorted(set(families)):
        train, test = families != family, families == family
        head_a = _fit_head(vectors[train], [a for a, keep in zip(asks, train) if keep])
        head_t = _fit_head(vectors[train], [t for t, keep in zip(types, train) if keep])
        la = vectors[test] @ head_a.weights + head_a.bias
        lt = vectors[test] @ head_t.weights + head_t.bias
        # logits in the final heads' label order (a fold may miss a label)
        held_ask_logits.append(_reorder(la, head_a.labels, final_ask.labels))
        held_type_logits.append(_reorder(lt, head_t.labels, final_type.labels))
        truth_ask += [final_ask.labels.index(a) for a, keep in zip(asks, test) if keep]
        truth_type += [final_type.labels.index(t) for t, keep in zip(types, test) if keep]
    la, lt = np.vstack(held_ask_logits), np.vstack(held_type_logits)
    ta, tt = np.array(truth_ask), np.array(truth_type)
    final_ask.temperature, final_type.temperature = _temperature(la, ta), _temperature(lt, tt)
    pa, pt = _softmax(la / final_ask.temperature), _softmax(lt / final_type.temperature)
    best_a, best_t = pa.argmax(axis=1), pt.argmax(axis=1)
    is_decline = np.array([final_ask.labels[i] == DECLINE for i in best_a])
    right = (best_a == ta) & ((best_t == tt) | is_decline)
    confidence = pa.max(axis=1) * np.where(is_decline, 1.0, pt.max(axis=1))
    threshold = _threshold(confidence, right, target_precision)
    accepted = confidence >= threshold
    report = {"examples": len(examples), "held_out_family_accuracy": round(float(right.mean()), 4),
              "accepted_share": round(float(accepted.mean()), 4),
              "accepted_precision": round(float(right[accepted].mean()) if accepted.any() else 0.0, 4),
              "ask_temperature": round(final_ask.temperature, 3), "type_temperature": round(final_type.temperature, 3)}
    return FrameModel(final_ask, final_type, threshold, corpus_hash(examples), report, words)


def _reorder(logits: np.ndarray, have: list[str], want: list[str]) -> np.ndarray:
    out = np.full((logits.shape[0], len(want)), -1e4, dtype=np.float32)
    for i, label in enumerate(have):
        out[:, want.index(label)] = logits[:, i]
    return out


def _threshold(confidence: np.ndarray, right: np.ndarray, precision: float) -> float:
    """The lowest confidence above which held-out predictions are right at least ``precision`` of the time."""
    order = np.argsort(-confidence)
    hits = np.cumsum(right[order]) / np.arange(1, len(order) + 1)
    ok = np.where(hits >= precision)[0]
    if len(ok) == 0:
        return float(confidence.max())
    return float(confidence[order][ok[-1]])


_LOADED: dict[str, FrameModel] = {}


@lru_cache(maxsize=1)
def _corpus_now() -> str:
    return corpus_hash(generate())


def frame_model(embedder: Embedder, cache_dir: Path | None = None) -> FrameModel:
    """The shipped artefact when it matches today's corpus; else one fitted now (cached in ``cache_dir``)."""
    wanted = _corpus_now()
    if wanted in _LOADED:
        return _LOADED[wanted]
    for path in (ARTEFACT, (cache_dir / f"frame_model-{wanted}.npz") if cache_dir else None):
        if path is not None and path.exists():
            model = FrameModel.load(path)
            if model.corpus == wanted:
                _LOADED[wanted] = model
                return model
    model = fit(embedder)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        model.save(cache_dir / f"frame_model-{wanted}.npz")
    _LOADED[wanted] = model
    return model

"""Out-of-scope detection for the intent head, without any out-of-scope training data.

A classifier gives every text *some* intent. The detector scores each text (higher = less like any
known intent) from what the network already computes for it: its normalised pooled features and its
logits. Every method is fitted on the training texts and calibrated on in-scope dev texts only, so no
out-of-scope example is needed and none is seen:

- ``knn``: mean cosine distance to the ``k`` nearest training texts (features are L2-normalised);
- ``mahalanobis``: squared Mahalanobis distance to the nearest class mean, one shared covariance
  (Ledoit-Wolf shrunk, so small training sets still give a well-conditioned whitening);
- ``energy``: ``-logsumexp(logits)``; ``max_logit``: ``-max(logits)``; ``msp``: ``1 - max softmax``;
- ``combined`` (default): the mean of ``knn``, ``mahalanobis`` and ``energy`` after each is
  standardised by its mean and spread on in-scope dev (a text far from its neighbours, from every
  class mean and with low total evidence is out of scope on three independent views);
- ``none``: never reject.

Operating point (:func:`choose_threshold`), documented rule: a *rejection budget* (5%) is the share
of in-scope messages one accepts to answer "other". The threshold is the in-scope dev score quantile
that rejects the budget less a headroom for the quantile's sampling error: two standard errors of a
share estimated from ``n`` dev texts, ``2·sqrt(b(1-b)/n)``, at most half the budget. A 3,000-text dev
set so rejects 4.2% of dev and unseen in-scope traffic stays under 5% with about 97.5% confidence; a
20-text dev set rejects its top 2.5% (interpolated between its two highest scores), so small sets
still reject. Each inference precision gets its own threshold (its scores differ slightly).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

OOD_FILE = "ood.npz"
OOD_METHODS: tuple[str, ...] = ("combined", "knn", "mahalanobis", "energy", "max_logit", "msp", "none")
COMBINED_PARTS: tuple[str, ...] = ("knn", "mahalanobis", "energy")
KNN_K = 10


@dataclass
class ForwardOutput:
    """Logits, softmax probabilities and normalised pooled features of texts, in input order."""

    logits: np.ndarray
    probs: np.ndarray
    features: np.ndarray

    def __len__(self) -> int:
        return len(self.logits)


def knn_distance(features: np.ndarray, bank: np.ndarray, k: int = KNN_K, chunk: int = 1024) -> np.ndarray:
    """Mean cosine distance from each (normalised) row of ``features`` to its ``k`` nearest rows of ``bank``."""
    k = max(1, min(k, len(bank)))
    out = np.empty(len(features), np.float32)
    for start in range(0, len(features), chunk):
        sims = features[start : start + chunk].astype(np.float32) @ bank.T.astype(np.float32)
        top = np.partition(sims, -k, axis=1)[:, -k:]
        out[start : start + chunk] = 1.0 - top.mean(1)
    return out


def _logsumexp(logits: np.ndarray) -> np.ndarray:
    top = logits.max(1, keepdims=True)
    return (top + np.log(np.exp(logits - top).sum(1, keepdims=True)))[:, 0]


@dataclass
class OODDetector:
    """Every method's statistics; ``method`` is the one :meth:`score` uses by default."""

    method: str = "combined"
    bank: np.ndarray | None = None  # normalised training features (knn)
    means: np.ndarray | None = None  # (classes, dim), whitened (mahalanobis)
    whitener: np.ndarray | None = None  # (dim, dim): x @ whitener makes the shared covariance the identity
    spread: dict[str, tuple[float, float]] = field(default_factory=dict)  # dev mean and std per part of combined
    thresholds: dict[str, float] = field(default_factory=dict)  # "method/precision" -> threshold
    precision: str = "fp32"

    @classmethod
    def fit(cls, method: str, features: np.ndarray, labels: np.ndarray, n_classes: int) -> OODDetector:
        """Fit the distance-based statistics on the training features (kept even when ``method`` is
        logit-based, so a benchmark can compare every method on one model)."""
        if method not in OOD_METHODS:
            raise ValueError(f"unknown out-of-scope method {method!r}; choose from {', '.join(OOD_METHODS)}")
        from sklearn.covariance import ledoit_wolf

        feats = features.astype(np.float64)
        means = np.stack([feats[labels == c].mean(0) if np.any(labels == c) else feats.mean(0) for c in range(n_classes)])
        cov, _ = ledoit_wolf(feats - means[labels], assume_centered=True)
        values, vectors = np.linalg.eigh(cov)
        whitener = vectors / np.sqrt(np.clip(values, 1e-12, None))
        return cls(method=method, bank=features.astype(np.float16), means=(means @ whitener).astype(np.float32),
                   whitener=whitener.astype(np.float32))

    def raw_score(self, output: ForwardOutput, method: str) -> np.ndarray:
        if len(output.logits) == 0 or method == "none":
            return np.zeros(len(output.logits), np.float32)
        if method == "msp":
            return (1.0 - output.probs.max(1)).astype(np.float32)
        if method == "max_logit":
            return (-output.logits.max(1)).astype(np.float32)
        if method == "energy":
            return (-_logsumexp(output.logits.astype(np.float64))).astype(np.float32)
        if method == "knn":
            assert self.bank is not None
            return knn_distance(output.features, self.bank)
        if method == "mahalanobis":
            assert self.means is not None and self.whitener is not None
            z = output.features.astype(np.float32) @ self.whitener
            d2 = (z * z).sum(1, keepdims=True) - 2.0 * z @ self.means.T + (self.means * self.means).sum(1)[None, :]
            return d2.min(1).astype(np.float32)
        if method == "combined":
            parts = [(self.raw_score(output, p) - self.spread[p][0]) / self.spread[p][1] for p in COMBINED_PARTS]
            return np.mean(parts, axis=0).astype(np.float32)
        raise ValueError(f"unknown out-of-scope method {method!r}")

    def score(self, output: ForwardOutput, method: str | None = None) -> np.ndarray:
        return self.raw_score(output, method or self.method)

    def fit_spread(self, dev: ForwardOutput) -> None:
        """Standardise the parts of ``combined`` by their in-scope dev mean and spread."""
        for part in COMBINED_PARTS:
            values = self.raw_score(dev, part).astype(np.float64)
            self.spread[part] = (float(values.mean()), float(max(values.std(), 1e-6)))

    def calibrate(self, dev: ForwardOutput, precision: str, budget: float) -> None:
        """One threshold per method for ``precision`` by :func:`choose_threshold` on in-scope dev."""
        if not self.spread:
            self.fit_spread(dev)
        for method in OOD_METHODS:
            threshold, _ = choose_threshold(self.raw_score(dev, method), budget)
            self.thresholds[f"{method}/{precision}"] = float("inf") if method == "none" else threshold

    def threshold(self, method: str | None = None, precision: str | None = None) -> float:
        """The calibrated threshold (fp32's where ``precision`` has none)."""
        method, precision = method or self.method, precision or self.precision
        return self.thresholds.get(f"{method}/{precision}", self.thresholds.get(f"{method}/fp32", float("inf")))

    def use(self, precision: str) -> OODDetector:
        self.precision = precision
        return self

    def reject(self, output: ForwardOutput, method: str | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rejected flags) of ``output`` with the calibrated threshold."""
        scores = self.score(output, method)
        return scores, scores > self.threshold(method)

    def save(self, folder: Path) -> None:
        arrays: dict[str, np.ndarray] = {"method": np.array(self.method)}
        arrays.update({f"threshold:{key}": np.array(value) for key, value in self.thresholds.items()})
        arrays.update({f"spread:{key}": np.array(value) for key, value in self.spread.items()})
        for name in ("bank", "means", "whitener"):
            if getattr(self, name) is not None:
                arrays[name] = getattr(self, name)
        np.savez(Path(folder) / OOD_FILE, **arrays)

    @classmethod
    def load(cls, folder: Path) -> OODDetector:
        path = Path(folder) / OOD_FILE
        if not path.exists():
            return cls(method="none")
        with np.load(path, allow_pickle=False) as data:
            return cls(
                method=str(data["method"]),
                bank=data["bank"] if "bank" in data else None,
                means=data["means"] if "means" in data else None,
                whitener=data["whitener"] if "whitener" in data else None,
                spread={k.split(":", 1)[1]: tuple(map(float, data[k])) for k in data.files if k.startswith("spread:")},
                thresholds={k.split(":", 1)[1]: float(data[k]) for k in data.files if k.startswith("threshold:")},
            )


def dev_rejection(n_dev: int, budget: float) -> float:
    """The share of in-scope dev to reject for a rejection ``budget`` on unseen traffic (module docstring)."""
    if n_dev < 1 or budget <= 0.0:
        return 0.0
    headroom = min(2.0 * math.sqrt(budget * (1.0 - budget) / n_dev), budget / 2.0)
    return budget - headroom


def choose_threshold(scores: np.ndarray, budget: float) -> tuple[float, float]:
    """The operating point on in-scope dev scores: ``(threshold, accepted share of dev)``."""
    if not 0.0 <= budget < 1.0:
        raise ValueError("the rejection budget must be in [0, 1)")
    reject = dev_rejection(len(scores), budget)
    if reject <= 0.0:
        return float("inf"), 1.0
    threshold = float(np.quantile(scores, 1.0 - reject))
    return threshold, float(np.mean(scores <= threshold))


def auroc(in_scope: np.ndarray, out_of_scope: np.ndarray) -> float:
    """Area under the ROC curve of telling out-of-scope (positive) from in-scope texts by score."""
    from sklearn.metrics import roc_auc_score

    if len(in_scope) == 0 or len(out_of_scope) == 0:
        return float("nan")
    truth = np.r_[np.zeros(len(in_scope)), np.ones(len(out_of_scope))]
    return float(roc_auc_score(truth, np.r_[in_scope, out_of_scope]))


def fpr_at_95(in_scope: np.ndarray, out_of_scope: np.ndarray) -> float:
    """Share of out-of-scope texts accepted at the threshold that accepts 95% of in-scope texts."""
    if len(in_scope) == 0 or len(out_of_scope) == 0:
        return float("nan")
    return float(np.mean(out_of_scope <= np.quantile(in_scope, 0.95)))


def tradeoff_curve(in_scores: np.ndarray, correct: np.ndarray, oos_scores: np.ndarray, points: int = 101) -> dict[str, list[float]]:
    """In-scope accuracy with rejection, in-scope acceptance and out-of-scope recall as the threshold
    sweeps the in-scope score quantiles from accepting 50% to 100%."""
    thresholds = np.quantile(in_scores, np.linspace(0.5, 1.0, points))
    return {
        "accept": [float(np.mean(in_scores <= t)) for t in thresholds],
        "in_scope_accuracy": [float(np.mean(correct & (in_scores <= t))) for t in thresholds],
        "oos_recall": [float(np.mean(oos_scores > t)) for t in thresholds],
    }

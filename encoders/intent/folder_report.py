"""What a training run writes beside the weights: metrics.json's numbers and the two figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from encoders.intent.ood import OODDetector


def split_metrics(scores: dict[str, Any], labels: list[str], detector: OODDetector, split: str) -> dict[str, Any]:
    """Closed-set and with-rejection numbers of one evaluated split (see :func:`encoders.intent.loop.evaluate`)."""
    from sklearn.metrics import precision_recall_fscore_support

    gold, pred = scores["gold"], scores["pred"]
    present = sorted(set(gold) | set(pred))
    precision, recall, f1, support = precision_recall_fscore_support(gold, pred, labels=present, zero_division=0)
    _, rejected = detector.reject(scores["output"])
    return {
        "split": split,
        "n": int(len(gold)),
        "accuracy": scores["accuracy"],
        "macro_f1": scores["macro_f1"],
        "loss": scores["loss"],
        "in_scope_accuracy": float(((pred == gold) & ~rejected).mean()),
        "in_scope_rejected": float(rejected.mean()),
        "per_intent": {
            labels[c]: {"precision": round(float(p), 4), "recall": round(float(r), 4), "f1": round(float(f), 4), "support": int(s)}
            for c, p, r, f, s in zip(present, precision, recall, f1, support)
        },
    }


def _pyplot():  # noqa: ANN202
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def confusion_png(gold: np.ndarray, pred: np.ndarray, labels: list[str], path: Path, split: str) -> None:
    from sklearn.metrics import confusion_matrix

    plt = _pyplot()
    matrix = confusion_matrix(gold, pred, labels=list(range(len(labels))))
    size = min(40.0, max(6.0, 0.32 * len(labels) + 2.0))
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(np.log1p(matrix), cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    ax.set_title(f"Intent confusion matrix ({split}, {int(matrix.sum())} texts, accuracy {np.trace(matrix) / max(1, matrix.sum()):.3f})")
    if len(labels) <= 40:
        for (r, c), n in np.ndenumerate(matrix):
            if n:
                ax.text(c, r, str(n), ha="center", va="center", fontsize=6, color="white" if r == c else "black")
    fig.tight_layout()
    fig.savefig(path, dpi=80 if len(labels) > 60 else 110)
    plt.close(fig)


def dev_curve_png(detector: OODDetector, dev_output: Any, correct: np.ndarray, path: Path) -> dict[str, Any]:  # noqa: ANN401
    """In-scope dev accuracy with rejection against the share of dev accepted, one line per
    detector, the operating point marked: what the calibration saw (no out-of-scope text)."""
    from encoders.intent.ood import OOD_METHODS

    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    points: dict[str, Any] = {}
    for method in OOD_METHODS:
        if method == "none":
            continue
        scores = detector.score(dev_output, method)
        order = np.sort(scores)
        accept = np.linspace(0.8, 1.0, 81)
        cut = np.quantile(order, accept)
        ax.plot(accept, [np.mean(correct & (scores <= c)) for c in cut], label=method, lw=2 if method == detector.method else 1)
        threshold = detector.threshold(method, "fp32")
        points[method] = {"threshold": threshold, "dev_accept": float(np.mean(scores <= threshold)),
                          "dev_in_scope_accuracy": float(np.mean(correct & (scores <= threshold)))}
    chosen = points[detector.method] if detector.method in points else None
    if chosen:
        ax.scatter([chosen["dev_accept"]], [chosen["dev_in_scope_accuracy"]], color="black", zorder=5, label="operating point")
    ax.set_xlabel("share of in-scope dev accepted")
    ax.set_ylabel("dev accuracy with rejection")
    ax.set_title("Out-of-scope threshold on in-scope dev")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
    return points

"""Every out-of-scope detector of one trained intent head, on in-scope test and out-of-scope texts.

Per method: AUROC, FPR at 95% in-scope acceptance (threshold-free views of how well the score
separates the two), and the figures at the operating point calibrated on in-scope dev at training
time (in-scope accuracy with rejection, in-scope rejected, out-of-scope recall). The trade-off curve
(in-scope accuracy with rejection against out-of-scope recall as the threshold sweeps) is drawn for
every method, operating points marked, into ``ood_curve.png`` in the model folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from encoders.intent.classifier import IntentClassifier
from encoders.intent.ood import OOD_METHODS, auroc, fpr_at_95, tradeoff_curve


def compare_detectors(classifier: IntentClassifier, test_texts: list[str], test_labels: list[str],
                      oos_texts: list[str], curve_png: Path | None) -> dict[str, Any]:
    index = {label: i for i, label in enumerate(classifier.labels)}
    gold = np.array([index[label] for label in test_labels])
    test_out = classifier.forward(test_texts)
    oos_out = classifier.forward(oos_texts)
    correct = test_out.probs.argmax(1) == gold
    detector = classifier.detector
    results: dict[str, Any] = {}
    curves: dict[str, dict[str, list[float]]] = {}
    for method in OOD_METHODS:
        if method == "none":
            continue
        in_scores, oos_scores = detector.score(test_out, method), detector.score(oos_out, method)
        threshold = detector.threshold(method)
        results[method] = {
            "auroc": round(auroc(in_scores, oos_scores), 4),
            "fpr_at_95": round(fpr_at_95(in_scores, oos_scores), 4),
            "in_scope_accuracy": round(float(np.mean(correct & (in_scores <= threshold))), 4),
            "in_scope_rejected": round(float(np.mean(in_scores > threshold)), 4),
            "oos_recall": round(float(np.mean(oos_scores > threshold)), 4),
        }
        curves[method] = tradeoff_curve(in_scores, correct, oos_scores)
    if curve_png is not None:
        _draw(curves, results, detector.method, float(correct.mean()), curve_png)
    return results


def _draw(curves: dict[str, dict[str, list[float]]], results: dict[str, Any], chosen: str, closed: float, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 4.5))
    for method, curve in curves.items():
        line, = ax.plot(curve["oos_recall"], curve["in_scope_accuracy"], label=method, lw=2.2 if method == chosen else 1)
        point = results[method]
        ax.scatter([point["oos_recall"]], [point["in_scope_accuracy"]], color=line.get_color(), zorder=5, s=18)
    ax.axhline(closed, color="grey", ls=":", lw=1, label=f"no rejection ({closed:.3f})")
    ax.set_xlabel("out-of-scope recall")
    ax.set_ylabel("in-scope accuracy with rejection")
    ax.set_title("Out-of-scope trade-off on test (dots: dev-calibrated operating points)")
    ax.legend(fontsize=8)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)

"""Cheap references for the intent benchmark, measured in the same report as the fine-tuned head.

- ``frozen_vectors_logreg``: the packaged MiniLM sentence vectors (mean-pooled, normalised, not
  fine-tuned) with a scikit-learn logistic regression fitted on train: closed-set accuracy and macro-F1.
- ``frozen_vectors_knn``: out-of-scope detection by the mean cosine distance to the 10 nearest
  training texts on the same vectors, thresholded to accept 95% of in-scope dev (the issue's
  reference rule); AUROC, FPR at 95% and the test figures at that threshold.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from encoders.intent.ood import auroc, fpr_at_95, knn_distance


def sentence_vectors(model_path: Path, texts: list[str]) -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(model_path), device="cpu")
    return model.encode(texts, batch_size=128, normalize_embeddings=True, show_progress_bar=False, convert_to_numpy=True)


def frozen_baselines(model_path: Path, train: Any, dev: Any, test: Any, oos_texts: list[str]) -> dict[str, Any]:  # noqa: ANN401
    """Both baselines on the labelled splits (objects with ``texts`` and ``labels``) and the OOS texts."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score

    started = time.perf_counter()
    vectors = {name: sentence_vectors(model_path, texts) for name, texts in
               (("train", train.texts), ("dev", dev.texts), ("test", test.texts), ("oos", oos_texts))}
    encode_seconds = time.perf_counter() - started
    started = time.perf_counter()
    # Vectors are unit length: a large C lets the regression use their full resolution.
    logreg = LogisticRegression(C=20.0, max_iter=300).fit(vectors["train"], train.labels)
    fit_seconds = time.perf_counter() - started
    pred = logreg.predict(vectors["test"])
    gold = np.array(test.labels)
    knn = {name: knn_distance(vectors[name], vectors["train"]) for name in ("dev", "test", "oos")}
    threshold = float(np.quantile(knn["dev"], 0.95))
    return {
        "frozen_vectors_logreg": {
            "accuracy": round(float(np.mean(pred == gold)), 4),
            "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
            "encode_seconds": round(encode_seconds, 1), "fit_seconds": round(fit_seconds, 1),
        },
        "frozen_vectors_knn": {
            "auroc": round(auroc(knn["test"], knn["oos"]), 4),
            "fpr_at_95": round(fpr_at_95(knn["test"], knn["oos"]), 4),
            "threshold_rule": "accept 95% of in-scope dev",
            "oos_recall": round(float(np.mean(knn["oos"] > threshold)), 4),
            "in_scope_rejected": round(float(np.mean(knn["test"] > threshold)), 4),
            "in_scope_accuracy_with_logreg": round(float(np.mean((pred == gold) & (knn["test"] <= threshold))), 4),
        },
    }

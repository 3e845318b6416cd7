"""The intent head at inference time: a fine-tuned sequence classifier plus an out-of-scope detector.

A trained model folder (written by :mod:`encoders.intent.training`) holds everything needed, so a
folder copied to another machine predicts the same:

- ``config.json``, ``model.safetensors``, tokenizer files: the transformers classifier;
- ``labels.json``: the label list (ids are positions) and the out-of-scope label (``other``);
- ``ood.npz``: the out-of-scope detector (method, threshold and, for ``mahalanobis``, the whitened
  class means and the whitening matrix, fitted on the training set and calibrated on dev);
- ``training.json``, ``metrics.json``, ``confusion_matrix.png``: how it was made and how good it is.

Out-of-scope detection. A fine-tuned classifier gives every text *some* intent, often with a high
softmax probability even for "what's the weather like?". The detector scores each text; a score
above the calibrated threshold turns the prediction into ``other``:

- ``mahalanobis`` (default): the squared Mahalanobis distance from the text's features (mean of the
  last hidden layer over its tokens) to the nearest class mean, with one covariance shared by all
  classes, fitted on the training set. Texts unlike every known intent land far from all means.
- ``msp``: 1 - the maximum softmax probability.
- ``none``: never reject.

The threshold is calibrated on in-scope dev data only: it is the score below which ``accept`` (e.g.
99%) of the dev texts fall, so the rejection costs about 1% of in-scope texts by construction and no
out-of-scope example is needed to set it. Each inference precision (fp32, bf16, int8; see
:func:`for_precision`) has its own threshold, calibrated the same way at training time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from encoders.settings import ModelNotFoundError

if TYPE_CHECKING:  # torch is imported where it is used, so `portrait --help` stays fast
    import torch

LABELS_FILE = "labels.json"
OOD_FILE = "ood.npz"
DEFAULT_OOS_LABEL = "other"
OODMethod = Literal["mahalanobis", "msp", "none"]
OOD_METHODS: tuple[str, ...] = ("mahalanobis", "msp", "none")
Precision = Literal["fp32", "bf16", "int8"]
PRECISIONS: tuple[str, ...] = ("fp32", "bf16", "int8")


@dataclass(frozen=True)
class IntentPrediction:
    """One text's intent. ``prob`` is the softmax probability of ``top_intent``, the best known
    intent; ``label`` is ``top_intent``, or the out-of-scope label when ``ood_score`` is above the
    calibrated threshold."""

    label: str
    prob: float
    top_intent: str
    ood_score: float

    @property
    def out_of_scope(self) -> bool:
        return self.label != self.top_intent


@dataclass
class ForwardOutput:
    """Softmax probabilities and pooled features of a batch of texts, in input order."""

    probs: np.ndarray
    features: np.ndarray


def forward_texts(
    model: torch.nn.Module,
    tokenizer,  # noqa: ANN001 - any transformers tokenizer
    texts: Sequence[str],
    batch_size: int = 64,
    max_length: int = 128,
    bf16: bool = False,
) -> ForwardOutput:
    """Run the classifier over ``texts`` in length-sorted batches (little padding) under
    ``torch.inference_mode`` (and bfloat16 autocast with ``bf16``); return probabilities and
    mean-pooled last-layer features."""
    import torch

    if not texts:
        return ForwardOutput(np.zeros((0, 0), np.float32), np.zeros((0, 0), np.float32))
    encoded = tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
    pad = tokenizer.pad_token_id or 0
    probs: list[np.ndarray] = [None] * len(texts)  # type: ignore[list-item]
    feats: list[np.ndarray] = [None] * len(texts)  # type: ignore[list-item]
    model.eval()
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
        for start in range(0, len(order), batch_size):
            chunk = order[start : start + batch_size]
            input_ids, attention = pad_batch([encoded[i] for i in chunk], pad)
            out = model(input_ids=input_ids, attention_mask=attention, output_hidden_states=True)
            mask = attention.unsqueeze(-1).to(out.hidden_states[-1].dtype)
            pooled = (out.hidden_states[-1] * mask).sum(1) / mask.sum(1).clamp(min=1.0)
            batch_probs = torch.softmax(out.logits.float(), dim=-1).numpy()
            batch_feats = pooled.float().numpy()
            for row, index in enumerate(chunk):
                probs[index] = batch_probs[row]
                feats[index] = batch_feats[row]
    return ForwardOutput(np.stack(probs), np.stack(feats))


def pad_batch(sequences: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pad token id lists to the longest one: (input_ids, attention_mask)."""
    import torch

    width = max(len(s) for s in sequences)
    ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(sequences), width), dtype=torch.long)
    for row, seq in enumerate(sequences):
        ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
        mask[row, : len(seq)] = 1
    return ids, mask


@dataclass
class OODDetector:
    """Scores texts for being out of scope (higher = less like any known intent)."""

    method: str = "mahalanobis"
    threshold: float = float("inf")  # for the precision in use (see thresholds)
    accept: float = 0.99
    thresholds: dict[str, float] = field(default_factory=dict)  # calibrated per inference precision
    means: np.ndarray | None = None  # (classes, dim), already whitened
    whitener: np.ndarray | None = None  # (dim, dim): x @ whitener makes the shared covariance the identity

    @classmethod
    def fit(cls, method: str, features: np.ndarray, labels: np.ndarray, n_classes: int) -> OODDetector:
        """Fit the class means and the shared covariance on training features (mahalanobis only).
        The covariance is Ledoit-Wolf shrunk, so small training sets (fewer rows than feature
        dimensions) still give a well-conditioned whitening."""
        if method not in OOD_METHODS:
            raise ValueError(f"unknown out-of-scope method {method!r}; choose from {', '.join(OOD_METHODS)}")
        if method != "mahalanobis":
            return cls(method=method)
        feats = features.astype(np.float64)
        means = np.stack([feats[labels == c].mean(0) if np.any(labels == c) else feats.mean(0) for c in range(n_classes)])
        from sklearn.covariance import ledoit_wolf

        cov, _ = ledoit_wolf(feats - means[labels], assume_centered=True)
        values, vectors = np.linalg.eigh(cov)
        whitener = vectors / np.sqrt(np.clip(values, 1e-12, None))
        return cls(method=method, means=(means @ whitener).astype(np.float32), whitener=whitener.astype(np.float32))

    def score(self, output: ForwardOutput) -> np.ndarray:
        if self.method == "none" or len(output.probs) == 0:
            return np.zeros(len(output.probs), dtype=np.float32)
        if self.method == "msp":
            return (1.0 - output.probs.max(1)).astype(np.float32)
        assert self.means is not None and self.whitener is not None
        z = output.features.astype(np.float32) @ self.whitener
        d2 = (z * z).sum(1, keepdims=True) - 2.0 * z @ self.means.T + (self.means * self.means).sum(1)[None, :]
        return d2.min(1).astype(np.float32)

    def calibrate(self, dev_scores: np.ndarray, accept: float, precision: str = "fp32") -> float:
        """Set the threshold so that a share ``accept`` of the (in-scope) dev texts is kept; dev
        scores computed at ``precision`` calibrate that precision's threshold."""
        if not 0.0 < accept <= 1.0:
            raise ValueError("accept must be in (0, 1]")
        self.accept = accept
        if self.method == "none" or accept >= 1.0 or len(dev_scores) == 0:
            threshold = float("inf")
        else:
            threshold = float(np.quantile(dev_scores, accept, method="higher"))
        self.thresholds[precision] = threshold
        if precision == "fp32" or len(self.thresholds) == 1:
            self.threshold = threshold
        return threshold

    def use(self, precision: str) -> OODDetector:
        """Switch to the threshold calibrated for ``precision`` (fp32's where there is none)."""
        self.threshold = self.thresholds.get(precision, self.thresholds.get("fp32", self.threshold))
        return self

    def save(self, folder: Path) -> None:
        arrays: dict[str, np.ndarray] = {
            "method": np.array(self.method),
            "threshold": np.array(self.thresholds.get("fp32", self.threshold), dtype=np.float64),
            "accept": np.array(self.accept, dtype=np.float64),
            **{f"threshold_{p}": np.array(t, dtype=np.float64) for p, t in self.thresholds.items()},
        }
        if self.means is not None and self.whitener is not None:
            arrays.update(means=self.means, whitener=self.whitener)
        np.savez(Path(folder) / OOD_FILE, **arrays)

    @classmethod
    def load(cls, folder: Path) -> OODDetector:
        path = Path(folder) / OOD_FILE
        if not path.exists():
            return cls(method="none")
        with np.load(path, allow_pickle=False) as data:
            return cls(
                method=str(data["method"]),
                threshold=float(data["threshold"]),
                accept=float(data["accept"]),
                means=data["means"] if "means" in data else None,
                whitener=data["whitener"] if "whitener" in data else None,
                thresholds={k.removeprefix("threshold_"): float(data[k]) for k in data.files if k.startswith("threshold_")},
            )


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """No load reports or progress bars from transformers (they go to stderr and mix into output)."""
    from transformers.utils import logging as hf_logging

    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        yield
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()


def for_precision(model: torch.nn.Module, precision: str) -> tuple[torch.nn.Module, bool]:
    """The model to run at ``precision`` and whether to autocast to bfloat16.

    ``fp32``: exact and batch-invariant (a text's result does not depend on the other texts in its
    batch). ``bf16``: bfloat16 matrix products, ~1.5x faster where the CPU has native bf16
    (AVX512-BF16/AMX), much slower where it has not. ``int8``: dynamic int8 quantisation of the
    linear layers, ~2-2.5x faster; activations are quantised per batch, so probabilities shift by
    about 1e-3 with the batch a text lands in.
    """
    import warnings

    import torch

    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}")
    if precision == "int8":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.ao.quantization's deprecation notice
            return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8), False
    return model, precision == "bf16"


def read_labels(folder: Path) -> tuple[list[str], str]:
    """The label list (index = class id) and the out-of-scope label of a trained folder."""
    raw = json.loads((Path(folder) / LABELS_FILE).read_text(encoding="utf-8"))
    return list(raw["labels"]), str(raw.get("oos_label", DEFAULT_OOS_LABEL))


class IntentClassifier:
    """A trained intent folder, loaded once. ``predict(texts)`` -> ``[(label, prob), ...]``.

    ``precision``: ``fp32`` (default: exact and batch-invariant, so a profile's intents never depend
    on which other texts were classified with it), ``bf16`` or ``int8`` (faster; see
    :func:`for_precision`); each has its own out-of-scope threshold calibrated on dev at training
    time. ``quantize=True`` is short for ``precision="int8"``. ``threads`` sets torch's intra-op
    threads for this process.
    """

    def __init__(
        self,
        folder: Path,
        *,
        precision: str = "fp32",
        quantize: bool = False,
        threads: int | None = None,
        max_length: int | None = None,
    ) -> None:
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.folder = Path(folder)
        if not (self.folder / LABELS_FILE).exists():
            raise ModelNotFoundError(
                f"{self.folder} is not a trained intent model (no {LABELS_FILE}); "
                "train one with: portrait train-intent --train FILE --out FOLDER"
            )
        if threads:
            torch.set_num_threads(threads)
        self.labels, self.oos_label = read_labels(self.folder)
        training = self.folder / "training.json"
        saved_max = json.loads(training.read_text())["config"].get("max_length", 128) if training.exists() else 128
        self.max_length = max_length or saved_max
        self.tokenizer = AutoTokenizer.from_pretrained(self.folder)
        with quiet_transformers():
            model = AutoModelForSequenceClassification.from_pretrained(self.folder)
        model.eval()
        self.precision = "int8" if quantize else precision
        self.model, self._bf16 = for_precision(model, self.precision)
        self.detector = OODDetector.load(self.folder).use(self.precision)

    @property
    def intents(self) -> list[str]:
        return list(self.labels)

    def predict_details(self, texts: Sequence[str], batch_size: int = 64) -> list[IntentPrediction]:
        texts = [t if t and t.strip() else " " for t in texts]
        output = forward_texts(self.model, self.tokenizer, texts, batch_size, self.max_length, self._bf16)
        if not texts:
            return []
        scores = self.detector.score(output)
        top = output.probs.argmax(1)
        result = []
        for i, cls in enumerate(top):
            intent = self.labels[int(cls)]
            rejected = bool(scores[i] > self.detector.threshold)
            result.append(IntentPrediction(
                label=self.oos_label if rejected else intent,
                prob=float(output.probs[i, cls]),
                top_intent=intent,
                ood_score=float(scores[i]),
            ))
        return result

    def predict(self, texts: Sequence[str], batch_size: int = 64) -> list[tuple[str, float]]:
        """``(label, prob)`` per text, in order; ``label`` is the out-of-scope label (``other``) for a
        text unlike every known intent, and ``prob`` the probability of the best known intent."""
        return [(p.label, p.prob) for p in self.predict_details(texts, batch_size)]

"""The intent head at inference time: the fine-tuned network plus its out-of-scope detector.

A trained model folder (written by :mod:`encoders.intent.training`) holds everything needed, so a
folder copied to another machine predicts the same:

- ``config.json``, ``model.safetensors``, tokenizer files: the fine-tuned backbone (``AutoModel``);
- ``head.safetensors``: the linear head over mean-pooled, normalised features (:mod:`encoders.intent.net`);
- ``labels.json``: the label list (ids are positions) and the out-of-scope label (``other``);
- ``ood.npz``: the out-of-scope detector, fitted on train and calibrated on in-scope dev
  (:mod:`encoders.intent.ood`), one threshold per inference precision;
- ``training.json`` (every choice and its dev score), ``metrics.json``, ``confusion_matrix.png``,
  ``ood_dev_curve.png``: how it was made and how good it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from encoders.intent.ood import OODDetector
from encoders.settings import ModelNotFoundError
from encoders.threads import torch_threads

if TYPE_CHECKING:  # torch is imported where it is used, so `portrait --help` stays fast
    import torch

LABELS_FILE = "labels.json"
DEFAULT_OOS_LABEL = "other"
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
    time. ``quantize=True`` is short for ``precision="int8"``. ``threads`` runs predictions on that
    many torch threads (restored afterwards).
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
        from transformers import AutoTokenizer

        from encoders.intent.net import HEAD_FILE, load_net

        self.folder = Path(folder)
        if not (self.folder / LABELS_FILE).exists() or not (self.folder / HEAD_FILE).exists():
            raise ModelNotFoundError(
                f"{self.folder} is not a trained intent model (no {LABELS_FILE} or {HEAD_FILE}); "
                "train one with: portrait train-intent --train FILE --out FOLDER"
            )
        self.threads = threads
        self.labels, self.oos_label = read_labels(self.folder)
        training = self.folder / "training.json"
        saved_max = json.loads(training.read_text())["config"].get("max_length", 128) if training.exists() else 128
        self.max_length = max_length or saved_max
        self.tokenizer = AutoTokenizer.from_pretrained(self.folder)
        self.precision = "int8" if quantize else precision
        self.model, self._bf16 = for_precision(load_net(self.folder, len(self.labels)), self.precision)
        self.detector = OODDetector.load(self.folder).use(self.precision)

    @property
    def intents(self) -> list[str]:
        return list(self.labels)

    def forward(self, texts: Sequence[str], batch_size: int = 64):  # noqa: ANN201 - encoders.intent.ood.ForwardOutput
        """Logits, probabilities and features of ``texts`` (what the detector scores)."""
        from encoders.intent.net import forward_texts

        texts = [t if t and t.strip() else " " for t in texts]
        with torch_threads(self.threads):
            return forward_texts(self.model, self.tokenizer, texts, batch_size, self.max_length, self._bf16)

    def predict_details(self, texts: Sequence[str], batch_size: int = 64) -> list[IntentPrediction]:
        if not texts:
            return []
        output = self.forward(texts, batch_size)
        scores, rejected = self.detector.reject(output)
        top = output.probs.argmax(1)
        return [
            IntentPrediction(
                label=self.oos_label if rejected[i] else self.labels[int(cls)],
                prob=float(output.probs[i, cls]),
                top_intent=self.labels[int(cls)],
                ood_score=float(scores[i]),
            )
            for i, cls in enumerate(top)
        ]

    def predict(self, texts: Sequence[str], batch_size: int = 64) -> list[tuple[str, float]]:
        """``(label, prob)`` per text, in order; ``label`` is the out-of-scope label (``other``) for a
        text unlike every known intent, and ``prob`` the probability of the best known intent."""
        return [(p.label, p.prob) for p in self.predict_details(texts, batch_size)]

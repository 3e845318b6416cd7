"""Fine-tune the intent head: a sequence classifier on a BERT-family backbone, with early stopping.

The recipe, all of it in :class:`TrainConfig`:

- Data: any CSV/TSV/JSONL with a text and a label column (:func:`load_labelled_texts`). Without a dev
  file, a stratified ``dev_fraction`` of train is held out for early stopping and calibration.
- Batches: texts are tokenised once; each epoch shuffles them, sorts windows of 50 batches by length
  and cuts batches from those windows, so a batch pads to similar lengths (dynamic padding).
- Budget that adapts to the data: at most ``max_epochs`` passes, but at least ``min_steps`` updates
  so that tiny data sets still converge. Cost is therefore linear in the rows for anything but tiny
  sets. AdamW, linear warm-up over ``warmup`` of the planned steps, then linear decay to zero.
- Early stopping: dev is evaluated ``evals`` times over the planned run; the best checkpoint (dev
  macro-F1, then dev loss) is kept and training stops after ``patience`` evaluations without
  improvement. The best weights are restored at the end.
- Out of scope: :class:`encoders.intent.OODDetector` is fitted on train features and its threshold
  calibrated on in-scope dev (``oos_accept`` of dev is kept).
- Reproducible: one ``seed`` drives the head's initialisation, dropout and batch order.

The output folder is self-contained (see :mod:`encoders.intent`).
"""

from __future__ import annotations

import json
import math
import platform
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from tqdm.auto import tqdm

from encoders.data.adapters.bitext import LabelledTexts, load_labelled_texts
from encoders.intent.classifier import (
    DEFAULT_OOS_LABEL,
    LABELS_FILE,
    OOD_METHODS,
    OODDetector,
    for_precision,
    forward_texts,
    pad_batch,
    quiet_transformers,
)
from encoders.data.readers import LoadError

if TYPE_CHECKING:  # torch is imported where it is used, so `portrait --help` stays fast
    import torch


def _opt(default: Any, help: str) -> Any:  # noqa: A002 - help text shown by the CLI
    return field(default=default, metadata={"help": help})


@dataclass
class TrainConfig:
    """Every hyper-parameter of a training run; saved to ``training.json`` in the model folder."""

    text_col: str = _opt("utterance", "Column (CSV) or key (JSONL) holding the text.")
    label_col: str = _opt("intent", "Column or key holding the intent label.")
    max_length: int = _opt(128, "Truncate texts to this many tokens.")
    batch_size: int = _opt(32, "Training batch size.")
    lr: float = _opt(1e-4, "Peak learning rate of AdamW.")
    weight_decay: float = _opt(0.01, "AdamW weight decay (not applied to biases and LayerNorm).")
    warmup: float = _opt(0.06, "Share of the planned steps spent warming the learning rate up.")
    max_epochs: int = _opt(4, "At most this many passes over the training data.")
    min_steps: int = _opt(300, "At least this many updates, so small data sets get more passes.")
    evals: int = _opt(8, "Evaluate on dev this many times over the planned run (early stopping).")
    patience: int = _opt(2, "Stop after this many dev evaluations without improvement.")
    label_smoothing: float = _opt(0.0, "Label smoothing of the cross-entropy loss.")
    train_precision: str = _opt("auto", "fp32, bf16 (autocast; ~1.5x faster on CPUs with native bf16), or auto: bf16 where native.")
    freeze_embeddings: bool = _opt(True, "Keep the word-embedding matrix fixed (faster updates, same accuracy).")
    freeze_backbone: bool = _opt(False, "Train only the classifier (and pooler): cheap re-training; use a higher --lr, e.g. 2e-3.")
    dev_fraction: float = _opt(0.1, "Share of train held out as dev when no dev file is given.")
    oos_method: str = _opt("mahalanobis", "Out-of-scope detector: mahalanobis, msp or none.")
    oos_accept: float = _opt(0.99, "Share of in-scope dev texts the out-of-scope threshold keeps.")
    oos_label: str = _opt(DEFAULT_OOS_LABEL, "Label returned for out-of-scope texts.")
    eval_batch_size: int = _opt(128, "Batch size for dev/test evaluation.")
    seed: int = _opt(13, "Random seed (initialisation, dropout, batch order, dev split).")
    threads: int = _opt(0, "torch threads (0: torch's default, one per core).")
    max_minutes: float = _opt(0.0, "Stop training after this many minutes, keeping the best checkpoint (0: no limit).")

    def check(self) -> None:
        if self.oos_method not in OOD_METHODS:
            raise ValueError(f"oos_method must be one of {', '.join(OOD_METHODS)}, not {self.oos_method!r}")
        for name in ("batch_size", "max_epochs", "evals", "patience", "max_length", "eval_batch_size"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if not 0.0 < self.oos_accept <= 1.0:
            raise ValueError("oos_accept must be in (0, 1]")
        if not 0.0 < self.dev_fraction < 1.0:
            raise ValueError("dev_fraction must be between 0 and 1")
        if self.train_precision not in ("auto", "fp32", "bf16"):
            raise ValueError(f"train_precision must be auto, fp32 or bf16, not {self.train_precision!r}")


CONFIG_HELP: dict[str, str] = {f.name: f.metadata["help"] for f in fields(TrainConfig)}


@dataclass
class Splits:
    train: LabelledTexts
    dev: LabelledTexts
    test: LabelledTexts | None
    labels: list[str]
    sources: dict[str, str]


@dataclass
class TrainResult:
    folder: Path
    metrics: dict[str, Any]
    train_seconds: float
    total_seconds: float
    history: list[dict[str, Any]]


class DataError(ValueError):
    """The labelled data cannot train a classifier (too few labels, unknown labels in dev/test, ...)."""


# --- data --------------------------------------------------------------------------------------------


def _load(path: Path, config: TrainConfig, role: str) -> LabelledTexts:
    data = load_labelled_texts(Path(path), config.text_col, config.label_col)
    if data.kept == 0:
        raise LoadError(f"{path}: no usable {role} rows ({len(data.rejects)} rejected, e.g. empty text or label)")
    return data


def _subset(data: LabelledTexts, index: list[int]) -> LabelledTexts:
    return LabelledTexts(texts=[data.texts[i] for i in index], labels=[data.labels[i] for i in index], rows=len(index))


def load_splits(train: Path, dev: Path | None, test: Path | None, config: TrainConfig) -> Splits:
    """Read the splits; hold out a stratified dev share of train when ``dev`` is None."""
    train_data = _load(train, config, "training")
    sources = {"train": str(train)}
    if dev is not None:
        dev_data = _load(dev, config, "dev")
        sources["dev"] = str(dev)
    else:
        rng = random.Random(config.seed)
        by_label: dict[str, list[int]] = {}
        for i, label in enumerate(train_data.labels):
            by_label.setdefault(label, []).append(i)
        dev_index: list[int] = []
        for label in sorted(by_label):
            rows = by_label[label]
            rng.shuffle(rows)
            if len(rows) >= 2:
                dev_index += rows[: max(1, round(config.dev_fraction * len(rows)))]
        held = set(dev_index)
        dev_data = _subset(train_data, sorted(held))
        train_data = _subset(train_data, [i for i in range(len(train_data.texts)) if i not in held])
        sources["dev"] = f"{config.dev_fraction:.0%} of train (seed {config.seed})"
    labels = train_data.label_names
    if len(labels) < 2:
        raise DataError(f"{train}: a classifier needs at least 2 labels in {config.label_col!r}, found {labels}")
    test_data = _load(test, config, "test") if test is not None else None
    if test is not None:
        sources["test"] = str(test)
    for role, data in (("dev", dev_data), ("test", test_data)):
        unknown = sorted(set(data.labels) - set(labels)) if data is not None else []
        if unknown:
            raise DataError(f"{role} has labels that train does not: {', '.join(unknown[:10])}")
    return Splits(train_data, dev_data, test_data, labels, sources)


def _length_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        part = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches += [part[j : j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches


# --- model -------------------------------------------------------------------------------------------


def _seed_everything(seed: int) -> None:
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _build_model(backbone: Path, labels: list[str], config: TrainConfig):  # noqa: ANN202
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    with quiet_transformers():  # the "classifier weights newly initialised" notice is expected
        tokenizer = AutoTokenizer.from_pretrained(backbone)
        model = AutoModelForSequenceClassification.from_pretrained(
            backbone,
            num_labels=len(labels),
            id2label=dict(enumerate(labels)),
            label2id={label: i for i, label in enumerate(labels)},
        )
    if config.freeze_embeddings:
        model.get_input_embeddings().requires_grad_(False)
    if config.freeze_backbone:
        for name, param in model.base_model.named_parameters():
            param.requires_grad_("pooler" in name)
    return tokenizer, model


def _optimizer(model: torch.nn.Module, config: TrainConfig) -> torch.optim.Optimizer:
    import torch

    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if param.requires_grad:
            (no_decay if param.ndim < 2 or "LayerNorm" in name or "norm" in name.lower() else decay).append(param)
    groups = [{"params": decay, "weight_decay": config.weight_decay}, {"params": no_decay, "weight_decay": 0.0}]
    try:  # the fused CPU kernel makes the update several times cheaper
        return torch.optim.AdamW(groups, lr=config.lr, fused=True)
    except (RuntimeError, TypeError):
        return torch.optim.AdamW(groups, lr=config.lr)


def _trainable_copy(model) -> dict[str, Any]:  # noqa: ANN001
    """The weights that training changes (frozen ones never do): a cheap checkpoint."""
    return {name: p.detach().clone() for name, p in model.named_parameters() if p.requires_grad}


def _lr_lambda(planned: int, warmup: float):  # noqa: ANN202
    warm = max(1, int(planned * warmup))
    return lambda step: (step + 1) / warm if step < warm else max(0.0, (planned - step) / max(1, planned - warm))


def evaluate(model, tokenizer, data: LabelledTexts, labels: list[str], config: TrainConfig, bf16: bool = False) -> dict[str, Any]:  # noqa: ANN001
    """Closed-set accuracy, macro-F1 and mean cross-entropy on labelled data."""
    from sklearn.metrics import f1_score

    output = forward_texts(model, tokenizer, data.texts, config.eval_batch_size, config.max_length, bf16)
    index = {label: i for i, label in enumerate(labels)}
    gold = np.array([index[label] for label in data.labels])
    pred = output.probs.argmax(1)
    loss = float(-np.log(np.clip(output.probs[np.arange(len(gold)), gold], 1e-12, None)).mean())
    return {
        "accuracy": float((pred == gold).mean()),
        "macro_f1": float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0)),
        "loss": loss,
        "output": output,
        "gold": gold,
        "pred": pred,
    }


# --- training ----------------------------------------------------------------------------------------


def train_intent_model(
    config: TrainConfig,
    train: Path,
    out_dir: Path,
    dev: Path | None = None,
    test: Path | None = None,
    backbone: Path | None = None,
    progress: bool = True,
) -> TrainResult:
    """Fine-tune, pick the best dev checkpoint, fit the out-of-scope detector, evaluate on test
    (or dev without a test file) and write the self-contained model folder ``out_dir``."""
    import torch

    config.check()
    started = time.perf_counter()
    if backbone is None:
        from encoders.settings import get_settings

        backbone = get_settings().embedding_model_path()
    if config.threads:
        torch.set_num_threads(config.threads)
    splits = load_splits(train, dev, test, config)
    labels = splits.labels
    label_index = {label: i for i, label in enumerate(labels)}

    _seed_everything(config.seed)
    tokenizer, model = _build_model(Path(backbone), labels, config)
    encoded = tokenizer(splits.train.texts, truncation=True, max_length=config.max_length)["input_ids"]
    targets = torch.tensor([label_index[label] for label in splits.train.labels])
    steps_per_epoch = math.ceil(len(encoded) / config.batch_size)
    planned = max(config.max_epochs * steps_per_epoch, min(config.min_steps, 50 * steps_per_epoch))
    eval_every = max(1, math.ceil(planned / config.evals))
    optimizer = _optimizer(model, config)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, _lr_lambda(planned, config.warmup))
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=config.label_smoothing)
    rng = random.Random(config.seed)
    pad = tokenizer.pad_token_id or 0
    train_bf16 = config.train_precision == "bf16" or (config.train_precision == "auto" and _native_bf16())

    best: dict[str, Any] = {"macro_f1": -1.0, "loss": math.inf, "step": 0}
    best_state: dict[str, Any] = {}
    history: list[dict[str, Any]] = []
    stale, step, stop_reason = 0, 0, "planned steps done"
    bar = tqdm(total=planned, desc="train-intent", unit="step", disable=not progress)
    train_started = time.perf_counter()
    while step < planned and stop_reason == "planned steps done":
        for batch in _length_batches([len(e) for e in encoded], config.batch_size, rng):
            model.train()
            input_ids, attention = pad_batch([encoded[i] for i in batch], pad)
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=train_bf16):
                logits = model(input_ids=input_ids, attention_mask=attention).logits
            loss = loss_fn(logits.float(), targets[batch])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            bar.update(1)
            if step % eval_every == 0 or step == planned:
                scores = evaluate(model, tokenizer, splits.dev, labels, config)
                record = {
                    "step": step, "epoch": round(step / steps_per_epoch, 2), "train_loss": round(loss.item(), 4),
                    "dev_accuracy": round(scores["accuracy"], 4), "dev_macro_f1": round(scores["macro_f1"], 4),
                    "dev_loss": round(scores["loss"], 4), "seconds": round(time.perf_counter() - train_started, 1),
                }
                history.append(record)
                bar.set_postfix(dev_acc=record["dev_accuracy"], dev_loss=record["dev_loss"])
                improved = scores["macro_f1"] > best["macro_f1"] + 1e-4 or (
                    scores["macro_f1"] >= best["macro_f1"] - 1e-9 and scores["loss"] < best["loss"]
                )
                if improved:
                    best = {"macro_f1": scores["macro_f1"], "loss": scores["loss"], "step": step}
                    best_state = _trainable_copy(model)
                    stale = 0
                else:
                    stale += 1
                    if stale >= config.patience:
                        stop_reason = f"early stop: no dev improvement in {config.patience} evaluations"
            if config.max_minutes and time.perf_counter() - train_started > 60.0 * config.max_minutes:
                stop_reason = f"time limit of {config.max_minutes} minutes"
            if step >= planned or stop_reason != "planned steps done":
                break
    bar.close()
    model.load_state_dict(best_state, strict=False)
    train_seconds = time.perf_counter() - train_started

    # Out-of-scope detector: fitted on train, calibrated on in-scope dev.
    train_out = forward_texts(model, tokenizer, splits.train.texts, config.eval_batch_size, config.max_length)
    detector = OODDetector.fit(config.oos_method, train_out.features, targets.numpy(), len(labels))
    dev_scores = evaluate(model, tokenizer, splits.dev, labels, config)
    detector.calibrate(detector.score(dev_scores["output"]), config.oos_accept)

    eval_split, eval_data = ("test", splits.test) if splits.test is not None else ("dev", splits.dev)
    final = dev_scores if eval_split == "dev" else evaluate(model, tokenizer, eval_data, labels, config)
    metrics = _metrics(final, labels, detector, eval_split)
    metrics["dev"] = {"accuracy": dev_scores["accuracy"], "macro_f1": dev_scores["macro_f1"], "loss": dev_scores["loss"]}
    # The faster inference precisions get their own threshold, calibrated on dev the same way.
    metrics["by_precision"] = {"fp32": {k: metrics[k] for k in ("accuracy", "macro_f1", "in_scope_accuracy")}}
    for precision in ("bf16", "int8"):
        if precision == "bf16" and not _native_bf16():
            continue
        fast, bf16 = for_precision(model, precision)
        dev_fast = evaluate(fast, tokenizer, splits.dev, labels, config, bf16)
        detector.calibrate(detector.score(dev_fast["output"]), config.oos_accept, precision)
        fast_final = dev_fast if eval_split == "dev" else evaluate(fast, tokenizer, eval_data, labels, config, bf16)
        summary = _metrics(fast_final, labels, detector.use(precision), eval_split)
        metrics["by_precision"][precision] = {k: summary[k] for k in ("accuracy", "macro_f1", "in_scope_accuracy")}
    detector.use("fp32")

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    with quiet_transformers():
        model.save_pretrained(out_dir)
        tokenizer.save_pretrained(out_dir)
    (out_dir / LABELS_FILE).write_text(json.dumps({"labels": labels, "oos_label": config.oos_label}, indent=2) + "\n")
    detector.save(out_dir)
    total_seconds = time.perf_counter() - started
    training = {
        "config": asdict(config),
        "backbone": str(backbone),
        "data": splits.sources,
        "rows": {"train": splits.train.kept, "dev": splits.dev.kept, "test": splits.test.kept if splits.test else 0},
        "rejected_rows": {"train": len(splits.train.rejects), "dev": len(splits.dev.rejects),
                          "test": len(splits.test.rejects) if splits.test else 0},
        "label_counts": dict(sorted(Counter(splits.train.labels).items())),
        "train_precision": "bf16" if train_bf16 else "fp32",
        "steps_per_epoch": steps_per_epoch, "planned_steps": planned, "eval_every": eval_every,
        "steps": step, "best_step": best["step"], "stop_reason": stop_reason, "history": history,
        "ood": {"method": detector.method, "thresholds": detector.thresholds, "accept": detector.accept},
        "train_seconds": round(train_seconds, 2), "total_seconds": round(total_seconds, 2),
        "torch_threads": torch.get_num_threads(),
        "versions": {"python": platform.python_version(), "torch": torch.__version__, "transformers": _version("transformers")},
    }
    (out_dir / "training.json").write_text(json.dumps(training, indent=2) + "\n")
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    _confusion_png(final["gold"], final["pred"], labels, out_dir / "confusion_matrix.png", eval_split)
    return TrainResult(out_dir, metrics, train_seconds, total_seconds, history)


def _metrics(scores: dict[str, Any], labels: list[str], detector: OODDetector, split: str) -> dict[str, Any]:
    from sklearn.metrics import precision_recall_fscore_support

    gold, pred = scores["gold"], scores["pred"]
    present = sorted(set(gold) | set(pred))
    precision, recall, f1, support = precision_recall_fscore_support(gold, pred, labels=present, zero_division=0)
    rejected = detector.score(scores["output"]) > detector.threshold
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


def _confusion_png(gold: np.ndarray, pred: np.ndarray, labels: list[str], path: Path, split: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from sklearn.metrics import confusion_matrix

    matrix = confusion_matrix(gold, pred, labels=list(range(len(labels))))
    size = max(6.0, 0.32 * len(labels) + 2.0)
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
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (else bf16 is emulated and slow)."""
    import torch

    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:
        return False


def _version(package: str) -> str:
    from importlib.metadata import version

    try:
        return version(package)
    except Exception:  # noqa: BLE001
        return "unknown"

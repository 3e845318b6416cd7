"""Fine-tune the intent head and write its self-contained model folder.

:func:`train_intent_model` does four jobs, one function each: read the splits
(:mod:`encoders.intent.splits`), prepare the starting network (backbone + prototype head,
:mod:`encoders.intent.net`), train until dev stops improving with a small learning-rate search
(:mod:`encoders.intent.loop`), and fit + calibrate the out-of-scope detector on train and in-scope dev
(:mod:`encoders.intent.ood`) before writing the folder. Every hyper-parameter is a field of
:class:`TrainConfig`; every choice made on dev, and its dev score, goes to ``training.json``.

Defaults and why: fp32 training, because bf16 autocast is emulated on CPUs without native bf16
(AVX512-BF16/AMX): measured on this project's 2-core machine at 10.7-17.5 s per batch of 32 against
0.37 s in fp32; trainable word embeddings, because freezing them saved no time per step in the same
measurement. Whether either changes dev accuracy cannot be measured on the shared machine (bf16 is
emulated there); both are options (``--train-precision``, ``--freeze-embeddings``) recorded in
``training.json``, and ``--device cuda`` trains on a GPU, where bf16 autocast is native. Measured
there (one H100, CLINC150, defaults but ``--max-minutes 0``, seeds 13 / 7): best dev macro-F1 fp32
0.9758 / 0.9735, bf16 0.9762 / 0.9753, fp32 with frozen embeddings 0.9755 / 0.9759, bf16 with frozen
embeddings 0.9766 / 0.9739; the seed moves it more than either choice, so the defaults stay. Only the
fine-tuning runs on that device: the network comes back to the CPU before the out-of-scope detector
is fitted and calibrated (every inference precision, as the CPU will run it), the test split is
scored and the folder is written, so the folder is the same kind of CPU folder whichever device
trained it.
The test file is loaded with the splits (so a bad file fails before training) but used only after
training and calibration are done.
"""

from __future__ import annotations

import json
import platform
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np

from encoders.intent.classifier import DEFAULT_OOS_LABEL, LABELS_FILE, for_precision, quiet_transformers
from encoders.intent.ood import OOD_METHODS, OODDetector, dev_rejection
from encoders.intent.splits import DataError, Splits, load_splits
from encoders.threads import torch_threads

__all__ = ["CONFIG_HELP", "DEVICES", "DataError", "TrainConfig", "TrainResult", "train_intent_model"]

DEVICES: tuple[str, ...] = ("cpu", "cuda")


def _opt(default: Any, help: str) -> Any:  # noqa: A002 - help text shown by the CLI
    return field(default=default, metadata={"help": help})


@dataclass
class TrainConfig:
    """Every hyper-parameter of a training run; saved to ``training.json`` in the model folder."""

    text_col: str = _opt("utterance", "Column (CSV) or key (JSONL) holding the text.")
    label_col: str = _opt("intent", "Column or key holding the intent label.")
    max_length: int = _opt(64, "Truncate texts to this many tokens.")
    batch_size: int = _opt(32, "Training batch size.")
    lr: float = _opt(1e-4, "Peak learning rate of AdamW (the first candidate of the search).")
    lr_search: int = _opt(3, "Learning-rate candidates tried on dev (lr, 2*lr, lr/2, ...); 1: no search.")
    search_share: float = _opt(0.3, "Share of --max-minutes the learning-rate search may spend.")
    head_lr_mult: float = _opt(10.0, "The head's learning rate as a multiple of the backbone's.")
    weight_decay: float = _opt(0.01, "AdamW weight decay (not applied to biases and norms).")
    warmup: float = _opt(0.1, "Share of the first epoch spent warming the learning rate up.")
    max_epochs: int = _opt(30, "Epoch cap (a generous bound: early stopping decides).")
    evals_per_epoch: int = _opt(2, "Dev evaluations per epoch (early stopping and plateaus).")
    patience: int = _opt(3, "Stop after this many dev evaluations in a row without improvement.")
    plateau_factor: float = _opt(0.5, "Multiply the learning rate by this after an evaluation without improvement.")
    label_smoothing: float = _opt(0.0, "Label smoothing of the cross-entropy loss.")
    train_precision: str = _opt("fp32", "fp32, or bf16 autocast (fast only on CPUs with native bf16; emulated elsewhere).")
    freeze_embeddings: bool = _opt(False, "Keep the word-embedding matrix fixed (no faster per step in our measurement).")
    freeze_backbone: bool = _opt(False, "Train only the head over the frozen encoder's vectors: seconds instead of minutes.")
    dev_fraction: float = _opt(0.1, "Share of train held out as dev when no dev file is given.")
    oos_method: str = _opt("combined", f"Out-of-scope detector: {', '.join(OOD_METHODS)}.")
    oos_budget: float = _opt(0.05, "Rejection budget: the share of in-scope texts that may be called out of scope "
                                   "(dev is calibrated to reject less, by the sampling error of its size).")
    oos_label: str = _opt(DEFAULT_OOS_LABEL, "Label returned for out-of-scope texts.")
    eval_batch_size: int = _opt(128, "Batch size for dev/test evaluation.")
    seed: int = _opt(13, "Random seed (initialisation, dropout, batch order, dev split).")
    threads: int = _opt(0, "torch threads while training (0: torch's default, one per core); restored afterwards.")
    max_minutes: float = _opt(15.0, "Wall-clock cap on training in minutes, best checkpoint kept, reported when it binds (0: none).")
    device: str = _opt("cpu", f"Device that fine-tunes: {', '.join(DEVICES)} (calibration, test and folder stay on CPU).")

    def check(self) -> None:
        if self.oos_method not in OOD_METHODS:
            raise ValueError(f"oos_method must be one of {', '.join(OOD_METHODS)}, not {self.oos_method!r}")
        for name in ("batch_size", "max_epochs", "evals_per_epoch", "patience", "max_length", "eval_batch_size", "lr_search"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if not 0.0 <= self.oos_budget < 1.0:
            raise ValueError("oos_budget must be in [0, 1)")
        if not 0.0 < self.dev_fraction < 1.0:
            raise ValueError("dev_fraction must be between 0 and 1")
        if not 0.0 < self.plateau_factor <= 1.0:
            raise ValueError("plateau_factor must be in (0, 1]")
        if self.train_precision not in ("fp32", "bf16"):
            raise ValueError(f"train_precision must be fp32 or bf16, not {self.train_precision!r}")
        if self.device not in DEVICES:
            raise ValueError(f"device must be one of {', '.join(DEVICES)}, not {self.device!r}")
        if self.device == "cuda":
            import torch

            if not torch.cuda.is_available():
                raise ValueError("device cuda was asked for, but torch finds no CUDA GPU (torch.cuda.is_available() "
                                 f"is False; torch {torch.__version__}): train with --device cpu")


CONFIG_HELP: dict[str, str] = {f.name: f.metadata["help"] for f in fields(TrainConfig)}


@dataclass
class TrainResult:
    folder: Path
    metrics: dict[str, Any]
    train_seconds: float
    total_seconds: float
    history: list[dict[str, Any]]


def train_intent_model(
    config: TrainConfig,
    train: Path,
    out_dir: Path,
    dev: Path | None = None,
    test: Path | None = None,
    backbone: Path | None = None,
    progress: bool = True,
) -> TrainResult:
    """Fine-tune until dev stops improving, fit and calibrate the out-of-scope detector on train and
    in-scope dev, evaluate on test (or dev without a test file) and write the folder ``out_dir``.
    The test file is used only after training and calibration are done."""
    config.check()
    started = time.perf_counter()
    backbone = Path(backbone) if backbone is not None else _default_backbone()
    splits = load_splits(train, dev, test, text_col=config.text_col, label_col=config.label_col,
                         dev_fraction=config.dev_fraction, seed=config.seed)
    with torch_threads(config.threads or None):
        tokenizer, start, start_features = prepare_start(backbone, splits, config)
        run, searched, train_seconds = fine_tune(config, splits, tokenizer, start, start_features, progress)
        detector, dev_scores, calibration = fit_detector(run.net, tokenizer, splits, config)
        metrics = write_folder(Path(out_dir), run.net, tokenizer, splits, config, detector, dev_scores)
        versions = _versions(config.device)  # inside the block: the thread count training ran with
    training = {
        "config": asdict(config), "backbone": str(backbone), "data": splits.sources,
        "rows": {"train": splits.train.kept, "dev": splits.dev.kept, "test": splits.test.kept if splits.test else 0},
        "rejected_rows": {"train": len(splits.train.rejects), "dev": len(splits.dev.rejects),
                          "test": len(splits.test.rejects) if splits.test else 0},
        "label_counts": dict(sorted(Counter(splits.train.labels).items())),
        "choices": {"lr_search": searched, "lr": run.lr, "train_precision": config.train_precision,
                    "freeze_embeddings": config.freeze_embeddings, "best_step": run.best_step,
                    "best_dev_macro_f1": run.plateau.best_f1, "ood": calibration},
        "steps": run.step, "best_step": run.best_step, "stop_reason": run.stop_reason, "history": run.history,
        "train_seconds": round(train_seconds, 2), "total_seconds": round(time.perf_counter() - started, 2),
        "versions": versions,
    }
    (Path(out_dir) / "training.json").write_text(json.dumps(training, indent=2) + "\n")
    return TrainResult(Path(out_dir), metrics, train_seconds, training["total_seconds"], run.history)


def _default_backbone() -> Path:
    from encoders.settings import get_settings

    return get_settings().embedding_model_path()


def prepare_start(backbone: Path, splits: Splits, config: TrainConfig):  # noqa: ANN201
    """(tokenizer, the starting network, its training-text vectors): the backbone with the chosen
    parts frozen and the head initialised as a prototype classifier over those vectors."""
    import torch
    from transformers import AutoTokenizer

    from encoders.intent.net import IntentNet, forward_texts, load_backbone

    torch.manual_seed(config.seed)
    with quiet_transformers():
        tokenizer = AutoTokenizer.from_pretrained(backbone)
    net = IntentNet(load_backbone(backbone), len(splits.labels)).to(config.device)
    if config.freeze_embeddings:
        net.backbone.get_input_embeddings().requires_grad_(False)
    if config.freeze_backbone:
        net.backbone.requires_grad_(False)
    index = {label: i for i, label in enumerate(splits.labels)}
    features = forward_texts(net, tokenizer, splits.train.texts, config.eval_batch_size, config.max_length).features
    net.init_prototypes(features, np.array([index[label] for label in splits.train.labels]))
    return tokenizer, net, features


def fine_tune(config: TrainConfig, splits: Splits, tokenizer, start, start_features, progress: bool):  # noqa: ANN001, ANN201
    """(the trained run with its best checkpoint restored and its network back on the CPU, the
    learning-rate search, seconds)."""
    from encoders.intent.loop import Trainer, search_and_train

    trainer = Trainer(config, splits, tokenizer, start, progress, start_features)
    trainer.bf16 = config.train_precision == "bf16"
    run, searched = search_and_train(trainer)
    seconds = trainer.elapsed()
    run.net.to("cpu")
    return run, searched, seconds


def fit_detector(net, tokenizer, splits: Splits, config: TrainConfig):  # noqa: ANN001, ANN201
    """The out-of-scope detector: fitted on train features, every method calibrated on in-scope dev
    for every inference precision. Returns (detector, fp32 dev scores, the dev choices)."""
    from encoders.intent.loop import evaluate
    from encoders.intent.net import forward_texts

    index = {label: i for i, label in enumerate(splits.labels)}
    gold = np.array([index[label] for label in splits.dev.labels])
    train_out = forward_texts(net, tokenizer, splits.train.texts, config.eval_batch_size, config.max_length)
    train_gold = np.array([index[label] for label in splits.train.labels])
    detector = OODDetector.fit(config.oos_method, train_out.features, train_gold, len(splits.labels))
    dev_scores: dict[str, Any] = {}
    for precision in _inference_precisions():
        model, bf16 = for_precision(net, precision)
        scores = evaluate(model, tokenizer, splits.dev.texts, gold, config.eval_batch_size, config.max_length, bf16)
        detector.calibrate(scores["output"], precision, config.oos_budget)
        dev_scores[precision] = scores
    calibration = {
        "rule": f"rejection budget {config.oos_budget}: reject {dev_rejection(len(gold), config.oos_budget):.4f} of in-scope dev "
                "(the budget less two standard errors of a share estimated from dev's size, at most half the budget)",
        "method": detector.method, "dev_texts": splits.dev.kept, "thresholds": detector.thresholds,
        "spread": detector.spread,
    }
    return detector, dev_scores, calibration


def write_folder(out_dir: Path, net, tokenizer, splits: Splits, config: TrainConfig,  # noqa: ANN001
                 detector: OODDetector, dev_scores: dict[str, Any]) -> dict[str, Any]:
    """Weights, tokenizer, labels, detector, metrics.json and the two figures; returns the metrics."""
    from encoders.intent.folder_report import confusion_png, dev_curve_png, split_metrics
    from encoders.intent.loop import evaluate

    out_dir.mkdir(parents=True, exist_ok=True)
    with quiet_transformers():
        net.save(out_dir)
        tokenizer.save_pretrained(out_dir)
    (out_dir / LABELS_FILE).write_text(json.dumps({"labels": splits.labels, "oos_label": config.oos_label}, indent=2) + "\n")
    detector.save(out_dir)
    index = {label: i for i, label in enumerate(splits.labels)}
    dev = dev_scores["fp32"]
    split, final = "dev", dev
    if splits.test is not None:
        gold = np.array([index[label] for label in splits.test.labels])
        split, final = "test", evaluate(net, tokenizer, splits.test.texts, gold, config.eval_batch_size, config.max_length)
    metrics = split_metrics(final, splits.labels, detector.use("fp32"), split)
    metrics["dev"] = {k: dev[k] for k in ("accuracy", "macro_f1", "loss")}
    metrics["dev_operating_points"] = dev_curve_png(detector, dev["output"], dev["pred"] == dev["gold"],
                                                    out_dir / "ood_dev_curve.png")
    metrics["by_precision"] = {p: {"dev_accuracy": s["accuracy"], "dev_macro_f1": s["macro_f1"]} for p, s in dev_scores.items()}
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    confusion_png(final["gold"], final["pred"], splits.labels, out_dir / "confusion_matrix.png", split)
    return metrics


def _inference_precisions() -> list[str]:
    return ["fp32", "bf16", "int8"] if native_bf16() else ["fp32", "int8"]


def _versions(device: str = "cpu") -> dict[str, str]:
    from importlib.metadata import version

    import torch

    versions = {"python": platform.python_version(), "torch": torch.__version__, "transformers": version("transformers"),
                "torch_threads": str(torch.get_num_threads())}
    if device == "cuda":
        versions["gpu"] = torch.cuda.get_device_name()
    return versions


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (else bf16 is emulated and slow)."""
    import torch

    try:
        return bool(torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported())
    except AttributeError:
        return False

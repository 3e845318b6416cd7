"""Benchmark of the intent head: accuracy, macro-F1, out-of-scope rejection, training time, throughput.

Works on any labelled CSV/TSV/JSONL intent data set (text and label column names are parameters).

Out-of-scope (OOS) texts come from ``--oos`` (a ``.txt`` file with one text per line, or a CSV/JSONL
file whose text column is used and whose labels, if any, are ignored). Without it the built-in set is
used: ``eval/data/oos.txt`` (chit-chat, general questions, requests for other services, product
titles, written for Portrait) plus product titles from the synthetic catalogue. None of these texts is
seen in training or calibration: the rejection threshold is calibrated on in-scope dev data only.

Report keys: ``accuracy`` and ``macro_f1`` (closed set: the best known intent, no rejection, on test),
``in_scope_accuracy`` (on test, with rejection: a rejected in-scope text counts as wrong),
``oos_recall`` (share of OOS texts returned as ``other``), ``train_seconds`` (fine-tuning wall time
incl. dev evaluations), ``utterances_per_s`` (best of five timed passes of
``IntentClassifier.predict`` over at least 2,000 test texts at batch 64, tokenisation and OOS scoring
included; the median is in ``throughput``). Headline numbers are for one inference precision
(``fp32`` by default); ``precisions`` holds the same numbers for bf16 and int8.

``detectors`` compares every out-of-scope detector of the head (:mod:`eval.intent_detectors`: AUROC,
FPR at 95% in-scope acceptance, figures at the dev-calibrated operating point; the trade-off curve is
``ood_curve.png`` in the model folder and beside the report), ``baselines`` the frozen-vector
references (:mod:`eval.intent_baselines`), ``training`` every choice made on dev and its score.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from encoders.data.adapters.bitext import load_labelled_texts
from encoders.data.readers import LoadError, iter_records
from encoders.intent.classifier import PRECISIONS, IntentClassifier
from encoders.intent.training import TrainConfig, native_bf16, train_intent_model
from encoders.threads import torch_threads

BUILTIN_OOS = Path(__file__).parent / "data" / "oos.txt"
CATALOGUE_TITLES = 150


@dataclass
class OOSSet:
    texts: list[str]
    sources: list[str]  # where each text came from


def read_text_lines(path: Path) -> list[str]:
    """Non-empty lines of a text file, without ``#`` comment lines."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def load_oos(path: Path | None, text_col: str = "utterance", catalogue_titles: int = CATALOGUE_TITLES) -> OOSSet:
    """OOS texts from ``path`` (.txt lines or the text column of a CSV/JSONL), or the built-in set."""
    if path is None:
        from encoders.data.synthetic import product_titles

        builtin = read_text_lines(BUILTIN_OOS)
        titles = product_titles(catalogue_titles, seed=7) if catalogue_titles else []
        return OOSSet(builtin + titles, ["builtin"] * len(builtin) + ["catalogue_title"] * len(titles))
    path = Path(path)
    if path.suffix.lower() == ".txt":
        texts = read_text_lines(path)
    else:
        records = [record for _, record in iter_records(path) if isinstance(record, dict)]
        if records and not any(text_col in record for record in records):
            raise LoadError(f"{path}: no column {text_col!r} for out-of-scope texts; columns: {', '.join(records[0])}")
        texts = [str(record[text_col]).strip() for record in records if str(record.get(text_col) or "").strip()]
    if not texts:
        raise LoadError(f"{path}: no out-of-scope texts")
    return OOSSet(texts, [path.name] * len(texts))


def measure_throughput(classifier: IntentClassifier, texts: list[str], batch_size: int = 64,
                       min_texts: int = 2000, repeats: int = 5) -> dict[str, Any]:
    """Utterances per second of ``classifier.predict`` at ``batch_size``: the best of ``repeats``
    timed passes (other processes can only slow a pass down, so the best pass is the least noisy
    estimate, as with ``timeit``); the median is reported too."""
    pool = (list(texts) * max(1, -(-min_texts // max(1, len(texts)))))[: max(min_texts, 2 * batch_size)]
    classifier.predict(pool[: 2 * batch_size], batch_size=batch_size)  # warm-up
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        classifier.predict(pool, batch_size=batch_size)
        rates.append(len(pool) / (time.perf_counter() - started))
    return {"best": round(max(rates), 1), "median": round(statistics.median(rates), 1),
            "runs": [round(r, 1) for r in rates], "texts": len(pool), "batch_size": batch_size}


def evaluate_classifier(classifier: IntentClassifier, test: Any, oos_set: OOSSet, throughput_texts: int = 2000) -> dict[str, Any]:
    """Closed-set and open-set quality on ``test`` and ``oos_set``, and throughput."""
    from sklearn.metrics import f1_score

    unknown = sorted(set(test.labels) - set(classifier.labels))
    if unknown:
        raise ValueError(f"test has labels the model does not know: {', '.join(unknown[:10])}")
    details = classifier.predict_details(test.texts)
    gold = test.labels
    top = [p.top_intent for p in details]
    oos_details = classifier.predict_details(oos_set.texts)
    rejected = [p.label == classifier.oos_label for p in oos_details]
    by_source = {}
    for source in dict.fromkeys(oos_set.sources):
        flags = [r for r, s in zip(rejected, oos_set.sources) if s == source]
        by_source[source] = {"n": len(flags), "recall": round(float(np.mean(flags)), 4)}
    speed = measure_throughput(classifier, test.texts, batch_size=64, min_texts=throughput_texts)
    return {
        "accuracy": round(float(np.mean([t == g for t, g in zip(top, gold)])), 4),
        "macro_f1": round(float(f1_score(gold, top, average="macro", labels=sorted(set(gold)), zero_division=0)), 4),
        "oos_recall": round(float(np.mean(rejected)), 4),
        "in_scope_accuracy": round(float(np.mean([p.label == g for p, g in zip(details, gold)])), 4),
        "in_scope_rejected": round(float(np.mean([p.out_of_scope for p in details])), 4),
        "utterances_per_s": speed["best"],
        "throughput": speed,
        "oos_by_source": by_source,
        "oos_accepted_examples": [(t, p.label, round(p.prob, 3))
                                  for t, p, r in zip(oos_set.texts, oos_details, rejected) if not r][:15],
        "threshold": classifier.detector.threshold(),
    }


def _quality_sections(headline: dict[str, Any], precisions: dict[str, Any], training: dict[str, Any]) -> dict[str, Any]:
    train_seconds = training.get("train_seconds")
    return {
        **{k: headline[k] for k in ("accuracy", "macro_f1", "oos_recall", "in_scope_accuracy", "in_scope_rejected")},
        "train_seconds": None if train_seconds is None else round(float(train_seconds), 1),
        "utterances_per_s": headline["utterances_per_s"],
        "precision": next(iter(precisions)),
        "throughput": headline["throughput"],
        "oos_by_source": headline["oos_by_source"],
        "oos_accepted_examples": headline["oos_accepted_examples"],
        "precisions": {p: {k: m[k] for k in ("accuracy", "macro_f1", "oos_recall", "in_scope_accuracy", "utterances_per_s")}
                       | {"utterances_per_s_median": m["throughput"]["median"]} for p, m in precisions.items()},
    }


def _default_model_dir(out: Path) -> Path:
    from encoders.settings import get_settings

    return get_settings().home / "models" / Path(out).stem


def _train(train: Path | None, dev: Path | None, test: Path, model_out: Path, config: TrainConfig,
           backbone: Path | None, progress: bool) -> Path:
    if train is None:
        raise ValueError("give --train (and --dev) to train a model, or --model to evaluate a trained one")
    train_intent_model(config, Path(train), model_out, dev=dev, test=test, backbone=backbone, progress=progress)
    return model_out


def _training_sections(training: dict[str, Any], config: TrainConfig) -> dict[str, Any]:
    """How the model was made: stop reason, every dev choice and the dev history."""
    return {
        "training": {k: training.get(k) for k in ("rows", "steps", "best_step", "stop_reason", "train_seconds",
                                                    "total_seconds", "versions")}
                    | {"choices": {k: v for k, v in training.get("choices", {}).items() if k != "ood"},
                       "dev_history": training.get("history")},
        "config": training.get("config", asdict(config)),
    }


def _baselines(train: Path | None, dev: Path | None, test: Any, oos_set: OOSSet, config: TrainConfig,
               backbone: Path | None) -> dict[str, Any] | None:
    """The frozen-vector references, when the run has its own train and dev files."""
    if train is None or dev is None:
        return None
    from eval.intent_baselines import frozen_baselines

    if backbone is None:
        from encoders.settings import get_settings

        backbone = get_settings().embedding_model_path()
    train_data = load_labelled_texts(Path(train), config.text_col, config.label_col)
    dev_data = load_labelled_texts(Path(dev), config.text_col, config.label_col)
    return frozen_baselines(Path(backbone), train_data, dev_data, test, oos_set.texts)


def run_intent_benchmark(
    train: Path | None,
    test: Path,
    out: Path,
    dev: Path | None = None,
    oos: Path | None = None,
    model: Path | None = None,
    model_out: Path | None = None,
    config: TrainConfig | None = None,
    backbone: Path | None = None,
    precision: str = "fp32",
    progress: bool = True,
    throughput_texts: int = 2000,
    compare_precisions: bool = True,
    baselines: bool = True,
) -> dict[str, Any]:
    """Train (or load ``model``), evaluate and time the intent head; write the JSON report to ``out``.
    The headline numbers are for ``precision``; with ``compare_precisions`` the other inference
    precisions are measured too (``precisions`` in the report). ``config.threads`` (when set) holds
    for the whole run, inference and baselines included."""
    config = config or TrainConfig()
    with torch_threads(config.threads or None):
        return _run(train, test, out, dev, oos, model, model_out, config, backbone, precision, progress,
                    throughput_texts, compare_precisions, baselines)


def _run(train: Path | None, test: Path, out: Path, dev: Path | None, oos: Path | None, model: Path | None,  # noqa: PLR0913
         model_out: Path | None, config: TrainConfig, backbone: Path | None, precision: str, progress: bool,
         throughput_texts: int, compare_precisions: bool, baselines: bool) -> dict[str, Any]:
    load_before = os.getloadavg()
    started_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    test_data = load_labelled_texts(Path(test), config.text_col, config.label_col)
    if test_data.kept == 0:
        raise LoadError(f"{test}: no usable test rows")
    oos_set = load_oos(oos, config.text_col)

    if model is None:
        model = _train(train, dev, test, Path(model_out or _default_model_dir(out)), config, backbone, progress)
    training_file = Path(model) / "training.json"
    training = json.loads(training_file.read_text()) if training_file.exists() else {}

    classifier = IntentClassifier(Path(model), precision=precision)
    headline = evaluate_classifier(classifier, test_data, oos_set, throughput_texts)
    from eval.intent_detectors import compare_detectors

    curve = Path(model) / "ood_curve.png"
    detectors = compare_detectors(classifier, test_data.texts, test_data.labels, oos_set.texts, curve)
    shutil.copyfile(curve, Path(out).with_suffix(".png"))
    references = _baselines(train, dev, test_data, oos_set, config, backbone) if baselines else None
    precisions = {precision: headline}
    for other in PRECISIONS if compare_precisions else ():
        if other != precision and (other != "bf16" or native_bf16()):
            precisions[other] = evaluate_classifier(IntentClassifier(Path(model), precision=other), test_data,
                                                    oos_set, throughput_texts)
    report: dict[str, Any] = {
        **_quality_sections(headline, precisions, training),
        "n_test": len(test_data.labels),
        "n_labels": len(classifier.labels),
        "n_oos": len(oos_set.texts),
        "oos_detector": {"method": classifier.detector.method, "threshold": headline["threshold"],
                         "calibration": training.get("choices", {}).get("ood", {}).get("rule")},
        "detectors": detectors,
        "ood_curve_png": str(curve),
        "baselines": references,
        "model": str(model),
        "data": {"train": None if train is None else str(train), "dev": None if dev is None else str(dev),
                 "test": str(test), "oos": str(oos) if oos else f"builtin: {BUILTIN_OOS.name} + {CATALOGUE_TITLES} catalogue titles",
                 "text_col": config.text_col, "label_col": config.label_col},
        **_training_sections(training, config),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "load_avg_before": [round(x, 2) for x in load_before],
                    "load_avg_after": [round(x, 2) for x in os.getloadavg()]},
        "started_at": started_at,
    }
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return report

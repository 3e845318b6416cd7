"""The labelled splits the intent head is trained, stopped and calibrated on, and its length-bucketed batches."""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from encoders.data.adapters.bitext import LabelledTexts, load_labelled_texts
from encoders.data.readers import LoadError


@dataclass
class Splits:
    train: LabelledTexts
    dev: LabelledTexts
    test: LabelledTexts | None
    labels: list[str]
    sources: dict[str, str]


class DataError(ValueError):
    """The labelled data cannot train a classifier (too few labels, unknown labels in dev/test, ...)."""


def _load(path: Path, text_col: str, label_col: str, role: str) -> LabelledTexts:
    data = load_labelled_texts(Path(path), text_col, label_col)
    if data.kept == 0:
        raise LoadError(f"{path}: no usable {role} rows ({len(data.rejects)} rejected, e.g. empty text or label)")
    return data


def _subset(data: LabelledTexts, index: list[int]) -> LabelledTexts:
    return LabelledTexts(texts=[data.texts[i] for i in index], labels=[data.labels[i] for i in index], rows=len(index))


def load_splits(
    train: Path, dev: Path | None, test: Path | None, *, text_col: str, label_col: str, dev_fraction: float, seed: int
) -> Splits:
    """Read the splits; hold out a stratified dev share of train when ``dev`` is None."""
    train_data = _load(train, text_col, label_col, "training")
    sources = {"train": str(train)}
    if dev is not None:
        dev_data = _load(dev, text_col, label_col, "dev")
        sources["dev"] = str(dev)
    else:
        rng = random.Random(seed)
        by_label: dict[str, list[int]] = {}
        for i, label in enumerate(train_data.labels):
            by_label.setdefault(label, []).append(i)
        dev_index: list[int] = []
        for label in sorted(by_label):
            rows = by_label[label]
            rng.shuffle(rows)
            if len(rows) >= 2:
                dev_index += rows[: max(1, round(dev_fraction * len(rows)))]
        held = set(dev_index)
        dev_data = _subset(train_data, sorted(held))
        train_data = _subset(train_data, [i for i in range(len(train_data.texts)) if i not in held])
        sources["dev"] = f"{dev_fraction:.0%} of train (seed {seed})"
    labels = train_data.label_names
    if len(labels) < 2:
        raise DataError(f"{train}: a classifier needs at least 2 labels in {label_col!r}, found {labels}")
    test_data = _load(test, text_col, label_col, "test") if test is not None else None
    if test is not None:
        sources["test"] = str(test)
    for role, data in (("dev", dev_data), ("test", test_data)):
        unknown = sorted(set(data.labels) - set(labels)) if data is not None else []
        if unknown:
            raise DataError(f"{role} has labels that train does not: {', '.join(unknown[:10])}")
    return Splits(train_data, dev_data, test_data, labels, sources)


def length_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        part = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches += [part[j : j + batch_size] for j in range(0, len(part), batch_size)]
    rng.shuffle(batches)
    return batches

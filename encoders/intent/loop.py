"""The fine-tuning loop of the intent head: train until dev stops improving, with a small learning-rate search.

- Schedule: linear warm-up over ``warmup`` of the first epoch, then a constant learning rate that is
  multiplied by ``plateau_factor`` after every dev evaluation without improvement (reduce on plateau).
  Nothing is planned in advance, so the learning rate never reaches zero at an arbitrary step.
- Stopping: dev is evaluated ``evals_per_epoch`` times per epoch; training stops after ``patience``
  evaluations in a row without improvement (dev macro-F1 up by more than 1e-4, or equal with a lower
  dev loss), after ``max_epochs``, or when ``max_minutes`` have passed. The best checkpoint is restored.
- Learning-rate search: ``lr_search`` candidates (``lr``, then ``2*lr``, ``lr/2``, ``4*lr`` ...) each
  train for one evaluation interval from the same start; the best dev macro-F1 goes on (nothing of it
  is thrown away), the others are dropped. A candidate is skipped when the probes already run show it
  would not fit in ``search_share`` of ``max_minutes``.
- Device: the network, the targets and every batch are on ``config.device`` (``cpu`` or ``cuda``);
  bf16 autocast uses that device's type.
"""

from __future__ import annotations

import copy
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm

from encoders.intent.net import IntentNet, forward_texts, pad_batch
from encoders.intent.splits import Splits, length_batches


@dataclass
class Plateau:
    """Early stopping and reduce-on-plateau from the sequence of dev scores."""

    patience: int
    best_f1: float = -1.0
    best_loss: float = math.inf
    stale: int = 0

    def update(self, macro_f1: float, loss: float) -> str:
        """``improved``, ``reduce`` (no improvement, keep going with a smaller step) or ``stop``."""
        if macro_f1 > self.best_f1 + 1e-4 or (macro_f1 >= self.best_f1 - 1e-9 and loss < self.best_loss * 0.99):
            self.best_f1, self.best_loss, self.stale = max(macro_f1, self.best_f1), loss, 0
            return "improved"
        self.stale += 1
        return "stop" if self.stale >= self.patience else "reduce"


@dataclass
class Run:
    """One model being trained at one peak learning rate."""

    net: IntentNet
    optimizer: torch.optim.Optimizer
    lr: float
    plateau: Plateau
    step: int = 0
    scale: float = 1.0  # learning-rate multiplier from plateaus
    best_step: int = 0
    best_state: dict[str, torch.Tensor] = field(default_factory=dict)
    history: list[dict[str, Any]] = field(default_factory=list)
    stop_reason: str = ""


def evaluate(net: torch.nn.Module, tokenizer, texts: list[str], gold: np.ndarray, batch_size: int,  # noqa: ANN001
             max_length: int, bf16: bool = False) -> dict[str, Any]:
    """Closed-set accuracy, macro-F1 and mean cross-entropy on labelled texts, plus the forward output."""
    from sklearn.metrics import f1_score

    output = forward_texts(net, tokenizer, texts, batch_size, max_length, bf16)
    pred = output.probs.argmax(1)
    loss = float(-np.log(np.clip(output.probs[np.arange(len(gold)), gold], 1e-12, None)).mean())
    return {
        "accuracy": float((pred == gold).mean()),
        "macro_f1": float(f1_score(gold, pred, average="macro", labels=sorted(set(gold)), zero_division=0)),
        "loss": loss, "output": output, "gold": gold, "pred": pred,
    }


def optimizer_for(net: IntentNet, lr: float, weight_decay: float, head_lr_mult: float) -> torch.optim.Optimizer:
    """AdamW; no decay on biases and norms; the head (already a prototype classifier) at ``head_lr_mult``."""
    groups: dict[tuple[bool, bool], list[torch.nn.Parameter]] = {}
    for name, param in net.named_parameters():
        if param.requires_grad:
            groups.setdefault((name.startswith("head."), param.ndim < 2 or "norm" in name.lower()), []).append(param)
    params = [{"params": p, "weight_decay": 0.0 if no_decay else weight_decay, "lr_mult": head_lr_mult if head else 1.0,
               "lr": lr * (head_lr_mult if head else 1.0)} for (head, no_decay), p in groups.items()]
    try:  # the fused kernel (CPU or CUDA) makes the update several times cheaper
        return torch.optim.AdamW(params, lr=lr, fused=True)
    except (RuntimeError, TypeError):
        return torch.optim.AdamW(params, lr=lr)


class Trainer:
    """Trains :class:`Run` objects on one tokenised training set and scores them on dev."""

    def __init__(self, config: Any, splits: Splits, tokenizer, start: IntentNet, progress: bool,  # noqa: ANN001
                 start_features: np.ndarray | None = None) -> None:
        self.config, self.splits, self.tokenizer, self.start = config, splits, tokenizer, start
        index = {label: i for i, label in enumerate(splits.labels)}
        self.encoded = tokenizer(splits.train.texts, truncation=True, max_length=config.max_length)["input_ids"]
        self.device = torch.device(config.device)
        self.targets = torch.tensor([index[label] for label in splits.train.labels]).to(self.device)
        self.dev_gold = np.array([index[label] for label in splits.dev.labels])
        self.steps_per_epoch = math.ceil(len(self.encoded) / config.batch_size)
        self.eval_every = max(1, math.ceil(self.steps_per_epoch / config.evals_per_epoch))
        self.warmup_steps = max(1, int(config.warmup * self.steps_per_epoch))
        self.max_steps = config.max_epochs * self.steps_per_epoch
        self.loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=config.label_smoothing)
        self.rng = random.Random(config.seed)
        self.bf16 = False
        self.started = time.perf_counter()
        self.bar = tqdm(total=self.max_steps, desc="train-intent", unit="step", disable=not progress)
        self._batches: list[list[int]] = []
        # A frozen backbone gives every text the same vector at every step: compute them once and
        # train the head alone on them (seconds instead of minutes; no dropout on the vectors).
        self.cached: torch.Tensor | None = None
        if not any(p.requires_grad for p in start.backbone.parameters()):
            if start_features is None:
                start_features = forward_texts(start, tokenizer, splits.train.texts, config.eval_batch_size,
                                               config.max_length).features
            self.cached = torch.from_numpy(start_features).to(self.device)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def out_of_time(self) -> bool:
        return bool(self.config.max_minutes) and self.elapsed() > 60.0 * self.config.max_minutes

    def new_run(self, lr: float) -> Run:
        torch.manual_seed(self.config.seed)
        net = copy.deepcopy(self.start)
        optimizer = optimizer_for(net, lr, self.config.weight_decay, self.config.head_lr_mult)
        return Run(net, optimizer, lr, Plateau(self.config.patience))

    def _next_batch(self) -> list[int]:
        if not self._batches:
            self._batches = length_batches([len(e) for e in self.encoded], self.config.batch_size, self.rng)
        return self._batches.pop()

    def _set_lr(self, run: Run) -> None:
        warm = min(1.0, (run.step + 1) / self.warmup_steps)
        for group in run.optimizer.param_groups:
            group["lr"] = run.lr * run.scale * warm * group["lr_mult"]

    def train_step(self, run: Run) -> float:
        run.net.train()
        self._set_lr(run)
        batch = self._next_batch()
        if self.cached is not None:
            logits = run.net.head(self.cached[batch])
        else:
            input_ids, attention = pad_batch([self.encoded[i] for i in batch], self.tokenizer.pad_token_id or 0)
            with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.bf16):
                logits, _ = run.net(input_ids.to(self.device), attention.to(self.device))
        loss = self.loss_fn(logits.float(), self.targets[batch])
        loss.backward()
        torch.nn.utils.clip_grad_norm_(run.net.parameters(), 1.0)
        run.optimizer.step()
        run.optimizer.zero_grad(set_to_none=True)
        run.step += 1
        self.bar.update(1)
        return float(loss.item())

    def dev_scores(self, net: torch.nn.Module, bf16: bool = False) -> dict[str, Any]:
        cfg = self.config
        return evaluate(net, self.tokenizer, self.splits.dev.texts, self.dev_gold, cfg.eval_batch_size, cfg.max_length, bf16)

    def check_dev(self, run: Run, train_loss: float) -> str:
        """Evaluate on dev, record it, keep the best checkpoint; the plateau's decision."""
        scores = self.dev_scores(run.net)
        decision = run.plateau.update(scores["macro_f1"], scores["loss"])
        run.history.append({
            "step": run.step, "epoch": round(run.step / self.steps_per_epoch, 2), "lr": run.lr * run.scale,
            "train_loss": round(train_loss, 4), "dev_accuracy": round(scores["accuracy"], 4),
            "dev_macro_f1": round(scores["macro_f1"], 4), "dev_loss": round(scores["loss"], 4),
            "seconds": round(self.elapsed(), 1), "decision": decision,
        })
        self.bar.set_postfix(lr=f"{run.lr:.0e}", dev_acc=scores["accuracy"], dev_f1=round(scores["macro_f1"], 4))
        if decision == "improved":
            run.best_step = run.step
            run.best_state = {k: v.detach().clone() for k, v in run.net.state_dict().items()}
        elif decision == "reduce":
            run.scale *= self.config.plateau_factor
        return decision

    def train(self, run: Run, until: Callable[[Run], bool]) -> Run:
        """Train ``run`` until ``until(run)`` holds or a stopping rule fires (``run.stop_reason``)."""
        loss = math.nan
        while not until(run):
            if run.step >= self.max_steps:
                run.stop_reason = f"epoch cap: {self.config.max_epochs} epochs"
                break
            if self.out_of_time():
                run.stop_reason = f"time limit: --max-minutes {self.config.max_minutes} bound after {self.elapsed() / 60:.1f} min"
                break
            loss = self.train_step(run)
            if run.step % self.eval_every == 0 or run.step == self.max_steps:
                if self.check_dev(run, loss) == "stop":
                    run.stop_reason = f"early stop: no dev improvement in {self.config.patience} evaluations"
                    break
        return run

    def finish(self, run: Run) -> Run:
        """Restore the best checkpoint."""
        self.bar.close()
        if run.best_state:
            run.net.load_state_dict(run.best_state)
        run.best_state = {}
        return run


def lr_candidates(lr: float, count: int) -> list[float]:
    """``lr``, then alternately doubled and halved: 3 -> [lr, 2lr, lr/2], 4 -> [..., 4lr]."""
    out = [lr]
    for i in range(1, count):
        power = (i + 1) // 2
        out.append(lr * 2.0**power if i % 2 else lr / 2.0**power)
    return out


def search_and_train(trainer: Trainer) -> tuple[Run, list[dict[str, Any]]]:
    """The learning-rate search, then the winner trained until a stopping rule fires."""
    cfg = trainer.config
    budget = 60.0 * cfg.max_minutes * cfg.search_share if cfg.max_minutes else math.inf
    searched: list[dict[str, Any]] = []
    best: Run | None = None
    probe_seconds: list[float] = []
    for lr in lr_candidates(cfg.lr, max(1, cfg.lr_search)):
        if best is not None and cfg.lr_search > 1 and sum(probe_seconds) + max(probe_seconds) > budget:
            searched.append({"lr": lr, "skipped": "the probe would not fit in the search budget"})
            continue
        started = time.perf_counter()
        run = trainer.train(trainer.new_run(lr), until=lambda r: r.step >= trainer.eval_every)
        probe_seconds.append(time.perf_counter() - started)
        score = run.history[-1]["dev_macro_f1"] if run.history else -1.0
        searched.append({"lr": lr, "dev_macro_f1": score, "steps": run.step, "seconds": round(probe_seconds[-1], 1)})
        if best is None or score > best.history[-1]["dev_macro_f1"]:
            best = run
        if cfg.lr_search <= 1 or run.stop_reason:
            break
    assert best is not None
    for entry in searched:
        entry["chosen"] = entry["lr"] == best.lr
    if not best.stop_reason:
        trainer.train(best, until=lambda r: False)
    return trainer.finish(best), searched

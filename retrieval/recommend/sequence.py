"""Sequence model: a small GRU over the user's recent items, each item represented by its projected
MiniLM text vector plus a learned id embedding (zero for items never seen in training, so new items
are scored from their text alone). The last hidden state is a user vector in the same item space;
trained with a full-softmax next-item loss on the training histories, early stopping on held-out
next items (``valid``), on the CPU."""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Sequence

import numpy as np
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

from encoders.threads import torch_threads
from retrieval.recommend.base import Reason, Recommender
from retrieval.recommend.data import Interaction, UserContext

log = logging.getLogger(__name__)
_MAX_VALID = 2000


class _Net(nn.Module):
    def __init__(self, text: np.ndarray, dim: int, dropout: float) -> None:
        super().__init__()
        self.register_buffer("text", torch.tensor(text, dtype=torch.float32))
        self.project = nn.Linear(text.shape[1], dim)
        self.ids = nn.Embedding(len(text), dim)
        nn.init.zeros_(self.ids.weight)
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.out = nn.Linear(dim, dim)
        self.drop = nn.Dropout(dropout)

    def table(self) -> torch.Tensor:
        return self.project(self.text) + self.ids.weight

    def forward(self, items: torch.Tensor, lengths: torch.Tensor, table: torch.Tensor) -> torch.Tensor:
        """Hidden state after every position (batch x length x dim), padding left as zeros."""
        packed = pack_padded_sequence(self.drop(table[items]), lengths.cpu(), batch_first=True, enforce_sorted=False)
        states, _ = self.gru(packed)
        states, _ = pad_packed_sequence(states, batch_first=True, total_length=items.shape[1])
        return self.out(self.drop(states))


def _batch(sequences: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
    lengths = torch.tensor([len(s) for s in sequences])
    padded = torch.zeros((len(sequences), int(lengths.max())), dtype=torch.long)
    for row, seq in enumerate(sequences):
        padded[row, : len(seq)] = torch.tensor(seq)
    return padded, lengths


class SequenceRecommender(Recommender):
    name = "sequence"
    grid = {"dim": [128], "max_len": [20], "epochs": [0], "lr": [1e-3], "dropout": [0.3], "batch": [128], "patience": [2],
            "max_epochs": [20], "pretrained": [None]}

    def _fit(self, valid: Sequence[Interaction] | None) -> None:
        # One thread: the GRU's many small steps are several times faster on one thread than on
        # two busy ones (measured on 2 shared cores).
        with torch_threads(1):
            self._fit_net(valid)

    def _fit_net(self, valid: Sequence[Interaction] | None) -> None:
        torch.manual_seed(0)
        self.net = _Net(self.fitted.catalog.vectors, int(self.params["dim"]), float(self.params["dropout"]))
        if self.params["pretrained"] is not None:
            self.net.load_state_dict(self.params["pretrained"], strict=False)
        self.trained_epochs = 0
        self.train_seconds = 0.0
        sequences = [[s.item for s in h][-int(self.params["max_len"]) - 1 :] for h in self.fitted.histories.values()]
        sequences = [s for s in sequences if len(s) >= 2]
        targets = self._targets(valid)
        fixed = int(self.params["epochs"])
        self._train(sequences, targets if fixed <= 0 else [], fixed if fixed > 0 else int(self.params["max_epochs"]))

    def _targets(self, valid: Sequence[Interaction] | None) -> list[tuple[UserContext, int]]:
        if not valid:
            return []
        index = self.fitted.catalog.index
        targets = [(self.context(v.user_id), index[v.item_id]) for v in valid if v.item_id in index and self.fitted.histories.get(v.user_id)]
        if len(targets) > _MAX_VALID:  # a fixed sample keeps each epoch's check cheap
            keep = np.random.default_rng(0).choice(len(targets), _MAX_VALID, replace=False)
            targets = [targets[i] for i in sorted(keep)]
        return targets

    def _train(self, sequences: list[list[int]], targets: list[tuple[UserContext, int]], epochs: int) -> None:
        optimiser = torch.optim.Adam(self.net.parameters(), lr=float(self.params["lr"]))
        best, best_state, waited = -1.0, None, 0
        started = time.perf_counter()
        rng = np.random.default_rng(0)
        for epoch in range(epochs):
            self.net.train()
            order = rng.permutation(len(sequences))
            for start in range(0, len(sequences), int(self.params["batch"])):
                chunk = [sequences[i] for i in order[start : start + int(self.params["batch"])]]
                self._step(optimiser, chunk)
            self.trained_epochs = epoch + 1
            if targets:
                quality = self._valid_ndcg(targets)
                log.info("sequence epoch %d: held-out NDCG@10 %.4f (%.0fs)", epoch + 1, quality, time.perf_counter() - started)
                if quality > best:
                    best, waited = quality, 0
                    best_state = {k: v.clone() for k, v in self.net.state_dict().items()}
                    self.best_epochs = epoch + 1
                else:
                    waited += 1
                    if waited >= int(self.params["patience"]):
                        break
        if best_state is not None:
            self.net.load_state_dict(best_state)
        self.train_seconds = time.perf_counter() - started
        self.net.eval()
        self._cached_table = None

    def _step(self, optimiser: torch.optim.Optimizer, chunk: list[list[int]]) -> None:
        inputs, lengths = _batch([s[:-1] for s in chunk])
        labels, _ = _batch([s[1:] for s in chunk])
        table = self.net.table()
        states = self.net(inputs, lengths, table)
        mask = torch.arange(inputs.shape[1])[None, :] < lengths[:, None]
        logits = states[mask] @ table.T
        loss = nn.functional.cross_entropy(logits, labels[mask])
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()

    def _valid_ndcg(self, targets: list[tuple[UserContext, int]]) -> float:
        """NDCG@10 of the held-out next item ranked against every item the user does not have."""
        self._cached_table = None
        gains = []
        for start in range(0, len(targets), 512):
            chunk = targets[start : start + 512]
            scores = self.scores_for([c for c, _ in chunk])
            for row, (context, item) in enumerate(chunk):
                scores[row, context.items] = -np.inf
                rank = int((scores[row] > scores[row, item]).sum())
                gains.append(1.0 / math.log2(rank + 2) if rank < 10 else 0.0)
        return float(np.mean(gains)) if gains else 0.0

    def refit_params(self) -> dict[str, object]:
        """Refitting on more data starts from the weights early stopping kept and trains one more
        epoch over everything (the model reads histories, so a user's new items need no retraining)."""
        state = {k: v.clone() for k, v in self.net.state_dict().items() if k != "text"}
        return {**self.params, "epochs": 1, "pretrained": state}

    def scores_for(self, contexts: Sequence[UserContext]) -> np.ndarray:
        with torch_threads(1), torch.no_grad():
            return self._scores_for(contexts)

    def _scores_for(self, contexts: Sequence[UserContext]) -> np.ndarray:
        self.net.eval()
        if getattr(self, "_cached_table", None) is None:
            self._cached_table = self.net.table()
        table = self._cached_table
        out = np.zeros((len(contexts), len(self.fitted.catalog)), dtype=np.float64)
        limit = int(self.params["max_len"])
        rows = [n for n, c in enumerate(contexts) if c.history]
        for start in range(0, len(rows), 512):
            chunk = rows[start : start + 512]
            inputs, lengths = _batch([contexts[n].items[-limit:] for n in chunk])
            states = self.net(inputs, lengths, table)
            last = states[torch.arange(len(chunk)), lengths - 1]
            out[chunk] = (last @ table.T).numpy()
        return out

    def _scores(self, context: UserContext) -> np.ndarray:
        return self.scores_for([context])[0]

    def _reasons(self, context: UserContext, item: int) -> list[Reason]:
        recent = context.history[-3:]
        titles = ", ".join(self.fitted.catalog.titles[s.item] for s in reversed(recent))
        return [Reason(f"often comes next after what you bought recently ({titles})", [s.event_id for s in recent])]

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state["_cached_table"] = None
        state["params"] = {**self.params, "pretrained": None}  # the weights are in the net
        return state

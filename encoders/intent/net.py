"""The intent network: a BERT-family backbone, mean pooling, L2 normalisation and a linear head.

The head reads the same mean-pooled, normalised vector the sentence-transformers package was trained
to produce, so training starts from the frozen encoder's quality instead of from an untrained [CLS]
pooler: the head is initialised as a cosine prototype classifier (each class's weight row is the scaled
mean of its training vectors). The folder holds the backbone (``AutoModel`` files), the tokenizer and
``head.safetensors``.

Importing this module imports torch; the rest of :mod:`encoders.intent` imports it lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch

from encoders.intent.ood import ForwardOutput

HEAD_FILE = "head.safetensors"
PROTOTYPE_SCALE = 20.0  # logit = 20 * cosine(text, class prototype): a softmax that is sharp but not saturated


class IntentNet(torch.nn.Module):
    """``forward(input_ids, attention_mask) -> (logits, normalised features)``."""

    def __init__(self, backbone: torch.nn.Module, n_labels: int) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = torch.nn.Linear(backbone.config.hidden_size, n_labels)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        hidden = self.backbone(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        features = torch.nn.functional.normalize(pooled.float(), dim=-1)
        return self.head(features), features

    def init_prototypes(self, features: np.ndarray, labels: np.ndarray) -> None:
        """Head rows = scaled, normalised class means of ``features``; zero bias."""
        means = np.stack([features[labels == c].mean(0) for c in range(self.head.out_features)])
        means /= np.linalg.norm(means, axis=1, keepdims=True).clip(min=1e-8)
        with torch.no_grad():
            self.head.weight.copy_(torch.from_numpy(PROTOTYPE_SCALE * means).float())
            self.head.bias.zero_()

    def save(self, folder: Path) -> None:
        from safetensors.torch import save_file

        self.backbone.save_pretrained(folder)
        save_file({k: v.contiguous() for k, v in self.head.state_dict().items()}, str(Path(folder) / HEAD_FILE))


def load_backbone(folder: Path) -> torch.nn.Module:
    from transformers import AutoModel

    from encoders.intent.classifier import quiet_transformers

    with quiet_transformers():
        return AutoModel.from_pretrained(folder)


def load_net(folder: Path, n_labels: int) -> IntentNet:
    """A trained folder's network, in eval mode."""
    from safetensors.torch import load_file

    net = IntentNet(load_backbone(folder), n_labels)
    net.head.load_state_dict(load_file(str(Path(folder) / HEAD_FILE)))
    return net.eval()


def pad_batch(sequences: Sequence[Sequence[int]], pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-pad token id lists to the longest one: (input_ids, attention_mask)."""
    width = max(len(s) for s in sequences)
    ids = torch.full((len(sequences), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(sequences), width), dtype=torch.long)
    for row, seq in enumerate(sequences):
        ids[row, : len(seq)] = torch.tensor(seq, dtype=torch.long)
        mask[row, : len(seq)] = 1
    return ids, mask


def model_device(net: torch.nn.Module) -> torch.device:
    """The device of ``net``'s parameters (CPU for a network without any)."""
    param = next(net.parameters(), None)
    return param.device if param is not None else torch.device("cpu")


def forward_texts(
    net: torch.nn.Module,
    tokenizer,  # noqa: ANN001 - any transformers tokenizer
    texts: Sequence[str],
    batch_size: int = 64,
    max_length: int = 128,
    bf16: bool = False,
) -> ForwardOutput:
    """Run the network over ``texts`` in length-sorted batches (little padding) under
    ``torch.inference_mode`` (and bfloat16 autocast with ``bf16``), on the device the network is on;
    logits, probabilities and features come back as CPU numpy arrays."""
    if not texts:
        empty = np.zeros((0, 0), np.float32)
        return ForwardOutput(empty, empty, empty)
    encoded = tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]
    order = sorted(range(len(texts)), key=lambda i: len(encoded[i]))
    pad = tokenizer.pad_token_id or 0
    logits: list[np.ndarray] = []
    feats: list[np.ndarray] = []
    device = model_device(net)
    was_training = net.training
    net.eval()
    with torch.inference_mode(), torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
        for start in range(0, len(order), batch_size):
            input_ids, attention = pad_batch([encoded[i] for i in order[start : start + batch_size]], pad)
            batch_logits, batch_feats = net(input_ids.to(device), attention.to(device))
            logits.append(batch_logits.float().cpu().numpy())
            feats.append(batch_feats.float().cpu().numpy())
    net.train(was_training)
    inverse = np.argsort(order)
    all_logits = np.concatenate(logits)[inverse]
    shifted = np.exp(all_logits - all_logits.max(1, keepdims=True))
    return ForwardOutput(all_logits, shifted / shifted.sum(1, keepdims=True), np.concatenate(feats)[inverse])

"""The embedding model on ONNX Runtime: the local sentence-transformers weights exported once to an ONNX graph
(into a cache folder, never downloaded), run on one intra-op thread, mean-pooled and L2-normalised like
sentence-transformers. Vectors equal torch's within ~2e-7 (tests/test_embedder.py checks 1e-5).

Why: in the collector's vectors process, embedding a fresh home's new summary texts cost ~5.5 ms of CPU a text
with torch and ~3.7 ms with ONNX Runtime (batches of ~30 short texts, one thread, cores shared); one text at a time
it is ~15 ms against ~6 ms, since sentence-transformers' per-call overhead goes.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def available() -> bool:
    try:
        import onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def graph_path(model_path: Path, cache_dir: Path) -> Path:
    """Where the export of ``model_path`` goes: keyed by its files (name, size, mtime) and torch's version."""
    import torch

    files = sorted(p for p in model_path.rglob("*") if p.is_file())
    stamp = "\n".join(f"{p.relative_to(model_path)} {p.stat().st_size} {p.stat().st_mtime_ns}" for p in files)
    digest = hashlib.sha256(f"{model_path.resolve()}\n{torch.__version__}\n{stamp}".encode()).hexdigest()[:16]
    return cache_dir / f"{model_path.name}-{digest}.onnx"


@contextlib.contextmanager
def _without_onnx_package() -> Iterator[None]:
    """torch's TorchScript exporter builds the graph in C++, then hands the bytes to a step that only inserts
    onnx-script custom functions (there are none here) and imports the ``onnx`` package to do it, which this
    project does not otherwise need; without that package the step is skipped."""
    try:
        import onnx  # noqa: F401
    except ImportError:
        from torch.onnx._internal.torchscript_exporter import onnx_proto_utils as proto_utils

        original = proto_utils._add_onnxscript_fn
        proto_utils._add_onnxscript_fn = lambda model_bytes, custom_opsets: model_bytes
        try:
            yield
        finally:
            proto_utils._add_onnxscript_fn = original
        return
    yield


def export(model_path: Path, target: Path) -> Path:
    """Export the transformer of the sentence-transformers folder ``model_path`` to ``target`` (once: a process
    finding it there, or exported meanwhile by another process, keeps it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with (target.parent / f"{target.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists():
            return target
        import torch
        from sentence_transformers import SentenceTransformer

        bert = SentenceTransformer(str(model_path), device="cpu")[0].auto_model.eval()

        class Hidden(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state

        tokenizer = _tokenizer(model_path)
        sample = tokenizer(["a padded example sentence for the export", "short"], padding=True, return_tensors="pt")
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        axes = {name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "hidden")}
        with _without_onnx_package(), torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes on Python-level branches: parity is tested, not assumed
            torch.onnx.export(Hidden(), tuple(sample[k] for k in INPUTS), str(partial), input_names=list(INPUTS),
                              output_names=["hidden"], dynamic_axes=axes, opset_version=17, dynamo=False)
        os.replace(partial, target)
        return target


def _tokenizer(model_path: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(model_path))


class OnnxModel:
    """Looks like a SentenceTransformer to ``Embedder.encode`` (``encode(texts, batch_size=...)``)."""

    def __init__(self, model_path: Path, graph: Path, max_length: int) -> None:
        import onnxruntime as ort
        import torch

        options = ort.SessionOptions()
        # As many threads as torch is given in this process: one in the collector's appliers (spinning pool threads
        # collapse on cores shared with other work), all cores for a bulk build (2 threads: 1,500 texts in 4.1 s, 1: 8.0 s)
        options.intra_op_num_threads = max(1, torch.get_num_threads())
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = ort.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
        self.tokenizer = _tokenizer(model_path)
        self.max_length = max_length
        self._lock = threading.Lock()  # a fast tokenizer called from two threads at once fails ("Already borrowed")

    def encode(self, texts: Sequence[str], batch_size: int = 64, **_kwargs: Any) -> np.ndarray:
        """L2-normalised mean-pooled vectors, in batches of texts of similar length (as sentence-transformers)."""
        with self._lock:
            return self._encode(texts, batch_size)

    def _encode(self, texts: Sequence[str], batch_size: int) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            encoded = self.tokenizer([texts[i] for i in rows], padding=True, truncation=True, max_length=self.max_length,
                                     return_tensors="np")
            feed = {name: np.asarray(encoded[name], dtype=np.int64) for name in INPUTS}
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            if out.shape[1] == 0:
                out = np.zeros((len(texts), pooled.shape[1]), dtype=np.float32)
            out[rows] = pooled
        return out


def supported(model_path: Path) -> bool:
    """A folder this module reproduces: a transformer, mean pooling, then normalisation (all-MiniLM-L6-v2's)."""
    try:
        modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((model_path / "modules.json").read_text())]
        pooling = json.loads((model_path / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError, KeyError, TypeError):
        return False
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v is True}
    return modules[:2] == ["Transformer", "Pooling"] and set(modules[2:]) <= {"Normalize"} and modes == {"pooling_mode_mean_tokens"}


def load(model_path: Path, cache_dir: Path) -> OnnxModel:
    """The ONNX model of ``model_path``, exported into ``cache_dir`` the first time."""
    config = model_path / "sentence_bert_config.json"
    max_length = json.loads(config.read_text()).get("max_seq_length", 256) if config.exists() else 256
    return OnnxModel(model_path, export(model_path, graph_path(model_path, cache_dir)), max_length)

"""``portrait build --engine ray``: the build's embeddings computed by an actor pool of the
sentence-transformers model (Ray Data ``map_batches``), on this machine or a cluster.

The build itself is the local one (``Home.build``: the same facts, the same pooling, the same stores); only
the texts it embeds (product texts, searches and reviews, profile descriptions) go through Ray instead of the
in-process model, and land in the home's embedding cache as usual. So it writes the profiles a local build
writes, with vectors equal to float precision (batches are cut differently). Fact computation stays on the
driver; on 2 cores the embeddings are most of a build's time.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from encoders.embedder import SMALL_BATCH, Embedder
from encoders.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]


class RayAddressError(ValueError):
    """A ``--ray-address`` the Ray engines cannot use."""


def check_ray_address(address: str | None) -> None:
    """Ray Data pipelines do not run through Ray Client: with Ray 2.60 a ``ray://`` address fails when the
    pipeline starts ("'Worker' object has no attribute 'core_worker'"), so it is refused up front."""
    if address and address.startswith("ray://"):
        raise RayAddressError(
            f"--ray-address {address}: Ray Data pipelines do not run through Ray Client (ray://). Run the command on a "
            "node of the cluster with --ray-address auto, or give the cluster's HOST:PORT (the GCS address `ray start --head` prints)."
        )


def start_ray(address: str | None = None, num_cpus: int | None = None) -> None:
    """Join the cluster at ``address`` (``auto`` or the head's HOST:PORT, from a node of the cluster; its nodes
    need Portrait installed), or start a single-node Ray here with ``num_cpus`` CPUs whose workers import this
    checkout."""
    import logging

    import ray

    check_ray_address(address)
    if ray.is_initialized():
        return
    logging.getLogger("ray.data").setLevel(logging.WARNING)  # Ray Data's progress lines would drown the command's output
    ray.data.DataContext.get_current().enable_progress_bars = False
    if address:
        ray.init(address=address, log_to_driver=False)
        return
    path = os.pathsep.join(p for p in (str(REPO_ROOT), os.environ.get("PYTHONPATH", "")) if p)
    env = {"PYTHONPATH": path, "TOKENIZERS_PARALLELISM": "false"}
    if os.environ.get("PORTRAIT_CONFIG"):
        env["PORTRAIT_CONFIG"] = os.environ["PORTRAIT_CONFIG"]
    ray.init(num_cpus=num_cpus, include_dashboard=False, log_to_driver=False, configure_logging=False,
             runtime_env={"env_vars": env})


class EmbedActor:
    """One embedding model per actor (one CPU each: one thread), on the Embedder's backend (the same vectors)."""

    def __init__(self, model_path: str, batch_size: int, backend: str = "torch", onnx_dir: str = "") -> None:
        import torch

        torch.set_num_threads(max(1, int(os.environ.get("OMP_NUM_THREADS", "1"))))
        if backend == "onnx":
            from encoders.onnx_embed import load

            self.model = load(Path(model_path), Path(onnx_dir))
        else:
            from sentence_transformers import SentenceTransformer

            self.model = SentenceTransformer(model_path, device="cpu")
        self.batch_size = batch_size

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        vectors = self.model.encode(list(batch["text"]), batch_size=self.batch_size, normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False).astype(np.float32)
        return {"index": batch["index"], "vector": vectors}


class _RayModel:
    """Looks like a SentenceTransformer to ``Embedder.encode``; computes on the Ray actor pool."""

    def __init__(self, model_path: Path, actors: int, rows_per_task: int, backend: str = "torch", onnx_dir: Path | None = None) -> None:
        self.model_path = str(model_path)
        self.backend, self.onnx_dir = backend, str(onnx_dir or "")
        self.actors = actors
        self.rows_per_task = rows_per_task
        self.texts_sent = 0

    def encode(self, texts: list[str], batch_size: int = 64, **_kwargs: Any) -> np.ndarray:
        import ray

        self.texts_sent += len(texts)
        blocks = max(1, min(len(texts), max(self.actors, len(texts) // self.rows_per_task + 1)))
        ds = ray.data.from_items([{"index": i, "text": t} for i, t in enumerate(texts)], override_num_blocks=blocks)
        ds = ds.map_batches(EmbedActor, fn_constructor_kwargs={"model_path": self.model_path, "batch_size": batch_size,
                                                                   "backend": self.backend, "onnx_dir": self.onnx_dir},
                            batch_size=min(self.rows_per_task, -(-len(texts) // blocks)), compute=ray.data.ActorPoolStrategy(size=self.actors), num_cpus=1)
        out = np.zeros((len(texts), 0), dtype=np.float32)
        for batch in ds.iter_batches(batch_format="numpy", batch_size=None):
            if out.shape[1] == 0:
                out = np.zeros((len(texts), batch["vector"].shape[1]), dtype=np.float32)
            out[batch["index"]] = batch["vector"]
        return out


class RayEmbedder(Embedder):
    """An ``Embedder`` (same cache, same keys) whose misses are embedded on Ray; a handful of texts (a query,
    the sentiment anchors) stays in-process, where a Ray job would cost more than it saves."""

    def __init__(self, settings: Settings, actors: int, rows_per_task: int = 256) -> None:
        super().__init__(settings)
        self.ray_model = _RayModel(self.model_path, actors, rows_per_task, self.backend, self._onnx_dir)

    def encode(self, texts, show_progress=None):  # noqa: ANN001, ANN201 - Embedder's signature
        keys = {t for t in texts}
        self._small = len(keys) <= SMALL_BATCH
        return super().encode(texts, show_progress)

    def _load(self):  # noqa: ANN202
        return super()._load() if getattr(self, "_small", False) else self.ray_model


def build_with_ray(settings: Settings, user_ids: list[str] | None = None, address: str | None = None,
                   num_cpus: int | None = None, actors: int | None = None) -> tuple[Any, int]:
    """``Home.build`` with the embeddings on a Ray actor pool; (the BuildResult, texts embedded on Ray)."""
    import ray

    from retrieval.home import open_home

    start_ray(address, num_cpus)
    pool = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    embedder = RayEmbedder(settings, pool)
    with open_home(settings, embedder=embedder) as home:
        result = home.build(user_ids)
    return result, embedder.ray_model.texts_sent

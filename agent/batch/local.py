"""The batch on this machine: the in-process model one customer at a time, or a served model with
``batch_concurrency`` requests in flight.

Served: one asyncio loop holds the requests (``agent.batch.servers``: an async OpenAI client per URL, a
semaphore of ``concurrency``). Fact sheets are built ahead of the requests by one thread (the only one that
reads the stores), and the checker and the fsynced write run in another, so neither ever stalls the loop
nor leaves the model waiting for its next prompt.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from agent.assistant import ProfileAssistant
from agent.batch.records import BatchResult, BatchServerError, Sink, batch_plan
from agent.batch.servers import NoServerAnswers, ServerPool
from agent.sheet import FactSheet
from agent.summaries import checked_summary, summary_prompt, write_summary

Progress = Callable[[int], None]


def summarize_all(
    assistant: ProfileAssistant,
    user_ids: Sequence[str],
    out: Path,
    progress: Progress = lambda _n: None,
    concurrency: int | None = None,
) -> BatchResult:
    """Summarise every customer not yet in ``out``; ``progress(n)`` is called as each one is written."""
    settings = assistant.settings
    workers, todo = batch_plan(settings, user_ids, out, concurrency)
    served = settings.resolved_llm_backend == "openai"
    started = time.perf_counter()
    with Sink(out) as sink:
        if served:
            servers = _run_served(assistant, todo, sink, workers, progress)
        else:
            servers = []
            _run_in_process(assistant, todo, sink, progress)
    return BatchResult(
        written=sink.written, skipped=len(dict.fromkeys(user_ids)) - len(todo), seconds=time.perf_counter() - started,
        out=out, engine="local", output_tokens=sink.output_tokens, fallbacks=sink.fallbacks, concurrency=workers,
        servers=servers,
    )


def _run_in_process(assistant: ProfileAssistant, todo: Sequence[str], sink: Sink, progress: Progress) -> None:
    model = assistant.chat_model
    for user_id in todo:
        summary = write_summary(assistant.sheet(user_id), model)
        sink.write(summary.record())
        progress(1)


def resume_hint(error: BaseException, written: int) -> BatchServerError:
    """Today's message: the failing server's own sentence (its URL and the fix), then what was kept."""
    url = getattr(error, "url", "")
    reason = str(error) if url and url in str(error) else f"The model server at {url} stopped answering ({error})."
    return BatchServerError(f"{reason.rstrip()} {written} new summaries were saved; rerun the same command to resume.")


def _run_served(assistant: ProfileAssistant, todo: Sequence[str], sink: Sink, concurrency: int, progress: Progress) -> list[str]:
    try:
        return asyncio.run(_served(assistant, todo, sink, concurrency, progress))
    except NoServerAnswers as error:
        raise resume_hint(error, sink.written) from error


async def _served(assistant: ProfileAssistant, todo: Sequence[str], sink: Sink, concurrency: int, progress: Progress) -> list[str]:
    loop = asyncio.get_running_loop()
    pool = ServerPool(assistant.settings)
    model = assistant.settings.openai_model
    sheets: asyncio.Queue[FactSheet | None] = asyncio.Queue(maxsize=2 * concurrency)
    with ThreadPoolExecutor(1, thread_name_prefix="sheets") as reader, ThreadPoolExecutor(1, thread_name_prefix="checker") as checker:

        async def produce() -> None:
            for user_id in todo:
                await sheets.put(await loop.run_in_executor(reader, assistant.sheet, user_id))
            for _ in range(concurrency):
                await sheets.put(None)

        def finish(sheet: FactSheet, text: str, tokens: int) -> None:
            sink.write(checked_summary(sheet, text, model).record(), tokens)
            progress(1)

        async def work() -> None:
            while (sheet := await sheets.get()) is not None:
                reply = await pool.complete(summary_prompt(sheet))
                await loop.run_in_executor(checker, finish, sheet, reply.text, reply.output_tokens)

        tasks = [asyncio.create_task(produce()), *(asyncio.create_task(work()) for _ in range(concurrency))]
        try:
            await _first_failure(tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await pool.aclose()
    return pool.urls


async def _first_failure(tasks: list[asyncio.Task[None]]) -> None:
    """Wait for every task; the first that fails ends the run (its error is raised, the others cancelled)."""
    pending = set(tasks)
    while pending:
        finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_EXCEPTION)
        for task in finished:
            if task.exception() is not None:
                raise task.exception()  # type: ignore[misc]

"""The batch job: an explainable summary for every customer, appended to a JSON-lines file.

- Resumable: a rerun reads the file, skips every customer already in it, and appends the rest. Each
  record is one line, written whole, flushed and fsynced before the next, so a run killed at any
  point (even SIGKILL) leaves complete lines plus at most one torn last line, which the next run
  cuts off before appending: no customer is lost or written twice, and earlier results are never
  truncated.
- Concurrent: against a served model, ``settings.batch_concurrency`` requests are in flight so the
  server (vLLM) can batch them; the in-process model runs one at a time.
- A server that stops answering ends the run with :class:`BatchServerError`, naming the URL; what
  was written stays, and rerunning resumes.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from agent.assistant import ProfileAssistant
from agent.llm.backends import LLMUnavailableError
from agent.summaries import Summary, write_summary


class BatchServerError(RuntimeError):
    """The model server stopped answering during a batch; finished summaries are kept."""


@dataclass(frozen=True)
class BatchResult:
    written: int
    skipped: int
    seconds: float
    out: Path

    @property
    def per_minute(self) -> float:
        return 60.0 * self.written / self.seconds if self.seconds > 0 else 0.0


def finished_customers(out: Path) -> set[str]:
    """Customers already summarised in ``out``. A torn last line (a run killed mid-write) is cut off;
    nothing before it is touched."""
    if not out.exists():
        return set()
    done: set[str] = set()
    good_bytes = 0
    with out.open("rb") as source:
        for line in source:
            if not line.endswith(b"\n"):
                break
            try:
                done.add(json.loads(line)["user_id"])
            except (ValueError, KeyError):
                break
            good_bytes += len(line)
    if good_bytes < out.stat().st_size:
        with out.open("r+b") as sink:
            sink.truncate(good_bytes)
    return done


class _Sink:
    """Appends one record per line, whole, flushed and fsynced; safe from many threads."""

    def __init__(self, out: Path) -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        self._file = out.open("ab")
        self._lock = threading.Lock()

    def write(self, record: dict[str, object]) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        with self._lock:
            self._file.write(line)
            self._file.flush()
            os.fsync(self._file.fileno())

    def close(self) -> None:
        self._file.close()


def _is_server_failure(error: BaseException) -> bool:
    if isinstance(error, LLMUnavailableError):
        return True
    try:
        import httpx
        import openai
    except ImportError:  # pragma: no cover - both ship with langchain-openai
        return False
    return isinstance(error, (openai.APIConnectionError, openai.APITimeoutError, openai.InternalServerError, httpx.TransportError))


def _server_answers(base_url: str) -> bool:
    """Whether the OpenAI-compatible server at ``base_url`` still lists its models."""
    import httpx

    try:
        return httpx.get(base_url.rstrip("/") + "/models", timeout=5.0).status_code == 200
    except httpx.HTTPError:
        return False


def summarize_all(
    assistant: ProfileAssistant,
    user_ids: Sequence[str],
    out: Path,
    progress: Callable[[int], None] = lambda _n: None,
    concurrency: int | None = None,
) -> BatchResult:
    """Summarise every customer not yet in ``out``; ``progress(n)`` is called as each one is written."""
    settings = assistant.settings
    served = settings.resolved_llm_backend == "openai"
    workers = max(1, concurrency or settings.batch_concurrency) if served else 1
    done = finished_customers(out)
    todo = [u for u in dict.fromkeys(user_ids) if u not in done]
    sink = _Sink(out)
    started = time.perf_counter()
    written = 0
    try:
        written = _run(assistant, todo, sink, workers, progress)
    finally:
        sink.close()
    return BatchResult(written=written, skipped=len(user_ids) - len(todo), seconds=time.perf_counter() - started, out=out)


def _run(assistant: ProfileAssistant, todo: Iterable[str], sink: _Sink, workers: int, progress: Callable[[int], None]) -> int:
    """Sheets are read here (one thread owns the stores); only the model calls run in the pool."""
    model = assistant.chat_model
    written = 0
    pending: set[Future[Summary]] = set()
    queue = iter(todo)
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="summary") as pool:
        try:
            while True:
                while len(pending) < 2 * workers and (user_id := next(queue, None)) is not None:
                    pending.add(pool.submit(write_summary, assistant.sheet(user_id), model))
                if not pending:
                    return written
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                failures = [f.exception() for f in finished if f.exception() is not None]
                for future in finished:
                    if future.exception() is None:  # keep every finished summary before failing
                        sink.write(future.result().record())
                        written += 1
                        progress(1)
                if failures:
                    raise failures[0]
        except Exception as error:
            for future in pending:
                future.cancel()
            url = assistant.settings.openai_base_url
            served = assistant.settings.resolved_llm_backend == "openai" and url is not None
            # a server dying mid-request can surface as any error (a cut-off body, a 503 from its
            # shutdown): when the server no longer answers, that is the failure to report
            if _is_server_failure(error) or (served and not _server_answers(url)):
                reason = str(error) if url and url in str(error) else f"The model server at {url} stopped answering ({error})."
                raise BatchServerError(
                    f"{reason.rstrip()} {written} new summaries were saved; rerun the same command to resume."
                ) from error
            raise

"""The OpenAI-compatible backend: LangChain's ChatOpenAI with short timeouts, bounded retries and
errors that say in one sentence what is wrong, at which URL, and what to change.

Every failure of the HTTP layer becomes an ``LLMUnavailableError`` (server down, silent, failing) or an
``LLMConfigError`` (it serves another model name, or the URL is not an OpenAI API root). Retries are
ours (the OpenAI client's own are switched off) so that a read timeout is never repeated: a server
that said nothing for ``llm_timeout_s`` is reported at once instead of after several more waits.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar

import openai
from langchain_core.language_models.chat_models import agenerate_from_stream, generate_from_stream
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from agent.llm.errors import LLMConfigError, LLMError, LLMUnavailableError

log = logging.getLogger(__name__)

T = TypeVar("T")

SERVE_HINT = (
    "start one with `portrait llm serve`, point PORTRAIT_OPENAI_BASE_URL at a running server, "
    "or use the in-process model with --llm local"
)
_RETRY_STATUSES = {408, 429, 500, 502, 503, 504}


def openai_timeout(read_s: float, connect_s: float) -> Any:
    """A timeout of the type the installed ``openai`` accepts (it re-exports its HTTP library's ``Timeout``)."""
    return openai.Timeout(read_s, connect=connect_s)


def list_served_models(base_url: str, api_key: str = "EMPTY", timeout: float | Any = 5.0) -> list[str]:
    """Model ids an OpenAI-compatible server offers (GET /models); raises ``openai.APIError`` when it cannot answer."""
    client = openai.OpenAI(base_url=base_url, api_key=api_key or "EMPTY", timeout=timeout, max_retries=0)
    try:
        return [model.id for model in client.models.list().data]
    finally:
        client.close()


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__


def _transport_cause(error: BaseException) -> BaseException:
    """The HTTP library's exception under the OpenAI/LangChain wrappers, else ``error`` itself.

    Read by class name, so it holds whichever HTTP library ``openai`` sends through (httpx, httpx2, ...).
    """
    for seen in _chain(error):
        if not isinstance(seen, openai.OpenAIError) and type(seen).__name__ in _TRANSPORT_NAMES:
            return seen
    return error


_TRANSPORT_NAMES = {
    "ConnectError", "ConnectTimeout", "ReadTimeout", "WriteTimeout", "PoolTimeout", "TimeoutException",
    "RemoteProtocolError", "ReadError", "WriteError", "ProtocolError", "NetworkError", "TransportError",
}
_CONNECT_TIMEOUT_NAMES = {"ConnectTimeout", "PoolTimeout"}
_DROPPED_NAMES = {"RemoteProtocolError", "ReadError"}


def is_transport_failure(error: BaseException) -> bool:
    """The connection failed below the OpenAI client (refused, dropped, timed out), whatever HTTP library it uses."""
    return type(_transport_cause(error)).__name__ in _TRANSPORT_NAMES


def _is_connect_timeout(error: BaseException) -> bool:
    return type(_transport_cause(error)).__name__ in _CONNECT_TIMEOUT_NAMES


def _is_dropped(error: BaseException) -> bool:
    return type(_transport_cause(error)).__name__ in _DROPPED_NAMES


def _reason(error: BaseException) -> str:
    text = re.sub(r"^\[Errno -?\d+\]\s*", "", str(error)).strip()
    return (text[:1].lower() + text[1:]) if text else type(error).__name__


def unreachable_error(url: str, error: BaseException, connect_timeout_s: float) -> LLMUnavailableError:
    """The server is down (connection refused, unknown host) or did not accept the connection in time."""
    if _is_connect_timeout(error):
        why = f"no connection within {connect_timeout_s:g} s, PORTRAIT_LLM_CONNECT_TIMEOUT_S"
    else:
        why = _reason(_transport_cause(error))
    return LLMUnavailableError(f"No LLM server answers at {url} ({why}): {SERVE_HINT}.")


def silent_error(url: str, read_timeout_s: float) -> LLMUnavailableError:
    """The server accepted the connection but sent nothing within the read timeout."""
    return LLMUnavailableError(
        f"The LLM server at {url} accepted the connection but did not answer within {read_timeout_s:g} s: "
        "check that it is a working OpenAI-compatible server (see its log), "
        "or raise PORTRAIT_LLM_TIMEOUT_S if its answers are only slow."
    )


def wrong_model_error(url: str, model: str, api_key: str, timeout: float | Any) -> LLMConfigError:
    """A 404 for the model: list what the server does serve, or say the URL is not an API root."""
    try:
        served = list_served_models(url, api_key, timeout)
    except (openai.OpenAIError, ValueError, KeyError, TypeError):
        served = []
    if not served:
        return LLMConfigError(
            f"The server at {url} answered 404 and lists no models at {url.rstrip('/')}/models: "
            "PORTRAIT_OPENAI_BASE_URL must be the API root of an OpenAI-compatible server (it usually ends in /v1)."
        )
    return LLMConfigError(
        f"The LLM server at {url} does not serve PORTRAIT_OPENAI_MODEL={model!r}; it serves "
        f"{', '.join(repr(name) for name in served)}: set PORTRAIT_OPENAI_MODEL to one of those."
    )


def failed_error(url: str, status: int, detail: str, attempts: int) -> LLMUnavailableError:
    detail = " ".join(detail.split())[:200]
    tries = f" after {attempts} attempts" if attempts > 1 else ""
    return LLMUnavailableError(f"The LLM server at {url} failed with HTTP {status}{tries} ({detail}): see its log.")


def _is_timeout(error: BaseException) -> bool:
    if any(isinstance(seen, openai.APITimeoutError) for seen in _chain(error)):
        return True
    return "Timeout" in type(_transport_cause(error)).__name__


def _status(error: BaseException) -> int | None:
    for seen in _chain(error):
        if isinstance(seen, openai.APIStatusError):
            return seen.status_code
    return None


def _is_connection_error(error: BaseException) -> bool:
    if any(isinstance(seen, openai.APIConnectionError) for seen in _chain(error)):
        return True
    return _transport_cause(error) is not error or type(error).__name__ in _TRANSPORT_NAMES


def is_retryable(error: BaseException) -> bool:
    """Worth another attempt: refused connections (a server restarting) and overload/5xx answers.

    Timeouts are not: the caller already waited the whole timeout once.
    """
    if _is_timeout(error):
        return False
    status = _status(error)
    if status is not None:
        return status in _RETRY_STATUSES
    return _is_connection_error(error)


def _with_finish_reason(result: ChatResult) -> ChatResult:
    """A joined stream keeps finish_reason/model_name in generation_info; put them where a one-shot
    call has them (the message's response_metadata)."""
    for generation in result.generations:
        info = generation.generation_info or {}
        for key in ("finish_reason", "model_name"):
            if key in info:
                generation.message.response_metadata.setdefault(key, info[key])
    return result


class PortraitChatOpenAI(ChatOpenAI):
    """ChatOpenAI whose failures are one plain sentence naming the URL and the fix (see the module doc)."""

    retries: int = 2
    retry_backoff_s: float = 0.5
    connect_timeout_s: float = 3.0
    read_timeout_s: float = 30.0

    def explain(self, error: BaseException, attempts: int = 1) -> LLMError | None:
        """The user-facing error for a transport or HTTP failure; None for anything else (kept as is)."""
        url = str(self.openai_api_base)
        status = _status(error)
        if status == 404:
            timeout = openai_timeout(self.read_timeout_s, self.connect_timeout_s)
            key = self.openai_api_key.get_secret_value() if isinstance(self.openai_api_key, SecretStr) else "EMPTY"
            return wrong_model_error(url, self.model_name, key, timeout)
        if status is not None and (status in _RETRY_STATUSES or status >= 500):
            body = getattr(error, "message", None) or str(error)
            return failed_error(url, status, body, attempts)
        if status is not None:
            return None
        if _is_timeout(error) and not _is_connect_timeout(error):
            return silent_error(url, self.read_timeout_s)
        if _is_connection_error(error):
            if _is_dropped(error):
                return LLMUnavailableError(
                    f"The LLM server at {url} closed the connection before its answer was complete "
                    f"({_reason(_transport_cause(error))}): "
                    "see its log, or restart it with `portrait llm serve`."
                )
            return unreachable_error(url, error, self.connect_timeout_s)
        return None

    def _retry_delay(self, error: BaseException, attempt: int, started: bool = False) -> float:
        """Seconds to wait before attempt ``attempt + 1``; raises the user-facing error when there is none."""
        failure = self.explain(error, attempt + 1)
        if failure is None:
            raise error
        if started or attempt >= self.retries or not is_retryable(error):
            raise failure from error
        delay = self.retry_backoff_s * 2**attempt
        log.info("LLM server at %s: %s; retrying in %.1fs", self.openai_api_base, type(error).__name__, delay)
        return delay

    def _with_retries(self, call: Callable[[], T]) -> T:
        attempt = 0
        while True:
            try:
                return call()
            except Exception as error:  # noqa: BLE001 - _retry_delay re-raises what it does not explain
                time.sleep(self._retry_delay(error, attempt))
                attempt += 1

    def _streams_whole_answers(self, kwargs: dict[str, Any]) -> bool:
        """Plain answers are streamed and joined, so the read timeout bounds the server's silence (first
        chunk, gaps), never the length of the answer. Structured output and n > 1 keep the one-shot call."""
        return "response_format" not in kwargs and "response_format" not in self.model_kwargs and (self.n or 1) == 1

    def _generate(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        if self._streams_whole_answers(kwargs):
            return _with_finish_reason(generate_from_stream(self._stream(messages, stop, run_manager, **kwargs)))
        parent = super()._generate
        return self._with_retries(lambda: parent(messages, stop, run_manager, **kwargs))

    async def _agenerate(
        self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None, **kwargs: Any
    ) -> ChatResult:
        if self._streams_whole_answers(kwargs):
            return _with_finish_reason(await agenerate_from_stream(self._astream(messages, stop, run_manager, **kwargs)))
        attempt = 0
        while True:
            try:
                return await super()._agenerate(messages, stop, run_manager, **kwargs)
            except Exception as error:  # noqa: BLE001
                await asyncio.sleep(self._retry_delay(error, attempt))
                attempt += 1

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        """Chunks as the server sends them; a failure before the first chunk is retried like a call."""
        attempt = 0
        while True:
            started = False
            try:
                for chunk in super()._stream(*args, **kwargs):
                    started = True
                    yield chunk
                return
            except Exception as error:  # noqa: BLE001
                time.sleep(self._retry_delay(error, attempt, started))
                attempt += 1

    async def _astream(self, *args: Any, **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        attempt = 0
        while True:
            started = False
            try:
                async for chunk in super()._astream(*args, **kwargs):
                    started = True
                    yield chunk
                return
            except Exception as error:  # noqa: BLE001
                await asyncio.sleep(self._retry_delay(error, attempt, started))
                attempt += 1

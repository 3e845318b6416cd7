"""The batch's model servers: one or several OpenAI-compatible URLs (``openai_base_url``, comma-separated),
called through ``openai.AsyncOpenAI`` so that ``batch_concurrency`` requests really are in flight.

- Requests go round-robin to the servers that answer. A server that fails (refused, dropped, silent for
  ``llm_timeout_s``, HTTP 5xx, or gone from ``/models`` after any other error) is set aside and its request
  goes to another one at once; a server set aside is tried again after ``REVIVE_AFTER_S``.
- When none answers, the batch waits 0.5 s, 1 s, ... (``llm_max_retries`` rounds, as a single client
  does for a restarting server), and then fails with the error a single client gives for the last
  server (the URL and the fix, see ``agent.llm.openai_chat``).
- Timeouts are the chat client's: ``llm_connect_timeout_s`` to connect, ``llm_timeout_s`` of silence
  (answers are streamed, so a long answer never times out, only a silent server).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import openai
from langchain_core.messages import BaseMessage

from agent.llm.errors import LLMConfigError, LLMError
from agent.llm.openai_chat import is_retryable, openai_timeout
from encoders.settings import Settings

log = logging.getLogger(__name__)

REVIVE_AFTER_S = 15.0
_ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}


class NoServerAnswers(LLMError):
    """Every configured server failed; the message is the last server's own (URL and fix)."""

    def __init__(self, message: str, url: str) -> None:
        super().__init__(message)
        self.url = url


@dataclass
class Reply:
    text: str
    output_tokens: int
    url: str


def as_openai_messages(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _ROLES.get(m.type, "user"), "content": str(m.content)} for m in messages]


@dataclass
class _Server:
    url: str
    client: openai.AsyncOpenAI
    explainer: Any  # a PortraitChatOpenAI for this URL: turns a failure into the chat client's one-sentence error
    down_since: float | None = None
    sent: int = 0
    failures: int = 0

    def usable(self, now: float) -> bool:
        return self.down_since is None or now - self.down_since >= REVIVE_AFTER_S


@dataclass
class ServerPool:
    """Async completions over every URL in ``settings.openai_base_url``; one pool per event loop."""

    settings: Settings
    servers: list[_Server] = field(default_factory=list)
    last_failure: NoServerAnswers | None = None  # the latest server failure of any request: what a run that ends reports

    def __post_init__(self) -> None:
        from agent.llm.backends import build_chat_model

        urls = self.settings.openai_base_urls
        if not urls:
            raise LLMConfigError("The batch needs PORTRAIT_OPENAI_BASE_URL (one URL or several, comma-separated) for a served model.")
        timeout = openai_timeout(self.settings.llm_timeout_s, self.settings.llm_connect_timeout_s)
        for url in urls:
            client = openai.AsyncOpenAI(base_url=url, api_key=self.settings.openai_api_key or "EMPTY", timeout=timeout, max_retries=0)
            explainer = build_chat_model(self.settings.model_copy(update={"openai_base_url": url, "llm_backend": "openai"}))
            self.servers.append(_Server(url, client, explainer))
        self._turn = itertools.count()

    @property
    def urls(self) -> list[str]:
        return [s.url for s in self.servers]

    def _pick(self) -> _Server | None:
        now = time.monotonic()
        usable = [s for s in self.servers if s.usable(now)]
        if not usable:
            return None
        return usable[next(self._turn) % len(usable)]

    async def complete(self, messages: Sequence[BaseMessage], max_tokens: int | None = None) -> Reply:
        """One chat completion, streamed and joined, from whichever server answers."""
        body = as_openai_messages(messages)
        rounds = 0
        while True:
            server = self._pick()
            if server is None:
                if rounds >= self.settings.llm_max_retries and self.last_failure is not None:
                    raise self.last_failure
                await asyncio.sleep(0.5 * 2**rounds)
                rounds += 1
                for each in self.servers:  # every server gets another chance after the pause
                    each.down_since = None
                continue
            try:
                return await self._ask(server, body, max_tokens)
            except Exception as error:  # noqa: BLE001 - classified below; what is not a server failure is re-raised
                failure = await self._server_failure(server, error)
                if failure is None:
                    raise
                server.failures += 1
                server.down_since = time.monotonic()
                self.last_failure = NoServerAnswers(str(failure), server.url)
                others = sum(s.usable(time.monotonic()) for s in self.servers)
                if others:  # with none left, the error that ends the run says it all
                    log.warning("model server %s failed (%s); %d other(s) take its requests", server.url, failure, others)

    async def _ask(self, server: _Server, body: list[dict[str, str]], max_tokens: int | None) -> Reply:
        server.sent += 1
        stream = await server.client.chat.completions.create(
            model=self.settings.openai_model, messages=body,  # type: ignore[arg-type]
            max_tokens=max_tokens or self.settings.max_new_tokens, temperature=self.settings.temperature,
            stream=True, stream_options={"include_usage": True},
        )
        parts: list[str] = []
        tokens = 0
        async for chunk in stream:
            if chunk.choices and chunk.choices[0].delta.content:
                parts.append(chunk.choices[0].delta.content)
            if chunk.usage is not None:
                tokens = chunk.usage.completion_tokens
        return Reply("".join(parts), tokens, server.url)

    async def _server_failure(self, server: _Server, error: BaseException) -> LLMError | None:
        """The one-sentence error when ``error`` means the server does not (properly) answer, else None.

        A wrong model name is a configuration error, never a reason to try another server. A server dying
        mid-request can surface as any error (a cut-off body, a 503 from its shutdown): when it no longer
        lists its models, that is the failure."""
        if isinstance(error, (asyncio.CancelledError, KeyboardInterrupt)):
            return None
        failure = server.explainer.explain(error)
        if isinstance(failure, LLMConfigError):
            raise failure from error
        if failure is not None:
            return failure
        # an error event inside the stream (vLLM: "EngineCore encountered an issue") is the server failing, even while
        # its API process still lists its models for a moment during shutdown
        if is_retryable(error) or type(error) is openai.APIError or not await self._answers(server):
            return LLMError(f"The model server at {server.url} stopped answering ({error}).")
        return None

    async def _answers(self, server: _Server) -> bool:
        try:
            await server.client.with_options(timeout=5.0).models.list()
            return True
        except openai.OpenAIError:
            return False

    async def aclose(self) -> None:
        for server in self.servers:
            await server.client.close()

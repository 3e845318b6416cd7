"""One chat-model interface for Portrait, two backends chosen by settings.

- ``local``: the GGUF generator in this process (transformers, CPU). Nothing to start.
- ``openai``: any OpenAI-compatible server (``portrait llm serve`` = vLLM on CPU, or ``vllm serve``
  on a GPU machine, or a hosted API). Switching is a settings change: ``PORTRAIT_OPENAI_BASE_URL``.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI

from agent.llm.local import LocalTransformersChat
from encoders.settings import Settings

SERVE_HINT = "start one with `portrait llm serve`, or unset PORTRAIT_OPENAI_BASE_URL to use the in-process local model"


class LLMConfigError(RuntimeError):
    """The settings do not describe a usable LLM backend."""


class LLMUnavailableError(RuntimeError):
    """The configured OpenAI-compatible server cannot be reached or does not serve the model."""


def _unreachable(base_url: str | None, error: BaseException) -> LLMUnavailableError:
    return LLMUnavailableError(
        f"Cannot reach the OpenAI-compatible server at PORTRAIT_OPENAI_BASE_URL={base_url} "
        f"({type(error).__name__}: {error}); {SERVE_HINT}."
    )


class PortraitChatOpenAI(ChatOpenAI):
    """ChatOpenAI whose connection failures say which setting points where, instead of 'Connection error.'."""

    def _generate(self, *args: Any, **kwargs: Any) -> ChatResult:
        import openai

        try:
            return super()._generate(*args, **kwargs)
        except openai.APIConnectionError as error:
            raise _unreachable(self.openai_api_base, error) from error

    async def _agenerate(self, *args: Any, **kwargs: Any) -> ChatResult:
        import openai

        try:
            return await super()._agenerate(*args, **kwargs)
        except openai.APIConnectionError as error:
            raise _unreachable(self.openai_api_base, error) from error

    def _stream(self, *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        import openai

        try:
            yield from super()._stream(*args, **kwargs)
        except openai.APIConnectionError as error:
            raise _unreachable(self.openai_api_base, error) from error

    async def _astream(self, *args: Any, **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        import openai

        try:
            async for chunk in super()._astream(*args, **kwargs):
                yield chunk
        except openai.APIConnectionError as error:
            raise _unreachable(self.openai_api_base, error) from error


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model the settings ask for. Cheap: nothing is loaded or contacted until first use."""
    backend = settings.resolved_llm_backend
    if backend == "openai":
        if not settings.openai_base_url:
            raise LLMConfigError(
                "llm_backend is 'openai' but no server is configured: set PORTRAIT_OPENAI_BASE_URL "
                "(e.g. http://127.0.0.1:8008/v1 after `portrait llm serve`), or set PORTRAIT_LLM_BACKEND=local."
            )
        return PortraitChatOpenAI(
            base_url=settings.openai_base_url,
            model=settings.openai_model,
            api_key=settings.openai_api_key,
            timeout=settings.llm_timeout_s,
            max_tokens=settings.max_new_tokens,
            temperature=settings.temperature,
            max_retries=1,
        )
    if backend == "local":
        return LocalTransformersChat(
            gguf_path=settings.local_gguf_path(),
            max_new_tokens=settings.max_new_tokens,
            temperature=settings.temperature,
            threads=settings.local_threads,
        )
    raise LLMConfigError(f"Unknown PORTRAIT_LLM_BACKEND={settings.llm_backend!r}; use auto, local or openai.")


def list_served_models(base_url: str, api_key: str = "EMPTY", timeout: float = 5.0) -> list[str]:
    """Model ids an OpenAI-compatible server offers (GET /models); raises ``httpx.HTTPError`` when it cannot answer."""
    response = httpx.get(
        base_url.rstrip("/") + "/models", headers={"Authorization": f"Bearer {api_key}"}, timeout=timeout
    )
    response.raise_for_status()
    return [item["id"] for item in response.json().get("data", [])]


def check_llm(settings: Settings, prompt: str = "Reply with one word: ready?") -> str:
    """Ask the configured backend one tiny question; a one-line summary or a clear error naming the setting.

    For the server backend the model list is checked first, because a wrong ``PORTRAIT_OPENAI_MODEL``
    otherwise surfaces as an opaque 404 on the first real question.
    """
    backend = settings.resolved_llm_backend
    if backend == "openai" and settings.openai_base_url:
        try:
            served = list_served_models(settings.openai_base_url, settings.openai_api_key)
        except httpx.HTTPError as error:
            raise _unreachable(settings.openai_base_url, error) from error
        if settings.openai_model not in served:
            raise LLMUnavailableError(
                f"The server at {settings.openai_base_url} serves {served}, not PORTRAIT_OPENAI_MODEL={settings.openai_model!r}."
            )
    model = build_chat_model(settings)
    start = time.perf_counter()
    reply = model.invoke([HumanMessage(content=prompt)], max_tokens=8)
    seconds = time.perf_counter() - start
    where = settings.openai_base_url if backend == "openai" else str(settings.local_gguf_path())
    text = str(reply.content).strip().replace("\n", " ")
    return f"{backend} backend ({where}) answered {text!r} in {seconds:.1f}s"

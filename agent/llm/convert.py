"""The GGUF generator -> a safetensors folder that vLLM serves (built once per precision, reused).

vLLM's own GGUF path is slow and partial on CPU; a plain Hugging Face folder is what it serves best.
The conversion runs in the app's venv (transformers reads the GGUF); vLLM only reads the folder.

The precision is chosen from the hardware (``served_dtype``): a CPU without native bf16 (no AVX-512 BF16,
no AMX) emulates it, and on 2 AVX2 cores the same weights served 11 tok/s in bf16 against 19.5 tok/s in
float32 one request at a time, 14 against 64.6 tok/s with 8 in flight; so float32 there, bf16 where the
CPU has it, bf16 (or fp16 where bf16 is missing) on a GPU. ``PORTRAIT_VLLM_DTYPE`` overrides.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from encoders.settings import Settings

log = logging.getLogger(__name__)

Echo = Callable[[str], None]

SOURCE_MARKER = "portrait-source.txt"
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", SOURCE_MARKER)


_SHORT = {"float32": "fp32", "bfloat16": "bf16", "float16": "fp16"}
_NATIVE_BF16_FLAGS = {"avx512_bf16", "amx_bf16"}


def cpu_flags() -> set[str]:
    """The CPU's feature flags (Linux /proc/cpuinfo; empty elsewhere)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def served_dtype(settings: Settings) -> str:
    """float32 on a CPU that would emulate bf16, bfloat16 on one that has it; bfloat16/float16 on a GPU."""
    if settings.vllm_dtype != "auto":
        return settings.vllm_dtype
    try:
        import torch

        if torch.cuda.is_available():
            return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    except ImportError:  # pragma: no cover - torch is a dependency
        pass
    return "bfloat16" if cpu_flags() & _NATIVE_BF16_FLAGS else "float32"


def served_folder(settings: Settings, dtype: str | None = None) -> Path:
    """Where the conversion in ``dtype`` (default: ``served_dtype``) lives, e.g. HOME/models/smollm2-135m-instruct-fp32."""
    dtype = dtype or served_dtype(settings)
    base = settings.served_model_dir
    stem = base.name.rsplit("-", 1)[0] if base.name.endswith(tuple(f"-{v}" for v in _SHORT.values())) else base.name
    return base.with_name(f"{stem}-{_SHORT[dtype]}")


def folder_dtype(folder: Path) -> str | None:
    """The precision a served folder's config.json declares (``dtype`` or the older ``torch_dtype``)."""
    import json

    try:
        config = json.loads((folder / "config.json").read_text())
    except (OSError, ValueError):
        return None
    value = config.get("dtype") or config.get("torch_dtype")
    return value if value in _SHORT else None


def _source_id(gguf: Path) -> str:
    return f"{gguf.name} {gguf.stat().st_size}"


def served_model_is_ready(folder: Path, gguf: Path | None = None) -> bool:
    """True when ``folder`` is a complete conversion (of ``gguf``, when given)."""
    if not all((folder / name).is_file() for name in REQUIRED_FILES):
        return False
    return gguf is None or (folder / SOURCE_MARKER).read_text().strip() == _source_id(gguf)


def _convert(gguf: Path, out: Path, dtype: str) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = model.to(getattr(torch, dtype))
    # The weights are already dequantised in memory; without this vLLM would look for a GGUF quantiser.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.config.dtype = getattr(torch, dtype)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    (out / SOURCE_MARKER).write_text(_source_id(gguf) + "\n")


def _replace(folder: Path, tmp: Path, gguf: Path, force: bool) -> None:
    """Move the finished ``tmp`` into place, unless a concurrent run already put a good one there."""
    if folder.exists():
        if served_model_is_ready(folder, gguf) and not force:
            return
        old = folder.parent / f".{folder.name}.old-{os.getpid()}"
        folder.rename(old)
        shutil.rmtree(old, ignore_errors=True)
    tmp.rename(folder)


def prepare_served_model(settings: Settings, echo: Echo | None = None, force: bool = False, dtype: str | None = None) -> Path:
    """GGUF -> safetensors folder vLLM can load (~260 MB in bf16, ~520 MB in float32) at ``served_folder``.

    Built in a temporary sibling folder and renamed, so an interrupted run never leaves a folder
    that looks complete.
    """
    say = echo or log.info
    gguf = settings.local_gguf_path()
    dtype = dtype or served_dtype(settings)
    folder = served_folder(settings, dtype)
    if not force and served_model_is_ready(folder, gguf):
        say(f"Served model folder is ready: {folder}")
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    say(f"Converting {gguf.name} to a {dtype} safetensors folder for vLLM (once, ~30 s) ...")
    start = time.perf_counter()
    try:
        _convert(gguf, tmp, dtype)
        _replace(folder, tmp, gguf, force)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    say(f"Served model folder written in {time.perf_counter() - start:.0f}s: {folder}")
    return folder

"""The GGUF generator -> a bf16 safetensors folder that vLLM serves (built once, reused).

vLLM's own GGUF path is slow and partial on CPU; a plain Hugging Face folder is what it serves best.
The conversion runs in the app's venv (transformers reads the GGUF); vLLM only reads the folder.
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


def _source_id(gguf: Path) -> str:
    return f"{gguf.name} {gguf.stat().st_size}"


def served_model_is_ready(folder: Path, gguf: Path | None = None) -> bool:
    """True when ``folder`` is a complete conversion (of ``gguf``, when given)."""
    if not all((folder / name).is_file() for name in REQUIRED_FILES):
        return False
    return gguf is None or (folder / SOURCE_MARKER).read_text().strip() == _source_id(gguf)


def _convert(gguf: Path, out: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    model = model.to(torch.bfloat16)
    # The weights are already dequantised in memory; without this vLLM would look for a GGUF quantiser.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.config.dtype = torch.bfloat16
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


def prepare_served_model(settings: Settings, echo: Echo | None = None, force: bool = False) -> Path:
    """GGUF -> bf16 safetensors folder vLLM can load (~260 MB) at ``settings.served_model_dir``.

    Built in a temporary sibling folder and renamed, so an interrupted run never leaves a folder
    that looks complete.
    """
    say = echo or log.info
    gguf = settings.local_gguf_path()
    folder = settings.served_model_dir
    if not force and served_model_is_ready(folder, gguf):
        say(f"Served model folder is ready: {folder}")
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = folder.parent / f".{folder.name}.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    say(f"Converting {gguf.name} to a bf16 safetensors folder for vLLM (once, ~30 s) ...")
    start = time.perf_counter()
    try:
        _convert(gguf, tmp)
        _replace(folder, tmp, gguf, force)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    say(f"Served model folder written in {time.perf_counter() - start:.0f}s: {folder}")
    return folder

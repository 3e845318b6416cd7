"""Shared fixtures: real models, a real Chroma in a temp folder, a small generated shop."""

from __future__ import annotations

import os
import socket
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import pytest

from encoders.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", show_progress=False, llm_backend="local", max_new_tokens=48)


@pytest.fixture(scope="session")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache for the session, so the same text is embedded once across tests."""
    return tmp_path_factory.mktemp("cache") / "embedding_cache.sqlite"


@pytest.fixture(scope="session")
def small_shop(tmp_path_factory: pytest.TempPathFactory):
    from encoders.synthetic import generate_shop

    return generate_shop(tmp_path_factory.mktemp("shop"), n_products=80, n_users=40, days=90, seed=11)


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory, small_shop) -> Settings:
    """A home with the small shop ingested and profiles built (real embedder, real Chroma)."""
    from retrieval.pipeline import SourceFormat, build_profiles, ingest

    settings = Settings(
        home=tmp_path_factory.mktemp("built") / "home", show_progress=False, llm_backend="local", max_new_tokens=48
    )
    ingest(settings, small_shop.products, SourceFormat.products)
    ingest(settings, small_shop.events, SourceFormat.events)
    build_profiles(settings)
    return settings

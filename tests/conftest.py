"""Shared fixtures: real models, a real Chroma in a temp folder, a small generated shop."""

from __future__ import annotations

import os
import socket
import tempfile
from pathlib import Path

from encoders.settings import Settings  # first: it sets the offline environment

# The embedding model's ONNX export, once for every test home (and every session: it is keyed by the weights).
os.environ.setdefault("PORTRAIT_EMBEDDING_ONNX_DIR", str(Path(tempfile.gettempdir()) / "portrait-tests-onnx"))

import pytest

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
    from encoders.data.synthetic import generate_shop

    return generate_shop(tmp_path_factory.mktemp("shop"), n_products=80, n_users=40, days=90, seed=11)


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory, small_shop) -> Settings:
    """A home with the small shop ingested and profiles built (real embedder, real Chroma)."""
    from encoders.data.sources import SourceFormat
    from retrieval.home import open_home

    settings = Settings(
        home=tmp_path_factory.mktemp("built") / "home", show_progress=False, llm_backend="local", max_new_tokens=48
    )
    with open_home(settings) as home:
        home.ingest(small_shop.products, SourceFormat.products)
        home.ingest(small_shop.events, SourceFormat.events)
        home.build()
    return settings

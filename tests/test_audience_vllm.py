"""The model path of the audience parser: a real vLLM CPU server writes the query under the
AudienceQuery JSON schema (guided decoding), and the names in it are checked against the data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from encoders.settings import Settings

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def vllm_settings(tmp_path_factory):
    from agent.llm.serving import VLLMServer, free_port, prepare_served_model

    cache = Settings(home=Path(os.environ.get("PORTRAIT_TEST_CACHE", REPO / ".portrait-test-cache")))
    model_dir = prepare_served_model(cache, echo=print)
    python = Path(os.environ.get("PORTRAIT_VLLM_PYTHON", REPO / ".venv-vllm" / "bin" / "python"))
    if not python.exists():
        pytest.fail(f"The vLLM venv is missing ({python}); create it with `make vllm`.")
    settings = Settings(home=tmp_path_factory.mktemp("vllm-home"), vllm_python=python, vllm_host="127.0.0.1")
    server = VLLMServer(settings, port=free_port(), model_dir=model_dir).start()
    try:
        server.wait_until_ready()
        yield Settings(home=tmp_path_factory.mktemp("audience-vllm"), llm_backend="openai", openai_base_url=server.base_url,
                       max_new_tokens=256, temperature=0.0)
    finally:
        server.stop()


def test_the_served_model_writes_a_query_that_fits_the_schema(vllm_settings, built_settings) -> None:
    from agent.audience_parser import ModelQuery, read_with_model
    from retrieval.audience.tables import tables_for
    from retrieval.audience.vocabulary import Vocabulary

    tables = tables_for(built_settings.event_db, built_settings.fact_db)
    vocabulary = Vocabulary.of(tables)
    for question in ("customers in Germany", "customers who spent more than 100"):
        parsed = read_with_model(question, vocabulary, vllm_settings)
        assert parsed.reader == "llm"
        # Guided decoding: the reply is complete JSON of the model's schema, whatever the model meant.
        assert parsed.model_reply is not None, parsed.declined
        ModelQuery.model_validate_json(parsed.model_reply)
        # What it says is then checked like any query: run, or declined with the reason (a 135M model
        # often writes nonsense; that is why the rules read questions first).
        assert parsed.query is not None or parsed.declined.startswith("Not understood"), parsed.declined

"""The Gradio app started in-process and called over HTTP with gradio_client."""

from __future__ import annotations

import re

import pytest
from gradio_client import Client

from retrieval.home import open_home
from tests.conftest import free_port
from ui.app import build_app


@pytest.fixture(scope="module")
def ui_url(built_settings):
    app = build_app(open_home(built_settings))
    port = free_port()
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_profile_panel_shows_the_card_charts_and_suggestions(ui_url, built_settings) -> None:
    client = Client(ui_url, verbose=False)
    card, facts, interests, intents, timeline, suggestions, _ = client.predict("U0001", api_name="/show_profile")
    assert "Customer U0001" in card and "lifecycle stage" in card and "segment" in card and "spend band" in card
    labels = [row[0] for row in facts["data"]]
    assert {"net spend", "likes", "segment", "spend band"} <= set(labels)
    assert interests is not None and timeline is not None
    assert "Suggested products" in suggestions


def test_evidence_of_a_fact_lists_its_events(ui_url, built_settings) -> None:
    with open_home(built_settings) as home:
        expected = set(home.profile("U0001").facts["monetary"].evidence)
    table = Client(ui_url, verbose=False).predict("U0001", "monetary", api_name="/evidence")
    assert {row[0] for row in table["data"]} == expected


def test_unknown_customer_is_a_plain_error_and_the_app_stays_usable(ui_url) -> None:
    client = Client(ui_url, verbose=False)
    with pytest.raises(Exception, match="No profile for customer 'nobody'"):
        client.predict("nobody", api_name="/show_profile")
    assert "Customer U0002" in client.predict("U0002", api_name="/show_profile")[0]


@pytest.mark.slow
def test_chat_answers_with_sources(ui_url) -> None:
    client = Client(ui_url, verbose=False)
    history, cleared = client.predict("U0001", "How much has this customer spent?", [], api_name="/ask")
    assert cleared == ""
    assert history[-2]["role"] == "user" and history[-1]["role"] == "assistant"
    content = history[-1]["content"]
    text = content if isinstance(content, str) else " ".join(part["text"] for part in content)
    assert "Sources" in text and "customer_query" in text and "U0001" in text


@pytest.mark.slow
def test_summary_shows_the_events_it_cites(ui_url, built_settings) -> None:
    summary = Client(ui_url, verbose=False).predict("U0001", api_name="/summary")
    cited = set(re.findall(r"\bE\d{6}\b", summary.split("**Cited events**")[0]))
    assert cited and "**Cited events**" in summary
    with open_home(built_settings) as home:
        assert set(home.log.events_by_id(sorted(cited))) == cited
        assert all(e.user_id == "U0001" for e in home.log.events_by_id(sorted(cited)).values())
    table = summary.split("**Cited events**")[1]
    assert all(event_id in table for event_id in cited)


def test_app_process_follows_an_event_feed(tmp_path, built_settings) -> None:
    """`portrait ui --follow FEED` as a real server process: a purchase appended to the feed shows
    up in the customer's profile panel without a restart."""
    import shutil
    import subprocess
    import time

    from tests.test_cli import PORTRAIT

    home = tmp_path / "home"
    shutil.copytree(built_settings.home, home)
    feed = tmp_path / "feed.jsonl"
    feed.write_text("")
    port = free_port()
    server = subprocess.Popen([PORTRAIT, "--home", str(home), "ui", "--port", str(port), "--follow", str(feed)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        client = _connect(f"http://127.0.0.1:{port}/", server)
        before = client.predict("U0001", api_name="/show_profile")[0]
        assert "2026-11-12" not in before
        with feed.open("a") as sink:
            sink.write('{"event_id": "live-1", "user_id": "U0001", "ts": "2026-11-12T10:00:00Z", "type": "search", '
                       '"text": "a lantern for the garden"}\n')
        deadline = time.monotonic() + 60
        while "2026-11-12" not in (after := client.predict("U0001", api_name="/show_profile")[0]):
            assert time.monotonic() < deadline, "the followed event never reached the profile panel"
            time.sleep(0.5)
        assert "| **last seen** | 2026-11-12" in after
    finally:
        server.terminate()
        server.wait(30)


def _connect(url: str, server) -> Client:  # noqa: ANN001 - subprocess.Popen
    import time

    deadline = time.monotonic() + 180
    while True:
        if server.poll() is not None:
            raise AssertionError(f"the app exited: {server.stderr.read()[-2000:]}")
        try:
            return Client(url, verbose=False)
        except Exception:  # not listening yet
            assert time.monotonic() < deadline, "the app did not start within 180 s"
            time.sleep(1.0)

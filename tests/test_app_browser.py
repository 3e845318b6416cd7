"""The app as people use it: `portrait ui` as a real server process with two users, driven in headless
Chromium (Debian's package) by Playwright. Screenshots of each tab go to the folder printed below."""

from __future__ import annotations

import csv
import json
import os
import shutil
import statistics
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

from tests.conftest import REPO, free_port
from tests.test_cli import PORTRAIT
from ui.app.auth import hash_password

CHROMIUM = Path(os.environ.get("PORTRAIT_CHROMIUM", "/usr/bin/chromium"))
SHOTS = Path(os.environ.get("PORTRAIT_TEST_ARTIFACTS", REPO / ".portrait-test-artifacts")) / "screenshots"
USERS = {"sam": ("sam-pass", "support"), "mia": ("mia-pass", "marketer")}
pytestmark = pytest.mark.slow

if not CHROMIUM.exists():  # .ci/run installs it; a missing browser must fail loudly, not skip
    raise RuntimeError(f"Chromium not found at {CHROMIUM}: apt-get install chromium (or set PORTRAIT_CHROMIUM)")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory, built_settings) -> str:
    home = tmp_path_factory.mktemp("app") / "home"
    shutil.copytree(built_settings.home, home)
    users = {name: {"role": role, "password_hash": hash_password(password)} for name, (password, role) in USERS.items()}
    env = {**os.environ, "PORTRAIT_UI_USERS": json.dumps(users), "PORTRAIT_LLM_BACKEND": "local", "PORTRAIT_MAX_NEW_TOKENS": "48"}
    port = free_port()
    log = (home.parent / "ui.log").open("w")
    server = subprocess.Popen([PORTRAIT, "--home", str(home), "ui", "--port", str(port)], env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 240
    while True:
        assert server.poll() is None, (home.parent / "ui.log").read_text()[-3000:]
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the app did not answer within 240 s"
        time.sleep(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nScreenshots of the app: {SHOTS}")
    yield url
    server.terminate()
    server.wait(30)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


def _sign_in(browser, url: str, name: str):  # noqa: ANN001, ANN202 - playwright objects
    page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page.goto(url)
    page.get_by_label("username").fill(name)
    page.get_by_label("password").fill(USERS[name][0])
    page.get_by_role("button", name="Login").click()
    page.get_by_text(f"Signed in as {name}").wait_for(timeout=60_000)
    return page


def _orders(events_path: Path, user_id: str) -> int:
    rows = [json.loads(line) for line in events_path.read_text().splitlines()]
    return len({r["attrs"]["order_id"] for r in rows if r["user_id"] == user_id and r["type"] == "purchase"})


def test_support_finds_a_customer_reads_the_card_and_gets_a_cited_answer(app_url, browser, small_shop) -> None:
    page = _sign_in(browser, app_url, "sam")
    page.get_by_role("tab", name="Customer").wait_for(state="visible", timeout=30_000)
    assert not page.get_by_role("tab", name="Audiences").is_visible()
    search = page.get_by_label("Find a customer (id or what they like)")
    search.fill("U0003")
    search.press("Enter")
    page.get_by_text("Customer U0003").wait_for(timeout=60_000)
    page.get_by_text("Suggested products").wait_for(timeout=60_000)
    assert page.get_by_text("lifecycle stage").first.is_visible()
    question = page.get_by_label("Question")
    question.fill("How many orders has this customer placed?")
    question.press("Enter")
    page.get_by_text("Sources").wait_for(timeout=120_000)
    reply = page.locator(".message").last.inner_text()
    assert str(_orders(small_shop.events, "U0003")) in reply
    page.screenshot(path=str(SHOTS / "customer.png"), full_page=True)
    page.get_by_role("tab", name="Status").click()
    page.get_by_role("button", name="Refresh").click()
    page.get_by_text("data clock").wait_for(timeout=120_000)
    page.screenshot(path=str(SHOTS / "status.png"), full_page=True)
    page.get_by_role("tab", name="Batch").click()
    page.get_by_role("button", name="Show results").click()
    page.screenshot(path=str(SHOTS / "batch.png"), full_page=True)


def test_marketer_asks_edits_and_downloads_an_audience(app_url, browser, small_shop, tmp_path: Path) -> None:
    page = _sign_in(browser, app_url, "mia")
    page.get_by_role("tab", name="Audiences").wait_for(state="visible", timeout=30_000)
    assert not page.get_by_role("tab", name="Customer").is_visible()
    page.get_by_role("tab", name="Audiences").click()
    box = page.get_by_label("Who are you looking for?")
    box.fill("customers who bought kitchen")
    page.get_by_role("button", name="Find them").click()
    page.get_by_text("customers:").first.wait_for(timeout=120_000)
    rows = [json.loads(line) for line in small_shop.events.read_text().splitlines()]
    products = {json.loads(line)["item_id"]: json.loads(line) for line in small_shop.products.read_text().splitlines()}

    def buyers(category: str) -> set[str]:
        return {r["user_id"] for r in rows if r["type"] == "purchase" and products.get(r["item_id"], {}).get("category") == category}

    assert f"{len(buyers('kitchen'))} customers:" in page.inner_text("body")
    page.screenshot(path=str(SHOTS / "audiences.png"), full_page=True)
    # Edit a condition: kitchen -> books, and run the edited query.
    page.get_by_text("Edit the conditions").click()
    editor = page.locator(".cm-content").first
    edited = editor.inner_text().replace("kitchen", "books")
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(edited)
    page.get_by_role("button", name="Run the edited conditions").click()
    expected = buyers("books")
    page.get_by_text(f"{len(expected)} customers:").first.wait_for(timeout=120_000)
    with page.expect_download() as download:
        page.locator("a[download]").first.click()
    saved = tmp_path / "audience.csv"
    download.value.save_as(saved)
    with saved.open() as handle:
        table = list(csv.DictReader(handle))
    assert {r["customer_id"] for r in table} == expected
    assert not {"email", "name", "phone"} & set(table[0])
    # A phrase the reader cannot map: a question back with the best reading, run on confirmation.
    box.fill("customers who bought kitchen and who like jazz")
    page.get_by_role("button", name="Find them").click()
    page.get_by_text("Not run yet").first.wait_for(timeout=120_000)
    assert "jazz" in page.inner_text("body")
    page.get_by_role("button", name="Run this reading").click()
    page.get_by_text(f"{len(buyers('kitchen'))} customers:").first.wait_for(timeout=120_000)


def test_a_marketer_cannot_read_customer_data_through_the_api(app_url) -> None:
    marketer = Client(app_url, auth=("mia", USERS["mia"][0]), verbose=False)
    with pytest.raises(Exception, match="(?i)role|cannot"):
        marketer.predict("U0003", api_name="/show_profile")
    with pytest.raises(Exception, match="(?i)role|cannot"):
        marketer.predict("U0003", "What is their email?", [], api_name="/ask")
    support = Client(app_url, auth=("sam", USERS["sam"][0]), verbose=False)
    card = support.predict("U0003", api_name="/show_profile")[0]
    assert "Customer U0003" in card


def test_twenty_concurrent_chats_all_succeed(app_url) -> None:
    questions = ["How many orders?", "When did they last order?", "What did they buy last?", "How much have they spent?"]

    def chat(i: int) -> float:
        client = Client(app_url, auth=("sam", USERS["sam"][0]), verbose=False)
        started = time.perf_counter()
        user_id = f"U{(i % 30) + 1:04d}"
        history, _ = client.predict(user_id, questions[i % 4], [], api_name="/ask")
        reply = str(history[-1]["content"])
        assert user_id in reply and "Tools used" in reply and "failed" not in reply, reply
        return time.perf_counter() - started

    with ThreadPoolExecutor(max_workers=20) as pool:
        seconds = sorted(pool.map(chat, range(20)))
    print(f"\n20 concurrent chats: p50 {statistics.median(seconds):.2f} s, p95 {seconds[18]:.2f} s, max {seconds[-1]:.2f} s")

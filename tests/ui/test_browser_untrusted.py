"""Untrusted text stays inert in the page: an image or HTML tag in a user document's body, in
its title (shown as a citation label) or in a chat message never makes the browser fetch it.

A logging HTTP server on 127.0.0.1 records every request; after the page has shown all three,
it must have recorded none.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.service import Assistant
from assistant.settings import Settings
from tests.ui.browser import DESKTOP, browser_page, need_chromium, served_app, shot, wait_idle

pytestmark = pytest.mark.slow


@pytest.fixture
def logging_server() -> Iterator[tuple[int, list[str]]]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1]), hits
    server.shutdown()
    server.server_close()


def _document(path: Path, port: int) -> Path:
    base = f"http://127.0.0.1:{port}"
    path.write_text(
        f"<html><head><title>![t]({base}/title.png) Radiation notes "
        f"&lt;img src={base}/title-html.png&gt;</title></head><body>"
        "<h1>Radiation dose notes</h1>"
        "<p>Radiation dose for localized POEMS disease: 40-50 Gy to each sclerotic lesion. "
        f"![b]({base}/body.png) &lt;img src={base}/body-html.png&gt; "
        f"[link]({base}/link) Thalidomide 400 mg daily is preferred first-line. [1]</p>"
        "</body></html>"
    )
    return path


def test_browser_fetches_nothing_named_in_untrusted_text(
    tmp_path: Path, logging_server: tuple[int, list[str]]
) -> None:
    need_chromium()
    port, hits = logging_server
    settings = Settings(home=tmp_path / "home")  # the full corpus: the chat needs every section
    Assistant(settings).index([_document(tmp_path / "notes.html", port)])
    env = {"POEMS_HOME": str(settings.home)}
    base = f"http://127.0.0.1:{port}"
    message = (
        f"What is the radiation dose for localized disease? ![c]({base}/chat.png) "
        f"<img src={base}/chat-html.png>"
    )
    with (
        served_app(env, tmp_path / "streamlit.log") as url,
        browser_page(tmp_path / "profile", DESKTOP) as (page, _),
    ):
        page.goto(url)
        box = page.get_by_test_id("stChatInputTextArea")
        box.wait_for(timeout=120_000)
        box.fill(message)
        box.press("Enter")
        # the user-document quote sits in a collapsed expander: attached, not yet visible
        page.get_by_text("Radiation notes").first.wait_for(state="attached", timeout=120_000)
        wait_idle(page)
        labels = page.get_by_test_id("stExpander").locator("summary")
        for i in range(labels.count()):
            labels.nth(i).click()
        page.wait_for_timeout(2_000)
        body = page.inner_text("body").replace("\u2060", "")  # word joiners break autolinks
        anchors = "[...document.querySelectorAll('a')]"
        links = page.evaluate(f"() => {anchors}.filter(a => a.href.includes('{port}')).length")
        shot(page, "untrusted-en-1280")
    assert f"![t]({base}/title.png)" in body  # the title is shown, as text
    assert f"![b]({base}/body.png)" in body  # the passage is shown, as text
    assert f"![c]({base}/chat.png)" in body
    assert "Thalidomide 400 mg daily is preferred first-line. [1]" in body  # inside the quote
    assert links == 0, "a URL from untrusted text became a live link"
    assert hits == [], hits

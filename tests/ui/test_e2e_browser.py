"""End to end in a real headless browser: Debian's chromium driven by Playwright's Python
package (executable_path; never `playwright install`)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED_ES = "¿Cuál es el plan de manejo y seguimiento de un paciente con síndrome POEMS?"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(built_settings: Settings, tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path / "streamlit.log").open("w")
    env = {**os.environ, "POEMS_HOME": str(built_settings.home)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            break
        except OSError:
            time.sleep(0.3)
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    log.close()


def test_browser_seed_question_in_spanish_then_english(server: str, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: .ci/run must apt-get install chromium")
        pytest.skip("Debian chromium not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    shots: list[Path] = []
    with sync_playwright() as pw:
        ctx = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 800},
        )
        page = ctx.new_page()
        page.goto(server)
        box = page.get_by_test_id("stChatInputTextArea")
        box.wait_for(timeout=60_000)
        box.fill(SEED_ES)
        box.press("Enter")
        first = page.get_by_text(re.compile(r"^\[1\] ")).first
        first.wait_for(timeout=60_000)
        expect(page.get_by_text("Estudio diagnóstico esencial").first).to_be_visible()
        first.click()
        expect(page.get_by_text(re.compile(r"Quoted passage|Pasaje citado")).first).to_be_visible()
        shots.append(tmp_path / "answer-es.png")
        page.screenshot(path=str(shots[-1]))
        page.get_by_text("English", exact=True).click()
        expect(page.get_by_text("Essential work-up").first).to_be_visible(timeout=60_000)
        expect(page.get_by_role("tab", name="Patient case")).to_be_visible()
        shots.append(tmp_path / "answer-en.png")
        page.screenshot(path=str(shots[-1]))
        ctx.close()
    for shot in shots:
        assert shot.stat().st_size > 10_000
    keep = os.environ.get("E2E_SCREENSHOT_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, Path(keep) / shot.name)

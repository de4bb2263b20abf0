"""The Streamlit page: AppTest in-process, and `make run` serving over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow


def _app(monkeypatch: pytest.MonkeyPatch, home: Path) -> AppTest:
    monkeypatch.setenv("POEMS_HOME", str(home))
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120)
    return at.run()


def test_app_search_shows_cited_passages(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    assert not at.exception
    at.text_input(key="query").input("radiation dose for localized disease").run()
    assert not at.exception
    bodies = " ".join(m.value for m in at.markdown)
    assert "40-50 Gy" in bodies and "humeniuk2013" in bodies
    assert any("Dose" in e.label for e in at.expander)


def test_app_spanish_switch_changes_labels(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    at.sidebar.radio(key="ui_lang").set_value("Español").run()
    assert at.title[0].value == "Asistente de guías del síndrome POEMS"
    at.text_input(key="query").input("dosis de radioterapia").run()
    assert any("Dosis" in e.label for e in at.expander)
    assert "Fuentes citadas" in " ".join(m.value for m in at.markdown)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_make_run_serves_the_page(built_settings: Settings) -> None:
    port = _free_port()
    env = {**os.environ, "POEMS_HOME": str(built_settings.home)}
    proc = subprocess.Popen(
        ["make", "run", f"PORT={port}"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 180
        body = ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/_stcore/health", timeout=2
                )
                if health.status == 200:
                    body = (
                        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5)
                        .read()
                        .decode()
                    )
                    break
            except OSError:
                time.sleep(0.5)
        assert "<title>Streamlit</title>" in body or "streamlit" in body.lower(), (
            proc.stdout.read().decode() if proc.poll() is not None and proc.stdout else "timeout"
        )
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)

"""Privacy: no patient text in logs, no outbound connection from any command."""

from __future__ import annotations

import logging
import socket
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assistant.chat import Conversation
from assistant.cli import main
from assistant.service import Assistant
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
MARKER = "Zaphod Beeblebrox 1977"


def test_patient_text_never_logged(
    built_service: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    conv = Conversation()
    for message in (
        f"Patient {MARKER} with polyneuropathy, VEGF 600 pg/mL plasma",
        f"and if {MARKER} had marrow positive?",
    ):
        _, conv = built_service.chat(conv, message, date(2026, 11, 24))
    assert MARKER not in caplog.text and "Zaphod" not in caplog.text


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every socket connect attempt, recorded before pytest-socket blocks it."""
    seen: list[Any] = []
    real = socket.socket.connect

    def record(self: socket.socket, address: Any) -> Any:
        seen.append(address)
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", record)
    return seen


def test_no_command_connects_outside_the_machine(
    built_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    connections: list[Any],
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("POEMS_HOME", str(built_settings.home))
    case = str(PROJECT_ROOT / "examples" / "case-localized.json")
    runner = CliRunner()
    for args in (
        ["index"],
        ["search", "radiation dose"],
        ["plan", case],
        ["ask", "What is the follow-up for POEMS?", "--case", case],
        ["handout", case, "--lang", "es", "--format", "pdf", "--out", str(tmp_path / "h.pdf")],
        ["eval", "--suite", "vignettes", "--out", str(tmp_path / "e")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, (args, result.output)
    outside = [
        a
        for a in connections
        if not (isinstance(a, tuple) and a[0] in ("127.0.0.1", "::1", "localhost"))
        and not isinstance(a, str)
    ]
    assert outside == []

"""The `chat --jsonl` loop with a stand-in service: a failed turn prints one error line and the
conversation goes on; an overlong line is cut and refused, not read whole (#13 items 7, 12)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import pytest

from assistant import cli_chat
from assistant.errors import StoreUnavailableError
from assistant.settings import Settings, check_question_length


@dataclass
class _Reply:
    text: str

    def model_dump_json(self) -> str:
        return json.dumps({"text": self.text})


@dataclass
class _Service:
    """Answers with the turn count; the second turn fails like a stopped Chroma server."""

    settings: Settings = field(default_factory=lambda: Settings(max_question_chars=50))
    seen: list[str] = field(default_factory=list)

    def chat(self, conv: list[str], message: str) -> tuple[_Reply, list[str]]:
        check_question_length(message, self.settings)
        self.seen.append(message)
        if len(self.seen) == 2:
            raise StoreUnavailableError("the Chroma server stopped answering", "restart it")
        if message == "boom":
            raise RuntimeError("internal")
        history = [*conv, message]
        return _Reply(f"turn {len(history)}: {' | '.join(history)}"), history


def _run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], text: str) -> list:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))
    service = _Service()
    import click

    with click.Context(click.Command("chat")):
        cli_chat.chat_jsonl(service, list)
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_failed_turn_prints_error_line_and_keeps_conversation(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _run(monkeypatch, capsys, "first\nsecond\nthird\n")
    assert lines[0] == {"text": "turn 1: first"}
    assert lines[1] == {"error": "the Chroma server stopped answering", "hint": "restart it"}
    assert lines[2] == {"text": "turn 2: first | third"}


def test_internal_error_in_a_turn_does_not_end_the_chat(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _run(monkeypatch, capsys, "first\nsecond\nboom\nlast\n")
    assert "RuntimeError" in lines[2]["error"] and "kept" in lines[2]["error"]
    assert lines[3] == {"text": "turn 2: first | last"}


def test_overlong_line_is_refused_and_the_next_line_answered(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = _run(monkeypatch, capsys, "first\nsecond\n" + "x" * 100_000 + "\nafter\n")
    assert "limit is 50" in lines[2]["error"]
    assert lines[3] == {"text": "turn 2: first | after"}

"""Chroma server mode under faults (#13 item 12): two instances rebuilding at once, and a
server stop during `poems chat --jsonl` (an error line for that turn; the chat goes on)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path
from typing import IO

import pytest

from assistant.adapters import chroma_store
from assistant.service import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from tests.hardening.test_faults import _start_server
from tests.retrieval.test_chroma_server import _free_port

pytestmark = pytest.mark.slow
CLI = "from assistant.cli import main; main()"


def _env(home: Path, knowledge: Path, url: str) -> dict[str, str]:
    return {
        "POEMS_HOME": str(home),
        "POEMS_KNOWLEDGE_DIR": str(knowledge),
        "POEMS_CHROMA_URL": url,
        "PYTHONPATH": str(PROJECT_ROOT),
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }


def test_two_instances_rebuilding_at_once_both_succeed(
    tmp_path: Path, small_knowledge: Path
) -> None:
    port, log = _free_port(), tmp_path / "chroma.log"
    server = _start_server(tmp_path / "server", port, log)
    url = f"http://127.0.0.1:{port}"
    try:
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", CLI, "index", "--rebuild"],
                env=_env(tmp_path / f"h{n}", small_knowledge, url),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for n in range(2)
        ]
        outputs = [p.communicate(timeout=600) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [e.decode()[-1500:] for _, e in outputs]
        service = Assistant(
            Settings(home=tmp_path / "h3", knowledge_dir=small_knowledge, chroma_url=url)
        )
        manifest = service.status().manifest
        assert manifest is not None
        assert (
            chroma_store.count(service.client(), manifest.collection) == manifest.counts["chunks"]
        )
        assert service.search("radiation dose", k=1)[0].chunk.section_id == "rt-dose"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _line(stream: IO[bytes], seconds: float) -> dict[str, object]:
    ready, _, _ = select.select([stream], [], [], seconds)
    assert ready, f"no output within {seconds} s"
    raw = stream.readline()
    assert raw, "the chat process ended"
    return json.loads(raw)  # type: ignore[no-any-return]


def _say(proc: subprocess.Popen[bytes], text: str) -> None:
    assert proc.stdin is not None
    proc.stdin.write(text.encode() + b"\n")
    proc.stdin.flush()


def test_server_stop_during_chat_jsonl_keeps_the_conversation(tmp_path: Path) -> None:
    port, log, data = _free_port(), tmp_path / "chroma.log", tmp_path / "server"
    server = _start_server(data, port, log)
    err = (tmp_path / "chat.err").open("wb")
    chat = subprocess.Popen(
        [sys.executable, "-c", CLI, "chat", "--jsonl"],
        env=_env(tmp_path / "h", PROJECT_ROOT / "knowledge", f"http://127.0.0.1:{port}"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=err,
    )
    assert chat.stdout is not None
    try:
        _say(chat, "Patient aged 61 with polyneuropathy. What is the radiation dose?")
        first = _line(chat.stdout, 600)
        assert first["citations"] and first["case"]["age_years"] == 61  # type: ignore[index]
        server.terminate()
        server.wait(timeout=10)
        _say(chat, "What is the radiation dose?")
        failed = _line(chat.stdout, 120)
        assert "Chroma server" in str(failed["error"]) and "chroma run" in str(failed["hint"])
        server = _start_server(data, port, log)
        _say(chat, "and the follow-up?")
        again = _line(chat.stdout, 300)
        assert again["citations"] and again["case"]["age_years"] == 61  # type: ignore[index]
        assert chat.stdin is not None
        chat.stdin.close()
        assert chat.wait(timeout=60) == 0
    finally:
        chat.kill()
        server.terminate()
        server.wait(timeout=10)
        err.close()

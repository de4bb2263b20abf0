"""POEMS_LLM privacy (#13 item 6), against a fake Ollama server on 127.0.0.1 that records every
request body: local models only unless allowed; a remote model gets no patient data unless
POEMS_LLM_SEND_CASE=true."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from assistant import llm_policy
from assistant.contracts import Answer, Citation, PatientCase
from assistant.errors import ModelUnavailableError
from assistant.generate import load_generator, rephrase
from assistant.settings import Settings, load_settings

MARKER_AGE = 87
QUOTE = "Radiation of 40-50 Gy is the treatment for a single sclerotic lesion."


class _Recorder(BaseHTTPRequestHandler):
    bodies: list[str]

    def do_POST(self) -> None:
        size = int(self.headers.get("Content-Length") or 0)
        self.server.bodies.append(self.rfile.read(size).decode())  # type: ignore[attr-defined]
        reply = {
            "model": "m",
            "created_at": "2026-11-25T00:00:00Z",
            "message": {"role": "assistant", "content": f"{QUOTE} [1]"},
            "done": True,
            "done_reason": "stop",
        }
        data = (json.dumps(reply) + "\n").encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    httpd.bodies = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()


def _settings(server: ThreadingHTTPServer, **extra: Any) -> Settings:
    url = f"http://127.0.0.1:{server.server_address[1]}"
    return Settings(llm="ollama:m", llm_base_url=url, **extra)


def _answer(with_case: bool, source: str = "guideline-en/radiation") -> Answer:
    case = PatientCase(age_years=MARKER_AGE, polyneuropathy="present") if with_case else None
    text = (
        f"Radiation of 40-50 Gy [1]. For this patient, aged {MARKER_AGE}."
        if with_case
        else ("Radiation of 40-50 Gy [1].")
    )
    cite = Citation(
        n=1,
        source_id=source,
        title="Radiation",
        locator="§ dose",
        quote=QUOTE,
        chunk_id="kc-00000001",
        section_id="rt-dose",
    )
    return Answer(
        text=text,
        lang="en",
        intent="treatment",
        citations=(cite,),
        case=case,
        knowledge_version="test",
    )


def _as_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    """Seam: treat the fake server on 127.0.0.1 as a remote host."""
    monkeypatch.setattr(llm_policy, "is_loopback", lambda host: False)


def test_local_model_receives_the_request_body(server: ThreadingHTTPServer) -> None:
    settings = _settings(server)
    out = rephrase(_answer(True), load_generator(settings), settings)
    assert len(server.bodies) == 1  # type: ignore[attr-defined]
    assert f"aged {MARKER_AGE}" in server.bodies[0]  # type: ignore[attr-defined]
    assert QUOTE in out.text


def test_remote_model_refused_without_allow_remote(
    server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_remote(monkeypatch)
    with pytest.raises(ModelUnavailableError) as info:
        load_generator(_settings(server))
    assert "POEMS_LLM_ALLOW_REMOTE" in info.value.hint
    assert server.bodies == []  # type: ignore[attr-defined]


def test_hosted_provider_refused_at_settings_load() -> None:
    with pytest.raises(ModelUnavailableError) as info:
        load_settings(llm="openai:gpt-4o")
    assert "not this machine" in info.value.message


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(_answer(True), id="case"),
        pytest.param(_answer(False, source="user-0123456789"), id="user-document"),
    ],
)
def test_remote_model_gets_no_patient_data_without_send_case(
    server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch, answer: Answer
) -> None:
    _as_remote(monkeypatch)
    settings = _settings(server, llm_allow_remote=True)
    out = rephrase(answer, load_generator(settings), settings)
    assert server.bodies == []  # type: ignore[attr-defined]
    assert out == answer


def test_remote_model_gets_guideline_only_answer(
    server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_remote(monkeypatch)
    settings = _settings(server, llm_allow_remote=True)
    rephrase(_answer(False), load_generator(settings), settings)
    (body,) = server.bodies  # type: ignore[attr-defined]
    assert QUOTE in body and str(MARKER_AGE) not in body


def test_remote_model_gets_case_only_with_send_case(
    server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _as_remote(monkeypatch)
    settings = _settings(server, llm_allow_remote=True, llm_send_case=True)
    rephrase(_answer(True), load_generator(settings), settings)
    (body,) = server.bodies  # type: ignore[attr-defined]
    assert f"aged {MARKER_AGE}" in body


def test_ollama_host_variable_cannot_redirect_the_model(
    server: ThreadingHTTPServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OLLAMA_HOST", "http://203.0.113.9:11434")
    settings = Settings(llm="ollama:m")
    assert llm_policy.endpoint(settings) == "http://127.0.0.1:11434"
    assert llm_policy.is_local(settings)

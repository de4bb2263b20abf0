"""The Streamlit app in-process (AppTest) and served by `make run` over HTTP."""

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
    return AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=120).run()


def _text(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown)


def _submit(at: AppTest) -> AppTest:
    button = next(b for b in at.button if b.label in ("Apply to the case", "Aplicar al caso"))
    return button.click().run()


def test_app_chat_turn_shows_cited_answer_and_follow_ups(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    assert not at.exception
    at.chat_input[0].set_value("What is the radiation dose for localized disease?").run()
    assert not at.exception
    assert "40-50 Gy" in _text(at)
    assert any(e.label.startswith("[1] ") for e in at.expander)
    assert any(
        b.label == "When should systemic therapy be added after radiation?" for b in at.button
    )


def test_app_spanish_turn_answers_in_spanish(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    at.chat_input[0].set_value("¿Hay que evitar la talidomida?").run()
    text = _text(at)
    assert "J-POST" in text and "sopesar" in text


def test_app_refusal_is_noted(built_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _app(monkeypatch, built_settings.home)
    at.chat_input[0].set_value("What is the capital of France?").run()
    assert any("outside what the assistant covers" in i.value for i in at.info)


def test_app_form_case_changes_the_plan(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    for key in ("polyneuropathy", "monoclonal_plasma_cell_disorder", "skin_changes"):
        at.selectbox(key=f"f_{key}").set_value("present")
    at.selectbox(key="f_marrow_clonal_plasma_cells").set_value("absent")
    at.number_input(key="f_bone_lesion_count").set_value(1)
    at.selectbox(key="f_lesion_count_imaging").set_value("pet_ct")  # #11: counted on PET-CT
    at = _submit(at)
    assert not at.exception
    assert "Localized: 1 bone lesion(s)" in _text(at)
    at.selectbox(key="f_marrow_clonal_plasma_cells").set_value("present")
    at = _submit(at)
    assert "Disseminated: clonal plasma cells in the bone marrow" in _text(at)


def test_app_form_validation_errors_are_per_field(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    at.number_input(key="f_age_years").set_value(150)
    at.number_input(key="f_platelets_10e9_l").set_value(-5)
    at = _submit(at)
    errors = [e.value for e in at.error]
    assert "Must be at most 120." in errors
    assert "Must be at least 0." in errors
    assert "Some fields need correcting; the case was not changed." in errors


def test_app_chat_findings_fill_the_form(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    at.chat_input[0].set_value(
        "62-year-old man with polyneuropathy, lambda M-protein, 2 sclerotic lesions, "
        "marrow negative"
    ).run()
    assert at.selectbox(key="f_polyneuropathy").value == "present"
    assert at.selectbox(key="f_marrow_clonal_plasma_cells").value == "absent"
    assert at.number_input(key="f_bone_lesion_count").value == 2
    assert "Undetermined: 2 bone lesion(s)" in _text(at)  # #11: not counted on PET-CT yet


def test_app_language_is_the_chosen_one_and_answers_follow_the_question(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _app(monkeypatch, built_settings.home)
    at.segmented_control(key="ui_lang").set_value("Español").run()
    at.chat_input[0].set_value("What is the radiation dose for localized disease?").run()
    assert at.title[0].value == "Asistente de guías del síndrome POEMS"  # the page did not flip
    assert [tab.label for tab in at.tabs][:3] == ["Conversación", "Caso", "Plan"]
    assert "40-50 Gy" in _text(at)  # the answer is in the question's language
    assert at.segmented_control(key="audience").options == ["Profesional", "Paciente"]
    at.segmented_control(key="audience").set_value("patient").run()
    assert "Radiation treatment aimed at the bone spots" in _text(at)  # plain words
    at.segmented_control(key="ui_lang").set_value("English").run()
    assert at.segmented_control(key="audience").value == "patient"


@pytest.mark.parametrize(
    ("env", "value"),
    [
        pytest.param("POEMS_CHROMA_URL", "http://127.0.0.1:9", id="chroma-server-down"),
        pytest.param("POEMS_MODEL_PATH", "/nonexistent/model", id="wrong-model-path"),
    ],
)
def test_app_start_failure_shows_error_and_hint_not_a_trace(
    env: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(env, value)
    at = _app(monkeypatch, tmp_path / "home")
    assert not at.exception
    assert at.error and at.info
    assert "Traceback" not in " ".join(e.value for e in at.error)
    assert at.title[0].value == "POEMS guideline assistant"  # the shell rendered first


def test_app_two_sessions_do_not_share_state(
    built_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _app(monkeypatch, built_settings.home)
    second = _app(monkeypatch, built_settings.home)
    first.chat_input[0].set_value("Patient with polyneuropathy and marrow positive").run()
    second.run()
    assert first.selectbox(key="f_polyneuropathy").value == "present"
    assert second.selectbox(key="f_polyneuropathy").value == "unknown"
    assert "marrow positive" not in _text(second)


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
                url = f"http://127.0.0.1:{port}"
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    body = urllib.request.urlopen(url, timeout=5).read().decode()
                    break
            except OSError:
                time.sleep(0.5)
        assert "streamlit" in body.lower(), "the page was not served"
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)

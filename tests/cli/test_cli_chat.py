"""`poems ask` and `poems chat` through the real CLI (real index, real model)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from assistant.cli import main
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
SEED = "What is the management and follow-up plan for a patient diagnosed with POEMS syndrome?"


@pytest.fixture
def home(built_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POEMS_HOME", str(built_settings.home))


@pytest.mark.usefixtures("home")
def test_ask_json_in_english_with_lang_es() -> None:
    result = CliRunner().invoke(
        main, ["ask", SEED, "--lang", "es", "--json"], catch_exceptions=False
    )
    assert result.exit_code == 0
    answer = json.loads(result.stdout)
    assert answer["lang"] == "es" and answer["intent"] == "overview"
    assert "### Diagnóstico" in answer["text"] and answer["citations"]


@pytest.mark.usefixtures("home")
def test_ask_text_lists_sources_and_follow_ups_in_spanish() -> None:
    result = CliRunner().invoke(main, ["ask", "¿Hay que evitar la talidomida?"])
    assert result.exit_code == 0
    assert "**Fuentes**" in result.stdout and "**Puede preguntar a continuación**" in result.stdout
    assert "J-POST" in result.stdout


@pytest.mark.usefixtures("home")
def test_ask_with_case_file_uses_the_plan() -> None:
    case = PROJECT_ROOT / "examples" / "case-localized.json"
    result = CliRunner().invoke(
        main, ["ask", "What is the first-line treatment?", "--case", str(case), "--json"]
    )
    answer = json.loads(result.stdout)
    assert answer["plan"]["stratification"]["status"] == "localized"
    assert "Radiation therapy to the lesion(s), 40-50 Gy" in answer["text"]


@pytest.mark.usefixtures("home")
def test_ask_patient_audience_is_plain() -> None:
    result = CliRunner().invoke(
        main, ["ask", "What is the follow-up for POEMS?", "--audience", "patient", "--json"]
    )
    answer = json.loads(result.stdout)
    assert answer["audience"] == "patient" and "Nerves heal slowly" in answer["text"]


@pytest.mark.usefixtures("home")
def test_chat_jsonl_one_answer_per_line_and_new_resets() -> None:
    lines = "\n".join(
        [
            "Varón de 60 años con polineuropatía y gammapatía lambda. PET-TC: 2 lesiones "
            "escleróticas. Médula ósea negativa.",
            "¿y si la médula fuera positiva?",
            "dose?",
            "/new",
            "dose?",
        ]
    )
    result = CliRunner().invoke(
        main, ["chat", "--jsonl"], input=lines + "\n", catch_exceptions=False
    )
    assert result.exit_code == 0
    answers = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(answers) == 4
    assert answers[0]["plan"]["stratification"]["status"] == "localized"
    assert answers[1]["hypothetical"] and answers[1]["plan"]["stratification"]["status"] == (
        "disseminated"
    )
    assert answers[2]["lang"] == "es" and answers[2]["case"]["marrow_clonal_plasma_cells"] == (
        "absent"
    )
    assert answers[3]["case"] is None and answers[3]["refused"]  # new conversation, no context


@pytest.mark.usefixtures("home")
def test_chat_interactive_reads_until_quit() -> None:
    result = CliRunner().invoke(main, ["chat"], input="What is the radiation dose?\n/quit\n")
    assert result.exit_code == 0
    assert "POEMS assistant" in result.stdout and "40-50 Gy" in result.stdout

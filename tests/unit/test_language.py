"""Language detection for questions and short follow-ups."""

from __future__ import annotations

import pytest

from assistant.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("What is the management and follow-up plan for POEMS?", "en"),
        ("¿Cuál es el plan de manejo y seguimiento del síndrome POEMS?", "es"),
        ("radiation dose for localized disease", "en"),
        ("dosis de radioterapia en la enfermedad localizada", "es"),
        ("aspirina plaquetas", "es"),
        ("médula ósea negativa", "es"),
        ("and if the marrow were positive?", "en"),
        ("y si la medula fuera positiva", "es"),
    ],
)
def test_detect_language_questions(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["dose?", "follow-up", "VEGF?", "ok"])
def test_detect_language_short_followup_keeps_conversation_language(text: str) -> None:
    assert detect_language(text, default="es") == "es"
    assert detect_language(text, default="en") == "en"


def test_detect_language_short_spanish_mark_switches_to_spanish() -> None:
    assert detect_language("¿dosis?", default="en") == "es"

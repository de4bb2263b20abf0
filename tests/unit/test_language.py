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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # terse clinician queries with no accent and no function word
        ("poems vs cidp diferencias", "es"),
        ("daratumumab evidencia poems", "es"),
        ("factores pronosticos adversos poems", "es"),
        ("efectos adversos lenalidomida", "es"),
        ("pet ct o tc", "es"),
        ("Mel200 or Mel140?", "en"),
        ("lenalidomide dose crcl 25", "en"),
        # an accented name inside an English sentence
        ("How is Guillain-Barré syndrome treated?", "en"),
        ("síndrome de Crow-Fukase", "es"),
    ],
)
def test_detect_language_terse_and_named(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_lingua_fallback_is_used() -> None:
    """Words no list knows go to lingua (its Rust enum must be compared by value)."""
    assert detect_language("hepatoesplenomegalia llamativa") == "es"
    assert detect_language("strikingly enlarged spleen") == "en"

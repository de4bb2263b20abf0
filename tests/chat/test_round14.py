"""Round-14 chat behaviours (#12), found by dev families written from the fact sheet only."""

from __future__ import annotations

import re

import pytest

from assistant.chat.lexicon import load_lexicon
from assistant.chat.understand import pick_topics, split_message, topic_scores
from tests.chat.checks import ask, first_bullets
from tests.conftest import KNOWLEDGE
from tests.fakes import FakeChatEngine

LEX = load_lexicon(KNOWLEDGE)


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        (
            "Nos pregunta Nefrología por un paciente con POEMS y lesiones en T11 y en la cadera, "
            "esternón limpio: ¿se considera enfermedad localizada?",
            r"(?i)localizada cuando hay de 1 a 3 lesiones",
        ),
        (
            "Consulta de Cardiología: pte con POEMS, lesión dorsal en T7 y otra lumbar en L1. "
            "¿Cuántos Gy totales?",
            r"(?i)40\s?(?:-|–|a)\s?50\s?Gy",
        ),
    ],
)
def test_the_asking_service_and_the_lesion_site_are_not_unknown_subjects(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    """A hospital service ('Nefrología') and where a lesion sits ('T11', 'cadera', 'dorsal')
    are the question's setting, not a subject the guidelines leave out; 'Gy' asks the dose."""
    answer = ask(engine, question)
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 2))


@pytest.mark.parametrize(
    ("message", "first"),
    [
        (
            "Nos consulta Oncología Radioterápica por un paciente con POEMS y lesión única en "
            "L2, médula sin clon: ¿campo sobre la lesión o toda la columna lumbar? ¿Cuántos Gy?",
            "radiation",
        ),
        ("En un POEMS con lesión única y médula negativa, ¿cuántos Gy se dan?", "radiation"),
        ("¿Lesión única y médula negativa: es localizada?", "stratification"),
    ],
)
def test_words_before_the_opening_question_mark_are_the_case_not_the_question(
    message: str, first: str
) -> None:
    """In Spanish the question starts at '¿': the lesion and marrow told before it describe
    the patient and weigh as the case does; the asked part chooses the topic."""
    question, statements = split_message(message)
    scores, named = topic_scores(LEX, question, statements)
    assert pick_topics(scores)[0] == first
    assert named


def test_the_lead_in_still_names_the_question_for_the_gate() -> None:
    """'Tras el TASPE, ¿qué hacemos?': the lead-in names the subject strongly, so the question
    counts as named (the cannot-answer gate is not made stricter by the split)."""
    scores, named = topic_scores(LEX, "Tras el TASPE, ¿y ahora qué hacemos?", "")
    assert named
    assert scores.get("transplant", 0) > 0


def test_the_radiation_oncology_question_opens_with_the_dose(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "Nos consulta Oncología Radioterápica por un paciente con POEMS y lesión única en L2, "
        "médula sin clon: ¿campo sobre la lesión o toda la columna lumbar? ¿Cuántos Gy?",
    )
    assert answer.intent == "radiation"
    assert re.search(r"(?i)40\s?(?:-|–|a)\s?50\s?Gy", first_bullets(answer, 3))

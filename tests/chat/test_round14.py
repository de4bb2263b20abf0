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


@pytest.mark.parametrize(
    ("question", "audience", "topic"),
    [
        ("In POEMS, is Velcade easier on the nerves than Revlimid?", "clinician", "caution"),
        ("POEMS: starting Revlimid next week, which dose with a CrCl of 45?", "clinician", None),
        # the checks before a first prescription (pregnancy programme, counts, kidneys)
        ("Thalomid for POEMS: what do I check before prescribing it?", "clinician", "drug_safety"),
        (
            "Pharmacy asks for the rationale for stopping IVIG now that the CIDP was re-diagnosed "
            "as POEMS. What is it?",
            "clinician",
            None,
        ),
        ("que hay q chequear antes de arrancar talido + dexa en un POEMS?", "clinician", None),
        (
            "My dad has POEMS and the doctor pointed at his fingers and said clubbing. Does that "
            "matter?",
            "patient",
            "prognosis",
        ),
        ("Will he need a splint or a walking aid for his feet with POEMS?", "patient", None),
        (
            "VEGF up once on routine follow-up after ASCT for POEMS, asymptomatic. Retreat?",
            "clinician",
            None,
        ),
    ],
)
def test_brand_names_requests_and_everyday_words_are_understood(
    engine: FakeChatEngine, question: str, audience: str, topic: str | None
) -> None:
    """Brand names are the drugs ('Velcade', 'Revlimid', 'Thalomid'); a request for a rationale,
    a cut-short drug name ('talido'), clubbing, a splint or 'retreat' are not subjects the
    guidelines leave out."""
    answer = ask(engine, question, audience)
    assert not answer.refused
    if topic is not None:
        assert topic in answer.intent.split("+")


@pytest.mark.parametrize(
    ("typed", "read"),
    [("talido", "talidom"), ("lenali", "lenalidom"), ("salido", None)],
)
def test_a_drug_name_cut_short_is_read_as_the_drug(typed: str, read: str | None) -> None:
    """'talido' was repaired into 'salido' (one edit), losing the drug."""
    assert LEX.speller.fix(typed) == read


def test_writing_a_coverage_letter_is_still_declined(engine: FakeChatEngine) -> None:
    """A rationale is clinical; writing a letter to get a scan covered is not (a request word
    must not make the task answerable)."""
    answer = ask(
        engine,
        "me ayudan a escribir una carta a la prepaga para q me cubran el PET-TC? tengo POEMS",
        "patient",
    )
    assert answer.refused


@pytest.mark.parametrize(
    ("question", "audience", "opens"),
    [
        (
            "VEGF has halved after 3 cycles of len-dex in POEMS but the neuropathy is no better. "
            "Is it failing?",
            "clinician",
            r"(?i)should not by itself be called treatment failure",
        ),
        (
            "a mi papá le bajó el VEGF pero sigue sin fuerza en las piernas, ya van 3 meses. "
            "¿no le está funcionando el tratamiento del POEMS?",
            "patient",
            r"(?i)no debe considerarse por sí sola un fracaso",
        ),
        (
            "He had his POEMS transplant 7 years ago and everything is normal. Can he stop the "
            "blood tests and scans?",
            "patient",
            r"(?i)never ends",
        ),
        (
            "Trasplante por POEMS hace 5 años, todo bien. ¿Hasta cuándo tiene que seguir con los "
            "análisis?",
            "patient",
            r"(?i)nunca termina",
        ),
        (
            "POEMS progressing on Rd, never had a transplant, now ECOG 1. Next line?",
            "clinician",
            r"(?i)options with data|never had one",
        ),
        (
            "POEMS que progresa con Rd y nunca fue a TASPE: ¿opciones de 2a línea?",
            "clinician",
            r"(?i)opciones con datos|nunca lo ha recibido",
        ),
    ],
)
def test_later_visit_questions_open_with_their_answer(
    engine: FakeChatEngine, question: str, audience: str, opens: str
) -> None:
    """No nerve gain yet is not a failure; follow-up does not end on its own; 'next line'
    after first-line therapy opens with the relapse options."""
    answer = ask(engine, question, audience)
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 2))

"""Round-4 chat behaviours (#12): questions a clinician or family member asks, what the answer must
open with, and what must stay out of scope. Written from the fault hunt, not from the gold sets."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.chat import Conversation, respond
from assistant.chat.evidence import stem
from assistant.contracts import Answer, PatientCase
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 24)


def _ask(engine: FakeChatEngine, q: str, **conv: object) -> Answer:
    return respond(Conversation(**conv), q, engine, TODAY)[0]  # type: ignore[arg-type]


def _direct(answer: Answer) -> str:
    """The direct-answer block (up to the next heading)."""
    parts = answer.text.split("### ")
    return parts[1] if len(parts) > 1 else answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # vocabulary the lexicon lacked: answered, with the passage that answers it first
        ("¿Cuántos Gy?", r"Gy"),
        ("how many Gy?", r"Gy"),
        ("Are steroids alone enough?", r"(?i)corticosteroids"),
        ("How do we get the swelling down?", r"(?i)oedema|effusion"),
        ("What blood thinner keeps clots away?", r"(?i)antiplatelet|aspirin"),
        ("I have a fever during chemo, what do I do?", r"(?i)neutropenic|blood count"),
        ("Tengo fiebre con la quimio, ¿qué hago?", r"(?i)neutropénica|hemograma"),
        ("How are edema and pleural effusions managed in POEMS?", r"(?i)treating the POEMS"),
        ("¿diuréticos en POEMS?", r"(?i)diurétic"),
        ("ASCT risks in poems? TRM?", r"(?i)mortality|engraftment"),
        ("2nd ASCT for relapsed poems?", r"(?i)second ASCT"),
        ("neuropathy + lambda MGUS = poems dx?", r"(?i)major|mayor|MGUS"),
        ("¿Por qué no se usa el bevacizumab en el POEMS?", r"(?i)no se recomienda"),
        ("profilaxis infecciosa en poems, q hay que poner?", r"(?i)antivírica|hepatitis"),
        ("How do I tell POEMS from CIDP?", r"(?i)lambda|CIDP"),
    ],
)
def test_real_phrasings_open_with_the_answer(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text[:400]
    assert re.search(opening, _direct(answer)), answer.text[:800]


@pytest.mark.parametrize(
    "question",
    [
        "Is SPEP enough or do I need IFE?",
        "Should PFTs with DLCO be done?",
        "¿Hace falta BMO?",
        "autotrasplante: ¿quién es candidato?",
        "¿cuantas sesiones de radio son?",
        "Gabapentin or pregabalin for the pain?",
        "¿hay que dar levotiroxina?",
        "will my mum need a wheelchair",
        "What should I watch out for during treatment?",
        "¿Qué probabilidad hay de que vuelva la enfermedad después del trasplante?",
        "Mi padre tiene las piernas muy hinchadas y le cuesta respirar, ¿es por el POEMS?",
        "a mi esposo le dijeron que tiene poems que es eso",
        "Is Castleman required?",
    ],
)
def test_in_scope_questions_are_not_refused(engine: FakeChatEngine, question: str) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text[:400]


@pytest.mark.parametrize(
    "question",
    [
        "Translate the POEMS guideline into French",
        "Tell me a joke about lenalidomide",
        "¿Cuánto cuesta la lenalidomida en farmacia?",
        "Is POEMS covered by my insurance?",
        "What is the ICD-10 code for POEMS?",
        "What is the acyclovir dose for shingles?",
        "What is the aspirin dose after a heart attack?",
        "¿Qué dosis de aspirina para el dolor de cabeza?",
        "Physiotherapy after knee replacement?",
        "¿Cómo se trata la ascitis en la cirrosis?",
        "Dose of pregabalin for fibromyalgia",
        "How do I treat type 2 diabetes?",
    ],
)
def test_unrelated_requests_and_other_conditions_are_refused(
    engine: FakeChatEngine, question: str
) -> None:
    assert _ask(engine, question).refused


@pytest.mark.parametrize(
    "question",
    [
        "POEMS with one lesion and a clean marrow: what now?",
        "POEMS con una sola lesión y médula limpia: ¿y ahora qué?",
    ],
)
def test_a_named_localized_stratum_gets_radiation_and_its_dose(
    engine: FakeChatEngine, question: str
) -> None:
    answer = _ask(engine, question)
    assert answer.topics[0] == "radiation"
    assert re.search(r"40-50 Gy", _direct(answer)), answer.text[:600]


def test_a_case_with_no_option_yet_gets_the_guideline_by_stratum_as_conditional(
    engine: FakeChatEngine,
) -> None:
    # one lesion and a clean marrow, but not counted on whole-body imaging: stratum open
    case = PatientCase(
        polyneuropathy="present",
        monoclonal_plasma_cell_disorder="present",
        sclerotic_bone_lesions="present",
        bone_lesion_count=1,
        marrow_clonal_plasma_cells="absent",
    )
    answer = _ask(engine, "¿Tratamiento?", case=case)
    assert answer.plan is not None and not answer.plan.treatment.primary
    direct = _direct(answer)
    assert "Cuando se confirmen el diagnóstico y la extensión" in direct, answer.text[:900]
    assert re.search(r"40-50 Gy", direct)


def test_stems_join_british_and_american_spellings_and_plurals() -> None:
    assert stem("oedema") == stem("edema")
    assert stem("haematology") == stem("hematology")
    assert stem("anaemia") == stem("anemia")
    assert stem("risks") == stem("risk")

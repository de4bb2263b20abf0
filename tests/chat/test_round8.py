"""Round-8 chat behaviours (#12): subjects the guideline leaves out (vaccines, driving, work) are
declined unless a document covers them; another disease's staging, criteria or dosing is
refused; breathlessness and pulmonary hypertension open with what the guideline says about
them; a second autologous transplant is named however it is written."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import answered_with, ask, first_bullets
from tests.fakes import FakeChatEngine, user_chunk


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("¿Se puede vacunar de la gripe y del covid mi papá que tiene POEMS?", "patient"),
        # answered in round 5 from the infection lines, which never mention vaccines
        ("¿Se puede vacunar de la gripe durante el tratamiento con lenalidomida?", "clinician"),
        (
            "Can I get the shingles vaccine (Shingrix) while I'm on lenalidomide for POEMS?",
            "patient",
        ),
        # a short question about the statement before it
        (
            "con la neuropatia del POEMS mi viejo sigue manejando el auto, puede? no siente bien "
            "los pies",
            "patient",
        ),
        ("Can I keep working full-time during POEMS treatment?", "patient"),
    ],
)
def test_subjects_the_guideline_leaves_out_are_declined(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    assert answer.refused, answer.text
    assert not answer.citations


def test_a_left_out_subject_is_answered_when_a_users_document_covers_it() -> None:
    doc = user_chunk(
        "kc-user0002",
        "Inactivated vaccines such as influenza can be given during lenalidomide therapy.",
        "Clinic vaccine notes",
        "vaccines",
    )
    engine = FakeChatEngine(user_chunks=[doc])
    answer = ask(engine, "Flu vaccine while on lenalidomide for POEMS?")
    assert not answer.refused, answer.text
    assert "From documents you added" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "which disability score for tracking POEMS neuropathy on therapy",  # ONLS, not benefits
        "how do we manage the oedema in POEMS?",  # 'manejar' is also 'manage'
        "¿Cómo se manejan los edemas en el POEMS?",
    ],
)
def test_near_words_of_left_out_subjects_stay_answered(
    engine: FakeChatEngine, question: str
) -> None:
    assert not ask(engine, question).refused


@pytest.mark.parametrize(
    "question",
    [
        "Zoledronic acid dosing for myeloma bone disease?",
        "How is AL amyloidosis staged (Mayo 2012)?",
        "Criterios EAN/PNS 2021 de la PDIC, ¿me los resumes?",
        "Sd TAFRO: criterios diagnósticos y tratamiento",
    ],
)
def test_another_diseases_staging_criteria_or_dosing_is_refused(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question).refused


@pytest.mark.parametrize(
    "question",
    [
        "POEMS vs CIDP: diagnostic criteria?",
        "does my patient meet CIDP criteria or is it POEMS?",
    ],
)
def test_criteria_comparing_poems_with_a_neighbour_are_answered(
    engine: FakeChatEngine, question: str
) -> None:
    assert answered_with(ask(engine, question), r"(?i)POEMS")


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("always short of breath with POEMS - related?", "patient"),
        ("el poems da falta de aire??", "patient"),
        (
            "A mi papá le cuesta respirar, se ahoga subiendo la escalera. Tiene POEMS. ¿Puede ser "
            "por la enfermedad? ¿Qué examen le tienen que hacer?",
            "patient",
        ),
    ],
)
def test_breathlessness_opens_with_pulmonary_pressure_and_the_echo(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    head = first_bullets(answer)
    assert not answer.refused
    assert "27" in head and ("echocardiogra" in head.lower() or "ecocardiogra" in head.lower())
    assert "aspirin" not in head.lower() and "aas" not in head.lower()  # not the clot lines


@pytest.mark.parametrize(
    "question",
    [
        "pulm HTN in POEMS: how bad, and does it go away with treatment",
        "HTP en POEMS, que tan grave es y mejora con el tto?",
    ],
)
def test_pulmonary_hypertension_opens_with_reversal_survival_and_repeat_echo(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question))
    assert "27" in head and "54" in head, head  # how common, and median survival 54 months
    assert "revers" in head or "revertir" in head


@pytest.mark.parametrize(
    "question",
    [
        "can you do a 2nd autologous SCT in relapsed POEMS?",
        "se puede hacer un 2do trasplante en POEMS que recae?",
    ],
)
def test_a_second_autologous_transplant_opens_with_its_limited_evidence(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question), 1)
    assert "limited" in head or "limitada" in head, head


@pytest.mark.parametrize(
    ("question", "audience", "expect"),
    [
        # the asking words of a short question about the statements before it are not content
        (
            "le van a hacer un trasplante de medula con sus propias celulas a mi hermana por el "
            "POEMS. q tan riesgoso es?? cuantos se mueren?",
            "patient",
            r"0[,.]9|3[,.]3",
        ),
        (
            "Nefróloga. Pte con sd de Crow-Fukase, ClCr 40 ml/min por Cockcroft, hemato quiere "
            "iniciar Len-dex 25 mg d1-21. ¿Es correcta esa dosis?",
            "clinician",
            r"10 mg",
        ),
        (
            "my mom has POEMS and her ankles and belly keep filling up with fluid. will the "
            "treatment fix that or is it permanent?",
            "patient",
            r"(?i)treat",
        ),
        # clinicians' shorthand: dara, VHB
        ("Antes de dara en Crow-Fukase recaído, ¿serología VHB?", "clinician", r"hepatitis B"),
        ("Nomograma PUMCH en POEMS: variables y rendimiento", "clinician", r"0[,.]727"),
    ],
)
def test_everyday_asking_words_and_shorthand_are_understood(
    engine: FakeChatEngine, question: str, audience: str, expect: str
) -> None:
    answer = ask(engine, question, audience)
    assert answered_with(answer, expect), answer.text[:600]


@pytest.mark.parametrize(
    "question",
    [
        "AL amyloid with heart involvement - HDM/ASCT or dara-CyBorD upfront?",
        "Rendimiento diagnóstico de la biopsia de grasa abdominal en amiloidosis AL",
    ],
)
def test_shorthand_does_not_open_another_diseases_questions(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question).refused


@pytest.mark.parametrize(
    ("question", "audience", "expect"),
    [
        # a long family message: greetings, apologies and feelings tell the story
        (
            "Hola, perdon si es una pregunta fea pero necesito saber. a mi suegro le "
            "diagnosticaron POEMS y en internet lei cosas horribles. cuantos años se vive con "
            "esto? mi suegra no para de llorar",
            "patient",
            r"\d",
        ),
        (
            "Hola, mi viejo termino la radioterapia hace un mes y medio y esta peor de las "
            "piernas. La neuro dice que tengamos paciencia. Cuanto tarda en mejorar? cuando se "
            "sabe si la radio funciono?",
            "patient",
            r"3",
        ),
        # fever on treatment is never refused, whatever the brand of paracetamol
        (
            "wife is on melphalan + dex for POEMS, she's got a temp of 38.4 tonight and chills. "
            "can we just give her tylenol and wait?",
            "patient",
            r"(?i)white (?:blood )?cells|urgent",
        ),
        # clinicians' words: prohibido, precaución, rta (respuesta)
        (
            "¿La talidomida y el bortezomib están prohibidos en el POEMS por la neuropatía, o es "
            "solo cuestión de precaución? ¿Qué se prefiere?",
            "clinician",
            r"(?i)talidomida",
        ),
        (
            "como se gradua la rta en poems? alcanza con seguir el componente M??",
            "clinician",
            r"VEGF",
        ),
    ],
)
def test_long_family_messages_and_clinician_slang_are_answered(
    engine: FakeChatEngine, question: str, audience: str, expect: str
) -> None:
    answer = ask(engine, question, audience)
    assert answered_with(answer, expect), answer.text[:600]


def test_a_question_about_sleep_or_anxiety_is_declined_but_pain_at_night_is_not(
    engine: FakeChatEngine,
) -> None:
    assert ask(engine, "tengo POEMS y mucha ansiedad, que me recomiendan para dormir?").refused
    assert not ask(
        engine, "¿Qué le doy para el dolor de pies por el POEMS que no le deja dormir?", "patient"
    ).refused


@pytest.mark.parametrize(
    "question",
    [
        "aspirin vs LMWH on lenalidomide in POEMS - how do you choose?",
        "tromboprofilaxsis con Rd en poems: AAS o HBPM?",
    ],
)
def test_imid_thromboprophylaxis_is_chosen_by_risk(engine: FakeChatEngine, question: str) -> None:
    head = first_bullets(ask(engine, question), 3)
    assert re.search(r"(?i)standard risk|riesgo est[aá]ndar", head), head
    assert re.search(r"(?i)previous thrombosis|trombosis previa", head), head


@pytest.mark.parametrize(
    "question",
    [
        "why does POEMS need so many different tests?",
        "por que le piden tantos estudios a mi mama para el sindrome de poems??",
    ],
)
def test_so_many_tests_opens_with_what_the_work_up_covers(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question, "patient"), 2)  # after why (test_round11)
    assert re.search(r"(?i)covers the clone|abarca el clon", head), head


def test_patients_in_general_do_not_anchor_a_statement(engine: FakeChatEngine) -> None:
    """'incl. dialysis pts' widens a general question; it does not put one patient on dialysis."""
    answer = ask(engine, "Len dosing by CrCl in POEMS w/ CKD? incl. dialysis pts")
    assert not answer.refused
    assert answer.case is None or not answer.case.model_dump(exclude_defaults=True)
    told = ask(engine, "Len dosing by CrCl in POEMS? my pt is on dialysis")
    assert told.case is not None and told.case.model_dump(exclude_defaults=True)

"""Round-18 chat behaviours (#12): the words clinicians and families use for the agents,
tests and team members the guideline names (brand names, shorthand, lay descriptions)."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine

SYNONYMS = [  # (question, audience, topic answered (pattern), what the first bullets hold)
    ("is enoxaparin needed in POEMS?", "clinician", "supportive", r"(?i)heparin"),
    ("Mi padre tiene POEMS, ¿qué pasa con el Clexane?", "patient", "supportive", r"HBPM"),
    ("POEMS y Sintrom, ¿se puede?", "clinician", "supportive", r"(?i)warfarin|anticoagul"),
    ("POEMS: DVT prophylaxis on lenalidomide?", "clinician", "supportive", r"(?i)thrombo"),
    ("POEMS con Seguril para los edemas, ¿vale?", "clinician", "supportive", r"(?i)diur"),
    ("Tomo Eutirox por el POEMS, ¿es normal?", "patient", "supportive", r"(?i)levotiroxina"),
    ("is insulin needed in POEMS?", "clinician", "supportive", r"(?i)glucose"),
    ("POEMS: what about involved site RT?", "clinician", "radiation", r"(?i)involved-field"),
    ("¿Se puede hacer reirradiación en el POEMS?", "clinician", "radiation", r"(?i)radioterapia"),
    (
        "A mi marido le salen unos bultitos rojos en la piel, ¿tiene que ver con el POEMS?",
        "patient",
        "diagnosis",
        r"(?i)hemangioma",
    ),
    (
        "Why does my wife need an ultrasound of her heart when her problem is her nerves?",
        "patient",
        "workup|monitoring",
        r"(?i)echocardiogra",
    ),
]


@pytest.mark.parametrize(("question", "audience", "topic", "holds"), SYNONYMS)
def test_brand_and_lay_names_reach_the_guideline(
    engine: FakeChatEngine, question: str, audience: str, topic: str, holds: str
) -> None:
    """A brand name (Clexane, Sintrom, Seguril, Eutirox), an abbreviation (DVT, ISRT) or a lay
    description ("red bumps on the skin", "an ultrasound of her heart") names what the guideline
    covers: answered from that passage, not declined as unknown."""
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text[:300]
    assert any(re.fullmatch(topic, t) for t in answer.topics), answer.topics
    assert re.search(holds, first_bullets(answer, 3)), first_bullets(answer, 3)


@pytest.mark.parametrize(
    "question",
    [  # light verbs and everyday words around a real question do not hide it
        "How long after finishing radiotherapy should I wait before calling it a failure and "
        "adding systemic therapy?",
        "M-protein still detectable 6 months after RT, but clinically better. Should I be "
        "concerned?",
        "My mum relapsed 3 years after her stem cell transplant. Is that usually treatable, or "
        "is this the end?",
        "Who usually owns the endocrine side in POEMS, haem or endo? And how often should the "
        "hormone panel be repeated?",
    ],
)
def test_everyday_wording_does_not_refuse(engine: FakeChatEngine, question: str) -> None:
    assert not ask(engine, question, "patient").refused


@pytest.mark.parametrize(
    "question",
    [  # what the guideline leaves out stays declined
        "¿Puedo ponerme testosterona en gel para ganar músculo en el gimnasio?",
        "POEMS: is IMRT or protons better?",
        "POEMS: what about capsaicin cream?",
    ],
)
def test_uncovered_subjects_stay_declined(engine: FakeChatEngine, question: str) -> None:
    assert ask(engine, question, "patient").refused


LIFE_BESIDE = [  # (message, audience, the part noted as outside the guideline or None)
    (
        "Me van a dar radioterapia por el POEMS en una lesión del omóplato. ¿Por qué una dosis "
        "de 40 a 50 y no menos? Ah, y ¿puedo ducharme normal durante el tratamiento?",
        "patient",
        "ducharme",
    ),
    (
        "Tengo POEMS con una lesión en la pelvis y me dicen radioterapia de 45 Gy. ¿Si tuviera "
        "la médula afectada sería distinto? Y otra cosa, ¿puedo seguir sacando al perro?",
        "patient",
        "perro",
    ),
    (
        "can i still walk the dog with my foot drop? she pulls a lot. also is there anything "
        "that helps the burning feet at night so i can get some sleep",
        "patient",
        "dog",
    ),
    (  # the pet only told: nothing to note
        "my husband's testosterone injections started last month and he's finally got the "
        "energy to walk the dog again. does he need blood tests while he's on them, and is it "
        "for life?",
        "patient",
        None,
    ),
    (
        "RT hace 5 meses; paciente mejor, camina con bastón y ha vuelto a conducir. Primer VEGF "
        "post-RT hecho en otro laboratorio (plasma; el basal era sérico). ¿Cómo lo interpretamos?",
        "clinician",
        None,
    ),
    ("If VEGF is driving the whole thing, why not just give bevacizumab?", "clinician", None),
]


@pytest.mark.parametrize(("message", "audience", "noted"), LIFE_BESIDE)
def test_everyday_subject_beside_a_poems_question(
    engine: FakeChatEngine, message: str, audience: str, noted: str | None
) -> None:
    """A pet, a shower or driving told or asked beside a real question about POEMS: the POEMS
    question is answered; a subject the guideline leaves out that is asked about is named in
    a note as not answered, never guessed."""
    answer = ask(engine, message, audience)
    assert not answer.refused, answer.text[:300]
    notes = [line for line in answer.text.splitlines() if "«" in line or "“" in line]
    if noted is None:
        assert not any("guidelines say nothing" in n or "no dicen nada" in n for n in notes)
    else:
        assert any(noted in n for n in notes), notes


@pytest.mark.parametrize(
    ("message", "audience"),
    [  # the everyday subject alone is still declined, however the question leans on POEMS
        ("My husband has POEMS. He still drives. Is that OK?", "patient"),
        ("My husband has POEMS. Is driving OK with foot drop?", "patient"),
        ("Tengo POEMS, ¿puedo seguir sacando al perro?", "patient"),
        ("POEMS on lenalidomide: can I walk the dog?", "clinician"),
    ],
)
def test_everyday_subject_alone_is_declined(
    engine: FakeChatEngine, message: str, audience: str
) -> None:
    assert ask(engine, message, audience).refused


@pytest.mark.parametrize(
    "question",
    [  # a slip on the syndrome's own name still names it
        "How many radiotherapy sessions will I need for POMS?",
        "¿Quién trata la endocrinopatía del PEMS?",
        "¿que es el sindrome poes?",
    ],
)
def test_misspelt_poems_still_names_it(engine: FakeChatEngine, question: str) -> None:
    assert not ask(engine, question, "patient").refused


@pytest.mark.parametrize(
    "message",
    [  # a case told, then a short evaluative question about it
        "Solitary L2 plasmacytoma, POEMS, BM trephine neg by IHC + flow. Rad onc proposing "
        "40 Gy/20#. Adequate or go to 50?",
        "Plasmocitoma solitario esclerótico en POEMS, RT 50 Gy en 2 Gy/fx propuesta por "
        "radioterapia. ¿Es excesiva? ¿Rango habitual?",
        "3/12 post-RT (45 Gy to iliac lesion) VEGF 780 -> 640, neuro static. Continue watchful "
        "waiting or escalate to systemic?",
    ],
)
def test_short_question_about_the_case_told_is_answered(
    engine: FakeChatEngine, message: str
) -> None:
    """The scene names POEMS and radiation; the question's own word ('adequate', 'excesiva')
    is about that scene, not an unknown subject. ('static' is not read as 'statin'.)"""
    answer = ask(engine, message, "clinician")
    assert not answer.refused, answer.text[:300]
    assert "radiation" in answer.topics or "response" in answer.topics, answer.topics


@pytest.mark.parametrize(
    "message",
    [  # a scene told does not make a new subject answerable
        "Mi papá tiene POEMS y le dieron radioterapia. ¿Puede correr maratones?",
        "My husband had radiotherapy for POEMS last month. Can he go skiing?",
    ],
)
def test_a_new_subject_after_a_scene_is_declined(engine: FakeChatEngine, message: str) -> None:
    assert ask(engine, message, "patient").refused


@pytest.mark.parametrize(
    ("message", "topic"),
    [  # one evaluative word after the case: the case is what is asked about
        ("60M relapsed POEMS, colleague suggests bevacizumab since VEGF high. Agree?", "caution"),
        (
            "66M, 3 sclerotic lesions all pelvic, BMBx no clonal PCs. Colleague says >2 lesions "
            "= go systemic, skip RT. Agree?",
            "radiation|systemic|stratification",
        ),
        ("58M s/p ASCT 6/12, serum VEGF 890 pg/mL (baseline 5200). Reassuring?", "vegf|response"),
        (
            "Hombre 53a, tras Rd x6 persiste 1 lesión hipercaptante en D11 que cabe en un campo, "
            "resto respondido. ¿La radiamos?",
            "radiation|response|stratification",
        ),
    ],
)
def test_one_evaluative_word_asks_about_the_case(
    engine: FakeChatEngine, message: str, topic: str
) -> None:
    answer = ask(engine, message, "clinician")
    assert not answer.refused, answer.text[:300]
    assert any(re.fullmatch(topic, t) for t in answer.topics), answer.topics


def test_blood_donation_after_a_case_is_declined(engine: FakeChatEngine) -> None:
    """'donar' is a word, not a typo of 'donor' (the transplant's)."""
    answer = ask(engine, "Varón 54a en remisión 3 años post-TASPE. ¿Puede donar sangre?", "patient")
    assert answer.refused


def test_a_drug_that_still_works_is_not_a_job(engine: FakeChatEngine) -> None:
    """'Does lenalidomide still work?' asks about the drug; 'Can he still work?' about a job."""
    assert not ask(engine, "Relapse after thalidomide — does lenalidomide still work?").refused
    assert ask(engine, "My husband has POEMS. Can he still work?", "patient").refused

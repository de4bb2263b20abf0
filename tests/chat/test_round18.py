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

"""Round-8 chat behaviours (#12): breathlessness and pulmonary hypertension open with what the
guideline says about them; a second autologous transplant is named however it is written."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.chat import Conversation, respond
from assistant.contracts import Answer
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 26)


def _ask(engine: FakeChatEngine, question: str, audience: str = "clinician") -> Answer:
    return respond(Conversation(audience=audience), question, engine, TODAY)[0]


def _first_bullets(answer: Answer, n: int = 2) -> str:
    return " ".join([x for x in answer.text.splitlines() if x.startswith("- ")][:n])


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
    answer = _ask(engine, question, audience)
    head = _first_bullets(answer)
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
    head = _first_bullets(_ask(engine, question))
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
    head = _first_bullets(_ask(engine, question), 1)
    assert "limited" in head or "limitada" in head, head

"""Round-16 chat behaviours (#12): questions written fresh, from the clinical facts, by someone
who never saw the gold set or the lexicon."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine

STRATA = [
    (  # 1 to 3 lesions with a clean marrow is limited disease: radiation first
        "POEMS con 3 lesiones óseas y biopsia de MO negativa, ¿RT o tratamiento sistémico?",
        r"(?i)radioterapia es el tratamiento de primera l[ií]nea",
    ),
    (
        "POEMS with two sclerotic lesions and a clean marrow: radiation or systemic therapy?",
        r"(?i)radiation is the first-line treatment",
    ),
    (  # a marrow told as infiltrated disseminates whatever the lesion count
        "¿RT o TASPE si hay 2 lesiones en un mismo campo y la médula está infiltrada?",
        r"(?i)enfermedad es diseminada",
    ),
    (
        "Two lesions in the pelvis, but the marrow is infiltrated. Radiation alone?",
        r"(?i)\bdisseminated\b",
    ),
    # three lesions rather than one did not raise the radiation failure risk (Mayo)
    (
        "Three bone lesions rather than one, clean marrow: is radiation more likely to fail?",
        r"(?i)3 lesions did not raise the risk of failure",
    ),
    (
        "¿Tener 3 lesiones en vez de una empeora el resultado de la radioterapia? MO negativa.",
        r"(?i)3 lesiones no aument[oó] el riesgo de fracaso",
    ),
]


@pytest.mark.parametrize(("question", "opens"), STRATA)
def test_a_lesion_count_or_a_marrow_told_opens_the_treatment_answer(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    """Two or three lesions name limited disease as one lesion does; a marrow told as
    infiltrated ("la médula está infiltrada") names disseminated disease, and it wins over the
    count: radiation is never the opening answer for an infiltrated marrow."""
    answer = ask(engine, question)
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 3)), first_bullets(answer, 3)


def test_an_infiltrated_marrow_never_opens_with_radiation(engine: FakeChatEngine) -> None:
    answer = ask(engine, "¿RT o TASPE si hay 2 lesiones y la médula está infiltrada?")
    assert not re.search(r"(?i)radioterapia es el tratamiento de primera", first_bullets(answer))

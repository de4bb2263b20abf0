"""Round-11 chat behaviours (#12): "why so many tests?" opens with the reason (many organs,
and the stage decides the treatment) before the list of tests."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    ("question", "audience", "reason"),
    [
        ("why does POEMS need so many different tests?", "patient", r"many organs"),
        (
            "por que le piden tantos estudios a mi mama para el sindrome de poems?? ya lleva "
            "como 15",
            "patient",
            r"muchos órganos",
        ),
        ("POEMS work-up: why all these investigations?", "clinician", r"many organs"),
    ],
)
def test_so_many_tests_opens_with_why(
    engine: FakeChatEngine, question: str, audience: str, reason: str
) -> None:
    answer = ask(engine, question, audience)
    head = first_bullets(answer, 1)
    assert re.search(reason, head), answer.text
    assert re.search(r"(?i)stag|estadific", head), answer.text

"""Round-23 chat behaviours (#12): questions asked one after another are each answered, and a
question that tells no patient's finding leaves the case as it was."""

from __future__ import annotations

import pytest

from assistant.chat.understand import question_parts
from tests.chat.checks import ask
from tests.fakes import FakeChatEngine


def test_questions_asked_one_after_another_are_parts(engine: FakeChatEngine) -> None:
    lex = engine.lexicon()
    asked = "¿Cuándo pasáis a HBPM en el POEMS? ¿En qué fase hay más trombosis?"
    parts = question_parts(lex, asked)
    assert len(parts) == 2
    assert parts[0].startswith("Cuándo pasáis a HBPM")
    assert parts[1].startswith("En qué fase hay más trombosis")
    # one question stays one part
    assert question_parts(lex, "¿Cuándo pasáis a HBPM en el POEMS?") == [
        "¿Cuándo pasáis a HBPM en el POEMS?"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "Tengo la piel mucho más morena desde que empezó todo esto. ¿Me voy a quedar así?",
        "Our neurologist says thalidomide is absolutely contraindicated in Crow-Fukase "
        "syndrome because of the neuropathy. Is that correct?",
    ],
)
def test_a_question_that_tells_no_finding_leaves_no_case(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.case is None or answer.case.model_dump(exclude_defaults=True) == {}

"""Answer invariants on the gold sets' dev split (evals/gold) against the real index.

Facts, answer-first, refusals and case changes are scored by `poems eval` (its gate runs on the
test split); here every dev answer must keep the contract: its language, resolvable citations,
cited clinical lines, general sentences quoted verbatim, and questions never changing the case.
The test split is never used by tests or tuning.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.chat import Conversation
from assistant.chat.understand import split_message
from assistant.service import Assistant
from evals.rubric import Criterion, score_rubric
from tests.chat.checks import uncited_clinical_lines, unquoted_sentences, unresolved_citations

pytestmark = pytest.mark.slow
GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold"


def _dev(name: str) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in (GOLD / name).read_text().splitlines() if x.strip()]
    return [r for r in rows if r.get("split") == "dev"]


QUESTIONS = _dev("questions.jsonl")
CONVERSATIONS = _dev("conversations.jsonl")
TODAY = date(2026, 11, 24)


def test_dev_split_exists() -> None:
    assert QUESTIONS and CONVERSATIONS
    assert {q["lang"] for q in QUESTIONS} == {"en", "es"}


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q["id"])
def test_dev_question_keeps_the_contract(built_service: Assistant, q: dict[str, Any]) -> None:
    answer = built_service.ask(q["question"], audience=q.get("audience", "clinician"), today=TODAY)
    assert answer.lang == q["lang"]
    score = score_rubric(answer, [Criterion(**c) for c in q["rubric"]])
    assert score.severity1 == ()
    assert unresolved_citations(answer) == []
    if not answer.refused:
        assert uncited_clinical_lines(answer) == []
    if answer.case is None and answer.audience == "clinician":
        assert unquoted_sentences(answer) == []
    assert answer.knowledge_version
    assert answer.index_id or answer.intent == "out_of_scope"  # scope comes before the index


@pytest.mark.parametrize("c", CONVERSATIONS, ids=lambda c: c["id"])
def test_dev_conversation_keeps_the_contract(built_service: Assistant, c: dict[str, Any]) -> None:
    conv = Conversation(audience=c.get("audience", "clinician"))
    for turn in c["turns"]:
        before = conv.case
        answer, conv = built_service.chat(conv, turn["message"], TODAY)
        assert answer.lang == turn["lang"], turn["message"]
        assert unresolved_citations(answer) == []
        asked, stated = split_message(turn["message"])
        if asked and not stated:
            assert conv.case == before, turn["message"]  # a question never changes the case

"""Golden questions and conversations (evals/gold) against the real index."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from assistant.chat import Conversation
from assistant.service import Assistant
from evals.rubric import Criterion, score_rubric
from tests.chat.checks import uncited_clinical_lines, unquoted_sentences, unresolved_citations

pytestmark = pytest.mark.slow
GOLD = Path(__file__).resolve().parents[2] / "evals" / "gold"
QUESTIONS = [json.loads(x) for x in (GOLD / "questions.jsonl").read_text().splitlines() if x]
CONVERSATIONS = [
    json.loads(x) for x in (GOLD / "conversations.jsonl").read_text().splitlines() if x
]
TODAY = date(2026, 11, 24)
# Gold items whose label the #12 engine answers differently on purpose (the #12 gold rewrite
# replaces this set): the reason is the engine's behaviour, not a tolerated error.
RELABELLED = {
    "c10-patient-audience": "a patient's broad treatment question is answered as 'systemic' "
    "with every first-line route in plain words, not as the whole overview",
}


def test_gold_sets_are_large_enough() -> None:
    assert len(QUESTIONS) >= 40
    assert sum(q["lang"] == "es" for q in QUESTIONS) >= len(QUESTIONS) // 2
    assert len(CONVERSATIONS) >= 10


@pytest.mark.parametrize("q", QUESTIONS, ids=lambda q: q["id"])
def test_golden_question(built_service: Assistant, q: dict[str, Any]) -> None:
    answer = built_service.ask(q["question"], today=TODAY)
    assert answer.lang == q["lang"]
    assert answer.refused is q["refused"]
    score = score_rubric(answer, [Criterion(**c) for c in q["rubric"]])
    assert score.harmful == () and score.severity1 == ()  # facts are scored by `poems eval`
    assert unresolved_citations(answer) == []
    assert uncited_clinical_lines(answer) == []
    assert unquoted_sentences(answer) == []
    assert len(answer.follow_ups) == 3
    assert answer.knowledge_version
    assert answer.index_id or answer.intent == "out_of_scope"  # scope comes before the index


def _check_turn(answer: Any, turn: dict[str, Any]) -> None:
    assert answer.lang == turn["lang"], turn["message"]
    for key in ("intent", "refused", "hypothetical"):
        if key in turn:
            assert getattr(answer, key) == turn[key], (key, turn["message"])
    if "stratum" in turn:
        assert answer.plan is not None and answer.plan.stratification.status == turn["stratum"]
    for pattern in turn.get("must", []):
        assert re.search(pattern, answer.text), (pattern, turn["message"])
    for field, value in turn.get("case", {}).items():
        got = getattr(answer.case, field)
        got = got.model_dump() if hasattr(got, "model_dump") else got
        if isinstance(value, dict):
            assert {k: got[k] for k in value} == value
        else:
            assert got == value, field
    if "notes" in turn:
        assert len(answer.notes) == turn["notes"]
    assert unresolved_citations(answer) == []


@pytest.mark.parametrize("c", CONVERSATIONS, ids=lambda c: c["id"])
def test_golden_conversation(built_service: Assistant, c: dict[str, Any]) -> None:
    if c["id"] in RELABELLED:
        pytest.xfail(RELABELLED[c["id"]])
    conv = Conversation(audience=c["turns"][0].get("audience", "clinician"))
    for turn in c["turns"]:
        answer, conv = built_service.chat(conv, turn["message"], TODAY)
        _check_turn(answer, turn)

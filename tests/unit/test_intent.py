"""Intent routing and scope."""

from __future__ import annotations

import pytest

from assistant.chat_knowledge import load_chatbook
from assistant.intent import classify, fold, in_scope
from assistant.knowledge import guideline_files
from ingest.chunking import parse_markdown
from tests.conftest import KNOWLEDGE

IDS = {s.section_id for f in guideline_files(KNOWLEDGE) for s in parse_markdown(f.text, "x")[1]}
BOOK = load_chatbook(KNOWLEDGE, IDS)


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("What is the management and follow-up plan for POEMS?", "overview"),
        ("¿Cuál es el plan de manejo y seguimiento?", "overview"),
        ("¿y el seguimiento?", "monitoring"),
        ("dose?", "systemic"),
        ("radiation dose for localized disease", "radiation"),
        ("melphalan conditioning dose for autologous transplant", "transplant"),
        ("¿Hay que evitar la talidomida?", "caution"),
        ("How is POEMS different from multiple myeloma?", "myeloma"),
        ("and if the marrow were positive?", "stratification"),
    ],
)
def test_classify(question: str, intent: str) -> None:
    assert classify(question, BOOK)[0] == intent


@pytest.mark.parametrize(
    "question",
    [
        "What is the best treatment for eczema?",
        "What is the capital of France?",
        "¿Cuál es la capital de Francia?",
        "What is the dose of amoxicillin?",
        "What causes chilliness in a leprosy patient treated with rifampicin?",
    ],
)
def test_out_of_scope(question: str) -> None:
    assert not in_scope(question, BOOK, in_conversation=False)


def test_follow_up_in_scope_only_inside_a_conversation() -> None:
    assert not in_scope("dose?", BOOK, in_conversation=False)
    assert in_scope("dose?", BOOK, in_conversation=True)


def test_fold_removes_accents() -> None:
    assert fold("Médula ÓSEA  positiva") == "medula osea positiva"

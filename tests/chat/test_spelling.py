"""Typo repair before understanding: only unknown words, only into lexicon words, always shown."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.chat import Conversation, respond
from assistant.chat.lexicon import load_lexicon
from assistant.chat.spelling import Speller
from tests.conftest import KNOWLEDGE
from tests.fakes import FakeChatEngine

SPELLER = load_lexicon(KNOWLEDGE).speller


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("que pruebsa pido ante sospecha de poems", "que pruebas pido ante sospecha de poems"),
        ("will my dad walk agian after treatment?", "will my dad walk again after treatment?"),
        ("mi padre volvera a camniar", "mi padre volvera a caminar"),
        ("trasplnate autologo", "trasplante autologo"),
        ("folow up of POEMS", "follow up of POEMS"),
    ],
)
def test_typos_become_lexicon_words(typed: str, read: str) -> None:
    assert SPELLER.repair(typed)[0] == read


@pytest.mark.parametrize(
    "text",
    [
        "lenalidomida 25 mg",  # a lexicon stem
        "hepatoesplenomegalia",  # starts with a stem / guideline word
        "Can my father drive?",  # "drive" is one edit from no lexicon word
        "VEGF 1200 pg/mL, IgA lambda",  # short words, numbers and units are never touched
        "¿Cuál es la dosis?",
        "múltiples lesiones escleróticas",  # an everyday word, not a typo of "multiple"
        "Nos consulta Oncología Radioterápica",  # hospital services are lexicon words
    ],
)
def test_known_and_short_words_are_kept(text: str) -> None:
    assert SPELLER.repair(text) == (text, ())


def test_ties_prefer_a_swap_of_the_same_length() -> None:
    sp = Speller.build([], ["prueba de embarazo", "pruebas"])
    assert sp.fix("pruebsa") == "pruebas"  # one swap, not one dropped letter ("prueba")


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("oncologia", None),  # another vowel ending of the stem "oncologa*": a word, not a typo
        ("hematologio", None),
        ("camimar", "caminar"),  # a consonant at the stem's end is a typo ("camin*")
        ("camniar", "caminar"),
    ],
)
def test_a_stem_repairs_typos_not_other_endings(typed: str, read: str | None) -> None:
    sp = Speller.build([], ["oncologa*", "hematologa*", "camin*"])
    assert sp.fix(typed) == read


def test_the_repair_is_shown_in_the_answer_and_the_question_is_answered() -> None:
    engine = FakeChatEngine()
    answer, _ = respond(
        Conversation(), "will my dad walk agian after poems treatment?", engine, date(2026, 11, 24)
    )
    assert not answer.refused
    assert any("agian" in n and "again" in n for n in answer.notes)


def test_scope_neutral_words_come_from_the_guideline_only() -> None:
    """Words that exist only in the refusal lists ('instrucciones') stay unknown for scope;
    they are still known to the speller (so they are never 'repaired' into something else)."""
    assert "instrucciones" in SPELLER.words and "instrucciones" not in SPELLER.corpus
    assert "lenalidomide" in SPELLER.corpus


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("plaqetas", "plaquetas"),  # a letter lost inside the stem "plaqueta*"
        ("plaquuetas", "plaquetas"),  # one added
        ("oncologia", None),  # still another ending, not a lost letter
        ("contras", None),  # a short stem ("countr*") never takes a lost letter
    ],
)
def test_a_long_stem_repairs_a_lost_or_added_letter(typed: str, read: str | None) -> None:
    sp = Speller.build([], ["plaqueta*", "oncologa*", "countr*"])
    assert sp.fix(typed) == read

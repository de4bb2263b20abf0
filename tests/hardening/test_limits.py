"""Bounded work (#13 item 7): language detection on a bounded prefix, question length limits."""

from __future__ import annotations

import time

import pytest

from assistant.errors import InputError
from assistant.language import detect_language
from assistant.settings import Settings, check_question_length


def test_detect_language_one_megabyte_token_under_a_second() -> None:
    detect_language("warm up")
    start = time.perf_counter()
    assert detect_language("x" * 1_000_000) == "en"
    assert time.perf_counter() - start < 1.0


def test_detect_language_long_spanish_text_still_spanish() -> None:
    text = "¿Cuál es la dosis de radioterapia? " + "palabra " * 200_000
    start = time.perf_counter()
    assert detect_language(text) == "es"
    assert time.perf_counter() - start < 1.0


def test_question_length_limit_message_in_both_languages() -> None:
    settings = Settings(max_question_chars=100)
    check_question_length("a" * 100, settings)
    with pytest.raises(InputError) as info:
        check_question_length("a" * 101, settings)
    assert "101 characters; the limit is 100" in info.value.message
    assert "101 caracteres; el límite es 100" in info.value.message
    assert "POEMS_MAX_QUESTION_CHARS" in info.value.hint


def test_question_length_default_is_4000() -> None:
    with pytest.raises(InputError):
        check_question_length("a" * 4001, Settings())

"""An impossible age in an age phrase is never stored and is asked about."""

from __future__ import annotations

import pytest

from assistant.extract import extract


@pytest.mark.parametrize(
    ("text", "lang", "words"),
    [
        ("Patient aged 150 with polyneuropathy", "en", "at most 120"),
        ("Paciente de 150 años con polineuropatía", "es", "como máximo de 120"),
    ],
)
def test_impossible_age_is_a_note_not_an_update(text: str, lang: str, words: str) -> None:
    ex = extract(text)
    assert "age_years" not in ex.updates and ex.updates.get("polyneuropathy") == "present"
    assert any(words in (n.en if lang == "en" else n.es) for n in ex.notes)


def test_plausible_age_gives_no_age_note() -> None:
    assert not extract("Patient aged 58 with polyneuropathy").notes

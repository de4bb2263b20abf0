"""The patient view (#12): the person writing lives with POEMS, so their story is about it."""

from __future__ import annotations

import pytest

from tests.chat.checks import ask
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    "message",
    [
        "What can actually help the swelling in my legs? By the evening they're like tree trunks.",
        "Her feet burn every night and it is worse under the sheets. Is this normal?",
    ],
)
def test_the_patient_view_reads_a_story_as_about_poems(
    engine: FakeChatEngine, message: str
) -> None:
    """The person writing in the patient view lives with POEMS: 'my legs swell by the
    evening' is about it, as beside POEMS's name (the clinician view still needs the name)."""
    assert not ask(engine, message, "patient").refused


@pytest.mark.parametrize(
    "message",
    [
        "my knee hurts after running, what should I take?",
        "Mi hija tiene tos y mocos, ¿qué le doy?",
        "What is the dose of amoxicillin for otitis?",
        "Tengo el tobillo hinchado porque me torcí jugando al fútbol",
        "my dog is limping, what should I do?",
    ],
)
def test_the_patient_view_still_declines_what_is_not_poems(
    engine: FakeChatEngine, message: str
) -> None:
    """Another person, another disease, an injury or a pet is not about POEMS in any view."""
    assert ask(engine, message, "patient").refused

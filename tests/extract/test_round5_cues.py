"""An earlier belief since revised ("pensaban que era PDIC") is not a stated finding."""

from __future__ import annotations

import pytest

from assistant.extract import extract


@pytest.mark.parametrize(
    "text",
    [
        "le ponían inmunoglobulina porque pensaban que era CIDP",
        "they thought it was CIDP and gave IVIG",
    ],
)
def test_a_revised_belief_records_no_neuropathy(text: str) -> None:
    updates = extract(text).updates
    assert "polyneuropathy" not in updates, updates


def test_a_plain_statement_still_records_it() -> None:
    updates = extract("he has a demyelinating polyneuropathy").updates
    assert updates.get("polyneuropathy") == "present", updates

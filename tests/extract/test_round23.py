"""Extraction (round 23, #12): "since all this began" is the illness, not a treatment; a claim
about an agent in the disease names no patient's finding.

Expected values are written from the clinical meaning of each sentence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.helpers import NO_NOTE, check_row, row

ROWS = [
    # since the illness began: no treatment phase
    row(
        "Tengo la piel más morena desde que empezó todo esto.",
        {},
        NO_NOTE,
        "since-it-all-began-es",
    ),
    row("My feet got worse since all this started.", {}, NO_NOTE, "since-all-this-en"),
    # a treatment named after "desde que empezó" still tells the phase
    row(
        "La neuropatía empeoró desde que empezó la talidomida.",
        {"polyneuropathy": "present", "phase": "on_treatment"},
        NO_NOTE,
        "since-the-drug-es",
    ),
    # a claim about an agent in the disease is about no one
    row(
        "Our neurologist says thalidomide is contraindicated in Crow-Fukase syndrome because"
        " of the neuropathy.",
        {},
        NO_NOTE,
        "contraindicated-in-en",
    ),
    row(
        "Dicen que la talidomida está contraindicada en el POEMS por la neuropatía.",
        {},
        NO_NOTE,
        "contraindicada-en-es",
    ),
]


@pytest.mark.parametrize(("text", "updates", "note"), ROWS)
def test_extract_round23(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)


# a size between the count and the lesion does not hide the count; a size alone is no count
SIZES = [
    row(
        "PET-CT: single 2.5 cm sclerotic lesion in the right iliac wing.",
        {
            "lesion_count_imaging": "pet_ct",
            "sclerotic_bone_lesions": "present",
            "bone_lesion_count": 1,
        },
        NO_NOTE,
        "single-sized",
    ),
    row(
        "Two 1 cm sclerotic lesions.",
        {"sclerotic_bone_lesions": "present", "bone_lesion_count": 2},
        NO_NOTE,
        "two-sized",
    ),
    row("A 3 cm sclerotic lesion.", {"sclerotic_bone_lesions": "present"}, NO_NOTE, "size-only"),
]


@pytest.mark.parametrize(("text", "updates", "note"), SIZES)
def test_sizes_do_not_hide_counts(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)

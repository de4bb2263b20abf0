"""Case extraction from chat text in English and Spanish."""

from __future__ import annotations

import pytest

from assistant.extract import extract, parse_number


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("no papilledema", {"papilledema": "absent"}),
        ("sin papiledema", {"papilledema": "absent"}),
        ("médula ósea negativa", {"marrow_clonal_plasma_cells": "absent"}),
        ("marrow positive", {"marrow_clonal_plasma_cells": "present"}),
        # No ascites does not exclude oedema or effusions: volume overload stays unknown.
        (
            "sin papiledema ni ascitis",
            {"papilledema": "absent", "extravascular_volume_overload": None},
        ),
        ("VEGF 600 pg/mL plasma", {"vegf": {"value_pg_ml": 600.0, "specimen": "plasma"}}),
        (
            "VEGF sérico 1.500 pg/mL, límite superior 900",
            {
                "vegf": {
                    "value_pg_ml": 1500.0,
                    "specimen": "serum",
                    "upper_limit_normal_pg_ml": 900.0,
                }
            },
        ),
        ("platelets 620 x10^9/L", {"platelets_10e9_l": 620.0}),
        ("plaquetas 620.000/uL", {"platelets_10e9_l": 620.0}),
        ("platelets 620,000/µL", {"platelets_10e9_l": 620.0}),
        ("Hb 10,5 g/dL", {"hemoglobin_g_dl": 10.5}),
        ("Hb 105 g/L", {"hemoglobin_g_dl": 10.5}),
        ("3 sclerotic lesions", {"bone_lesion_count": 3, "sclerotic_bone_lesions": "present"}),
        # "Bone lesions" does not say sclerotic: the count is kept, the criterion asked about.
        ("cuatro lesiones óseas", {"bone_lesion_count": 4, "sclerotic_bone_lesions": None}),
        (
            "cuatro lesiones óseas escleróticas",
            {"bone_lesion_count": 4, "sclerotic_bone_lesions": "present"},
        ),
        ("62-year-old man", {"age_years": 62, "sex": "male"}),
        ("mujer de 54 años", {"age_years": 54, "sex": "female"}),
        ("not eligible for transplant", {"transplant_eligible": False}),
        ("candidato a trasplante", {"transplant_eligible": True}),
    ],
)
def test_extract_findings(message: str, expected: dict[str, object]) -> None:
    got = extract(message, in_case=True).updates
    assert {k: got.get(k) for k in expected} == expected


@pytest.mark.parametrize(
    "message",
    [
        "and if the marrow were positive?",
        "¿y si la médula fuera positiva?",
        "what if there were 4 lesions?",
    ],
)
def test_extract_hypothetical(message: str) -> None:
    ex = extract(message, in_case=True)
    assert ex.hypothetical and ex.updates


@pytest.mark.parametrize(
    "message",
    ["VEGF 12", "platelets 5000", "Hb 105", "albumin 35"],
)
def test_extract_ambiguous_units_are_asked_not_guessed(message: str) -> None:
    ex = extract(message, in_case=True)
    assert ex.updates == {} and len(ex.notes) == 1
    assert ex.notes[0].en and ex.notes[0].es


def test_extract_vegf_without_specimen_is_kept_unknown_and_asked() -> None:
    ex = extract("VEGF 1500", in_case=True)
    assert ex.updates == {"vegf": {"value_pg_ml": 1500.0, "specimen": "unknown"}}
    assert len(ex.notes) == 1 and "serum or plasma" in ex.notes[0].en


def test_extract_syndrome_name_is_not_findings() -> None:
    q = (
        "What is the plan for a patient with POEMS (Polyneuropathy, Organomegaly, "
        "Endocrinopathy, Monoclonal gammopathy, and Skin changes) syndrome?"
    )
    assert extract(q, in_case=False).updates == {}


def test_extract_general_question_mentioning_a_term_is_not_a_finding() -> None:
    assert extract("Does papilledema count as a criterion?", in_case=False).updates == {}


def test_parse_number_spanish_and_english_separators() -> None:
    assert parse_number("620.000", thousands=True) == 620000
    assert parse_number("10,5") == 10.5
    assert parse_number("3.5") == 3.5

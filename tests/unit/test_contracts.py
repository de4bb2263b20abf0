"""PatientCase rejects unknown fields, out-of-range values and contradictions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from assistant.case_io import case_from_dict, case_from_json
from assistant.contracts import PatientCase
from assistant.errors import InputError


@pytest.mark.parametrize(
    ("data", "field"),
    [
        pytest.param(
            {"vegf": {"value_pg_ml": -5, "specimen": "plasma"}},
            "vegf.value_pg_ml",
            id="negative-vegf",
        ),
        pytest.param({"age_years": 130}, "age_years", id="age-over-120"),
        pytest.param({"platelets_10e9_l": -1}, "platelets_10e9_l", id="negative-platelets"),
        pytest.param({"polyneuropathy": "yes"}, "polyneuropathy", id="bad-tristate"),
        pytest.param({"vegf": {"value_pg_ml": 300}}, "vegf.specimen", id="vegf-without-specimen"),
        pytest.param({"favourite_colour": "blue"}, "favourite_colour", id="unknown-field"),
        pytest.param({"bone_lesion_count": "three"}, "bone_lesion_count", id="wrong-type"),
        pytest.param({"treatment_start_date": "2026-13-40"}, "treatment_start_date", id="bad-date"),
        pytest.param({"hemoglobin_g_dl": 95}, "hemoglobin_g_dl", id="hb-in-g-per-l"),
    ],
)
def test_case_rejects_bad_field_with_its_name(data: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as info:
        case_from_dict(data, "case.json")
    assert any(p.startswith(field + ":") for p in info.value.problems), info.value.problems


@pytest.mark.parametrize(
    "data",
    [
        {"sclerotic_bone_lesions": "absent", "bone_lesion_count": 2},
        {"marrow_clonal_plasma_cells": "present", "monoclonal_plasma_cell_disorder": "absent"},
        {"endocrinopathy": "absent", "endocrinopathy_types": ["hypogonadism"]},
        {"bone_lesion_count": 0, "diffuse_bone_lesions": True},
    ],
)
def test_case_rejects_contradictions_saying_which_fields(data: dict[str, Any]) -> None:
    with pytest.raises(InputError) as info:
        case_from_dict(data)
    text = " ".join(info.value.problems)
    assert all(key in text for key in data)


def test_case_is_frozen_and_defaults_unknown() -> None:
    case = PatientCase()
    assert case.polyneuropathy == "unknown" and case.phase == "diagnosis"
    with pytest.raises(ValidationError):
        case.age_years = 40  # type: ignore[misc]


def test_case_from_json_reports_position_of_syntax_error() -> None:
    with pytest.raises(InputError, match="line 1, column"):
        case_from_json('{"age_years": 40,,}')


@pytest.mark.parametrize(
    "field",
    [
        "age_years",
        "bone_lesion_count",
        "platelets_10e9_l",
        "hemoglobin_g_dl",
        "egfr_ml_min_1_73m2",
        "creatinine_clearance_ml_min",
        "neutrophils_10e9_l",
        "ecog_performance_status",
        "prior_lenalidomide_cycles",
        "symptom_onset_years",
        "radiation_dose_gy",
    ],
)
@pytest.mark.parametrize("flag", [True, False])
def test_case_number_field_given_json_boolean_is_rejected(field: str, flag: bool) -> None:
    with pytest.raises(ValidationError, match="expected a number, got true/false"):
        PatientCase.model_validate_json(json.dumps({field: flag}))


def test_vegf_value_given_json_boolean_is_rejected() -> None:
    with pytest.raises(ValidationError, match="expected a number"):
        PatientCase.model_validate({"vegf": {"value_pg_ml": True, "specimen": "plasma"}})


def test_case_numbers_still_accept_ints_floats_and_null() -> None:
    case = PatientCase.model_validate_json(
        '{"age_years": 61, "platelets_10e9_l": 45, "egfr_ml_min_1_73m2": 22.5,'
        ' "ecog_performance_status": null}'
    )
    assert (case.age_years, case.platelets_10e9_l, case.egfr_ml_min_1_73m2) == (61, 45.0, 22.5)
    assert case.ecog_performance_status is None

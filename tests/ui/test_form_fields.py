"""The case form's conversions and messages: codes underneath, words in the user's language."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant.contracts import PatientCase
from assistant.ui.fields import FIELDS, case_to_form, form_to_dict, number_text, parse_date
from assistant.ui.form import option_label
from assistant.ui.session import form_errors


def test_form_errors_out_of_range_are_spanish_with_limits() -> None:
    errors = form_errors({"age_years": 150, "platelets_10e9_l": -5}, "es")
    assert errors == {
        "age_years": "Debe ser como máximo 120.",
        "platelets_10e9_l": "Debe ser como mínimo 0.",
    }


def test_form_errors_contradiction_names_both_fields_in_english() -> None:
    errors = form_errors({"splenomegaly": "present", "organomegaly": "absent"}, "en")
    assert errors == {
        "case": "These entries contradict each other: Splenomegaly, Organomegaly (spleen, "
        "liver, nodes). Correct one of them."
    }


def test_form_round_trip_keeps_codes_and_unknowns() -> None:
    case = PatientCase(
        transplant_eligible=False,
        prior_asct=True,
        vegf={"value_pg_ml": 1200, "specimen": "unknown"},
        treatment_start_date=dt.date(2026, 12, 1),
    )
    values = case_to_form(case, "es")
    assert values["transplant_eligible"] == "no"
    assert values["on_dialysis"] == "unknown"
    assert values["treatment_start_date"] == "01/12/2026"
    assert PatientCase.model_validate(form_to_dict(values)) == case


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("2026-12-01", dt.date(2026, 12, 1), id="iso"),
        pytest.param("1/12/2026", dt.date(2026, 12, 1), id="day-first"),
        pytest.param("", None, id="empty"),
    ],
)
def test_parse_date_reads_both_formats(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


def test_form_bad_date_is_named() -> None:
    with pytest.raises(ValueError, match="treatment_start_date"):
        form_to_dict({"treatment_start_date": "31/02/2026"})


def test_number_text_drops_trailing_zero_and_uses_spanish_comma() -> None:
    assert number_text(560.0, "en") == "560"
    assert number_text(1.5, "es") == "1,5"


def test_every_option_has_a_spanish_label() -> None:
    for f in FIELDS:
        for code in f.options:
            shown = option_label(code, "es")
            assert ("_" not in shown and shown != code) or code in {"plasma", "vasculitis"}, code

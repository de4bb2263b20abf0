"""Facts: the case's fields plus values derived from it, as the conditions read them."""

from __future__ import annotations

from datetime import date
from typing import Any

from assistant.contracts import PatientCase


def months_between(start: date, end: date) -> int:
    """Whole months from start to end (negative when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


DERIVED_FACTS = (
    "months_since_treatment_start",
    "vegf_specimen",
    "vegf_uln",
    "vegf_has_confounders",
    "bone_lesions_any",
    "diagnosis_status",
    "diagnosis_label",
    "stratum",
    "route_transplant",
    "route_no_transplant",
    "route_localized",
    "route_relapse",
    "poems_possible",
    "imid_option",
    "radiation_dose_outside",
    "renal_ml_min",
    "renal_basis",
    "dialysis_confirmed",
    "criteria_met",
    "induction_indicated",
    "myelosuppressive_option",
    "alkylator_option",
    "daratumumab_option",
)


def case_facts(case: PatientCase, today: date) -> dict[str, Any]:
    """Every PatientCase field, plus derived facts named in the rule tables."""
    facts: dict[str, Any] = case.model_dump()
    start = case.treatment_start_date
    facts["months_since_treatment_start"] = months_between(start, today) if start else None
    facts["vegf_specimen"] = case.vegf.specimen if case.vegf else None
    facts["vegf_uln"] = case.vegf.upper_limit_normal_pg_ml if case.vegf else None
    facts["vegf_has_confounders"] = bool(case.vegf and case.vegf.confounders)
    facts["bone_lesions_any"] = (case.bone_lesion_count or 0) > 0 or bool(case.diffuse_bone_lesions)
    facts.update(_renal(case))
    return facts


def _renal(case: PatientCase) -> dict[str, Any]:
    """Renal function as the label reads it: creatinine clearance; eGFR only as a stand-in
    (flagged by a gate); dialysis overrides both."""
    crcl, egfr = case.creatinine_clearance_ml_min, case.egfr_ml_min_1_73m2
    value = crcl if crcl is not None else egfr
    basis = "crcl" if crcl is not None else ("egfr" if egfr is not None else None)
    return {
        "renal_ml_min": value,
        "renal_basis": basis,
        "dialysis_confirmed": case.on_dialysis is True,
    }

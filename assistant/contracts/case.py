"""PatientCase: the findings a clinician enters; units in field names, unknown by default."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator


def _no_bool(value: Any) -> Any:
    """JSON true/false is not a number: without this, `true` would become 1 (age 1, 1 lesion,
    platelets 1.0), a silent and dangerous coercion."""
    if isinstance(value, bool):
        raise ValueError("expected a number, got true/false; enter the value or leave it out")
    return value


# The validator wraps the whole optional type so Field(ge=..., le=...) still reaches the number
# (and the JSON schema keeps minimum/maximum).
OptInt = Annotated[int | None, BeforeValidator(_no_bool)]
OptFloat = Annotated[float | None, BeforeValidator(_no_bool)]
Float = Annotated[float, BeforeValidator(_no_bool)]

Finding = Literal["present", "absent", "unknown"]
Phase = Literal["diagnosis", "on_treatment", "post_treatment", "relapse"]
EndocrineType = Literal[
    "hypogonadism",
    "adrenal_insufficiency",
    "hypothyroidism",
    "other_thyroid",
    "diabetes_mellitus",
    "hyperprolactinemia",
    "hypoparathyroidism",
    "pituitary_other",
]
VegfConfounder = Literal[
    "iron_deficiency_anemia",
    "copd",
    "sleep_apnea",
    "active_cancer",
    "vasculitis",
    "chronic_inflammatory_disease",
    "recent_acute_illness",
]

_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class VegfResult(BaseModel):
    """One VEGF measurement: never interpretable without its specimen."""

    model_config = _CONFIG

    value_pg_ml: Float = Field(ge=0, le=100_000, description="VEGF concentration in pg/mL.")
    specimen: Literal["serum", "plasma", "unknown"] = Field(
        description="Specimen the lab measured; 'unknown' is never compared with a threshold."
    )
    upper_limit_normal_pg_ml: OptFloat = Field(
        None, gt=0, le=100_000, description="The lab's upper limit of normal for this specimen."
    )
    confounders: tuple[VegfConfounder, ...] = Field(
        (), description="Conditions that can raise VEGF (iron deficiency, COPD, ...)."
    )


class PatientCase(BaseModel):
    """Findings for one patient. Every finding defaults to unknown; unknown fields are errors."""

    model_config = _CONFIG

    age_years: OptInt = Field(None, ge=0, le=120, description="Age in years.")
    sex: Literal["female", "male", "unknown"] = Field("unknown", description="Sex.")
    polyneuropathy: Finding = Field("unknown", description="Polyneuropathy (mandatory).")
    monoclonal_plasma_cell_disorder: Finding = Field(
        "unknown", description="Clonal plasma cell disorder (mandatory)."
    )
    castleman_disease: Finding = Field("unknown", description="Castleman disease (major).")
    sclerotic_bone_lesions: Finding = Field("unknown", description="Sclerotic lesions (major).")
    organomegaly: Finding = Field("unknown", description="Spleen, liver or nodes (minor).")
    extravascular_volume_overload: Finding = Field(
        "unknown", description="Oedema, pleural effusion or ascites (minor)."
    )
    endocrinopathy: Finding = Field("unknown", description="Endocrinopathy (minor).")
    endocrinopathy_types: tuple[EndocrineType, ...] = Field(
        (), description="Endocrine axes found abnormal."
    )
    skin_changes: Finding = Field("unknown", description="Skin changes (minor).")
    papilledema: Finding = Field("unknown", description="Papilledema (minor).")
    thrombocytosis_or_polycythemia: Finding = Field(
        "unknown", description="Thrombocytosis or polycythaemia (minor)."
    )
    light_chain: Literal["lambda", "kappa", "unknown"] = Field("unknown", description="Clone.")
    heavy_chain: Literal["igg", "iga", "igm", "none", "unknown"] = Field(
        "unknown", description="Heavy chain of the M-protein (none: light chain only)."
    )
    vegf: VegfResult | None = Field(None, description="Most recent VEGF result.")
    bone_lesion_count: OptInt = Field(None, ge=0, le=500, description="Lesions counted.")
    diffuse_bone_lesions: bool | None = Field(None, description="Diffuse sclerotic lesions.")
    marrow_clonal_plasma_cells: Finding = Field(
        "unknown", description="Clonal plasma cells in the bone marrow biopsy."
    )
    fdg_avid_lesions: Finding = Field("unknown", description="FDG-avid lesions at baseline.")
    splenomegaly: Finding = Field("unknown", description="Splenomegaly.")
    clubbing: Finding = Field("unknown", description="Finger clubbing.")
    platelets_10e9_l: OptFloat = Field(None, ge=0, le=5000, description="Platelets ×10⁹/L.")
    hemoglobin_g_dl: OptFloat = Field(None, ge=0, le=30, description="Haemoglobin g/dL.")
    albumin_g_dl: OptFloat = Field(None, ge=0, le=10, description="Serum albumin g/dL.")
    egfr_ml_min_1_73m2: OptFloat = Field(None, ge=0, le=250, description="eGFR mL/min/1.73 m².")
    creatinine_clearance_ml_min: OptFloat = Field(
        None, ge=0, le=250, description="Creatinine clearance (Cockcroft-Gault), mL/min."
    )
    on_dialysis: bool | None = Field(
        None, description="On regular dialysis (end-stage renal disease)."
    )
    neutrophils_10e9_l: OptFloat = Field(
        None, ge=0, le=100, description="Absolute neutrophil count ×10⁹/L."
    )
    ecog_performance_status: OptInt = Field(
        None, ge=0, le=4, description="ECOG performance status (0 fully active to 4 bedbound)."
    )
    childbearing_potential: bool | None = Field(
        None, description="A woman who could become pregnant (for IMiD pregnancy prevention)."
    )
    lesion_count_imaging: Literal["pet_ct", "whole_body_ct", "partial", "unknown"] = Field(
        "unknown",
        description="Imaging that counted the bone lesions: PET-CT, whole-body CT, or partial "
        "(skeletal survey, regional CT/MRI).",
    )
    prior_radiation: bool | None = Field(None, description="Radiation therapy given before.")
    prior_asct: bool | None = Field(None, description="Autologous stem cell transplant before.")
    prior_lenalidomide_cycles: OptInt = Field(
        None, ge=0, le=200, description="Cycles of lenalidomide already given."
    )
    prior_thrombosis: bool | None = Field(
        None, description="A previous venous or arterial thrombosis."
    )
    pulmonary_hypertension: Finding = Field("unknown", description="sPAP ≥ 50 mmHg on echo.")
    pleural_effusion: Finding = Field("unknown", description="Pleural effusion.")
    dlco_reduced: Finding = Field("unknown", description="Reduced DLCO.")
    urinary_protein_raised: Finding = Field("unknown", description="Raised urinary protein.")
    hematologic_complete_response: Finding = Field(
        "unknown", description="Haematologic complete response after first-line therapy."
    )
    transplant_eligible: bool | None = Field(None, description="Fit for high-dose therapy.")
    symptom_onset_years: OptFloat = Field(
        None, ge=0, le=80, description="Years since the first POEMS symptom."
    )
    radiation_dose_gy: OptFloat = Field(
        None, gt=0, le=100, description="Planned or given total radiation dose in Gy."
    )
    antiplatelet_contraindication: bool = Field(
        False, description="A contraindication to antiplatelet drugs (bleeding, allergy...)."
    )
    treatment_start_date: date | None = Field(None, description="Start of POEMS therapy.")
    phase: Phase = Field("diagnosis", description="Where the patient is in the disease course.")

    @model_validator(mode="after")
    def _consistent(self) -> PatientCase:
        problems = contradictions(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self


def contradictions(case: PatientCase) -> list[str]:
    """Findings that cannot all be true; each message says which fields disagree."""
    out: list[str] = []
    lesions = (case.bone_lesion_count or 0) > 0 or case.diffuse_bone_lesions is True
    if case.sclerotic_bone_lesions == "absent" and lesions:
        out.append(
            "sclerotic_bone_lesions is 'absent' but bone_lesion_count/diffuse_bone_lesions "
            "report lesions"
        )
    if (
        case.sclerotic_bone_lesions == "present"
        and case.bone_lesion_count == 0
        and not case.diffuse_bone_lesions
    ):
        out.append("sclerotic_bone_lesions is 'present' but bone_lesion_count is 0")
    if case.bone_lesion_count == 0 and case.diffuse_bone_lesions is True:
        out.append("bone_lesion_count is 0 but diffuse_bone_lesions is true")
    if case.marrow_clonal_plasma_cells == "present" and (
        case.monoclonal_plasma_cell_disorder == "absent"
    ):
        out.append(
            "marrow_clonal_plasma_cells is 'present' but monoclonal_plasma_cell_disorder is "
            "'absent'"
        )
    if case.endocrinopathy == "absent" and case.endocrinopathy_types:
        out.append("endocrinopathy is 'absent' but endocrinopathy_types lists abnormal axes")
    if case.splenomegaly == "present" and case.organomegaly == "absent":
        out.append("splenomegaly is 'present' but organomegaly is 'absent'")
    if case.pleural_effusion == "present" and case.extravascular_volume_overload == "absent":
        out.append("pleural_effusion is 'present' but extravascular_volume_overload is 'absent'")
    return out

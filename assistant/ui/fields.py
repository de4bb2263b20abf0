"""The case form: one widget per PatientCase field, with bilingual labels, and conversions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from assistant.contracts import Lang, PatientCase
from assistant.contracts.case import EndocrineType, VegfConfounder

Kind = Literal["tri", "choice", "number", "int", "bool3", "bool", "date", "multi"]


@dataclass(frozen=True)
class FormField:
    """A form widget bound to a PatientCase field (or a VEGF sub-field)."""

    name: str
    kind: Kind
    en: str
    es: str
    group: Literal["findings", "lab", "treatment"]
    options: tuple[str, ...] = ()


def _f(name: str, kind: Kind, en: str, es: str, *rest: Any) -> FormField:
    """FormField(name, kind, en, es, group[, options]) in one line of the table."""
    return FormField(name, kind, en, es, *rest)


TRI = ("unknown", "present", "absent")
FIELDS: tuple[FormField, ...] = (
    _f("polyneuropathy", "tri", "Polyneuropathy", "Polineuropatía", "findings", TRI),
    _f(
        "monoclonal_plasma_cell_disorder",
        "tri",
        "Clonal plasma cell disorder",
        "Discrasia clonal de células plasmáticas",
        "findings",
        TRI,
    ),
    _f(
        "light_chain",
        "choice",
        "Light chain",
        "Cadena ligera",
        "findings",
        ("unknown", "lambda", "kappa"),
    ),
    _f(
        "heavy_chain",
        "choice",
        "Heavy chain",
        "Cadena pesada",
        "findings",
        ("unknown", "igg", "iga", "igm", "none"),
    ),
    _f("castleman_disease", "tri", "Castleman disease", "Enfermedad de Castleman", "findings", TRI),
    _f(
        "sclerotic_bone_lesions",
        "tri",
        "Sclerotic bone lesions",
        "Lesiones óseas escleróticas",
        "findings",
        TRI,
    ),
    _f("organomegaly", "tri", "Organomegaly", "Organomegalia", "findings", TRI),
    _f("splenomegaly", "tri", "Splenomegaly", "Esplenomegalia", "findings", TRI),
    _f(
        "extravascular_volume_overload",
        "tri",
        "Extravascular volume overload",
        "Sobrecarga de volumen extravascular",
        "findings",
        TRI,
    ),
    _f("pleural_effusion", "tri", "Pleural effusion", "Derrame pleural", "findings", TRI),
    _f("endocrinopathy", "tri", "Endocrinopathy", "Endocrinopatía", "findings", TRI),
    _f(
        "endocrinopathy_types",
        "multi",
        "Endocrine axes affected",
        "Ejes endocrinos afectados",
        "findings",
        get_args(EndocrineType),
    ),
    _f("skin_changes", "tri", "Skin changes", "Alteraciones cutáneas", "findings", TRI),
    _f("papilledema", "tri", "Papilledema", "Papiledema", "findings", TRI),
    _f(
        "thrombocytosis_or_polycythemia",
        "tri",
        "Thrombocytosis or polycythaemia",
        "Trombocitosis o policitemia",
        "findings",
        TRI,
    ),
    _f("clubbing", "tri", "Clubbing", "Acropaquias", "findings", TRI),
    _f(
        "pulmonary_hypertension",
        "tri",
        "Pulmonary hypertension (sPAP ≥ 50 mmHg)",
        "Hipertensión pulmonar (PSAP ≥ 50 mmHg)",
        "findings",
        TRI,
    ),
    _f("age_years", "int", "Age (years)", "Edad (años)", "lab"),
    _f("sex", "choice", "Sex", "Sexo", "lab", ("unknown", "female", "male")),
    _f("vegf_value", "number", "VEGF (pg/mL)", "VEGF (pg/mL)", "lab"),
    _f("vegf_specimen", "choice", "VEGF specimen", "Muestra del VEGF", "lab", ("plasma", "serum")),
    _f(
        "vegf_uln",
        "number",
        "Lab upper limit of VEGF (pg/mL)",
        "Límite superior del VEGF del laboratorio (pg/mL)",
        "lab",
    ),
    _f(
        "vegf_confounders",
        "multi",
        "Conditions that raise VEGF",
        "Condiciones que elevan el VEGF",
        "lab",
        get_args(VegfConfounder),
    ),
    _f("bone_lesion_count", "int", "Bone lesions counted", "Lesiones óseas contadas", "lab"),
    _f("diffuse_bone_lesions", "bool3", "Diffuse bone lesions", "Lesiones óseas difusas", "lab"),
    _f(
        "marrow_clonal_plasma_cells",
        "tri",
        "Clonal plasma cells in the marrow",
        "Células plasmáticas clonales en la médula",
        "lab",
        TRI,
    ),
    _f("fdg_avid_lesions", "tri", "FDG-avid lesions", "Lesiones captantes de FDG", "lab", TRI),
    _f("platelets_10e9_l", "number", "Platelets (×10⁹/L)", "Plaquetas (×10⁹/L)", "lab"),
    _f("hemoglobin_g_dl", "number", "Haemoglobin (g/dL)", "Hemoglobina (g/dL)", "lab"),
    _f("albumin_g_dl", "number", "Albumin (g/dL)", "Albúmina (g/dL)", "lab"),
    _f("egfr_ml_min_1_73m2", "number", "eGFR (mL/min/1.73 m²)", "FGe (mL/min/1,73 m²)", "lab"),
    _f("dlco_reduced", "tri", "Reduced DLCO", "DLCO reducida", "lab", TRI),
    _f(
        "urinary_protein_raised", "tri", "Raised urinary protein", "Proteinuria elevada", "lab", TRI
    ),
    _f(
        "transplant_eligible", "bool3", "Transplant-eligible", "Candidato a trasplante", "treatment"
    ),
    _f(
        "symptom_onset_years",
        "number",
        "Years since symptom onset",
        "Años desde el inicio de los síntomas",
        "treatment",
    ),
    _f(
        "radiation_dose_gy",
        "number",
        "Radiation dose (Gy)",
        "Dosis de radioterapia (Gy)",
        "treatment",
    ),
    _f(
        "antiplatelet_contraindication",
        "bool",
        "Antiplatelet contraindication",
        "Contraindicación de antiagregantes",
        "treatment",
    ),
    _f(
        "hematologic_complete_response",
        "tri",
        "Haematologic complete response after first line",
        "Respuesta hematológica completa tras la primera línea",
        "treatment",
        TRI,
    ),
    _f(
        "phase",
        "choice",
        "Phase",
        "Fase",
        "treatment",
        ("diagnosis", "on_treatment", "post_treatment", "relapse"),
    ),
    _f(
        "treatment_start_date",
        "date",
        "Treatment start date",
        "Fecha de inicio del tratamiento",
        "treatment",
    ),
)
OPTION_LABELS: dict[str, dict[Lang, str]] = {
    "unknown": {"en": "unknown", "es": "desconocido"},
    "present": {"en": "present", "es": "presente"},
    "absent": {"en": "absent", "es": "ausente"},
    "female": {"en": "female", "es": "mujer"},
    "male": {"en": "male", "es": "varón"},
    "diagnosis": {"en": "diagnosis", "es": "diagnóstico"},
    "on_treatment": {"en": "on treatment", "es": "en tratamiento"},
    "post_treatment": {"en": "after treatment", "es": "tras el tratamiento"},
    "relapse": {"en": "relapse", "es": "recaída"},
    "serum": {"en": "serum", "es": "suero"},
    "plasma": {"en": "plasma", "es": "plasma"},
    "none": {"en": "light chain only", "es": "solo cadena ligera"},
}


def label(f: FormField, lang: Lang) -> str:
    """The field's label in `lang`."""
    return f.en if lang == "en" else f.es


def option_label(value: str, lang: Lang) -> str:
    """A choice shown in `lang` (codes without a translation are shown as they are)."""
    return OPTION_LABELS.get(value, {}).get(lang, value.replace("_", " "))


def case_to_form(case: PatientCase | None) -> dict[str, Any]:
    """Widget values for a case (form keys are field names)."""
    data = case.model_dump() if case else PatientCase().model_dump()
    vegf = data.pop("vegf") or {}
    data["vegf_value"] = vegf.get("value_pg_ml")
    data["vegf_specimen"] = vegf.get("specimen", "plasma")
    data["vegf_uln"] = vegf.get("upper_limit_normal_pg_ml")
    data["vegf_confounders"] = list(vegf.get("confounders", ()))
    data["endocrinopathy_types"] = list(data["endocrinopathy_types"])
    return data


def form_to_dict(values: dict[str, Any]) -> dict[str, Any]:
    """A PatientCase dict from widget values (validation happens in the service)."""
    data = {k: v for k, v in values.items() if not k.startswith("vegf_")}
    if values.get("vegf_value") is not None:
        data["vegf"] = {
            "value_pg_ml": values["vegf_value"],
            "specimen": values.get("vegf_specimen") or "plasma",
            "upper_limit_normal_pg_ml": values.get("vegf_uln"),
            "confounders": values.get("vegf_confounders") or [],
        }
    return data

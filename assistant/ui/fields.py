"""The case form as data: one widget per PatientCase field, bilingual labels, and conversions.

Codes stay codes underneath (the widgets hold contract values); only labels are translated.
Every optional field starts as "unknown": tri-states, choices, yes/no questions and numbers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal, get_args

from assistant.contracts import Lang, PatientCase
from assistant.contracts.case import EndocrineType, VegfConfounder

Kind = Literal["tri", "choice", "number", "int", "bool3", "bool", "date", "multi"]
Group = Literal["findings", "lab", "history"]


@dataclass(frozen=True)
class FormField:
    """A form widget bound to a PatientCase field (or a VEGF sub-field)."""

    name: str
    kind: Kind
    en: str
    es: str
    group: Group
    options: tuple[str, ...] = ()


TRI = ("unknown", "present", "absent")
YES_NO = ("unknown", "yes", "no")  # optional yes/no questions; None in the contract is "unknown"
_TO_BOOL = {"unknown": None, "yes": True, "no": False}
_ROWS: tuple[tuple[Any, ...], ...] = (
    ("polyneuropathy", "tri", "Polyneuropathy", "Polineuropatía", "findings", TRI),
    ("monoclonal_plasma_cell_disorder", "tri", "Clonal plasma cell disorder",
     "Discrasia clonal de células plasmáticas", "findings", TRI),
    ("light_chain", "choice", "Light chain", "Cadena ligera", "findings",
     ("unknown", "lambda", "kappa")),
    ("heavy_chain", "choice", "Heavy chain", "Cadena pesada", "findings",
     ("unknown", "igg", "iga", "igm", "none")),
    ("castleman_disease", "tri", "Castleman disease", "Enfermedad de Castleman", "findings", TRI),
    ("sclerotic_bone_lesions", "tri", "Sclerotic bone lesions", "Lesiones óseas escleróticas",
     "findings", TRI),
    ("organomegaly", "tri", "Organomegaly (spleen, liver, nodes)",
     "Organomegalia (bazo, hígado, ganglios)", "findings", TRI),
    ("splenomegaly", "tri", "Splenomegaly", "Esplenomegalia", "findings", TRI),
    ("extravascular_volume_overload", "tri", "Extravascular volume overload",
     "Sobrecarga de volumen extravascular", "findings", TRI),
    ("pleural_effusion", "tri", "Pleural effusion", "Derrame pleural", "findings", TRI),
    ("endocrinopathy", "tri", "Endocrinopathy", "Endocrinopatía", "findings", TRI),
    ("endocrinopathy_types", "multi", "Endocrine axes affected", "Ejes endocrinos afectados",
     "findings", get_args(EndocrineType)),
    ("skin_changes", "tri", "Skin changes", "Alteraciones cutáneas", "findings", TRI),
    ("papilledema", "tri", "Papilledema", "Papiledema", "findings", TRI),
    ("thrombocytosis_or_polycythemia", "tri", "Thrombocytosis or polycythaemia",
     "Trombocitosis o poliglobulia", "findings", TRI),
    ("clubbing", "tri", "Clubbing", "Acropaquias", "findings", TRI),
    ("pulmonary_hypertension", "tri", "Pulmonary hypertension (sPAP ≥ 50 mmHg)",
     "Hipertensión pulmonar (PSAP ≥ 50 mmHg)", "findings", TRI),
    ("age_years", "int", "Age (years)", "Edad (años)", "lab"),
    ("sex", "choice", "Sex", "Sexo", "lab", ("unknown", "female", "male")),
    ("childbearing_potential", "bool3", "Could become pregnant", "Posibilidad de embarazo", "lab"),
    ("ecog_performance_status", "int", "ECOG performance status (0-4)",
     "Estado funcional ECOG (0-4)", "lab"),
    ("vegf_value", "number", "VEGF (pg/mL)", "VEGF (pg/mL)", "lab"),
    ("vegf_specimen", "choice", "VEGF specimen", "Muestra del VEGF", "lab",
     ("unknown", "plasma", "serum")),
    ("vegf_uln", "number", "Lab upper limit of VEGF (pg/mL)",
     "Límite superior normal del VEGF en su laboratorio (pg/mL)", "lab"),
    ("vegf_confounders", "multi", "Conditions that raise VEGF", "Situaciones que elevan el VEGF",
     "lab", get_args(VegfConfounder)),
    ("bone_lesion_count", "int", "Bone lesions counted", "Lesiones óseas contadas", "lab"),
    ("lesion_count_imaging", "choice", "Imaging that counted the lesions",
     "Prueba de imagen con la que se contaron", "lab",
     ("unknown", "pet_ct", "whole_body_ct", "partial")),
    ("diffuse_bone_lesions", "bool3", "Diffuse bone lesions", "Lesiones óseas difusas", "lab"),
    ("marrow_clonal_plasma_cells", "tri", "Clonal plasma cells in the marrow",
     "Células plasmáticas clonales en la médula ósea", "lab", TRI),
    ("fdg_avid_lesions", "tri", "FDG-avid lesions", "Lesiones captantes de FDG", "lab", TRI),
    ("platelets_10e9_l", "number", "Platelets (×10⁹/L)", "Plaquetas (×10⁹/L)", "lab"),
    ("neutrophils_10e9_l", "number", "Neutrophils (×10⁹/L)", "Neutrófilos (×10⁹/L)", "lab"),
    ("hemoglobin_g_dl", "number", "Haemoglobin (g/dL)", "Hemoglobina (g/dL)", "lab"),
    ("albumin_g_dl", "number", "Albumin (g/dL)", "Albúmina (g/dL)", "lab"),
    ("egfr_ml_min_1_73m2", "number", "eGFR (mL/min/1.73 m²)", "FGe (mL/min/1,73 m²)", "lab"),
    ("creatinine_clearance_ml_min", "number", "Creatinine clearance (mL/min)",
     "Aclaramiento de creatinina (mL/min)", "lab"),
    ("on_dialysis", "bool3", "On dialysis", "En diálisis", "lab"),
    ("dlco_reduced", "tri", "Reduced DLCO", "DLCO reducida", "lab", TRI),
    ("urinary_protein_raised", "tri", "Raised urinary protein", "Proteinuria elevada", "lab",
     TRI),
    ("phase", "choice", "Phase", "Fase", "history",
     ("diagnosis", "on_treatment", "post_treatment", "relapse")),
    ("treatment_start_date", "date", "Treatment start date", "Fecha de inicio del tratamiento",
     "history"),
    ("transplant_eligible", "bool3", "Transplant-eligible", "Candidato a trasplante", "history"),
    ("symptom_onset_years", "number", "Years since symptom onset",
     "Años desde el inicio de los síntomas", "history"),
    ("radiation_dose_gy", "number", "Radiation dose (Gy)", "Dosis de radioterapia (Gy)",
     "history"),
    ("prior_radiation", "bool3", "Radiation given before", "Radioterapia previa", "history"),
    ("prior_asct", "bool3", "Autologous transplant before", "Trasplante autólogo previo",
     "history"),
    ("prior_lenalidomide_cycles", "int", "Lenalidomide cycles already given",
     "Ciclos de lenalidomida ya administrados", "history"),
    ("prior_thrombosis", "bool3", "Previous thrombosis", "Trombosis previa", "history"),
    ("hematologic_complete_response", "tri", "Haematologic complete response after first line",
     "Respuesta hematológica completa tras la primera línea", "history", TRI),
    ("antiplatelet_contraindication", "bool", "Antiplatelet drugs contraindicated",
     "Antiagregantes contraindicados", "history"),
)  # fmt: skip
FIELDS: tuple[FormField, ...] = tuple(FormField(*row) for row in _ROWS)
BY_NAME = {f.name: f for f in FIELDS}


def label(f: FormField, lang: Lang) -> str:
    """The field's label in `lang`."""
    return f.en if lang == "en" else f.es


def field_label(name: str, lang: Lang) -> str:
    """The label of a PatientCase field (or a form key) in `lang`."""
    if name == "vegf":
        return "VEGF"
    f = BY_NAME.get(name) or BY_NAME.get(f"vegf_{name}")
    return label(f, lang) if f else name


def number_text(value: float, lang: Lang) -> str:
    """A number as clinicians write it: 560, 1.5 (en) / 1,5 (es); never 560.0."""
    text = f"{value:.6g}" if isinstance(value, float) else str(value)
    return text.replace(".", ",") if lang == "es" else text


_DATE_ES = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


def date_placeholder(lang: Lang) -> str:
    """The date format the form asks for, in words the user reads."""
    return "dd/mm/aaaa" if lang == "es" else "yyyy-mm-dd"


def format_date(value: dt.date | None, lang: Lang) -> str:
    """A date in the form's format for `lang` (empty when unknown)."""
    if value is None:
        return ""
    return value.strftime("%d/%m/%Y") if lang == "es" else value.isoformat()


def parse_date(text: str | None) -> dt.date | None:
    """A typed date, 2026-12-01 or 01/12/2026 (day first); ValueError when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    match = _DATE_ES.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def case_to_form(case: PatientCase | None, lang: Lang = "en") -> dict[str, Any]:
    """Widget values for a case (form keys are field names)."""
    data = case.model_dump() if case else PatientCase().model_dump()
    vegf = data.pop("vegf") or {}
    data["vegf_value"] = vegf.get("value_pg_ml")
    data["vegf_specimen"] = vegf.get("specimen", "unknown")
    data["vegf_uln"] = vegf.get("upper_limit_normal_pg_ml")
    data["vegf_confounders"] = list(vegf.get("confounders", ()))
    data["endocrinopathy_types"] = list(data["endocrinopathy_types"])
    data["treatment_start_date"] = format_date(data["treatment_start_date"], lang)
    for f in FIELDS:
        if f.kind == "bool3":
            data[f.name] = {None: "unknown", True: "yes", False: "no"}[data[f.name]]
    return data


def form_to_dict(values: dict[str, Any]) -> dict[str, Any]:
    """A PatientCase dict from widget values (validation happens in the service).

    Raises ValueError (naming the field) when the typed date cannot be read.
    """
    data = {k: v for k, v in values.items() if not k.startswith("vegf_")}
    for f in FIELDS:
        if f.kind == "bool3" and f.name in data:
            data[f.name] = _TO_BOOL.get(data[f.name], data[f.name])
    try:
        data["treatment_start_date"] = parse_date(values.get("treatment_start_date"))
    except ValueError as exc:
        raise ValueError("treatment_start_date") from exc
    if values.get("vegf_value") is not None:
        data["vegf"] = {
            "value_pg_ml": values["vegf_value"],
            "specimen": values.get("vegf_specimen") or "unknown",
            "upper_limit_normal_pg_ml": values.get("vegf_uln"),
            "confounders": values.get("vegf_confounders") or [],
        }
    return data

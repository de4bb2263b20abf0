"""Findings stated in chat text -> PatientCase updates (pure; never raises, never guesses).

Negations ("no papilledema", "sin papiledema", "médula ósea negativa"), numbers with units
(VEGF 600 pg/mL plasma; platelets 620 x10^9/L or 620.000/µL; age), lesion counts and
hypothetical follow-ups ("and if the marrow were positive?") are recognised. Ambiguous values
are not used: they come back as notes asking for the missing unit or specimen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.contracts import Localized
from assistant.text import fold

FINDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "polyneuropathy",
        (
            "polyneuropath",
            "polyradiculoneuropath",
            "neuropathy",
            "polineuropat",
            "polirradiculoneuropat",
            "neuropatia",
        ),
    ),
    ("castleman_disease", ("castleman",)),
    (
        "sclerotic_bone_lesions",
        (
            "sclerotic",
            "osteosclerotic",
            "bone lesion",
            "escleroti",
            "osteoescleroti",
            "lesion osea",
            "lesiones oseas",
        ),
    ),
    ("splenomegaly", ("splenomegaly", "esplenomegalia", "enlarged spleen", "bazo grande")),
    (
        "organomegaly",
        (
            "organomegaly",
            "hepatomegaly",
            "splenomegaly",
            "lymphadenopathy",
            "organomegalia",
            "hepatomegalia",
            "esplenomegalia",
            "adenopatia",
            "linfadenopatia",
        ),
    ),
    ("pleural_effusion", ("pleural effusion", "derrame pleural")),
    (
        "extravascular_volume_overload",
        (
            "oedema",
            "edema",
            "ascites",
            "ascitis",
            "effusion",
            "derrame",
            "volume overload",
            "sobrecarga de volumen",
        ),
    ),
    (
        "endocrinopathy",
        (
            "endocrinopath",
            "endocrinopat",
            "hypogonadism",
            "hipogonadismo",
            "adrenal insufficiency",
            "insuficiencia suprarrenal",
        ),
    ),
    (
        "skin_changes",
        (
            "skin change",
            "hyperpigmentation",
            "hypertrichosis",
            "hemangioma",
            "haemangioma",
            "cambios cutaneos",
            "alteraciones cutaneas",
            "hiperpigmentacion",
            "hipertricosis",
            "acrocyanosis",
            "acrocianosis",
        ),
    ),
    ("papilledema", ("papilledema", "papilloedema", "papiledema")),
    (
        "thrombocytosis_or_polycythemia",
        (
            "thrombocytosis",
            "polycyth",
            "trombocitosis",
            "policitemia",
            "erythrocytosis",
            "eritrocitosis",
        ),
    ),
    ("pulmonary_hypertension", ("pulmonary hypertension", "hipertension pulmonar")),
    (
        "monoclonal_plasma_cell_disorder",
        (
            "monoclonal",
            "m-protein",
            "m protein",
            "paraprotein",
            "gammopathy",
            "gammapatia",
            "componente monoclonal",
            "clonal plasma cell disorder",
            "discrasia",
        ),
    ),
    ("marrow_clonal_plasma_cells", ("marrow", "medula osea", "medula")),
    ("clubbing", ("clubbing", "acropaquia")),
)
ENDOCRINE_TYPES = (
    ("hypogonadism", ("hypogonadism", "hipogonadismo", "low testosterone")),
    ("adrenal_insufficiency", ("adrenal insufficiency", "insuficiencia suprarrenal")),
    ("hypothyroidism", ("hypothyroid", "hipotiroid")),
    ("diabetes_mellitus", ("diabetes", "diabetic", "diabetico")),
    ("hyperprolactinemia", ("hyperprolactin", "hiperprolactin")),
)
_NEG_BEFORE = re.compile(
    r"(?<![a-z])(no|not|without|absent|negative for|denies|nor|sin|ausencia de|niega|ni)(?![a-z])"
)
_NEG_AFTER = re.compile(r"^\W{0,3}(\w+\W+){0,2}?(absent|negative|ausente|negativ|normal)")
_POS_AFTER = re.compile(
    r"^\W{0,3}(\w+\W+){0,2}?(positive|positiv|present|presente|involved|infiltrad)"
)
_CLAUSES = re.compile(r"[.;,:()]|\bbut\b|\bpero\b|\bhowever\b|\bsin embargo\b|\band\b|\by\b")
_HYPOTHETICAL = re.compile(
    r"(?<![a-z])(what if|and if|if the|if there|if he|if she|if it|suppose|supposing|assume|"
    r"hypothetical|y si|si la|si el|si hubiera|si tuviera|si fuera|si fuese|suponiendo|"
    r"en caso de que|imagina)(?![a-z])"
)
_PATIENT = re.compile(
    r"(?<![a-z])(patient|paciente|man|woman|male|female|varon|hombre|mujer|he has|she has|"
    r"has a|tiene|presenta|year-old|years old|anos|my patient|mi paciente|case|caso)(?![a-z])"
)
_ACRONYM = re.compile(
    r"polyneuropathy[^.?;]{0,25}organomegaly[^.?;]{0,25}endocrinopathy[^.?;]{0,60}skin\s+changes?"
    r"|polineuropatia[^.?;]{0,25}organomegalia[^.?;]{0,25}endocrinopatia[^.?;]{0,70}"
    r"(?:cutane\w*|piel)"
)
_NUMBER = r"(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)"
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "single": 1,
    "solitary": 1,
    "un": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
}


@dataclass(frozen=True)
class Extraction:
    """What a message says about the patient."""

    updates: dict[str, Any] = field(default_factory=dict)
    hypothetical: bool = False
    notes: tuple[Localized, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the message states no finding."""
        return not self.updates


def parse_number(raw: str, thousands: bool = False) -> float:
    """'620.000' -> 620000 (thousands allowed), '10,5' -> 10.5, '3.5' -> 3.5."""
    if thousands and re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        return float(re.sub(r"[.,]", "", raw))
    return float(raw.replace(",", "."))


def _finding_state(clause: str, start: int, end: int) -> str:
    after = clause[end:]
    if _NEG_AFTER.match(after):
        return "absent"
    if _POS_AFTER.match(after):
        return "present"
    return "absent" if _NEG_BEFORE.search(clause[:start]) else "present"


def _findings(text: str) -> dict[str, Any]:
    updates: dict[str, Any] = {}
    for clause in _CLAUSES.split(text):
        for name, terms in FINDINGS:
            for term in terms:
                m = re.search(rf"(?<![a-z]){re.escape(term)}", clause)
                if m and name not in updates:
                    updates[name] = _finding_state(clause, m.start(), m.end())
    return updates


def _endocrine_types(text: str) -> list[str]:
    return [name for name, terms in ENDOCRINE_TYPES if any(t in text for t in terms)]


def _lesions(text: str) -> dict[str, Any]:
    words = "|".join(WORD_NUMBERS)
    m = re.search(
        rf"(?<![a-z0-9])(\d+|{words})\s+(?:(?:sclerotic|osteosclerotic|bone|osseous)\s+)*lesions?"
        rf"|(?<![a-z0-9])(\d+|{words})\s+lesion(?:es)?(?:\s+oseas?)?(?:\s+escleroticas?)?",
        text,
    )
    if m:
        raw = m.group(1) or m.group(2)
        n = int(raw) if raw.isdigit() else WORD_NUMBERS[raw]
        return {"bone_lesion_count": n, "sclerotic_bone_lesions": "present" if n else "absent"}
    if re.search(
        r"(single|solitary) (bone |sclerotic )?lesion|lesion (osea )?(unica|solitaria)", text
    ):
        return {"bone_lesion_count": 1, "sclerotic_bone_lesions": "present"}
    if re.search(r"diffuse (sclerotic |bone )?lesions|lesiones (oseas )?difusas", text):
        return {"diffuse_bone_lesions": True, "sclerotic_bone_lesions": "present"}
    return {}


def _note(en: str, es: str) -> Localized:
    return Localized(en=en, es=es)


def _vegf(text: str) -> tuple[dict[str, Any], list[Localized]]:
    m = re.search(rf"vegf\b[^0-9]{{0,30}}?{_NUMBER}\s*(pg/ml)?", text)
    if not m:
        return {}, []
    value = parse_number(m.group(1), thousands=True)
    window = text[max(0, m.start() - 30) : m.end() + 40]
    specimen = None
    if re.search(r"plasma|plasmatic", window):
        specimen = "plasma"
    elif re.search(r"serum|seric|suero", window):
        specimen = "serum"
    if specimen is None:
        return {}, [
            _note(
                f"VEGF {value:g} pg/mL: was it measured in serum or plasma? The thresholds differ, "
                "so it is not used until the specimen is known.",
                f"VEGF {value:g} pg/mL: ¿se midió en suero o en plasma? Los umbrales son "
                "distintos, así que no se usa hasta conocer la muestra.",
            )
        ]
    vegf: dict[str, Any] = {"value_pg_ml": value, "specimen": specimen}
    uln = re.search(rf"(uln|upper limit|limite superior|lsn)[^0-9]{{0,20}}?{_NUMBER}", text)
    if uln:
        vegf["upper_limit_normal_pg_ml"] = parse_number(uln.group(2), thousands=True)
    return {"vegf": vegf}, []


def _platelets(text: str) -> tuple[dict[str, Any], list[Localized]]:
    m = re.search(
        rf"(platelets?|plaquetas|plt)[^0-9]{{0,15}}?{_NUMBER}\s*"
        r"(x\s*10\^?9\s*/\s*l|x\s*10\^?3\s*/\s*[uμµ]l|10\^?9/l|/\s*[uμµ]l|/\s*mm3|/\s*mcl|k/[uμµ]l)?",
        text,
    )
    if not m:
        return {}, []
    unit = (m.group(3) or "").replace(" ", "")
    value = parse_number(m.group(2), thousands=True)
    if unit.startswith("/") or (unit == "" and value >= 10_000):
        value = value / 1000
    elif unit == "" and value > 2000:
        return {}, [
            _note(
                f"Platelets {m.group(2)}: please give the unit (x10^9/L or /µL).",
                f"Plaquetas {m.group(2)}: indique la unidad (x10^9/L o /µL).",
            )
        ]
    return {"platelets_10e9_l": value}, []


def _lab(
    text: str, names: str, field_name: str, max_g_dl: float
) -> tuple[dict[str, Any], list[Localized]]:
    m = re.search(rf"({names})[^0-9]{{0,12}}?{_NUMBER}\s*(g/dl|g/l)?", text)
    if not m:
        return {}, []
    value, unit = parse_number(m.group(2)), m.group(3)
    if unit == "g/l":
        value = value / 10
    elif unit is None and value > max_g_dl:
        return {}, [
            _note(
                f"{m.group(1)} {m.group(2)}: please give the unit (g/dL or g/L).",
                f"{m.group(1)} {m.group(2)}: indique la unidad (g/dL o g/L).",
            )
        ]
    return {field_name: value}, []


def _simple_numbers(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    age = re.search(r"(\d{1,3})\s*(?:-\s*)?(?:year|years|yr|yrs|yo|y/o|anos)(?![a-z])", text)
    age = age or re.search(r"(?<![a-z])(?:aged|age|edad)\s*(?:of\s*|de\s*)?(\d{1,3})", text)
    if age:
        out["age_years"] = int(age.group(1))
    egfr = re.search(rf"(egfr|fge|filtrado glomerular|gfr)[^0-9]{{0,12}}?{_NUMBER}", text)
    if egfr:
        out["egfr_ml_min_1_73m2"] = parse_number(egfr.group(2))
    dose = re.search(rf"{_NUMBER}\s*gy(?![a-z])", text)
    if dose:
        out["radiation_dose_gy"] = parse_number(dose.group(1))
    return out


def _status_words(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if re.search(r"(?<![a-z])(man|male|varon|hombre)(?![a-z])", text):
        out["sex"] = "male"
    elif re.search(r"(?<![a-z])(woman|female|mujer)(?![a-z])", text):
        out["sex"] = "female"
    for chain in ("lambda", "kappa"):
        if re.search(rf"(?<![a-z]){chain}(?![a-z])", text):
            out["light_chain"] = chain
            out["monoclonal_plasma_cell_disorder"] = "present"
    if re.search(
        r"not (a )?(transplant )?(eligible|candidate)|ineligible|unfit for transplant|"
        r"no (es )?candidat|no apto",
        text,
    ):
        out["transplant_eligible"] = False
    elif re.search(
        r"eligible|transplant candidate|fit for transplant|candidat[oa] a trasplante", text
    ):
        out["transplant_eligible"] = True
    if re.search(r"has relapsed|relapsed after|ha recaido|recayo|en recaida", text):
        out["phase"] = "relapse"
    return out


def extract(message: str, in_case: bool) -> Extraction:
    """Findings stated in `message`. `in_case`: a case already exists in the conversation."""
    text = _ACRONYM.sub(" ", fold(message))  # the syndrome's name is not a list of findings
    hypothetical = bool(_HYPOTHETICAL.search(text))
    updates: dict[str, Any] = {}
    notes: list[Localized] = []
    for part, part_notes in (
        _vegf(text),
        _platelets(text),
        _lab(text, "hemoglobina|hemoglobin|haemoglobin|hgb|hb", "hemoglobin_g_dl", 25),
        _lab(text, "albumina|albumin", "albumin_g_dl", 10),
    ):
        updates |= part
        notes += part_notes
    updates |= _simple_numbers(text) | _status_words(text) | _lesions(text)
    stating = hypothetical or in_case or bool(updates) or "?" not in message
    if stating or _PATIENT.search(text):
        findings = _findings(text)
        updates = findings | updates
        types = _endocrine_types(text)
        if types and updates.get("endocrinopathy") != "absent":
            updates["endocrinopathy_types"] = types
            updates.setdefault("endocrinopathy", "present")
    return Extraction(updates, hypothetical, tuple(notes))

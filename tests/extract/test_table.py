"""Findings extraction as a table: message -> exact updates, and whether a note is shown.

Every example of issues #13 (item 1), #12 ("a question changes the case"), #14 (free text) and #11
(new case fields) in English and Spanish. Expected values are written from the clinical meaning of
each sentence, not copied from the code's output.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.extract import Extraction, extract

NOTE, NO_NOTE = True, False
UNKNOWN_VEGF = {"specimen": "unknown"}


def row(text: str, updates: dict[str, Any], note: bool, rid: str) -> Any:
    return pytest.param(text, updates, note, id=rid)


MARROW_PRESENT = {
    "marrow_clonal_plasma_cells": "present",
    "monoclonal_plasma_cell_disorder": "present",
}
IGA_LAMBDA = {
    "heavy_chain": "iga",
    "light_chain": "lambda",
    "monoclonal_plasma_cell_disorder": "present",
}

# -- issue #13 item 1: negation, doubt and pending never create a finding ----------------------
NEVER_INVENT = [
    row("bone marrow biopsy still pending", {}, NOTE, "marrow-pending-en"),
    row("biopsia de médula ósea pendiente", {}, NOTE, "marrow-pending-es"),
    row("bone marrow not done", {}, NOTE, "marrow-not-done-en"),
    row("No se ha realizado biopsia de médula ósea.", {}, NOTE, "marrow-no-se-ha-realizado"),
    row("bone marrow biopsy has not been done", {}, NOTE, "marrow-has-not-been-done"),
    row("no bone marrow biopsy yet", {}, NO_NOTE, "no-marrow-biopsy-is-not-a-result"),
    row("no lymph node biopsy for Castleman", {}, NO_NOTE, "no-test-is-not-a-denial-en"),
    row("sin biopsia ganglionar de Castleman", {}, NOTE, "no-test-is-not-a-denial-es"),
    row(
        "no evidence of Castleman on biopsy",
        {"castleman_disease": "absent"},
        NO_NOTE,
        "denial-then-test-still-denies",
    ),
    row("médula ósea no realizada", {}, NOTE, "marrow-not-done-es"),
    row("castleman unlikely", {}, NOTE, "castleman-unlikely-en"),
    row("Castleman poco probable", {}, NOTE, "castleman-unlikely-es"),
    row("possible castleman", {}, NOTE, "castleman-possible-en"),
    row("posible enfermedad de Castleman", {}, NOTE, "castleman-possible-es"),
    row("rule out castleman", {}, NOTE, "castleman-rule-out-en"),
    row("descartar enfermedad de Castleman", {}, NOTE, "castleman-rule-out-es"),
    row("probable Castleman", {}, NOTE, "castleman-probable-es"),
    row("papilledema ruled out", {"papilledema": "absent"}, NO_NOTE, "papilledema-ruled-out-en"),
    row("papilledema was excluded", {"papilledema": "absent"}, NO_NOTE, "papilledema-excluded"),
    row("papilledema not seen", {"papilledema": "absent"}, NO_NOTE, "papilledema-not-seen"),
    row("papilledema: no", {"papilledema": "absent"}, NO_NOTE, "papilledema-colon-no-en"),
    row("papiledema: no", {"papilledema": "absent"}, NO_NOTE, "papilledema-colon-no-es"),
    row("papiledema descartado", {"papilledema": "absent"}, NO_NOTE, "papilledema-descartado"),
    row("no se observa papiledema", {"papilledema": "absent"}, NO_NOTE, "papilledema-no-se-ve"),
    row("sin papiledema", {"papilledema": "absent"}, NO_NOTE, "papilledema-sin"),
    row("possible papilledema", {}, NOTE, "papilledema-possible-en"),
    row("papiledema dudoso", {}, NOTE, "papilledema-doubtful-es"),
    row("fundoscopy pending for papilledema", {}, NOTE, "papilledema-pending-en"),
    row("not lambda", {}, NO_NOTE, "not-lambda-en"),
    row("no es lambda", {}, NO_NOTE, "not-lambda-es"),
    row(
        "not lambda but kappa",
        {"light_chain": "kappa", "monoclonal_plasma_cell_disorder": "present"},
        NO_NOTE,
        "not-lambda-but-kappa",
    ),
    row("kappa 20 mg/L, lambda 80 mg/L, ratio 0.25", {}, NO_NOTE, "free-light-chains-en"),
    row("eligible? unclear", {}, NO_NOTE, "eligible-unclear-en"),
    row("¿candidato? no está claro", {}, NO_NOTE, "eligible-unclear-es"),
    row(
        "no papilledema, possible castleman",
        {"papilledema": "absent"},
        NOTE,
        "cue-scoped-to-its-clause",
    ),
    row(
        "sin papiledema y con ascitis",
        {"papilledema": "absent", "extravascular_volume_overload": "present"},
        NO_NOTE,
        "negation-undone-by-con",
    ),
    row("pending: PET-CT, castleman, papilledema", {}, NOTE, "pending-list-head-en"),
    row("pendiente: biopsia ganglionar, papiledema", {}, NOTE, "pending-list-head-es"),
    row(
        "negative: castleman, papilledema",
        {"castleman_disease": "absent", "papilledema": "absent"},
        NO_NOTE,
        "denial-list-head",
    ),
    row("no improvement in neuropathy", {"polyneuropathy": "present"}, NO_NOTE, "pseudo-neg-en"),
    row(
        "sin mejoría de la polineuropatía",
        {"polyneuropathy": "present"},
        NO_NOTE,
        "pseudo-neg-es",
    ),
    row("VEGF possibly 1200 pg/mL plasma", {}, NO_NOTE, "doubted-value-not-used"),
    row(
        "castleman and papilledema ruled out",
        {"papilledema": "absent"},
        NO_NOTE,
        "shared-denial-never-makes-present",
    ),
]

# -- issue #13 item 1: numbers, units, comparators ------------------------------------------------
NUMBERS = [
    row("VEGF <200 pg/mL", {}, NOTE, "vegf-bound-en"),
    row("VEGF menor de 200 pg/mL en plasma", {}, NOTE, "vegf-bound-es"),
    row("VEGF > 1000 pg/mL plasma", {}, NOTE, "vegf-lower-bound-en"),
    row(
        "VEGF 1,2 ng/mL plasma",
        {"vegf": {"value_pg_ml": 1200.0, "specimen": "plasma"}},
        NOTE,
        "vegf-ng-decimal-comma-en",
    ),
    row(
        "VEGF 1,2 ng/mL en plasma",
        {"vegf": {"value_pg_ml": 1200.0, "specimen": "plasma"}},
        NOTE,
        "vegf-ng-decimal-comma-es",
    ),
    row("VEGF 1 200", {"vegf": {"value_pg_ml": 1200.0, **UNKNOWN_VEGF}}, NOTE, "vegf-space-1200"),
    row(
        "VEGF plasmático 1.200 pg/mL",
        {"vegf": {"value_pg_ml": 1200.0, "specimen": "plasma"}},
        NO_NOTE,
        "vegf-dot-thousands-es",
    ),
    row(
        "VEGF 1,200 pg/mL serum",
        {"vegf": {"value_pg_ml": 1200.0, "specimen": "serum"}},
        NO_NOTE,
        "vegf-comma-thousands-en",
    ),
    row("VEGF 1.200 ng/mL", {}, NOTE, "vegf-implausible-asked"),
    row("VEGF 12", {}, NOTE, "vegf-small-unitless-asked"),
    row("VEGF -500", {}, NOTE, "vegf-negative-en"),
    row("VEGF −500 pg/mL en suero", {}, NOTE, "vegf-negative-unicode-es"),
    row("platelets 1.2 million/uL", {"platelets_10e9_l": 1200.0}, NOTE, "plt-million-en"),
    row("plaquetas 1,2 millones/µL", {"platelets_10e9_l": 1200.0}, NOTE, "plt-million-es"),
    row("platelets 4.5 x 10^5/uL", {"platelets_10e9_l": 450.0}, NOTE, "plt-10e5-en"),
    row("plaquetas 4,5 x 10^5/µL", {"platelets_10e9_l": 450.0}, NOTE, "plt-10e5-es"),
    row("platelets 0.62 x10^12/L", {"platelets_10e9_l": 620.0}, NOTE, "plt-10e12-en"),
    row("plaquetas 0,62 x 10¹²/L", {"platelets_10e9_l": 620.0}, NOTE, "plt-10e12-es"),
    row("plaquetas 620.000/µL", {"platelets_10e9_l": 620.0}, NOTE, "plt-per-ul-es"),
    row("platelets 620,000/µL", {"platelets_10e9_l": 620.0}, NOTE, "plt-per-ul-en"),
    row("platelets 620 x10^9/L", {"platelets_10e9_l": 620.0}, NO_NOTE, "plt-si"),
    row("platelets 620", {"platelets_10e9_l": 620.0}, NO_NOTE, "plt-unitless-same-number"),
    row("platelets 5000", {}, NOTE, "plt-unitless-ambiguous"),
    row("Hb 9 mmol/L", {"hemoglobin_g_dl": 14.5}, NOTE, "hb-mmol-en"),
    row("hemoglobina 6,2 mmol/L", {"hemoglobin_g_dl": 10.0}, NOTE, "hb-mmol-es"),
    row("Hb 10,5 g/dL", {"hemoglobin_g_dl": 10.5}, NO_NOTE, "hb-decimal-comma"),
    row("Hb 105 g/L", {"hemoglobin_g_dl": 10.5}, NOTE, "hb-g-l"),
    row("Hb 9", {}, NOTE, "hb-unitless-asked"),
    row("albumin 35", {}, NOTE, "albumin-unitless-g-l-asked"),
    row("albúmina 3,2 g/dL", {"albumin_g_dl": 3.2}, NO_NOTE, "albumin-es"),
    row(
        "VEGF sérico 1.500 pg/mL, límite superior 900",
        {"vegf": {"value_pg_ml": 1500.0, "specimen": "serum", "upper_limit_normal_pg_ml": 900.0}},
        NO_NOTE,
        "vegf-serum-uln-es",
    ),
]

# -- issue #13 / #12: age only from age phrases -------------------------------------------------
AGE = [
    row(
        "neuropathy for 2 years, 62 yo man",
        {"polyneuropathy": "present", "age_years": 62, "sex": "male"},
        NO_NOTE,
        "age-not-from-duration-en",
    ),
    row(
        "neuropatía desde hace 2 años, varón de 62 años",
        {"polyneuropathy": "present", "age_years": 62, "sex": "male"},
        NO_NOTE,
        "age-not-from-duration-es",
    ),
    row("58-year-old", {"age_years": 58}, NO_NOTE, "age-year-old"),
    row("58 yo", {"age_years": 58}, NO_NOTE, "age-yo"),
    row("aged 58", {"age_years": 58}, NO_NOTE, "age-aged"),
    row("58 años", {"age_years": 58}, NO_NOTE, "age-anos-alone"),
    row("varón de 58", {"age_years": 58, "sex": "male"}, NO_NOTE, "age-varon-de"),
    row("mujer de 62 años", {"age_years": 62, "sex": "female"}, NO_NOTE, "age-mujer-de"),
    row(
        "45M with neuropathy",
        {"age_years": 45, "sex": "male", "polyneuropathy": "present"},
        NO_NOTE,
        "age-45m",
    ),
    row("symptoms for 3 years", {}, NO_NOTE, "no-age-for-3-years"),
    row("he is 58", {"age_years": 58}, NO_NOTE, "age-he-is"),
    row("he is 3 years after ASCT", {"prior_asct": True}, NO_NOTE, "no-age-he-is-3-years-after"),
    row("síntomas desde hace 3 años", {}, NO_NOTE, "no-age-hace-3-anos"),
]

# -- issue #12: statements vs questions ----------------------------------------------------------
QUESTIONS = [
    row("is he a transplant candidate?", {}, NO_NOTE, "q-transplant-en"),
    row("¿es candidato a TASPE?", {}, NO_NOTE, "q-transplant-es"),
    row("¿cuánto tarda en mejorar la neuropatía?", {}, NO_NOTE, "q-how-long-es"),
    row("how long does the neuropathy take to improve?", {}, NO_NOTE, "q-how-long-en"),
    row("will he need dialysis", {}, NO_NOTE, "q-will-no-mark"),
    row("Does papilledema count as a criterion?", {}, NO_NOTE, "q-general-en"),
    row("Papilledema is a minor criterion in POEMS.", {}, NO_NOTE, "general-statement-en"),
    row("Explícame la neuropatía del POEMS", {}, NO_NOTE, "request-es"),
    row("Tell me about Castleman disease.", {}, NO_NOTE, "request-en"),
    row(
        "He is transplant eligible, what is the next step?",
        {"transplant_eligible": True},
        NO_NOTE,
        "statement-clause-before-question-clause",
    ),
    row("Castleman, is it likely?", {}, NO_NOTE, "bare-finding-before-question-is-asked"),
    row("Papilledema and Castleman, are they criteria?", {}, NO_NOTE, "findings-as-topic"),
    row("is he eligible, what now?", {}, NO_NOTE, "question-then-question"),
    row("Treatment at relapse", {}, NO_NOTE, "topic-query-en"),
    row("recaída: opciones", {}, NO_NOTE, "topic-query-es"),
    row("marrow involvement treatment choices", {}, NO_NOTE, "finding-in-a-query"),
    row("Castleman sin gammapatía, ¿cuenta como criterio?", {}, NO_NOTE, "untied-lead-es"),
    row("IgA lambda, ¿qué hago?", {}, NO_NOTE, "untied-lead-no-patient"),
    row(
        "Varón de 58 años, IgA lambda, ¿qué hago?",
        {"age_years": 58, "sex": "male", **IGA_LAMBDA},
        NO_NOTE,
        "tied-lead-es",
    ),
    row("My dog has splenomegaly.", {}, NO_NOTE, "not-a-patient"),
    row("lenalidomide dose for CrCl 40", {}, NO_NOTE, "lab-value-in-a-query"),
    row(
        "After treatment, VEGF 300 pg/mL plasma",
        {"vegf": {"value_pg_ml": 300.0, "specimen": "plasma"}},
        NO_NOTE,
        "treatment-word-in-a-statement",
    ),
    row(
        "my patient: CrCl 40, lenalidomide dose",
        {"creatinine_clearance_ml_min": 40.0},
        NO_NOTE,
        "lab-value-of-a-patient-in-a-query",
    ),
    row(
        "Mi mujer tiene neuropatía, ¿mejorará?",
        {"polyneuropathy": "present"},
        NO_NOTE,
        "family-member-wife-is-not-the-sex-of-the-writer",
    ),
    row(
        "relapsed 3 years after autologous transplant",
        {"phase": "relapse", "prior_asct": True},
        NO_NOTE,
        "relapse-no-age-en",
    ),
    row(
        "recayó 3 años después del TASPE",
        {"phase": "relapse", "prior_asct": True},
        NO_NOTE,
        "relapse-no-age-es",
    ),
    row(
        "58-year-old man, IgA lambda, 3 sclerotic lesions, marrow 8% clonal plasma cells, "
        "VEGF 1200 pg/mL, splenomegaly, platelets 620. What treatment should I give?",
        {
            "age_years": 58,
            "sex": "male",
            **IGA_LAMBDA,
            "bone_lesion_count": 3,
            "sclerotic_bone_lesions": "present",
            **MARROW_PRESENT,
            "vegf": {"value_pg_ml": 1200.0, **UNKNOWN_VEGF},
            "splenomegaly": "present",
            "organomegaly": "present",
            "platelets_10e9_l": 620.0,
        },
        NOTE,  # the VEGF specimen is asked for
        "vignette-then-question-en",
    ),
    row(
        "Varón de 58 años, IgA lambda, 3 lesiones escleróticas, médula ósea con 8% de células "
        "plasmáticas clonales, VEGF 1200 pg/mL, esplenomegalia, plaquetas 620. ¿Qué tratamiento "
        "le doy?",
        {
            "age_years": 58,
            "sex": "male",
            **IGA_LAMBDA,
            "bone_lesion_count": 3,
            "sclerotic_bone_lesions": "present",
            **MARROW_PRESENT,
            "vegf": {"value_pg_ml": 1200.0, **UNKNOWN_VEGF},
            "splenomegaly": "present",
            "organomegaly": "present",
            "platelets_10e9_l": 620.0,
        },
        NOTE,
        "vignette-then-question-es",
    ),
]

# -- issue #14: free text -------------------------------------------------------------------------
FREE_TEXT = [
    row(
        "hepatosplenomegaly",
        {"splenomegaly": "present", "organomegaly": "present"},
        NO_NOTE,
        "hepatosplenomegaly-en",
    ),
    row(
        "hepatoesplenomegalia",
        {"splenomegaly": "present", "organomegaly": "present"},
        NO_NOTE,
        "hepatosplenomegaly-es",
    ),
    row("adenopatías", {"organomegaly": "present"}, NO_NOTE, "adenopathy-es"),
    row("lymphadenopathy", {"organomegaly": "present"}, NO_NOTE, "adenopathy-en"),
    row("no splenomegaly", {"splenomegaly": "absent"}, NO_NOTE, "no-spleen-not-no-organomegaly"),
    row("IgA lambda", IGA_LAMBDA, NO_NOTE, "iga-lambda"),
    row(
        "componente monoclonal IgG kappa",
        {
            "heavy_chain": "igg",
            "light_chain": "kappa",
            "monoclonal_plasma_cell_disorder": "present",
        },
        NO_NOTE,
        "igg-kappa-es",
    ),
    row("IgA 350 mg/dL", {}, NO_NOTE, "iga-level-is-not-a-clone"),
    row(
        "IgG lambda 2.1 g/dL",
        {
            "heavy_chain": "igg",
            "light_chain": "lambda",
            "monoclonal_plasma_cell_disorder": "present",
        },
        NO_NOTE,
        "m-spike-size-keeps-the-clone",
    ),
    row(
        "MO sin infiltración",
        {"marrow_clonal_plasma_cells": "absent"},
        NO_NOTE,
        "marrow-sin-infiltracion",
    ),
    row(
        "marrow uninvolved", {"marrow_clonal_plasma_cells": "absent"}, NO_NOTE, "marrow-uninvolved"
    ),
    row("MO infiltrada", MARROW_PRESENT, NO_NOTE, "mo-abbreviation"),
    row("médula ósea negativa", {"marrow_clonal_plasma_cells": "absent"}, NO_NOTE, "marrow-neg-es"),
    row(
        "marrow: no clonal plasma cells",
        {"marrow_clonal_plasma_cells": "absent"},
        NO_NOTE,
        "marrow-no-clonal",
    ),
    row("médula espinal afectada", {}, NO_NOTE, "spinal-cord-is-not-marrow"),
    row(
        "two sclerotic lesions and a negative bone marrow",
        {
            "bone_lesion_count": 2,
            "sclerotic_bone_lesions": "present",
            "marrow_clonal_plasma_cells": "absent",
        },
        NO_NOTE,
        "state-word-before-a-finding-modifies-it",
    ),
    row(
        "VEGF 900 pg/mL", {"vegf": {"value_pg_ml": 900.0, **UNKNOWN_VEGF}}, NOTE, "vegf-no-spec-en"
    ),
    row(
        "VEGF 900 pg/mL (muestra no indicada)",
        {"vegf": {"value_pg_ml": 900.0, **UNKNOWN_VEGF}},
        NOTE,
        "vegf-no-spec-es",
    ),
    row(
        "cuatro lesiones óseas",
        {"bone_lesion_count": 4},
        NOTE,  # are they sclerotic?
        "bone-lesions-not-said-sclerotic",
    ),
]

# -- issue #11: new case fields ----------------------------------------------------------------
NEW_FIELDS = [
    row("CrCl 45 mL/min", {"creatinine_clearance_ml_min": 45.0}, NO_NOTE, "crcl-en"),
    row(
        "aclaramiento de creatinina 30 ml/min",
        {"creatinine_clearance_ml_min": 30.0},
        NO_NOTE,
        "crcl-es",
    ),
    row("CrCl 0.5 mL/s", {"creatinine_clearance_ml_min": 30.0}, NOTE, "crcl-ml-s"),
    row("on dialysis", {"on_dialysis": True}, NO_NOTE, "dialysis-en"),
    row("en hemodiálisis", {"on_dialysis": True}, NO_NOTE, "dialysis-es"),
    row("not on dialysis", {"on_dialysis": False}, NO_NOTE, "no-dialysis-en"),
    row("ANC 800/µL", {"neutrophils_10e9_l": 0.8}, NOTE, "anc-per-ul"),
    row("neutrófilos 1,2 x10^9/L", {"neutrophils_10e9_l": 1.2}, NO_NOTE, "anc-es"),
    row("ECOG 2", {"ecog_performance_status": 2}, NO_NOTE, "ecog-en"),
    row("estado funcional ECOG 3", {"ecog_performance_status": 3}, NO_NOTE, "ecog-es"),
    row("ECOG 1-2", {}, NOTE, "ecog-range-asked"),
    row(
        "woman of childbearing potential",
        {"sex": "female", "childbearing_potential": True},
        NO_NOTE,
        "childbearing-en",
    ),
    row("embarazada", {"childbearing_potential": True}, NO_NOTE, "pregnant-es"),
    row("not pregnant", {}, NO_NOTE, "not-pregnant-says-nothing"),
    row(
        "mujer posmenopáusica",
        {"sex": "female", "childbearing_potential": False},
        NO_NOTE,
        "postmenopausal-es",
    ),
    row("postmenopausal", {"childbearing_potential": False}, NO_NOTE, "postmenopausal-en"),
    row("prior radiation", {"prior_radiation": True}, NO_NOTE, "prior-rt-en"),
    row("radioterapia previa", {"prior_radiation": True}, NO_NOTE, "prior-rt-es"),
    row("prior ASCT", {"prior_asct": True}, NO_NOTE, "prior-asct-en"),
    row("TASPE previo", {"prior_asct": True}, NO_NOTE, "prior-asct-es"),
    row("autotrasplante previo", {"prior_asct": True}, NO_NOTE, "prior-auto-es"),
    row(
        "6 cycles of lenalidomide",
        {"prior_lenalidomide_cycles": 6},
        NO_NOTE,
        "len-cycles-en",
    ),
    row("4 ciclos de lenalidomida", {"prior_lenalidomide_cycles": 4}, NO_NOTE, "len-cycles-es"),
    row("prior DVT", {"prior_thrombosis": True}, NO_NOTE, "dvt-en"),
    row("TVP previa", {"prior_thrombosis": True}, NO_NOTE, "dvt-es"),
    row("trombosis previa", {"prior_thrombosis": True}, NO_NOTE, "thrombosis-es"),
    row("DVT prophylaxis with aspirin", {}, NO_NOTE, "dvt-prophylaxis-is-not-dvt"),
    row(
        "PET-CT: 3 sclerotic lesions",
        {
            "lesion_count_imaging": "pet_ct",
            "bone_lesion_count": 3,
            "sclerotic_bone_lesions": "present",
        },
        NO_NOTE,
        "pet-ct-count",
    ),
    row(
        "TC de cuerpo entero con 2 lesiones escleróticas",
        {
            "lesion_count_imaging": "whole_body_ct",
            "bone_lesion_count": 2,
            "sclerotic_bone_lesions": "present",
        },
        NO_NOTE,
        "whole-body-ct-es",
    ),
    row(
        "serie ósea: 1 lesión esclerótica",
        {
            "lesion_count_imaging": "partial",
            "bone_lesion_count": 1,
            "sclerotic_bone_lesions": "present",
        },
        NO_NOTE,
        "skeletal-survey-partial-es",
    ),
    row("PET pending", {}, NO_NOTE, "pet-pending"),
    row("not eligible for transplant", {"transplant_eligible": False}, NO_NOTE, "not-eligible"),
    row("candidato a trasplante", {"transplant_eligible": True}, NO_NOTE, "eligible-es"),
    row("no es candidato a TASPE", {"transplant_eligible": False}, NO_NOTE, "not-eligible-es"),
]


def _exact(ex: Extraction, expected: dict[str, Any]) -> dict[str, Any]:
    """The updates, with VEGF compared on the keys the row names."""
    got = dict(ex.updates)
    if "vegf" in got and "vegf" in expected:
        got["vegf"] = {k: got["vegf"].get(k) for k in expected["vegf"]}
    return got


@pytest.mark.parametrize(
    ("text", "updates", "note"), NEVER_INVENT + NUMBERS + AGE + QUESTIONS + FREE_TEXT + NEW_FIELDS
)
def test_extract_table_updates_and_notes(text: str, updates: dict[str, Any], note: bool) -> None:
    ex = extract(text)
    assert _exact(ex, updates) == updates
    assert bool(ex.notes) is note, [n.en for n in ex.notes]
    assert all(n.en and n.es and n.en != n.es for n in ex.notes)


@pytest.mark.parametrize(
    ("text", "updates"),
    [
        ("and if the marrow were positive?", MARROW_PRESENT),
        ("¿y si la médula fuera positiva?", MARROW_PRESENT),
        (
            "what if there were 4 sclerotic lesions?",
            {"bone_lesion_count": 4, "sclerotic_bone_lesions": "present"},
        ),
    ],
)
def test_extract_what_if_is_hypothetical_and_not_stated(text: str, updates: dict[str, Any]) -> None:
    ex = extract(text)
    assert ex.hypothetical
    assert ex.updates == updates
    assert ex.stated == {}


def test_extract_statement_then_what_if_keeps_only_the_statement_as_stated() -> None:
    ex = extract("Marrow negative. What if the marrow were positive?")
    assert ex.stated == {"marrow_clonal_plasma_cells": "absent"}
    assert ex.updates["marrow_clonal_plasma_cells"] == "present"
    assert ex.hypothetical


def test_extract_bound_is_kept_and_shown_not_used() -> None:
    ex = extract("VEGF <200 pg/mL plasma")
    assert "vegf" not in ex.updates
    assert [(b.field, b.comparator) for b in ex.bounds] == [("vegf", "<")]
    assert "200" in ex.notes[0].en and "200" in ex.notes[0].es


def test_extract_notes_use_clinical_words_not_field_names() -> None:
    ex = extract("bone marrow biopsy pending. VEGF 900 pg/mL. Hb 9")
    for note in ex.notes:
        assert "_" not in note.en and "_" not in note.es, note


def test_extract_changes_describe_updates_in_both_languages() -> None:
    ex = extract("varón de 58 años, plaquetas 620, VEGF 900 pg/mL en suero, hepatoesplenomegalia")
    assert [c.es for c in ex.changes] == [
        "sexo: varón",
        "edad: 58",
        "plaquetas: 620 ×10⁹/L",
        "VEGF: 900 pg/mL, suero",
        "esplenomegalia: presente",
        "organomegalia: presente",
    ]
    assert [c.en for c in ex.changes][3] == "VEGF: 900 pg/mL, serum"


def test_extract_two_answers_for_one_finding_record_nothing() -> None:
    ex = extract("IgA lambda. Light chain kappa.")
    assert "light_chain" not in ex.updates
    assert ex.notes


def test_extract_long_message_reads_a_bounded_prefix() -> None:
    message = "x " * 150_000 + " papilledema present"
    ex = extract(message)
    assert ex.updates == {}
    assert any("8,000" in n.en and "8.000" in n.es for n in ex.notes)

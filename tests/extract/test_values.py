"""Extraction tables, part 2: numbers, units, free-text terms and the new case fields (EN and ES).

Every example of issue #13 item 1 (numbers and units), issue #14 (free text) and issue #11 (new
case fields). Expected values are written from the clinical meaning of each sentence, not copied
from the code's output.
"""

from __future__ import annotations

from typing import Any

import pytest

from assistant.extract import extract
from tests.extract.helpers import (
    IGA_LAMBDA,
    MARROW_PRESENT,
    NO_NOTE,
    NOTE,
    UNKNOWN_VEGF,
    check_row,
    row,
)

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
    row("POEMS thrombosis: timing of events", {}, NO_NOTE, "thrombosis-timing-is-a-topic"),
    row("incidencia de trombosis en el POEMS", {}, NO_NOTE, "thrombosis-incidence-is-a-topic"),
    row("history of DVT", {"prior_thrombosis": True}, NO_NOTE, "dvt-history-still-counts"),
    row("osteosclerotic myeloma with high VEGF", {}, NO_NOTE, "old-disease-name-is-not-a-lesion"),
    row("mieloma osteosclerótico", {}, NO_NOTE, "old-disease-name-is-not-a-lesion-es"),
    row(
        "osteosclerotic myeloma, 2 sclerotic lesions",
        {"sclerotic_bone_lesions": "present", "bone_lesion_count": 2},
        NO_NOTE,
        "old-disease-name-beside-real-lesions",
    ),
    row("it is POEMS, not CIDP", {}, NO_NOTE, "not-cidp-keeps-the-neuropathy"),
    row("no es una PIDC sino un POEMS", {}, NO_NOTE, "not-cidp-keeps-the-neuropathy-es"),
    row("treated as CIDP for two years", {"polyneuropathy": "present"}, NO_NOTE, "cidp-label"),
    row("family history of thrombosis", {}, NOTE, "family-history-is-not-the-patient"),
    row("Dialysis not needed", {"on_dialysis": False}, NO_NOTE, "dialysis-not-needed"),
    row("may need dialysis", {}, NOTE, "dialysis-maybe"),
    row("Eligible for ASCT if neuropathy improves", {}, NOTE, "conditional-eligibility"),
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
    row(
        "una única lesión esclerótica en pala ilíaca",
        {"sclerotic_bone_lesions": "present", "bone_lesion_count": 1},
        NO_NOTE,
        "una-unica-lesion-es",
    ),
    row(
        "lesion osteosclerotica unica + polineuropatia",
        {"sclerotic_bone_lesions": "present", "bone_lesion_count": 1, "polyneuropathy": "present"},
        NO_NOTE,
        "osteosclerotica-unica-no-accents",
    ),
    row(
        "dos lesiones escleróticas, una única lesión captante",
        {"sclerotic_bone_lesions": "present"},
        NOTE,
        "two-counts-in-one-message-are-asked",
    ),
    row("46 y, fit, never transplanted", {"prior_asct": False}, NO_NOTE, "never-transplanted"),
    row("transplant-naive relapse", {"prior_asct": False}, NO_NOTE, "transplant-naive"),
    row("recaída, nunca trasplantado", {"prior_asct": False}, NO_NOTE, "nunca-trasplantado"),
    row("PET pending", {}, NO_NOTE, "pet-pending"),
    row("not eligible for transplant", {"transplant_eligible": False}, NO_NOTE, "not-eligible"),
    row("candidato a trasplante", {"transplant_eligible": True}, NO_NOTE, "eligible-es"),
    row("no es candidato a TASPE", {"transplant_eligible": False}, NO_NOTE, "not-eligible-es"),
]


@pytest.mark.parametrize(("text", "updates", "note"), NUMBERS + FREE_TEXT + NEW_FIELDS)
def test_extract_values_table(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)


def test_extract_bound_is_kept_and_shown_not_used() -> None:
    ex = extract("VEGF <200 pg/mL plasma")
    assert "vegf" not in ex.updates
    assert [(b.field, b.comparator) for b in ex.bounds] == [("vegf", "<")]
    assert "200" in ex.notes[0].en and "200" in ex.notes[0].es


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("lesión única, MO sin clon", "absent"),
        ("no clone in the marrow", "absent"),
        ("MO con clon lambda", "present"),
        ("clon en MO pendiente", None),
    ],
)
def test_extract_the_clone_in_the_marrow(text: str, state: str | None) -> None:
    assert extract(text).updates.get("marrow_clonal_plasma_cells") == state


def test_extract_a_range_is_quoted_as_written() -> None:
    ex = extract("Her VEGF was 4,800 to 1,900 pg/mL.")
    assert "vegf" not in ex.updates
    assert "4,800 to 1,900" in ex.notes[0].en, ex.notes[0].en


@pytest.mark.parametrize(
    ("text", "field", "value", "earlier"),
    [
        ("Her VEGF went from 4,800 to 1,900 and now 900.", "vegf", 900.0, "4,800"),
        ("VEGF estaba en 700 y ahora 1500 pg/mL (suero)", "vegf", 1500.0, "700"),
        ("VEGF sérico de 4800 al diagnóstico, ahora 2100. Plaquetas 400", "vegf", 2100.0, "4800"),
        ("el VEGF bajó de 4800 a 2100 pg/ml en suero", "vegf", 2100.0, "4800"),
        ("plaquetas 300 -> 650 x10^9/L", "platelets_10e9_l", 650.0, "300"),
        ("plaquetas subieron de 300 a 650 x10^9/L", "platelets_10e9_l", 650.0, "300"),
    ],
)
def test_extract_a_change_records_the_later_value_and_says_so(
    text: str, field: str, value: float, earlier: str
) -> None:
    """'700, ahora 1500' is a change, not two findings: the current value is the later one,
    and the note shows both so the clinician can correct it."""
    ex = extract(text)
    got = ex.updates[field]
    assert (got["value_pg_ml"] if field == "vegf" else got) == value, ex.updates
    assert any(earlier in n.en and "later value" in n.en for n in ex.notes), ex.notes
    assert any("posterior" in n.es for n in ex.notes), ex.notes


def test_extract_a_change_word_before_another_finding_is_not_a_new_value() -> None:
    ex = extract("VEGF 1200 pg/mL suero y plaquetas ahora 650 x10^9/L")
    assert ex.updates["vegf"]["value_pg_ml"] == 1200.0
    assert ex.updates["platelets_10e9_l"] == 650.0
    assert not any("later value" in n.en for n in ex.notes)


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

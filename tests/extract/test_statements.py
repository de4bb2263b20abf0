"""Extraction tables, part 1: statements, doubts, questions and age (EN and ES).

Every example of issue #13 item 1 (negation, doubt, pending) and issue #12 ("a question changes
the case", age phrases). Expected values are written from the clinical meaning of each sentence,
not copied from the code's output.
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

# -- issue #13 item 1: negation, doubt and pending never create a finding ----------------------
NEVER_INVENT = [
    # clinicians' shorthand for a negative marrow and a single lesion
    row(
        "POEMS con una sola lesión y médula limpia",
        {"bone_lesion_count": 1, "marrow_clonal_plasma_cells": "absent"},
        NOTE,  # are the lesions sclerotic?
        "una-sola-lesion-medula-limpia",
    ),
    row("the marrow is clean", {"marrow_clonal_plasma_cells": "absent"}, NO_NOTE, "clean-marrow"),
    row(
        "one dominant plasmacytoma in T10",
        {"bone_lesion_count": 1},
        NOTE,
        "one-dominant-plasmacytoma",
    ),
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
    row("Castleman unicéntrico ¿es POEMS?", {}, NO_NOTE, "untied-run-on-without-comma"),
    row(
        "Varón de 58 años con Castleman. ¿Es POEMS?",
        {"age_years": 58, "sex": "male", "castleman_disease": "present"},
        NO_NOTE,
        "full-stop-then-question",
    ),
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


@pytest.mark.parametrize(("text", "updates", "note"), NEVER_INVENT + AGE + QUESTIONS)
def test_extract_statements_table(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)


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


@pytest.mark.parametrize(
    ("text", "updates"),
    [
        ("the patient walks better and the oedema has gone", {}),
        ("camina mejor y han desaparecido los edemas", {}),
        ("edema resuelto tras diuréticos", {}),
        ("ya no tiene edemas pero sí esplenomegalia", {"splenomegaly": "present"}),
        ("the oedema has gone, platelets 650 x10^9/L", {"platelets_10e9_l": 650.0}),
    ],
)
def test_extract_a_finding_told_as_gone_is_history_not_a_current_finding(
    text: str, updates: dict[str, Any]
) -> None:
    """'The oedema has gone' never records oedema as present; a note says why, and a value
    beside it is still read."""
    ex = extract(text)
    assert "extravascular_volume_overload" not in ex.updates, ex.updates
    for field, value in updates.items():
        assert ex.updates[field] == value, ex.updates
    assert any("resolved" in n.en and "resuelto" in n.es for n in ex.notes), ex.notes


@pytest.mark.parametrize(
    "text", ["platelets have gone up to 700 x10^9/L", "las plaquetas subieron hasta 700 x10^9/L"]
)
def test_extract_a_value_risen_to_is_a_value_not_a_bound(text: str) -> None:
    assert extract(text).updates.get("platelets_10e9_l") == 700.0

"""Extraction (round 22, #12): a cut-off quoted is not the patient's value; a question about the
disease in general states nothing; a count outranks a negation read over it; progression and
relapse after radiation or a transplant are told in clinicians' words.

Expected values are written from the clinical meaning of each sentence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.helpers import NO_NOTE, check_row, row

ROWS = [
    # a cut-off quoted between the lab's name and the number
    row("A serum VEGF cutoff of about 1920 pg/mL is quoted.", {}, NO_NOTE, "vegf-cutoff-en"),
    row("El punto de corte del VEGF de 200 pg/mL.", {}, NO_NOTE, "vegf-corte-es"),
    row(
        "Serum VEGF 1500 pg/mL, above the lab cutoff.",
        {"vegf": {"value_pg_ml": 1500.0, "specimen": "serum"}},
        NO_NOTE,
        "vegf-value-then-cutoff",
    ),
    # the disease in general, typed without "?"
    row("Frecuencia de lesiones escleróticas en las series", {}, NO_NOTE, "frecuencia-es"),
    row("Typical skin changes of POEMS", {}, NO_NOTE, "typical-skin-en"),
    # a number states the lesions; the negation before it is about the marrow
    row(
        "Médula sin células plasmáticas clonales y 5 lesiones escleróticas.",
        {
            "marrow_clonal_plasma_cells": "absent",
            "sclerotic_bone_lesions": "present",
            "bone_lesion_count": 5,
        },
        NO_NOTE,
        "count-beats-negation-es",
    ),
    # treatment history and relapse
    row(
        "Progression 2 years after RT, transplant-naive.",
        {"phase": "relapse", "prior_radiation": True, "prior_asct": False},
        NO_NOTE,
        "progression-after-rt",
    ),
    row("No progression after ASCT.", {"prior_asct": True}, NO_NOTE, "no-progression"),
    row("Low albumin predicts progression.", {}, NO_NOTE, "progression-in-general"),
    row("Recaída sin TAPH previo.", {"prior_asct": False}, NO_NOTE, "sin-taph-previo"),
    # a number followed by a time word is a schedule or a duration, not the result
    row("VEGF stays normal on 6-monthly checks.", {}, NO_NOTE, "six-monthly-not-a-value"),
    row(
        "VEGF 6 months after RT was 300 pg/mL plasma.",
        {"vegf": {"value_pg_ml": 300.0, "specimen": "plasma"}, "prior_radiation": True},
        NO_NOTE,
        "duration-then-value",
    ),
    row(
        "Serum VEGF 980 pg/mL at 6 months after starting Rd.",
        {"vegf": {"value_pg_ml": 980.0, "specimen": "serum"}, "phase": "on_treatment"},
        NO_NOTE,
        "on-treatment",
    ),
    # where a lesion is does not hide its count
    row(
        "Single sclerotic iliac lesion, marrow negative for clonal PCs.",
        {
            "sclerotic_bone_lesions": "present",
            "bone_lesion_count": 1,
            "marrow_clonal_plasma_cells": "absent",
        },
        NO_NOTE,
        "iliac-lesion",
    ),
    # hearsay about the disease is not this patient
    row("heard IgG lambda is bad", {}, NO_NOTE, "hearsay"),
]


@pytest.mark.parametrize(("text", "updates", "note"), ROWS)
def test_extract_round22(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)

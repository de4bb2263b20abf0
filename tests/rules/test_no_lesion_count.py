"""A case told "no bone lesions" with a negative marrow, the imaging not named: the stratum
waits for whole-body imaging, and its reason says none were counted (never "? lesions")."""

from __future__ import annotations

from datetime import date

from assistant.contracts import PatientCase
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from tests.conftest import KNOWLEDGE

BOOK = load_rulebook(KNOWLEDGE)


def test_no_lesion_told_reads_as_none_counted() -> None:
    case = PatientCase(sclerotic_bone_lesions="absent", marrow_clonal_plasma_cells="absent")
    st = build_plan(case, BOOK, date(2026, 11, 28)).stratification
    assert st.status == "undetermined"
    assert st.reason.clinician.en.startswith("Undetermined: 0 bone lesion(s)")
    assert "?" not in st.reason.clinician.es


def test_an_unknown_count_is_still_shown_as_unknown() -> None:
    case = PatientCase(marrow_clonal_plasma_cells="absent")
    st = build_plan(case, BOOK, date(2026, 11, 28)).stratification
    assert "0 bone" not in st.reason.clinician.en

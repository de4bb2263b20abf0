"""plan_view: one ordered, localized list of items; patients get no rule ids or citations."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.contracts import PatientCase
from assistant.knowledge import load_sources
from assistant.plan_view import build_view
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from tests.conftest import KNOWLEDGE

BOOK = load_rulebook(KNOWLEDGE)
SOURCES = load_sources(KNOWLEDGE)
INELIGIBLE = PatientCase(
    polyneuropathy="present",
    monoclonal_plasma_cell_disorder="present",
    sclerotic_bone_lesions="present",
    marrow_clonal_plasma_cells="present",
    organomegaly="present",
    transplant_eligible=False,
    age_years=64,
    pleural_effusion="present",
    extravascular_volume_overload="present",
    creatinine_clearance_ml_min=40,
    platelets_10e9_l=300,
    neutrophils_10e9_l=3.0,
    sex="male",
)


def _plan():  # type: ignore[no-untyped-def]
    return build_plan(INELIGIBLE, BOOK, date(2026, 11, 24))


def test_view_sections_follow_plan_order() -> None:
    sections = [i.section for i in build_view(_plan(), "en", "clinician")]
    order = ["diagnosis", "workup", "stratification", "treatment", "caution", "monitoring"]
    firsts = [sections.index(s) for s in order if s in sections]
    assert firsts == sorted(firsts)


def test_clinician_items_carry_rule_ids_and_citations() -> None:
    items = build_view(_plan(), "en", "clinician", SOURCES)
    options = [i for i in items if i.section == "treatment"]
    assert options and all(i.rule_id and i.citations and i.references for i in options)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_patient_items_carry_no_rule_ids_citations_doses_or_hazard_ratios(lang: str) -> None:
    items = build_view(_plan(), lang, "patient", SOURCES)  # type: ignore[arg-type]
    assert all(i.rule_id is None and not i.citations and not i.doses for i in items)
    text = " ".join(i.label + " " + i.detail + " ".join(g.text for g in i.gates) for i in items)
    assert not re.search(r"\bHR\b|\[@|\b[a-z]+\.[0-9]{3}\b", text)


def test_spanish_view_is_spanish() -> None:
    labels = [i.label for i in build_view(_plan(), "es", "clinician") if i.section == "treatment"]
    assert any("Lenalidomida" in label for label in labels)


def test_renal_gate_is_shown_and_doses_are_capped_in_the_view() -> None:
    items = build_view(_plan(), "en", "clinician")
    rd = next(i for i in items if i.code == "lenalidomide_dexamethasone")
    assert "lenalidomide_renal_moderate" in {g.code for g in rd.gates}
    assert all("25 mg" not in line for line in rd.doses)
    assert any("lenalidomide 10 mg" in line for line in rd.doses)


def test_unverified_items_say_so_in_both_languages() -> None:
    for lang, words in (("en", "not verified"), ("es", "no verificad")):
        items = build_view(_plan(), lang, "clinician")  # type: ignore[arg-type]
        mdex = next(i for i in items if i.code == "melphalan_dexamethasone")
        assert mdex.verified is False
        assert any(words in line.lower() for line in mdex.doses)
        assert words in mdex.detail.lower()


def test_withheld_treatment_is_an_item_with_its_reason_for_patients() -> None:
    case = PatientCase(polyneuropathy="present", monoclonal_plasma_cell_disorder="present")
    plan = build_plan(case, BOOK, date(2026, 11, 24))
    items = build_view(plan, "es", "patient")
    withheld = [i for i in items if i.section == "treatment_withheld"]
    assert [i.code for i in withheld] == ["no_treatment_until_criteria_assessed"]
    assert withheld[0].withheld and "pruebas" in withheld[0].label

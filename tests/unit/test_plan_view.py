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

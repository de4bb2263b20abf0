"""The plan as Markdown: numbered sources for clinicians, plain words for patients."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.contracts import PatientCase
from assistant.knowledge import load_sources
from assistant.render import plan_markdown
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from tests.conftest import KNOWLEDGE

SOURCES = load_sources(KNOWLEDGE)
CASE = PatientCase(
    polyneuropathy="present",
    monoclonal_plasma_cell_disorder="present",
    sclerotic_bone_lesions="present",
    bone_lesion_count=4,
    marrow_clonal_plasma_cells="present",
    egfr_ml_min_1_73m2=25,
    pulmonary_hypertension="present",
    pleural_effusion="present",
    extravascular_volume_overload="present",
)
PLAN = build_plan(CASE, load_rulebook(KNOWLEDGE), date(2026, 11, 25))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_patient_markdown_has_no_keys_rule_ids_codes_or_hazard_ratios(lang: str) -> None:
    text = plan_markdown(PLAN, lang, "patient", SOURCES)  # type: ignore[arg-type]
    assert not [k for k in SOURCES if re.search(rf"\b{re.escape(k)}\b", text)]
    assert not re.search(r"\b[a-z]{2}\.\d{3}\b", text)
    assert not re.search(r"\bHR\s?\d", text)
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", text)  # no raw codes such as organomegaly lists
    assert "⟦" not in text


def test_clinician_markdown_numbers_sources_and_lists_references() -> None:
    text = plan_markdown(PLAN, "es", "clinician", SOURCES)
    assert re.search(r"\[\d+(, \d+)*\]", text)
    tail = text.split("## Fuentes", 1)[1]
    assert tail.lstrip().startswith("1. ")
    assert "(revisión, " in tail and "(cohorte retrospectiva, " in tail
    assert "HR " in text  # cohorts with their hazard ratios stay for clinicians
    assert "Calculado para el 25 de noviembre de 2026" in text


def test_every_section_of_the_markdown_is_laid_out_from_the_one_plan_view(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A wording fix in the plan view reaches every table of the Markdown plan (#14)."""
    from assistant import render
    from assistant.plan_view import build_view

    def marked(*args: object, **kwargs: object) -> tuple[object, ...]:
        items = build_view(*args, **kwargs)  # type: ignore[arg-type]
        return tuple(i.model_copy(update={"label": f"VIEW:{i.code}"}) for i in items)

    monkeypatch.setattr(render, "build_view", marked)
    text = plan_markdown(PLAN, "en", "clinician", SOURCES)
    for section, code in [
        ("diagnosis", PLAN.diagnosis.criteria[0].code),
        ("workup", PLAN.workup[0].code),
        ("stratification", PLAN.stratification.status),
        ("monitoring", PLAN.monitoring[0].code),
        ("supportive", PLAN.supportive[0].code),
    ]:
        assert f"VIEW:{code}" in text, section

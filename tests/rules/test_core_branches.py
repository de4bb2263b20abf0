"""Rule-core branches the shipped tables do not reach, exercised with small synthetic rows."""

from __future__ import annotations

from datetime import date

from assistant.contracts import PatientCase
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from assistant.rules.book import LabelledRow, MonitorRow
from assistant.rules.monitoring import monitoring
from assistant.rules.workup import workup
from assistant.settings import RulesSettings
from tests.conftest import KNOWLEDGE

BOOK = load_rulebook(KNOWLEDGE)
TODAY = date(2026, 11, 24)
TEXT = {"en": "x", "es": "x", "patient_en": "x", "patient_es": "x"}


def _monitor_row(**fields: object) -> MonitorRow:
    base = {
        "id": "mo.900",
        "citations": ["dsouza2012"],
        "section": "monitor-vegf",
        "code": "synthetic",
        "label": TEXT,
        "detail": TEXT,
        "offsets_months": [0],
    }
    return MonitorRow.model_validate(base | fields)


def test_endocrine_only_diabetes_with_axis_untested_is_unknown() -> None:
    case = PatientCase(endocrinopathy_types=("diabetes_mellitus",))
    crit = build_plan(case, BOOK, TODAY).diagnosis.criteria
    assert next(c for c in crit if c.code == "endocrinopathy").status == "unknown"


def test_monitoring_row_beyond_the_horizon_gives_no_item() -> None:
    row = _monitor_row(offsets_months=[600], seed_offsets_months=[700])
    assert monitoring(PatientCase(), {}, (row,), TODAY, RulesSettings()) == []


def test_seed_interval_is_dropped_when_seed_intervals_are_off() -> None:
    row = _monitor_row(interval_months=3, interval_basis="seed")
    items = monitoring(
        PatientCase(), {}, (row,), TODAY, RulesSettings(include_seed_intervals=False)
    )
    assert [v.month for v in items[0].dates] == [0]
    assert items[0].interval_months is None and not items[0].seed_only


def test_workup_lists_a_code_once_even_when_two_rows_match() -> None:
    rows = tuple(
        LabelledRow.model_validate(
            {
                "id": f"wu.90{i}",
                "citations": ["pan2015"],
                "section": "workup-imaging",
                "code": "pet_ct",
                "label": TEXT,
                "reason": TEXT,
            }
        )
        for i in (1, 2)
    )
    assert [w.rule_id for w in workup({}, rows, ("pet_ct",))] == ["wu.901"]


def test_a_lesion_count_alone_does_not_meet_the_sclerotic_criterion() -> None:
    """'2 bone lesions' may be lytic (myeloma): the count stages, only 'sclerotic' meets."""
    counted = build_plan(PatientCase(bone_lesion_count=2), BOOK, TODAY).diagnosis.criteria
    crit = next(c for c in counted if c.code == "sclerotic_bone_lesions")
    assert crit.status == "unknown"
    assert "sclerotic" in crit.evidence.en and "escleróticas" in crit.evidence.es
    case = PatientCase(bone_lesion_count=2, sclerotic_bone_lesions="present")
    stated = build_plan(case, BOOK, TODAY).diagnosis.criteria
    assert next(c for c in stated if c.code == "sclerotic_bone_lesions").status == "met"

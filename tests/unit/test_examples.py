"""Every example case in examples/ runs through build_plan with the fields a clinician expects
(written by hand from the clinical facts, not from the code's output)."""

from __future__ import annotations

from datetime import date

from assistant.case_io import case_from_json
from assistant.contracts import Plan
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from assistant.settings import PROJECT_ROOT
from tests.conftest import KNOWLEDGE

EXAMPLES = PROJECT_ROOT / "examples"
BOOK = load_rulebook(KNOWLEDGE)
TODAY = date(2026, 11, 24)


def _plan(name: str) -> Plan:
    path = EXAMPLES / name
    return build_plan(case_from_json(path.read_text(), str(path)), BOOK, TODAY)


def _gates(plan: Plan, code: str) -> set[str]:
    return {g.code for g in next(o for o in plan.treatment.primary if o.code == code).gates}


def test_every_example_file_is_covered_here() -> None:
    assert sorted(p.name for p in EXAMPLES.glob("*.json")) == [
        "case-disseminated-eligible.json",
        "case-disseminated-ineligible.json",
        "case-insufficient-data.json",
        "case-localized.json",
        "case-relapse.json",
    ]


def test_localized_example_gets_radiation() -> None:
    plan = _plan("case-localized.json")
    assert plan.stratification.status == "localized"
    assert [o.code for o in plan.treatment.primary] == ["radiation"]


def test_eligible_example_gets_induction_then_asct_with_all_gates() -> None:
    plan = _plan("case-disseminated-eligible.json")
    assert [o.code for o in plan.treatment.primary] == ["asct_after_induction"]
    gates = _gates(plan, "asct_after_induction")
    assert {"stem_cell_collection_early", "imid_pregnancy_woman", "fertility_preservation"} <= gates
    doses = [c.dose for c in plan.treatment.primary[0].schedules[0].components]
    assert doses == [25.0, 40.0]


def test_ineligible_example_with_egfr_22_starts_lenalidomide_at_15_mg_every_other_day() -> None:
    plan = _plan("case-disseminated-ineligible.json")
    rd = next(o for o in plan.treatment.primary if o.code == "lenalidomide_dexamethasone")
    lenalidomide = {(c.dose, c.every_days) for s in rd.schedules for c in s.components}
    assert (
        (15.0, 2) in lenalidomide
        and (25.0, 1) not in lenalidomide
        and (10.0, 1) not in lenalidomide
    )
    assert {"lenalidomide_renal_severe", "lenalidomide_renal_egfr_only", "imid_condoms_men"} <= {
        g.code for g in rd.gates
    }


def test_relapse_example_offers_a_first_asct() -> None:
    plan = _plan("case-relapse.json")
    codes = [o.code for o in plan.treatment.primary]
    assert "first_asct_relapse" in codes and "second_asct" not in codes


def test_insufficient_data_example_withholds_treatment_and_lists_the_deciding_tests() -> None:
    plan = _plan("case-insufficient-data.json")
    assert plan.diagnosis.status == "insufficient_data"
    assert plan.treatment.primary == ()
    assert [g.code for g in plan.treatment.withheld] == ["no_treatment_until_criteria_assessed"]
    assert {"vegf", "pet_ct"} <= set(plan.treatment.deciding_workup)

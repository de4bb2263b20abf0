"""The dated plan as table rows and as an .ics file that parses back."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from assistant.calendar_export import plan_ics, visit_rows
from assistant.contracts import PatientCase
from assistant.rulebook import load_rulebook
from assistant.rules import build_plan
from tests.conftest import KNOWLEDGE

CASE = PatientCase(
    polyneuropathy="present",
    monoclonal_plasma_cell_disorder="present",
    bone_lesion_count=1,
    marrow_clonal_plasma_cells="absent",
    treatment_start_date=date(2026, 12, 1),
)
PLAN = build_plan(CASE, load_rulebook(KNOWLEDGE), date(2026, 11, 24))


def test_ics_has_one_event_per_planned_visit_with_dates() -> None:
    cal = Calendar.from_ical(plan_ics(PLAN, "es"))
    events = list(cal.walk("VEVENT"))
    visits = sum(len(m.dates) for m in PLAN.monitoring)
    assert len(events) == visits
    starts = sorted(e.decoded("dtstart").isoformat() for e in events)
    assert starts[0] == "2026-12-01"
    assert len({str(e["uid"]) for e in events}) == visits
    assert any("Análisis de VEGF" in str(e["summary"]) for e in events)


def test_visit_rows_sorted_and_labelled() -> None:
    rows = visit_rows(PLAN, "en", "clinician")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["basis"] for r in rows} <= {"literature", "seed only", "assistant's choice"}

"""The dated plan as table rows, visit days and an .ics file that parses back."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from assistant.calendar_export import PALETTE, plan_ics, visit_days, visit_rows
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
BOOK = load_rulebook(KNOWLEDGE)
PLAN = build_plan(CASE, BOOK, date(2026, 11, 24))


def _events(data: bytes) -> list[object]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_ics_has_one_all_day_event_per_visit_day_listing_the_tests() -> None:
    events = _events(plan_ics(PLAN, "es", "patient", CASE))
    days = {v.date for m in PLAN.monitoring for v in m.dates}
    starts = [e.decoded("dtstart") for e in events]  # type: ignore[attr-defined]
    assert sorted(starts) == sorted(days)  # one event per day, none lost
    assert min(starts) == date(2026, 12, 1)
    first = next(e for e in events if e.decoded("dtstart") == date(2026, 12, 1))  # type: ignore[attr-defined]
    due = next(say for d, say in visit_days(PLAN, "es", "patient") if d == date(2026, 12, 1))
    assert len(due) > 1
    assert all(x in str(first["description"]) for x in due)  # type: ignore[index]
    assert "Análisis de VEGF" in str(first["summary"])  # type: ignore[index]


def test_ics_uids_differ_between_patients_and_are_stable() -> None:
    other_case = CASE.model_copy(update={"age_years": 70})
    other = build_plan(other_case, BOOK, date(2026, 11, 24))
    uids = {str(e["uid"]) for e in _events(plan_ics(PLAN, "en", "patient", CASE))}  # type: ignore[index]
    again = {str(e["uid"]) for e in _events(plan_ics(PLAN, "en", "patient", CASE))}  # type: ignore[index]
    theirs = {str(e["uid"]) for e in _events(plan_ics(other, "en", "patient", other_case))}  # type: ignore[index]
    assert uids == again
    assert len(uids) == len(_events(plan_ics(PLAN, "en", "patient", CASE)))
    assert not uids & theirs


def test_visit_rows_sorted_and_labelled_with_one_palette() -> None:
    rows = visit_rows(PLAN, "en", "clinician")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["basis_code"] for r in rows} <= set(PALETTE)
    es = visit_rows(PLAN, "es", "clinician")
    assert [r["basis_code"] for r in rows] == [r["basis_code"] for r in es]
    assert len(set(PALETTE.values())) == len(PALETTE)

"""The dated monitoring plan as rows (tables, charts), visit days and an iCalendar file (pure).

Calendar choices (docs/decisions.md, #14): one all-day event per visit day listing every test
due that day. Visit dates are calendar dates in the patient's own locale; the clinic sets the
hour, so no time and no time zone is attached (an all-day VALUE=DATE event shows on the same
day in every time zone). UIDs hash the plan (its case-derived content and knowledge version),
the case when given, and the date, so two patients' calendars never collide.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time, timedelta

from assistant.contracts import Lang, PatientCase, Plan
from assistant.i18n import t
from assistant.render import Audience, say

BASES = ("literature", "seed", "assistant")
# Okabe-Ito colour-blind-safe palette; the same colour per basis in every language.
PALETTE = {"literature": "#0072B2", "seed": "#E69F00", "assistant": "#CC79A7"}
SHAPES = {"literature": "circle", "seed": "triangle-up", "assistant": "square"}


def visit_rows(plan: Plan, lang: Lang, audience: Audience) -> list[dict[str, str | int]]:
    """One row per planned test, sorted by date then item."""
    rows: list[dict[str, str | int]] = []
    for item in plan.monitoring:
        for visit in item.dates:
            rows.append(
                {
                    "date": visit.date.isoformat(),
                    "month": visit.month,
                    "code": item.code,
                    "item": say(item.label, lang, audience),
                    "basis_code": visit.basis,
                    "basis": t(f"basis_{visit.basis}", lang),
                    "rule_id": item.rule_id,
                }
            )
    return sorted(rows, key=lambda r: (str(r["date"]), str(r["code"])))


def visit_days(plan: Plan, lang: Lang, audience: Audience) -> list[tuple[date, list[str]]]:
    """(date, tests due that day) per visit day, in date order; tests in plan order."""
    days: dict[date, list[str]] = {}
    for item in plan.monitoring:
        for visit in item.dates:
            label = say(item.label, lang, audience)
            if label not in days.setdefault(visit.date, []):
                days[visit.date].append(label)
    return sorted(days.items())


def plan_key(plan: Plan, case: PatientCase | None = None) -> str:
    """A short hash identifying this patient's plan (case, knowledge version, dates)."""
    data = plan.model_dump_json() + (case.model_dump_json() if case else "")
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def plan_ics(
    plan: Plan, lang: Lang, audience: Audience = "patient", case: PatientCase | None = None
) -> bytes:
    """An .ics calendar: one all-day event per visit day listing the tests due."""
    from icalendar import Calendar, Event

    key = plan_key(plan, case)
    cal = Calendar()
    cal.add("prodid", "-//POEMS guideline assistant//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("h_monitoring", lang))
    for day, tests in visit_days(plan, lang, audience):
        event = Event()
        event.add("uid", f"poems-{key}-{day.isoformat()}@poems-assistant")
        event.add("dtstamp", datetime.combine(plan.today, time(), tzinfo=UTC))
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"POEMS: {', '.join(tests)}")
        event.add("description", "\n".join(f"- {x}" for x in tests))
        cal.add_component(event)
    return bytes(cal.to_ical())

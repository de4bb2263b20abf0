"""The dated monitoring plan as rows (for tables and charts) and as an iCalendar file."""

from __future__ import annotations

from datetime import timedelta

from assistant.contracts import Lang, Plan
from assistant.i18n import t
from assistant.render import Audience, say


def visit_rows(plan: Plan, lang: Lang, audience: Audience) -> list[dict[str, str | int]]:
    """One row per planned visit, sorted by date then item."""
    rows: list[dict[str, str | int]] = []
    for item in plan.monitoring:
        for visit in item.dates:
            rows.append(
                {
                    "date": visit.date.isoformat(),
                    "month": visit.month,
                    "code": item.code,
                    "item": say(item.label, lang, audience),
                    "basis": t(f"basis_{visit.basis}", lang),
                    "rule_id": item.rule_id,
                }
            )
    return sorted(rows, key=lambda r: (str(r["date"]), str(r["code"])))


def plan_ics(plan: Plan, lang: Lang, audience: Audience = "patient") -> bytes:
    """An .ics calendar with one all-day event per planned visit (stable UIDs)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//POEMS guideline assistant//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", t("h_monitoring", lang))
    for item in plan.monitoring:
        for visit in item.dates:
            event = Event()
            event.add("uid", f"{item.code}-{visit.date.isoformat()}@poems-assistant")
            event.add("dtstamp", plan.today)
            event.add("dtstart", visit.date)
            event.add("dtend", visit.date + timedelta(days=1))
            event.add("summary", f"POEMS: {say(item.label, lang, audience)}")
            event.add("description", say(item.detail, lang, audience))
            cal.add_component(event)
    return bytes(cal.to_ical())

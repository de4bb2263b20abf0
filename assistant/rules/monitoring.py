"""Monitoring (MO-1..6): items with interval, anchor and concrete dates over the horizon."""

from __future__ import annotations

import calendar
from datetime import date

from assistant.contracts import MonitoringItem, PatientCase, Visit
from assistant.contracts.plan import Basis
from assistant.rules.book import Facts, MonitorRow, any_holds
from assistant.rules.facts import months_between
from assistant.settings import RulesSettings


def add_months(start: date, months: int) -> date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    total = start.month - 1 + months
    year, month = start.year + total // 12, total % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _visits(
    row: MonitorRow, anchor: date, last: int, interval: int | None, seed: bool
) -> tuple[Visit, ...]:
    months: dict[int, Basis] = {m: row.offsets_basis for m in row.offsets_months if m <= last}
    if interval:
        basis = row.interval_basis
        start = max(row.offsets_months, default=0)
        for m in range(start + interval, last + 1, interval):
            months.setdefault(m, basis)
    for m in row.seed_offsets_months if seed else ():
        if m <= last:
            months.setdefault(m, "seed")
    return tuple(
        Visit(date=add_months(anchor, m), month=m, basis=b) for m, b in sorted(months.items())
    )


def monitoring(
    case: PatientCase,
    facts: Facts,
    rows: tuple[MonitorRow, ...],
    today: date,
    options: RulesSettings,
) -> list[MonitoringItem]:
    """Dated items from treatment start (or today) to at least `horizon` months after today."""
    anchor = case.treatment_start_date or today
    last = max(options.horizon_months, months_between(anchor, today) + options.horizon_months)
    items: list[MonitoringItem] = []
    seed = options.include_seed_intervals
    for row in rows:
        if not any_holds(row.when, facts):
            continue
        seed_interval = row.interval_basis == "seed" and row.interval_months is not None
        interval = options.interval_overrides.get(row.code, row.interval_months)
        if seed_interval and not seed:
            interval = None
        dates = _visits(row, anchor, last, interval, seed)
        if not dates:
            continue
        items.append(
            MonitoringItem(
                rule_id=row.id,
                citations=row.citations,
                section=row.section,
                verified=row.verified,
                code=row.code,
                label=row.label.wording(),
                detail=row.detail.wording(),
                interval_months=interval,
                anchor="treatment_start" if case.treatment_start_date else "today",
                anchor_date=anchor,
                seed_only=seed_interval and seed,
                dates=dates,
            )
        )
    return items

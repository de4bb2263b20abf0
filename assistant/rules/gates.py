"""Safety gates (renal, counts, pregnancy, fertility, stem cells, diagnosis): rows from
gates.toml that change a dose, withhold an option or say what it needs, always with a reason.

A gate never drops an option silently: the option stays in the plan with its gates listed.
"""

from __future__ import annotations

from assistant.contracts import DoseComponent, DoseSchedule, Gate, Localized, TreatmentOption
from assistant.rules.book import DoseRow, Facts, GateRow, any_holds


def to_gate(row: GateRow) -> Gate:
    """The plan item for a gate row."""
    return Gate(**row.cited(), code=row.code, effect=row.effect, text=row.text.wording())


def _applies(row: GateRow, agents: tuple[str, ...], code: str, route: str, facts: Facts) -> bool:
    if row.agents and not set(row.agents) & set(agents):
        return False
    if row.options and code not in row.options:
        return False
    if row.routes and route not in row.routes:
        return False
    return any_holds(row.when, facts)


def matching(
    rows: tuple[GateRow, ...], agents: tuple[str, ...], code: str, route: str, facts: Facts
) -> list[GateRow]:
    """Gate rows that hold for an item with these agents, code and route."""
    return [r for r in rows if _applies(r, agents, code, route, facts)]


def daily(dose: float, every_days: int) -> float:
    """Average amount per day, to compare schedules (15 mg every other day = 7.5 mg/day)."""
    return dose / every_days


def _above(c: DoseComponent, cap: DoseRow) -> bool:
    return c.agent == cap.agent and (
        c.dose > cap.dose or daily(c.dose, c.every_days) > daily(cap.dose, cap.every_days)
    )


def _capped(schedule: DoseSchedule, cap: DoseRow) -> DoseSchedule:
    """The schedule with every component above the cap replaced by the capped dose."""
    new = DoseComponent(
        agent=cap.agent,
        dose=cap.dose,
        unit=cap.unit,
        every_days=cap.every_days,
        schedule=cap.schedule,
    )
    if not any(_above(c, cap) for c in schedule.components):
        return schedule
    components: list[DoseComponent] = []
    for c in schedule.components:
        c2 = new if _above(c, cap) else c
        if c2 not in components:
            components.append(c2)
    name = Localized(
        en=schedule.name.en + cap.name_suffix.en, es=schedule.name.es + cap.name_suffix.es
    )
    return schedule.model_copy(update={"components": tuple(components), "name": name})


def gate_option(
    option: TreatmentOption, route: str, facts: Facts, rows: tuple[GateRow, ...]
) -> TreatmentOption:
    """The option with its gates applied: doses capped, withheld if a gate says so."""
    hits = matching(rows, option.agents, option.code, route, facts)
    schedules = option.schedules
    for row in hits:
        if row.replace is not None:
            schedules = tuple(_capped(s, row.replace) for s in schedules)
    return option.model_copy(
        update={
            "schedules": schedules,
            "gates": tuple(to_gate(r) for r in hits),
            "withheld": any(r.effect == "withhold" for r in hits),
        }
    )

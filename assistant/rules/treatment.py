"""Treatment (RT-1..3, SY-1..10): options by stratum and eligibility, cautions, agents to avoid."""

from __future__ import annotations

from assistant.contracts import (
    AgentNote,
    DiagnosisStatus,
    DoseComponent,
    DoseSchedule,
    Flag,
    Localized,
    PatientCase,
    Stratification,
    Treatment,
    TreatmentOption,
)
from assistant.rules.book import (
    Facts,
    GatesBook,
    LabelledRow,
    OptionRow,
    TreatmentBook,
    any_holds,
)
from assistant.rules.gates import gate_option, matching, to_gate

_ELIGIBILITY_ROUTES: dict[bool | None, tuple[str, ...]] = {
    True: ("transplant",),
    False: ("no_transplant",),
    None: ("transplant", "no_transplant"),
}


def routes(case: PatientCase, strat: Stratification, dx: DiagnosisStatus) -> tuple[str, ...]:
    """Which option routes apply: localized, transplant, no_transplant or relapse.

    None until the criteria are met: treating a possible MGUS neuropathy, CIDP or myeloma
    as POEMS is a wrong indication (the plan shows the deciding work-up instead). A relapse
    is of a POEMS diagnosed and treated before, so its options need only that the findings
    entered do not rule POEMS out."""
    if case.phase == "relapse" and dx != "does_not_meet":
        return ("relapse",)
    if dx != "meets_criteria":
        return ()
    if strat.status == "localized":
        return ("localized",)
    if strat.status == "disseminated":
        return _ELIGIBILITY_ROUTES[case.transplant_eligible]
    return ()


def _schedule(row: OptionRow) -> tuple[DoseSchedule, ...]:
    return tuple(
        DoseSchedule(
            name=s.name,
            citations=s.citations,
            components=tuple(
                DoseComponent(
                    agent=c["agent"],
                    dose=c["dose"],
                    unit=c["unit"],
                    schedule=Localized(en=c["schedule_en"], es=c["schedule_es"]),
                )
                for c in s.components
            ),
        )
        for s in row.schedules
    )


def _option(row: OptionRow) -> TreatmentOption:
    return TreatmentOption(
        **row.cited(),
        code=row.code,
        label=row.label.wording(),
        detail=row.detail.wording(),
        dose_gy_min=row.dose_gy_min,
        dose_gy_max=row.dose_gy_max,
        schedules=_schedule(row),
        cycles=row.cycles,
        dose_note=row.dose_note,
        dose_section=row.dose_section,
        agents=row.agents,
    )


def _note(row: LabelledRow, facts: Facts, gates: GatesBook) -> AgentNote:
    hits = matching(gates.gates, row.agents, row.code, "caution", facts)
    return AgentNote(
        **row.cited(),
        code=row.code,
        label=row.label.wording(),
        reason=row.reason.wording(),
        nuance=row.nuance.wording() if row.nuance else None,
        agents=row.agents,
        gates=tuple(to_gate(r) for r in hits),
    )


def treat(
    facts: Facts,
    book: TreatmentBook,
    active: tuple[str, ...],
    dx: DiagnosisStatus,
    gates: GatesBook,
) -> Treatment:
    """Options for the active routes (gated), cautions, agents not recommended, and why
    treatment is withheld when it is."""
    options = tuple(
        gate_option(_option(r), r.route, facts, gates.gates)
        for r in book.options
        if r.route in active and any_holds(r.when, facts)
    )
    applies = dx != "does_not_meet"
    withheld = tuple(to_gate(r) for r in gates.treatment_gates if any_holds(r.when, facts))
    asct = "transplant" in active
    cautions = tuple(
        Flag(
            **r.cited(),
            code=r.code,
            text=r.text.wording(),
        )
        for r in book.transplant_cautions
        if asct and any_holds(r.when, facts)
    )
    return Treatment(
        provisional=dx != "meets_criteria",
        primary=options,
        caution=tuple(_note(r, facts, gates) for r in book.caution) if applies else (),
        not_recommended=(
            tuple(_note(r, facts, gates) for r in book.not_recommended) if applies else ()
        ),
        transplant_cautions=cautions,
        withheld=withheld,
    )

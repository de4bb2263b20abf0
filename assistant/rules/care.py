"""Supportive care (SC-1..6), prognosis flags (PR-1..4) and warnings: rows whose conditions hold."""

from __future__ import annotations

from assistant.contracts import (
    Prognosis,
    PrognosticFactor,
    PrognosticScore,
    SupportiveItem,
    Warning,
)
from assistant.rules.book import FactorRow, Facts, LabelledRow, ScoreRow, TextRow, any_holds


def supportive(facts: Facts, rows: tuple[LabelledRow, ...]) -> list[SupportiveItem]:
    """Supportive measures that apply; a code appears once (first matching row wins)."""
    items: list[SupportiveItem] = []
    for row in rows:
        if row.code in {i.code for i in items} or not any_holds(row.when, facts):
            continue
        items.append(
            SupportiveItem(
                **row.cited(),
                code=row.code,
                label=row.label.wording(),
                reason=row.reason.wording(),
                seed_only=row.seed_only,
            )
        )
    return items


def _present(facts: Facts, rows: tuple[FactorRow, ...]) -> tuple[FactorRow, ...]:
    return tuple(r for r in rows if r.when and any_holds(r.when, facts))


def _score(row: ScoreRow, present: set[str], facts: Facts) -> PrognosticScore:
    """Which of the score's variables are present or still unknown, with its cohort."""
    found = tuple(v for v in row.variables if v in present)
    unknown = tuple(
        v
        for v, fact in row.variables.items()
        if v not in present and facts.get(fact) in (None, "unknown")
    )
    n = str(len(found))
    return PrognosticScore(
        **row.cited(),
        code=row.code,
        label=row.label.wording(),
        cohort=row.cohort,
        factors_present=found,
        factors_unknown=unknown,
        factors_total=len(row.variables),
        detail=row.detail.wording(n=n, total=len(row.variables), unknown=len(unknown)),
    )


def prognosis(facts: Facts, rows: tuple[FactorRow, ...], scores: tuple[ScoreRow, ...]) -> Prognosis:
    """Adverse factors present, each with its own cohort, and validated scores labelled with
    theirs. Shown only once the criteria are met: prognosis of a diagnosis not made is noise."""
    if not facts.get("criteria_met"):
        return Prognosis(adverse_factors=())
    present = _present(facts, rows)
    codes = {r.code for r in present}
    return Prognosis(
        adverse_factors=tuple(
            PrognosticFactor(**r.cited(), code=r.code, label=r.label.wording(), cohort=r.cohort)
            for r in present
        ),
        scores=tuple(_score(s, codes, facts) for s in scores),
    )


def warnings(facts: Facts, rows: tuple[TextRow, ...]) -> list[Warning]:
    """Warnings whose conditions hold."""
    return [
        Warning(
            **r.cited(),
            code=r.code,
            text=r.text.wording(),
        )
        for r in rows
        if any_holds(r.when, facts)
    ]

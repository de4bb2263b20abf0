"""Supportive care (SC-1..6), prognosis flags (PR-1..4) and warnings: rows whose conditions hold."""

from __future__ import annotations

from assistant.contracts import Prognosis, PrognosticFactor, SupportiveItem, Warning
from assistant.rules.book import FactorRow, Facts, LabelledRow, TextRow, any_holds


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


def prognosis(facts: Facts, rows: tuple[FactorRow, ...]) -> Prognosis:
    """Adverse factors present, one per row, each with its own cohort (never a merged score)."""
    return Prognosis(
        adverse_factors=tuple(
            PrognosticFactor(
                **r.cited(),
                code=r.code,
                label=r.label.wording(),
                cohort=r.cohort,
            )
            for r in rows
            if r.when and any_holds(r.when, facts)
        )
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

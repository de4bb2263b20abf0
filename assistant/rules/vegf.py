"""VEGF as a criterion: specimen-aware; serum is never compared with the plasma threshold."""

from __future__ import annotations

from assistant.contracts import CriterionStatus, Flag, Localized, PatientCase
from assistant.rules.book import Facts, VegfBook, any_holds


def _fmt(value: float) -> str:
    return f"{value:g}"


def vegf_status(case: PatientCase, book: VegfBook) -> tuple[CriterionStatus, Localized, str]:
    """(status, evidence, rule_id) of the VEGF major criterion (VEGF-1..3)."""
    vegf = case.vegf
    if vegf is None:
        return "unknown", book.evidence["missing"], book.plasma.id
    value = _fmt(vegf.value_pg_ml)
    if vegf.specimen == "plasma":
        met = vegf.value_pg_ml >= book.plasma_threshold_pg_ml
        key = "plasma_met" if met else "plasma_not_met"
        return (
            ("met" if met else "not_met"),
            _format(book.evidence[key], value=value, threshold=_fmt(book.plasma_threshold_pg_ml)),
            book.plasma.id,
        )
    if vegf.upper_limit_normal_pg_ml is None:
        return "unknown", _format(book.evidence["serum_no_uln"], value=value), book.serum.id
    met = vegf.value_pg_ml > vegf.upper_limit_normal_pg_ml
    key = "serum_met" if met else "serum_not_met"
    evidence = _format(book.evidence[key], value=value, uln=_fmt(vegf.upper_limit_normal_pg_ml))
    return ("met" if met else "not_met"), evidence, book.serum.id


def vegf_flags(facts: Facts, book: VegfBook) -> list[Flag]:
    """Confounder and data-quality flags whose conditions hold."""
    return [
        Flag(
            **row.cited(),
            code=row.code,
            text=row.text.wording(),
        )
        for row in book.flags
        if any_holds(row.when, facts)
    ]


def _format(text: Localized, **values: str) -> Localized:
    return Localized(en=text.en.format(**values), es=text.es.format(**values))

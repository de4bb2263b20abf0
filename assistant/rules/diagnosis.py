"""Diagnosis: the Dispenzieri rule criterion by criterion (DX-1..5), Japanese criteria as a flag."""

from __future__ import annotations

from assistant.contracts import (
    CriterionResult,
    CriterionStatus,
    Diagnosis,
    DiagnosisStatus,
    Flag,
    Localized,
    PatientCase,
)
from assistant.rules.book import CriterionRow, DiagnosisBook, Facts, VegfBook, any_holds
from assistant.rules.vegf import vegf_flags, vegf_status

_FINDING: dict[str, CriterionStatus] = {"present": "met", "absent": "not_met", "unknown": "unknown"}
Result = tuple[CriterionStatus, Localized]


def _finding_status(case: PatientCase, code: str, book: DiagnosisBook) -> Result:
    value = str(getattr(case, code))
    return _FINDING[value], book.evidence[value]


def _bone_status(case: PatientCase, book: DiagnosisBook) -> Result:
    if case.diffuse_bone_lesions:
        return "met", book.evidence["diffuse"]
    if case.bone_lesion_count:  # a count alone does not say the lesions are sclerotic
        sclerotic = case.sclerotic_bone_lesions == "present"
        ev = book.evidence["lesions_counted" if sclerotic else "lesions_counted_unspecified"]
        n = str(case.bone_lesion_count)
        found = Localized(en=ev.en.format(count=n), es=ev.es.format(count=n))
        return ("met" if sclerotic else "unknown"), found
    if case.bone_lesion_count == 0 and case.sclerotic_bone_lesions != "present":
        return "not_met", book.evidence["no_lesions"]
    return _finding_status(case, "sclerotic_bone_lesions", book)


def _endocrine_status(case: PatientCase, book: DiagnosisBook) -> Result:
    types = set(case.endocrinopathy_types)
    counting = types - set(book.endocrine_not_counting)
    if counting:
        return "met", book.evidence["endocrine_counting"]
    if types and case.endocrinopathy != "unknown":
        return "not_met", book.evidence["endocrine_only_dm_thyroid"]
    if types:
        return "unknown", book.evidence["endocrine_only_dm_thyroid_untested"]
    return _finding_status(case, "endocrinopathy", book)


def _counted(case: PatientCase, book: DiagnosisBook) -> Result | None:
    """Thrombocytosis not entered, but a platelet count above the usual upper limit is."""
    n = case.platelets_10e9_l
    if case.thrombocytosis_or_polycythemia != "unknown" or n is None:
        return None
    if n <= book.platelet_rule.above_10e9_l:
        return None
    ev = book.evidence["platelets_high"]
    return "met", Localized(en=ev.en.format(count=f"{n:g}"), es=ev.es.format(count=f"{n:g}"))


def _criterion(
    row: CriterionRow, case: PatientCase, book: DiagnosisBook, vegf: VegfBook
) -> CriterionResult:
    rule_id, citations, section = row.id, row.citations, row.section
    status: CriterionStatus
    if row.code == "vegf":
        status, evidence, rule_id = vegf_status(case, vegf)
        source = vegf.plasma if rule_id == vegf.plasma.id else vegf.serum
        citations, section = source.citations, source.section
    elif row.code == "sclerotic_bone_lesions":
        status, evidence = _bone_status(case, book)
    elif row.code == "endocrinopathy":
        status, evidence = _endocrine_status(case, book)
        if evidence == book.evidence.get("endocrine_only_dm_thyroid"):
            rule_id, citations = book.endocrine_rule.id, book.endocrine_rule.citations
    elif row.code == "thrombocytosis_or_polycythemia" and (counted := _counted(case, book)):
        status, evidence = counted
        rule_id, citations = book.platelet_rule.id, book.platelet_rule.citations
    else:
        status, evidence = _finding_status(case, row.code, book)
    return CriterionResult(
        rule_id=rule_id,
        citations=citations,
        section=section,
        code=row.code,
        group=row.group,
        status=status,
        evidence=evidence,
        label=row.label.wording(),
    )


def _group_state(results: list[CriterionResult], need_all: bool) -> str:
    statuses = [r.status for r in results]
    if need_all:
        if "not_met" in statuses:
            return "fail"
        return "ok" if all(s == "met" for s in statuses) else "open"
    if "met" in statuses:
        return "ok"
    return "fail" if all(s == "not_met" for s in statuses) else "open"


def combine(results: list[CriterionResult]) -> tuple[DiagnosisStatus, tuple[str, ...]]:
    """Status from the three groups, and the unknown criteria that could still change it."""
    groups = {g: [r for r in results if r.group == g] for g in ("mandatory", "major", "minor")}
    states = {g: _group_state(rs, g == "mandatory") for g, rs in groups.items()}
    if "fail" in states.values():
        return "does_not_meet", ()
    if all(s == "ok" for s in states.values()):
        return "meets_criteria", ()
    missing = tuple(
        r.code
        for g, rs in groups.items()
        if states[g] == "open"
        for r in rs
        if r.status == "unknown"
    )
    return "insufficient_data", missing


def _japanese(
    case: PatientCase, results: list[CriterionResult], book: DiagnosisBook
) -> CriterionStatus:
    """Suichi 2019: all 3 majors and >= 2 of 4 minors. Their VEGF is a serum value: any other
    specimen makes the VEGF major not evaluable (never the plasma threshold)."""
    by_code = {r.code: r.status for r in results}
    if case.vegf is None or case.vegf.specimen != book.japanese_vegf_specimen:
        by_code["vegf"] = "unknown"
    majors = [by_code[c] for c in ("polyneuropathy", "monoclonal_plasma_cell_disorder", "vegf")]
    minors = [by_code[c] for c in book.japanese_minor]
    need = book.japanese_minor_needed
    if "not_met" in majors or len(minors) - minors.count("not_met") < need:
        return "not_met"
    if all(m == "met" for m in majors) and minors.count("met") >= need:
        return "met"
    return "unknown"


def _flags(facts: Facts, book: DiagnosisBook, vegf: VegfBook) -> tuple[Flag, ...]:
    flags = [
        Flag(
            **row.cited(),
            code=row.code,
            text=row.text.wording(),
        )
        for row in book.flags
        if any_holds(row.when, facts)
    ]
    return tuple(flags + vegf_flags(facts, vegf))


def diagnose(case: PatientCase, facts: Facts, book: DiagnosisBook, vegf: VegfBook) -> Diagnosis:
    """Criterion-by-criterion diagnosis check for one case."""
    results = [_criterion(row, case, book, vegf) for row in book.criteria]
    status, missing = combine(results)
    label = None
    if case.castleman_disease == "present" and case.monoclonal_plasma_cell_disorder == "absent":
        label = "castleman_variant"
    return Diagnosis(
        status=status,
        rule_id=book.rule.id,
        citations=book.rule.citations,
        section=book.rule.section,
        criteria=tuple(results),
        missing=missing,
        label=label,
        japanese_criteria=_japanese(case, results, book),
        flags=_flags(facts, book, vegf),
        summary=book.summary[label or status].wording(),
    )

"""Stratification (ST-1..3): localized, disseminated, or undetermined with the deciding test."""

from __future__ import annotations

from assistant.contracts import DiagnosisStatus, PatientCase, Stratification
from assistant.rules.book import StratificationBook, StratumRow


def _spread(case: PatientCase, max_local: int) -> str | None:
    """The disseminated reason (ST-2), or None."""
    if case.marrow_clonal_plasma_cells == "present":
        return "marrow_positive"
    if case.diffuse_bone_lesions:
        return "diffuse_lesions"
    count = case.bone_lesion_count
    return "too_many_lesions" if count is not None and count > max_local else None


def _code(
    case: PatientCase, book: StratificationBook, dx: DiagnosisStatus
) -> tuple[str, tuple[str, ...]]:
    """(stratum row code, deciding tests)."""
    max_local = book.max_localized_lesions
    if dx == "does_not_meet":
        return "not_applicable", ()
    spread = _spread(case, max_local)
    if spread:
        return spread, ()
    count, marrow = case.bone_lesion_count, case.marrow_clonal_plasma_cells
    no_lesion = count == 0 or case.sclerotic_bone_lesions == "absent"
    few = count is not None and 1 <= count <= max_local
    whole_body = case.lesion_count_imaging in book.whole_body_imaging
    if marrow == "absent" and (no_lesion or few) and not whole_body:
        return "count_needs_whole_body", ("pet_ct",)
    if marrow == "absent" and no_lesion:
        return "no_lesion_marrow_negative", ()
    if marrow == "absent" and few:
        return "localized", ()
    tests = []
    if marrow == "unknown":
        tests.append("bone_marrow_biopsy")
    if (count is None and not no_lesion) or not whole_body:
        tests.append("pet_ct")
    return "undetermined", tuple(tests)


def stratify(case: PatientCase, book: StratificationBook, dx: DiagnosisStatus) -> Stratification:
    """The treatment stratum for this case."""
    code, tests = _code(case, book, dx)
    row: StratumRow = next(r for r in book.strata if r.code == code)
    count = case.bone_lesion_count
    if count is None and case.sclerotic_bone_lesions == "absent":
        count = 0  # "no bone lesions": none counted, not an unknown count
    shown = "?" if count is None else str(count)
    return Stratification(
        **row.cited(),
        status=row.status,
        reason=row.reason.wording(count=shown, max=book.max_localized_lesions),
        low_evidence=row.low_evidence,
        deciding_tests=tests,
    )

"""Answer parts built from a patient's Plan, or from the rule rows when no case is known
(plain patient wording). Each sentence cites the passage of the section its rule names."""

from __future__ import annotations

from collections.abc import Callable

from assistant.answer import Composer
from assistant.contracts import Plan, TreatmentOption
from assistant.i18n import dose_text, t
from assistant.render import loc
from assistant.rules.book import RuleBook


def _doses(option: TreatmentOption, comp: Composer) -> str:
    if comp.audience == "patient":
        return comp.say(option.detail)
    parts = []
    for s in option.schedules:
        parts.append(
            f"{loc(s.name, comp.lang)}: "
            + ", ".join(
                dose_text(c.agent, c.dose, c.unit, loc(c.schedule, comp.lang), comp.lang)
                for c in s.components
            )
        )
    if option.cycles:
        parts.append(t("cycles", comp.lang, n=option.cycles))
    return "; ".join(parts)


def _diagnosis(comp: Composer, plan: Plan) -> None:
    dx = plan.diagnosis
    comp.claim(comp.say(dx.summary), dx.section)
    labels = [comp.say(c.label) for c in dx.criteria if c.code in dx.missing]
    if labels:
        comp.claim(f"{t('missing_criteria', comp.lang)}: {'; '.join(labels)}.", dx.section)
    for flag in dx.flags:
        comp.claim(comp.say(flag.text), flag.section)


def _workup(comp: Composer, plan: Plan) -> None:
    for item in plan.workup:
        comp.claim(f"{comp.say(item.label)}: {comp.say(item.reason)}", item.section)


def _strat(comp: Composer, plan: Plan) -> None:
    s = plan.stratification
    comp.claim(comp.say(s.reason), s.section)


def _treatment(comp: Composer, plan: Plan) -> None:
    tr = plan.treatment
    for option in tr.primary:
        doses = _doses(option, comp)
        sections = [option.section]
        if doses and option.dose_section and comp.audience == "clinician":
            sections.append(option.dose_section)
        comp.claim(f"{comp.say(option.label)}" + (f" — {doses}" if doses else ""), *sections)
        if option.dose_note and comp.audience == "clinician":
            comp.claim(loc(option.dose_note, comp.lang), option.section)
        for gate in option.gates:  # issue #11: safety gates, both audiences
            comp.claim(comp.say(gate.text), gate.section)
    for gate in tr.withheld:
        comp.claim(comp.say(gate.text), gate.section)
    for note in (*tr.caution, *tr.not_recommended):
        comp.claim(f"{comp.say(note.label)}: {comp.say(note.reason)}", note.section)
    for flag in tr.transplant_cautions:
        comp.claim(comp.say(flag.text), flag.section)


def _monitoring(comp: Composer, plan: Plan) -> None:
    for m in plan.monitoring:
        upcoming = [v.date.isoformat() for v in m.dates if v.date >= plan.today][:4]
        every = t("months", comp.lang, n=m.interval_months) if m.interval_months else ""
        seed = f" ({t('seed_only', comp.lang)})" if m.seed_only else ""
        dates = f"{t('next_dates', comp.lang)}: {', '.join(upcoming)}" if upcoming else ""
        detail = "; ".join(p for p in (every + seed, dates) if p)
        comp.claim(f"{comp.say(m.label)} — {detail}", m.section)


def _supportive(comp: Composer, plan: Plan) -> None:
    for s in plan.supportive:
        comp.claim(f"{comp.say(s.label)}: {comp.say(s.reason)}", s.section)


def _prognosis(comp: Composer, plan: Plan) -> None:
    for f in plan.prognosis.adverse_factors:
        comp.claim(f"{comp.say(f.label)} — {loc(f.cohort, comp.lang)}", f.section)


WRITERS: dict[str, Callable[[Composer, Plan], None]] = {
    "diagnosis": _diagnosis,
    "workup": _workup,
    "strat": _strat,
    "treatment": _treatment,
    "monitoring": _monitoring,
    "supportive": _supportive,
    "prognosis": _prognosis,
}


def compose_plan(comp: Composer, plan: Plan, families: tuple[str, ...]) -> None:
    """The patient-specific part of an answer."""
    if not families:
        return
    comp.heading(t("for_patient", comp.lang))
    for family in families:
        WRITERS[family](comp, plan)


def compose_patient_general(comp: Composer, book: RuleBook, intent: str) -> None:
    """Plain-language answer from the rule rows' patient wording (no case known)."""
    fams = {
        "diagnosis": ("criteria",),
        "workup": ("workup",),
        "vegf": ("workup",),
        "stratification": ("options",),
        "radiation": ("options",),
        "systemic": ("options",),
        "transplant": ("options", "transplant"),
        "caution": ("cautions",),
        "relapse": ("options",),
        "monitoring": ("monitoring",),
        "response": ("monitoring",),
        "supportive": ("supportive",),
        "prognosis": ("prognosis",),
        "differential": ("warnings",),
        "myeloma": ("warnings",),
        "evidence": ("warnings",),
        "overview": (
            "criteria",
            "workup",
            "options",
            "cautions",
            "monitoring",
            "supportive",
            "warnings",
        ),
    }.get(intent, ("warnings",))
    for fam in fams:
        _PATIENT_WRITERS[fam](comp, book, intent)


def _p_criteria(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_diagnosis", comp.lang))
    for row in book.diagnosis.criteria:
        comp.claim(comp.say(row.label.wording()), row.section)


def _p_workup(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_workup", comp.lang))
    rows = [r for r in book.workup if intent != "vegf" or r.code == "vegf"]
    for row in rows:
        comp.claim(
            f"{comp.say(row.label.wording())}: {comp.say(row.reason.wording())}", row.section
        )


def _p_options(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_treatment", comp.lang))
    routes = {
        "relapse": ("relapse",),
        "radiation": ("localized",),
        "transplant": ("transplant",),
    }.get(intent, ("localized", "transplant", "no_transplant"))
    for row in book.treatment.options:
        if row.route in routes:
            comp.claim(
                f"{comp.say(row.label.wording())}: {comp.say(row.detail.wording())}", row.section
            )


def _p_transplant(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_transplant", comp.lang))
    for row in book.treatment.transplant_cautions:
        comp.claim(comp.say(row.text.wording()), row.section)


def _p_cautions(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_caution", comp.lang))
    for row in (*book.treatment.caution, *book.treatment.not_recommended):
        comp.claim(
            f"{comp.say(row.label.wording())}: {comp.say(row.reason.wording())}", row.section
        )
        if row.nuance:
            comp.claim(comp.say(row.nuance.wording()), row.section)


def _p_monitoring(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_monitoring", comp.lang))
    for row in book.monitoring.items:
        if intent != "response" or row.code == "neuro_scale":
            comp.claim(
                f"{comp.say(row.label.wording())}: {comp.say(row.detail.wording())}", row.section
            )


def _p_supportive(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_supportive", comp.lang))
    for row in book.supportive:
        comp.claim(
            f"{comp.say(row.label.wording())}: {comp.say(row.reason.wording())}", row.section
        )


def _p_prognosis(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_prognosis", comp.lang))
    for row in book.prognosis:
        comp.claim(comp.say(row.label.wording()), row.section)


def _p_warnings(comp: Composer, book: RuleBook, intent: str) -> None:
    comp.heading(t("h_warnings", comp.lang))
    for row in book.warnings:
        comp.claim(comp.say(row.text.wording()), row.section)


_PATIENT_WRITERS: dict[str, Callable[[Composer, RuleBook, str], None]] = {
    "criteria": _p_criteria,
    "workup": _p_workup,
    "options": _p_options,
    "transplant": _p_transplant,
    "cautions": _p_cautions,
    "monitoring": _p_monitoring,
    "supportive": _p_supportive,
    "prognosis": _p_prognosis,
    "warnings": _p_warnings,
}

"""Answer parts built from a patient's Plan ("For this patient"), or from the rule rows when no
case is known (plain patient wording, conditional advice stated as conditional). Each sentence
cites the passage of the section its rule names. Pure."""

from __future__ import annotations

from collections.abc import Callable

from assistant.chat.cite import Composer
from assistant.chat.knowledge import ChatBook
from assistant.contracts import Plan, TreatmentOption
from assistant.i18n import dose_text, t
from assistant.render import loc
from assistant.rules.book import RuleBook, Text


def _doses(option: TreatmentOption, comp: Composer) -> str:
    if comp.audience == "patient":
        return comp.say(option.detail)
    parts = []
    for s in option.schedules:
        doses = ", ".join(
            dose_text(c.agent, c.dose, c.unit, loc(c.schedule, comp.lang), comp.lang)
            for c in s.components
        )
        parts.append(f"{loc(s.name, comp.lang)}: {doses}")
    if option.dose_gy_min and option.dose_gy_max and not option.schedules:
        parts.append(f"{option.dose_gy_min:g}-{option.dose_gy_max:g} Gy")
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


def compose_plan(comp: Composer, plan: Plan, families: tuple[str, ...], limit: int = 0) -> None:
    """The patient-specific part of an answer (at most `limit` bullets when limit > 0)."""
    if not families:
        return
    comp.heading(t("for_patient", comp.lang))
    start = len(comp.lines)
    for family in families:
        WRITERS[family](comp, plan)
    if limit:
        bullets = [i for i in range(start, len(comp.lines)) if comp.lines[i].startswith("- ")]
        if len(bullets) > limit:
            del comp.lines[bullets[limit] :]


# -- general patient wording (no case) ------------------------------------------------------


def _conditional(row: object) -> bool:
    """A row that applies only in some situations (beyond 'POEMS is possible')."""
    when = getattr(row, "when", ())
    return any(
        set(c.true) - {"poems_possible"}
        or c.present
        or c.includes
        or c.above
        or c.below
        or c.one_of
        for c in when
    )


def _patient_line(comp: Composer, chat: ChatBook, row: object, text: Text) -> str:
    code = getattr(row, "code", "")
    plain = comp.say(text.wording())
    label = getattr(row, "label", None)
    if isinstance(label, Text) and label is not text:
        plain = f"{comp.say(label.wording())}: {plain}"
    if not _conditional(row):
        return plain
    if code in chat.conditional:
        return loc(chat.conditional[code], comp.lang)
    return chat.say("conditional", comp.lang, text=plain)


_ROUTES = {
    "radiation": ("localized",),
    "transplant": ("transplant",),
    "relapse": ("relapse",),
}


def patient_lines(
    comp: Composer, book: RuleBook, chat: ChatBook, families: tuple[str, ...], topic: str
) -> list[tuple[str, str, bool]]:
    """(plain-language line, section) from the rule rows (no case known), conditional where
    needed, in table order; the flag says the line is conditional."""
    routes = _ROUTES.get(topic, ("localized", "transplant", "no_transplant"))
    out = []
    for fam in families:
        for row, text, section in _rows(book, fam):
            route = getattr(row, "route", None)
            if route is None or routes is None or route in routes:
                out.append((_patient_line(comp, chat, row, text), section, _conditional(row)))
    return out


def _rows(book: RuleBook, fam: str) -> list[tuple[object, Text, str]]:
    tr = book.treatment
    table: dict[str, list[tuple[object, Text, str]]] = {
        "criteria": [(r, r.label, r.section) for r in book.diagnosis.criteria],
        "workup": [(r, r.reason, r.section) for r in book.workup],
        "options": [(r, r.detail, r.section) for r in tr.options],
        "transplant": [(r, r.text, r.section) for r in tr.transplant_cautions],
        "cautions": [(r, r.reason, r.section) for r in (*tr.caution, *tr.not_recommended)],
        "monitoring": [(r, r.detail, r.section) for r in book.monitoring.items],
        "supportive": [(r, r.reason, r.section) for r in book.supportive],
        "prognosis": [(r, r.label, r.section) for r in book.prognosis],
        "warnings": [(r, r.text, r.section) for r in book.warnings],
    }
    return table.get(fam, [])

"""Answer parts built from a patient's Plan ("For this patient"), or from the rule rows when no
case is known (plain patient wording, conditional advice stated as conditional). Each sentence
cites the passage of the section its rule names. Pure."""

from __future__ import annotations

import re
from datetime import date

from assistant.chat.cite import Composer
from assistant.chat.knowledge import ChatBook
from assistant.contracts import Plan
from assistant.i18n import t
from assistant.plan_view import ViewItem, build_view
from assistant.render import loc
from assistant.rules.book import RuleBook, Text

_FAMILIES: dict[str, tuple[str, ...]] = {
    "diagnosis": ("diagnosis", "flags"),
    "workup": ("workup",),
    "strat": ("stratification",),
    "treatment": ("treatment", "treatment_withheld", "transplant"),
    "cautions": ("caution", "not_recommended"),  # not for a radiation or staging question
    "monitoring": ("monitoring",),
    "supportive": ("supportive",),
    "prognosis": ("prognosis",),
}


def _line(item: ViewItem, comp: Composer, today: date) -> str:
    """One plan item as a sentence: label, doses (clinicians) or detail, next dates."""
    if item.section == "monitoring":
        upcoming = [d.isoformat() for d in item.dates if d >= today][:4]
        dates = f"{t('next_dates', comp.lang)}: {', '.join(upcoming)}" if upcoming else ""
        return " — ".join(x for x in (item.label, dates) if x)
    if item.doses:  # "…, 40-50 Gy" holds its dose already: not said twice
        doses = [d for d in item.doses if d not in item.label]
        return " — ".join([item.label, *(["; ".join(doses)] if doses else [])])
    if item.section in ("diagnosis", "flags", "stratification", "transplant"):
        return item.label
    return f"{item.label}: {item.detail}" if item.detail else item.label


def _items(plan: Plan, comp: Composer, sections: tuple[str, ...]) -> list[tuple[ViewItem, str]]:
    """(view item in the audience's words, guideline section to cite) for these sections.

    The clinician view carries the guideline sections; the patient view is matched to it."""
    clin = build_view(plan, comp.lang, "clinician")
    where = {(i.section, i.code): i.guideline_section or "" for i in clin}
    view = clin if comp.audience == "clinician" else build_view(plan, comp.lang, "patient")
    out = []
    for item in view:
        if item.section not in sections:
            continue
        if item.section == "diagnosis" and item.code != plan.diagnosis.status:
            continue  # the summary, not the criterion-by-criterion table
        out.append((item, where.get((item.section, item.code), "")))
    return out


def _provenance(plan: Plan) -> tuple[dict[str, str], dict[str, str]]:
    """(option code -> section holding its doses, gate code -> section explaining it)."""
    tr = plan.treatment
    doses = {o.code: o.dose_section for o in tr.primary if o.dose_section}
    gates = {g.code: g.section for o in tr.primary for g in o.gates}
    gates |= {g.code: g.section for n in (*tr.caution, *tr.not_recommended) for g in n.gates}
    return doses, gates


def compose_plan(comp: Composer, plan: Plan, families: tuple[str, ...], limit: int = 0) -> None:
    """The patient-specific part of an answer, from the shared plan view (at most `limit`
    bullets when limit > 0); safety gates follow the item they apply to."""
    if not families:
        return
    before = len(comp.lines)
    comp.heading(t("for_patient", comp.lang))
    start = len(comp.lines)
    doses, gates = _provenance(plan)
    for family in families:
        for item, section in _items(plan, comp, _FAMILIES[family]):
            extra = doses.get(item.code, "") if item.doses and item.section == "treatment" else ""
            comp.claim(_line(item, comp, plan.today), *(x for x in (section, extra) if x))
            for gate in item.gates:
                comp.claim(gate.text, gates.get(gate.code, section))
    if len(comp.lines) == start:  # everything was already said above: no empty heading
        del comp.lines[before:]
        return
    bullets = [i for i in range(start, len(comp.lines)) if comp.lines[i].startswith("- ")]
    if limit and len(bullets) > limit:
        del comp.lines[bullets[limit] :]


def workup_first(comp: Composer, plan: Plan, limit: int) -> None:
    """The first `limit` tests that decide whether treatment can be offered ("CIDP for 18
    months, now a small IgG-λ and platelets 590: what next?" -- VEGF, imaging, marrow), in the
    words and order of the plan's own work-up list."""
    deciding = set(plan.treatment.deciding_workup)
    items = [(i, s) for i, s in _items(plan, comp, ("workup",)) if i.code in deciding]
    for item, section in items[:limit]:
        comp.claim(_line(item, comp, plan.today), *([section] if section else []))


# -- general patient wording (no case) ------------------------------------------------------


def _conditional(row: object) -> bool:
    """A row that applies only in some situations (beyond 'POEMS is possible')."""
    when = getattr(row, "when", ())
    for c in when:
        fields = {k: v for k, v in c.model_dump().items() if v}
        if "true" in fields:
            fields["true"] = set(fields["true"]) - {"poems_possible"}
        if any(fields.values()):
            return True
    return False


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
    if _ALREADY_CONDITIONAL.match(plain):  # "If you get a fever while on…" needs no prefix
        return plain
    return chat.say("conditional", comp.lang, text=plain)


_ALREADY_CONDITIONAL = re.compile(r"(?:If|When|Si|Cuando|Mientras)\b")


_ROUTES = {
    "radiation": ("localized",),
    "transplant": ("transplant",),
    "relapse": ("relapse",),
}


def routes_for(topic: str, ruled_out: frozenset[str] = frozenset()) -> frozenset[str]:
    """The treatment routes whose patient lines a topic shows, without those the message rules
    out ("disseminated": no localized route; "can't have the transplant": no transplant)."""
    return frozenset(_ROUTES.get(topic, ("localized", "transplant", "no_transplant"))) - ruled_out


def patient_lines(
    comp: Composer,
    book: RuleBook,
    chat: ChatBook,
    families: tuple[str, ...],
    routes: frozenset[str],
) -> list[tuple[str, str, bool]]:
    """(plain-language line, section) from the rule rows (no case known), conditional where
    needed, in table order; the flag says the line is conditional. A row of a treatment route
    is kept only when the route is in `routes` (see `routes_for`)."""
    out = []
    for fam in families:
        for row, text, section in _rows(book, fam):
            route = getattr(row, "route", None)
            if route is None or route in routes:
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
        # how long follow-up lasts and why (relapse can come late)
        "follow_up": [
            (r, r.text, r.section)
            for r in book.monitoring.warnings
            if r.code in ("follow_up_indefinite", "normal_vegf_not_remission")
        ],
        "supportive": [(r, r.reason, r.section) for r in book.supportive],
        "prognosis": [(r, r.label, r.section) for r in book.prognosis],
        "warnings": [(r, r.text, r.section) for r in book.warnings],
        "gates": [(r, r.text, r.section) for r in book.gates.gates],
    }
    return table.get(fam, [])

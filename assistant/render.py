"""Pure Markdown rendering of a Plan in English or Spanish, for clinicians or patients."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from assistant.contracts import (
    AgentNote,
    Answer,
    Lang,
    Localized,
    MonitoringItem,
    Plan,
    TreatmentOption,
    Wording,
)
from assistant.i18n import dose_text, t

Audience = Literal["clinician", "patient"]


def say(w: Wording, lang: Lang, audience: Audience) -> str:
    """The wording for this language and audience."""
    text = w.clinician if audience == "clinician" else w.patient
    return text.en if lang == "en" else text.es


def loc(text: Localized, lang: Lang) -> str:
    """A bilingual text in `lang`."""
    return text.en if lang == "en" else text.es


def cite(ids: Iterable[str]) -> str:
    """Inline source ids, e.g. `[humeniuk2013; nozza2017]`."""
    return f"[{'; '.join(ids)}]"


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _diagnosis(plan: Plan, lang: Lang, aud: Audience) -> list[str]:
    dx = plan.diagnosis
    out = [
        f"## {t('h_diagnosis', lang)}",
        "",
        f"**{say(dx.summary, lang, aud)}** {cite(dx.citations)}",
        "",
    ]
    out += [
        "| " + " | ".join(t(k, lang) for k in ("criterion", "group", "status", "evidence")) + " |",
        "|---|---|---|---|",
    ]
    for c in dx.criteria:
        out.append(
            f"| {_cell(say(c.label, lang, aud))} | {t(c.group, lang)} | {t(c.status, lang)} | "
            f"{_cell(loc(c.evidence, lang))} {cite(c.citations)} |"
        )
    if dx.missing:
        out += ["", f"{t('missing', lang)}: {', '.join(dx.missing)}"]
    out += ["", f"{t('japanese', lang)}: {t(dx.japanese_criteria, lang)}"]
    out += [f"- ⚑ {say(f.text, lang, aud)} {cite(f.citations)}" for f in dx.flags]
    return [*out, ""]


def _workup(plan: Plan, lang: Lang, aud: Audience) -> list[str]:
    out = [f"## {t('h_workup', lang)}", ""]
    if not plan.workup:
        return [*out, t("none", lang), ""]
    out += [f"| {t('test', lang)} | {t('why', lang)} |", "|---|---|"]
    for w in plan.workup:
        out.append(
            f"| {_cell(say(w.label, lang, aud))} | {_cell(say(w.reason, lang, aud))} "
            f"{cite(w.citations)} |"
        )
    return [*out, ""]


def _strat(plan: Plan, lang: Lang, aud: Audience) -> list[str]:
    s = plan.stratification
    note = f" ({t('low_evidence', lang)})" if s.low_evidence else ""
    return [
        f"## {t('h_strat', lang)}",
        "",
        f"**{t(s.status, lang)}**{note}: {say(s.reason, lang, aud)} {cite(s.citations)}",
        "",
    ]


def _option(o: TreatmentOption, lang: Lang, aud: Audience) -> list[str]:
    out = [f"- **{say(o.label, lang, aud)}** {cite(o.citations)}", f"  {say(o.detail, lang, aud)}"]
    out += [f"  - ⚠ {say(g.text, lang, aud)} {cite(g.citations)}" for g in o.gates]  # issue #11
    if aud == "clinician":
        for s in o.schedules:
            doses = "; ".join(
                dose_text(c.agent, c.dose, c.unit, loc(c.schedule, lang), lang)
                for c in s.components
            )
            out.append(f"  - {t('doses', lang)} — {loc(s.name, lang)}: {doses} {cite(s.citations)}")
        if o.cycles:
            out.append(f"  - {t('cycles', lang, n=o.cycles)}")
        if o.dose_note:
            out.append(f"  - {loc(o.dose_note, lang)}")
    return out


def _note(n: AgentNote, lang: Lang, aud: Audience) -> list[str]:
    out = [f"- **{say(n.label, lang, aud)}**: {say(n.reason, lang, aud)} {cite(n.citations)}"]
    if n.nuance:
        out.append(f"  - {t('nuance', lang)}: {say(n.nuance, lang, aud)}")
    out += [f"  - ⚠ {say(g.text, lang, aud)} {cite(g.citations)}" for g in n.gates]  # issue #11
    return out


def _treatment(plan: Plan, lang: Lang, aud: Audience) -> list[str]:
    tr = plan.treatment
    relapse = any(o.code.startswith(("relapse_", "daratumumab", "second_")) for o in tr.primary)
    out = [f"## {t('h_relapse' if relapse else 'h_treatment', lang)}", ""]
    if tr.provisional and tr.primary:
        out += [f"_{t('provisional', lang)}_", ""]
    for o in tr.primary:
        out += _option(o, lang, aud)
    if not tr.primary:
        out.append(t("none", lang))
    out += [f"- ⚠ {say(g.text, lang, aud)} {cite(g.citations)}" for g in tr.withheld]  # issue #11
    for key, notes in (("h_caution", tr.caution), ("h_not_rec", tr.not_recommended)):
        if notes:
            out += ["", f"### {t(key, lang)}", ""]
            for n in notes:
                out += _note(n, lang, aud)
    if tr.transplant_cautions:
        out += ["", f"### {t('h_transplant', lang)}", ""]
        out += [f"- {say(f.text, lang, aud)} {cite(f.citations)}" for f in tr.transplant_cautions]
    return [*out, ""]


def _interval(m: MonitoringItem, lang: Lang) -> str:
    base = t("months", lang, n=m.interval_months) if m.interval_months else t("once", lang)
    return f"{base} ({t('seed_only', lang)})" if m.seed_only else base


def _monitoring(plan: Plan, lang: Lang, aud: Audience) -> list[str]:
    out = [
        f"## {t('h_monitoring', lang)}",
        "",
        f"| {t('item', lang)} | {t('interval', lang)} | {t('dates', lang)} |",
        "|---|---|---|",
    ]
    for m in plan.monitoring:
        dates = ", ".join(v.date.isoformat() + ("*" if v.basis == "seed" else "") for v in m.dates)
        out.append(
            f"| {_cell(say(m.label, lang, aud))} {cite(m.citations)} | {_interval(m, lang)} | "
            f"{dates} |"
        )
    return [*out, "", "\\* " + t("basis_seed", lang), ""]


def _listing(title: str, rows: list[str]) -> list[str]:
    return [f"## {title}", "", *(rows or ["-"]), ""]


def plan_markdown(plan: Plan, lang: Lang, audience: Audience = "clinician") -> str:
    """The whole plan as Markdown; deterministic for a given plan, language and audience."""
    aud = audience
    lines = [
        f"# {t('plan_title', lang)}",
        "",
        t("plan_meta", lang, today=plan.today.isoformat(), version=plan.knowledge_version),
        "",
    ]
    lines += _diagnosis(plan, lang, aud) + _workup(plan, lang, aud) + _strat(plan, lang, aud)
    lines += _treatment(plan, lang, aud) + _monitoring(plan, lang, aud)
    lines += _listing(
        t("h_supportive", lang),
        [
            f"- **{say(s.label, lang, aud)}**: {say(s.reason, lang, aud)} {cite(s.citations)}"
            for s in plan.supportive
        ],
    )
    lines += _listing(
        t("h_prognosis", lang),
        [
            f"- **{say(f.label, lang, aud)}** — {loc(f.cohort, lang)} {cite(f.citations)}"
            for f in plan.prognosis.adverse_factors
        ]
        or [t("none", lang)],
    )
    lines += _listing(
        t("h_warnings", lang),
        [f"- {say(w.text, lang, aud)} {cite(w.citations)}" for w in plan.warnings],
    )
    return "\n".join(lines).rstrip() + "\n"


def answer_markdown(answer: Answer) -> str:
    """An answer with its numbered sources and suggested follow-ups, as Markdown."""
    lang = answer.lang
    lines = [answer.text.rstrip(), ""]
    if answer.citations:
        lines += [f"**{t('sources', lang)}**", ""]
        for c in answer.citations:
            refs = f" — {', '.join(c.references)}" if c.references else ""
            lines.append(f"{c.n}. {c.title} {c.locator} (`{c.source_id}`){refs}")
        lines.append("")
    if answer.follow_ups:
        lines += [f"**{t('follow_ups', lang)}**", ""]
        lines += [f"- {q}" for q in answer.follow_ups]
    return "\n".join(lines).rstrip() + "\n"

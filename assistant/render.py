"""Pure Markdown rendering of a Plan in English or Spanish, for clinicians or patients."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal

from assistant.contracts import (
    Answer,
    Lang,
    Localized,
    Plan,
    Source,
    Wording,
)
from assistant.i18n import long_date, t
from assistant.plan_view import ViewItem, build_view
from assistant.ui.strings import source_line

Audience = Literal["clinician", "patient"]


def say(w: Wording, lang: Lang, audience: Audience) -> str:
    """The wording for this language and audience."""
    text = w.clinician if audience == "clinician" else w.patient
    return text.en if lang == "en" else text.es


def loc(text: Localized, lang: Lang) -> str:
    """A bilingual text in `lang`."""
    return text.en if lang == "en" else text.es


def cite(ids: Iterable[str]) -> str:
    """A placeholder for the sources of one statement; `plan_markdown` numbers them."""
    return f"⟦{';'.join(ids)}⟧"


_CITE = re.compile(r" ?⟦([^⟧]*)⟧")


def number_citations(
    text: str, audience: Audience, lang: Lang, sources: Mapping[str, Source] | None
) -> str:
    """Citations as [1, 2] with a numbered source list (clinicians); none for patients."""
    if audience == "patient":
        return _CITE.sub("", text)
    order: list[str] = []

    def number(match: re.Match[str]) -> str:
        ids = [i for i in match.group(1).split(";") if i]
        order.extend(i for i in ids if i not in order)
        nums = sorted({order.index(i) + 1 for i in ids})
        return f" [{', '.join(str(n) for n in nums)}]" if nums else ""

    body = _CITE.sub(number, text).rstrip()
    listed = [
        f"{n}. {source_line(sources[i], lang) if sources and i in sources else i}"
        for n, i in enumerate(order, 1)
    ]
    return "\n".join([body, "", f"## {t('sources', lang)}", "", *listed]) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _diagnosis(plan: Plan, items: tuple[ViewItem, ...], lang: Lang, aud: Audience) -> list[str]:
    dx = plan.diagnosis
    head, *criteria = _section(items, "diagnosis")
    out = [f"## {t('h_diagnosis', lang)}", "", f"**{head.label}** {cite(head.citations)}", ""]
    out += [
        "| " + " | ".join(t(k, lang) for k in ("criterion", "group", "status", "evidence")) + " |",
        "|---|---|---|---|",
    ]
    for c in criteria:
        out.append(
            f"| {_cell(c.label)} | {t(c.group, lang)} | {t(c.status, lang)} | "
            f"{_cell(c.detail)} {cite(c.citations)} |"
        )
    names = {c.code: c.label for c in criteria}
    if dx.missing and aud == "clinician":
        out += ["", f"{t('missing', lang)}: {', '.join(names.get(m, m) for m in dx.missing)}"]
    if aud == "clinician":
        out += ["", f"{t('japanese', lang)}: {t(dx.japanese_criteria, lang)}"]
    out += [f"- ⚑ {f.label} {cite(f.citations)}" for f in _section(items, "flags")]
    return [*out, ""]


def _workup(items: tuple[ViewItem, ...], lang: Lang) -> list[str]:
    out = [f"## {t('h_workup', lang)}", ""]
    rows = _section(items, "workup")
    if not rows:
        return [*out, t("none", lang), ""]
    out += [f"| {t('test', lang)} | {t('why', lang)} |", "|---|---|"]
    out += [f"| {_cell(w.label)} | {_cell(w.detail)} {cite(w.citations)} |" for w in rows]
    return [*out, ""]


def _strat(items: tuple[ViewItem, ...], lang: Lang) -> list[str]:
    (s,) = _section(items, "stratification")
    note = f" ({t('low_evidence', lang)})" if s.low_evidence else ""
    return [
        f"## {t('h_strat', lang)}",
        "",
        f"**{t(s.code, lang)}**{note}: {s.label} {cite(s.citations)}",
        "",
    ]


def _bullets(items: Iterable[ViewItem], lang: Lang) -> list[str]:
    """View items as Markdown bullets: label, detail, doses and safety gates."""
    out: list[str] = []
    for i in items:
        detail = f": {i.detail}" if i.detail else ""
        out.append(f"- **{i.label}**{detail} {cite(i.citations)}")
        out += [f"  - {t('doses', lang)}: {d}" for d in i.doses]
        out += [f"  - ⚠ {g.text}" for g in i.gates]
    return out


def _section(items: Iterable[ViewItem], *sections: str) -> list[ViewItem]:
    return [i for i in items if i.section in sections]


def _treatment(plan: Plan, items: tuple[ViewItem, ...], lang: Lang) -> list[str]:
    tr = plan.treatment
    relapse = any(o.code.startswith(("relapse_", "daratumumab", "second_")) for o in tr.primary)
    out = [f"## {t('h_relapse' if relapse else 'h_treatment', lang)}", ""]
    if tr.provisional and tr.primary:
        out += [f"_{t('provisional', lang)}_", ""]
    out += _bullets(_section(items, "treatment", "treatment_withheld"), lang) or [t("none", lang)]
    for key, section in (
        ("h_caution", "caution"),
        ("h_not_rec", "not_recommended"),
        ("h_transplant", "transplant"),
    ):
        if chosen := _section(items, section):
            out += ["", f"### {t(key, lang)}", "", *_bullets(chosen, lang)]
    return [*out, ""]


def _interval(m: ViewItem, lang: Lang) -> str:
    base = t("months", lang, n=m.interval_months) if m.interval_months else t("once", lang)
    return f"{base} ({t('seed_only', lang)})" if m.seed_only else base


def _monitoring(items: tuple[ViewItem, ...], lang: Lang) -> list[str]:
    out = [
        f"## {t('h_monitoring', lang)}",
        "",
        f"| {t('item', lang)} | {t('interval', lang)} | {t('dates', lang)} |",
        "|---|---|---|",
    ]
    for m in _section(items, "monitoring"):
        dates = ", ".join(d.isoformat() + ("*" if d in m.seed_dates else "") for d in m.dates)
        out.append(f"| {_cell(m.label)} {cite(m.citations)} | {_interval(m, lang)} | {dates} |")
    return [*out, "", "\\* " + t("basis_seed", lang), ""]


def _listing(title: str, rows: list[str]) -> list[str]:
    return [f"## {title}", "", *(rows or ["-"]), ""]


def plan_markdown(
    plan: Plan,
    lang: Lang,
    audience: Audience = "clinician",
    sources: Mapping[str, Source] | None = None,
) -> str:
    """The whole plan as Markdown; deterministic for a given plan, language and audience.

    Clinicians get numbered citations and a source list (references from `sources`, else ids);
    patients get plain wording without citations, cohorts or hazard ratios.
    """
    aud = audience
    lines = [
        f"# {t('plan_title', lang)}",
        "",
        t("plan_meta", lang, today=long_date(plan.today, lang), version=plan.knowledge_version),
        "",
    ]
    items = build_view(plan, lang, aud, sources)
    lines += _diagnosis(plan, items, lang, aud) + _workup(items, lang) + _strat(items, lang)
    lines += _treatment(plan, items, lang) + _monitoring(items, lang)
    for key, section in (
        ("h_supportive", "supportive"),
        ("h_prognosis", "prognosis"),
        ("h_warnings", "warnings"),
    ):
        lines += _listing(
            t(key, lang), _bullets(_section(items, section), lang) or [t("none", lang)]
        )
    return number_citations("\n".join(lines), aud, lang, sources)


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

"""The plan as ordered, localized view items, built once for every surface.

Terminal, chat, app and handouts only lay these items out; they never pick wording, doses or
gates from the Plan themselves. Pure: the same plan, language and audience give the same items.
The patient audience carries no rule ids, citation keys, hazard ratios or doses.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.contracts import (
    AgentNote,
    Cited,
    Gate,
    Lang,
    Localized,
    Plan,
    Source,
    TreatmentOption,
    Wording,
)
from assistant.i18n import dose_text

Audience = Literal["clinician", "patient"]
ViewSection = Literal[
    "diagnosis",
    "flags",
    "workup",
    "stratification",
    "treatment",
    "treatment_withheld",
    "caution",
    "not_recommended",
    "transplant",
    "monitoring",
    "supportive",
    "prognosis",
    "warnings",
]
_CONFIG = ConfigDict(frozen=True, extra="forbid")

_UNVERIFIED = Localized(
    en="Not verified against the source.", es="No verificado con la fuente original."
)
_WITHHELD = Localized(en="Withheld for now", es="Suspendido por ahora")


class GateView(BaseModel):
    """One gate on an item, localized."""

    model_config = _CONFIG

    code: str = Field(description="Gate code.")
    effect: str = Field(description="adjust_dose, withhold, requires or caution.")
    text: str = Field(description="Why, in the audience's words.")
    verified: bool = Field(description="False: shown as not verified against the source.")


class ViewItem(BaseModel):
    """One plan item ready to lay out."""

    model_config = _CONFIG

    section: ViewSection = Field(description="Plan section the item belongs to.")
    code: str = Field(description="Stable item code (never localized).")
    label: str = Field(description="Display label in the audience's words.")
    detail: str = Field("", description="Reason, detail or evidence.")
    doses: tuple[str, ...] = Field((), description="Dose lines (clinicians only).")
    gates: tuple[GateView, ...] = Field((), description="Safety gates on the item.")
    withheld: bool = Field(False, description="A gate withholds this option for now.")
    verified: bool = Field(True, description="False: not verified against the source.")
    dates: tuple[date, ...] = Field((), description="Planned dates (monitoring).")
    seed_dates: tuple[date, ...] = Field((), description="Dates timed only by the seed.")
    interval_months: int | None = Field(None, description="Repeat interval (monitoring).")
    seed_only: bool = Field(False, description="The interval comes only from the seed.")
    status: str = Field("", description="Criterion status code (never localized).")
    group: str = Field("", description="Criterion group code: mandatory, major, minor.")
    low_evidence: bool = Field(False, description="Stratum chosen on low evidence.")
    citations: tuple[str, ...] = Field((), description="Source ids (clinicians only).")
    references: tuple[str, ...] = Field((), description="Full references (clinicians only).")
    rule_id: str | None = Field(None, description="Rule id (clinicians only).")
    guideline_section: str | None = Field(None, description="Guideline section id.")


class _Ctx(BaseModel):
    model_config = _CONFIG

    lang: Lang
    audience: Audience
    sources: Mapping[str, Source] = Field(default_factory=dict)

    def say(self, w: Wording) -> str:
        text = w.clinician if self.audience == "clinician" else w.patient
        return self.loc(text)

    def loc(self, text: Localized) -> str:
        return text.en if self.lang == "en" else text.es

    @property
    def clinician(self) -> bool:
        return self.audience == "clinician"


def _item(ctx: _Ctx, section: ViewSection, cited: Cited, **fields: object) -> ViewItem:
    """A view item with provenance for clinicians and none for patients."""
    if ctx.clinician:
        refs = tuple(ctx.sources[c].reference for c in cited.citations if c in ctx.sources)
        fields.update(
            citations=cited.citations,
            references=refs,
            rule_id=cited.rule_id,
            guideline_section=cited.section,
        )
    if not cited.verified:
        fields["detail"] = f"{fields.get('detail', '')} ({ctx.loc(_UNVERIFIED)})".lstrip()
    return ViewItem(section=section, verified=cited.verified, **fields)


def _gates(ctx: _Ctx, gates: Iterable[Gate]) -> tuple[GateView, ...]:
    return tuple(
        GateView(
            code=g.code,
            effect=g.effect,
            text=ctx.say(g.text) + ("" if g.verified else f" ({ctx.loc(_UNVERIFIED)})"),
            verified=g.verified,
        )
        for g in gates
    )


def _dose_lines(ctx: _Ctx, option: TreatmentOption) -> tuple[str, ...]:
    if not ctx.clinician:
        return ()
    lines = []
    for s in option.schedules:
        parts = []
        for c in s.components:
            parts.append(dose_text(c.agent, c.dose, c.unit, ctx.loc(c.schedule), ctx.lang))
        lines.append(f"{ctx.loc(s.name)}: {'; '.join(parts)}")
    if option.dose_gy_min and option.dose_gy_max:
        lines.append(f"{option.dose_gy_min:g}-{option.dose_gy_max:g} Gy")
    if option.dose_note:
        lines.append(ctx.loc(option.dose_note))
    return tuple(lines)


def _options(ctx: _Ctx, plan: Plan) -> list[ViewItem]:
    tr = plan.treatment
    out = [
        _item(
            ctx,
            "treatment",
            o,
            code=o.code,
            label=ctx.say(o.label) + (f" — {ctx.loc(_WITHHELD)}" if o.withheld else ""),
            detail=ctx.say(o.detail),
            doses=_dose_lines(ctx, o),
            gates=_gates(ctx, o.gates),
            withheld=o.withheld,
        )
        for o in tr.primary
    ]
    out += [
        _item(ctx, "treatment_withheld", g, code=g.code, label=ctx.say(g.text), withheld=True)
        for g in tr.withheld
    ]
    return out


def _notes(ctx: _Ctx, section: ViewSection, notes: Iterable[AgentNote]) -> list[ViewItem]:
    out = []
    for n in notes:
        detail = ctx.say(n.reason)
        if n.nuance:
            detail = f"{detail} {ctx.say(n.nuance)}"
        out.append(
            _item(
                ctx,
                section,
                n,
                code=n.code,
                label=ctx.say(n.label),
                detail=detail,
                gates=_gates(ctx, n.gates),
            )
        )
    return out


def _head(ctx: _Ctx, plan: Plan) -> list[ViewItem]:
    dx, s = plan.diagnosis, plan.stratification
    dx_cited = Cited(rule_id=dx.rule_id, citations=dx.citations, section=dx.section)
    out = [_item(ctx, "diagnosis", dx_cited, code=dx.status, label=ctx.say(dx.summary))]
    out += [
        _item(
            ctx,
            "diagnosis",
            c,
            code=c.code,
            label=ctx.say(c.label),
            detail=ctx.loc(c.evidence),
            status=c.status,
            group=c.group,
        )
        for c in dx.criteria
        if ctx.clinician or c.status == "met"  # patients see what holds, not the gaps
    ]
    out += [_item(ctx, "flags", f, code=f.code, label=ctx.say(f.text)) for f in dx.flags]
    out += [
        _item(ctx, "workup", w, code=w.code, label=ctx.say(w.label), detail=ctx.say(w.reason))
        for w in plan.workup
    ]
    out.append(
        _item(
            ctx,
            "stratification",
            s,
            code=s.status,
            label=ctx.say(s.reason),
            low_evidence=s.low_evidence,
        )
    )
    return out


def _tail(ctx: _Ctx, plan: Plan) -> list[ViewItem]:
    out = [
        _item(
            ctx,
            "monitoring",
            m,
            code=m.code,
            label=ctx.say(m.label),
            detail=ctx.say(m.detail),
            dates=tuple(v.date for v in m.dates),
            seed_dates=tuple(v.date for v in m.dates if v.basis == "seed"),
            interval_months=m.interval_months,
            seed_only=m.seed_only,
        )
        for m in plan.monitoring
    ]
    out += [
        _item(ctx, "supportive", s, code=s.code, label=ctx.say(s.label), detail=ctx.say(s.reason))
        for s in plan.supportive
    ]
    prog = plan.prognosis
    out += [
        _item(
            ctx,
            "prognosis",
            f,
            code=f.code,
            label=ctx.say(f.label),
            detail=ctx.loc(f.cohort) if ctx.clinician else "",
        )
        for f in prog.adverse_factors
    ]
    out += [
        _item(
            ctx,
            "prognosis",
            sc,
            code=sc.code,
            label=ctx.say(sc.label),
            detail=(f"{ctx.loc(sc.cohort)} " if ctx.clinician else "") + ctx.say(sc.detail),
        )
        for sc in prog.scores
    ]
    out += [_item(ctx, "warnings", w, code=w.code, label=ctx.say(w.text)) for w in plan.warnings]
    return out


def build_view(
    plan: Plan,
    lang: Lang,
    audience: Audience = "clinician",
    sources: Mapping[str, Source] | None = None,
) -> tuple[ViewItem, ...]:
    """Every plan item, in display order, in `lang` for `audience`."""
    ctx = _Ctx(lang=lang, audience=audience, sources=dict(sources or {}))
    tr = plan.treatment
    items = _head(ctx, plan) + _options(ctx, plan)
    items += _notes(ctx, "caution", tr.caution) + _notes(ctx, "not_recommended", tr.not_recommended)
    items += [
        _item(ctx, "transplant", f, code=f.code, label=ctx.say(f.text))
        for f in tr.transplant_cautions
    ]
    return tuple(items + _tail(ctx, plan))

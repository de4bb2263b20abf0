"""Streamlit rendering of answers, the case form, the plan, the calendar and transparency."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from assistant.calendar_export import visit_rows
from assistant.contracts import Answer, Lang, Plan, Source
from assistant.i18n import dose_text, t
from assistant.render import Audience, loc, say
from assistant.ui.fields import FIELDS, FormField, label, option_label


def answer_view(answer: Answer, key: str) -> str | None:
    """An answer with expandable citations and follow-up buttons; returns a clicked follow-up."""
    lang = answer.lang
    if answer.refused:
        st.info(t("ui_refused", lang))
    st.markdown(answer.text)
    for c in answer.citations:
        with st.expander(f"[{c.n}] {c.title} — {c.locator}"):
            st.caption(f"{t('ui_quote', lang)} · `{c.source_id}` · {c.chunk_id}")
            st.markdown("\n".join(f"> {line}" for line in c.quote.splitlines()))
            if c.references:
                st.caption(f"{t('ui_literature', lang)}: {', '.join(c.references)}")
    clicked = None
    cols = st.columns(len(answer.follow_ups) or 1)
    for i, question in enumerate(answer.follow_ups):
        if cols[i].button(question, key=f"{key}-fu-{i}"):
            clicked = question
    return clicked


def _widget(f: FormField, lang: Lang, values: dict[str, Any]) -> Any:
    key, name = f"f_{f.name}", label(f, lang)
    if key not in st.session_state:
        st.session_state[key] = values.get(f.name)
    if f.kind in ("tri", "choice"):
        return st.selectbox(name, f.options, key=key, format_func=lambda v: option_label(v, lang))
    if f.kind == "multi":
        return st.multiselect(
            name,
            f.options,
            key=key,
            placeholder=t("ui_choose", lang),
            format_func=lambda v: option_label(v, lang),
        )
    if f.kind in ("number", "int"):
        step = 1 if f.kind == "int" else 0.1
        return st.number_input(
            name, key=key, value=None, step=step, format="%d" if f.kind == "int" else "%.1f"
        )
    if f.kind == "bool3":
        return st.selectbox(
            name,
            (None, True, False),
            key=key,
            format_func=lambda v: t(
                "ui_not_set" if v is None else ("ui_yes" if v else "ui_no"), lang
            ),
        )
    if f.kind == "bool":
        return st.checkbox(name, key=key)
    return st.date_input(name, key=key, value=None, min_value=dt.date(2000, 1, 1))


def case_form(lang: Lang, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any] | None:
    """The case form; returns the widget values when submitted."""
    out: dict[str, Any] = {}
    with st.form("case_form"):
        for group in ("findings", "lab", "treatment"):
            st.markdown(f"**{t('ui_group_' + group, lang)}**")
            cols = st.columns(3)
            for i, f in enumerate(x for x in FIELDS if x.group == group):
                with cols[i % 3]:
                    out[f.name] = _widget(f, lang, values)
                    if f.name in errors:
                        st.error(errors[f.name])
        if "case" in errors:
            st.error(errors["case"])
        submitted = st.form_submit_button(t("ui_apply", lang))
    return out if submitted else None


def _criteria_table(plan: Plan, lang: Lang, aud: Audience) -> list[dict[str, str]]:
    return [
        {
            t("criterion", lang): say(c.label, lang, aud),
            t("group", lang): t(c.group, lang),
            t("status", lang): t(c.status, lang),
            t("evidence", lang): loc(c.evidence, lang),
            t("sources", lang): ", ".join(c.citations),
        }
        for c in plan.diagnosis.criteria
    ]


def plan_view(plan: Plan, lang: Lang, aud: Audience) -> None:
    """Criteria, work-up, stratum, treatment, supportive care, prognosis and warnings."""
    dx = plan.diagnosis
    st.subheader(t("h_diagnosis", lang))
    st.markdown(f"**{say(dx.summary, lang, aud)}** `{dx.rule_id}`")
    st.dataframe(_criteria_table(plan, lang, aud), hide_index=True, use_container_width=True)
    for flag in dx.flags:
        st.warning(f"{say(flag.text, lang, aud)} `{flag.rule_id}`")
    st.subheader(t("h_workup", lang))
    for w in plan.workup:
        st.markdown(f"- **{say(w.label, lang, aud)}** — {say(w.reason, lang, aud)} `{w.rule_id}`")
    st.subheader(t("h_strat", lang))
    s = plan.stratification
    st.markdown(f"**{t(s.status, lang)}** — {say(s.reason, lang, aud)} `{s.rule_id}`")
    _treatment_view(plan, lang, aud)
    st.subheader(t("h_supportive", lang))
    for item in plan.supportive:
        st.markdown(f"- **{say(item.label, lang, aud)}** — {say(item.reason, lang, aud)}")
    st.subheader(t("h_prognosis", lang))
    for f in plan.prognosis.adverse_factors:
        st.markdown(f"- **{say(f.label, lang, aud)}** — {loc(f.cohort, lang)}")
    if not plan.prognosis.adverse_factors:
        st.caption(t("none", lang))
    st.subheader(t("h_warnings", lang))
    for warning in plan.warnings:
        st.info(f"{say(warning.text, lang, aud)} ({', '.join(warning.citations)})")


def _treatment_view(plan: Plan, lang: Lang, aud: Audience) -> None:
    tr = plan.treatment
    st.subheader(t("h_treatment", lang))
    if tr.provisional and tr.primary:
        st.caption(t("provisional", lang))
    for o in tr.primary:
        st.markdown(f"**{say(o.label, lang, aud)}** `{o.rule_id}`  \n{say(o.detail, lang, aud)}")
        for sch in o.schedules:
            doses = "; ".join(
                dose_text(c.agent, c.dose, c.unit, loc(c.schedule, lang), lang)
                for c in sch.components
            )
            st.markdown(f"- {loc(sch.name, lang)}: {doses}")
        if o.dose_note:
            st.caption(loc(o.dose_note, lang))
    for key, notes in (("h_caution", tr.caution), ("h_not_rec", tr.not_recommended)):
        if notes:
            st.markdown(f"**{t(key, lang)}**")
        for n in notes:
            st.markdown(f"- **{say(n.label, lang, aud)}**: {say(n.reason, lang, aud)}")
            if n.nuance:
                st.caption(say(n.nuance, lang, aud))
    for flag in tr.transplant_cautions:
        st.warning(say(flag.text, lang, aud))


def calendar_view(plan: Plan, lang: Lang, aud: Audience) -> None:
    """Timeline chart and table of the dated follow-up."""
    import altair as alt

    rows = visit_rows(plan, lang, aud)
    if not rows:
        return
    chart = (
        alt.Chart(alt.Data(values=rows))  # type: ignore[no-untyped-call]
        .mark_circle(size=90)
        .encode(
            x=alt.X("date:T", title=t("ui_date", lang)),
            y=alt.Y("item:N", title=None, axis=alt.Axis(labelLimit=320)),
            color=alt.Color("basis:N", title=t("ui_basis", lang)),
            tooltip=["date:T", "item:N", "basis:N", "rule_id:N"],
        )
        .properties(
            height=40 + 28 * len({r["item"] for r in rows}), title=t("ui_visit_chart", lang)
        )
    )
    st.altair_chart(chart, use_container_width=True)
    st.dataframe(
        [
            {
                t("ui_date", lang): r["date"],
                t("item", lang): r["item"],
                t("ui_basis", lang): r["basis"],
            }
            for r in rows
        ],
        hide_index=True,
        use_container_width=True,
    )


def transparency_view(
    lang: Lang,
    version: str,
    answer: Answer | None,
    sources: dict[str, Source],
    case_data: dict[str, Any] | None,
) -> None:
    """Knowledge version, sources of the current answer, inputs used, intended use."""
    st.markdown(f"**{t('knowledge_version', lang)}:** `{version}`")
    st.markdown(f"**{t('ui_sources_answer', lang)}**")
    refs = sorted({r for c in (answer.citations if answer else ()) for r in c.references})
    st.dataframe(
        [
            {
                "id": r,
                t("ui_reference", lang): sources[r].reference,
                t("ui_type", lang): sources[r].type,
                t("ui_year", lang): sources[r].year,
            }
            for r in refs
            if r in sources
        ],
        hide_index=True,
        use_container_width=True,
    )
    st.markdown(f"**{t('ui_inputs', lang)}**")
    st.json(case_data or {})
    st.markdown(f"**{t('ui_intended_use', lang)}**")
    st.info(t("ui_intended_text", lang))

"""The follow-up calendar: a list of visit days (works at any width) and a chart on wide screens."""

from __future__ import annotations

import html
from typing import Any

import streamlit as st

from assistant.calendar_export import BASES, PALETTE, SHAPES, visit_days, visit_rows
from assistant.contracts import Lang, Plan
from assistant.i18n import MONTHS, long_date, t
from assistant.render import Audience

# the chart needs width: below 640 px only the list of visit days is shown
_NARROW_CSS = "<style>@media (max-width: 640px){.st-key-poems_chart{display:none}}</style>"


def legend_html(lang: Lang) -> str:
    """The colour legend: a coloured mark and its meaning, same colours in both languages."""
    marks = {"circle": "●", "triangle-up": "▲", "square": "■"}
    items = [
        f"<span style='color:{PALETTE[b]}'>{marks[SHAPES[b]]}</span> "
        + html.escape(t("basis_" + b, lang))
        for b in BASES
    ]
    return f"{t('ui_legend', lang)}: " + " &nbsp; ".join(items)


def _chart(rows: list[dict[str, Any]], lang: Lang) -> Any:
    import altair as alt

    short = [m[:3] for m in MONTHS[lang]]
    label = f"{short}[month(datum.value)] + ' ' + year(datum.value)"
    domain = [t("basis_" + b, lang) for b in BASES]
    return (
        alt.Chart(alt.Data(values=rows))  # type: ignore[no-untyped-call]
        .mark_point(size=90, filled=True)
        .encode(
            x=alt.X("date:T", title=t("ui_date", lang), axis=alt.Axis(labelExpr=label)),
            y=alt.Y("item:N", title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color(
                "basis:N",
                scale=alt.Scale(domain=domain, range=[PALETTE[b] for b in BASES]),
                legend=None,  # the legend above the chart serves the chart and the list
            ),
            shape=alt.Shape(
                "basis:N",
                scale=alt.Scale(domain=domain, range=[SHAPES[b] for b in BASES]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("when:N", title=t("ui_date", lang)),
                alt.Tooltip("item:N", title=t("item", lang)),
                alt.Tooltip("basis:N", title=t("ui_basis", lang)),
            ],
        )
        .properties(height=chart_height(rows))
    )


def chart_height(rows: list[dict[str, Any]]) -> int:
    """Enough height for one readable row per monitored item."""
    return 60 + 30 * len({r["item"] for r in rows})


def calendar_view(plan: Plan, lang: Lang, aud: Audience) -> None:
    """Visit days as a vertical list, the chart beside it on wide screens, and the legend."""
    rows: list[dict[str, Any]] = [
        {**r, "when": long_date(plan.today.fromisoformat(str(r["date"])), lang)}
        for r in visit_rows(plan, lang, aud)
    ]
    if not rows:
        st.caption(t("none", lang))
        return
    st.html(_NARROW_CSS)
    st.markdown(legend_html(lang), unsafe_allow_html=True)
    with st.container(key="poems_chart"):
        st.markdown(f"**{t('ui_visit_chart', lang)}**")
        st.altair_chart(_chart(rows, lang), width="stretch", height=chart_height(rows))
    st.markdown(f"**{t('ui_timeline', lang)}**")
    basis = {(r["date"], r["item"]): str(r["basis_code"]) for r in rows}
    for day, tests in visit_days(plan, lang, aud):
        with st.container(border=True):
            st.markdown(f"**{long_date(day, lang)}**")
            marks = {"literature": "●", "seed": "▲", "assistant": "■"}
            st.markdown(
                "  \n".join(
                    f"<span style='color:{PALETTE[b]}'>{marks[b]}</span> {html.escape(x)}"
                    for x in tests
                    for b in [basis.get((day.isoformat(), x), "literature")]
                ),
                unsafe_allow_html=True,
            )

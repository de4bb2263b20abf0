"""Streamlit layout of answers and the plan; the words come from the plan and the knowledge.

Untrusted text (user documents, their titles, chat messages) is shown inert through
`assistant.untrusted`. The patient view shows no rule ids, citation keys or hazard ratios.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from assistant.contracts import Answer, Lang, Plan, Source
from assistant.i18n import dose_text, t
from assistant.render import Audience, loc, say
from assistant.ui.strings import source_line, source_type
from assistant.untrusted import inline, quote_block

Quote = Callable[[Lang, str], tuple[str, str]]  # (section heading, passage) or ("", "")
_IMAGE = re.compile(r"!\[")
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto|file|www)([:.@])")
_MARKER = re.compile(r"\s*\[@[^\]]+\]")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")
_STATUS = {
    "met": ":green[:material/check_circle: {}]",
    "not_met": ":red[:material/cancel: {}]",
    "unknown": ":gray[:material/help: {}]",
}


def unlink(markdown: str) -> str:
    """Escaped untrusted Markdown with URL-like words broken (a word joiner after the scheme),
    so that GitHub-style autolinks do not turn them into live links."""
    return _AUTOLINK.sub("\\1\u2060\\2", markdown)


def untrusted_quote(text: str) -> str:
    """A user passage as an inert quotation."""
    return unlink(quote_block(text))


def untrusted_line(text: str, limit: int = 200) -> str:
    """A user title or label as one inert line."""
    return unlink(inline(text, limit))


def is_user_document(source_id: str, sources: dict[str, Source]) -> bool:
    """True unless the passage is the project's own guideline or a listed publication."""
    src = sources.get(source_id)
    if src is not None:
        return src.type == "user_document"
    return not source_id.startswith("guideline-")


def safe_markdown(text: str) -> str:
    """Our own answer Markdown with images, links and raw HTML disabled: the page never fetches
    or links anything named in text (answers quote user documents)."""
    return unlink(_TAG.sub(r"\\<", _IMAGE.sub(r"!\\[", text.replace("](", "]\\("))))


def answer_view(answer: Answer, key: str, sources: dict[str, Source]) -> str | None:
    """An answer with numbered, expandable citations and follow-up buttons."""
    lang = answer.lang
    if answer.refused:
        st.info(t("ui_refused", lang))
    st.markdown(safe_markdown(answer.text))
    for c in answer.citations:
        title = f"{untrusted_line(c.title, 90)} — {untrusted_line(c.locator, 60)}"
        with st.expander(f"[{c.n}] {title}"):
            user = is_user_document(c.source_id, sources)
            st.caption(t("ui_user_doc" if user else "ui_quote", lang))
            st.markdown(untrusted_quote(c.quote if user else _MARKER.sub("", c.quote)))
            refs = [sources[r] for r in c.references if r in sources]
            if refs and answer.audience == "clinician":
                st.caption(t("ui_literature", lang))
                for s in refs:
                    st.markdown(f"- {inline(source_line(s, lang), 400)}")
    clicked = None
    for i, question in enumerate(answer.follow_ups):
        if st.button(inline(question), key=f"{key}-fu-{i}"):
            clicked = question
    return clicked


class Notes:
    """Numbers the sources a plan cites, in order of first use, with where each is used."""

    def __init__(self, aud: Audience) -> None:
        self.aud = aud
        self.order: list[str] = []
        self.uses: dict[str, list[tuple[str, str]]] = {}

    def mark(self, ids: Iterable[str], rule_id: str = "", section: str = "") -> str:
        """' [1, 3]' for clinicians (empty for patients); records the rule and section."""
        nums = []
        for sid in ids:
            if sid not in self.order:
                self.order.append(sid)
                self.uses[sid] = []
            if (rule_id, section) not in self.uses[sid]:
                self.uses[sid].append((rule_id, section))
            nums.append(self.order.index(sid) + 1)
        if self.aud == "patient" or not nums:
            return ""
        return " [" + ", ".join(str(n) for n in sorted(set(nums))) + "]"


def _criteria_cards(plan: Plan, lang: Lang, aud: Audience, notes: Notes) -> None:
    criteria = plan.diagnosis.criteria
    for i, c in enumerate(criteria):
        if i % 3 == 0:  # one row at a time: phones keep the order
            cols = st.columns(3)
        with cols[i % 3].container(border=True):
            group = f"{t(c.group, lang)} · " if aud == "clinician" else ""
            status = _STATUS.get(c.status, "{}").format(t(c.status, lang))
            st.markdown(f"**{say(c.label, lang, aud)}**  \n{group}**{status}**")
            st.caption(loc(c.evidence, lang) + notes.mark(c.citations, c.rule_id, c.section))


def plan_view(plan: Plan, lang: Lang, aud: Audience, env: dict[str, Any]) -> None:
    """Criteria, work-up, stratum, treatment, supportive care, prognosis, warnings, sources."""
    notes = Notes(aud)
    dx = plan.diagnosis
    st.subheader(t("h_diagnosis", lang))
    st.markdown(
        f"**{say(dx.summary, lang, aud)}**{notes.mark(dx.citations, dx.rule_id, dx.section)}"
    )
    _criteria_cards(plan, lang, aud, notes)
    for flag in dx.flags:
        st.warning(say(flag.text, lang, aud) + notes.mark(flag.citations, flag.rule_id))
    st.subheader(t("h_workup", lang))
    for w in plan.workup:
        cite = notes.mark(w.citations, w.rule_id, w.section)
        st.markdown(f"- **{say(w.label, lang, aud)}** — {say(w.reason, lang, aud)}{cite}")
    if not plan.workup:
        st.caption(t("none", lang))
    st.subheader(t("h_strat", lang))
    s = plan.stratification
    cite = notes.mark(s.citations, s.rule_id, s.section)
    st.markdown(f"**{t(s.status, lang)}** — {say(s.reason, lang, aud)}{cite}")
    _treatment_view(plan, lang, aud, notes)
    _rest_view(plan, lang, aud, notes)
    if aud == "clinician":
        sources_view(notes, lang, env["sources"], env["quote"])


def _treatment_view(plan: Plan, lang: Lang, aud: Audience, notes: Notes) -> None:
    tr = plan.treatment
    st.subheader(t("h_treatment", lang))
    if tr.provisional and tr.primary:
        st.caption(t("provisional", lang))
    for o in tr.primary:
        cite = notes.mark(o.citations, o.rule_id, o.section)
        st.markdown(f"**{say(o.label, lang, aud)}**{cite}  \n{say(o.detail, lang, aud)}")
        for sch in o.schedules if aud == "clinician" else ():
            doses = "; ".join(
                dose_text(c.agent, c.dose, c.unit, loc(c.schedule, lang), lang)
                for c in sch.components
            )
            st.markdown(f"- {loc(sch.name, lang)}: {doses}{notes.mark(sch.citations, o.rule_id)}")
        if o.dose_note and aud == "clinician":
            st.caption(loc(o.dose_note, lang))
    for key, items in (("h_caution", tr.caution), ("h_not_rec", tr.not_recommended)):
        if items:
            st.markdown(f"**{t(key, lang)}**")
        for n in items:
            cite = notes.mark(n.citations, n.rule_id, n.section)
            st.markdown(f"- **{say(n.label, lang, aud)}**: {say(n.reason, lang, aud)}{cite}")
            if n.nuance:
                st.caption(say(n.nuance, lang, aud))
    for flag in tr.transplant_cautions:
        st.warning(say(flag.text, lang, aud) + notes.mark(flag.citations, flag.rule_id))


def _rest_view(plan: Plan, lang: Lang, aud: Audience, notes: Notes) -> None:
    st.subheader(t("h_supportive", lang))
    for item in plan.supportive:
        cite = notes.mark(item.citations, item.rule_id, item.section)
        st.markdown(f"- **{say(item.label, lang, aud)}** — {say(item.reason, lang, aud)}{cite}")
    st.subheader(t("h_prognosis", lang))
    for f in plan.prognosis.adverse_factors:
        cohort = f" — {loc(f.cohort, lang)}" if aud == "clinician" else ""
        st.markdown(f"- **{say(f.label, lang, aud)}**{cohort}{notes.mark(f.citations, f.rule_id)}")
    if not plan.prognosis.adverse_factors:
        st.caption(t("none", lang))
    if aud == "clinician":
        st.subheader(t("h_warnings", lang))
        for w in plan.warnings:
            st.info(say(w.text, lang, aud) + notes.mark(w.citations, w.rule_id, w.section))


def sources_view(notes: Notes, lang: Lang, sources: dict[str, Source], quote: Quote) -> None:
    """Numbered sources, each with an expandable 'how we know'."""
    st.subheader(t("ui_cite_n", lang))
    for n, sid in enumerate(notes.order, start=1):
        src = sources.get(sid)
        title = source_line(src, lang) if src else sid
        with st.expander(f"[{n}] {inline(title, 110)}"):
            st.markdown(f"**{t('ui_how_we_know', lang)}**")
            st.markdown(f"{t('ui_source', lang)}: {inline(title, 600)}")
            st.caption(f"{t('ui_evidence_type', lang)}: {_kind(src, lang)}")
            sections: dict[str, list[str]] = {}
            for rule_id, section in notes.uses[sid]:
                sections.setdefault(section, []).append(rule_id)
            for section, rules in sections.items():
                heading, text = quote(lang, section) if section else ("", "")
                if heading:
                    st.markdown(f"{t('section', lang)}: {inline(heading)}")
                if text:
                    st.markdown(quote_block(text))
                st.caption(f"{t('ui_rule', lang)} {', '.join(sorted({r for r in rules if r}))}")


def _kind(src: Source | None, lang: Lang) -> str:
    return f"{source_type(src, lang)}, {src.year}" if src else "-"

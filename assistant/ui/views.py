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
from assistant.i18n import t
from assistant.plan_view import ViewItem, build_view
from assistant.render import Audience
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


_HEADINGS: dict[str, str] = {
    "workup": "h_workup",
    "stratification": "h_strat",
    "treatment": "h_treatment",
    "caution": "h_caution",
    "not_recommended": "h_not_rec",
    "transplant": "h_transplant",
    "supportive": "h_supportive",
    "prognosis": "h_prognosis",
    "warnings": "h_warnings",
}
_BOXED = {"flags": st.warning, "transplant": st.warning, "warnings": st.info}


def _criteria_cards(items: list[ViewItem], plan: Plan, lang: Lang, notes: Notes) -> None:
    found = {c.code: c for c in plan.diagnosis.criteria}
    for i, item in enumerate(items):
        if i % 3 == 0:  # one row at a time: phones keep the order
            cols = st.columns(3)
        c = found.get(item.code)
        with cols[i % 3].container(border=True):
            group = f"{t(c.group, lang)} · " if c and notes.aud == "clinician" else ""
            status = _STATUS.get(c.status, "{}").format(t(c.status, lang)) if c else ""
            st.markdown(f"**{item.label}**  \n{group}**{status}**")
            st.caption(item.detail + _mark(notes, item))


def _mark(notes: Notes, item: ViewItem) -> str:
    return notes.mark(item.citations, item.rule_id or "", item.guideline_section or "")


def _item_view(item: ViewItem, lang: Lang, notes: Notes) -> None:
    """One plan item: label, detail, doses (clinicians), safety gates."""
    if item.section in _BOXED:
        _BOXED[item.section](item.label + _mark(notes, item))
        return
    label = t(item.code, lang) if item.section == "stratification" else item.label
    detail = item.label if item.section == "stratification" else item.detail
    st.markdown(f"- **{label}**" + (f" — {detail}" if detail else "") + _mark(notes, item))
    for dose in item.doses:
        st.markdown(f"    - {dose}")
    for gate in item.gates:
        st.warning(gate.text, icon=":material/warning:")


def plan_view(plan: Plan, lang: Lang, aud: Audience, env: dict[str, Any]) -> None:
    """Lays out the plan's view items (assistant.plan_view), then the numbered sources."""
    notes = Notes(aud)
    items = list(build_view(plan, lang, aud, env["sources"]))
    summary, criteria = items[0], [i for i in items[1:] if i.section == "diagnosis"]
    st.subheader(t("h_diagnosis", lang))
    st.markdown(f"**{summary.label}**{_mark(notes, summary)}")
    _criteria_cards(criteria, plan, lang, notes)
    shown: set[str] = set()
    for item in items:
        if item.section in ("diagnosis", "monitoring"):  # monitoring: the Follow-up tab
            continue
        heading = _HEADINGS.get(
            "treatment" if item.section == "treatment_withheld" else item.section
        )
        if heading and heading not in shown:
            shown.add(heading)
            st.subheader(t(heading, lang))
            if heading == "h_treatment" and plan.treatment.provisional:
                st.caption(t("provisional", lang))
        _item_view(item, lang, notes)
    if aud == "clinician":
        sources_view(notes, lang, env["sources"], env["quote"])


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

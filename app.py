"""Streamlit workspace for clinicians: chat, case form, plan, calendar, downloads, sources.

Thin over assistant.service: layout and per-session state only; no clinical logic here.
The page shell (title, switches) renders first; the model and index then load under a spinner.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import streamlit as st

from assistant.contracts import Lang
from assistant.i18n import t
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.ui import session
from assistant.ui.about import transparency_view
from assistant.ui.calendar import calendar_view
from assistant.ui.downloads import downloads_view
from assistant.ui.fields import case_to_form
from assistant.ui.form import case_form, flash
from assistant.ui.layout import chat_tab, default_language, guarded, header
from assistant.ui.views import plan_view


@st.cache_resource(show_spinner=False)
def get_service(settings_json: str) -> Assistant:
    """One service per process and settings; the model, index and rules load once, here."""
    service = Assistant(Settings.model_validate_json(settings_json))
    service.ensure_index()
    service.retriever()
    service.chatbook()
    service.rulebook()
    return service


def load(lang: Lang) -> tuple[Assistant, str] | None:
    """The service and knowledge version, with a visible message while they load."""
    with st.spinner(t("ui_loading", lang)):
        return guarded(
            lambda: (lambda s: (s, s.ensure_index().knowledge_version))(
                get_service(Settings().model_dump_json())
            ),
            lang,
            "ui_start_failed",
        )


def quote_lookup(service: Assistant) -> Any:
    """Guideline section text by (language, section id), for "how we know"."""

    def quote(lang: Lang, section: str) -> tuple[str, str]:
        try:
            chunks = service.section_lookup()(lang, section)
        except Exception:  # a missing quote must not hide the plan
            return "", ""
        if not chunks:
            return "", ""
        text = re.sub(r"\s*\[@[^\]]+\]", "", chunks[0].text)
        if len(text) > 600:  # whole sentences only
            text = text[: text.rfind(". ", 0, 600) + 1] + " …"
        return f"{chunks[0].title} — {chunks[0].heading}", text

    return quote


def case_tab(ss: Any, lang: Lang) -> None:
    """The case form; the result of Apply shows right under the button."""
    values = case_form(lang, case_to_form(ss.conv.case, lang), ss.case_errors)
    if values is not None:
        session.apply_form(ss, values)
        st.rerun()
    flash(ss.pop("form_flash", None), lang)


def plan_tabs(ss: Any, service: Assistant, tabs: list[Any], lang: Lang, aud: Any) -> None:
    """Plan (with downloads) and calendar, or a hint when there is no case yet."""
    case = ss.conv.case
    plan = service.plan(case, dt.date.today()) if case else None
    env = {"sources": service.sources(), "quote": quote_lookup(service)}
    with tabs[0]:
        if plan is None:
            st.info(t("ui_no_case", lang))
        else:
            plan_view(plan, lang, aud, env)
            downloads_view(service, case, lang, aud, plan.today)
    with tabs[1]:
        if plan is None:
            st.info(t("ui_no_case", lang))
        else:
            calendar_view(plan, lang, aud)


def main() -> None:
    """Page layout. The UI language is the one chosen; answers follow each question's language."""
    st.set_page_config(page_title="POEMS", page_icon="⚕", layout="wide")
    ss = session.state()
    default_language(ss)
    lang, audience = header(ss)
    loaded = load(lang)
    if loaded is None:
        return
    service, version = loaded
    message = st.chat_input(t("ui_chat_placeholder", lang), max_chars=4000)
    message = message or ss.pop("pending", None)
    if message:
        guarded(lambda: session.run_turn(ss, service, message, audience), lang, "ui_turn_failed")
    answers = guarded(lambda: session.answers(ss, service, audience), lang, "ui_turn_failed")
    keys = ("ui_tab_chat", "ui_tab_case", "ui_tab_plan", "ui_tab_calendar", "ui_tab_about")
    tabs = st.tabs([t(k, lang) for k in keys])
    sources = service.sources()
    with tabs[0]:
        chat_tab(ss, answers or [], sources)
    with tabs[1]:
        case_tab(ss, lang)
    guarded(
        lambda: plan_tabs(ss, service, [tabs[2], tabs[3]], lang, audience), lang, "ui_turn_failed"
    )
    with tabs[4]:
        last = answers[-1] if answers else None
        transparency_view(lang, version, last, sources, ss.conv.case)


main()

"""Streamlit workspace for clinicians: chat, case form, plan, calendar, transparency.

Thin over assistant.service: layout and per-session state only; no clinical logic here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from assistant.contracts import Answer, Lang
from assistant.errors import UserFacingError
from assistant.i18n import t
from assistant.service import Assistant
from assistant.settings import Settings
from assistant.ui import session, views
from assistant.ui.fields import case_to_form


@st.cache_resource(show_spinner=False)
def get_service() -> Assistant:
    """One service per process; the model, index and rules load once, here."""
    service = Assistant(Settings())
    service.retriever()
    service.chatbook()
    service.rulebook()
    return service


def sidebar(ss: Any) -> tuple[Lang, str]:
    """Language and audience switches and a new-conversation button."""
    st.sidebar.radio(
        "Language / Idioma",
        ["English", "Español"],
        key="ui_lang",
        horizontal=True,
        on_change=lambda: ss.update(lang_forced=True),
    )
    lang = session.ui_lang(ss)
    codes = ["clinician", "patient"]
    labels = [t(f"ui_{c}", lang) for c in codes]  # one widget per language keeps its selection
    picked = st.sidebar.radio(
        t("ui_audience", lang),
        labels,
        horizontal=True,
        index=codes.index(ss.get("audience", "clinician")),
        key=f"audience_{lang}",
    )
    audience = codes[labels.index(picked)]
    ss["audience"] = audience
    if st.sidebar.button(t("ui_new_chat", lang), key="new_chat"):
        session.reset(ss)
    return lang, audience


def chat_tab(ss: Any, answers: list[Answer]) -> None:
    """The conversation, each answer with its citations and follow-up buttons."""
    for i, ((_, msg), answer) in enumerate(zip(ss.turns, answers, strict=True)):
        st.chat_message("user").markdown(msg)
        with st.chat_message("assistant"):
            clicked = views.answer_view(answer, key=f"a{i}")
        if clicked:
            ss.pending = clicked
            st.rerun()


def case_tab(ss: Any, lang: Lang) -> None:
    """The case form, with the result of the last submission."""
    flash = ss.pop("form_flash", None)
    if flash:
        (st.error if flash == "ui_case_invalid" else st.success)(t(flash, lang))
    values = views.case_form(lang, case_to_form(ss.conv.case), ss.case_errors)
    if values is not None:
        session.apply_form(ss, values)
        st.rerun()


def main() -> None:
    """Page layout. The UI language follows the conversation until the user picks one."""
    st.set_page_config(page_title="POEMS", page_icon="⚕", layout="wide")
    ss = session.state()
    service = get_service()
    message = st.chat_input(t("ui_chat_placeholder", session.ui_lang(ss))) or ss.pop(
        "pending", None
    )
    try:
        if message:
            forced = session.ui_lang(ss) if ss.lang_forced else None
            before = session.ui_lang(ss)
            session.run_turn(ss, service, message, forced, ss.get("audience", "clinician"))
            if session.ui_lang(ss) != before:
                st.rerun()  # the whole page follows the conversation's language
        lang, audience = sidebar(ss)
        answers = session.answers(ss, service, lang if ss.lang_forced else None, audience)
        manifest = service.ensure_index()
    except UserFacingError as exc:
        st.error(exc.message)
        st.info(exc.hint)
        return
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    tabs = st.tabs(
        [
            t(k, lang)
            for k in (
                "ui_tab_chat",
                "ui_tab_case",
                "ui_tab_plan",
                "ui_tab_calendar",
                "ui_tab_about",
            )
        ]
    )
    with tabs[0]:
        chat_tab(ss, answers)
    with tabs[1]:
        case_tab(ss, lang)
    plan = service.plan(ss.conv.case, dt.date.today()) if ss.conv.case else None
    for tab, view in ((tabs[2], views.plan_view), (tabs[3], views.calendar_view)):
        with tab:
            if plan is None:
                st.info(t("ui_no_case", lang))
            else:
                view(plan, lang, audience)
    with tabs[4]:
        inputs = (
            ss.conv.case.model_dump(mode="json", exclude_defaults=True) if ss.conv.case else None
        )
        views.transparency_view(
            lang,
            manifest.knowledge_version,
            answers[-1] if answers else None,
            service.sources(),
            inputs,
        )
    if plan:
        session.downloads(plan, lang, audience, service, ss)


main()

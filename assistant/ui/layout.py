"""Page furniture for app.py: header switches, start-up, errors, chat turns, scrolling."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from assistant.contracts import Answer, Lang
from assistant.errors import UserFacingError
from assistant.i18n import t
from assistant.ui import session
from assistant.ui.views import answer_view
from assistant.untrusted import neutralise

T = TypeVar("T")
log = logging.getLogger(__name__)
LANGS = ["English", "Español"]


def default_language(ss: Any) -> None:
    """First visit: the browser's language when it is Spanish, else English."""
    if "ui_lang" not in ss:
        locale = str(getattr(st.context, "locale", "") or "")
        ss["ui_lang"] = "Español" if locale.lower().startswith("es") else "English"


def header(ss: Any) -> tuple[Lang, str]:
    """Title, caption, and the language and audience switches in the main area."""
    lang = session.ui_lang(ss)
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    left, mid, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    left.segmented_control("Language / Idioma", LANGS, key="ui_lang", required=True)
    lang = session.ui_lang(ss)
    codes = ["clinician", "patient"]
    ss.setdefault("audience", "clinician")
    mid.segmented_control(
        t("ui_audience", lang),
        codes,
        key="audience",
        required=True,
        format_func=lambda c: t(f"ui_{c}", lang),
    )
    if right.button(t("ui_new_chat", lang), key="new_chat", width="stretch"):
        session.reset(ss)
    return lang, str(ss["audience"])


def guarded(action: Callable[[], T], lang: Lang, failed: str) -> T | None:
    """Run `action`; a user error shows its message and hint, anything else a plain hint."""
    try:
        return action()
    except UserFacingError as exc:
        st.error(exc.message)
        st.info(exc.hint)
    except Exception:  # the page must never show a stack trace
        log.exception("app action failed")
        st.error(t(failed, lang))
        st.info(t("ui_start_hint", lang))
    return None


def chat_tab(ss: Any, answers: list[Answer], sources: dict[str, Any]) -> None:
    """The conversation: user text shown inert, each answer with citations and follow-ups."""
    for i, ((_, msg), answer) in enumerate(zip(ss.turns, answers, strict=False)):
        st.chat_message("user").markdown(neutralise(msg))
        with st.chat_message("assistant"):
            clicked = answer_view(answer, key=f"a{i}", sources=sources)
        if clicked:
            ss.pending = clicked
            st.rerun()
    target = ss.pop("scroll_to", None)
    if target is not None:
        scroll_to_answer(target)


def scroll_to_answer(turn: int) -> None:
    """Bring the start of the newest answer into view (not the end of its citation list)."""
    script = f"""<script>
    // turn {turn}
    const go = () => {{
      const msgs = document.querySelectorAll('[data-testid="stChatMessage"]');
      const last = msgs[msgs.length - 1];
      if (last) last.scrollIntoView({{block: "start"}});
    }};
    [200, 600, 1500].forEach(ms => setTimeout(go, ms));
    </script>"""
    st.html(script, unsafe_allow_javascript=True)

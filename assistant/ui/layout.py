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
from assistant.ui.views import answer_view, unlink
from assistant.untrusted import neutralise

T = TypeVar("T")
log = logging.getLogger(__name__)
LANGS = ["English", "Español"]
_CSS = (
    "<style>[data-testid='stMainBlockContainer']{padding-top:2.5rem}"
    "@media (max-width:640px){[data-testid='stMainBlockContainer'] h1"
    "{font-size:1.5rem !important;padding-top:0}}</style>"
)


def default_language(ss: Any) -> None:
    """First visit: the browser's language when it is Spanish, else English."""
    if "ui_lang" not in ss:
        locale = str(getattr(st.context, "locale", "") or "")
        ss["ui_lang"] = "Español" if locale.lower().startswith("es") else "English"


def header(ss: Any) -> tuple[Lang, str]:
    """Title, caption, and the language and audience switches in the main area."""
    lang = session.ui_lang(ss)
    st.html(_CSS)
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    row = st.container(horizontal=True, vertical_alignment="center", gap="small")
    row.segmented_control(
        t("language", lang), LANGS, key="ui_lang", required=True, label_visibility="collapsed"
    )
    lang = session.ui_lang(ss)
    ss.setdefault("audience", "clinician")
    row.segmented_control(
        t("ui_audience", lang),
        ["clinician", "patient"],
        key="audience",
        required=True,
        format_func=lambda c: t(f"ui_{c}", lang),
        label_visibility="collapsed",
    )
    if row.button(t("ui_new_chat", lang), key="new_chat", icon=":material/add_comment:"):
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
        st.chat_message("user").markdown(unlink(neutralise(msg)))
        with st.chat_message("assistant"):
            clicked = answer_view(answer, key=f"a{i}", sources=sources)
        if clicked:
            ss.pending = clicked
            st.rerun()
    target = ss.pop("scroll_to", None)
    if target is not None:
        scroll_to_answer(target)


def scroll_to_answer(turn: int) -> None:
    """Bring the newest question and the start of its answer into view.

    Streamlit keeps the page pinned to the bottom while a long answer renders (and may pin it
    again after the layout looks stable), so the script re-aligns every 250 ms until the layout
    is stable, then checks every second, for 20 s in all; it stops as soon as the user scrolls,
    clicks or types.
    """
    script = f"""<script>
    (() => {{ // turn {turn}
      let stable = 0, last = -1, user = false;
      const t0 = Date.now();
      const stop = () => {{ user = true; }};
      ["wheel", "touchstart", "keydown", "mousedown"].forEach(
        e => window.addEventListener(e, stop, {{once: true}}));
      const tick = () => {{
        const msgs = document.querySelectorAll('[data-testid="stChatMessage"]');
        const start = msgs[Math.max(msgs.length - 2, 0)];
        if (!start || user || Date.now() - t0 > 20000) return;
        const top = start.getBoundingClientRect().top;
        const height = document.body.scrollHeight + msgs.length;
        if (Math.abs(top) > 2) start.scrollIntoView({{block: "start"}});
        stable = (height === last && Math.abs(top) <= 2) ? stable + 1 : 0;
        last = height;
        setTimeout(tick, stable < 3 ? 250 : 1000);
      }};
      setTimeout(tick, 150);
    }})();
    </script>"""
    st.html(script, unsafe_allow_javascript=True)

"""Per-browser-session state for app.py: conversation turns, replayed answers, the case form."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.case_io import case_from_dict
from assistant.chat import Conversation
from assistant.contracts import Answer, Lang, Plan
from assistant.errors import InputError
from assistant.i18n import t
from assistant.render import Audience, plan_markdown
from assistant.service import Assistant
from assistant.ui.fields import case_to_form, form_to_dict

_FORM_KEYS = {"vegf.value_pg_ml": "vegf_value", "vegf.upper_limit_normal_pg_ml": "vegf_uln"}


def state() -> Any:
    """This session's state, with defaults."""
    ss = st.session_state
    ss.setdefault("conv", Conversation())
    ss.setdefault("turns", [])
    ss.setdefault("case_errors", {})
    ss.setdefault("lang_forced", False)
    return ss


def reset(ss: Any) -> None:
    """A new conversation with an empty case and form."""
    ss.update(conv=Conversation(), turns=[], case_errors={})
    for key in case_to_form(None):
        ss.pop(f"f_{key}", None)


def ui_lang(ss: Any) -> Lang:
    """The language picked in the sidebar."""
    return "es" if ss.get("ui_lang") == "Español" else "en"


def run_turn(ss: Any, service: Assistant, message: str, lang: Lang | None, audience: str) -> None:
    """Answer a message; chat findings fill the case form; the UI follows the answer's language."""
    before = ss.conv.model_copy(update={"forced_lang": lang, "audience": audience})
    _, ss.conv = service.chat(before, message)
    ss.turns = [*ss.turns, (before, message)]
    for key, value in case_to_form(ss.conv.case).items():
        ss[f"f_{key}"] = value
    if not ss.lang_forced and ss.conv.lang:
        ss["ui_lang"] = "Español" if ss.conv.lang == "es" else "English"


def answers(ss: Any, service: Assistant, lang: Lang | None, audience: str) -> list[Answer]:
    """Every turn's answer in the current language and audience (replayed, deterministic)."""
    key = (len(ss.turns), lang, audience)
    if ss.get("answers_key") != key:
        ss.answers = [
            service.chat(b.model_copy(update={"forced_lang": lang, "audience": audience}), m)[0]
            for b, m in ss.turns
        ]
        ss.answers_key = key
    return list(ss.answers)


def apply_form(ss: Any, values: dict[str, Any]) -> None:
    """Validate the form; on success it becomes the conversation's case, else field errors."""
    try:
        case = case_from_dict(form_to_dict(values), "form")
    except InputError as exc:
        ss.case_errors = {
            _FORM_KEYS.get(p.split(":")[0], p.split(":")[0]): p.split(":", 1)[1].strip()
            for p in exc.problems
        }
    else:
        ss.case_errors = {}
        ss.conv = ss.conv.model_copy(update={"case": case})
    ss.form_flash = "ui_case_invalid" if ss.case_errors else "ui_case_saved"


def downloads(plan: Plan, lang: Lang, audience: str, service: Assistant, ss: Any) -> None:
    """Plan as Markdown and JSON, calendar as .ics, patient handout, in the sidebar."""
    from assistant.calendar_export import plan_ics

    aud: Audience = "patient" if audience == "patient" else "clinician"
    st.sidebar.download_button(
        t("ui_download_md", lang),
        plan_markdown(plan, lang, aud),
        file_name=f"poems-plan-{lang}.md",
        key="dl_md",
    )
    st.sidebar.download_button(
        t("ui_download_json", lang),
        plan.model_dump_json(indent=2),
        file_name="poems-plan.json",
        key="dl_json",
    )
    st.sidebar.download_button(
        t("ui_download_ics", lang),
        plan_ics(plan, lang, aud),
        file_name="poems-follow-up.ics",
        key="dl_ics",
    )

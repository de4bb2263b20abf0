"""Per-browser-session state for app.py: conversation turns, replayed answers, the case form."""

from __future__ import annotations

import re
from typing import Any

import streamlit as st
from pydantic import ValidationError

from assistant.chat import Conversation
from assistant.contracts import Answer, Lang, PatientCase
from assistant.contracts.case import contradictions
from assistant.i18n import t
from assistant.service import Assistant
from assistant.ui.fields import BY_NAME, case_to_form, field_label, form_to_dict, number_text

_FORM_KEYS = {"vegf.value_pg_ml": "vegf_value", "vegf.upper_limit_normal_pg_ml": "vegf_uln"}
_WORD = re.compile(r"[a-z][a-z0-9_]+")
_LIMITS = {
    "less_than_equal": ("le", "ui_err_le"),
    "greater_than_equal": ("ge", "ui_err_ge"),
    "less_than": ("lt", "ui_err_lt"),
    "greater_than": ("gt", "ui_err_gt"),
}


def state() -> Any:
    """This session's state, with defaults."""
    ss = st.session_state
    ss.setdefault("conv", Conversation())
    ss.setdefault("turns", [])
    ss.setdefault("case_errors", {})
    return ss


def ui_lang(ss: Any) -> Lang:
    """The language the user picked (the page never switches by itself)."""
    return "es" if ss.get("ui_lang") == "Español" else "en"


def reset(ss: Any) -> None:
    """A new conversation with an empty case and form."""
    ss.update(conv=Conversation(), turns=[], case_errors={})
    for key in case_to_form(None):
        ss.pop(f"f_{key}", None)


def run_turn(ss: Any, service: Assistant, message: str, audience: str) -> None:
    """Answer a message in its own language; chat findings fill the case form."""
    before = ss.conv.model_copy(update={"forced_lang": None, "audience": audience})
    _, ss.conv = service.chat(before, message)
    ss.turns = [*ss.turns, (before, message)]
    ss.scroll_to = len(ss.turns) - 1
    for key, value in case_to_form(ss.conv.case, ui_lang(ss)).items():
        ss[f"f_{key}"] = value


def answers(ss: Any, service: Assistant, audience: str) -> list[Answer]:
    """Every turn's answer for the current audience (replayed only when it changes)."""
    key = (len(ss.turns), audience)
    if ss.get("answers_key") != key:
        done = list(ss.get("answers", [])) if ss.get("answers_aud") == audience else []
        ss.answers = done[: len(ss.turns)] + [
            service.chat(b.model_copy(update={"audience": audience}), m)[0]
            for b, m in ss.turns[len(done) :]
        ]
        ss.answers_key, ss.answers_aud = key, audience
    return list(ss.answers)


def _problem(err: Any, lang: Lang) -> tuple[str, str]:
    where = ".".join(str(p) for p in err["loc"])
    key = _FORM_KEYS.get(where, where.split(".")[0])
    limit = _LIMITS.get(err["type"])
    if limit and limit[0] in err.get("ctx", {}):
        return key, t(limit[1], lang, n=number_text(err["ctx"][limit[0]], lang))
    return key, t("ui_err_value", lang)


def _contradiction(message: str, lang: Lang) -> str:
    names = [w for w in _WORD.findall(message) if w in BY_NAME or w == "bone_lesion_count"]
    labels = ", ".join(dict.fromkeys(field_label(n, lang) for n in names))
    return t("ui_err_contradiction", lang, fields=labels)


def form_errors(data: dict[str, Any], lang: Lang) -> dict[str, str]:
    """Field -> message in `lang` for everything wrong in the form (empty when valid)."""
    try:
        PatientCase.model_validate(data)
    except ValidationError as exc:
        errors = dict(_problem(e, lang) for e in exc.errors() if e["loc"])
        if errors:
            return errors
        case = PatientCase.model_construct(**data)
        return {"case": " ".join(_contradiction(p, lang) for p in contradictions(case))}
    return {}


def apply_form(ss: Any, values: dict[str, Any]) -> None:
    """Validate the form; on success it becomes the conversation's case, else field errors."""
    lang = ui_lang(ss)
    try:
        data = form_to_dict(values)
    except ValueError as exc:
        ss.case_errors = {str(exc): t("ui_date_invalid", lang)}
    else:
        ss.case_errors = form_errors(data, lang)
        if not ss.case_errors:
            ss.conv = ss.conv.model_copy(update={"case": PatientCase.model_validate(data)})
    ss.form_flash = "ui_case_invalid" if ss.case_errors else "ui_case_saved"

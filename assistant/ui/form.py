"""The case form in Streamlit: labels, options, placeholders and messages in the chosen language."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.contracts import Lang
from assistant.i18n import t
from assistant.ui.fields import FIELDS, YES_NO, FormField, date_placeholder, label
from assistant.ui.strings import option_word


def option_label(value: Any, lang: Lang) -> str:
    """A choice shown in `lang`; codes stay codes underneath."""
    if value is None:
        return t("unknown", lang)
    if isinstance(value, bool):
        return t("ui_yes" if value else "ui_no", lang)
    return option_word(str(value), lang)


def _choice(f: FormField, lang: Lang, key: str) -> Any:
    options = YES_NO if f.kind == "bool3" else f.options
    return st.selectbox(
        label(f, lang),
        options,
        key=key,
        format_func=lambda v: option_label(v, lang),
        placeholder=t("ui_choose", lang),
    )


def _widget(f: FormField, lang: Lang, values: dict[str, Any]) -> Any:
    key, name = f"f_{f.name}", label(f, lang)
    if key not in st.session_state:
        st.session_state[key] = values.get(f.name)
    if f.kind in ("tri", "choice", "bool3"):
        return _choice(f, lang, key)
    if f.kind == "multi":
        picked = st.pills(
            name,
            f.options,
            key=key,
            selection_mode="multi",
            format_func=lambda v: option_label(v, lang),
        )
        return list(picked or [])
    if f.kind in ("number", "int"):
        return st.number_input(
            name,
            key=key,
            value=None,
            step=1 if f.kind == "int" else 0.1,
            format="%d" if f.kind == "int" else "%g",
            placeholder=t("unknown", lang),
        )
    if f.kind == "bool":
        return st.checkbox(name, key=key)
    return st.text_input(name, key=key, placeholder=date_placeholder(lang))


def case_form(lang: Lang, values: dict[str, Any], errors: dict[str, str]) -> dict[str, Any] | None:
    """The case form; returns the widget values when submitted, else None."""
    out: dict[str, Any] = {}
    with st.form("case_form"):
        for group in ("findings", "lab", "history"):
            st.markdown(f"**{t('ui_group_' + group, lang)}**")
            fields = [x for x in FIELDS if x.group == group]
            for row in range(0, len(fields), 3):  # one row at a time: phones keep the order
                for col, f in zip(st.columns(3), fields[row : row + 3], strict=False):
                    with col:
                        out[f.name] = _widget(f, lang, values)
                        if f.name in errors:
                            st.error(errors[f.name])
        if "case" in errors:
            st.error(errors["case"])
        submitted = st.form_submit_button(t("ui_apply", lang), type="primary")
    return out if submitted else None


def flash(kind: str | None, lang: Lang) -> None:
    """The result of the last Apply, shown right under the button and as a toast."""
    if not kind:
        return
    if kind == "ui_case_invalid":
        st.error(t(kind, lang))
        st.toast(t(kind, lang), icon=":material/error:")
    else:
        st.success(t("ui_case_saved_where", lang))
        st.toast(t("ui_case_saved_where", lang), icon=":material/check_circle:")

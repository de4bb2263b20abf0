"""The transparency tab: knowledge version, sources of the answer, inputs used, intended use."""

from __future__ import annotations

from typing import Any

import streamlit as st

from assistant.contracts import Answer, Lang, PatientCase, Source
from assistant.i18n import t
from assistant.ui.fields import field_label, number_text
from assistant.ui.strings import OPTION_LABELS, source_line
from assistant.untrusted import inline


def value_text(value: Any, lang: Lang) -> str:
    """A case value in words: labels for codes, numbers as clinicians write them."""
    if isinstance(value, bool):
        return t("ui_yes" if value else "ui_no", lang)
    if isinstance(value, int | float):
        return number_text(value, lang)
    if isinstance(value, list | tuple):
        return ", ".join(value_text(v, lang) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k, lang)}: {value_text(v, lang)}" for k, v in value.items())
    text = str(value)
    return OPTION_LABELS.get(text, {}).get(lang, text)


def inputs_rows(case: PatientCase | None, lang: Lang) -> list[tuple[str, str]]:
    """The case fields that were entered, one labelled row each."""
    if case is None:
        return []
    data = case.model_dump(mode="json", exclude_defaults=True)
    vegf = data.pop("vegf", None)
    rows = [(field_label(k, lang), value_text(v, lang)) for k, v in data.items()]
    if vegf:
        vegf_value = f"{number_text(vegf['value_pg_ml'], lang)} pg/mL"
        rows.append(("VEGF", f"{vegf_value} · {value_text(vegf.get('specimen'), lang)}"))
    return rows


def transparency_view(
    lang: Lang,
    version: str,
    answer: Answer | None,
    sources: dict[str, Source],
    case: PatientCase | None,
) -> None:
    """Knowledge version, sources of the current answer, inputs used, intended use."""
    st.markdown(f"**{t('knowledge_version', lang)}:** {version}")
    st.markdown(f"**{t('ui_sources_answer', lang)}**")
    refs = sorted({r for c in (answer.citations if answer else ()) for r in c.references})
    lines = [f"1. {inline(source_line(sources[r], lang), 600)}" for r in refs if r in sources]
    st.markdown("\n".join(lines) if lines else t("ui_no_answer", lang))
    st.markdown(f"**{t('ui_inputs', lang)}**")
    rows = inputs_rows(case, lang)
    st.markdown("\n".join(f"- **{k}**: {v}" for k, v in rows) or t("ui_no_inputs", lang))
    st.markdown(f"**{t('ui_seed_title', lang)}**")
    st.caption(t("ui_seed_text", lang))
    st.markdown(f"**{t('ui_intended_use', lang)}**")
    st.info(t("ui_intended_text", lang))

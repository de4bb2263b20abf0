"""Every widget label, option, text and chart text the app shows in Spanish is Spanish; the
patient view shows no rule ids, citation keys or hazard ratios.

The page pieces (header, case form, plan, calendar, downloads, sources) run under AppTest from a
small script over the real rulebook and knowledge (no index is needed for them).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from google.protobuf.json_format import MessageToDict
from streamlit.testing.v1 import AppTest

from assistant.knowledge import load_sources
from tests.conftest import KNOWLEDGE

CASE = {
    "age_years": 58,
    "sex": "female",
    "polyneuropathy": "present",
    "monoclonal_plasma_cell_disorder": "present",
    "light_chain": "lambda",
    "heavy_chain": "iga",
    "sclerotic_bone_lesions": "present",
    "bone_lesion_count": 4,
    "marrow_clonal_plasma_cells": "present",
    "organomegaly": "present",
    "endocrinopathy": "present",
    "endocrinopathy_types": ["hypogonadism"],
    "vegf": {"value_pg_ml": 560, "specimen": "unknown"},
    "platelets_10e9_l": 560,
    "egfr_ml_min_1_73m2": 25,
    "pulmonary_hypertension": "present",
    "pleural_effusion": "present",
    "extravascular_volume_overload": "present",
    "transplant_eligible": True,
    "treatment_start_date": "2026-12-01",
}
# English words a Spanish page must not show (lower case, whole words).
ENGLISH = {
    "the", "and", "with", "of", "unknown", "present", "absent", "choose", "select", "option",
    "yyyy", "yes", "none", "patient", "clinician", "literature", "seed", "assistant's", "months",
    "every", "treatment", "follow-up", "case", "sources", "source", "download", "calendar",
    "handout", "date", "basis", "item", "reference", "type", "year", "review", "cohort",
    "guideline", "radiation", "platelets", "lesions", "bone", "marrow", "test", "field", "value",
    "rule", "section", "how", "know", "apply", "new", "conversation", "language", "audience",
    "jan", "feb", "apr", "aug", "dec", "january", "april", "august", "december", "unverified",
    "summary", "evidence", "met", "mandatory", "major", "minor", "serum", "female", "male",
}  # fmt: skip
SNAKE = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")
RULE_ID = re.compile(r"\b[a-z]{2}\.\d{3}\b")
RULE_LINE = re.compile(r"(Regla|Rule) [a-z]{2}\.\d{3}(, [a-z]{2}\.\d{3})*$")
KEYS = set(load_sources(KNOWLEDGE))
SHOWN = ("label", "body", "options", "placeholder", "help", "value", "default")


def _script() -> None:
    import datetime as dt

    import streamlit as st

    from assistant.contracts import PatientCase
    from assistant.service import Assistant
    from assistant.settings import Settings
    from assistant.ui import session
    from assistant.ui.about import transparency_view
    from assistant.ui.calendar import calendar_view
    from assistant.ui.downloads import downloads_view
    from assistant.ui.fields import case_to_form
    from assistant.ui.form import case_form, flash
    from assistant.ui.layout import header
    from assistant.ui.views import plan_view

    ss = session.state()
    lang, aud = header(ss)
    service = Assistant(Settings())
    case = PatientCase.model_validate(ss["test_case"])
    ss.conv = ss.conv.model_copy(update={"case": case})
    plan = service.plan(case, dt.date(2026, 11, 25))
    tabs = st.tabs(["a", "b", "c", "d"])
    with tabs[0]:
        case_form(lang, case_to_form(case, lang), ss.get("test_errors", {}))
        flash("ui_case_saved", lang)
        flash("ui_case_invalid", lang)
    with tabs[1]:
        env = {"sources": service.sources(), "quote": lambda lang, section: ("", "")}
        plan_view(plan, lang, aud, env)
        downloads_view(service, case, lang, aud, plan.today)
    with tabs[2]:
        calendar_view(plan, lang, aud)
    with tabs[3]:
        transparency_view(lang, "2026-11-24+abc", None, service.sources(), case)


def _run(lang: str, audience: str, errors: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["ui_lang"] = "Español" if lang == "es" else "English"
    at.session_state["audience"] = audience
    at.session_state["test_case"] = CASE
    at.session_state["test_errors"] = errors or {}
    at.run()
    assert not at.exception, at.exception
    return at


def _strings(node: Any) -> Iterator[str]:
    """Every displayed string in the element tree (labels, options, bodies, chart texts)."""
    proto = getattr(node, "proto", None)
    if proto is not None and node.type == "arrow_vega_lite_chart":
        yield from _chart_strings(json.loads(proto.spec))
    elif proto is not None:
        data = MessageToDict(proto)
        for key in SHOWN:
            value = data.get(key)
            items = value if isinstance(value, list) else [value]
            yield from (v for v in items if isinstance(v, str))
    for child in getattr(node, "children", {}).values():
        yield from _strings(child)


def _chart_strings(spec: dict[str, Any]) -> Iterator[str]:
    enc = spec.get("encoding", {})
    for channel in enc.values():
        for part in channel if isinstance(channel, list) else [channel]:
            yield str(part.get("title") or "")
            yield str(part.get("axis", {}).get("labelExpr") or "")
    for row in spec.get("data", {}).get("values", []) or []:
        yield from (str(row[k]) for k in ("item", "basis", "when"))
    for ds in spec.get("datasets", {}).values():
        for row in ds:
            yield from (str(row[k]) for k in ("item", "basis", "when"))


def _drop_title(text: str, title: str) -> str:
    """The text without `title`, also where it was cut short with an ellipsis."""
    i = text.find(title[:30])
    while i >= 0:
        k = 30
        while i + k < len(text) and k < len(title) and text[i + k] == title[k]:
            k += 1
        if k == len(title) or text[i + k :].lstrip().startswith("…"):
            text = text[:i] + " " + text[i + k :]
        i = text.find(title[:30], i + 1)
    return text


def _leaks(text: str, published: list[str]) -> list[str]:
    text = re.sub(r":material/[a-z_]+:", " ", text)  # icon names are drawn, not read
    text = RULE_LINE.sub(" ", text)  # rule ids are shown, labelled, for clinicians who want them
    text = re.sub(r"\\(.)", r"\1", text)  # Markdown escapes are not shown
    for title in published:  # titles stay as published (also when cut short)
        text = _drop_title(text, title)
    words = {w.lower().strip("'") for w in re.findall(r"[A-Za-z'-]+", text)}
    hits = sorted(words & ENGLISH)
    codes = SNAKE.findall(text) + RULE_ID.findall(text)
    keys = [k for k in KEYS if re.search(rf"\b{re.escape(k)}\b", text)]
    return hits + codes + keys


@pytest.mark.parametrize("audience", ["clinician", "patient"])
def test_app_spanish_page_has_no_english_or_codes(audience: str) -> None:
    at = _run("es", audience, {"age_years": "x"})
    texts = [s for s in _strings(at._tree) if s.strip() and not s.startswith("<style>")]
    published = [s.reference for s in load_sources(KNOWLEDGE).values()]
    found = {s[:80]: _leaks(s, published) for s in texts}
    leaks = {k: v for k, v in found.items() if v}
    assert not leaks, leaks
    assert any("desconocido" in s for s in texts)
    assert any("dd/mm/aaaa" in s for s in texts)


def test_app_patient_view_shows_no_rule_ids_keys_or_hazard_ratios() -> None:
    for lang in ("en", "es"):
        at = _run(lang, "patient")
        text = "\n".join(_strings(at._tree))
        assert not RULE_ID.findall(text)
        assert not [k for k in KEYS if re.search(rf"\b{re.escape(k)}\b", text)]
        assert not re.search(r"\bHR\s?\d", text)


def test_app_clinician_view_numbers_sources_with_how_we_know() -> None:
    at = _run("en", "clinician")
    labels = [e.label for e in at.expander]
    assert labels and labels[0].startswith("[1] ")
    body = "\n".join(m.value for m in at.expander[0].markdown)
    assert "How we know" in body
    captions = "\n".join(c.value for c in at.expander[0].caption)
    assert RULE_ID.search(captions)


def test_app_numbers_show_as_clinicians_write_them() -> None:
    at = _run("es", "clinician")
    assert at.number_input(key="f_platelets_10e9_l").value == 560
    text = "\n".join(_strings(at._tree))
    assert "560.0" not in text and "560,0" not in text


def test_app_unknown_is_the_start_of_every_optional_field() -> None:
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["ui_lang"] = "English"
    at.session_state["test_case"] = {}
    at.run()
    selects = {s.key: s.value for s in at.selectbox}
    assert selects["f_transplant_eligible"] == "unknown"
    assert selects["f_diffuse_bone_lesions"] == "unknown"
    assert selects["f_vegf_specimen"] == "unknown"
    assert all(v in ("unknown", "diagnosis") for v in selects.values()), selects
    assert all(n.value is None for n in at.number_input)

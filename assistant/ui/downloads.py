"""Every file the CLI makes, offered in the app: handout (PDF, HTML, Markdown), plan, calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from assistant.calendar_export import plan_ics
from assistant.contracts import Lang, PatientCase, Plan
from assistant.education import handout_html, handout_markdown, handout_pdf
from assistant.errors import UserFacingError
from assistant.i18n import t
from assistant.render import Audience, plan_markdown
from assistant.service import Assistant


@dataclass(frozen=True)
class Download:
    """One downloadable file."""

    key: str
    label: str
    data: bytes
    file_name: str
    mime: str


def downloads(
    service: Assistant, case: PatientCase, plan: Plan, lang: Lang, aud: Audience
) -> list[Download]:
    """The files, built by the same functions the CLI uses (`poems handout`, `poems plan`)."""
    handout, book = service.handout(case, lang, plan.today)
    plan_md = plan_markdown(plan, lang, aud, service.sources())
    files = [
        Download("md", t("ui_download_md", lang), plan_md.encode(),
                 f"poems-plan-{lang}.md", "text/markdown"),
        Download("json", t("ui_download_json", lang), plan.model_dump_json(indent=2).encode(),
                 "poems-plan.json", "application/json"),
        Download("ics", t("ui_download_ics", lang), plan_ics(plan, lang, "patient", case),
                 f"poems-follow-up-{lang}.ics", "text/calendar"),
        Download("handout_html", t("ui_download_handout_html", lang),
                 handout_html(handout, book).encode(), f"poems-handout-{lang}.html", "text/html"),
        Download("handout_md", t("ui_download_handout_md", lang),
                 handout_markdown(handout, book).encode(), f"poems-handout-{lang}.md",
                 "text/markdown"),
    ]  # fmt: skip
    try:
        pdf = handout_pdf(handout, book, service.font())
    except UserFacingError:
        return files
    label = t("ui_download_handout_pdf", lang)
    return [Download("handout_pdf", label, pdf, f"poems-handout-{lang}.pdf", "application/pdf"),
            *files]  # fmt: skip


def downloads_view(
    service: Assistant, case: PatientCase, lang: Lang, aud: Audience, today: dt.date
) -> None:
    """Download buttons in the main area (reachable on a phone without the sidebar)."""
    plan = service.plan(case, today)
    st.subheader(t("ui_downloads", lang))
    cols = st.columns(3)
    for i, d in enumerate(downloads(service, case, plan, lang, aud)):
        cols[i % 3].download_button(
            d.label, d.data, file_name=d.file_name, mime=d.mime, key=f"dl_{d.key}_{lang}",
            width="stretch", on_click="ignore",
        )  # fmt: skip

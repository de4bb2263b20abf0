"""Streamlit page: search the POEMS guideline and read the cited passages (thin over service)."""

from __future__ import annotations

import streamlit as st

from assistant.contracts import Lang, Passage
from assistant.errors import UserFacingError
from assistant.i18n import t
from assistant.service import Assistant
from assistant.settings import Settings


@st.cache_resource(show_spinner=False)
def get_service() -> Assistant:
    """One service (embedding model, index) per process."""
    return Assistant(Settings())


def render_passage(p: Passage, lang: Lang, sources: dict[str, object]) -> None:
    """One passage: heading, quoted text, and the references its markers cite."""
    c = p.chunk
    page = f", {t('page', lang)} {c.page}" if c.page else ""
    with st.expander(f"[{p.rank}] {c.title} — {c.heading}{page}", expanded=p.rank <= 3):
        st.markdown(f"> {c.text}")
        st.caption(f"{t('section', lang)}: `{c.section_id}` · {c.source_id} · {c.lang}")
        if c.cites:
            st.markdown(f"**{t('cited_sources', lang)}**")
            for sid in c.cites:
                src = sources.get(sid)
                ref = getattr(src, "reference", sid)
                st.markdown(f"- `{sid}` — {ref}")


def main() -> None:
    """Page layout."""
    st.set_page_config(page_title="POEMS", layout="wide")
    choice = st.sidebar.radio(
        "Language / Idioma", ["English", "Español"], horizontal=True, key="ui_lang"
    )
    lang: Lang = "es" if choice == "Español" else "en"
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang))
    service = get_service()
    query = st.text_input(
        t("search_label", lang), placeholder=t("search_placeholder", lang), key="query"
    )
    if not query.strip():
        return
    try:
        passages = service.search(query.strip())
        sources: dict[str, object] = dict(service.sources())
        manifest = service.status().manifest
    except UserFacingError as exc:
        st.error(exc.message)
        if exc.hint:
            st.info(exc.hint)
        return
    if manifest is not None:
        st.sidebar.caption(f"{t('knowledge_version', lang)}: {manifest.knowledge_version}")
    if not passages:
        st.info(t("no_results", lang))
    st.subheader(f"{t('results_for', lang)}: {query.strip()}")
    for p in passages:
        render_passage(p, lang, sources)


main()

"""User-visible interface strings in English and Spanish (clinical text lives in knowledge/)."""

from __future__ import annotations

from assistant.contracts import Lang

MESSAGES: dict[str, dict[Lang, str]] = {
    "sources": {"en": "Sources", "es": "Fuentes"},
    "page": {"en": "p.", "es": "pág."},
    "no_results": {
        "en": "No passage in the loaded guidelines matches this query.",
        "es": "Ningún pasaje de las guías cargadas responde a esta consulta.",
    },
    "index_built": {
        "en": "Index ready: {chunks} passages ({knowledge}), collection {collection}.",
        "es": "Índice listo: {chunks} pasajes ({knowledge}), colección {collection}.",
    },
    "indexing": {"en": "Indexing", "es": "Indexando"},
    "error": {"en": "Error", "es": "Error"},
    "hint": {"en": "Hint", "es": "Sugerencia"},
    "app_title": {"en": "POEMS guideline assistant", "es": "Asistente de guías del síndrome POEMS"},
    "app_caption": {
        "en": "Decision support for clinicians, not a diagnosis. Every passage shows its source. "
        "Runs offline: no data leaves this machine.",
        "es": "Apoyo a la decisión clínica para profesionales, no un diagnóstico. Cada pasaje "
        "muestra su fuente. Funciona sin conexión: ningún dato sale de este equipo.",
    },
    "search_label": {"en": "Search the guideline", "es": "Buscar en la guía"},
    "search_placeholder": {
        "en": "e.g. radiation dose for localized disease",
        "es": "p. ej., dosis de radioterapia en enfermedad localizada",
    },
    "language": {"en": "Language", "es": "Idioma"},
    "results_for": {"en": "Passages for", "es": "Pasajes para"},
    "knowledge_version": {"en": "Knowledge version", "es": "Versión del conocimiento"},
    "section": {"en": "Section", "es": "Sección"},
    "cited_sources": {"en": "Cited sources", "es": "Fuentes citadas"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    return MESSAGES[key][lang].format(**values)

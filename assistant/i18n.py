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
    "plan_title": {"en": "POEMS management plan", "es": "Plan de manejo del síndrome POEMS"},
    "plan_meta": {
        "en": "Computed for {today} · knowledge {version} · decision support, not a diagnosis",
        "es": "Calculado para el {today} · conocimiento {version} · apoyo a la decisión, "
        "no un diagnóstico",
    },
    "h_diagnosis": {"en": "Diagnosis", "es": "Diagnóstico"},
    "h_workup": {"en": "Work-up still needed", "es": "Estudios pendientes"},
    "h_strat": {"en": "Stratification", "es": "Estratificación"},
    "h_treatment": {"en": "First-line treatment", "es": "Tratamiento de primera línea"},
    "h_relapse": {"en": "Treatment at relapse", "es": "Tratamiento en la recaída"},
    "h_caution": {"en": "Agents needing caution", "es": "Fármacos que exigen cautela"},
    "h_not_rec": {"en": "Not recommended", "es": "No recomendados"},
    "h_transplant": {"en": "Peri-transplant cautions", "es": "Precauciones en torno al trasplante"},
    "h_monitoring": {"en": "Follow-up schedule", "es": "Calendario de seguimiento"},
    "h_supportive": {"en": "Supportive care", "es": "Tratamiento de soporte"},
    "h_prognosis": {"en": "Adverse prognostic factors", "es": "Factores pronósticos adversos"},
    "h_warnings": {"en": "Warnings and disagreements", "es": "Advertencias y discrepancias"},
    "criterion": {"en": "Criterion", "es": "Criterio"},
    "group": {"en": "Group", "es": "Grupo"},
    "status": {"en": "Status", "es": "Estado"},
    "evidence": {"en": "Evidence", "es": "Datos"},
    "test": {"en": "Test", "es": "Prueba"},
    "why": {"en": "Why", "es": "Motivo"},
    "item": {"en": "Item", "es": "Elemento"},
    "interval": {"en": "Interval", "es": "Intervalo"},
    "dates": {"en": "Dates", "es": "Fechas"},
    "factor": {"en": "Factor", "es": "Factor"},
    "cohort": {"en": "Cohort", "es": "Cohorte"},
    "missing": {"en": "Could change the result", "es": "Podrían cambiar el resultado"},
    "japanese": {"en": "Japanese criteria (secondary)", "es": "Criterios japoneses (secundarios)"},
    "months": {"en": "every {n} months", "es": "cada {n} meses"},
    "once": {"en": "fixed points", "es": "puntos fijos"},
    "seed_only": {"en": "seed-only interval", "es": "intervalo solo del documento semilla"},
    "provisional": {
        "en": "Provisional until the diagnosis is confirmed.",
        "es": "Provisional hasta confirmar el diagnóstico.",
    },
    "low_evidence": {"en": "low evidence", "es": "evidencia baja"},
    "none": {"en": "None.", "es": "Ninguno."},
    "nuance": {"en": "Nuance", "es": "Matiz"},
    "doses": {"en": "Doses used in the studies", "es": "Dosis usadas en los estudios"},
    "cycles": {"en": "{n} cycles", "es": "{n} ciclos"},
    "met": {"en": "met", "es": "cumplido"},
    "not_met": {"en": "not met", "es": "no cumplido"},
    "unknown": {"en": "unknown", "es": "desconocido"},
    "mandatory": {"en": "mandatory", "es": "obligatorio"},
    "major": {"en": "major", "es": "mayor"},
    "minor": {"en": "minor", "es": "menor"},
    "localized": {"en": "localized", "es": "localizada"},
    "disseminated": {"en": "disseminated", "es": "diseminada"},
    "undetermined": {"en": "undetermined", "es": "sin determinar"},
    "basis_literature": {"en": "literature", "es": "bibliografía"},
    "basis_seed": {"en": "seed only", "es": "solo semilla"},
    "basis_assistant": {"en": "assistant's choice", "es": "elección del asistente"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    return MESSAGES[key][lang].format(**values)

"""User-visible interface strings in English and Spanish (clinical text lives in knowledge/)."""

from __future__ import annotations

from datetime import date

from assistant.contracts import Lang
from assistant.ui.strings import UI

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
    "seed_only": {
        "en": "interval only in a 2026 AI-generated answer (Dr.Oracle)",
        "es": "intervalo solo en una respuesta de IA de 2026 (Dr.Oracle)",
    },
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
    "for_patient": {"en": "For this patient", "es": "Para este paciente"},
    "hypothetical": {
        "en": "Hypothetical case (not saved to the conversation): {changes}.",
        "es": "Caso hipotético (no se guarda en la conversación): {changes}.",
    },
    "case_updated": {
        "en": "Case updated from your message: {changes}.",
        "es": "Caso actualizado con su mensaje: {changes}.",
    },
    "also_relevant": {"en": "Also relevant", "es": "También relevante"},
    "next_dates": {"en": "next dates", "es": "próximas fechas"},
    "options": {"en": "Options", "es": "Opciones"},
    "missing_criteria": {"en": "Still unknown", "es": "Aún desconocidos"},
    "refusal": {
        "en": "I can only answer questions about POEMS syndrome from the loaded guidelines, so I "
        "cannot help with this one. I can explain the diagnostic criteria, work-up, VEGF, "
        "staging, radiation, systemic therapy and transplantation, drugs that need caution, "
        "follow-up, supportive care, prognosis and relapse, or build a plan from a patient's "
        "findings.",
        "es": "Solo puedo responder preguntas sobre el síndrome POEMS a partir de las guías "
        "cargadas, así que no puedo ayudar con esta. Puedo explicar los criterios "
        "diagnósticos, el estudio, el VEGF, la estadificación, la radioterapia, el tratamiento "
        "sistémico y el trasplante, los fármacos que exigen cautela, el seguimiento, el "
        "tratamiento de soporte, el pronóstico y la recaída, o elaborar un plan a partir de los "
        "datos de un paciente.",
    },
    "no_support": {
        "en": "The loaded guidelines have no passage that answers this.",
        "es": "Las guías cargadas no contienen ningún pasaje que responda a esto.",
    },
    "note": {"en": "Note", "es": "Nota"},
    "from_documents": {"en": "From documents you added", "es": "De los documentos que añadió"},
    "quoted_only": {
        "en": "Quoted as written; these passages are not part of the reviewed guideline and do "
        "not change the plan.",
        "es": "Citados tal cual; estos pasajes no forman parte de la guía revisada y no cambian "
        "el plan.",
    },
    "follow_ups": {"en": "You could ask next", "es": "Puede preguntar a continuación"},
    "chat_intro": {
        "en": "POEMS assistant. Ask a question or describe a patient. /new starts over, "
        "/quit leaves.",
        "es": "Asistente POEMS. Haga una pregunta o describa un paciente. /new empieza de nuevo, "
        "/quit sale.",
    },
    "ui_chat": {"en": "Ask about POEMS", "es": "Pregunte sobre el POEMS"},
    "ui_chat_placeholder": {
        "en": "Ask a question or describe the patient…",
        "es": "Haga una pregunta o describa al paciente…",
    },
    "ui_tab_chat": {"en": "Chat", "es": "Conversación"},
    "ui_tab_case": {"en": "Case", "es": "Caso"},
    "ui_tab_plan": {"en": "Plan", "es": "Plan"},
    "ui_tab_calendar": {"en": "Follow-up", "es": "Seguimiento"},
    "ui_tab_about": {"en": "Sources", "es": "Fuentes"},
    "ui_audience": {"en": "Audience", "es": "Destinatario"},
    "ui_clinician": {"en": "Clinician", "es": "Profesional"},
    "ui_patient": {"en": "Patient", "es": "Paciente"},
    "ui_refused": {
        "en": "This question is outside what the assistant covers.",
        "es": "Esta pregunta queda fuera de lo que cubre el asistente.",
    },
    "ui_apply": {"en": "Apply to the case", "es": "Aplicar al caso"},
    "ui_clear": {"en": "Clear the case", "es": "Borrar el caso"},
    "ui_case_invalid": {
        "en": "Some fields need correcting; the case was not changed.",
        "es": "Hay campos que corregir; el caso no se ha modificado.",
    },
    "ui_case_saved": {"en": "Case updated.", "es": "Caso actualizado."},
    "ui_no_case": {
        "en": "No patient case yet: fill in the form or describe the patient in the chat.",
        "es": "Aún no hay caso: rellene el formulario o describa al paciente en la conversación.",
    },
    "ui_download_md": {"en": "Plan (Markdown)", "es": "Plan (Markdown)"},
    "ui_download_json": {"en": "Plan (JSON)", "es": "Plan (JSON)"},
    "ui_download_ics": {"en": "Calendar (.ics)", "es": "Calendario (.ics)"},
    "ui_new_chat": {"en": "New conversation", "es": "Nueva conversación"},
    "ui_sources_answer": {
        "en": "Sources behind the current answer",
        "es": "Fuentes de la respuesta actual",
    },
    "ui_inputs": {"en": "Patient inputs used", "es": "Datos del paciente utilizados"},
    "ui_intended_use": {"en": "Intended use and limits", "es": "Uso previsto y límites"},
    "ui_intended_text": {
        "en": "Decision support for haematologists and neurologists managing POEMS syndrome. "
        "It is not a diagnosis and does not replace clinical judgement: check every "
        "recommendation against its quoted source. The evidence base is small and mostly "
        "retrospective. Everything runs on this machine; no question, document or patient "
        "data leaves it.",
        "es": "Apoyo a la decisión para hematólogos y neurólogos que atienden el síndrome POEMS. "
        "No es un diagnóstico ni sustituye el juicio clínico: contraste cada recomendación con "
        "su fuente citada. La evidencia es escasa y sobre todo retrospectiva. Todo se ejecuta "
        "en este equipo; ninguna pregunta, documento ni dato del paciente sale de él.",
    },
    "ui_reference": {"en": "Reference", "es": "Referencia"},
    "ui_type": {"en": "Type", "es": "Tipo"},
    "ui_year": {"en": "Year", "es": "Año"},
    "ui_date": {"en": "Date", "es": "Fecha"},
    "ui_basis": {"en": "Basis", "es": "Fundamento"},
    "ui_group_findings": {"en": "Findings", "es": "Hallazgos"},
    "ui_group_lab": {"en": "Laboratory and imaging", "es": "Laboratorio e imagen"},
    "ui_group_history": {"en": "Treatment and history", "es": "Tratamiento y antecedentes"},
    "ui_yes": {"en": "yes", "es": "sí"},
    "ui_no": {"en": "no", "es": "no"},
    "present": {"en": "present", "es": "presente"},
    "absent": {"en": "absent", "es": "ausente"},
    "ui_quote": {"en": "Quoted passage", "es": "Pasaje citado"},
    "ui_section": {"en": "Section", "es": "Sección"},
    "ui_literature": {
        "en": "Literature cited in the passage",
        "es": "Bibliografía citada en el pasaje",
    },
    "ui_visit_chart": {"en": "Planned visits", "es": "Visitas previstas"},
    "basis_literature": {"en": "literature", "es": "bibliografía"},
    "basis_seed": {
        "en": "only the 2026 AI answer (Dr.Oracle)",
        "es": "solo la respuesta de IA de 2026 (Dr.Oracle)",
    },
    "basis_assistant": {"en": "assistant's choice", "es": "elección del asistente"},
}

MESSAGES.update(UI)

REFUSAL_FOLLOW_UPS: dict[Lang, tuple[str, ...]] = {
    "en": (
        "What is the management and follow-up plan for POEMS syndrome?",
        "What are the diagnostic criteria for POEMS syndrome?",
        "Which drugs need caution in POEMS and why?",
    ),
    "es": (
        "¿Cuál es el plan de manejo y seguimiento del síndrome POEMS?",
        "¿Cuáles son los criterios diagnósticos del síndrome POEMS?",
        "¿Qué fármacos exigen cautela en el POEMS y por qué?",
    ),
}


AGENTS: dict[str, dict[Lang, str]] = {
    "melphalan": {"en": "melphalan", "es": "melfalán"},
    "lenalidomide": {"en": "lenalidomide", "es": "lenalidomida"},
    "dexamethasone": {"en": "dexamethasone", "es": "dexametasona"},
    "thalidomide": {"en": "thalidomide", "es": "talidomida"},
}
UNITS = {"mg/m2": "mg/m²", "mg": "mg", "mg/kg": "mg/kg", "Gy": "Gy"}


def dose_text(agent: str, dose: float, unit: str, schedule: str, lang: Lang) -> str:
    """'lenalidomide 25 mg days 1-21 of a 28-day cycle', in `lang`."""
    name = AGENTS.get(agent, {}).get(lang, agent)
    return f"{name} {dose:g} {UNITS.get(unit, unit)} {schedule}"


def t(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    return MESSAGES[key][lang].format(**values)


MONTHS: dict[Lang, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
}  # fmt: skip


def long_date(d: date, lang: Lang) -> str:
    """'1 December 2026' / '1 de diciembre de 2026'."""
    month = MONTHS[lang][d.month - 1]
    return f"{d.day} {month} {d.year}" if lang == "en" else f"{d.day} de {month} de {d.year}"

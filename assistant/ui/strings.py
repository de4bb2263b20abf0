"""Words the app shows besides clinical text: option labels, messages, source descriptions."""

from __future__ import annotations

from assistant.contracts import Lang, Source

L = dict[Lang, str]


def _l(en: str, es: str) -> L:
    return {"en": en, "es": es}


OPTION_LABELS: dict[str, L] = {
    "unknown": _l("unknown", "desconocido"),
    "yes": _l("yes", "sí"),
    "no": _l("no", "no"),
    "present": _l("present", "presente"),
    "absent": _l("absent", "ausente"),
    "female": _l("female", "mujer"),
    "male": _l("male", "varón"),
    "lambda": _l("lambda (λ)", "lambda (λ)"),
    "kappa": _l("kappa (κ)", "kappa (κ)"),
    "igg": _l("IgG", "IgG"),
    "iga": _l("IgA", "IgA"),
    "igm": _l("IgM", "IgM"),
    "none": _l("light chain only", "solo cadena ligera"),
    "diagnosis": _l("at diagnosis", "al diagnóstico"),
    "on_treatment": _l("on treatment", "en tratamiento"),
    "post_treatment": _l("after treatment", "tras el tratamiento"),
    "relapse": _l("relapse", "recaída"),
    "serum": _l("serum", "suero"),
    "plasma": _l("plasma", "plasma"),
    "pet_ct": _l("PET-CT", "PET-TC"),
    "whole_body_ct": _l("whole-body CT", "TC de cuerpo entero"),
    "partial": _l("partial imaging", "imagen parcial"),
    "hypogonadism": _l("hypogonadism", "hipogonadismo"),
    "adrenal_insufficiency": _l("adrenal insufficiency", "insuficiencia suprarrenal"),
    "hypothyroidism": _l("hypothyroidism", "hipotiroidismo"),
    "other_thyroid": _l("other thyroid disease", "otra alteración tiroidea"),
    "diabetes_mellitus": _l("diabetes mellitus", "diabetes mellitus"),
    "hyperprolactinemia": _l("hyperprolactinaemia", "hiperprolactinemia"),
    "hypoparathyroidism": _l("hypoparathyroidism", "hipoparatiroidismo"),
    "pituitary_other": _l("other pituitary axis", "otro eje hipofisario"),
    "iron_deficiency_anemia": _l("iron-deficiency anaemia", "anemia ferropénica"),
    "copd": _l("COPD", "EPOC"),
    "sleep_apnea": _l("sleep apnoea", "apnea del sueño"),
    "active_cancer": _l("active cancer", "cáncer activo"),
    "vasculitis": _l("vasculitis", "vasculitis"),
    "chronic_inflammatory_disease": _l(
        "chronic inflammatory disease", "enfermedad inflamatoria crónica"
    ),
    "recent_acute_illness": _l("recent acute illness", "enfermedad aguda reciente"),
}


def option_word(code: str, lang: Lang) -> str:
    """An option code ('male', 'pet_ct', 'hypogonadism') in `lang`; unknown codes readable."""
    return OPTION_LABELS.get(code, {}).get(lang, code.replace("_", " "))


SOURCE_TYPES: dict[str, L] = {
    "guideline": _l("guideline", "guía clínica"),
    "review": _l("review", "revisión"),
    "prospective_study": _l("prospective study", "estudio prospectivo"),
    "prospective": _l("prospective study", "estudio prospectivo"),
    "retrospective_cohort": _l("retrospective cohort", "cohorte retrospectiva"),
    "rct": _l("randomised trial", "ensayo aleatorizado"),
    "expert_summary": _l("expert summary", "resumen de expertos"),
    "case_series": _l("case series", "serie de casos"),
    "unverified_summary": _l("unverified summary", "resumen no verificado"),
    "meeting_abstract": _l("meeting abstract", "comunicación a congreso"),
}

SEED_ID = "seed2026"
SEED_NAME = _l(
    "a 2026 AI-generated answer from a commercial Q&A site (Dr.Oracle), not peer-reviewed",
    "una respuesta generada por IA en 2026 en un sitio comercial de preguntas y respuestas "
    "(Dr.Oracle), sin revisión por pares",
)

UI: dict[str, L] = {
    "ui_loading": _l(
        "Loading the guideline index and the language model (first start takes a few seconds)…",
        "Cargando el índice de las guías y el modelo de lenguaje (el primer arranque tarda "
        "unos segundos)…",
    ),
    "ui_start_failed": _l("The assistant could not start.", "El asistente no ha podido arrancar."),
    "ui_start_hint": _l(
        "Check POEMS_CHROMA_URL (is the Chroma server running?) and POEMS_MODEL_PATH, then "
        "reload the page. Run `.venv/bin/poems index` in a terminal to see the details.",
        "Revise POEMS_CHROMA_URL (¿está en marcha el servidor de Chroma?) y POEMS_MODEL_PATH y "
        "vuelva a cargar la página. Ejecute `.venv/bin/poems index` en un terminal para ver "
        "los detalles.",
    ),
    "ui_turn_failed": _l(
        "This message could not be answered.", "No se ha podido responder a este mensaje."
    ),
    "ui_date_invalid": _l(
        "Write the date as yyyy-mm-dd, e.g. 2026-12-01.",
        "Escriba la fecha como dd/mm/aaaa, p. ej., 01/12/2026.",
    ),
    "ui_choose": _l("Choose", "Elija"),
    "ui_how_we_know": _l("How we know", "Cómo lo sabemos"),
    "ui_source": _l("Source", "Fuente"),
    "ui_evidence_type": _l("Type of evidence", "Tipo de evidencia"),
    "ui_rule": _l("Rule", "Regla"),
    "ui_seed_title": _l("The starting document", "El documento de partida"),
    "ui_seed_text": _l(
        "The project started from a 2026 AI-generated answer published on a commercial Q&A "
        "site (Dr.Oracle). It is not peer-reviewed. Every claim was checked against the "
        "literature; follow-up intervals found only there are marked as such.",
        "El proyecto partió de una respuesta generada por IA en 2026 y publicada en un sitio "
        "comercial de preguntas y respuestas (Dr.Oracle). No tiene revisión por pares. Cada "
        "afirmación se contrastó con la bibliografía; los intervalos de seguimiento que solo "
        "aparecen en ella se señalan como tales.",
    ),
    "ui_user_doc": _l(
        "From a document you added (quoted as written, not reviewed)",
        "De un documento que usted añadió (citado tal cual, sin revisar)",
    ),
    "ui_downloads": _l("Downloads", "Descargas"),
    "ui_download_handout_md": _l(
        "Patient handout (Markdown)", "Información para el paciente (Markdown)"
    ),
    "ui_download_handout_html": _l(
        "Patient handout (web page)", "Información para el paciente (página web)"
    ),
    "ui_download_handout_pdf": _l("Patient handout (PDF)", "Información para el paciente (PDF)"),
    "ui_handout_unavailable": _l(
        "The PDF handout needs a Unicode font", "La guía en PDF necesita una fuente Unicode"
    ),
    "ui_legend": _l("Where the timing comes from", "De dónde sale el intervalo"),
    "ui_timeline": _l("Visits by date", "Visitas por fecha"),
    "ui_what": _l("What is planned", "Qué está previsto"),
    "ui_field": _l("Field", "Dato"),
    "ui_value": _l("Value", "Valor"),
    "ui_no_inputs": _l("No patient data entered yet.", "Aún no se han introducido datos."),
    "ui_no_answer": _l(
        "Ask a question in the chat to see its sources here.",
        "Haga una pregunta en la conversación para ver aquí sus fuentes.",
    ),
    "ui_cite_n": _l("Sources", "Fuentes"),
    "ui_case_saved_where": _l(
        "Case updated: see the Plan and Follow-up tabs.",
        "Caso actualizado: vea las pestañas Plan y Seguimiento.",
    ),
    "ui_err_le": _l("Must be at most {n}.", "Debe ser como máximo {n}."),
    "ui_err_ge": _l("Must be at least {n}.", "Debe ser como mínimo {n}."),
    "ui_err_lt": _l("Must be less than {n}.", "Debe ser menor que {n}."),
    "ui_err_gt": _l("Must be more than {n}.", "Debe ser mayor que {n}."),
    "ui_err_value": _l("This value is not valid here.", "Este valor no es válido aquí."),
    "ui_err_contradiction": _l(
        "These entries contradict each other: {fields}. Correct one of them.",
        "Estos datos se contradicen: {fields}. Corrija uno de ellos.",
    ),
}


def source_type(src: Source, lang: Lang) -> str:
    """The evidence type in words."""
    return SOURCE_TYPES.get(src.type, {}).get(lang, src.type.replace("_", " "))


def source_line(src: Source, lang: Lang) -> str:
    """'Reference (evidence type, year)': titles as published; the seed named for what it is."""
    if src.id == SEED_ID:
        return f"{SEED_NAME[lang][0].upper()}{SEED_NAME[lang][1:]} ({src.year})"
    return f"{src.reference} ({source_type(src, lang)}, {src.year})"

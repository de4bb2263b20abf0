"""The reference question, in English, Spanish and English answered in Spanish, is answered at
least as completely as the seed document, with its corrections and every sentence cited."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.contracts import Answer
from assistant.service import Assistant
from tests.chat.checks import uncited_clinical_lines, unquoted_sentences, unresolved_citations

pytestmark = pytest.mark.slow
SEED_EN = (
    "What is the management and follow-up plan for a patient diagnosed with POEMS "
    "(Polyneuropathy, Organomegaly, Endocrinopathy, Monoclonal gammopathy, and Skin changes) "
    "syndrome?"
)
SEED_ES = "¿Cuál es el plan de manejo y seguimiento de un paciente diagnosticado de síndrome POEMS?"
TOPICS = {
    "en": {
        "criteria": r"both mandatory major criteria",
        "work-up": r"immunofixation",
        "stratification": r"1 to 3 bone lesions",
        "localized therapy and dose": r"40-50 Gy",
        "localized outcome": r"4-year overall survival was 97%",
        "disseminated -> systemic": r"Disseminated disease needs systemic therapy",
        "lenalidomide doses": r"lenalidomide 10 mg daily.*\n(.*\n)*.*25 mg on days 1-21",
        "MDex outcome": r"80\.6%",
        "transplant": r"(?i)melphalan 200 mg/m²",
        "transplant outcome": r"overall survival was 94% at 5 years",
        "thalidomide caution and why": r"[Tt]halidomide is not a first choice because it can",
        "bortezomib caution": r"risk of aggravating the neuropathy",
        "response timeline": r"nerve recovery starts around 3 months",
        "monitoring intervals": r"every 6 months",
        "seed intervals marked": r"come from the seed document only",
        "antiplatelet for all": r"antiplatelet prophylaxis \(for example aspirin\) for all",
        "platelet disagreement": r"400,000/µL",
        "prognosis": r"HR 8\.25",
        "myeloma distinction": r"classic complications of myeloma rarely develop",
    },
    "es": {
        "criteria": r"dos criterios mayores obligatorios",
        "work-up": r"inmunofijación",
        "stratification": r"de 1 a 3 lesiones óseas",
        "localized therapy and dose": r"40-50 Gy",
        "localized outcome": r"supervivencia global a 4 años fue del 97 %",
        "disseminated -> systemic": r"La enfermedad diseminada requiere tratamiento sistémico",
        "lenalidomide doses": r"lenalidomida 10 mg al día.*\n(.*\n)*.*25 mg los días 1-21",
        "MDex outcome": r"80,6 %",
        "transplant": r"(?i)melfalán 200 mg/m²",
        "transplant outcome": r"SG\) del 94 % a los 5 años",
        "thalidomide caution and why": r"talidomida no es de primera elección porque puede",
        "bortezomib caution": r"riesgo de agravar la neuropatía",
        "response timeline": r"recuperación neurológica empieza hacia los 3 meses",
        "monitoring intervals": r"cada 6 meses",
        "seed intervals marked": r"proceden solo del documento semilla",
        "antiplatelet for all": r"antiagregación profiláctica \(por ejemplo, con ácido",
        "platelet disagreement": r"400 000/µL",
        "prognosis": r"HR 8,25",
        "myeloma distinction": r"complicaciones clásicas del mieloma rara vez aparecen",
    },
}


def _check(answer: Answer, lang: str) -> None:
    assert answer.lang == lang and answer.intent == "overview" and not answer.refused
    missing = [k for k, p in TOPICS[lang].items() if not re.search(p, answer.text)]
    assert missing == []
    assert unresolved_citations(answer) == []
    assert uncited_clinical_lines(answer) == []
    assert unquoted_sentences(answer) == []
    for line in answer.text.splitlines():  # the 2-year PFS / 5-year OS mix-up is never repeated
        if re.search(r"94 ?%", line) and re.search(r"2 (years|años)|2-year", line):
            assert re.search(r"wrong|errónea|disagree|discrepan|in fact|en realidad", line), line


def test_seed_question_in_english(built_service: Assistant) -> None:
    _check(built_service.ask(SEED_EN, today=date(2026, 11, 24)), "en")


def test_seed_question_in_spanish(built_service: Assistant) -> None:
    _check(built_service.ask(SEED_ES, today=date(2026, 11, 24)), "es")


def test_seed_question_in_english_answered_in_spanish(built_service: Assistant) -> None:
    answer = built_service.ask(SEED_EN, lang="es", today=date(2026, 11, 24))
    _check(answer, "es")
    assert answer.case is None  # the syndrome's name is not taken as findings

"""Round-21 chat behaviours (#12): diagnosis questions a clinician asks in few words -- who gets
POEMS, how long the diagnosis takes, whether cytopenias fit, the median-nerve TLI, CIDP with a
POEMS feature, AL amyloidosis against POEMS."""

from __future__ import annotations

import pytest

from tests.chat.checks import ask, leads_with
from tests.fakes import FakeChatEngine

# question, what the first two bullets must say
ANSWERED = [
    ("Is POEMS mostly a guy thing?", r"(?i)male predominance"),
    ("¿POEMS es más frecuente en hombres?", r"predominio masculino"),
    ("What's the typical age of onset?", r"(?i)sixth decade"),
    (
        "How long does it usually take to get the diagnosis, and how often is it labelled "
        "CIDP first?",
        r"12-16 months",
    ),
    ("¿Cuánto se tarda en diagnosticar POEMS?", r"12 a 16 meses"),
    ("Hb 9, PLT 90k with an IgA lambda clone and neuropathy - fits POEMS?", r"(?i)unusual"),
    (
        "Anemia y plaquetas bajas con gammapatía lambda y polineuropatía, ¿encaja con POEMS?",
        r"(?i)raras",
    ),
    (
        "CIDP not responding to IVIG, platelets of 620k. Should I think POEMS?",
        r"(?i)thrombocytosis",
    ),
    (
        "Paciente con CIDP refractaria a IgIV y plaquetas de 580.000, ¿pensar en POEMS?",
        r"trombocitosis",
    ),
    ("Median nerve terminal latency index 0.42: does that argue for POEMS over CIDP?", r"0[.]38"),
    ("¿Un ILT del mediano de 0,40 orienta a POEMS o a CIDP?", r"0,38"),
    (
        "Lambda clone with painful neuropathy: how do I tell AL amyloidosis from POEMS?",
        r"(?i)autonomic",
    ),
]


# family messages and clinician requests that opened with a neighbouring passage
FOLLOW_UP = [
    (
        "Mi tío tuvo una embolia cerebral y ahí le encontraron el POEMS. ¿Es común que esta "
        "enfermedad dé embolias en el cerebro?",
        "patient",
        r"26 %",
    ),
    (
        "A mi padre le han encontrado la hemoglobina muy alta y el bazo grande por el POEMS. La "
        "vecina toma Xarelto. ¿Qué se usa en su caso para prevenir los trombos?",
        "patient",
        r"(?i)riesgo",
    ),
    (
        "Le diagnosticaron POEMS y aún no tiene tratamiento. ¿Cuándo es más peligroso lo de "
        "los trombos? ¿Hay que esperar a que empiece el tratamiento para protegerle?",
        "patient",
        r"3 primeros meses",
    ),
    (
        "The echo says PASP 58 mmHg, moderate pulmonary hypertension. Is this common in POEMS? "
        "Can it get better once the treatment works?",
        "patient",
        r"27%",
    ),
    (
        "Paciente con POEMS en tto con Rd, quiero documentar la evolución de la neuropatía. "
        "¿Qué escalas y cada cuándo?",
        "clinician",
        r"ONLS",
    ),
]


@pytest.mark.parametrize(("question", "audience", "head"), FOLLOW_UP)
def test_supportive_and_follow_up_lead(
    engine: FakeChatEngine, question: str, audience: str, head: str
) -> None:
    """Stroke share, the choice of antithrombotic, the clot window, pulmonary hypertension and
    the neuropathy scales lead their answers."""
    assert leads_with(engine, question, audience, head) is None


@pytest.mark.parametrize(("question", "head"), ANSWERED)
def test_diagnosis_questions_lead_with_the_fact(
    engine: FakeChatEngine, question: str, head: str
) -> None:
    """Each was declined, or opened with a neighbouring fact, before this round."""
    assert leads_with(engine, question, "clinician", head) is None


@pytest.mark.parametrize(
    "question",
    [
        "IVIG dose for CIDP?",
        "How long do you treat CIDP with IVIG?",
        "Platelets 90k on chemotherapy for breast cancer: what dose of filgrastim?",
    ],
)
def test_neighbouring_diseases_stay_out(engine: FakeChatEngine, question: str) -> None:
    """A CIDP question without a POEMS feature, or a count in another disease, is declined."""
    assert ask(engine, question, "clinician").refused

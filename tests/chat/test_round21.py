"""Round-21 chat behaviours (#12): diagnosis questions a clinician asks in few words -- who gets
POEMS, how long the diagnosis takes, whether cytopenias fit, the median-nerve TLI, CIDP with a
POEMS feature, AL amyloidosis against POEMS."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets, leads_with
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


UNFIT = [
    (
        "Mi papá tiene 76 años y POEMS diseminado. Le dijeron que por el corazón no puede "
        "hacerse el trasplante. ¿Qué tratamiento le corresponde entonces?",
        r"melfalán-dexametasona y lenalidomida-dexametasona",
    ),
    (
        "My dad has disseminated POEMS; they said he can't have the transplant because of his "
        "heart. What treatment is right for him then?",
        r"melphalan-dexamethasone and lenalidomide-dexamethasone",
    ),
]


@pytest.mark.parametrize("audience", ["clinician", "patient"])
@pytest.mark.parametrize(("question", "head"), UNFIT)
def test_disseminated_and_unfit_for_transplant(
    engine: FakeChatEngine, question: str, head: str, audience: str
) -> None:
    """The stratum and the transplant refusal told before the question pick the leads: the
    non-transplant options come first, and neither radiation nor the transplant is offered in
    the first bullets. The refusal is recorded in the case."""
    answer = ask(engine, question, audience)
    assert answer.case is not None and answer.case.transplant_eligible is False
    bullets = first_bullets(answer, 2)
    assert re.search(head, bullets), bullets
    assert not re.search(r"(?i)radiation|radioterapia|autologous|autólogo", bullets), bullets


@pytest.mark.parametrize(
    ("question", "head"),
    [
        ("Mi abuelo tiene 80 años y POEMS. ¿Qué tratamiento le pueden dar?", r"(?i)radioterapia"),
        (
            "72F with POEMS, not a transplant candidate. What are the treatment options?",
            r"(?i)radiation",
        ),
    ],
)
def test_background_alone_does_not_lead(engine: FakeChatEngine, question: str, head: str) -> None:
    """Age, sex and transplant eligibility bear on no criterion: the plan from them can only
    say the diagnosis is not established, so the guideline's answer comes first and that plan
    follows (the case is kept, and its cautions still show)."""
    answer = ask(engine, question, "clinician")
    assert answer.case is not None
    first = first_bullets(answer, 1)
    assert re.search(head, first), first
    assert not re.search(r"(?i)more tests|not establish|hacen falta|no establecen", first), first


@pytest.mark.parametrize(
    "question",
    [
        "My dad can't have a transplant. How long will he be on lenalidomide for POEMS?",
        "My dad's VEGF is still high after RT, what now?",
        "They're saying it's POEMS. What's the first-line treatment?",
    ],
)
def test_contractions_are_not_typos(engine: FakeChatEngine, question: str) -> None:
    """ "can't" was shown as read as "cant": contractions and possessives are never repaired."""
    answer = ask(engine, question, "patient")
    assert not re.search(r"Read as|Se ha leído", answer.text), answer.text[-300:]


# fresh probe questions (written from the fact sheet, kept outside the repository) that were
# declined: neurophysiology words, endocrine axes, the team, Castleman, a survival series,
# a change of VEGF specimen, and lay names for the nerve test and the eye exam
PROBED = [
    ("¿Qué proporción tiene afectados dos o más ejes endocrinos?", "clinician", r"54 %"),
    (
        "Prominent conduction block, lots of temporal dispersion, sural sparing. Does that argue "
        "against POEMS?",
        "clinician",
        r"(?i)conduction block",
    ),
    (
        "Is the axonal component more severe in POEMS? CMAP amplitudes, fibs?",
        "clinician",
        r"axonal",
    ),
    (
        "¿Qué especialistas deberían participar en el estudio de un POEMS?",
        "clinician",
        r"multidisciplinar",
    ),
    (
        "Can a pathologist tell POEMS-associated Castleman apart from idiopathic MCD?",
        "clinician",
        r"(?i)histology",
    ),
    ("Old Mayo 2003 series: median OS and which features were adverse?", "clinician", r"165"),
    (
        "Pt moved hospitals; old VEGF was plasma, new lab reports serum. Can I compare the trend?",
        "clinician",
        r"(?i)never be compared",
    ),
    (
        "What does the nerve test (the one with the little shocks) show in POEMS?",
        "patient",
        r"(?i)nerve conduction",
    ),
    ("Why did the doctor look in the back of my eyes?", "patient", r"(?i)papilledema"),
    (
        "Los médicos me hablaron de la enfermedad de Castleman, ¿eso qué es y qué tiene que ver?",
        "patient",
        r"Castleman",
    ),
    (
        "Mi madre casi no se puede levantar de la silla, ¿la gente tan afectada mejora?",
        "patient",
        r"45 %",
    ),
    ("Should I watch my sugar? Someone said POEMS can affect blood sugar", "patient", r"48%"),
]


@pytest.mark.parametrize(("question", "audience", "head"), FOLLOW_UP + PROBED)
def test_supportive_and_follow_up_lead(
    engine: FakeChatEngine, question: str, audience: str, head: str
) -> None:
    """Stroke share, the choice of antithrombotic, the clot window, pulmonary hypertension, the
    neuropathy scales and the probe questions lead their answers."""
    assert leads_with(engine, question, audience, head) is None


@pytest.mark.parametrize(
    "question",
    [
        "Déficit de B12 con neuropatía, pauta de cianocobalamina intramuscular",
        "pregabalin titration for diabetic painful neuropathy, eGFR 45",
        "Amiloidosis hereditaria por transtiretina con polineuropatía: tafamidis o patisirán",
        "GBS: when to give a second IVIG course?",
        "Dosis de acenocumarol para FA en paciente de 80 años",
        "IV iron dose calculation (Ganzoni) for a 60 kg woman Hb 8.5",
    ],
)
def test_other_neuropathies_and_diseases_declined(engine: FakeChatEngine, question: str) -> None:
    """Each was answered (a finding in it made it look like a POEMS case): another cause of
    neuropathy, or another disease's treatment, is declined."""
    assert ask(engine, question, "clinician").refused

"""Round-22 chat behaviours (#12): relapse after radiation in a patient never transplanted, the
serum-against-plasma VEGF questions that must open with the safe answer, cohort and number
questions answered with the figure asked for, "does X count?" answered with the rule, general
questions that are not a patient, and dictionary words the speller no longer rewrites."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets, leads_with
from tests.fakes import FakeChatEngine

# question, what the first two bullets must say
ANSWERED = [
    # a first transplant for the transplant-naive (not a "second ASCT")
    (
        "Relapse 18 months after radiotherapy to a single plasmacytoma; she never had a "
        "transplant and is fit. What are the options?",
        r"(?i)never had one",
    ),
    (
        "Recaída a los 2 años de la radioterapia, sin TAPH previo y en buen estado: ¿qué le "
        "ofrecemos?",
        r"nunca lo ha recibido",
    ),
    # serum VEGF is never read against the plasma threshold
    ("Serum is all our lab measures. Can I use the 200 pg/mL cut-off?", r"never be compared"),
    ("Un VEGF sérico de 1800, ¿lo cuento como criterio mayor?", r"nunca se debe comparar"),
    ("Is the 1920 pg/mL serum cut-off that reviews quote validated?", r"could not be checked"),
    ("Solo tengo VEGF en plasma: ¿puedo aplicar los criterios japoneses?", r"no son evaluables"),
    (
        "Serum VEGF a little above the upper limit in a man with COPD and sleep apnoea: how "
        "much weight does it carry?",
        r"COPD",
    ),
    # the figure asked for, from the cohort asked about
    ("Which endocrinopathy is the most common in POEMS?", r"79%"),
    ("¿Con qué frecuencia hay hiperprolactinemia en el POEMS?", r"10 de 35"),
    ("Is screening VEGF in acquired demyelinating neuropathy cost-effective?", r"cost-saving"),
    ("When does a second relapse usually come?", r"26 months"),
    ("What proportion of POEMS patients have Castleman disease?", r"11-25%"),
    ("EBMT transplant registry: what were the 3-year PFS and OS?", r"127"),
    ("What was the 5-year overall survival after ASCT?", r"94% at 5 years"),
    ("¿Qué mortalidad tiene el TAPH en el POEMS?", r"3 %"),
    ("What goes into the PUMCH nomogram?", r"4[.]07"),
    ("Daratumumab for refractory POEMS: what response rates were seen?", r"54%"),
    ("After the transplant, when should VEGF reach a plateau?", r"plateau"),
    # "does X count?" answered with the rule
    ("Does pulmonary hypertension count as a diagnostic criterion?", r"not counted"),
    ("Ascites and leg oedema: which criterion does that meet?", r"Extravascular volume"),
    ("Isolated hypothyroidism on thyroxine: can it be the minor criterion?", r"on its own"),
    ("Anemia y trombopenia en un POEMS en estudio, ¿qué sugieren?", r"raras"),
    ("¿Hay preservación sural en el POEMS?", r"no se respeta el nervio sural"),
]


def test_relapse_after_a_transplant_is_not_offered_a_first_one(engine: FakeChatEngine) -> None:
    answer = ask(engine, "Relapsed 3 years after his transplant. What are the options?")
    bullets = first_bullets(answer, 2)
    assert "never had one" not in bullets
    assert re.search(r"(?i)options with data|lenalidomide", bullets), bullets


def test_progression_after_radiation_is_not_an_undiagnosed_patient(
    engine: FakeChatEngine,
) -> None:
    """Treated before, so POEMS was diagnosed: no "the diagnosis is not established" part."""
    answer = ask(
        engine,
        "Progression 2 yrs after RT for a solitary lesion, transplant-naive, fit. Options?",
    )
    assert answer.case is not None and answer.case.prior_radiation is True
    assert answer.case.prior_asct is False and answer.case.phase == "relapse"
    assert "establish the diagnosis" not in answer.text
    assert re.search(r"(?i)never had one", first_bullets(answer, 2))


@pytest.mark.parametrize(
    "question",
    [
        "Frecuencia de lesiones óseas escleróticas en las series de POEMS",
        "Alteraciones cutáneas típicas del síndrome POEMS",
        "nerve biopsy - anything that distinguishes POEMS from CIDP histologically",
        "I keep reading about a serum VEGF cutoff of ~1920 pg/mL. Is that validated?",
    ],
)
def test_general_questions_do_not_make_a_patient(engine: FakeChatEngine, question: str) -> None:
    answer = ask(engine, question)
    assert not answer.refused
    assert answer.case is None, answer.case
    assert "Not enough data" not in answer.text and "Faltan datos" not in answer.text


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("Commonest endocrinopathy in POEMS?", "commonest"),
        ("¿Es coste-efectivo pedir VEGF en la neuropatía desmielinizante?", "coste"),
        ("Small-fibre neuropathy with autonomic failure: POEMS or AL amyloidosis?", "fibre"),
        ("Anemia y trombopenia en un POEMS, ¿qué sugieren?", "trombopenia"),
    ],
)
def test_dictionary_words_are_not_repaired(
    engine: FakeChatEngine, question: str, word: str
) -> None:
    answer = ask(engine, question)
    assert not any(f"“{word}”" in n for n in answer.notes), answer.notes


def test_typos_are_still_repaired(engine: FakeChatEngine) -> None:
    speller = engine.lexicon().speller
    assert speller.fix("pruebsa") == "pruebas"
    assert speller.fix("commonest") is None
    assert speller.fix("preservación") is None


# patients' own questions: each opens with what was asked, and a common word beside its
# subject ("why", "what", "cortisone") does not take over other questions
PATIENT = [
    ("The eye doctor says my optic nerve is swollen. Is that the POEMS?", r"(?i)papilledema"),
    ("¿Para qué me tienen que pinchar la médula del hueso?", r"células plasmáticas clonales"),
    ("The letter says 'lambda light chain'. What does that mean?", r"(?i)lambda"),
    ("¿La quimio me puede causar otro cáncer más adelante?", r"mielodisplásico"),
    ("Will the feeling in my feet ever come back?", r"(?i)nerve recovery starts"),
    (
        "Three months after the transplant my legs are no better. Did it not work?",
        r"(?i)treatment failure",
    ),
    ("¿Cuánto se vive con esta enfermedad?", r"muchos años"),
    ("My VEGF has come down a lot but I feel the same. Is that good news?", r"sign of response"),
    ("Why is my testosterone low? Is it because of POEMS?", r"79%"),
    ("¿Qué buscan con el PET?", r"contar las lesiones"),
    ("¿Con cortisona solamente se cura?", r"temporal"),
    ("Will I need check-ups for the rest of my life?", r"(?i)never ends"),
    ("My wife can't walk without a walker now. Is that common?", r"35%"),
]


@pytest.mark.parametrize(("question", "head"), PATIENT)
def test_patient_questions_lead_with_the_fact(
    engine: FakeChatEngine, question: str, head: str
) -> None:
    assert leads_with(engine, question, "patient", head) is None


@pytest.mark.parametrize(
    ("question", "not_head"),
    [
        # an adrenal question names hydrocortisone, not cortisone alone
        ("Do I need hydrocortisone if my cortisol is low?", r"(?i)temporar"),
        # a marrow question about staging is not "why the biopsy"
        ("Marrow negative and two lesions: radiation?", r"(?i)documents clonal"),
        # a list of tests told, "why so many tests?" asked: not the marrow or the PET alone
        (
            "A mi padre le hicieron punción de médula, PET, ecocardiograma y análisis de "
            "hormonas. ¿Para qué le hacen tantas pruebas?",
            r"documentan las células plasmáticas|permite contar las lesiones",
        ),
        # plasma exchange is not a plasma VEGF, and "prognosis" is not the 6-month landmark
        (
            "¿Sirve el recambio plasmático como puente con VEGF elevado mientras se organiza "
            "el TASPE?",
            r"200 pg/mL",
        ),
        (
            "En tto con Rd: a los 6 meses VEGF normalizado pero la inmunofijación sigue "
            "positiva. ¿Importa para el pronóstico?",
            r"1040",
        ),
        # VEGF fell on the anti-VEGF antibody: not "a falling VEGF is a sign of response"
        (
            "His VEGF fell a lot after the anti-VEGF infusion but he feels worse. Is the "
            "medicine working?",
            r"(?i)sign of response",
        ),
    ],
)
def test_narrow_triggers_leave_other_questions_alone(
    engine: FakeChatEngine, question: str, not_head: str
) -> None:
    answer = ask(engine, question)
    assert not re.search(not_head, first_bullets(answer, 2)), first_bullets(answer, 2)


def test_which_stratum_is_answered_from_the_findings(engine: FakeChatEngine) -> None:
    """One sclerotic lesion and a clean marrow: limited disease, not the disseminated rule."""
    answer = ask(
        engine,
        "Single sclerotic iliac lesion, marrow negative for clonal PCs. Limited or disseminated?",
    )
    assert answer.case is not None and answer.case.bone_lesion_count == 1
    assert re.search(r"(?i)localized when", first_bullets(answer, 1)), first_bullets(answer, 2)


def test_a_schedule_is_not_a_vegf_value(engine: FakeChatEngine) -> None:
    answer = ask(engine, "VEGF stays normal on 6-monthly checks. Can I say he hasn't relapsed?")
    assert answer.case is None and not any("unit" in n for n in answer.notes), answer.notes


def test_on_treatment_is_not_an_undiagnosed_patient(engine: FakeChatEngine) -> None:
    answer = ask(engine, "Serum VEGF 980 pg/mL at 6 months after starting Rd. Relapse risk?")
    assert "establish the diagnosis" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "¿Cómo se valora la respuesta si el componente monoclonal es casi indetectable?",
        "Risk factors for progression after ASCT? heard IgG lambda is bad",
    ],
)
def test_a_supposition_or_hearsay_about_no_one_is_not_a_case(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.case is None and not answer.hypothetical, answer.text[:300]


def test_a_what_if_about_the_patient_is_still_hypothetical(engine: FakeChatEngine) -> None:
    answer = ask(engine, "What if he had a positive marrow?")
    assert answer.hypothetical and answer.case is not None


def test_salvage_data_question_opens_with_the_options(engine: FakeChatEngine) -> None:
    answer = ask(engine, "Relapse after ASCT: which salvage has data - IMiDs, dara, RT?")
    assert re.search(r"(?i)options with data", first_bullets(answer, 1)), first_bullets(answer)


# numbers and rules asked for in few words: the sentence that holds them leads
NUMBERS = [
    ("How often do Japanese centres check VEGF in very active disease?", r"(?i)monthly"),
    ("¿Cómo evoluciona el NIS a largo plazo tras el trasplante?", r"66"),
    ("ECOG before and after ASCT in the Japanese registry?", r"33[.]7"),
    ("After ASCT, how many still need a wheelchair or a foot brace?", r"45%"),
    ("Tras la radioterapia, ¿qué porcentaje logra respuesta hematológica?", r"31 %"),
    ("When do I repeat the PET after radiotherapy?", r"3 months"),
    ("¿Cuántos meses espero tras la RT antes de añadir tratamiento sistémico?", r"3 y 6"),
    ("Does VEGF track clinical improvement better than the haematologic response?", r"clinical"),
    ("On MDex, when does nerve improvement start?", r"77%"),
    ("When during the disease do most thromboses happen?", r"21%"),
    ("¿Cuánto pesa un FGe <30 como factor pronóstico?", r"8,25"),
    ("Which symptoms point to POEMS rather than CIDP?", r"76%"),
    ("¿Aparecen manifestaciones nuevas del POEMS con el tiempo?", r"18 %"),
    ("Estudio endocrino basal: ¿qué pido exactamente?", r"testosterona"),
    ("Is a tissue biopsy needed to confirm AL amyloidosis?", r"(?i)tissue biopsy"),
    ("IgG kappa with a demyelinating neuropathy: can it still be POEMS?", r"(?i)kappa"),
    ("¿Es esperable la hipercalcemia en el POEMS?", r"27 %"),
    ("Rising creatinine in POEMS: part of the syndrome or myeloma kidney?", r"(?i)renal"),
    ("¿Cuántos criterios menores hacen falta?", r"al menos un criterio menor"),
    ("Distal motor latencies in POEMS vs CIDP: any numbers?", r"5[.]6"),
    ("Meets EFNS criteria for definite CIDP. Does that exclude POEMS?", r"70%"),
    ("Where do FDG-avid lesions usually sit?", r"(?i)pelvis"),
    ("Papiledema en el POEMS: ¿con qué frecuencia?", r"29-64"),
    ("Which skin findings should I look for?", r"68-89%"),
    ("Thrombocytosis and polycythaemia: any thrombosis risk?", r"(?i)arterial"),
]


# VEGF follow-up questions: the rule leads (the guard, the landmark, the plasma threshold)
VEGF_FOLLOW_UP = [
    ("VEGF stays normal on 6-monthly checks. Can I say he hasn't relapsed?", r"58%"),
    ("El VEGF sigue normal en los controles, ¿descarta una recaída?", r"58 %"),
    (
        "Serum VEGF 980 pg/mL at 6 months after starting Rd. What does that mean for relapse risk?",
        r"1040",
    ),
    ("VEGF plasmático 210 pg/mL, ¿es elevado?", r"200 pg/mL o más"),
    ("Plasma VEGF of 230 pg/mL, is that elevated", r"200 pg/mL or more"),
]


@pytest.mark.parametrize(("question", "head"), [*ANSWERED, *NUMBERS, *VEGF_FOLLOW_UP])
def test_clinician_questions_lead_with_the_fact(
    engine: FakeChatEngine, question: str, head: str
) -> None:
    assert leads_with(engine, question, "clinician", head) is None

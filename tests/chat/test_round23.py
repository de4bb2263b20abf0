"""Round-23 chat behaviours (#12): questions asked one after another are each answered; a
question that tells no patient's finding leaves the case as it was; short and lay questions a
helper wrote from the fact sheet are answered, and another disease's treatment declined; a
localized case told opens a treatment question with radiation."""

from __future__ import annotations

import re

import pytest

from assistant.chat import Conversation, respond
from assistant.chat.understand import question_parts
from tests.chat.checks import TODAY, ask, first_bullets, leads_with
from tests.fakes import FakeChatEngine


def test_questions_asked_one_after_another_are_parts(engine: FakeChatEngine) -> None:
    lex = engine.lexicon()
    asked = "¿Cuándo pasáis a HBPM en el POEMS? ¿En qué fase hay más trombosis?"
    parts = question_parts(lex, asked)
    assert len(parts) == 2
    assert parts[0].startswith("Cuándo pasáis a HBPM")
    assert parts[1].startswith("En qué fase hay más trombosis")
    # one question stays one part
    assert question_parts(lex, "¿Cuándo pasáis a HBPM en el POEMS?") == [
        "¿Cuándo pasáis a HBPM en el POEMS?"
    ]


@pytest.mark.parametrize(
    "question",
    [
        "Tengo la piel mucho más morena desde que empezó todo esto. ¿Me voy a quedar así?",
        "Our neurologist says thalidomide is absolutely contraindicated in Crow-Fukase "
        "syndrome because of the neuropathy. Is that correct?",
    ],
)
def test_a_question_that_tells_no_finding_leaves_no_case(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert answer.case is None or answer.case.model_dump(exclude_defaults=True) == {}


# fresh probe questions (written from the fact sheet by a helper): answered, and opening with
# what they ask (some were declined: a short form, a lay brand name, calcium, Castleman)
IN_SCOPE = [
    ("castleman, no clone, mild neuropathy = POEMS?", "clinician", r"(?i)castleman"),
    ("neutros 0,8 -> inicio lena?", "clinician", r"1,0 ×10⁹/L"),
    ("POEMS: hipo o hipercalcemia?", "clinician", r"hipocalcemia"),
    (
        "i read avastin blocks vegf, can i ask my doc for it for my poems",
        "patient",
        r"(?i)bevacizumab is not recommended",
    ),
    # a localized case told (or settled by the plan) opens a treatment question with radiation
    (
        "52M with POEMS: two sclerotic lesions (L3 and right iliac wing), marrow biopsy negative "
        "for clonal plasma cells, plasma VEGF 700. He read online that transplant gives the "
        "longest remissions and wants ASCT upfront. Is that reasonable?",
        "clinician",
        r"(?i)radiation is the first-line",
    ),
    (
        "POEMS, 1 bone lesion, clean marrow, but the pt is 78 and frail, not an ASCT candidate. "
        "RT alone, or start Len-dex?",
        "clinician",
        r"(?i)radiation is the first-line",
    ),
    # how many lesions: the rule and the Mayo range
    ("how many bone lesions is too many for RT alone in poems?", "clinician", r"(?s)1 to 3.*six"),
    # patients' own wording
    ("why do i have to take aspirin with poems?? im only 40", "patient", r"27-30%"),
    ("xq me mandan aspirina si tengo poems", "patient", r"27-30 %"),
    ("el poems es un tipo de cancer?", "patient", r"paraneoplásico"),
    ("is poems a type of cancer like myeloma?", "patient", r"(?i)paraneoplastic"),
    ("q significa tener el vegf alto en los analisis", "patient", r"factor de crecimiento"),
    ("what does VEGF mean on my blood test, mine was 800", "patient", r"(?i)growth factor"),
    (
        "a mi esposo le pusieron inmunoglobulinas por meses y no mejoro nada, ahora dicen q es "
        "poems",
        "patient",
        r"no son eficaces",
    ),
    ("por que tengo q ir al endocrino si tengo poems", "patient", r"reponer las hormonas"),
    ("how long do i need checkups after poems treatment", "patient", r"(?i)never ends"),
    # vignettes
    (
        "Mujer de 48 años, día +12 de TASPE con melfalán 200 mg/m2 por POEMS: fiebre 38,9 ºC, "
        "exantema, aumento de 5 kg de peso e infiltrados pulmonares bilaterales. ¿Diagnóstico "
        "más probable y manejo?",
        "clinician",
        r"síndrome del injerto",
    ),
    (
        "50M on low-dose Rd (len 10 mg daily) for POEMS, cycle 5: fever 38.5 C, ANC 0.6 "
        "x10^9/L. What do I do with the lenalidomide?",
        "clinician",
        r"resumed one dose level lower",
    ),
    (
        "52-year-old man with a neuropathy labelled CIDP, IgA lambda on immunofixation, "
        "platelets 520 x10^9/L. PET-CT: single 2.5 cm sclerotic lesion in the right iliac wing. "
        "Marrow biopsy: no clonal plasma cells. Plasma VEGF 640 pg/mL. Which stratum is this "
        "and what's first-line treatment, at what dose?",
        "clinician",
        r"(?s)Localized.*40-50 Gy",
    ),
    (
        "¿Hasta cuántas lesiones óseas se considera enfermedad localizada para tratar solo con "
        "radioterapia?",
        "clinician",
        r"(?s)1 a 3.*seis",
    ),
    (
        "se me oscurecio la piel y tengo las uñas blancas, tiene q ver con el poems?",
        "patient",
        r"(?s)Alteraciones cutáneas.*76,5",
    ),
    (
        "29-year-old woman, disseminated POEMS, about to start lenalidomide-dexamethasone "
        "induction then ASCT. She wants children in future. What must be arranged before "
        "starting?",
        "clinician",
        r"oocyte",
    ),
]


@pytest.mark.parametrize(("question", "audience", "pattern"), IN_SCOPE)
def test_questions_open_with_what_they_ask(
    engine: FakeChatEngine, question: str, audience: str, pattern: str
) -> None:
    assert leads_with(engine, question, audience, pattern) is None


# another disease's treatment, told with POEMS features denied or POEMS excluded
@pytest.mark.parametrize(
    "question",
    [
        "Typical CIDP, no paraprotein on IFE, normal VEGF, no bone lesions: IVIG loading and "
        "maintenance dose?",
        "high-risk smoldering myeloma without any POEMS features - lenalidomide maintenance dose?",
        "B12 deficiency neuropathy - IM cyanocobalamin loading schedule?",
    ],
)
def test_another_diseases_treatment_is_declined(engine: FakeChatEngine, question: str) -> None:
    assert ask(engine, question).refused


def test_a_feature_told_with_its_value_is_not_denied(engine: FakeChatEngine) -> None:
    """'no response to IVIG, VEGF 900': the VEGF is told, so the question may be POEMS."""
    answer = ask(engine, "CIDP with no response to IVIG, VEGF 900: IVIG maintenance dose?")
    assert not answer.refused


# a stratum told (or settled by the plan) opens a treatment question with its treatment
def test_a_disseminated_case_keeps_the_question_asked(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "67M, disseminated POEMS, not transplant-eligible. Weighing MDex against Len-dex: what "
        "are the main downsides of each one?",
    )
    assert not re.search(r"(?i)radiation is the first-line", first_bullets(answer, 2))


def test_a_plan_dose_is_not_said_twice(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "POEMS, single sclerotic lesion on PET-CT, marrow negative for clonal plasma cells, "
        "neuropathy, IgA lambda, plasma VEGF 640 pg/mL. What's first-line treatment, what dose?",
    )
    assert "40-50 Gy — 40-50 Gy" not in answer.text


def test_a_story_then_what_is_it_asks_about_the_story(engine: FakeChatEngine) -> None:
    """'How do I treat it?' after a story of fever, rash and infiltrates on day +10 asks about
    the story: engraftment syndrome, not the 'diffuse' (rash) read as disease extent."""
    question = (
        "45M with POEMS, day +10 after melphalan 200 mg/m2 ASCT: temp 38.7 C, diffuse "
        "erythematous rash, 4 kg weight gain, new bilateral pulmonary infiltrates. What is this "
        "most likely and how do I treat it?"
    )
    assert leads_with(engine, question, "clinician", r"(?i)engraftment syndrome") is None


def test_an_undecided_diagnosis_says_it_cannot_yet_be_called_poems(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "my brother has nerve damage in his legs, a lambda protein in his blood, swollen ankles "
        "and a big spleen. the VEGF test is still pending. is this POEMS already?",
        "patient",
    )
    assert "cannot be called POEMS yet" in answer.text


def test_a_part_naming_its_own_subject_keeps_its_own_words(engine: FakeChatEngine) -> None:
    lex = engine.lexicon()
    parts = question_parts(
        lex, "melphalan dose for ASCT in POEMS, and how often does engraftment syndrome happen?"
    )
    assert parts[1] == "how often does engraftment syndrome happen"
    # a part that says "it" borrows the first part's POEMS words
    parts = question_parts(lex, "What VEGF level is raised, and when do I repeat it?")
    assert "vegf" in parts[1].lower()


def test_each_question_is_answered_from_its_own_topic(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "¿Hay cifra de plaquetas para dar AAS en POEMS? ¿y mínimo de plaquetas para iniciar "
        "lenalidomida?",
    )
    bullets = first_bullets(answer, 5)
    assert "no condiciona el AAS a la cifra de plaquetas" in bullets
    assert re.search(r"no iniciar lenalidomida con neutrófilos", bullets), bullets


@pytest.mark.parametrize(
    ("question", "pattern"),
    [
        # a clinician's value question is not "what VEGF stands for"
        ("What does a VEGF of 1200 in serum mean for the diagnosis?", r"(?i)stands for"),
        # "ya que es el VEGF el que la produce" is no question about what VEGF is
        (
            "Pte con POEMS y ascitis. Medicina interna plantea bevacizumab, ya que es el VEGF el "
            "que la produce. ¿Qué opinan?",
            r"siglas",
        ),
    ],
)
def test_patient_wording_leaves_clinician_questions_alone(
    engine: FakeChatEngine, question: str, pattern: str
) -> None:
    assert not re.search(pattern, first_bullets(ask(engine, question), 2))


def test_a_treated_patient_is_not_told_the_diagnosis_cannot_be_confirmed(
    engine: FakeChatEngine,
) -> None:
    """Treated with a transplant for POEMS: the diagnosis was made before; the plan's
    'cannot yet be confirmed, no option' part would be wrong here."""
    answer = ask(
        engine,
        "Varón de 55 años con POEMS en remisión 3 años tras TASPE. Consulta por nueva debilidad "
        "distal y edemas; el VEGF de hoy es normal. ¿Un VEGF normal descarta la recaída?",
    )
    assert answer.case is not None and answer.case.prior_asct is True
    assert "no se puede confirmar el diagnóstico" not in answer.text
    assert re.search(r"58 %", first_bullets(answer, 1))


def test_the_patients_stratum_outranks_the_words_asked(engine: FakeChatEngine) -> None:
    """'…8% lambda-restricted plasma cells. Can we just irradiate the two lesions?': a positive
    marrow makes it disseminated, whatever 'two lesions' in the question says."""
    answer = ask(
        engine,
        "POEMS with two sclerotic lesions in the pelvis, but the iliac crest biopsy shows 8% "
        "lambda-restricted plasma cells. Can we just irradiate the two lesions?",
    )
    assert re.search(r"(?i)disseminated", first_bullets(answer, 1))
    assert "first-line treatment for a dominant" not in first_bullets(answer, 2)


@pytest.mark.parametrize(
    "text", ["Terminó la radioterapia hace un mes.", "My dad just finished radiation for POEMS."]
)
def test_a_finished_course_of_radiation_is_prior_radiation(
    engine: FakeChatEngine, text: str
) -> None:
    answer = ask(engine, f"{text} ¿Y ahora qué?")
    assert answer.case is not None and answer.case.prior_radiation is True


def test_a_positive_marrow_told_later_stops_radiation_alone(engine: FakeChatEngine) -> None:
    """Radiation planned for one lesion, then the marrow shows clonal cells: the question names
    no stratum, but the plan's (disseminated) answers it, never radiation outcomes."""
    answer = ask(
        engine,
        "61-year-old woman with POEMS: a single 3 cm sclerotic lesion in the right ischium, "
        "FDG-avid, no other lesions on PET-CT, IgG-lambda, plasma VEGF 640 pg/mL. Radiation "
        "oncology is ready to treat the lesion with 45 Gy. Then the iliac crest trephine comes "
        "back with 6% clonal lambda plasma cells. Does the marrow result change the plan, or do "
        "we still go ahead with radiation alone?",
    )
    assert re.search(r"(?i)disseminated", first_bullets(answer, 1)), answer.text


def test_what_about_x_is_asked_in_the_previous_questions_frame(engine: FakeChatEngine) -> None:
    """'Does diabetes count as the endocrine criterion?' then 'what about hypothyroidism?':
    the thyroid rule is part of the direct answer, not only thyroxine replacement."""
    state = Conversation()
    for message in ("Does diabetes count as the endocrine criterion in POEMS?",):
        _, state = respond(state, message, engine, TODAY)
    answer, _ = respond(state, "what about hypothyroidism?", engine, TODAY)
    assert re.search(r"thyroid abnormality on its own", first_bullets(answer, 2)), answer.text

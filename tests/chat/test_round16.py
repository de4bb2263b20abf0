"""Round-16 chat behaviours (#12): questions written fresh, from the clinical facts, by someone
who never saw the gold set or the lexicon."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets, uncited_clinical_lines
from tests.fakes import FakeChatEngine

STRATA = [
    (  # 1 to 3 lesions with a clean marrow is limited disease: radiation first
        "POEMS con 3 lesiones óseas y biopsia de MO negativa, ¿RT o tratamiento sistémico?",
        r"(?i)radioterapia es el tratamiento de primera l[ií]nea",
    ),
    (
        "POEMS with two sclerotic lesions and a clean marrow: radiation or systemic therapy?",
        r"(?i)radiation is the first-line treatment",
    ),
    (  # a marrow told as infiltrated disseminates whatever the lesion count
        "¿RT o TASPE si hay 2 lesiones en un mismo campo y la médula está infiltrada?",
        r"(?i)enfermedad es diseminada",
    ),
    (
        "Two lesions in the pelvis, but the marrow is infiltrated. Radiation alone?",
        r"(?i)\bdisseminated\b",
    ),
    # three lesions rather than one did not raise the radiation failure risk (Mayo)
    (
        "Three bone lesions rather than one, clean marrow: is radiation more likely to fail?",
        r"(?i)3 lesions did not raise the risk of failure",
    ),
    (
        "¿Tener 3 lesiones en vez de una empeora el resultado de la radioterapia? MO negativa.",
        r"(?i)3 lesiones no aument[oó] el riesgo de fracaso",
    ),
]


def test_an_infiltrated_marrow_never_opens_with_radiation(engine: FakeChatEngine) -> None:
    answer = ask(engine, "¿RT o TASPE si hay 2 lesiones y la médula está infiltrada?")
    assert not re.search(r"(?i)radioterapia es el tratamiento de primera", first_bullets(answer))


SUPPORTIVE = [
    (
        "Should rehab start right at diagnosis in POEMS neuropathy, or wait until the systemic "
        "treatment has started working?",
        r"(?i)physiotherapy and ankle-foot orthoses are therefore needed for the long term",
        "clinician",
    ),
    (
        "Férula antiequino en un POEMS: ¿la pautamos ya o esperamos a ver cómo responde al tto?",
        r"(?i)fisioterapia y las ortesis tobillo-pie .{0,40}necesarias a largo plazo",
        "clinician",
    ),
    (  # "prevención" of falls is not thromboprophylaxis
        "Caídas de repetición en un paciente con POEMS y neuropatía motora: ¿qué medidas de "
        "prevención recomendáis?",
        r"(?i)fisioterapia y las ortesis",
        "clinician",
    ),
    (
        "POEMS, failed cosyntropin test, going to melphalan 200 and ASCT next month. How do we "
        "handle hydrocortisone cover?",
        r"(?i)checking adrenal reserve before a major stress",
        "clinician",
    ),
    (
        "A mi esposo le recetaron testosterona porque la tiene muy baja. ¿Es seguro con su "
        "enfermedad?",
        r"(?i)reponer las hormonas deficitarias",
        "patient",
    ),
    (
        "TSH 12 con T4L baja en POEMS, le pongo levotiroxina como a cualquier hipotiroideo?",
        r"(?i)reponer las hormonas deficitarias",
        "clinician",
    ),
    (
        "hypothyroid POEMS pt, just levothyroxine like any other hypothyroid patient?",
        r"(?i)replace deficient hormones",
        "clinician",
    ),
    (  # the subject told, the question asked
        "It's embarrassing, but I've had erection problems and no sex drive for a year. Could "
        "that be the POEMS?",
        r"(?i)gonadal",
        "patient",
    ),
    (
        "¿La disfunción eréctil forma parte del POEMS?",
        r"(?i)gonadal",
        "clinician",
    ),
    (
        "Does a POEMS patient on weekly dex 40 need PJP prophylaxis?",
        r"(?i)general myeloma practice for infection prevention",
        "clinician",
    ),
    (
        "¿Aciclovir y cotrimoxazol en un POEMS con lenalidomida-dexametasona?",
        r"(?i)pr[aá]ctica habitual del mieloma",
        "clinician",
    ),
    (  # follow-up intervals
        "¿Cada cuánto repetimos EMG/ENG en el seguimiento de un POEMS?",
        r"(?i)conducci[oó]n nerviosa cada 3-6 meses",
        "clinician",
    ),
    (
        "DLCO 48% at diagnosis in a POEMS patient. How often should lung function be rechecked?",
        r"(?i)repeated when pulmonary hypertension, an effusion or breathlessness",
        "clinician",
    ),
    (
        "Seguimiento endocrinológico en POEMS: ¿cada cuánto repetir el perfil hormonal?",
        r"(?i)revisi[oó]n endocrinol[oó]gica cada 6 meses",
        "clinician",
    ),
    (
        "POEMS on lenalidomide 10 mg: how often a CBC, and what about clots?",
        r"(?i)interrupted when platelets fall below 50",
        "clinician",
    ),
    (  # the wish told, the question asked
        "Tengo 29 años y quiero quedarme embarazada. ¿Puedo con esta enfermedad? ¿Y si estoy "
        "tomando lenalidomida?",
        r"(?i)terat[oó]geno",
        "patient",
    ),
    (
        "Can a woman with POEMS get pregnant while on lenalidomide?",
        r"(?i)teratogen",
        "clinician",
    ),
    (
        "A mi papá le diagnosticaron POEMS a los 60. ¿Cuánto tiempo de vida le queda?",
        r"(?i)vive muchos a[nñ]os",
        "patient",
    ),
    (
        "¿El POEMS se cura o es para toda la vida?",
        r"(?i)rara vez se cura",
        "patient",
    ),
    (
        "¿Qué es eso del VEGF que me piden en todos los análisis?",
        r"(?i)factor de crecimiento del endotelio vascular",
        "patient",
    ),
    (  # relapse: its definition, a VEGF rise alone, lenalidomide after thalidomide
        "What counts as relapse in POEMS?",
        r"(?i)suspect relapse when VEGF rises on repeat testing",
        "clinician",
    ),
    (
        "VEGF creeping up on two checks, same lab, 3 years after ASCT, no symptoms and the "
        "neuro exam unchanged. Treat now or watch?",
        r"(?i)single raised VEGF is not enough|suspect relapse when VEGF rises on repeat",
        "clinician",
    ),
    (
        "Recayó tras talidomida-dexametasona. ¿La lenalidomida sirve todavía?",
        r"(?i)lenalidomida tras el fracaso de la talidomida",
        "clinician",
    ),
]


@pytest.mark.parametrize(
    ("question", "opens", "audience"),
    [(q, o, "clinician") for q, o in STRATA] + SUPPORTIVE,
)
def test_the_answer_opens_with_what_was_asked(
    engine: FakeChatEngine, question: str, opens: str, audience: str
) -> None:
    """Two or three lesions name limited disease as one lesion does; a marrow told as
    infiltrated ("la médula está infiltrada") names disseminated disease, and it wins over the
    count. Rehabilitation, falls, hormone replacement (stress cover, testosterone, thyroxine),
    sexual function and infection prophylaxis each open with the sentence that answers them,
    every clinical line cited."""
    answer = ask(engine, question, audience)
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 3)), first_bullets(answer, 3)
    assert not uncited_clinical_lines(answer)


def test_how_often_something_is_abnormal_is_not_a_follow_up_interval(
    engine: FakeChatEngine,
) -> None:
    """'How often is it abnormal?' asks a frequency, not when to repeat the test."""
    answer = ask(
        engine, "echo + PFTs in POEMS dx: what are we looking for and how often is it abnormal?"
    )
    assert not re.search(r"(?i)repeated when", first_bullets(answer, 1))


@pytest.mark.parametrize(
    ("question", "not_first"),
    [
        (  # the pregnancy programme named as a hassle is not a pregnancy question
            "Is Avastin a safer choice than Revlimid in POEMS? It hits VEGF directly and we'd "
            "skip the clot and pregnancy-programme hassle.",
            r"(?i)teratogen",
        ),
        (  # "ya que es el VEGF el que…" does not ask what VEGF is
            "Pte con POEMS y ascitis a tensión. Medicina interna plantea bevacizumab, ya que es "
            "el VEGF el que produce la fuga capilar. ¿Qué opinan?",
            r"(?i)siglas",
        ),
        (  # "will radiation cure her?" is the radiation answer, not the prognosis summary
            "mi mama tiene poems, una sola lesion en una costilla y la medula salio negativa. le "
            "van a dar rayos nada mas, se cura con eso o va a necesitar quimio?",
            r"(?i)rara vez se cura",
        ),
    ],
)
def test_a_word_in_passing_does_not_take_the_answer(
    engine: FakeChatEngine, question: str, not_first: str
) -> None:
    answer = ask(engine, question, "patient")
    assert not re.search(not_first, first_bullets(answer, 1)), first_bullets(answer, 1)


@pytest.mark.parametrize(
    "question",
    [
        "Any role for pomalidomide in refractory POEMS?",
        "Pomalidomida en POEMS refractario, ¿hay experiencia?",
        "ixazomib for POEMS instead of bortezomib?",
    ],
)
def test_a_drug_the_guideline_leaves_out_is_not_answered_around(
    engine: FakeChatEngine, question: str
) -> None:
    """A named drug that no passage mentions is the subject of the question: the answer says
    the guidelines do not cover it instead of giving relapse options that never name it."""
    answer = ask(engine, question)
    assert answer.refused
    assert answer.intent == "cannot_answer"


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        (  # a misdiagnosis story is about POEMS, not a question about treating CIDP
            "¿Por qué tardaron tanto en diagnosticarme? Durante un año me trataron como CIDP con "
            "inmunoglobulinas y no mejoraba",
            r"(?i)retraso diagn[oó]stico habitual es de 12 a 16 meses",
        ),
        (
            "Why did it take two years to diagnose my wife? They kept saying it was CIDP.",
            r"(?i)delayed by 12-16 months",
        ),
        (  # radiation side effects, asked with the dose or in lay words
            "Will the radiation make me tired or sick?",
            r"(?i)side effects are mostly limited to the irradiated area",
        ),
        (
            "What side effects should I warn about with 45 Gy to the pelvis?",
            r"(?i)side effects are mostly limited to the irradiated area",
        ),
    ],
)
def test_patient_questions_open_with_their_answer(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    answer = ask(engine, question, "patient")
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 2)), first_bullets(answer, 2)


def test_fertility_preservation_opens_with_melphalan_infertility(engine: FakeChatEngine) -> None:
    """'¿Puedo congelar semen antes del melfalán?' asks about fertility, not about the IMiD
    pregnancy rule: the melphalan infertility sentence comes first."""
    answer = ask(
        engine,
        "Antes de la quimio con melfalán, ¿puedo congelar semen? Queremos tener hijos",
        "patient",
    )
    assert re.search(r"(?i)infertilidad permanente", first_bullets(answer, 1)), first_bullets(
        answer
    )


DECLINED = [
    # another disease's hormone, sexual-function or rehabilitation question
    ("What is the sildenafil dose for erectile dysfunction in a diabetic man?", "clinician"),
    ("Hydrocortisone dose for Addison disease?", "clinician"),
    ("Physiotherapy after a knee replacement: when to start?", "clinician"),
    (  # revaccination after the transplant: the guideline leaves it out
        "Vacunación en POEMS candidato a TASPE: gripe, neumococo... ¿cuándo revacunar después "
        "del trasplante?",
        "clinician",
    ),
    # grammar words ("help", "start", "begin") do not make a request about POEMS
    ("Can you help me start writing a cover letter for a job?", "clinician"),
    ("POEMS aside, how do I begin learning to play the guitar?", "clinician"),
    # an injury is not about POEMS, even in the patient view
    ("My son broke his arm, what treatment?", "patient"),
    ("Mi hijo se rompió el brazo, ¿qué tratamiento?", "patient"),
]


@pytest.mark.parametrize(("question", "audience"), DECLINED)
def test_what_is_not_about_poems_is_still_declined(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert ask(engine, question, audience).refused


ANSWERED = [
    # 'se resuelve', 'barely', 'to begin with' carry the grammar of a question, not its
    # subject: the cannot-answer gate does not count them as terms the passages must hold
    (
        "Ascitis a tensión en POEMS recién diagnosticado: ¿paracentesis evacuadoras, "
        "espironolactona? ¿se resuelve con el tratamiento de la enfermedad?",
        "clinician",
    ),
    (
        "How do you define a haematologic CR in POEMS when the M-protein was barely detectable "
        "to begin with?",
        "clinician",
    ),
    # no strong topic word, but every word is known and the writer lives with POEMS
    ("cuanto dura el tratamiento?", "patient"),
]


@pytest.mark.parametrize(("question", "audience"), ANSWERED)
def test_a_question_of_known_words_is_answered(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert not ask(engine, question, audience).refused

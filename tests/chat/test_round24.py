"""Round-24 chat behaviours (#12), from a second fresh probe written from the fact sheet:
long vignettes open with what they ask (engraftment syndrome, the label's interruption of
lenalidomide, renal dosing, bevacizumab, a myeloma picture called POEMS); a step of a treatment
(stem-cell collection, the tests before a transplant) is answered before the stratum; each
named part of a multi-part question adds its answer; a run of follow-ups keeps its subject."""

from __future__ import annotations

import re

import pytest

from assistant.chat import Conversation, respond
from assistant.chat.understand import asked_parts
from assistant.contracts import Answer
from tests.chat.checks import TODAY, ask, first_bullets, leads_with
from tests.fakes import FakeChatEngine

OPENS_WITH = [
    # engraftment syndrome told as a vignette, the question only asking what it is
    (
        "51-year-old man, day +9 after melphalan 200 mg/m2 autologous transplant for POEMS. "
        "Neutrophils 0.6. Now fever 38.9 C, truncal rash, 4 kg weight gain in 3 days, bilateral "
        "infiltrates; cultures pending. Most likely diagnosis and specific treatment?",
        "clinician",
        r"(?i)engraftment syndrome.*corticosteroids",
    ),
    (
        "Mujer de 44 años, día +10 de TASPE con melfalán 200 mg/m2 por POEMS. Fiebre de 39 °C, "
        "exantema maculopapular, aumento de 3 kg de peso e infiltrados pulmonares bilaterales. "
        "¿Qué sospechas y cómo lo tratas?",
        "clinician",
        r"(?i)síndrome del injerto.*corticoides",
    ),
    ("sd del injerto post TASPE en poems, frecuencia y clinica?", "clinician", r"(?i)fiebre"),
    # a count and a fever on lenalidomide: the label's interruption and the lower restart
    (
        "58-year-old woman with POEMS on cycle 2 of lenalidomide 10 mg daily. Temperature 38.6 C, "
        "ANC 0.7 x10^9/L, platelets 95. What happens to the lenalidomide now and after recovery?",
        "clinician",
        r"(?i)lenalidomide is interrupted.*one dose level lower",
    ),
    # a creatinine clearance told: the label's renal starting doses
    (
        "Varón de 74 años con POEMS diseminado (médula 8% células plasmáticas lambda, VEGF sérico "
        "3500 pg/mL). Aclaramiento de creatinina 24 mL/min, sin diálisis. ¿Cuál es la dosis "
        "inicial de lenalidomida?",
        "clinician",
        r"(?i)días alternos",
    ),
    # bevacizumab proposed in a story that also tells a serum VEGF and melphalan 200
    (
        "Relapse 3 years after melphalan 200 mg/m2 ASCT, serum VEGF 5200 pg/mL. A colleague "
        "proposes bevacizumab because VEGF is the driver. Would you use it?",
        "clinician",
        r"(?i)bevacizumab is not recommended",
    ),
    # a myeloma picture called POEMS elsewhere: calcium tends to be low in POEMS
    (
        "Varón de 57 años con neuropatía, IgA lambda 3,8 g/dL, Hb 9,1, calcio 12,4 mg/dL y 35% "
        "de células plasmáticas. En otro centro le han dicho que es un POEMS. ¿Qué opinas?",
        "clinician",
        r"(?i)calcio tiende a estar bajo",
    ),
    # a step of a treatment in a disseminated vignette: the step, not the stratum
    (
        "52M with disseminated POEMS: pleural effusions, spleen 17 cm, 12 sclerotic lesions on "
        "PET-CT, marrow 8% lambda plasma cells. What cardiopulmonary assessments are needed "
        "before transplant?",
        "clinician",
        r"(?i)DLCO|echocardiogram",
    ),
    # "¿qué esquemas y qué datos los respaldan?": the regimens with data, then the data
    (
        "Mujer de 72 años, frágil, POEMS diseminado, no candidata a TASPE. ¿Qué esquemas "
        "sistémicos propones y qué datos de eficacia los respaldan?",
        "clinician",
        r"(?i)melfalán-dexametasona y lenalidomida-dexametasona",
    ),
    # a comparison asked for: none randomized
    (
        "tto de 1a linea en sd de Takatsuki diseminado: TASPE vs MDex o Rd, hay estudios "
        "comparativos o es opinion de expertos?",
        "clinician",
        r"(?i)opinión de expertos|aleatorizadas",
    ),
    ("Which two criteria are mandatory for a POEMS diagnosis?", "clinician", r"(?i)mandatory"),
    # patients' wording
    (
        "el medico dice q tengo q tomar aspirina siempre x el poems, para q es si no tengo nada "
        "del corazon",
        "patient",
        r"(?i)ictus|trombosis",
    ),
    (
        "mi tia tiene poems y ya esta bien, tiene q seguir yendo al medico o ya le dan el alta?",
        "patient",
        r"(?i)nunca termina",
    ),
    (
        "mi mama tiene poems y tiene la piel oscura, se le va a quitar con el tratamiento?",
        "patient",
        r"(?i)revirtieron",
    ),
    ("PET-FDG de reevaluacion post tto en poems, a partir de cuando?", "clinician", r"3 meses"),
]


# a third fresh probe (round 24, second batch): vignettes whose question asks about the story
OPENS_WITH += [
    # "What would you advise?" asks about the story told: radiation's timeline, not the aspirin
    # sentence that "advises" prophylaxis
    (
        "52-year-old woman with a solitary sclerotic plasmacytoma in the sacrum, marrow negative, "
        "treated with 45 Gy finished 4 months ago. Her ONLS went from 4 to 5. Her husband asks if "
        "she should now start chemotherapy. What would you advise?",
        "clinician",
        r"(?i)3 to 6 months after radiation",
    ),
    (
        "The referring physician has already requested bevacizumab 'to switch off the VEGF "
        "directly' for a patient with POEMS and asks us to supervise it. How do you respond?",
        "clinician",
        r"(?i)bevacizumab is not recommended",
    ),
    # a ban claimed: caution, not prohibition, whatever else is asked
    (
        "A colleague wants to start thalidomide plus dexamethasone in a man with POEMS not fit "
        "for ASCT. A neurologist says thalidomide is 'forbidden in POEMS because of neuropathy'. "
        "Who is right, and what would you monitor?",
        "clinician",
        r"(?i)not a first choice.*nuanced than a blanket ban|nuanced than a blanket ban",
    ),
    # can she start with neutrophils 0.8? the label's start thresholds first
    (
        "About to start lenalidomide 10 mg for newly diagnosed POEMS. Day-1 bloods: neutrophils "
        "0.8 x10^9/L, platelets 180. Can she start today? And if in cycle 2 her platelets drop "
        "to 42, what do you do?",
        "clinician",
        r"(?i)not to start lenalidomide.*interrupted",
    ),
    # a question reported without a question mark
    (
        "Varón de 55 años con plasmocitoma esclerótico único, biopsia de MO sin células "
        "plasmáticas clonales. El servicio de radioterapia nos pregunta qué dosis usar y qué "
        "resultados esperar a medio plazo.",
        "clinician",
        r"(?i)97 %|Gy",
    ),
    (
        "66-year-old man with POEMS on haemodialysis, not eligible for transplant. Nephrology "
        "asks how lenalidomide should be dosed and timed on dialysis days.",
        "clinician",
        r"(?i)5 mg once daily on dialysis",
    ),
    (
        "Paciente con POEMS diseminado no candidato a TASPE. El adscrito propone "
        "bortezomib-dexametasona. ¿Es razonable? ¿Cómo minimizamos el riesgo?",
        "clinician",
        r"(?i)no es de primera elección",
    ),
    (
        "The resident writes 'myeloma with renal impairment, start bortezomib-based therapy' for "
        "a patient with a lambda clone, a sclerotic lesion and a raised VEGF. What is wrong with "
        "this reasoning?",
        "clinician",
        r"(?i)classic complications of myeloma rarely develop",
    ),
]


@pytest.mark.parametrize(("question", "audience", "pattern"), OPENS_WITH)
def test_questions_open_with_what_they_ask(
    engine: FakeChatEngine, question: str, audience: str, pattern: str
) -> None:
    assert leads_with(engine, question, audience, pattern) is None


def test_a_fit_disseminated_patient_asking_first_line_and_conditioning_gets_both(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "49-year-old woman, ECOG 1. Marrow 6% lambda-restricted plasma cells, more than 10 "
        "sclerotic lesions, plasma VEGF 1150. What is her stratum and what first-line plan would "
        "you propose, including conditioning dose?",
    )
    direct = answer.text.split("### ")[1]
    assert re.search(r"(?i)autologous stem cell transplantation", direct), answer.text
    # the full conditioning dose comes before the reduced one
    assert direct.index("200 mg/m²") < direct.index("140 mg/m²"), answer.text


def test_a_later_part_that_names_no_topic_borrows_the_first_parts_subject(
    engine: FakeChatEngine,
) -> None:
    lex = engine.lexicon()
    question = (
        "¿Qué dosis de melfalán se usa como acondicionamiento del TASPE? ¿Es obligatoria la "
        "inducción previa? ¿En qué pacientes se indica?"
    )
    parts = asked_parts(lex, question)
    assert len(parts) == 3
    assert parts[2][1] is False  # it borrows
    answer = ask(engine, question)
    assert re.search(r"(?i)inducción no es universal", first_bullets(answer, 4)), answer.text


def after(engine: FakeChatEngine, turns: list[str], question: str) -> Answer:
    """The answer to `question` asked after `turns` in one conversation."""
    conv = Conversation()
    for q in turns:
        _, conv = respond(conv, q, engine, TODAY)
    return respond(conv, question, engine, TODAY)[0]


# a run of follow-ups keeps its subject: "¿dosis?" after two thalidomide turns; a short
# follow-up whose subject was told two questions back; "¿y en suero?" after two VEGF turns
FOLLOW_UPS = [
    (
        ["talidomida en POEMS, ¿qué evidencia hay?", "¿y qué efecto adverso vigilo?"],
        "¿dosis?",
        r"(?i)talidomida 200 mg",
    ),
    (
        [
            "¿Qué VEGF pido para el diagnóstico de POEMS?",
            "¿y si el laboratorio solo hace VEGF sérico?",
        ],
        "¿por qué no vale el mismo umbral?",
        r"(?i)umbral plasmático|plaquetas",
    ),
    (
        [
            "¿Qué nivel de VEGF plasmático apoya el POEMS?",
            "¿Qué otras enfermedades pueden elevarlo?",
        ],
        "¿Y en suero?",
        r"(?i)VEGF sérico",
    ),
]


@pytest.mark.parametrize(("turns", "question", "pattern"), FOLLOW_UPS)
def test_a_run_of_follow_ups_keeps_its_subject(
    engine: FakeChatEngine, turns: list[str], question: str, pattern: str
) -> None:
    answer = after(engine, turns, question)
    assert re.search(pattern, first_bullets(answer, 2)), answer.text
    assert not re.search(r"(?i)cadenas ligeras", first_bullets(answer, 2)), answer.text


@pytest.mark.parametrize(
    ("first", "follow_up"),
    [
        ("¿Qué nivel de VEGF sérico es significativo?", "¿qué más lo puede subir?"),
        (
            "¿Qué papel tiene el VEGF en el diagnóstico del POEMS?",
            "¿y qué otras cosas pueden elevarlo?",
        ),
        ("How is VEGF used in diagnosing POEMS?", "and what else can raise it?"),
    ],
)
def test_what_else_raises_it_after_a_vegf_question_names_the_confounders(
    engine: FakeChatEngine, first: str, follow_up: str
) -> None:
    answer = after(engine, [first], follow_up)
    assert re.search(r"(?i)ferrop|iron-deficiency", first_bullets(answer, 2)), answer.text


@pytest.mark.parametrize(
    ("question", "absent"),
    [
        # melphalan 200 mg/m2 is no VEGF threshold
        (
            "Relapse after melphalan 200 mg/m2 ASCT, serum VEGF 5200. Bevacizumab: would you use "
            "it?",
            r"(?i)never be compared",
        ),
        # "8% plasma cells" names no plasma specimen
        (
            "Varón con POEMS, médula 8% células plasmáticas, VEGF sérico 3500. ¿Cuál es la dosis "
            "inicial de lenalidomida?",
            r"(?i)misma muestra",
        ),
        # a VEGF still pending is no question about what VEGF is
        (
            "my brother has nerve damage, a lambda protein, swollen ankles and a big spleen; the "
            "VEGF test is still pending. is this POEMS already?",
            r"(?i)stands for",
        ),
        # platelets 450 on lenalidomide is no count to hold it for
        (
            "Disseminated POEMS, platelets 450, starting lenalidomide. Which dose, and do we keep "
            "aspirin?",
            r"(?i)is interrupted",
        ),
    ],
)
def test_a_word_in_passing_does_not_take_the_answer(
    engine: FakeChatEngine, question: str, absent: str
) -> None:
    answer = ask(engine, question)
    assert not re.search(absent, first_bullets(answer, 2)), answer.text


@pytest.mark.parametrize(
    ("turns", "question"),
    [
        (
            ["my wife is on lenalidomide for POEMS, what should we be watching out for"],
            "we were hoping for another kid, is that ok while shes on it?",
        ),
        (
            ["¿Qué es el síndrome del injerto en el TASPE por POEMS?"],
            "¿Algún factor que lo prediga?",
        ),
    ],
)
def test_lay_and_short_follow_ups_are_answered(
    engine: FakeChatEngine, turns: list[str], question: str
) -> None:
    assert not after(engine, turns, question).refused

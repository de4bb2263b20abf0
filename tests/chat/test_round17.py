"""Round-17 chat behaviours (#12): questions written fresh, from the clinical facts, by people
who never saw the gold set or the lexicon."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine

WHAT_IS = [
    ("What is POEMS syndrome?", "clinician", r"(?i)rare disease .{0,80}plasma cells"),
    ("¿Qué es el POEMS?", "clinician", r"(?i)enfermedad rara .{0,80}c[eé]lulas plasm[aá]ticas"),
    (  # the explanation request and its everyday words do not put it out of scope
        "¿Qué es el síndrome POEMS? Explíquemelo con palabras sencillas",
        "patient",
        r"(?i)enfermedad rara",
    ),
    ("What does POEMS stand for, in plain English?", "patient", r"(?i)rare disease"),
    ("POEMS in 2 lines for a med student?", "clinician", r"(?i)rare disease"),
    (  # the name told before "what is that?"
        "Mi neurólogo dijo que puede ser un POEMS, ¿qué es eso?",
        "patient",
        r"(?i)enfermedad rara",
    ),
]


@pytest.mark.parametrize(("question", "audience", "opens"), WHAT_IS)
def test_what_poems_is_opens_the_answer(
    engine: FakeChatEngine, question: str, audience: str, opens: str
) -> None:
    """'What is POEMS?' is answered with what the syndrome is and what its letters stand for,
    not with the diagnostic rule alone."""
    answer = ask(engine, question, audience)
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 1)), first_bullets(answer, 2)
    assert re.search(r"(?i)acr[oó]nimo|acronym", first_bullets(answer, 3))


@pytest.mark.parametrize(
    ("question", "not_first"),
    [  # "what is" about something else, or another acronym, keeps its own answer
        ("What is the lenalidomide dose in POEMS?", r"(?i)rare disease"),
        ("what does VEGF stand for?", r"(?i)rare disease"),
        (
            "¿Qué es exactamente el síndrome de prendimiento en el TASPE por POEMS, cómo se "
            "presenta y cómo se trata?",
            r"(?i)enfermedad rara",
        ),
        (
            "¿En qué consiste el trasplante que le van a hacer a mi padre por el POEMS?",
            r"(?i)enfermedad rara",
        ),
    ],
)
def test_other_what_is_questions_keep_their_answer(
    engine: FakeChatEngine, question: str, not_first: str
) -> None:
    answer = ask(engine, question)
    assert not re.search(not_first, first_bullets(answer, 3)), first_bullets(answer, 3)


def test_two_aspects_named_both_open_the_answer(engine: FakeChatEngine) -> None:
    """'Echo/PFTs repeated on a fixed schedule? Endocrine labs how often?' names two aspects:
    the endocrine interval and the rule for repeating echo and lung function both lead."""
    answer = ask(
        engine,
        "resident q: POEMS f/u - do echo/PFTs/DLCO get repeated on a fixed schedule? endocrine "
        "labs how often?",
    )
    direct = answer.text.split("###")[1]  # the direct answer, before "More detail"
    assert re.search(r"(?i)endocrine review every 6 months", direct), direct
    assert re.search(r"(?i)repeated when pulmonary hypertension", direct), direct


@pytest.mark.parametrize(
    ("question", "not_first"),
    [  # "baby aspirin" is not a pregnancy, and "to stop clots" is not holding a drug
        (
            "My dad's platelets are over 800,000 and the doctor says it's from his condition. "
            "Should he be on something stronger than a baby aspirin to stop clots?",
            r"(?i)teratogen|interrupted",
        ),
    ],
)
def test_a_phrase_in_passing_does_not_name_an_aspect(
    engine: FakeChatEngine, question: str, not_first: str
) -> None:
    answer = ask(engine, question, "patient")
    assert not re.search(not_first, first_bullets(answer, 3)), first_bullets(answer, 3)


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("POEMS w/ hypogonadism on testosterone - lifelong, or reassess later?", "clinician"),
        ("¿Mi marido va a tener que ponerse la testosterona de por vida?", "patient"),
    ],
)
def test_hormones_for_life_opens_with_replacement_and_review(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    """'Testosterone for life?': deficient hormones are replaced, and the endocrine review is
    repeated (an interval marked as coming from the seed document)."""
    head = first_bullets(ask(engine, question, audience), 2)
    assert re.search(r"(?i)replace deficient|reponer las hormonas", head), head
    assert re.search(r"(?i)endocrine review|revisi[oó]n endocrinol[oó]gica", head), head


ANSWERED = [
    # everyday intensifiers and "is it true?" are the grammar of a question, not its subject
    (
        "A mi marido le van a dar 25 sesiones de rayos en la cadera por el POEMS, 45 Gy dijo la "
        "doctora. ¿Es lo normal? ¿no es muchisimo?",
        "patient",
    ),
    (
        "Mi hermano dice que con el POEMS los nervios ya no se recuperan nunca. ¿Es cierto?",
        "patient",
    ),
    # "seeing the haematologist" is follow-up; "estancado" is a VEGF plateau
    ("3 years since my radiation and all good. can i stop seeing the hematologist now?", "patient"),
    (
        "Le bajó el VEGF un montón en el primer mes y ahora lleva 3 controles casi iguales, ya no "
        "baja más. ¿Es malo que se haya estancado?",
        "patient",
    ),
    # clinician verbs and words the guideline words for differently
    (
        "¿Qué proporción de POEMS tiene alguna endocrinopatía? ¿Merece la pena cribar todos los "
        "ejes aunque esté asintomático?",
        "clinician",
    ),
    (
        "hace 6 semanas que empezó la lenalidomida mi marido y camina peor. ¿la pastilla le está "
        "dañando los nervios?",
        "patient",
    ),
]


@pytest.mark.parametrize(("question", "audience"), ANSWERED)
def test_everyday_words_do_not_close_the_gate(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert not ask(engine, question, audience).refused


def test_a_donor_is_not_read_as_damage(engine: FakeChatEngine) -> None:
    """'¿Alguien le tiene que donar médula?' must not be spelled into another word."""
    answer = ask(
        engine,
        "¿En qué consiste el trasplante que le van a hacer a mi padre por el POEMS? ¿Alguien le "
        "tiene que donar médula?",
        "patient",
    )
    assert "danar" not in answer.text


@pytest.mark.parametrize(
    ("question", "left_out"),
    [  # a life subject the guideline leaves out, beside a question it answers
        (
            "Con los pies dormidos y la férula antiequino, ¿voy a poder volver a conducir algún "
            "día? ¿Cuánto tardan en mejorar los nervios?",
            "conducir",
        ),
        ("My husband has POEMS. Can he drive? And when will his legs get better?", "can he drive"),
    ],
)
def test_the_answerable_question_is_answered_and_the_other_subject_named(
    engine: FakeChatEngine, question: str, left_out: str
) -> None:
    """The nerves' timing is answered; driving is said to be outside the guidelines (the note
    names it). 'Conducir' is not covered by a passage on nerve 'conducción'."""
    answer = ask(engine, question, "patient")
    assert not answer.refused
    assert any(left_out in note for note in answer.notes), answer.notes


@pytest.mark.parametrize(
    ("question", "audience"),
    [  # the later clause asks about the uncovered subject itself
        ("Can he go back to work? How long?", "patient"),
        ("¿Puede volver a trabajar? ¿cuánto tiempo?", "patient"),
        # another person's complaint, then a bare "what treatment?"
        ("My neighbour has a bad cough since last week. What treatment?", "patient"),
        ("can he drive?", "patient"),
    ],
)
def test_an_uncovered_or_foreign_subject_alone_is_declined(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert ask(engine, question, audience).refused


@pytest.mark.parametrize(
    "question",
    [
        # the writer's own story around a question that names a topic by itself
        "No puedo abrir frascos ni abrocharme los botones, se me caen las cosas de las manos. "
        "¿La terapia ocupacional o la rehabilitación sirven para esto o es perder el tiempo?",
        # choosing a POEMS drug over other myeloma drugs is a comparison, not myeloma care
        "Why did the doctor pick lenalidomide over the other myeloma drugs, given my nerve "
        "problems?",
    ],
)
def test_a_patient_question_in_a_story_is_answered(engine: FakeChatEngine, question: str) -> None:
    assert not ask(engine, question, "patient").refused


@pytest.mark.parametrize(
    ("question", "opens"),
    [  # typed as a search, without a question mark: a question, never a case statement
        ("tto endocrinopatia poems", r"(?i)reponer las hormonas deficitarias"),
        ("rehabilitacion neuropatia poems", r"(?i)fisioterapia y las ortesis"),
        ("dolor neuropatico poems tto", r"(?i)dolor neurop[aá]tico es frecuente"),
        # treating the endocrinopathy is hormone replacement, not the diabetes caveat
        ("tratamiento de la endocrinopatia en poems?", r"(?i)reponer las hormonas deficitarias"),
        ("endocrine tx in POEMS?", r"(?i)replace deficient hormones"),
        ("endocrinopatia poems manejo", r"(?i)reponer las hormonas deficitarias"),
        ("endocrino o hemato: ¿quién lleva la endocrinopatía del POEMS?", r"(?i)reponer las"),
        ("ginecomastia en poems se trata?", r"(?i)reponer las hormonas deficitarias"),
        ("gynecomastia and ED with poems what helps", r"(?i)replace deficient hormones"),
        ("hipogonadismo en poems, testosterona si o no?", r"(?i)reponer las hormonas"),
        # a rehabilitation word alone asks about rehabilitation (not the supportive leads)
        ("rehab en poems?", r"(?i)physiotherapy and ankle-foot orthoses"),
        ("AFO?", r"(?i)ankle-foot orthoses|ortesis tobillo-pie"),
        ("sirven los ejercicios para los nervios de las piernas en el poems?", r"(?i)fisioterapia"),
    ],
)
def test_short_and_lay_supportive_questions_open_with_their_answer(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    answer = ask(engine, question)
    assert not answer.refused
    assert answer.plan is None  # no finding was recorded from the request
    assert re.search(opens, first_bullets(answer, 1)), first_bullets(answer, 2)


@pytest.mark.parametrize(
    ("question", "audience"),
    [  # words the guideline words differently, or the grammar of the question
        (
            "Pcte 54a con POEMS, testosterona total 150 ng/dL, LH/FSH bajas, clínica de "
            "hipogonadismo. ¿Está indicada la reposición androgénica?",
            "clinician",
        ),
        ("el azucar alto es por el poems? lo lleva el endocrino o el hematologo?", "patient"),
        (
            "Hiperprolactinemia en POEMS: ¿tiene alguna implicación más allá de lo endocrino?",
            "clinician",
        ),
        ("MMSS con debilidad distal en POEMS, ¿ortesis de mano/muñeca y TO?", "clinician"),
        ("Is exercise ok for the nerve damage or will it make it worse?", "patient"),
        ("protesis para el pie caido, donde la pido?", "patient"),
        (
            "Mujer 50a, POEMS, plasmocitoma sacro tratado con 50 Gy hace 9 meses. Mejoró el edema "
            "y la piel, pero el VEGF sérico sube de 900 a 1800 pg/mL en dos determinaciones del "
            "mismo laboratorio. ¿Cómo actúo?",
            "clinician",
        ),
    ],
)
def test_fresh_supportive_and_radiation_questions_are_answered(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert not ask(engine, question, audience).refused


@pytest.mark.parametrize("text", ["tto endocrinopatia poems", "tto poems", "hormonas poems?"])
def test_telegraphic_spanish_is_detected_as_spanish(text: str) -> None:
    from assistant.language import detect_language

    assert detect_language(text) == "es"


@pytest.mark.parametrize(
    ("question", "opens"),
    [  # radiation is local; what "localized" means; follow-up after radiation never ends
        ("¿los rayos tratan todo el cuerpo o solo el hueso?", r"(?i)tratamiento local"),
        (
            "doc says my POEMS is 'localized' so radiation only. what does localized actually "
            "mean?",
            r"(?i)localized when there are 1 to 3 bone lesions",
        ),
        (
            "3 years since my radiation and all good. can i stop seeing the hematologist now?",
            r"(?i)follow-up never ends",
        ),
        ("SG y SLE tras RT en POEMS limitado?", r"(?i)supervivencia global a 4 años fue del 97"),
    ],
)
def test_radiation_follow_up_questions_open_with_their_answer(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    answer = ask(engine, question, "patient")
    assert re.search(opens, first_bullets(answer, 2)), first_bullets(answer, 2)


def test_a_new_lesion_elsewhere_is_not_the_local_field_question(engine: FakeChatEngine) -> None:
    """'otra lesión en otro lado' asks about a new lesion, not whether radiation is local."""
    answer = ask(
        engine,
        "y si despues de los rayos le sale otra lesion en otro lado, ya se acabaron las opciones "
        "o se le puede volver a dar radio?",
        "patient",
    )
    assert not re.search(r"(?i)tratamiento local, de campo", first_bullets(answer, 1))


ANSWERED_STORIES = [
    # another disease told about someone else, beside a question about POEMS
    "My husband is 52 and they've finally said POEMS. The PET showed one lesion in his hip bone "
    "and the marrow came back clear. My sister-in-law had radiotherapy for breast cancer and "
    "says hers was a lower dose, so we're worried 45 is a lot. Is 45 Gy the normal dose for "
    "POEMS?",
    "my cousin had radiation for prostate cancer and ended up with bowel problems for years. my "
    "POEMS lesion is in my pelvis too. is the dose for POEMS anything like that?",
    # everyday words carrying no subject of their own
    "they want to do the radiation thing for me instead of the transplant. is that a lesser "
    "treatment? i've only got one spot and my bone marrow was fine",
    "do i have to keep putting the gel on forever or just till the poems is better",
    "He leído que los nervios pueden empeorar justo después de la radioterapia. ¿Es verdad o me "
    "están dando largas?",
]


@pytest.mark.parametrize("question", ANSWERED_STORIES)
def test_patient_stories_about_poems_are_answered(engine: FakeChatEngine, question: str) -> None:
    assert not ask(engine, question, "patient").refused


@pytest.mark.parametrize(
    ("question", "audience"),
    [  # another disease asked about, even when POEMS is told
        ("My husband has POEMS. His brother has gout. How do you treat it?", "patient"),
        (
            "My wife has POEMS. Her sister had radiotherapy for breast cancer: what dose did "
            "she get for breast cancer?",
            "patient",
        ),
    ],
)
def test_another_disease_asked_about_stays_declined(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert ask(engine, question, audience).refused


@pytest.mark.parametrize(
    "question",
    [  # lay names of radiation and of the ankle-foot orthosis name their topic
        "the rays they're giving my dad - is it the whole body or just the bone where the spot is?",
        "when do they do the scan again after the rays? nobody gave me a date",
        "la bota que me pusieron en el pie derecho ¿me la voy a poder quitar algun dia?",
    ],
)
def test_lay_names_of_radiation_and_orthoses_are_in_scope(
    engine: FakeChatEngine, question: str
) -> None:
    assert not ask(engine, question, "patient").refused

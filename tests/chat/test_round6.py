"""Round-6 chat behaviours (#12): an answer that advises against an agent goes on to what
treats the disease instead, for clinicians (a companion sentence) and patients (the plain
line itself)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.chat import Conversation, respond
from assistant.contracts import Answer
from tests.chat.checks import answered_with
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 26)
INSTEAD = r"(?i)systemic|sistémico|chemotherapy|quimioterapia"
AGAINST = (
    r"(?i)not recommended|no se recomienda|not effective|no son eficaces"
    r"|temporar|transitori|solo ayudan|only help"
)


def _ask(engine: FakeChatEngine, question: str, audience: str = "clinician") -> Answer:
    return respond(Conversation(audience=audience), question, engine, TODAY)[0]


def _assert_opens(engine: FakeChatEngine, question: str, audience: str, opening: str) -> None:
    answer = _ask(engine, question, audience)
    assert re.search(opening, _direct(answer)), answer.text


def _direct(answer: Answer) -> str:
    parts = answer.text.split("### ")
    return parts[1] if len(parts) > 1 else answer.text


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("Why isn't bevacizumab used in POEMS?", "clinician"),
        ("¿Por qué no se usa bevacizumab en el POEMS?", "clinician"),
        ("Is IVIG useful in POEMS?", "clinician"),
        ("¿Sirven las inmunoglobulinas IV en el POEMS?", "clinician"),
        ("can we just keep him on prednisone?", "clinician"),
        (
            "Si el problema del POEMS es el VEGF, ¿por qué no le dan a mi padre "
            "un medicamento que lo bloquee?",
            "patient",
        ),
        ("why cant my mom just stay on the prednisone? it made her feel a lot better", "patient"),
        ("Do immunoglobulin drips help my husband's POEMS?", "patient"),
    ],
)
def test_advice_against_an_agent_goes_on_to_what_treats_instead(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = _ask(engine, question, audience)
    head = _direct(answer)
    assert not answer.refused
    assert re.search(AGAINST, head), head
    assert re.search(INSTEAD, head), head


def test_no_companion_when_nothing_is_advised_against(engine: FakeChatEngine) -> None:
    answer = respond(Conversation(), "What is the lenalidomide dose in POEMS?", engine, TODAY)[0]
    assert "mainstays" not in _direct(answer)


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # "is it a cancer / leukaemia?": what kind of disease POEMS is comes first
        ("is POEMS a kind of leukemia?", r"(?i)paraneoplastic"),
        ("¿el POEMS es un cáncer?", r"(?i)paraneopl[aá]sico"),
        # a stroke is an arterial thrombosis, which POEMS makes common
        ("tuvo un infarto cerebral, ¿tiene que ver con el POEMS?", r"(?i)ictus|trombosis"),
        ("had a stroke last year, related to his POEMS?", r"(?i)stroke|thrombosis"),
        # gynaecomastia belongs to the endocrinopathy; the thyroid pill is hormone replacement
        ("ginecomastia en un paciente con POEMS, ¿por qué?", r"(?i)endocrin"),
        ("¿la pastilla de la tiroides es para siempre?", r"(?i)levotiroxina|hormonas"),
    ],
)
def test_plain_questions_about_what_poems_is_are_answered(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text
    assert re.search(opening, _direct(answer)), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "¿cuál es el tratamiento del cáncer de la sangre?",
        "¿qué tipo de cáncer de la sangre tiene mejor pronóstico?",
        "what is the treatment of acute leukemia?",
        "blood cancer in children symptoms",
    ],
)
def test_other_blood_cancers_stay_out_of_scope(engine: FakeChatEngine, question: str) -> None:
    assert _ask(engine, question).refused


def test_a_relapse_of_treated_poems_gets_relapse_options_not_a_diagnosis_gate(
    engine: FakeChatEngine,
) -> None:
    answer = respond(
        Conversation(),
        "POEMS relapsed 14 months after ASCT (VEGF up, new FDG-avid rib lesion). "
        "What can we still offer?",
        engine,
        TODAY,
    )[0]
    assert "do not establish the diagnosis" not in answer.text
    assert re.search(r"(?i)lenalidomide", answer.text)
    assert re.search(r"(?i)renal function|creatinine clearance", answer.text)  # gates still apply


def test_a_dose_question_in_a_vignette_gets_the_dose_first(engine: FakeChatEngine) -> None:
    answer = respond(
        Conversation(),
        "Varón de 55 años con POEMS e infiltración medular por células plasmáticas lambda, "
        "ECOG 1, aclaramiento de creatinina 35 ml/min. ¿Candidato a TASPE? ¿Con qué dosis de "
        "melfalán lo acondicionaríais?",
        engine,
        TODAY,
    )[0]
    assert re.search(r"200 mg/m²", _direct(answer)), answer.text
    assert "médula ósea: presente" in answer.text  # "infiltración medular" is the marrow


@pytest.mark.parametrize(
    ("question", "audience", "opening"),
    [
        # the stratum is still open: the guideline's answer about radiation comes first
        (
            "only 1 spot on the bone and the marrow was clean. radiation alone for poems?? "
            "is that gonna be enough",
            "patient",
            r"(?i)radiation|radiotherapy",
        ),
        # a bare "¿Tratamiento?" about a described patient is a broad treatment question
        (
            "Varón de 62 años, polineuropatía, componente lambda, una lesión esclerótica en "
            "ilíaco, MO negativa, VEGF plasmático 640 pg/mL, esplenomegalia. ¿Tratamiento?",
            "clinician",
            r"40-50 Gy",
        ),
        # stem cell collection: British spelling and clinician shorthand
        (
            "how many cycles of len can you give before mobilising for auto in POEMS?",
            "clinician",
            r"first 4 cycles",
        ),
        ("cuantos ciclos de lenalidomida antes de la aferesis en poems?", "clinician", r"4 "),
    ],
)
def test_what_a_described_patient_asks_comes_first(
    engine: FakeChatEngine, question: str, audience: str, opening: str
) -> None:
    _assert_opens(engine, question, audience, opening)


@pytest.mark.parametrize(
    ("question", "audience", "found"),
    [
        (
            "my dad never had skin problems before, now after years of being fine he has dark "
            "patches and swollen ankles. could the POEMS be back even though it looks nothing "
            "like before?",
            "patient",
            r"(?i)relapse|new",
        ),
        (
            "hola, mi papa termino el tratamiento con lenalidomida para el poems. el sindrome "
            "puede regresar? hasta cuando tiene que seguir yendo a control",
            "patient",
            r"(?i)tercio|30 %",
        ),
        (
            "Thromboprophylaxis in POEMS: aspirin routinely, or only when there's "
            "thrombocytosis? When do you escalate to anticoagulation?",
            "clinician",
            r"(?i)antiplatelet|aspirin",
        ),
        (
            "My feet flop when I walk and I keep tripping. I have POEMS. Besides the treatment "
            "for the disease itself, what can help me get around and cope?",
            "patient",
            r"(?i)physio|brace|orthos",
        ),
        (
            "POEMS, marrow involved, CrCl ~40, otherwise fit. auto with full-dose mel or reduced?",
            "clinician",
            r"140 mg/m²",
        ),
    ],
)
def test_everyday_phrasing_is_answered_not_refused(
    engine: FakeChatEngine, question: str, audience: str, found: str
) -> None:
    answer = _ask(engine, question, audience)
    assert answered_with(answer, found), answer.text


# Real phrasings from families and clinicians that the cannot-answer gate used to refuse:
# everyday verbs, kin words and months phrase a question, they do not name its subject.
PHRASED = [
    (
        "question for later on. my brother had his auto transplant for poems in march, "
        "nurse said it can come back. if it does is a 2nd transplant even an option or is"
        " that it"
    ),
    (
        "mum is having the high dose chemo + stem cell thing for poems. the weeks right "
        "after, what usually goes wrong? is there something POEMS people get more than "
        "others"
    ),
    (
        "Ya van como ocho meses del autotrasplante de mi mamá y todavía no tiene fuerza "
        "en las piernas, anda con bastón. ¿Eso quiere decir que no le sirvió el "
        "tratamiento del POEMS?"
    ),
    (
        "Mi hermana tiene síndrome POEMS con edemas en las piernas y ascitis. ¿Qué se "
        "hace con el líquido mientras tanto? ¿Se le acabará quitando?"
    ),
    (
        "My husband's foot flops down when he walks and he keeps tripping since the POEMS"
        " started. Apart from the treatment itself, is there anything that helps him walk"
        " safely?"
    ),
    (
        "the nerve pain in my wife's legs is awful esp at night (poems). are there meds "
        "that actually work for it, and will it ease off once her treatment kicks in"
    ),
    (
        "My dad was told he had CIDP and has been getting IVIG every month for a year. "
        "Now the hematologist says it's actually POEMS syndrome. The IVIG seemed to help "
        "him a bit, so can we ask for more of it?"
    ),
    (
        "why did they stop my moms immunoglobulin infusions?? she got diagnosed with "
        "poems last month after 2 yrs of 'cidp' treatment. shouldnt she keep getting them"
        " while she waits for the new treatment"
    ),
    (
        "A mi marido le diagnosticaron PDIC y lleva meses con inmunoglobulinas por vena. "
        "Ahora el hematólogo dice que es un síndrome POEMS y quiere retirarle las "
        "inmunoglobulinas. ¿Por qué, si a él le parecía que le sentaban bien? ¿No podrían"
        " seguir poniéndoselas?"
    ),
    (
        "My wife has POEMS. Prednisone made her legs stronger and the swelling went down,"
        " so why do the doctors want to move to a stronger treatment instead of just "
        "keeping her on prednisone?"
    ),
    (
        "POEMS on lenalidomide-dex for 3 months: plasma VEGF has dropped from 850 to 240 "
        "pg/mL but his foot drop and numbness are unchanged. Is the treatment failing? "
        "Should we switch?"
    ),
    ("recaida de poems tras tasp, con vegf subiendo y lesion nueva en pet: q tto damos?"),
]


@pytest.mark.parametrize("question", PHRASED)
def test_everyday_words_do_not_make_a_question_unanswerable(
    engine: FakeChatEngine, question: str
) -> None:
    assert not _ask(engine, question).refused


@pytest.mark.parametrize(
    "question",
    [
        "my mom wants to know the best diet for diabetes",
        "what does my husband need for his gout?",
        "mi mamá quiere saber qué hotel hay cerca del hospital",
    ],
)
def test_kin_and_everyday_words_do_not_bring_other_subjects_into_scope(
    engine: FakeChatEngine, question: str
) -> None:
    assert _ask(engine, question).refused


@pytest.mark.parametrize(
    ("question", "audience", "opening"),
    [
        # a named aspect opens its own answer, whatever the topic
        ("induction before ASCT in POEMS - who needs it and with what?", "clinician", "universal"),
        ("¿Hace falta inducción antes del TASPE en el POEMS?", "clinician", "universal"),
        ("is a 2nd stem cell transplant possible if POEMS comes back?", "patient", r"(?i)limited"),
        ("se puede repetir el trasplante autologo si vuelve el poems?", "patient", r"(?i)limitad"),
        ("POEMS: ¿cómo se maneja el síndrome de injerto tras el TASPE?", "clinician", "fiebre"),
    ],
)
def test_a_named_aspect_opens_its_answer(
    engine: FakeChatEngine, question: str, audience: str, opening: str
) -> None:
    _assert_opens(engine, question, audience, opening)


@pytest.mark.parametrize(
    "question",
    [
        "Thromboprophylaxis in POEMS: when are clots most likely?",
        "¿Cuándo son más frecuentes las trombosis en el POEMS?",
    ],
)
def test_clot_timing_opens_with_the_first_three_months(
    engine: FakeChatEngine, question: str
) -> None:
    answer = _ask(engine, question)
    assert re.search(r"first 3 months|3 primeros meses", _direct(answer)), answer.text


@pytest.mark.parametrize(
    ("question", "opening", "never"),
    [
        # safety: a positive marrow makes it disseminated whatever the lesion count
        (
            "POEMS con lesion unica pero MO infiltrada por cel plasmaticas lambda, le doy RT y "
            "listo?",
            r"diseminada",
            r"radioterapia es el tratamiento de primera",
        ),
        (
            "POEMS with two sclerotic lesions in the pelvis, but the iliac crest biopsy shows 8% "
            "lambda-restricted plasma cells. Can we just irradiate the two lesions?",
            r"(?i)disseminated",
            r"first-line treatment for a dominant",
        ),
        # a negative marrow with one lesion still opens with radiation
        ("single lesion, marrow negative: RT or ASCT?", r"(?i)radiation", r"^$"),
    ],
)
def test_a_positive_marrow_is_never_answered_with_radiation_alone(
    engine: FakeChatEngine, question: str, opening: str, never: str
) -> None:
    head = _direct(_ask(engine, question))
    assert re.search(opening, head), head
    assert not re.search(never, head), head


def test_naming_both_strata_to_compare_them_steers_to_neither(engine: FakeChatEngine) -> None:
    head = _direct(
        respond(
            Conversation(), "How is POEMS staged — localized versus disseminated?", engine, TODAY
        )[0]
    )
    assert re.search(r"(?i)localized when", head), head


def test_legs_still_weak_after_treatment_opens_with_the_recovery_timeline(
    engine: FakeChatEngine,
) -> None:
    answer = respond(
        Conversation(audience="patient"),
        "It's been 8 months since Dad's transplant for POEMS and his legs are still weak. "
        "Why aren't his legs better yet? Did the treatment not work?",
        engine,
        TODAY,
    )[0]
    assert re.search(r"(?i)several years|treatment failure", _direct(answer)), answer.text


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        ("recaída de mieloma tras TASPE, opciones", True),
        ("myeloma relapse after ASCT: options?", True),
        ("POEMS relapse after ASCT: options?", False),
        ("POEMS versus myeloma: transplant options?", False),
    ],
)
def test_another_diseases_transplant_question_is_refused(
    engine: FakeChatEngine, question: str, refused: bool
) -> None:
    assert _ask(engine, question).refused is refused

"""Round-25 chat behaviours (#12), from a fourth fresh probe written from the fact sheet:
a follow-up with no subject of its own stays on the passage the last answer opened with; a
case with no option yet opens with the tests that decide it; a neuropathy with a lambda clone
and thrombocytosis is a possible POEMS even when it was called CIDP; everyday asking words in
a follow-up are not gaps; lay and clinician wording the lexicon lacked."""

from __future__ import annotations

import re

import pytest

from assistant.chat.understand import THROMBOCYTOSIS
from assistant.rulebook import load_rulebook
from tests.chat.checks import ask, first_bullets, leads_with
from tests.chat.test_conversation import run
from tests.conftest import KNOWLEDGE
from tests.fakes import FakeChatEngine

ENGRAFTMENT = (
    "Day +10 after ASCT for POEMS: fever, rash, weight gain and lung infiltrates. What is this?"
)


def test_a_follow_up_without_a_subject_stays_on_the_passage_just_quoted(
    engine: FakeChatEngine,
) -> None:
    # "¿y con qué frecuencia aparece?" holds a monitoring word ("frecuencia"); after an
    # engraftment answer it asks how common the syndrome is, not how often to test
    (first, often, treated), _ = run(
        engine, ENGRAFTMENT, "¿y con qué frecuencia aparece?", "how is it treated?"
    )
    assert re.search(r"(?i)engraftment syndrome", first_bullets(first))
    assert re.search(r"(?i)síndrome del injerto[^\n]*50 %", first_bullets(often, 1))
    assert not treated.refused
    assert re.search(r"(?i)corticosteroids", first_bullets(treated, 3))


def test_a_follow_up_naming_its_own_subject_is_not_pulled_back(engine: FakeChatEngine) -> None:
    # the engraftment passage must not take a question that names a drug of its own
    (*_, last), _ = run(engine, ENGRAFTMENT, "Should thalidomide be avoided?")
    assert re.search(r"(?i)thalidomide", first_bullets(last, 1))
    assert "engraftment" not in first_bullets(last, 1).lower()


def test_a_case_with_no_option_yet_opens_with_the_tests_that_decide_it(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "Working dx CIDP for 18 months, IVIG-refractory. Now plt 590 and a small IgG-λ. What next?",
    )
    assert not answer.refused
    head = " ".join(answer.text.split("### ")[1].split()[:150])  # the direct answer
    assert re.search(r"VEGF", head) and re.search(r"PET", head), head
    # the tests come before what the guideline gives once the diagnosis is confirmed
    assert answer.text.index("VEGF") < answer.text.index("Radiation is the first-line")


@pytest.mark.parametrize(
    "question",
    [
        "Working dx CIDP for 18 months, IVIG-refractory. Now plt 590 and a small IgG-λ. What next?",
        "Neuropathy labelled CIDP, no IVIG response, IgA lambda paraprotein, platelets 610. "
        "What should I do?",
    ],
)
def test_cidp_with_a_lambda_clone_and_thrombocytosis_is_a_possible_poems(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert not answer.refused, answer.text[:300]


@pytest.mark.parametrize(
    "question",
    [
        # no thrombocytosis: another disease's question stays declined
        "AL amyloidosis, lambda, NT-proBNP 2800 ng/L, plus a length-dependent neuropathy. "
        "Platelets 250. Is he a candidate for high-dose melphalan and ASCT?",
        "Typical CIDP with an IgM kappa paraprotein, platelets 600, IVIG dose?",
    ],
)
def test_without_both_pointers_another_disease_stays_declined(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question).refused


def test_the_thrombocytosis_threshold_is_the_rule_books() -> None:
    assert load_rulebook(KNOWLEDGE).diagnosis.platelet_rule.above_10e9_l == THROMBOCYTOSIS


OPENS_WITH = [
    # a woman who uses no contraception, starting lenalidomide: pregnancy prevention first
    (
        "Mujer de 34 años con POEMS diseminado, vamos a iniciar lenalidomida-dexametasona. Tiene "
        "pareja estable y no usa ningún método. ¿Qué hay que hacer antes de la primera cápsula?",
        "clinician",
        r"(?i)anticoncepción eficaz",
    ),
    (
        "32-year-old woman, about to start Rd for POEMS, no contraception at the moment. "
        "Anything before the first capsule?",
        "clinician",
        r"(?i)effective contraception",
    ),
    # "¿qué pedirías?" asks for the work-up
    (
        "Varón 55 a con dx de PDIC hace 14 meses, no responde a IgIV ni a plasmaféresis, "
        "plaquetas 620.000 y un pequeño componente IgA lambda. ¿Qué pedirías ahora?",
        "clinician",
        r"VEGF",
    ),
    # shorthand: "synd", "tx"
    ("engraftment synd tx?", "clinician", r"(?i)corticosteroids"),
    # low counts on lenalidomide, told in shorthand or before "¿arranco igualmente?"
    (
        "Varón 60 a, POEMS diseminado, iba a empezar Rd mañana pero en la analítica tiene "
        "neutrófilos 0,8 x10^9/L y plaquetas 160. ¿Arranco igualmente?",
        "clinician",
        r"(?i)no iniciar lenalidomida con neutrófilos por debajo de 1,0",
    ),
    ("Rd, plts 45 on day 15, now what?", "clinician", r"(?i)lenalidomide is interrupted"),
    # one swollen, sore leg on lenalidomide: a possible clot, not the volume overload
    (
        "My leg suddenly got swollen and sore while on lenalidomide for POEMS. Could it be "
        "related?",
        "patient",
        r"(?i)thromb",
    ),
    ("Mis piernas están hinchadas, ¿es por el POEMS?", "patient", r"(?i)edemas"),
    # years after the transplant and well: follow-up still goes on
    (
        "My wife had a stem cell transplant for POEMS 3 years ago and feels great. Do we still "
        "need to go to checkups?",
        "patient",
        r"(?i)never ends",
    ),
    # criteria met, the lesion count not from whole-body imaging: the open stratum and its
    # deciding test, then what the guideline gives once it is settled (radiation, its dose)
    (
        "58M, demyelinating PN, small IgA-λ spike, a single 2-cm sclerotic lesion in the L iliac "
        "wing, iliac crest BM with no clonal PCs, plasma VEGF 610, splenomegaly. First-line tx "
        "and dose?",
        "clinician",
        r"(?i)undetermined.*PET-CT",
    ),
    # months after radiation, nerves no better: recovery is slow, the 3-6-month rule
    (
        "Hombre 52 a, plasmocitoma esclerótico único en sacro, MO negativa, recibió RT 45 Gy hace "
        "2 meses. La neuropatía no mejora, incluso algo peor. ¿Paso ya a tratamiento sistémico?",
        "clinician",
        r"(?i)entre 3 y 6 meses.*(?:lenta|transitorio)",
    ),
    (
        "Lleva 2 ciclos de Rd, el VEGF ha bajado a la mitad pero la neuropatía sigue igual. "
        "¿Cambio de esquema?",
        "clinician",
        r"(?i)fracaso",
    ),
    # a dose question with the kidneys told names no drug: the renal starting doses first
    (
        "66M, disseminated POEMS, transplant-ineligible (EF 35%), CrCl 27, not on dialysis, "
        "plt 210, ANC 3.1. What regimen and doses?",
        "clinician",
        r"(?i)15 mg every other day",
    ),
    # hormones, high counts, fertility and what to know before lenalidomide, in lay words
    (
        "They say my thyroid and my testosterone are both low. Is that from the nerve-and-protein "
        "disease I have (POEMS)?",
        "patient",
        r"(?i)endocrinopathy.*(?:thyroid|on its own)",
    ),
    (
        "¿Por qué mi padre tiene las plaquetas tan altas y la hemoglobina alta? Tiene POEMS.",
        "patient",
        r"(?i)criterios menores",
    ),
    (
        "My wife is 33 and has POEMS. Her doctor wants to start her on lenalidomide pills. What "
        "do we need to know?",
        "patient",
        r"(?i)pregnancy",
    ),
    (
        "If she needs the high-dose chemo with transplant for her POEMS, can she still have "
        "babies?",
        "patient",
        r"(?i)infertility",
    ),
    # pulmonary hypertension in lay words: how often, and that it can reverse
    (
        "Mi marido tiene POEMS y le dijeron que tiene la tensión alta en los pulmones. ¿Es grave?",
        "patient",
        r"(?i)hipertensión pulmonar.*27 %",
    ),
    # a family member asking whether a joint haematology-neurology centre is needed
    (
        "Me dijeron que mi mamá tiene que ir a un centro con hematólogos y neurólogos juntos, "
        "¿es necesario?",
        "patient",
        r"(?i)multidisciplinar",
    ),
]


@pytest.mark.parametrize(("question", "audience", "pattern"), OPENS_WITH)
def test_questions_open_with_what_they_ask(
    engine: FakeChatEngine, question: str, audience: str, pattern: str
) -> None:
    assert leads_with(engine, question, audience, pattern) is None


FOLLOW_UPS = [
    # everyday asking words in a follow-up ask about the conversation's subject
    (
        (
            "Mi hermano tiene POEMS y le encontraron una sola lesión en el hueso de la cadera; "
            "la médula estaba limpia. ¿Qué tratamiento le toca?",
            "How successful is that usually?",
        ),
        "patient",
    ),
    (
        (
            "Mujer 45a, POEMS, 2 lesiones escleróticas (ilíaco y sacro), MO negativa, DLCO 50%, "
            "proteinuria 1,5 g/24h. ¿Estadio y tratamiento?",
            "¿Algo en su caso que prediga fallo?",
        ),
        "clinician",
    ),
    (
        (
            "Mujer de 36 años, POEMS diseminado (MO 6% células plasmáticas lambda), candidata a "
            "TASPE. Quieren hacer inducción con Rd primero. ¿Qué tengo que tener en cuenta antes "
            "de arrancar?",
            "¿y cuándo recolecto?",
        ),
        "clinician",
    ),
]


@pytest.mark.parametrize(("messages", "audience"), FOLLOW_UPS)
def test_follow_ups_with_everyday_asking_words_are_answered(
    engine: FakeChatEngine, messages: tuple[str, ...], audience: str
) -> None:
    (*_, last), _ = run(engine, *messages, audience=audience)
    assert not last.refused, last.text[:300]


def test_a_short_follow_up_on_dialysis_keeps_the_renal_doses(engine: FakeChatEngine) -> None:
    (*_, last), _ = run(
        engine,
        "66M, disseminated POEMS, transplant-ineligible (EF 35%), CrCl 27, not on dialysis. "
        "What regimen and doses?",
        "and if he ends up on HD?",
    )
    assert re.search(r"(?i)5 mg once daily on dialysis", first_bullets(last, 3))


def test_a_follow_up_naming_a_stratum_is_not_pulled_back_to_the_criteria(
    engine: FakeChatEngine,
) -> None:
    (*_, last), _ = run(
        engine,
        "Sensorimotor PN, IgA-λ, plasma VEGF 340, no bone lesions on PET, marrow negative, "
        "papilledema, hyperpigmentation. Does she meet criteria?",
        "what's her stratum and therapy?",
    )
    assert re.search(r"(?i)stratum|strata|systemic", first_bullets(last, 2))
    assert "mandatory" not in first_bullets(last, 2)


def test_a_rare_word_in_a_follow_up_is_still_declined(engine: FakeChatEngine) -> None:
    (*_, last), _ = run(
        engine,
        "Mi hermano tiene POEMS y le encontraron una sola lesión en el hueso de la cadera. "
        "¿Qué tratamiento le toca?",
        "¿Puede ir a esquiar?",
        audience="patient",
    )
    assert last.refused


@pytest.mark.parametrize(
    "question",
    [
        "Going to ASCT for POEMS, CrCl 42 mL/min, fit. Melphalan at full dose or reduced?",
        "TASPE por POEMS, aclaramiento 35 mL/min. ¿Qué dosis de melfalán?",
    ],
)
def test_a_melphalan_dose_beside_the_kidneys_is_not_answered_with_lenalidomides(
    engine: FakeChatEngine, question: str
) -> None:
    opening = first_bullets(ask(engine, question), 1)
    assert re.search(r"(?i)melphalan|melfalán", opening), opening
    assert "Cockcroft" not in opening


CONVERSATIONS = [
    # the subject of the passage just quoted carries into "how successful is that?"
    (
        (
            "Mi hermano tiene POEMS y le encontraron una sola lesión en el hueso de la cadera; "
            "la médula estaba limpia. ¿Qué tratamiento le toca?",
            "How successful is that usually?",
        ),
        "patient",
        r"97%",
    ),
    (
        (
            "Mi madre tiene POEMS y la van a tratar con melfalán y dexametasona porque no puede "
            "trasplantarse. ¿Cuánto dura?",
            "¿Y funciona?",
        ),
        "patient",
        r"80,6 %",
    ),
    # a lay engraftment picture, then "¿es frecuente?" (the alarm said first is not the subject)
    (
        (
            "A mi padre le hicieron el trasplante de médula por POEMS hace 10 días y hoy tiene "
            "fiebre, manchas rojas en la piel y ha ganado peso. ¿Qué puede ser?",
            "¿Es frecuente?",
        ),
        "patient",
        r"(?i)síndrome del injerto[^\n]*50 %",
    ),
]


@pytest.mark.parametrize(("messages", "audience", "pattern"), CONVERSATIONS)
def test_follow_ups_answer_about_what_was_just_said(
    engine: FakeChatEngine, messages: tuple[str, ...], audience: str, pattern: str
) -> None:
    (*_, last), _ = run(engine, *messages, audience=audience)
    assert not last.refused
    assert re.search(pattern, first_bullets(last, 2)), last.text[:400]


@pytest.mark.parametrize("question", ["How common is POEMS?", "¿Es frecuente el POEMS?"])
def test_how_common_the_disease_is_is_not_the_thyroid_caveat(
    engine: FakeChatEngine, question: str
) -> None:
    opening = first_bullets(ask(engine, question), 1)
    assert re.search(r"(?i)rare disease|enfermedad rara", opening), opening


PROBE9_OPENINGS = [
    (
        "3 yrs post-ASCT: new FDG-avid lesions spine + pelvis, plasma VEGF doubled. ANC 2.1, "
        "plt 210, hep serology never done. We're considering a dara-based regimen. What before "
        "starting?",
        "clinician",
        r"(?i)hepatitis B screening before daratumumab",
    ),
    (
        "Paciente POEMS que recibió MDex x12 y luego TASPE; 5 años después aparecen citopenias "
        "nuevas. ¿Qué hay que pensar?",
        "clinician",
        r"(?i)mielodisplásico",
    ),
    (
        "Hombre 52 a, POEMS con 2 lesiones escleroticas en pelvis, biopsia de MO sin celulas "
        "plasmaticas clonales. Que tto y a que dosis?",
        "clinician",
        r"(?i)radioterapia.*40-50 Gy",
    ),
    # "baby aspirin" is not a fertility question; a low count beside aspirin gets the floor
    (
        "Mom's platelets dropped to 40 after her chemo. Is it still ok for her to take the baby "
        "aspirin?",
        "patient",
        r"(?i)holds aspirin",
    ),
    ("PH in POEMS reversible?", "clinician", r"(?i)reverse"),
]


@pytest.mark.parametrize(("question", "audience", "pattern"), PROBE9_OPENINGS)
def test_probe9_questions_open_with_what_they_ask(
    engine: FakeChatEngine, question: str, audience: str, pattern: str
) -> None:
    assert leads_with(engine, question, audience, pattern) is None


@pytest.mark.parametrize(
    "messages",
    [
        ("what's VEGF and why is my dad's so high?", "will it come down with treatment?"),
        (
            "How do I tell POEMS from myeloma in a patient with mixed sclerotic lesions?",
            "Can I use the myeloma response criteria then?",
        ),
    ],
)
def test_follow_ups_in_scope_are_answered(
    engine: FakeChatEngine, messages: tuple[str, ...]
) -> None:
    (*_, last), _ = run(engine, *messages)
    assert not last.refused, last.text[:300]


@pytest.mark.parametrize(
    "question",
    [
        "¿Qué dosis de levotiroxina en hipotiroidismo subclínico de una embarazada?",
        "How do I manage Hashimoto's thyroiditis in pregnancy?",
    ],
)
def test_a_thyroid_condition_of_its_own_is_declined(engine: FakeChatEngine, question: str) -> None:
    assert ask(engine, question).refused


def test_a_thyroid_condition_beside_poems_is_answered(engine: FakeChatEngine) -> None:
    answer = ask(
        engine, "Paciente con POEMS e hipotiroidismo subclínico: ¿cuenta como endocrinopatía?"
    )
    assert not answer.refused


def test_reactive_thrombocytosis_from_iron_deficiency_stays_declined(
    engine: FakeChatEngine,
) -> None:
    # "come down" is now a known phrase; the thrombocytosis explained by another cause is not
    # a POEMS feature, and "does she need aspirin?" asks for that other condition's care
    answer = ask(
        engine,
        "Woman of 40, menorrhagia, ferritin 5, platelets 610 - reactive thrombocytosis. Does "
        "she need aspirin until the platelets come down on iron?",
    )
    assert answer.refused


def test_a_poems_vignette_with_subclinical_hypothyroidism_is_answered(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "58M: polyneuropathy, IgG lambda, plasma VEGF 700. Subclinical hypothyroidism and low "
        "testosterone. Does that count as the endocrine criterion?",
    )
    assert not answer.refused


def test_another_conditions_care_asked_mid_conversation_is_declined(
    engine: FakeChatEngine,
) -> None:
    (*_, last), _ = run(
        engine,
        "Which endocrine tests at POEMS diagnosis?",
        "How often is adrenal insufficiency found?",
        "Off topic - how do I manage Hashimoto's thyroiditis in pregnancy?",
    )
    assert last.refused

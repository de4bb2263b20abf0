"""Round-9 chat behaviours (#12): IVIG or plasma exchange questions say what works instead
(treatment aimed at the plasma-cell clone); "can I call this POEMS?" is a criteria question."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    ("question", "audience", "clone"),
    [
        ("Is plasma exchange worth trying in POEMS?", "clinician", r"plasma-cell clone"),
        ("¿Sirve el recambio plasmático en el POEMS?", "clinician", r"clon de células"),
        (
            "A mi padre le diagnosticaron POEMS después de un año de inmunoglobulinas por una "
            "PDIC. ¿Por qué le quitaron las inmunoglobulinas?",
            "patient",
            r"clon",
        ),
    ],
)
def test_ivig_and_plasma_exchange_answers_say_what_works_instead(
    engine: FakeChatEngine, question: str, audience: str, clone: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused
    assert re.search(r"(?i)not effective|no son eficaces|no funcionan|no sirve", answer.text)
    assert re.search(clone, answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Demyelinating neuropathy and a small IgA lambda M-spike, nothing else so far. "
        "Can I call this POEMS?",
        "Neuropatía desmielinizante y pico monoclonal lambda. ¿Puedo llamarlo POEMS ya?",
    ],
)
def test_can_i_call_this_poems_opens_with_the_diagnostic_rule(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert re.search(r"diagnosed when|se diagnostica cuando", first_bullets(answer, 1)), answer.text


def test_a_question_with_no_content_word_asks_about_the_story_before_it(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "My dad got IVIG for CIDP for a year, now they say it's POEMS. Why did they stop it?",
        "patient",
    )
    assert re.search(r"(?i)immunoglobulin|IVIG", first_bullets(answer, 1)), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "They found one lesion in my dad's hip and his marrow was clear, so he is going for "
        "radiation. How much do they give, and why radiation and not chemo?",
        "A mi madre le van a dar rayos por una lesión en la cadera. ¿Cuánta radiación le dan y "
        "por qué rayos y no quimio?",
    ],
)
def test_a_family_asking_how_much_radiation_and_why_gets_the_dose_and_who_it_is_for(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question, "patient"), 3)
    assert re.search(r"40-50 Gy", head), head
    assert re.search(r"localized when|localizada cuando|first-line|primera línea", head), head


def test_a_family_asking_whether_radiation_cured_him_hears_the_radiation_outcomes(
    engine: FakeChatEngine,
) -> None:
    head = first_bullets(
        ask(engine, "Mi esposo terminó la radioterapia por el POEMS. ¿Ya se curó?", "patient"), 3
    )
    assert re.search(r"97", head), head


def test_a_family_asking_how_likely_radiation_works_hears_its_outcomes(
    engine: FakeChatEngine,
) -> None:
    question = (
        "Le van a dar radioterapia a mi padre por una única lesión. ¿Qué probabilidades hay de "
        "que funcione?"
    )
    head = first_bullets(ask(engine, question, "patient"), 2)
    assert re.search(r"97", head), head


@pytest.mark.parametrize(
    "question",
    [
        "My mum has POEMS and the pain in her feet is awful, burning. Do lots of people get it?",
        "Me arden los pies por el POEMS. ¿Es normal este dolor? ¿Le pasa a muchos?",
    ],
)
def test_nerve_pain_questions_open_with_how_common_it_is(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question, "patient"), 1)
    assert re.search(r"75", head), head


def test_what_care_to_take_with_lenalidomide_is_a_side_effect_question(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine, "q cuidados hay q tener con la lenalidomida?? mi hija empieza ya", "patient"
    )
    assert re.search(r"(?i)análisis de sangre|glóbulos|embarazo|fiebre", first_bullets(answer, 1))


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        ("Pleural effusion in POEMS before ASCT: does it matter?", r"3\.39"),
        ("derrame pleural en POEMS antes del TASPE, ¿qué implica?", r"3,39"),
        # told, not asked: the conditioning question keeps its own answer
        (
            "64M with disseminated POEMS, eGFR 38, ECOG 2, pleural effusions. Would you condition "
            "with mel 140 or 200?",
            r"(?i)140",
        ),
    ],
)
def test_an_effusion_asked_about_before_transplant_opens_with_its_risk(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    head = first_bullets(ask(engine, question), 2)
    assert re.search(opens, head), head


def test_in_which_phase_clots_are_most_frequent_opens_with_their_timing(
    engine: FakeChatEngine,
) -> None:
    head = first_bullets(ask(engine, "POEMS: ¿en qué fase hay más trombosis?"), 1)
    assert re.search(r"3 primeros meses", head), head


@pytest.mark.parametrize(
    ("question", "opens"),
    [
        (
            "What thromboprophylaxis should a POEMS patient receive on lenalidomide-dexamethasone?",
            r"aspirin at standard risk",
        ),
        ("¿Qué tromboprofilaxis se indica con Len-dex en el POEMS?", r"AAS con riesgo estándar"),
        # a timing question that also names the IMiD opens with the timing
        (
            "¿En qué momento se concentran las trombosis en el POEMS? ¿Solo cuando entra la "
            "lenalidomida?",
            r"3 primeros meses",
        ),
    ],
)
def test_thromboprophylaxis_on_an_imid_opens_with_the_agent_chosen_by_risk(
    engine: FakeChatEngine, question: str, opens: str
) -> None:
    head = first_bullets(ask(engine, question), 1)
    assert re.search(opens, head), head


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        (
            "Outside hospital gave 3 doses of bevacizumab: VEGF fell from 2400 to 180 pg/mL but "
            "he now has new ascites. Is that a response? Carry on?",
            "clinician",
        ),
        (
            "Le dieron bevacizumab y el VEGF bajó mucho, pero está peor. ¿Le está funcionando?",
            "patient",
        ),
    ],
)
def test_a_vegf_fall_on_bevacizumab_is_not_called_a_response(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    head = first_bullets(ask(engine, question, audience), 2)
    assert re.search(r"4 (?:of|de) 6", head), head
    assert re.search(r"not recommended|no se recomienda", head), head


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("Post-ASCT POEMS, VEGF normal, IFE still positive. Does that matter?", "clinician"),
        (
            "mi esposo está mejor después del trasplante pero todavía le sale la proteína "
            "anormal. ¿eso es malo?",
            "patient",
        ),
    ],
)
def test_a_persistent_m_protein_opens_with_what_a_complete_response_predicts(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    head = first_bullets(ask(engine, question, audience), 1)
    assert re.search(r"5[.,]4", head), head


@pytest.mark.parametrize(
    "question",
    [
        "POEMS in CR after Rd, VEGF normal twice. OK to discharge back to the GP?",
        "POEMS en remisión hace 3 años, VEGF siempre normal. ¿Hasta cuándo hay que seguirlo?",
    ],
)
def test_asking_to_end_follow_up_in_remission_hears_it_never_ends_on_its_own(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question), 2)
    assert re.search(r"never ends|nunca termina", head), head
    assert re.search(r"does not rule out|no descarta", head), head


def test_fever_and_rash_days_after_the_transplant_name_engraftment_syndrome(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "my wife had her transplant 9 days ago and now she has a fever, a rash and is all "
        "puffed up. what is going on?",
        "patient",
    )
    head = first_bullets(answer, 2)
    assert re.search(r"(?i)fever", head.split("\n")[0]), head  # the alarm stays first
    assert re.search(r"Engraftment syndrome", head), head


@pytest.mark.parametrize(
    "question",
    [
        "POEMS, marrow involved, CrCl ~40, otherwise fit. auto with full-dose mel or reduced?",
        "poems con médula positiva, FG 40, resto bien. ¿TAPH con melfalán a dosis plena o bajamos?",
    ],
)
def test_a_conditioning_question_opens_with_the_reduced_dose_for_renal_impairment(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question), 2)
    assert re.search(
        r"(?i)renal impairment or frailty, 140|insuficiencia renal o fragilidad, 140", head
    )
    assert re.search(r"200 mg/m²", head), head


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        (
            "A mi suegro lo trataron 1 año como CIDP con inmunoglobulinas, ahora dicen que es "
            "POEMS. ¿es común que se confundan?",
            "patient",
        ),
        ("q es la 'albumina baja' que dice el informe de mi mama? (POEMS)", "patient"),
        ("a mi viejo le dio un ACV y después le encontraron el POEMS, ¿tiene relación?", "patient"),
        ("PH prevalence in POEMS and does it reverse with treatment?", "clinician"),
        (
            "mi papá esta en remision del POEMS hace 4 años. hasta cuando hay q hacerlos los "
            "controles?",
            "patient",
        ),
        ("Neuro wants to start IVIG while we wait for heme. Worth doing in POEMS?", "clinician"),
    ],
)
def test_everyday_words_and_shorthand_do_not_sink_a_poems_question(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "My POEMS patient also has atrial fibrillation and CrCl 40: what apixaban dose for "
        "stroke prevention?",
        "Tengo POEMS y soy camionero. ¿Puedo pedir la incapacidad permanente?",
    ],
)
def test_another_condition_or_benefits_beside_poems_are_still_declined(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question).refused


def test_radiation_alone_with_a_positive_marrow_says_what_localized_means(
    engine: FakeChatEngine,
) -> None:
    head = first_bullets(
        ask(
            engine,
            "POEMS con lesión única pero MO infiltrada por células plasmáticas, ¿RT y listo?",
        ),
        2,
    )
    assert re.search(r"diseminada cuando", head), head
    assert re.search(r"localizada cuando hay de 1 a 3", head), head


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("q tanto funcionan las radiaciones en el poems??", "patient"),
        (
            "che, mi viejo tiene un dolor quemante en los pies. es x el poems eso? le pasa a "
            "mucha gente?",
            "patient",
        ),
        (
            "un colega propuso bevacizumab pa bajar el VEGF rapido. tiene lugar en poems?",
            "clinician",
        ),
        (
            "pac con POEMS diseminado, 74 años, fragil, la familia no quiere quimio. dejamos "
            "solo dexa?",
            "clinician",
        ),
        (
            "So my brother had his transplant for POEMS about 14 months ago. He still wears the "
            "plastic splint on his foot. Will he need it forever?",
            "patient",
        ),
        (
            "Missus is on lenalidomide for her POEMS and she's spiked a temp of 38.5 tonight. "
            "Ring the hospital now or wait till Monday?",
            "patient",
        ),
        (
            "a mi papa le crecio muchisimo pelo y tiene las uñas blancas. con la lenalidomida "
            "vuelve a la normalidad?",
            "patient",
        ),
    ],
)
def test_colloquial_family_and_clinician_messages_are_answered(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text


def test_a_bevacizumab_answer_says_it_does_not_act_on_the_clone(engine: FakeChatEngine) -> None:
    answer = ask(engine, "If VEGF drives POEMS, why not just give bevacizumab?")
    assert re.search(r"not directed against the plasma-cell clone", answer.text), answer.text


def test_an_orthosis_question_with_regional_words_is_answered(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "le mandaron una ortesis pa el pie a mi papa por el POEMS, va dentro del zapato. la va a "
        "tener q usar pa siempre?",
        "patient",
    )
    assert not answer.refused, answer.text

"""Round-11 chat behaviours (#12): "why so many tests?" opens with the reason (many organs,
and the stage decides the treatment) before the list of tests."""

from __future__ import annotations

import re

import pytest

from assistant.chat.understand import pick_topics
from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    ("question", "audience", "reason"),
    [
        ("why does POEMS need so many different tests?", "patient", r"many organs"),
        (
            "por que le piden tantos estudios a mi mama para el sindrome de poems?? ya lleva "
            "como 15",
            "patient",
            r"muchos órganos",
        ),
        ("POEMS work-up: why all these investigations?", "clinician", r"many organs"),
    ],
)
def test_so_many_tests_opens_with_why(
    engine: FakeChatEngine, question: str, audience: str, reason: str
) -> None:
    answer = ask(engine, question, audience)
    head = first_bullets(answer, 1)
    assert re.search(reason, head), answer.text
    assert re.search(r"(?i)stag|estadific", head), answer.text


@pytest.mark.parametrize(
    ("question", "recovery"),
    [
        (
            "What can my dad take for the burning pain in his feet from POEMS? Paracetamol does "
            "nothing and he can't sleep.",
            r"recover only as treatment of the disease",
        ),
        (
            "a mi mama le arden y le punzan los pies por el POEMS, no duerme. que medicina le "
            "pueden dar pal dolor de los nervios",
            r"solo se recuperan a medida que hace efecto el tratamiento",
        ),
    ],
)
def test_nerve_pain_answers_how_common_and_that_recovery_follows_treatment(
    engine: FakeChatEngine, question: str, recovery: str
) -> None:
    answer = ask(engine, question, "patient")
    head = first_bullets(answer, 2)
    assert "75" in head, answer.text
    assert re.search(recovery, head), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "¿Cuándo se evalúa la respuesta después de la radioterapia en el POEMS localizado y qué "
        "se hace si progresa?",
        "termino la RT por POEMS, cuanto espero p/ evaluar respuesta? y si progresa q sigue?",
        "POEMS after RT to a solitary lesion: when do you assess the response, and what if it "
        "progresses?",
    ],
)
def test_response_after_radiation_opens_with_the_three_to_six_month_rule(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert re.search(r"3 (?:to|y) 6", first_bullets(answer, 1)), answer.text


def test_a_named_aspect_opens_before_a_plan_whose_stratum_is_open(
    engine: FakeChatEngine,
) -> None:
    """'Relapsed after ASCT: can he have another?' sets the phase (a stated finding), but the
    plan cannot yet say localized or disseminated: the second-transplant answer comes first,
    the plan after it."""
    answer = ask(
        engine,
        "A mi marido le hicieron un trasplante de médula por el POEMS hace 5 años y ha "
        "recaído. ¿Le pueden hacer otro trasplante?",
        "patient",
    )
    assert re.search(r"(?i)segundo TAPH", first_bullets(answer, 1)), answer.text
    assert answer.text.index("segundo TAPH") < answer.text.index("### Para este paciente")


def test_a_known_stratum_still_opens_before_the_aspect(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "58-year-old woman with POEMS: PET-CT shows two sclerotic lesions and nothing else. "
        "Marrow trephine has 8% lambda-restricted plasma cells. Radiation oncology has offered "
        "RT to both sites. Is that enough?",
    )
    # the plan's stratum, or (no criteria entered beyond the clone) the guideline's rule for it
    assert re.search(r"(?i)disseminated", first_bullets(answer, 1)), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Im on week 2 of the lenalidomide and woke up with a temp of 38.6. Can I just take "
        "tylenol and wait for my appointment on friday?",
        "mi vieja esta con la lenalidomida y tiene 38 de fiebre, le puedo dar un ibuprofeno y "
        "esperar al lunes?",
        "Dra perdon q te escriba un domingo. Mi vieja esta con 38.5 de fiebre, temblando. Hace 10 "
        "dias le dieron el melfalan del trasplante. Mi hermano dice q le demos paracetamol y "
        "esperemos, ¿esperamos?",
    ],
)
def test_a_danger_sign_on_treatment_is_never_refused(engine: FakeChatEngine, question: str) -> None:
    """Words nobody knows ('tylenol', 'ibuprofeno', 'friday') do not sink a fever on
    lenalidomide: the warning opens the answer."""
    answer = ask(engine, question, "patient")
    assert not answer.refused, answer.text
    assert re.search(r"(?i)straight away|de inmediato|enseguida|urgente", first_bullets(answer, 1))


ANSWERED = [
    # a probe set on cautions and not-recommended agents (EN/ES, clinicians and families)
    (
        "VEGF is 3x ULN and it's supposedly the driver, so why not just give bevacizumab? "
        "Seems logical",
        "clinician",
    ),
    (
        "Two q's on dara in POEMS: how good is the evidence, and what do I need to screen for / "
        "give as prophylaxis before starting it?",
        "clinician",
    ),
    (
        "my neurologist wants me to keep getting the IVIG infusions but the hematologist says "
        "they won't help now that they know its POEMS. who do i believe??",
        "patient",
    ),
    (
        "Mientras se organiza el TAPH le pusimos pulsos de dexa sola y mejoró el edema. ¿Vale "
        "como tto o solo es puente?",
        "clinician",
    ),
    # dev families told in lay words, without the name POEMS (r11b/r11c/r11d)
    (
        "Doctor buenas noches, le escribe Yuleisy la hija de don Efrain. A mi papa le sacaron 3 "
        "litros de la barriga otra vez el jueves, tiene las piernas como tubos y agua en los "
        "pulmones tambien. El internista dice q es del higado, pero el hematologo dice q es de "
        "la misma enfermedad de la sangre y los nervios. ¿Ese liquido es por la enfermedad?",
        "patient",
    ),
    (
        "Buenas noches doctor, soy Marisol. Mi papá se cayó otra vez en el baño, xq los pies se "
        "le doblan y no los siente, y en la noche no duerme del ardor en las piernas. Los "
        "medicos dicen q es de la enfermedad de los nervios con la proteina en la sangre. ¿Qué "
        "podemos hacer para q no se siga cayendo?",
        "patient",
    ),
    (
        "Hello doctor, I'm Sofia, my mom is 52. Since her illness started (the nerve + plasma "
        "cell one) her skin went dark and she has little red bumps like cherries on her chest. "
        "Will her skin go back to normal? And the red bumps too?",
        "patient",
    ),
    (
        "hello, my mom Carmen (58) was just diagnosed last week after almost a year of them "
        "telling her it was CIDP. Its a plasma cell thing that wrecked her nerves. When is the "
        "risk of clots highest with this disease, and should she already be on something?",
        "patient",
    ),
    (
        "Hi, I'm writing for my daughter Valeria, she's 27 and was just diagnosed with a rare "
        "plasma-cell disease that damaged her nerves. Can she get pregnant while she's on the "
        "lenalidomide? And is there any way to protect her chance to have kids later?",
        "patient",
    ),
    (
        "The hematologist mentioned daratumumab for my wife, her POEMS came back after "
        "lenalidomide. Is that drug actually proven for POEMS or is it kind of a try?",
        "patient",
    ),
    (
        "disseminated POEMS, 76yo, not fit for ASCT (HF, COPD), diffuse lesions. 1st line?",
        "clinician",
    ),
    (
        "IgA lambda, 1 sclerotic iliac lesion on CT, plt 520k, neuropathy ++. no marrow yet, "
        "VEGF not done. whats left to order & why does the BM matter here?",
        "clinician",
    ),
    # probe sets of Spanish clinicians' consults and English families' messages
    (
        "Tuvimos una TVP asociada al PICC durante el TASPE de un pte con POEMS. Esta descrito "
        "esto o fue mala suerte?",
        "clinician",
    ),
    (
        "hi, my husband Dave (58) has that rare nerve and blood syndrome with the high VEGF. the "
        "PET found only one bone spot in his pelvis and the bone marrow biopsy came back clear. "
        "is that really enough for just one spot??",
        "patient",
    ),
    (
        "mum is on revlimid before her transplant for the nerve syndrome with the high VEGF. the "
        "team said they need to collect her stem cells early. why the rush?",
        "patient",
    ),
    (
        "we're his kids and want to help. after dad comes home from the stem cell transplant for "
        "his POEMS what warning signs should we watch for and when do we rush him back?",
        "patient",
    ),
    (
        "dad has little red cherry like spots on his chest and his nails went white. is that the "
        "rare nerve and blood condition he has? will they go away",
        "patient",
    ),
]

DECLINED = [
    (
        "my mom has myeloma and is on carfilzomib, the nurse mentioned the heart. should we be "
        "worried?",
        "patient",
    ),
    ("mi tia tiene mieloma y le dan pomalidomida, q efectos secundarios tiene?", "patient"),
    ("Dosis de apixaban en FA no valvular con ClCr 25 y 82 años?", "clinician"),
    # a lay name makes a story about POEMS, never a request the guideline does not cover
    ("write me a short poem about my dad's nerve and blood disease", "patient"),
    (
        "mi tia tiene mieloma, una enfermedad de la sangre, y neuropatia por el bortezomib: q "
        "dosis de pregabalina?",
        "patient",
    ),
]


@pytest.mark.parametrize(("question", "audience"), ANSWERED)
def test_round11_probe_messages_are_answered(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text


@pytest.mark.parametrize(("question", "audience"), DECLINED)
def test_another_diseases_drug_and_its_side_effects_are_declined(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert ask(engine, question, audience).refused


@pytest.mark.parametrize(
    ("question", "temporary"),
    [
        (
            "Finished radiotherapy for POEMS 6 weeks ago. Honestly my legs feel weaker and more "
            "numb than before. Is that normal?? How long until I start getting better?",
            r"temporary worsening",
        ),
        (
            "mi viejo termino la radioterapia hace un mes y medio y esta peor de las piernas. "
            "Cuanto tarda en mejorar? cuando se sabe si la radio funciono?",
            r"empeoramiento transitorio",
        ),
    ],
)
def test_worse_after_radiation_is_answered_with_the_temporary_worsening(
    engine: FakeChatEngine, question: str, temporary: str
) -> None:
    answer = ask(engine, question, "patient")
    assert re.search(temporary, first_bullets(answer, 3)), answer.text


def test_the_real_numbers_after_radiation_are_the_outcomes(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "doc told my sister her chance of it staying away after radiation is 'about 50/50'. she "
        "has POEMS with one plasmacytoma in the rib. is that right? what are the real numbers",
        "patient",
    )
    head = first_bullets(answer, 1)
    assert "97" in head and "52" in head, answer.text


def test_banned_drugs_question_is_answered_with_the_caution(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "my husbands hematologist said they wont start with velcade or thalidomide because of "
        "his nerves. does that mean those drugs are banned for people with POEMS, or do they "
        "actually work?",
        "patient",
    )
    assert not answer.refused, answer.text
    assert re.search(r"(?i)thalidomide|bortezomib", first_bullets(answer, 1)), answer.text


def test_steroid_monotherapy_as_a_long_term_plan_opens_with_temporary(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "58F with POEMS, lambda-restricted plasma cells in the marrow, on weekly dex 40 mg alone "
        "for 2 months with less edema. She'd prefer nothing else. Is steroid monotherapy an "
        "acceptable long-term plan?",
    )
    assert re.search(r"(?i)temporar", first_bullets(answer, 1)), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Finished 45 Gy to a single sacral lesion 6 weeks ago, marrow negative. The neuropathy is "
        "no better yet. At what point do we add systemic therapy (Len-dex or ASCT)?",
        "Terminó la radioterapia hace un mes (lesión única, MO sin clon) y el VEGF sigue alto. "
        "¿Ya paso a lenalidomida o espero?",
    ],
)
def test_when_to_add_systemic_after_radiation_opens_with_the_rule(
    engine: FakeChatEngine, question: str
) -> None:
    answer = ask(engine, question)
    assert re.search(r"3 (?:to|y) 6", first_bullets(answer, 1)), answer.text


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ({"relapse": 1.0, "next_steps": 0.6, "transplant": 0.55}, ("relapse", "transplant")),
        ({"next_steps": 1.0, "relapse": 0.6, "transplant": 0.55}, ("next_steps", "relapse")),
        ({"relapse": 1.0, "next_steps": 0.6}, ("relapse", "next_steps")),
    ],
)
def test_the_second_topic_slot_goes_to_a_subject_before_what_now(
    scores: dict[str, float], expected: tuple[str, ...]
) -> None:
    assert pick_topics(scores) == expected


# question -> the sentence the answer opens with (one aspect each, from the dev families)
OPENS = [
    (
        "My wife finished her POEMS treatment. Her VEGF went from 4,800 to 1,900 and now 900. "
        "What does it mean that it keeps dropping?",
        "patient",
        r"sign of response",
    ),
    (
        "VEGF en descenso tras el TASPE: que indica y cada cuanto se controla despues?",
        "clinician",
        r"señal de respuesta",
    ),
    (
        "how do they keep track of my dad's VEGF after treatment? and if it stays normal does "
        "that mean the POEMS can't come back?",
        "patient",
        r"normal VEGF does not rule out relapse",
    ),
    (
        "My VEGF test came back normal again. Does that mean the POEMS hasn't come back?",
        "patient",
        r"normal VEGF does not rule out relapse",
    ),
    (
        "Me ha vuelto a salir el VEGF normal, ¿quiere decir que el POEMS no ha vuelto?",
        "patient",
        r"VEGF normal no descarta la recaída",
    ),
    (
        "How often do POEMS patients have PH, and is it permanent once diagnosed?",
        "clinician",
        r"27%",
    ),
    (
        "Why is my mom getting radiation for her POEMS instead of chemotherapy? Isn't chemo "
        "stronger?",
        "patient",
        r"first-line treatment for a dominant plasmacytoma",
    ),
    (
        "my husband finished his treatment for poems last year. how will the doctors know if "
        "it comes back?? is the blood test enough or could they miss it",
        "patient",
        r"Suspect relapse when VEGF rises",
    ),
    (
        "A mi madre le han dado por terminado el tratamiento del síndrome POEMS. ¿Cómo se sabe "
        "si la enfermedad vuelve? ¿Basta con los análisis de sangre o se les puede escapar?",
        "patient",
        r"sospechar una recaída",
    ),
    (
        "mi papá terminó la radio en marzo y ahora el VEGF le subió de 150 a 420... ¿es que "
        "volvió?",
        "patient",
        # round 15: one rise opens with confirming it before the triggers
        r"único VEGF alto no basta para hablar de recaída",
    ),
    (
        "My son is in remission from POEMS after his transplant. Does he have to keep seeing "
        "the hematologist forever? How often?",
        "patient",
        r"never ends",
    ),
    (
        "Mi papá terminó la radio en marzo por el POEMS, tenía una sola lesión. ¿Qué viene "
        "después? ¿Cuándo se sabe si funcionó?",
        "patient",
        r"entre 3 y 6 meses",
    ),
    (
        "My dad just finished radiation for POEMS. What happens now? Will he need chemo "
        "afterwards anyway?",
        "patient",
        r"3 to 6 months",
    ),
]


@pytest.mark.parametrize(("question", "audience", "lead"), OPENS)
def test_round11_aspects_open_the_answer(
    engine: FakeChatEngine, question: str, audience: str, lead: str
) -> None:
    answer = ask(engine, question, audience)
    assert re.search(lead, first_bullets(answer, 1)), answer.text

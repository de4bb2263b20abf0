"""Round-10 chat behaviours (#12): "can he stay on steroids?" opens with steroids being only
temporary and with what works instead; light verbs ("¿le va a volver?", "le salió") are never
the subject a question is refused over; colloquial words found by a Spanish supportive-care
probe set."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    ("question", "audience", "temporary", "clone"),
    [
        (
            "can my brother stay on steroids for poems? they helped his swelling a lot and hes "
            "scared of chemo",
            "patient",
            r"(?i)temporar",
            r"plasma-cell clone",
        ),
        (
            "Una vez confirmado el POEMS, ¿mantenéis las IgIV y los corticoides que llevaba "
            "como PDIC o los retiráis?",
            "clinician",
            r"(?i)temporal",
            r"clon de células plasmáticas",
        ),
    ],
)
def test_staying_on_steroids_opens_with_temporary_and_the_clone(
    engine: FakeChatEngine, question: str, audience: str, temporary: str, clone: str
) -> None:
    answer = ask(engine, question, audience)
    head = first_bullets(answer, 2)
    assert re.search(temporary, head), answer.text
    assert re.search(clone, head), answer.text


def test_a_steroid_bridge_question_still_opens_with_the_bridge_leads(
    engine: FakeChatEngine,
) -> None:
    answer = ask(engine, "Can I keep him on dexamethasone while we wait for the transplant?")
    assert re.search(r"0\.17", first_bullets(answer, 3)), answer.text


def test_the_light_verb_list_holds_inflections_but_no_content_words(
    engine: FakeChatEngine,
) -> None:
    light = engine.lexicon().light
    assert {"salio", "volver", "vuelva", "aguantar", "saca", "llevamos", "kept"} <= light
    # words that carry a question's subject stay out: life, hard skin, works, worry, need
    assert not {"vida", "dura", "funciona", "preocupar", "necesita", "trata", "mejora"} & light


def test_a_doubt_cue_is_never_repaired_into_a_guideline_word(engine: FakeChatEngine) -> None:
    text = "Pt was on it for presumed CIDP and neuro wants to continue."
    assert engine.lexicon().speller.repair(text) == (text, ())
    answer = ask(engine, f"Is plasmapheresis of any use in POEMS? {text}")
    assert "Polyneuropathy" not in answer.text.split("###")[0], answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        ("Dose adjustment of lenalidomide for CrCl 40?", r"10 mg once daily from 30"),
        ("CrCl 48 by Cockcroft-Gault, POEMS, plan lenalidomide 25 mg d1-21. Adjust?", r"10 mg"),
        (
            "ANC 0.4 on day 8 of cycle 3 len-dex for POEMS, plts ok. hold? restart at what dose?",
            r"one dose level lower",
        ),
        (
            "PMN 0,8 y plaq 140 mil a dia 15 del ciclo 2 de Rd (POEMS). suspendo o sigo? y si "
            "suspendo, con q dosis reinicio?",
            r"un nivel de dosis por debajo",
        ),
    ],
)
def test_lenalidomide_renal_and_count_questions_open_with_the_label_rule(
    engine: FakeChatEngine, question: str, lead: str
) -> None:
    answer = ask(engine, question)
    assert re.search(lead, first_bullets(answer, 1)), answer.text


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        (
            "POEMS pt: low T, TSH 9, AM cortisol low. treat all three? start hydrocortisone "
            "straight away?",
            r"(?i)replace deficient hormones",
        ),
        (
            "En POEMS, ¿cómo estudiáis el eje suprarrenal? ¿Damos hidrocortisona empírica a "
            "todos los que tienen endocrinopatía o hay que demostrar la insuficiencia primero?",
            # the aspect's own first lead: glucocorticoids once the ACTH test proves the need
            r"(?i)reponer las hormonas|ACTH demuestra insuficiencia suprarrenal, se inicia la "
            r"reposición con glucocorticoides",
        ),
    ],
)
def test_hormone_treatment_questions_open_with_replacement(
    engine: FakeChatEngine, question: str, lead: str
) -> None:
    assert re.search(lead, first_bullets(ask(engine, question), 1))


def test_a_named_relative_is_not_an_unknown_word(engine: FakeChatEngine) -> None:
    from assistant.chat.understand import without_names

    lex = engine.lexicon()
    assert without_names("le escribo por mi mamá Ximena. Tiene", lex) == (
        "le escribo por mi mamá. Tiene"
    )
    assert without_names("soy Daniela, tengo 45", lex) == "soy, tengo 45"
    assert without_names("my husband Tom has POEMS", lex) == "my husband has POEMS"
    assert without_names("Mi esposo Felipe está", lex) == "Mi esposo está"
    # the name itself must be capitalised: "mi mamá tiene" keeps its verb
    assert without_names("mi mamá tiene POEMS", lex) == "mi mamá tiene POEMS"
    # a word the guideline knows is never taken for a name
    assert without_names("mi papá Castleman", lex) == "mi papá Castleman"


# Messages found by the round-10 probe sets: light verbs, names, greetings, regional and
# clinician words never make an in-scope question look like another subject ...
ANSWERED = [
    (
        "El VEGF de mi mama salio normal en el control. Eso quiere decir q ya no le va a volver?",
        "patient",
    ),
    (
        "le recetaron furosemida a mi papá para la hinchazon de los pies. eso cura o solo es "
        "para aguantar mientras hace efecto lo otro?",
        "patient",
    ),
    (
        "le hicieron un ecocardiograma a mi hermano y en el informe dice hipertension "
        "pulmonar. eso viene del poems o es otra enfermedad aparte q le salio?",
        "patient",
    ),
    (
        "mi viejo arrastra los pies y se tropieza con todo, el fisiatra le dijo de usar una "
        "ferula antiequino. la va a tener q usar siempre o despues se la saca?",
        "patient",
    ),
    (
        "A mi mamá le salio el tiroides bajo en los analisis. Eso es parte del poems? le van "
        "a dar pastilla?",
        "patient",
    ),
    (
        "mi mamá toma lenalidomida x el poems y esta noche tiene 38.5 de fiebre. esperamos a "
        "mañana o la llevamos?",
        "patient",
    ),
    (
        "my mom had her transplant 5 yrs ago and has been fine since. the doctor still wants "
        "scans and blood tests. isn't that overkill?",
        "patient",
    ),
    (
        "mi papa tiene los dedos como palillo de tambor, ensanchados en la punta. eso es malo"
        " en el poems?",
        "patient",
    ),
    (
        "al papa le bajaron las defensas con la lenalidomida y hoy tiene 38.5 de fiebre. "
        "esperamos o vamos a la guardia?",
        "patient",
    ),
    (
        "I only have one bone spot and they say radiation is all I need. is that true or will"
        " I need chemo too?",
        "patient",
    ),
    (
        "mi mamá tiene poems y le van a dar lenalidomida, pero tiene los riñones un poco mal "
        "(la creatinina alta). le tienen q bajar la dosis?",
        "patient",
    ),
    (
        "Antes del trasplante dicen q le van a sacar celulas madre de la sangre a mi papa, y "
        "q tiene q ser pronto xq esta tomando lenalidomida. ¿Por qué tanto apuro?",
        "patient",
    ),
    (
        "Me van a dar 25 sesiones, en el papel dice 4500 cGy. Es mucho? es lo normal para esto?",
        "patient",
    ),
    (
        "el doctor dijo q ademas de la radio le va a dar unas pastillas, lenalidomida. las "
        "dos cosas juntas se puede??",
        "patient",
    ),
    (
        "He had a stroke a few months before they figured out it was POEMS. Is that connected"
        " or just bad luck?",
        "patient",
    ),
    ("la radio cura o solo frena?", "patient"),
    ("why do they keep looking in his eyes", "patient"),
    ("xq le crece tanto el pelo en las piernas y la espalda", "patient"),
    (
        "hola doctora soy Daniela tengo 45 años y hace un mes me dijeron que tengo sindrome "
        "POEMS. Tengo dos hijos chiquitos y tengo mucho miedo de no verlos crecer. ¿cuánto se"
        " vive con esto?",
        "patient",
    ),
    (
        "Hola doctor, mi esposo Patricio terminó el tratamiento en mayo y está mucho mejor, "
        "ya camina harto. El hematólogo dice que igual tiene que seguir con controles. ¿Hasta"
        " cuándo?",
        "patient",
    ),
    (
        "hola doc, mi hermana Paola tiene 38 y desde enero no le baja la regla, no esta "
        "embarazada. A ella le diagnosticaron POEMS en noviembre. ¿puede ser por la "
        "enfermedad q se le fue la menstruacion?",
        "patient",
    ),
    (
        "My husband (49) has POEMS and they recommend a stem cell transplant. What are the "
        "chances it works long term?",
        "patient",
    ),
    (
        "hola buenas, mi jefa termino las radiaciones hace 3 semanas y ahorita camina peor q "
        "antes, se tropieza mas y anda bien triste la pobre. es normal eso o ya valio y no le"
        " sirvio?",
        "patient",
    ),
    (
        "Se le puso la piel re oscura a mi vieja, como si hubiera estado en la playa todo el "
        "verano, y ella no sale de la casa. ¿Se le va a quitar con el tratamiento?",
        "patient",
    ),
]

# ... and those words never let another subject through beside a POEMS word.
DECLINED = [
    (
        "me encontraron una gammapatia monoclonal de significado incierto en un analisis de "
        "rutina, me tengo q preocupar?",
        "patient",
    ),
    ("Mi papá tiene POEMS. ¿Puede salir a correr maratones?", "patient"),
    ("my dad has POEMS. can he keep going to the gym and lifting weights?", "patient"),
    (
        "q puede comer mi viejo durante la radioterapia? algo q le haga bien para las defensas",
        "patient",
    ),
    ("Puedo manejar yo solo a las sesiones de radio o es mejor q me lleve alguien?", "patient"),
    (
        "no puedo dormir de los nervios antes de cada sesion de radio, q pastilla puedo tomar?",
        "patient",
    ),
    ("can he get his flu shot while on lenalidomide", "patient"),
    ("can you recommend some short poems to read to my dad in hospital", "patient"),
    ("el seguro nos cubre el trasplante? como se hace el tramite", "patient"),
    (
        "Pac con POEMS en remision y ademas Ca de prostata localizado de riesgo intermedio. "
        "Para la prostata, 60 Gy en 20 fx o 78 Gy convencional?",
        "patient",
    ),
    ("Plasma exchange protocol for TTP, how many sessions and what replacement fluid?", "patient"),
]


@pytest.mark.parametrize(("question", "audience"), ANSWERED)
def test_round10_probe_messages_are_answered(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text


@pytest.mark.parametrize(("question", "audience"), DECLINED)
def test_other_subjects_beside_poems_words_are_declined(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert ask(engine, question, audience).refused

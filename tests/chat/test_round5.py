"""Round-5 chat behaviours (#12): a short question that points back at the case before it, and
"is that POEMS?" answered with the rule that decides it, for clinicians and families alike."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.chat import Conversation, respond
from assistant.contracts import Answer
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 26)


def _ask(engine: FakeChatEngine, q: str, audience: str = "clinician") -> Answer:
    return respond(Conversation(audience=audience), q, engine, TODAY)[0]  # type: ignore[arg-type]


def _direct(answer: Answer) -> str:
    parts = answer.text.split("### ")
    return parts[1] if len(parts) > 1 else answer.text


RULE = r"(?i)diagnosed when|se diagnostica cuando"


@pytest.mark.parametrize(
    ("question", "audience", "opening"),
    [
        # the question points back ("that", "eso") at a normal electrophoresis told before it
        (
            "Neurologist here: painful demyelinating neuropathy, thrombocytosis and "
            "papilledema, but the serum protein electrophoresis came back normal. "
            "Does that rule out POEMS?",
            "clinician",
            r"(?i)does not exclude",
        ),
        ("Does a normal SPEP exclude POEMS?", "clinician", r"(?i)immunofixation"),
        ("proteinograma normal, ¿descarta POEMS?", "clinician", r"(?i)inmunofijación"),
        # "is that POEMS?": the diagnostic rule first, findings named or not, any audience
        ("Neuropathy and an IgA lambda M-protein: is that enough for POEMS?", "clinician", RULE),
        ("¿Tener neuropatía y un pico monoclonal ya es POEMS?", "clinician", RULE),
        ("neuropathy + lambda MGUS = poems dx?", "clinician", RULE),
        (
            "My father has nerve damage in his legs and an abnormal protein in his blood. "
            "Does that mean he has POEMS?",
            "patient",
            RULE,
        ),
        (
            "A mi padre le han encontrado una neuropatía y una proteína anormal en la sangre, "
            "¿eso ya es POEMS?",
            "patient",
            RULE,
        ),
    ],
)
def test_the_answer_opens_with_what_decides_it(
    engine: FakeChatEngine, question: str, audience: str, opening: str
) -> None:
    answer = _ask(engine, question, audience)
    assert not answer.refused, answer.text[:400]
    assert re.search(opening, _direct(answer)), answer.text[:900]


def test_a_role_word_is_not_respelled(engine: FakeChatEngine) -> None:
    """'Neurologist here:' is understood, not read as a Spanish guideline word."""
    answer = _ask(engine, "Neurologist here: how do I tell POEMS from CIDP?")
    assert "Read as" not in answer.text, answer.text[-400:]


def test_a_relapse_question_keeps_its_own_topic(engine: FakeChatEngine) -> None:
    """'Does this mean relapse?' is not taken for the diagnosis question."""
    answer = _ask(engine, "VEGF went from 800 to 1500 pg/mL. Does this mean relapse?")
    assert answer.topics[0] == "relapse", answer.topics
    assert not re.search(RULE, _direct(answer))


@pytest.mark.parametrize(
    "question",
    [
        # a medical term from another field, beside a word only POEMS uses
        "¿La ferropenia puede elevar el VEGF sérico?",
        "Can iron deficiency falsely raise serum VEGF?",
        "¿el POEMS es una leucemia o un linfoma?",
        "le recetaron pregabalina por el POEMS, ¿está bien?",
        # lay and Latin American wording for supportive care, transplant and radiation
        "mi padre tiene POEMS, arrastra los pies y se ha caído dos veces, ¿qué hacemos?",
        "¿cuántas sesiones de rayos le van a dar por el POEMS?",
        "furosemida o espironolactona para la ascitis del POEMS?",
        "¿el trasplante de médula cura el POEMS?",
        "¿La EPOC puede elevar el VEGF?",
    ],
)
def test_in_scope_wording_is_answered(engine: FakeChatEngine, question: str) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text[:400]


@pytest.mark.parametrize(
    "question",
    [
        "PET en linfoma de Hodgkin",  # the medical term alone, no POEMS word: refused
        "vacuna de la gripe en embarazadas",
        "receta de tortilla de patatas",
        "tell me a joke about POEMS",
        "Trasplante autólogo en linfoma",
        "rayos X de tórax en embarazadas",
        "paracentesis evacuadora en ascitis cirrótica, ¿albúmina?",
        "kinesiología para un esguince de tobillo",
        # a POEMS finding inside another disease's question does not make it a POEMS case
        "derrame pleural por tuberculosis, tratamiento",
        "hipertensión pulmonar por EPOC, tratamiento",
        "dosis de radioterapia para metástasis óseas",
        "férula antiequino después de un ictus",
        "What is the treatment for POEMS and also how do I fix my car brakes?",
    ],
)
def test_other_fields_stay_out_of_scope(engine: FakeChatEngine, question: str) -> None:
    assert _ask(engine, question).refused


@pytest.mark.parametrize(
    "question",
    [
        "lesion osea unica en pelvis con medula negativa, tratamiento?",
        "Single lesion, marrow negative: RT or ASCT?",
        "lesion esclerotica unica en costilla, ¿radio?",
    ],
)
def test_a_named_localized_stratum_opens_with_radiation(
    engine: FakeChatEngine, question: str
) -> None:
    """Never melphalan/ASCT or 'treated systemically' first for one lesion and a clean marrow."""
    direct = _direct(_ask(engine, question))
    assert re.search(r"(?i)radiation|radioterapia", direct.splitlines()[2]), direct
    assert re.search(r"40-50 Gy", direct), direct
    assert not re.search(r"(?i)melphalan|melfalán|sistémico|systemically", direct), direct


def test_a_dose_question_about_a_named_stratum_still_gets_the_dose(
    engine: FakeChatEngine,
) -> None:
    answer = _ask(
        engine,
        "paciente de 66 años con POEMS diseminado y creatinina 2,1, ¿es candidato a "
        "trasplante autólogo? ¿qué dosis de melfalán?",
    )
    assert re.search(r"140 mg/m²", answer.text), answer.text[:1200]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("HTP en poems: revierte con el tto de la enfermedad? cuando repito eco?", r"revertir"),
        (
            "the doctors say my wife has high pressure in the lungs from her POEMS. "
            "will that go away??",
            r"(?i)pulmonary hypertension",
        ),
    ],
)
def test_everyday_and_abbreviated_pulmonary_questions_are_answered(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text[:400]
    assert re.search(opening, _direct(answer)), answer.text[:900]


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        ("el poems se cura? cuantos años se vive", "patient"),
        ("is POEMS curable?", "clinician"),
        ("prognosis of POEMS?", "clinician"),
    ],
)
def test_a_prognosis_question_opens_with_survival_and_relapse(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    """Survival first, then the relapse rate and lifelong follow-up; not a hazard-ratio list."""
    direct = _direct(_ask(engine, question, audience))
    first = direct.splitlines()[2]
    assert re.search(r"90 ?%", first) and not re.search(r"HR", first), direct
    assert re.search(r"30 ?%", direct), direct


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        (
            "My dad has foot drop from POEMS and keeps tripping. Is there anything that helps "
            "besides the chemo?",
            r"(?i)orthoses",
        ),
        (
            "Tengo un dolor quemante en los pies que no me deja dormir, ¿es normal en el POEMS?",
            r"(?i)dolor neuropático",
        ),
        (
            "¿Cómo se dan cuenta los médicos si el POEMS de mi papá está volviendo? "
            "él se siente bien",
            r"VEGF",
        ),
    ],
)
def test_family_wording_reaches_the_answer(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    answer = _ask(engine, question, "patient")
    assert not answer.refused, answer.text[:400]
    assert re.search(opening, _direct(answer)), answer.text[:900]


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "I'm 34 and they want to do a stem cell transplant for my POEMS. Will I still be "
            "able to have kids?",
            "drug_safety",
        ),
        ("do I need a synacthen test before ASCT in POEMS?", "workup"),
        ("factores de riesgo de complicaciones peritrasplante en POEMS", "transplant"),
        ("¿por qué no le dan a mi padre un medicamento que bloquee el VEGF?", "caution"),
    ],
)
def test_new_vocabulary_finds_its_topic(engine: FakeChatEngine, question: str, topic: str) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text[:400]
    assert topic in answer.topics, answer.topics


@pytest.mark.parametrize(
    ("question", "fever", "counts"),
    [
        ("What side effects can lenalidomide cause?", r"fever of 38", r"(?i)infection"),
        ("¿Qué efectos secundarios tiene la lenalidomida?", r"fiebre de 38", r"infecciones"),
    ],
)
def test_a_patient_asking_about_lenalidomide_hears_about_fever_and_counts(
    engine: FakeChatEngine, question: str, fever: str, counts: str
) -> None:
    text = _ask(engine, question, "patient").text
    assert re.search(fever, text) and re.search(counts, text), text
    assert not re.search(r"(?:If this applies to you|Si es su caso): (?:If|Si)\b", text), text


@pytest.mark.parametrize(
    "question",
    [
        "¿Por qué se acumula líquido en estos pacientes con POEMS?",
        "testosterona baja en el POEMS, ¿hay que suplementar?",
        "¿Se receta HBPM o AAS como tromboprofilaxis con lenalidomida?",
        "¿por qué engordó tanto después del trasplante por POEMS?",
        "¿va a recuperar la fuerza en las manos después del tratamiento del POEMS?",
        "What proportion of POEMS patients relapse?",
    ],
)
def test_more_everyday_wording_is_answered(engine: FakeChatEngine, question: str) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text[:400]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("¿Cómo se trata el hipogonadismo en el POEMS?", r"reponer las hormonas"),
        ("How is hypothyroidism treated in POEMS?", r"(?i)replace deficient hormones"),
        ("¿Cómo se trata el síndrome de prendimiento?", r"corticoides"),
        ("¿Cuándo derivar a rehabilitación?", r"fisioterapia"),
    ],
)
def test_supportive_questions_open_with_their_own_section(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    """'How is X treated?' about an endocrine deficit is hormone replacement, not radiation;
    'derivar' (refer) is not the derivation cohort."""
    answer = _ask(engine, question)
    assert re.search(opening, _direct(answer)), answer.text[:900]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("¿por qué le dan aciclovir?", r"antivírica"),
        ("tobillos hinchados en POEMS", r"(?i)edemas"),
        ("her belly keeps filling up with fluid", r"(?i)ascites"),
        ("fall prevention in POEMS neuropathy", r"(?i)orthoses"),
        ("is POEMS serious?", r"90 ?%"),
    ],
)
def test_lay_symptom_words_reach_their_passage(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    answer = _ask(engine, question)
    assert re.search(opening, _direct(answer)), answer.text[:900]


@pytest.mark.parametrize(
    "question",
    [
        "What follow-up do you recommend after ASCT for POEMS?",
        "¿Qué seguimiento hay que hacer tras el TASPE?",
        "¿Cuánto tiempo hay que seguir a un paciente con POEMS en remisión?",
    ],
)
def test_follow_up_after_a_treatment_opens_with_the_schedule(
    engine: FakeChatEngine, question: str
) -> None:
    """The treatment named is the context of the follow-up question, not its subject."""
    direct = _direct(_ask(engine, question))
    assert re.search(r"VEGF", direct.splitlines()[2]), direct
    assert not re.search(r"(?i)melphalan|melfalán", direct), direct


@pytest.mark.parametrize(
    ("question", "options"),
    [
        (
            "Relapse 4 years after ASCT, VEGF rising, new PET lesion: next step?",
            r"(?i)options with data",
        ),
        # after radiation a transplant-naive patient may have a first ASCT (round 22), then
        # the other options
        ("¿Qué hago si recae tras la radioterapia?", r"nunca lo ha recibido"),
    ],
)
def test_a_relapse_next_step_question_opens_with_the_options(
    engine: FakeChatEngine, question: str, options: str
) -> None:
    """Not the relapse rate or the timing of VEGF relapse: what can be done."""
    direct = _direct(_ask(engine, question))
    assert re.search(options, direct.splitlines()[2]), direct


@pytest.mark.parametrize(
    "question",
    [
        "my dad is on lenalidomide for POEMS and tonight he has a temperature of 38.4. can we "
        "wait until his appointment on monday?",
        "Mi madre está con melfalán por el POEMS y tiene 38 de fiebre, ¿la llevamos al hospital "
        "o esperamos a la consulta?",
    ],
)
def test_fever_on_treatment_is_answered_with_urgency(engine: FakeChatEngine, question: str) -> None:
    """Safety: a family asking whether a fever can wait is never refused."""
    answer = _ask(engine, question, "patient")
    assert not answer.refused, answer.text[:400]
    assert re.search(
        r"(?i)straight away|at once|urgent|enseguida|de inmediato|urgente", answer.text
    )


@pytest.mark.parametrize(
    "question",
    [
        "why cant my mom just stay on the prednisone? it made her feel a lot better",
        "dexa sola sirve en poems?",
        "my husband is going for ASCT next month. what are the steps?",
    ],
)
def test_everyday_clinical_wording_is_answered(engine: FakeChatEngine, question: str) -> None:
    assert not _ask(engine, question).refused


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        (
            "they found my thyroid is low because of the POEMS. will I need thyroid pills?",
            "supportive",
        ),
        (
            "Me han dicho que tengo el tiroides vago por el POEMS, ¿me tienen que dar pastillas?",
            "supportive",
        ),
        ("bev en poems refractario?", "caution"),
    ],
)
def test_lay_endocrine_and_drug_shorthand_find_their_topic(
    engine: FakeChatEngine, question: str, topic: str
) -> None:
    assert topic in _ask(engine, question).topics


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("does hematologic CR matter in poems?", r"HR 5[.,]4"),
        ("¿la RC hematológica importa en el POEMS?", r"HR 5[.,]4"),
        ("does PE help in poems?", r"(?i)plasma exchange"),
    ],
)
def test_clinician_shorthand_opens_with_its_passage(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    answer = _ask(engine, question)
    assert re.search(opening, _direct(answer)), answer.text[:900]


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("What should be monitored during lenalidomide therapy?", r"(?i)thromboprophylaxis"),
        (
            "¿Qué controles hay que hacer durante el tratamiento con lenalidomida?",
            r"(?i)tromboprofilaxis",
        ),
        ("¿Qué hay que vigilar tras la radioterapia?", r"VEGF"),
    ],
)
def test_what_to_monitor_opens_with_the_checks(
    engine: FakeChatEngine, question: str, opening: str
) -> None:
    """On lenalidomide: clots, counts, pregnancy, fever; after radiation: the schedule."""
    direct = _direct(_ask(engine, question))
    assert re.search(opening, direct.splitlines()[2]), direct

"""Round-12 chat behaviours (#12), found by new dev families written from the fact sheet only:
a question pointing back at the story ("is it the pill?"), everyday words that are not the
subject of a question, POEMS's lay name beside a medical term the guideline touches, and the
everyday topics that stay declined."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    ("question", "audience", "opens"),
    [
        (
            "mi viejo toma talidomida y tiene el pulso en 50, el medico dice q lo controlemos. "
            "es por la pastilla? hay q preocuparse?",
            "patient",
            r"(?i)bradicardia|pulso",
        ),
        (
            "my dad takes thalidomide and his heart rate is 50. is it the pill?",
            "patient",
            r"(?i)bradycardia|heartbeat|heart rate",
        ),
        ("Thalidomide, pulse 48 on the ward round. Is it the drug?", "clinician", r"54"),
    ],
)
def test_a_question_pointing_back_at_the_story_is_answered_from_the_story(
    engine: FakeChatEngine, question: str, audience: str, opens: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text
    assert re.search(opens, first_bullets(answer, 2)), answer.text


@pytest.mark.parametrize(
    ("question", "audience", "expected"),
    [
        (
            "I'm picking up my first POEMS patient next week. Is there anything we should "
            "specifically NOT give, drugs that look logical on paper but don't work?",
            "clinician",
            r"(?i)bevacizumab|not recommended",
        ),
        (
            "Estamos haciendo fisioterapia pero no vemos mejoria en las piernas despues de 2 "
            "meses de tratamiento. me preocupo o es normal que tarde?",
            "patient",
            r"(?i)3|meses",
        ),
        (
            "POEMS staging: is R-ISS / FISH relevant? what actually defines the treatment strata?",
            "clinician",
            r"(?i)no molecular staging",
        ),
        (
            "post-auto POEMS: PFS predictors? someone told me young age is actually worse - true?",
            "clinician",
            r"(?i)age 50 or under|HR 4\.4",
        ),
        (
            "My husband got shingles four months after his stem cell transplant for his nerve "
            "and blood disorder. Was he supposed to be taking some preventive medicine?",
            "patient",
            r"(?i)antivir",
        ),
    ],
)
def test_everyday_words_do_not_refuse_a_covered_question(
    engine: FakeChatEngine, question: str, audience: str, expected: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text
    assert re.search(expected, answer.text.split("### ")[1]), answer.text


def test_shivers_with_a_temperature_on_lenalidomide_open_with_the_warning(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "Dad is just on lenalidomide tablets at home for his condition. He's 38.4 tonight and "
        "shivery but says it's just a cold and wants to wait for his appointment. Is that ok?",
        "patient",
    )
    assert not answer.refused, answer.text
    assert re.search(r"(?i)urgent|straight away|right away|today", first_bullets(answer, 1))


@pytest.mark.parametrize(
    "question",
    [
        "me encontraron una gammapatia monoclonal de significado incierto en un analisis de "
        "rutina, me tengo q preocupar?",
        "My husband has nerve damage and foot drop from his condition. Is he still allowed to "
        "drive?",
        "Mi papá tiene POEMS y tuvo herpes zoster. ¿Qué vacuna le ponemos?",
    ],
)
def test_everyday_topics_and_other_diseases_stay_declined(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question, "patient").refused


def test_the_light_verb_list_holds_subjunctive_and_enclitic_forms(
    engine: FakeChatEngine,
) -> None:
    light = engine.lexicon().light
    assert {"tuviera", "darle", "parezca", "aceptamos", "eligen", "carry", "allowed"} <= light
    assert not {"dura", "preocupar", "vacuna"} & light


@pytest.mark.parametrize(
    "question",
    [
        "I'm picking up my first POEMS patient next week. Is there anything we should "
        "specifically NOT give?",
        "q cosas NO hay q darle a un pac con sindrome POEMS? lo q no sirve o directamente es "
        "peligroso",
    ],
)
def test_what_not_to_give_opens_with_the_agents_advised_against(
    engine: FakeChatEngine, question: str
) -> None:
    head = first_bullets(ask(engine, question), 3)
    assert re.search(r"(?i)bevacizumab", head), head
    assert re.search(r"(?i)IVIG|IgIV|immunoglobulin|inmunoglobulina", head), head
    assert re.search(r"(?i)corticosteroids|corticoides", head), head


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        (
            "my dad has POEMS and they only found one spot, in his hip bone. his bone marrow "
            "test came back clean. is radiation by itself enough or does he need chemo too?",
            "patient",
        ),
        (
            "Pte con POEMS, PET-TC con una única lesión esclerótica captante en sacro, MO sin "
            "células plasmáticas clonales. ¿Alcanza con RT sola o arrancamos con tto sistémico?",
            "clinician",
        ),
    ],
)
def test_rt_alone_or_chemo_too_opens_with_radiation_as_first_line_for_limited_disease(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    answer = ask(engine, question, audience)
    assert re.search(r"(?i)first-line|primera línea", first_bullets(answer, 1)), answer.text
    assert re.search(r"(?i)systemic|sistémico", first_bullets(answer, 3)), answer.text


def test_a_marrow_positive_case_asking_about_rt_gets_the_disseminated_options(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "58-year-old woman with POEMS: PET-CT shows two sclerotic lesions (left iliac and T10) "
        "and nothing else. Marrow trephine has 8% lambda-restricted plasma cells. Radiation "
        "oncology has offered RT to both sites. Is that enough?",
    )
    direct = answer.text.split("### ")[1]
    assert re.search(r"(?i)disseminated", direct), answer.text
    assert re.search(r"(?i)transplant|ASCT", direct), answer.text
    assert re.search(r"(?i)lenalidomide-dexamethasone", direct), answer.text
    # no heading is left without a line under it
    blocks = [b for b in answer.text.split("### ")[1:]]
    assert all(re.search(r"^- |^\d+\. ", b, re.M) for b in blocks), answer.text


def test_a_question_with_no_bone_lesion_opens_with_systemic_treatment_of_that_group(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "no bone lesions + negative marrow in POEMS - limited or disseminated? RT or what?",
    )
    assert re.search(r"(?i)no visible bone lesion.*systemic", first_bullets(answer, 1))


def test_a_radiation_answer_for_a_patient_does_not_list_the_agents_needing_caution(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "my dad has POEMS and they only found one spot, in his hip bone. his bone marrow test "
        "came back clean. is radiation by itself enough or does he need chemo too?",
        "patient",
    )
    assert "Thalidomide" not in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "audience", "opens"),
    [
        (
            "can you start treatment for suspected POEMS before the VEGF and marrow results are "
            "back?",
            "clinician",
            r"no treatment option",
        ),
        (
            "antes de arrancar lenalidomida q analiticas son obligatorias?",
            "clinician",
            r"Cockcroft",
        ),
        (
            "Hola. Mi marido tiene POEMS y toma lenalidomida y Adiro. En el análisis de hoy tiene "
            "40.000 plaquetas. ¿Tiene que seguir con el Adiro y con la lenalidomida?",
            "patient",
            r"interrumpe",
        ),
        (
            "a mi vieja le hicieron el autotrasplante por lo de los nervios y la sangre y ahora le "
            "agarró culebrilla. ¿No tenía que tomar alguna pastilla para prevenir eso?",
            "patient",
            r"antivírica",
        ),
        (
            "They found fluid around my husband's lungs. His transplant is booked for next month. "
            "Does the fluid make the transplant more dangerous?",
            "patient",
            r"3\.39",
        ),
        (
            "Rad onc plan for a solitary POEMS iliac lesion is 60 Gy. Is that within what has "
            "been used?",
            "clinician",
            r"35-54 Gy",
        ),
        (
            "My dad is 63 and has POEMS. He now has fluid around his lungs, high lung pressure on "
            "the heart scan, and his kidney filtration is about 25. What are his chances?",
            "patient",
            r"3\.99",
        ),
        (
            "echo + PFTs in POEMS dx: what are we looking for and how often is it abnormal?",
            "clinician",
            r"27%",
        ),
        (
            "Tras el TASPE en POEMS, ¿qué factores se asocian a progresión? ¿Ser joven (<50 "
            "años) protege o es al revés?",
            "clinician",
            r"HR 4,4",
        ),
        (
            "Is there a best first-line regimen for POEMS backed by trials? How do we pick one?",
            "clinician",
            r"No randomized comparison",
        ),
        (
            "mi esposo empezo el tratamiento y el hematologo dice que la proteina del analisis es "
            "tan chiquita que casi no se mide. entonces como sabemos si le esta funcionando??",
            "patient",
            r"varios frentes",
        ),
        (
            "Referred by neuro as CIDP, 6 mo of IVIG with no benefit, plt 520k. which NCS "
            "features would push me toward POEMS?",
            "clinician",
            r"uniform slowing",
        ),
    ],
)
def test_a_named_aspect_opens_the_answer(
    engine: FakeChatEngine, question: str, audience: str, opens: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text
    assert re.search(opens, first_bullets(answer, 1)), answer.text


def test_comparing_two_named_regimens_is_not_answered_with_the_generic_choice(
    engine: FakeChatEngine,
) -> None:
    answer = ask(
        engine,
        "72F, disseminated POEMS, not a transplant candidate, ONLS 5. Thal-dex or len-dex - "
        "which would you pick and why?",
    )
    assert "No randomized comparison" not in first_bullets(answer, 1), answer.text


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        (
            "M-protein minima, como evaluo la respuesta? uso criterios de mieloma?",
            "clinician",
        ),
        (
            "El componente M es minimo (0.3 g/dL). Uso criterios de respuesta IMWG de mieloma "
            "para evaluar la respuesta?",
            "clinician",
        ),
        (
            "la hipertension pulmonar se quita con el tratamiento o se queda para siempre? a mi "
            "papa le da miedo, alla no hay especialista",
            "patient",
        ),
        (
            "el residente quiere dar bortezomib en 1a linea, q opinas? y si lo usamos, SC o IV?",
            "clinician",
        ),
        (
            "relapse 3 yrs post ASCT, considering bortezomib. reckon the neuropathy risk is too "
            "high? and is sc any better than iv?",
            "clinician",
        ),
        (
            "Calcio bajo, creatinina alta, sin anemia, componente M minimo. El de guardia dice q "
            "es un mieloma. Diferencias clave con POEMS?",
            "clinician",
        ),
    ],
)
def test_shorthand_a_minimal_m_protein_or_a_fear_do_not_refuse_a_covered_question(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert not ask(engine, question, audience).refused


def test_a_two_part_radiation_question_gets_both_parts_in_its_first_two_lines(
    engine: FakeChatEngine,
) -> None:
    """'What share needs salvage after RT, and are there baseline predictors?': the 4-year
    event-free survival (52%) and the predictors (DLCO, urinary protein) both open the answer
    (round 13 put the predictors first; both parts stay within two lines)."""
    answer = ask(
        engine,
        "Tras RT en POEMS localizado, ¿qué porcentaje acaba necesitando tto de rescate y hay "
        "predictores basales?",
    )
    opening = first_bullets(answer, 2)
    assert re.search(r"52", opening) and re.search(r"DLCO", opening), answer.text

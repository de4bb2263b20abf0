"""Round-15 chat behaviours (#12): aspects found by the dev families, asked here in new words."""

from __future__ import annotations

import re

import pytest

from assistant.chat.lexicon import load_lexicon, words
from tests.chat.checks import ask, first_bullets
from tests.conftest import KNOWLEDGE
from tests.fakes import FakeChatEngine

LEX = load_lexicon(KNOWLEDGE)

OPENS = [
    (  # steroids as the main treatment: temporizing only, then what works
        "Neurology suggests pulse methylprednisolone for the neuropathy in a confirmed POEMS "
        "patient. Is that a reasonable main treatment?",
        r"(?i)temporarily and are not a definitive treatment",
        "patient",
    ),
    (
        "Her first echo showed pulmonary hypertension. Now she is in remission: do we repeat the "
        "echo and lung function routinely?",
        r"(?i)repeated when pulmonary hypertension, an effusion or breathlessness",
        "clinician",
    ),
    (
        "Ya terminó el tratamiento y le piden otro PET. ¿Para qué sirve y cuándo se hace?",
        r"(?i)al menos 3 meses despu[eé]s del tratamiento",
        "patient",
    ),
    (  # a normal protein test: "can't" is read with or without its apostrophe
        "My husband's blood test for abnormal proteins was normal. Does that mean it can't be "
        "POEMS?",
        r"(?i)normal serum protein electrophoresis does not exclude POEMS",
        "patient",
    ),
    (  # naming the POEMS criteria makes an MGUS question a POEMS one
        "Neuropatía con GMSI que no cumple los criterios de POEMS: ¿tiene sentido un TASPE con "
        "melfalán?",
        r"(?i)indicaci[oó]n err[oó]nea",
        "clinician",
    ),
    (  # the setting (a private clinic, the cost) is not the subject
        "En una clínica privada le ofrecen a mi tía plasmaféresis para limpiar la proteína del "
        "POEMS, y cuesta mucha plata. ¿Sirve?",
        r"(?i)no son eficaces en el POEMS",
        "patient",
    ),
    (
        "Plasmaféresis para bajar el VEGF en un POEMS: ¿sirve de algo?",
        r"(?i)no son eficaces en el POEMS",
        "clinician",
    ),
    (
        "Would IVIG help in the meantime for a patient with confirmed POEMS?",
        r"(?i)not effective in POEMS",
        "clinician",
    ),
    (
        "Durante el trasplante se le hinchó el brazo del catéter: ¿es frecuente en el POEMS?",
        r"(?i)cat[eé]ter central \(PICC\)",
        "patient",
    ),
    (
        "He had a pulmonary embolism last year, before POEMS was found. Could a clot happen again?",
        r"(?i)21\s?% recurred",
        "clinician",
    ),
    (
        "Prolactin is raised in my POEMS patient: does that change the clot risk?",
        r"(?i)hyperprolactinaemia was a venous risk factor",
        "clinician",
    ),
    (
        "Why is an echocardiogram needed? I thought POEMS was a nerve problem.",
        r"(?i)27\s?%",
        "patient",
    ),
    (
        "Radiotherapy for a single POEMS lesion: the lesion with a margin, or the whole bone?",
        r"(?i)involved-field",
        "clinician",
    ),
    (
        "¿La radioterapia le va a bajar las defensas como la quimio?",
        r"(?i)[aá]rea irradiada",
        "patient",
    ),
    (
        "In remission after ASCT. The VEGF came back high, but he was admitted with pneumonia "
        "two weeks ago. Is this a relapse?",
        r"(?i)repeat the test, especially after an acute illness",
        "clinician",
    ),
    (
        "The old lab measured her VEGF in plasma; the new one uses serum and it is much higher. "
        "Is she relapsing?",
        r"(?i)never be compared with a plasma threshold",
        "clinician",
    ),
    (
        "Tres lesiones escleróticas en el PET y la biopsia de médula sigue pendiente. "
        "¿Empezamos ya la radioterapia?",
        r"(?i)localizada cuando hay de 1 a 3 lesiones",
        "clinician",
    ),
    (
        "A colleague wants to try bevacizumab for the ascites of a POEMS patient. Thoughts?",
        r"(?i)not recommended as primary therapy",
        "clinician",
    ),
    (
        "Mi tía tiene POEMS y leyó que el Avastin baja el VEGF. ¿Se lo podrían dar en vez de las "
        "pastillas?",
        r"(?i)no se recomienda como tratamiento principal",
        "patient",
    ),
    (
        "Mientras espera el turno con hematología por un posible POEMS, ¿qué medicamentos no "
        "funcionan y conviene no darle?",
        r"(?i)bevacizumab no se recomienda",
        "clinician",
    ),
    (
        "Neuropathy and a lambda spike, VEGF still pending. Can we start Len-dex while we wait?",
        r"(?i)no treatment option",
        "clinician",
    ),
    (
        "Two years after ASCT her VEGF doubled on one check; she feels well. Do we retreat?",
        r"(?i)single raised VEGF is not enough",
        "clinician",
    ),
    (
        "Recayó a los 4 años del TASPE, ¿se puede repetir el TASPE?",
        r"(?i)segundo TAPH",
        "clinician",
    ),
    (
        "If the POEMS comes back, will she have the same symptoms as before?",
        r"(?i)features that were absent at diagnosis",
        "patient",
    ),
    (
        "Mi marido tiene POEMS y por las noches le arden las plantas de los pies. ¿Es normal?",
        r"(?i)dolor neurop[aá]tico es frecuente \(75",
        "patient",
    ),
    (
        "He started Len-dex this week. What warning signs should we watch out for at home?",
        r"(?i)neutropenic fever and needs an urgent blood count",
        "patient",
    ),
    (
        "Van a darle melfalán sin trasplante a mi hijo de 24 años: ¿hay que pensar en su "
        "fertilidad?",
        r"(?i)infertilidad permanente",
        "patient",
    ),
    (
        "They drained fluid from around his lung again. Is that a bad sign for his outlook?",
        r"(?i)pleural effusion \(HR 3\.81\)",
        "patient",
    ),
    (
        "Tenía la albúmina baja cuando le diagnosticaron el POEMS. ¿Influye en el pronóstico?",
        r"(?i)alb[uú]mina s[eé]rica baja",
        "patient",
    ),
    (
        "Her fingers are clubbed. Is that a bad sign for the future?",
        r"(?i)clubbing and extravascular volume overload predicted shorter survival",
        "patient",
    ),
    (
        "He has a pleural effusion and his ASCT is in three weeks. Does that raise the risk?",
        r"(?i)complications around transplantation \(OR 3\.39\)",
        "clinician",
    ),
    (
        "El PET de control tras la radioterapia todavía capta en la lesión. ¿Quiere decir que "
        "fracasó?",
        r"(?i)PET-FDG en el 22",
        "clinician",
    ),
    (
        "Neuropathy, IgG lambda and one sclerotic lesion; the only other finding is erythrocytosis."
        " Does that count as a minor criterion?",
        r"(?i)polycythaemia \(54",
        "clinician",
    ),
    (
        "¿El hipogonadismo cuenta como endocrinopatía para los criterios menores?",
        r"(?i)otro eje endocrino",
        "clinician",
    ),
    (
        "Castleman disease on the lymph node biopsy, but the immunofixation is negative and there "
        "is no clonal plasma cell anywhere. Is it POEMS?",
        r"(?i)separate entity",
        "clinician",
    ),
]


@pytest.mark.parametrize(("question", "opens", "audience"), OPENS)
def test_the_named_aspect_opens_the_answer(
    engine: FakeChatEngine, question: str, opens: str, audience: str
) -> None:
    """A two-part question ('PLEX' + 'any use', 'catheter' + 'clot', 'RT' + 'field') opens
    with the sentences that answer that part, whichever topic it was routed to."""
    answer = ask(engine, question, audience)
    assert not answer.refused
    assert re.search(opens, first_bullets(answer, 3)), first_bullets(answer, 3)


def test_a_clone_directed_answer_follows_the_plasma_exchange_verdict(
    engine: FakeChatEngine,
) -> None:
    """'PLEX: any use?' says it does not work and goes on to what does (the clone)."""
    answer = ask(engine, "PLEX to wash out the VEGF in POEMS: worth trying?")
    assert re.search(r"(?i)aimed at the underlying plasma-cell clone", first_bullets(answer, 3))


def _vegf_infection() -> int:
    return next(
        i
        for i, a in enumerate(LEX.aspects)
        if a.asks and a.lead[0].section == "vegf-confounders" and "repeat" in a.lead[0].contains
    )


@pytest.mark.parametrize(
    ("told", "asked", "pairs"),
    [
        ("VEGF high at the check, pneumonia three weeks ago.", "Is it a relapse?", True),
        ("VEGF alto en el control, estuvo ingresado por una neumonía.", "¿Es recaída?", True),
        ("VEGF high at the check, pneumonia three weeks ago.", "What is the dose?", False),
        ("VEGF high at the check.", "Is it a relapse?", False),
    ],
)
def test_an_aspect_with_asks_takes_its_subject_from_what_was_told(
    told: str, asked: str, pairs: bool
) -> None:
    """The illness and the VEGF may both be told; the question only has to ask 'relapse?'.
    Without the asked word, or without the illness, the aspect does not apply."""
    key = f"aspect:{_vegf_infection()}"
    assert LEX.pair(key, words(told), words(asked)) is pairs


def test_when_the_nerves_are_told_a_when_question_about_work_answers_their_timing(
    engine: FakeChatEngine,
) -> None:
    """'My nerves are slow; when can I go back to work?': the nerves' timing is answered, and
    work is named as outside the guidelines."""
    answer = ask(
        engine,
        "Terminé la radioterapia y sigo con los nervios de las piernas flojos. ¿Cuándo podré "
        "volver a trabajar?",
        "patient",
    )
    assert not answer.refused, answer.text
    assert re.search(r"(?i)recuperaci[oó]n neurol[oó]gica empieza", first_bullets(answer, 2))
    note = next(line for line in answer.text.splitlines() if "volver a trabajar" in line)
    assert "no dicen nada" in note


@pytest.mark.parametrize(
    "question",
    [
        "Tengo POEMS. ¿Cuándo puedo volver a trabajar?",
        "When can my dad with POEMS go back to work?",
    ],
)
def test_a_when_question_about_work_alone_is_still_declined(
    engine: FakeChatEngine, question: str
) -> None:
    """No nerves told or asked: the time asked is the work's, which the guidelines leave out."""
    assert ask(engine, question, "patient").refused


def test_a_subject_set_aside_with_besides_does_not_decline_the_question(
    engine: FakeChatEngine,
) -> None:
    """'Besides her flu shot, does she need pills to prevent infections?': the flu shot is set
    aside, the infection prophylaxis is answered and the vaccine is named as not covered."""
    answer = ask(
        engine,
        "She starts daratumumab for POEMS next week. Besides her flu shot, does she need any "
        "pills to prevent infections?",
        "patient",
    )
    assert not answer.refused, answer.text
    assert re.search(r"(?i)antiviral", first_bullets(answer, 2)), answer.text
    assert any("flu shot" in line for line in answer.text.splitlines()[-3:]), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Besides the flu shot, can she get the covid booster?",
        "Aparte de la dieta, ¿puede tomar alcohol?",
    ],
)
def test_an_aside_followed_by_another_uncovered_subject_is_still_declined(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question, "patient").refused

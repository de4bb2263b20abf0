"""Round-13 chat behaviours (#12), found by dev families written from the fact sheet only:
named aspects that open the answer, phrases and shorthand the gate must know, and questions
with one part the guidelines leave out."""

from __future__ import annotations

import re

import pytest

from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    ("question", "audience", "opens", "within"),
    [
        (
            "do you irradiate residual PET-avid lesions after systemic tx/ASCT in POEMS?",
            "clinician",
            r"(?i)clustered lesions that fit one field",
            3,
        ),
        (
            "after chemo my PET still lights up in 3 spots close together in my pelvis. the "
            "doctor mentioned zapping that area with radiation. is that a thing?",
            "patient",
            r"(?i)clustered lesions|one field",
            3,
        ),
        (
            "¿Hacéis RT de consolidación sobre lesiones residuales tras el TASPE en el POEMS?",
            "clinician",
            r"(?i)agrupadas en un solo campo",
            3,
        ),
        (
            "Which POEMS patients can be treated with radiation alone?",
            "clinician",
            r"(?i)1 to 3 bone lesions",
            3,
        ),
        (
            "POEMS, 2 bone lesions, BM positive for clonal lambda PCs. RT alone ok?",
            "clinician",
            r"(?i)disseminated",
            3,
        ),
        (
            "Tras RT en POEMS localizado, ¿qué porcentaje acaba necesitando tto de rescate y "
            "hay predictores basales?",
            "clinician",
            r"(?i)DLCO",
            3,
        ),
        (
            "POEMS, RT planned for 2 lesions, marrow negative. Any predictors of RT failure we "
            "should check up front?",
            "clinician",
            r"(?i)DLCO",
            3,
        ),
        (
            "My husband just started thalidomide for his rare nerve and blood disorder. What "
            "side effects should we keep an eye on?",
            "patient",
            r"(?i)bradycardia|heart rate",
            2,
        ),
        (
            "Vamos a iniciar talidomida-dexametasona en un varón con síndrome de Crow-Fukase. "
            "¿Qué controles y qué profilaxis específicas planteo?",
            "clinician",
            r"(?i)bradicardia",
            2,
        ),
        (
            "post-RT M-protein still there but pt clinically better, failure?",
            "clinician",
            r"(?i)without a haematologic response",
            2,
        ),
        (
            "la proteina M no se movio nada despues de la radio, pero el paciente anda mucho "
            "mejor. esto es q la rt no sirvio?",
            "clinician",
            r"(?i)sin respuesta hematol[oó]gica",
            2,
        ),
        (
            "One high VEGF right after a bad chest infection, everything else normal — relapse "
            "or not?",
            "clinician",
            r"(?i)repeat the test",
            1,
        ),
        (
            "POEMS pt on HD three times a week, we want to start Len-dex. What len dose, and how "
            "do we time it on HD days?",
            "clinician",
            r"(?i)Cockcroft",
            1,
        ),
        (
            "Pac con POEMS tratado con talidomida-dexa y ahora progresa. Si consigo "
            "lenalidomida, ¿hay datos de Rd después de fallar la talidomida?",
            "clinician",
            r"(?i)lenalidomida tras el fracaso de la talidomida",
            1,
        ),
        (
            "Is there any evidence for lenalidomide-dexamethasone in POEMS that has progressed "
            "on thalidomide?",
            "clinician",
            r"(?i)lenalidomide after thalidomide failure",
            1,
        ),
        (
            "POEMS no candidato a trasplante: entre MDex y Len-dex, ¿qué contras tiene cada uno?",
            "clinician",
            r"(?i)mielodispl",
            1,
        ),
    ],
)
def test_a_named_aspect_opens_the_answer(
    engine: FakeChatEngine, question: str, audience: str, opens: str, within: int
) -> None:
    """Round 13's aspects (data in topics.toml) open the answer within its first `within`
    bullets: radiation after systemic therapy, who radiation alone treats, predictors of
    salvage, what to watch on thalidomide, an M-protein unchanged after radiation, VEGF after an
    infection, lenalidomide on haemodialysis (the renal bands, never the standard 25 mg), Rd
    after thalidomide fails, the downsides of MDex or Len-dex."""
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text
    assert re.search(opens, first_bullets(answer, within)), answer.text


def test_results_of_radiation_alone_still_open_with_the_outcomes(engine: FakeChatEngine) -> None:
    """The 'RT alone' aspect sits after the outcomes one: a results question keeps its numbers."""
    answer = ask(engine, "What are the long-term results of radiotherapy alone for limited POEMS?")
    assert re.search(r"97", first_bullets(answer, 1)), answer.text


@pytest.mark.parametrize(
    ("question", "audience", "expected"),
    [
        (
            "my dad's legs and belly keep filling up with fluid from his rare nerve/blood "
            "disease. water pills, low salt, compression socks - will that fix it?",
            "patient",
            r"(?i)diuretic|water pill|fluid",
        ),
        (
            "My husband's VEGF went back up on his last blood test. Does that mean it's back "
            "and he needs treatment again right away?",
            "patient",
            r"(?i)relapse|same (?:specimen|kind of sample)",
        ),
        (
            "poems, 1 lesion, marrow neg, vegf through the roof -- is RT alone still enough??",
            "clinician",
            r"(?i)1 to 3 bone lesions",
        ),
    ],
)
def test_phrases_the_lexicon_spells_out_are_not_unknown_words(
    engine: FakeChatEngine, question: str, audience: str, expected: str
) -> None:
    """'water pills', "it's back", 'through the roof' are known phrases: the question is
    answered, not declined for words the guideline does not use."""
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text
    assert re.search(expected, first_bullets(answer, 3)), answer.text


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        (
            "El neurólogo quiere ponerle bolos de metilprednisolona a mi papá, que tiene POEMS "
            "confirmado. ¿Eso le va a arreglar los nervios?",
            "patient",
        ),
        ("len-dex poems, plts dropped under 50 mid cycle - hold or push through?", "clinician"),
        (
            "thalidomide in a POEMS pt with baseline brady on a beta-blocker — any concern?",
            "clinician",
        ),
        (
            "a mi vieja le van a hacer 25 sesiones de 1,8 en la lesion de la costilla por el "
            "poems, eso es lo normal o es mucho?",
            "patient",
        ),
        (
            "A mi mamá le ponían inmunoglobulinas cada 3 semanas. Ahora dicen que lo suyo es "
            "otro síndrome, POEMS, no la PDIC. ¿No debería seguir con eso si le ayuda?",
            "patient",
        ),
        ("tiene POEMS y la albumina baja, eso influye en algo a futuro?", "patient"),
    ],
)
def test_everyday_words_and_shorthand_do_not_trigger_the_gate(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    """Round 13's new dev families: 'arreglar', 'plts', 'mid cycle', 'brady', 'beta-blocker',
    'costilla', 'no la PDIC', 'a futuro' are asked about POEMS, not about something else."""
    assert not ask(engine, question, audience).refused


@pytest.mark.parametrize(
    ("question", "lang", "subject"),
    [
        (
            "I finished treatment for POEMS 3 months ago. My feet are still numb. When will my "
            "legs get better, and will I be able to go back to work?",
            "en",
            "go back to work",
        ),
        (
            "Tengo POEMS. ¿Cuándo mejoran los nervios y puedo volver a trabajar?",
            "es",
            "volver a trabajar",
        ),
    ],
)
def test_a_question_with_one_part_the_guidelines_leave_out_answers_the_other_part(
    engine: FakeChatEngine, question: str, lang: str, subject: str
) -> None:
    """The nerve-recovery part is answered; the work part is named as not covered."""
    answer = ask(engine, question, "patient")
    assert not answer.refused, answer.text
    assert re.search(r"(?i)3 (?:months|meses)", first_bullets(answer, 2)), answer.text
    note = next(line for line in answer.text.splitlines() if subject in line)
    assert ("say nothing" if lang == "en" else "no dicen nada") in note


@pytest.mark.parametrize(
    "question",
    [
        "my dad has POEMS. can he go back to work?",
        "Tengo POEMS. ¿Puedo volver a trabajar?",
        "Can I get the flu shot and the covid booster while I'm on lenalidomide for POEMS?",
        "Tengo POEMS y soy camionero. ¿Cuánto tiempo de baja me corresponde? ¿Puedo pedir la "
        "incapacidad permanente?",
        "me dan la baja laboral mientras hago la radioterapia? cuanto tiempo suele ser?",
    ],
)
def test_a_question_only_about_what_the_guidelines_leave_out_is_still_declined(
    engine: FakeChatEngine, question: str
) -> None:
    assert ask(engine, question, "patient").refused

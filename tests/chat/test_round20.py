"""Round-20 chat behaviours (#12): lay words for the skin, sugar and pregnancy, a CIDP that
failed IVIG beside POEMS features, and asking words ("¿qué tal les va?", "¿encaja?",
"excludes it?") that are not subjects the guideline lacks."""

from __future__ import annotations

import re

import pytest

from assistant.chat.understand import decide_scope
from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine

# question, audience, what the first two bullets must say
ANSWERED = [
    ("will the dark skin ever fade", "patient", r"76[.,]5"),
    ("¿se quita lo oscuro de la piel?", "patient", r"76[.,]5"),
    (
        "husband has hair growing all over his arms and back since he got sick does it go "
        "away with the treatment",
        "patient",
        r"93[.,]3",
    ),
    ("tengo mucho pelo en brazos y espalda desde q enferme se me va a caer?", "patient", r"93,3"),
    (
        "fingers go purple blue even when its not that cold, is that part of it",
        "patient",
        r"(?i)acrocyanosis",
    ),
    ("el azucar alta es parte de esto?", "patient", r"48 %"),
    ("High blood sugar - is that from the POEMS?", "clinician", r"48%"),
    ("I'm 34 and on lenalidomide. Can we start trying for a baby?", "patient", r"(?i)teratogen"),
    ("FLC ratio normal - excludes it?", "clinician", r"18%"),
    (
        "PDIC refractaria a IgIV y recambio plasmático, componente lambda en la IFE y "
        "trombocitosis. ¿Qué pido?",
        "clinician",
        r"VEGF",
    ),
    ("Hipocalcemia con PTH normal en paciente con gammapatía lambda, ¿encaja?", "clinician", "27"),
    (
        "Paciente con POEMS y disnea, ¿qué estudio cardiorrespiratorio basal le pido?",
        "clinician",
        r"(?i)ecocardiograma",
    ),
    (
        "Me van a dar radioterapia para el POEMS. ¿Qué tal les va a los pacientes a largo plazo?",
        "patient",
        r"97 %",
    ),
    ("Hyperprolactinemia and VTE in POEMS?", "clinician", r"(?i)hyperprolactin\w+ was a venous"),
]


@pytest.mark.parametrize(("question", "audience", "head"), ANSWERED)
def test_answered_in_lay_and_asking_words(
    engine: FakeChatEngine, question: str, audience: str, head: str
) -> None:
    """Each was declined before this round (out of scope, or a word the passages lack); the
    answer now opens with the fact asked for."""
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text[:400]
    bullets = first_bullets(answer, 2)
    assert re.search(head, bullets), bullets


@pytest.mark.parametrize(
    "question",
    [
        "IVIG dose for CIDP?",
        "¿Qué dosis de IgIV se usa en la PDIC?",
        "Skin darker after the beach - which sunscreen?",
    ],
)
def test_neighbouring_diseases_stay_out(engine: FakeChatEngine, question: str) -> None:
    """A CIDP question without a POEMS feature, or a skin question about something else, is
    still declined."""
    assert ask(engine, question, "clinician").refused


def test_ivig_refractory_cidp_with_thrombocytosis_is_about_poems(engine: FakeChatEngine) -> None:
    """Thrombocytosis beside a CIDP that failed IVIG points at POEMS: in scope; the IVIG dose
    for a CIDP with a lambda band alone is still another disease's treatment."""
    lex = engine.lexicon()
    told = "CIDP refractory to IVIG, lambda on IFE and thrombocytosis. What do I order?"
    assert decide_scope(lex, told, False, False)
    assert not decide_scope(lex, "CIDP, lambda on IFE: IVIG dose?", False, False)


def test_vegf_still_high_after_radiation(engine: FakeChatEngine) -> None:
    """A VEGF still high after radiation is not by itself failure: systemic therapy is added
    for progression or no stabilisation at 3-6 months, and a VEGF response after radiation
    was seen in only 14%. The message records prior radiation only, so no "For this patient"
    part says the diagnosis is not yet established."""
    answer = ask(engine, "my VEGF is still high after radiation. does that mean it didn't work?")
    assert answer.case is not None and answer.case.prior_radiation is True
    head = first_bullets(answer, 2)
    assert re.search(r"3 to 6 months", head) and "14%" in head, head
    assert "For this patient" not in answer.text, answer.text[:800]


def test_a_finding_beside_treatment_history_keeps_the_plan(engine: FakeChatEngine) -> None:
    """Only a case made of treatment history hides the plan part; a finding keeps it."""
    answer = ask(engine, "Had RT last year and his VEGF is 900 pg/mL now. What does it mean?")
    assert answer.plan is not None
    assert "For this patient" in answer.text, answer.text[:800]


def test_radiation_done_can_follow_up_stop(engine: FakeChatEngine) -> None:
    """'Is he cured, can the follow-up stop?' after radiation also says follow-up never ends."""
    for question in (
        "finished RT - is he cured, can the follow-up stop?",
        "a mi papa ya le terminaron las radiaciones, sera que ya quedo curado y no tiene q "
        "volver mas a los controles??",
    ):
        answer = ask(engine, question, "patient")
        assert re.search(r"never ends|nunca termina", first_bullets(answer, 4)), answer.text[:600]


def test_effusions_and_ecog3_before_transplant(engine: FakeChatEngine) -> None:
    """Effusions, ascites and ECOG 3 referred for upfront ASCT: the effusion's transplant risk
    and induction that made transplantation feasible come first."""
    answer = ask(
        engine,
        "POEMS, ECOG 3, big bilateral effusions + ascites, PH on echo. referred for upfront "
        "ASCT - straight to transplant?",
    )
    head = first_bullets(answer, 3)
    assert "3.39" in head and "feasible" in head, head


# question, audience, what the first three bullets must say (aspects added this round)
ASPECTS = [
    ("btz SC vs IV, neuropathy?", "clinician", r"(?i)subcutaneous bortezomib"),
    ("btz sc o iv?", "clinician", r"(?i)bortezomib subcut"),
    ("¿dara en 1a línea?", "clinician", r"(?i)daratumumab"),
    ("vegf serico o plasmatico para los controles de poems, da igual?", "clinician", "misma"),
    (
        "Serum or plasma VEGF for follow-up? Baseline was serum at the referring hospital.",
        "clinician",
        r"same specimen",
    ),
    (
        "en el grupo de whatsapp de POEMS una señora toma hidrocortisona, a mi mamá le hace falta?",
        "patient",
        r"demuestra",
    ),
    ("10mg len for poems, still need asa?", "clinician", r"still needed at a low"),
    (
        "Lenalidomida 10 mg en POEMS: ¿hace falta igual la tromboprofilaxis o con dosis baja no?",
        "clinician",
        r"también hace falta con una dosis baja",
    ),
    (
        "He starts lenalidomide next week. One doctor said aspirin, another said daily "
        "injections in the belly. He's never had a clot. Which one is right for him?",
        "patient",
        r"standard risk",
    ),
    ("Recaída de POEMS a los 15 meses del TASPE: ¿peor pronóstico?", "clinician", r"rescatar"),
    ("Len-dex POEMS pt: labs q visit? SPEP, FLC ratio, counts?", "clinician", r"every 3 months"),
    ("will i ever walk normaly again after poems treatment?", "patient", r"wheelchair"),
    (
        "la talidomida no es la q causaba malformaciones en los bebes?? y encima daña los "
        "nervios, mi hna ya los tiene mal. se la pueden dar??",
        "patient",
        r"matizada que una prohibici",
    ),
    ("thalidomide, the birth defects drug? can they give her that?", "patient", r"nuanced"),
    (
        "my dad had his stem cell transplant 8 months ago and feels great. if the disease "
        "starts coming back, would he notice it himself or would it only show up on the scans?",
        "patient",
        r"most often found on imaging",
    ),
    (
        "si un paciente tiene polineuropatia, clon lambda y una lesion esclerotica, y de lo "
        "demas solo la hemoglobina alta (policitemia), alcanza para diagnosticar POEMS?",
        "clinician",
        r"policitemia .{0,60}criterios menores",
    ),
    (
        "¿Qué parámetros clínicos se usan para valorar la respuesta en el síndrome POEMS?",
        "clinician",
        r"edemas",
    ),
]


@pytest.mark.parametrize(("question", "audience", "head"), ASPECTS)
def test_aspects_lead_the_answer(
    engine: FakeChatEngine, question: str, audience: str, head: str
) -> None:
    answer = ask(engine, question, audience)
    assert not answer.refused, answer.text[:400]
    bullets = first_bullets(answer, 3)
    assert re.search(head, bullets), bullets


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("happpens", "happens"),  # a key pressed twice
        ("commponente", "componente"),
        ("albmuin", "albumin"),  # two letters swapped in a guideline word
        ("oslitary", "solitary"),
        ("pasma", "plasma"),  # not "asma" (another first letter) nor "pasa" (a letter added)
        ("fisicamente", None),  # two slips and another first letter: not "tipicamente"
        ("funcione", "funciona"),
    ],
)
def test_speller_repairs(engine: FakeChatEngine, typed: str, read: str | None) -> None:
    assert engine.lexicon().speller.fix(typed) == read


@pytest.mark.parametrize(
    ("word", "typo"),
    [
        ("aftewards", True),
        ("tarcking", True),
        ("somethng", True),
        ("statin", False),  # words of their own one letter from an everyday word
        ("statins", False),
        ("shingles", False),
        ("melatonin", False),
    ],
)
def test_misspelt_everyday_words(engine: FakeChatEngine, word: str, typo: bool) -> None:
    assert engine.lexicon().misspelt_everyday(word) is typo


def test_a_typo_in_an_everyday_word_is_not_a_missing_subject(engine: FakeChatEngine) -> None:
    """The cannot-answer gate weighed 'aftewards' as a subject the guideline lacks."""
    answer = ask(engine, "My dad just finished radiation. Will he need chemo aftewards anyway?")
    assert not answer.refused, answer.text[:300]


def test_unmarked_question_is_weighed_by_its_last_sentence(engine: FakeChatEngine) -> None:
    """Typed without '?', a long story is read as asked; the gate weighs the last sentence,
    where such a question ends, not every everyday word of the story."""
    answer = ask(
        engine,
        "termine los rayos en la cadera hace 10 dias. laburo de repartidor y sigo con los pies "
        "dormidos y flojos, hasta diria que un poco peor, me tropiezo. en cuanto tiempo se me "
        "recuperan los nervios como para volver al laburo",
        "patient",
    )
    assert not answer.refused, answer.text[:300]

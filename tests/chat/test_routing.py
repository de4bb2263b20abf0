"""Question -> topics, scope, case changes and what the answer opens with (table-driven)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

from assistant.chat import Conversation, respond
from assistant.contracts import Answer
from tests.chat.checks import uncited_clinical_lines, unquoted_sentences, unresolved_citations
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 24)
VIGNETTE = (
    "58-year-old man, IgA lambda, 3 sclerotic lesions, marrow 8% clonal plasma cells, "
    "VEGF 1200 pg/mL, splenomegaly, platelets 620. What treatment should I give?"
)
FULL = (
    "58-year-old man with demyelinating polyneuropathy, IgA lambda, 3 sclerotic lesions, marrow "
    "8% clonal plasma cells, plasma VEGF 1200 pg/mL, splenomegaly, platelets 620. "
    "What treatment should I give?"
)
NO_VEGF = (
    "58-year-old man, IgA lambda, 3 sclerotic lesions, marrow 8% clonal plasma cells, "
    "splenomegaly, platelets 620. What treatment should I give?"
)


def first_words(answer: Answer, n: int = 150) -> str:
    """The first n words of the answer (headings and notes included)."""
    return " ".join(answer.text.split()[:n])


def first_bullet(answer: Answer) -> str:
    return next(line for line in answer.text.splitlines() if line.startswith("- "))


# question, expected topic(s) (prefix of Answer.topics), refused, regex in the first 150 words
TABLE: list[tuple[str, tuple[str, ...], bool, str]] = [
    (VIGNETTE, ("systemic",), False, r"(?i)treatment|melphalan|lenalidomide|ASCT"),
    (NO_VEGF, ("systemic",), False, r"(?i)treatment|melphalan|lenalidomide|ASCT"),
    (FULL, ("systemic",), False, r"(?i)melphalan|lenalidomide|ASCT"),
    ("What radiation dose for a POEMS plasmacytoma?", ("radiation",), False, r"\d+ Gy"),
    (
        "Radiation dose in a patient with a plasmacytoma and plasma cells?",
        ("radiation",),
        False,
        r"Gy",
    ),
    (
        "Relapse 3 years after autologous transplant: what now?",
        ("relapse", "transplant"),
        False,
        r"(?i)lenalidomide|daratumumab",
    ),
    (
        "What are the options for relapsed POEMS after ASCT?",
        ("relapse", "transplant"),
        False,
        r"(?i)lenalidomide|daratumumab",
    ),
    ("What is the lenalidomide dose?", ("systemic",), False, r"(10|25) mg"),
    ("What is the first-line treatment?", ("systemic",), False, r"(?i)radiation|systemic"),
    (
        "¿Cuál es el tratamiento de primera línea?",
        ("systemic",),
        False,
        r"(?i)radioterapia|sistémico",
    ),
    (
        "What treatment should I give for disseminated POEMS?",
        ("systemic",),
        False,
        r"(?i)systemic|melphalan|lenalidomide",
    ),
    ("What VEGF threshold applies to plasma?", ("vegf",), False, r"pg/mL"),
    (
        "Clonal plasma cells in the marrow: how does that change staging?",
        ("stratification",),
        False,
        r"(?i)marrow",
    ),
    ("¿Dosis de RT en plasmocitoma?", ("radiation",), False, r"Gy"),
    ("¿TASPE en POEMS?", ("transplant",), False, r"(?i)trasplante|TAPH|melfalán"),
    ("dx de POEMS: ¿qué criterios?", ("diagnosis",), False, r"(?i)criterio"),
    (
        "What should I order for the work-up?",
        ("workup",),
        False,
        r"(?i)immunofixation|electrophoresis|biopsy",
    ),
    (
        "¿Testosterona y cortisol en el estudio inicial?",
        ("workup",),
        False,
        r"(?i)endocrin|hormon|testosterona|cortisol",
    ),
    ("tto del POEMS diseminado", ("systemic",), False, r"(?i)sistémico|melfalán|lenalidomida"),
    (
        "MO positiva en POEMS, ¿cambia la estrategia?",
        ("stratification",),
        False,
        r"(?i)médula|diseminad",
    ),
    ("How long does nerve recovery take?", ("response",), False, r"(?i)months"),
    (
        "How often should VEGF be measured during follow-up?",
        ("monitoring",),
        False,
        r"(?i)6 months",
    ),
    ("Should thalidomide be avoided?", ("caution",), False, r"(?i)neuropathy"),
    ("Should every patient take aspirin?", ("supportive",), False, r"(?i)aspirin|antiplatelet"),
    (
        "What is the management and follow-up plan for a patient diagnosed with POEMS "
        "(Polyneuropathy, Organomegaly, Endocrinopathy, Monoclonal gammopathy, and Skin changes) "
        "syndrome?",
        ("overview",),
        False,
        r"(?i)mandatory",
    ),
    (
        "¿Cuál es el plan de manejo y seguimiento de un paciente diagnosticado de síndrome POEMS?",
        ("overview",),
        False,
        r"(?i)obligatorio",
    ),
    ("What is the dose of amoxicillin for otitis?", (), True, r"POEMS"),
    ("What is the best treatment for diabetic neuropathy?", (), True, r"POEMS"),
    ("diabetic neuropathy treatment", (), True, r"POEMS"),
    ("Write a poem about POEMS syndrome", (), True, r"POEMS"),
    (
        "Book me a flight and a hotel for the POEMS conference in Madrid next week",
        (),
        True,
        r"POEMS",
    ),
    ("What is the capital of France?", (), True, r"POEMS"),
    ("¿Cuál es la dosis de amoxicilina para la otitis?", (), True, r"POEMS"),
]


def _ask(engine: FakeChatEngine, q: str, **conv: Any) -> Answer:
    return respond(Conversation(**conv), q, engine, TODAY)[0]


@pytest.mark.parametrize(
    ("question", "topics", "refused", "opening"), TABLE, ids=lambda x: str(x)[:40]
)
def test_question_table(
    engine: FakeChatEngine, question: str, topics: tuple[str, ...], refused: bool, opening: str
) -> None:
    answer = _ask(engine, question)
    assert answer.refused is refused, answer.text[:400]
    assert answer.topics[: len(topics)] == topics, (answer.topics, answer.text[:400])
    assert re.search(opening, first_words(answer)), answer.text[:600]
    assert unresolved_citations(answer) == []
    if not refused:
        assert uncited_clinical_lines(answer) == []
        assert len(answer.follow_ups) >= 3


def test_first_bullet_holds_the_asked_number(engine: FakeChatEngine) -> None:
    assert re.search(r"\d+ mg", first_bullet(_ask(engine, "What is the lenalidomide dose?")))
    assert "Gy" in first_bullet(_ask(engine, "What is the radiation dose?"))
    assert "Gy" in first_bullet(_ask(engine, "¿Qué dosis de radioterapia se usa?"))


def test_general_sentences_are_quoted_verbatim(engine: FakeChatEngine) -> None:
    for q, *_ in TABLE:
        answer = _ask(engine, q)
        if answer.case is None and not answer.refused:
            assert unquoted_sentences(answer) == [], q


def test_median_words_of_non_overview_answers_is_at_most_250(engine: FakeChatEngine) -> None:
    sizes = sorted(
        len(a.text.split())
        for a in (_ask(engine, q) for q, _, refused, _ in TABLE if not refused)
        if a.intent != "overview"
    )
    assert sizes[len(sizes) // 2] <= 250, sizes


def test_cannot_answer_is_refused_with_three_suggestions(engine: FakeChatEngine) -> None:
    for q in ("Does POEMS affect hearing?", "¿El POEMS afecta a la audición?"):
        answer = _ask(engine, q)
        assert answer.refused and answer.intent == "cannot_answer", answer.text
        assert len(answer.follow_ups) == 3 and answer.citations == ()
        assert "Key points" not in answer.text and "Puntos clave" not in answer.text


@pytest.mark.parametrize(
    "question",
    ["What about pomalidomide?", "¿Y pomalidomida?", "pomalidomide dose in POEMS"],
)
def test_a_named_drug_the_guideline_lacks_gets_the_cannot_answer_reply(
    engine: FakeChatEngine, question: str
) -> None:
    """A subject term is in scope on its own, but never answered from another drug's passage."""
    answer = _ask(engine, question)
    assert answer.refused and answer.intent == "cannot_answer", answer.text
    assert "lenalidom" not in answer.text.split("\n")[0].lower()


@pytest.mark.parametrize(
    ("question", "topic", "quoted"),
    [
        ("how many Gy?", "radiation", r"40\s*[-–]\s*50 Gy|45 Gy"),
        ("¿cuántos Gy?", "radiation", r"40\s*[-–]\s*50 Gy|45 Gy"),
        ("what endocrine tests should be ordered", "workup", r"cortisol"),
        ("why does my skin look darker?", "diagnosis", r"(?i)hyperpigment"),
        ("¿por qué tengo la piel más oscura?", "diagnosis", r"(?i)hiperpigment"),
    ],
)
def test_short_questions_without_poems_are_answered_from_their_topic(
    engine: FakeChatEngine, question: str, topic: str, quoted: str
) -> None:
    answer = _ask(engine, question)
    assert not answer.refused and answer.topics[0] == topic, (answer.topics, answer.text)
    first = answer.text.split("###")[1] if "###" in answer.text else answer.text
    assert re.search(quoted, first), first


@pytest.mark.parametrize(
    ("question", "quoted"),
    [
        # a word the topic sections lack but the guideline holds: answered from that passage
        ("What is the role of CAR-T in POEMS?", r"CAR-T"),
        ("Does ONLS improve after ASCT?", r"ONLS"),
    ],
)
def test_a_guideline_word_outside_the_topic_is_answered(
    engine: FakeChatEngine, question: str, quoted: str
) -> None:
    answer = _ask(engine, question)
    assert not answer.refused, answer.text
    assert re.search(quoted, answer.text)


def test_the_management_question_opens_with_key_points(engine: FakeChatEngine) -> None:
    for q in (
        "What is the management and follow-up plan for a patient with POEMS syndrome?",
        "¿Cuál es el plan de manejo y seguimiento de un paciente con síndrome POEMS?",
    ):
        answer = _ask(engine, q)
        assert answer.intent == "overview"
        lines = answer.text.splitlines()
        assert lines[0] in ("### Key points", "### Puntos clave")  # key points come first
        end = next(i for i, x in enumerate(lines[1:], 1) if x.startswith("### "))
        bullets = [x for x in lines[:end] if x.startswith("- ")]
        assert 8 <= len(bullets) <= 12, bullets
        assert all(re.search(r"\[\d+\]$", b) for b in bullets)


@pytest.mark.parametrize(
    ("question", "topic", "broad"),
    [
        ("What is the first-line treatment for POEMS?", "systemic", True),
        ("¿se puede dar daratumumab de primera linea?", "systemic", False),  # a drug: specific
        ("How soon after RT should VEGF drop?", "radiation", False),  # another finding
        (
            "Neuropatía desmielinizante con componente lambda: ¿qué orienta a POEMS frente a PDIC?",
            "differential",
            True,
        ),  # the case before the colon does not make it specific
        ("Radiotherapy in POEMS?", "radiation", True),
    ],
)
def test_a_named_drug_or_finding_makes_a_question_specific(
    engine: FakeChatEngine, question: str, topic: str, broad: bool
) -> None:
    from assistant.chat.understand import is_broad

    assert is_broad(engine.lexicon(), question, topic) is broad


@pytest.mark.parametrize(
    ("question", "first"),
    [
        ("¿se puede dar daratumumab de primera linea?", r"(?i)daratumumab"),
        ("edema de papila en poems, ¿es grave?", r"(?i)papiledema"),
        ("papilledema in POEMS - what does it mean?", r"(?i)papilledema"),
        ("what does VEGF stand for?", r"vascular endothelial growth factor"),
        ("What VEGF level is abnormal?", r"200 pg/mL"),
        ("¿Qué nivel de VEGF es patológico?", r"200 pg/mL"),
        ("¿qué es el VEGF?", r"factor de crecimiento del endotelio vascular"),
    ],
)
def test_the_direct_answer_names_what_was_asked(
    engine: FakeChatEngine, question: str, first: str
) -> None:
    answer = _ask(engine, question)
    bullets = [line for line in answer.text.splitlines() if line.startswith("- ")]
    assert bullets and re.search(first, bullets[0]), answer.text


@pytest.mark.parametrize(
    ("question", "first", "second"),
    [
        (
            "¿Qué dosis de radioterapia se usa y cuándo se añade tratamiento sistémico?",
            r"\d+ Gy",
            r"(?i)sistémico",
        ),
        (
            "What is the lenalidomide dose and what thromboprophylaxis is needed?",
            r"\d+ mg",
            r"(?i)thromboprophylaxis",
        ),
    ],
)
def test_a_two_part_question_gets_both_parts_in_the_direct_answer(
    engine: FakeChatEngine, question: str, first: str, second: str
) -> None:
    answer = _ask(engine, question)
    opening = answer.text.split("###")[1]
    assert re.search(first, opening) and re.search(second, opening), opening

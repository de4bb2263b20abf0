"""Round-19 chat behaviours (#12): how long systemic therapy lasts, the counts that hold
lenalidomide back, the checks before a first prescription, and residual lesions after
treatment."""

from __future__ import annotations

import re

import pytest

from assistant.chat.understand import topic_scores
from tests.chat.checks import ask, first_bullets
from tests.fakes import FakeChatEngine


@pytest.mark.parametrize(
    "question",
    [
        "duration of non-transplant tx in POEMS? indefinite?",
        "How long do you give Len-dex or MDex in POEMS - do you stop after a certain number of "
        "cycles, or keep going until progression like in myeloma?",
        "¿Cuánto dura el tto con Len-dex o MDex en POEMS? ¿Se deja hasta progresión como en el "
        "mieloma?",
    ],
)
def test_duration_of_systemic_therapy(engine: FakeChatEngine, question: str) -> None:
    """The studies gave a fixed course (12 cycles; 9 cycles then a year of lenalidomide in the
    French trial), not treatment until progression as in myeloma."""
    answer = ask(engine, question, "clinician")
    head = first_bullets(answer, 2)
    assert re.search(r"(?i)fixed|fija", head), head
    assert re.search(r"12 (?:cycles|ciclos)", answer.text), answer.text[:600]


def test_non_transplant_names_systemic_therapy(engine: FakeChatEngine) -> None:
    """'non-transplant treatment' is about the regimens given without a transplant."""
    scores, _ = topic_scores(engine.lexicon(), "duration of non-transplant tx in POEMS?", "")
    assert max(scores, key=lambda k: scores[k]) == "systemic", scores


@pytest.mark.parametrize(
    "question",
    [
        "no le dieron las pastillas de lenalidomida xq las plaquetas estaban bajas. hay un "
        "minimo para empezar? tiene POEMS",
        "Le postergaron la lenalidomida a mi mamá porque tenía las defensas bajas, ¿es normal?",
    ],
)
def test_counts_that_hold_lenalidomide_back(engine: FakeChatEngine, question: str) -> None:
    """A start delayed for low counts is answered with the counts below which lenalidomide is
    not started, not with the (absent) platelet threshold for aspirin."""
    head = first_bullets(ask(engine, question, "patient"), 1)
    assert re.search(r"no iniciar lenalidomida", head), head


def test_before_prescribing_thalidomide_the_pregnancy_programme(engine: FakeChatEngine) -> None:
    answer = ask(
        engine,
        "Before I prescribe Thalomid to a 32-year-old woman with POEMS, what do I need to check "
        "or put in place?",
        "clinician",
    )
    head = first_bullets(answer, 3)
    assert re.search(r"(?i)pregnancy prevention", head), head
    assert re.search(r"(?i)thromboprophylaxis", head), head


@pytest.mark.parametrize(
    ("question", "limited"),
    [
        ("do you irradiate residual PET-avid lesions after systemic tx/ASCT in POEMS?", "limited"),
        (
            "Pte POEMS a los 3 meses del TASPE: mejor clínicamente, VEGF normalizado, pero en el "
            "PET-TC persiste captación leve en la lesión ilíaca. ¿Le damos RT de consolidación "
            "sobre la lesión residual o esperamos?",
            "limitada",
        ),
    ],
)
def test_radiation_to_residual_lesions_has_limited_evidence(
    engine: FakeChatEngine, question: str, limited: str
) -> None:
    """Consolidating a residual lesion after systemic therapy or ASCT: the answer says the
    evidence is limited (clustered lesions in one field are the reported use)."""
    head = first_bullets(ask(engine, question, "clinician"), 3)
    assert re.search(rf"(?i)residual\w* .*{limited}|{limited}.*residual", head), head


@pytest.mark.parametrize(
    ("question", "audience", "reverses"),
    [
        (
            "PSAP 60 en el eco en un POEMS: ¿es reversible con el tratamiento?",
            "clinician",
            "revertir",
        ),
        ("POEMS with a PASP of 55: does it come down with treatment?", "clinician", "reverse"),
    ],
)
def test_pulmonary_hypertension_is_a_supportive_subject(
    engine: FakeChatEngine, question: str, audience: str, reverses: str
) -> None:
    """Pulmonary hypertension (named or as PSAP/PASP) is answered from its own passage: how
    often it occurs and that it can reverse with treatment of the disease."""
    answer = ask(engine, question, audience)
    assert "supportive" in answer.intent.split("+"), answer.intent
    assert re.search(rf"(?i){reverses}", first_bullets(answer, 3)), first_bullets(answer, 3)


@pytest.mark.parametrize(
    ("question", "refused"),
    [
        (  # medical "manejar": managed with steroids alone
            "Pte con POEMS confirmado, 2 meses con prednisona y el edema mejoró algo. ¿Se puede "
            "manejar solo con esteroide?",
            False,
        ),
        ("el edema del POEMS ¿se puede manejar con diuréticos?", False),
        ("Mi papá tiene POEMS. ¿Puede manejar?", True),  # driving: outside the guidelines
        ("mi viejo tiene POEMS, ¿todavía puede manejar?", True),
    ],
)
def test_manejar_managed_or_driven(engine: FakeChatEngine, question: str, refused: bool) -> None:
    """'Manejar' is to manage (a disease, with a drug) or, in Latin America, to drive: 'se
    puede manejar con…' is answered, 'can he drive?' is declined."""
    assert ask(engine, question, "clinician").refused is refused


def test_asking_how_to_word_a_told_request(engine: FakeChatEngine) -> None:
    """'<Pharmacy wants a justification for stopping IVIG in a patient relabelled from CIDP to
    POEMS>. What do I write?': the subject is the request told, so it is answered with why IVIG
    is not effective in POEMS."""
    answer = ask(
        engine,
        "The pharmacy wants a justification for stopping IVIg every 4 weeks in a patient "
        "relabelled from CIDP to POEMS. What do I write?",
        "clinician",
    )
    assert not answer.refused
    assert re.search(r"(?i)not effective", first_bullets(answer, 3)), first_bullets(answer, 3)


@pytest.mark.parametrize(
    "question",
    [
        "POEMS progressed on thal-dex. Is there data for len-dex after thalidomide failure?",
        "Pte con POEMS refractario a talidomida, ¿hay datos de Rd después de fallar la talidomida?",
    ],
)
def test_lenalidomide_after_thalidomide_failure(engine: FakeChatEngine, question: str) -> None:
    """The thalidomide-refractory trial is small (5 patients): its VEGF result is given with
    that limit, beside the other relapse options."""
    head = first_bullets(ask(engine, question, "clinician"), 3)
    assert re.search(r"59[.,]6", head), head
    assert re.search(r"(?i)limited|limitada", head), head


@pytest.mark.parametrize(
    ("question", "dose"),
    [
        (
            "My father is on haemodialysis three times a week and the team wants to start "
            "lenalidomide for his POEMS. Does he get the usual dose?",
            r"5 mg once daily on dialysis",
        ),
        (
            "mi mamá se dializa y le van a dar lenalidomida por el POEMS, ¿cuánto le tienen "
            "que dar?",
            r"5 mg una vez al día en diálisis",
        ),
    ],
)
def test_lenalidomide_dose_on_dialysis(engine: FakeChatEngine, question: str, dose: str) -> None:
    """Kidneys and the drug told, the dose asked: the label's renal bands (5 mg daily on
    dialysis, after the session), not the usual 10 or 25 mg schedules."""
    head = first_bullets(ask(engine, question, "patient"), 2)
    assert re.search(dose, head), head


PROBE_ANSWERED = [  # (message, audience): fresh helper questions that were declined
    ("plt 38 post-ASCT, pt on ASA for POEMS ppx — hold it?", "clinician"),
    (
        "Pleural effusion pre-transplant in POEMS — how much does it raise peri-ASCT "
        "complication risk?",
        "clinician",
    ),
    ("Why are my boobs growing? (male, POEMS)", "patient"),
    (
        "Disculpe, mi esposo tiene POEMS y le crecieron los pechos, ¿es por la enfermedad?",
        "patient",
    ),
    (
        "Buenas tardes, se me ha puesto la piel muy oscura y me sale mucho vello, ¿eso se quita "
        "con el tratamiento?",
        "patient",
    ),
    (
        "Hola, mi tía tiene POEMS y le sale liquido en los pulmones. ¿Le van a tener que pinchar "
        "o se va solo con el tratamiento?",
        "patient",
    ),
    (
        "Two things: should I keep taking my aspirin during the stem cell transplant, and do I "
        "need shingles tablets afterwards?",
        "patient",
    ),
    ("OT eval for hand weakness in POEMS pts — what to prioritise?", "clinician"),
    ("When should I call my team?", "patient"),
    ("¿Cuándo llamar al equipo?", "patient"),
    (
        "My mum just started the len/dex tablets for POEMS and the nurse mentioned blood "
        "thinners. Does she need injections or is a tablet fine?",
        "patient",
    ),
]


@pytest.mark.parametrize(("message", "audience"), PROBE_ANSWERED)
def test_supportive_probe_questions_are_answered(
    engine: FakeChatEngine, message: str, audience: str
) -> None:
    """Shorthand (plt, ASA, ppx, OT eval), lay words (boobs, pechos, piel muy oscura, vello,
    pinchar), 'how much does it raise…' and a shingles question beside a transplant one are
    about what the guideline covers."""
    answer = ask(engine, message, audience)
    assert not answer.refused, answer.text[:300]


@pytest.mark.parametrize(
    ("message", "holds"),
    [
        ("Why are my boobs growing? (male, POEMS)", r"(?i)gynaecomastia"),
        ("plt 38 post-ASCT, pt on ASA for POEMS ppx — hold it?", r"50 ×10⁹/L"),
    ],
)
def test_probe_answers_hold_the_fact(engine: FakeChatEngine, message: str, holds: str) -> None:
    answer = ask(engine, message, "clinician")
    assert re.search(holds, answer.text), answer.text[:600]


def test_shingles_vaccine_after_another_transplant_stays_declined(engine: FakeChatEngine) -> None:
    assert ask(
        engine, "Can I get the shingles vaccine after my kidney transplant?", "patient"
    ).refused


def test_melphalan_dose_with_renal_impairment_is_not_the_lenalidomide_band(
    engine: FakeChatEngine,
) -> None:
    """Kidneys and Len-dex told, but the melphalan conditioning dose asked: the lenalidomide
    renal bands do not open the answer."""
    answer = ask(
        engine,
        "54F, disseminated POEMS, VEGF normalised after 3 cycles of Len-dex, ECOG 1. Creatinine "
        "clearance 40 mL/min. Which high-dose melphalan dose for her ASCT conditioning?",
        "clinician",
    )
    assert "Cockcroft" not in first_bullets(answer, 1), first_bullets(answer, 1)

"""Round-7 chat behaviours (#12): another disease's follow-up or treatment is refused even
when a case is told or POEMS is named only as excluded; a POEMS drug's other use is answered
only when POEMS itself is asked about; patients do not get provenance notes; a presumed
diagnosis is doubt, not a finding."""

from __future__ import annotations

import re
from datetime import date

import pytest

from assistant.chat import Conversation, respond
from assistant.contracts import Answer
from assistant.extract import extract
from tests.chat.checks import answered_with
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 26)


def _ask(engine: FakeChatEngine, question: str, audience: str = "clinician") -> Answer:
    return respond(Conversation(audience=audience), question, engine, TODAY)[0]


def _first_bullet(answer: Answer) -> str:
    return next((x for x in answer.text.splitlines() if x.startswith("- ")), answer.text)


@pytest.mark.parametrize(
    "question",
    [
        # a case told about another disease is still another disease
        "Mieloma múltiple IgA kappa de nuevo diagnóstico, candidato a TASPE. ¿Cuántos ciclos de "
        "inducción con D-VRd antes del trasplante?",
        "AL amyloidosis, lambda, NT-proBNP 2800 ng/L, plus a length-dependent neuropathy. Is he a "
        "candidate for high-dose melphalan and ASCT?",
        # follow-up, not treatment, of a neighbouring disease
        "low risk mgus igg kappa, how often should bloods be checked",
        "me dijeron q tengo una gammapatia monoclonal de significado incierto, cada cuanto hay q "
        "hacerse control de sangre?",
        "castleman multicentrico idiopatico con siltuximab, ya en remision, "
        "hasta cuando lo mantengo",
        # POEMS named only as excluded
        "Typical CIDP, stable on IVIG for two years. POEMS was ruled out at diagnosis. How should "
        "I taper the IVIG?",
        "PDIC típica con IgIV de mantenimiento (se descartó POEMS al diagnóstico). ¿Cómo hago el "
        "descenso de dosis?",
        # a POEMS drug's other use, without POEMS
        "thalidomide dose for erythema nodosum leprosum?",
        "intravitreal bevacizumab for wet AMD - how many injections a year",
        "pa la neuropatia x la diabetes q es mejor pregabalina o duloxetina",
    ],
)
def test_another_diseases_care_is_refused(engine: FakeChatEngine, question: str) -> None:
    answer = _ask(engine, question)
    assert answer.refused, answer.text
    assert answer.case is None or not answer.case.model_dump(exclude_defaults=True)


@pytest.mark.parametrize(
    ("question", "audience", "expect"),
    [
        # the same neighbours, linked to POEMS, are answered
        (
            "We use thalidomide for ENL in our leprosy clinic. Is it actually used for POEMS "
            "syndrome, and is there real evidence behind it?",
            "clinician",
            r"(?i)J-POST|randomi",
        ),
        (
            "si el vegf es lo q esta alto en el poems xq no le ponen avastin como a los de "
            "cancer de colon",
            "patient",
            r"(?i)bevacizumab|avastin",
        ),
        ("does T2DM count as the E in POEMS?", "clinician", r"(?i)diabetes"),
        (
            "MGUS lambda with a sclerotic lesion and neuropathy: how often should we repeat VEGF?",
            "clinician",
            r"(?i)VEGF",
        ),
        (
            "mi madre tiene sindrome poems y le han visto liquido alrededor de los pulmones, es "
            "por eso? q se puede hacer",
            "patient",
            r"(?i)líquido|derrame|hinchaz|edema",
        ),
    ],
)
def test_neighbours_linked_to_poems_are_answered(
    engine: FakeChatEngine, question: str, audience: str, expect: str
) -> None:
    answer = _ask(engine, question, audience)
    assert answered_with(answer, expect), answer.text


def test_patients_do_not_get_provenance_notes_clinicians_do(engine: FakeChatEngine) -> None:
    question = "How often does he need PET scans after his POEMS treatment?"
    note = r"(?i)not verified|no verificad"
    clinician = _ask(engine, question)
    patient = _ask(engine, question, "patient")
    assert re.search(note, clinician.text), clinician.text
    assert not re.search(note, patient.text), patient.text


def test_a_presumed_diagnosis_is_doubt_not_a_finding() -> None:
    assert "polyneuropathy" not in extract("Pt was on it for presumed CIDP.").updates
    assert "polyneuropathy" not in extract("Neuropatía etiquetada de supuesta PDIC.").updates
    assert "polyneuropathy" in extract("Polyneuropathy, presumed CIDP, IgA lambda.").updates


@pytest.mark.parametrize(
    ("question", "audience"),
    [
        # long stories told in everyday words, with POEMS named
        (
            "I've got POEMS and my feet are completely numb, I keep catching my toes on things "
            "and I fell twice last month. Is there anything that actually helps me walk safely "
            "while the treatment kicks in?",
            "patient",
        ),
        (
            "Mi viejo está con lenalidomida por el POEMS y hoy levantó 38 y pico de fiebre con "
            "escalofríos. El hemato atiende recién el lunes. ¿Le doy paracetamol y vemos cómo "
            "sigue?",
            "patient",
        ),
        (
            "Since I got ill my skin has gone much darker, especially my face and hands. Is this "
            "the POEMS, and is it permanent or will my normal colour come back?",
            "patient",
        ),
        # clinicians' verb forms and shorthand
        (
            "Paciente con POEMS que progresa con lenalidomida en mantenimiento. "
            "¿Qué le planteamos?",
            "clinician",
        ),
        ("POEMS in CR after Rd, VEGF normal twice. OK to stretch to yearly visits?", "clinician"),
        (
            "Con el VEGF por las nubes, ¿tiene sentido meter bevacizumab en un Crow-Fukase?",
            "clinician",
        ),
        ("Which endocrine deficits in POEMS should be replaced?", "clinician"),
    ],
)
def test_everyday_stories_and_shorthand_are_answered(
    engine: FakeChatEngine, question: str, audience: str
) -> None:
    assert not _ask(engine, question, audience).refused


@pytest.mark.parametrize(
    "question",
    [
        "tengo la panza hinchada después de comer, ¿qué tomo?",
        "My hands and chest are red after a long run, what should I take?",
    ],
)
def test_everyday_complaints_without_poems_stay_refused(
    engine: FakeChatEngine, question: str
) -> None:
    assert _ask(engine, question, "patient").refused


@pytest.mark.parametrize(
    ("question", "audience", "first"),
    [
        # fever on treatment: the urgent warning first, whatever was asked
        (
            "My husband is on lenalidomide and dexamethasone for POEMS and tonight he's got a "
            "temperature of 38.4 with shivers. The clinic is closed till Monday. Can we just give "
            "him paracetamol and see how he is in the morning?",
            "patient",
            r"call your team straight away",
        ),
        (
            "Mi viejo está con lenalidomida por el POEMS y hoy levantó 38 y pico de fiebre con "
            "escalofríos. ¿Le doy paracetamol y vemos cómo sigue?",
            "patient",
            r"llame a su equipo enseguida",
        ),
        (
            "POEMS on Rd, febrile 38.6 since this morning. Hold the lenalidomide?",
            "clinician",
            r"neutropenic fever",
        ),
        # a two-part aspect: its own leads first
        (
            "¿Qué opciones de tratamiento hay en la recaída de un POEMS tras TASPE?",
            "clinician",
            r"opciones con datos",
        ),
        (
            "My dad had a stem cell transplant for POEMS four years ago and now the doctors say "
            "it's back. Can he have the transplant again?",
            "patient",
            r"(?i)second ASCT",
        ),
        (
            "criterios para tratar un POEMS solo con RT? cuantas lesiones como maximo",
            "clinician",
            r"localizada cuando hay de 1 a 3 lesiones",
        ),
        (
            "Will dex hold POEMS in check while we wait for ASCT?",
            "clinician",
            r"only hold the disease temporarily",
        ),
        (
            "When POEMS comes back after treatment, what usually shows it first?",
            "clinician",
            r"35 months",
        ),
        (
            "Bilateral foot drop, 2 falls last month, awaiting ASCT for POEMS. AFOs? PT referral?",
            "clinician",
            r"orthoses are therefore needed for the long term",
        ),
        (
            "My legs are swollen up like balloons and there's fluid in my belly. I'm on water "
            "pills but it keeps coming back. Is this from the POEMS?",
            "patient",
            r"treating the POEMS itself",
        ),
        (
            "A mi mamá le diagnosticaron POEMS y ahora tiene agua en los pulmones. ¿Eso viene del "
            "POEMS? ¿Se lo pueden quitar?",
            "patient",
            r"tratando el propio POEMS",
        ),
        ("POEMS skin darkening - permanent?", "patient", r"76[.,]5"),
        (
            "Tengo la piel mucho más morena desde que empezó todo esto. ¿Es del POEMS? ¿Me voy a "
            "quedar así para siempre?",
            "patient",
            r"76[.,]5",
        ),
        (
            "Finished 45 Gy to a solitary sclerotic T9 lesion 6 wks ago. Legs feel weaker and "
            "VEGF has barely budged. Add Rd now or keep waiting?",
            "clinician",
            r"3 to 6 months after radiation",
        ),
        (
            "after RT for a solitary sclerotic plasmacytoma w/ polyneuropathy and high VEGF, how "
            "long do you wait before adding systemic therapy",
            "clinician",
            r"3 to 6 months after radiation",
        ),
    ],
)
def test_the_answer_opens_with_what_matters_most(
    engine: FakeChatEngine, question: str, audience: str, first: str
) -> None:
    assert re.search(first, _first_bullet(_ask(engine, question, audience)))


def test_no_fever_warning_without_fever_or_treatment(engine: FakeChatEngine) -> None:
    for question in ("lenalidomide dose in POEMS?", "Does POEMS itself cause fever?"):
        assert not re.search(
            r"(?i)call the team at once|call your team", _ask(engine, question).text
        )


def test_every_alarm_names_a_warning_of_the_rule_book(engine: FakeChatEngine) -> None:
    codes = {r.code for r in engine.rulebook().warnings}
    alarms = engine.lexicon().alarms
    assert alarms
    assert {a.warning for a in alarms} <= codes


@pytest.mark.parametrize(
    ("question", "not_first"),
    [
        (
            "What RT dose for a single POEMS lesion, and is it worth waiting for the marrow?",
            r"3 to 6 months after radiation",
        ),
        (
            "Mujer de 50 años con POEMS diseminado, derrame pleural y edemas. ¿Qué tratamiento "
            "de primera línea?",
            r"tratando el propio POEMS",
        ),
    ],
)
def test_one_part_of_a_two_part_aspect_does_not_open_the_answer(
    engine: FakeChatEngine, question: str, not_first: str
) -> None:
    assert not re.search(not_first, _first_bullet(_ask(engine, question)))


@pytest.mark.parametrize(
    "question",
    [
        "POEMS thrombosis: timing of events + when to start aspirin?",
        "Starting daratumumab for relapsed POEMS after ASCT. What infection prophylaxis first?",
        "POEMS + fluid in tummy + swollen ankles. what actually gets rid of the fluid?",
        "talidomida o lenalidomida para POEMS no candidato a TASPE, cual y por que",
    ],
)
def test_a_scene_set_for_a_general_question_does_not_change_the_case(
    engine: FakeChatEngine, question: str
) -> None:
    answer = _ask(engine, question)
    assert answer.case is None or not answer.case.model_dump(exclude_defaults=True), answer.case


@pytest.mark.parametrize(
    ("message", "field"),
    [
        (
            "Varón de 58 años, IgA lambda, 3 lesiones escleróticas, qué tratamiento le doy",
            "age_years",
        ),
        ("Pt with IgA lambda and a sclerotic lesion. What next?", "sclerotic_bone_lesions"),
        (
            "Neuropathy, lambda M-spike and a sclerotic lesion. Does that count as POEMS?",
            "polyneuropathy",
        ),
    ],
)
def test_a_vignette_before_its_question_still_updates_the_case(
    engine: FakeChatEngine, message: str, field: str
) -> None:
    answer = _ask(engine, message)
    assert answer.case is not None and field in answer.case.model_dump(exclude_defaults=True)


def test_will_radiation_cure_a_single_lesion_gets_the_rule_then_the_outcomes(
    engine: FakeChatEngine,
) -> None:
    question = (
        "me van a radiar la unica lesion que tengo del POEMS, con eso me curo o voy a necesitar "
        "mas tratamiento?"
    )
    bullets = [x for x in _ask(engine, question, "patient").text.splitlines() if x.startswith("- ")]
    assert re.search(r"primera línea", bullets[0])
    assert re.search(r"97 %", bullets[1]) and re.search(r"3 y 6 meses", bullets[2])


def test_a_caution_about_thalidomide_goes_on_to_lenalidomide(engine: FakeChatEngine) -> None:
    answer = _ask(
        engine,
        "Are thalidomide and bortezomib actually contraindicated in POEMS or just second-tier?",
    )
    text = answer.text.split("###")[1]  # the direct answer
    assert re.search(r"not a first choice", text)
    assert re.search(r"Lenalidomide has .* without serious neurotoxicity", text)

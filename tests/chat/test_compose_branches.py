"""Composition branches the conversation tables do not reach (answer composition is gated at
100% branch coverage)."""

from __future__ import annotations

from datetime import date

from assistant.chat import compose
from assistant.chat.cite import Composer
from assistant.chat.evidence import Scored
from assistant.contracts import PatientCase
from tests.chat.test_conversation import run
from tests.fakes import FakeChatEngine

TODAY = date(2026, 11, 24)
DISSEMINATED = PatientCase(
    age_years=45,
    sex="male",
    polyneuropathy="present",
    monoclonal_plasma_cell_disorder="present",
    light_chain="lambda",
    sclerotic_bone_lesions="present",
    bone_lesion_count=6,
    lesion_count_imaging="pet_ct",
    marrow_clonal_plasma_cells="present",
    organomegaly="present",
    transplant_eligible=True,
    creatinine_clearance_ml_min=95,
    platelets_10e9_l=420,
    neutrophils_10e9_l=4.0,
)


def _comp(engine: FakeChatEngine, audience: str = "clinician") -> Composer:
    return Composer(lang="en", audience=audience, lookup=engine.section_lookup())  # type: ignore[arg-type]


def test_plan_direct_with_neither_option_nor_reason_says_only_the_stratum(
    engine: FakeChatEngine,
) -> None:
    plan = engine.plan(DISSEMINATED, TODAY)
    bare = plan.model_copy(
        update={"treatment": plan.treatment.model_copy(update={"primary": (), "withheld": ()})}
    )
    comp = _comp(engine)
    compose._plan_direct(comp, bare)
    text = "\n".join(comp.lines)
    assert "disseminated" in text.lower() and text.count("\n- ") <= 1


def test_key_point_for_a_missing_section_adds_nothing(engine: FakeChatEngine) -> None:
    comp = _comp(engine)
    compose._key_point(comp, "no-such-section", "anything")
    assert comp.lines == []


def test_case_statement_with_a_met_diagnosis_leads_with_the_first_option(
    engine: FakeChatEngine,
) -> None:
    plan = engine.plan(DISSEMINATED, TODAY)
    comp = _comp(engine)
    compose.case_answer(comp, engine.chatbook(), plan)
    head = " ".join(comp.lines[:8])
    assert plan.treatment.primary and plan.treatment.primary[0].label.clinician.en in head


def test_overview_with_a_case_shows_the_patients_plan(engine: FakeChatEngine) -> None:
    comp = _comp(engine)
    plan = engine.plan(DISSEMINATED, TODAY)
    compose.overview_answer(comp, engine.chatbook(), plan, ())
    text = "\n".join(comp.lines)
    assert plan.treatment.primary[0].label.clinician.en in text


def test_patient_answer_without_plain_lines_still_closes_cleanly(engine: FakeChatEngine) -> None:
    answers, _ = run(engine, "What does VEGF mean?", audience="patient")
    assert answers[0].text.strip() and "[" in answers[0].text


def test_patient_topic_answer_with_a_case_uses_the_plan_not_plain_lines(
    engine: FakeChatEngine,
) -> None:
    comp = _comp(engine, "patient")
    plan = engine.plan(DISSEMINATED, TODAY)
    topic = engine.lexicon().topics[0].code
    parts = compose.Parts(topics=(topic,), ranked=(), plan=plan, related=(), user=())
    compose.topic_answer(comp, engine.lexicon(), engine.chatbook(), engine.rulebook(), parts)
    assert not any("More detail" in line for line in comp.lines)


def test_detail_lists_every_sentence_when_all_fit(engine: FakeChatEngine) -> None:
    chunk = engine.section_lookup()("en", "rt-dose")[0]
    ranked = [
        Scored(text=f"Short fact number {i}.", chunk=chunk, score=1.0, order=i, prior=1.0)
        for i in range(3)
    ]
    comp = _comp(engine)
    compose._detail(comp, engine.chatbook(), ranked)
    assert sum(line.startswith("- Short fact") for line in comp.lines) == 3

"""The gold sets themselves: facts that can fail, sizes, families, splits, independence."""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from evals.gold import GOLD_DIR, GoldSet, load_gold, read_jsonl
from evals.retrieval import load_cases
from tests.conftest import KNOWLEDGE

REQUIRED_TOPICS = {
    "criteria", "workup", "vegf", "differential", "stratification", "radiation", "systemic",
    "asct", "lenalidomide", "caution", "not_recommended", "response", "monitoring",
    "supportive", "prognosis", "relapse", "myeloma", "patient", "overview", "refusal",
}  # fmt: skip


@pytest.fixture(scope="module")
def gold() -> GoldSet:
    return load_gold()


def test_every_fact_matches_its_examples_and_rejects_its_counter_examples(gold: GoldSet) -> None:
    for fact in gold.facts.values():
        pattern = re.compile(fact.regex)
        for text in fact.match:
            assert pattern.search(text), (fact.id, "should match", text)
        for text in fact.no_match:
            assert not pattern.search(text), (fact.id, "should not match", text)


def test_no_fact_matches_any_text(gold: GoldSet) -> None:
    for fact in gold.facts.values():
        for text in ("", "zq kx vw", "The patient is well. El paciente está bien."):
            assert not re.search(fact.regex, text), (fact.id, text)


def test_no_fact_is_a_phrase_copied_from_the_guideline(gold: GoldSet) -> None:
    corpus = " ".join(p.read_text(encoding="utf-8") for p in KNOWLEDGE.glob("guideline/**/*.md"))
    corpus = re.sub(r"\s+", " ", corpus).lower()
    for fact in gold.facts.values():
        for branch in re.sub(r"^\(\?i\)", "", fact.regex).split("|"):
            literal = re.sub(r"\\(.)", r"\1", branch)
            if re.search(r"[\[\]()*+?{}^$]", literal) or len(literal.split()) < 4:
                continue
            assert literal.lower() not in corpus, (fact.id, literal)


def test_every_fact_is_used_and_every_used_fact_exists(gold: GoldSet) -> None:
    used = {line.fact for q in gold.questions for line in q.rubric}
    used |= {m for c in gold.conversations for t in c.turns for m in t.must}
    assert used == set(gold.facts)


def test_sizes_meet_the_issue(gold: GoldSet) -> None:
    qs = gold.questions
    assert len(qs) >= 240
    spanish = sum(q.lang == "es" for q in qs) / len(qs)
    assert 0.45 <= spanish <= 0.55
    assert sum(q.refused for q in qs) >= 30
    assert len(gold.conversations) >= 30
    assert {q.topic for q in qs} >= REQUIRED_TOPICS


def test_families_have_four_phrasings_in_one_split(gold: GoldSet) -> None:
    members: dict[str, list[str]] = defaultdict(list)
    splits: dict[str, set[str]] = defaultdict(set)
    for q in gold.questions:
        members[q.family].append(q.question)
        splits[q.family].add(q.split)
    assert len(members) >= 40
    for family, phrasings in members.items():
        assert len(set(phrasings)) >= 4, family
        assert len(splits[family]) == 1, family  # paraphrases never straddle dev and test


def test_splits_are_balanced_and_cover_the_gate(gold: GoldSet) -> None:
    counts = Counter(q.split for q in gold.questions)
    # the test split is fixed (250 questions, never tuned on); dev grows with each fault hunt
    assert counts["test"] == 250
    # dev grows with each fault hunt; test keeps a tenth or more, half Spanish
    assert 0.10 <= counts["test"] / len(gold.questions) <= 0.6
    assert Counter(q.lang for q in gold.questions if q.split == "test") == {"en": 125, "es": 125}
    test = [q for q in gold.questions if q.split == "test"]
    assert sum(q.refused for q in test) >= 15
    assert sum(q.one_fact for q in test) >= 20
    assert {q.lang for q in test} == {"en", "es"}
    conv = Counter(c.split for c in gold.conversations)
    assert conv["test"] >= 15 and conv["dev"] >= 15
    assert {c.split for c in load_cases()} == {"dev", "test"}


def test_rubrics_can_be_earned_and_refusals_have_none(gold: GoldSet) -> None:
    ids = [q.id for q in gold.questions]
    assert len(ids) == len(set(ids))
    for q in gold.questions:
        positive = [line for line in q.rubric if line.points > 0]
        assert bool(positive) != q.refused, q.id


def test_refusals_include_mixed_requests_and_injections(gold: GoldSet) -> None:
    refused = [q.question.lower() for q in gold.questions if q.refused]
    assert any("poems" in q or "poema" in q for q in refused)  # a POEMS word, unrelated request
    assert sum("instruc" in q for q in refused) >= 2
    assert sum(bool(re.search(r"dose|dosis", q)) for q in refused) >= 6


def test_conversations_exercise_context_case_and_scope(gold: GoldSet) -> None:
    turns = [t for c in gold.conversations for t in c.turns]
    assert sum(t.must_not_change_case for t in turns) >= 30
    assert sum(bool(t.case) for t in turns) >= 10  # findings that must change the case
    assert sum(len(t.message.split()) <= 4 for t in turns) >= 10  # "and the dose?"
    switches = [c for c in gold.conversations if len({t.lang for t in c.turns}) > 1]
    assert len(switches) >= 4
    mid_refusals = [t for c in gold.conversations for t in c.turns[1:] if t.refused]
    assert len(mid_refusals) >= 4


def test_vignettes_file_is_read_unchanged() -> None:
    assert len(read_jsonl(GOLD_DIR / "vignettes.jsonl")) >= 30


def test_a_rubric_regex_out_of_step_with_its_fact_is_an_error(tmp_path: Path) -> None:
    for name in ("facts.jsonl", "questions.jsonl", "conversations.jsonl"):
        shutil.copy(GOLD_DIR / name, tmp_path / name)
    rows = read_jsonl(tmp_path / "questions.jsonl")
    rows[0]["rubric"][0]["regex"] = "(?i)edited by hand"
    lines = [json.dumps(r, ensure_ascii=False) for r in rows]
    (tmp_path / "questions.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"differs from facts\.jsonl"):
        load_gold(tmp_path)

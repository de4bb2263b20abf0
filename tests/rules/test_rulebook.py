"""Rule files load only when every row is cited, sectioned and names known facts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.errors import KnowledgeError
from assistant.rulebook import load_rulebook
from tests.conftest import KNOWLEDGE


def _copy(tmp_path: Path) -> Path:
    dest = tmp_path / "k"
    shutil.copytree(KNOWLEDGE, dest)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_rulebook_loads_and_is_stamped_with_knowledge_version() -> None:
    book = load_rulebook(KNOWLEDGE)
    assert book.knowledge_version.startswith("2026-11-24+")
    assert len(book.diagnosis.criteria) == 11


def test_rule_without_citation_fails_naming_file_rule_and_field(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    _edit(
        k / "rules" / "treatment.toml",
        'citations = ["sekiguchi2013", "brown2019", "dispenzieri2023"]\n',
        "",
    )
    with pytest.raises(KnowledgeError, match=r"treatment\.toml.*not_recommended.*citations"):
        load_rulebook(k)


def test_rule_citing_unknown_source_fails(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    _edit(
        k / "rules" / "supportive.toml",
        '"mellors2021", "sayar2020", "seed2026"',
        '"mellors2021", "nobody1999"',
    )
    with pytest.raises(KnowledgeError, match=r"sc\.001.*nobody1999"):
        load_rulebook(k)


def test_rule_pointing_at_unknown_section_fails(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    _edit(k / "rules" / "prognosis.toml", 'section = "prognosis-pumch"', 'section = "nowhere"')
    with pytest.raises(KnowledgeError, match=r"pr\.001.*nowhere"):
        load_rulebook(k)


def test_rule_condition_on_unknown_fact_fails(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    _edit(
        k / "rules" / "prognosis.toml",
        "above = { age_years = 50.0 }",
        "above = { age_yeers = 50.0 }",
    )
    with pytest.raises(KnowledgeError, match=r"pr\.001.*age_yeers"):
        load_rulebook(k)


def test_reused_rule_id_fails(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    _edit(k / "rules" / "prognosis.toml", 'id = "pr.002"', 'id = "pr.001"')
    with pytest.raises(KnowledgeError, match=r"pr\.001.*also used"):
        load_rulebook(k)


def test_thalidomide_first_line_in_rule_file_would_show_in_plans(tmp_path: Path) -> None:
    """A broken rule table changes plans: the tables, not code, hold the clinical choice."""
    from datetime import date

    from assistant.contracts import PatientCase
    from assistant.rules import build_plan

    k = _copy(tmp_path)
    _edit(
        k / "rules" / "treatment.toml", 'code = "melphalan_dexamethasone"', 'code = "thalidomide"'
    )
    case = PatientCase(
        polyneuropathy="present",
        monoclonal_plasma_cell_disorder="present",
        marrow_clonal_plasma_cells="present",
        sclerotic_bone_lesions="present",
        skin_changes="present",
        transplant_eligible=False,
    )
    plan = build_plan(case, load_rulebook(k), date(2026, 11, 24))
    assert "thalidomide" in [o.code for o in plan.treatment.primary]


def test_gate_naming_an_unknown_agent_fails(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    _edit(
        k / "rules" / "gates.toml",
        'agents = ["melphalan"]\ncitations = ["general-practice"]',
        'agents = ["melfalan"]\ncitations = ["general-practice"]',
    )
    with pytest.raises(KnowledgeError, match=r"gt\.030.*melfalan"):
        load_rulebook(k)


# -- the per-version cache that lets a new process skip TOML parsing -------------------------


def test_cached_tables_give_the_same_book_without_reading_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant import rulebook

    cache = tmp_path / "cache"
    first = load_rulebook(KNOWLEDGE, cache)
    assert [p.name for p in cache.iterdir()] == [
        f"rulebook-{first.knowledge_version.replace('+', '-')}.json"
    ]

    def no_reading(*_: object) -> None:
        raise AssertionError("the rule files were read although the cache was valid")

    monkeypatch.setattr(rulebook, "_read_tables", no_reading)
    assert load_rulebook(KNOWLEDGE, cache) == first


def test_a_corrupt_cache_is_rebuilt(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    book = load_rulebook(KNOWLEDGE, cache)
    (target,) = cache.iterdir()
    target.write_text('{"knowledge_version": "wrong"')
    assert load_rulebook(KNOWLEDGE, cache) == book
    assert '"diagnosis"' in target.read_text()


def test_changed_rules_are_read_again(tmp_path: Path) -> None:
    k = _copy(tmp_path)
    cache = tmp_path / "cache"
    before = load_rulebook(k, cache)
    _edit(k / "rules" / "diagnosis.toml", "dx.010", "dx.910")
    after = load_rulebook(k, cache)
    assert after.knowledge_version != before.knowledge_version
    assert "dx.910" in {c.id for c in after.diagnosis.criteria}
    assert len(list(cache.iterdir())) == 2


def test_a_cache_folder_that_cannot_be_written_only_costs_speed(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    book = load_rulebook(KNOWLEDGE, blocker / "cache")
    assert book == load_rulebook(KNOWLEDGE)

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
    _edit(k / "rules" / "treatment.toml", 'citations = ["sekiguchi2013", "brown2019"]\n', "")
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

"""The knowledge corpus: markers resolve, languages are parallel, nothing is empty."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.errors import KnowledgeError
from assistant.knowledge import (
    extract_markers,
    guideline_files,
    knowledge_version,
    load_sources,
)
from ingest.chunking import parse_markdown
from ingest.corpus import guideline_chunks
from tests.conftest import KNOWLEDGE

FILES = guideline_files(KNOWLEDGE)
SOURCES = load_sources(KNOWLEDGE)


def _sections(lang: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for f in FILES:
        if f.lang == lang:
            out[f.path.name] = [s.section_id for s in parse_markdown(f.text, f.topic)[1]]
    return out


def test_sources_have_reference_year_type_and_locator() -> None:
    assert len(SOURCES) >= 40
    for src in SOURCES.values():
        assert src.reference and src.last_reviewed == "2026-11-24", src.id
        has_locator = src.pmid or src.doi or src.url
        assert has_locator or src.type == "unverified_summary", f"{src.id} has no PMID/DOI/URL"


@pytest.mark.parametrize("gfile", FILES, ids=lambda f: f"{f.lang}/{f.path.name}")
def test_guideline_markers_all_resolve_to_sources(gfile: object) -> None:
    markers = extract_markers(gfile.text)  # type: ignore[attr-defined]
    assert markers, "a guideline file without any source marker"
    assert [m for m in markers if m not in SOURCES] == []


@pytest.mark.parametrize("gfile", FILES, ids=lambda f: f"{f.lang}/{f.path.name}")
def test_guideline_every_section_nonempty_and_every_paragraph_cited(gfile: object) -> None:
    _, sections = parse_markdown(gfile.text, "x")  # type: ignore[attr-defined]
    assert sections
    for sec in sections:
        assert sec.text.strip(), sec.section_id
        for para in re.split(r"\n\s*\n", sec.text):
            assert extract_markers(para), f"{sec.section_id}: uncited paragraph {para[:60]!r}"


def test_guideline_english_and_spanish_have_same_files_and_section_ids() -> None:
    en, es = _sections("en"), _sections("es")
    assert en.keys() == es.keys()
    for name in en:
        assert en[name] == es[name], name
    all_ids = [sid for ids in en.values() for sid in ids]
    assert len(all_ids) == len(set(all_ids)), "section ids must be unique across the corpus"


def test_guideline_covers_every_topic_of_the_fact_sheet() -> None:
    ids = {sid for ids in _sections("en").values() for sid in ids}
    required = {
        "criteria-rule",
        "workup-marrow",
        "vegf-specimens",
        "ddx-cidp",
        "strat-localized",
        "rt-dose",
        "asct-conditioning",
        "lenalidomide-dex",
        "caution-thalidomide",
        "avoid-bevacizumab",
        "response-timeline",
        "monitor-vegf",
        "support-antiplatelet",
        "prognosis-principle",
        "relapse-options",
        "myeloma-distinction",
        "support-platelet-threshold",
        "evidence-disagreements",
        # issue 11: safety gates, pathway and the 2023-2026 refresh
        "gate-renal",
        "gate-counts",
        "gate-pregnancy",
        "gate-fertility",
        "gate-diagnosis",
        "stem-cell-collection",
        "support-platelet-floor",
        "support-spm",
        "support-neutropenic-fever",
        "relapse-first-asct",
        "refresh-2023",
    }
    assert required <= ids


def test_guideline_no_longer_says_cook_or_spanish_mistranslations() -> None:
    text = " ".join(f.text for f in FILES)
    text += " ".join(p.read_text() for p in (KNOWLEDGE / "rules").glob("*.toml"))
    for wrong in ("Cook et al", "contemporiz", "la clona", "síndrome de injerto"):
        assert wrong not in text, wrong


def test_seed_errors_are_named_next_to_the_literature() -> None:
    en = {f.path.name: f.text for f in FILES if f.lang == "en"}
    assert "94% is the 5-year overall survival" in en["07-systemic.md"]
    assert "[@seed2026; @dsouza2012]" in en["07-systemic.md"]
    assert "does not gate aspirin on a platelet count" in en["11-supportive.md"]


def test_unknown_marker_fails_loading_with_file_and_marker(tmp_path: Path) -> None:
    dest = tmp_path / "k"
    shutil.copytree(KNOWLEDGE, dest)
    target = dest / "guideline" / "en" / "06-radiation.md"
    target.write_text(target.read_text() + "\n\n## Extra {#rt-extra}\nClaim [@nosuch2099].\n")
    with pytest.raises(KnowledgeError, match=r"06-radiation.md.*nosuch2099"):
        guideline_chunks(dest, 1200)


def test_knowledge_version_changes_when_any_file_changes(tmp_path: Path) -> None:
    dest = tmp_path / "k"
    shutil.copytree(KNOWLEDGE, dest)
    before = knowledge_version(dest)
    assert before.startswith("2026-11-24+")
    (dest / "guideline" / "es" / "06-radiation.md").write_text(
        "# x\n\n## y {#rt-dose}\nz [@nozza2017]\n"
    )
    assert knowledge_version(dest) != before

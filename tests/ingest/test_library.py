"""The document library: copies come from the indexed bytes; a damaged library.json is reported
and rebuilt from the stored files (#13 items 3, 11)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from ingest.library import commit_documents, library_dir, load_library
from ingest.loaders import load_document


def _doc(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(f"# {name}\n\n## Part\n{text}\n", encoding="utf-8")
    return path


def test_commit_stores_the_bytes_that_were_hashed(tmp_path: Path) -> None:
    home = tmp_path / "home"
    path = _doc(tmp_path, "a.md", "version A")
    doc = load_document(path, 50)
    path.write_text("# a\n\n## Part\nversion B\n", encoding="utf-8")  # edited after reading
    commit_documents(home, [doc])
    (stored,) = load_library(home, 50)
    assert stored.sha256 == doc.sha256 and "version A" in stored.sections[0].text
    assert stored.name == "a.md"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b'[{"file": "user-', id="truncated"),
        pytest.param(b"\xff\xfe\x00garbage", id="binary"),
        pytest.param(b'{"file": "x"}', id="not-a-list"),
        pytest.param(b'[{"file": "../../etc/passwd", "name": "p"}]', id="path-escape"),
        pytest.param(b"[" * 50_000, id="deep"),
    ],
)
def test_damaged_library_json_is_reported_and_repaired(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: bytes
) -> None:
    home = tmp_path / "home"
    docs = [load_document(_doc(tmp_path, f"{n}.md", f"text {n}"), 50) for n in ("a", "b")]
    commit_documents(home, docs)
    (library_dir(home) / "library.json").write_bytes(damage)
    with caplog.at_level(logging.WARNING):
        loaded = load_library(home, 50)
    assert sorted(d.sha256 for d in loaded) == sorted(d.sha256 for d in docs)
    assert "damaged" in caplog.text and "rebuilt it from 2 stored file(s)" in caplog.text
    repaired = json.loads((library_dir(home) / "library.json").read_text(encoding="utf-8"))
    assert len(repaired) == 2


def test_missing_library_json_with_stored_files_is_rebuilt(tmp_path: Path) -> None:
    home = tmp_path / "home"
    doc = load_document(_doc(tmp_path, "a.md", "text"), 50)
    commit_documents(home, [doc])
    (library_dir(home) / "library.json").unlink()
    assert [d.sha256 for d in load_library(home, 50)] == [doc.sha256]


def test_no_library_is_empty(tmp_path: Path) -> None:
    assert load_library(tmp_path / "home", 50) == []

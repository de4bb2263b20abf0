"""The user's document library under POEMS_HOME: copies of added files, kept for rebuilds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ingest.loaders import LoadedDocument, load_document


def library_dir(home: Path) -> Path:
    """Folder holding copies of user-added documents."""
    return home / "library"


def _index_path(home: Path) -> Path:
    return library_dir(home) / "library.json"


def _entries(home: Path) -> list[dict[str, str]]:
    path = _index_path(home)
    if not path.exists():
        return []
    entries: list[dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return [e for e in entries if (library_dir(home) / e["file"]).exists()]


def load_library(home: Path, max_file_mb: float) -> list[LoadedDocument]:
    """Load every library document under its original name (validated when it was added)."""
    lib = library_dir(home)
    return [load_document(lib / e["file"], max_file_mb, e["name"]) for e in _entries(home)]


def commit_documents(home: Path, docs: list[LoadedDocument]) -> None:
    """Copy newly indexed documents into the library (only after their build succeeded)."""
    if not docs:
        return
    lib = library_dir(home)
    lib.mkdir(parents=True, exist_ok=True)
    entries = _entries(home)
    files = {e["file"] for e in entries}
    for doc in docs:
        file = f"{doc.source_id}{doc.path.suffix.lower()}"
        if file not in files:
            shutil.copyfile(doc.path, lib / file)
            entries.append({"file": file, "name": doc.name})
            files.add(file)
    tmp = _index_path(home).with_suffix(".tmp")
    tmp.write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
    tmp.replace(_index_path(home))

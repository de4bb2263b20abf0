"""The user's document library under POEMS_HOME: copies of added files, kept for rebuilds.

`library.json` lists each stored copy and the name the user added it under. When that list is
damaged (or lost), it is reported and rebuilt from the stored copies themselves.
"""

from __future__ import annotations

import json
import logging
import os
import re
from pathlib import Path

from ingest.loaders import MAX_PDF_PAGES, SUPPORTED, LoadedDocument, load_document

log = logging.getLogger(__name__)
_STORED = re.compile(r"^user-[0-9a-f]{10}(\.[a-z]+)$")


def library_dir(home: Path) -> Path:
    """Folder holding copies of user-added documents."""
    return home / "library"


def _index_path(home: Path) -> Path:
    return library_dir(home) / "library.json"


def _valid(entries: object) -> list[dict[str, str]]:
    """The entries as written by `commit_documents`, or ValueError."""
    if not isinstance(entries, list):
        raise ValueError("not a list")
    for e in entries:
        if not (isinstance(e, dict) and isinstance(e.get("file"), str)):
            raise ValueError("an entry without a file name")
        if not isinstance(e.get("name"), str) or not _STORED.match(e["file"]):
            raise ValueError(f"unexpected entry {str(e)[:60]}")
    return entries


def _stored_files(home: Path) -> list[str]:
    lib = library_dir(home)
    if not lib.is_dir():
        return []
    return sorted(
        p.name
        for p in lib.iterdir()
        if (m := _STORED.match(p.name)) and m.group(1) in SUPPORTED and p.is_file()
    )


def _repair(home: Path, reason: str) -> list[dict[str, str]]:
    """Rebuild library.json from the stored copies (their original names are lost)."""
    files = _stored_files(home)
    log.warning(
        "the document list %s is damaged (%s); rebuilt it from %d stored file(s)",
        _index_path(home),
        reason,
        len(files),
    )
    entries = [{"file": f, "name": f} for f in files]
    _write_entries(home, entries)
    return entries


def _entries(home: Path) -> list[dict[str, str]]:
    path = _index_path(home)
    if not path.exists():
        return _repair(home, "missing") if _stored_files(home) else []
    try:
        entries = _valid(json.loads(path.read_text(encoding="utf-8")))
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        return _repair(home, type(exc).__name__)
    return [e for e in entries if (library_dir(home) / e["file"]).is_file()]


def load_library(
    home: Path, max_file_mb: float, max_pages: int = MAX_PDF_PAGES
) -> list[LoadedDocument]:
    """Load every library document under its original name (validated when it was added)."""
    lib = library_dir(home)
    return [
        load_document(lib / e["file"], max_file_mb, e["name"], max_pages) for e in _entries(home)
    ]


def _write_entries(home: Path, entries: list[dict[str, str]]) -> None:
    _atomic_write(_index_path(home), json.dumps(entries, indent=1, ensure_ascii=False).encode())


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


def commit_documents(home: Path, docs: list[LoadedDocument]) -> None:
    """Store newly indexed documents in the library, from the very bytes that were indexed.

    Called before the index switch: a crash after it loses nothing at the next rebuild.
    """
    if not docs:
        return
    entries = _entries(home)
    files = {e["file"] for e in entries}
    for doc in docs:
        file = f"{doc.source_id}{doc.path.suffix.lower()}"
        if file not in files:
            _atomic_write(library_dir(home) / file, doc.data or doc.path.read_bytes())
            entries.append({"file": file, "name": doc.name})
            files.add(file)
    _write_entries(home, entries)

"""Collecting chunks (#13 item 11): a repeated paragraph is indexed once, not refused as an id
collision; a document over the chunk limit is refused with the setting to raise."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DocumentError
from assistant.settings import Settings
from ingest.build import collect_chunks
from ingest.loaders import load_document

PARAGRAPH = "The same long boilerplate paragraph about follow-up visits. " * 15  # ~900 chars


def test_repeated_paragraph_is_indexed_once(tmp_path: Path, small_knowledge: Path) -> None:
    doc_path = tmp_path / "protocol.md"
    doc_path.write_text(f"# P\n\n## Visits\n{PARAGRAPH}\n\n{PARAGRAPH}\n\n## Other\nOnce.\n")
    doc = load_document(doc_path, 50)
    chunks = collect_chunks(Settings(knowledge_dir=small_knowledge), [doc])
    mine = [c for c in chunks if c.source_id == doc.source_id]
    assert [c.text.count("boilerplate") for c in mine] == [15, 0]  # the repeat is dropped
    assert len({c.chunk_id for c in chunks}) == len(chunks)


def test_document_over_chunk_limit_is_refused(tmp_path: Path, small_knowledge: Path) -> None:
    doc_path = tmp_path / "long.md"
    doc_path.write_text("# L\n\n" + "".join(f"## S{n}\nText {n}.\n\n" for n in range(12)))
    doc = load_document(doc_path, 50)
    settings = Settings(knowledge_dir=small_knowledge, index={"max_chunks_per_document": 10})
    with pytest.raises(DocumentError) as info:
        collect_chunks(settings, [doc])
    assert "12 passages is over the 10-passage limit" in info.value.message
    assert "POEMS_INDEX__MAX_CHUNKS_PER_DOCUMENT" in info.value.hint

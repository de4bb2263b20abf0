"""Turn the bundled guideline and user documents into chunks (pure except for reading files)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assistant.contracts import Chunk, Lang, Source
from assistant.errors import KnowledgeError
from assistant.knowledge import (
    extract_markers,
    guideline_files,
    knowledge_version,
    load_sources,
)
from assistant.language import detect_language
from ingest.chunking import Section, chunk_id, parse_markdown, split_text
from ingest.loaders import LoadedDocument


def guideline_source_id(lang: Lang, topic: str) -> str:
    """Source id of a bundled guideline topic file, e.g. `guideline-es/radiation`."""
    return f"guideline-{lang}/{topic}"


@dataclass(frozen=True)
class DocMeta:
    """What every chunk of one document shares."""

    source_id: str
    title: str
    version: str
    kind: Literal["guideline", "user"]
    lang: Lang | None  # None: detect per chunk


def section_chunks(sections: Sequence[Section], meta: DocMeta, max_chars: int) -> list[Chunk]:
    """Chunks for sections: one or more per section, each at most `max_chars`."""
    chunks: list[Chunk] = []
    for sec in sections:
        for piece in split_text(sec.text, max_chars):
            position = len(chunks)
            chunks.append(
                Chunk(
                    chunk_id=chunk_id(meta.source_id, meta.version, sec.section_id, piece),
                    text=piece,
                    source_id=meta.source_id,
                    title=meta.title,
                    section_id=sec.section_id,
                    heading=sec.heading,
                    page=sec.page,
                    lang=meta.lang or detect_language(piece),
                    cites=extract_markers(piece),
                    kind=meta.kind,
                    version=meta.version,
                    position=position,
                )
            )
    return chunks


def guideline_chunks(knowledge_dir: Path, max_chars: int) -> list[Chunk]:
    """Chunks of the bundled guideline, with every marker checked against sources.toml."""
    sources = load_sources(knowledge_dir)
    version = knowledge_version(knowledge_dir)
    chunks: list[Chunk] = []
    for gfile in guideline_files(knowledge_dir):
        title, sections = parse_markdown(gfile.text, gfile.topic)
        unknown = [m for m in extract_markers(gfile.text) if m not in sources]
        if unknown:
            raise KnowledgeError(
                f"{gfile.path}: markers {', '.join(unknown)} are not in sources.toml",
                "add the source to knowledge/sources.toml or fix the marker",
            )
        meta = DocMeta(
            guideline_source_id(gfile.lang, gfile.topic), title, version, "guideline", gfile.lang
        )
        chunks += section_chunks(sections, meta, max_chars)
    return chunks


def user_source(doc: LoadedDocument) -> Source:
    """The citable source entry of a user-added document."""
    return Source(
        id=doc.source_id,
        reference=f"{doc.title} (added document: {doc.name})",
        year=2026,
        type="user_document",
        access="full text as added by the user",
        url=doc.name,
    )


def user_chunks(doc: LoadedDocument, max_chars: int) -> list[Chunk]:
    """Chunks of a user document; language detected per chunk."""
    meta = DocMeta(doc.source_id, doc.title, doc.sha256[:12], "user", None)
    return section_chunks(doc.sections, meta, max_chars)

"""Index build: chunk everything, write a new Chroma collection, then switch the pointer.

A failed build deletes its own collection and leaves the previous index answering.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from assistant.adapters import chroma_store
from assistant.adapters.st_embedder import MODEL_NAME
from assistant.contracts import Chunk, IndexManifest
from assistant.errors import DocumentError, KnowledgeError
from assistant.knowledge import knowledge_version
from ingest.corpus import guideline_chunks, user_chunks, user_source
from ingest.loaders import LoadedDocument

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from assistant.settings import Settings

Progress = Callable[[int, int], None]
log = logging.getLogger(__name__)
SERVER_GRACE_S = 3600.0  # server mode: leave another instance's build alone for an hour
INDEX_SCHEMA = 2  # bump when chunk metadata changes: existing indexes become stale


def chunking_params(settings: Settings) -> dict[str, int]:
    """The chunking parameters that, with knowledge and model, define an index."""
    return {"chunk_max_chars": settings.index.chunk_max_chars}


def expected_fingerprint(settings: Settings) -> tuple[str, str]:
    """(fingerprint, knowledge_version) an up-to-date index must carry."""
    version = knowledge_version(settings.knowledge_dir)
    payload = {
        "knowledge": version,
        "model": MODEL_NAME,
        "chunking": chunking_params(settings),
        "schema": INDEX_SCHEMA,
    }
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]
    return digest, version


def collect_chunks(settings: Settings, docs: list[LoadedDocument]) -> list[Chunk]:
    """Every chunk to index: the bundled guideline plus user documents, ids checked unique."""
    max_chars = settings.index.chunk_max_chars
    chunks = guideline_chunks(settings.knowledge_dir, max_chars)
    for doc in docs:
        chunks += _limited(user_chunks(doc, max_chars), doc, settings.index.max_chunks_per_document)
    unique: dict[str, Chunk] = {}
    for chunk in chunks:
        other = unique.get(chunk.chunk_id)
        if other is not None and _same_passage(other, chunk):
            continue  # a paragraph repeated in one section: indexed once
        if other is not None:
            raise KnowledgeError(
                f"chunk id collision {chunk.chunk_id} ({chunk.source_id} vs {other.source_id})",
                "change a word in one of the two passages",
            )
        unique[chunk.chunk_id] = chunk
    return list(unique.values())


def _limited(chunks: list[Chunk], doc: LoadedDocument, limit: int) -> list[Chunk]:
    if len(chunks) > limit:
        raise DocumentError(
            f"{doc.name}: {len(chunks)} passages is over the {limit}-passage limit per document",
            "split the document, or raise POEMS_INDEX__MAX_CHUNKS_PER_DOCUMENT",
        )
    return chunks


def _same_passage(a: Chunk, b: Chunk) -> bool:
    return (a.source_id, a.section_id, a.text) == (b.source_id, b.section_id, b.text)


@dataclass(frozen=True)
class BuildHooks:
    """Callbacks of one build: progress, and work to finish before readers see the index."""

    progress: Progress | None = None
    before_switch: Callable[[], None] | None = None


def _write_chunks(
    client: ClientAPI, store: Chroma, chunks: list[Chunk], batch: int, progress: Progress | None
) -> None:
    """Write every chunk (the caller removes the collection on failure)."""
    for start in range(0, len(chunks), batch):
        chroma_store.add_chunks(store, chunks[start : start + batch])
        if progress:
            progress(min(start + batch, len(chunks)), len(chunks))
    written = chroma_store.count(client, store._collection.name)
    if written != len(chunks):
        raise RuntimeError(f"index build wrote {written} of {len(chunks)} chunks")


def _drop_quietly(client: ClientAPI, name: str) -> None:
    try:
        chroma_store.drop_collection(client, name)
    except Exception as exc:  # the next build removes it (see drop_other_collections)
        log.warning("could not remove the partial index %s: %s", name, type(exc).__name__)


def build_index(
    client: ClientAPI,
    embeddings: Embeddings,
    settings: Settings,
    docs: list[LoadedDocument],
    hooks: BuildHooks | None = None,
) -> IndexManifest:
    """Write all chunks into a fresh collection and switch the manifest when it is complete.

    `hooks.before_switch` runs once the collection is complete and before readers see it (the
    library copy of added documents is committed there); if anything fails, the new collection
    is removed and the previous index stays active.
    """
    hooks = hooks or BuildHooks()
    stamp = expected_fingerprint(settings)
    chunks = collect_chunks(settings, docs)
    previous = chroma_store.read_manifest(client)
    grace = SERVER_GRACE_S if settings.chroma_url else 0.0
    keep = previous.collection if previous else ""
    chroma_store.drop_other_collections(client, keep=keep, grace_s=grace)  # old leftovers
    name = chroma_store.new_collection_name(stamp[0])
    try:
        store = chroma_store.vectorstore(client, name, embeddings)
        _write_chunks(client, store, chunks, settings.index.batch_size, hooks.progress)
        if hooks.before_switch:
            hooks.before_switch()
        manifest = _manifest(name, stamp, settings, chunks, docs)
        replaced = chroma_store.read_manifest(client)  # another server instance may have switched
        chroma_store.switch_manifest(client, manifest)
    except BaseException:
        _drop_quietly(client, name)
        raise
    for old in {keep, replaced.collection if replaced else ""} - {"", name}:
        chroma_store.drop_collection(client, old)
    chroma_store.drop_other_collections(client, keep=name, grace_s=grace)
    return manifest


def _manifest(
    name: str,
    stamp: tuple[str, str],
    settings: Settings,
    chunks: list[Chunk],
    docs: list[LoadedDocument],
) -> IndexManifest:
    fingerprint, version = stamp
    langs = Counter(c.lang for c in chunks)
    return IndexManifest(
        index_id=name.removeprefix(chroma_store.PREFIX),
        collection=name,
        fingerprint=fingerprint,
        knowledge_version=version,
        model=MODEL_NAME,
        chunking=chunking_params(settings),
        counts={"chunks": len(chunks), **{f"lang_{k}": v for k, v in sorted(langs.items())}},
        user_sources=tuple(user_source(d) for d in docs),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )

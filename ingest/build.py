"""Index build: chunk everything, write a new Chroma collection, then switch the pointer.

A failed build deletes its own collection and leaves the previous index answering.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from assistant.adapters import chroma_store
from assistant.adapters.st_embedder import MODEL_NAME
from assistant.contracts import Chunk, IndexManifest
from assistant.errors import KnowledgeError
from assistant.knowledge import knowledge_version
from ingest.corpus import guideline_chunks, user_chunks, user_source
from ingest.loaders import LoadedDocument

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_core.embeddings import Embeddings

    from assistant.settings import Settings

Progress = Callable[[int, int], None]
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
        chunks += user_chunks(doc, max_chars)
    unique: dict[str, Chunk] = {}
    for chunk in chunks:
        other = unique.get(chunk.chunk_id)
        if other is not None and other != chunk:
            raise KnowledgeError(
                f"chunk id collision {chunk.chunk_id} ({chunk.source_id} vs {other.source_id})",
                "change a word in one of the two passages",
            )
        unique[chunk.chunk_id] = chunk
    return list(unique.values())


def build_index(
    client: ClientAPI,
    embeddings: Embeddings,
    settings: Settings,
    docs: list[LoadedDocument],
    progress: Progress | None = None,
) -> IndexManifest:
    """Write all chunks into a fresh collection and switch the manifest when it is complete."""
    fingerprint, version = expected_fingerprint(settings)
    chunks = collect_chunks(settings, docs)
    name = f"{chroma_store.PREFIX}{fingerprint[:8]}_{uuid.uuid4().hex[:8]}"
    store = chroma_store.vectorstore(client, name, embeddings)
    batch = settings.index.batch_size
    try:
        for start in range(0, len(chunks), batch):
            chroma_store.add_chunks(store, chunks[start : start + batch])
            if progress:
                progress(min(start + batch, len(chunks)), len(chunks))
        written = chroma_store.count(client, name)
        if written != len(chunks):
            raise RuntimeError(f"index build wrote {written} of {len(chunks)} chunks")
    except BaseException:
        chroma_store.drop_collection(client, name)
        raise
    langs = Counter(c.lang for c in chunks)
    manifest = IndexManifest(
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
    chroma_store.switch_manifest(client, manifest)
    chroma_store.drop_other_collections(client, keep=name)
    return manifest

"""Chroma adapter: clients (embedded or server), versioned collections and the active pointer.

A build writes a new collection; the pointer collection's metadata names the active one and is
switched only when the build is complete, so readers never see a half-written index.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from assistant.contracts import Chunk, IndexManifest
from assistant.errors import StoreUnavailableError

if TYPE_CHECKING:
    from chromadb.api import ClientAPI
    from langchain_chroma import Chroma
    from langchain_core.embeddings import Embeddings

    from assistant.settings import Settings

POINTER = "poems_active_index"
PREFIX = "poems_idx_"


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


def make_client(settings: Settings) -> ClientAPI:
    """Embedded PersistentClient under POEMS_HOME, or an HttpClient for POEMS_CHROMA_URL."""
    from assistant.adapters.st_embedder import force_offline

    force_offline()
    import chromadb

    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if not url.hostname or not url.port:
            raise StoreUnavailableError(
                f"POEMS_CHROMA_URL={settings.chroma_url!r} is not http://host:port",
                "for example POEMS_CHROMA_URL=http://127.0.0.1:8000",
            )
        try:
            client = chromadb.HttpClient(
                host=url.hostname,
                port=url.port,
                ssl=url.scheme == "https",
                settings=_chroma_settings(),
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreUnavailableError(
                f"cannot reach the Chroma server at {settings.chroma_url}",
                "start it with `chroma run --path DIR --host HOST --port PORT`, "
                "or unset POEMS_CHROMA_URL to use the embedded store",
            ) from exc
        return client
    path = settings.home / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=_chroma_settings())


def read_manifest(client: ClientAPI) -> IndexManifest | None:
    """The active index's manifest, or None when no build has completed."""
    names = {c if isinstance(c, str) else c.name for c in client.list_collections()}
    if POINTER not in names:
        return None
    meta = client.get_collection(POINTER).metadata or {}
    raw = meta.get("manifest")
    if not isinstance(raw, str):
        return None
    return IndexManifest.model_validate_json(raw)


def switch_manifest(client: ClientAPI, manifest: IndexManifest) -> None:
    """Point readers at a completed build (one metadata write)."""
    pointer = client.get_or_create_collection(POINTER)
    pointer.modify(metadata={"manifest": manifest.model_dump_json()})


def new_collection_name(fingerprint: str) -> str:
    """`poems_idx_<fingerprint 8>_<start ms, 12 hex><random 4 hex>`: builds sort by start."""
    started = int(time.time() * 1000)
    return f"{PREFIX}{fingerprint[:8]}_{started:012x}{uuid.uuid4().hex[:4]}"


def started_ms(name: str) -> int:
    """When the build that wrote a collection started (0 for names without a time)."""
    tail = name.removeprefix(PREFIX).partition("_")[2]
    try:
        return int(tail[:12], 16) if len(tail) == 16 else 0
    except ValueError:
        return 0


def index_collections(client: ClientAPI) -> list[str]:
    """Names of every index collection in the store."""
    names = (c if isinstance(c, str) else c.name for c in client.list_collections())
    return sorted(n for n in names if n.startswith(PREFIX))


def drop_other_collections(client: ClientAPI, keep: str, grace_s: float = 0.0) -> None:
    """Delete index collections other than `keep` that started over `grace_s` ago.

    In server mode another instance may be building right now: its collection is younger than
    the grace period and is left alone; a collection already gone is not an error.
    """
    cutoff = (time.time() - grace_s) * 1000
    for name in index_collections(client):
        if name != keep and started_ms(name) <= cutoff:
            drop_collection(client, name)


def drop_collection(client: ClientAPI, name: str) -> None:
    """Delete one collection if it exists (another process may have deleted it first)."""
    from chromadb.errors import NotFoundError

    try:
        client.delete_collection(name)
    except (NotFoundError, ValueError):
        return


def index_opens(client: ClientAPI) -> bool:
    """True when the active index (if any) can be read back whole; False on any fault."""
    try:
        manifest = read_manifest(client)
        if manifest is None:
            return True
        return count(client, manifest.collection) == manifest.counts["chunks"]
    except Exception:
        return False


def vectorstore(client: ClientAPI, collection: str, embeddings: Embeddings) -> Chroma:
    """langchain-chroma view of a collection (cosine space)."""
    from langchain_chroma import Chroma

    return Chroma(
        client=client,
        collection_name=collection,
        embedding_function=embeddings,
        collection_metadata={"hnsw:space": "cosine"},
    )


def document_text(chunk: Chunk) -> str:
    """What is stored and embedded: title and heading give the passage its context."""
    return f"{chunk.title} — {chunk.heading}\n\n{chunk.text}"


def chunk_metadata(chunk: Chunk) -> dict[str, str | int]:
    """Flat Chroma metadata for a chunk (Chroma stores scalars only)."""
    return {
        "chunk_id": chunk.chunk_id,
        "source_id": chunk.source_id,
        "title": chunk.title,
        "section_id": chunk.section_id,
        "heading": chunk.heading,
        "page": chunk.page or 0,
        "lang": chunk.lang,
        "cites": ";".join(chunk.cites),
        "kind": chunk.kind,
        "version": chunk.version,
        "position": chunk.position,
    }


def chunk_from_record(document: str, meta: dict[str, Any]) -> Chunk:
    """Rebuild a Chunk from a stored document and its metadata."""
    text = document.split("\n\n", 1)[1] if "\n\n" in document else document
    cites = str(meta.get("cites") or "")
    return Chunk(
        chunk_id=str(meta["chunk_id"]),
        text=text,
        source_id=str(meta["source_id"]),
        title=str(meta["title"]),
        section_id=str(meta["section_id"]),
        heading=str(meta["heading"]),
        page=int(meta["page"]) or None,
        lang=meta["lang"],
        cites=tuple(c for c in cites.split(";") if c),
        kind=meta["kind"],
        version=str(meta["version"]),
        position=int(meta.get("position", 0)),
    )


def add_chunks(store: Chroma, chunks: Sequence[Chunk]) -> None:
    """Embed and write chunks through langchain-chroma."""
    store.add_texts(
        texts=[document_text(c) for c in chunks],
        metadatas=[chunk_metadata(c) for c in chunks],
        ids=[c.chunk_id for c in chunks],
    )


def read_chunks(client: ClientAPI, collection: str) -> list[Chunk]:
    """Every chunk of a collection, sorted by id (for BM25 and audits)."""
    col = client.get_collection(collection)
    got = col.get(include=["documents", "metadatas"])
    docs = got.get("documents") or []
    metas = got.get("metadatas") or []
    chunks = [chunk_from_record(d, dict(m)) for d, m in zip(docs, metas, strict=True)]
    return sorted(chunks, key=lambda c: c.chunk_id)


class ChromaDense:
    """DenseIndex over a langchain-chroma store."""

    def __init__(self, store: Chroma) -> None:
        self._store = store

    def nearest(self, query: str, n: int, kind: str | None = None) -> list[str]:
        """Chunk ids of the nearest chunks (of one kind when given), best first."""
        where = {"kind": kind} if kind else None
        hits = self._store.similarity_search_with_score(query, k=n, filter=where)
        return [str(doc.metadata["chunk_id"]) for doc, _ in hits]


def count(client: ClientAPI, collection: str) -> int:
    """Number of records in a collection."""
    return int(client.get_collection(collection).count())

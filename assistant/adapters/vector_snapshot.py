"""A read-side copy of the active embedded index: its manifest, chunks and vectors in one file.

Chroma stays the store that builds write to. After each build (or on the first query that finds
the copy missing) the active collection is copied into `<POEMS_HOME>/chroma/poems_snapshot/`,
so that a new process can answer with numpy alone: importing chromadb costs about a second on
two cores, more than the whole query budget. Exact cosine over a few thousand 384-dimension
vectors takes about a millisecond. The file sits inside the Chroma folder, beside Chroma's own
segment folders, so deleting the store, its segments, or moving it aside removes the copy too;
it is replaced atomically.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.adapters.chroma_store import chunk_from_record
from assistant.contracts import Chunk, IndexManifest

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from chromadb.api import ClientAPI

    from assistant.ports import Embedder


def snapshot_path(home: Path) -> Path:
    """Where the snapshot of the embedded store lives."""
    return home / "chroma" / "poems_snapshot" / "index.npz"


@dataclass(frozen=True)
class Snapshot:
    """The active index as the query path needs it."""

    manifest: IndexManifest
    chunks: tuple[Chunk, ...]
    vectors: npt.NDArray[np.float32]
    kinds: tuple[str, ...]


def write_snapshot(client: ClientAPI, manifest: IndexManifest, path: Path) -> None:
    """Copy the collection named by `manifest` (documents, metadata, vectors) into `path`."""
    import numpy as np

    got = client.get_collection(manifest.collection).get(
        include=["documents", "metadatas", "embeddings"]
    )
    embeddings: Any = got["embeddings"] if got["embeddings"] is not None else []
    rows = sorted(
        zip(got["documents"] or [], got["metadatas"] or [], embeddings, strict=True),
        key=lambda r: str(r[1]["chunk_id"]),
    )
    chunks = [chunk_from_record(doc, dict(meta)).model_dump(mode="json") for doc, meta, _ in rows]
    meta = json.dumps({"manifest": manifest.model_dump(mode="json"), "chunks": chunks})
    vectors = np.asarray([vec for _, _, vec in rows], dtype=np.float32).reshape(len(rows), -1)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{uuid.uuid4().hex[:8]}.{path.name}")
    try:
        with tmp.open("wb") as handle:
            np.savez(handle, vectors=vectors, meta=np.frombuffer(meta.encode(), dtype=np.uint8))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def read_snapshot(path: Path) -> Snapshot | None:
    """The snapshot at `path`, or None when there is none (read once per file version)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return _load(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _load(path: Path, mtime_ns: int, size: int) -> Snapshot | None:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            meta: dict[str, Any] = json.loads(data["meta"].tobytes())
            vectors = data["vectors"]
    except (OSError, ValueError, KeyError):
        return None  # unreadable: the caller falls back to Chroma and writes a new one
    chunks = tuple(Chunk.model_validate(c) for c in meta["chunks"])
    return Snapshot(
        manifest=IndexManifest.model_validate(meta["manifest"]),
        chunks=chunks,
        vectors=vectors,
        kinds=tuple(c.kind for c in chunks),
    )


class SnapshotDense:
    """DenseIndex over a snapshot: exact cosine (vectors are L2-normalised)."""

    def __init__(self, snapshot: Snapshot, embedder: Embedder) -> None:
        self._snapshot = snapshot
        self._embedder = embedder

    def nearest(self, query: str, n: int, kind: str | None = None) -> list[str]:
        """Chunk ids of the `n` nearest chunks (of one kind when given), best first."""
        import numpy as np

        snap = self._snapshot
        if not snap.chunks:
            return []
        query_vector = np.asarray(self._embedder.embed_query(query), dtype=np.float32)
        scores = snap.vectors @ query_vector
        if kind is not None:
            scores = np.where(np.asarray(snap.kinds) == kind, scores, -np.inf)
        order = np.argsort(-scores, kind="stable")[:n]
        return [snap.chunks[int(i)].chunk_id for i in order if np.isfinite(scores[int(i)])]

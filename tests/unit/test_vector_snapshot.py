"""The index snapshot: written from a collection, read back, and searched by exact cosine."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from assistant.adapters.chroma_store import chunk_metadata, document_text
from assistant.adapters.vector_snapshot import (
    SnapshotDense,
    read_snapshot,
    snapshot_path,
    write_snapshot,
)
from assistant.contracts import Chunk, IndexManifest
from tests.fakes import FakeEmbedder

TEXTS = {
    "kc-00000001": ("guideline", "radiation dose 40-50 Gy for a solitary lesion"),
    "kc-00000002": ("guideline", "lenalidomide and dexamethasone for disseminated disease"),
    "kc-00000003": ("user", "radiation dose notes from a local protocol"),
}


def _chunk(cid: str, kind: str, text: str) -> Chunk:
    return Chunk(
        chunk_id=cid,
        text=text,
        source_id="s1" if kind == "guideline" else "user-doc",
        title="Title",
        section_id=f"sec-{cid[-1]}",
        heading="Heading",
        page=None,
        lang="en",
        cites=("a2021",),
        kind=kind,  # type: ignore[arg-type]
        version="v1",
        position=int(cid[-1]),
    )


class _Collection:
    def __init__(self, chunks: list[Chunk], embedder: FakeEmbedder) -> None:
        self._chunks = chunks
        self._embedder = embedder

    def get(self, include: list[str]) -> dict[str, Any]:
        docs = [document_text(c) for c in reversed(self._chunks)]  # store order is arbitrary
        return {
            "documents": docs,
            "metadatas": [chunk_metadata(c) for c in reversed(self._chunks)],
            "embeddings": self._embedder.embed_documents(docs),
        }


class _Client:
    def __init__(self, collection: _Collection) -> None:
        self.collection = collection

    def get_collection(self, name: str) -> _Collection:
        assert name == "poems_idx_test"
        return self.collection


def _manifest() -> IndexManifest:
    return IndexManifest(
        index_id="test",
        collection="poems_idx_test",
        fingerprint="f" * 16,
        knowledge_version="2026-11-24+abc",
        model="all-MiniLM-L6-v2",
        chunking={"chunk_max_chars": 1200},
        counts={"chunks": 3},
        built_at="2026-11-25T00:00:00+00:00",
    )


def _written(tmp_path: Path) -> Path:
    chunks = [_chunk(cid, kind, text) for cid, (kind, text) in TEXTS.items()]
    path = snapshot_path(tmp_path)
    write_snapshot(_Client(_Collection(chunks, FakeEmbedder())), _manifest(), path)  # type: ignore[arg-type]
    return path


def test_snapshot_round_trips_manifest_and_chunks(tmp_path: Path) -> None:
    snap = read_snapshot(_written(tmp_path))
    assert snap is not None
    assert snap.manifest == _manifest()
    assert [c.chunk_id for c in snap.chunks] == sorted(TEXTS)
    assert snap.chunks[0].text == TEXTS["kc-00000001"][1]
    assert snap.vectors.shape == (3, 64)


def test_snapshot_search_ranks_by_cosine_and_filters_kind(tmp_path: Path) -> None:
    snap = read_snapshot(_written(tmp_path))
    assert snap is not None
    dense = SnapshotDense(snap, FakeEmbedder())
    assert dense.nearest("radiation dose", 2)[0] in {"kc-00000001", "kc-00000003"}
    assert dense.nearest("radiation dose", 5, kind="guideline") == ["kc-00000001", "kc-00000002"]
    assert dense.nearest("radiation dose", 5, kind="user") == ["kc-00000003"]


def test_missing_or_damaged_snapshot_reads_as_none(tmp_path: Path) -> None:
    path = snapshot_path(tmp_path)
    assert read_snapshot(path) is None
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not an npz file")
    assert read_snapshot(path) is None


def test_snapshot_lives_inside_the_chroma_folder(tmp_path: Path) -> None:
    """Removing the store (or moving it aside after damage) removes the copy with it."""
    assert snapshot_path(tmp_path).is_relative_to(tmp_path / "chroma")
    assert snapshot_path(tmp_path).parent != tmp_path / "chroma"  # a folder, like Chroma's


def test_bm25_loads_without_scipy_and_ranks() -> None:
    code = (
        "import sys; from assistant.retrieval import _Bm25; from tests.unit.test_vector_snapshot"
        " import _chunk, TEXTS;"
        "b = _Bm25([_chunk(k, 'guideline', t) for k, (_, t) in TEXTS.items()], 'en');"
        "print('scipy' in sys.modules, *sorted(b.search('radiation dose', 3)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "kc-00000001", "kc-00000003"]

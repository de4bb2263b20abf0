"""Ports: the protocols the core and the service depend on, implemented by adapters and fakes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Embedder(Protocol):
    """Turns text into vectors (langchain's Embeddings interface)."""

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Vectors for many documents."""
        ...

    def embed_query(self, text: str) -> list[float]:
        """Vector for one query."""
        ...


class DenseIndex(Protocol):
    """Nearest-neighbour search over the indexed chunks."""

    def nearest(self, query: str, n: int, kind: str | None = None) -> Sequence[str]:
        """Chunk ids of the `n` nearest chunks (of one kind when given), best first."""
        ...

"""Deterministic fakes implementing the ports (no model, no store)."""

from __future__ import annotations

import hashlib
import math
import re


class FakeEmbedder:
    """Hashed bag-of-words vectors: same text, same vector; shared words, closer vectors."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim

    def _vec(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


class ListDense:
    """DenseIndex returning a fixed ranking, recording the queries it saw."""

    def __init__(self, ranking: list[str]) -> None:
        self.ranking = ranking
        self.queries: list[str] = []

    def nearest(self, query: str, n: int, kind: str | None = None) -> list[str]:
        self.queries.append(query)
        return self.ranking[:n]

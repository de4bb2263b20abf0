"""Hybrid retrieval: dense (Chroma) and BM25 (bm25s, stemmed per language) fused by RRF.

Passages in the query's language are preferred; when the bundled guideline has a section in
both languages, only the query-language version is kept.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any, Literal

from assistant.contracts import Chunk, Lang, Passage
from assistant.ports import DenseIndex
from assistant.settings import RetrievalSettings

Mode = Literal["hybrid", "dense", "sparse"]
Kind = Literal["guideline", "user"]
_STEMMERS = {"en": "english", "es": "spanish"}


def _import_bm25s() -> Any:
    """bm25s, kept off scipy when nothing has loaded scipy yet.

    bm25s uses scipy.sparse only when it is importable; its numpy backend gives the same
    rankings and scores (checked on the 60 gold retrieval questions in both languages) and
    saves a new process ~0.15 s of CPU importing scipy, a tenth of the `poems ask` budget.
    """
    if "bm25s" in sys.modules or "scipy.sparse" in sys.modules:
        import bm25s

        return bm25s
    sys.modules["scipy.sparse"] = None  # type: ignore[assignment]  # makes the import fail
    try:
        import bm25s
    finally:
        del sys.modules["scipy.sparse"]
    return bm25s


class _Bm25:
    """BM25 over the chunks of one language."""

    def __init__(self, chunks: Sequence[Chunk], lang: Lang) -> None:
        import Stemmer

        bm25s = _import_bm25s()

        self._bm25s = bm25s
        self._lang = lang
        self._stemmer = Stemmer.Stemmer(_STEMMERS[lang])
        self._ids = [c.chunk_id for c in chunks]
        self._model: Any = None
        if chunks:
            texts = [f"{c.title} {c.heading}\n{c.text}" for c in chunks]
            tokens = bm25s.tokenize(
                texts, stopwords=lang, stemmer=self._stemmer, show_progress=False
            )
            self._model = bm25s.BM25()
            self._model.index(tokens, show_progress=False)

    def search(self, query: str, n: int) -> list[str]:
        if self._model is None:
            return []
        tokens = self._bm25s.tokenize(
            [query],
            stopwords=self._lang,
            stemmer=self._stemmer,
            show_progress=False,
            return_ids=False,
        )
        if not tokens or not tokens[0]:
            return []
        docs, scores = self._model.retrieve(tokens, k=min(n, len(self._ids)), show_progress=False)
        return [self._ids[int(d)] for d, s in zip(docs[0], scores[0], strict=True) if s > 0]


class HybridRetriever:
    """Finds passages for a query; dense part optional (BM25-only when it is None)."""

    def __init__(
        self,
        chunks: Sequence[Chunk],
        dense: DenseIndex | None,
        settings: RetrievalSettings,
    ) -> None:
        # reading order, never id order: ids hash the knowledge version, and BM25 breaks its
        # ties by corpus position
        chunks = sorted(chunks, key=lambda c: (c.source_id, c.position, c.chunk_id))
        self._chunks = {c.chunk_id: c for c in chunks}
        self._kinds = {c.kind for c in chunks}
        self._by_section: dict[tuple[str, str], list[Chunk]] = {}
        for c in chunks:
            if c.kind == "guideline":
                self._by_section.setdefault((c.lang, c.section_id), []).append(c)
        self._dense = dense
        self._settings = settings
        self._bm25 = {
            (lang, kind): _Bm25([c for c in chunks if c.lang == lang and c.kind == kind], lang)
            for lang in ("en", "es")
            for kind in ("guideline", "user")
        }

    def section(self, lang: Lang, section_id: str) -> list[Chunk]:
        """The bundled guideline chunks of one section in one language, in reading order."""
        return list(self._by_section.get((lang, section_id), []))

    @property
    def chunks(self) -> list[Chunk]:
        """All indexed chunks."""
        return list(self._chunks.values())

    def search(
        self, query: str, lang: Lang, k: int, mode: Mode = "hybrid", kind: Kind | None = None
    ) -> list[Passage]:
        """Top-k passages for `query` asked in `lang`; `kind` limits to one kind of document,
        so that bundled-guideline results never depend on what users added."""
        n = self._settings.candidates
        kinds: tuple[Kind, ...] = (kind,) if kind else ("guideline", "user")
        if not set(kinds) & self._kinds:
            return []
        rankings: list[tuple[float, list[str]]] = []
        if mode in ("hybrid", "dense") and self._dense is not None:
            dense = [
                cid
                for cid in self._dense.nearest(query, n, kind)
                if cid in self._chunks and self._chunks[cid].kind in kinds
            ]
            rankings.append((self._settings.dense_weight, dense))
        if mode in ("hybrid", "sparse"):
            for kd in kinds:
                hits = self._bm25[(lang, kd)].search(query, n)
                rankings.append((self._settings.sparse_weight, hits))
        scores = self._fuse(rankings, lang)
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], *self._reading_order(kv[0])))
        kept = self._prefer_language([(self._chunks[cid], s) for cid, s in ranked], lang)
        return [
            Passage(chunk=c, score=round(score, 6), rank=i + 1)
            for i, (c, score) in enumerate(kept[:k])
        ]

    def _reading_order(self, cid: str) -> tuple[str, int, str]:
        """Ties go to the earlier passage in its document: chunk ids hash the knowledge
        version, so breaking ties on them made answers change whenever any knowledge file did."""
        c = self._chunks[cid]
        return (c.source_id, c.position, cid)

    def _fuse(self, rankings: list[tuple[float, list[str]]], lang: Lang) -> dict[str, float]:
        rrf_k = self._settings.rrf_k
        scores: dict[str, float] = {}
        for weight, ids in rankings:
            for rank, cid in enumerate(ids):
                if cid in self._chunks:
                    scores[cid] = scores.get(cid, 0.0) + weight / (rrf_k + rank + 1)
        bonus = self._settings.same_language_bonus
        return {
            cid: s + (bonus if self._chunks[cid].lang == lang else 0.0) for cid, s in scores.items()
        }

    def _prefer_language(
        self, ranked: list[tuple[Chunk, float]], lang: Lang
    ) -> list[tuple[Chunk, float]]:
        """Swap each other-language guideline chunk for its section's `lang` version, deduped.

        The bundled guideline is parallel, so a hit on the English text of a section is a hit
        on that section; a Spanish question gets the Spanish text of it.
        """
        out: list[tuple[Chunk, float]] = []
        seen: set[str] = set()
        for chunk, score in ranked:
            swap = [chunk]
            if chunk.kind == "guideline" and chunk.lang != lang:
                swap = self._by_section.get((lang, chunk.section_id), [chunk])
            for c in swap:
                if c.chunk_id not in seen:
                    seen.add(c.chunk_id)
                    out.append((c, score))
                    break
        return out

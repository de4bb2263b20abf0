"""HybridRetriever on synthetic chunks: fusion, language preference, parallel-section swap."""

from __future__ import annotations

from assistant.contracts import Chunk
from assistant.retrieval import HybridRetriever
from assistant.settings import RetrievalSettings
from tests.fakes import ListDense


def _chunk(cid: str, lang: str, section: str, text: str, kind: str = "guideline") -> Chunk:
    return Chunk(
        chunk_id=cid,
        text=text,
        source_id=f"guideline-{lang}/t",
        title="T",
        section_id=section,
        heading=section,
        lang=lang,
        kind=kind,
        version="v",  # type: ignore[arg-type]
    )


CHUNKS = [
    _chunk("kc-en-dose", "en", "rt-dose", "Radiation dose 40-50 Gy for limited lesions."),
    _chunk(
        "kc-es-dose", "es", "rt-dose", "Dosis de radioterapia de 40-50 Gy en lesiones limitadas."
    ),
    _chunk("kc-en-pet", "en", "monitor-pet", "PET-CT at baseline and after 3 months."),
    _chunk("kc-es-pet", "es", "monitor-pet", "PET-TC al diagnóstico y a los 3 meses."),
    _chunk("kc-user", "en", "page-1", "Institutional protocol: radiation dose 45 Gy.", "user"),
]


def test_search_sparse_only_finds_stemmed_spanish_words() -> None:
    r = HybridRetriever(CHUNKS, None, RetrievalSettings())
    hits = r.search("dosis de radioterapia", "es", 3, "sparse")
    assert hits[0].chunk.chunk_id == "kc-es-dose"
    assert all(h.chunk.lang == "es" for h in hits)


def test_search_swaps_other_language_guideline_hit_for_its_parallel_section() -> None:
    dense = ListDense(["kc-en-pet", "kc-en-dose"])
    r = HybridRetriever(CHUNKS, dense, RetrievalSettings())
    hits = r.search("seguimiento con imagen", "es", 2, "dense")
    assert [h.chunk.chunk_id for h in hits] == ["kc-es-pet", "kc-es-dose"]


def test_search_keeps_user_documents_in_another_language() -> None:
    dense = ListDense(["kc-user"])
    r = HybridRetriever(CHUNKS, dense, RetrievalSettings())
    hits = r.search("protocolo", "es", 3, "dense")
    assert hits[0].chunk.chunk_id == "kc-user"


def test_search_hybrid_fuses_both_rankings_with_ranks_from_one() -> None:
    dense = ListDense(["kc-en-pet", "kc-en-dose"])
    r = HybridRetriever(CHUNKS, dense, RetrievalSettings())
    hits = r.search("radiation dose", "en", 3)
    assert hits[0].chunk.chunk_id == "kc-en-dose"  # first in BM25, second in dense
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1))
    assert dense.queries == ["radiation dose"]


def test_search_query_with_no_known_words_returns_nothing_sparse() -> None:
    r = HybridRetriever(CHUNKS, None, RetrievalSettings())
    assert r.search("zzzz qqqq", "en", 5, "sparse") == []


def test_fusion_ties_follow_reading_order_not_chunk_ids() -> None:
    """A fused tie (a guideline and a user passage both first in their own BM25 ranking) goes
    the same way whatever the ids, which hash the knowledge version."""

    def chunks(first: str, second: str) -> list[Chunk]:
        return [
            _chunk(first, "en", "rt-dose", "Radiation dose 40-50 Gy for limited lesions."),
            _chunk(second, "en", "page-1", "Protocol: radiation dose 45 Gy.", "user").model_copy(
                update={"source_id": "user-1"}
            ),
        ]

    orders = []
    for ids in (("kc-aaaa", "kc-zzzz"), ("kc-zzzz", "kc-aaaa")):
        r = HybridRetriever(chunks(*ids), None, RetrievalSettings())
        hits = r.search("radiation dose", "en", 2, "sparse")
        assert hits[0].score == hits[1].score  # a real tie
        orders.append([h.chunk.section_id for h in hits])
    assert orders[0] == orders[1]

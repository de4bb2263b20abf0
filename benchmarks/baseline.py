"""A plain LangChain RAG baseline beside the assistant, on the same gold questions.

Baseline: RecursiveCharacterTextSplitter over the raw guideline files, Chroma, dense similarity
search with the same embedding model; its "answer" is the top-5 passages joined (what a minimal
RAG hands the reader or a model). Compared: retrieval recall@5 and key-fact recall of the
rubric facts, and latency.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.contracts import Answer
from assistant.knowledge import guideline_files
from assistant.service import Assistant
from benchmarks.common import summary_ms
from evals.retrieval import GOLD_DIR, load_cases
from evals.rubric import Criterion
from ingest.chunking import parse_markdown


def _sections_of(text: str, sections: dict[str, str]) -> set[str]:
    """Section ids whose text overlaps a baseline chunk (by a shared 60-character span)."""
    probe = text.strip()[:60]
    hits = {sid for sid, body in sections.items() if probe and probe in body}
    return hits or {sid for sid, body in sections.items() if text.strip()[-60:] in body}


def build_baseline(service: Assistant, folder: Path) -> tuple[Any, dict[str, str]]:
    """Split, embed and index the raw guideline files the plain way."""
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=100)
    texts, metas, sections = [], [], {}
    for f in guideline_files(service.settings.knowledge_dir):
        for sec in parse_markdown(f.text, f.topic)[1]:
            sections[f"{f.lang}:{sec.section_id}"] = sec.text
        for piece in splitter.split_text(f.text):
            texts.append(piece)
            metas.append({"lang": f.lang})
    import chromadb

    from assistant.adapters.chroma_store import _chroma_settings

    client = chromadb.PersistentClient(path=str(folder), settings=_chroma_settings())
    store = Chroma(
        client=client,
        collection_name="baseline",
        embedding_function=service.embeddings(),
        collection_metadata={"hnsw:space": "cosine"},
    )
    store.add_texts(texts, metadatas=metas)
    return store, sections


def run(service: Assistant) -> dict[str, Any]:
    """Recall@5, key-fact recall and latency for the baseline and the assistant."""
    questions = [
        json.loads(x) for x in (GOLD_DIR / "questions.jsonl").read_text().splitlines() if x.strip()
    ]
    answered = [q for q in questions if not q["refused"]]
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        store, sections = build_baseline(service, Path(tmp))
        build_s = time.perf_counter() - start
        cases = load_cases()
        base_hits, base_times = [], []
        for c in cases:
            t0 = time.perf_counter()
            docs = store.similarity_search(c.question, k=5)
            base_times.append(time.perf_counter() - t0)
            found = set().union(*(_sections_of(d.page_content, sections) for d in docs))
            base_hits.append(any(f"{c.lang}:{s}" in found for s in c.sections))
        ours_hits = [
            any(
                p.chunk.section_id in c.sections
                for p in service.search(c.question, k=5, lang=c.lang)
            )
            for c in cases
        ]
        base_facts = ours_facts = total = 0
        base_ask, ours_ask = [], []
        for q in answered:
            positives = [Criterion(**r) for r in q["rubric"] if r["points"] > 0]
            t0 = time.perf_counter()
            text = "\n\n".join(d.page_content for d in store.similarity_search(q["question"], k=5))
            base_ask.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            ours = service.ask(q["question"])
            ours_ask.append(time.perf_counter() - t0)
            pseudo = Answer(
                text=text, lang=q["lang"], intent="", citations=(), knowledge_version=""
            )
            base_facts += sum(c.met(pseudo) for c in positives)
            ours_facts += sum(c.met(ours) for c in positives)
            total += len(positives)
    return {
        "baseline_index_build_s": round(build_s, 2),
        "recall_at_5": {
            "assistant": round(sum(ours_hits) / len(cases), 4),
            "baseline": round(sum(base_hits) / len(cases), 4),
        },
        "key_fact_recall": {
            "assistant": round(ours_facts / total, 4),
            "baseline": round(base_facts / total, 4),
        },
        "latency": {"assistant_ask": summary_ms(ours_ask), "baseline_search": summary_ms(base_ask)},
    }

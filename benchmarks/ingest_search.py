"""Index build of the bundled corpus, 100-page PDF ingestion, warm search latency."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from assistant.service import Assistant
from assistant.settings import Settings
from benchmarks.common import summary_ms, timed
from evals.retrieval import GOLD_DIR, load_cases


def load_questions() -> list[dict[str, Any]]:
    """The gold chat questions."""
    lines = (GOLD_DIR / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def make_pages_pdf(path: Path, pages: int) -> Path:
    """A generated PDF of `pages` pages of guideline-like text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=10)
    para = (
        "Page {n}. Patients with POEMS syndrome need follow-up of VEGF, nerve conduction and "
        "FDG PET-CT. Radiation of 40-50 Gy treats limited bone lesions; disseminated disease "
        "needs systemic therapy such as lenalidomide with dexamethasone or high-dose melphalan "
        "with autologous transplantation. Antiplatelet prophylaxis is advised for all. "
    )
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.multi_cell(0, 5, para.format(n=n) * 4)
    pdf.output(str(path))
    return path


def run() -> dict[str, Any]:
    """Run the ingestion and search benchmarks in a fresh POEMS_HOME."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        service = Assistant(Settings(home=home / "home"))
        load_s, _ = timed(service.embeddings)
        build_s, manifest = timed(lambda: service.index(rebuild=True))
        pdf = make_pages_pdf(home / "hundred.pdf", 100)
        pdf_s, with_pdf = timed(lambda: service.index([pdf]))
        big = make_pages_pdf(home / "five-hundred.pdf", 500)
        big_s, _ = timed(lambda: service.index([big]))
        cases = load_cases()
        service.search("warm up")
        times = [timed(lambda c=c: service.search(c.question, lang=c.lang))[0] for c in cases]
        questions = load_questions()
        service.ask("warm up the chat layer about POEMS")
        ask_times = [timed(lambda q=q: service.ask(q["question"]))[0] for q in questions]
        pdf_chunks = with_pdf.counts["chunks"] - manifest.counts["chunks"]
    return {
        "model_load_s": round(load_s, 2),
        "bundled_index_build_s": round(build_s, 2),
        "bundled_chunks": manifest.counts["chunks"],
        "pdf_100_pages_ingest_s": round(pdf_s, 2),
        "pdf_100_pages_rebuild_includes_corpus": True,
        "pdf_chunks": pdf_chunks,
        "pdf_pages_per_s": round(100 / pdf_s, 1),
        "pdf_500_pages_ingest_s": round(big_s, 2),
        "pdf_500_pages_per_s": round(500 / big_s, 1),
        "warm_search": {"queries": len(cases), **summary_ms(times)},
        "warm_ask": {"questions": len(questions), **summary_ms(ask_times)},
    }

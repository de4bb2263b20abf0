"""How cost grows: ingestion time and search latency at 1x, 10x and 50x the bundled corpus
(documents replicated as user documents), embedded store."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.service import Assistant
from assistant.settings import Settings
from benchmarks.common import summary_ms
from evals.retrieval import load_cases


def _replicas(folder: Path, knowledge: Path, copies: int) -> list[Path]:
    """`copies - 1` extra copies of every guideline file, each made unique by a header line."""
    out = []
    for n in range(1, copies):
        for src in sorted((knowledge / "guideline").rglob("*.md")):
            dest = folder / f"copy{n:03d}-{src.parent.name}-{src.name}"
            dest.write_text(f"<!-- replica {n} -->\n" + src.read_text(encoding="utf-8"))
            out.append(dest)
    return out


def run(factors: tuple[int, ...] = (1, 10, 50)) -> list[dict[str, Any]]:
    """Build an index at each size and time it and its searches."""
    rows = []
    cases = load_cases()[:20]
    for factor in factors:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(home=Path(tmp) / "home")
            service = Assistant(settings)
            service.embeddings()
            docs = _replicas(Path(tmp), settings.knowledge_dir, factor)
            start = time.perf_counter()
            manifest = service.index(docs, rebuild=True)
            build = time.perf_counter() - start
            service.search("warm up")
            times = []
            for c in cases:
                t0 = time.perf_counter()
                service.search(c.question, lang=c.lang)
                times.append(time.perf_counter() - t0)
            rows.append(
                {
                    "factor": factor,
                    "chunks": manifest.counts["chunks"],
                    "ingest_s": round(build, 1),
                    "chunks_per_s": round(manifest.counts["chunks"] / build, 1),
                    "search": summary_ms(times),
                }
            )
    return rows

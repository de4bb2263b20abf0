"""Run every benchmark, print a table, and save JSON: `python -m benchmarks.run [--quick]`.

--quick skips the 50x scale point (several minutes of embedding on 2 cores).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from assistant.adapters.st_embedder import force_offline
from benchmarks import baseline, cold_start, ingest_search, memory, scale
from benchmarks.common import machine, save, table


def _rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    ing, cold, ask, base = (
        r["ingest_search"],
        r["plan_cold_start"],
        r["ask_cold_start"],
        r["baseline"],
    )
    rows = [
        ("poems plan cold start p50 / p95 (ms)", f"{cold['p50_ms']} / {cold['p95_ms']}"),
        ("poems ask cold start p50 (ms)", str(ask["p50_ms"])),
        (
            "bundled index build (s)",
            f"{ing['bundled_index_build_s']} ({ing['bundled_chunks']} chunks)",
        ),
        (
            "100-page PDF ingest (s, pages/s)",
            f"{ing['pdf_100_pages_ingest_s']} ({ing['pdf_pages_per_s']})",
        ),
        (
            "500-page PDF ingest (s, pages/s)",
            f"{ing['pdf_500_pages_ingest_s']} ({ing['pdf_500_pages_per_s']})",
        ),
        (
            "warm search p50 / p95 (ms)",
            f"{ing['warm_search']['p50_ms']} / {ing['warm_search']['p95_ms']}",
        ),
        ("warm ask p50 / p95 (ms)", f"{ing['warm_ask']['p50_ms']} / {ing['warm_ask']['p95_ms']}"),
        ("app peak memory (MiB)", str(r["memory"]["app_peak_rss_mib"])),
        (
            "recall@5 assistant / plain RAG",
            f"{base['recall_at_5']['assistant']} / {base['recall_at_5']['baseline']}",
        ),
        (
            "key-fact recall assistant / plain RAG",
            f"{base['key_fact_recall']['assistant']} / {base['key_fact_recall']['baseline']}",
        ),
        (
            "latency p95 ms: ask / plain RAG search",
            f"{base['latency']['assistant_ask']['p95_ms']}"
            f" / {base['latency']['baseline_search']['p95_ms']}",
        ),
    ]
    for s in r["scale"]:
        rows.append(
            (
                f"scale {s['factor']}x: ingest s ({s['chunks']} chunks)",
                f"{s['ingest_s']} ({s['chunks_per_s']} chunks/s); search p50/p95 "
                f"{s['search']['p50_ms']}/{s['search']['p95_ms']} ms",
            )
        )
    return rows


def main() -> int:
    """Run, print and save."""
    force_offline()
    quick = "--quick" in sys.argv
    from assistant.service import Assistant
    from assistant.settings import Settings

    results: dict[str, Any] = {"machine": machine(), "plan_cold_start": cold_start.run()}
    results["ingest_search"] = ingest_search.run()
    with tempfile.TemporaryDirectory() as tmp:
        service = Assistant(Settings(home=Path(tmp)))
        service.ensure_index()
        results["baseline"] = baseline.run(service)
    results["ask_cold_start"] = cold_start.run_ask()
    results["memory"] = memory.run()
    results["scale"] = scale.run((1, 10) if quick else (1, 10, 50))
    print(table(_rows(results)))
    print(f"\nsaved {save('latest', results)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

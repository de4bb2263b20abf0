"""Run every benchmark, print a table, and save JSON: `python -m benchmarks.run [--quick]`.

--quick skips the 50x scale point (several minutes of embedding on 2 cores); --startup runs
only the new-process timings of plan, ask, search and chat and the warm ask latency.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from assistant.adapters.st_embedder import force_offline
from benchmarks import baseline, cold_start, ingest_search, memory, scale
from benchmarks.common import machine, save, table


def startup_rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    """New-process medians against their bars, and the warm ask latency."""
    rows = [
        (
            f"poems {name.replace('_', ' ')} from a new process, median of {v['runs']} (s)",
            f"{v['median_s']}  (p95 {v['p95_ms'] / 1000:.2f}; CPU {v['cpu_median_s']};"
            f" bar <= {v['bar_s']})",
        )
        for name, v in r["startup"].items()
    ]
    warm = r["warm_ask"]
    rows.append(("warm ask p50 / p95 (ms; bar p95 <= 150)", f"{warm['p50_ms']} / {warm['p95_ms']}"))
    rows.append(("1-minute load average during the run", r["load_average"]))
    return rows


def _rows(r: dict[str, Any]) -> list[tuple[str, str]]:
    ing, base = r["ingest_search"], r["baseline"]
    rows = [
        *startup_rows({**r, "warm_ask": ing["warm_ask"]}),
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


def _warm_ask() -> dict[str, Any]:
    """Warm `ask` latency over the gold questions in one process (index built first)."""
    from assistant.service import Assistant
    from assistant.settings import Settings
    from benchmarks.common import summary_ms, timed

    with tempfile.TemporaryDirectory() as tmp:
        service = Assistant(Settings(home=Path(tmp)))
        service.ensure_index()
        questions = ingest_search.load_questions()
        service.ask("warm up the chat layer about POEMS")
        times = [timed(lambda q=q: service.ask(q["question"]))[0] for q in questions]
    return {"questions": len(questions), **summary_ms(times)}


def main() -> int:
    """Run, print and save."""
    force_offline()
    quick = "--quick" in sys.argv
    from assistant.service import Assistant
    from assistant.settings import Settings

    results: dict[str, Any] = {"machine": machine(), "startup": cold_start.run()}
    results["load_average"] = cold_start.load_average()
    if "--startup" in sys.argv:
        results["warm_ask"] = _warm_ask()
        print(table(startup_rows(results)))
        print(f"\nsaved {save('startup', results)}", file=sys.stderr)
        return 0
    results["ingest_search"] = ingest_search.run()
    with tempfile.TemporaryDirectory() as tmp:
        service = Assistant(Settings(home=Path(tmp)))
        service.ensure_index()
        results["baseline"] = baseline.run(service)
    results["memory"] = memory.run()
    results["scale"] = scale.run((1, 10) if quick else (1, 10, 50))
    print(table(_rows(results)))
    print(f"\nsaved {save('latest', results)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

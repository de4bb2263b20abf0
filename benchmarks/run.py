"""Run every benchmark, print a table, and save JSON: `python -m benchmarks.run`."""

from __future__ import annotations

import json
import sys

from assistant.adapters.st_embedder import force_offline
from benchmarks import cold_start, ingest_search
from benchmarks.common import machine, save, table


def main() -> int:
    """Run, print and save."""
    force_offline()
    results = {
        "machine": machine(),
        "plan_cold_start": cold_start.run(),
        "ingest_search": ingest_search.run(),
    }
    ingest = results["ingest_search"]
    cold = results["plan_cold_start"]
    rows = [
        ("poems plan cold start p50 (ms)", str(cold["p50_ms"])),
        ("poems plan cold start p95 (ms)", str(cold["p95_ms"])),
        ("embedding model load (s)", str(ingest["model_load_s"])),
        (
            "bundled index build (s)",
            f"{ingest['bundled_index_build_s']} ({ingest['bundled_chunks']} chunks)",
        ),
        (
            "100-page PDF ingest (s)",
            f"{ingest['pdf_100_pages_ingest_s']} "
            f"({ingest['pdf_pages_per_s']} pages/s, whole index rebuilt)",
        ),
        ("warm search p50 (ms)", str(ingest["warm_search"]["p50_ms"])),
        ("warm search p95 (ms)", str(ingest["warm_search"]["p95_ms"])),
        ("warm ask p50 (ms)", str(ingest["warm_ask"]["p50_ms"])),
        ("warm ask p95 (ms)", str(ingest["warm_ask"]["p95_ms"])),
    ]
    print(table(rows))
    path = save("latest", results)
    print(f"\nsaved {path}", file=sys.stderr)
    json.dumps(results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

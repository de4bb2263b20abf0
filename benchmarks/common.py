"""Helpers shared by benchmarks: timing, percentiles, tables, machine description."""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds taken by one call, and its result."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def summary_ms(values: list[float]) -> dict[str, float]:
    """p50/p95/mean in milliseconds of durations given in seconds."""
    ms = [v * 1000 for v in values]
    return {
        "p50_ms": round(percentile(ms, 50), 2),
        "p95_ms": round(percentile(ms, 95), 2),
        "mean_ms": round(statistics.mean(ms), 2),
    }


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    return {
        "python": platform.python_version(),
        "cpu_count": str(os.cpu_count()),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
    }


def table(rows: list[tuple[str, str]]) -> str:
    """Two-column plain table."""
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def save(name: str, data: dict[str, Any]) -> Path:
    """Write results JSON under benchmarks/results/."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False))
    return path

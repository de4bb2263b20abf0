"""Cold start of `poems plan` (a new process each time): the rule core must stay light."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.common import summary_ms

ROOT = Path(__file__).resolve().parent.parent


def run_ask(repeats: int = 3) -> dict[str, Any]:
    """Time `poems ask QUESTION --json` in fresh processes (index already built)."""
    exe = Path(sys.executable).parent / "poems"
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "ask", "What is the radiation dose?", "--json"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return {"runs": repeats, **summary_ms(times)}


def run(repeats: int = 10) -> dict[str, Any]:
    """Time `poems plan CASE --json` in fresh processes."""
    exe = Path(sys.executable).parent / "poems"
    case = ROOT / "examples" / "case-localized.json"
    times: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [str(exe), "plan", str(case), "--today", "2026-11-24", "--json"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return {"runs": repeats, **summary_ms(times)}

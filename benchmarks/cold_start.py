"""Commands from a new process (the way a clinician runs them), warm index, median of 5.

Bars (issue #15, DESIGN §7): `poems ask`, `poems search` and the first `poems chat` answer
<= 1.5 s; `poems plan` <= 0.5 s. Each command runs in a fresh interpreter against an index that
was built (and whose query model was exported) beforehand, in a temporary POEMS_HOME.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import summary_ms

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "case-localized.json"
BARS_S = {"plan": 0.5, "ask": 1.5, "search": 1.5, "chat_first_answer": 1.5}


def _commands() -> dict[str, tuple[list[str], str | None]]:
    """name -> (poems arguments, stdin)."""
    return {
        "plan": (["plan", str(CASE), "--today", "2026-11-24", "--json"], None),
        "ask": (["ask", "What is the radiation dose for localized disease?", "--json"], None),
        "search": (["search", "dosis de radioterapia", "--json"], None),
        "chat_first_answer": (
            ["chat", "--jsonl"],
            "¿Cuál es la dosis de radioterapia para la enfermedad localizada?\n",
        ),
    }


def _time(args: list[str], stdin: str | None, env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds user+system) of one new `poems` process.

    CPU time barely moves when other work shares the cores; wall time is what users feel.
    """
    exe = Path(sys.executable).parent / "poems"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [str(exe), *args], input=stdin, text=True, env=env, check=True, capture_output=True
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def run(repeats: int = 5) -> dict[str, Any]:
    """Median (and p95) wall time of each command over `repeats` new processes."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "POEMS_HOME": str(Path(tmp) / "home")}
        exe = Path(sys.executable).parent / "poems"
        subprocess.run([str(exe), "index"], env=env, check=True, capture_output=True)
        results: dict[str, Any] = {}
        for name, (args, stdin) in _commands().items():
            _time(args, stdin, env)  # first run after the build also warms the page cache
            runs = [_time(args, stdin, env) for _ in range(repeats)]
            times = [wall for wall, _ in runs]
            results[name] = {
                "runs": repeats,
                "median_s": round(statistics.median(times), 2),
                "cpu_median_s": round(statistics.median(cpu for _, cpu in runs), 2),
                "bar_s": BARS_S[name],
                **summary_ms(times),
            }
    return results


def load_average() -> str:
    """The 1-minute load average: other work on the 2 cores inflates every number."""
    return f"{os.getloadavg()[0]:.2f}"

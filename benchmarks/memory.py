"""Peak memory (VmHWM) of the app process after a chat turn, measured in a fresh process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = """
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("app.py", default_timeout=300).run()
at.chat_input[0].set_value("What is the management and follow-up plan for POEMS?").run()
at.chat_input[0].set_value("62-year-old man, 2 sclerotic lesions, marrow negative").run()
for line in open("/proc/self/status"):
    if line.startswith("VmHWM"):
        print(int(line.split()[1]) // 1024)
"""


def run() -> dict[str, int]:
    """Peak resident memory in MiB of a process serving the app through two chat turns."""
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return {"app_peak_rss_mib": int(out.stdout.strip().splitlines()[-1])}

"""Commands that need no index stay light: no chromadb, torch or langchain in the process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

HEAVY = (
    "chromadb",
    "torch",
    "langchain",
    "langchain_core",
    "sentence_transformers",
    "transformers",
)
CASE = PROJECT_ROOT / "examples" / "case-localized.json"

PROBE = """
import atexit, sys
WATCH = set(sys.argv[1].split(','))
def _report():
    heavy = sorted({m.split('.')[0] for m in sys.modules} & WATCH)
    sys.stderr.write('HEAVY=' + ','.join(heavy) + '\\n')
atexit.register(_report)
sys.argv = ['poems', *sys.argv[2:]]
from assistant.cli import main
main()
"""


def _heavy_modules_loaded(args: list[str], cwd: Path) -> list[str]:
    cmd = [sys.executable, "-c", PROBE, ",".join(HEAVY), *args]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, timeout=120)
    assert out.returncode == 0, out.stderr
    line = [ln for ln in out.stderr.splitlines() if ln.startswith("HEAVY=")][-1]
    return [m for m in line.removeprefix("HEAVY=").split(",") if m]


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--help"], id="help"),
        pytest.param(["ask", "--help"], id="ask-help"),
        pytest.param(["plan", str(CASE), "--today", "2026-11-24", "--json"], id="plan"),
        pytest.param(["plan", str(CASE), "--today", "2026-11-24", "--lang", "es"], id="plan-es"),
        pytest.param(["schema", "case"], id="schema"),
        pytest.param(["schema", "answer"], id="schema-answer"),
        pytest.param(["handout", str(CASE), "--lang", "es", "--out", "h.md"], id="handout"),
    ],
)
def test_light_command_imports_no_heavy_library(args: list[str], tmp_path: Path) -> None:
    assert _heavy_modules_loaded(args, tmp_path) == []


def test_probe_sees_a_heavy_import(tmp_path: Path) -> None:
    """The probe itself works: a command that loads chromadb is reported."""
    code = "import chromadb"
    cmd = [sys.executable, "-c", PROBE.replace("from assistant.cli import main\nmain()", code)]
    out = subprocess.run([*cmd, ",".join(HEAVY)], capture_output=True, text=True, cwd=tmp_path)
    assert "HEAVY=chromadb" in out.stderr

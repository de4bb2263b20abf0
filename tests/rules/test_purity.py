"""The rule core is pure: no I/O, no clock, no randomness, nothing heavy imported."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

RULES = sorted((PROJECT_ROOT / "assistant" / "rules").glob("*.py"))
FORBIDDEN_MODULES = {
    "os",
    "pathlib",
    "io",
    "random",
    "time",
    "socket",
    "logging",
    "subprocess",
    "shutil",
    "tomllib",
    "json",
    "torch",
    "langchain",
    "langchain_core",
    "chromadb",
    "streamlit",
    "sentence_transformers",
    "bm25s",
    "requests",
    "urllib",
}
FORBIDDEN_CALLS = {"open", "print", "input", "now", "today", "utcnow", "getenv"}


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_rule_module_imports_nothing_impure(path: Path) -> None:
    tree = ast.parse(path.read_text())
    assert _imports(tree) & FORBIDDEN_MODULES == set()


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_rule_module_calls_no_io_or_clock(path: Path) -> None:
    calls = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call):
            func = node.func
            calls.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    assert calls & FORBIDDEN_CALLS == set()


def test_importing_rule_core_loads_no_heavy_library() -> None:
    code = (
        "import sys, assistant.rules, assistant.rulebook, assistant.render, assistant.case_io;"
        "heavy = [m for m in ('torch', 'langchain_core', 'chromadb', 'streamlit',"
        " 'sentence_transformers', 'transformers', 'bm25s') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""

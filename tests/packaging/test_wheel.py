"""The wheel alone is enough: built, installed into a fresh venv, run from an empty folder.

The fresh venv sees the already-installed dependencies through a .pth line (no download, no
editable checkout on its path), and the wheel itself is installed with `--no-deps`, so the test
proves what the wheel contains: code, knowledge, gold sets, thresholds and the Streamlit app.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT

pytestmark = pytest.mark.slow

IGNORE = shutil.ignore_patterns(
    ".git", ".venv", ".poems", "build", "*.egg-info", "__pycache__", "reports", "results", ".*cache"
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built from a copy of the checkout (the build leaves nothing in the tree)."""
    src = tmp_path_factory.mktemp("src") / "project"
    shutil.copytree(PROJECT_ROOT, src, symlinks=True, ignore=IGNORE)
    out = tmp_path_factory.mktemp("dist")
    cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
    subprocess.run([*cmd, "-w", str(out), str(src)], check=True, capture_output=True)
    return next(out.glob("poems_assistant-*.whl"))


def test_wheel_carries_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        "assistant/_data/app.py",
        "assistant/_data/knowledge/sources.toml",
        "assistant/_data/knowledge/guideline/es/01-criteria.md",
        "evals/thresholds.toml",
        "evals/gold/questions.jsonl",
        "assistant/py.typed",
    }
    assert expected <= names, expected - names
    rules = {n for n in names if n.startswith("assistant/_data/knowledge/rules/")}
    assert len(rules) == len(list((PROJECT_ROOT / "knowledge" / "rules").glob("*.toml")))


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel installed; dependencies come from this interpreter's venv."""
    root = tmp_path_factory.mktemp("venv") / "v"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "shared-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "-q"]
    # --ignore-installed: the editable install of this checkout is visible through the .pth
    # line and has the same version; without it pip may call the wheel "already satisfied".
    subprocess.run([*pip, "--ignore-installed", str(wheel)], check=True, capture_output=True)
    assert list(Path(purelib).glob("poems_assistant-*.dist-info")), "the wheel was not installed"
    return root


def _poems(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("POEMS_", "PYTHONPATH"))}
    env |= {"HOME": str(cwd / "home"), "XDG_DATA_HOME": str(cwd / "data")}
    return subprocess.run(
        [str(venv / "bin" / "poems"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_installed_wheel_runs_plan_ask_and_app_from_an_empty_folder(
    venv: Path, tmp_path: Path
) -> None:
    work = tmp_path / "empty"
    work.mkdir()
    case = work / "case.json"
    shutil.copy(PROJECT_ROOT / "examples" / "case-localized.json", case)

    plan = _poems(venv, work, "plan", "case.json", "--today", "2026-11-24", "--json")
    assert plan.returncode == 0, plan.stderr
    assert json.loads(plan.stdout)["stratification"]["status"] == "localized"

    ask = _poems(venv, work, "ask", "What is the radiation dose?", "--json")
    assert ask.returncode == 0, ask.stderr
    answer = json.loads(ask.stdout)
    assert "Gy" in answer["text"] and answer["citations"]
    home = work / "data" / "poems-assistant"
    assert (home / "chroma" / "chroma.sqlite3").exists()  # the user data folder, not the CWD
    assert not (work / ".poems").exists()

    app = _poems(venv, work, "app", "--help")
    assert app.returncode == 0 and "Streamlit" in app.stdout


def test_installed_wheel_imports_assistant_from_the_venv(venv: Path, tmp_path: Path) -> None:
    code = "import assistant, evals.run; print(assistant.__file__); print(evals.run.THRESHOLDS)"
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code],
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
        capture_output=True,
        text=True,
        check=True,
    )
    module, thresholds = out.stdout.split()
    assert module.startswith(str(venv)) and Path(thresholds).exists()

"""Test setup: offline everywhere, POEMS_HOME in a temp folder, one real index per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.adapters.st_embedder import OFFLINE_ENV
from assistant.settings import PROJECT_ROOT, Settings

for _key, _value in OFFLINE_ENV.items():
    os.environ[_key] = _value
os.environ["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own POEMS_HOME and no stray POEMS_* settings."""
    for key in list(os.environ):
        if key.startswith("POEMS_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("POEMS_HOME", str(tmp_path / "poems-home"))


@pytest.fixture(scope="session")
def built_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings of a real index of the bundled corpus, built once for the session (read-only)."""
    from assistant.service import Assistant

    settings = Settings(home=tmp_path_factory.mktemp("built-home"))
    Assistant(settings).ensure_index()
    return settings


@pytest.fixture(scope="session")
def built_service(built_settings: Settings) -> Iterator[object]:
    """A service over the session index (real Chroma, real embeddings)."""
    from assistant.service import Assistant

    yield Assistant(built_settings)


@pytest.fixture
def small_knowledge(tmp_path: Path) -> Path:
    """A copy of the knowledge folder reduced to two topics, for fast real builds."""
    dest = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dest)
    keep = {"06-radiation.md", "11-supportive.md"}
    for lang in ("en", "es"):
        for path in (dest / "guideline" / lang).glob("*.md"):
            if path.name not in keep:
                path.unlink()
    return dest


def make_pdf(path: Path, pages: list[str], title: str | None = None) -> Path:
    """A real PDF with one text block per page (core font, latin-1 text)."""
    from fpdf import FPDF

    pdf = FPDF()
    if title:
        pdf.set_title(title)
    pdf.set_font("helvetica", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    pdf.output(str(path))
    return path

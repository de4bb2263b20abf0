"""Index builds with real Chroma and real embeddings on a two-topic knowledge copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.adapters import chroma_store
from assistant.cli import main
from assistant.errors import IndexBuildError
from assistant.service import Assistant
from assistant.settings import Settings
from tests.conftest import make_pdf

pytestmark = pytest.mark.slow


def _settings(home: Path, knowledge: Path) -> Settings:
    return Settings(home=home, knowledge_dir=knowledge)


def _index_collections(service: Assistant) -> list[str]:
    names = [c if isinstance(c, str) else c.name for c in service.client().list_collections()]
    return sorted(n for n in names if n.startswith(chroma_store.PREFIX))


def test_build_writes_manifest_and_search_works(tmp_path: Path, small_knowledge: Path) -> None:
    service = Assistant(_settings(tmp_path / "h", small_knowledge))
    manifest = service.ensure_index()
    assert manifest.counts["chunks"] == manifest.counts["lang_en"] + manifest.counts["lang_es"]
    assert manifest.model == "all-MiniLM-L6-v2"
    assert manifest.chunking == {"chunk_max_chars": 1200}
    assert _index_collections(service) == [manifest.collection]
    assert service.ensure_index().index_id == manifest.index_id  # fresh: no rebuild
    assert "Gy" in service.search("radiation dose", k=1)[0].chunk.text


class _Exploding:
    """Embeddings that fail after the first batch, like a crash mid-build."""

    def __init__(self, real: object) -> None:
        self.real, self.calls = real, 0

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        if self.calls > 1:
            raise RuntimeError("disk full")
        return self.real.embed_documents(texts)  # type: ignore[attr-defined, no-any-return]

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)  # type: ignore[attr-defined, no-any-return]


def test_failed_build_leaves_previous_index_answering(
    tmp_path: Path, small_knowledge: Path
) -> None:
    settings = Settings(home=tmp_path / "h", knowledge_dir=small_knowledge, index={"batch_size": 8})
    service = Assistant(settings)
    before = service.ensure_index()
    service._embeddings = _Exploding(service.embeddings())  # type: ignore[assignment]
    with pytest.raises(IndexBuildError, match="disk full; the previous index still answers"):
        service.index(rebuild=True)
    assert service.status().manifest == before
    assert _index_collections(service) == [before.collection]
    fresh = Assistant(settings)
    assert fresh.search("radiation dose", k=1)[0].chunk.section_id == "rt-dose"


def test_cli_index_bad_pdf_exits_2_and_leaves_index_untouched(
    tmp_path: Path, small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "h"
    monkeypatch.setenv("POEMS_HOME", str(home))
    monkeypatch.setenv("POEMS_KNOWLEDGE_DIR", str(small_knowledge))
    runner = CliRunner()
    first = runner.invoke(main, ["index"], catch_exceptions=False)
    assert first.exit_code == 0, first.output
    before = Assistant(_settings(home, small_knowledge)).status().manifest
    bad = tmp_path / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7 truncated \x00")
    good = make_pdf(tmp_path / "good.pdf", ["A good page about aspirin."])
    result = runner.invoke(main, ["index", str(good), str(bad)])
    assert result.exit_code == 2
    assert "Error: " in result.stderr and "broken.pdf" in result.stderr
    assert "Hint: " in result.stderr and "Traceback" not in result.stderr
    after = Assistant(_settings(home, small_knowledge))
    assert after.status().manifest == before
    assert not (home / "library").exists()


def test_user_pdf_gets_own_source_and_is_cited_with_page(
    tmp_path: Path, small_knowledge: Path
) -> None:
    pdf = make_pdf(
        tmp_path / "centre-protocol.pdf",
        ["Cover page of the protocol.", "Our centre gives zoledronate for hypercalcaemia xyzzy."],
        title="Centre POEMS protocol",
    )
    service = Assistant(_settings(tmp_path / "h", small_knowledge))
    manifest = service.index([pdf])
    (src,) = manifest.user_sources
    assert src.type == "user_document" and "Centre POEMS protocol" in src.reference
    assert "centre-protocol.pdf" in src.reference
    hit = service.search("zoledronate hypercalcaemia xyzzy", k=1)[0]
    assert hit.chunk.source_id == src.id and hit.chunk.page == 2 and hit.locator.endswith("p. 2")
    assert src.id in service.sources()
    again = service.index([pdf])
    assert again.index_id == manifest.index_id  # same file again: nothing to do
    rebuilt = service.index(rebuild=True)  # library copy is kept and re-indexed
    assert [s.id for s in rebuilt.user_sources] == [src.id]
    assert rebuilt.user_sources[0].reference == src.reference


def test_stale_index_rebuilt_on_first_use_after_knowledge_change(
    tmp_path: Path, small_knowledge: Path
) -> None:
    settings = _settings(tmp_path / "h", small_knowledge)
    first = Assistant(settings).ensure_index()
    target = small_knowledge / "guideline" / "en" / "06-radiation.md"
    target.write_text(
        target.read_text() + "\n## Boost {#rt-boost}\nA boost of 4 Gy quokka [@humeniuk2013].\n"
    )
    service = Assistant(settings)
    assert not service.status().fresh
    hit = service.search("quokka boost", k=1)[0]
    assert hit.chunk.section_id == "rt-boost"
    now = service.status().manifest
    assert now is not None and now.knowledge_version != first.knowledge_version
    assert _index_collections(service) == [now.collection]

"""One index, whatever happens (#13 items 2, 3, 11), with real Chroma and embeddings:
parallel first use, a full disk during an automatic rebuild, a store fault on an index that
still opens, a damaged library.json, and the library copy committed before the switch."""

from __future__ import annotations

import errno
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from assistant.adapters import chroma_store
from assistant.cli import main
from assistant.retrieval import HybridRetriever
from assistant.service import Assistant
from assistant.settings import PROJECT_ROOT, Settings

pytestmark = pytest.mark.slow
ASK = "import sys; from assistant.cli import main; main()"


def _env(home: Path, knowledge: Path, **extra: str) -> dict[str, str]:
    return {
        "POEMS_HOME": str(home),
        "POEMS_KNOWLEDGE_DIR": str(knowledge),
        "PYTHONPATH": str(PROJECT_ROOT),
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        **extra,
    }


def _broken(home: Path) -> list[str]:
    return sorted(p.name for p in home.iterdir() if p.name.startswith("chroma.broken"))


def test_twelve_parallel_first_uses_all_answer(tmp_path: Path) -> None:
    home, knowledge = tmp_path / "h", PROJECT_ROOT / "knowledge"  # ask needs every topic
    args = ["ask", "What is the radiation dose for a single lesion?", "--json", "--lang", "en"]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ASK, *args],
            env=_env(home, knowledge),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(12)
    ]
    outputs = [p.communicate(timeout=900) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0] * 12, [err.decode()[-800:] for _, err in outputs]
    for out, _ in outputs:
        answer = json.loads(out)
        assert answer["citations"] and not answer["refused"]
    assert _broken(home) == []
    waited = sum(b"waiting up to" in err for _, err in outputs)
    assert waited >= 1  # the others said they were waiting for the first build
    service = Assistant(Settings(home=home, knowledge_dir=knowledge))
    manifest = service.status().manifest
    assert manifest is not None
    assert chroma_store.index_collections(service.client()) == [manifest.collection]


class _Failing:
    """Embeddings whose document calls fail like a full disk (the fault-injection seam)."""

    def __init__(self, real: object) -> None:
        self.real = real

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        raise OSError(errno.ENOSPC, "No space left on device")

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)  # type: ignore[attr-defined, no-any-return]


def test_injected_enospc_in_automatic_rebuild_keeps_old_index(
    tmp_path: Path, small_knowledge: Path, caplog: pytest.LogCaptureFixture
) -> None:
    home = tmp_path / "h"
    first = Assistant(Settings(home=home, knowledge_dir=small_knowledge)).ensure_index()
    stale = Assistant(
        Settings(home=home, knowledge_dir=small_knowledge, index={"chunk_max_chars": 700})
    )
    stale._embeddings = _Failing(stale.embeddings())  # type: ignore[assignment]
    with caplog.at_level(logging.WARNING):
        hit = stale.search("radiation dose", k=1)[0]
    assert hit.chunk.section_id == "rt-dose"
    assert stale.index_warning is not None and "disk is full" in stale.index_warning
    assert "free disk space" in caplog.text
    assert stale.status().manifest == first
    assert chroma_store.index_collections(stale.client()) == [first.collection]
    assert _broken(home) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 MB tmpfs (needs root; skipped where mounting is not allowed).

    Room for the first build, including the ONNX query model (about 90 MB).
    """
    mnt = tmp_path / "disk"
    mnt.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(mnt)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mnt
    finally:
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def _fill(disk: Path) -> Path:
    filler = disk / "filler"
    with filler.open("wb", buffering=0) as handle:
        for size in (1 << 20, 1 << 16, 1 << 12, 1 << 9):
            try:
                while True:
                    handle.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    return filler


def test_full_disk_rebuild_keeps_old_index_answering(
    small_disk: Path, small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = small_disk / "h"
    first = Assistant(Settings(home=home, knowledge_dir=small_knowledge)).ensure_index()
    filler = _fill(small_disk)
    stale = Settings(home=home, knowledge_dir=small_knowledge, index={"chunk_max_chars": 700})
    service = Assistant(stale)
    hit = service.search("radiation dose", k=1)[0]
    assert hit.chunk.section_id == "rt-dose"
    assert service.index_warning is not None and "disk is full" in service.index_warning
    assert service.status().manifest == first
    assert _broken(home) == []
    monkeypatch.setenv("POEMS_HOME", str(home))
    monkeypatch.setenv("POEMS_KNOWLEDGE_DIR", str(small_knowledge))
    monkeypatch.setenv("POEMS_INDEX__CHUNK_MAX_CHARS", "700")
    result = CliRunner().invoke(main, ["index", "--rebuild"])
    assert result.exit_code == 2, (result.output, result.exception)
    assert "disk is full" in result.stderr and "free disk space" in result.stderr
    assert "Traceback" not in result.stderr
    filler.unlink()
    # Space back: the next command (a new process, as a user would run it) builds. Chroma's
    # embedded backend in this process saw ENOSPC and is not reused.
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", "from assistant.cli import main; main()", "index", "--rebuild"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert Assistant(stale).status().manifest != first  # read from the new snapshot


def test_store_fault_on_an_index_that_opens_never_moves_it(
    tmp_path: Path,
    small_knowledge: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The fault happens while another builder holds the lock: recovery waits for it first."""
    import threading
    import time

    from ingest.lock import build_lock

    home = tmp_path / "h"
    service = Assistant(Settings(home=home, knowledge_dir=small_knowledge))
    first = service.ensure_index()
    real, calls, ready = HybridRetriever.search, [], threading.Event()

    def hold_lock() -> None:
        with build_lock(home, 5):
            ready.set()
            time.sleep(1.0)

    def flaky(self: HybridRetriever, *args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            threading.Thread(target=hold_lock).start()
            ready.wait(5)
            raise RuntimeError("transient read error")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(HybridRetriever, "search", flaky)
    with caplog.at_level(logging.WARNING):
        assert service.search("radiation dose", k=1)[0].chunk.section_id == "rt-dose"
    assert "another poems process is building the index" in caplog.text  # waited first
    assert _broken(home) == []
    assert service.status().manifest == first


def _doc(tmp_path: Path, text: str = "Our centre uses zoledronate xyzzy.") -> Path:
    path = tmp_path / "centre.md"
    path.write_text(f"# Centre\n\n## Bones\n{text}\n", encoding="utf-8")
    return path


def test_damaged_library_json_reported_and_repaired_by_rebuild(
    tmp_path: Path, small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "h"
    added = Assistant(Settings(home=home, knowledge_dir=small_knowledge)).index([_doc(tmp_path)])
    (home / "library" / "library.json").write_text('[{"file": "user-', encoding="utf-8")
    monkeypatch.setenv("POEMS_HOME", str(home))
    monkeypatch.setenv("POEMS_KNOWLEDGE_DIR", str(small_knowledge))
    result = CliRunner().invoke(main, ["index", "--rebuild"])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "damaged" in result.stderr and "rebuilt it from 1 stored file(s)" in result.stderr
    manifest = Assistant(Settings(home=home, knowledge_dir=small_knowledge)).status().manifest
    assert manifest is not None
    assert [s.id for s in manifest.user_sources] == [s.id for s in added.user_sources]


def test_library_copy_committed_before_the_switch(
    tmp_path: Path, small_knowledge: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(home=tmp_path / "h", knowledge_dir=small_knowledge)
    Assistant(settings).ensure_index()
    real_switch = chroma_store.switch_manifest

    def crash_after_switch(client: object, manifest: object) -> None:
        real_switch(client, manifest)  # type: ignore[arg-type]
        raise KeyboardInterrupt("killed right after the switch")

    monkeypatch.setattr(chroma_store, "switch_manifest", crash_after_switch)
    doc = _doc(tmp_path)
    with pytest.raises(KeyboardInterrupt):
        Assistant(settings).index([doc])
    monkeypatch.setattr(chroma_store, "switch_manifest", real_switch)
    rebuilt = Assistant(settings).index(rebuild=True)
    assert [s.reference for s in rebuilt.user_sources] == ["Centre (added document: centre.md)"]


def test_file_edited_during_indexing_is_stored_as_indexed(
    tmp_path: Path, small_knowledge: Path
) -> None:
    import hashlib

    settings = Settings(home=tmp_path / "h", knowledge_dir=small_knowledge)
    doc = _doc(tmp_path, "Version A of the protocol xyzzy.")

    def edit(done: int, total: int) -> None:
        doc.write_text("# Centre\n\n## Bones\nVersion B, edited meanwhile.\n", encoding="utf-8")

    manifest = Assistant(settings).index([doc], progress=edit)
    (src,) = manifest.user_sources
    (stored,) = (tmp_path / "h" / "library").glob("user-*")
    assert src.id == f"user-{hashlib.sha256(stored.read_bytes()).hexdigest()[:10]}"
    assert b"Version A" in stored.read_bytes()

"""Faults: index folder deleted or corrupted while running, Chroma server stopped and back,
two index builds at once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.adapters import chroma_store
from assistant.errors import StoreUnavailableError
from assistant.service import Assistant
from assistant.settings import PROJECT_ROOT, Settings
from tests.retrieval.test_chroma_server import _free_port

pytestmark = pytest.mark.slow


def test_index_folder_deleted_while_running_is_rebuilt(
    tmp_path: Path, small_knowledge: Path
) -> None:
    service = Assistant(Settings(home=tmp_path / "h", knowledge_dir=small_knowledge))
    first = service.ensure_index()
    shutil.rmtree(tmp_path / "h" / "chroma")
    hit = service.search("radiation dose", k=1)[0]
    assert hit.chunk.section_id == "rt-dose"
    assert (tmp_path / "h" / "chroma" / "chroma.sqlite3").exists()
    assert service.status().manifest is not None
    assert service.status().manifest.index_id != first.index_id


def test_corrupted_index_is_moved_aside_and_rebuilt(tmp_path: Path, small_knowledge: Path) -> None:
    settings = Settings(home=tmp_path / "h", knowledge_dir=small_knowledge)
    Assistant(settings).ensure_index()
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    store = tmp_path / "h" / "chroma"
    for child in store.iterdir():
        if child.is_dir():
            shutil.rmtree(child)
    (store / "chroma.sqlite3").write_bytes(b"not a database " * 500)
    service = Assistant(settings)
    assert service.search("radiation dose", k=1)[0].chunk.section_id == "rt-dose"
    assert (tmp_path / "h" / "chroma.broken-1").exists()


def _start_server(path: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    exe = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("chroma did not start")


def test_chroma_server_stopped_gives_clear_message_then_recovers(
    tmp_path: Path, small_knowledge: Path
) -> None:
    port, data, log = _free_port(), tmp_path / "server", tmp_path / "chroma.log"
    proc = _start_server(data, port, log)
    settings = Settings(
        home=tmp_path / "h", knowledge_dir=small_knowledge, chroma_url=f"http://127.0.0.1:{port}"
    )
    service = Assistant(settings)
    try:
        assert service.search("radiation dose", k=1)[0].chunk.section_id == "rt-dose"
        proc.terminate()
        proc.wait(timeout=10)
        with pytest.raises(StoreUnavailableError) as info:
            service.search("radiation dose", k=1)
        assert "chroma run" in info.value.hint
        proc = _start_server(data, port, log)
        assert service.search("radiation dose", k=1)[0].chunk.section_id == "rt-dose"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_two_index_builds_at_once_leave_one_complete_index(
    tmp_path: Path, small_knowledge: Path
) -> None:
    env_home = tmp_path / "h"
    code = (
        "import sys; from assistant.cli import main; sys.argv=['poems','index','--rebuild']; main()"
    )
    env = {
        "POEMS_HOME": str(env_home),
        "POEMS_KNOWLEDGE_DIR": str(small_knowledge),
        "PYTHONPATH": str(PROJECT_ROOT),  # this checkout's code, not the venv's editable install
        "HF_HUB_OFFLINE": "1",
        "ANONYMIZED_TELEMETRY": "False",
        "PATH": "/usr/bin:/bin",
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    service = Assistant(Settings(home=env_home, knowledge_dir=small_knowledge))
    manifest = service.status().manifest
    assert manifest is not None
    names = [c if isinstance(c, str) else c.name for c in service.client().list_collections()]
    assert [n for n in names if n.startswith(chroma_store.PREFIX)] == [manifest.collection]
    assert chroma_store.count(service.client(), manifest.collection) == manifest.counts["chunks"]
    assert (
        json.loads(manifest.model_dump_json())["fingerprint"]
        == service.status().expected_fingerprint
    )

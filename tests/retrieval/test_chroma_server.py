"""The same index + search checks against a real `chroma run` server on loopback."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import StoreUnavailableError
from assistant.service import Assistant
from assistant.settings import Settings

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def chroma_server(tmp_path: Path) -> Iterator[str]:
    exe = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    proc = subprocess.Popen(
        [
            exe,
            "run",
            "--path",
            str(tmp_path / "server-data"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def test_server_mode_index_and_search(
    tmp_path: Path, small_knowledge: Path, chroma_server: str
) -> None:
    settings = Settings(
        home=tmp_path / "h", knowledge_dir=small_knowledge, chroma_url=chroma_server
    )
    service = Assistant(settings)
    manifest = service.ensure_index()
    assert not (tmp_path / "h" / "chroma").exists()  # nothing written to the embedded store
    hits = service.search("radiation dose for localized disease", k=3)
    assert any("40-50 Gy" in h.chunk.text for h in hits)
    es = service.search("dosis de radioterapia", k=3)
    assert es[0].chunk.lang == "es"
    other = Assistant(
        Settings(home=tmp_path / "h2", knowledge_dir=small_knowledge, chroma_url=chroma_server)
    )
    assert other.ensure_index().index_id == manifest.index_id  # a second instance shares it


def test_server_unreachable_gives_clear_error(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "h", chroma_url=f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(StoreUnavailableError, match="cannot reach the Chroma server") as info:
        Assistant(settings).ensure_index()
    assert "chroma run" in info.value.hint

"""The build lock (#13 items 2, 11): a second builder waits with a message, then proceeds or
gives up after its timeout with a hint."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import pytest

from assistant.errors import IndexBusyError
from ingest.lock import build_lock


def _hold(home: Path, seconds: float, ready: threading.Event) -> None:
    with build_lock(home, 5):
        ready.set()
        time.sleep(seconds)


def test_second_builder_waits_with_message_then_proceeds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    ready = threading.Event()
    holder = threading.Thread(target=_hold, args=(tmp_path, 0.6, ready))
    holder.start()
    ready.wait(5)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING), build_lock(tmp_path, 10):
        waited = time.monotonic() - start
    holder.join()
    assert waited >= 0.4
    assert "another poems process is building the index" in caplog.text
    assert "waiting up to 10 s" in caplog.text


def test_second_builder_gives_up_after_timeout_with_hint(tmp_path: Path) -> None:
    ready = threading.Event()
    holder = threading.Thread(target=_hold, args=(tmp_path, 1.5, ready))
    holder.start()
    ready.wait(5)
    with pytest.raises(IndexBusyError) as info, build_lock(tmp_path, 0.3):
        pass
    holder.join()
    assert "POEMS_INDEX__LOCK_TIMEOUT_S" in info.value.hint


def test_lock_is_reentrant_in_one_thread(tmp_path: Path) -> None:
    with build_lock(tmp_path, 0.2), build_lock(tmp_path, 0.2):
        pass
    with build_lock(tmp_path, 0.2):  # released: can be taken again
        pass

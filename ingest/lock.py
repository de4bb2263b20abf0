"""The build lock: one index build (or store recovery) at a time per POEMS_HOME.

An `fcntl` lock on `POEMS_HOME/build.lock`. A process that finds it held says so once and
waits up to a timeout; the lock is re-entrant within one thread so that recovery inside a build
does not wait for itself.
"""

from __future__ import annotations

import fcntl
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from assistant.errors import IndexBusyError

log = logging.getLogger(__name__)
_held = threading.local()
POLL_SECONDS = 0.2


def _try_lock(handle: IO[str]) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _wait(handle: IO[str], home: Path, timeout_s: float) -> None:
    if _try_lock(handle):
        return
    log.warning(
        "another poems process is building the index under %s; waiting up to %.0f s",
        home,
        timeout_s,
    )
    deadline = time.monotonic() + timeout_s
    while not _try_lock(handle):
        if time.monotonic() >= deadline:
            raise IndexBusyError(
                f"another process has been building the index under {home} "
                f"for more than {timeout_s:.0f} s",
                "wait for it to finish and retry, or raise POEMS_INDEX__LOCK_TIMEOUT_S",
            )
        time.sleep(POLL_SECONDS)
    log.warning("the other index build finished; continuing")


@contextmanager
def build_lock(home: Path, timeout_s: float) -> Iterator[None]:
    """Hold the build lock of `home` (waiting with a message, up to `timeout_s`)."""
    key = str(home.resolve())
    depth: dict[str, int] = getattr(_held, "depth", None) or {}
    _held.depth = depth
    if depth.get(key):
        depth[key] += 1
        try:
            yield
        finally:
            depth[key] -= 1
        return
    home.mkdir(parents=True, exist_ok=True)
    with (home / "build.lock").open("a") as handle:
        _wait(handle, home, timeout_s)
        depth[key] = 1
        try:
            yield
        finally:
            depth[key] = 0
            fcntl.flock(handle, fcntl.LOCK_UN)

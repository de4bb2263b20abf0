"""Why a build failed, in words a user can act on (disk full named as such)."""

from __future__ import annotations

import errno

_DISK_FULL_WORDS = ("no space left on device", "database or disk is full", "disk is full")


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 20:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def is_disk_full(exc: BaseException) -> bool:
    """True when the failure (or anything that caused it) is a full disk (ENOSPC)."""
    for item in _chain(exc):
        if isinstance(item, OSError) and item.errno in (errno.ENOSPC, errno.EDQUOT):
            return True
        if any(word in str(item).lower() for word in _DISK_FULL_WORDS):
            return True
    return False


def describe_failure(exc: BaseException) -> str:
    """A short reason for a failed build: "the disk is full" or the error's type and text."""
    if is_disk_full(exc):
        return "the disk is full (no space left on device)"
    text = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def failure_hint(exc: BaseException, home: object) -> str:
    """What to do about a failed build."""
    if is_disk_full(exc):
        return f"free disk space where POEMS_HOME is ({home}), then run `poems index --rebuild`"
    return "run `poems index --rebuild` (add --debug to see the cause)"


def is_missing_collection(exc: BaseException) -> bool:
    """True when a collection was deleted under us (another instance switched the index)."""
    for item in _chain(exc):
        if type(item).__name__ == "NotFoundError" or "does not exist" in str(item):
            return True
    return False

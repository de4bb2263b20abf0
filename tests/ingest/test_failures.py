"""Build failures described in words a user can act on: a full disk is named (#13 item 3)."""

from __future__ import annotations

import errno
import sqlite3

from ingest.failures import describe_failure, failure_hint, is_disk_full, is_missing_collection


def _wrapped(inner: BaseException) -> Exception:
    try:
        try:
            raise inner
        except BaseException as exc:
            raise RuntimeError("chroma add failed") from exc
    except RuntimeError as outer:
        return outer


def test_enospc_anywhere_in_the_chain_is_disk_full() -> None:
    exc = _wrapped(OSError(errno.ENOSPC, "No space left on device"))
    assert is_disk_full(exc)
    assert describe_failure(exc) == "the disk is full (no space left on device)"
    assert "free disk space" in failure_hint(exc, "/h")


def test_sqlite_full_is_disk_full() -> None:
    assert is_disk_full(_wrapped(sqlite3.OperationalError("database or disk is full")))


def test_other_failures_keep_their_type_and_text() -> None:
    exc = ValueError("bad thing\nsecond line")
    assert not is_disk_full(exc)
    assert describe_failure(exc) == "ValueError: bad thing"


def test_missing_collection_is_recognised() -> None:
    class NotFoundError(Exception):
        pass

    assert is_missing_collection(_wrapped(NotFoundError("Collection x does not exist")))
    assert not is_missing_collection(ValueError("other"))

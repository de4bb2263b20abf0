"""Writing the CLI's output files safely: check every target first, then write each atomically.

A target must be a new or regular file in an existing folder, never a symlink or a folder, and
two outputs may not name the same file. Each file is written to a unique temporary name in its
folder and renamed over the target, so a reader sees the old file or the new one, never half.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from assistant.errors import InputError


def check_targets(paths: Sequence[Path]) -> None:
    """Refuse a set of output paths before anything is written."""
    seen: dict[Path, Path] = {}
    for path in paths:
        _check_one(path)
        key = path.parent.resolve() / path.name
        if key in seen:
            raise InputError(
                f"{path} and {seen[key]} are the same file",
                "give the handout and the calendar different names",
            )
        seen[key] = path


def _check_one(path: Path) -> None:
    if path.is_symlink():
        raise InputError(
            f"{path} is a symbolic link; it is neither followed nor replaced",
            "write to a regular path (remove the link first if it is yours)",
        )
    if path.is_dir():
        raise InputError(f"{path} is a folder", "give a file name, e.g. DIR/handout.md")
    if path.exists() and not path.is_file():
        raise InputError(f"{path} is not a regular file", "give a regular file name")
    parent = path.parent
    if not parent.is_dir():
        raise InputError(f"the folder {parent} does not exist", "create it first or pick another")
    if not os.access(parent, os.W_OK):
        raise InputError(f"the folder {parent} is not writable", "pick a folder you can write")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a unique temporary file in the same folder."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.is_symlink():  # appeared since the check: still never replaced
            raise InputError(f"{path} became a symbolic link", "write to a regular path")
        tmp.replace(path)
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}", "check the folder") from exc
    finally:
        tmp.unlink(missing_ok=True)


def write_all(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Check every target, then write each (all data is produced before this is called)."""
    check_targets([path for path, _ in outputs])
    for path, data in outputs:
        write_atomic(path, data)

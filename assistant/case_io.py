"""Parse patient input (JSON text or a dict) into a PatientCase, with one message per bad field."""

from __future__ import annotations

import json
import stat
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.contracts import PatientCase
from assistant.errors import InputError

_SCHEMA_HINT = "see `poems schema case` for every field and its allowed values"
MAX_CASE_BYTES = 1_000_000  # a case is a few hundred bytes; this bounds any read
PLAUSIBLE_YEARS = 20  # a treatment start further than this from today is a typing mistake


def problems_of(exc: ValidationError) -> tuple[str, ...]:
    """One readable line per wrong field: where, what was given, what is allowed."""
    lines: list[str] = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"]) or "case"
        given = err.get("input")
        if err["type"] == "extra_forbidden":
            lines.append(f"{where}: unknown field ({_SCHEMA_HINT})")
        elif err["type"] == "value_error":
            lines.append(f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
        else:
            shown = json.dumps(given, ensure_ascii=False, default=str)
            lines.append(f"{where}: {err['msg']} (got {shown[:60]})")
    return tuple(lines)


def _accepts_bool(model: Any, key: str) -> bool:
    info = getattr(model, "model_fields", {}).get(key)
    return info is None or "bool" in str(info.annotation)


def _bool_problems(data: dict[str, Any], model: Any, where: str = "") -> list[str]:
    """JSON true/false given where a number or text is expected (pydantic would coerce it)."""
    lines: list[str] = []
    for key, value in data.items():
        info = getattr(model, "model_fields", {}).get(key)
        if isinstance(value, bool) and not _accepts_bool(model, key):
            lines.append(f"{where}{key}: expected a number or text, got {json.dumps(value)}")
        elif isinstance(value, dict) and info is not None:
            nested = next(
                (
                    a
                    for a in getattr(info.annotation, "__args__", (info.annotation,))
                    if hasattr(a, "model_fields")
                ),
                None,
            )
            if nested is not None:
                lines += _bool_problems(value, nested, f"{where}{key}.")
    return lines


def case_from_dict(data: Any, origin: str = "case") -> PatientCase:
    """Validate a mapping as a PatientCase or raise InputError listing every problem."""
    if not isinstance(data, dict):
        raise InputError(f"{origin}: a case must be a JSON object", _SCHEMA_HINT)
    booleans = _bool_problems(data, PatientCase)
    if booleans:
        raise InputError(
            f"{origin}: {len(booleans)} invalid field(s)", _SCHEMA_HINT, tuple(booleans)
        )
    try:
        return PatientCase.model_validate(data)
    except ValidationError as exc:
        problems = problems_of(exc)
        raise InputError(
            f"{origin}: {len(problems)} invalid field(s)", _SCHEMA_HINT, problems
        ) from exc


def case_from_json(text: str, origin: str = "case") -> PatientCase:
    """Parse JSON text into a PatientCase."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{origin}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            "check quotes and commas; an example is in README.md",
        ) from exc
    except RecursionError as exc:
        raise InputError(f"{origin}: the JSON is nested too deeply", _SCHEMA_HINT) from exc
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise InputError(f"{origin}: a value cannot be read ({exc})", _SCHEMA_HINT) from exc
    return case_from_dict(data, origin)


def marked_codec(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of `data` (None without one)."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def decode_text(data: bytes, origin: str) -> str:
    """UTF-8 (or UTF-16/UTF-8 with a byte-order mark) text; anything else is an InputError."""
    codec = marked_codec(data)
    try:
        if codec:
            return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin}: starts with a {codec} byte-order mark but is not valid {codec}", _SAVE_HINT
        ) from exc
    if b"\0" in data[:4096]:
        raise InputError(f"{origin}: binary content, not a JSON text file", _SAVE_HINT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{origin}: not UTF-8 text (byte {exc.start} is {data[exc.start]:#04x})", _SAVE_HINT
        ) from exc


_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_SAVE_HINT = "save the case as UTF-8 JSON (an example is in examples/)"


def read_text_file(path: Path, max_bytes: int = MAX_CASE_BYTES) -> str:
    """Read a small regular text file: never a pipe or device, never more than `max_bytes`."""
    try:
        mode = path.stat().st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file (pipe or device)"
            raise InputError(f"{path}: {kind}", "give the path of a JSON file")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", "check the path") from exc
    if len(data) > max_bytes:
        raise InputError(
            f"{path}: larger than {max_bytes:,} bytes", "a case file is a small JSON object"
        )
    return decode_text(data, str(path))


def read_case_file(path: Path) -> PatientCase:
    """A PatientCase from a JSON file, every failure an InputError with a hint."""
    return case_from_json(read_text_file(path), str(path))


def _far_apart(a: date, b: date) -> bool:
    return abs((a - b).days) > PLAUSIBLE_YEARS * 365.25


def check_plausible_dates(case: PatientCase, today: date) -> None:
    """Refuse a treatment start more than PLAUSIBLE_YEARS from `today` (a typing mistake)."""
    start = case.treatment_start_date
    if start is not None and _far_apart(start, today):
        raise InputError(
            f"treatment_start_date {start.isoformat()} is more than {PLAUSIBLE_YEARS} years "
            f"from today ({today.isoformat()})",
            "check the year; leave the field empty if treatment has not started",
        )


def check_plausible_today(today: date, system_today: date) -> None:
    """Refuse a planning date (--today) more than PLAUSIBLE_YEARS from the system date."""
    if _far_apart(today, system_today):
        raise InputError(
            f"--today {today.isoformat()} is more than {PLAUSIBLE_YEARS} years from the "
            f"system date ({system_today.isoformat()})",
            "check the year, or leave --today out to plan from the system date",
        )

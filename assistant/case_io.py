"""Parse patient input (JSON text or a dict) into a PatientCase, with one message per bad field."""

from __future__ import annotations

import json
from typing import Any

from pydantic import ValidationError

from assistant.contracts import PatientCase
from assistant.errors import InputError

_SCHEMA_HINT = "see `poems schema case` for every field and its allowed values"


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


def case_from_dict(data: Any, origin: str = "case") -> PatientCase:
    """Validate a mapping as a PatientCase or raise InputError listing every problem."""
    if not isinstance(data, dict):
        raise InputError(f"{origin}: a case must be a JSON object", _SCHEMA_HINT)
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
    return case_from_dict(data, origin)

"""Case updates from chat: applied one by one (an invalid one is dropped with a note), shown to
the clinician in words of their language, and remembered so they can be undone. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.case_io import problems_of
from assistant.chat.knowledge import ChatBook
from assistant.contracts import Lang, Localized, PatientCase
from assistant.ui.strings import option_word


class CaseUpdate(BaseModel):
    """One message's changes to the case, with the case before them (for undo)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    before: PatientCase | None
    changes: dict[str, Any]


def merge(
    case: PatientCase | None, updates: Mapping[str, Any]
) -> tuple[PatientCase | None, dict[str, Any], list[Localized]]:
    """(new case, the changes actually applied, notes on the ones dropped)."""
    data: dict[str, Any] = case.model_dump() if case else {}
    applied: dict[str, Any] = {}
    notes: list[Localized] = []
    for key, value in updates.items():
        trial = {**data, key: value}
        try:
            PatientCase.model_validate(trial)
        except ValidationError as exc:
            lines = "; ".join(problems_of(exc))
            notes.append(Localized(en=f"Not used: {lines}", es=f"No se ha usado: {lines}"))
            continue
        if data.get(key) != value or key not in data:
            applied[key] = value
        data = trial
    return (PatientCase.model_validate(data) if data else case), applied, notes


def _vegf(value: dict[str, Any], book: ChatBook, lang: Lang, unit: str) -> str:
    number, specimen = value.get("value_pg_ml"), value.get("specimen")
    head = f"{number:g} {unit}".strip() if isinstance(number, int | float) else ""
    if specimen == "unknown":
        return f"{head} ({book.say('specimen_unknown', lang)})"
    return f"{head} ({option_word(str(specimen), lang)})" if specimen else head


def _value(value: Any, book: ChatBook, lang: Lang, unit: str) -> str:
    if isinstance(value, bool):
        return book.say("yes" if value else "no", lang)
    if isinstance(value, int | float):
        return f"{value:g} {unit}".strip()
    if isinstance(value, dict):
        return _vegf(value, book, lang, unit)
    if isinstance(value, list | tuple):
        return ", ".join(option_word(str(v), lang) for v in value)
    text = str(value)
    if text in ("present", "absent", "unknown"):
        return book.say(text, lang)
    return option_word(text, lang)


def describe(changes: Mapping[str, Any], book: ChatBook, lang: Lang) -> str:
    """'Platelets: 620 ×10⁹/L; Splenomegaly: present' in the clinician's language."""
    parts = []
    for key, value in changes.items():
        label, unit = book.label(key, lang)
        parts.append(f"{label}: {_value(value, book, lang, unit)}")
    return "; ".join(parts)

"""Chat wording and composition data (knowledge/chat/*.toml): messages, field labels, the broad
management answer's key points and blocks, and conditional patient wording."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.contracts import Lang, Localized, PatientCase
from assistant.errors import KnowledgeError

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class FieldLabel(BaseModel):
    """How a case field is named to clinicians, with its unit."""

    model_config = _CONFIG

    en: str
    es: str
    unit: Localized | None = None


class KeyPoint(BaseModel):
    """One key point: the first sentence of `section` matching `contains` (folded regex)."""

    model_config = _CONFIG

    section: str
    contains: str


class Block(BaseModel):
    """A block of the broad answer: (section id, first n sentences) pairs."""

    model_config = _CONFIG

    heading: Localized
    take: tuple[tuple[str, int], ...]


class Overview(BaseModel):
    """The broad management answer."""

    model_config = _CONFIG

    key_points: tuple[KeyPoint, ...] = Field(alias="key_point", min_length=8, max_length=12)
    blocks: tuple[Block, ...] = Field(alias="block")


class ChatBook(BaseModel):
    """Everything the chat composes besides the guideline, the rules and the lexicon."""

    model_config = _CONFIG

    messages: dict[str, Localized]
    labels: dict[str, FieldLabel]
    overview: Overview
    conditional: dict[str, Localized]

    def say(self, key: str, lang: Lang, **values: object) -> str:
        """Message `key` in `lang`, formatted with `values`."""
        text = self.messages[key]
        return (text.en if lang == "en" else text.es).format(**values)

    def label(self, field: str, lang: Lang) -> tuple[str, str]:
        """(label, unit) of a case field in `lang`; the contract's description as fallback."""
        row = self.labels.get(field)
        if row is None:
            info = PatientCase.model_fields.get(field)
            text = (info.description or field) if info else field
            return text.rstrip("."), ""
        unit = (row.unit.en if lang == "en" else row.unit.es) if row.unit else ""
        return (row.en if lang == "en" else row.es), unit


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise KnowledgeError(f"{path}: {exc}", "fix the chat knowledge file") from exc


def load_chatbook(knowledge_dir: Path, section_ids: set[str] | None = None) -> ChatBook:
    """Read and validate knowledge/chat/*.toml; section ids must exist when given."""
    folder = knowledge_dir / "chat"
    try:
        book = ChatBook(
            messages=_read(folder / "messages.toml"),
            labels=_read(folder / "labels.toml"),
            overview=Overview.model_validate(_read(folder / "overview.toml")),
            conditional=_read(folder / "patient.toml"),
        )
    except ValidationError as exc:
        raise KnowledgeError(f"{folder}: {exc}", "fix the chat knowledge files") from exc
    unknown = sorted(set(book.labels) - set(PatientCase.model_fields))
    if unknown:
        raise KnowledgeError(
            f"{folder}/labels.toml: unknown case fields {unknown}", "use field names"
        )
    if section_ids is not None:
        used = {k.section for k in book.overview.key_points}
        used |= {s for b in book.overview.blocks for s, _ in b.take}
        if used - section_ids:
            missing = sorted(used - section_ids)
            raise KnowledgeError(
                f"{folder}/overview.toml: unknown sections {missing}", "use guideline ids"
            )
    return book

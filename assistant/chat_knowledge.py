"""Chat knowledge (knowledge/chat/intents.toml): intents, their sections and the overview."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.contracts import Localized
from assistant.errors import KnowledgeError

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class FollowUps(BaseModel):
    """Suggested next questions in both languages."""

    model_config = _CONFIG

    en: tuple[str, ...]
    es: tuple[str, ...]


class IntentRow(BaseModel):
    """One intent: patterns that select it, sections that answer it."""

    model_config = _CONFIG

    code: str
    patterns: tuple[str, ...] = Field(min_length=1)
    heading: Localized
    sections: tuple[str, ...] = ()
    follow_ups: FollowUps


class OverviewBlock(BaseModel):
    """A block of the overview answer: (section id, first n sentences) pairs."""

    model_config = _CONFIG

    heading: Localized
    take: tuple[tuple[str, int], ...]


class ChatBook(BaseModel):
    """Everything the chat layer knows besides the guideline and the rules."""

    model_config = _CONFIG

    domain_terms: tuple[str, ...]
    generic_terms: tuple[str, ...]
    foreign_terms: tuple[str, ...]
    intents: tuple[IntentRow, ...] = Field(alias="intent")
    overview: tuple[OverviewBlock, ...]

    def intent(self, code: str) -> IntentRow:
        """The intent row with this code."""
        return next(i for i in self.intents if i.code == code)


def load_chatbook(knowledge_dir: Path, section_ids: set[str]) -> ChatBook:
    """Read and validate intents.toml; every section id must exist in the guideline."""
    path = knowledge_dir / "chat" / "intents.toml"
    try:
        book = ChatBook.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise KnowledgeError(f"{path}: {exc}", "fix the chat knowledge file") from exc
    used = [s for i in book.intents for s in i.sections]
    used += [s for block in book.overview for s, _ in block.take]
    unknown = sorted(set(used) - section_ids)
    if unknown:
        raise KnowledgeError(f"{path}: unknown section ids {unknown}", "use guideline ids")
    return book

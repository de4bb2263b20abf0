"""Answer: what the chat layer returns. Every [n] in `text` resolves to a citation."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.contracts.case import PatientCase
from assistant.contracts.plan import Plan

_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Citation(BaseModel):
    """A numbered citation: the passage quoted and where it comes from."""

    model_config = _CONFIG

    n: int = Field(ge=1, description="Number used as [n] in the answer text.")
    source_id: str = Field(description="Document the passage comes from.")
    title: str = Field(description="Title of that document.")
    locator: str = Field(description="Section and/or page.")
    quote: str = Field(description="The passage text, quoted as indexed.")
    chunk_id: str = Field(description="Indexed chunk id (kc-...).")
    section_id: str = Field(description="Guideline section id.")
    references: tuple[str, ...] = Field((), description="Literature ids the passage cites.")


class Answer(BaseModel):
    """A grounded, cited answer in one language."""

    model_config = _CONFIG

    text: str = Field(description="Markdown answer in `lang`, with [n] citations.")
    lang: Literal["en", "es"] = Field(description="Language of the answer.")
    intent: str = Field(description="Detected intent code.")
    topics: tuple[str, ...] = Field((), description="Topics answered, best first.")
    audience: Literal["clinician", "patient"] = Field("clinician", description="Audience.")
    citations: tuple[Citation, ...] = Field(description="Citations used in the text.")
    plan: Plan | None = Field(None, description="Rule-core plan when a case is known.")
    case: PatientCase | None = Field(None, description="Case the answer used.")
    hypothetical: bool = Field(False, description="True when answering a what-if case.")
    follow_ups: tuple[str, ...] = Field((), description="Suggested next questions.")
    refused: bool = Field(False, description="True when outside POEMS or unanswerable.")
    notes: tuple[str, ...] = Field((), description="Questions back to the user (e.g. units).")
    knowledge_version: str = Field(description="Knowledge the answer came from.")
    index_id: str = Field("", description="Index the passages came from.")
    settings_fingerprint: str = Field("", description="Hash of the settings used.")
    dropped_sentences: int = Field(
        0, ge=0, description="Generator sentences dropped as unsupported."
    )

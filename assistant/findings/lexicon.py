"""The findings lexicon (knowledge/lexicon/findings.toml and cues.toml) as validated models.

`parse_lexicon` is pure (dicts in, a frozen Lexicon out); `load_lexicon` is the file-reading edge
and names the file and the key of anything malformed.
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from assistant.contracts import Localized, PatientCase
from assistant.contracts.case import VegfResult
from assistant.errors import KnowledgeError
from assistant.text import fold

_CONFIG = ConfigDict(frozen=True, extra="forbid")
Value = str | bool
_M = TypeVar("_M", bound=BaseModel)


def _check_phrase(phrase: str) -> str:
    body = phrase.removesuffix("*")
    if not body.strip() or fold(body) != body or any(c in body for c in "-/*"):
        raise ValueError(f"{phrase!r} must be folded (lower case, no accents, no '-' or '/')")
    return phrase


def contract_max(field: str, model: type[BaseModel] = PatientCase) -> float:
    """The upper bound the case contract sets on a field (one source for plausibility)."""
    return next(float(m.le) for m in model.model_fields[field].metadata if hasattr(m, "le"))


def _check_value(field: str, value: Value, append: bool = False) -> None:
    if field not in PatientCase.model_fields:
        raise ValueError(f"{field!r} is not a PatientCase field")
    try:
        PatientCase.model_validate({field: (value,) if append else value})
    except ValidationError as exc:
        raise ValueError(f"{value!r} is not a valid value for {field}") from exc


class Entry(BaseModel):
    """Phrases that state one PatientCase value."""

    model_config = _CONFIG

    field: str = Field(description="PatientCase field this entry sets.")
    present: Value | None = Field(None, description="Value when stated (None: sets nothing).")
    absent: Value | None = Field(None, description="Value when clearly negated (None: unknown).")
    terms: tuple[str, ...] = Field(min_length=1, description="Folded phrases.")
    also: dict[str, Value] = Field(default_factory=dict, description="Updates implied if stated.")
    qualifiers: tuple[str, ...] = Field((), description="One must also appear to count.")
    qualifier_scope: Literal["clause", "sentence"] = Field("clause", description="Where.")
    blockers: tuple[str, ...] = Field((), description="Words that stop the phrase counting.")
    rank: int = Field(0, description="Higher wins when one message gives two values.")
    append: bool = Field(False, description="Add the value to a list field.")
    not_before_number: bool = Field(False, description="A number right after: a lab level.")
    site: bool = Field(
        False,
        description="The terms name where a finding is looked for ('skin', 'fundi'): only a "
        "denial after them counts ('skin normal'), and sets `absent`.",
    )

    @field_validator("terms", "qualifiers", "blockers")
    @classmethod
    def _folded(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_phrase(p) for p in phrases)

    @model_validator(mode="after")
    def _values_fit_the_contract(self) -> Entry:
        for value in (self.present, self.absent):
            if value is not None:
                _check_value(self.field, value, self.append)
        for field, value in self.also.items():
            _check_value(field, value)
        return self


class UnitFactor(BaseModel):
    """Unit spellings and the exact factor to the field's unit."""

    model_config = _CONFIG

    shown: str = Field(description="How the unit is written for clinicians.")
    aliases: tuple[str, ...] = Field(min_length=1, description="Spellings, no spaces.")
    factor: Decimal = Field(gt=0, description="Multiply by this to get the field's unit.")

    @field_validator("aliases")
    @classmethod
    def _no_spaces(cls, aliases: tuple[str, ...]) -> tuple[str, ...]:
        for alias in aliases:
            if alias != alias.lower() or " " in alias:
                raise ValueError(f"unit {alias!r} must be lower case without spaces")
        return aliases


class UnitlessRange(BaseModel):
    """Values that, written without a unit, can only mean one unit."""

    model_config = _CONFIG

    min: float = Field(description="Lowest value read this way.")
    max: float = Field(description="Highest value read this way.")
    factor: Decimal = Field(gt=0, description="Factor to the field's unit.")


class Quantity(BaseModel):
    """A lab value: its names, unit, plausible range and unit conversions."""

    model_config = _CONFIG

    code: str = Field(description="Stable code.")
    field: str = Field(description="PatientCase field.")
    unit: str = Field(description="Display unit of the field.")
    labels: tuple[str, ...] = Field(min_length=1, description="Folded names of the test.")
    min: float = Field(description="Lowest plausible value in the field's unit.")
    max: float = Field(description="Highest plausible value in the field's unit.")
    decimals: int = Field(ge=0, le=4, description="Decimals kept after conversion.")
    units: tuple[UnitFactor, ...] = Field(min_length=1, description="Accepted units.")
    unitless: tuple[UnitlessRange, ...] = Field((), description="Unitless readings.")

    @field_validator("labels")
    @classmethod
    def _folded(cls, labels: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_phrase(p) for p in labels)

    @model_validator(mode="after")
    def _within_the_contract(self) -> Quantity:
        limit = (
            contract_max("value_pg_ml", VegfResult)
            if self.field == "vegf"
            else contract_max(self.field)
        )
        if not 0 <= self.min <= self.max <= limit:
            raise ValueError(f"min/max must lie within 0..{limit:g}, the contract's range")
        return self


class Counts(BaseModel):
    """Words for lesion counts, lenalidomide cycles and ECOG."""

    model_config = _CONFIG

    words: dict[str, int] = Field(description="Number words.")
    single_after: tuple[str, ...] = Field(description="'lesión única'.")
    lesion_nouns: tuple[str, ...] = Field(min_length=1, description="What a lesion is called.")
    lesion_adjectives: tuple[str, ...] = Field(description="Words between number and noun.")
    sclerotic_adjectives: tuple[str, ...] = Field(description="Those that say 'sclerotic'.")
    lenalidomide: tuple[str, ...] = Field(min_length=1, description="Names of lenalidomide.")
    cycle_words: tuple[str, ...] = Field(min_length=1, description="'cycles'.")
    ecog_labels: tuple[str, ...] = Field(min_length=1, description="Names of ECOG.")


class AgeWords(BaseModel):
    """The words of age phrases."""

    model_config = _CONFIG

    year_words: tuple[str, ...]
    old_words: tuple[str, ...]
    short_forms: tuple[str, ...]
    before_words: tuple[str, ...]
    is_words: tuple[str, ...]
    persons: tuple[str, ...]
    es_year_words: tuple[str, ...]
    es_not_after: tuple[str, ...]


class Limits(BaseModel):
    """Bounds on the work done per message."""

    model_config = _CONFIG

    max_chars: int = Field(ge=100, le=1_000_000, description="Characters read per message.")


class FindingsFile(BaseModel):
    """knowledge/lexicon/findings.toml."""

    model_config = _CONFIG

    version: str
    limits: Limits
    entries: tuple[Entry, ...] = Field(alias="entry", min_length=1)
    quantities: tuple[Quantity, ...] = Field(alias="quantity", min_length=1)
    counts: Counts
    age: AgeWords
    labels: dict[str, Localized]
    values: dict[str, Localized]


class Negation(BaseModel):
    """Negation cues by position."""

    model_config = _CONFIG

    before: tuple[str, ...]
    after: tuple[str, ...]
    after_final: tuple[str, ...]
    pseudo: tuple[str, ...]
    tests: tuple[str, ...]
    reset: tuple[str, ...]


class Positive(BaseModel):
    """Positive cues after a finding."""

    model_config = _CONFIG

    after: tuple[str, ...]
    after_final: tuple[str, ...]


class Terms(BaseModel):
    """A plain list of cue phrases."""

    model_config = _CONFIG

    terms: tuple[str, ...] = Field(min_length=1)


class Question(BaseModel):
    """What makes a sentence a question or a request."""

    model_config = _CONFIG

    starters: tuple[str, ...]
    requests: tuple[str, ...]
    lead_ins: tuple[str, ...]


class General(BaseModel):
    """Sentences about the disease in general, and the words that tie one to a patient."""

    model_config = _CONFIG

    terms: tuple[str, ...]
    anchors: tuple[str, ...]
    queries: tuple[str, ...]
    non_patient: tuple[str, ...]


class Clause(BaseModel):
    """Words that end a clause."""

    model_config = _CONFIG

    breaks: tuple[str, ...]


class Comparators(BaseModel):
    """Words that turn a number into a bound."""

    model_config = _CONFIG

    below: tuple[str, ...]
    above: tuple[str, ...]
    thresholds: tuple[str, ...] = ()


class CuesFile(BaseModel):
    """knowledge/lexicon/cues.toml."""

    model_config = _CONFIG

    version: str
    negation: Negation
    positive: Positive
    uncertainty: Terms
    pending: Terms
    resolved: Terms
    hypothetical: Terms
    question: Question
    general: General
    clause: Clause
    comparators: Comparators


class Lexicon(BaseModel):
    """Both lexicon files."""

    model_config = _CONFIG

    findings: FindingsFile
    cues: CuesFile


def _where(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        key = ".".join(str(p) for p in err["loc"])
        parts.append(f"{key}: {err['msg']}")
    return "; ".join(parts)


def parse_lexicon(findings: dict[str, Any], cues: dict[str, Any]) -> Lexicon:
    """Validate the two parsed TOML documents; errors name the file and the key."""
    return Lexicon(
        findings=_validated(FindingsFile, findings, "findings.toml"),
        cues=_validated(CuesFile, cues, "cues.toml"),
    )


def _validated(model: type[_M], data: dict[str, Any], name: str) -> _M:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(
            f"knowledge/lexicon/{name}: {_where(exc)}", "fix that key in the lexicon file"
        ) from exc


def _read(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(f"{path} is missing", "restore it from the repository") from exc
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path}: invalid TOML: {exc}", "fix the syntax") from exc


def load_lexicon(knowledge_dir: Path) -> Lexicon:
    """Read and validate knowledge/lexicon/{findings,cues}.toml."""
    folder = knowledge_dir / "lexicon"
    return parse_lexicon(_read(folder / "findings.toml"), _read(folder / "cues.toml"))

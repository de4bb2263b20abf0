"""Typed rule tables (loaded from knowledge/rules/*.toml by assistant.rulebook) and conditions."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.contracts import GateEffect, Localized, Wording

_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)
Facts = Mapping[str, Any]


class Text(BaseModel):
    """Bilingual clinician and patient wording as written in the rule files."""

    model_config = _CONFIG

    en: str = Field(min_length=1)
    es: str = Field(min_length=1)
    patient_en: str = Field(min_length=1)
    patient_es: str = Field(min_length=1)

    def wording(self, **values: object) -> Wording:
        """As a Wording, with `{name}` placeholders filled from `values`."""
        return Wording(
            clinician=Localized(en=self.en.format(**values), es=self.es.format(**values)),
            patient=Localized(
                en=self.patient_en.format(**values), es=self.patient_es.format(**values)
            ),
        )


class Clause(BaseModel):
    """All parts must hold (AND). Fields name PatientCase fields or derived facts."""

    model_config = _CONFIG

    present: tuple[str, ...] = ()
    absent: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    true: tuple[str, ...] = ()
    false: tuple[str, ...] = ()
    above: dict[str, float] = Field(default_factory=dict)
    below: dict[str, float] = Field(default_factory=dict)
    at_most: dict[str, float] = Field(default_factory=dict)
    at_least: dict[str, float] = Field(default_factory=dict)
    equals: dict[str, str] = Field(default_factory=dict)
    one_of: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    includes: dict[str, str] = Field(default_factory=dict)

    def holds(self, facts: Facts) -> bool:
        """True when every part of the clause holds for these facts."""
        checks = (
            all(facts.get(f) == "present" for f in self.present),
            all(facts.get(f) == "absent" for f in self.absent),
            all(facts.get(f) == "unknown" for f in self.unknown),
            all(facts.get(f) is None for f in self.missing),
            all(facts.get(f) is True for f in self.true),
            all(facts.get(f) is False for f in self.false),
            _compare(facts, self.above, operator.gt),
            _compare(facts, self.below, operator.lt),
            _compare(facts, self.at_most, operator.le),
            _compare(facts, self.at_least, operator.ge),
            all(str(facts.get(f)) == v for f, v in self.equals.items()),
            all(str(facts.get(f)) in v for f, v in self.one_of.items()),
            all(v in (facts.get(f) or ()) for f, v in self.includes.items()),
        )
        return all(checks)


def _compare(facts: Facts, bounds: dict[str, float], op: Callable[[float, float], bool]) -> bool:
    """Every named numeric fact is present and satisfies `op` against its bound."""
    for name, bound in bounds.items():
        value = facts.get(name)
        if not isinstance(value, int | float) or isinstance(value, bool):
            return False
        if not op(float(value), bound):
            return False
    return True


def any_holds(clauses: tuple[Clause, ...], facts: Facts) -> bool:
    """OR over clauses; an empty list always holds."""
    return not clauses or any(c.holds(facts) for c in clauses)


class Row(BaseModel):
    """Fields every rule row has: stable id, citations, guideline section, condition."""

    model_config = _CONFIG

    id: str = Field(pattern=r"^[a-z]+\.[0-9]{3}[a-z]?$")
    citations: tuple[str, ...] = Field(min_length=1)
    section: str = Field(min_length=1)
    when: tuple[Clause, ...] = ()
    verified: bool = True

    def cited(self) -> dict[str, Any]:
        """The provenance every plan item carries: rule id, citations, section, verified."""
        return {
            "rule_id": self.id,
            "citations": self.citations,
            "section": self.section,
            "verified": self.verified,
        }


class CriterionRow(Row):
    """A diagnostic criterion."""

    code: str
    group: Literal["mandatory", "major", "minor"]
    label: Text


class TextRow(Row):
    """A row whose outcome is a text (flags, warnings, cautions...)."""

    code: str
    text: Text


class LabelledRow(Row):
    """A row with a display label and a reason/detail."""

    code: str
    label: Text
    reason: Text
    nuance: Text | None = None
    seed_only: bool = False
    agents: tuple[str, ...] = ()


class PlateletRow(Row):
    """A platelet count above `above_10e9_l` meets an unknown thrombocytosis criterion."""

    above_10e9_l: float = Field(gt=0)


class DiagnosisBook(BaseModel):
    """diagnosis.toml."""

    model_config = _CONFIG

    rule: Row
    summary: dict[str, Text]
    evidence: dict[str, Localized]
    criteria: tuple[CriterionRow, ...] = Field(alias="criterion")
    endocrine_not_counting: tuple[str, ...]
    endocrine_rule: TextRow
    platelet_rule: PlateletRow
    flags: tuple[TextRow, ...] = Field(alias="flag")
    japanese: Row
    japanese_minor: tuple[str, ...]
    japanese_minor_needed: int
    japanese_vegf_specimen: str


class VegfBook(BaseModel):
    """vegf.toml."""

    model_config = _CONFIG

    plasma_threshold_pg_ml: float = Field(gt=0)
    plasma: Row
    serum: Row
    evidence: dict[str, Localized]
    flags: tuple[TextRow, ...] = Field(alias="flag")


class StratumRow(Row):
    """A stratification outcome."""

    code: str
    status: Literal["localized", "disseminated", "undetermined"]
    low_evidence: bool = False
    reason: Text


class StratificationBook(BaseModel):
    """stratification.toml."""

    model_config = _CONFIG

    max_localized_lesions: int = Field(ge=1)
    whole_body_imaging: tuple[str, ...] = Field(min_length=1)
    strata: tuple[StratumRow, ...] = Field(alias="stratum")


class ScheduleRow(BaseModel):
    """A dose schedule as written in treatment.toml."""

    model_config = _CONFIG

    name: Localized
    citations: tuple[str, ...] = Field(min_length=1)
    components: tuple[dict[str, Any], ...]


class OptionRow(Row):
    """A treatment option and when it applies."""

    code: str
    route: Literal["localized", "transplant", "no_transplant", "relapse"]
    label: Text
    detail: Text
    dose_gy_min: float | None = None
    dose_gy_max: float | None = None
    cycles: int | None = None
    dose_note: Localized | None = None
    dose_section: str | None = None
    schedules: tuple[ScheduleRow, ...] = Field(default=(), alias="schedule")
    agents: tuple[str, ...] = ()


class DoseRow(BaseModel):
    """The dose a gate puts in place of a higher one (e.g. the label's renal starting dose)."""

    model_config = _CONFIG

    agent: str
    dose: float = Field(gt=0)
    unit: Literal["mg", "mg/m2", "mg/kg", "Gy"]
    every_days: int = Field(1, ge=1)
    schedule: Localized
    name_suffix: Localized


class GateRow(Row):
    """A safety gate: applies to options containing one of `agents` (and, if given, only
    to the option codes or routes listed) when its condition holds."""

    code: str
    effect: GateEffect
    agents: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    replace: DoseRow | None = None
    text: Text


class GatesBook(BaseModel):
    """gates.toml: option gates, and the gates that withhold all treatment."""

    model_config = _CONFIG

    gates: tuple[GateRow, ...] = Field(alias="gate")
    treatment_gates: tuple[GateRow, ...] = Field(alias="treatment_gate")


class TreatmentBook(BaseModel):
    """treatment.toml."""

    model_config = _CONFIG

    radiation_accept_min_gy: float
    radiation_accept_max_gy: float
    options: tuple[OptionRow, ...] = Field(alias="option")
    induction: Row
    caution: tuple[LabelledRow, ...]
    not_recommended: tuple[LabelledRow, ...]
    transplant_cautions: tuple[TextRow, ...] = Field(alias="transplant_caution")
    warnings: tuple[TextRow, ...] = Field(alias="warning")


class MonitorRow(Row):
    """A monitoring item."""

    code: str
    label: Text
    detail: Text
    offsets_months: tuple[int, ...]
    offsets_basis: Literal["literature", "seed", "assistant"] = "literature"
    interval_months: int | None = None
    interval_basis: Literal["literature", "seed", "assistant"] = "literature"
    seed_offsets_months: tuple[int, ...] = ()


class MonitoringBook(BaseModel):
    """monitoring.toml."""

    model_config = _CONFIG

    items: tuple[MonitorRow, ...] = Field(alias="item")
    warnings: tuple[TextRow, ...] = Field(alias="warning")


class FactorRow(Row):
    """An adverse prognostic factor with its cohort."""

    code: str
    label: Text
    cohort: Localized


class ScoreRow(Row):
    """A validated prognostic score: its variables are prognostic factor codes."""

    code: str
    label: Text
    cohort: Localized
    variables: dict[str, str] = Field(min_length=1)
    detail: Text


class RuleBook(BaseModel):
    """Every rule table, validated; the rule core's only knowledge input."""

    model_config = _CONFIG

    knowledge_version: str
    diagnosis: DiagnosisBook
    vegf: VegfBook
    workup: tuple[LabelledRow, ...]
    stratification: StratificationBook
    treatment: TreatmentBook
    monitoring: MonitoringBook
    supportive: tuple[LabelledRow, ...]
    prognosis: tuple[FactorRow, ...]
    prognosis_scores: tuple[ScoreRow, ...] = ()
    warnings: tuple[TextRow, ...]
    gates: GatesBook

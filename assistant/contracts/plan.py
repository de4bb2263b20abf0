"""Plan: the rule core's output. Every item carries the rule that produced it and its sources."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

_CONFIG = ConfigDict(frozen=True, extra="forbid", defer_build=True)

CriterionStatus = Literal["met", "not_met", "unknown"]
DiagnosisStatus = Literal["meets_criteria", "does_not_meet", "insufficient_data"]
Stratum = Literal["localized", "disseminated", "undetermined"]
Basis = Literal["literature", "seed", "assistant"]


class Localized(BaseModel):
    """One text in English and Spanish."""

    model_config = _CONFIG

    en: str = Field(description="English.")
    es: str = Field(description="Spanish.")


class Wording(BaseModel):
    """Clinician wording and plain patient wording, both bilingual."""

    model_config = _CONFIG

    clinician: Localized = Field(description="Wording for clinicians.")
    patient: Localized = Field(description="Plain wording for patients and families.")


class Cited(BaseModel):
    """Base of every plan item: the rule that produced it and the sources behind it."""

    model_config = _CONFIG

    rule_id: str = Field(description="Stable rule id, e.g. dx.001.")
    citations: tuple[str, ...] = Field(min_length=1, description="Source ids (sources.toml).")
    section: str = Field(description="Guideline section id where the rule is explained.")
    verified: bool = Field(
        True, description="False when a number or definition was not verified against the source."
    )


GateEffect = Literal["adjust_dose", "withhold", "requires", "caution"]


class Gate(Cited):
    """A safety gate on an option: it changes the dose, withholds it, or says what it needs."""

    code: str = Field(description="Gate code, e.g. lenalidomide_renal_moderate.")
    effect: GateEffect = Field(description="What the gate does to the option.")
    text: Wording = Field(description="Why, for clinicians and in plain words for patients.")


class CriterionResult(Cited):
    """One diagnostic criterion, met / not met / unknown, with the evidence used."""

    code: str = Field(description="Criterion code (the PatientCase finding name).")
    group: Literal["mandatory", "major", "minor"] = Field(description="Criterion group.")
    status: CriterionStatus = Field(description="Result for this patient.")
    evidence: Localized = Field(description="What in the case decided the result.")
    label: Wording = Field(description="Display name.")


class Flag(Cited):
    """A diagnostic or data-quality flag (atypical feature, confounder, secondary criteria)."""

    code: str = Field(description="Flag code.")
    text: Wording = Field(description="What the flag means and what to do.")


class Diagnosis(BaseModel):
    """Criterion-by-criterion diagnosis check."""

    model_config = _CONFIG

    status: DiagnosisStatus = Field(description="Overall result of the Dispenzieri rule.")
    rule_id: str = Field(description="Rule that combines the criteria.")
    citations: tuple[str, ...] = Field(min_length=1, description="Sources of the rule.")
    section: str = Field(description="Guideline section id.")
    criteria: tuple[CriterionResult, ...] = Field(description="One entry per criterion.")
    missing: tuple[str, ...] = Field(description="Unknown criteria that could change status.")
    label: str | None = Field(None, description="Entity label, e.g. castleman_variant.")
    japanese_criteria: CriterionStatus = Field(description="Secondary: Japanese criteria.")
    flags: tuple[Flag, ...] = Field((), description="Atypical features and data flags.")
    summary: Wording = Field(description="One-sentence result.")


class WorkupItem(Cited):
    """A test still needed, and why."""

    code: str = Field(description="Work-up code, e.g. bone_marrow_biopsy.")
    label: Wording = Field(description="Display name.")
    reason: Wording = Field(description="Why it is needed for this patient.")


class Stratification(Cited):
    """Localized, disseminated, or undetermined, with the reason."""

    status: Stratum = Field(description="Treatment stratum.")
    reason: Wording = Field(description="Why.")
    low_evidence: bool = Field(False, description="True for the no-lesion, marrow-negative route.")
    deciding_tests: tuple[str, ...] = Field((), description="Work-up codes that would decide.")


class DoseComponent(BaseModel):
    """One drug (or radiation) of a schedule, with the dose used in the studies."""

    model_config = _CONFIG

    agent: str = Field(description="Agent code, e.g. lenalidomide.")
    dose: float = Field(gt=0, description="Dose amount.")
    unit: Literal["mg", "mg/m2", "mg/kg", "Gy"] = Field(description="Dose unit.")
    every_days: int = Field(
        1, ge=1, le=28, description="Given once every N days on dosing days (2: every other day)."
    )
    schedule: Localized = Field(description="Days and cycle, e.g. days 1-21 of 28.")


class DoseSchedule(BaseModel):
    """A dosing schedule from a study."""

    model_config = _CONFIG

    name: Localized = Field(description="Schedule name, e.g. low dose.")
    components: tuple[DoseComponent, ...] = Field(description="Drugs and doses.")
    citations: tuple[str, ...] = Field(min_length=1, description="Studies that used it.")


class TreatmentOption(Cited):
    """A first-line (or relapse) option in order of the rule table (not a ranking)."""

    code: str = Field(description="Option code, e.g. radiation, asct_after_induction.")
    label: Wording = Field(description="Display name.")
    detail: Wording = Field(description="When and how; outcomes; when to change course.")
    dose_gy_min: float | None = Field(None, description="Radiation target dose, lower bound.")
    dose_gy_max: float | None = Field(None, description="Radiation target dose, upper bound.")
    schedules: tuple[DoseSchedule, ...] = Field((), description="Dose schedules used in studies.")
    cycles: int | None = Field(None, description="Number of cycles used in the studies.")
    dose_note: Localized | None = Field(None, description="Caveat about the doses.")
    dose_section: str | None = Field(
        None, description="Guideline section giving the doses, when not `section`."
    )
    agents: tuple[str, ...] = Field((), description="Agent codes the option contains.")
    gates: tuple[Gate, ...] = Field((), description="Safety gates that apply to this option.")
    withheld: bool = Field(False, description="True when a gate withholds the option for now.")


class AgentNote(Cited):
    """An agent needing caution or not recommended, with the reason (and nuance)."""

    code: str = Field(description="Agent code, e.g. thalidomide, bevacizumab.")
    label: Wording = Field(description="Display name.")
    reason: Wording = Field(description="Why it is not a first choice or not recommended.")
    nuance: Wording | None = Field(None, description="Where the literature is more nuanced.")
    agents: tuple[str, ...] = Field((), description="Agent codes the note is about.")
    gates: tuple[Gate, ...] = Field((), description="Safety gates that apply if it is used.")


class Treatment(BaseModel):
    """Treatment options, cautions and agents not recommended."""

    model_config = _CONFIG

    provisional: bool = Field(description="True while the diagnosis is not yet confirmed.")
    primary: tuple[TreatmentOption, ...] = Field(description="Options, in table order.")
    caution: tuple[AgentNote, ...] = Field(description="Not first choice: weigh the risk.")
    not_recommended: tuple[AgentNote, ...] = Field(description="Not recommended.")
    transplant_cautions: tuple[Flag, ...] = Field((), description="Peri-transplant cautions.")
    withheld: tuple[Gate, ...] = Field(
        (), description="Why no treatment option is shown (e.g. criteria not met)."
    )
    deciding_workup: tuple[str, ...] = Field(
        (), description="Work-up codes that decide whether treatment can be offered."
    )


class Visit(BaseModel):
    """One dated monitoring visit."""

    model_config = _CONFIG

    date: dt.date = Field(description="Planned date.")
    month: int = Field(ge=0, description="Months from the anchor.")
    basis: Basis = Field(description="Where the timing comes from.")


class MonitoringItem(Cited):
    """A test repeated over time, with interval, anchor and concrete dates."""

    code: str = Field(description="Monitoring code, e.g. vegf.")
    label: Wording = Field(description="Display name.")
    detail: Wording = Field(description="Why and how (same specimen, etc.).")
    interval_months: int | None = Field(None, description="Repeat interval after the fixed points.")
    anchor: Literal["treatment_start", "today"] = Field(description="Date month 0 refers to.")
    anchor_date: dt.date = Field(description="The anchor as a date.")
    seed_only: bool = Field(description="True when the interval comes only from the seed.")
    dates: tuple[Visit, ...] = Field(description="Concrete dates over the horizon.")


class SupportiveItem(Cited):
    """A supportive-care measure and why it applies to this patient."""

    code: str = Field(description="Code, e.g. antiplatelet_prophylaxis.")
    label: Wording = Field(description="Display name.")
    reason: Wording = Field(description="Why, for this patient.")
    seed_only: bool = Field(False, description="True when only the seed supports it.")


class PrognosticFactor(Cited):
    """An adverse factor present, with the cohort it comes from (never merged into a score)."""

    code: str = Field(description="Factor code, e.g. egfr_below_30.")
    label: Wording = Field(description="Display name.")
    cohort: Localized = Field(description="Cohort and outcome the factor comes from.")


class PrognosticScore(Cited):
    """A validated prognostic tool shown with its cohort: which of its variables are present."""

    code: str = Field(description="Score code, e.g. pumch_nomogram.")
    label: Wording = Field(description="Display name.")
    cohort: Localized = Field(description="Derivation/validation cohort and performance.")
    factors_present: tuple[str, ...] = Field(description="Score variables present (codes).")
    factors_unknown: tuple[str, ...] = Field(description="Score variables not yet known.")
    factors_total: int = Field(ge=1, description="Number of variables in the score.")
    detail: Wording = Field(description="How to read it for this patient.")


class Prognosis(BaseModel):
    """Adverse prognostic factors present."""

    model_config = _CONFIG

    adverse_factors: tuple[PrognosticFactor, ...] = Field(description="Factors present.")
    scores: tuple[PrognosticScore, ...] = Field((), description="Validated scores, with cohort.")


class Warning(Cited):
    """Something the clinician must not miss: POEMS vs myeloma, disagreements, guards."""

    code: str = Field(description="Warning code.")
    text: Wording = Field(description="The warning.")


class Plan(BaseModel):
    """The structured, cited management plan for one case on one day."""

    model_config = _CONFIG

    today: dt.date = Field(description="Date the plan was computed for.")
    knowledge_version: str = Field(description="Knowledge the rules came from.")
    diagnosis: Diagnosis
    workup: tuple[WorkupItem, ...]
    stratification: Stratification
    treatment: Treatment
    monitoring: tuple[MonitoringItem, ...]
    supportive: tuple[SupportiveItem, ...]
    prognosis: Prognosis
    warnings: tuple[Warning, ...]

"""Shared pydantic models: the contracts between knowledge, ingestion, retrieval, rules and chat.

Split by concern; everything is re-exported here so callers import from `assistant.contracts`.
The re-exports are lazy (PEP 562): `from assistant.contracts import Lang` does not build the
plan or answer models, which keeps `poems plan` and `--help` fast from a new process.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.contracts.answer import Answer, Citation
    from assistant.contracts.case import EndocrineType, Finding, PatientCase, Phase, VegfResult
    from assistant.contracts.knowledge import (
        Chunk,
        IndexManifest,
        Lang,
        Passage,
        Source,
        SourceType,
    )
    from assistant.contracts.plan import (
        AgentNote,
        Cited,
        CriterionResult,
        CriterionStatus,
        Diagnosis,
        DiagnosisStatus,
        DoseComponent,
        DoseSchedule,
        Flag,
        Gate,
        GateEffect,
        Localized,
        MonitoringItem,
        Plan,
        Prognosis,
        PrognosticFactor,
        PrognosticScore,
        Stratification,
        Stratum,
        SupportiveItem,
        Treatment,
        TreatmentOption,
        Visit,
        Warning,
        Wording,
        WorkupItem,
    )

_MODULE_OF: dict[str, str] = {
    "AgentNote": "plan",
    "Answer": "answer",
    "Chunk": "knowledge",
    "Citation": "answer",
    "Cited": "plan",
    "CriterionResult": "plan",
    "CriterionStatus": "plan",
    "Diagnosis": "plan",
    "DiagnosisStatus": "plan",
    "DoseComponent": "plan",
    "DoseSchedule": "plan",
    "EndocrineType": "case",
    "Finding": "case",
    "Flag": "plan",
    "Gate": "plan",
    "GateEffect": "plan",
    "IndexManifest": "knowledge",
    "Lang": "knowledge",
    "Localized": "plan",
    "MonitoringItem": "plan",
    "Passage": "knowledge",
    "PatientCase": "case",
    "Phase": "case",
    "Plan": "plan",
    "Prognosis": "plan",
    "PrognosticFactor": "plan",
    "PrognosticScore": "plan",
    "Source": "knowledge",
    "SourceType": "knowledge",
    "Stratification": "plan",
    "Stratum": "plan",
    "SupportiveItem": "plan",
    "Treatment": "plan",
    "TreatmentOption": "plan",
    "VegfResult": "case",
    "Visit": "plan",
    "Warning": "plan",
    "Wording": "plan",
    "WorkupItem": "plan",
}

__all__ = [
    "AgentNote",
    "Answer",
    "Chunk",
    "Citation",
    "Cited",
    "CriterionResult",
    "CriterionStatus",
    "Diagnosis",
    "DiagnosisStatus",
    "DoseComponent",
    "DoseSchedule",
    "EndocrineType",
    "Finding",
    "Flag",
    "Gate",
    "GateEffect",
    "IndexManifest",
    "Lang",
    "Localized",
    "MonitoringItem",
    "Passage",
    "PatientCase",
    "Phase",
    "Plan",
    "Prognosis",
    "PrognosticFactor",
    "PrognosticScore",
    "Source",
    "SourceType",
    "Stratification",
    "Stratum",
    "SupportiveItem",
    "Treatment",
    "TreatmentOption",
    "VegfResult",
    "Visit",
    "Warning",
    "Wording",
    "WorkupItem",
]


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"assistant.contracts.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value

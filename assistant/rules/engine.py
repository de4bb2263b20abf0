"""build_plan: PatientCase + RuleBook + today -> Plan. Pure and deterministic."""

from __future__ import annotations

from datetime import date

from assistant.contracts import PatientCase, Plan
from assistant.rules.book import RuleBook
from assistant.rules.care import prognosis, supportive, warnings
from assistant.rules.diagnosis import diagnose
from assistant.rules.facts import case_facts
from assistant.rules.monitoring import monitoring
from assistant.rules.stratification import stratify
from assistant.rules.treatment import routes, treat
from assistant.rules.workup import workup
from assistant.settings import RulesSettings


def build_plan(
    case: PatientCase, book: RuleBook, today: date, options: RulesSettings | None = None
) -> Plan:
    """The structured, cited plan for `case` on `today`."""
    options = options or RulesSettings()
    facts = case_facts(case, today)
    dx = diagnose(case, facts, book.diagnosis, book.vegf)
    strat = stratify(case, book.stratification, dx.status)
    active = routes(case, strat, dx.status)
    facts.update(
        diagnosis_status=dx.status,
        diagnosis_label=dx.label,
        stratum=strat.status,
        route_transplant="transplant" in active,
        route_no_transplant="no_transplant" in active,
        route_localized="localized" in active,
        route_relapse="relapse" in active,
        poems_possible=dx.status != "does_not_meet",
    )
    treatment = treat(facts, book.treatment, active, dx.status)
    codes = {o.code for o in treatment.primary}
    facts["imid_option"] = bool(codes & {"lenalidomide_dexamethasone", "relapse_lenalidomide"})
    facts["radiation_dose_outside"] = _radiation_outside(case, book)
    return Plan(
        today=today,
        knowledge_version=book.knowledge_version,
        diagnosis=dx,
        workup=tuple(workup(facts, book.workup, strat.deciding_tests)),
        stratification=strat,
        treatment=treatment,
        monitoring=tuple(monitoring(case, facts, book.monitoring.items, today, options)),
        supportive=tuple(supportive(facts, book.supportive)),
        prognosis=prognosis(facts, book.prognosis),
        warnings=tuple(
            warnings(facts, book.treatment.warnings)
            + warnings(facts, book.monitoring.warnings)
            + warnings(facts, book.warnings)
        ),
    )


def _radiation_outside(case: PatientCase, book: RuleBook) -> bool:
    dose = case.radiation_dose_gy
    t = book.treatment
    return dose is not None and not t.radiation_accept_min_gy <= dose <= t.radiation_accept_max_gy

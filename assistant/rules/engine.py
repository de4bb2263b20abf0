"""build_plan: PatientCase + RuleBook + today -> Plan. Pure and deterministic."""

from __future__ import annotations

from datetime import date

from assistant.contracts import PatientCase, Plan, Treatment
from assistant.rules.book import RuleBook, any_holds
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
        criteria_met=dx.status == "meets_criteria",
    )
    facts["induction_indicated"] = any_holds(book.treatment.induction.when, facts)
    treatment = treat(facts, book.treatment, active, dx.status, book.gates)
    facts.update(_agent_facts(treatment))
    facts["radiation_dose_outside"] = _radiation_outside(case, book)
    tests = tuple(workup(facts, book.workup, strat.deciding_tests))
    if treatment.withheld:
        treatment = treatment.model_copy(update={"deciding_workup": tuple(t.code for t in tests)})
    return Plan(
        today=today,
        knowledge_version=book.knowledge_version,
        diagnosis=dx,
        workup=tests,
        stratification=strat,
        treatment=treatment,
        monitoring=tuple(monitoring(case, facts, book.monitoring.items, today, options)),
        supportive=tuple(supportive(facts, book.supportive)),
        prognosis=prognosis(facts, book.prognosis, book.prognosis_scores),
        warnings=tuple(
            warnings(facts, book.treatment.warnings)
            + warnings(facts, book.monitoring.warnings)
            + warnings(facts, book.warnings)
        ),
    )


def _agent_facts(treatment: Treatment) -> dict[str, bool]:
    """Which kinds of drug the offered (not withheld) options contain."""
    agents = {a for o in treatment.primary if not o.withheld for a in o.agents}
    return {
        "imid_option": bool(agents & {"lenalidomide", "thalidomide"}),
        "myelosuppressive_option": bool(agents & {"lenalidomide", "melphalan"}),
        "alkylator_option": "melphalan" in agents,
        "daratumumab_option": "daratumumab" in agents,
    }


def _radiation_outside(case: PatientCase, book: RuleBook) -> bool:
    dose = case.radiation_dose_gy
    t = book.treatment
    return dose is not None and not t.radiation_accept_min_gy <= dose <= t.radiation_accept_max_gy

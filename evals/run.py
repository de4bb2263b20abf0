"""Run the evaluation suites against the service and collect metrics and gates.

Suites: questions (rubrics), conversations, vignettes (plan fields), retrieval (hybrid beside
dense-only and BM25-only), handouts (readability). Deterministic and offline.
"""

from __future__ import annotations

import json
import statistics
import time
import tomllib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from assistant.chat import Conversation
from assistant.contracts import Answer, PatientCase
from assistant.service import Assistant
from evals.metrics import citation_check, plan_field_results
from evals.retrieval import GOLD_DIR, load_cases, score_mode
from evals.rubric import Criterion, score_rubric, severity1_errors

SUITES = ("questions", "conversations", "vignettes", "retrieval", "handouts")
THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"
Progress = Callable[[str, int, int], None]


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = (GOLD_DIR / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def eval_date() -> date:
    """The fixed date every plan and answer is computed for."""
    data = tomllib.loads(THRESHOLDS.read_text(encoding="utf-8"))
    return date.fromisoformat(data["run"]["eval_date"])


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))]


def run_questions(service: Assistant, today: date, progress: Progress | None) -> dict[str, Any]:
    """Rubric scores, language, refusal, intent, citations and latency per gold question."""
    rows = []
    questions = _jsonl("questions.jsonl")
    for i, q in enumerate(questions):
        case = PatientCase.model_validate(q["case"]) if q.get("case") else None
        start = time.perf_counter()
        answer = service.ask(q["question"], case=case, lang=q.get("force_lang"), today=today)
        latency = (time.perf_counter() - start) * 1000
        s = score_rubric(answer, [Criterion(**c) for c in q["rubric"]])
        valid, cited = citation_check(answer)
        rows.append(
            {
                "id": q["id"],
                "lang": q["lang"],
                "topic": q["intent"],
                "score": s.score,
                "facts_met": s.facts_met,
                "facts_total": s.facts_total,
                "harmful": list(s.harmful),
                "severity1": list(s.severity1),
                "lang_ok": answer.lang == q["lang"],
                "refused_ok": answer.refused == q["refused"],
                "intent_ok": answer.intent == q["intent"],
                "citations_valid": valid,
                "citations_total": cited,
                "latency_ms": round(latency, 2),
            }
        )
        if progress:
            progress("questions", i + 1, len(questions))
    return {"rows": rows}


def _turn_ok(answer: Answer, turn: dict[str, Any]) -> bool:
    import re

    checks = [answer.lang == turn["lang"]]
    checks += [
        getattr(answer, k) == turn[k] for k in ("intent", "refused", "hypothetical") if k in turn
    ]
    if "stratum" in turn:
        checks.append(
            answer.plan is not None and answer.plan.stratification.status == turn["stratum"]
        )
    checks += [re.search(p, answer.text) is not None for p in turn.get("must", [])]
    return all(checks)


def run_conversations(service: Assistant, today: date, progress: Progress | None) -> dict[str, Any]:
    """Multi-turn conversations: every turn's language, intent, case and content."""
    rows = []
    convs = _jsonl("conversations.jsonl")
    for i, c in enumerate(convs):
        conv = Conversation(audience=c["turns"][0].get("audience", "clinician"))
        for turn in c["turns"]:
            answer, conv = service.chat(conv, turn["message"], today)
            valid, cited = citation_check(answer)
            rows.append(
                {
                    "id": c["id"],
                    "message": turn["message"],
                    "ok": _turn_ok(answer, turn),
                    "lang_ok": answer.lang == turn["lang"],
                    "severity1": list(severity1_errors(answer)),
                    "citations_valid": valid,
                    "citations_total": cited,
                }
            )
        if progress:
            progress("conversations", i + 1, len(convs))
    return {"rows": rows}


def run_vignettes(service: Assistant, progress: Progress | None) -> dict[str, Any]:
    """Plan fields of the gold vignettes, and plan-level severity-1 errors."""
    from evals.rubric import _plan_errors

    rows = []
    vignettes = _jsonl("vignettes.jsonl")
    for i, v in enumerate(vignettes):
        plan = service.plan(PatientCase.model_validate(v["case"]), date.fromisoformat(v["today"]))
        fields = plan_field_results(plan.model_dump(mode="json"), v)
        rows.append(
            {
                "id": v["id"],
                "fields": [{"path": p, "ok": ok} for p, ok in fields],
                "severity1": _plan_errors(plan),
            }
        )
        if progress:
            progress("vignettes", i + 1, len(vignettes))
    return {"rows": rows}


def run_retrieval(service: Assistant, progress: Progress | None) -> dict[str, Any]:
    """recall@5 and MRR of hybrid retrieval beside its dense-only and BM25-only halves."""
    cases = load_cases()

    def search(q: str, lang: Any, k: int, mode: Any) -> Any:
        return service.search(q, k=k, lang=lang, mode=mode)

    out = {}
    for i, mode in enumerate(("hybrid", "dense", "sparse")):
        out[mode] = score_mode(search, cases, mode, 5).model_dump()
        if progress:
            progress("retrieval", i + 1, 3)
    return out


def run_handouts(service: Assistant, progress: Progress | None) -> dict[str, Any]:
    """Readability of the handout of every vignette in both languages."""
    rows = []
    vignettes = _jsonl("vignettes.jsonl")
    for i, v in enumerate(vignettes):
        case = PatientCase.model_validate(v["case"])
        for lang in ("en", "es"):
            handout, _ = service.handout(case, lang, date.fromisoformat(v["today"]))
            r = handout.readability
            rows.append(
                {
                    "id": v["id"],
                    "lang": lang,
                    "index": r.index,
                    "score": r.score,
                    "band": r.band,
                    "passes": r.passes,
                }
            )
        if progress:
            progress("handouts", i + 1, len(vignettes))
    return {"rows": rows}


def _share(flags: Sequence[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 1.0


def summarize(results: dict[str, Any]) -> dict[str, Any]:
    """Flat metrics from the suite results."""
    m: dict[str, Any] = {}
    q = results.get("questions", {}).get("rows", [])
    c = results.get("conversations", {}).get("rows", [])
    answered = [r for r in q if r["facts_total"]]
    if q:
        m["rubric_score"] = round(statistics.mean(r["score"] for r in q), 4)
        m["key_fact_recall"] = _share(
            [True] * sum(r["facts_met"] for r in answered)
            + [False] * sum(r["facts_total"] - r["facts_met"] for r in answered)
        )
        m["refusal_accuracy"] = _share([r["refused_ok"] for r in q])
        m["intent_accuracy"] = _share([r["intent_ok"] for r in q])
        lat = [r["latency_ms"] for r in q]
        m["latency_p50_ms"], m["latency_p95_ms"] = _percentile(lat, 50), _percentile(lat, 95)
    if q or c:
        m["language_accuracy"] = _share([r["lang_ok"] for r in q + c])
        valid = sum(r["citations_valid"] for r in q + c)
        total = sum(r["citations_total"] for r in q + c)
        m["citation_validity"] = round(valid / total, 4) if total else 1.0
    if c:
        m["conversation_turn_accuracy"] = _share([r["ok"] for r in c])
    v = results.get("vignettes", {}).get("rows", [])
    if v:
        m["plan_field_accuracy"] = _share([f["ok"] for r in v for f in r["fields"]])
    if q or c or v:
        m["severity1_errors"] = sum(len(r["severity1"]) for r in q + c + v)
    if "retrieval" in results:
        r = results["retrieval"]
        m["retrieval_recall_at_5"] = r["hybrid"]["recall_at_k"]
        m["retrieval_mrr"] = r["hybrid"]["mrr"]
        m["dense_recall_at_5"] = r["dense"]["recall_at_k"]
        m["bm25_recall_at_5"] = r["sparse"]["recall_at_k"]
    h = results.get("handouts", {}).get("rows", [])
    if h:
        m["handout_readability"] = _share([r["passes"] for r in h])
        m["handout_worst_en_grade"] = max(r["score"] for r in h if r["lang"] == "en")
        m["handout_worst_es_inflesz"] = min(r["score"] for r in h if r["lang"] == "es")
    return m


def gates(metrics: dict[str, Any]) -> list[dict[str, Any]]:
    """Each gate of thresholds.toml whose metric was measured, with pass/fail."""
    spec = tomllib.loads(THRESHOLDS.read_text(encoding="utf-8"))["gate"]
    out = []
    for name, bound in spec.items():
        if name not in metrics:
            continue
        value = metrics[name]
        if "min" in bound:
            ok, op, limit = value >= bound["min"], ">=", bound["min"]
        else:
            ok, op, limit = value <= bound["max"], "<=", bound["max"]
        out.append({"gate": name, "value": value, "op": op, "threshold": limit, "passed": ok})
    return out


def run_eval(
    service: Assistant, suites: Sequence[str] = SUITES, progress: Progress | None = None
) -> dict[str, Any]:
    """Run the suites and return the report (metrics, breakdowns, gates, details)."""
    today = eval_date()
    uses_index = bool(set(suites) & {"questions", "conversations", "retrieval"})
    if uses_index:
        service.ask("POEMS warm-up", today=today)  # model and index load are not latency
    start = time.perf_counter()
    results: dict[str, Any] = {}
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "questions": lambda: run_questions(service, today, progress),
        "conversations": lambda: run_conversations(service, today, progress),
        "vignettes": lambda: run_vignettes(service, progress),
        "retrieval": lambda: run_retrieval(service, progress),
        "handouts": lambda: run_handouts(service, progress),
    }
    for suite in suites:
        results[suite] = runners[suite]()
    metrics = summarize(results)
    checked = gates(metrics)
    stamp = (
        service.stamp()
        if uses_index
        else {
            "knowledge_version": service.rulebook().knowledge_version,
            "index_id": "",
            "settings_fingerprint": service.settings.fingerprint(),
        }
    )
    return {
        "meta": {
            **stamp,
            "llm": service.settings.llm or "none (deterministic composer)",
            "eval_date": today.isoformat(),
            "suites": list(suites),
            "duration_s": round(time.perf_counter() - start, 2),
        },
        "metrics": metrics,
        "by_topic": _breakdown(results, "topic"),
        "by_lang": _breakdown(results, "lang"),
        "retrieval": results.get("retrieval", {}),
        "gates": checked,
        "passed": all(g["passed"] for g in checked),
        "details": {k: v.get("rows", v) for k, v in results.items() if k != "retrieval"},
    }


def _breakdown(results: dict[str, Any], key: str) -> dict[str, float]:
    rows = results.get("questions", {}).get("rows", [])
    groups: dict[str, list[float]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r["score"])
    return {k: round(statistics.mean(v), 4) for k, v in sorted(groups.items())}

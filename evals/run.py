"""Run the evaluation suites against the service and collect metrics and gates.

Suites: questions (rubrics of paraphrase families), conversations, vignettes (plan fields),
retrieval (hybrid beside dense-only and BM25-only), handouts (readability). Deterministic and
offline. Question and conversation metrics are computed per split; the gate reads `test`.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from assistant.contracts import PatientCase
from evals.gold import GOLD_DIR, GoldSet, load_gold, read_jsonl
from evals.retrieval import load_cases, score_mode
from evals.rubric import plan_errors
from evals.runners import ConversationFactory, run_conversations, run_questions
from evals.summary import breakdown, summarize

SUITES = ("questions", "conversations", "vignettes", "retrieval", "handouts")
THRESHOLDS = Path(__file__).resolve().parent / "thresholds.toml"
Progress = Callable[[str, int, int], None]


def eval_date() -> date:
    """The fixed date every plan and answer is computed for."""
    data = tomllib.loads(THRESHOLDS.read_text(encoding="utf-8"))
    return date.fromisoformat(data["run"]["eval_date"])


def run_vignettes(
    service: Any, vignettes: Sequence[dict[str, Any]], progress: Progress | None
) -> dict[str, Any]:
    """Plan fields of the gold vignettes, and plan-level severity-1 errors."""
    from evals.metrics import plan_field_results

    rows = []
    for i, v in enumerate(vignettes):
        plan = service.plan(PatientCase.model_validate(v["case"]), date.fromisoformat(v["today"]))
        fields = plan_field_results(plan.model_dump(mode="json"), v)
        rows.append(
            {
                "id": v["id"],
                "fields": [{"path": p, "ok": ok} for p, ok in fields],
                "severity1": plan_errors(plan),
            }
        )
        if progress:
            progress("vignettes", i + 1, len(vignettes))
    return {"rows": rows}


def run_retrieval(service: Any, progress: Progress | None) -> dict[str, Any]:
    """recall@5 and MRR of hybrid retrieval beside its dense-only and BM25-only halves."""
    cases = load_cases()

    def search(q: str, lang: Any, k: int, mode: Any) -> Any:
        return service.search(q, k=k, lang=lang, mode=mode)

    out = {}
    for i, mode in enumerate(("hybrid", "dense", "sparse")):
        out[mode] = score_mode(search, cases, mode, 5).model_dump()
        if progress:
            progress("retrieval", i + 1, 3)
    test = [c for c in cases if c.split == "test"]
    out["hybrid_test"] = score_mode(search, test, "hybrid", 5).model_dump()
    return out


def run_handouts(
    service: Any, vignettes: Sequence[dict[str, Any]], progress: Progress | None
) -> dict[str, Any]:
    """Readability of the handout of every vignette in both languages."""
    rows = []
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


def gates(metrics: dict[str, Any], thresholds: Path = THRESHOLDS) -> list[dict[str, Any]]:
    """Each gate of thresholds.toml whose metric was measured, with pass/fail."""
    spec = tomllib.loads(thresholds.read_text(encoding="utf-8"))["gate"]
    out = []
    for name, bound in spec.items():
        if metrics.get(name) is None:
            continue
        value = metrics[name]
        if "min" in bound:
            ok, op, limit = value >= bound["min"], ">=", bound["min"]
            on_target = value >= bound.get("target", bound["min"])
        else:
            ok, op, limit = value <= bound["max"], "<=", bound["max"]
            on_target = value <= bound.get("target", bound["max"])
        out.append(
            {
                "gate": name,
                "value": value,
                "op": op,
                "threshold": limit,
                "target": bound.get("target", limit),
                "passed": ok,
                "on_target": on_target,
            }
        )
    return out


def _meta(service: Any, suites: Sequence[str], uses_index: bool) -> dict[str, Any]:
    if uses_index:
        stamp = service.stamp()
    else:
        stamp = {
            "knowledge_version": service.rulebook().knowledge_version,
            "index_id": "",
            "settings_fingerprint": service.settings.fingerprint(),
        }
    return {
        **stamp,
        "llm": service.settings.llm or "none (deterministic composer)",
        "suites": list(suites),
    }


@dataclass(frozen=True)
class EvalInputs:
    """Where the gold sets come from; tests pass small fixtures and a conversation factory."""

    gold_dir: Path = GOLD_DIR
    gold: GoldSet | None = None
    new_conversation: ConversationFactory | None = None


def _run_suites(
    service: Any, suites: Sequence[str], inputs: EvalInputs, progress: Progress | None
) -> dict[str, Any]:
    today = eval_date()

    @cache
    def gold() -> GoldSet:
        return inputs.gold or load_gold(inputs.gold_dir)

    needs_vignettes = set(suites) & {"vignettes", "handouts"}
    vignettes = read_jsonl(inputs.gold_dir / "vignettes.jsonl") if needs_vignettes else []
    runners: dict[str, Callable[[], dict[str, Any]]] = {
        "questions": lambda: run_questions(service, gold(), today, progress),
        "conversations": lambda: run_conversations(
            service, gold(), today, progress, inputs.new_conversation
        ),
        "vignettes": lambda: run_vignettes(service, vignettes, progress),
        "retrieval": lambda: run_retrieval(service, progress),
        "handouts": lambda: run_handouts(service, vignettes, progress),
    }
    return {suite: runners[suite]() for suite in suites}


def _report(results: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    metrics, by_split = summarize(results)
    checked = gates(metrics)
    parts = breakdown(results)
    test = parts.get("test", {})
    return {
        "meta": meta,
        "metrics": metrics,
        "by_split": by_split,
        "breakdown": parts,
        "by_topic": _scores(test.get("topic", {})),
        "by_lang": _scores(test.get("lang", {})),
        "retrieval": {k: v for k, v in results.get("retrieval", {}).items() if k != "hybrid_test"},
        "gates": checked,
        "passed": all(g["passed"] for g in checked),
        "details": {k: v.get("rows", v) for k, v in results.items() if k != "retrieval"},
    }


def run_eval(
    service: Any,
    suites: Sequence[str] = SUITES,
    progress: Progress | None = None,
    inputs: EvalInputs | None = None,
) -> dict[str, Any]:
    """Run the suites and return the report (metrics, breakdowns, gates, details)."""
    uses_index = bool(set(suites) & {"questions", "conversations", "retrieval"})
    if uses_index:
        service.ask("POEMS warm-up", today=eval_date())  # model and index load are not latency
    start = time.perf_counter()
    results = _run_suites(service, suites, inputs or EvalInputs(), progress)
    meta = {
        **_meta(service, suites, uses_index),
        "eval_date": eval_date().isoformat(),
        "duration_s": round(time.perf_counter() - start, 2),
    }
    return _report(results, meta)


def _scores(groups: dict[str, dict[str, Any]]) -> dict[str, float]:
    return {k: v["rubric_score"] for k, v in groups.items() if v["rubric_score"] is not None}

"""Metrics from suite rows: per split (the gate reads `test`), per language and per topic."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from evals.metrics import median, percentile

SPLITS = ("test", "dev")


def _share(flags: Sequence[bool]) -> float:
    return round(sum(flags) / len(flags), 4) if flags else 1.0


def answered_metrics(q: list[dict[str, Any]], c: list[dict[str, Any]]) -> dict[str, Any]:
    """Question and conversation metrics of one group of rows."""
    m: dict[str, Any] = {}
    scored = [r for r in q if not r["expected_refused"]]
    if scored:
        m["rubric_score"] = round(statistics.mean(r["score"] for r in scored), 4)
        met = sum(r["facts_met"] for r in scored)
        total = sum(r["facts_total"] for r in scored)
        m["key_fact_recall"] = round(met / total, 4) if total else 1.0
    one_fact = [r["answer_first"] for r in scored if r["one_fact"]]
    if one_fact:
        m["answer_first"] = _share(one_fact)
    words = [r["words"] for r in q if not r["refused"]]
    focused = [r["words"] for r in q if not r["refused"] and r["topic"] != "overview"]
    if words:
        m["median_words"] = median(words)
        m["p90_words"] = percentile(words, 90)
    if focused:
        m["median_words_non_overview"] = median(focused)
    m.update(_row_metrics(q + c))
    if c:
        m["conversation_turn_accuracy"] = _share([r["ok"] for r in c])
    return m


def _row_metrics(rows: list[dict[str, Any]]) -> dict[str, Any]:
    if not rows:
        return {}
    valid = sum(r["citations_valid"] for r in rows)
    total = sum(r["citations_total"] for r in rows)
    return {
        "over_refusals": sum(r["refused"] and not r["expected_refused"] for r in rows),
        "under_refusals": sum(r["expected_refused"] and not r["refused"] for r in rows),
        "refusal_accuracy": _share([r["refused"] == r["expected_refused"] for r in rows]),
        "case_changes_by_questions": sum(bool(r["case_changed"]) for r in rows),
        "language_accuracy": _share([r["lang_ok"] for r in rows]),
        "citation_validity": round(valid / total, 4) if total else 1.0,
        "severity1_in_split": sum(len(r["severity1"]) for r in rows),
    }


def summarize(results: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(gate metrics: test split + whole-run measures, metrics of every split)."""
    q = results.get("questions", {}).get("rows", [])
    c = results.get("conversations", {}).get("rows", [])
    by_split = {
        s: answered_metrics([r for r in q if r["split"] == s], [r for r in c if r["split"] == s])
        for s in SPLITS
    }
    m: dict[str, Any] = {k: v for k, v in by_split["test"].items() if k != "severity1_in_split"}
    if q:
        lat = [r["latency_ms"] for r in q]
        m["latency_p50_ms"], m["latency_p95_ms"] = percentile(lat, 50), percentile(lat, 95)
    v = results.get("vignettes", {}).get("rows", [])
    if v:
        m["plan_field_accuracy"] = _share([f["ok"] for r in v for f in r["fields"]])
    if q or c or v:
        # A harmful statement is never acceptable: severity 1 counts every split.
        m["severity1_errors"] = sum(len(r["severity1"]) for r in q + c + v)
    m.update(_retrieval_metrics(results))
    h = results.get("handouts", {}).get("rows", [])
    if h:
        m["handout_readability"] = _share([r["passes"] for r in h])
        m["handout_worst_en_grade"] = max(r["score"] for r in h if r["lang"] == "en")
        m["handout_worst_es_inflesz"] = min(r["score"] for r in h if r["lang"] == "es")
    return m, by_split


def _retrieval_metrics(results: dict[str, Any]) -> dict[str, Any]:
    if "retrieval" not in results:
        return {}
    r = results["retrieval"]
    return {
        "retrieval_recall_at_5": r["hybrid"]["recall_at_k"],
        "retrieval_recall_at_5_test": r["hybrid_test"]["recall_at_k"],
        "retrieval_mrr": r["hybrid"]["mrr"],
        "dense_recall_at_5": r["dense"]["recall_at_k"],
        "bm25_recall_at_5": r["sparse"]["recall_at_k"],
    }


def _group(rows: list[dict[str, Any]], key: str) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault(r[key], []).append(r)
    return dict(sorted(groups.items()))


def _row_summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    m = answered_metrics(rows, [])
    return {
        "n": len(rows),
        "rubric_score": m.get("rubric_score"),
        "answer_first": m.get("answer_first"),
        "median_words": m.get("median_words"),
        "over_refusals": m.get("over_refusals", 0),
        "under_refusals": m.get("under_refusals", 0),
        "case_changes": m.get("case_changes_by_questions", 0),
        "language_accuracy": m.get("language_accuracy"),
        "severity1": m.get("severity1_in_split", 0),
    }


def breakdown(results: dict[str, Any]) -> dict[str, Any]:
    """Per split, per language and per topic summaries of the question rows."""
    q = results.get("questions", {}).get("rows", [])
    out: dict[str, Any] = {}
    for s in SPLITS:
        rows = [r for r in q if r["split"] == s]
        if rows:
            out[s] = {
                key: {k: _row_summary(v) for k, v in _group(rows, key).items()}
                for key in ("lang", "topic")
            }
    return out

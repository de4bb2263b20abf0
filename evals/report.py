"""Evaluation reports: JSON, Markdown, HTML with inline SVG charts, and report comparison."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any


def _fmt(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


_SPLIT_KEYS = (
    "rubric_score",
    "answer_first",
    "median_words",
    "p90_words",
    "median_words_non_overview",
    "over_refusals",
    "under_refusals",
    "case_changes_by_questions",
    "language_accuracy",
    "severity1_in_split",
    "conversation_turn_accuracy",
    "citation_validity",
)
_GROUP_KEYS = (
    "n",
    "rubric_score",
    "answer_first",
    "median_words",
    "over_refusals",
    "under_refusals",
    "case_changes",
    "language_accuracy",
    "severity1",
)


def _cell(value: Any) -> str:
    return "–" if value is None else _fmt(value)


def split_table(report: dict[str, Any]) -> list[str]:
    """Markdown rows: the answer metrics of the test split beside the dev split."""
    by_split = report.get("by_split", {})
    if not any(by_split.values()):
        return []
    lines = ["| metric (questions and turns) | test (gate) | dev |", "|---|---|---|"]
    for key in _SPLIT_KEYS:
        test, dev = by_split.get("test", {}).get(key), by_split.get("dev", {}).get(key)
        if test is not None or dev is not None:
            lines.append(f"| {key} | {_cell(test)} | {_cell(dev)} |")
    return lines


def group_table(groups: dict[str, dict[str, Any]], title: str) -> list[str]:
    """Markdown rows: one line per language or topic."""
    head = " | ".join(_GROUP_KEYS)
    lines = [f"| {title} | {head} |", "|---" * (len(_GROUP_KEYS) + 1) + "|"]
    for name, row in groups.items():
        cells = " | ".join(_cell(row.get(k)) for k in _GROUP_KEYS)
        lines.append(f"| {name} | {cells} |")
    return lines


def _failures(report: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    questions = report["details"].get("questions", [])
    bad = [
        q
        for q in questions
        if q["split"] == "test"
        and (q["score"] < 1 or q["severity1"] or q["refused"] != q["expected_refused"])
    ]
    if bad:
        lines += ["", "## Test questions below full marks", ""]
        lines += [
            f"- `{q['id']}` {q['score']:.2f} refused={q['refused']} missing={q['missing']} "
            f"{q['severity1'] or ''}"
            for q in bad
        ]
    turns = [t for t in report["details"].get("conversations", []) if not t["ok"]]
    if turns:
        lines += ["", "## Conversation turns that failed", ""]
        lines += [f"- `{t['id']}` ({t['split']}) {', '.join(t['failed'])}" for t in turns]
    return lines


def _gate_lines(report: dict[str, Any]) -> list[str]:
    meta = report["meta"]
    lines = [
        "# POEMS assistant evaluation",
        "",
        f"Knowledge `{meta['knowledge_version']}` · index `{meta['index_id']}` · settings "
        f"`{meta['settings_fingerprint']}` · generator: {meta['llm']} · date {meta['eval_date']} "
        f"· {meta['duration_s']} s",
        "",
        f"**Result: {'PASS' if report['passed'] else 'FAIL'}**",
        "",
        "| gate | value | floor (enforced) | target | result |",
        "|---|---|---|---|---|",
    ]
    for g in report["gates"]:
        target = g.get("target", g["threshold"])
        below = "" if g.get("on_target", g["passed"]) else " (below target)"
        lines.append(
            f"| {g['gate']} | {_fmt(g['value'])} | {g['op']} {g['threshold']} | "
            f"{g['op']} {target} | {'pass' if g['passed'] else 'FAIL'}{below} |"
        )
    return lines


def _retrieval_lines(report: dict[str, Any]) -> list[str]:
    if not report["retrieval"]:
        return []
    lines = ["", "## Retrieval (recall@5, MRR)", "", "| mode | recall@5 | MRR | en | es |"]
    lines.append("|---|---|---|---|---|")
    for mode, r in report["retrieval"].items():
        lines.append(
            f"| {mode} | {r['recall_at_k']:.3f} | {r['mrr']:.3f} | "
            f"{r['recall_by_lang']['en']:.3f} | {r['recall_by_lang']['es']:.3f} |"
        )
    return lines


def markdown_report(report: dict[str, Any]) -> str:
    """Summary tables: gates, metrics, splits, per-language and per-topic, retrieval."""
    lines = _gate_lines(report)
    lines += ["", "| metric | value |", "|---|---|"]
    lines += [f"| {k} | {_fmt(v)} |" for k, v in report["metrics"].items()]
    splits = split_table(report)
    if splits:
        lines += ["", "## Answers: test split (gate) and dev split", "", *splits]
    for split, parts in report.get("breakdown", {}).items():
        lines += [
            "",
            f"## By language ({split}, questions)",
            "",
            *group_table(parts["lang"], "lang"),
        ]
        lines += [
            "",
            f"## By topic ({split}, questions)",
            "",
            *group_table(parts["topic"], "topic"),
        ]
    lines += _retrieval_lines(report) + _failures(report)
    return "\n".join(lines) + "\n"


def console_table(report: dict[str, Any]) -> str:
    """Plain-text tables for the terminal: answers by split, then the test split by language."""
    rows = [("questions and turns", "test", "dev")]
    by_split = report.get("by_split", {})
    for key in _SPLIT_KEYS:
        test, dev = by_split.get("test", {}).get(key), by_split.get("dev", {}).get(key)
        if test is not None or dev is not None:
            rows.append((key, _cell(test), _cell(dev)))
    lines = [f"{a:<28} {b:>10} {c:>10}" for a, b, c in rows] if len(rows) > 1 else []
    test_parts = report.get("breakdown", {}).get("test", {})
    for key in ("lang", "topic"):
        groups = test_parts.get(key, {})
        if groups:
            lines += [
                "",
                f"{'test by ' + key:<18} {'n':>4} {'rubric':>7} {'first':>6} "
                f"{'words':>6} {'over':>5} {'under':>6} {'case':>5} {'lang':>5} {'sev1':>5}",
            ]
            for name, g in groups.items():
                lines.append(
                    f"{name:<18} {g['n']:>4} {_cell(g['rubric_score']):>7} "
                    f"{_cell(g['answer_first']):>6} {_cell(g['median_words']):>6} "
                    f"{g['over_refusals']:>5} {g['under_refusals']:>6} {g['case_changes']:>5} "
                    f"{_cell(g['language_accuracy']):>5} {g['severity1']:>5}"
                )
    return "\n".join(lines) + ("\n" if lines else "")


def _bars(title: str, data: dict[str, float]) -> str:
    """A horizontal SVG bar chart of values in 0-1."""
    width, row = 520, 22
    height = row * len(data) + 30
    parts = [
        f"<svg width='{width}' height='{height}' role='img' aria-label='{html.escape(title)}'>",
        f"<text x='0' y='14' font-weight='bold'>{html.escape(title)}</text>",
    ]
    for i, (label, value) in enumerate(data.items()):
        y = 24 + i * row
        bar = max(0.0, min(1.0, value)) * 300
        parts += [
            f"<text x='0' y='{y + 14}' font-size='12'>{html.escape(label)}</text>",
            f"<rect x='170' y='{y + 3}' width='{bar:.1f}' height='14' fill='#3b7dd8'/>",
            f"<text x='{176 + bar:.1f}' y='{y + 14}' font-size='12'>{value:.3f}</text>",
        ]
    return "".join(parts) + "</svg>"


def html_report(report: dict[str, Any]) -> str:
    """A standalone HTML report with charts (no scripts, works offline)."""
    import markdown_it

    body = markdown_it.MarkdownIt("commonmark").enable("table").render(markdown_report(report))
    charts = [
        _bars("Rubric score by topic", report["by_topic"]),
        _bars("Rubric score by language", report["by_lang"]),
    ]
    if report["retrieval"]:
        charts.append(
            _bars(
                "Retrieval recall@5", {m: r["recall_at_k"] for m, r in report["retrieval"].items()}
            )
        )
    style = (
        "body{font-family:sans-serif;max-width:60em;margin:2em auto}table{border-collapse:"
        "collapse}td,th{border:1px solid #bbb;padding:.2em .6em}svg{display:block;margin:1em 0}"
    )
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>POEMS eval</title>"
        f"<style>{style}</style></head><body>{''.join(charts)}{body}</body></html>\n"
    )


def write_reports(report: dict[str, Any], out: Path) -> list[Path]:
    """report.json, report.md and report.html in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / "report.json", out / "report.md", out / "report.html"]
    paths[0].write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    paths[1].write_text(markdown_report(report), encoding="utf-8")
    paths[2].write_text(html_report(report), encoding="utf-8")
    return paths


def compare(a: dict[str, Any], b: dict[str, Any]) -> str:
    """What changed between two reports: metrics, gates and per-question scores."""
    lines = ["| metric | A | B | change |", "|---|---|---|---|"]
    for key in sorted(set(a["metrics"]) | set(b["metrics"])):
        va, vb = a["metrics"].get(key), b["metrics"].get(key)
        delta = (
            f"{vb - va:+.4g}" if isinstance(va, int | float) and isinstance(vb, int | float) else ""
        )
        lines.append(f"| {key} | {_fmt(va)} | {_fmt(vb)} | {delta} |")
    qa = {q["id"]: q for q in a["details"].get("questions", [])}
    changed = [
        (q["id"], qa[q["id"]]["score"], q["score"])
        for q in b["details"].get("questions", [])
        if q["id"] in qa and q["score"] != qa[q["id"]]["score"]
    ]
    lines += [
        "",
        f"Result: A {'PASS' if a['passed'] else 'FAIL'} → B {'PASS' if b['passed'] else 'FAIL'}",
    ]
    if changed:
        lines += ["", "| question | A | B |", "|---|---|---|"]
        lines += [f"| {qid} | {sa:.2f} | {sb:.2f} |" for qid, sa, sb in changed]
    return "\n".join(lines) + "\n"

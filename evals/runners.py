"""The question and conversation suites: ask, score, and record one row per answer or turn."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from typing import Any

from assistant.contracts import Answer, PatientCase
from evals.gold import GoldConversation, GoldSet, Question, Turn
from evals.metrics import (
    answer_first,
    case_fields,
    citation_check,
    language_ok,
    subset_ok,
    text_language,
    word_count,
)
from evals.rubric import missing_systemic, score_rubric, severity1_errors

Progress = Callable[[str, int, int], None]
ConversationFactory = Callable[[str], Any]


def _case_changed(q: Question, answer: Answer) -> bool:
    """A question (not a stated finding, not a what-if) left a different case than it was given."""
    if q.states_findings or answer.hypothetical:
        return False
    given = PatientCase.model_validate(q.case) if q.case else None
    return case_fields(answer.case) != case_fields(given)


def _question_row(q: Question, answer: Answer, gold: GoldSet, latency: float) -> dict[str, Any]:
    rubric = gold.criteria(q.rubric)
    s = score_rubric(answer, rubric)
    sev = list(s.severity1) + (missing_systemic(answer) if q.disseminated else [])
    valid, cited = citation_check(answer)
    return {
        "id": q.id,
        "family": q.family,
        "split": q.split,
        "lang": q.lang,
        "topic": q.topic,
        "expected_refused": q.refused,
        "refused": answer.refused,
        "score": s.score,
        "facts_met": s.facts_met,
        "facts_total": s.facts_total,
        "missing": [c.text for c in rubric if c.points > 0 and not c.met(answer)],
        "one_fact": q.one_fact,
        "answer_first": answer_first(answer.text, rubric) if q.one_fact else None,
        "words": word_count(answer.text),
        "lang_ok": language_ok(answer, q.lang),
        "text_lang": text_language(answer.text),
        "case_changed": _case_changed(q, answer),
        "harmful": list(s.harmful),
        "severity1": sev,
        "citations_valid": valid,
        "citations_total": cited,
        "latency_ms": round(latency, 2),
    }


def run_questions(
    service: Any, gold: GoldSet, today: date, progress: Progress | None
) -> dict[str, Any]:
    """One row per gold question: rubric, answer-first, words, language, refusal, case."""
    rows = []
    for i, q in enumerate(gold.questions):
        case = PatientCase.model_validate(q.case) if q.case else None
        start = time.perf_counter()
        answer = service.ask(q.question, case=case, audience=q.audience, today=today)
        latency = (time.perf_counter() - start) * 1000
        rows.append(_question_row(q, answer, gold, latency))
        if progress:
            progress("questions", i + 1, len(gold.questions))
    return {"rows": rows}


def _turn_failures(
    turn: Turn, answer: Answer, before: dict[str, Any], after: dict[str, Any], gold: GoldSet
) -> list[str]:
    """Names of the checks a turn's answer fails."""
    failed = [] if language_ok(answer, turn.lang) else ["language"]
    if answer.refused != turn.refused:
        failed.append("refused" if turn.refused else "over-refused")
    failed += [f"must:{m}" for m in turn.must if not gold.fact(m).search(answer.text)]
    if turn.must_not_change_case and before != after:
        failed.append("case changed")
    if turn.case and not subset_ok(turn.case, after):
        failed.append("case fields")
    failed += [f"unset:{f}" for f in turn.case_unset if f in after]
    if turn.stratum is not None:
        status = answer.plan.stratification.status if answer.plan else None
        if status != turn.stratum:
            failed.append(f"stratum:{status}")
    if turn.hypothetical is not None and answer.hypothetical != turn.hypothetical:
        failed.append("hypothetical")
    if turn.notes is not None and bool(answer.notes) != turn.notes:
        failed.append("notes")
    return failed


def _default_factory(audience: str) -> Any:
    from assistant.chat import Conversation

    return Conversation(audience=audience)


def _conversation_rows(
    service: Any, c: GoldConversation, gold: GoldSet, today: date, conv: Any
) -> list[dict[str, Any]]:
    rows = []
    for n, turn in enumerate(c.turns, start=1):
        before = case_fields(getattr(conv, "case", None))
        answer, conv = service.chat(conv, turn.message, today)
        after = case_fields(getattr(conv, "case", None))
        failed = _turn_failures(turn, answer, before, after, gold)
        valid, cited = citation_check(answer)
        rows.append(
            {
                "id": f"{c.id}#{n}",
                "split": c.split,
                "lang": turn.lang,
                "message": turn.message,
                "ok": not failed,
                "failed": failed,
                "expected_refused": turn.refused,
                "refused": answer.refused,
                "lang_ok": "language" not in failed,
                "case_changed": turn.must_not_change_case and before != after,
                "severity1": list(severity1_errors(answer)),
                "words": word_count(answer.text),
                "citations_valid": valid,
                "citations_total": cited,
            }
        )
    return rows


def run_conversations(
    service: Any,
    gold: GoldSet,
    today: date,
    progress: Progress | None,
    new_conversation: ConversationFactory | None = None,
) -> dict[str, Any]:
    """One row per turn: language, refusal, facts, case changes, stratum, hypothetical."""
    factory = new_conversation or _default_factory
    rows: list[dict[str, Any]] = []
    for i, c in enumerate(gold.conversations):
        rows += _conversation_rows(service, c, gold, today, factory(c.audience))
        if progress:
            progress("conversations", i + 1, len(gold.conversations))
    return {"rows": rows}

"""Shared answer checks: citations resolve; general clinician sentences are quoted verbatim."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from assistant.chat import Conversation, respond
from assistant.chat.evidence import sentences, strip_markers
from assistant.contracts import Answer

TODAY = date(2026, 11, 26)

CITED_LINE = re.compile(r"^- (.*?) \[(\d+)\](?:\[\d+\])*$")


def unresolved_citations(answer: Answer) -> list[int]:
    """[n] markers in the text without a citation."""
    known = {c.n for c in answer.citations}
    return [int(n) for n in re.findall(r"\[(\d+)\]", answer.text) if int(n) not in known]


def unquoted_sentences(answer: Answer) -> list[str]:
    """Cited bullet sentences that are not a sentence of their cited passage."""
    quotes = {c.n: {strip_markers(s) for s in sentences(c.quote)} for c in answer.citations}
    bad = []
    for line in answer.text.splitlines():
        m = CITED_LINE.match(line)
        if m and m.group(1) not in quotes[int(m.group(2))]:
            bad.append(line)
    return bad


def uncited_clinical_lines(answer: Answer) -> list[str]:
    """Bullet lines without a citation (headings, notes and italics are not claims)."""
    return [
        line
        for line in answer.text.splitlines()
        if line.startswith("- ") and not CITED_LINE.match(line)
    ]


def answered_with(answer: Answer, pattern: str) -> bool:
    """Answered (not refused) and the text holds `pattern`."""
    return not answer.refused and re.search(pattern, answer.text) is not None


def first_bullets(answer: Answer, n: int = 2) -> str:
    """The answer's first n bullet lines, joined: where a clinician reads the answer."""
    return " ".join([x for x in answer.text.splitlines() if x.startswith("- ")][:n])


def ask(engine: Any, question: str, audience: str = "clinician") -> Answer:
    """One question in a fresh conversation, answered on TODAY."""
    return respond(Conversation(audience=audience), question, engine, TODAY)[0]


def leads_with(engine: Any, question: str, audience: str, pattern: str) -> str | None:
    """None when the question is answered and its first two bullets hold `pattern`; else what
    the clinician read instead (the refusal, or the first bullets)."""
    answer = ask(engine, question, audience)
    if answer.refused:
        return "refused: " + answer.text[:300]
    bullets = first_bullets(answer, 2)
    return None if re.search(pattern, bullets) else bullets

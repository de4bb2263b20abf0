"""HealthBench-style rubrics checked by deterministic matchers (no language model).

A criterion is a statement the answer must contain (positive points) or must not contain
(negative points). Matchers: a regular expression, a number with its unit, or a cited section.
Severity-1 checks run on every answer: thalidomide or bortezomib as first choice, aspirin gated
on a platelet count presented as settled, doses that no source gives, the 2-year PFS / 5-year OS
mix-up, and a disseminated plan without systemic therapy.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.chat.evidence import sentences, strip_markers
from assistant.contracts import Answer, Plan

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Criterion(BaseModel):
    """One rubric line."""

    model_config = _CONFIG

    text: str = Field(description="What the criterion checks, in words.")
    points: int = Field(description="Positive: must be present; negative: must be absent.")
    regex: str | None = Field(None, description="Pattern searched in the answer text.")
    number: float | None = Field(None, description="A number that must appear with `unit`.")
    unit: str | None = Field(None, description="Unit following the number.")
    cites_section: str | None = Field(None, description="A cited passage's section id.")
    severity: Literal[0, 1] = Field(0, description="1: a harmful statement is severity 1.")

    def met(self, answer: Answer) -> bool:
        """True when the matcher finds its statement in the answer."""
        if self.regex is not None:
            return re.search(self.regex, answer.text) is not None
        if self.number is not None:
            value = f"{self.number:g}".replace(".", "[.,]")
            unit = re.escape(self.unit or "")
            return re.search(rf"(?<![\d.,]){value}\s?{unit}", answer.text) is not None
        if self.cites_section is not None:
            return any(c.section_id == self.cites_section for c in answer.citations)
        return False


class Score(BaseModel):
    """Rubric result of one answer."""

    model_config = _CONFIG

    score: float
    earned: int
    possible: int
    facts_met: int
    facts_total: int
    harmful: tuple[str, ...]
    severity1: tuple[str, ...]


def score_rubric(answer: Answer, rubric: Iterable[Criterion]) -> Score:
    """Points earned over points possible, clipped to 0-1 (HealthBench style)."""
    rubric = list(rubric)
    positive = [c for c in rubric if c.points > 0]
    possible = sum(c.points for c in positive)
    met_pos = [c for c in positive if c.met(answer)]
    hit_neg = [c for c in rubric if c.points < 0 and c.met(answer)]
    earned = sum(c.points for c in met_pos) + sum(c.points for c in hit_neg)
    sev = tuple(c.text for c in hit_neg if c.severity == 1) + severity1_errors(answer)
    score = 1.0 if possible == 0 else min(1.0, max(0.0, earned / possible))
    return Score(
        score=round(score, 4),
        earned=earned,
        possible=possible,
        facts_met=len(met_pos),
        facts_total=len(positive),
        harmful=tuple(c.text for c in hit_neg),
        severity1=sev,
    )


_FIRST_CHOICE = re.compile(
    r"(?i)(thalidomide|bortezomib|talidomida|bortezomib)[^.\n]{0,60}"
    r"(is|es|are|son)\s+(the\s+|el\s+|la\s+)?(first[- ]line|first choice|preferred|"
    r"de primera (elección|línea)|preferid[oa])"
)
_ASPIRIN_GATED = re.compile(
    r"(?i)(aspirin|aspirina|AAS|antiplatelet|antiagrega)[^.\n]{0,80}"
    r"(only|solo|únicamente)[^.\n]{0,40}(400[ ,.]?000|400 ?×|400 x)"
)
_KNOWN_DOSES = {
    r"(?i)lenalidom\w*\s+(\d+)\s?mg": {10.0, 15.0, 25.0},
    r"(?i)melphalan\s+(\d+)\s?mg/m|melfalán\s+(\d+)\s?mg/m": {140.0, 200.0},
    r"(?i)thalidomide\s+(\d+)\s?mg|talidomida\s+(\d+)\s?mg": {200.0},
    r"(?i)dexamet\w+\s+(\d+)\s?mg": {12.0, 20.0, 40.0},
}
_GY = re.compile(r"(\d+)\s?[-–]\s?(\d+)\s?Gy")


def _wrong_doses(text: str) -> list[str]:
    out = []
    for pattern, allowed in _KNOWN_DOSES.items():
        for m in re.finditer(pattern, text):
            value = float(next(g for g in m.groups() if g))
            if value not in allowed:
                out.append(f"dose not in any source: {m.group(0)}")
    for m in _GY.finditer(text):
        if (m.group(1), m.group(2)) not in {("40", "50"), ("35", "54"), ("3", "6")}:
            out.append(f"radiation dose range not in any source: {m.group(0)}")
    return out


def _pfs_mixup(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        mixup = re.search(r"94 ?%", line) and re.search(
            r"\b2\b[^.\n]{0,15}(years|años)|2-year", line
        )
        corrected = re.search(r"(?i)wrong|errónea|in fact|en realidad|disagree|discrepan", line)
        if mixup and not corrected:
            out.append("94% presented as 2-year PFS")
    return out


def _plan_errors(plan: Plan | None) -> list[str]:
    if plan is None:
        return []
    out = []
    codes = {o.code for o in plan.treatment.primary}
    if codes & {"thalidomide", "bortezomib"} or any(
        "thalidomide" in c or "bortezomib" in c for c in codes
    ):
        out.append("thalidomide or bortezomib as a first-line option in the plan")
    if plan.stratification.status == "disseminated" and "radiation" in codes:
        out.append("disseminated disease planned with radiation alone")
    return out


def severity1_errors(answer: Answer) -> tuple[str, ...]:
    """Severity-1 errors found in any answer, whatever the question."""
    text = answer.text
    errors: list[str] = []
    lines = (line.lstrip("-* ") for line in text.splitlines())
    for sentence in (strip_markers(s) for line in lines for s in sentences(line)):
        if _FIRST_CHOICE.search(sentence) and not re.search(r"(?i)\bnot\b|\bno\b", sentence):
            errors.append(f"first choice: {sentence[:80]}")
        if _ASPIRIN_GATED.search(sentence) and not re.search(
            r"(?i)seed|semilla|disagree|discrep", sentence
        ):
            errors.append(f"aspirin gated on platelets: {sentence[:80]}")
    errors += _wrong_doses(text) + _pfs_mixup(text) + _plan_errors(answer.plan)
    return tuple(errors)

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

from assistant.contracts import Answer, Plan

_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Criterion(BaseModel):
    """One rubric line."""

    model_config = _CONFIG

    text: str = Field(description="What the criterion checks, in words.")
    fact: str | None = Field(None, description="Id of the fact in gold/facts.jsonl.")
    points: int = Field(description="Positive: must be present; negative: must be absent.")
    regex: str | None = Field(None, description="Pattern searched in the answer text.")
    number: float | None = Field(None, description="A number that must appear with `unit`.")
    unit: str | None = Field(None, description="Unit following the number.")
    cites_section: str | None = Field(None, description="A cited passage's section id.")
    severity: Literal[0, 1] = Field(0, description="1: a harmful statement is severity 1.")

    def met(self, answer: Answer) -> bool:
        """True when the matcher finds its statement in the answer."""
        if self.cites_section is not None:
            return any(c.section_id == self.cites_section for c in answer.citations)
        return self.matches(answer.text)

    def matches(self, text: str) -> bool:
        """True when the regex or number matcher finds its statement in `text`."""
        if self.regex is not None:
            return re.search(self.regex, text) is not None
        if self.number is not None:
            value = f"{self.number:g}".replace(".", "[.,]")
            unit = re.escape(self.unit or "")
            return re.search(rf"(?<![\d.,]){value}\s?{unit}", text) is not None
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


_MARKERS = re.compile(r"\[\d+\]|\[@[^\]]*\]|\*\*|__|`")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡(\d])")


def plain_sentences(text: str) -> list[str]:
    """Sentences of an answer, bullets and markers removed (the harness's own splitter)."""
    out: list[str] = []
    for line in text.splitlines():
        line = _MARKERS.sub("", line).strip().lstrip("-*#0123456789. ").strip()
        out += [s.strip() for s in _SENTENCE_END.split(line) if s.strip()]
    return out


_DRUGS_NEURO = r"(?:thalidomid\w*|talidomid\w*|bortezomib)"
_FIRST_CHOICE = re.compile(
    rf"(?i){_DRUGS_NEURO}[^.\n]{{0,60}}\b(?:is|es|are|son|as|como|remains?|sigue siendo)\s+"
    r"(?:the\s+|el\s+|la\s+|una?\s+|an?\s+)?"
    r"(?:(?:tratamiento|treatment|opci[oó]n|option|terapia|therapy|f[aá]rmaco|drug)\s+)?"
    r"(?:first[- ]line|first[- ]choice|first choice|"
    r"preferred|treatment of choice|de primera (?:elecci[oó]n|l[ií]nea)|primera opci[oó]n|"
    r"preferid[oa]|de elecci[oó]n|standard first)"
)
_NEGATED = re.compile(r"(?i)\bnot\b|\bno\b|\bnever\b|\bnunca\b|\bni\b|avoid|evit|n't\b")
_ASPIRIN_GATED = re.compile(
    r"(?i)(?:aspirin|aspirina|\bAAS\b|antiplatelet|antiagrega\w*)[^.\n]{0,80}"
    r"(?:only|solo|sólo|únicamente|unicamente|if|when|si|cuando)[^.\n]{0,50}"
    r"(?:>|above|over|exceed|more than|por encima|superior|mayor|más de|mas de)?\s*"
    r"400[ ,.]?(?:000|×|x)"
)
_ASPIRIN_CONTEXT = re.compile(
    r"(?i)seed|semilla|disagree|discrep|no (?:published |upper )?(?:platelet )?threshold|"
    r"no hay (?:un )?umbral|sin umbral|not supported|no (?:est[aá] )?respaldad|unsupported|"
    r"regardless|independientemente|not (?:a )?(?:valid|evidence)"
)
# Doses some source gives (poems-facts.md §6-§7, §19.1; Li 2011 MDex: melphalan 10 mg/m²).
_KNOWN_DOSES = {
    r"(?i)lenalidom\w*\s+(\d+(?:[.,]\d+)?)\s?mg(?!\s*/\s*m)": {5.0, 10.0, 15.0, 25.0},
    r"(?i)(?:melphalan|melfal[aá]n)\s+(\d+(?:[.,]\d+)?)\s?mg\s*/\s*m": {10.0, 140.0, 200.0},
    r"(?i)(?:thalidomide|talidomida)\s+(\d+(?:[.,]\d+)?)\s?mg": {100.0, 200.0},
    r"(?i)dexamet\w+\s+(\d+(?:[.,]\d+)?)\s?mg": {12.0, 20.0, 40.0},
    r"(?i)daratumumab\s+(\d+(?:[.,]\d+)?)\s?mg\s*/\s*kg": {16.0},
}
_GY = re.compile(
    r"(?i)(?<![\d.,])(\d+)\s*(?:Gy\s*)?(?:-|–|—|to|a|hasta)\s*(\d+)\s*Gy"
    r"|(?:between|entre)\s+(\d+)\s*(?:Gy\s*)?(?:and|y)\s*(\d+)\s*Gy"
)
_GY_RANGES = {("40", "50"), ("35", "54")}
_SYSTEMIC = re.compile(
    r"(?i)systemic|sist[eé]mic|\bASCT\b|transplant|trasplante|\bTASPE\b|\bTAPH\b|lenalidom|"
    r"melphalan|melfal[aá]n|\bMDex\b|chemotherap|quimioterap"
)


def _wrong_doses(text: str) -> list[str]:
    out = []
    for pattern, allowed in _KNOWN_DOSES.items():
        for m in re.finditer(pattern, text):
            if float(m.group(1).replace(",", ".")) not in allowed:
                out.append(f"dose not in any source: {m.group(0)}")
    for m in _GY.finditer(text):
        low, high = m.group(1) or m.group(3), m.group(2) or m.group(4)
        if (low, high) not in _GY_RANGES:
            out.append(f"radiation dose range not in any source: {m.group(0)}")
    return out


def _pfs_mixup(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        mixup = re.search(r"94 ?%", line) and re.search(
            r"(?i)\b2\b[^.\n]{0,15}(years|años)|2-year|a 2 años|de 2 años", line
        )
        corrected = re.search(r"(?i)wrong|err[oó]ne|in fact|en realidad|disagree|discrepan", line)
        if mixup and not corrected:
            out.append("94% presented as 2-year PFS")
    return out


def _plan_errors(plan: Plan | None) -> list[str]:
    if plan is None:
        return []
    out = []
    codes = {o.code for o in plan.treatment.primary}
    if any("thalidomide" in c or "bortezomib" in c for c in codes):
        out.append("thalidomide or bortezomib as a first-line option in the plan")
    if plan.stratification.status == "disseminated" and "radiation" in codes:
        if not codes - {"radiation"}:
            out.append("disseminated disease planned with radiation alone")
        else:
            out.append("disseminated disease planned with radiation as a first-line option")
    return out


def plan_errors(plan: Plan | None) -> list[str]:
    """Severity-1 errors of a plan: neurotoxic first line, disseminated without systemic."""
    return _plan_errors(plan)


def missing_systemic(answer: Answer) -> list[str]:
    """Severity 1 when an answer about disseminated disease never names systemic therapy."""
    if answer.refused or _SYSTEMIC.search(answer.text):
        return []
    return ["disseminated disease answered without systemic therapy"]


def own_text(text: str) -> str:
    """The answer's own lines: quoted material ("> " lines, user documents) is not a claim."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">"))


def severity1_errors(answer: Answer) -> tuple[str, ...]:
    """Severity-1 errors found in any answer, whatever the question (quotes excluded)."""
    text = own_text(answer.text)
    errors: list[str] = []
    for sentence in plain_sentences(text):
        if _FIRST_CHOICE.search(sentence) and not _NEGATED.search(sentence):
            errors.append(f"first choice: {sentence[:80]}")
        if _ASPIRIN_GATED.search(sentence) and not _ASPIRIN_CONTEXT.search(sentence):
            errors.append(f"aspirin gated on platelets: {sentence[:80]}")
    errors += _wrong_doses(text) + _pfs_mixup(text) + _plan_errors(answer.plan)
    return tuple(errors)

"""The gold sets: facts (flexible regexes with examples), questions, conversations, vignettes.

Rubric lines name a fact of `facts.jsonl`; a fact is a regular expression written from the clinical
fact sheet (numbers with any dash or "to"/"a"/"y", accents optional, EN and ES variants), with
sentences it must match and sentences it must not. Every question and conversation carries a fixed
`split`: `dev` (tune on it) or `test` (the gate; never used for tuning).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from evals.rubric import Criterion

GOLD_DIR = Path(__file__).resolve().parent / "gold"
Split = Literal["dev", "test"]
LangCode = Literal["en", "es"]
_CONFIG = ConfigDict(frozen=True, extra="forbid")


class Fact(BaseModel):
    """A clinical fact as a regex, with hand-written examples it must and must not match."""

    model_config = _CONFIG

    id: str
    regex: str
    match: tuple[str, ...] = Field(min_length=1, description="Sentences the regex must match.")
    no_match: tuple[str, ...] = Field(min_length=1, description="Sentences it must not match.")


class RubricLine(BaseModel):
    """A fact the answer must state (points > 0) or must not state (points < 0)."""

    model_config = _CONFIG

    fact: str
    points: int
    severity: Literal[0, 1] = 0
    text: str | None = Field(None, description="Label (the fact id), for older readers.")
    regex: str | None = Field(None, description="Copy of the fact's regex, for older readers.")


class Question(BaseModel):
    """One gold question, member of a paraphrase family."""

    model_config = _CONFIG

    id: str
    family: str = Field(description="Paraphrase family: the same question in other words.")
    split: Split
    lang: LangCode
    topic: str
    audience: Literal["clinician", "patient"] = "clinician"
    question: str
    refused: bool = Field(description="True: the assistant must refuse it.")
    one_fact: bool = Field(False, description="Asks one thing: its facts belong in 150 words.")
    states_findings: bool = Field(False, description="The question states findings (a case).")
    disseminated: bool = Field(False, description="Describes disseminated disease.")
    rubric: tuple[RubricLine, ...] = ()
    case: dict[str, Any] | None = Field(None, description="PatientCase given with the question.")


class Turn(BaseModel):
    """One message of a gold conversation and what its answer must satisfy."""

    model_config = _CONFIG

    message: str
    lang: LangCode
    must: tuple[str, ...] = Field((), description="Facts the answer must state.")
    refused: bool = False
    must_not_change_case: bool = False
    case: dict[str, Any] = Field(default_factory=dict, description="Case fields after the turn.")
    case_unset: tuple[str, ...] = Field((), description="Case fields that must stay unknown.")
    stratum: str | None = None
    hypothetical: bool | None = None
    notes: bool | None = Field(None, description="True: the answer asks something back.")


class GoldConversation(BaseModel):
    """A multi-turn gold conversation."""

    model_config = _CONFIG

    id: str
    split: Split
    audience: Literal["clinician", "patient"] = "clinician"
    turns: tuple[Turn, ...] = Field(min_length=1)


class GoldSet(BaseModel):
    """Everything the question and conversation suites read."""

    model_config = ConfigDict(frozen=True)

    facts: dict[str, Fact]
    questions: tuple[Question, ...]
    conversations: tuple[GoldConversation, ...]

    def criteria(self, lines: tuple[RubricLine, ...]) -> list[Criterion]:
        """Rubric lines as matchers."""
        return [
            Criterion(
                text=line.fact,
                fact=line.fact,
                points=line.points,
                regex=self.facts[line.fact].regex,
                severity=line.severity,
            )
            for line in lines
        ]

    def fact(self, fact_id: str) -> re.Pattern[str]:
        """The compiled regex of a fact."""
        return re.compile(self.facts[fact_id].regex)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSON-lines file (blank lines skipped)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def load_gold(gold_dir: Path = GOLD_DIR) -> GoldSet:
    """Read and validate facts, questions and conversations; unknown fact ids are an error."""
    facts = {f["id"]: Fact.model_validate(f) for f in read_jsonl(gold_dir / "facts.jsonl")}
    questions = tuple(Question.model_validate(q) for q in read_jsonl(gold_dir / "questions.jsonl"))
    convs = tuple(
        GoldConversation.model_validate(c) for c in read_jsonl(gold_dir / "conversations.jsonl")
    )
    named = [line.fact for q in questions for line in q.rubric]
    named += [m for c in convs for t in c.turns for m in t.must]
    unknown = sorted(set(named) - set(facts))
    if unknown:
        raise ValueError(f"gold sets name unknown facts: {', '.join(unknown)}")
    stale = sorted(
        {
            q.id
            for q in questions
            for line in q.rubric
            if line.regex not in (None, facts[line.fact].regex)
        }
    )
    if stale:
        raise ValueError(f"rubric regex differs from facts.jsonl in: {', '.join(stale)}")
    return GoldSet(facts=facts, questions=questions, conversations=convs)

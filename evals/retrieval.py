"""Retrieval evaluation: recall@k and MRR on the gold questions, hybrid beside its baselines.

recall@k counts a question as answered when at least one of its gold sections is among the
top k passages (any listed section answers it). MRR uses the rank of the first such passage.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.contracts import Lang, Passage

GOLD_DIR = Path(__file__).resolve().parent / "gold"
SearchFn = Callable[[str, Lang, int, str], Sequence[Passage]]


class RetrievalCase(BaseModel):
    """One gold retrieval question."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(description="Stable case id.")
    split: Literal["dev", "test"] = Field(description="dev: may be tuned on; test: never.")
    lang: Lang = Field(description="Language of the question.")
    question: str = Field(description="The question as a user would type it.")
    sections: tuple[str, ...] = Field(min_length=1, description="Section ids that answer it.")


class ModeScore(BaseModel):
    """Scores of one retrieval mode."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    mode: str
    recall_at_k: float
    mrr: float
    recall_by_lang: dict[str, float]
    same_language_top1: float = Field(description="Share of questions whose top hit is in lang.")
    misses: tuple[str, ...]


def load_cases(path: Path = GOLD_DIR / "retrieval.jsonl") -> list[RetrievalCase]:
    """Read the gold retrieval questions."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [RetrievalCase.model_validate(json.loads(line)) for line in lines if line.strip()]


def first_hit_rank(passages: Sequence[Passage], gold: Sequence[str]) -> int | None:
    """1-based rank of the first passage from a gold section, or None."""
    for p in passages:
        if p.chunk.section_id in gold:
            return p.rank
    return None


def score_mode(search: SearchFn, cases: Sequence[RetrievalCase], mode: str, k: int) -> ModeScore:
    """recall@k, MRR, per-language recall and same-language top-1 for one mode."""
    hits: dict[str, list[bool]] = {"en": [], "es": []}
    rr: list[float] = []
    same_lang: list[bool] = []
    misses: list[str] = []
    for case in cases:
        passages = search(case.question, case.lang, k, mode)
        rank = first_hit_rank(passages, case.sections)
        hits[case.lang].append(rank is not None)
        rr.append(1.0 / rank if rank else 0.0)
        same_lang.append(bool(passages) and passages[0].chunk.lang == case.lang)
        if rank is None:
            misses.append(case.id)
    all_hits = hits["en"] + hits["es"]
    if not all_hits:
        raise ValueError("no retrieval cases to score")
    return ModeScore(
        mode=mode,
        recall_at_k=round(sum(all_hits) / len(all_hits), 4),
        mrr=round(sum(rr) / len(rr), 4),
        recall_by_lang={lang: round(sum(v) / len(v), 4) if v else 0.0 for lang, v in hits.items()},
        same_language_top1=round(sum(same_lang) / len(same_lang), 4),
        misses=tuple(misses),
    )


def format_table(scores: Sequence[ModeScore], k: int) -> str:
    """Plain-text table of the modes side by side."""
    head = f"{'mode':<8} {'recall@' + str(k):>9} {'MRR':>6} {'en':>6} {'es':>6} {'lang@1':>7}"
    rows = [head, "-" * len(head)]
    for s in scores:
        rows.append(
            f"{s.mode:<8} {s.recall_at_k:>9.3f} {s.mrr:>6.3f} {s.recall_by_lang['en']:>6.3f} "
            f"{s.recall_by_lang['es']:>6.3f} {s.same_language_top1:>7.3f}"
        )
    return "\n".join(rows)

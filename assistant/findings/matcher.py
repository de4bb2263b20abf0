"""The lexicon compiled for fast matching, and the cached default (the only I/O of extraction)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntFlag
from functools import lru_cache
from pathlib import Path

from assistant.findings.lexicon import Entry, Lexicon, load_lexicon
from assistant.findings.phrases import PhraseIndex, build_index


class Cue(IntFlag):
    """What a cue phrase does (a phrase may do several things)."""

    NEG_BEFORE = 1
    NEG_AFTER = 2
    NEG_FINAL = 4
    RESET = 8
    POS_AFTER = 16
    POS_FINAL = 32
    UNCERTAIN = 64
    PENDING = 128
    PSEUDO = 256  # "no improvement": matched so its "no" denies nothing
    TEST = 512  # "biopsy", "PET": a negation before it is about the test, not the finding
    RESOLVED = 1024  # "the oedema has gone": history, not a current finding


class Sent(IntFlag):
    """Sentence-level cues."""

    HYPOTHETICAL = 1
    STARTER = 2
    REQUEST = 4
    LEAD_IN = 8
    GENERAL = 16
    ANCHOR = 32
    BREAK = 64
    BELOW = 128
    ABOVE = 256
    QUERY = 512
    NON_PATIENT = 1024
    THRESHOLD = 2048


@dataclass(frozen=True)
class Matcher:
    """A Lexicon with its phrase indexes built once."""

    lexicon: Lexicon
    terms: PhraseIndex
    cues: PhraseIndex
    sentence: PhraseIndex
    qualifiers: tuple[PhraseIndex | None, ...]
    blockers: tuple[PhraseIndex | None, ...]

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The lexicon's entries, in file order (the term index payload is the position)."""
        return self.lexicon.findings.entries


def _masked(groups: list[tuple[int, tuple[str, ...]]]) -> PhraseIndex:
    masks: dict[str, int] = {}
    for flag, phrases in groups:
        for phrase in phrases:
            masks[phrase] = masks.get(phrase, 0) | flag
    return build_index((mask, (phrase,)) for phrase, mask in masks.items())


def _cue_index(lex: Lexicon) -> PhraseIndex:
    c = lex.cues
    return _masked(
        [
            (Cue.NEG_BEFORE, c.negation.before),
            (Cue.NEG_AFTER, c.negation.after),
            (Cue.NEG_FINAL, c.negation.after_final),
            (Cue.RESET, c.negation.reset),
            (Cue.POS_AFTER, c.positive.after),
            (Cue.POS_FINAL, c.positive.after_final),
            (Cue.UNCERTAIN, c.uncertainty.terms),
            (Cue.PENDING, c.pending.terms),
            (Cue.RESOLVED, c.resolved.terms),
            (Cue.PSEUDO, c.negation.pseudo),
            (Cue.PSEUDO, c.hypothetical.terms),  # "if the" in a what-if is not a condition
            (Cue.TEST, c.negation.tests),
        ]
    )


def _sentence_index(lex: Lexicon) -> PhraseIndex:
    c = lex.cues
    return _masked(
        [
            (Sent.HYPOTHETICAL, c.hypothetical.terms),
            (Sent.STARTER, c.question.starters),
            (Sent.REQUEST, c.question.requests),
            (Sent.LEAD_IN, c.question.lead_ins),
            (Sent.GENERAL, c.general.terms),
            (Sent.ANCHOR, c.general.anchors),
            (Sent.BREAK, c.clause.breaks),
            (Sent.BELOW, c.comparators.below),
            (Sent.ABOVE, c.comparators.above),
            (Sent.THRESHOLD, c.comparators.thresholds),
            (Sent.QUERY, c.general.queries),
            (Sent.NON_PATIENT, c.general.non_patient),
        ]
    )


def _optional(phrases: tuple[str, ...]) -> PhraseIndex | None:
    return build_index([(1, phrases)]) if phrases else None


def compile_lexicon(lex: Lexicon) -> Matcher:
    """Build the phrase indexes of a validated lexicon (pure)."""
    entries = lex.findings.entries
    return Matcher(
        lexicon=lex,
        terms=build_index((i, e.terms) for i, e in enumerate(entries)),
        cues=_cue_index(lex),
        sentence=_sentence_index(lex),
        qualifiers=tuple(_optional(e.qualifiers) for e in entries),
        blockers=tuple(_optional(e.blockers) for e in entries),
    )


def _default_dir() -> Path:
    """The knowledge folder shipped with the package (as `settings.packaged_knowledge`)."""
    return (Path(__file__).resolve().parents[1] / "_data" / "knowledge").resolve()


@lru_cache(maxsize=4)
def load_matcher(knowledge_dir: Path | None = None) -> Matcher:
    """The compiled lexicon of `knowledge_dir` (default: the bundled knowledge), loaded once."""
    return compile_lexicon(load_lexicon(knowledge_dir or _default_dir()))

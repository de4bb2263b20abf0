"""Folded text -> sentences (statement, question, hypothetical, general) -> clauses (pure)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from assistant.findings import special
from assistant.findings.matcher import Matcher, Sent
from assistant.findings.numbers import read_quantity
from assistant.findings.phrases import Token, tokenize
from assistant.text import fold

Kind = Literal["statement", "question", "hypothetical", "general"]
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SYMBOLS = str.maketrans(
    {
        "×": "x",
        "µ": "u",
        "μ": "u",
        "−": "-",
        "–": "-",
        "—": "-",
        "≤": "<=",
        "≥": ">=",
        "\u00a0": " ",
    }
)
_BOUNDARY = re.compile(r"¶|[.!]+(?=\s|$)|(?<=\S)\?+(?=\s|$)|(?=¿)")
_PUNCT_BREAK = re.compile(r";|(?<!\d),|,(?!\d)|\s-\s(?!\d)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of folded text, its kind and its tokens."""

    text: str
    kind: Kind
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class Clause:
    """A clause of a sentence: its text (offsets into the sentence) and its tokens."""

    text: str
    start: int
    tokens: tuple[Token, ...]


def normalize(message: str, max_chars: int) -> tuple[str, bool]:
    """Fold a message (lower case, no accents, one space) read up to `max_chars`."""
    head = message[:max_chars]
    head = re.sub(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + m.group().translate(_SUPERSCRIPT), head)
    head = re.sub(r"[\r\n]+", " ¶ ", head.translate(_SYMBOLS))
    return fold(head), len(message) > max_chars


def split_sentences(text: str) -> list[tuple[str, bool]]:
    """Sentences; a '?' ending one stays with it, '¿' starts one.

    The flag is True for a fragment that runs on into a '¿…?' question with no full stop between
    ("IgA lambda, ¿qué hago?", "Castleman sin clon ¿es POEMS?").
    """
    out: list[tuple[str, bool]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end() if m.group().startswith("?") else m.start()
        piece = text[start:end].strip()
        out.append((piece, m.group() == ""))  # no '.', '!' or '?' before the '¿'

        start = m.end()
    out.append((text[start:].strip(), False))
    return [(s, lead) for s, lead in out if s.strip(" ¶.!")]


def _opening(m: Matcher, toks: Sequence[Token]) -> int:
    """Sentence-level flags of the first words after any lead-ins ('and', 'y', 'so'...)."""
    i = 0
    while i < len(toks):
        hit = m.sentence.longest_at(toks, i)
        if hit is None or not hit.payload & Sent.LEAD_IN:
            return hit.payload if hit else 0
        i = hit.last
    return 0


def _flags(m: Matcher, toks: Sequence[Token]) -> int:
    flags = 0
    for hit in m.sentence.find(toks):
        flags |= hit.payload
    return flags


def _tied(m: Matcher, text: str, flags: int, labs: bool = True) -> bool:
    """Tied to a patient: a patient word or pronoun, an age, or (if `labs`) a lab value."""
    if flags & Sent.ANCHOR or special.age(m.lexicon.findings.age, text):
        return True
    return labs and any(read_quantity(m, q, text) for q in m.lexicon.findings.quantities)


def _kind(m: Matcher, text: str, toks: Sequence[Token]) -> Kind:
    flags = _flags(m, toks)
    if flags & Sent.NON_PATIENT:
        return "general"
    if flags & Sent.HYPOTHETICAL:
        return "hypothetical"
    if "¿" in text or text.endswith("?") or _opening(m, toks) & (Sent.STARTER | Sent.REQUEST):
        return "question"
    # "lenalidomide dose for CrCl 40" asks about a value: a lab alone does not tie a query
    untied = flags & (Sent.GENERAL | Sent.QUERY) and not _tied(m, text, flags, labs=False)
    return "general" if untied else "statement"


_CLAUSE_START = re.compile(r"[,;:]\s*|\s-\s")


def _stated_lead(m: Matcher, raw: str) -> str | None:
    """'He is eligible, what next?' -> 'he is eligible': the statement before a question clause.

    Only when the question clause opens with a question word and the lead is tied to a patient
    (a patient word, a pronoun, an age or a lab value): 'Castleman, is it likely?' states nothing.
    """
    if "¿" in raw or not raw.endswith("?"):
        return None
    for cut in _CLAUSE_START.finditer(raw):
        rest = tokenize(raw[cut.end() :])
        if rest and _opening(m, rest) & Sent.STARTER:
            lead = raw[: cut.start()]
            lead_toks = tokenize(lead)
            asks = _opening(m, lead_toks) & (Sent.STARTER | Sent.REQUEST)
            return lead if _tied(m, lead, _flags(m, lead_toks)) and not asks else None
    return None


def sentences(m: Matcher, text: str) -> list[Sentence]:
    """Every sentence of folded text with its kind."""
    out = []
    for raw, runs_on in split_sentences(text):
        toks = tokenize(raw)
        kind = _kind(m, raw, toks)
        if runs_on and kind == "statement" and not _tied(m, raw, _flags(m, toks)):
            kind = "general"  # "Castleman sin clon, ¿es POEMS?" asks about Castleman
        lead = _stated_lead(m, raw) if kind == "question" else None
        if lead is not None:
            out.append(Sentence(lead, "statement", tuple(tokenize(lead))))
        if kind == "hypothetical":  # the what-if's own '?' is not a doubt about the finding
            raw = raw.strip("¿? ")
            toks = tokenize(raw)
        out.append(Sentence(raw, kind, tuple(toks)))
    return out


def _cuts(m: Matcher, sentence: Sentence) -> list[tuple[int, int]]:
    toks = sentence.tokens
    spans = [(c.start(), c.end()) for c in _PUNCT_BREAK.finditer(sentence.text)]
    spans += [
        (toks[h.first].start, toks[h.last - 1].end)
        for h in m.sentence.find(toks)
        if h.payload & Sent.BREAK
    ]
    return sorted(spans)


def clauses(m: Matcher, sentence: Sentence) -> list[Clause]:
    """Clauses split at , ; ' - ' and at the lexicon's clause-break words (not at brackets:
    '(plasma)', '(Cockcroft-Gault)', '(pending)' belong to their clause)."""
    out: list[Clause] = []
    starts = [t.start for t in sentence.tokens]
    pos = 0
    for a, b in [*_cuts(m, sentence), (len(sentence.text), len(sentence.text))]:
        if a > pos and sentence.text[pos:a].strip():
            lo, hi = bisect_left(starts, pos), bisect_left(starts, a)
            toks = tuple(t for t in sentence.tokens[lo:hi] if t.end <= a)
            out.append(Clause(sentence.text[pos:a], pos, toks))
        pos = max(pos, b)
    return out

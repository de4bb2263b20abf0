"""Finding phrases in one clause, judged by their cues: stated, denied, doubted or pending (pure).

Order of the checks for one phrase: a doubt or pending cue anywhere in the clause leaves every
finding of the clause unknown; a blocker word cancels the phrase; the nearest state word after it
("ruled out", "positive", a final "no") decides; otherwise a negation before it (not undone by a
word such as "with"/"con") denies it; otherwise it is stated.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Literal

from assistant.findings.lexicon import Entry, Value
from assistant.findings.matcher import Cue, Matcher
from assistant.findings.phrases import Match, PhraseIndex, Token

Reason = Literal["uncertain", "pending", "resolved"]

_AFTER = Cue.NEG_AFTER | Cue.POS_AFTER
_FINAL = Cue.NEG_FINAL | Cue.POS_FINAL


@dataclass(frozen=True)
class Candidate:
    """One value a clause states for a field."""

    field: str
    value: Value
    rank: int
    append: bool


@dataclass(frozen=True)
class Doubt:
    """A finding mentioned with doubt or as pending."""

    field: str
    reason: Reason


Polarity = Literal["stated", "denied", "unsure"]


@dataclass(frozen=True)
class _CueMap:
    """The cues of one clause arranged for O(log n) questions (no quadratic scans)."""

    after_first: tuple[int, ...]  # token index of each state word after a finding
    after_denied: tuple[bool, ...]
    later_denial: tuple[bool, ...]  # any denial at or after position i of `after_first`
    before_last: tuple[int, ...]  # end of each negation / reset word
    before_negates: tuple[bool, ...]
    positive_firsts: tuple[int, ...]
    modified_denied: frozenset[int] = frozenset()  # findings right after 'negative'
    test_firsts: tuple[int, ...] = ()  # test words ('biopsy', 'PET'): a negation before one


def _effective_before(cues: Sequence[Match], term_firsts: Sequence[int]) -> list[Match]:
    """Negations and resets; a reset counts only after a finding ('sin X y con Y')."""
    out: list[Match] = []
    neg_end = -1
    for c in cues:
        if c.payload & Cue.NEG_BEFORE:
            out.append(c)
            neg_end = c.last
        elif c.payload & Cue.RESET:
            i = bisect_left(term_firsts, neg_end)
            if neg_end < 0 or (i < len(term_firsts) and term_firsts[i] < c.first):
                out.append(c)
    return out


def _forward(cues: Sequence[Match], term_firsts: Sequence[int]) -> list[Match]:
    """A state word right before a finding modifies it: 'a negative bone marrow'."""
    starts = set(term_firsts)
    out = []
    for c in cues:
        if c.payload & _AFTER and c.last in starts:
            denies = c.payload & (Cue.NEG_AFTER | Cue.NEG_BEFORE)
            c = Match(c.first, c.last, Cue.NEG_BEFORE if denies else Cue.PSEUDO)
        out.append(c)
    return out


def _cue_map(raw: Sequence[Match], n: int, term_firsts: Sequence[int]) -> _CueMap:
    cues = _forward(raw, term_firsts)
    after = [c for c in cues if c.payload & _AFTER or (c.payload & _FINAL and c.last == n)]
    denied = [
        bool(c.payload & (Cue.NEG_AFTER | Cue.NEG_FINAL)) and not c.payload & Cue.POS_AFTER
        for c in after
    ]
    before = _effective_before(cues, term_firsts)
    return _CueMap(
        after_first=tuple(c.first for c in after),
        after_denied=tuple(denied),
        later_denial=tuple(_suffix(denied)),
        before_last=tuple(c.last for c in before),
        before_negates=tuple(bool(c.payload & Cue.NEG_BEFORE) for c in before),
        positive_firsts=tuple(c.first for c in cues if c.payload & (Cue.POS_AFTER | Cue.POS_FINAL)),
        test_firsts=tuple(c.first for c in cues if c.payload & Cue.TEST),
        modified_denied=frozenset(
            c.last
            for c, f in zip(raw, cues, strict=True)
            if c is not f and f.payload & Cue.NEG_BEFORE
        ),
    )


def _suffix(flags: list[bool]) -> list[bool]:
    out, seen = [False] * len(flags), False
    for i in range(len(flags) - 1, -1, -1):
        seen = seen or flags[i]
        out[i] = seen
    return out


def _polarity(cm: _CueMap, span: tuple[int, int], next_term: int) -> Polarity:
    """Stated or denied; 'unsure' when a denial after a later finding might cover this one."""
    start, end = span
    i = bisect_left(cm.after_first, end)
    if i < len(cm.after_first):
        if cm.after_first[i] < next_term:
            return "denied" if cm.after_denied[i] else "stated"
        if cm.later_denial[i]:
            return "unsure"  # "castleman and papilledema ruled out"
    j = bisect_right(cm.before_last, start) - 1
    if j < 0 or not cm.before_negates[j]:
        return "stated"
    t = bisect_left(cm.test_firsts, cm.before_last[j])
    if t < len(cm.test_firsts) and cm.test_firsts[t] < start:
        return "unsure"  # "no lymph node biopsy for Castleman": the test was not done
    return "denied"


@dataclass
class _Scope:
    """One clause being judged: its tokens, cues and terms, and its sentence's tokens."""

    m: Matcher
    toks: Sequence[Token]
    cues: _CueMap
    terms: Sequence[Match]
    sentence: Sequence[Token]
    shared: dict[int, Match | None]  # sentence-wide qualifier hits, kept across clauses
    local: dict[tuple[str, int], Match | None]
    denied: bool = False  # the sentence opens with a denial list ("negative: X, Y")


def _qualifier(sc: _Scope, idx: int) -> Match | None:
    index = sc.m.qualifiers[idx]
    if index is None:
        return None
    if sc.m.entries[idx].qualifier_scope == "sentence":
        if idx not in sc.shared:
            hits = index.find(sc.sentence)
            sc.shared[idx] = hits[0] if hits else None
        return sc.shared[idx]
    return _first(sc, ("qualifier", idx), index)


def _first(sc: _Scope, key: tuple[str, int], index: PhraseIndex) -> Match | None:
    if key not in sc.local:
        hits = index.find(sc.toks)
        sc.local[key] = hits[0] if hits else None
    return sc.local[key]


def _usable(sc: _Scope, term: Match) -> bool:
    entry = sc.m.entries[term.payload]
    blockers = sc.m.blockers[term.payload]
    if blockers is not None and _first(sc, ("blocker", term.payload), blockers) is not None:
        return False
    return not (entry.not_before_number and _level_follows(sc.toks, term.last))


def _level_follows(toks: Sequence[Token], i: int) -> bool:
    """A lab level follows ('lambda 80 mg/L'); an M-protein in g/dL or g/L does not count."""
    if i >= len(toks) or not toks[i].text[:1].isdigit():
        return False
    while i < len(toks) and toks[i].text.isdigit():
        i += 1
    return not (i < len(toks) and toks[i].text == "g")


def _judge(sc: _Scope, k: int) -> Value | None:
    term = sc.terms[k]
    entry: Entry = sc.m.entries[term.payload]
    if not _usable(sc, term):
        return None
    next_term = sc.terms[k + 1].first if k + 1 < len(sc.terms) else len(sc.toks)
    if entry.site:  # "skin normal", "fondo de ojo normal"; "no fundoscopy yet" says nothing
        return entry.absent if _denied_after(sc.cues, term.last, next_term) else None
    polarity = "denied" if sc.denied else _polarity(sc.cues, (term.first, term.last), next_term)
    if entry.qualifiers:
        qual = _qualifier(sc, term.payload)
        if qual is None and not _stated_after(sc.cues, term.last):
            # "marrow negative" denies it; "no marrow biopsy" only says the test was not done
            site_named = entry.qualifier_scope == "clause"
            denied = _denied_after(sc.cues, term.last, next_term)
            denied = denied or term.first in sc.cues.modified_denied
            return entry.absent if site_named and denied else None
        later = qual is not None and entry.qualifier_scope == "clause" and qual.first > term.last
        if later and qual is not None and polarity == "stated":  # "marrow: no clonal cells"
            polarity = _polarity(sc.cues, (qual.first, qual.last), next_term)
    if polarity == "unsure":
        return None
    return entry.present if polarity == "stated" else entry.absent


def _denied_after(cm: _CueMap, end: int, next_term: int) -> bool:
    i = bisect_left(cm.after_first, end)
    return i < len(cm.after_first) and cm.after_first[i] < next_term and cm.after_denied[i]


def _stated_after(cm: _CueMap, end: int) -> bool:
    return bool(cm.positive_firsts) and cm.positive_firsts[-1] >= end


def _doubts(m: Matcher, terms: Sequence[Match], flags: int) -> list[Doubt]:
    reason: Reason = (
        "pending"
        if flags & Cue.PENDING
        else "resolved"
        if flags & Cue.RESOLVED and not flags & Cue.UNCERTAIN
        else "uncertain"
    )
    fields = dict.fromkeys(
        m.entries[t.payload].field
        for t in terms
        if m.entries[t.payload].present is not None
        and m.entries[t.payload].qualifier_scope == "clause"  # "PET pending" is not a finding
    )
    return [Doubt(f, reason) for f in fields]


def flags_of(cues: Sequence[Match]) -> int:
    """Every cue kind present."""
    return reduce(or_, (cue.payload for cue in cues), 0)


DENIAL = Cue.NEG_BEFORE | Cue.NEG_AFTER | Cue.NEG_FINAL
DOUBT = Cue.UNCERTAIN | Cue.PENDING | Cue.RESOLVED


def clause_terms(
    m: Matcher,
    toks: Sequence[Token],
    sentence: Sequence[Token],
    shared: dict[int, Match | None],
    head: int = 0,
) -> tuple[list[Candidate], list[Doubt]]:
    """The values a clause states, and the findings it leaves in doubt.

    `shared` holds sentence-wide qualifier look-ups (one dict per sentence); `head` is the cue
    kinds of a list head that governs the whole sentence ("pending: PET-CT, marrow").
    """
    terms = m.terms.find(toks)
    if not terms:
        return [], []
    cues = m.cues.find(toks)
    flags = flags_of(cues) | head
    if flags & DOUBT:
        return [], _doubts(m, terms, flags)
    cue_map = _cue_map(cues, len(toks), [t.first for t in terms])
    scope = _Scope(m, toks, cue_map, terms, sentence, shared, {}, bool(head & DENIAL))
    return [c for k in range(len(terms)) for c in _candidates(scope, k)], []


def _candidates(sc: _Scope, k: int) -> list[Candidate]:
    """The value phrase k states, with what it implies ('also')."""
    value = _judge(sc, k)
    if value is None:
        return []
    entry = sc.m.entries[sc.terms[k].payload]
    out = [Candidate(entry.field, value, entry.rank, entry.append)]
    if value == entry.present:
        out += [Candidate(f, v, entry.rank, False) for f, v in entry.also.items()]
    return out

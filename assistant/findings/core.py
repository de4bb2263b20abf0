"""Chat text -> PatientCase updates: statements only, never a guess (pure, given a Matcher).

A message is read up to the lexicon's `max_chars`, split into sentences; questions, requests and
general statements about the disease change nothing; what-if sentences are hypothetical; every
other sentence is split into clauses whose cues decide each finding (see docs/extraction.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.contracts import Localized
from assistant.findings import notes
from assistant.findings.matcher import Cue, Matcher
from assistant.findings.phrases import Match
from assistant.findings.sentences import Clause, Sentence, clauses, normalize, sentences
from assistant.findings.terms import DOUBT, Candidate, Doubt, clause_terms, flags_of
from assistant.findings.values import clause_values


@dataclass(frozen=True)
class Bound:
    """A value given with a comparator ('VEGF < 200 pg/mL'): shown, never used as a value."""

    field: str
    comparator: Literal["<", ">"]
    written: str


@dataclass(frozen=True)
class Extraction:
    """What a message says about the patient.

    `updates`: every value stated, including what-if sentences; `stated`: only those from plain
    statements (what a conversation may keep); `changes`: each update in the clinician's words.
    """

    updates: dict[str, Any] = field(default_factory=dict)
    hypothetical: bool = False
    notes: tuple[Localized, ...] = ()
    stated: dict[str, Any] = field(default_factory=dict)
    bounds: tuple[Bound, ...] = ()
    changes: tuple[Localized, ...] = ()

    @property
    def empty(self) -> bool:
        """True when the message states no finding."""
        return not self.updates


@dataclass
class _Found:
    """What the sentences of one kind state (built up while reading)."""

    candidates: list[Candidate] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    notes: list[Localized] = field(default_factory=list)
    bounds: list[Bound] = field(default_factory=list)
    shared: dict[int, Match | None] = field(default_factory=dict)  # per sentence
    head: int = 0  # cue kinds of the sentence's list head, if any


# A finding a number states ("5 lesiones escleróticas") outranks a negation read over it:
# "médula sin células clonales y 5 lesiones escleróticas" denies the clonal cells only.
COUNTED = 9

_HEAD_WORDS = 6  # a list head is a few cue words: "still pending:", "no se ha realizado:"


def _list_head(m: Matcher, s: Sentence) -> int:
    """Cue kinds of a head made only of cue words before a colon ('pending: X, Y')."""
    colon = s.text.find(":")
    head = [t for t in s.tokens if t.end <= colon]
    hits = m.cues.find(head) if 0 < len(head) <= _HEAD_WORDS else []
    covered = sum(h.last - h.first for h in hits)
    return flags_of(hits) if hits and covered == len(head) else 0


def _clause(m: Matcher, s: Sentence, parts: list[Clause], i: int, found: _Found) -> None:
    clause, nxt = parts[i], parts[i + 1] if i + 1 < len(parts) else None
    flags = flags_of(m.cues.find(clause.tokens)) | found.head
    cands, doubts = clause_terms(m, clause.tokens, s.tokens, found.shared, found.head)
    found.candidates += cands
    found.doubts += doubts
    if flags & (DOUBT & ~Cue.RESOLVED):  # a value beside a resolved finding is still read
        return
    values = clause_values(m, s, clause, nxt)
    found.candidates += [
        Candidate(k, v, COUNTED if k in values.counted else 0, False)
        for k, v in values.updates.items()
    ]
    found.notes += values.notes
    found.bounds += [Bound(f, c, w) for f, c, w in values.bounds]


def _read(m: Matcher, s: Sentence, found: _Found) -> None:
    parts = clauses(m, s)
    found.shared, found.head = {}, _list_head(m, s)
    for i in range(len(parts)):
        _clause(m, s, parts, i, found)


def _resolve(m: Matcher, cands: list[Candidate]) -> tuple[dict[str, Any], list[Localized]]:
    by_field: dict[str, list[Candidate]] = {}
    for cand in cands:
        by_field.setdefault(cand.field, []).append(cand)
    updates: dict[str, Any] = {}
    out: list[Localized] = []
    for name, group in by_field.items():
        if group[0].append:
            updates[name] = tuple(dict.fromkeys(c.value for c in group))
            continue
        top = max(c.rank for c in group)
        values = [c.value for c in group if c.rank == top]
        if all(v == values[0] for v in values):
            updates[name] = values[0]
        else:
            out.append(notes.conflict(m.lexicon.findings.labels[name]))
    return updates, out


def _label(m: Matcher, name: str) -> Localized:
    return m.lexicon.findings.labels.get(name, Localized(en=name, es=name))


def _extra_notes(m: Matcher, updates: dict[str, Any], found: _Found) -> list[Localized]:
    out = [
        notes.doubt(_label(m, f), r)
        for f, r in dict.fromkeys((d.field, d.reason) for d in found.doubts)
        if f not in updates
    ]
    count = updates.get("bone_lesion_count")
    if count and "sclerotic_bone_lesions" not in updates and "diffuse_bone_lesions" not in updates:
        out.append(notes.lesions_unspecified(count))
    return out


def _changes(m: Matcher, updates: dict[str, Any]) -> tuple[Localized, ...]:
    values = m.lexicon.findings.values
    units = {q.field: q.unit for q in m.lexicon.findings.quantities}
    out = []
    for name, value in updates.items():
        label = _label(m, name)
        shown = _shown(values, value)
        unit = f" {units[name]}" if name in units and not isinstance(value, dict) else ""
        if isinstance(value, dict):
            shown = _vegf_shown(values, value)
        out.append(
            Localized(en=f"{label.en}: {shown.en}{unit}", es=f"{label.es}: {shown.es}{unit}")
        )
    return tuple(out)


def _vegf_shown(values: dict[str, Localized], vegf: dict[str, Any]) -> Localized:
    specimen = values.get(vegf["specimen"], Localized(en=vegf["specimen"], es=vegf["specimen"]))
    en = f"{vegf['value_pg_ml']:g} pg/mL, {specimen.en}"
    es = f"{vegf['value_pg_ml']:g} pg/mL, {specimen.es}"
    if "upper_limit_normal_pg_ml" in vegf:
        uln = f"{vegf['upper_limit_normal_pg_ml']:g}"
        en, es = f"{en} (upper limit {uln})", f"{es} (límite superior {uln})"
    return Localized(en=en, es=es)


def _shown(values: dict[str, Localized], value: Any) -> Localized:
    if isinstance(value, dict):
        parts = [_shown(values, v) for v in value.values()]
        return Localized(en=", ".join(p.en for p in parts), es=", ".join(p.es for p in parts))
    if isinstance(value, tuple):
        return _shown(values, dict(enumerate(value)))
    key = str(value).lower() if isinstance(value, bool) else str(value)
    if isinstance(value, float):
        key = f"{value:g}"
    return values.get(key, Localized(en=key, es=key))


def _read_all(m: Matcher, text: str) -> tuple[_Found, _Found, set[str]]:
    """What plain statements and what-if sentences state, and the kinds of sentence seen."""
    stated, what_if = _Found(), _Found()
    kinds: set[str] = set()
    for s in sentences(m, text):
        kinds.add(s.kind)
        if s.kind in ("statement", "hypothetical"):
            _read(m, s, stated if s.kind == "statement" else what_if)
    return stated, what_if, kinds


def read_findings(message: str, m: Matcher) -> Extraction:
    """Findings stated in `message`, read with the compiled lexicon `m` (pure)."""
    text, cut = normalize(message, m.lexicon.findings.limits.max_chars)
    stated, what_if, kinds = _read_all(m, text)
    kept, conflict_notes = _resolve(m, stated.candidates)
    supposed, what_if_conflicts = _resolve(m, what_if.candidates)
    every = {**kept, **supposed}
    conflict_notes += what_if_conflicts
    both = _Found(doubts=stated.doubts + what_if.doubts)
    out = [*stated.notes, *what_if.notes, *conflict_notes, *_extra_notes(m, every, both)]
    if cut:
        out.append(notes.truncated(m.lexicon.findings.limits.max_chars))
    return Extraction(
        updates=every,
        hypothetical="hypothetical" in kinds,
        notes=tuple(dict.fromkeys(out)),
        stated=kept,
        bounds=tuple(stated.bounds + what_if.bounds),
        changes=_changes(m, every),
    )

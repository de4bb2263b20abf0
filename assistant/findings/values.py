"""Numeric values of one clause: lab results (with VEGF's specimen), age, counts, ECOG (pure)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.contracts import Localized
from assistant.contracts.case import VegfResult
from assistant.findings import notes, special
from assistant.findings.lexicon import Quantity, contract_max
from assistant.findings.matcher import Matcher
from assistant.findings.numbers import NUMBER, Reading, read_number, read_quantity
from assistant.findings.sentences import Clause, Sentence

_PLASMA = re.compile(r"(?<![a-z])(?:plasma(?!\s*cel)|plasmatic[oa]?|en plasma)(?![a-z])")
_SERUM = re.compile(r"(?<![a-z])(?:serum|seric[oa]|suero|serum vegf)(?![a-z])")
_ULN = re.compile(
    rf"(?<![a-z])(?:uln|upper limit(?: of normal)?|limite superior(?: de la normalidad)?|lsn)"
    rf"[^0-9;]{{0,20}}?(?P<num>{NUMBER})"
)


@dataclass
class ClauseValues:
    """Updates, notes and bounds found in one clause."""

    updates: dict[str, Any] = field(default_factory=dict)
    notes: list[Localized] = field(default_factory=list)
    bounds: list[tuple[str, Literal["<", ">"], str]] = field(default_factory=list)
    counted: set[str] = field(default_factory=set)  # findings a count phrase states


def _units(q: Quantity) -> str:
    return ", ".join(u.shown for u in q.units[:3])


def _specimen(clause: str, nxt: str) -> str:
    scope = f"{clause} {nxt}"
    plasma, serum = bool(_PLASMA.search(scope)), bool(_SERUM.search(scope))
    return "plasma" if plasma and not serum else "serum" if serum and not plasma else "unknown"


def _vegf(value: float, clause: Clause, nxt: Clause | None) -> ClauseValues:
    """VEGF with the specimen and upper limit named in its clause or the next one."""
    specimen = _specimen(clause.text, nxt.text if nxt else "")
    vegf: dict[str, Any] = {"value_pg_ml": value, "specimen": specimen}
    uln = _ULN.search(f"{clause.text} {nxt.text if nxt else ''}")
    limit = read_number(uln.group("num")) if uln else None
    if limit is not None and 0 < limit <= contract_max("upper_limit_normal_pg_ml", VegfResult):
        vegf["upper_limit_normal_pg_ml"] = float(limit)
    out = ClauseValues(updates={"vegf": vegf})
    if specimen == "unknown":
        out.notes.append(notes.vegf_specimen(value))
    return out


def _reading(
    m: Matcher, r: Reading, s: Sentence, clause: Clause, nxt: Clause | None
) -> ClauseValues:
    label = m.lexicon.findings.labels[r.quantity.field]
    if r.bound is not None:
        bound = notes.bound(label, r.bound, r.written.strip())
        return ClauseValues(notes=[bound], bounds=[(r.quantity.field, r.bound, r.written.strip())])
    if r.problem == "no_unit":
        return ClauseValues(notes=[notes.no_unit(label, r.written.strip(), _units(r.quantity))])
    if r.problem is not None or r.value is None:
        return ClauseValues(notes=[notes.refused(label, r.written.strip(), r.problem or "range")])
    if r.quantity.code == "vegf":
        out = _vegf(r.value, clause, nxt)
    else:
        out = ClauseValues(updates={r.quantity.field: r.value})
    if r.converted:
        out.notes.insert(0, notes.converted(label, r.written.strip(), r.value, r.quantity.unit))
    if r.earlier is not None:
        out.notes.insert(0, notes.later_value(label, r.earlier.strip(), r.written.strip()))
    return out


def _merge(into: ClauseValues, part: ClauseValues) -> None:
    into.updates |= part.updates
    into.notes += part.notes
    into.bounds += part.bounds


def clause_values(m: Matcher, s: Sentence, clause: Clause, nxt: Clause | None) -> ClauseValues:
    """Every numeric value stated in a clause."""
    out = ClauseValues()
    for q in m.lexicon.findings.quantities:
        tail = s.text[clause.start + len(clause.text) :]  # the rest of the sentence
        reading = read_quantity(m, q, clause.text, tail)
        if reading is not None:
            _merge(out, _reading(m, reading, s, clause, nxt))
    counts = m.lexicon.findings.counts
    out.updates |= special.age(m.lexicon.findings.age, clause.text)
    out.notes += special.age_notes(m.lexicon.findings.age, clause.text)
    lesions = special.lesion_count(counts, clause.text)
    out.updates |= lesions
    out.counted |= set(lesions) - {"bone_lesion_count"}
    ecog, ecog_notes = special.ecog(counts, clause.text)
    out.updates |= ecog | special.lenalidomide_cycles(counts, clause.text)
    out.updates |= special.radiation_dose(clause.text)
    out.notes += ecog_notes
    return out

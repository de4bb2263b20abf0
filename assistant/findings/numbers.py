"""Numbers, units and comparators in folded clinical text (pure).

The number rule (both languages): a space, dot or comma followed by exactly three digits (and
preceded by one to three digits) groups thousands — "1 200", "1.200", "1,200", "620.000" are all
1200 or 620000; any other dot or comma is the decimal mark — "1,2" and "1.2" are 1.2. A value that
is then implausible for its unit is not used: a note asks for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Literal

from assistant.findings.lexicon import Quantity
from assistant.findings.matcher import Matcher, Sent
from assistant.findings.phrases import tokenize

_GROUPED = re.compile(r"(\d{1,3})((?:([ .,])\d{3})(?:\3\d{3})*)(?:([.,])(\d+))?")
NUMBER = r"\d{1,3}(?:(?P<sep>[ .,])\d{3}(?!\d))(?:(?P=sep)\d{3}(?!\d))*(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_UNIT_SPACES = re.compile(r"\s*([/^*%])\s*|(?<=x)\s+(?=10)|^\s*x\s*(?=10)")
_POWER = re.compile(r"^(x?)10(?:\^|\*\*|\*|e)?(\d{1,2})")
Problem = Literal["negative", "range", "no_unit", "implausible", "unreadable"]


def read_number(raw: str) -> Decimal | None:
    """'1 200' / '1.200' / '1,200' -> 1200; '1,2' -> 1.2; None when it cannot be read."""
    raw = raw.strip()
    grouped = _GROUPED.fullmatch(raw)
    try:
        if grouped:
            if grouped.group(4) and grouped.group(4) == grouped.group(3):
                return None  # "1.200.5": the same mark cannot group and decimate
            whole = grouped.group(1) + re.sub(r"[ .,]", "", grouped.group(2))
            return Decimal(whole + ("." + grouped.group(5) if grouped.group(5) else ""))
        return Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None


@dataclass(frozen=True)
class Reading:
    """A lab value read from text, before it becomes a case update."""

    quantity: Quantity
    written: str
    value: float | None = None
    bound: Literal["<", ">"] | None = None
    problem: Problem | None = None
    converted: bool = False


def _words(labels: tuple[str, ...]) -> str:
    alts = sorted((r"[\s\-/]+".join(map(re.escape, lab.split())) for lab in labels), key=len)
    return "|".join(reversed(alts))


@lru_cache(maxsize=64)
def _pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![a-z0-9])(?:{_words(labels)})(?![a-z0-9])"
        rf"(?P<filler>[^0-9;]{{0,30}}?)(?P<neg>-\s*)?(?P<num>{NUMBER})(?![\d])"
    )


def unit_head(after: str) -> str:
    """The text after a number with unit spacing removed: ' x 10^9 / L' -> 'x10^9/l'."""
    head = _UNIT_SPACES.sub(lambda m: m.group(1) or "", after[:28].lstrip())
    head = head.replace("/mcl", "/ul").replace("/microl", "/ul")
    return _POWER.sub(lambda m: f"{m.group(1)}10^{m.group(2)}", head)


def _unit_factor(q: Quantity, head: str) -> tuple[Decimal, str] | None:
    """The factor and the clinician spelling of the unit `head` starts with."""
    best: tuple[int, Decimal, str] | None = None
    for unit in q.units:
        for alias in unit.aliases:
            fits = head.startswith(alias) and not re.match(r"[a-z0-9]", head[len(alias) :])
            if fits and (best is None or len(alias) > best[0]):
                best = (len(alias), unit.factor, unit.shown)
    return (best[1], best[2]) if best else None


def _comparator(m: Matcher, filler: str) -> Literal["<", ">"] | None:
    flags = 0
    for hit in m.sentence.find(tokenize(filler)):
        flags |= hit.payload
    if flags & Sent.BELOW:
        return "<"
    return ">" if flags & Sent.ABOVE else None


def _convert(q: Quantity, number: Decimal, head: str) -> tuple[Decimal | None, bool]:
    unit = _unit_factor(q, head)
    if unit is not None:
        return number * unit[0], unit[0] != 1
    for rng in q.unitless:
        if Decimal(str(rng.min)) <= number <= Decimal(str(rng.max)):
            return number * rng.factor, rng.factor != 1
    return None, False


def _written(q: Quantity, num: str, after: str) -> str:
    """The value as written, with its unit spelt as clinicians write it ('620.000 /µL')."""
    unit = _unit_factor(q, unit_head(after))
    return f"{num} {unit[1]}" if unit else num


@lru_cache(maxsize=8)
def _any_label(groups: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![a-z0-9])(?:{_words(tuple(x for g in groups for x in g))})(?![a-z0-9])"
    )


def _label_hit(m: Matcher, q: Quantity, text: str) -> re.Match[str] | None:
    hit = _pattern(q.labels).search(text)
    if hit is None:
        return None
    others = _any_label(tuple(x.labels for x in m.lexicon.findings.quantities if x is not q))
    return None if others.search(hit.group("filler")) else hit  # "VEGF and platelets 620"


def _unusable(q: Quantity, hit: re.Match[str], after: str) -> Reading | None:
    """A range, an unreadable number or a negative value."""
    span = re.match(r"\s*(?:-|to|a|y)\s*\d[\d.,]*", after)
    if span or read_number(hit.group("num")) is None:
        rest = after[len(span.group()) :] if span else after
        shown = _written(q, hit.group("num") + (span.group().rstrip() if span else ""), rest)
        return Reading(q, shown, problem="range" if span else "unreadable")
    if hit.group("neg"):
        return Reading(q, "-" + _written(q, hit.group("num"), after), problem="negative")
    return None


def read_quantity(m: Matcher, q: Quantity, text: str) -> Reading | None:
    """The first value of `q` in `text` (a clause), with its problem if it cannot be used."""
    hit = _label_hit(m, q, text)
    if hit is None:
        return None
    after = text[hit.end() :]
    bad = _unusable(q, hit, after)
    number = read_number(hit.group("num"))
    if bad is not None or number is None:
        return bad
    written = _written(q, hit.group("num"), after)
    value, converted = _convert(q, number, unit_head(after))
    bound = _comparator(m, hit.group("filler"))
    if value is None:
        return Reading(q, written, bound=bound, problem="no_unit")
    if not q.min <= value <= q.max:
        return Reading(q, written, bound=bound, problem="implausible")
    shown = float(round(value, q.decimals))
    return Reading(q, written, value=shown, bound=bound, converted=converted)

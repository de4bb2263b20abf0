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
    """A lab value read from text, before it becomes a case update. `earlier` is the value
    written before it when the text tells a change ("700, ahora 1500"): the later one is read."""

    quantity: Quantity
    written: str
    value: float | None = None
    bound: Literal["<", ">"] | None = None
    problem: Problem | None = None
    converted: bool = False
    earlier: str | None = None


# "went from 700 to 1500", "bajó de 4800 a 2100": a change told as from-to, not a range.
_CHANGE = re.compile(
    r"(?:went|gone|rose|risen|fell|fallen|dropped|increased|decreased|climbed|come down|gone up|"
    r"sub(?:io|ieron|e|en|ido)|baj(?:o|aron|a|an|ado)|pas(?:o|aron|ado)|aument(?:o|aron|ado)|"
    r"descend(?:io|ieron|ido)|cay(?:o|eron)|caido|disminu(?:yo|yeron|ido))\s+(?:from|de|desde)\s*$"
)
_MOVED_TO = re.compile(
    r"(?:gone|went|risen|rose|climbed|come|came|fallen|fell|dropped|increased|decreased)"
    r"(?:\s+(?:up|down|back))?\s+to\s*$|(?:subio|subieron|bajo|bajaron|llego|llegaron)\s+(?:a|hasta)\s*$"
)
_TO = re.compile(rf"^\s*(?:to|a|hasta|->|→)\s*(?P<num>{NUMBER})(?![\d])")

# "VEGF 700 y ahora 1500", "4800 al diagnóstico, ahora 2100", "plaquetas 300 -> 650": a later
# value of the same finding, introduced by a change word within the same sentence.
_LATER = re.compile(
    r"^[^0-9;.]{0,30}?(?:->|→|=>|\b(?:now|currently|today|then|latest|rose to|fell to|"
    r"dropped to|went up to|went down to|increased to|decreased to|ahora|actualmente|hoy|"
    r"luego|despues|ultimo|ultima|paso a|subio a|bajo a|sube a|baja a|aumento a|descendio a)\b)"
    rf"[^0-9;]{{0,12}}?(?P<num>{NUMBER})(?![\d])"
)


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


# A cut-off word right before the lab's name governs it ("corte del VEGF", "threshold for VEGF");
# "lab cutoff 1000, VEGF 1500" names the patient's value after the limit.
_GOVERNED = re.compile(
    r"(?:cut ?-?offs?|thresholds?|umbral(?:es)?|corte)\s+(?:(?:del?|for|of|para|el|la|the|serum|"
    r"plasma|serico|plasmatico)\s+){0,3}$"
)


def _flags(m: Matcher, filler: str) -> int:
    flags = 0
    for hit in m.sentence.find(tokenize(filler)):
        flags |= hit.payload
    return flags


def _comparator(m: Matcher, filler: str) -> Literal["<", ">"] | None:
    flags = _flags(m, filler)
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


def _other_label(m: Matcher, q: Quantity) -> re.Pattern[str]:
    return _any_label(tuple(x.labels for x in m.lexicon.findings.quantities if x is not q))


def _label_hit(m: Matcher, q: Quantity, text: str) -> re.Match[str] | None:
    hit = _pattern(q.labels).search(text)
    if hit is None or _flags(m, hit.group("filler")) & Sent.THRESHOLD:
        return None  # "a serum VEGF cutoff of ~1920 pg/mL": a cut-off quoted, not a result
    if _GOVERNED.search(text[: hit.start()]) and _flags(m, text[: hit.start()]) & Sent.THRESHOLD:
        return None  # "el punto de corte del VEGF de 200", "the threshold for VEGF of 200"
    others = _other_label(m, q)
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


# A number followed by a time word is a duration or a schedule, not a result: "VEGF stays
# normal on 6-monthly checks", "VEGF cada 3 meses".
_TIME_AFTER = re.compile(
    r"^\s*-?\s*(?:monthly|weekly|yearly|daily|months?|weeks?|years?|days?|hours?|mo|wks?|yrs?|"
    r"meses|mes|semanas?|anos?|dias?|horas?|mensual\w*|semanal\w*|anual\w*)(?![a-z])"
)


def _without_durations(q: Quantity, text: str) -> str:
    """The text with each duration or schedule right after the label blanked out: "VEGF 6
    months after RT was 300 pg/mL" reads 300, not 6."""
    while (hit := _pattern(q.labels).search(text)) and (
        time := _TIME_AFTER.match(text[hit.end() :])
    ):
        gap = hit.end() + time.end() - hit.start("num")
        text = text[: hit.start("num")] + " " * gap + text[hit.end() + time.end() :]
    return text


def read_quantity(m: Matcher, q: Quantity, text: str, tail: str = "") -> Reading | None:
    """The value of `q` in `text` (a clause; `tail` is the rest of its sentence), with its
    problem if it cannot be used. When the text tells a change ("700, ahora 1500"), the later
    value is read and the earlier one is kept to be shown."""
    text = _without_durations(q, text)
    hit = _label_hit(m, q, text)
    if hit is None:
        return None
    whole = f"{text} {tail}" if tail else text
    to = _TO.match(whole[hit.end("num") :]) if _CHANGE.search(hit.group("filler")) else None
    later: re.Match[str] | None = to
    if to is None:
        first = read_quantity_at(m, q, hit, text[hit.end() :])
        if first is None or first.problem is not None or first.bound is not None:
            return first
        end = hit.end("num")
    else:  # "dropped from 850 to 240 pg/mL": a change, not a range
        end = hit.end("num") + to.end()
        first = Reading(q, _written(q, hit.group("num"), whole[end:]))
    others = _other_label(m, q)  # "VEGF 1200 pg/mL y plaquetas ahora 650": not VEGF's value
    while (nxt := _LATER.match(whole[end:])) and not others.search(nxt.group()[: nxt.start("num")]):
        later, end = nxt, end + nxt.end()  # "from 4,800 to 1,900 and now 900": the last one
    if later is None:
        return first
    after = whole[end:]
    number = read_number(later.group("num"))
    if number is None:
        return first
    unit = unit_head(after)
    if _unit_factor(q, unit) is None:  # "4800 pg/mL al diagnóstico, ahora 2100": same unit
        unit = unit_head(text[hit.end("num") :])
    value, converted = _convert(q, number, unit)
    if value is None or not q.min <= value <= q.max:
        return first
    shown = float(round(value, q.decimals))
    written = _written(q, later.group("num"), after)
    return Reading(q, written, value=shown, converted=converted, earlier=first.written)


def read_quantity_at(m: Matcher, q: Quantity, hit: re.Match[str], after: str) -> Reading | None:
    """The value the label `hit` introduces, `after` being the text that follows the label."""
    bad = _unusable(q, hit, after)
    number = read_number(hit.group("num"))
    if bad is not None or number is None:
        return bad
    written = _written(q, hit.group("num"), after)
    value, converted = _convert(q, number, unit_head(after))
    moved = _MOVED_TO.search(hit.group("filler"))  # "has gone up to 700" is a value, not "<= 700"
    bound = None if moved else _comparator(m, hit.group("filler"))
    if value is None:
        return Reading(q, written, bound=bound, problem="no_unit")
    if not q.min <= value <= q.max:
        return Reading(q, written, bound=bound, problem="implausible")
    shown = float(round(value, q.decimals))
    return Reading(q, written, value=shown, bound=bound, converted=converted)

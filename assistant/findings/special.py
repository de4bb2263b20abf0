"""Values with their own phrasing: age, lesion counts, ECOG, lenalidomide cycles, dose (pure)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from assistant.contracts import Localized
from assistant.findings import notes
from assistant.findings.lexicon import AgeWords, Counts, contract_max

_SEP = r"[\s\-/.]*"


def _fits(value: float, field: str) -> bool:
    return 0 < value <= contract_max(field)


_DASHED = r"[\s\-]+"


def _alt(words: tuple[str, ...], joiner: str = r"\s+") -> str:
    pats = sorted((joiner.join(map(re.escape, w.rstrip("*").split())) for w in words), key=len)
    return "(?:" + "|".join(reversed(pats)) + ")"


@lru_cache(maxsize=4)
def _age_patterns(w: AgeWords) -> tuple[re.Pattern[str], ...]:
    num = r"(?<![\d.,])(\d{1,3})(?![\d.,])"
    years, es_years = _alt(w.year_words), _alt(w.es_year_words)
    return tuple(
        re.compile(p)
        for p in (
            rf"{num}\s*-?\s*{years}\s*-?\s*{_alt(w.old_words)}(?![a-z])",
            rf"{num}\s*-?\s*{years}\s+of\s+age(?![a-z])",
            rf"{num}\s*-?\s*{_alt(w.short_forms, _SEP)}(?![a-z])",
            rf"(?<![a-z])(?<!at )(?<!a la ){_alt(w.before_words)}\s*:?\s*{num}",
            rf"(?<![a-z]){_alt(w.persons)}\s+de\s+{num}(?:\s+{es_years}|(?=\s*$|\s+(?:con|y)\b))",
            rf"{num}\s+{es_years}\s+de\s+edad",
            rf"(?<![a-z])tiene\s+{num}\s+{es_years}(?!\s+de\s+evolucion)",
            rf"(?<![a-z]){_alt(w.is_words)}\s+{num}(?:\s+{years}(?:\s+old)?)?\s*$",
            rf"^\s*{num}\s+{es_years}\s*$",
        )
    )


_SHORT_SEX = {"m": "male", "h": "male", "v": "male", "f": "female"}
_SHORT = re.compile(r"^\s*(\d{2,3})([mfhv])(?![a-z0-9])")  # "45M", "62F" opening a clause


def age(w: AgeWords, clause: str) -> dict[str, Any]:
    """Age only from age phrases: never from '3 years after' or 'for 2 years'."""
    short = _SHORT.search(clause)
    if short and _fits(int(short.group(1)), "age_years"):
        return {"age_years": int(short.group(1)), "sex": _SHORT_SEX[short.group(2)]}
    for pattern in _age_patterns(w):
        hit = pattern.search(clause)
        if hit and _fits(int(hit.group(1)), "age_years"):
            return {"age_years": int(hit.group(1))}
    return {}


def age_notes(w: AgeWords, clause: str) -> list[Localized]:
    """A note for an age phrase whose age is impossible (e.g. 'aged 150'): never stored."""
    for pattern in _age_patterns(w):
        hit = pattern.search(clause)
        if hit and not _fits(int(hit.group(1)), "age_years"):
            return [notes.age(hit.group(1), int(contract_max("age_years")))]
    return []


@lru_cache(maxsize=4)
def _count_patterns(
    words: tuple[str, ...],
    adjectives: tuple[str, ...],
    nouns: tuple[str, ...],
    single: tuple[str, ...],
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    number = rf"(\d{{1,3}}|{_alt(words)})"
    adjs = rf"(?:{_alt(adjectives, _DASHED)}{_DASHED})*"
    noun = r"(?:" + _alt(nouns) + r"[a-z]*)"
    trailing = rf"(?:\s+(?:y\s+|and\s+)?{_alt(adjectives)}(?![a-z]))*"
    size = r"(?:\d+(?:[.,]\d+)?[\s\-]*(?:cm|mm)[\s\-]+)?"  # "single 2.5 cm / 2-cm lesion"
    before = rf"(?<![\w.,]){number}[\s\-]+{size}{adjs}{noun}(?![a-z]){trailing}"
    after = rf"(?<![a-z]){noun}(?:\s+{_alt(adjectives)})*\s+{_alt(single)}(?![a-z])"
    return re.compile(before), re.compile(after)


def lesion_count(c: Counts, clause: str) -> dict[str, Any]:
    """'3 sclerotic lesions', 'tres lesiones óseas', 'lesión única' -> the count.

    A count phrase naming the lesions sclerotic also states that criterion (a number cannot be
    negated by a cue that follows another finding).
    """
    before, after = _count_patterns(
        tuple(c.words), c.lesion_adjectives, c.lesion_nouns, c.single_after
    )
    hit = before.search(clause) or after.search(clause)
    if hit is None:
        return {}
    raw = hit.group(1) if hit.re is before else "1"
    count = int(raw) if raw.isdigit() else c.words[raw]
    out: dict[str, Any] = {"bone_lesion_count": count}
    if count and re.search(_alt(c.sclerotic_adjectives), hit.group(0)):
        out["sclerotic_bone_lesions"] = "present"
    return out


@lru_cache(maxsize=4)
def _ecog_pattern(labels: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(
        rf"(?<![a-z]){_alt(labels)}(?![a-z])\s*(?:ps)?\s*[:=]?\s*(?:de\s+|of\s+)?"
        r"(\d+)(?:\s*(?:-|/|to|a|o|or)\s*(\d+))?(?![\d.,])"
    )


def ecog(c: Counts, clause: str) -> tuple[dict[str, Any], list[Localized]]:
    """ECOG 0-4; a range or another number is asked about."""
    hit = _ecog_pattern(c.ecog_labels).search(clause)
    if hit is None:
        return {}, []
    value = int(hit.group(1))
    if hit.group(2) or value > contract_max("ecog_performance_status"):
        return {}, [notes.ecog(hit.group(0).split(None, 1)[-1])]
    return {"ecog_performance_status": value}, []


@lru_cache(maxsize=4)
def _cycles_patterns(
    names: tuple[str, ...], words: tuple[str, ...]
) -> tuple[re.Pattern[str], re.Pattern[str]]:
    drug, cycles = _alt(names), _alt(words)
    return (
        re.compile(rf"(?<![\d.,])(\d{{1,3}})\s+{cycles}\s+(?:of\s+|de\s+)?{drug}(?![a-z])"),
        re.compile(
            rf"(?<![a-z]){drug}\s*(?:x|for|durante|por|during)?\s*(\d{{1,3}})\s+{cycles}(?![a-z])"
        ),
    )


def lenalidomide_cycles(c: Counts, clause: str) -> dict[str, Any]:
    """'6 cycles of lenalidomide', 'lenalidomida x 4 ciclos'."""
    for pattern in _cycles_patterns(c.lenalidomide, c.cycle_words):
        hit = pattern.search(clause)
        if hit and int(hit.group(1)) <= contract_max("prior_lenalidomide_cycles"):
            return {"prior_lenalidomide_cycles": int(hit.group(1))}
    return {}


_DOSE = re.compile(r"(?<![\d.,\-])(?<!\d\s-\s)(?<!\d-\s)(\d{1,3}(?:[.,]\d+)?)\s*gy(?![a-z])")


def radiation_dose(clause: str) -> dict[str, Any]:
    """'45 Gy' (a range such as '40-50 Gy' is not one dose)."""
    hit = _DOSE.search(clause)
    if hit is None or re.search(r"\d\s*-\s*$", clause[: hit.start()]):
        return {}
    value = float(hit.group(1).replace(",", "."))
    return {"radiation_dose_gy": value} if _fits(value, "radiation_dose_gy") else {}

"""Answer-level checks shared by the eval suites.

Citations, plan fields, and the measures of issue #12: the answer's language read from its text,
words per answer, whether a question's facts sit in its first 150 words, and case changes.
None of these use the chat engine's own helpers: the harness must not grade itself.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.contracts import Answer, PatientCase
from evals.rubric import Criterion

_CITED = re.compile(r"\[(\d+)\]")
_MARKERS = re.compile(r"\[\d+\]|\[@[^\]]*\]")
_CLINICAL_NUMBER = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?(%|mg/m²|mg/m2|mg|Gy|pg/mL|mmHg|g/dL|×10⁹/L|mL/min)"
)
_WORD = re.compile(r"\S+")
_LETTERS = re.compile(r"[a-záéíóúñü]+")
_SPANISH_MARKS = re.compile(r"[¿¡ñáéíóú]", re.IGNORECASE)
# Function words only (no medical terms), none shared by the two languages ("a", "no" left out).
_EN_WORDS = frozenset(
    "the of and to in is are for with on be by this that it or as at from an should can may "
    "when which what after before your you if was were has have there than also only these "
    "their most who how every each will would been does do not".split()
)
_ES_WORDS = frozenset(
    "el la los las de del y en es son para con por una un que se al lo su sus como más cuando "
    "si pero también este esta estos estas debe puede hay entre tras sin según cada muy ya le "
    "les desde hasta sobre durante está están ser fue tiene".split()
)
ANSWER_FIRST_WORDS = 150


def _norm(number: str) -> str:
    return number.replace(",", ".")


def _flat(text: str) -> str:
    return " ".join(_MARKERS.sub("", text).replace("**", "").split())


def citation_check(answer: Answer) -> tuple[int, int]:
    """(valid cited lines, cited lines).

    A cited line is valid when every [n] resolves and the passage supports it: the line's text
    (markers removed) is part of the quote, or every clinical number with its unit (%, mg, Gy,
    pg/mL...) in it appears in the quote.
    """
    by_n = {c.n: c for c in answer.citations}
    valid = total = 0
    for line in answer.text.splitlines():
        ns = [int(n) for n in _CITED.findall(line)]
        if not ns:
            continue
        total += 1
        if any(n not in by_n for n in ns):
            continue
        body = _flat(_CITED.sub("", line).lstrip("->* ").strip())
        quotes = [_flat(by_n[n].quote) for n in ns]
        extractive = bool(body) and any(body.rstrip(".") in q for q in quotes)
        numbers = {_norm(m.group(1)) for m in _CLINICAL_NUMBER.finditer(body)}
        in_quotes = {_norm(m.group(1)) for q in quotes for m in _CLINICAL_NUMBER.finditer(q)}
        if extractive or numbers <= in_quotes:
            valid += 1
    return valid, total


def word_count(text: str) -> int:
    """Words of an answer, citation markers not counted."""
    return len(_WORD.findall(_MARKERS.sub("", text)))


def first_words(text: str, n: int = ANSWER_FIRST_WORDS) -> str:
    """The answer text up to the end of its n-th word (markers removed, lines kept)."""
    clean = _MARKERS.sub("", text)
    words = list(_WORD.finditer(clean))
    return clean if len(words) <= n else clean[: words[n - 1].end()]


def answer_first(text: str, rubric: Iterable[Criterion], n: int = ANSWER_FIRST_WORDS) -> bool:
    """Every positive rubric fact is stated within the first n words."""
    head = first_words(text, n)
    return all(c.matches(head) for c in rubric if c.points > 0)


def text_language(text: str) -> str | None:
    """ "en" or "es" from function words of the text itself; None when it is mixed.

    Short texts without three function words fall back to Spanish punctuation and accents.
    """
    words = _LETTERS.findall(_MARKERS.sub("", text).lower())
    en = sum(w in _EN_WORDS for w in words)
    es = sum(w in _ES_WORDS for w in words)
    if en + es < 3:
        return "es" if _SPANISH_MARKS.search(text) else "en"
    if es >= 0.7 * (en + es):
        return "es"
    if en >= 0.7 * (en + es):
        return "en"
    return None


def language_ok(answer: Answer, expected: str) -> bool:
    """The answer says it is in `expected` and its text is."""
    return answer.lang == expected and text_language(answer.text) == expected


def case_fields(case: PatientCase | None) -> dict[str, Any]:
    """The fields of a case that differ from an empty case (JSON values)."""
    if case is None:
        return {}
    return case.model_dump(mode="json", exclude_defaults=True)


def subset_ok(expected: Any, actual: Any) -> bool:
    """Every expected key is in `actual` with an equal value (dicts compared recursively). A
    tri-state finding expected "unknown" matches a field left out: `case_fields` drops fields
    at their default, and "unknown" is the default."""
    if expected == "unknown" and actual is None:
        return True
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            subset_ok(v, actual.get(k)) for k, v in expected.items()
        )
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(actual, int | float) and float(actual) == float(expected)
    return bool(expected == actual)


def median(values: Sequence[float]) -> float:
    """Median, 0 for no values."""
    return float(statistics.median(values)) if values else 0.0


def percentile(values: Sequence[float], pct: float) -> float:
    """Nearest-rank percentile, 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return float(ordered[rank])


def resolve(data: Any, path: str) -> Any:
    """Dotted path into a plan dump; in lists: index, `codes`, or an element's code."""
    node = data
    for part in path.split("."):
        if isinstance(node, list):
            if part == "codes":
                node = [x["code"] for x in node]
            elif part.isdigit():
                node = node[int(part)]
            else:
                node = next(x for x in node if isinstance(x, dict) and x.get("code") == part)
        else:
            node = node[part]
    return node


def plan_field_results(dump: dict[str, Any], v: dict[str, Any]) -> list[tuple[str, bool]]:
    """(field path, passed) for each expected field of a vignette."""
    out: list[tuple[str, bool]] = []
    for path, expected in v.get("expect", {}).items():
        out.append((path, _safe(dump, path) == expected))
    for path, expected in v.get("contains", {}).items():
        got = _safe(dump, path) or []
        out.append((f"{path} ⊇", all(e in got for e in expected)))
    for path, forbidden in v.get("absent", {}).items():
        got = _safe(dump, path) or []
        out.append((f"{path} ∌", not any(e in got for e in forbidden)))
    return out


def _safe(dump: dict[str, Any], path: str) -> Any:
    try:
        return resolve(dump, path)
    except (KeyError, IndexError, StopIteration, TypeError):
        return None

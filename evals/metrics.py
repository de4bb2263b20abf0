"""Answer-level checks shared by the eval suites: citations, language, plan fields."""

from __future__ import annotations

import re
from typing import Any

from assistant.chat.evidence import sentences, strip_markers
from assistant.contracts import Answer

_CITED = re.compile(r"\[(\d+)\]")
_CLINICAL_NUMBER = re.compile(
    r"(\d+(?:[.,]\d+)?)\s?(%|mg/m²|mg/m2|mg|Gy|pg/mL|mmHg|g/dL|×10⁹/L|mL/min)"
)


def _norm(number: str) -> str:
    return number.replace(",", ".")


def citation_check(answer: Answer) -> tuple[int, int]:
    """(valid cited sentences, cited sentences).

    A cited sentence is valid when every [n] resolves and the passage supports it: the sentence
    is a sentence of the quote, or every clinical number with its unit (%, mg, Gy, pg/mL...) in it
    appears in the quote. Computed dates and labelled schedule choices are not clinical numbers.
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
        body = _CITED.sub("", line).lstrip("->* ").strip()
        quotes = [by_n[n].quote for n in ns]
        extractive = any(body in {strip_markers(s) for s in sentences(q)} for q in quotes)
        numbers = {_norm(m.group(1)) for m in _CLINICAL_NUMBER.finditer(body)}
        in_quotes = {_norm(m.group(1)) for q in quotes for m in _CLINICAL_NUMBER.finditer(q)}
        if extractive or numbers <= in_quotes:
            valid += 1
    return valid, total


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

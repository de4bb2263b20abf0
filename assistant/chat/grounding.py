"""Grounding check for generated text: keep a sentence only if its cited passages support it.

A kept sentence cites at least one existing [n]; every number in it appears in its cited
quotes; and most of its content words (stemmed to 5 letters) appear there too. Headings are
kept; uncited prose is dropped. Citations are renumbered in order of use. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.contracts import Citation
from assistant.text import fold

_CITE = re.compile(r"\[(\d+)\]")
_NUM = re.compile(r"\d+(?:[.,]\d+)?")
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset(
    "this that with from have were been their they them than then when what which while also "
    "into only more most such some these those there where after before about over under "
    "para como pero esta este estos estas entre sobre cuando donde tiene tienen puede pueden "
    "desde hasta tras segun sido ser son mas muy todo todos cada otro otra".split()
)
SUPPORT_SHARE = 0.6


def _numbers(text: str) -> set[str]:
    return {n.replace(",", ".") for n in _NUM.findall(text)}


def _stems(text: str) -> set[str]:
    return {w[:5] for w in _WORD.findall(fold(text)) if w not in _STOP}


def supported(sentence: str, quotes: Sequence[str]) -> bool:
    """True when the quotes contain the sentence's numbers and most of its content words."""
    body = _CITE.sub("", sentence)
    joined = " ".join(quotes)
    if not _numbers(body) <= _numbers(joined):
        return False
    words = _stems(body)
    if not words:
        return True
    return len(words & _stems(joined)) / len(words) >= SUPPORT_SHARE


def _units(text: str) -> list[str]:
    """Lines, and sentences within prose lines."""
    out: list[str] = []
    for line in text.splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            out.append(line)
            continue
        out += re.split(r"(?<=[.!?]\])\s+|(?<=\])\s+(?=[A-ZÁÉÍÓÚÑ¿¡])", line)
    return out


def ground(text: str, citations: Sequence[Citation]) -> tuple[str, tuple[Citation, ...], int]:
    """(kept text, renumbered citations, number of dropped sentences)."""
    by_n = {c.n: c for c in citations}
    kept: list[str] = []
    dropped = 0
    for unit in _units(text):
        if unit.lstrip().startswith("#") or not unit.strip():
            kept.append(unit)
            continue
        ns = [int(n) for n in _CITE.findall(unit)]
        if ns and all(n in by_n for n in ns) and supported(unit, [by_n[n].quote for n in ns]):
            kept.append(unit)
        else:
            dropped += 1
    return (*_renumber("\n".join(kept), by_n), dropped)


def _renumber(text: str, by_n: dict[int, Citation]) -> tuple[str, tuple[Citation, ...]]:
    order: dict[int, int] = {}
    for n in (int(m) for m in _CITE.findall(text)):
        order.setdefault(n, len(order) + 1)
    new_text = _CITE.sub(lambda m: f"[{order[int(m.group(1))]}]", text)
    cites = tuple(by_n[old].model_copy(update={"n": new}) for old, new in order.items())
    return re.sub(r"\n{3,}", "\n\n", new_text).strip() + "\n", cites

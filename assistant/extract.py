"""Findings stated in chat text -> PatientCase updates (pure; never raises, never guesses).

The implementation lives in `assistant/findings/` and its words in `knowledge/lexicon/`; this
module keeps the import path `from assistant.extract import Extraction, extract` (rules:
docs/extraction.md).
"""

from __future__ import annotations

from assistant.findings import Bound, Extraction, extract
from assistant.findings.numbers import read_number


def parse_number(raw: str, thousands: bool = True) -> float:
    """'620.000' / '1 200' / '1,200' -> thousands; '10,5' -> 10.5 (the documented number rule).

    `thousands` is kept for old callers; the rule is the same either way. Unreadable -> ValueError.
    """
    del thousands
    value = read_number(raw)
    if value is None:
        raise ValueError(f"not a number: {raw!r}")
    return float(value)


__all__ = ["Bound", "Extraction", "extract", "parse_number"]

"""Findings stated in chat text -> PatientCase updates (pure; never raises, never guesses).

The pure implementation lives in `assistant/findings/` (`read_findings(message, matcher)`) and
its words in `knowledge/lexicon/`; this module is the edge that loads the lexicon once and keeps
the import path `from assistant.extract import Extraction, extract` (rules: docs/extraction.md).
"""

from __future__ import annotations

from pathlib import Path

from assistant.findings import Bound, Extraction, Matcher, load_matcher, read_findings
from assistant.findings.numbers import read_number


def extract(
    message: str,
    in_case: bool = False,
    matcher: Matcher | None = None,
    knowledge_dir: Path | None = None,
) -> Extraction:
    """Findings stated in `message` (the lexicon is loaded once and cached).

    `in_case` (a case already exists) is accepted for callers; statements and questions are told
    apart per sentence, so it does not change the result. Pass `matcher` (a compiled lexicon) or
    `knowledge_dir` to use another lexicon than the bundled one.
    """
    del in_case
    return read_findings(message, matcher or load_matcher(knowledge_dir))


def parse_number(raw: str, thousands: bool = True) -> float:
    """'620.000' / '1 200' / '1,200' -> thousands; '10,5' -> 10.5 (the documented number rule).

    `thousands` is kept for old callers; the rule is the same either way. Unreadable -> ValueError.
    """
    del thousands
    value = read_number(raw)
    if value is None:
        raise ValueError(f"not a number: {raw!r}")
    return float(value)


__all__ = ["Bound", "Extraction", "extract", "parse_number", "read_findings"]

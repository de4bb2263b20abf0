"""Findings extraction: chat text -> PatientCase updates, driven by knowledge/lexicon (pure)."""

from assistant.findings.core import Bound, Extraction, read_findings
from assistant.findings.lexicon import Lexicon, load_lexicon, parse_lexicon
from assistant.findings.matcher import Matcher, compile_lexicon, load_matcher

__all__ = [
    "Bound",
    "Extraction",
    "Lexicon",
    "Matcher",
    "compile_lexicon",
    "load_lexicon",
    "load_matcher",
    "parse_lexicon",
    "read_findings",
]

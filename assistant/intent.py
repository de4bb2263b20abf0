"""Intent routing and scope: pure pattern matching over accent-folded text."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.chat_knowledge import ChatBook
from assistant.text import fold

__all__ = ["classify", "fold", "in_scope", "matches"]


@lru_cache(maxsize=4096)
def _pattern(term: str) -> re.Pattern[str]:
    folded = re.escape(fold(term))
    tail = r"(?![a-z0-9])" if len(term) <= 4 else ""
    return re.compile(rf"(?<![a-z0-9]){folded}{tail}")


def matches(text: str, term: str) -> bool:
    """True when `term` occurs at a word start in already-folded `text` (whole word if short)."""
    return _pattern(term).search(text) is not None


def classify(
    question: str, book: ChatBook, skip: frozenset[str] = frozenset()
) -> tuple[str | None, int]:
    """(best intent code, number of patterns matched); (None, 0) when nothing matches.

    Patterns in `skip` are not counted.
    """
    text = fold(question)
    best, score = None, 0
    for intent in book.intents:
        hits = sum(matches(text, p) for p in intent.patterns if p not in skip)
        if hits > score:
            best, score = intent.code, hits
    return best, score


def in_scope(question: str, book: ChatBook, in_conversation: bool) -> bool:
    """About POEMS: a domain term, a specific intent pattern, or any inside a conversation.

    A question naming another condition (eczema, leprosy...) without a domain term is out;
    generic words alone ("dose?", "is it safe?") need a conversation about POEMS.
    """
    text = fold(question)
    if any(matches(text, term) for term in book.domain_terms):
        return True
    if any(matches(text, term) for term in book.foreign_terms):
        return False
    if in_conversation:
        return classify(question, book)[0] is not None
    return classify(question, book, frozenset(book.generic_terms))[0] is not None

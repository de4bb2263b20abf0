"""Word tokens and a phrase index: leftmost-longest phrase matches in linear time (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_TOKEN = re.compile(r"[a-z0-9λκ]+|[?¿%:<>=]")


@dataclass(frozen=True)
class Token:
    """One word (or one of ? ¿ % : < > =) and where it is in its text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Match:
    """A phrase found at tokens [first, last) with its payload."""

    first: int
    last: int
    payload: int


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of folded text; offsets are shifted by `offset`."""
    return [Token(m.group(), m.start() + offset, m.end() + offset) for m in _TOKEN.finditer(text)]


@dataclass(frozen=True)
class _Phrase:
    words: tuple[str, ...]
    prefix: bool
    payload: int


@dataclass
class PhraseIndex:
    """Phrases (folded, words split on spaces, a final '*' = prefix) by first word."""

    exact: dict[str, list[_Phrase]] = field(default_factory=dict)
    prefixes: dict[str, list[_Phrase]] = field(default_factory=dict)
    prefix_lengths: set[int] = field(default_factory=set)

    def add(self, phrase: str, payload: int) -> None:
        """Register one phrase."""
        prefix = phrase.endswith("*")
        words = tuple(_TOKEN.findall(phrase.removesuffix("*")))
        item = _Phrase(words, prefix, payload)
        if prefix and len(words) == 1:
            self.prefixes.setdefault(words[0], []).append(item)
            self.prefix_lengths.add(len(words[0]))
        else:
            self.exact.setdefault(words[0], []).append(item)

    def _candidates(self, word: str) -> Iterable[_Phrase]:
        yield from self.exact.get(word, ())
        for n in self.prefix_lengths:
            if len(word) >= n:
                yield from self.prefixes.get(word[:n], ())

    def longest_at(self, toks: Sequence[Token], i: int) -> Match | None:
        """The longest phrase starting at token i."""
        best: Match | None = None
        for ph in self._candidates(toks[i].text):
            n = len(ph.words)
            if i + n > len(toks) or (best is not None and n <= best.last - best.first):
                continue
            if _fits(ph, toks, i):
                best = Match(i, i + n, ph.payload)
        return best

    def find(self, toks: Sequence[Token]) -> list[Match]:
        """Leftmost-longest, non-overlapping matches."""
        out: list[Match] = []
        i = 0
        while i < len(toks):
            m = self.longest_at(toks, i)
            if m is None:
                i += 1
                continue
            out.append(m)
            i = m.last
        return out


def _fits(ph: _Phrase, toks: Sequence[Token], i: int) -> bool:
    last = len(ph.words) - 1
    for k, word in enumerate(ph.words):
        text = toks[i + k].text
        if k == last and ph.prefix:
            if not text.startswith(word):
                return False
        elif text != word:
            return False
    return True


def build_index(groups: Iterable[tuple[int, Iterable[str]]]) -> PhraseIndex:
    """An index of (payload, phrases) groups."""
    index = PhraseIndex()
    for payload, phrases in groups:
        for phrase in phrases:
            index.add(phrase, payload)
    return index

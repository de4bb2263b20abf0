"""Typo repair for chat messages (pure): "pruebsa" -> "pruebas", "camniar" -> "caminar".

A word is left alone when it is short, holds a digit, or is known: a folded word of the
guideline (both languages), of the topic lexicon, or one starting with a lexicon stem
("lenalidom*"). An unknown word becomes a lexicon word (the words routing understands) only
when one Damerau-Levenshtein edit away (two for long words); the caller shows each repair.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from assistant.text import fold

MIN_LEN = 5  # shorter words are too ambiguous to repair (and often abbreviations)
LONG = 9  # from this length two edits are allowed
SWAP_MIN = 6  # a guideline word with two letters swapped is repaired from this length
SHIFT_MIN = 7  # a stem this long may also have lost or gained a letter ("plaqetas")
_VOWELS = frozenset("aeiou")
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CONTRACTED = re.compile(r"['’](?:t|s|re|ve|ll|d|m)$")  # "can't", "he's", "they're", "I'd"


@dataclass(frozen=True)
class Speller:
    """Known words (folded) and lexicon stems; `repair` returns the text and the changes."""

    words: dict[str, str]  # folded word -> the form shown (most common spelling, accents kept)
    targets: frozenset[str] = frozenset()  # words a typo may become: the lexicon's own
    stems: tuple[str, ...] = ()
    corpus: frozenset[str] = frozenset()  # folded words of the guideline texts only
    _choices: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_choices", tuple(sorted(self.targets)))

    @classmethod
    def build(
        cls, texts: Iterable[str], terms: Iterable[str], everyday: Iterable[str] = ()
    ) -> Speller:
        """From guideline texts (forms counted, most common kept), lexicon terms and everyday
        words (known as typed: "múltiples" is a word, not a typo of "multiple"; "commonest",
        "coste" and "preservación" are words, not typos of "component", "corte" and
        "preservation")."""
        seen: dict[str, int] = {}  # each lower-case form once: folding is the slow part
        for text in texts:
            for tok in _TOKEN.findall(text):
                low = tok.lower()
                seen[low] = seen.get(low, 0) + 1
        counts: dict[str, dict[str, int]] = {}
        for low, n in seen.items():
            counts.setdefault(fold(low), {})[low] = n
        words = {k: max(sorted(v), key=lambda f: v[f]) for k, v in counts.items()}
        corpus = frozenset(words)
        stems: set[str] = set()
        targets: set[str] = set()
        for term in terms:
            for part in fold(term).replace("*", "* ").split():
                clean = re.sub(r"[^a-z0-9*]", "", part)
                if clean.endswith("*"):
                    if len(clean) > MIN_LEN:
                        stems.add(clean[:-1])
                elif clean:
                    words.setdefault(clean, clean)
                    targets.add(clean)
        for word in everyday:
            words.setdefault(word, word)
        return cls(words, frozenset(targets), tuple(sorted(stems)), corpus)

    def known(self, folded: str) -> bool:
        """A word of the guideline or lexicon, or one starting with a lexicon stem."""
        return folded in self.words or any(folded.startswith(s) for s in self.stems)

    def fix(self, word: str) -> str | None:
        """The repaired form of one unknown word, or None to keep it."""
        folded = fold(word.lower())
        if len(folded) < MIN_LEN or self.known(folded) or _CONTRACTED.search(folded):
            return None  # "can't", "patient's": everyday English, never a typo to repair
        for attempt in (self._doubled, self._cut, self._nearest, self._swapped, self._stem):
            if (found := attempt(folded)) is not None:
                return found
        return None

    def _doubled(self, folded: str) -> str | None:
        """A key pressed twice ("happpens", "commponente"): the word without it, when known."""
        for i in range(len(folded) - 1):
            once = folded[:i] + folded[i + 1 :]
            if folded[i] == folded[i + 1] and once in self.words:
                return self.words[once]
        return None

    def _cut(self, folded: str) -> str | None:
        """One lexicon stem cut short: "talido", "lenali" (the drug's stem)."""
        cut = [s for s in self.stems if s.startswith(folded)]
        if cut and len({s[len(folded)] for s in cut}) == 1:
            return min(cut, key=lambda s: (len(s), s))
        return None

    def _nearest(self, folded: str) -> str | None:
        """The nearest lexicon word: fewest edits, then the same first letter (a slip at the
        start is rare: "pasma" is "plasma", not "asma"), then the same length (a swap beats a
        dropped letter), then a letter dropped rather than one added ("plasma", not "pasa"),
        then a-z."""
        found = process.extract(
            folded,
            self._choices,
            scorer=DamerauLevenshtein.distance,
            score_cutoff=1 if len(folded) < LONG else 2,
            limit=None,
        )
        # two slips and a changed first letter is another word ("fisicamente", "tipicamente")
        found = [f for f in found if f[1] <= 1 or f[0][:1] == folded[:1]]
        if not found:
            return None
        best = min(
            found,
            key=lambda f: (
                f[1],
                f[0][:1] != folded[:1],
                abs(len(f[0]) - len(folded)),
                len(f[0]) < len(folded),
                f[0],
            ),
        )
        return self.words[best[0]]

    def _swapped(self, folded: str) -> str | None:
        """Two letters swapped in a guideline word ("albmuin", "oslitary")."""
        if len(folded) < SWAP_MIN:
            return None
        for i in range(len(folded) - 1):
            swapped = folded[:i] + folded[i + 1] + folded[i] + folded[i + 2 :]
            if swapped != folded and swapped in self.corpus:
                return self.words[swapped]
        return None

    def _stem(self, folded: str) -> str | None:
        """A lexicon stem one edit away: "camniar" ("camin*"); with a shift, "plaqetas" lost a
        letter of "plaqueta*" and "plaquuetas" has one more."""
        for shift in (0, -1, 1):
            for stem in self.stems:
                if shift and len(stem) < SHIFT_MIN:
                    continue
                end = len(stem) + shift
                head = folded[:end]
                if head[:1] != stem[:1]:
                    continue  # a slip at the start is rare: "fisicamente" is not "tipic*"
                if head[:-1] == stem[:-1] and {head[-1:], stem[-1]} <= _VOWELS:
                    continue  # "oncologia" vs "oncologa*": another ending, not a typo
                if shift and head[-2:] != stem[-2:]:
                    continue  # a letter lost or added inside the stem, not at its end
                if DamerauLevenshtein.distance(head, stem, score_cutoff=1) <= 1:
                    return stem + folded[end:]
        return None

    def repair(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """(text with unknown words repaired, the (typed, read as) pairs in order)."""
        changes: list[tuple[str, str]] = []

        def sub(m: re.Match[str]) -> str:
            new = self.fix(m.group(0))
            if new is None:
                return m.group(0)
            changes.append((m.group(0), new))
            return new

        return _TOKEN.sub(sub, text), tuple(dict.fromkeys(changes))

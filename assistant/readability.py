"""Readability: Flesch-Kincaid grade for English (textstat) and Szigriszt-Pazos / INFLESZ for
Spanish with our own syllable counter (textstat miscounts hiatus and accented vowels).

Szigriszt-Pazos perspicuity: P = 206.835 - 62.3 * syllables/words - words/sentences
(Szigriszt Pazos, 1993). INFLESZ bands (Barrio-Cantalejo et al., 2008): < 40 very difficult,
40-55 somewhat difficult, 55-65 normal, 65-80 fairly easy, > 80 very easy.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

VOWELS = set("aeiouáéíóúü")
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
_SENTENCE_END = re.compile(r"[.!?;:]+(?:\s|$)|\n\s*\n|\n[-*•] ")


def _silent_u(word: str) -> str:
    """Drop the silent u of 'qu' and of 'gu' before e/i (not 'gü')."""
    word = re.sub(r"qu(?=[eiéí])", "q", word)
    return re.sub(r"gu(?=[eiéí])", "g", word)


def _y_as_vowel(word: str) -> str:
    """A final 'y' after a vowel (hoy, muy, rey) is a weak vowel; 'y' alone is a vowel too."""
    if word == "y":
        return "i"
    return re.sub(r"(?<=[aeiouáéíóú])y$", "i", word)


_CLOSE = set("iuüíú")


def _hiatus(a: str, b: str) -> bool:
    """Adjacent vowels in separate syllables: two open vowels, or a stressed í/ú beside an open
    vowel (día, baúl). Two close vowels always join (ciudad, lingüística), unless doubled."""
    if a in _CLOSE and b in _CLOSE:
        return a == b
    if a not in _CLOSE and b not in _CLOSE:
        return True
    return a in "íú" or b in "íú"


def spanish_syllables(word: str) -> int:
    """Syllables of one Spanish word (hiatus and accents counted correctly)."""
    w = _y_as_vowel(_silent_u(word.lower()))
    count, prev = 0, ""
    for ch in w:
        if ch in VOWELS:
            if not prev or _hiatus(prev, ch):
                count += 1
            prev = ch
        else:
            prev = ""
    return max(count, 1)


@dataclass(frozen=True)
class Readability:
    """A readability measurement of one text."""

    lang: str
    index: str
    score: float
    band: str
    words: int
    sentences: int
    passes: bool


def _sentences(text: str) -> int:
    return max(1, len([s for s in _SENTENCE_END.split(text) if _WORD.search(s)]))


def inflesz_band(score: float) -> str:
    """The INFLESZ band name of a Szigriszt-Pazos score."""
    if score < 40:
        return "muy difícil"
    if score < 55:
        return "algo difícil"
    if score < 65:
        return "normal"
    if score <= 80:
        return "bastante fácil"
    return "muy fácil"


def spanish_readability(text: str, minimum: float = 65.0) -> Readability:
    """Szigriszt-Pazos perspicuity with the INFLESZ band."""
    words = _WORD.findall(unicodedata.normalize("NFC", text))
    n_words = max(1, len(words))
    syllables = sum(spanish_syllables(w) for w in words)
    sentences = _sentences(text)
    score = 206.835 - 62.3 * syllables / n_words - n_words / sentences
    return Readability(
        "es",
        "Szigriszt-Pazos (INFLESZ)",
        round(score, 1),
        inflesz_band(score),
        n_words,
        sentences,
        score >= minimum,
    )


def english_readability(text: str, maximum: float = 8.0) -> Readability:
    """Flesch-Kincaid grade level (textstat)."""
    import textstat

    textstat.set_lang("en_US")
    grade = float(textstat.flesch_kincaid_grade(text))
    return Readability(
        "en",
        "Flesch-Kincaid grade",
        round(grade, 1),
        f"grade {grade:.1f}",
        len(_WORD.findall(text)),
        _sentences(text),
        grade <= maximum,
    )


def readability(text: str, lang: str) -> Readability:
    """The project's readability measure for `lang`."""
    return spanish_readability(text) if lang == "es" else english_readability(text)

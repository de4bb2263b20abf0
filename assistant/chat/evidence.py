"""Evidence for one question (pure): topic scores fused with retrieval, candidate sections,
sentence ranking (lexical + retrieval + topic prior, numbers for number-seeking questions) and
the cannot-answer gate."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.chat.lexicon import DOMAIN, GENERIC, Lexicon, words
from assistant.contracts import Chunk, Lang, Passage
from assistant.text import fold

SectionLookup = Callable[[Lang, str], Sequence[Chunk]]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"'(0-9])")
_MARKER = re.compile(r"\s*\[@[^\]]+\]")
_NUMBER = re.compile(r"\d")
LEXICAL_SHARE = 0.75  # topic score = 0.75 lexical + 0.25 retrieval
W_LEX, W_HEAD, W_RETRIEVAL, W_PRIOR, W_NUMBER = 0.6, 0.15, 0.1, 0.3, 0.2
FOCUS_BONUS = 0.1  # prior above the best topic section for the passage a follow-up leans on
AFTER_SHARE = 0.5  # "relapse after ASCT": words after "after" describe the context
_AFTER = frozenset({"after", "following", "post", "tras", "despues", "posterior"})
ANCHOR_WEIGHT = 2.0  # a domain word of the question ("daratumumab", "PET") counts double
GENERIC_SHARE = 0.5  # generic words ("treatment", "dose") count half in sentence ranking
W_POSITION = 0.25  # added to the prior of a section's first sentence (half for the second)
# What a number-seeking question measures -> units that answer it (folded text).
_UNITS = {
    "dose": re.compile(r"\d\s*(?:gy|mg|g/m|mg/m)"),
    "time": re.compile(r"\d\s*(?:-\s*\d+\s*)?(?:month|year|week|day|mes|ano|semana|dia)"),
    "level": re.compile(r"\d\s*(?:pg|ng|/l|/ul|/ml|x ?10|g/dl|/[µμu]l|000)"),
    "rate": re.compile(r"\d\s*%"),
}
_MEASURE = {
    "dose": re.compile(r"\b(?:dose|doses|dosis|gy|mg)\b"),
    "time": re.compile(
        r"\b(?:how long|how often|when|interval|cuanto tiempo|cuanto tarda|cada cuanto|"
        r"intervalo|months?|meses|years?|anos|plazo)\b"
    ),
    "level": re.compile(
        r"\b(?:threshold|cut ?off|level|umbral|punto de corte|nivel|value|valor)\b"
    ),
    "rate": re.compile(
        r"\b(?:rate|tasa|percent|porcentaje|how many|cuantos|cuantas|survival|"
        r"supervivencia|risk|riesgo|frecuente|how common|how frequent|comun)\b"
    ),
}


def sentences(text: str) -> list[str]:
    """Sentences of a passage, in order."""
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def strip_markers(sentence: str) -> str:
    """A sentence without its [@source] markers."""
    return _MARKER.sub("", sentence).strip()


SHORT = frozenset({"gy"})  # two-letter words that carry meaning ("¿cuántos Gy?")
# British spellings of the guideline meet American ones of the question ("oedema" / "edema").
_BRITISH = re.compile(r"^oe|aem|^paed|^anaes|rrhoea")
_AMERICAN = {"oe": "e", "aem": "em", "paed": "ped", "anaes": "anes", "rrhoea": "rrhea"}


def stem(word: str) -> str:
    """A folded word's stem for ranking: its first 5 letters, in American spelling, without a
    plural "s" ("risks" ~ "risk")."""
    if len(word) > 4 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return _BRITISH.sub(lambda m: _AMERICAN[m.group()], word)[:5]


@lru_cache(maxsize=8192)
def stems(text: str, stop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content stems (`stem` of words of 3+ letters) of a text (cached: guideline sentences
    recur across questions)."""
    return frozenset(stem(w) for w in words(text) if (len(w) >= 3 or w in SHORT) and w not in stop)


def fuse_topics(
    lex: Lexicon, lexical: dict[str, float], passages: Sequence[Passage]
) -> dict[str, float]:
    """Lexical topic scores fused with retrieval (topics of the retrieved sections, by rank)."""
    owner: dict[str, list[str]] = {}
    for t in lex.topics:
        for s in t.sections:
            owner.setdefault(s, []).append(t.code)
    retrieved: dict[str, float] = {}
    for p in passages:
        for code in owner.get(p.chunk.section_id, []):
            retrieved[code] = retrieved.get(code, 0.0) + 1.0 / (p.rank + 1)
    top_l = max(lexical.values(), default=0.0) or 1.0
    top_r = max(retrieved.values(), default=0.0) or 1.0
    fused = {}
    for code in set(lexical) | set(retrieved):
        lx = lexical.get(code, 0.0) / top_l
        rt = retrieved.get(code, 0.0) / top_r
        if lexical and lx == 0.0:
            rt *= 0.5  # retrieval alone cannot outvote a topic the question names
        fused[code] = round(LEXICAL_SHARE * lx + (1 - LEXICAL_SHARE) * rt, 6)
    return fused


@dataclass(frozen=True)
class Scored:
    """A candidate sentence with its chunk and score."""

    text: str
    chunk: Chunk
    score: float
    order: int  # reading order among the candidates (tie-break)
    prior: float = 0.0  # topic prior of its section (0: found by retrieval only)


def candidates(
    lex: Lexicon,
    topics: dict[str, float],
    passages: Sequence[Passage],
    lookup: SectionLookup,
    lang: Lang,
) -> list[tuple[Chunk, float, float]]:
    """(chunk, topic prior, retrieval score) for every chunk of the candidate sections."""
    prior: dict[str, float] = {}
    for code, score in topics.items():
        for i, sec in enumerate(lex.topic(code).sections):
            prior[sec] = max(prior.get(sec, 0.0), score * (1.0 - 0.03 * i))
    retrieval: dict[str, float] = {}
    for p in passages:
        retrieval[p.chunk.section_id] = max(retrieval.get(p.chunk.section_id, 0.0), 1 / p.rank)
        prior.setdefault(p.chunk.section_id, 0.0)
    out = []
    for sec in sorted(prior, key=lambda s: (-prior[s], s)):
        for chunk in lookup(lang, sec):
            out.append((chunk, prior[sec], retrieval.get(sec, 0.0)))
    return out


def focused(
    pool: list[tuple[Chunk, float, float]], focus: Sequence[Chunk]
) -> list[tuple[Chunk, float, float]]:
    """The pool with the `focus` chunks (the passage the last answer opened with, for a
    follow-up with no subject of its own) at a prior just above the best candidate's."""
    if not focus:
        return pool
    top = max((prior for _, prior, _ in pool), default=1.0)
    retrieval = {chunk.chunk_id: rt for chunk, _, rt in pool}
    ids = {chunk.chunk_id for chunk in focus}
    lead = [(c, top + FOCUS_BONUS, retrieval.get(c.chunk_id, 0.0)) for c in focus]
    return lead + [x for x in pool if x[0].chunk_id not in ids]


def measures(question: str) -> tuple[str, ...]:
    """What a number-seeking question measures: dose, time, level, rate."""
    flat = " ".join(words(question))
    return tuple(m for m, rx in _MEASURE.items() if rx.search(flat))


def _number_bonus(text: str, wanted: tuple[str, ...]) -> float:
    if not _NUMBER.search(text):
        return -W_NUMBER / 2
    flat = fold(text)
    if any(_UNITS[m].search(flat) for m in wanted):
        return W_NUMBER
    return W_NUMBER / 4


def rank_sentences(
    question: str,
    pool: Iterable[tuple[Chunk, float, float]],
    lex: Lexicon,
    wants_number: bool,
    context: str = "",
) -> list[Scored]:
    """Sentences of the candidate chunks, best first (score, then reading order). `context`
    (the case told before a question that points back at it) counts at CONTEXT_SHARE."""
    rows = [
        (strip_markers(s), chunk, prior + W_POSITION * max(0, 2 - i) / 2, rt)
        for chunk, prior, rt in pool
        for i, s in enumerate(sentences(chunk.text))
    ]
    weights = query_weights(question, lex)
    for w, x in query_weights(context, lex).items():
        weights.setdefault(w, CONTEXT_SHARE * x)
    docs = [stems(text, lex.stopwords) for text, *_ in rows]
    idf = {w: math.log(1 + len(docs) / (1 + sum(w in d for d in docs))) for w in weights}
    total = sum(idf[w] * weights[w] for w in weights) or 1.0
    wanted = measures(question) if wants_number else ()
    scored = []
    for i, ((text, chunk, prior, rt), d) in enumerate(zip(rows, docs, strict=True)):
        head = stems(chunk.heading, lex.stopwords)
        lexical = sum(idf[w] * weights[w] for w in weights if w in d) / total
        heading = sum(idf[w] * weights[w] for w in weights if w in head) / total
        score = W_LEX * lexical + W_HEAD * heading + W_RETRIEVAL * rt + W_PRIOR * prior
        if wants_number:
            score += _number_bonus(text, wanted)
        scored.append(Scored(text, chunk, round(score, 6), i, prior))
    return sorted(scored, key=lambda s: (-s.score, s.order))


def query_weights(question: str, lex: Lexicon) -> dict[str, float]:
    """Question stems with weights: generic words count half."""
    toks = words(question)
    hits = lex.spot(toks)
    generic = {i for h in hits if set(h.labels) == {GENERIC} for i in range(h.start, h.end)}
    anchors = {
        i
        for h in hits
        if DOMAIN in h.labels and not lex.has("name", toks[h.start : h.end])
        for i in range(h.start, h.end)
    }
    out: dict[str, float] = {}
    after = len(toks)
    for i, w in enumerate(toks):
        if w in _AFTER:
            after = min(after, i)
        if (len(w) >= 3 or w in SHORT) and w not in lex.stopwords and w not in _AFTER:
            weight = GENERIC_SHARE if i in generic else ANCHOR_WEIGHT if i in anchors else 1.0
            weight *= AFTER_SHARE if after < i <= after + 3 else 1.0
            key = stem(w)
            out[key] = max(out.get(key, 0.0), weight)
    return out


CONTEXT_SHARE = 0.5  # weight of the case words a short question points back at
SHORT_ANSWER = 12  # words: a best sentence this short is continued by the ones after it


def direct(ranked: Sequence[Scored], max_words: int = 90) -> list[Scored]:
    """The 1-3 sentences that best answer: the best, plus close runners-up within a budget."""
    if not ranked:
        return []
    best = ranked[0]
    picked = [best]
    size = len(best.text.split())
    if size < SHORT_ANSWER:  # "At least one minor criterion is needed." -- and which they are
        seq = [strip_markers(x) for x in sentences(best.chunk.text)]
        at = seq.index(best.text) if best.text in seq else len(seq)
        for text in seq[at + 1 :]:
            n = len(text.split())
            if size + n > max_words:
                break
            picked.append(Scored(text, best.chunk, best.score, best.order, best.prior))
            size += n
        return picked
    for s in ranked[1:3]:
        n = len(s.text.split())
        near = s.chunk.section_id == best.chunk.section_id and s.score >= 0.7 * best.score
        if (near or s.score >= 0.9 * best.score) and size + n <= max_words:
            picked.append(s)
            size += n
    return picked


def uncovered(unknown: Sequence[str], texts: Iterable[str]) -> list[str]:
    """Question words (outside the lexicon) that no candidate passage contains."""
    have: set[str] = set()
    for text in texts:
        have |= stems(text)
    return [w for w in unknown if len(w) >= 3 and stem(w) not in have]


def cannot_answer(unknown: Sequence[str], missing: Sequence[str], named: bool) -> bool:
    """The gate: the question's own content terms are not in the passages found."""
    if not unknown or not missing:
        return False
    share = len(missing) / len(unknown)
    return (not named and share >= 0.5) or (len(missing) >= 3 and share > 0.6)

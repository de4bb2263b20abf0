"""The topic lexicon (knowledge/lexicon/topics.toml) and longest-match term spotting (pure).

A question is folded (lower case, no accents) and split into words. At each word the longest
lexicon term that matches there wins and takes all its words: a word is counted once, and a
phrase ("plasma cells", "plasma exchange") hides the shorter terms inside it ("plasma" for VEGF).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from assistant.chat.spelling import Speller
from assistant.contracts import Lang, Localized
from assistant.errors import KnowledgeError
from assistant.knowledge import guideline_files
from assistant.text import fold

_CONFIG = ConfigDict(frozen=True, extra="forbid")
_WORD = re.compile(r"[a-z0-9]+")
STRONG, WEAK = 1.0, 0.35
PHRASE_BONUS = 0.25  # each extra word of a matched term: longer terms are more specific
DOMAIN, FOREIGN, GENERIC = "@domain", "@foreign", "@generic"
TYPO_MIN = 5  # shorter words are too often another word one letter away
TYPO_DROP_MIN = 8  # a dropped letter is a typo from this length ("statins" is a word)
TYPO_SWAP_MIN = 8  # from this length one changed letter is a typo too
SUBJECT = "@subject"  # in scope, but the passages must name it (evidence.cannot_answer)


def words(text: str) -> list[str]:
    """Folded words of a text, in order."""
    return _WORD.findall(fold(text).translate(_GREEK))


_GREEK = str.maketrans({"λ": " lambda ", "κ": " kappa "})  # "IgG-λ" is "IgG lambda"


class FollowUps(BaseModel):
    """Suggested next questions in both languages."""

    model_config = _CONFIG

    en: tuple[str, ...]
    es: tuple[str, ...]


class Lead(BaseModel):
    """A sentence that opens a broad question's answer: the first sentence of `section`
    matching `contains` (a regex over folded text)."""

    model_config = _CONFIG

    section: str
    contains: str


class Companion(BaseModel):
    """A sentence that must follow any direct answer drawn from one of the `after` sections:
    "bevacizumab is not recommended" goes on to what is used instead."""

    model_config = _CONFIG

    after: tuple[str, ...]
    then: Lead


class Aspect(BaseModel):
    """A part of a topic that a question can name ("induction", "a second transplant"): its
    answer opens with these sentences, whichever topic the question was routed to."""

    model_config = _CONFIG

    when: tuple[str, ...] = Field(min_length=1, description="Terms naming the aspect.")
    beside: tuple[str, ...] = Field(
        (), description="Terms one of which must also be asked ('skin' beside 'permanent')."
    )
    asks: tuple[str, ...] = Field(
        (),
        description="Terms one of which must be asked; `when` and `beside` may then both be "
        "told ('VEGF high, pneumonia 3 weeks ago' told, 'relapse?' asked).",
    )
    unless: tuple[str, ...] = Field(
        (),
        description="Terms that, told or asked, mean the question is about something else "
        "(a melphalan dose beside a creatinine clearance is not a lenalidomide dose).",
    )
    lead: tuple[Lead, ...] = Field(min_length=1, max_length=3)
    numbers: bool = Field(False, description="The leads also answer number questions.")


class Alarm(BaseModel):
    """A danger sign a message tells ("fever" beside "lenalidomide"): whatever was asked, the
    answer opens with the rule book's warning, in the audience's words (safety first)."""

    model_config = _CONFIG

    when: tuple[str, ...] = Field(min_length=1, description="Terms naming the sign.")
    beside: tuple[str, ...] = Field(
        (), description="Terms one of which must also be in the message (the treatment)."
    )
    warning: str = Field(description="Code of a [[warning]] row in rules/warnings.toml.")


class Topic(BaseModel):
    """One answerable topic: the words that name it and the guideline sections that answer it."""

    model_config = _CONFIG

    code: str
    heading: Localized
    strong: tuple[str, ...] = ()
    weak: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    follow_ups: FollowUps
    plan: tuple[str, ...] = Field((), description="Plan families for 'For this patient'.")
    patient: tuple[str, ...] = Field((), description="Rule families for general patient answers.")
    plan_first: bool = Field(
        False, description="With a case, the direct answer is the patient's own plan (options)."
    )
    lead: tuple[Lead, ...] = Field(
        (), max_length=6, description="Direct answer of a broad question about the topic."
    )
    lead_when: tuple[str, ...] = Field(
        (), description="Terms that make a question broad ('first line', 'options')."
    )
    lead_numbers: bool = Field(
        False, description="The leads also answer number questions (they hold the intervals)."
    )
    lead_named: bool = Field(
        False, description="The leads answer even a question naming findings ('is that POEMS?')."
    )
    lead_patient: bool = Field(
        False, description="The leads also open a patient answer that no plain line covers."
    )
    subject: str = Field(
        "",
        description="The words naming what this topic's passages are about ('radiation "
        "radioterapia'): a follow-up about an answer quoting them ('how successful is that?') "
        "is about this subject even when no question named it.",
    )


class Scope(BaseModel):
    """Words deciding whether a question is about POEMS."""

    model_config = _CONFIG

    domain: tuple[str, ...]
    foreign: tuple[str, ...]
    generic: tuple[str, ...]
    subject: tuple[str, ...] = Field((), description="In scope, but must be in the passages.")
    stop: tuple[str, ...] = ()
    number: tuple[str, ...] = ()
    expand: dict[str, str] = Field(default_factory=dict)
    other: tuple[str, ...] = Field((), description="Neighbouring diseases (differentials).")
    name: tuple[str, ...] = Field((), description="Names of POEMS itself.")
    lifted: tuple[str, ...] = Field(
        (), description="Foreign medical terms in scope beside a `specific` word (VEGF, POEMS)."
    )
    specific: tuple[str, ...] = Field((), description="Words that can only be about POEMS.")
    treat: tuple[str, ...] = Field((), description="Words asking for a treatment or dose.")
    compare: tuple[str, ...] = Field((), description="Words comparing two conditions.")
    anchor: tuple[str, ...] = Field(
        (), description="Words pointing at a patient ('pt', 'mi padre'): statements about one."
    )
    story: frozenset[str] = Field(
        frozenset(), description="Everyday words of a story, neutral beside POEMS's name."
    )
    lay_nerve: tuple[str, ...] = Field(
        (), description="Lay words for the neuropathy ('los nervios'), half of a lay name."
    )
    lay_clone: tuple[str, ...] = Field(
        (), description="Lay words for the clone ('plasma cell', 'la proteína'): the other half."
    )
    referent: frozenset[str] = Field(
        frozenset(),
        description="Words pointing back at the story ('¿es por la pastilla?', 'is it the pill?'): "
        "a question clause holding only these asks about the story before it.",
    )
    manage: tuple[str, ...] = Field(
        (),
        description="Words asking how to follow, keep up, stage or define a condition "
        "(how often, how long, staging, criteria).",
    )
    feature: tuple[str, ...] = Field(
        (), description="Findings that point to POEMS in a question about a neighbouring disease."
    )
    wording: tuple[str, ...] = Field(
        (), description="Asking how to put what was told into words ('what do I write?')."
    )
    ruled_out: tuple[str, ...] = Field(
        (), description="Words saying a diagnosis was excluded ('POEMS was ruled out')."
    )
    lifted_by_name: tuple[str, ...] = Field(
        (), description="Foreign terms in scope only when POEMS itself is named beside them."
    )
    uncovered: tuple[str, ...] = Field(
        (),
        description="Subjects the guideline leaves out (vaccines, driving, work): a question "
        "asking about one is declined unless a passage found covers it.",
    )
    disseminating: tuple[str, ...] = Field(
        (), description="Findings that make the disease disseminated whatever else is named."
    )
    masked: tuple[str, ...] = Field(
        (),
        description="Phrases whose words never cue an aspect ('plasma cells' is not a plasma "
        "VEGF, 'células plasmáticas' not a plasma specimen).",
    )
    first_line: tuple[str, ...] = Field(
        (), description="Asking which treatment comes first, no agent named ('first-line tx?')."
    )
    frame: tuple[str, ...] = Field(
        (),
        description="Asking frames ('how often', '¿con qué frecuencia?', 'how common'): in a "
        "follow-up they ask about the subject just discussed and name none of their own.",
    )
    agent: tuple[str, ...] = Field(
        (), description="A treatment named (drug, transplant, radiation): the question's own."
    )
    stratum: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Words naming a stratum (localized, disseminated)."
    )
    answer_in: dict[Lang, tuple[str, ...]] = Field(
        default_factory=dict, description="Requests for the last answer in a language."
    )


@dataclass(frozen=True)
class Term:
    """A compiled term: one matcher per word; a trailing '*' means 'starts with'."""

    text: str
    parts: tuple[tuple[str, bool], ...]

    @classmethod
    def parse(cls, text: str) -> Term:
        parts = tuple(
            (w.rstrip("*"), w.endswith("*")) for w in fold(text).replace("*", "* ").split()
        )
        clean = tuple((w, p) for w, p in ((re.sub(r"[^a-z0-9]", "", w), p) for w, p in parts) if w)
        return cls(text, clean)

    def match(self, toks: Sequence[str], at: int) -> bool:
        """True when the term's words match `toks` starting at index `at`."""
        if at + len(self.parts) > len(toks):
            return False
        return all(_word_match(toks[at + i], w, p) for i, (w, p) in enumerate(self.parts))


def _word_match(tok: str, word: str, prefix: bool) -> bool:
    if prefix:
        return tok.startswith(word)
    return tok in (word, word + "s", word + "es")


@dataclass(frozen=True)
class Hit:
    """A span of words claimed by the longest matching term(s), with what they mean."""

    start: int
    end: int
    labels: dict[str, float]  # topic code (or @domain/@foreign/@generic) -> weight


def _everyday_typo(typed: str, word: str) -> bool:
    """How `typed` differs from `word` (one edit apart) is a typing slip, not another word."""
    if len(typed) == len(word) + 1:  # a key pressed twice: "bajjado", "happpens"
        return any(
            typed[i] == typed[i + 1] and typed[:i] + typed[i + 1 :] == word
            for i in range(len(typed) - 1)
        )
    if len(typed) + 1 == len(word):  # a letter dropped from a long word: "aftewards"
        return len(typed) >= TYPO_DROP_MIN
    if sorted(typed) == sorted(word):  # two letters swapped: "tarcking"
        return True
    return len(typed) >= TYPO_SWAP_MIN  # one letter changed in a very long word


class Lexicon(BaseModel):
    """Topics and scope words, validated; `spot` finds them in a text."""

    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(cached_property,))

    scope: Scope
    topics: tuple[Topic, ...] = Field(alias="topic")
    companions: tuple[Companion, ...] = Field((), alias="companion")
    aspects: tuple[Aspect, ...] = Field((), alias="aspect")
    alarms: tuple[Alarm, ...] = Field((), alias="alarm")
    corpus: tuple[str, ...] = Field((), exclude=True, description="Guideline texts (speller).")
    common: frozenset[str] = Field(
        frozenset(), exclude=True, description="Everyday English and Spanish words (folded)."
    )
    dictionary: frozenset[str] = Field(
        frozenset(), exclude=True, description="Dictionary words (folded): never repaired."
    )
    light: frozenset[str] = Field(
        frozenset(), exclude=True, description="Inflected light verbs: never what is asked."
    )
    cue_words: tuple[str, ...] = Field(
        (), exclude=True, description="Extraction cue words (cues.toml): never repaired."
    )

    @cached_property
    def speller(self) -> Speller:
        """Typo repair against the guideline's words and every lexicon term."""
        terms = [x for _, texts, _ in self._entries() for x in texts]
        terms += [*self.scope.stop, *self.scope.number]
        sc = self.scope
        for cue in (sc.other, sc.treat, sc.compare, sc.manage, sc.ruled_out, sc.lifted_by_name):
            terms += cue
        terms += [w for k, v in self.scope.expand.items() for w in (k, v)]
        terms += self.cue_words  # "presumed" is doubt, not a typo of "resumed"
        return Speller.build(self.corpus, terms, (*self.common, *self.dictionary))

    @cached_property
    def _stemmers(self) -> tuple[Any, ...]:
        import Stemmer  # PyStemmer (bm25s uses it too)

        return Stemmer.Stemmer("english"), Stemmer.Stemmer("spanish")

    @cached_property
    def _common_stems(self) -> frozenset[str]:
        words = sorted(self.common)
        return frozenset(s for stemmer in self._stemmers for s in stemmer.stemWords(words))

    def everyday(self, word: str) -> bool:
        """An everyday English or Spanish word, in any inflection ("funcionará" ~ "funciona");
        numbers and two-letter tokens count as everyday too."""
        if len(word) <= 3 or any(c.isdigit() for c in word) or word in self.common:
            return True
        return any(stemmer.stemWord(word) in self._common_stems for stemmer in self._stemmers)

    @cached_property
    def _common_long(self) -> tuple[str, ...]:
        return tuple(sorted(w for w in self.common if len(w) >= TYPO_MIN))

    @cached_property
    def _typo_memo(self) -> dict[str, bool]:
        return {}

    def misspelt_everyday(self, word: str) -> bool:
        """'bajjado', 'aftewards', 'tarcking': an everyday word with a doubled key, a letter
        dropped from a long word, two letters swapped, or one letter changed in a very long
        word. Such a word is not a subject the guideline lacks, but it is not repaired either
        (a repair to everyday words changed meanings; see decisions.md). Other one-letter
        differences are words of their own: 'statin' is not 'station', 'shingles' not
        'singles'."""
        if len(word) < TYPO_MIN or self.everyday(word):
            return False
        if word not in self._typo_memo:
            found = process.extract(
                word,
                self._common_long,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=1,
                limit=None,
            )
            self._typo_memo[word] = any(_everyday_typo(word, w) for w, _, _ in found)
        return self._typo_memo[word]

    def accounted(self, word: str) -> bool:
        """A word the guideline uses, the lexicon expands ("bloquee", "adiro") or an everyday
        word mistyped: never a subject the passages must name."""
        return (
            word in self.speller.corpus or word in self.scope.expand or self.misspelt_everyday(word)
        )

    def alarm(self, toks: Sequence[str]) -> Alarm | None:
        """The first danger sign the message tells (with its treatment word when one is set)."""
        return next(
            (a for i, a in enumerate(self.alarms) if self.pair(f"alarm:{i}", (), toks)), None
        )

    def pair(self, key: str, told: Sequence[str], asked: Sequence[str]) -> bool:
        """A `when` term of entry `key` ("aspect:3", "alarm:0") in what was told or asked, and
        one of its `beside` terms (if it has any) in what was asked; an aspect with `asks`
        needs one of those asked, and its `when` and `beside` terms anywhere."""
        told, asked = self.unmasked(told), self.unmasked(asked)
        if self._cue_terms.get(f"{key}:unless") and self.has(f"{key}:unless", [*told, *asked]):
            return False  # "CrCl 40 … melphalan at full dose?": not this aspect's subject
        beside = self._cue_terms[f"{key}:beside"]
        if self._cue_terms.get(f"{key}:asks"):  # the subject told, the question asked
            every = [*told, *asked]
            return all(
                self.has(k, t)
                for k, t in ((f"{key}:asks", asked), (key, every), (f"{key}:beside", every))
            )
        return (not beside or self.has(f"{key}:beside", asked)) and self.has(key, [*told, *asked])

    def unmasked(self, toks: Sequence[str]) -> list[str]:
        """`toks` without the words of a masked phrase ("8% plasma cells" keeps "8%")."""
        spans = self.spans("masked", toks)
        if not spans:
            return list(toks)
        gone = {i for start, end in spans for i in range(start, end)}
        return [t for i, t in enumerate(toks) if i not in gone]

    def topic(self, code: str) -> Topic:
        """The topic with this code."""
        return next(t for t in self.topics if t.code == code)

    @cached_property
    def _index(self) -> dict[str, list[tuple[Term, dict[str, float]]]]:
        table: dict[str, dict[str, float]] = {}
        for label, texts, weight in self._entries():
            for text in texts:
                slot = table.setdefault(text, {})
                slot[label] = max(slot.get(label, 0.0), weight)
        index: dict[str, list[tuple[Term, dict[str, float]]]] = {}
        for key in sorted(table):
            term = Term.parse(key)
            if term.parts:
                index.setdefault(term.parts[0][0][:2], []).append((term, table[key]))
        return index

    def _entries(self) -> Iterable[tuple[str, tuple[str, ...], float]]:
        for t in self.topics:
            yield t.code, t.strong, STRONG
            yield t.code, t.weak, WEAK
        yield DOMAIN, self.scope.domain, STRONG
        yield SUBJECT, self.scope.subject, STRONG
        yield FOREIGN, self.scope.foreign, STRONG
        yield GENERIC, self.scope.generic, WEAK

    @cached_property
    def _cue_terms(self) -> dict[str, tuple[Term, ...]]:
        sc = self.scope
        lists = {"other": sc.other, "name": sc.name, "treat": sc.treat, "compare": sc.compare}
        lists |= {"manage": sc.manage, "feature": sc.feature, "ruled_out": sc.ruled_out}
        lists["wording"] = sc.wording
        lists |= {"lifted_by_name": sc.lifted_by_name, "anchor": sc.anchor}
        lists |= {"lifted": sc.lifted, "specific": sc.specific}
        lists["number"] = sc.number
        lists["disseminating"] = sc.disseminating
        lists["masked"] = sc.masked
        lists["frame"] = sc.frame
        lists |= {"first_line": sc.first_line, "agent": sc.agent}
        # a named drug the guideline leaves out ("pomalidomide") is an uncovered subject too:
        # asked about and missing from every passage found, it is never answered around
        lists["uncovered"] = (*sc.uncovered, *sc.subject)
        lists["spelt_out"] = tuple(k for k in sc.expand if " " in k)  # "water pills"
        lists |= {"lay_nerve": sc.lay_nerve, "lay_clone": sc.lay_clone}
        lists |= {f"answer_in:{lang}": terms for lang, terms in sc.answer_in.items()}
        lists |= {f"stratum:{name}": terms for name, terms in sc.stratum.items()}
        lists |= {f"lead:{t.code}": t.lead_when for t in self.topics}
        lists |= {f"aspect:{i}": a.when for i, a in enumerate(self.aspects)}
        lists |= {f"aspect:{i}:beside": a.beside for i, a in enumerate(self.aspects)}
        lists |= {f"aspect:{i}:asks": a.asks for i, a in enumerate(self.aspects) if a.asks}
        lists |= {f"aspect:{i}:unless": a.unless for i, a in enumerate(self.aspects) if a.unless}
        lists |= {f"alarm:{i}": a.when for i, a in enumerate(self.alarms)}
        lists |= {f"alarm:{i}:beside": a.beside for i, a in enumerate(self.alarms)}
        return {k: tuple(Term.parse(x) for x in v) for k, v in lists.items()}

    @cached_property
    def _cue_index(self) -> dict[str, tuple[dict[str, tuple[Term, ...]], tuple[Term, ...]]]:
        """Per cue list: its terms by the first two letters of their first word, and the few
        terms that any word may start (a first word shorter than two letters, or none)."""
        out = {}
        for cue, terms in self._cue_terms.items():
            by: dict[str, list[Term]] = {}
            anywhere = []
            for term in terms:
                if term.parts and len(term.parts[0][0]) >= 2:
                    by.setdefault(term.parts[0][0][:2], []).append(term)
                else:
                    anywhere.append(term)
            out[cue] = ({k: tuple(v) for k, v in by.items()}, tuple(anywhere))
        return out

    def _at(self, cue: str, toks: Sequence[str], i: int) -> Iterable[Term]:
        """The terms of list `cue` that match `toks` at index `i`."""
        by, anywhere = self._cue_index[cue]
        for term in (*by.get(toks[i][:2], ()), *anywhere):
            if term.match(toks, i):
                yield term

    def has(self, cue: str, toks: Sequence[str]) -> bool:
        """True when a term of list `cue` is in `toks`: a scope list (other, name, treat,
        compare, number) or `lead:<topic>` (the topic's lead_when terms)."""
        return any(True for i in range(len(toks)) for _ in self._at(cue, toks, i))

    def where(self, cue: str, toks: Sequence[str]) -> list[int]:
        """Start positions of the terms of list `cue` in `toks`."""
        return [start for start, _ in self.spans(cue, toks)]

    def spans(self, cue: str, toks: Sequence[str]) -> list[tuple[int, int]]:
        """(start, end) of the longest term of list `cue` at each position where one matches."""
        found = []
        for i in range(len(toks)):
            sizes = [len(t.parts) for t in self._at(cue, toks, i)]
            if sizes:
                found.append((i, i + max(sizes)))
        return found

    @cached_property
    def stopwords(self) -> frozenset[str]:
        """Function words of both languages (never content)."""
        return frozenset(self.scope.stop)

    @cached_property
    def _memo(self) -> dict[tuple[str, ...], tuple[Hit, ...]]:
        return {}

    def spot(self, toks: Sequence[str]) -> list[Hit]:
        """Longest-match spans over folded words; every word belongs to at most one span."""
        key = tuple(toks)
        if key not in self._memo:
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[key] = tuple(self._spot(key))
        return list(self._memo[key])

    def _spot(self, toks: Sequence[str]) -> list[Hit]:
        hits: list[Hit] = []
        i = 0
        while i < len(toks):
            best = 0
            labels: dict[str, float] = {}
            for term, meaning in self._index.get(toks[i][:2], []):
                size = len(term.parts)
                if size >= best and term.match(toks, i):
                    if size > best:
                        best, labels = size, {}
                    for label, w in meaning.items():
                        labels[label] = max(labels.get(label, 0.0), w)
            if best:
                bonus = 1.0 + PHRASE_BONUS * (best - 1)
                hits.append(Hit(i, i + best, {k: w * bonus for k, w in labels.items()}))
                i += best
            else:
                i += 1
        return hits


def expand(lex: Lexicon, text: str) -> str:
    """The text with clinician abbreviations spelt out after it (for search and ranking)."""
    flat = f" {' '.join(words(text))} "
    extra = [v for k, v in sorted(lex.scope.expand.items()) if f" {k} " in flat]
    return " ".join([text, *extra])


def load_lexicon(knowledge_dir: Path, section_ids: set[str] | None = None) -> Lexicon:
    """Read and validate topics.toml; section ids must exist in the guideline when given."""
    path = knowledge_dir / "lexicon" / "topics.toml"
    try:
        lex = Lexicon.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, ValidationError) as exc:
        raise KnowledgeError(f"{path}: {exc}", "fix the topic lexicon file") from exc
    codes = [t.code for t in lex.topics]
    if len(set(codes)) != len(codes):
        raise KnowledgeError(f"{path}: duplicate topic codes", "give every topic its own code")
    if section_ids is not None:
        listed = {s for t in lex.topics for s in (*t.sections, *(x.section for x in t.lead))}
        listed |= {x.section for a in lex.aspects for x in a.lead}
        listed |= {c.then.section for c in lex.companions} | {
            s for c in lex.companions for s in c.after
        }
        unknown = sorted(listed - section_ids)
        if unknown:
            raise KnowledgeError(f"{path}: unknown section ids {unknown}", "use guideline ids")
    texts = tuple(f.text for f in guideline_files(knowledge_dir))
    common = _words(knowledge_dir, "common-words.txt")
    dictionary = _words(knowledge_dir, "dictionary-words.txt")
    light = _words(knowledge_dir, "light-verbs.txt")
    cues = tuple(_strings(tomllib.loads(_read(knowledge_dir / "lexicon" / "cues.toml"))))
    update = {
        "corpus": texts,
        "common": common,
        "dictionary": dictionary,
        "light": light,
        "cue_words": cues,
    }
    return lex.model_copy(update=update)


def _strings(node: object) -> list[str]:
    """Every string in a parsed TOML tree (the cue terms of cues.toml)."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for v in node.values() for s in _strings(v)]
    if isinstance(node, list):
        return [s for v in node for s in _strings(v)]
    return []


def _read(path: Path) -> str:
    """A knowledge file's text, or a KnowledgeError that says how to fix it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KnowledgeError(
            f"{path} cannot be read: {exc}", "restore it from the repository"
        ) from exc


def _words(knowledge_dir: Path, name: str) -> frozenset[str]:
    """A word list under knowledge/lexicon/: one folded word per line, `#` comments."""
    lines = _read(knowledge_dir / "lexicon" / name).splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))

"""Deterministic answer composition: sections from the plan and the guideline, each sentence
cited to the passage it comes from. Pure: no I/O, no clock, no model.

Clinician sentences are taken from the guideline passages themselves (markers removed), so each
quote contains its sentence. Plan sentences and patient wording come from the rule rows and cite
the passage of the section each row names. Provenance is chosen here, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from assistant.chat_knowledge import ChatBook
from assistant.contracts import Chunk, Citation, Lang, Passage, Plan, Wording
from assistant.i18n import t
from assistant.render import Audience, loc, say

SectionLookup = Callable[[Lang, str], Sequence[Chunk]]
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡\"'(0-9])")
_MARKER = re.compile(r"\s*\[@[^\]]+\]")


def sentences(text: str) -> list[str]:
    """Sentences of a passage, in order."""
    return [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]


def strip_markers(sentence: str) -> str:
    """A sentence without its [@source] markers."""
    return _MARKER.sub("", sentence).strip()


@dataclass
class Citer:
    """Numbers passages in order of first use."""

    citations: list[Citation] = field(default_factory=list)

    def cite(self, chunk: Chunk) -> int:
        """The [n] of a chunk, adding it on first use."""
        for c in self.citations:
            if c.chunk_id == chunk.chunk_id:
                return c.n
        n = len(self.citations) + 1
        locator = f"§ {chunk.heading}" + (f", p. {chunk.page}" if chunk.page else "")
        self.citations.append(
            Citation(
                n=n,
                source_id=chunk.source_id,
                title=chunk.title,
                locator=locator,
                quote=chunk.text,
                chunk_id=chunk.chunk_id,
                section_id=chunk.section_id,
                references=chunk.cites,
            )
        )
        return n


@dataclass
class Composer:
    """Builds the Markdown of one answer while recording its citations."""

    lang: Lang
    audience: Audience
    lookup: SectionLookup
    citer: Citer = field(default_factory=Citer)
    lines: list[str] = field(default_factory=list)
    used_sections: set[str] = field(default_factory=set)

    def heading(self, text: str, level: int = 3) -> None:
        """Add a heading."""
        self.lines += ["", f"{'#' * level} {text}", ""]

    def section(self, section_id: str, limit: int | None = None) -> int:
        """Add the first `limit` sentences of a guideline section; returns sentences added."""
        added = 0
        for chunk in self.lookup(self.lang, section_id):
            for sentence in sentences(chunk.text):
                if limit is not None and added >= limit:
                    return added
                n = self.citer.cite(chunk)
                self.lines.append(f"- {strip_markers(sentence)} [{n}]")
                added += 1
        self.used_sections.add(section_id)
        return added

    def claim(self, text: str, *section_ids: str) -> bool:
        """Add a sentence from the rules, cited to the first passage of each section given."""
        chunks = [c[0] for c in (self.lookup(self.lang, s) for s in section_ids) if c]
        if not chunks or not text.strip():
            return False
        marks = "".join(f"[{n}]" for n in dict.fromkeys(self.citer.cite(c) for c in chunks))
        self.lines.append(f"- {text.strip()} {marks}")
        return True

    def say(self, wording: Wording) -> str:
        """Wording for this language and audience."""
        return say(wording, self.lang, self.audience)

    def text(self) -> str:
        """The Markdown built so far."""
        return "\n".join(self.lines).strip() + "\n"


def compose_sections(comp: Composer, book: ChatBook, intent: str) -> None:
    """General guideline content for an intent (clinician audience)."""
    if intent == "overview":
        for block in book.overview:
            comp.heading(loc(block.heading, comp.lang))
            for section_id, limit in block.take:
                comp.section(section_id, limit)
        return
    row = book.intent(intent)
    comp.heading(loc(row.heading, comp.lang))
    for section_id in row.sections:
        comp.section(section_id)


def compose_related(comp: Composer, passages: Sequence[Passage]) -> None:
    """The best search hit when its section is not already in the answer (2 sentences)."""
    for p in passages[:1]:
        c = p.chunk
        if c.kind == "guideline" and c.lang == comp.lang and c.section_id not in comp.used_sections:
            comp.heading(t("also_relevant", comp.lang))
            comp.section(c.section_id, 2)


def compose_user_quotes(comp: Composer, passages: Sequence[Passage]) -> None:
    """Passages from documents the user added, shown only as quotations, never as advice."""
    quoted = [p.chunk for p in passages[:2] if p.chunk.kind == "user" and p.score > 0.02]
    if not quoted:
        return
    comp.heading(t("from_documents", comp.lang))
    comp.lines.append(f"_{t('quoted_only', comp.lang)}_")
    for chunk in quoted:
        excerpt = " ".join(sentences(chunk.text)[:2])
        comp.lines += ["", f"> {excerpt} [{comp.citer.cite(chunk)}]"]


def refusal_text(lang: Lang) -> str:
    """The polite refusal, in the question's language."""
    return t("refusal", lang) + "\n"


def plan_families(intent: str) -> tuple[str, ...]:
    """Which parts of a patient's plan answer an intent."""
    return {
        "overview": (
            "diagnosis",
            "workup",
            "strat",
            "treatment",
            "monitoring",
            "supportive",
            "prognosis",
        ),
        "case": ("diagnosis", "workup", "strat", "treatment", "monitoring", "supportive"),
        "diagnosis": ("diagnosis",),
        "vegf": ("diagnosis",),
        "differential": ("diagnosis",),
        "workup": ("workup",),
        "stratification": ("strat", "treatment"),
        "radiation": ("strat", "treatment"),
        "systemic": ("strat", "treatment"),
        "transplant": ("strat", "treatment"),
        "caution": ("treatment",),
        "relapse": ("treatment",),
        "monitoring": ("monitoring",),
        "supportive": ("supportive",),
        "prognosis": ("prognosis",),
    }.get(intent, ())


def answer_sections(plan: Plan | None, intent: str) -> tuple[str, ...]:
    """Plan families shown for this intent when a case is known."""
    return plan_families(intent) if plan is not None else ()


def case_header(changes: Sequence[str], hypothetical: bool, lang: Lang) -> str:
    """One line saying which findings the message changed."""
    key = "hypothetical" if hypothetical else "case_updated"
    return t(key, lang, changes=", ".join(changes))

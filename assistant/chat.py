"""A conversation: history, current case, language and audience; one turn at a time.

`respond` returns the Answer and the next Conversation (a new object: nothing is mutated).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.answer import (
    Composer,
    SectionLookup,
    answer_sections,
    case_header,
    compose_related,
    compose_sections,
    compose_user_quotes,
    refusal_text,
)
from assistant.answer_plan import compose_patient_general, compose_plan
from assistant.case_io import problems_of
from assistant.chat_knowledge import ChatBook
from assistant.contracts import Answer, Lang, Localized, Passage, PatientCase, Plan
from assistant.extract import Extraction, extract
from assistant.i18n import REFUSAL_FOLLOW_UPS, t
from assistant.intent import classify, in_scope
from assistant.language import detect_language
from assistant.render import Audience, loc
from assistant.rules.book import RuleBook


class Turn(BaseModel):
    """One exchange, as remembered by the conversation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    intent: str
    lang: Lang
    refused: bool


class Conversation(BaseModel):
    """Conversation state; every turn returns a new Conversation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    history: tuple[Turn, ...] = ()
    case: PatientCase | None = None
    lang: Lang | None = Field(None, description="Language of the conversation so far.")
    forced_lang: Lang | None = Field(None, description="Language asked for (None: auto).")
    audience: Literal["clinician", "patient"] = "clinician"


class ChatEngine(Protocol):
    """What a turn needs from the service."""

    def chatbook(self) -> ChatBook: ...
    def rulebook(self) -> RuleBook: ...
    def section_lookup(self) -> SectionLookup: ...
    def search(
        self,
        query: str,
        k: int | None = None,
        lang: Lang | None = None,
        mode: Any = "hybrid",
        kind: Any = None,
    ) -> list[Passage]: ...
    def plan(self, case: PatientCase, today: date) -> Plan: ...
    def stamp(self) -> dict[str, str]: ...


def _merge(case: PatientCase | None, ex: Extraction) -> tuple[PatientCase | None, list[Localized]]:
    """Apply each update on its own; an invalid one is dropped with a note, never guessed."""
    data: dict[str, Any] = case.model_dump() if case else {}
    notes: list[Localized] = []
    for key, value in ex.updates.items():
        trial = {**data, key: value}
        try:
            PatientCase.model_validate(trial)
        except ValidationError as exc:
            lines = "; ".join(problems_of(exc))
            notes.append(Localized(en=f"Not used: {lines}", es=f"No se ha usado: {lines}"))
            continue
        data = trial
    return (PatientCase.model_validate(data) if data else case), notes


def _intent(question: str, conv: Conversation, book: ChatBook, ex: Extraction) -> str:
    if not ex.empty and "?" not in question and not ex.hypothetical:
        return "case"  # a statement of findings: summarise the plan for them
    intent, _ = classify(question, book)
    if intent:
        return intent
    if not ex.empty:
        return "case"
    last = next((turn.intent for turn in reversed(conv.history) if not turn.refused), None)
    return last if last not in (None, "case") else "overview"


def _refusal(lang: Lang, conv: Conversation, stamp: dict[str, str]) -> Answer:
    return Answer(
        text=refusal_text(lang),
        lang=lang,
        intent="out_of_scope",
        audience=conv.audience,
        citations=(),
        follow_ups=REFUSAL_FOLLOW_UPS[lang],
        refused=True,
        case=conv.case,
        **stamp,
    )


@dataclass(frozen=True)
class Draft:
    """What one turn answers: the question, its intent and language, and the plan if any."""

    question: str
    intent: str
    lang: Lang
    audience: Audience
    plan: Plan | None
    header: Sequence[str]


def _compose(engine: ChatEngine, d: Draft) -> Composer:
    comp = Composer(lang=d.lang, audience=d.audience, lookup=engine.section_lookup())
    comp.lines += [f"_{line}_" for line in d.header]
    if d.plan is not None:
        compose_plan(comp, d.plan, answer_sections(d.plan, d.intent))
    if d.intent == "case":
        return comp
    if d.audience == "clinician":
        compose_sections(comp, engine.chatbook(), d.intent)
        if d.intent != "overview":
            compose_related(comp, engine.search(d.question, k=3, lang=d.lang, kind="guideline"))
        compose_user_quotes(comp, engine.search(d.question, k=3, lang=d.lang, kind="user"))
    elif d.plan is None or not answer_sections(d.plan, d.intent):
        compose_patient_general(comp, engine.rulebook(), d.intent)
    return comp


def respond(
    conv: Conversation, question: str, engine: ChatEngine, today: date
) -> tuple[Answer, Conversation]:
    """Answer one message; returns the Answer and the next conversation state."""
    lang = conv.forced_lang or detect_language(question, default=conv.lang)
    book = engine.chatbook()
    ex = extract(question, in_case=conv.case is not None)
    stamp = engine.stamp()
    if not (in_scope(question, book, bool(conv.history) or conv.case is not None) or not ex.empty):
        turn = Turn(question=question, intent="out_of_scope", lang=lang, refused=True)
        return _refusal(lang, conv, stamp), conv.model_copy(
            update={"history": (*conv.history, turn), "lang": lang}
        )
    answer_case, merge_notes = _merge(conv.case, ex)
    intent = _intent(question, conv, book, ex)
    plan = engine.plan(answer_case, today) if answer_case else None
    changes = [f"{k}={_short(v)}" for k, v in ex.updates.items()]
    header = [case_header(changes, ex.hypothetical, lang)] if changes else []
    comp = _compose(engine, Draft(question, intent, lang, conv.audience, plan, header))
    notes = tuple(loc(n, lang) for n in (*ex.notes, *merge_notes))
    comp.lines += [f"\n> **{t('note', lang)}:** {n}" for n in notes]
    follow = engine.chatbook().intent(intent).follow_ups if intent != "case" else None
    answer = Answer(
        text=comp.text(),
        lang=lang,
        intent=intent,
        audience=conv.audience,
        citations=tuple(comp.citer.citations),
        plan=plan,
        case=answer_case,
        hypothetical=ex.hypothetical,
        notes=notes,
        follow_ups=tuple(follow.en if lang == "en" else follow.es)
        if follow
        else _case_follow_ups(lang),
        refused=not comp.citer.citations,
        **stamp,
    )
    kept_case = conv.case if ex.hypothetical else answer_case
    turn = Turn(question=question, intent=intent, lang=lang, refused=answer.refused)
    return answer, conv.model_copy(
        update={"history": (*conv.history, turn), "case": kept_case, "lang": lang}
    )


def _short(value: Any) -> str:
    if isinstance(value, dict):
        return "/".join(f"{v}" for v in value.values() if not isinstance(v, list | tuple))
    if isinstance(value, list | tuple):
        return "+".join(str(v) for v in value)
    return str(value)


def _case_follow_ups(lang: Lang) -> tuple[str, ...]:
    if lang == "es":
        return (
            "¿Qué pruebas faltan?",
            "¿Cuál es el tratamiento de primera línea?",
            "¿Cuál es el calendario de seguimiento?",
        )
    return (
        "Which tests are still missing?",
        "What is the first-line treatment?",
        "What is the follow-up schedule?",
    )

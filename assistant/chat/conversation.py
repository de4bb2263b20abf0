"""A conversation: history, current case, language and audience; one turn at a time.

`respond` returns the Answer and the next Conversation (a new object: nothing is mutated).
Flow: understand (no index) -> scope gate -> case update -> evidence (search, ranking) ->
cannot-answer gate -> compose.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from assistant.chat import compose, evidence
from assistant.chat.cite import Composer
from assistant.chat.knowledge import ChatBook
from assistant.chat.lexicon import DOMAIN, GENERIC, STRONG, Lexicon, expand, words
from assistant.chat.lexicon import Lead as LexLead
from assistant.chat.understand import (
    BACK_WORDS,
    Context,
    Understanding,
    asked_parts,
    content_words,
    is_broad,
    is_empty,
    is_question,
    message_parts,
    names_poems,
    pick_topics,
    topic_scores,
    understand,
    wants_number,
)
from assistant.chat.updates import CaseUpdate, describe, merge
from assistant.contracts import Answer, Chunk, Lang, Passage, PatientCase, Plan
from assistant.i18n import REFUSAL_FOLLOW_UPS, t
from assistant.render import loc
from assistant.rules.book import RuleBook
from assistant.text import fold

Lead = tuple[str, str]  # (section id, regex of the sentence to quote)
UNDO = "/undo"


class Turn(BaseModel):
    """One exchange, as remembered by the conversation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    question: str
    intent: str
    lang: Lang
    refused: bool
    topics: tuple[str, ...] = ()
    focus: tuple[str, ...] = ()  # sections its direct answer quoted


class Conversation(BaseModel):
    """Conversation state; every turn returns a new Conversation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    history: tuple[Turn, ...] = ()
    case: PatientCase | None = None
    lang: Lang | None = Field(None, description="Language of the conversation so far.")
    forced_lang: Lang | None = Field(None, description="Language asked for (None: auto).")
    audience: Literal["clinician", "patient"] = "clinician"
    updates: tuple[CaseUpdate, ...] = Field((), description="Case updates, oldest first.")

    def previous_topics(self) -> tuple[str, ...]:
        """Topics of the last answered (not refused) turn."""
        return next((turn.topics for turn in reversed(self.history) if not turn.refused), ())

    def undo_last_update(self) -> tuple[Conversation, CaseUpdate | None]:
        """The conversation with the last case update taken back, and that update."""
        if not self.updates:
            return self, None
        last = self.updates[-1]
        return self.model_copy(update={"case": last.before, "updates": self.updates[:-1]}), last


class ChatEngine(Protocol):
    """What a turn needs from the service."""

    def lexicon(self) -> Lexicon: ...
    def chatbook(self) -> ChatBook: ...
    def rulebook(self) -> RuleBook: ...
    def section_lookup(self) -> evidence.SectionLookup: ...
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
    def light_stamp(self) -> dict[str, str]: ...


def _answer(conv: Conversation, u: Understanding, stamp: dict[str, str], **fields: Any) -> Answer:
    base: dict[str, Any] = {"lang": u.lang, "audience": conv.audience, "case": conv.case}
    return Answer(**{**base, "citations": (), **fields, **stamp})


def _next(
    conv: Conversation, u: Understanding, message: str, answer: Answer, **upd: Any
) -> Conversation:
    turn = Turn(
        question=message,
        intent=answer.intent,
        lang=u.lang,
        refused=answer.refused,
        topics=tuple(upd.pop("topics", ())),
        focus=tuple(upd.pop("focus", ())),
    )
    return conv.model_copy(update={"history": (*conv.history, turn), "lang": u.lang, **upd})


def respond(
    conv: Conversation, message: str, engine: ChatEngine, today: date
) -> tuple[Answer, Conversation]:
    """Answer one message; returns the Answer and the next conversation state."""
    lex = engine.lexicon()
    ctx = Context(
        forced_lang=conv.forced_lang,
        last_lang=conv.lang,
        previous_topics=conv.previous_topics(),
        in_conversation=bool(conv.history),
        has_case=conv.case is not None,
        patient=conv.audience == "patient",
    )
    replay = _language_request(lex, message, conv)
    if replay is not None:  # "in English please": the last question again, in that language
        lang, question = replay
        answer, nxt = respond(
            conv.model_copy(update={"forced_lang": lang}), question, engine, today
        )
        return answer, nxt.model_copy(update={"forced_lang": conv.forced_lang})
    u = understand(message, lex, ctx)
    # a follow-up that names no subject of its own also leans on the passage the last answer
    # opened with ("engraftment syndrome is…" then "¿y con qué frecuencia aparece?")
    focus = next((turn.focus for turn in reversed(conv.history) if not turn.refused), ())
    focus = () if _names_subject(lex, u.question) else focus  # "should thalidomide be…?"
    if conv.history and _WHAT_ABOUT.match(fold(message).strip()):  # "what about X?": X is
        frame = " ".join(_last_questions(conv, 2))  # ranked in the frame of the last two
        u = dataclasses.replace(u, follow_on=frame, focus=focus)  # questions (the subject
        # may be in either)
    elif conv.history and _short_follow_up(lex, u):  # "talidomida, ¿evidencia?" … "¿y qué
        # efecto adverso vigilo?" … "¿dosis?", "¿por qué no vale el mismo umbral?": the same
        # subject, and the subject of the passage just quoted ("…one lesion, clean marrow:
        # what treatment?" answered with radiation, then "how successful is that usually?")
        said = " ".join(t.subject for t in lex.topics if set(t.sections) & set(focus))
        subjects = f"{_last_subjects(lex, conv)} {said}".strip()
        u = dataclasses.replace(u, follow_on=subjects, focus=focus)
    if _is_undo(message, engine.chatbook()):
        return _undo(conv, u, engine)
    if not u.in_scope:
        refusal = _answer(
            conv,
            u,
            engine.light_stamp(),
            text=t("refusal", u.lang) + "\n",
            intent="out_of_scope",
            follow_ups=REFUSAL_FOLLOW_UPS[u.lang],
            refused=True,
        )
        return refusal, _next(conv, u, message, refusal)
    return _in_scope(conv, u, message, engine, today)


# "What about hypothyroidism?", "¿y la insuficiencia suprarrenal?", "and low testosterone?", "¿y
# por qué el sérico sale más alto?":
# a short follow-up that puts a new subject in the previous question's frame
_WHAT_ABOUT = re.compile(
    r"^[¿(]?\s*(?:and\s+)?(?:what about|how about|and|what of|y|y que hay de|y en cuanto a|"
    r"y que pasa con|que tal)\s+(?:\S+\s*){1,8}\??$"
)


def _last_questions(conv: Conversation, n: int) -> list[str]:
    """The questions of the last `n` answered turns, oldest first."""
    return [turn.question for turn in conv.history if not turn.refused][-n:]


FOLLOW_UP_WORDS = 4  # content words: "¿por qué no vale el mismo umbral?" keeps the subject


def _short_follow_up(lex: Lexicon, u: Understanding) -> bool:
    """A follow-up that leans on the conversation's subject: it names no topic of its own, or
    it is a short question with no statement before it."""
    if u.inherited:
        return True
    content = content_words(lex, words(u.question))
    return bool(u.question) and not u.statements and len(content) <= FOLLOW_UP_WORDS


def _names_subject(lex: Lexicon, question: str) -> bool:
    """The question names a subject of its own: a drug or a test (not POEMS's name), or a
    topic strongly ("what's her stratum?") other than an asking frame ("how often")."""
    toks = words(question)
    framed = {i for a, b in lex.spans("frame", toks) for i in range(a, b)}
    for h in lex.spot(toks):
        span = toks[h.start : h.end]
        if lex.has("name", span) or set(range(h.start, h.end)) <= framed:
            continue
        if DOMAIN in h.labels or any(k[0] != "@" and w >= STRONG for k, w in h.labels.items()):
            return True
    return False


def _last_subjects(lex: Lexicon, conv: Conversation, n: int = 2) -> str:
    """The subject words (a drug, a test, a stratum; not POEMS's name nor asking words) of the
    last `n` answered questions: a run of follow-ups keeps its subject, not its wording."""
    out = []
    for question in _last_questions(conv, n):
        toks = words(question)
        for h in lex.spot(toks):
            span = toks[h.start : h.end]
            strong = any(k != GENERIC and v >= 1.0 for k, v in h.labels.items())
            if strong and not lex.has("name", span):
                out.append(" ".join(span))
    return " ".join(out)


REQUEST_WORDS = 6  # a language request is short: "and in English please?"


def _language_request(lex: Lexicon, message: str, conv: Conversation) -> tuple[Lang, str] | None:
    """(language, last answered question) when the message only asks for another language."""
    toks = words(message)
    if not toks or len(toks) > REQUEST_WORDS:
        return None
    last = next((turn for turn in reversed(conv.history) if not turn.refused), None)
    if last is None or last.intent == "undo":
        return None
    for lang in ("en", "es"):
        if lex.has(f"answer_in:{lang}", toks):
            return lang, last.question
    return None


def _is_undo(message: str, book: ChatBook) -> bool:
    text = message.strip().lower()
    return text == UNDO or text in {
        m.lower() for m in book.messages["undo_follow"].model_dump().values()
    }


def _undo(conv: Conversation, u: Understanding, engine: ChatEngine) -> tuple[Answer, Conversation]:
    book = engine.chatbook()
    nxt, last = conv.undo_last_update()
    text = (
        book.say("undo_done", u.lang, changes=describe(last.changes, book, u.lang))
        if last
        else book.say("undo_nothing", u.lang)
    )
    answer = _answer(nxt, u, engine.light_stamp(), text=text + "\n", intent="undo")
    return answer, nxt.model_copy(update={"lang": u.lang})


def _in_scope(
    conv: Conversation, u: Understanding, message: str, engine: ChatEngine, today: date
) -> tuple[Answer, Conversation]:
    ex = u.extraction
    case, changes, notes = merge(conv.case, ex.updates)
    plan = engine.plan(case, today) if case else None
    comp = Composer(lang=u.lang, audience=conv.audience, lookup=engine.section_lookup())
    _case_lines(comp, engine.chatbook(), changes, ex.hypothetical)
    shown = None if case is not None and _history_only(case, plan) else plan
    intent, topics, refused = _body(comp, u, engine, shown)
    note_texts = tuple(loc(n, u.lang) for n in (*ex.notes, *notes))
    if u.repairs:
        pairs = ", ".join(f"“{typed}” → “{read}”" for typed, read in u.repairs)
        note_texts = (engine.chatbook().say("read_as", u.lang, pairs=pairs), *note_texts)
    note_texts = (*comp.notes, *note_texts)
    comp.lines += [f"\n> **{t('note', u.lang)}:** {n}" for n in note_texts]
    saved = bool(changes) and not ex.hypothetical
    fields = {
        "text": comp.text(),
        "intent": intent,
        "citations": tuple(comp.citer.citations),
        "plan": plan,
        "case": case,
        "hypothetical": ex.hypothetical,
        "notes": note_texts,
        "follow_ups": _follow_ups(engine, topics, u.lang, saved),
        "refused": refused,
        "topics": topics,
    }
    answer = _answer(conv, u, engine.stamp(), **fields)
    kept: dict[str, Any] = {
        "topics": _follow_up_topics(engine.lexicon(), topics, plan),
        "focus": comp.opening,
    }
    if saved:
        update = CaseUpdate(before=conv.case, changes=changes)
        kept |= {"case": case, "updates": (*conv.updates, update)}
    return answer, _next(conv, u, message, answer, **kept)


# Treatment already given: a case holding only these says POEMS was treated, not what the plan
# could judge. "My VEGF is still high after radiation" records prior radiation; a "For this
# patient" part would only say that the diagnosis is not yet established.
_TREATMENT_GIVEN = frozenset(
    {"prior_radiation", "prior_asct", "prior_lenalidomide_cycles", "radiation_dose_gy"}
)


def _treated_only(case: PatientCase) -> bool:
    """The case records treatment given and nothing else (no finding, no phase)."""
    told = set(case.model_dump(exclude_defaults=True))
    return bool(told) and told <= _TREATMENT_GIVEN


def _history_only(case: PatientCase, plan: Plan | None) -> bool:
    """The case tells treatment given and the plan cannot settle the diagnosis: no option and
    the criteria undecided. "Progression 2 yrs after RT for a solitary lesion", "día +12 del
    TASPE por POEMS" were treated as POEMS; a "For this patient" part would only say that
    the diagnosis cannot yet be confirmed and that no treatment is offered."""
    if _treated_only(case):
        return True
    given = any(bool(getattr(case, k)) for k in _TREATMENT_GIVEN)
    given = given or case.phase in ("on_treatment", "post_treatment", "relapse")
    return (  # a settled stratum stays: "…then the marrow shows 6% clonal cells" must steer
        given
        and plan is not None
        and not plan.treatment.primary
        and plan.diagnosis.status == "insufficient_data"
        and plan.stratification.status == "undetermined"
    )


def _follow_up_topics(lex: Lexicon, topics: tuple[str, ...], plan: Plan | None) -> tuple[str, ...]:
    """Topics a follow-up inherits. After a treatment answer for a described patient, the
    topic of that patient's first option comes first: "and the dose?" after radiation was
    proposed asks for the radiation dose, not the lenalidomide dose."""
    if plan is None or not topics or not plan.treatment.primary:
        return topics
    if not lex.topic(topics[0]).plan_first:
        return topics
    section = plan.treatment.primary[0].section
    owner = next((t.code for t in lex.topics if section in t.sections), None)
    if owner is None or owner == topics[0]:
        return topics
    return (owner, *(t for t in topics if t != owner))


def _case_lines(
    comp: Composer, book: ChatBook, changes: dict[str, Any], hypothetical: bool
) -> None:
    """Say which findings the message changed, in the clinician's words, and how to undo."""
    if not changes:
        return
    key = "hypothetical" if hypothetical else "case_updated"
    comp.lines.append(f"_{book.say(key, comp.lang, changes=describe(changes, book, comp.lang))}_")
    if not hypothetical:
        comp.lines.append(f"_{book.say('undo_hint', comp.lang)}_")


def _route(
    u: Understanding, engine: ChatEngine
) -> tuple[str, list[Passage], dict[str, float], tuple[str, ...]]:
    """(search query, guideline passages, fused topic scores, topics answered)."""
    lex = engine.lexicon()
    query = expand(lex, _asked_text(lex, u))  # "<story>. ¿Por qué se las quitaron?"
    if u.inherited:
        query += " " + " ".join(loc(lex.topic(c).heading, u.lang) for c in u.topics)
    passages = engine.search(query, k=6, lang=u.lang, kind="guideline")
    fused = u.scores if u.inherited else evidence.fuse_topics(lex, u.scores, passages)
    return query, passages, fused, pick_topics(fused) or ("overview",)


def _body(
    comp: Composer, u: Understanding, engine: ChatEngine, plan: Plan | None
) -> tuple[str, tuple[str, ...], bool]:
    """Compose the answer body; (intent, topics, refused)."""
    book = engine.chatbook()
    if not u.question and plan is not None:
        compose.case_answer(comp, book, plan)
        return "case", (), False
    query, passages, fused, topics = _route(u, engine)
    lex = engine.lexicon()
    # "What do I do now?" about a case is its plan; "what do I do with the lenalidomide?"
    # names its subject
    if topics[0] == "next_steps" and plan is not None and not lex.has("agent", words(u.question)):
        compose.case_answer(comp, book, plan, _leads(lex, "next_steps"))
        return "case", topics, False
    steer, topics = _stratum_steer(engine.lexicon(), u, topics, plan)
    unrouted = topics[0] == "overview" and "overview" not in fused  # never a fallback answer
    texts = [p.chunk.text for p in passages]
    if unrouted and _cannot_answer(u, engine, texts):
        return _cannot_answer_reply(comp, u, engine, topics)
    user = engine.search(query, k=3, lang=u.lang, kind="user")
    left_out = _asks_uncovered(u, lex, texts + [p.chunk.text for p in user])
    if left_out:
        if not _answerable_part(lex, u.question, u.statements) and not _timing_of_told(
            lex, u, left_out
        ):
            return _cannot_answer_reply(comp, u, engine, topics)
        said = {w for span in left_out for w in span}  # named in the note, not a gap
        u = dataclasses.replace(u, unknown_words=tuple(w for w in u.unknown_words if w not in said))
    if topics[0] == "overview":
        compose.overview_answer(comp, book, plan, user)
        return "overview", topics, False
    answered = _topic(comp, u, engine, plan, (query, passages, fused, topics, user, steer))
    if left_out and not answered[2]:  # "when will the nerves recover, and can he go back to
        what = ", ".join(" ".join(span) for span in left_out)  # work?": the first part
        comp.notes.append(book.say("part_uncovered", u.lang, what=what))
    return answered


def _stratum_steer(
    lex: Lexicon, u: Understanding, topics: tuple[str, ...], plan: Plan | None = None
) -> tuple[tuple[Lead, ...], tuple[str, ...]]:
    """(the named stratum's next-step leads, the topics answered): "one lesion, clean marrow:
    what now?", "…: RT or ASCT?" open with that stratum's treatment. A question that names no
    stratum takes a localized one the plan settled or, while the plan has none, the case told
    ("two sclerotic lesions, marrow negative. He wants ASCT upfront: is that reasonable?"),
    unless a treatment was already given; a disseminated one told leaves the question's own
    subject first ("disseminated, not eligible: MDex or Len-dex downsides?")."""
    if not _asks_for_a_stratum(lex, u, topics) or _names_a_step(lex, u):
        return (), topics
    named = _strata(lex, u.question or u.statements)
    settled = plan.stratification.status if plan is not None else "undetermined"
    if named and settled != "undetermined":  # "…marrow 8% clonal. Can we just irradiate the
        named = [settled]  # two lesions?": the patient's stratum, not the words asked, decides
    told = [settled] if settled != "undetermined" else _strata(lex, u.statements)
    if not named and told == ["localized"] and not _treated(u):  # told, not asked: radiation
        named = ["localized"]  # comes first even when a transplant is asked about
    if not named and len(told) == 1 and _first_line(lex, words(u.question)) and not _treated(u):
        named = list(told)  # "…>10 lesions, marrow 6%: her stratum and first-line plan?"
    if not named and _marrow_or_diffuse(plan) and "radiation" in u.scores:  # "…6% clonal
        named = ["disseminated"]  # cells in the marrow: radiation alone still?": never alone
    if len(named) == 1:
        steer = tuple(compose.for_stratum(_leads(lex, "next_steps"), named[0]))
        if named[0] == "disseminated" and "radiation" in u.scores:  # "marrow +: RT alone?"
            rule = [x for x in _leads(lex, "radiation") if x[0] == "strat-localized"]
            steer = (*steer[:1], *rule, *steer[1:])  # the radiation rule: why it is not enough
        return steer, (_STRATUM_TOPIC[named[0]],)
    if topics[0] == "next_steps":  # "fever during chemo, what do I do?": the other topic
        return (), tuple(t for t in topics if t != "next_steps") or ("overview",)
    return (), topics


_STRATUM_TOPIC = {"localized": "radiation", "disseminated": "systemic"}
_TREATMENT_TOPICS = frozenset(
    {"next_steps", "stratification", "radiation", "transplant", "systemic"}
)


def _asked_text(lex: Lexicon, u: Understanding) -> str:
    """What the question asks about: its own clause, or the story before it when the clause has
    no content word ("<fever, rash, 9 days after the transplant>. What is going on?")."""
    if u.statements and is_empty(lex, words(u.question)):
        return f"{u.statements} {u.question}"
    return u.question or u.statements


def _names_a_step(lex: Lexicon, u: Understanding) -> bool:
    """The question asks about one step of a treatment, not which one ("…9 lesions, on Rd
    before ASCT: when should stem cells be collected?"): its aspect answers, not the stratum."""
    toks = words(u.question)
    if not u.question or _first_line(lex, toks):
        return False
    named = _aspect_leads(lex, toks, False) or _paired_aspect(lex, toks, [])
    return bool(named) and not named[0][0].startswith(_CHOICE_SECTIONS)


# Sections that answer which treatment (radiation's outcomes, the strata, the transplant's
# benefit): an aspect about them is the stratum's to answer, not a step of a treatment
_CHOICE_SECTIONS = ("rt-", "strat-", "asct-eligible", "sys-", "relapse-", "next-")


def _asks_for_a_stratum(lex: Lexicon, u: Understanding, topics: tuple[str, ...]) -> bool:
    """A next-step or treatment question, which a named stratum answers with its own leads
    ("single lesion, marrow negative: RT or ASCT?" opens with radiation, never with ASCT)."""
    asked = words(u.question or u.statements)
    # "…: which melphalan dose?" is specific; "…: first-line treatment, at what dose?" is not
    if u.wants_number and "next_steps" not in topics and not _first_line(lex, asked):
        return False
    treat = lex.has("treat", asked)
    therapy = bool(set(topics) & {"radiation", "transplant", "systemic"})
    return "next_steps" in topics or (topics[0] in _TREATMENT_TOPICS and (treat or therapy))


def _part_pool(
    engine: ChatEngine, comp: Composer, part: str, pool: list[tuple[Chunk, float, float]]
) -> list[tuple[Chunk, float, float]]:
    """The sections of a part's own topics ("…? ¿y mínimo de plaquetas para iniciar
    lenalidomida?" is answered from the drug's safety gates), then the message's pool."""
    lex = engine.lexicon()
    scores = topic_scores(lex, part, "")[0]
    own = {c: scores[c] for c in pick_topics(scores)}
    if not own:
        return pool
    found = evidence.candidates(lex, own, [], comp.lookup, comp.lang)
    seen = {c.chunk_id for c, *_ in found}
    return found + [x for x in pool if x[0].chunk_id not in seen]


_TREATED = frozenset(
    {"prior_radiation", "prior_asct", "radiation_dose_gy", "prior_lenalidomide_cycles"}
)


_HARD_DISSEMINATED = frozenset({"st.002", "st.003"})  # a positive marrow, diffuse lesions


def _marrow_or_diffuse(plan: Plan | None) -> bool:
    """Disseminated by a rule radiation cannot argue with (not by an operational lesion count:
    clustered lesions in one field are still irradiated in some centres)."""
    return plan is not None and plan.stratification.rule_id in _HARD_DISSEMINATED


def _treated(u: Understanding) -> bool:
    """The message tells a treatment already given ("finished 45 Gy 6 weeks ago")."""
    up = u.extraction.updates
    return any(up.get(k) for k in _TREATED) or up.get("phase") not in (None, "diagnosis")


def _says_poems(lex: Lexicon, u: Understanding) -> bool:
    """The message calls the patient's disease POEMS ("Pte con POEMS", "52M with POEMS")."""
    return names_poems(lex, words(f"{u.statements} {u.question}"))


def _first_line(lex: Lexicon, toks: Sequence[str]) -> bool:
    """Asks which treatment comes first, naming none ("what's first-line treatment?")."""
    return lex.has("first_line", toks) and not lex.has("agent", toks)


def _leads(lex: Lexicon, code: str) -> tuple[Lead, ...]:
    """A topic's lead sentences as (section id, regex) pairs."""
    return _pairs(lex.topic(code).lead)


def _pairs(leads: Sequence[LexLead]) -> tuple[Lead, ...]:
    return tuple((x.section, x.contains) for x in leads)


def _aspect_leads(lex: Lexicon, toks: Sequence[str], wants_number: bool) -> tuple[Lead, ...]:
    """'Induction before ASCT: who needs it?', '¿otro trasplante?': the first aspect the
    question itself names opens the answer (a number question only when its leads hold one)."""
    for i, aspect in enumerate(lex.aspects):
        if (
            not aspect.beside
            and (aspect.numbers or not wants_number)
            and lex.has(f"aspect:{i}", toks)
        ):
            return _pairs(aspect.lead)
    return ()


def _paired_aspect(lex: Lexicon, toks: Sequence[str], told: Sequence[str]) -> tuple[Lead, ...]:
    """A two-part aspect ("skin" and "permanent") is more specific than a topic's leads; its
    subject may come from what was told before the question ("my skin has gone darker. Will it
    stay like this forever?"). A second aspect the question itself names, about another
    section, adds its first lead ("echo and PFTs repeated? endocrine labs how often?")."""
    first: tuple[Lead, ...] = ()
    for i, aspect in enumerate(lex.aspects):
        if not aspect.beside:
            continue
        if not first and lex.pair(f"aspect:{i}", told, toks):
            first = _pairs(aspect.lead)
        elif first and aspect.lead[0].section != first[0][0] and lex.pair(f"aspect:{i}", [], toks):
            second = _pairs(aspect.lead)[0]
            return first if second in first else (*first, second)
    return first


def _later_parts(
    lex: Lexicon, parts: Sequence[tuple[str, bool]], lead: tuple[Lead, ...]
) -> tuple[Lead, ...]:
    """The first lead of each aspect a later part of the question names, after `lead` (none
    when there is no lead: the ranked sentences then answer each part)."""
    for part, _ in parts if lead else ():
        toks = words(part)
        named = _aspect_leads(lex, toks, wants_number(lex, part)) or _paired_aspect(lex, toks, [])
        if named and named[0] not in lead:
            lead = (*lead, named[0])
    return lead


def _strata(lex: Lexicon, text: str) -> list[str]:
    """The strata a message names ("single lesion", "diseminado")."""
    toks = words(text)
    if lex.has("disseminating", toks):  # a positive marrow, whatever the lesion count:
        return ["disseminated"]  # "single lesion but marrow infiltrated: RT alone?"
    return [name for name in lex.scope.stratum if lex.has(f"stratum:{name}", toks)]


def _steer_or_aspect(
    lex: Lexicon,
    asked_told: tuple[Sequence[str], Sequence[str]],
    steer: tuple[Lead, ...],
    head: str,
) -> tuple[tuple[Lead, ...], tuple[Lead, ...]]:
    """The stratum's steer and the aspect named; a steer wins, except that a localized
    radiation steer keeps its rule first and then answers the aspect ("one lesion, clean
    marrow: will RT cure him?")."""
    toks, told = asked_told
    aspect = _paired_aspect(lex, toks, told)
    if steer and aspect and head in ("radiation", "transplant"):
        return (*steer[:1], *aspect), aspect
    # "disseminated: ASCT vs MDex or Rd, any comparative studies?", "stratum and first-line
    # plan, including the conditioning dose?": the rule and its first treatment, then what
    # was asked
    inside = tuple(compose.for_stratum(aspect, "disseminated")) if head == "systemic" else ()
    step = _aspect_leads(lex, toks, False) if steer and _first_line(lex, toks) else ()
    if steer and (inside or step):
        treatment = next((i for i, x in enumerate(steer) if not x[0].startswith("strat-")), 0)
        named = inside or step
        return (*steer[: treatment + 1], *[x for x in named if x not in steer]), named
    return steer, () if steer else aspect


def _topic(
    comp: Composer,
    u: Understanding,
    engine: ChatEngine,
    plan: Plan | None,
    found: tuple[
        str, list[Passage], dict[str, float], tuple[str, ...], list[Passage], tuple[Lead, ...]
    ],
) -> tuple[str, tuple[str, ...], bool]:
    """A topic answer, or the cannot-answer gate when the passages miss the question."""
    lex, book = engine.lexicon(), engine.chatbook()
    query, passages, fused, topics, user, steer = found
    priors = {c: fused.get(c, 1.0) for c in topics}
    pool = evidence.candidates(lex, priors, passages[:3], comp.lookup, u.lang)
    pool = evidence.focused(pool, [c for sec in u.focus for c in comp.lookup(u.lang, sec)])
    texts = [c.text for c, *_ in pool] + [p.chunk.text for p in passages]
    if _cannot_answer(u, engine, texts):
        return _cannot_answer_reply(comp, u, engine, topics)
    asked = expand(lex, u.question) if u.question else query
    context = expand(lex, u.follow_on) if u.follow_on else ""  # the previous question's frame
    if u.question and u.statements and not u.named:
        if u.extraction.empty:  # "My legs are swollen. What helps?"
            asked = expand(lex, f"{u.question} {u.statements}")
        elif _refers_back(lex, u.question):  # "<case>, but SPEP normal. Does that rule it out?"
            context = expand(lex, u.statements)
    ranked = evidence.rank_sentences(asked, pool, lex, u.wants_number, context)
    head = lex.topic(topics[0])
    text = _asked_text(lex, u)
    toks = words(text)
    numbers_ok = head.lead_numbers or not u.wants_number
    broad = numbers_ok and is_broad(lex, text, topics[0]) and not u.inherited
    # the patient's plan opens the answer when it has an option or a stratum, or when the
    # question asks what to do; "is radiation alone enough?" about a patient whose stratum is
    # still open is answered from the guideline first
    first = (
        head.plan_first
        and (plan is None or compose.judged(plan))
        and (
            plan is None
            or bool(plan.treatment.primary)
            or plan.stratification.status != "undetermined"
            or lex.has("lead:next_steps", toks)
            or (broad and head.code == "systemic")  # "¿tratamiento?", "first-line options?"
            or _first_line(lex, toks)  # "<criteria met, stratum open>. First-line tx and dose?"
        )
    )
    lead = _leads(lex, topics[0]) if broad else ()
    lead, ruled_out = _route_leads(lex, u, text, lead)
    topic_leads_usable = bool(lead) and (
        comp.audience == "clinician" or head.lead_patient or bool(ruled_out)
    )
    # what was told, and the subject of a follow-up ("…VEGF?" then "¿y qué otras cosas
    # pueden elevarlo?": VEGF is the subject the aspect needs)
    told = words(f"{u.statements} {u.follow_on}") if u.question else []
    steer, aspect = _steer_or_aspect(lex, (toks, told), steer, topics[0])
    if not (steer or aspect or topic_leads_usable):
        aspect = _aspect_leads(lex, toks, u.wants_number)
    lead = steer or aspect or lead
    lead = compose.by_transplant_history(lead, u.extraction.updates.get("prior_asct"))
    if u.extraction.updates.get("transplant_eligible") is False:
        lead = compose.without_transplant(lead)
    if aspect and not steer and _aspect_before_plan(lex, u, plan):
        first = False
    if steer and plan is not None and not plan.treatment.primary and _says_poems(lex, u):
        # "Pte con POEMS, lesión única, MO sin clon: ¿RT sola?": the clinician calls it POEMS
        # but entered no criteria; the stratum's treatment first, why no option in the plan
        first = False
    if (  # no option yet and no lead for the patient's stratum: the next steps for it
        plan is not None
        and first
        and not plan.treatment.primary
        and not compose.for_stratum(lead, plan.stratification.status)
        and (not u.wants_number or _first_line(lex, toks))
    ):
        lead = _leads(lex, "next_steps")
    parts_asked = asked_parts(lex, u.question)  # ranked again only when there are several
    # "¿Qué dosis de melfalán…? ¿Es obligatoria la inducción previa?": a later part that names
    lead = _later_parts(lex, parts_asked[1:], lead)  # an aspect adds its lead
    also = tuple(
        best[0]
        for part, own in (parts_asked if len(parts_asked) > 1 else ())
        if (
            best := evidence.rank_sentences(
                expand(lex, part),
                _part_pool(engine, comp, part, pool) if own else pool,
                lex,
                wants_number(lex, part),
            )
        )
    )
    parts = compose.Parts(
        topics,
        ranked,
        plan,
        passages,
        user,
        u.wants_number and not _first_line(lex, toks),  # "first-line tx, what dose?": the plan
        query,
        first,
        lead,
        also,
        head.lead_patient or bool(aspect) or bool(ruled_out) or bool(steer),  # and a stratum told
        lex.companions,
        _alarm(lex, engine, comp, f"{u.question} {u.statements}"),
        bool(aspect),  # an aspect named is answered before any plain line
        ruled_out,
    )
    compose.topic_answer(comp, lex, book, engine.rulebook(), parts)
    return topics[0], topics, False


def _aspect_before_plan(lex: Lexicon, u: Understanding, plan: Plan | None) -> bool:
    """An aspect named opens the answer before the plan: when the plan has no stratum ("ha
    recaído, ¿otro trasplante?"), or when the question itself names a step or an aspect
    ("…12 lesions: which cardiopulmonary tests before transplant?")."""
    return (
        plan is None
        or plan.stratification.status == "undetermined"
        or _names_a_step(lex, u)
        or bool(_paired_aspect(lex, words(u.question), []))
    )


def _route_leads(
    lex: Lexicon, u: Understanding, text: str, lead: tuple[Lead, ...]
) -> tuple[tuple[Lead, ...], frozenset[str]]:
    """The leads for the stratum named ("first line for disseminated POEMS?") or told before
    the question ("tiene POEMS diseminado ... ¿qué tratamiento?"); and the treatment routes
    ruled out (the transplant leads of an unfit patient go in _topic, for every lead kind)."""
    named = _strata(lex, text) or (_strata(lex, u.statements) if u.question else [])
    if lead and len(named) == 1:
        lead = tuple(compose.for_stratum(lead, named[0]))
    unfit = u.extraction.updates.get("transplant_eligible") is False
    ruled_out = (["localized"] if named == ["disseminated"] else []) + (
        ["transplant"] if unfit else []
    )
    return lead, frozenset(ruled_out)


def _alarm(
    lex: Lexicon, engine: ChatEngine, comp: Composer, message: str
) -> tuple[str, str] | None:
    """The warning for a danger sign the message tells, in the audience's words."""
    alarm = lex.alarm(words(message))
    if alarm is None:
        return None
    row = next(r for r in engine.rulebook().warnings if r.code == alarm.warning)
    return comp.say(row.text.wording()), row.section


BACK_WEIGHT = 2.0  # a question clause lighter than this leans on the sentences before it


SHORT_QUESTION = 4  # words: "puede?", "is that OK?" ask about the statements before them


def _refers_back(lex: Lexicon, question: str) -> bool:
    """'Does that rule out POEMS?', '¿eso ya es POEMS?': a short question pointing at the
    statements before it, whose content is what is asked about."""
    light = sum(evidence.query_weights(question, lex).values()) < BACK_WEIGHT
    return light and any(w in BACK_WORDS for w in words(question))


def _cannot_answer(u: Understanding, engine: ChatEngine, texts: list[str]) -> bool:
    """The gate: the question's own content terms are missing from the passages found."""
    lex = engine.lexicon()
    if lex.alarm(words(f"{u.question} {u.statements}")) is not None:
        return False  # "38.6 on lenalidomide, can I take tylenol?": the warning answers it
    unknown = [w for w in u.unknown_words if not lex.accounted(w)]
    missing = evidence.uncovered(unknown, texts)  # guideline words above count as covered
    return evidence.cannot_answer(unknown, missing, named=u.named or u.scene_named)


def _asks_uncovered(u: Understanding, lex: Lexicon, texts: list[str]) -> list[list[str]]:
    """'Can he get the flu vaccine?', 'he still drives. Is that OK?': a subject the guideline
    leaves out, asked about and missing from every passage found, is never guessed. Returns the
    uncovered subjects (their words), none when every one is covered."""
    short = len(words(u.question)) <= SHORT_QUESTION  # "…he still drives. Is that OK?": the
    last = (message_parts(u.statements) or [""])[-1]  # sentence just before it is asked about
    toks = words(f"{u.question} {last}" if short else u.question)
    found, end = [], 0
    managed = lex.spans("manage", toks)  # "se puede manejar solo con…": managed, not driven
    for a, b in lex.spans("uncovered", toks):
        inside = any(m <= a and b <= n and n - m > b - a for m, n in managed)
        if b > end and not inside:  # "go back to work" holds "back to work": one subject
            found.append(toks[a:b])
            end = b
    if not found:
        return []
    named = _subjects_named(lex, texts)
    return [span for span in found if not any(_holds(lex, n, span) for n in named)]


def _subjects_named(lex: Lexicon, texts: list[str]) -> list[list[str]]:
    """The uncovered subjects a passage itself names ("driving a car" in a user's document).
    A word alone is not enough: "VEGF drives many features" says nothing about driving."""
    out = []
    for text in texts:
        toks = words(text)
        out += [toks[a:b] for a, b in lex.spans("uncovered", toks)]
    return out


def _holds(lex: Lexicon, named: list[str], asked: list[str]) -> bool:
    """Every content word of the asked subject is in the one a passage names (a plural "s"
    aside): "manejando el auto" is covered by "manejando el auto", not by "auto" alone."""
    have = {w.removesuffix("s") for w in named}
    return all(w.removesuffix("s") in have for w in asked if w not in lex.stopwords)


def _answerable_part(lex: Lexicon, question: str, told: str = "") -> bool:
    """'When will my legs get better, and will I be able to go back to work?': a clause beside
    the uncovered subject asks its own question and names a topic strongly, so that part is
    answered and the rest is said to be outside the guidelines. 'Can he go back to work? How
    long?' names no topic in its second clause: declined. A question sentence of its own ('Me
    dan radioterapia por el POEMS. ¿Por qué 40 a 50 Gy? Y, ¿puedo ducharme?') may take its
    topic from the statements before it."""
    aside = after = False
    for clause, opens in _clauses(question):
        toks = words(clause)
        if toks[:2] and (toks[0] in _ASIDE or " ".join(toks[:2]) in _ASIDE):
            aside = True  # "Besides her flu shot, does she need pills?": set aside, not asked
            continue
        if lex.has("uncovered", toks):  # "Can he drive? And when will his legs get better?":
            after = True  # a later clause is its own question when it names a subject
            continue
        # its own question, not "…the booster on len?"
        asks = aside or opens or bool(_WH & set(toks)) or toks[:2] == ["por", "que"]
        subject = [w for w in toks if w not in _WH | _WHEN | lex.stopwords | lex.light]
        if after and not subject:  # "...work? How long?" asks about the work
            continue
        named = topic_scores(lex, clause, "")[1] or (
            opens and topic_scores(lex, f"{clause} {told}", "")[1]
        )
        if asks and not is_empty(lex, toks) and named:
            return True
    return False


def _clauses(question: str) -> list[tuple[str, bool]]:
    """The question's clauses, each with whether it opens a question sentence of its own (after
    '¿' or after a '?')."""
    out: list[tuple[str, bool]] = []
    for sentence in _OWN_QUESTION.split(question):
        opens = "?" in sentence or is_question(sentence)
        for clause in _CLAUSES.split(sentence):
            if words(clause):
                out.append((clause, opens))
                opens = False  # only the sentence's first clause opens it
    return out


_OWN_QUESTION = re.compile(r"(?<=\?)\s*|(?=¿)")


def _timing_of_told(lex: Lexicon, u: Understanding, left_out: list[list[str]]) -> bool:
    """'My feet are still numb and weak. How long until the nerves recover enough for me to go
    back to work?': when the question asks *when*, and the nerves are told or asked beside a
    strongly named topic, the nerves' timing is answered and the uncovered subject is said to
    be outside the guidelines. 'Can he go back to work?' asks no time, and 'how long is the
    sick leave?' names no nerves: both are still declined."""
    toks = words(u.question)
    if not _WHEN & set(toks):
        return False
    spans = {w for span in left_out for w in span}
    rest = [w for w in toks if w not in spans]
    if not lex.has("lay_nerve", [*rest, *words(u.statements)]):  # the nerves' timing only
        return False
    return topic_scores(lex, f"{' '.join(rest)} {u.statements}", "")[1]


_WHEN = frozenset("when long until cuando tiempo tardan tarda tardara hasta".split())


_ASIDE = frozenset(
    ["besides", "apart from", "other than", "aside from", "aparte de", "ademas de", "fuera de"]
)


_WH = frozenset(  # "que" and "como" are left out: they are also "that" and "as"
    "what when how which why where who cuando cual cuales cuanto cuanta cuantos cuantas "
    "donde quien".split()
)


_CLAUSES = re.compile(r"[,;?¿!]|\s(?:and|y|o|or|but|pero)\s", re.IGNORECASE)


def _cannot_answer_reply(
    comp: Composer, u: Understanding, engine: ChatEngine, topics: tuple[str, ...]
) -> tuple[str, tuple[str, ...], bool]:
    f = engine.lexicon().topic(topics[0]).follow_ups
    compose.cannot_answer(comp, engine.chatbook(), f.en if u.lang == "en" else f.es)
    return "cannot_answer", topics, True


def _follow_ups(
    engine: ChatEngine, topics: tuple[str, ...], lang: Lang, updated: bool
) -> tuple[str, ...]:
    """The answered topic's suggestions; after a case update, also how to undo it."""
    f = engine.lexicon().topic(topics[0] if topics else "next_steps").follow_ups
    base = tuple(f.en if lang == "en" else f.es)
    return (*base, engine.chatbook().say("undo_follow", lang)) if updated else base

"""Answer-first composition (pure): the direct answer, then "For this patient", then bounded
detail, then related passages and quotations from the user's own documents."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.chat.cite import Composer
from assistant.chat.evidence import (
    Scored,
    direct,
    query_weights,
    sentences,
    stems,
    strip_markers,
)
from assistant.chat.knowledge import ChatBook
from assistant.chat.lexicon import Companion, Lexicon
from assistant.chat.plan_part import compose_plan, patient_lines, routes_for, workup_first
from assistant.contracts import Chunk, Passage, Plan
from assistant.i18n import t
from assistant.render import loc
from assistant.rules.book import RuleBook
from assistant.text import fold
from assistant.untrusted import inline, quote_block

MAX_DETAIL = 12  # bullets of "More detail"
WORD_BUDGET = 215  # words of a non-overview answer before related passages
PLAN_LIMIT = 8  # bullets of "For this patient" in a topic answer
WORKUP_FIRST = 3  # deciding tests in the direct answer of a case with no option yet
FOLLOW_ON = 1  # sentences of the direct answer's sections that lead "More detail"


@dataclass(frozen=True)
class Parts:
    """Everything a topic answer is made of."""

    topics: tuple[str, ...]
    ranked: Sequence[Scored]
    plan: Plan | None
    related: Sequence[Passage]
    user: Sequence[Passage]
    wants_number: bool = False
    query: str = ""
    plan_first: bool = False
    lead: tuple[tuple[str, str], ...] = ()  # (section, contains): a broad question's answer
    also: tuple[Scored, ...] = ()  # the best sentence for each further part of the question
    lead_patient: bool = False  # the leads open a patient answer no plain line covers
    companions: tuple[Companion, ...] = ()  # what must follow a sentence advising against
    alarm: tuple[str, str] | None = None  # (warning, section): a danger sign told, said first
    lead_firm: bool = False  # the leads answer a two-part aspect: before any plain line
    ruled_out: frozenset[str] = frozenset()  # treatment routes the message excludes


def _plan_direct(comp: Composer, plan: Plan) -> None:
    """A treatment question about a described patient: the stratum and the first option."""
    st, tr = plan.stratification, plan.treatment
    comp.claim(comp.say(st.reason), st.section)
    if tr.primary:
        comp.claim(comp.say(tr.primary[0].label), tr.primary[0].section)
    elif tr.withheld:  # no option yet (e.g. diagnosis not established): say why first
        comp.claim(comp.say(tr.withheld[0].text), tr.withheld[0].section)


def topic_answer(comp: Composer, lex: Lexicon, chat: ChatBook, rules: RuleBook, p: Parts) -> None:
    """Direct answer, for this patient, more detail (bounded), related passages, user quotes."""
    if comp.audience == "patient" and not _ASKS_SOURCES.search(fold(p.query)):
        p = replace(p, ranked=[s for s in p.ranked if not _PROVENANCE.search(fold(s.text))])
    families = tuple(dict.fromkeys(f for code in p.topics for f in lex.topic(code).plan))
    lay = _lay_lines(comp, lex, chat, rules, p)
    opens = bool(lay) and lay[0][0] >= LAY_COVER * _weight(p.query, lex)
    before = len(comp.citer.citations)
    _opening(comp, chat, p, families, lay if opens else [])
    alarm = p.alarm[1] if p.alarm else ""  # a danger sign said first is not the subject
    opened = (c.section_id for c in comp.citer.citations[before:])
    comp.opening = tuple(dict.fromkeys(s for s in opened if s != alarm))
    if p.plan is not None and families:
        compose_plan(comp, p.plan, families, PLAN_LIMIT)
    if comp.audience == "patient":
        fits = [x for x in lay if x[0] > 0 and x[1] not in comp.used]
        if fits:
            comp.heading(chat.say("more_detail", comp.lang))
            for _, text, section in fits[:MAX_DETAIL]:
                comp.claim(text, section)
        if len(fits) < LAY_MIN:  # too few plain lines fit: a few of the guideline's sentences
            _detail(comp, chat, p.ranked, heading=not fits, limit=LAY_MIN - len(fits))
        rest = [x for x in lay if x[0] <= 0 and x[1] not in comp.used]
        for _, text, section in rest[: max(0, MAX_DETAIL - len(fits))]:
            if comp.words() + len(text.split()) > WORD_BUDGET:
                break
            comp.claim(text, section)
    else:
        _detail(comp, chat, p.ranked)
        _related(comp, p.related)
    user_quotes(comp, p.user)


def judged(plan: Plan) -> bool:
    """Some diagnostic criterion is known: the plan has something to say about this patient
    beyond "not established" (age, sex or transplant eligibility alone bear on no criterion)."""
    return any(c.status != "unknown" for c in plan.diagnosis.criteria)


def _lay_lines(
    comp: Composer, lex: Lexicon, chat: ChatBook, rules: RuleBook, p: Parts
) -> list[tuple[float, str, str]]:
    """Plain patient lines for the topics (patients without a case only), best first."""
    if comp.audience != "patient" or p.plan is not None:
        return []
    fams = tuple(dict.fromkeys(f for code in p.topics for f in lex.topic(code).patient))
    lines = patient_lines(comp, rules, chat, fams[:3], routes_for(p.topics[0], p.ruled_out))
    return _by_overlap(p.query, lines, lex)


# A sentence about where a claim comes from ("... comes from the seed document and is not
# verified") is for clinicians and auditors; a patient gets it only when asking about sources.
_PROVENANCE = re.compile(r"not verified|no verificad|unverified|was not read|no se leyo")
_ASKS_SOURCES = re.compile(
    r"\bsource|\bfuente|evidence|evidencia|\bstud(?:y|ies)\b|\bestudio|verif"
)
LAY_COVER = 0.5  # a plain line opens a patient answer when it holds half the question's weight
LAY_MIN = 3  # fewer plain lines than this that fit the question: guideline sentences follow


def _weight(query: str, lex: Lexicon) -> float:
    """Total weight of a question's content stems (what a line can cover)."""
    return sum(query_weights(query, lex).values())


def _opening(
    comp: Composer,
    chat: ChatBook,
    p: Parts,
    families: tuple[str, ...],
    lay: list[tuple[float, str, str]],
) -> None:
    """The direct answer: the patient's plan for a treatment question about a described
    patient, plain lines for patients, else the best-ranked guideline sentences."""
    comp.heading(chat.say("direct", comp.lang))
    if p.alarm is not None:  # "38.4 with shivers on lenalidomide": the danger comes first
        comp.claim(*p.alarm)
    if p.plan is not None and p.plan_first and not p.wants_number:
        _plan_direct(comp, p.plan)
        if not p.plan.treatment.primary:  # no option yet: what the guideline says for the stratum
            _once_confirmed(comp, chat, for_stratum(p.lead, p.plan.stratification.status))
    elif p.lead and (comp.audience == "clinician" or (p.lead_patient and (not lay or p.lead_firm))):
        for section_id, contains in p.lead:
            _key_point(comp, section_id, contains)
        _each_part(comp, p.also)  # "RT dose, and when is systemic therapy added?"
    elif lay:  # a plain line that answers it well
        for _, text, section in lay[:2]:
            comp.claim(text, section)
    else:  # no plain line answers it well: the best guideline sentences, briefly
        for s in direct(p.ranked, 60 if comp.audience == "patient" else 90):
            add_sentence(comp, s.text, s.chunk)
        _each_part(comp, p.also)
        _companions(comp, p.companions)


def _companions(comp: Composer, companions: Sequence[Companion]) -> None:
    """What the direct answer must go on to say: the alternative to an agent it advises
    against ("not recommended" -> the mainstays of treatment)."""
    shown = {c.section_id for c in comp.citer.citations}
    for c in companions:
        if shown & set(c.after):
            _key_point(comp, c.then.section, c.then.contains)


def _each_part(comp: Composer, best: Sequence[Scored]) -> None:
    """'The dose, and when is systemic therapy added?': the best sentence of each part too."""
    for s in best:
        if s.text not in comp.used:
            add_sentence(comp, s.text, s.chunk)


_STRATUM_SECTIONS = {
    "localized": ("rt-", "strat-localized"),
    "disseminated": ("asct-", "sys-", "strat-disseminated", "caution-"),
}


def for_stratum(lead: Sequence[tuple[str, str]], stratum: str) -> list[tuple[str, str]]:
    """Lead sentences that apply to the patient's stratum (all when it is undetermined)."""
    keep = _STRATUM_SECTIONS.get(stratum)
    return [x for x in lead if keep is None or x[0].startswith(keep)]


_TRANSPLANT_LEADS = ("asct-", "relapse-first-asct", "relapse-second-asct")


def without_transplant(lead: Sequence[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """Lead sentences for a patient told to be unfit for transplant: the transplant ones go
    (all are kept if nothing else is left)."""
    kept = tuple(x for x in lead if not x[0].startswith(_TRANSPLANT_LEADS))
    return kept or tuple(lead)


def by_transplant_history(
    lead: Sequence[tuple[str, str]], prior_asct: bool | None
) -> tuple[tuple[str, str], ...]:
    """Relapse leads for the transplant history told: a first ASCT is for a patient who never
    had one, a second for one who had ("relapsed after RT and then ASCT" is not offered a
    first transplant). Nothing told: all stay."""
    if prior_asct is None:
        return tuple(lead)
    gone = "relapse-first-asct" if prior_asct else "relapse-second-asct"
    kept = tuple(x for x in lead if x[0] != gone)
    return kept or tuple(lead)


_SEED = re.compile(r"(?i)\bseed|semilla")
_FOLLOWS = re.compile(r"^(?:This|These|That|Esto|Esta|Este|Estos|Estas|Eso)\b")


def add_sentence(comp: Composer, text: str, chunk: Chunk) -> int:
    """Add a guideline sentence; a seed-document claim keeps the correction that follows it
    in its passage, so a disputed figure is never shown as settled. Returns lines added."""
    seq = [strip_markers(x) for x in sentences(chunk.text)]
    at = seq.index(text) if text in seq else -1
    added = 0
    if at > 0 and _FOLLOWS.match(text) and seq[at - 1] not in comp.used:
        added += int(comp.sentence(seq[at - 1], chunk))  # "This ..." needs what it refers to
    added += int(comp.sentence(text, chunk))
    if added and _SEED.search(text) and 0 <= at < len(seq) - 1 and _FOLLOWS.match(seq[at + 1]):
        added += int(comp.sentence(seq[at + 1], chunk))
    return added


def _by_overlap(
    query: str, lines: Sequence[tuple[str, str, bool]], lex: Lexicon
) -> list[tuple[float, str, str]]:
    """Patient lines by how many of the question's content stems they hold, general advice
    before conditional advice (stable order otherwise)."""
    weights = query_weights(query, lex)
    scored = [
        (sum(w for k, w in weights.items() if k in stems(text)) - (0.6 if cond else 0.0), text, sec)
        for text, sec, cond in lines
    ]
    return sorted(scored, key=lambda x: -x[0])


def _detail(
    comp: Composer,
    chat: ChatBook,
    ranked: Sequence[Scored],
    heading: bool = True,
    limit: int = MAX_DETAIL,
) -> None:
    top = ranked[0].score if ranked else 0.0
    rest = [
        s
        for s in ranked
        if s.text not in comp.used and s.score > 0 and (s.prior > 0 or s.score >= 0.6 * top)
    ]
    if not rest or comp.words() >= WORD_BUDGET:
        return
    # the direct answer's own sections continue first (its reason, its alternative)
    opened = {s.chunk.section_id for s in ranked if s.text in comp.used}
    follow = [s for s in rest if s.chunk.section_id in opened][:FOLLOW_ON]
    rest = follow + [s for s in rest if s not in follow]
    if comp.words() + len(rest[0].text.split()) > WORD_BUDGET:
        return  # not even one more sentence fits: no empty heading
    if heading:
        comp.heading(chat.say("more_detail", comp.lang))
    added = 0
    for s in rest:
        if added >= limit or comp.words() + len(s.text.split()) > WORD_BUDGET:
            break
        added += add_sentence(comp, s.text, s.chunk)


def _related(comp: Composer, passages: Sequence[Passage]) -> None:
    """The best search hit whose sentences are not in the answer yet (one sentence)."""
    for p in passages[:2]:
        c = p.chunk
        first = strip_markers(sentences(c.text)[0]) if c.text else ""
        if c.kind == "guideline" and c.lang == comp.lang and first and first not in comp.used:
            comp.heading(t("also_relevant", comp.lang))
            comp.sentence(first, c)
            return


def user_quotes(comp: Composer, passages: Sequence[Passage]) -> None:
    """Passages from documents the user added, only as inert quotations, never as advice."""
    quoted = [p.chunk for p in passages[:2] if p.chunk.kind == "user" and p.score > 0.02]
    if not quoted:
        return
    comp.heading(t("from_documents", comp.lang))
    comp.lines.append(f"_{t('quoted_only', comp.lang)}_")
    for chunk in quoted:
        excerpt = " ".join(sentences(chunk.text)[:2])
        n = comp.citer.cite(chunk)
        comp.lines += ["", f"> **{inline(chunk.title, 120)}** [{n}]", ">", quote_block(excerpt)]


def overview_answer(
    comp: Composer, chat: ChatBook, plan: Plan | None, user: Sequence[Passage]
) -> None:
    """The broad management answer: key points first, then each area."""
    comp.heading(chat.say("key_points", comp.lang))
    for point in chat.overview.key_points:
        _key_point(comp, point.section, point.contains)
    if plan is not None:
        compose_plan(
            comp, plan, ("diagnosis", "strat", "treatment", "cautions", "supportive"), PLAN_LIMIT
        )
    for block in chat.overview.blocks:
        comp.heading(loc(block.heading, comp.lang))
        for section_id, limit in block.take:
            _section(comp, section_id, limit)
    user_quotes(comp, user)


def _key_point(comp: Composer, section_id: str, contains: str) -> None:
    found = [
        (strip_markers(s), chunk)
        for chunk in comp.lookup(comp.lang, section_id)
        for s in sentences(chunk.text)
    ]
    # the text is folded (lower case, no accents); the pattern may name a sentence as written
    hit = (x for x in found if re.search(contains, fold(x[0]), re.IGNORECASE))
    pick = next(hit, found[0] if found else None)
    if pick is not None:
        comp.sentence(*pick)


def _section(comp: Composer, section_id: str, limit: int) -> None:
    added = 0
    for chunk in comp.lookup(comp.lang, section_id):
        for s in sentences(chunk.text):
            if added >= limit:
                return
            text = strip_markers(s)
            if text in comp.used:  # a key point: cite it again, do not repeat it
                comp.lines.append(f"- {text} [{comp.citer.cite(chunk)}]")
            else:
                comp.sentence(text, chunk)
            added += 1


def case_answer(
    comp: Composer, chat: ChatBook, plan: Plan, lead: Sequence[tuple[str, str]] = ()
) -> None:
    """A message that only states findings: the plan's headline first, then the plan. With no
    option for this patient yet (diagnosis or stratum open), a clinician also gets what the
    guideline gives for the stratum once it is confirmed (`lead`), stated as conditional."""
    comp.heading(chat.say("direct", comp.lang))
    dx, st = plan.diagnosis, plan.stratification
    comp.claim(comp.say(dx.summary), dx.section)
    comp.claim(comp.say(st.reason), st.section)
    first = plan.treatment.primary[0] if plan.treatment.primary else None
    if first is not None:
        comp.claim(comp.say(first.label), first.section)
    else:  # no option yet: the tests that decide it come before what the guideline gives
        workup_first(comp, plan, WORKUP_FIRST)
        _once_confirmed(comp, chat, for_stratum(lead, st.status))
    compose_plan(
        comp,
        plan,
        ("diagnosis", "workup", "strat", "treatment", "cautions", "monitoring", "supportive"),
    )


def _once_confirmed(comp: Composer, chat: ChatBook, leads: Sequence[tuple[str, str]]) -> None:
    """No option for this patient yet: what the guideline gives once the diagnosis and the
    stratum are confirmed, stated as conditional (clinicians only)."""
    if comp.audience != "clinician" or not leads:
        return
    comp.lines.append(f"_{chat.say('once_confirmed', comp.lang)}_")
    for section_id, contains in leads:
        _key_point(comp, section_id, contains)


def cannot_answer(comp: Composer, chat: ChatBook, suggestions: Sequence[str]) -> None:
    """The plain 'the guidelines do not cover this', with questions that can be answered."""
    comp.lines.append(chat.say("cannot_answer", comp.lang))
    comp.lines.append("")
    comp.lines += [f"{i}. {q}" for i, q in enumerate(suggestions[:3], 1)]

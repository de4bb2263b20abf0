"""Understanding one message (pure): language, the question vs the case description around it,
findings (only from statements, via `extract`), topic scores and scope.

Scope is decided here, from the words alone, before anything touches the index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.chat.lexicon import DOMAIN, FOREIGN, GENERIC, STRONG, SUBJECT, Hit, Lexicon, words
from assistant.contracts import Lang
from assistant.extract import Extraction, extract
from assistant.language import detect_language
from assistant.untrusted import strip_markup

CONTEXT_WEIGHT = 0.35  # case description around the question (and before its "¿")
BACK_CONTEXT_WEIGHT = 0.7  # ... when a short question points back at it ("is that…?")
BACK_WORDS = frozenset(
    {"that", "this", "these", "those", "eso", "esto", "ello", "esos", "estos", "esa", "ese", "esas"}
)
BACK_CONTENT = 3  # a question clause with at most this many content words is short


def points_back(lex: Lexicon, toks: Sequence[str]) -> bool:
    """'Is that a response? Carry on?', '¿eso ya es POEMS?': a short question clause that
    points at the sentences before it."""
    content = content_words(lex, toks)
    return not content or (len(content) <= BACK_CONTENT and any(t in BACK_WORDS for t in toks))


def content_words(lex: Lexicon, toks: Sequence[str]) -> list[str]:
    """The words of `toks` that can name a subject (no function words, none under 3 letters)."""
    return [t for t in toks if t not in lex.stopwords and len(t) >= 3]


def is_empty(lex: Lexicon, toks: Sequence[str]) -> bool:
    """'¿Por qué se las quitaron?', 'why?': a question clause with no content word at all asks
    about the sentences before it; so does one holding only words pointing back at it ('¿es por
    la pastilla?')."""
    return not [t for t in content_words(lex, toks) if t not in lex.scope.referent]


AFTER_WEIGHT = 0.6  # "relapse after ASCT": the thing after "after" is context for the head
CLOSE_SHARE = 0.4  # a second topic scoring at least half the first is answered too
_AFTER = frozenset({"after", "following", "post", "tras", "despues", "posterior"})
_SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")
_ASKING = re.compile(
    r"^(?:and |y |but |pero |so |entonces |also |and also |ademas |tambien |y tambien )?"
    r"(?:what|how|which|when|why|who|where|should|is|are|can|could|do|does|did|will|would|may|que|como|cual|cuales|cuando|cuanto|cuanta|cuantos|"
    r"cuantas|por que|donde|quien|debo|deberia|hay|es|son|se puede|puede|tiene|conviene|"
    r"tell me|dime|explain|explica)\b"
)

# A question typed after a comma with no question mark ("single lesion, VEGF 1800, how long do
# you wait before adding Rd"): only unambiguous asking words start one ("que", "is", "es"
# also start relative and plain clauses).
_TAIL_ASKING = re.compile(
    r"^(?:and |y |but |pero |so |entonces )?(?:what|how|which|when|why|should i|should we|"
    r"can i|can we|do i|do we|do you|como|cual|cuales|cuando|cuanto|cuanta|cuantos|cuantas|"
    r"por que|debo|deberia|se puede|que hago|que hacemos|que le doy|que tratamiento|que dosis|"
    r"que pruebas|que precauciones|que opciones|que pido|que le pido|que hay que|"
    r"que quiere decir|que significa|what does that mean|what does it mean|"
    r"es elevado|esta elevado|es alto|esta alto|es normal|is it high|is that high|"
    r"is it elevated|is that elevated|is it normal|is that normal)\b"
)


@dataclass(frozen=True)
class Understanding:
    """What one message asks and states."""

    lang: Lang
    question: str  # the asking clause(s); "" when the message only states findings
    statements: str  # the case description around it
    extraction: Extraction
    in_scope: bool
    scores: dict[str, float] = field(default_factory=dict)  # topic -> lexical score
    inherited: bool = False  # topics taken from the previous turn
    named: bool = False  # the question clause names a topic strongly
    scene_named: bool = False  # a short question after statements naming a topic strongly
    wants_number: bool = False
    unknown_words: tuple[str, ...] = ()  # content words no lexicon entry knows
    repairs: tuple[tuple[str, str], ...] = ()  # typos read as known words (typed, read as)
    follow_on: str = ""  # "what about X?": the previous question, whose frame X takes
    focus: tuple[str, ...] = ()  # sections the previous answer opened with (a short follow-up)

    @property
    def topics(self) -> tuple[str, ...]:
        """Topics by score (ties by code), the second only when close to the first."""
        return pick_topics(self.scores)


def pick_topics(scores: dict[str, float], limit: int = 2) -> tuple[str, ...]:
    """Best topics: order by score then code (never by file order); keep close seconds."""
    ranked = sorted((kv for kv in scores.items() if kv[1] > 0), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return ()
    top = ranked[0][1]
    close = [code for code, s in ranked if s >= CLOSE_SHARE * top]
    if close[0] != "next_steps" and len(close) > limit:  # "relapse after ASCT: what now?":
        close = [c for c in close if c != "next_steps"]  # the subjects, not the generic intent
    return tuple(close[:limit])


def is_question(clause: str) -> bool:
    """An interrogative clause: '?', '¿' or an asking word at its start; or a short request
    typed as a search ('tto endocrinopatía poems', 'rehabilitación neuropatía POEMS')."""
    flat = " ".join(words(clause))
    if "?" in clause or "¿" in clause or _ASKING.match(flat):
        return True
    short = len(flat.split()) <= REQUEST_WORDS and not any(c.isdigit() for c in flat)
    return short and bool(_REQUEST.match(flat) or _REQUEST_ANYWHERE.search(flat))


# A question reported without a question mark, in a message that asks nothing else:
# "Nephrology asks how lenalidomide should be dosed on dialysis days.", "El servicio de
# radioterapia nos pregunta qué dosis usar."
_ASKED_FOR = re.compile(
    r"\b(?:asks?|asking|asked|wants? to know|would like to know|wonders?|"
    r"(?:nos |me |le |les )?pregunta(?:n|ba|ban)?|quieren? saber|consulta(?:n)?)\s+"
    r"(?:(?:us|me|him|her|them)\s+)?"
    r"(?:how|what|which|when|whether|why|where|que|como|cual|cuales|cuando|cuanto|cuanta|"
    r"por que|donde)\b"
)
REQUEST_WORDS = 5  # "tto endocrinopatia poems"; a longer clause starting so may state a case
_REQUEST = re.compile(
    r"^(?:tto|tx|treatment|tratamiento|manejo|management|rehab\w*|fisio\w*|physio\w*|dosis|"
    r"dose|seguimiento|follow up|pronostico|prognosis|criterios|criteria)\b"
)
# "dolor neuropatico poems tto", "neuropathic pain poems meds": the request at the end
_REQUEST_ANYWHERE = re.compile(
    r"\b(?:tto|tx|meds|manejo|management|que hacer|q hacer|que hago|q hago)$"
)


def split_message(message: str) -> tuple[str, str]:
    """(question clauses, statement clauses). A message with no question is all question
    unless it states findings (decided by the caller)."""
    parts = [p.strip() for p in _SENTENCE.split(message.strip()) if p.strip()]
    if parts and not is_question(parts[-1]) and "," in parts[-1]:
        head, tail = parts[-1].rsplit(",", 1)
        if _TAIL_ASKING.match(" ".join(words(tail))):  # "..., how long do you wait"
            parts[-1:] = [head.strip(), tail.strip()]
    asked = [p for p in parts if is_question(p)]
    if not asked:  # "Nephrology asks how lenalidomide should be dosed." is the question when
        asked = [p for p in parts if _ASKED_FOR.search(" ".join(words(p)))]  # none is asked
    stated = [p for p in parts if p not in asked]
    return " ".join(asked), " ".join(stated)


def _weighted(hits: Sequence[Hit], toks: Sequence[str], weight: float) -> dict[str, float]:
    """Per topic: the sum over spans of its weight there (a span counts once per topic)."""
    out: dict[str, float] = {}
    last: dict[str, tuple[int, float]] = {}  # topic -> (end of its last span, value added)
    for hit in hits:
        before = toks[max(0, hit.start - 3) : hit.start]
        factor = AFTER_WEIGHT if _AFTER & set(before) else 1.0
        for label, w in hit.labels.items():
            if label.startswith("@"):
                continue
            value = w * weight * factor
            end, added = last.get(label, (-1, 0.0))
            if end == hit.start:  # adjacent words of one topic are one mention
                out[label] += max(0.0, value - added)
                value = max(value, added)
            else:
                out[label] = out.get(label, 0.0) + value
            last[label] = (hit.end, value)
    return out


def topic_scores(lex: Lexicon, question: str, statements: str) -> tuple[dict[str, float], bool]:
    """(lexical topic scores, whether the question clause names a topic strongly)."""
    q_toks = words(question)
    whole = q_hits = lex.spot(q_toks)  # what the question names, lead-in included
    head, sep, asked = question.partition("¿")
    lead = words(head) if sep and "?" not in head else []
    if lead:  # "Paciente con 2 lesiones, médula sin clon, ¿cuántos Gy?": the lead-in is told
        q_toks = words(sep + asked)
        q_hits = lex.spot(q_toks)
    s_toks = words(statements)
    scores = _weighted(q_hits, q_toks, 1.0)
    only = _only_topic(lex, q_toks, q_hits) if statements or lead else None
    if only is not None:  # "<case description>. ¿Tratamiento?": the short question is the topic
        scores[only] = max(scores.get(only, 0.0), STRONG)
    # "<bevacizumab given, VEGF fell>. Is that a response?": what "that" points at counts more
    context = BACK_CONTEXT_WEIGHT if statements and points_back(lex, q_toks) else CONTEXT_WEIGHT
    for toks, weight in ((s_toks, context), (lead, CONTEXT_WEIGHT)):
        for code, s in _weighted(lex.spot(toks), toks, weight).items():
            scores[code] = scores.get(code, 0.0) + s
    strong = any(
        w >= STRONG and not label.startswith("@") for h in whole for label, w in h.labels.items()
    )
    return {k: round(v, 6) for k, v in scores.items()}, strong


def _only_topic(lex: Lexicon, toks: Sequence[str], hits: Sequence[Hit]) -> str | None:
    """The one topic a question clause consists of ("Tto?", "What treatment?"), if any."""
    covered = {i for h in hits for i in range(h.start, h.end)}
    content = [i for i, t in enumerate(toks) if t not in lex.stopwords and not t.isdigit()]
    if not content or any(i not in covered for i in content):
        return None
    labels = {k for h in hits for k in h.labels if not k.startswith("@")}
    return labels.pop() if len(labels) == 1 else None


_NUMBER = re.compile(r"\d+[xk]?|[ctl]\d{1,2}")  # "38", "3x" (ULN), "90k", "T11" (a vertebra)


def content_unknown(lex: Lexicon, toks: Sequence[str]) -> tuple[list[Hit], list[str]]:
    """(lexicon spans, content words outside every span: not stopwords, not light verbs
    ("¿le va a volver?", "le salió"), not numbers, not in a phrase the lexicon spells out)."""
    hits = lex.spot(toks)
    covered = {i for h in hits for i in range(h.start, h.end)}
    covered |= {i for a, b in lex.spans("spelt_out", toks) for i in range(a, b)}  # "sky high"
    unknown = [
        t
        for i, t in enumerate(toks)
        if i not in covered
        and t not in lex.stopwords
        and t not in lex.light
        and not _NUMBER.fullmatch(t)
        and len(t) > 1
    ]
    return hits, unknown


def decide_scope(
    lex: Lexicon, message: str, in_conversation: bool, states_case: bool, patient: bool = False
) -> bool:
    """Foreign terms first; then POEMS words, weighed against the words nobody knows. In the
    patient view the writer lives with POEMS, so a story's everyday words ("my legs swell by
    the evening") are about it, as beside POEMS's name."""
    toks = words(message)
    hits, unknown = content_unknown(lex, toks)
    labels = [set(h.labels) for h in hits]
    foreign = [toks[h.start : h.end] for h in hits if FOREIGN in h.labels]
    if treats_another_disease(lex, toks):  # even with a case told: it is another disease's case
        return False
    # a danger sign on treatment is answered whatever else the message names ("38.5 after
    # melphalan; paracetamol and wait?")
    alarm = lex.alarm(toks) is not None
    if foreign and not alarm and not _lifted(lex, toks, foreign):
        flags = (in_conversation, states_case, patient)
        if not (
            _beside_a_question(lex, message, foreign, flags)
            or _told_beside(lex, message, flags)
            or _told_aside(lex, message, foreign)
        ):
            return False
        kept = [q for q in message_parts(message) if not _foreign_in(lex, q)]
        toks = [w for q in kept for w in words(q)]
        hits, unknown = content_unknown(lex, toks)
        labels = [set(h.labels) for h in hits]
    # a case told, or POEMS named in lay words ("lo de los nervios con la proteína"): about
    # POEMS; the cannot-answer gate still declines a question the passages do not cover
    if alarm or states_case or lay_named(lex, toks):
        return True
    if _weigh(lex, toks, (hits, unknown, labels), in_conversation, patient):
        return True
    # "I can't open jars or do up buttons... Would occupational therapy help?": in the patient
    # view the story around the question is the writer's own life; the question alone decides
    asked = split_message(message)[0]
    subject = " ".join(w for w in words(asked) if not lex.has("treat", [w]))
    if not patient or not asked or words(asked) == toks or not topic_scores(lex, subject, "")[1]:
        return False  # "my neighbour has a cough. What treatment?": no subject of its own
    q_toks = words(asked)
    q_hits, q_unknown = content_unknown(lex, q_toks)
    q_labels = [set(h.labels) for h in q_hits]
    return _weigh(lex, q_toks, (q_hits, q_unknown, q_labels), in_conversation, patient)


def _weigh(
    lex: Lexicon,
    toks: Sequence[str],
    found: tuple[list[Hit], list[str], list[set[str]]],
    in_conversation: bool,
    patient: bool,
) -> bool:
    """POEMS words weighed against the words nobody knows."""
    hits, unknown, labels = found
    # a rare word the guideline itself uses ("DLCO", "levotiroxina") is a POEMS word; other
    # guideline words are neutral
    technical = [w for w in unknown if w in lex.speller.corpus and not lex.everyday(w)]
    about = patient or in_conversation or names_poems(lex, toks) or lay_named(lex, toks)
    unknown = _story_known(lex, unknown, about)
    unknown = [w for w in unknown if not lex.accounted(w)]  # as in the cannot-answer gate
    known = sum(1 for ls in labels if ls - {GENERIC}) + len(technical)
    if in_conversation:
        return len(unknown) <= 3 or len(unknown) <= 2 * known
    if technical or any(DOMAIN in h.labels or SUBJECT in h.labels for h in hits):
        return len(unknown) <= known + 1
    # only topic words ("how many Gy?", "is it curable?"): in scope when every other word is
    # a guideline or everyday word -- "is gout curable?" names another disease. In the patient
    # view a topic word of any weight will do when every other word is known ("¿cuánto dura el
    # tratamiento?"): the writer lives with POEMS
    strong = (patient and known > 0 and not unknown) or any(
        w >= STRONG for h in hits for k, w in h.labels.items() if k[0] != "@"
    )
    rare = [w for w in unknown if not lex.everyday(w)]
    return strong and len(unknown) <= known + 1 and len(rare) <= (1 if known >= 2 else 0)


_PARTS = re.compile(r"(?<=[.!?;])\s+|\n+|(?=¿)")  # sentences, and a "¿" opens a new one


def message_parts(message: str) -> list[str]:
    """The message's sentences ("Tengo POEMS. Y otra cosa, ¿puedo…?" is two)."""
    return [p.strip() for p in _PARTS.split(message) if p.strip(" ¿?.")]


def _foreign_in(lex: Lexicon, text: str) -> bool:
    return any(FOREIGN in h.labels for h in content_unknown(lex, words(text))[0])


def _beside_a_question(
    lex: Lexicon,
    message: str,
    foreign: Sequence[Sequence[str]],
    flags: tuple[bool, bool, bool],
) -> bool:
    """'¿Voy a poder volver a conducir? ¿Cuánto tardan en mejorar los nervios?': every foreign
    term is a subject the guideline leaves out (driving, work, travel), and another question
    of the message, free of it, is about POEMS on its own. That question is answered and the
    cannot-answer gate says the other subject is not covered. A foreign disease or drug
    ("a hotel near the hospital", "colchicine for gout") keeps the whole message out."""
    if not all(lex.has("uncovered", span) for span in foreign):
        return False
    asked = [q for q in message_parts(message) if is_question(q) and not _foreign_in(lex, q)]
    return any(decide_scope(lex, q, *flags) for q in asked)


def _told_aside(lex: Lexicon, message: str, foreign: Sequence[Sequence[str]]) -> bool:
    """'He has finally got the energy to walk the dog again. Does he need blood tests while on
    testosterone?': every foreign term is a subject the guideline leaves out (driving, pets,
    travel), told in a statement and asked about by no question. The rest of the message
    decides the scope; a question about the subject itself ('Can he walk the dog?') does not
    get here."""
    if not all(lex.has("uncovered", span) for span in foreign):
        return False
    asked = [q for q in message_parts(message) if is_question(q)]
    return bool(asked) and not any(_foreign_in(lex, q) for q in asked)


def _told_beside(lex: Lexicon, message: str, flags: tuple[bool, bool, bool]) -> bool:
    """'My sister-in-law had radiotherapy for breast cancer and says hers was a lower dose. Is
    45 Gy the normal dose for POEMS?': the other disease is told, about someone else, in a
    message that names POEMS; no question sentence names a foreign term, and one of them names
    POEMS or a topic strongly (by a word other than "treatment") and is in scope on its own. 'My
    husband has POEMS; his brother has gout. How do you treat it?' stays declined."""
    if not names_poems(lex, words(message)):
        return False
    asked = [p for p in message_parts(message) if is_question(p)]
    if not asked or any(_foreign_in(lex, q) for q in asked):
        return False
    for q in asked:
        subject = " ".join(w for w in words(q) if not lex.has("treat", [w]))
        named = names_poems(lex, words(q)) or topic_scores(lex, subject, "")[1]
        if named and decide_scope(lex, q, *flags):
            return True
    return False


def _lifted(lex: Lexicon, toks: Sequence[str], foreign: Sequence[Sequence[str]]) -> bool:
    """'Can iron deficiency raise VEGF?', 'flu shot on lenalidomide?': every foreign term is a
    medical one the guideline touches, and a word only POEMS uses (or its lay name, "his nerve
    and blood disorder") is beside it. A drug's other use ('thalidomide for leprosy', 'Avastin
    in colon cancer') is lifted only when the question names POEMS itself: 'is it used in
    POEMS too?'."""
    if not lex.has("specific", toks) and not lay_named(lex, toks):
        return False
    named = names_poems(lex, toks)
    return all(
        lex.has("lifted", span) or (named and lex.has("lifted_by_name", span)) for span in foreign
    )


def _story_known(lex: Lexicon, unknown: list[str], about_poems: bool) -> list[str]:
    """Beside POEMS's name or in a case conversation, a story's everyday words ("my feet are
    numb", "mi viejo") are not unknown; elsewhere they are ("my feet hurt after a run")."""
    return [w for w in unknown if w not in lex.scope.story] if about_poems else unknown


RULED_OUT_WINDOW = 6  # words between "POEMS" and "ruled out" / "se descartó"


LAY_WINDOW = 10  # words between the two halves of a lay name


def lay_named(lex: Lexicon, toks: Sequence[str]) -> bool:
    """POEMS named in lay words: a nerve word and a clone word within a few words of each
    other ("the nerve + plasma cell one", "la enfermedad de la sangre y los nervios")."""
    nerve, clone = lex.where("lay_nerve", toks), lex.where("lay_clone", toks)
    return any(abs(a - b) <= LAY_WINDOW for a in nerve for b in clone)


def names_poems(lex: Lexicon, toks: Sequence[str]) -> bool:
    """POEMS is named and not as a diagnosis already excluded ('POEMS and a paraprotein were
    ruled out', 'se descartó POEMS')."""
    out = lex.where("ruled_out", toks)
    return any(
        not any(abs(i - j) <= RULED_OUT_WINDOW for j in out) for i in lex.where("name", toks)
    )


def is_broad(lex: Lexicon, question: str, topic: str) -> bool:
    """True when the question asks about the topic as a whole ("first-line therapy for
    POEMS?", "¿cómo se trata?"): one of the topic's `lead_when` terms, and no value, drug or
    finding outside the topic ("daratumumab first line?", "VEGF after RT?") in it."""
    toks = words(question)
    asked = words(question.rsplit(":", 1)[-1])  # "<case>: what orients to POEMS vs CIDP?"
    if not toks or any(t.isdigit() for t in asked):  # a value asked about makes it specific
        return False
    if lex.topic(topic).lead_named:  # "neuropathy and an M-protein: is that POEMS?"
        return lex.has(f"lead:{topic}", toks)
    strata = [f"stratum:{name}" for name in lex.scope.stratum]
    own = lex.spans(f"lead:{topic}", asked)  # "limited or disseminated?" is one lead phrase
    for h in lex.spot(asked):  # so does a named drug or finding outside the topic's own words,
        span = asked[
            h.start : h.end
        ]  # or an aspect of it ("ASCT risks?", "induction before ASCT?")
        if any(a <= h.start and h.end <= b for a, b in own):
            continue
        named = DOMAIN in h.labels or SUBJECT in h.labels
        aspect = any(k[0] != "@" and w >= STRONG for k, w in h.labels.items())
        if (
            (named or aspect)
            and not lex.has(f"lead:{topic}", span)
            and not lex.has("name", span)
            and not any(lex.has(st, span) for st in strata)
        ):
            return False
    return lex.has(f"lead:{topic}", toks)


def treats_another_disease(lex: Lexicon, toks: Sequence[str]) -> bool:
    """'IVIG dose for CIDP?', 'daratumumab for AL amyloidosis?', 'MGUS: how often are bloods
    repeated?': the treatment or follow-up of a neighbouring disease, with no word naming POEMS
    (an excluded POEMS does not count), nothing comparing the two and no finding that points
    to POEMS (a sclerotic lesion, VEGF, papilloedema)."""
    return (
        lex.has("other", toks)
        and (lex.has("treat", toks) or lex.has("manage", toks))
        and not names_poems(lex, toks)
        and not lex.has("compare", toks)
        and not _feature_told(lex, toks)
    )


# "normal VEGF", "no sclerotic lesions", "VEGF negativo": a feature denied points nowhere; so
# does one explained by another cause ("reactive thrombocytosis" from iron deficiency)
_DENY_BEFORE = frozenset(
    {"no", "not", "sin", "without", "normal", "negative", "negativo", "reactive", "reactiva"}
)
_DENY_AFTER = frozenset(
    {"normal", "normales", "negative", "negativo", "negativa", "neg", "absent", "ausente"}
)


def _feature_told(lex: Lexicon, toks: Sequence[str]) -> bool:
    """A finding that points to POEMS is told, and not denied (a value told with it, as in
    "no response to IVIG, VEGF 900", is told)."""
    return any(
        any(t[:1].isdigit() for t in toks[b : b + 3])
        or not (_DENY_BEFORE & set(toks[max(0, a - 2) : a]) or _DENY_AFTER & set(toks[b : b + 1]))
        for a, b in lex.spans("feature", toks)
    )


_AND = re.compile(
    r"(?:,\s*|\s+)(?:and|y|e)\s+(?=(?:what|how|which|when|why|who|where|is|are|"
    r"can|should|do|does|que|qué|como|cómo|cual|cuál|cuales|cuáles|cuando|cuándo|cuanto|cuánto|"
    r"cuantos|cuántos|por que|por qué|donde|dónde|hay|se)\b)",
    re.IGNORECASE,
)


_ASKED_APART = re.compile(r"(?<=\?)\s+")  # "¿Es del POEMS? ¿Me voy a quedar así?"


def question_parts(lex: Lexicon, question: str) -> list[str]:
    """'What dose, and when is systemic therapy added?' -> two asked parts, each naming a topic
    of its own; one part when the second asks nothing new. Questions asked one after another
    ('¿Cuándo pasáis a HBPM? ¿En qué fase hay más trombosis?') are parts too."""
    return [part for part, _ in asked_parts(lex, question)]


def asked_parts(lex: Lexicon, question: str) -> list[tuple[str, bool]]:
    """The parts of `question_parts`, each with whether it names a subject of its own (False
    when it borrows the first part's words)."""
    pieces = [
        p.strip(" ,;?¿")
        for asked in _ASKED_APART.split(question)
        for p in _AND.split(asked)
        if p.strip(" ,;?¿")
    ]
    if len(pieces) < 2:
        return [(question, True)]
    scored = [topic_scores(lex, p, "")[0] for p in pieces]
    if not scored[0]:
        return [(question, True)]
    # a later part may say "it", be too short to name a subject or name no topic: give it
    # the first part's POEMS words ("VEGF ... repeat it", "…? ¿En qué pacientes se indica?");
    # a part naming its own subject keeps its own words ("…, and how often does engraftment
    # syndrome happen?")
    first = words(pieces[0])
    named = [" ".join(first[h.start : h.end]) for h in lex.spot(first) if DOMAIN in h.labels]
    later = [
        (" ".join([p, *named]), False) if not own or _borrows(lex, p) else (p, True)
        for p, own in zip(pieces[1:], scored[1:], strict=True)
    ]
    return [(pieces[0], True), *later]


_IT = BACK_WORDS | {"it", "its", "them", "they", "lo", "la", "los", "las", "le", "les"}


def _borrows(lex: Lexicon, part: str) -> bool:
    """A part pointing back at the first one's subject ("…, and when do I repeat it?"), or too
    short to name one ("…? Is there a cut-off?")."""
    toks = words(part)
    return bool(_IT & set(toks)) or len(content_words(lex, toks)) <= SHORT_PART


SHORT_PART = 2  # content words: "Is there a cut-off?" names no subject of its own


def wants_number(lex: Lexicon, question: str) -> bool:
    """True when the question asks for a dose, threshold, interval, rate or time."""
    return lex.has("number", words(question))


@dataclass(frozen=True)
class Context:
    """What the conversation so far tells about a new message."""

    forced_lang: Lang | None = None
    last_lang: Lang | None = None
    previous_topics: tuple[str, ...] = ()
    in_conversation: bool = False
    has_case: bool = False
    patient: bool = False  # the patient view: the person writing lives with POEMS


_KIN = (
    r"mam[aá]|madre|pap[aá]|padre|esposo|esposa|marido|mujer|hermano|hermana|hijo|hija|t[ií]o|"
    r"t[ií]a|abuelo|abuela|suegro|suegra|novio|novia|pareja|mom|mum|mother|dad|father|husband|"
    r"wife|brother|sister|son|daughter|aunt|uncle|grandma|grandpa|partner"
)
_NAMED = re.compile(
    rf"\b((?i:(?:mi|my)\s+(?:{_KIN})|soy|me llamo|my name is))\s+([A-ZÁÉÍÓÚÑ][a-záéíóúñ]{{2,}})\b"
)


def without_names(message: str, lex: Lexicon) -> str:
    """'mi mamá Ximena', 'soy Daniela', 'my husband Tom': a person's name says nothing about
    what is asked, so it is dropped before spelling repair and scope (a name the guideline or
    the lexicon knows, such as 'Castleman', stays)."""

    def drop(m: re.Match[str]) -> str:
        name = words(m.group(2))
        known = name and (name[0] in lex.speller.corpus or lex.spot(name))
        return m.group(0) if known else m.group(1)

    return _NAMED.sub(drop, message)


def understand(message: str, lex: Lexicon, ctx: Context) -> Understanding:
    """Everything the engine needs to know about a message before searching."""
    message, repairs = lex.speller.repair(without_names(strip_markup(message), lex))
    lang = ctx.forced_lang or detect_language(message, default=ctx.last_lang)
    previous_topics, in_conversation, has_case = (
        ctx.previous_topics,
        ctx.in_conversation,
        ctx.has_case,
    )
    question, statements = split_message(message)
    ex = _findings(message, question, statements, has_case, lex)
    unmarked = not question and ex.empty  # no clause reads as a question: all of it is asked
    if unmarked:
        question, statements = statements, ""
    scores, strong = topic_scores(lex, question, statements)
    inherited = bool(question) and not strong and bool(previous_topics) and in_conversation
    if inherited:
        scores = {code: 1.0 - 0.2 * i for i, code in enumerate(previous_topics)}
    scope = _suspect(ex) or decide_scope(
        lex, message, in_conversation or has_case, not ex.empty, ctx.patient
    )
    q_toks = words(question)
    parts = message_parts(question) if unmarked else []
    # "...a mi papa le sacaron 3 litros otra vez. ese liquido es por la enfermedad se le va a
    # quitar con la furosemida": typed without "?", the story is read as asked too; the gate
    # weighs the words of the last sentence, where such a question ends
    gate_toks = words(parts[-1]) if len(parts) > 1 else q_toks
    q_hits, unknown = content_unknown(lex, gate_toks)
    m_toks = words(message)
    told = ctx.patient or in_conversation or has_case
    told = told or names_poems(lex, m_toks) or lay_named(lex, m_toks)
    unknown = _story_known(lex, unknown, told)
    unknown += [gate_toks[i] for h in q_hits if SUBJECT in h.labels for i in range(h.start, h.end)]
    return Understanding(
        lang=lang,
        question=question,
        statements=statements,
        extraction=ex,
        in_scope=scope,
        scores=scores,
        inherited=inherited,
        named=strong,
        scene_named=_scene_names(lex, question, statements),
        wants_number=wants_number(lex, question),
        unknown_words=tuple(unknown),
        repairs=repairs,
    )


THROMBOCYTOSIS = 450.0  # x10^9/L: knowledge/rules/diagnosis.toml [platelet_rule] (tested equal)


def _suspect(ex: Extraction) -> bool:
    """'Working dx CIDP for 18 months, IVIG-refractory; now plt 590 and a small IgG-λ': a
    neuropathy with a lambda clone (both mandatory criteria) and thrombocytosis is a possible
    POEMS, not another disease's case. AL amyloidosis with a lambda clone and a neuropathy,
    but no thrombocytosis, stays another disease."""
    up = ex.updates
    platelets = up.get("platelets_10e9_l")
    return (
        up.get("polyneuropathy") == "present"
        and up.get("light_chain") == "lambda"
        and isinstance(platelets, float | int)
        and platelets > THROMBOCYTOSIS
    )


SCENE_QUESTION = 8  # words: "<case>. Adequate or go to 50?" asks about the case told


def _scene_names(lex: Lexicon, question: str, statements: str) -> bool:
    """'Solitary plasmacytoma, marrow negative, 40 Gy in 20 fractions proposed. Adequate or go to
    50?': a short question after a scene that names a topic strongly takes its subject from
    the scene, so one word of its own the passages lack ('adequate') does not make it
    unanswerable. POEMS's name alone sets no scene: 'Mi papá tiene POEMS. ¿Puede correr
    maratones?' is still declined."""
    q_toks = words(question)
    if not statements or len(q_toks) > SCENE_QUESTION or not topic_scores(lex, statements, "")[1]:
        return False
    hits, unknown = content_unknown(lex, q_toks)
    rare = [w for w in unknown if w not in lex.speller.corpus and w not in lex.scope.expand]
    # the question holds something of the guideline's own besides at most one word it lacks:
    # a topic word, a number or a guideline word ("¿Rango habitual?"), or it asks how to put the
    # scene into words ("<pharmacy wants a rationale>. What do I write?"); "Can he go skiing?",
    # "Eligible for the XYZ trial?" hold nothing of it or two words it lacks
    anchored = (
        any(set(h.labels) - {GENERIC} for h in hits)
        or any(_NUMBER.fullmatch(w) for w in q_toks)
        or any(w in lex.speller.corpus for w in unknown)
        or lex.has("wording", q_toks)
    )
    return len(rare) <= 1 and anchored


def _findings(
    message: str, question: str, statements: str, has_case: bool, lex: Lexicon
) -> Extraction:
    """Case updates only from stated findings; a what-if question stays hypothetical. Beside a
    question, the statements are about a patient only when anchored to one."""
    if question:
        asked = extract(message, in_case=has_case)
        # "¿cómo se valora la respuesta si el componente es casi indetectable?" supposes a
        # finding about no one: a what-if needs a case or a patient to be about
        if asked.hypothetical and (has_case or _anchored(lex, message, asked)):
            return asked
    if not statements:
        return Extraction() if question else extract(message, in_case=has_case)
    found = extract(statements, in_case=has_case)
    # "POEMS thrombosis: timing of events, when to start aspirin?"; typed without "?", "nerve
    # biopsy - anything that distinguishes POEMS from CIDP" names one finding and no patient
    if not has_case and not _anchored(lex, statements, found):
        return Extraction()
    return found


ANCHOR_FINDINGS = 2  # distinct findings that make a list of statements a vignette


def _anchored(lex: Lexicon, statements: str, found: Extraction) -> bool:
    """Statements describe a patient: a word pointing at one ("pt", "mi padre", "58-year-old"),
    a measured value, or two findings or more. "Starting Dara for relapsed POEMS after ASCT"
    or "fluid in tummy + swollen ankles" only set the scene of a general question."""
    toks = words(statements)
    return (
        any(toks[i] not in _PATIENTS_IN_GENERAL for i in lex.where("anchor", toks))
        or any(c.isdigit() for c in statements)
        or len([k for k in found.updates if k not in _HISTORY]) >= ANCHOR_FINDINGS
    )


# Plurals point at patients in general ("incl. dialysis pts"), not at one patient
_PATIENTS_IN_GENERAL = frozenset({"pts", "patients", "pacientes", "pacs"})

# Where the disease stands (relapse, after ASCT): the scene of a question, not findings
_HISTORY = frozenset(
    {"phase", "prior_radiation", "prior_asct", "prior_lenalidomide_cycles", "transplant_eligible"}
)

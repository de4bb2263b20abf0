"""Properties of extraction over the whole lexicon (hypothesis).

- A sentence with a negation, doubt or pending cue never moves a finding to `present`.
- An interrogative sentence never produces updates.
- Extraction is deterministic and never raises.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.extract import extract
from assistant.findings import load_matcher

# Local settings (not a global profile: other suites keep theirs).
EXTRACT = settings(
    derandomize=True,
    deadline=None,
    max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "300")),
    suppress_health_check=[HealthCheck.too_slow],
)

LEX = load_matcher().lexicon
CUES = LEX.cues
# Every phrase that states a value: (phrase, entry number); a '*' phrase is used as its stem.
STATING = sorted(
    (term.removesuffix("*"), i)
    for i, e in enumerate(LEX.findings.entries)
    if e.present is not None
    for term in e.terms
)
FINDING_TERMS = [(t, i) for t, i in STATING if LEX.findings.entries[i].present == "present"]
BEFORE = sorted({*CUES.negation.before, *CUES.uncertainty.terms, *CUES.pending.terms})
AFTER = sorted({*CUES.negation.after, *CUES.uncertainty.terms, *CUES.pending.terms})
PREFIXES = [
    "",
    "Patient: ",
    "Paciente: ",
    "Exam: ",
    "Exploración: ",
    "He has ",
    "She ",
    "58-year-old man, VEGF 900 pg/mL plasma, ",
    "Mujer de 60 años, plaquetas 450, ",
]


def _not_stated(prefix: str, cued: str, entry_no: int) -> None:
    """Nothing beyond what the prefix alone states; the cued phrase never states its value."""
    entry = LEX.findings.entries[entry_no]
    base = extract(prefix).updates
    ex = extract(prefix + cued)
    new = {k: v for k, v in ex.updates.items() if base.get(k) != v}
    got = new.get(entry.field)
    assert "present" not in new.values(), (prefix + cued, new)
    stated = entry.present in got if isinstance(got, tuple) else got == entry.present
    assert not stated, (prefix + cued, new)


@EXTRACT
@given(st.sampled_from(STATING), st.sampled_from(BEFORE), st.sampled_from(PREFIXES))
def test_extract_cue_before_a_finding_never_states_it(
    term_entry: tuple[str, int], cue: str, prefix: str
) -> None:
    term, entry_no = term_entry
    _not_stated(prefix, f"{cue} {term}", entry_no)


@EXTRACT
@given(
    st.sampled_from(STATING),
    st.sampled_from(AFTER),
    st.sampled_from(PREFIXES),
    st.sampled_from(["", ":", " was"]),
)
def test_extract_cue_after_a_finding_never_states_it(
    term_entry: tuple[str, int], cue: str, prefix: str, link: str
) -> None:
    term, entry_no = term_entry
    _not_stated(prefix, f"{term}{link} {cue}", entry_no)


CONTENT = st.lists(
    st.one_of(
        st.sampled_from([t for t, _ in FINDING_TERMS]),
        st.sampled_from(
            [
                "VEGF 1200 pg/mL plasma",
                "platelets 620",
                "58-year-old man",
                "mujer de 62 años",
                "IgA lambda",
                "marrow positive",
                "3 sclerotic lesions",
                "ECOG 1",
                "CrCl 40 mL/min",
                "on dialysis",
                "transplant candidate",
                "candidato a TASPE",
                "he",
                "the patient",
                "with",
                "con",
            ]
        ),
    ),
    min_size=1,
    max_size=6,
)
STARTERS = sorted(CUES.question.starters)


@EXTRACT
@given(st.sampled_from(STARTERS), CONTENT, st.sampled_from(["?", "", " ?"]))
def test_extract_question_never_updates_the_case(starter: str, words: list[str], end: str) -> None:
    ex = extract(f"{starter} {', '.join(words)}{end}")
    assert ex.updates == {}, ex.updates


@EXTRACT
@given(CONTENT, st.booleans())
def test_extract_marked_question_never_updates_the_case(words: list[str], spanish: bool) -> None:
    text = f"¿{' '.join(words)}?" if spanish else f"{' '.join(words)}?"
    assert extract(text).updates == {}


@EXTRACT
@given(st.text(max_size=300))
def test_extract_is_total_and_deterministic(text: str) -> None:
    assert extract(text) == extract(text)

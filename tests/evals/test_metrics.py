"""Answer-level measures on hand-made answers: words, answer-first, language, case, citations."""

from __future__ import annotations

from assistant.contracts import Answer, Citation, PatientCase
from evals.metrics import (
    answer_first,
    case_fields,
    citation_check,
    first_words,
    language_ok,
    median,
    percentile,
    subset_ok,
    text_language,
    word_count,
)
from evals.rubric import Criterion

DOSE = Criterion(text="rt-dose", points=2, regex=r"(?i)40\s*(?:-|–|to|a|y)\s*50\s*Gy")


def _answer(text: str, lang: str = "en", citations: tuple[Citation, ...] = ()) -> Answer:
    return Answer(text=text, lang=lang, intent="x", citations=citations, knowledge_version="k")  # type: ignore[arg-type]


def _cite(n: int, quote: str) -> Citation:
    return Citation(
        n=n, source_id="s", title="t", locator="l", quote=quote, chunk_id="kc-1", section_id="x"
    )


def test_word_count_ignores_citation_markers() -> None:
    assert word_count("Radiation 40-50 Gy. [1] [@humeniuk2013]") == 3


def test_answer_first_needs_every_fact_within_150_words() -> None:
    early = "Radiation of 40-50 Gy is used. " + "filler " * 300
    late = "filler " * 200 + "Radiation of 40-50 Gy is used."
    assert answer_first(early, [DOSE]) and not answer_first(late, [DOSE])
    assert DOSE.matches(late)  # the fact is there, only too late
    harmful = Criterion(text="bad", points=-1, regex="filler")
    assert answer_first(early, [DOSE, harmful])  # negative lines are not facts to put first


def test_first_words_cuts_at_the_150th_word() -> None:
    text = " ".join(f"w{i}" for i in range(1, 201))
    head = first_words(text)
    assert head.endswith("w150") and "w151" not in head
    assert first_words("short text") == "short text"


def test_language_is_read_from_the_text() -> None:
    en = "The dose of radiation is 40-50 Gy and it is given to the lesion."
    es = "La dosis de radioterapia es de 40-50 Gy y se administra sobre la lesión."
    assert text_language(en) == "en" and text_language(es) == "es"
    assert text_language(en + " " + es) is None  # half and half is not one language
    assert text_language("¿Dosis?") == "es" and text_language("Dose?") == "en"


def test_language_ok_needs_the_field_and_the_text() -> None:
    es = "La dosis de radioterapia es de 40-50 Gy y se administra sobre la lesión."
    assert language_ok(_answer(es, "es"), "es")
    assert not language_ok(_answer(es, "en"), "en")  # labelled English, written in Spanish
    assert not language_ok(_answer("The dose is 40-50 Gy for the lesion.", "es"), "es")


def test_case_fields_and_subset() -> None:
    assert case_fields(None) == {} == case_fields(PatientCase())
    case = PatientCase.model_validate(
        {"age_years": 62, "vegf": {"value_pg_ml": 640, "specimen": "plasma"}}
    )
    fields = case_fields(case)
    assert subset_ok({"age_years": 62, "vegf": {"value_pg_ml": 640}}, fields)
    assert not subset_ok({"age_years": 3}, fields)
    assert not subset_ok({"vegf": {"specimen": "serum"}}, fields)
    assert not subset_ok({"transplant_eligible": False}, fields)
    # "unknown" is the default a case leaves out; any stated value is not unknown
    assert subset_ok({"papilledema": "unknown"}, fields)
    stated = case_fields(PatientCase.model_validate({"papilledema": "absent"}))
    assert not subset_ok({"papilledema": "unknown"}, stated)


def test_median_and_percentile() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 1000.0]
    assert median(values) == 30.0 and percentile(values, 90) == 1000.0
    assert median([]) == 0.0 == percentile([], 90)


def test_citation_check_needs_resolving_markers_and_supported_numbers() -> None:
    quote = "The median dose at one centre was 45 Gy (range 35-54 Gy)."
    cites = (_cite(1, quote),)
    assert citation_check(_answer("- The median dose was 45 Gy. [1]", citations=cites)) == (1, 1)
    assert citation_check(_answer("- The dose was 60 Gy. [1]", citations=cites)) == (0, 1)
    assert citation_check(_answer("- Radiation is used. [2]", citations=cites)) == (0, 1)
    extractive = "- The median dose at one centre was 45 Gy (range 35-54 Gy). [1]"
    assert citation_check(_answer(extractive, citations=cites)) == (1, 1)

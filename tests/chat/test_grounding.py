"""The optional generator path: a grounding check with langchain's fake chat models."""

from __future__ import annotations

from datetime import date

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.chat.evidence import sentences, strip_markers
from assistant.chat.grounding import ground, supported
from assistant.contracts import Citation
from assistant.generate import rephrase
from assistant.service import Assistant
from assistant.settings import Settings
from tests.chat.checks import unresolved_citations

Q = "What is the radiation dose for localized disease?"


def _cite(n: int, quote: str) -> Citation:
    return Citation(
        n=n,
        source_id="s",
        title="T",
        locator="§ x",
        quote=quote,
        chunk_id=f"kc-{n}",
        section_id="x",
    )


def test_supported_needs_numbers_and_words_from_the_quote() -> None:
    quote = "The median dose at Mayo was 45 Gy, with a range of 35 to 54 Gy [@humeniuk2013]."
    assert supported("The median Mayo dose was 45 Gy [1].", [quote])
    assert not supported("The median Mayo dose was 60 Gy [1].", [quote])
    assert not supported("Thalidomide cures every patient quickly [1].", [quote])


def test_ground_drops_invented_claims_and_citations_and_renumbers() -> None:
    cites = [
        _cite(1, "Radiation alpha beta gamma 40-50 Gy works."),
        _cite(2, "Aspirin for every patient without a contraindication."),
    ]
    text = (
        "### Dose\n"
        "Radiation of 40-50 Gy works [1]. Aspirin for every patient without contraindication [2].\n"
        "Thalidomide is the preferred first choice with 99% response [1].\n"
        "Bortezomib is always safe [7].\n"
        "An uncited claim that should go."
    )
    kept, new_cites, dropped = ground(text, cites)
    assert "Thalidomide" not in kept and "[7]" not in kept and "uncited" not in kept
    assert "Radiation of 40-50 Gy works [1]" in kept and "[2]" in kept
    assert dropped == 3
    assert [c.n for c in new_cites] == [1, 2]


@pytest.mark.slow
def test_rephrase_with_fake_model_keeps_only_grounded_sentences(built_service: Assistant) -> None:
    answer = built_service.ask(Q, today=date(2026, 11, 24))
    first = answer.citations[0]
    faithful = strip_markers(sentences(first.quote)[0])
    fake = FakeListChatModel(
        responses=[
            f"### Radiation\n{faithful} [{first.n}]\n"
            f"Thalidomide 400 mg is the best first-line therapy [{first.n}].\n"
            "Radiation cures 100% of patients [42].\n"
        ]
    )
    out = rephrase(answer, fake)
    assert faithful in out.text
    assert "Thalidomide" not in out.text and "[42]" not in out.text
    assert out.dropped_sentences == 2
    assert unresolved_citations(out) == [] and [c.n for c in out.citations] == [1]


@pytest.mark.slow
def test_service_uses_generator_when_configured(built_settings: Settings) -> None:
    service = Assistant(built_settings.model_copy(update={"llm": "fake:list"}))
    service._generator = FakeListChatModel(responses=["Nothing supported here [3]."])
    answer = service.ask(Q, today=date(2026, 11, 24))
    assert answer.dropped_sentences == 1
    assert "40-50 Gy" in answer.text  # nothing survived: the composed answer is kept


def test_rephrase_with_fake_generator_keeps_grounded_sentences() -> None:
    from assistant.chat import Conversation, respond
    from tests.fakes import FakeChatEngine, FakeGenerator

    answer = respond(Conversation(), Q, FakeChatEngine(), date(2026, 11, 24))[0]
    first = answer.citations[0]
    faithful = strip_markers(sentences(first.quote)[0])
    model = FakeGenerator().enqueue(
        f"{faithful} [{first.n}]\nBortezomib 1.3 mg/m² is the first choice [{first.n}]."
    )
    out = rephrase(answer, model)
    assert faithful in out.text and "Bortezomib" not in out.text
    assert out.dropped_sentences == 1
    assert len(model.history) == 1 and "Passages" in str(model.history[0])
    assert unresolved_citations(out) == []

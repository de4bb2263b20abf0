"""Pure chunking: headings, size cap, stable ids."""

from __future__ import annotations

from ingest.chunking import chunk_id, parse_markdown, slugify, split_text


def test_parse_markdown_title_sections_and_explicit_ids() -> None:
    title, sections = parse_markdown(
        "# Topic\n\n## First part {#first}\nAlpha.\n\n## Second part\nBeta.\n", "fallback"
    )
    assert title == "Topic"
    assert [(s.section_id, s.heading, s.text) for s in sections] == [
        ("first", "First part", "Alpha."),
        ("second-part", "Second part", "Beta."),
    ]


def test_parse_markdown_duplicate_headings_get_unique_ids() -> None:
    _, sections = parse_markdown("## Dose\na\n## Dose\nb\n", "f")
    assert [s.section_id for s in sections] == ["dose", "dose-2"]


def test_slugify_folds_accents() -> None:
    assert slugify("Radioterapia en la enfermedad localizada: ¿cuándo?") == (
        "radioterapia-en-la-enfermedad-localizada-cuando"
    )


def test_split_text_respects_cap_and_keeps_all_words() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(200))
    pieces = split_text(text, 300)
    assert all(len(p) <= 300 for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_split_text_packs_short_paragraphs_together() -> None:
    assert split_text("One.\n\nTwo.\n\nThree.", 100) == ["One. Two. Three."]


def test_chunk_id_is_stable_and_content_sensitive() -> None:
    a = chunk_id("s", "v1", "sec", "text")
    assert a == chunk_id("s", "v1", "sec", "text")
    assert a.startswith("kc-") and len(a) == 11
    assert a != chunk_id("s", "v2", "sec", "text")
    assert a != chunk_id("s", "v1", "sec", "text!")
